# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bank statement lines imported from the bank: immutable, matched to collection cases (issue 17)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .loan_bank_match import DONE_STATES, MATCH_STATES
from .res_company import business_today
from ..services.money import fen

# What the bank said: never changed on a line imported from its file (a correction is a reversal).
BANK_FIELDS = {"amount", "date", "name", "ref", "partner_name", "unique_import_id", "note", "statement_id",
               "journal_id", "loan_payer_account", "amount_currency", "currency_id"}
# What the bank said of the statement holding imported lines.
STATEMENT_FIELDS = {"journal_id", "date", "balance_start", "balance_end_real"}
# Written by the matching and the confirmation only.
MATCH_FIELDS = {"loan_match_state", "loan_best_match_id", "loan_reversal_of_id", "loan_refund_payment_id"}


def _imported_statements(cr, statement_ids, closed_only=False):
    """The ids among `statement_ids` holding lines imported from a bank's file. `closed_only`: only
    those no line may be added to any more: imported by Import Bank Statement (it writes its lines
    itself, never through the ORM), or by Odoo's own import before this transaction (it adds its
    lines as it creates the statement)."""
    cr.execute("""
        SELECT DISTINCT s.id FROM account_bank_statement s
          JOIN account_bank_statement_line l ON l.statement_id = s.id AND l.unique_import_id IS NOT NULL
         WHERE s.id = ANY(%s)
           AND (NOT %s OR s.loan_imported OR s.create_date < (now() at time zone 'UTC'))
    """, (list(statement_ids), closed_only))
    return {row[0] for row in cr.fetchall()}


class AccountBankStatement(models.Model):
    _inherit = "account.bank.statement"

    loan_layout_id = fields.Many2one("loan.bank.layout", string="Imported With Layout", readonly=True)
    loan_imported = fields.Boolean(string="Imported by Finance", readonly=True, copy=False,
                                   help="Written by Import Bank Statement: it holds the bank's lines only.")

    @api.multi
    def write(self, vals):
        """A statement imported from the bank keeps its account, day and the bank's balances."""
        if "loan_imported" in vals:
            raise AccessError(_("Only Import Bank Statement marks a statement as imported."))
        if set(vals) & STATEMENT_FIELDS and _imported_statements(self.env.cr, self.ids):
            raise UserError(_("This statement was imported from the bank's file: its bank account, day and "
                              "balances are the bank's and are not changed. Import the bank's correction."))
        return super(AccountBankStatement, self).write(vals)


