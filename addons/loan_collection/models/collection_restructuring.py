# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Restructurings (分期还款 / 停息挂账): a new repayment plan replacing the contract's open
installments, requested, approved and sealed as a settlement (collection.settlement, kind
"restructuring": the same requester, approval tiers, four-eyes and evidence).

The plan carries what the open installments still owe — their principal, and their interest; with
the interest frozen (停息) only the interest already due, the interest of the periods still to come is
not charged — in n monthly instalments (services/settlement.plan_schedule). The penalty interest and
the costs owed are held (挂账): waived once the plan is paid in full, the restructuring's concession
(民法典 第575条, on the condition of the payments, 第158条). The approval tiers count that
concession.

Approved, the plan is issued (民法典 第543条: the parties change their contract): the new
installments written as the contract's schedule is (loan.installment.writer), the open installments
closed by credit notes reconciled with them (their principal and interest reversed to the accounts
they were booked on), a promise to pay per instalment. While it runs, money received pays the plan's
instalments, never the held penalty interest or costs; with the interest frozen its instalments
accrue no penalty interest (the daily run reads ``penalty_free``); the case stays open, following
the plan.

The daily run follows each plan: paid in full, the held amounts are waived and the case settles;
an instalment still unpaid ``grace_days`` after its due date breaks the plan, and the case goes back
to collection. When the restructuring says the concession is revoked on a breach (as most contracts
do), the held penalty interest and costs are owed again and penalty interest accrues on the plan's
overdue instalments from their due dates; otherwise the concession given stands and penalty
interest accrues from the day of the breach. The interest a frozen plan did not charge is not
charged again: it was never earned, and penalty interest runs on the overdue instalments instead.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import settlement as rules
from ..services.money import fen
from .collection_case import OPEN_STAGES
from .collection_settlement import is_date

GRACE_DAYS_DEFAULT, GRACE_DAYS_MAX = 3, 30


