# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recoveries (回款): money received on a collection case, booked and allocated.

How a recovery lands in the books (explained to finance in the recovery's form):

1. An inbound customer payment (account.payment) from the payer — the debtor, a guarantor, the
   other side of a settlement, or the court paying out enforcement or auction proceeds: Dr bank,
   Cr receivable of the payer.
2. The amount is allocated in the contract's order (民法典 第561条 by default: costs of realising
   the claim, interest, penalty interest, principal; services/allocation.py).
3. The interest and principal shares are reconciled with the receivable lines of the installments
   (partial reconciliations of exactly those amounts, oldest installment first), so each
   installment ends up paid or partly paid with the residual the allocation says.
4. Penalty interest and costs are not on the installments: the daily run accrues penalty interest
   as a memorandum figure, and legal costs are carried where finance booked them. The shares paid
   are booked on a "charges" customer invoice of the debtor (penalty share to penalty interest
   income, costs share to the recovered-costs account), reconciled with the payment at once. The
   penalty paid is taken off the installments' penalty interest (oldest first) and the costs paid
   are counted on the case (recovered_costs), so the case's total due drops by both.
5. Anything left over (excess) stays on the payment as an open credit of the payer, to be refunded
   or applied later.
"""
from collections import OrderedDict

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import allocation
from ..services.money import fen
from .collection_case_finance import FINANCE_GROUP
from .res_company import business_today
from .base_input_guard import user_defaults_only

SOURCES = [
    ("debtor", "Debtor"),
    ("guarantor", "Guarantor"),
    ("settlement", "Settlement"),
    ("court", "Court (Enforcement or Auction Proceeds)"),
]
SHARES = ("costs", "interest", "penalty", "principal")
# What finance gives when registering a recovery; everything else is computed by the registration.
REGISTRATION_FIELDS = {"case_id", "source", "payer_id", "amount", "date", "journal_id", "note"}
# Mail bookkeeping (followers), which mail.thread writes on any record; not part of the books.
MAIL_FIELDS = {"message_follower_ids", "message_last_post"}


def _legal_stage_selection(self):
    return self.env["collection.legal.figures"]._legal_stage_selection()


class CollectionRecovery(models.Model):
    _name = "collection.recovery"
    _description = "Recovery"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, readonly=True,
                              index=True, ondelete="restrict")
    contract_id = fields.Many2one(related="case_id.contract_id", store=True, readonly=True, string="Loan Contract")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    company_id = fields.Many2one(related="case_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    source = fields.Selection(SOURCES, required=True, readonly=True, index=True)
    payer_id = fields.Many2one("res.partner", string="Payer", required=True, readonly=True, index=True)
    legal_case_ref = fields.Char(string="Court Case No.", readonly=True)
    legal_stage = fields.Selection(_legal_stage_selection, string="Legal Stage", readonly=True,
                                   help="The legal stage of the case when the money came in.")
    date = fields.Date(required=True, readonly=True, index=True)
    journal_id = fields.Many2one("account.journal", string="Journal", required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True, track_visibility="onchange")
    allocation_order = fields.Selection(related="contract_id.allocation_order", readonly=True)
    amount_costs = fields.Monetary(string="Costs", readonly=True)
    amount_interest = fields.Monetary(string="Interest", readonly=True)
    amount_penalty = fields.Monetary(string="Penalty Interest", readonly=True)
    amount_principal = fields.Monetary(string="Principal", readonly=True)
    amount_excess = fields.Monetary(string="Excess", readonly=True,
                                    help="More than everything due: left as an open credit of the payer.")
    payment_id = fields.Many2one("account.payment", string="Payment", readonly=True, copy=False)
    charge_invoice_id = fields.Many2one("account.invoice", string="Charges Invoice", readonly=True, copy=False,
                                        help="Books the penalty interest and costs paid.")
    line_ids = fields.One2many("collection.recovery.line", "recovery_id", string="Allocation", readonly=True)
    user_id = fields.Many2one("res.users", string="Registered By", readonly=True, default=lambda self: self.env.user)
    note = fields.Text(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("posted", "Posted"), ("reversed", "Reversed")], default="draft",
                             required=True,
                             readonly=True, index=True, track_visibility="onchange")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A recovery must be greater than zero."),
    ]

    # CRUD ------------------------------------------------------------------------------------
    # A recovery is registered, never created or edited as such: `create` IS the registration
    # (the same checks and the same posting as Register Recovery, for every caller, so an RPC
    # `create` cannot book a "posted" recovery without its payment), `write` refuses everything
    # (the registration writes through `_write_registration`), and a posted recovery is part of
    # the books: it never changes, for anyone.

    @api.model
    def create(self, vals):
        """Register and post a recovery from the registration fields only (REGISTRATION_FIELDS):
        the checks of `_check_registration`, then the payment, allocation and reconciliation."""
        protected = set(vals) - REGISTRATION_FIELDS
        if vals.get("name", "/") == "/":
            protected.discard("name")
        if protected:
            raise AccessError(_("These fields of a recovery are set by its registration: %s. Register the money "
                                "received with Register Recovery.") % ", ".join(sorted(protected)))
        case = self.env["collection.case"].browse(vals.get("case_id")).exists()
        if not case:
            raise ValidationError(_("A recovery needs its collection case."))
        if vals.get("source") not in dict(SOURCES):
            raise ValidationError(_("Choose where the money came from (debtor, guarantor, settlement or court)."))
        payer = self.env["res.partner"].browse(vals.get("payer_id")).exists()
        if not payer:
            raise ValidationError(_("Choose the payer of the money received."))
        journal = self.env["account.journal"].browse(vals.get("journal_id")).exists()
        if not journal:
            raise ValidationError(_("Choose the bank or cash journal the money was received on."))
        try:
            date = vals.get("date") and fields.Date.to_string(fields.Date.from_string(vals["date"]))
        except (TypeError, ValueError):
            raise ValidationError(_("%s is not a date: give the date received as YYYY-MM-DD.") % (vals.get("date"),))
        try:
            amount = fen(vals.get("amount") or 0)
        except Exception:
            raise ValidationError(_("%s is not an amount of money.") % (vals.get("amount"),))
        self._check_registration(case, vals["source"], payer, amount, date, journal)
        vals = dict(vals, name=self.env["ir.sequence"].next_by_code("collection.recovery") or "/",
                    amount=float(amount), date=date, user_id=self.env.uid, state="draft",
                    legal_case_ref=case._legal_case_reference(), legal_stage=case._current_legal_stage())
        # The context's defaults cannot set what the registration sets (default_settlement_id...).
        recovery = super(CollectionRecovery, user_defaults_only(self, REGISTRATION_FIELDS)).create(vals)
        recovery._post()
        return recovery

    @api.multi
    def write(self, vals):
        if set(vals) <= MAIL_FIELDS:
            return super(CollectionRecovery, self).write(vals)
        self.check_access_rights("write")
        posted = self.filtered(lambda r: r.state == "posted")
        if posted:
            raise UserError(_("Recovery %s is posted: it is part of the books and cannot be changed. Reverse its "
                              "payment in accounting and register the right recovery.") % posted[0].name)
        raise AccessError(_("A recovery is written only by its registration (Register Recovery)."))

    @api.multi
    def _write_registration(self, vals):
        """The registration's own write (the public write refuses every field)."""
        return super(CollectionRecovery, self.sudo()).write(vals)

    @api.multi
    def unlink(self):
        if any(r.state in ("posted", "reversed") for r in self):
            raise UserError(_("A posted recovery is part of the books and cannot be deleted; "
                              "reverse its payment in accounting instead."))
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("A recovery is written only by its registration (Register Recovery)."))
        return super(CollectionRecovery, self).unlink()

    # Allocation -------------------------------------------------------------------------------

    @api.model
    def _allocation_plan(self, case, amount, date):
        """What `amount` received on `date` pays on `case`, without writing anything.

        Returns {'dues': {share: Decimal}, 'allocation': OrderedDict(share: Decimal, excess),
        'lines': [{'invoice': account.invoice, 'interest', 'principal', 'penalty': Decimal}]},
        the lines oldest installment first and only those receiving something. What is left once
        everything due is paid goes to the installment falling due next (case._next_installment).
        """
        case = case.sudo()
        owed = self._dues(case, date)
        installments, penalty_invoices = owed["installments"], owed["penalty_invoices"]
        interest_dues, principal_dues = owed["interest_dues"], owed["principal_dues"]
        penalty_dues = owed["penalty_dues"]
        # Money received while an approved settlement runs pays what the settlement asks of each
        # share, never what it waives (collection.settlement).
        caps = case._settlement_caps(date)
        dues = {key: min(due, caps[key]) if key in caps else due for key, due in owed["dues"].items()}
        shares = allocation.allocate_recovery(amount, dues, case.contract_id.allocation_order or "legal")
        lines = OrderedDict()
        zero = fen(0)

        def line(invoice):
            return lines.setdefault(invoice.id, {"invoice": invoice, "interest": zero, "principal": zero,
                                                 "penalty": zero})

        for invoice, interest, principal in zip(installments, allocation.spread(shares["interest"], interest_dues),
                                                allocation.spread(shares["principal"], principal_dues)):
            if interest or principal:
                line(invoice).update(interest=interest, principal=principal)
        for invoice, penalty in zip(penalty_invoices, allocation.spread(shares["penalty"], penalty_dues)):
            if penalty:
                line(invoice)["penalty"] = penalty
        # What is left once everything due is paid pays the installment falling due next, its
        # interest first (民法典 第561条), then its principal; beyond it the money is the payer's credit.
        upcoming = case._next_installment(date) if shares[allocation.EXCESS] else None
        if upcoming:
            principal_due, interest_due = upcoming._unpaid_parts()
            early = allocation.allocate_in_order(shares[allocation.EXCESS], [
                ("interest", interest_due), ("principal", principal_due)])
            if early["interest"] or early["principal"]:
                line(upcoming).update(interest=early["interest"], principal=early["principal"])
                shares = OrderedDict(shares)
                shares["interest"] += early["interest"]
                shares["principal"] += early["principal"]
                shares[allocation.EXCESS] = early[allocation.EXCESS]
        return {"dues": dues, "allocation": shares, "lines": list(lines.values())}

    @api.model
    def _dues(self, case, date):
        """What `case` owes on `date`, by share and by installment: {'dues': {share: Decimal},
        'installments', 'interest_dues', 'principal_dues' (the installments due, oldest first, and
        what each still owes), 'penalty_invoices', 'penalty_dues' (the installments carrying
        penalty interest and how much)}."""
        case = case.sudo()
        installments = case._recovery_installments(date)
        interest_dues, principal_dues = [], []
        for invoice in installments:
            principal_due, interest_due = invoice._unpaid_parts()
            principal_dues.append(principal_due)
            interest_dues.append(interest_due)
        # Penalty interest is owed on paid installments too, until it is recovered.
        penalty_invoices = case.contract_id.invoice_ids.filtered(
            lambda i: i.type == "out_invoice" and i.state in ("open", "paid") and i.penalty_interest > 0
        ).sorted(lambda i: (i.date_due, i.installment_number, i.id))
        penalty_dues = [fen(i.penalty_interest) for i in penalty_invoices]
        return {"dues": {"costs": case._recovery_costs_due(), "interest": sum(interest_dues, fen(0)),
                         "penalty": sum(penalty_dues, fen(0)), "principal": sum(principal_dues, fen(0))},
                "installments": installments, "interest_dues": interest_dues, "principal_dues": principal_dues,
                "penalty_invoices": penalty_invoices, "penalty_dues": penalty_dues}

    # Registration -----------------------------------------------------------------------------

    @api.model
    def _check_registration(self, case, source, payer, amount, date, journal):
        """Refuse a recovery that cannot be right, before anything is written."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance can register recoveries."))
        if fen(amount or 0) <= 0:
            raise ValidationError(_("The amount received must be greater than zero."))
        if not date:
            raise ValidationError(_("Give the date the money was received."))
        if date > business_today(self):
            raise ValidationError(_("The date received (%s) is in the future: register a recovery once "
                                    "the money is in the bank.") % date)
        if case.stage == "written_off":
            raise UserError(_("Case %s was written off. Money received on a written-off loan is "
                              "booked by accounting as a recovery of a loss, not on the installments.") % case.name)
        if journal.type not in ("bank", "cash"):
            raise ValidationError(_("Journal %s is not a bank or cash journal: choose the account the "
                                    "money was received on.") % journal.display_name)
        if journal.company_id != case.company_id:
            raise ValidationError(_("Journal %s belongs to another company than case %s.")
                                  % (journal.display_name, case.name))
        debtor = case.partner_id.commercial_partner_id
        guarantors = case.contract_id.sudo().guarantee_ids.mapped("partner_id.commercial_partner_id")
        payer_entity = payer.commercial_partner_id
        if source == "debtor" and payer_entity != debtor:
            raise ValidationError(_("%s is not the debtor of case %s (%s): choose the debtor as payer, or "
                                    "another source.") % (payer.display_name, case.name, debtor.display_name))
        if source == "guarantor" and payer_entity not in guarantors:
            raise ValidationError(_("%s is not a guarantor of contract %s: a guarantor recovery must be paid "
                                    "by one of its guarantors (%s).") % (
                payer.display_name, case.contract_id.name,
                "、".join(guarantors.mapped("display_name")) or _("none")))
        if source == "settlement" and payer_entity not in debtor | guarantors:
            raise ValidationError(_("%s is not a party to case %s: a settlement is paid by the debtor or a "
                                    "guarantor.") % (payer.display_name, case.name))

    @api.model
    def _register_recovery(self, case, source, payer, amount, date, journal, note=False):
        """Register and post a recovery: payment, allocation, reconciliation. Returns the recovery.

        All or nothing: the checks come first (in `create`, which is the registration), and any error
        afterwards rolls back the whole transaction (no payment without its reconciliation)."""
        return self.create({
            "case_id": case.id, "source": source, "payer_id": payer.id, "amount": float(fen(amount)),
            "date": date, "journal_id": journal.id, "note": note,
        })

    @api.multi
    def _post(self):
        """Book the recovery (see the module docstring). Finance's rights were checked; the
        accounting entries are written as superuser, like the installments themselves."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Recovery %s is already posted.") % self.name)
        recovery = self.sudo()
        case = recovery.case_id
        plan = self._allocation_plan(case, self.amount, self.date)
        shares = plan["allocation"]
        receivable = recovery.payer_id.commercial_partner_id.property_account_receivable_id
        invoices = self.env["account.invoice"].browse([line["invoice"].id for line in plan["lines"]]).sudo()
        if any(invoice.account_id != receivable for invoice in invoices):
            raise UserError(_("The payer's receivable account (%s) is not the installments' (%s): set the "
                              "same receivable account on the payer.") % (
                receivable.display_name, "、".join(invoices.mapped("account_id.display_name"))))

        payment = self.env["account.payment"].sudo().create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": recovery.payer_id.id,
            "amount": float(fen(self.amount)), "journal_id": recovery.journal_id.id, "payment_date": self.date,
            "payment_method_id": self.env.ref("account.account_payment_method_manual_in").id,
            "communication": _("%s, case %s, contract %s") % (self.name, case.name, case.contract_id.name),
        })
        payment.post()
        credit_line = payment.move_line_ids.filtered(lambda l: l.account_id == receivable and l.credit)
        pairs = []  # (receivable debit line, amount) to reconcile with the payment
        charge = self.env["account.invoice"]
        if shares["costs"] or shares["penalty"]:
            charge = recovery._create_charge_invoice(shares["penalty"], shares["costs"], receivable)
            pairs.append((charge.move_id.line_ids.filtered(lambda l: l.account_id == receivable and l.debit),
                          shares["penalty"] + shares["costs"]))
        for line in plan["lines"]:
            paid = line["interest"] + line["principal"]
            if paid:
                debit = line["invoice"].move_id.line_ids.filtered(
                    lambda l: l.account_id == receivable and l.debit and not l.reconciled
                ).sorted(lambda l: (l.date_maturity or "", l.id))[:1]
                pairs.append((debit, paid))
        Partial = self.env["account.partial.reconcile"].sudo()
        for debit, amount in pairs:
            Partial.create({"debit_move_id": debit.id, "credit_move_id": credit_line.id,
                            "amount": float(amount), "amount_currency": 0.0, "currency_id": False})
        # The penalty paid is no longer owed on the installments (the run accrues on from there).
        for line in plan["lines"]:
            if line["penalty"]:
                invoice = line["invoice"]
                invoice.write({
                    "penalty_interest": float(fen(invoice.penalty_interest) - line["penalty"]),
                    "penalty_recovered": float(fen(invoice.penalty_recovered) + line["penalty"])})
        if shares["costs"] or shares["penalty"]:
            case.write({"recovered_costs": float(fen(case.recovered_costs) + shares["costs"]),
                        "recovered_penalty": float(fen(case.recovered_penalty) + shares["penalty"])})
        # The allocation lines while the recovery is a draft, then the posting (both immutable after).
        Line = self.env["collection.recovery.line"].sudo()
        for line in plan["lines"]:
            super(CollectionRecoveryLine, Line).create({
                "recovery_id": recovery.id, "invoice_id": line["invoice"].id,
                "amount_interest": float(line["interest"]), "amount_principal": float(line["principal"]),
                "amount_penalty": float(line["penalty"])})
        recovery._write_registration({
            "state": "posted", "payment_id": payment.id, "charge_invoice_id": charge.id,
            "amount_costs": float(shares["costs"]), "amount_interest": float(shares["interest"]),
            "amount_penalty": float(shares["penalty"]), "amount_principal": float(shares["principal"]),
            "amount_excess": float(shares[allocation.EXCESS]),
        })
        case._refresh_amounts()
        # The note as the user who registered it (not as superuser).
        self.case_id._loan_note(_("Recovery %s of %s from %s (%s): costs %s, interest %s, penalty interest %s, "
                          "principal %s, excess %s. Registered by %s.") % (
            self.name, fen(self.amount), recovery.payer_id.display_name,
            dict(self._fields["source"]._description_selection(self.env))[self.source],
            shares["costs"], shares["interest"], shares["penalty"], shares["principal"],
            shares[allocation.EXCESS], self.env.user.name))
        return True

    @api.multi
    def _create_charge_invoice(self, penalty, costs, receivable):
        """A validated customer invoice of the debtor booking the penalty interest and costs paid."""
        self.ensure_one()
        case = self.case_id
        product = case.contract_id.product_id
        penalty_account, costs_account, _writeoff = product._finance_accounts()
        lines = []
        for amount, label, account in (
                (penalty, _("Penalty interest recovered (%s)") % self.name, penalty_account),
                (costs, _("Costs of realising the claim recovered (%s)") % self.name, costs_account)):
            if amount:
                lines.append((0, 0, {"name": label, "account_id": account.id, "quantity": 1,
                                     "price_unit": float(amount)}))
        invoice = self.env["account.invoice"].sudo().create({
            "partner_id": case.partner_id.id, "type": "out_invoice", "journal_id": product.journal_id.id,
            "account_id": receivable.id, "company_id": case.company_id.id,
            "date_invoice": self.date, "date_due": self.date, "origin": self.name,
            "name": _("%s: penalty interest and costs, case %s") % (self.name, case.name),
            "collection_case_id": case.id, "recovery_id": self.id, "invoice_line_ids": lines,
        })
        invoice.action_invoice_open()
        return invoice

    @api.multi
    def action_view_payment(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "account.payment", "view_mode": "form",
                "res_id": self.payment_id.id}


