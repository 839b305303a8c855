# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..services.money import fen


class AccountInvoice(models.Model):
    """What recoveries and write-offs leave on an installment.

    Penalty interest is a memorandum figure (the daily run accrues it, nothing is booked): when a
    recovery pays part of it, the part paid moves from penalty_interest to penalty_recovered and is
    booked as income on the recovery's charges invoice, so penalty_interest is what is still owed
    and the run keeps accruing on the unpaid installment from there.
    """
    _inherit = "account.invoice"

    penalty_interest = fields.Monetary(
        help="Penalty interest accrued at the contract's overdue rate and not yet recovered.")
    penalty_recovered = fields.Monetary(
        string="Penalty Interest Recovered", readonly=True, copy=False,
        help="Penalty interest of this installment paid by recoveries (booked on their charges invoices).")
    recovery_id = fields.Many2one(
        "collection.recovery", string="Charges of Recovery", readonly=True, copy=False,
        ondelete="restrict",  # indexed where set (sparse_indexes.py), as the two below
        help="Set on the invoice that books the penalty interest and costs paid by a recovery.")
    writeoff_id = fields.Many2one(
        "collection.writeoff", string="Write-off", readonly=True, copy=False, ondelete="restrict",
        help="The approved write-off that settled this installment (on the installment and its credit note).")
    settlement_id = fields.Many2one(
        "collection.settlement", string="Settlement", readonly=True, copy=False, ondelete="restrict",
        help="The fulfilled settlement whose waiver credited this installment (on the installment and its "
             "credit note).")

    @api.multi
    def _unpaid_parts(self):
        """(principal, interest) still owed on this installment, Decimals: the residual of an open
        installment split with its principal part paid last (as recoveries and the daily run do)."""
        self.ensure_one()
        return unpaid_parts(self.state, self.residual, self.principal_amount, self.interest_amount,
                            self.amount_total)

    @api.multi
    def _credit_unpaid(self, principal, interest, principal_account, interest_account, name, date, vals):
        """Credit `principal` and `interest` (Decimals) of this open installment with a validated
        credit note reconciled with it: the principal part debited to `principal_account` (the
        write-off account: the lender's loss), the interest part to `interest_account` (reversing
        interest income never received). `name` labels the note and its lines (e.g. "Write-off
        HX0001"); `vals` are written on the note (the write-off or settlement it belongs to).
        Returns the credit note."""
        self.ensure_one()
        invoice = self.sudo()
        lines = [(0, 0, {"name": label, "account_id": account.id, "quantity": 1, "price_unit": float(amount)})
                 for amount, label, account in (
                     (principal, _("%s: principal of %s") % (name, invoice.number), principal_account),
                     (interest, _("%s: interest of %s") % (name, invoice.number), interest_account))
                 if amount]
        refund = invoice.create(dict(vals, **{
            "partner_id": invoice.partner_id.id, "type": "out_refund", "journal_id": invoice.journal_id.id,
            "account_id": invoice.account_id.id, "company_id": invoice.company_id.id,
            "date_invoice": date, "origin": invoice.number, "refund_invoice_id": invoice.id,
            "name": _("%s of %s") % (name, invoice.name or invoice.number), "invoice_line_ids": lines,
        }))
        refund.action_invoice_open()
        (refund.move_id.line_ids | invoice.move_id.line_ids).filtered(
            lambda l: l.account_id == invoice.account_id and not l.reconciled).reconcile()
        return refund


def unpaid_parts(state, residual, principal_amount, interest_amount, amount_total):
    """AccountInvoice._unpaid_parts of an installment given by its values (a row read in SQL)."""
    residual = fen(residual) if state == "open" else fen(0)
    part = principal_amount if (principal_amount or interest_amount) else amount_total
    principal = min(residual, fen(part))
    return principal, residual - principal
