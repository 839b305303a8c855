# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

PRODUCT_TYPES = [
    ("guaranteed", "Guaranteed Loan"),
    ("entrusted", "Entrusted Loan"),
    ("credit", "Credit Loan"),
    ("mortgage", "Mortgage Loan"),
]
# services/amortization.BASES
DAY_COUNTS = [
    ("pboc", "Whole years and months, odd days at 1/360 (PBOC)"),
    ("actual_360", "Actual/360"),
    ("actual_365", "Actual/365"),
    ("30e_360", "30/360"),
]
# services/rates.LENDER_TYPES
LENDER_TYPES = [
    ("private", "Private Lender"),
    ("small_loan", "Licensed Small-Loan Company"),
    ("financial", "Financial Institution"),
]


class LoanProduct(models.Model):
    _name = "loan.product"
    _description = "Loan Product"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    product_type = fields.Selection(PRODUCT_TYPES, string="Type", required=True, default="guaranteed")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    policy_id = fields.Many2one(
        "collection.policy", string="Collection Policy",
        help="The collection programme followed for overdue contracts of this product.")
    default_overdue_rate_factor = fields.Float(
        string="Overdue Rate Factor", default=1.5,
        help="New contracts get an overdue (penalty) rate of the annual rate times this factor: "
             "PBOC's rule is the contract rate plus 30% to 50% (银发〔2003〕251号 第三条).")
    lender_type = fields.Selection(
        LENDER_TYPES, required=True, default="small_loan",
        help="Who lends under this product, which decides the rate cap: a private lender may not charge "
             "more than 4 times the one-year LPR at the contract date (民间借贷规定 第25、29条; such "
             "contracts are refused); for a licensed small-loan company or a financial institution "
             "charges above 24% a year are flagged (九民纪要 第51条).")
    day_count = fields.Selection(
        DAY_COUNTS, string="Day-Count Basis", required=True, default="pboc",
        help="How interest of a period that is not whole months is counted (a bullet loan's interest, "
             "penalty interest). PBOC: whole years and months at the annual and monthly rate, the odd "
             "days at the annual rate / 360 (银发〔2005〕129号), so a whole year costs exactly the annual "
             "rate; penalty interest is charged by the day at 1/360. Actual/360: every day at 1/360 of the annual rate (a year costs 365/360 of it). "
             "Actual/365: every day at 1/365. 30/360: months of 30 days, years of 360.")
    journal_id = fields.Many2one(
        "account.journal", string="Installment Journal", domain=[("type", "=", "sale")],
        help="Sales journal of the installment invoices.")
    principal_account_id = fields.Many2one(
        "account.account", string="Principal Account",
        help="Credited by the principal part of each installment (the loan asset).")
    interest_account_id = fields.Many2one(
        "account.account", string="Interest Income Account",
        help="Credited by the interest part of each installment.")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A loan product code must be unique per company."),
    ]

    @api.model
    def _setup_accounting(self):
        """Give the products of each company a journal and accounts from its chart.

        Called on install and when a product is used without them: the Chinese small-business
        chart (l10n_cn_small_business) has no loan asset account, so one is added (1303 贷款,
        the code of the financial-enterprise chart) next to 主营业务收入 for the interest.
        """
        Account = self.env["account.account"].sudo()
        for company in self.env["res.company"].sudo().search([("chart_template_id", "!=", False)]):
            products = self.sudo().search([
                ("company_id", "in", [company.id, False]),
                "|", "|", ("journal_id", "=", False), ("principal_account_id", "=", False),
                ("interest_account_id", "=", False)])
            if not products:
                continue
            journal = self.env["account.journal"].sudo().search(
                [("company_id", "=", company.id), ("code", "=", "LOAN")], limit=1)
            if not journal:
                journal = journal.create({
                    "name": _("Loan Installments"), "code": "LOAN", "type": "sale",
                    "company_id": company.id, "sequence": 5})
            principal = Account.search([("company_id", "=", company.id), ("code", "=", "1303")], limit=1)
            if not principal:
                principal = Account.create({
                    "name": _("Loans Granted"), "code": "1303", "company_id": company.id,
                    "user_type_id": self.env.ref("account.data_account_type_current_assets").id})
            interest = (
                Account.search([("company_id", "=", company.id), ("code", "=", "5001")], limit=1)
                or journal.default_credit_account_id)
            for product in products:
                product.write({
                    "company_id": product.company_id.id or company.id,
                    "journal_id": product.journal_id.id or journal.id,
                    "principal_account_id": product.principal_account_id.id or principal.id,
                    "interest_account_id": product.interest_account_id.id or interest.id,
                })
