# Shared set-up steps for `make run`, `make test` and `make bench` (sourced, not run).
# Each step reuses what exists, so a second run costs seconds. Every failure that a user
# can fix ends with one line saying what to do, never a traceback.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
NODE_DIR="$ROOT/.node"
ODOO_DIR="$ROOT/.odoo"
LESS_VERSION="3.13.1"

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

find_python37() {
    local candidate
    if [ -n "${PYTHON37:-}" ] && [ -x "$PYTHON37" ]; then echo "$PYTHON37"; return; fi
    if command -v pyenv >/dev/null 2>&1; then
        for candidate in "$(pyenv root)"/versions/3.7.*/bin/python3.7; do
            [ -x "$candidate" ] && { echo "$candidate"; return; }
        done
    fi
    for candidate in python3.7 /usr/bin/python3.7 /usr/local/bin/python3.7; do
        command -v "$candidate" >/dev/null 2>&1 && { command -v "$candidate"; return; }
    done
    return 1
}

stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

ensure_venv() {
    local stamp_file="$VENV/.requirements.sha256" want
    want="$(stamp_of "$ROOT/requirements.txt" "$ROOT/requirements-odoo.txt")"
    if [ -x "$PY" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$want" ]; then return; fi
    local py37
    py37="$(find_python37)" || die "CPython 3.7 not found (Odoo 11 does not run on newer Pythons): install it with 'pyenv install 3.7.16', or put python3.7 on PATH, or set PYTHON37=/path/to/python3.7, then run make again."
    say "creating the virtualenv with $py37 and installing the pinned packages"
    [ -x "$PY" ] || "$py37" -m venv "$VENV" || die "could not create the virtualenv in $VENV with $py37: check that Python 3.7 has its venv module."
    # Everything is pinned and complete, so no dependency resolution is needed (--no-deps).
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements.txt" 2> >(grep -v 'is ignored' >&2) \
        || die "pip could not install requirements.txt (see the lines above): check network access to PyPI, then run make again."
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements-odoo.txt" 2> >(grep -v 'is ignored' >&2) \
        || die "pip could not install the Odoo 11.0 packages (requirements-odoo.txt): check network access to PyPI, then run make again."
    echo "$want" > "$stamp_file"
}

ensure_lessc() {
    # Odoo 11 compiles its LESS with an external lessc; Debian's node-less is broken on Node 20.
    if [ -x "$NODE_DIR/node_modules/.bin/lessc" ]; then return; fi
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js and npm (apt-get install -y nodejs npm), then run make again; Odoo's web client needs lessc."
    say "installing lessc $LESS_VERSION into .node/"
    mkdir -p "$NODE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$NODE_DIR" "less@$LESS_VERSION" >/dev/null \
        || die "npm could not install less@$LESS_VERSION: check access to the npm registry, then run make again."
}

# Debian packages the tests need, without their recommendations; the package lists are refreshed
# once if the first try fails (a fresh machine may have none).
apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; } \
        || die "apt-get could not install $*: install them yourself, then run make again."
}

ensure_faketime() {
    command -v faketime >/dev/null 2>&1 && return
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
        || die "faketime not found and it cannot be installed here: install Debian's faketime package (libfaketime), then run make again."
    say "installing faketime (libfaketime)"
    apt_install faketime
}

# LibreOffice renders the generated .docx to PDF in the tests that count pages (a one-page letter
# must fit on one page): Writer without a GUI and a CJK font (any CJK font is one em per character,
# as 仿宋 and 宋体 are, so the lines break where Word breaks them).
ensure_libreoffice() {
    command -v soffice >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . && return
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
        || die "LibreOffice (soffice) or a Chinese font is missing and cannot be installed here: install Debian's libreoffice-writer-nogui and fonts-wqy-zenhei, then run make again."
    say "installing LibreOffice Writer (no GUI) and a Chinese font"
    apt_install libreoffice-writer-nogui fonts-wqy-zenhei
}

# The browser tests (tests/browser/) drive Debian's Chromium headless through Python playwright
# (pinned in requirements.txt; it launches /usr/bin/chromium, no browser download). Chinese text
# needs a CJK font (fonts-wqy-zenhei, as for LibreOffice) or it renders as boxes in screenshots.
ensure_chromium() {
    command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . && return
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
        || die "Chromium or a Chinese font is missing and cannot be installed here: install Debian's chromium and fonts-wqy-zenhei, then run make again."
    say "installing Chromium (headless, for the browser tests) and a Chinese font"
    apt_install chromium fonts-wqy-zenhei
}

pg_answers() {
    "$PY" - <<'PY' 2>/dev/null
import psycopg2, sys
try:
    psycopg2.connect(dbname="postgres", connect_timeout=3).close()
except Exception:
    sys.exit(1)
PY
}