class CollectionRecovery(models.Model):
    _inherit = "collection.recovery"

    # Finance's and the auditor's: collectors see that the money came (the recovery), not the statement.
    bank_line_id = fields.Many2one("account.bank.statement.line", string="Bank Line", readonly=True, index=True,
                                   copy=False, help="The line of the bank statement this money came on.",
                                   groups="loan_collection.group_loan_finance,loan_collection.group_loan_auditor")


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    loan_payer_account = fields.Char(string="Counterparty Account", readonly=True,
                                     help="The payer's account number as the bank gave it (digits only).")
    loan_match_state = fields.Selection(MATCH_STATES, string="Match", readonly=True, index=True, copy=False)
    loan_match_ids = fields.One2many("loan.bank.match", "line_id", string="Match Suggestions", readonly=True)
    # Indexed: deleting a line's old suggestions (Match Again) looks up the lines pointing to each.
    loan_best_match_id = fields.Many2one("loan.bank.match", string="Best Match", readonly=True, copy=False,
                                         index=True)
    loan_best_case_id = fields.Many2one(related="loan_best_match_id.case_id", string="Suggested Case",
                                        readonly=True)
    loan_best_confidence = fields.Integer(related="loan_best_match_id.confidence", string="Confidence",
                                          readonly=True)
    loan_best_reason = fields.Char(related="loan_best_match_id.reason", string="Why", readonly=True)
    loan_recovery_ids = fields.One2many("collection.recovery", "bank_line_id", string="Recoveries", readonly=True)
    loan_recovery_id = fields.Many2one("collection.recovery", string="Recovery", compute="_compute_loan_recovery_id",
                                       help="The recovery registered from this line (the first, when it was split).")
    loan_reversal_of_id = fields.Many2one("account.bank.statement.line", string="Reverses Bank Line", readonly=True,
                                          copy=False, index=True,
                                          help="Money out: the confirmed line the bank reversed.")
    loan_refund_payment_id = fields.Many2one("account.payment", string="Refund Payment", readonly=True, copy=False,
                                             help="Money out: the refund of an excess this line paid.")
    loan_worker_id = fields.Many2one("res.users", string="Worked On By", readonly=True, copy=False,
                                     help="Who in finance is looking into this line (Take It).")

    @api.depends("loan_recovery_ids")
    def _compute_loan_recovery_id(self):
        for line in self:
            line.loan_recovery_id = line.loan_recovery_ids[:1]

    @api.model
    def create(self, vals):
        """No line is added to a statement imported from the bank after its import (a copy of an
        imported line, or a line forged on it); Odoo's own import adds its lines as it creates the
        statement, in the same transaction."""
        if vals.get("statement_id") and _imported_statements(self.env.cr, [vals["statement_id"]], closed_only=True):
            raise UserError(_("This statement was imported from the bank's file: it holds the bank's lines only. "
                              "Import the bank's next statement instead of adding a line."))
        if set(vals) & MATCH_FIELDS:
            raise AccessError(_("The match of a bank line is set by the matching and by Confirm, its worker by "
                                "Take It."))
        return super(AccountBankStatementLine, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) & (MATCH_FIELDS | {"loan_worker_id"}):
            raise AccessError(_("The match of a bank line is set by the matching and by Confirm, its worker by "
                                "Take It."))
        imported = self.filtered(lambda line: line.unique_import_id and line._loan_changes(vals))
        if imported:
            raise UserError(_("Bank line %s was imported from the bank's statement: what the bank booked is "
                              "never changed. If the bank corrected it, import the correction.")
                            % (imported[0].ref or imported[0].name))
        return super(AccountBankStatementLine, self).write(vals)

    @api.multi
    def unlink(self):
        imported = self.filtered("unique_import_id")
        if imported:
            raise UserError(_("Bank line %s was imported from the bank's statement and cannot be deleted: the "
                              "statement is the bank's record.") % (imported[0].ref or imported[0].name))
        return super(AccountBankStatementLine, self).unlink()

    @api.multi
    def button_cancel_reconciliation(self):
        registered = self.filtered("loan_recovery_id")
        if registered:
            raise UserError(_("Bank line %s registered recovery %s: its reconciliation stays with the recovery, "
                              "which is part of the books.") % (registered[0].ref or registered[0].name,
                                                                registered[0].loan_recovery_id.name))
        return super(AccountBankStatementLine, self).button_cancel_reconciliation()

    def _loan_changes(self, vals):
        """The bank fields `vals` would change on this line (Odoo's create rewrites the amount to round
        it: the same value is not a change)."""
        changed = []
        for name in set(vals) & BANK_FIELDS:
            field, current, new = self._fields[name], self[name], vals[name]
            if field.type == "many2one":
                current = current.id
            if field.type in ("float", "monetary"):
                try:
                    new = float(new or 0.0)
                except (TypeError, ValueError):
                    changed.append(name)
                    continue
                if abs((current or 0.0) - new) >= 0.005:
                    changed.append(name)
            elif (current or False) != (new or False):
                changed.append(name)
        return changed

    def _loan_bank_items(self, move_lines, side):
        """The items of `move_lines` on this line's bank account, on `side` ('debit': money in)."""
        accounts = self.journal_id.default_debit_account_id | self.journal_id.default_credit_account_id
        return move_lines.filtered(lambda item: item.account_id in accounts and item[side])

    def _loan_write(self, vals):
        """The matching's and the confirmation's own write (the public write refuses these fields)."""
        return super(AccountBankStatementLine, self.sudo()).write(vals)

    def _loan_register(self, parts, note=None):
        """Register the recoveries of this line, one per (case, source, payer, amount) of `parts`
        (one, or the split of wizards/bank_line_split.py), reconcile the line with their payments,
        confirm the matches of those cases (made for a case that had none) and reject the others,
        and judge the cases' promises. As the user: Register Recovery's checks (finance, the payer
        is the debtor or a guarantor, the journal of the case's company, not a written-off case)."""
        self.ensure_one()
        line = self.sudo()
        if line.loan_match_state in DONE_STATES:
            raise UserError(_("Bank line %s (%s) is already confirmed: its recovery is %s.") % (
                line.ref or line.name, line.date, "、".join(line.loan_recovery_ids.mapped("name")) or "-"))
        if line.amount <= 0:
            raise UserError(_("Bank line %s is money paid out: only money received is registered as a "
                              "recovery.") % (line.ref or line.name))
        # The line's serial number and day only: collectors read the recovery, not the bank statement.
        text = _("Bank line %s of %s.") % (line.ref or "-", line.date)
        if note:
            text = "%s\n%s" % (text, note)
        Recovery, Match = self.env["collection.recovery"], self.env["loan.bank.match"].sudo()
        recoveries = Recovery
        for case, source, payer, amount in parts:
            recovery = Recovery._register_recovery(case, source, payer, amount, line.date, line.journal_id, note=text)
            recovery._write_registration({"bank_line_id": line.id})
            recoveries |= recovery
            match = line.loan_match_ids.filtered(lambda m: m.case_id == case)
            if not match:
                self.env.cr.execute("""
                    INSERT INTO loan_bank_match (line_id, case_id, payer_id, source, confidence, evidence, state,
                                                 create_uid, create_date, write_uid, write_date)
                    VALUES (%s, %s, %s, %s, 0, 'split', 'suggested', %s, now() at time zone 'UTC', %s,
                            now() at time zone 'UTC') RETURNING id
                """, (line.id, case.id, payer.id, source, self.env.uid, self.env.uid))
                match = Match.browse(self.env.cr.fetchone()[0])
                line.invalidate_cache(["loan_match_ids"])
            match._set_state({"state": "confirmed", "recovery_id": recovery.id})
        liquidity = line._loan_bank_items(recoveries.sudo().mapped("payment_id.move_line_ids"), "debit")
        line.process_reconciliation(payment_aml_rec=liquidity)
        others = line.loan_match_ids.filtered(lambda m: m.state == "suggested")
        if others:
            others._set_state({"state": "rejected"})
        confirmed = line.loan_match_ids.filtered(lambda m: m.state == "confirmed")
        line._loan_write({"loan_match_state": "confirmed", "loan_best_match_id": confirmed[:1].id})
        # The promises this money pays are judged now (kept, or partly kept once their day is past).
        self.env["collection.run"].sudo()._check_promises(
            fields.Date.from_string(business_today(self)), case_ids=recoveries.mapped("case_id").ids)
        return recoveries

    # Actions of finance's bank-line queue ------------------------------------------------------

    @api.multi
    def action_loan_match(self):
        """Match Again: recompute the suggestions of these lines (not of confirmed ones)."""
        self.env["loan.bank.match"]._check_finance()
        self.env["loan.bank.match"].sudo()._match_lines(self.sudo())
        return True

    def _loan_confirm_money_out(self):
        """Money out found: the bank's reversal reverses the recoveries of the line it reverses (on its
        day, for that reason); a refund's line is reconciled with the refund payment."""
        self.ensure_one()
        line = self.sudo()
        if line.loan_match_state == "reversal":
            original = line.loan_reversal_of_id
            recoveries = original.loan_recovery_ids.filtered(lambda r: r.state == "posted")
            if not recoveries or fen(-line.amount) != fen(original.amount):
                raise UserError(_("Bank line %s does not reverse the recoveries of line %s any more: use Match Again.")
                                % (line.ref or line.name, original.ref or original.name))
            reason = _("The bank reversed line %s of %s (reversal %s of %s: %s)") % (
                original.ref or "-", original.date, line.ref or "-", line.date, line.name or "")
            reversals = self.env["account.move"]
            for recovery in recoveries:
                reversals |= recovery.sudo(self.env.uid)._reverse(fields.Date.from_string(line.date), reason)
            liquidity = line._loan_bank_items(reversals.mapped("line_ids"), "credit")
            line.process_reconciliation(payment_aml_rec=liquidity)
            line._loan_write({"loan_match_state": "reversed"})
        elif line.loan_match_state == "refund":
            payment = line.loan_refund_payment_id
            liquidity = line._loan_bank_items(payment.move_line_ids, "credit")
            line.process_reconciliation(payment_aml_rec=liquidity)
            line._loan_write({"loan_match_state": "refunded"})
        else:
            raise UserError(_("Bank line %s is neither a reversal nor a refund found by the matching.")
                            % (line.ref or line.name))

    @api.multi
    def action_loan_confirm_best(self):
        """Confirm the suggested match of each line (bulk, from the list), or the reversal or refund
        found for money out. Lines that are ambiguous or unmatched are refused, naming the first, so
        nothing is registered on a guess."""
        self.env["loan.bank.match"]._check_finance()
        lines = self.sudo()
        unsure = lines.filtered(lambda l: l.loan_match_state not in ("suggested", "reversal", "refund"))
        if unsure:
            states = dict(self._fields["loan_match_state"]._description_selection(self.env))
            raise UserError(_("Bank line %s is %s, not suggested: open it and confirm the right case, or leave it "
                              "out of the selection.") % (unsure[0].ref or unsure[0].name,
                                                          states.get(unsure[0].loan_match_state, "-")))
        for line in self.filtered(lambda l: l.sudo().loan_match_state in ("reversal", "refund")):
            line._loan_confirm_money_out()
        incoming = lines.filtered(lambda l: l.loan_match_state == "suggested")
        if not incoming:
            return True
        matches = self.env["loan.bank.match"].browse(incoming.mapped("loan_best_match_id").ids)
        return matches.action_confirm()

    @api.multi
    def action_loan_take(self):
        """Take It: the lines waiting in the queue are being worked on by the current user."""
        self.env["loan.bank.match"]._check_finance()
        self._loan_write({"loan_worker_id": self.env.uid})
        return True


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.multi
    def write(self, vals):
        """The journal items a confirmed bank line was reconciled with stay with it: unlinking them
        by hand would leave the line confirmed and its recovery posted with no bank money behind
        them (button_cancel_reconciliation refuses the same)."""
        if {"statement_line_id", "payment_id"} & set(vals):
            confirmed = self.mapped("statement_line_id").filtered(
                lambda line: line.loan_match_state in DONE_STATES)
            if confirmed:
                raise UserError(_("Journal item of bank line %s: the line is %s and keeps its reconciliation. "
                                  "Corrections are reversals.") % (
                    confirmed[0].ref or confirmed[0].name,
                    dict(confirmed._fields["loan_match_state"]._description_selection(self.env))[
                        confirmed[0].loan_match_state]))
        return super(AccountMoveLine, self).write(vals)
