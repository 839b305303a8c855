# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.loan_contract_acceleration import ACCELERATION_KINDS
from ..models.res_company import business_today


class LoanContractAcceleration(models.TransientModel):
    _name = "loan.contract.acceleration"
    _description = "Accelerate a Loan"

    contract_id = fields.Many2one("loan.contract", required=True)
    kind = fields.Selection(ACCELERATION_KINDS, string="Act", required=True, default="accelerated")
    date = fields.Date(required=True, default=business_today,
                       help="The day the notice of acceleration or termination reached the borrower.")
    clause = fields.Char(string="Contract Clause", required=True, help="e.g. 第十二条")
    reason = fields.Text(string="Grounds", help="What the borrower did: e.g. three instalments unpaid.")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.contract_id.action_record_acceleration(self.kind, self.date, self.clause, self.reason)
        return {"type": "ir.actions.act_window_close"}
