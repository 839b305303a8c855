# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import amortization
from .field_policy import is_trusted
from .loan_product import PRODUCT_TYPES
from .res_company import business_today

REPAYMENT_METHODS = [
    ("equal_installment", "Equal Installments"),
    ("equal_principal", "Equal Principal"),
    ("bullet", "Principal and Interest at Maturity"),
    ("interest_only", "Monthly Interest, Principal at Maturity"),
]


class LoanContract(models.Model):
    _name = "loan.contract"
    _description = "Loan Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_disbursed desc, id desc"

    name = fields.Char(string="Contract No.", required=True, copy=False, default="/",
                       readonly=True, states={"draft": [("readonly", False)]}, track_visibility="onchange")
    partner_id = fields.Many2one(
        "res.partner", string="Borrower", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    product_id = fields.Many2one("loan.product", string="Loan Product", required=True,
                                 readonly=True, states={"draft": [("readonly", False)]})
    product_type = fields.Selection(PRODUCT_TYPES, related="product_id.product_type", store=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft", required=True, readonly=True, copy=False, track_visibility="onchange")
    principal = fields.Monetary(required=True, readonly=True, states={"draft": [("readonly", False)]},
                                track_visibility="onchange")
    date_signed = fields.Date(string="Signed On", readonly=True, states={"draft": [("readonly", False)]})
    place_signed = fields.Char(string="Signed At", readonly=True, states={"draft": [("readonly", False)]})
    date_disbursed = fields.Date(string="Disbursed On", required=True, readonly=True,
                                 states={"draft": [("readonly", False)]})
    date_maturity = fields.Date(string="Maturity", required=True, readonly=True,
                                states={"draft": [("readonly", False)]})
    annual_rate = fields.Float(string="Annual Rate (%)", digits=(6, 4), required=True, readonly=True,
                               states={"draft": [("readonly", False)]})
    overdue_rate = fields.Float(
        string="Overdue Rate (%/year)", digits=(6, 4), readonly=True, states={"draft": [("readonly", False)]},
        help="Annual penalty interest rate on overdue amounts; by default the annual rate times the "
             "product's factor (PBOC: contract rate plus 30% to 50%, 银发〔2003〕251号 第三条).")
    repayment_method = fields.Selection(REPAYMENT_METHODS, required=True, default="equal_installment",
                                        readonly=True, states={"draft": [("readonly", False)]})
    purpose = fields.Char(string="Loan Purpose")
    # What was actually paid out, which a complaint states beside the contract's amount (实际发放),
    # as on the bank's transfer record: never assumed to be the principal. Interest deducted in
    # advance is not lent: the loan is what was actually paid out (民法典 第六百七十条).
    disbursed_amount = fields.Monetary(
        string="Actually Disbursed", track_visibility="onchange",
        help="The amount actually paid out to the borrower, as on the bank's transfer record (less than the "
             "principal when interest or fees were deducted in advance). A complaint needs it.")
    disbursement_date = fields.Date(
        string="Actually Disbursed On", track_visibility="onchange",
        help="The day the money was actually paid out, as on the bank's transfer record. A complaint needs it.")
    jurisdiction_clause = fields.Text(
        string="Agreed Jurisdiction",
        help="The contract's clause on disputes as written (court agreed or arbitration, with its article), e.g. "
             "第二十条：因本合同发生的争议，由贷款人住所地人民法院管辖. Empty: the contract agrees none.")
    office_user_id = fields.Many2one("res.users", string="Office Collector", track_visibility="onchange",
                                     help="Given the collection cases of this contract.")
    field_user_id = fields.Many2one("res.users", string="Field Collector", track_visibility="onchange")
    guarantee_ids = fields.One2many("loan.guarantee", "contract_id", string="Guarantees")
    invoice_ids = fields.One2many("account.invoice", "loan_contract_id", string="Installments", readonly=True)
    case_ids = fields.One2many("collection.case", "contract_id", string="Collection Cases", readonly=True)
    installment_count = fields.Integer(compute="_compute_amounts")
    case_count = fields.Integer(compute="_compute_amounts")
    amount_scheduled = fields.Monetary(compute="_compute_amounts", string="Scheduled Total")
    amount_outstanding = fields.Monetary(compute="_compute_amounts", string="Outstanding")
    amount_overdue = fields.Monetary(compute="_compute_amounts", string="Overdue")
    is_blacklisted = fields.Boolean(related="partner_id.is_blacklisted", readonly=True, string="Borrower Blacklisted")
    note = fields.Text()

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The contract number must be unique per company."),
        ("principal_positive", "CHECK(principal > 0)", "The principal must be greater than zero."),
        ("rates_positive", "CHECK(annual_rate >= 0 AND overdue_rate >= 0)", "Interest rates cannot be negative."),
        # 0 (the ORM's empty amount) is "not recorded yet"; a complaint asks for it.
        ("disbursed_amount_positive", "CHECK(disbursed_amount IS NULL OR disbursed_amount >= 0)",
         "The amount actually disbursed cannot be negative: enter the amount on the bank's transfer record, or "
         "leave it empty while it is not known."),
    ]

    @api.model
    def _term_fields(self):
        """The contract's terms: the fields open in draft only (principal, dates, rates, repayment
        method, clauses ...), which the schedule, the penalty and every claim are computed from."""
        return {name for name, field in self._fields.items() if field.readonly and "draft" in (field.states or {})}

    @api.multi
    def write(self, vals):
        """Once active, a contract's terms are what was signed: the form shows them read-only and the
        server refuses them for every user too (the daily run and the claims would otherwise follow a
        rate changed over RPC). Its state changes only through its actions (Activate; a write-off
        closes it)."""
        if not is_trusted(self.env):
            if "state" in vals:
                raise AccessError(_("The state of a loan contract changes only through its actions: Activate it; it "
                                    "is closed when its case is written off."))
            terms = sorted(set(vals) & self._term_fields())
            signed = self.filtered(lambda c: c.state != "draft")
            if terms and signed:
                raise AccessError(_("Contract %s is %s: its terms (%s) are those signed and cannot be changed. Record "
                                    "an acceleration with Accelerate the Loan, or correct a contract still in draft.")
                                  % (signed[0].name, dict(self._fields["state"]._description_selection(self.env))[
                                      signed[0].state],
                                     "、".join(self._loan_field_label(n) for n in terms)))
        return super(LoanContract, self).write(vals)

    @api.depends("invoice_ids.residual", "invoice_ids.state", "case_ids")
    def _compute_amounts(self):
        today = business_today(self)
        for contract in self:
            installments = contract.invoice_ids.filtered(lambda i: i.state != "cancel")
            contract.installment_count = len(installments)
            contract.case_count = len(contract.case_ids)
            contract.amount_scheduled = sum(installments.mapped("amount_total"))
            contract.amount_outstanding = sum(installments.mapped("residual"))
            contract.amount_overdue = sum(i.residual for i in installments if i.date_due and i.date_due < today)

    @api.constrains("date_disbursed", "date_maturity")
    def _check_dates(self):
        for contract in self:
            if contract.date_maturity <= contract.date_disbursed:
                raise ValidationError(
                    _("Contract %s: the maturity (%s) must be after the disbursement date (%s). "
                      "Correct one of the dates.") % (contract.name, contract.date_maturity, contract.date_disbursed))

    @api.constrains("disbursed_amount", "principal")
    def _check_disbursed_amount(self):
        for contract in self:
            if contract.disbursed_amount and contract.disbursed_amount > contract.principal:
                raise ValidationError(
                    _("Contract %s: the amount actually disbursed (%s) is more than the principal (%s). Enter the "
                      "amount on the bank's transfer record.") % (contract.name, contract.disbursed_amount,
                                                                  contract.principal))

    @api.onchange("product_id", "annual_rate")
    def _onchange_overdue_rate(self):
        if self.product_id and self.annual_rate:
            self.overdue_rate = self.annual_rate * self.product_id.default_overdue_rate_factor

    @api.model
    def create(self, vals):
        # A contract is created in draft: it becomes active only through Activate (which checks the
        # borrower's blacklist and makes the schedule).
        if not is_trusted(self.env) and vals.get("state", "draft") != "draft":
            raise AccessError(_("A loan contract is created in draft: activate it with Activate."))
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("loan.contract") or "/"
        if not vals.get("overdue_rate") and vals.get("annual_rate") and vals.get("product_id"):
            product = self.env["loan.product"].browse(vals["product_id"])
            vals["overdue_rate"] = vals["annual_rate"] * product.default_overdue_rate_factor
        return super(LoanContract, self).create(vals)

    @api.multi
    def unlink(self):
        if any(c.state != "draft" for c in self):
            raise UserError(_("Only draft loan contracts can be deleted; close an active one instead."))
        return super(LoanContract, self).unlink()

    # Actions -------------------------------------------------------------------------------

    @api.multi
    def _schedule(self):
        """The repayment schedule of the contract (services/amortization.py)."""
        self.ensure_one()
        try:
            return amortization.schedule(
                self.principal, self.annual_rate / 100.0,
                fields.Date.from_string(self.date_disbursed), fields.Date.from_string(self.date_maturity),
                self.repayment_method, self.product_id.day_count)
        except ValueError as error:
            raise UserError(_("Contract %s: the repayment schedule cannot be computed (%s). "
                              "Check the principal, rate and dates.") % (self.name, error))

    @api.multi
    def action_generate_schedule(self):
        """Create and validate one customer invoice per installment, with principal and
        interest lines, due on the installment's due date: for every contract of self at once,
        set-based (models/loan_installment_writer.py: the invoices action_invoice_open would
        make, without a chatter message or follower per installment)."""
        # Whoever may change the contract may have its installments booked: the invoices are
        # created as superuser, so a collection manager without billing rights can do it.
        self.check_access_rights("write")
        self.check_access_rule("write")
        contracts = self.sudo()
        self.env.cr.execute("""
            SELECT DISTINCT c.name FROM account_invoice i JOIN loan_contract c ON c.id = i.loan_contract_id
             WHERE i.loan_contract_id IN %s AND i.state != 'cancel' ORDER BY c.name LIMIT 1
        """, (tuple(contracts.ids) or (0,),))
        taken = self.env.cr.fetchone()
        if taken:
            raise UserError(_("Contract %s already has installments. Cancel them first to generate "
                              "the schedule again.") % taken[0])
        for product in contracts.mapped("product_id"):
            if not (product.journal_id and product.principal_account_id and product.interest_account_id):
                product._setup_accounting()
            if not (product.journal_id and product.principal_account_id and product.interest_account_id):
                raise UserError(_("Loan product %s has no installment journal or accounts: set them on the "
                                  "product (Configuration > Loan Products).") % product.name)
        plans = [(contract, [installment._asdict() for installment in contract._schedule()])
                 for contract in contracts]
        self.env["loan.installment.writer"].sudo()._write_installments(plans)
        return True

    @api.multi
    def _create_installment(self, number, due_date, principal, interest, validate=True):
        """One installment as an open customer invoice of this contract."""
        self.ensure_one()
        product = self.product_id
        lines = []
        for amount, label, account in (
                (principal, _("Installment %s principal") % number, product.principal_account_id),
                (interest, _("Installment %s interest") % number, product.interest_account_id)):
            if amount:
                lines.append((0, 0, {"name": label, "account_id": account.id, "quantity": 1,
                                     "price_unit": float(amount)}))
        due = fields.Date.to_string(due_date) if not isinstance(due_date, str) else due_date
        # (the schedule fields are the product's: its callers checked the user may change the contract)
        invoice = self.env["account.invoice"].sudo().create({
            "partner_id": self.partner_id.id,
            "type": "out_invoice",
            "journal_id": product.journal_id.id,
            "account_id": self.partner_id.property_account_receivable_id.id,
            "company_id": self.company_id.id,
            "date_invoice": due,
            "date_due": due,
            "origin": self.name,
            "name": _("%s installment %s") % (self.name, number),
            "loan_contract_id": self.id,
            "installment_number": number,
            "principal_amount": float(principal),
            "interest_amount": float(interest),
            "invoice_line_ids": lines,
        })
        if validate:
            invoice.action_invoice_open()
        return invoice

    @api.multi
    def action_activate(self):
        for contract in self:
            if contract.state != "draft":
                continue
            if contract.is_blacklisted and not self.env.user.has_group("loan_collection.group_collection_manager"):
                raise UserError(
                    _("The borrower %s is blacklisted (%s). Only a collection manager can activate a new "
                      "loan contract for a blacklisted borrower.") % (
                        contract.partner_id.display_name, contract.partner_id.blacklist_reason or ""))
            if not contract.invoice_ids:
                contract.action_generate_schedule()
            # The state's only writer besides the write-off (write() refuses it to everyone).
            super(LoanContract, contract).write({"state": "active"})
            if contract.is_blacklisted:
                contract._loan_note(_("Activated for a blacklisted borrower, confirmed by %s.")
                                      % self.env.user.name)
        return True

    @api.multi
    def action_view_installments(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.installment_action").read()[0]
        action["domain"] = [("loan_contract_id", "=", self.id)]
        return action

    @api.multi
    def action_view_cases(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.collection_case_action").read()[0]
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {}
        return action
