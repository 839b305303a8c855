# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

ALLOCATION_ORDERS = [
    ("legal", "Statutory: Costs, Interest, Penalty Interest, Principal"),
    ("penalty_first", "Costs, Penalty Interest, Interest, Principal"),
    ("principal_first", "Costs, Principal, Interest, Penalty Interest"),
]


class LoanContract(models.Model):
    """The order in which a recovery pays what the contract's debtor owes."""
    _inherit = "loan.contract"

    allocation_order = fields.Selection(
        ALLOCATION_ORDERS, string="Payment Allocation Order", required=True, default="legal",
        readonly=True, states={"draft": [("readonly", False)]}, track_visibility="onchange",
        help="How a payment that does not cover everything owed is applied. By law (民法典 第561条) "
             "it goes to the costs of realising the claim, then interest (penalty interest included), "
             "then principal, unless the contract agreed another order.")
