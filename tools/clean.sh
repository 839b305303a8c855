#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ -x "$PY" ] && [ -f "$ODOO_DIR/run.cfg" ]; then "$PY" "$ROOT/tools/odoo_db.py" drop "$ODOO_DIR/run.cfg" "${DB:-loan_demo}" || true; fi
rm -rf "$VENV" "$NODE_DIR" "$ODOO_DIR"
echo "removed .venv, .node, .odoo and the database ${DB:-loan_demo}"
