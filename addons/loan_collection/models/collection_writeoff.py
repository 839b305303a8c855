# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write-off (核销) of what a case can no longer recover.

Finance requests it with a reason; a collection manager other than the requester approves it.
On approval every open installment of the contract gets a credit note for its residual — the
principal part debited to the product's write-off account (营业外支出, or the loan loss allowance),
the interest part reversing the interest income that was never received — reconciled with the
installment, which so ends up paid by the credit note. Penalty interest and costs still owed were
never booked (memorandum figures): they are recorded on the write-off and cleared on the case. The
case goes to the stage Written Off and the contract is closed.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.money import fen
from .collection_case import ACTIVE_STAGES
from .collection_case_finance import FINANCE_GROUP, MANAGER_GROUP
from .res_company import business_today
from .base_input_guard import user_defaults_only

# What finance gives when requesting a write-off; the requester, the dates, the decision and the
# amounts are set by the server (create and the approve/refuse actions) only.
USER_CREATE_FIELDS = {"case_id", "reason"}
# Mail bookkeeping (followers), which mail.thread writes on any record; not part of the decision.
MAIL_FIELDS = {"message_follower_ids", "message_last_post"}


class CollectionWriteoff(models.Model):
    _name = "collection.writeoff"
    _description = "Write-off Request"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, index=True,
                              ondelete="restrict", readonly=True, states={"requested": [("readonly", False)]},
                              help="Chosen when the write-off is requested; it cannot be changed afterwards.")
    contract_id = fields.Many2one(related="case_id.contract_id", store=True, readonly=True, string="Loan Contract")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    company_id = fields.Many2one(related="case_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    reason = fields.Text(required=True, readonly=True, states={"requested": [("readonly", False)]},
                         help="Why the amount cannot be recovered: e.g. enforcement terminated without property "
                              "(终结本次执行), the debtor's bankruptcy or death without estate.")
    state = fields.Selection([("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
                             default="requested", required=True, readonly=True, index=True,
                             track_visibility="onchange")
    requested_by_id = fields.Many2one("res.users", string="Requested By", readonly=True,
                                      default=lambda self: self.env.user)
    date_requested = fields.Date(readonly=True, default=business_today)
    approved_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    date_approved = fields.Date(string="Decided On", readonly=True)
    refusal_reason = fields.Text(readonly=True)
    amount_estimated = fields.Monetary(compute="_compute_amount_estimated", string="Outstanding Now",
                                       help="What the write-off would cover if approved today.")
    amount_principal = fields.Monetary(string="Principal Written Off", readonly=True)
    amount_interest = fields.Monetary(string="Interest Written Off", readonly=True)
    amount_penalty = fields.Monetary(string="Penalty Interest Written Off", readonly=True)
    amount_costs = fields.Monetary(string="Costs Written Off", readonly=True)
    amount_total = fields.Monetary(string="Total Written Off", readonly=True)
    refund_ids = fields.One2many("account.invoice", "writeoff_id", string="Credit Notes and Installments",
                                 readonly=True)

    @api.depends("case_id")
    def _compute_amount_estimated(self):
        for writeoff in self:
            case = writeoff.case_id.sudo()
            installments = case.contract_id.invoice_ids.filtered(
                lambda i: i.type == "out_invoice" and i.state in ("open", "paid"))
            writeoff.amount_estimated = (
                sum(i.residual for i in installments if i.state == "open")
                + sum(installments.mapped("penalty_interest")) + case.costs_outstanding)

    @api.model
    def create(self, vals):
        """Request a write-off: finance gives the case and the reason; the requester is the session's
        user (the four-eyes rule rests on it) and the date is today."""
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance can request a write-off."))
        protected = set(vals) - USER_CREATE_FIELDS
        if vals.get("name", "/") == "/":
            protected.discard("name")
        if vals.get("state", "requested") == "requested":
            protected.discard("state")
        if protected:
            raise AccessError(_("These fields of a write-off are set by the server: %s. Request the write-off with "
                                "its case and reason; a collection manager approves or refuses it.")
                              % ", ".join(sorted(protected)))
        case = self.env["collection.case"].browse(vals.get("case_id")).exists()
        if not case:
            raise UserError(_("A write-off request needs its collection case."))
        if case.stage not in ACTIVE_STAGES:
            raise UserError(_("Case %s is closed (%s): only an open case or one with the legal team can be "
                              "written off.") % (case.name, case.stage))
        if self.search([("case_id", "=", case.id), ("state", "=", "requested")], limit=1):
            raise UserError(_("Case %s already has a write-off request waiting for approval.") % case.name)
        if not (vals.get("reason") or "").strip():
            raise UserError(_("Give the reason why the amount cannot be recovered."))
        vals = dict(vals, name=self.env["ir.sequence"].next_by_code("collection.writeoff") or "/",
                    state="requested", requested_by_id=self.env.uid, date_requested=business_today(self))
        # The context's defaults cannot set the decision either (default_state, default_approved_by_id).
        writeoff = super(CollectionWriteoff, user_defaults_only(self, USER_CREATE_FIELDS)).create(vals)
        case._loan_note(_("Write-off %s requested by %s: %s") % (writeoff.name, self.env.user.name, writeoff.reason))
        return writeoff

    @api.multi
    def write(self, vals):
        """Only the reason changes, while the request waits, by its requester. The decision is
        written by action_approve / action_refuse (through _write_decision) and a decided write-off
        never changes, for anyone: an approved one has its credit notes booked."""
        if set(vals) <= MAIL_FIELDS:
            return super(CollectionWriteoff, self).write(vals)
        self.check_access_rights("write")
        decided = self.filtered(lambda w: w.state != "requested")
        if decided:
            raise UserError(_("Write-off %s was decided: it cannot be changed. Request a new write-off if "
                              "needed.") % decided[0].name)
        protected = set(vals) - {"reason"}
        if protected:
            raise AccessError(_("These fields of a write-off are set by the server: %s. Only the reason of a "
                                "request can be changed, by its requester; a collection manager approves or "
                                "refuses it with its buttons.") % ", ".join(sorted(protected)))
        for writeoff in self:
            if writeoff.requested_by_id != self.env.user:
                raise AccessError(_("Only %s, who requested write-off %s, can change its reason.")
                                  % (writeoff.requested_by_id.name, writeoff.name))
        if not (vals.get("reason") or "").strip():
            raise UserError(_("Give the reason why the amount cannot be recovered."))
        return super(CollectionWriteoff, self).write(vals)

    @api.multi
    def _write_decision(self, vals):
        """The decision's own write (the public write refuses state, decider, dates and amounts)."""
        return super(CollectionWriteoff, self.sudo()).write(vals)

    @api.multi
    def unlink(self):
        if any(w.state != "requested" for w in self):
            raise UserError(_("A decided write-off is part of the record and cannot be deleted."))
        return super(CollectionWriteoff, self).unlink()

    def _check_decider(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a collection manager can approve or refuse a write-off."))
        for writeoff in self:
            if writeoff.state != "requested":
                raise UserError(_("Write-off %s was already decided.") % writeoff.name)
            if writeoff.requested_by_id == self.env.user:
                raise AccessError(_("You requested write-off %s: another collection manager must decide it "
                                    "(four-eyes rule).") % writeoff.name)

    @api.multi
    def action_refuse(self):
        self._check_decider()
        for writeoff in self.sudo():
            writeoff._write_decision({"state": "refused", "approved_by_id": self.env.uid,
                                      "date_approved": business_today(self)})
            writeoff.case_id.sudo(self.env.uid)._loan_note(
                _("Write-off %s refused by %s.") % (writeoff.name, self.env.user.name))
        return True

    @api.multi
    def action_approve(self):
        """Write the case off (see the module docstring)."""
        self._check_decider()
        today = business_today(self)
        for writeoff in self.sudo():
            case = writeoff.case_id
            if case.stage not in ACTIVE_STAGES:
                raise UserError(_("Case %s is no longer open: the write-off cannot be approved.") % case.name)
            contract = case.contract_id
            product = contract.product_id
            _penalty_account, _costs_account, writeoff_account = product._finance_accounts()
            installments = contract.invoice_ids.filtered(lambda i: i.type == "out_invoice" and not i.recovery_id)
            open_installments = installments.filtered(lambda i: i.state == "open")
            principal_total = interest_total = fen(0)
            refunds = self.env["account.invoice"]
            for invoice in open_installments.sorted(lambda i: (i.date_due, i.id)):
                principal, interest = invoice._unpaid_parts()
                refund = invoice._credit_unpaid(principal, interest, writeoff_account, product.interest_account_id,
                                                _("Write-off %s") % writeoff.name, today,
                                                {"writeoff_id": writeoff.id})
                refunds |= refund
                principal_total += principal
                interest_total += interest
            penalty = sum((fen(i.penalty_interest) for i in installments), fen(0))
            costs = case._recovery_costs_due()
            installments.filtered(lambda i: i.penalty_interest).write({"penalty_interest": 0.0})
            open_installments.write({"writeoff_id": writeoff.id, "in_litigation": False})
            tasks = case.task_ids.filtered(lambda t: t.state == "todo")
            tasks.mapped("activity_id").unlink()
            tasks.write({"state": "cancelled"})
            total = principal_total + interest_total + penalty + costs
            case.write({"stage": "written_off", "date_closed": today, "to_escalate": False,
                        "next_step_id": False, "next_action_date": False,
                        "written_off_amount": float(fen(case.written_off_amount) + total),
                        "written_off_costs": float(fen(case.written_off_costs) + costs),
                        "overdue_principal": 0.0, "overdue_interest": 0.0, "penalty_interest": 0.0,
                        "total_due": 0.0})
            contract.write({"state": "closed"})
            writeoff._write_decision({
                "state": "approved", "approved_by_id": self.env.uid, "date_approved": today,
                "amount_principal": float(principal_total), "amount_interest": float(interest_total),
                "amount_penalty": float(penalty), "amount_costs": float(costs), "amount_total": float(total),
            })
            case.sudo(self.env.uid)._loan_note(
                _("Written off (%s), approved by %s: principal %s, interest %s, penalty interest %s, costs %s.") % (
                    writeoff.name, self.env.user.name, principal_total, interest_total, penalty, costs))
        return True
