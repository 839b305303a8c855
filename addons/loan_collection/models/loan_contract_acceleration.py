# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Acceleration of a loan (宣布提前到期) or termination of the contract (解除合同), and what the
contract says about interest, penalty and compound interest (the clauses the claim cites).

An act of acceleration makes everything the contract still owes due at its date: the limitation
period runs from it (民法典 第188条) and the claim may be the whole outstanding principal. It is a
dated act with the clause of the contract that allows it (e.g. 第十二条: the borrower missed
instalments), recorded by a collection manager with Accelerate the Loan; once recorded it is
changed only by a new act, and each act is in the chatter."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_company import business_today

ACCELERATION_KINDS = [
    ("accelerated", "Declared Due in Advance"),  # 宣布提前到期 (the contract's acceleration clause)
    ("terminated", "Contract Terminated"),       # 解除合同 (民法典 第562条, 第563条; 第673条)
]
# Written only by action_record_acceleration, never by write().
ACCELERATION_FIELDS = frozenset(["acceleration_kind", "acceleration_date", "acceleration_clause",
                                 "acceleration_reason"])
MANAGER_GROUP = "loan_collection.group_collection_manager"


class LoanContract(models.Model):
    _inherit = "loan.contract"

    acceleration_kind = fields.Selection(
        ACCELERATION_KINDS, string="Acceleration", readonly=True, copy=False, track_visibility="onchange",
        help="The lender declared the whole loan due (宣布提前到期) or terminated the contract (解除合同): "
             "everything still owed is due at the acceleration date.")
    acceleration_date = fields.Date(string="Accelerated On", readonly=True, copy=False,
                                    track_visibility="onchange")
    acceleration_clause = fields.Char(string="Acceleration Clause", readonly=True, copy=False,
                                      track_visibility="onchange",
                                      help="The clause of the loan contract the acceleration relies on.")
    acceleration_reason = fields.Text(string="Acceleration Grounds", readonly=True, copy=False)
    compound_interest = fields.Boolean(
        string="Compound Interest Agreed", readonly=True, states={"draft": [("readonly", False)]},
        help="The contract provides compound interest (复利) on interest not paid when due, at the "
             "overdue rate (银发〔2003〕251号 第三条): the claim then includes it.")
    interest_clause = fields.Char(string="Interest Clause", readonly=True, states={"draft": [("readonly", False)]},
                                  help="The clause of the loan contract setting the interest rate, e.g. 第四条.")
    penalty_clause = fields.Char(string="Penalty Interest Clause", readonly=True,
                                 states={"draft": [("readonly", False)]},
                                 help="The clause setting the overdue (penalty) rate, e.g. 第七条.")
    compound_clause = fields.Char(string="Compound Interest Clause", readonly=True,
                                  states={"draft": [("readonly", False)]},
                                  help="The clause providing compound interest, e.g. 第七条第二款.")

    @api.model
    def _refuse_acceleration_fields(self, vals):
        if set(vals) & ACCELERATION_FIELDS:
            raise AccessError(_(
                "The acceleration of a loan is a dated act: record it with Accelerate the Loan (a collection "
                "manager); once recorded it is changed only by recording a new act."))

    @api.model
    def create(self, vals):
        self._refuse_acceleration_fields(vals)
        return super(LoanContract, self).create(vals)

    @api.multi
    def write(self, vals):
        self._refuse_acceleration_fields(vals)
        return super(LoanContract, self).write(vals)

    @api.multi
    def action_record_acceleration(self, kind, date, clause, reason=None):
        """Record the act: everything still owed is due on `date`. A collection manager's decision,
        on an active contract, dated between the disbursement and the maturity (after the maturity
        everything is due anyway) and not in the future; the clause is required."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a collection manager can accelerate a loan or terminate its contract."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        kinds = dict(self._fields["acceleration_kind"]._description_selection(self.env))
        if kind not in kinds:
            raise ValidationError(_("Choose whether the loan is declared due in advance or the contract "
                                    "terminated."))
        try:
            date = date and fields.Date.to_string(fields.Date.from_string(date))
        except (TypeError, ValueError):
            date = False
        if not date:
            raise ValidationError(_("Give the date of the acceleration as YYYY-MM-DD: the day the notice of "
                                    "acceleration or termination reached the borrower."))
        if not isinstance(clause, str) or not clause.strip():
            raise ValidationError(_("Give the clause of the loan contract the acceleration relies on "
                                    "(e.g. 第十二条)."))
        today = business_today(self)
        for contract in self:
            if contract.state != "active":
                raise UserError(_("Contract %s is not active: only an active loan can be accelerated.")
                                % contract.name)
            if date > today:
                raise ValidationError(_("The acceleration date (%s) is in the future: record the act once the "
                                        "notice has reached the borrower.") % date)
            if not contract.date_disbursed < date < contract.date_maturity:
                raise ValidationError(_(
                    "Contract %s: the acceleration date (%s) must be after the disbursement (%s) and before "
                    "the maturity (%s); after the maturity everything is due already.") % (
                    contract.name, date, contract.date_disbursed, contract.date_maturity))
            previous = contract.acceleration_date
            super(LoanContract, contract.sudo()).write({
                "acceleration_kind": kind, "acceleration_date": date, "acceleration_clause": clause.strip(),
                "acceleration_reason": reason or False})
            message = _("%s on %s under clause %s, recorded by %s.") % (
                kinds[kind], date, clause.strip(), self.env.user.name)
            if previous:
                message += " " + _("It replaces the act of %s.") % previous
            if reason:
                message += "\n" + reason
            contract._loan_note(message)
        return True

    @api.multi
    def action_open_acceleration(self):
        """The form of the act (Accelerate the Loan)."""
        self.ensure_one()
        action = self.env.ref("loan_collection.loan_contract_acceleration_action").read()[0]
        action["context"] = {"default_contract_id": self.id}
        return action