class CollectionSettlement(models.Model):
    _inherit = "collection.settlement"

    kind = fields.Selection(selection_add=[("restructuring", "Restructuring (Instalment Plan)")])
    state = fields.Selection(selection_add=[("broken", "Plan Broken")])
    plan_count = fields.Integer(string="Instalments", readonly=True, states={"draft": [("readonly", False)]},
                                help="How many monthly instalments the new plan has (2 to 60).")
    plan_first_due = fields.Date(string="First Instalment Due", readonly=True,
                                 states={"draft": [("readonly", False)]},
                                 help="The day the first instalment falls due (within 90 days); each later one "
                                      "falls due the same day of the following months.")
    freeze_interest = fields.Boolean(
        string="Interest Frozen (停息挂账)", readonly=True, states={"draft": [("readonly", False)]},
        help="The plan charges no interest for the periods still to come and its instalments accrue no penalty "
             "interest while the plan is kept.")
    revoke_on_break = fields.Boolean(
        string="Concession Revoked if the Plan Breaks", default=True, readonly=True,
        states={"draft": [("readonly", False)]},
        help="As the loan contract says: if the plan breaks, the penalty interest and costs held are owed again "
             "and penalty interest accrues on the overdue instalments from their due dates.")
    grace_days = fields.Integer(string="Days of Grace", default=GRACE_DAYS_DEFAULT, readonly=True,
                                states={"draft": [("readonly", False)]},
                                help="An instalment still unpaid this many days after its due date breaks the plan.")
    plan_ids = fields.One2many("account.invoice", "plan_settlement_id", string="Plan Instalments", readonly=True)
    date_broken = fields.Date(string="Broken On", readonly=True)

    _sql_constraints = [
        ("plan_grace_days", "CHECK(grace_days IS NULL OR (grace_days >= 0 AND grace_days <= 30))",
         "A plan's days of grace are between 0 and 30."),
    ]

    # Terms and figures -----------------------------------------------------------------------

    @api.model
    def _check_input(self, vals):
        super(CollectionSettlement, self)._check_input(vals)
        for name in ("plan_count", "grace_days"):
            value = vals.get(name)
            if value not in (None, False) and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(_("%s is not a whole number.") % (value,))
        grace = vals.get("grace_days")
        if "grace_days" in vals and (grace is None or grace is False):
            raise ValidationError(_("Give the plan's days of grace (0 to %s).") % GRACE_DAYS_MAX)
        if not 0 <= (grace or 0) <= GRACE_DAYS_MAX:
            raise ValidationError(_("The days of grace of a plan are between 0 and %s.") % GRACE_DAYS_MAX)
        for name in ("freeze_interest", "revoke_on_break"):
            if name in vals and not isinstance(vals[name], bool):
                raise ValidationError(_("%s is not yes or no (true or false).") % (vals[name],))
        if vals.get("plan_first_due") and not is_date(vals["plan_first_due"]):
            raise ValidationError(_("%s is not a date: give the first instalment's due date as YYYY-MM-DD.")
                                  % (vals["plan_first_due"],))

    @api.model
    def _check_plan_terms(self, terms, date):
        count, first = terms.get("plan_count"), terms.get("plan_first_due")
        if not isinstance(count, int) or isinstance(count, bool) or not (
                rules.MIN_PLAN_INSTALMENTS <= count <= rules.MAX_PLAN_INSTALMENTS):
            raise UserError(_("A restructuring plan has from %s to %s monthly instalments: give their number.")
                            % (rules.MIN_PLAN_INSTALMENTS, rules.MAX_PLAN_INSTALMENTS))
        if not first:
            raise UserError(_("Give the day the plan's first instalment falls due."))
        first = fields.Date.from_string(first)
        today = fields.Date.from_string(date)
        if first <= today:
            raise UserError(_("The plan's first instalment must fall due after today (%s): change its date, or cancel "
                              "and request again.") % date)
        if (first - today).days > rules.MAX_DAYS_TO_FIRST:
            raise UserError(_("The plan's first instalment falls due at most %s days after today.")
                            % rules.MAX_DAYS_TO_FIRST)
        return count, first

    @api.model
    def _plan_figures(self, case, terms, date):
        """_figures of a restructuring: what the contract's open installments owe (principal, and
        interest: with the interest frozen, the interest of installments not yet due is waived),
        the penalty interest and costs held and waived once the plan is paid; the plan's total is
        what the debtor pays, by the last instalment."""
        count, first = self._check_plan_terms(terms, date)
        dues = self.env["collection.recovery"]._dues(case, date)
        if not dues["installments"]:
            raise UserError(_("Case %s owes nothing due today: there is nothing to restructure.") % case.name)
        contract = case.contract_id.sudo()
        installments = contract.invoice_ids.filtered(
            lambda i: i.state == "open" and i.type == "out_invoice" and i.date_due
        ).sorted(lambda i: (i.date_due, i.installment_number, i.id))
        principal = interest = not_due_interest = fen(0)
        for invoice in installments:
            principal_due, interest_due = invoice._unpaid_parts()
            principal += principal_due
            interest += interest_due
            # By its own due date (an accelerated loan's installments are all due, their interest
            # for the periods still to come not earned yet).
            if invoice.date_due > date:
                not_due_interest += interest_due
        owed = {"principal": principal, "interest": interest, "penalty": dues["dues"]["penalty"],
                "costs": dues["dues"]["costs"]}
        waived = {"principal": fen(0), "interest": not_due_interest if terms.get("freeze_interest") else fen(0),
                  "penalty": owed["penalty"], "costs": owed["costs"]}
        owed_total, waived_total = rules.total(owed), rules.total(waived)
        plan = rules.plan_schedule(principal, interest - waived["interest"], count, first)
        vals = {"date_figures": date, "owed_total": float(owed_total), "waived_total": float(waived_total),
                "penalty_allowance": 0.0, "waived_ratio": float(rules.ratio(owed, waived)),
                "amount_to_pay": float(owed_total - waived_total), "lump_sum": 0.0,
                "date_due": fields.Date.to_string(plan[-1][0])}
        for key in rules.COMPONENTS:
            vals["owed_" + key] = float(owed[key])
            vals["waive_" + key] = float(waived[key])
        return vals, installments | dues["penalty_invoices"]

    def _check_pay_by(self, today):
        # A plan's dates are checked with its figures (_check_plan_terms).
        if self.kind != "restructuring":
            super(CollectionSettlement, self)._check_pay_by(today)

    def _plan_rows(self):
        """The plan's instalments as the schedule writer takes them, numbered after the contract's."""
        self.ensure_one()
        plan = rules.plan_schedule(fen(self.owed_principal), fen(self.owed_interest) - fen(self.waive_interest),
                                   self.plan_count, fields.Date.from_string(self.plan_first_due))
        start = max(self.contract_id.sudo().invoice_ids.mapped("installment_number") or [0]) + 1
        return [{"number": start + k, "due_date": fields.Date.to_string(due), "principal": principal,
                 "interest": interest} for k, (due, principal, interest) in enumerate(plan)]

    # The plan --------------------------------------------------------------------------------

    @api.multi
    def action_approve(self):
        result = super(CollectionSettlement, self).action_approve()
        for settlement in self.filtered(lambda s: s.kind == "restructuring"):
            settlement._issue_plan(settlement.date_approved)
        return result

    def _issue_plan(self, date):
        """Issue the approved plan (see the module docstring): the new installments, the open ones
        closed by credit notes, a promise per instalment, the case following the plan."""
        settlement = self.sudo()
        case, contract = settlement.case_id, settlement.contract_id
        product = contract.product_id
        ids = self.env["loan.installment.writer"].sudo()._write_installments([(contract, settlement._plan_rows())])
        # The plan's instalments are the case's from the start (its collectors follow them).
        self.env.cr.execute("""
            UPDATE account_invoice SET plan_settlement_id = %s, penalty_free = %s, collection_case_id = %s
             WHERE id = ANY(%s)
        """, (settlement.id, bool(settlement.freeze_interest), case.id, ids))
        self.env["account.invoice"].invalidate_cache(["plan_settlement_id", "penalty_free", "collection_case_id"], ids)
        name = _("Restructuring %s") % settlement.name
        for invoice in settlement.installment_ids.filtered(lambda i: i.state == "open" and i.type == "out_invoice"):
            principal, interest = invoice._unpaid_parts()
            invoice._credit_unpaid(principal, interest, product.principal_account_id, product.interest_account_id,
                                   name, date, {"settlement_id": settlement.id})
            invoice.write({"settlement_id": settlement.id})
        plan = self.env["account.invoice"].sudo().browse(ids)
        Promise = self.env["collection.promise"].sudo()
        for invoice in plan:
            Promise.create({"case_id": case.id, "invoice_id": invoice.id, "amount": invoice.amount_total,
                            "date_made": date, "date_promised": invoice.date_due,
                            "user_id": settlement.requested_by_id.id})
        if case.stage in OPEN_STAGES:  # a case with the legal team stays there
            case.write({"stage": "promised"})
        settlement._write_server({"booked_interest": settlement.waive_interest,
                                  "booked_total": settlement.waive_interest})
        case._refresh_amounts()
        case._loan_note(_("Restructuring %s: the open installments are replaced by a plan of %s monthly instalments "
                          "of %s in all, from %s to %s%s. Penalty interest %s and costs %s are held, waived once the "
                          "plan is paid.") % (
            settlement.name, settlement.plan_count, fen(settlement.amount_to_pay), settlement.plan_first_due,
            settlement.date_due, _(", interest frozen") if settlement.freeze_interest else "",
            fen(settlement.waive_penalty), fen(settlement.waive_costs)))

    @api.multi
    def action_cancel(self):
        for settlement in self:
            if settlement.kind == "restructuring" and settlement.state == "approved":
                raise UserError(_("Restructuring %s was approved and its plan issued: it runs until the plan is paid "
                                  "or broken, and cannot be cancelled.") % settlement.name)
        return super(CollectionSettlement, self).action_cancel()

    @api.multi
    def _after_recovery(self, recovery):
        if self.kind != "restructuring":
            return super(CollectionSettlement, self)._after_recovery(recovery)
        self._count_paid()
        if self._paid_by_money() and all(invoice.state == "paid" for invoice in self.sudo().plan_ids):
            self._complete_plan(recovery.date)

    def _paid_by_money(self):
        """Whether the money registered under the plan (its recoveries) paid all of it: instalments
        closed otherwise (a credit note, a journal entry reconciled in accounting) are not the
        payment the concession was given for."""
        self.ensure_one()
        return fen(self.amount_paid) >= fen(self.amount_to_pay)

    def _complete_plan(self, date):
        """The plan is paid in full: the penalty interest and costs held are waived."""
        settlement = self.sudo()
        penalty, costs = settlement._clear_penalty_and_costs(fen(settlement.waive_penalty))
        total = fen(settlement.booked_interest) + penalty + costs
        settlement._write_server({"state": "fulfilled", "date_closed": date, "booked_penalty": float(penalty),
                                  "booked_costs": float(costs), "booked_total": float(total)})
        settlement.case_id._refresh_amounts()
        settlement.case_id._loan_note(_("Restructuring %s fulfilled: the plan is paid; penalty interest %s and costs "
                                        "%s waived.") % (settlement.name, penalty, costs))

    def _break_plan(self, date, late):
        """An instalment (`late`) is still unpaid after the days of grace: the plan is broken and the
        case goes back to collection (see the module docstring). Without `late`, the instalments were
        closed without being paid (credit notes): the condition of the concession is not met, and what
        the plan held is owed again, whatever the restructuring says of a breach."""
        settlement = self.sudo()
        case = settlement.case_id
        vals = {"state": "broken", "date_closed": date, "date_broken": date}
        open_plan = settlement.plan_ids.filtered(lambda i: i.state == "open")
        if not late:
            note = _("Restructuring %s ended: its instalments were closed without being paid in full (%s paid). "
                     "Nothing is waived: penalty interest %s and costs %s are owed again.") % (
                settlement.name, fen(settlement.amount_paid), fen(settlement.waive_penalty),
                fen(settlement.waive_costs))
        elif settlement.revoke_on_break:
            # The contract's terms are back: penalty interest from each instalment's due date.
            open_plan.write({"penalty_free": False})
            note = _("Restructuring %s broken: instalment %s (due %s) is unpaid. As agreed, the concession is "
                     "revoked: penalty interest %s and costs %s are owed again, and penalty interest accrues on the "
                     "overdue instalments from their due dates.") % (
                settlement.name, late.installment_number, late.date_due, fen(settlement.waive_penalty),
                fen(settlement.waive_costs))
        else:
            penalty, costs = settlement._clear_penalty_and_costs(fen(settlement.waive_penalty))
            vals.update(booked_penalty=float(penalty), booked_costs=float(costs),
                        booked_total=float(fen(settlement.booked_interest) + penalty + costs))
            # Penalty interest from today: what the plan held stays waived.
            open_plan.filtered("penalty_free").write({"penalty_free": False, "penalty_date": date})
            note = _("Restructuring %s broken: instalment %s (due %s) is unpaid. The concession stands (penalty "
                     "interest %s and costs %s waived); penalty interest accrues on the overdue instalments %s.") % (
                settlement.name, late.installment_number, late.date_due, penalty, costs,
                _("from today") if settlement.freeze_interest else _("from their due dates"))
        settlement._write_server(vals)
        if case.stage == "promised":
            case.write({"stage": "contacting"})
        case._refresh_amounts()
        case._loan_note(note)

    @api.model
    def _follow_plans(self, date):
        """The daily run: the plans paid in full are fulfilled, those with an instalment unpaid
        after the days of grace are broken. Returns (fulfilled, broken)."""
        # Closed: no instalment open. Paid: by the money registered under the plan (its recoveries).
        self.env.cr.execute("""
            SELECT s.id, bool_and(i.state != 'open'), bool_and(i.state = 'paid') AND s.amount_paid >= s.amount_to_pay,
                   (array_agg(i.id ORDER BY i.date_due, i.id)
                        FILTER (WHERE i.state = 'open' AND i.date_due + COALESCE(s.grace_days, 0) < %s))[1]
              FROM collection_settlement s
              JOIN account_invoice i ON i.plan_settlement_id = s.id AND i.type = 'out_invoice'
             WHERE s.state = 'approved' AND s.kind = 'restructuring'
             GROUP BY s.id
        """, (date,))
        fulfilled = broken = 0
        Invoice = self.env["account.invoice"].sudo()
        for settlement_id, closed, paid, late in self.env.cr.fetchall():
            settlement = self.sudo().browse(settlement_id)
            if closed and paid:
                settlement._complete_plan(date)
                fulfilled += 1
            elif closed or late:
                settlement._break_plan(date, Invoice.browse(late) if late else None)
                broken += 1
        return fulfilled, broken


class CollectionCase(models.Model):
    _inherit = "collection.case"

    @api.multi
    def action_request_restructuring(self):
        """A draft restructuring of this case (its collector or a manager)."""
        action = self.action_request_settlement()
        action.update(name=_("Request Restructuring"),
                      context=dict(action["context"], default_kind="restructuring", default_freeze_interest=True))
        return action


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    plan_settlement_id = fields.Many2one(
        "collection.settlement", string="Restructuring Plan", readonly=True, copy=False,
        ondelete="restrict",  # indexed where set (sparse_indexes.py)
        help="The restructuring whose plan issued this installment.")
    penalty_free = fields.Boolean(
        string="No Penalty Interest", readonly=True, copy=False,
        help="An instalment of a plan with the interest frozen (停息挂账): no penalty interest accrues while the plan "
             "is kept.")


class CollectionPromise(models.Model):
    _inherit = "collection.promise"

    invoice_id = fields.Many2one("account.invoice", string="Plan Instalment", readonly=True, index=True,
                                 ondelete="set null",
                                 help="The promise of a restructuring plan's instalment: kept once it is paid by its "
                                      "due date.")