ensure_postgres() {
    # Use the PostgreSQL already running (PGHOST/PGPORT/PGUSER are honoured); install one only if none answers.
    if pg_answers; then return; fi
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
        || die "PostgreSQL does not answer and cannot be installed here (needs apt-get as root): start a PostgreSQL server (or set PGHOST/PGPORT/PGUSER), then run make again."
    say "no PostgreSQL answers; installing and starting one"
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } \
            || die "apt-get could not install postgresql: install PostgreSQL yourself and start it, then run make again."
    fi
    local version
    version="$(ls /etc/postgresql | sort -n | tail -1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start \
        || die "could not start PostgreSQL $version: see /var/log/postgresql, then run make again."
    su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$(id -un)') THEN CREATE ROLE \\\"$(id -un)\\\" LOGIN SUPERUSER; END IF; END \\\$\\\$\"" \
        || die "could not create the PostgreSQL role $(id -un): create it (CREATE ROLE ... LOGIN CREATEDB), then run make again."
    pg_answers || die "PostgreSQL was started but does not answer: check PGHOST/PGPORT, then run make again."
}

write_config() {
    # write_config FILE DBNAME PORT [EXTRA_ADDONS]: an Odoo configuration for this checkout
    # (EXTRA_ADDONS: one more addons directory, e.g. make bench --peer's OCA addon).
    local file="$1" db="$2" port="$3" extra="${4:+,$4}"
    mkdir -p "$(dirname "$file")" "$ODOO_DIR/data"
    local core
    core="$("$PY" -c 'import os, odoo.addons; print(os.path.dirname(odoo.addons.__file__))' 2>/dev/null)" \
        || die "the virtualenv in .venv is broken: remove it (rm -rf .venv) and run make again."
    cat > "$file" <<CFG
[options]
addons_path = $core,$ROOT/addons$extra
data_dir = $ODOO_DIR/data
db_name = $db
dbfilter = ^$db\$
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-False}
db_password = ${PGPASSWORD:-False}
http_port = $port
admin_passwd = admin
list_db = False
log_level = warn
; queue_job's runner starts with the server and runs the background jobs (bulk documents)
server_wide_modules = base,web,queue_job
; One process (workers = 0, the default of make run): HTTP, cron and the job runner share it.
; Production (README, "Running a large portfolio"): workers = 2 x CPUs + 1, max_cron_threads = 1
; or 2, limit_time_real above the longest job, proxy_mode behind nginx; one PostgreSQL for all.
workers = ${ODOO_WORKERS:-0}
max_cron_threads = ${ODOO_CRON_THREADS:-1}

[queue_job]
; Channels and their capacity (jobs at once): bulk documents, portfolio imports and the daily
; run's slices each in their own channel, so that an import cannot hold back the documents.
channels = ${QUEUE_JOB_CHANNELS:-root:2,root.documents:1,root.import:1,root.run:1}
CFG
}

odoo_cmd() { PATH="$NODE_DIR/node_modules/.bin:$PATH" "$PY" "$ROOT/tools/odoo_db.py" "$@"; }

MODULES="loan_collection,loan_legal"

port_taken() {
    # Something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp: no Python needed yet).
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

addons_hash() {
    (cd "$ROOT" && find addons -type f -not -path '*/__pycache__/*' -not -name '*.pyc' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
}

# odoo_step LOGFILE MESSAGE COMMAND...: run a long Odoo step with its log in a file, and on
# failure show the end of that log and one line saying where the rest is.
odoo_step() {
    local log="$1" message="$2"; shift 2
    say "$message"
    if ! PATH="$NODE_DIR/node_modules/.bin:$PATH" "$@" >"$log" 2>&1; then
        tail -n 25 "$log" >&2
        die "$message failed: the end of the log is above, all of it in $log."
    fi
}

# wait_for_odoo PID PORT LOG DB: until the server answers /web/login with 200 (up to 2 minutes).
# A server that stopped, or that answers 500 (its registry could not be loaded), ends it at once
# with one line naming the error: every later request would fail the same way.
wait_for_odoo() {
    local pid="$1" port="$2" log="$3" db="$4" code="" error
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            error="$(grep -E '^[A-Za-z0-9_.]*(Error|Exception)\b' "$log" 2>/dev/null | tail -n 1)"
            die "Odoo stopped while starting${error:+ ($error)}: see the end of $log."
        fi
        code="$("$PY" -c 'import sys, urllib.request
try:
    print(urllib.request.urlopen("http://127.0.0.1:%s/web/login" % sys.argv[1], timeout=5).status)
except Exception as e:
    print(getattr(e, "code", 0))' "$port")"
        [ "$code" = 200 ] && return 0
        if [ "$code" = 500 ] || grep -q "Failed to load registry" "$log" 2>/dev/null; then
            error="$(grep -E '^[A-Za-z0-9_.]*(Error|Exception)\b' "$log" 2>/dev/null | tail -n 1)"
            die "Odoo cannot load the database $db and answers 500${error:+ ($error)}: the traceback is in $log; 'make clean' then 'make run' builds the database again."
        fi
        sleep 1
    done
    die "Odoo did not answer on port $port within 2 minutes: see $log."
}
