#!/usr/bin/env bash
# Refresh the translation template of each addon (i18n/<addon>.pot) from a database with the
# current code, and merge it into i18n/zh_CN.po: new terms are added untranslated, terms no
# longer used are dropped, existing translations kept. Prints what is left to translate.
# Usage: bash tools/i18n.sh [addon ...]   (default: both addons)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_venv
ensure_postgres
DB="${I18N_DB:-loan_i18n}"
CFG="$ODOO_DIR/i18n-$DB.cfg"
STAMP="$ODOO_DIR/$DB.addons.sha256"
write_config "$CFG" "$DB" 8069
odoo_step "$ODOO_DIR/i18n.log" "installing the addons into $DB" \
    "$PY" "$ROOT/tools/odoo_db.py" create "$CFG" "$DB" --modules "$MODULES"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$(addons_hash)" ]; then
    odoo_step "$ODOO_DIR/i18n.log" "upgrading the addons in $DB" \
        "$PY" "$ROOT/tools/odoo_db.py" update "$CFG" "$DB" --modules "$MODULES"
    addons_hash > "$STAMP"
fi
addons=("$@")
[ ${#addons[@]} -gt 0 ] || IFS=, read -r -a addons <<< "$MODULES"
for addon in "${addons[@]}"; do
    mkdir -p "$ROOT/addons/$addon/i18n"
    odoo_step "$ODOO_DIR/i18n.log" "exporting the terms of $addon" \
        "$PY" "$ROOT/tools/odoo_db.py" server "$CFG" -d "$DB" --i18n-export="$ODOO_DIR/$addon.po" \
        --modules="$addon" --stop-after-init
    "$PY" - "$ODOO_DIR/$addon.po" "$ROOT/addons/$addon/i18n" "$addon" <<'PY'
import os, sys
import polib
exported, folder, addon = sys.argv[1:]
pot = polib.pofile(exported)
pot.save(os.path.join(folder, addon + ".pot"))
path = os.path.join(folder, "zh_CN.po")
old = polib.pofile(path) if os.path.exists(path) else polib.POFile()
known = {(e.msgctxt, e.msgid): e.msgstr for e in old if e.msgstr}
po = polib.POFile()
po.metadata = dict(pot.metadata, Language="zh_CN", **{"Plural-Forms": "nplurals=1; plural=0;"})
for entry in pot:
    entry.msgstr = known.get((entry.msgctxt, entry.msgid), "")
    po.append(entry)
po.save(path)
missing = [e.msgid for e in po if not e.msgstr]
print("%s: %d terms, %d untranslated" % (addon, len(po), len(missing)))
PY
done
