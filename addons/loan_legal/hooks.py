# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Collection cases transferred to the legal team before this addon was installed get their
    legal case now, as a transfer would have opened it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    cases = env["collection.case"].search([("stage", "=", "legal")])
    without = cases.filtered(lambda case: not env["legal.case"].search_count([("collection_case_id", "=", case.id)]))
    if without:
        without._handover_to_legal()
