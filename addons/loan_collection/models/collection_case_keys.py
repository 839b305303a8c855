# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The foreign keys of collection_case can be checked at the commit (DEFERRABLE INITIALLY IMMEDIATE).

PostgreSQL checks again every foreign key of a row updated in the transaction that inserted it,
whether its keys changed or not (ri_triggers.c, RI_FKey_fk_upd_check_required: the update makes
the insert's own check moot). The daily run opens its new cases and then writes each of them three
more times (amounts, allocation, next step): twelve key checks a case each time, most of the cost
of those writes (at 100,000 overdue installments, 20,000 new cases: about 2 s of PostgreSQL CPU a
write). The run defers the checks to its commit (SET CONSTRAINTS ALL DEFERRED, collection_run.py),
where those of the versions it superseded are skipped (RI_FKey_check tests the row's liveness first):
each new case is checked once. INITIALLY IMMEDIATE: every other transaction checks them as before,
at the end of each statement.
"""
from odoo import api, models


def make_foreign_keys_deferrable(cr, table):
    """DEFERRABLE INITIALLY IMMEDIATE on the foreign keys of `table` not yet so. Odoo keeps a
    foreign key whose table and ON DELETE rule are right (tools/sql.py, fix_foreign_key) and
    recreates the others plain: this runs after it at every install and upgrade."""
    cr.execute("""
        SELECT conname FROM pg_constraint
         WHERE conrelid = %s::regclass AND contype = 'f' AND NOT condeferrable
    """, (table,))
    for (name,) in cr.fetchall():
        cr.execute('ALTER TABLE "%s" ALTER CONSTRAINT "%s" DEFERRABLE INITIALLY IMMEDIATE' % (table, name))


class CollectionCase(models.Model):
    _inherit = "collection.case"

    @api.model_cr
    def init(self):
        super(CollectionCase, self).init()
        # Odoo adds the foreign keys of the fields after every model's init() (the registry's
        # post-init queue, in order): queued now, this comes after those of this install or upgrade.
        self.pool.post_init(make_foreign_keys_deferrable, self.env.cr, self._table)
