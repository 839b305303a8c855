# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The foreign keys of collection_case can wait for the end of the daily run (DEFERRABLE INITIALLY IMMEDIATE).

PostgreSQL checks again every foreign key of a row whose current version the transaction itself
wrote (inserted or already updated), whether its keys changed or not (ri_triggers.c,
RI_FKey_fk_upd_check_required: the new version makes the earlier check moot). The daily run opens its
new cases and then writes each of them three more times (amounts, allocation, next step): a dozen key
checks a case each time, most of the cost of those writes (at 100,000 overdue installments, 20,000
new cases: about 2 s of PostgreSQL CPU a write). The run defers these keys (case_keys_deferred) and
checks them when its writes are done, before it returns: the checks of the versions it superseded are
then skipped (RI_FKey_check tests the row's liveness first), and each new case is checked once.
INITIALLY IMMEDIATE: every other statement is checked at its end, as before.
"""
from contextlib import contextmanager

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


@contextmanager
def case_keys_deferred(cr):
    """The deferrable foreign keys of collection_case deferred while the block runs, then checked
    (SET CONSTRAINTS ... IMMEDIATE checks what was deferred): a violation is raised here, in the
    caller's transaction and error handling, not at the commit. Named, not ALL: no other deferrable
    constraint, of this addon or another, changes mode."""
    cr.execute("""
        SELECT string_agg(quote_ident(conname), ', ') FROM pg_constraint
         WHERE conrelid = 'collection_case'::regclass AND contype = 'f' AND condeferrable
    """)
    keys = cr.fetchone()[0]
    if keys:
        cr.execute("SET CONSTRAINTS %s DEFERRED" % keys)
    yield
    if keys:
        cr.execute("SET CONSTRAINTS %s IMMEDIATE" % keys)


class CollectionCase(models.Model):
    _inherit = "collection.case"

    @api.model_cr
    def init(self):
        super(CollectionCase, self).init()
        # Odoo adds the foreign keys of the fields after every model's init() (the registry's
        # post-init queue, in order): queued now, this comes after those of this install or upgrade.
        self.pool.post_init(make_foreign_keys_deferrable, self.env.cr, self._table)
