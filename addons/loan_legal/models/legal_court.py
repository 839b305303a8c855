# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# 人民法院组织法 第12条: 最高人民法院、地方各级人民法院 (高级、中级、基层).
COURT_LEVELS = [
    ("basic", "Basic People's Court"),
    ("intermediate", "Intermediate People's Court"),
    ("high", "High People's Court"),
]


class LegalCourt(models.Model):
    _name = "legal.court"
    _description = "Court"
    _order = "state_id, level, name"

    name = fields.Char(required=True)
    level = fields.Selection(COURT_LEVELS, required=True, default="basic")
    code = fields.Char(
        string="Case Number Code",
        help="The court's code in case numbers, e.g. 浙0106 in （2026）浙0106民初1234号.")
    state_id = fields.Many2one("res.country.state", string="Region",
                               domain="[('country_id.code', '=', 'CN')]")
    address = fields.Char()
    phone = fields.Char()
    active = fields.Boolean(default=True)
    note = fields.Text()

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A court with this name already exists."),
    ]
