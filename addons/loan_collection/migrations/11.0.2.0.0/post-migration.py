# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.2.0.0: move the values kept aside by pre-migration.py into loan.debtor.profile (one per
partner), then drop the old res.partner columns so no copy of the private data stays where every
user can read it (个人信息保护法 第51条).

A profile the demo data has already created is completed, never overwritten. Profiles of partners
with an XML id get the XML id the demo data uses (profile_<name>_demo), so loading a later module's
demo data updates them instead of creating a second profile."""
from odoo.addons.loan_collection.services import identity

# The same list as in pre-migration.py (migration scripts are loaded one by one, not as a package).
MOVED = ("identity_type", "identity_number", "household_address", "employer_name", "monthly_income",
         "education", "temperament_note", "credit_note")
DROPPED = MOVED + ("birth_date",)


def _profile_xmlid(module, name):
    base = name[len("partner_"):] if name.startswith("partner_") else name
    if base.endswith("_demo"):
        base = base[:-len("_demo")]
    return (module if module in ("loan_collection", "loan_legal") else "loan_collection",
            "profile_%s_demo" % base)


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT to_regclass('loan_debtor_profile_legacy')")
    if not cr.fetchone()[0]:
        return
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = 'loan_debtor_profile_legacy' AND column_name IN %s", [MOVED])
    present = [row[0] for row in cr.fetchall()]
    columns = ", ".join('"%s"' % name for name in present)
    cr.execute("SELECT partner_id, %s FROM loan_debtor_profile_legacy" % columns)
    for row in cr.dictfetchall():
        values = {name: row[name] for name in present}
        number = values.get("identity_number")
        if number:
            values["identity_number"] = identity.normalize_identity(number)
        values["birth_date"] = (identity.birth_date_from_resident_id(values["identity_number"])
                                if values.get("identity_type") == "resident_id" and number else None)
        cr.execute("SELECT id FROM loan_debtor_profile WHERE partner_id = %s", [row["partner_id"]])
        existing = cr.fetchone()
        names = list(values)
        if existing:
            # Completed, never overwritten: the demo data (or a user) may have set it since.
            cr.execute("UPDATE loan_debtor_profile SET %s WHERE id = %%s"
                       % ", ".join('"%s" = COALESCE("%s", %%s)' % (name, name) for name in names),
                       [values[name] for name in names] + [existing[0]])
            continue
        cr.execute("INSERT INTO loan_debtor_profile (partner_id, create_uid, write_uid, create_date, write_date, %s) "
                   "VALUES (%%s, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC', %s) RETURNING id"
                   % (", ".join('"%s"' % name for name in names), ", ".join(["%s"] * len(names))),
                   [row["partner_id"]] + [values[name] for name in names])
        profile_id = cr.fetchone()[0]
        cr.execute("SELECT module, name FROM ir_model_data WHERE model = 'res.partner' AND res_id = %s",
                   [row["partner_id"]])
        for module, name in cr.fetchall():
            module, xml_name = _profile_xmlid(module, name)
            cr.execute("SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s", [module, xml_name])
            if not cr.fetchone():
                # noupdate: never removed as "no longer in the data files" by this update.
                cr.execute("INSERT INTO ir_model_data (module, name, model, res_id, noupdate, date_init, date_update) "
                           "VALUES (%s, %s, 'loan.debtor.profile', %s, true, now() at time zone 'UTC', "
                           "now() at time zone 'UTC')", [module, xml_name, profile_id])
    cr.execute("DROP TABLE loan_debtor_profile_legacy")
    for name in DROPPED:
        cr.execute('ALTER TABLE res_partner DROP COLUMN IF EXISTS "%s"' % name)
