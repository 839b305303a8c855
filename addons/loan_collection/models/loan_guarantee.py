# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import guarantee as guarantee_rules

GUARANTEE_TYPES = [
    ("general", "General Guarantee"),          # 一般保证 (民法典 第687条)
    ("joint", "Joint and Several Guarantee"),  # 连带责任保证 (民法典 第688条)
    ("mortgage", "Mortgage"),                  # 抵押 (民法典 第394条)
    ("pledge", "Pledge"),                      # 质押 (民法典 第425条)
    ("counter", "Counter-guarantee"),          # 反担保 (民法典 第387条第二款)
]


class LoanGuarantee(models.Model):
    _name = "loan.guarantee"
    _description = "Loan Guarantee"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one("loan.contract", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Guarantor", required=True, index=True)
    role = fields.Selection(
        [("guarantor", "Guarantor"), ("counter_guarantor", "Counter-guarantor")],
        required=True, default="guarantor")
    guarantee_type = fields.Selection(GUARANTEE_TYPES, string="Type", required=True, default="joint")
    contract_number = fields.Char(string="Guarantee Contract No.")
    amount = fields.Monetary(string="Amount Secured", currency_field="currency_id")
    currency_id = fields.Many2one(related="contract_id.currency_id", readonly=True)
    collateral = fields.Text(help="What is mortgaged or pledged, with its location and identifying details.")
    registration_authority = fields.Char(help="Where the mortgage or pledge is registered.")
    registration_number = fields.Char()
    registration_date = fields.Date()
    agreed_period_end = fields.Date(
        string="Agreed Guarantee Period End",
        help="The end of the guarantee period (保证期间) agreed in the guarantee contract, for a general or "
             "joint guarantee. Empty, or on or before the loan's maturity: six months from the maturity "
             "(民法典 第692条第二款).")

    @api.constrains("agreed_period_end", "guarantee_type")
    def _check_agreed_period_end(self):
        for guarantee in self:
            if guarantee.agreed_period_end and guarantee.guarantee_type not in ("general", "joint"):
                raise ValidationError(_(
                    "%s: only a general or joint guarantee (保证) has a guarantee period; a mortgage, pledge or "
                    "counter-guarantee has none. Clear the agreed guarantee period end.")
                    % guarantee.partner_id.display_name)

    # 最高额担保: the guarantee secures the debts of a period up to a ceiling (民法典 第420条 for a
    # mortgage, 第690条 for a guarantee).
    maximum = fields.Boolean(string="Maximum-amount Guarantee",
                             help="The guarantee secures the debts arising over a period up to a ceiling (最高额担保).")
    maximum_ceiling = fields.Monetary(string="Maximum Amount", currency_field="currency_id",
                                      help="The ceiling of the debts the maximum-amount guarantee secures (最高债权额).")

    @api.constrains("maximum", "maximum_ceiling")
    def _check_maximum(self):
        for guarantee in self:
            if guarantee.maximum and guarantee.maximum_ceiling <= 0:
                raise ValidationError(_("The maximum-amount guarantee of %s has no ceiling: enter the maximum amount "
                                        "it secures, as written in the guarantee contract.")
                                      % guarantee.partner_id.display_name)

    @api.multi
    def _answers_to_company(self):
        """The guarantees owed to the company (services/guarantee.py): a guarantor's to the lender,
        a counter-guarantor's only to the guarantee company that paid."""
        return self.filtered(lambda g: guarantee_rules.answers_to_company(
            g.role, g.contract_id.company_id.creditor_role))

    @api.multi
    def _third_party(self):
        """The guarantees given by someone other than the borrower: a borrower who mortgaged his own
        property stays the borrower (the mortgage only gives the creditor priority), never a guarantor."""
        return self.filtered(lambda g: g.partner_id != g.contract_id.partner_id)

    @api.model
    def create(self, vals):
        guarantee = super(LoanGuarantee, self).create(vals)
        guarantee.contract_id.case_ids.filtered("is_open")._sync_parties()
        return guarantee

    @api.multi
    def write(self, vals):
        result = super(LoanGuarantee, self).write(vals)
        self.mapped("contract_id.case_ids").filtered("is_open")._sync_parties()
        return result
