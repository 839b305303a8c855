# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Split one bank line between the debts of one debtor (民法典 第560条).

A debtor with two loans pays one amount. If he designated what it pays (第560条第1款: a contract
number in the memo makes the match to that contract the suggestion; or he told finance), that is
followed. If not, the law's order applies (第560条第2款), which this wizard proposes: the due debts
first; among them the least secured; then the heaviest for him (the higher rate); then the one due
first; debts due the same day share pro rata (services/allocation.order_between_debts). Finance
may change the amounts only to follow a designation, saying what it was. Each share is registered
as a recovery of its case, and the bank line is reconciled with all their payments.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.collection_case import ACTIVE_STAGES
from ..services import allocation
from ..services.money import fen


class LoanBankSplit(models.TransientModel):
    _name = "loan.bank.split"
    _description = "Split a Bank Line Between Debts"

    line_id = fields.Many2one("account.bank.statement.line", string="Bank Line", required=True, readonly=True)
    amount = fields.Monetary(related="line_id.amount", readonly=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.user.company_id.currency_id)
    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, readonly=True)
    designated = fields.Boolean(string="The Debtor Designated the Split",
                                help="民法典 第560条第1款: the debtor said what the payment pays. Without it, the "
                                     "split is the law's order (第560条第2款).")
    designation = fields.Char(string="How He Designated It",
                              help="E.g. 电话告知：3,000元还DK202600002，其余还DK202600004 (with the date).")
    split_ids = fields.One2many("loan.bank.split.line", "wizard_id", string="Split")

    @api.model
    def create(self, vals):
        self.env["loan.bank.match"]._check_finance()
        return super(LoanBankSplit, self).create(vals)

    @api.model
    def default_get(self, field_names):
        values = super(LoanBankSplit, self).default_get(field_names)
        self.env["loan.bank.match"]._check_finance()
        line = self.env["account.bank.statement.line"].sudo().browse(
            self.env.context.get("default_line_id") or self.env.context.get("active_id")).exists()
        if not line:
            return values
        best = line.loan_best_match_id or line.loan_match_ids[:1]
        debtor = best.debtor_id
        if not debtor:
            raise UserError(_("Bank line %s matches no debtor: the split is between the debts of the debtor it "
                              "matches.") % (line.ref or line.name))
        if best.source != "debtor":
            raise UserError(_("Bank line %s was paid by %s, not by the debtor: a guarantor's or a court's payment "
                              "is confirmed on the case it pays, not split between the debtor's loans.")
                            % (line.ref or line.name, best.payer_id.display_name))
        values.update(line_id=line.id, partner_id=debtor.id,
                      split_ids=[(0, 0, vals) for vals in self._statutory_split(line, debtor)])
        return values

    @api.model
    def _statutory_split(self, line, debtor):
        """The lines of the split in the law's order (民法典 第560条第2款), excess to the first."""
        cases = self.env["collection.case"].sudo().search(
            [("partner_id", "=", debtor.id), ("stage", "in", ACTIVE_STAGES), ("total_due", ">", 0),
             ("company_id", "=", line.company_id.id)])
        debts = []
        for case in cases:
            contract = case.contract_id
            lender_guarantees = contract.guarantee_ids.filtered(lambda g: g.role == "guarantor")
            security = sum(g.amount or case.total_due for g in lender_guarantees)
            oldest = min((i.date_due for i in contract.invoice_ids
                          if i.type == "out_invoice" and i.state == "open" and i.date_due), default="9999-12-31")
            debts.append(allocation.Debt(case.id, fen(case.total_due), fen(security),
                                         contract.annual_rate or 0.0, oldest))
        if not debts:
            raise UserError(_("%s has no case with money due: there is nothing to split.") % debtor.display_name)
        shares = allocation.order_between_debts(fen(line.amount), debts)
        excess = shares.pop(allocation.EXCESS)
        first = next(iter(shares))
        by_id = {d.key: d for d in debts}
        return [{"case_id": case_id, "due": float(by_id[case_id].due),
                 "amount": float(share + (excess if case_id == first else 0)),
                 "statutory_amount": float(share + (excess if case_id == first else 0))}
                for case_id, share in shares.items()]

    @api.multi
    def action_confirm(self):
        """Register each share as a recovery of its case; reconcile the bank line with them."""
        self.ensure_one()
        self.env["loan.bank.match"]._check_finance()
        line = self.line_id.sudo()
        splits = self.split_ids.filtered(lambda s: fen(s.amount) != 0)
        if any(fen(s.amount) < 0 for s in self.split_ids):
            raise UserError(_("A share of the split is negative: give each case what it receives, 0 or more."))
        total = sum((fen(s.amount) for s in splits), fen(0))
        if total != fen(line.amount):
            raise UserError(_("The shares add up to %s, but the bank line is %s: the whole amount is split.")
                            % (total, fen(line.amount)))
        cases = self.env["collection.case"].sudo().search(
            [("partner_id", "=", self.partner_id.id), ("stage", "in", ACTIVE_STAGES)])
        stranger = splits.mapped("case_id") - cases
        if stranger:
            raise UserError(_("Case %s is not an active case of %s: a payment is split between the debts of the "
                              "one debtor.") % (stranger[0].name, self.partner_id.display_name))
        if not line.loan_match_ids.filtered(lambda m: m.debtor_id == self.partner_id and m.source == "debtor"):
            raise UserError(_("%s is not the debtor who paid bank line %s: the split is of a debtor's own "
                              "payment between his loans.") % (self.partner_id.display_name, line.ref or line.name))
        # The law's split computed again here (the wizard's copy is only shown).
        statutory = {vals["case_id"]: fen(vals["amount"]) for vals in self._statutory_split(line, self.partner_id)}
        given = {s.case_id.id: fen(s.amount) for s in splits}
        changed = any(given.get(case_id, fen(0)) != amount for case_id, amount in statutory.items()) or any(
            case_id not in statutory for case_id in given)
        if changed and not (self.designated and (self.designation or "").strip()):
            raise UserError(_("The amounts differ from the order of 民法典 第560条第2款. Change them only to follow "
                              "the debtor's designation (第560条第1款): tick \"The Debtor Designated the Split\" and "
                              "say how he designated it."))
        if changed:
            note = _("Split as the debtor designated (民法典 第560条第1款): %s") % self.designation.strip()
        else:
            note = _("Split in the order of 民法典 第560条第2款 (due debts; the least secured; the heaviest; the "
                     "first due; pro rata).")
        recoveries = line._loan_register([(s.case_id, "debtor", self.partner_id, s.amount) for s in splits],
                                         note=note)
        return {"type": "ir.actions.act_window", "res_model": "collection.recovery", "name": _("Recoveries"),
                "view_mode": "tree,form", "domain": [("id", "in", recoveries.ids)]}


class LoanBankSplitLine(models.TransientModel):
    _name = "loan.bank.split.line"
    _description = "Share of a Split Bank Line"

    wizard_id = fields.Many2one("loan.bank.split", required=True, ondelete="cascade")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True)
    contract_id = fields.Many2one(related="case_id.contract_id", readonly=True)
    currency_id = fields.Many2one(related="wizard_id.currency_id", readonly=True)
    due = fields.Monetary(string="Due", readonly=True)
    statutory_amount = fields.Monetary(string="By Law (第560条)", readonly=True)
    amount = fields.Monetary(string="Share")
