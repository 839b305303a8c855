#!/usr/bin/env bash
# `make test`: a throwaway database with both addons (and their demo data) installed, every
# test run by pytest (pytest-odoo for the addons, plain pytest for tests/), the database dropped.
# Arguments are passed to pytest (make test ARGS="addons/loan_collection/tests/test_case.py").
# TEST_DB=name keeps and reuses that database instead (upgraded when the addons change).
# AT="17:30" (a UTC time, or "2026-12-01 03:00") runs all of it with the machine's clock started at
# that time (libfaketime, installed with apt if missing), to show that no test depends on the hour.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ -n "${AT:-}" ] && [ -z "${LOAN_TEST_AT:-}" ]; then
    start="$(date -u -d "$AT" '+%Y-%m-%d %H:%M:%S' 2>/dev/null)" \
        || die "AT=\"$AT\" is not a time: give a UTC time such as 17:30 or \"2026-12-01 03:00\"."
    ensure_faketime
    say "running with the clock started at $start UTC (libfaketime)"
    LOAN_TEST_AT="$start" exec faketime -f "@$start" bash "$0" "$@"
fi
ensure_venv
ensure_postgres
ensure_libreoffice
ensure_chromium
ensure_lessc

if [ -n "${TEST_DB:-}" ]; then
    DB="$TEST_DB"
    CFG="$ODOO_DIR/test-$DB.cfg"
    write_config "$CFG" "$DB" 8069
    STAMP="$ODOO_DIR/$DB.addons.sha256"
    odoo_step "$ODOO_DIR/test-install.log" "installing both addons into the test database $DB (kept)" \
        "$PY" "$ROOT/tools/odoo_db.py" create "$CFG" "$DB" --demo --modules "$MODULES"
    if [ "$(cat "$STAMP" 2>/dev/null)" != "$(addons_hash)" ]; then
        odoo_step "$ODOO_DIR/test-install.log" "upgrading the addons in $DB" \
            "$PY" "$ROOT/tools/odoo_db.py" update "$CFG" "$DB" --modules "$MODULES"
        addons_hash > "$STAMP"
    fi
else
    DB="loan_test_$(date +%Y%m%d%H%M%S)_$$"
    CFG="$ODOO_DIR/test-$DB.cfg"
    write_config "$CFG" "$DB" 8069
    trap '"$PY" "$ROOT/tools/odoo_db.py" drop "$CFG" "$DB" >/dev/null 2>&1 || echo "warning: could not drop $DB" >&2; rm -f "$CFG"' EXIT
    odoo_step "$ODOO_DIR/test-install.log" "installing both addons with demo data into the throwaway database $DB" \
        "$PY" "$ROOT/tools/odoo_db.py" create "$CFG" "$DB" --demo --modules "$MODULES"
fi

say "running the tests"
cd "$ROOT"
set +e
"$PY" -m pytest --odoo-config="$CFG" "$@"
status=$?
set -e
exit $status