class CollectionRecoveryLine(models.Model):
    """What one recovery paid on one installment."""
    _name = "collection.recovery.line"
    _description = "Recovery Allocation Line"
    _order = "recovery_id, id"

    recovery_id = fields.Many2one("collection.recovery", required=True, ondelete="cascade", index=True)
    invoice_id = fields.Many2one("account.invoice", string="Installment", required=True, ondelete="restrict")
    installment_number = fields.Integer(related="invoice_id.installment_number", readonly=True)
    date_due = fields.Date(related="invoice_id.date_due", readonly=True)
    currency_id = fields.Many2one(related="recovery_id.currency_id", readonly=True)
    amount_interest = fields.Monetary(string="Interest")
    amount_principal = fields.Monetary(string="Principal")
    amount_penalty = fields.Monetary(string="Penalty Interest")
    residual = fields.Monetary(related="invoice_id.residual", string="Still Owed", readonly=True)
    invoice_state = fields.Selection(related="invoice_id.state", string="Installment Status", readonly=True)

    # Written only by the registration of their recovery (CollectionRecovery._post), immutable after.

    @api.model
    def create(self, vals):
        raise AccessError(_("Allocation lines are written only by the registration of their recovery."))

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")
        raise UserError(_("The allocation of a recovery is part of the books and cannot be changed. Reverse the "
                          "recovery's payment in accounting and register the right recovery."))

    @api.multi
    def unlink(self):
        if self.env.uid != SUPERUSER_ID or any(line.recovery_id.state in ("posted", "reversed") for line in self):
            raise UserError(_("The allocation of a recovery is part of the books and cannot be deleted."))
        return super(CollectionRecoveryLine, self).unlink()


