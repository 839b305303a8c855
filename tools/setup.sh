#!/usr/bin/env bash
# Virtualenv, lessc and PostgreSQL: the part of set-up that `make run` and `make test` share.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_venv
ensure_lessc
ensure_postgres
