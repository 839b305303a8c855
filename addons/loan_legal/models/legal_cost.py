# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.addons.loan_collection.models.res_company import business_today

COST_TYPES = [
    ("acceptance", "Case Acceptance Fee"),          # 诉讼费用交纳办法 第十三条
    ("preservation", "Preservation Fee"),            # 第十四条(二)
    ("preservation_guarantee", "Preservation Guarantee or Insurance"),
    ("lawyer", "Lawyer Fee"),
    ("enforcement", "Enforcement Fee"),              # 第十四条(一)
    ("appeal", "Second-instance Fee"),               # 第十七条
    ("announcement", "Announcement Fee"),
    ("other", "Other"),
]


class LegalCost(models.Model):
    _name = "legal.cost"
    _description = "Legal Cost"
    _order = "date desc, id desc"

    case_id = fields.Many2one("legal.case", string="Legal Case", required=True, ondelete="cascade", index=True)
    cost_type = fields.Selection(COST_TYPES, string="Type", required=True, default="other")
    name = fields.Char(string="Description")
    amount = fields.Monetary(required=True)
    date = fields.Date(required=True, default=business_today)
    recoverable = fields.Boolean(
        string="Recoverable from the Debtor", default=True,
        help="Charged to the debtor (court fees the judgment puts on him, costs of realising the claim the "
             "contract lets us pass on); shown as fees on the collection case.")
    note = fields.Text()
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", readonly=True, store=True)
    partner_id = fields.Many2one(related="case_id.partner_id", readonly=True, string="Debtor")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A cost cannot be negative."),
    ]

    @api.model
    def create(self, vals):
        cost = super(LegalCost, self).create(vals)
        cost.case_id._update_collection_fees()
        return cost

    @api.multi
    def write(self, vals):
        cases = self.mapped("case_id")
        result = super(LegalCost, self).write(vals)
        if {"amount", "recoverable", "case_id"} & set(vals):
            (cases | self.mapped("case_id"))._update_collection_fees()
        return result

    @api.multi
    def unlink(self):
        cases = self.mapped("case_id")
        result = super(LegalCost, self).unlink()
        cases.exists()._update_collection_fees()
        return result
