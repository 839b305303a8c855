# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.2.0.0: the debtor's private data moves from res.partner to loan.debtor.profile.

Before the new code loads, keep the old columns' values aside (the new res.partner fields are not
stored); post-migration.py moves them into the profiles and drops the old columns."""

LEGACY_COLUMNS = ("identity_type", "identity_number", "household_address", "employer_name", "monthly_income",
                  "education", "temperament_note", "credit_note")


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = 'res_partner' AND column_name IN %s", [LEGACY_COLUMNS])
    present = [row[0] for row in cr.fetchall()]
    if not present:
        return
    # Column names come from the fixed list above, never from data.
    columns = ", ".join('"%s"' % name for name in present)
    not_empty = " OR ".join('"%s" IS NOT NULL' % name for name in present)
    cr.execute("DROP TABLE IF EXISTS loan_debtor_profile_legacy")
    cr.execute("CREATE TABLE loan_debtor_profile_legacy AS SELECT id AS partner_id, %s FROM res_partner WHERE %s"
               % (columns, not_empty))
