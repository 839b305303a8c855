# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Corrections of a posted recovery, never by deleting it (issue 17).

* **Reversal**: the bank reversed the money (冲正, a transfer returned). The payment's journal
  entry is reversed on the reversal's day (Odoo's reverse_moves: the installments get their
  residual back, the receivable and the bank are reconciled with their counterparts), the charges
  invoice of the penalty interest and costs is credited, the penalty interest and costs the
  recovery had paid are owed again, the promises it was counted for are judged again without
  it, and the recovery is marked reversed with the day and the reason. It stays in the books and in the case's history; the sums of recovered money count
  posted recoveries only.
* **Refund of the excess**: money beyond everything owed stays on the payment as the payer's open
  credit (collection_recovery.py, step 5). Refund Excess pays it back to the payer (an outbound
  customer payment on the recovery's journal, reconciled with that credit).
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.money import fen
from .collection_case_finance import FINANCE_GROUP
from .res_company import business_today


class CollectionRecovery(models.Model):
    _inherit = "collection.recovery"

    reversal_date = fields.Date(readonly=True, copy=False)
    reversal_reason = fields.Char(readonly=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal Entry", readonly=True, copy=False)
    excess_refunded = fields.Monetary(string="Excess Refunded", readonly=True, copy=False)
    refund_payment_id = fields.Many2one("account.payment", string="Refund Payment", readonly=True, copy=False)

    def _check_finance_correction(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance corrects a recovery."))

    @api.multi
    def _reverse(self, date, reason):
        """Reverse this posted recovery on `date` for `reason` (see the module docstring)."""
        self.ensure_one()
        self._check_finance_correction()
        recovery = self.sudo()
        if recovery.state != "posted":
            raise UserError(_("Recovery %s is not posted (it is %s): only a posted recovery is reversed.") % (
                recovery.name, dict(self._fields["state"]._description_selection(self.env))[recovery.state]))
        if not (reason or "").strip():
            raise UserError(_("Say why recovery %s is reversed.") % recovery.name)
        if fields.Date.to_string(date) < recovery.date:
            raise UserError(_("Recovery %s was received on %s: it cannot be reversed on an earlier day (%s).")
                            % (recovery.name, recovery.date, fields.Date.to_string(date)))
        if recovery.excess_refunded:
            raise UserError(_("Recovery %s had %s of excess refunded to the payer: reverse that refund in "
                              "accounting first.") % (recovery.name, fen(recovery.excess_refunded)))
        case = recovery.case_id
        moves = recovery.payment_id.move_line_ids.mapped("move_id")
        reversal = self.env["account.move"].sudo().browse(moves.reverse_moves(date=fields.Date.to_string(date)))
        charge = recovery.charge_invoice_id
        if charge:
            refund = charge.refund(date_invoice=fields.Date.to_string(date), date=fields.Date.to_string(date),
                                   description=_("Reversal of recovery %s") % recovery.name)
            refund.action_invoice_open()
            receivable = charge.account_id
            (charge.move_id.line_ids | refund.move_id.line_ids).filtered(
                lambda l: l.account_id == receivable and not l.reconciled).reconcile()
        # What the recovery paid of the penalty interest and costs is owed again.
        for line in recovery.line_ids.filtered("amount_penalty"):
            invoice = line.invoice_id
            invoice.write({"penalty_interest": float(fen(invoice.penalty_interest) + fen(line.amount_penalty)),
                           "penalty_recovered": float(fen(invoice.penalty_recovered) - fen(line.amount_penalty))})
        if recovery.amount_costs or recovery.amount_penalty:
            case.write({"recovered_costs": float(fen(case.recovered_costs) - fen(recovery.amount_costs)),
                        "recovered_penalty": float(fen(case.recovered_penalty) - fen(recovery.amount_penalty))})
        recovery._write_registration({"state": "reversed", "reversal_date": fields.Date.to_string(date),
                                      "reversal_reason": reason.strip(), "reversal_move_id": reversal[:1].id})
        case._refresh_amounts()
        # The promises this money was counted for are judged again without it (kept while it is still
        # their day and something else pays them; broken or partly kept once their day is past).
        promises = self.env["collection.promise"].sudo().search([
            ("case_id", "=", case.id), ("state", "in", ("kept", "partial")),
            ("date_made", "<=", recovery.date), ("date_promised", ">=", recovery.date)])
        if promises:
            self.env.cr.execute("UPDATE collection_promise SET state = 'open', amount_paid = 0, date_checked = NULL "
                                "WHERE id = ANY(%s)", (promises.ids,))
            promises.invalidate_cache()
            self.env["collection.run"].sudo()._check_promises(
                fields.Date.from_string(business_today(self)), case_ids=case.ids)
        self.case_id._loan_note(_("Recovery %s of %s reversed on %s: %s. Reversed by %s.") % (
            recovery.name, fen(recovery.amount), fields.Date.to_string(date), reason.strip(), self.env.user.name))
        return reversal

    @api.multi
    def action_refund_excess(self):
        """Pay the excess back to the payer (finance): an outbound payment reconciled with the credit."""
        self._check_finance_correction()
        for recovery in self.sudo():
            left = fen(recovery.amount_excess) - fen(recovery.excess_refunded)
            if recovery.state != "posted" or left <= 0:
                raise UserError(_("Recovery %s has no excess left to refund.") % recovery.name)
            payment = self.env["account.payment"].sudo().create({
                "payment_type": "outbound", "partner_type": "customer", "partner_id": recovery.payer_id.id,
                "amount": float(left), "journal_id": recovery.journal_id.id,
                "payment_date": business_today(self),
                "payment_method_id": self.env.ref("account.account_payment_method_manual_out").id,
                "communication": _("Refund of the excess of recovery %s") % recovery.name,
            })
            payment.post()
            receivable = recovery.payer_id.commercial_partner_id.property_account_receivable_id
            (payment.move_line_ids | recovery.payment_id.move_line_ids).filtered(
                lambda l: l.account_id == receivable and not l.reconciled).reconcile()
            recovery._write_registration({"excess_refunded": float(fen(recovery.excess_refunded) + left),
                                          "refund_payment_id": payment.id})
            recovery.case_id._loan_note(_("Excess of %s of recovery %s refunded to %s.") % (
                left, recovery.name, recovery.payer_id.display_name))
        return True


class CollectionRecoveryReverse(models.TransientModel):
    """Reverse a recovery registered by hand (cash, an offset, a mistake): finance gives the day and
    the reason. One that came on a bank line is reversed from the bank's reversal line."""
    _name = "collection.recovery.reverse"
    _description = "Reverse Recovery"

    recovery_id = fields.Many2one("collection.recovery", string="Recovery", required=True, readonly=True)
    date = fields.Date(required=True, default=business_today)
    reason = fields.Char(required=True)

    @api.model
    def create(self, vals):
        self.env["collection.recovery"]._check_finance_correction()
        return super(CollectionRecoveryReverse, self).create(vals)

    @api.multi
    def action_reverse(self):
        self.ensure_one()
        recovery = self.recovery_id
        if recovery.sudo().bank_line_id:
            raise UserError(_("Recovery %s came on bank line %s: it is reversed from the bank's reversal line "
                              "(import the statement that holds it).") % (
                recovery.name, recovery.sudo().bank_line_id.ref or recovery.sudo().bank_line_id.name))
        if self.date > business_today(self):
            raise UserError(_("The day of the reversal (%s) is in the future.") % self.date)
        recovery._reverse(fields.Date.from_string(self.date), self.reason)
        return {"type": "ir.actions.act_window", "res_model": "collection.recovery", "view_mode": "form",
                "res_id": recovery.id}
