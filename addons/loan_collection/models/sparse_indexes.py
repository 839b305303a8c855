# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partial indexes of the references most rows lack.

A B-tree index holds an entry for every row, empty reference or not, and an update PostgreSQL
cannot make HOT adds an entry to every index of the table. Few installments are linked to the
recovery that booked their charges, a write-off, a settlement or a restructuring plan, and few
cases to an agency and its placement; indexed only where set, those indexes cost the daily run's
writes nothing. The run's first pass over a book links every newly overdue installment to its case
(not HOT: the case is indexed) and writes each new case four times (opened, amounts, allocation,
next step). Every lookup by one of them (=, IN, set) implies the index's condition: PostgreSQL uses it.

The fields say index=False: Odoo drops their former full index (<table>_<column>_index) when the
addon is upgraded, before the models' init() creates these (account_invoice.py, list_indexes.py).
"""

SPARSE_REFERENCES = {
    "account_invoice": ("recovery_id", "writeoff_id", "settlement_id", "plan_settlement_id"),
    "collection_case": ("placement_id", "agency_id"),
}


def create_sparse_indexes(cr, table):
    """The partial indexes of `table`'s rare references (SPARSE_REFERENCES), unless they exist."""
    for column in SPARSE_REFERENCES[table]:
        cr.execute('CREATE INDEX IF NOT EXISTS "{0}_{1}_set_index" ON "{0}" ("{1}") WHERE "{1}" IS NOT NULL'
                   .format(table, column))
