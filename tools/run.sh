#!/usr/bin/env bash
# `make run`: the product with demo data on http://localhost:$PORT. A second run reuses the
# virtualenv, lessc and the database, upgrades the addons only when their files changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8069}"
DB="${DB:-loan_demo}"
CFG="$ODOO_DIR/run.cfg"
STAMP="$ODOO_DIR/$DB.addons.sha256"

if port_taken "$PORT"; then
    die "port $PORT is already in use (another Odoo? see 'ss -ltnp | grep :$PORT'): stop it, or run 'make run PORT=8070'."
fi
ensure_venv
ensure_lessc
ensure_postgres
write_config "$CFG" "$DB" "$PORT"

exists="$("$PY" - "$DB" <<'PY'
import sys, psycopg2
with psycopg2.connect(dbname="postgres") as conn, conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
    print("yes" if cr.fetchone() else "no")
PY
)"
if [ "$exists" = no ]; then
    rm -f "$STAMP"
    odoo_step "$ODOO_DIR/setup.log" "creating database $DB with both addons, demo data and Chinese (about 2 minutes, first time only)" \
        "$PY" "$ROOT/tools/odoo_db.py" create "$CFG" "$DB" --demo --modules "$MODULES"
    addons_hash > "$STAMP"
elif [ "$(cat "$STAMP" 2>/dev/null)" != "$(addons_hash)" ]; then
    odoo_step "$ODOO_DIR/setup.log" "the addons changed since the last run: upgrading them in $DB" \
        "$PY" "$ROOT/tools/odoo_db.py" create "$CFG" "$DB" --demo --modules "$MODULES"
    odoo_step "$ODOO_DIR/setup.log" "upgrading $MODULES in $DB" \
        "$PY" "$ROOT/tools/odoo_db.py" update "$CFG" "$DB" --modules "$MODULES"
    addons_hash > "$STAMP"
fi

LOG="$ODOO_DIR/odoo.log"
# A fresh log for each start: the checks below read this start's errors only.
[ -f "$LOG" ] && mv -f "$LOG" "$LOG.previous"
# Odoo's own warning about running as root goes to the log's side, not the console.
PATH="$NODE_DIR/node_modules/.bin:$PATH" "$PY" "$ROOT/tools/odoo_db.py" server "$CFG" --logfile="$LOG" --log-level=info \
    2> >(grep -v "^Running as user 'root' is a security risk" >&2) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' INT TERM EXIT
wait_for_odoo "$server" "$PORT" "$LOG" "$DB"
echo "Odoo is running at http://localhost:$PORT (login admin / admin, database $DB, log in .odoo/odoo.log); Ctrl-C stops it."
wait "$server"