class CollectionRecoveryDemo(models.Model):
    _inherit = "collection.recovery"

    @api.model
    def _load_finance_demo(self):
        """Demo finance history on the demo cases (demo/collection_finance_demo.xml), registered by
        the demo finance user: a partial payment from the debtor of c1, a payment from c3's
        guarantor, enforcement proceeds from the court on c5 (with the legal team), and a pending
        write-off request for what c5 still owes. Then today's run brings the cases up to date."""
        ref = self.env.ref
        finance = ref("loan_collection.user_finance_demo")
        Recovery = self.sudo(finance).with_context(lang=self.env.ref("base.user_root").lang or "zh_CN")
        today = business_today(self)
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)], limit=1)

        def case(key):
            contract = ref("loan_collection.loan_contract_%s_demo" % key)
            cases = contract.case_ids
            return (cases.filtered(lambda c: c.stage != "settled")[:1] or cases[:1]).sudo(finance)

        c1, c3, c5 = case("c1"), case("c3"), case("c5")
        if c1:
            Recovery._register_recovery(c1, "debtor", c1.partner_id, 5000, today, bank, "工行转账，借款人王建国")
        if c3:
            guarantor = ref("loan_collection.partner_zhou_haitao_demo")
            Recovery._register_recovery(c3, "guarantor", guarantor, 5000, today, bank, "保证人周海涛代偿部分利息")
        if c5:
            c5.sudo().write({"legal_case_ref": "(2026)浙0106执1234号", "fees_amount": 8000})
            Recovery._register_recovery(c5, "court", ref("loan_collection.partner_court_xihu_demo"), 60000, today, bank,
                               "法院执行款（车辆拍卖款）")
            self.env["collection.writeoff"].sudo(finance).create({
                "case_id": c5.id,
                "reason": "执行法院已裁定终结本次执行程序，借款人名下无其他可供执行财产，保证人已破产清算。"})
        self.env["collection.case"].run_daily(today)
        return True
