# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LegalCase(models.Model):
    """The claim's rates against the cap that binds the lender (loan_collection services/rates.py).

    For a private loan formed before 2020-08-20, the interest from 2020-08-20 is capped at 4 times
    the one-year LPR when the suit is filed (民间借贷规定 法释〔2020〕17号 第31条): the filing date, or
    the claim date before filing."""
    _inherit = "legal.case"

    rate_supported = fields.Float(
        string="Rate a Court Would Support (%/year)", digits=(6, 4), compute="_compute_rate_warning",
        help="The contract's charges (agreed or overdue rate plus fees) up to the cap that binds the lender.")
    rate_warning = fields.Char(compute="_compute_rate_warning", string="Rate Warning")

    @api.depends("contract_id.annual_rate", "contract_id.overdue_rate", "contract_id.fee_rate",
                 "contract_id.product_id.lender_type", "filing_date", "claim_date")
    def _compute_rate_warning(self):
        history = self.env["loan.lpr.rate"]._history()
        for case in self:
            case.rate_supported, case.rate_warning = 0.0, False
            contract = case.contract_id
            filed = case.filing_date or case.claim_date
            check = contract and contract._rate_check(history, fields.Date.from_string(filed) if filed else None)
            if not check:
                continue
            case.rate_supported = float(check.supported)
            case.rate_warning = contract._rate_warning_text(check) if check.flagged or check.refused else False
