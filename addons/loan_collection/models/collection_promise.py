# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.field_policy import SYSTEM
from . import field_policy
from .res_company import business_today

# Who may write each field of a promise through write(): no user. A promise is taken in a contact
# and created from its log (collection.contact.log._apply_effects, as superuser): the amount and the
# dates are what the log recorded, its state and the amount paid are judged by the daily run
# (collection.run, SQL) from the payments received. A wrong promise is corrected by correcting the
# contact log.
PROMISE_WRITERS = {name: SYSTEM for name in (
    "name", "case_id", "partner_id", "contract_id", "log_id", "user_id", "currency_id", "amount",
    "date_made", "date_promised", "amount_paid", "state", "date_checked", "invoice_id")}


class CollectionPromise(models.Model):
    """A promise to pay, taken in a contact. The daily run marks it kept, partly kept or broken
    from the payments actually received between the day it was made and the day promised."""
    _name = "collection.promise"
    _description = "Promise to Pay"
    _order = "date_promised desc, id desc"

    name = fields.Char(compute="_compute_name")
    case_id = fields.Many2one("collection.case", string="Case", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    contract_id = fields.Many2one(related="case_id.contract_id", store=True, readonly=True)
    log_id = fields.Many2one("collection.contact.log", string="Contact", readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Collector", default=lambda self: self.env.user)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    amount = fields.Monetary(required=True)
    date_made = fields.Date(required=True, default=business_today)
    date_promised = fields.Date(string="Promised For", required=True, index=True)
    amount_paid = fields.Monetary(readonly=True, help="Paid between the day of the promise and the day promised.")
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("partial", "Partly Kept"), ("broken", "Broken")],
        default="open", required=True, readonly=True, index=True)
    date_checked = fields.Date(readonly=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "The promised amount must be greater than zero."),
        ("dates_in_order", "CHECK(date_promised >= date_made)",
         "The promised payment date cannot be before the day the promise was made."),
    ]

    def _compute_name(self):
        for promise in self:
            promise.name = _("%s: %s by %s") % (promise.partner_id.name, promise.amount, promise.date_promised)

    @api.model
    def create(self, vals):
        if not field_policy.is_trusted(self.env):
            raise AccessError(_("A promise to pay is recorded by logging the contact in which it was made "
                                "(outcome \"Promise to Pay\"), not created by hand."))
        return super(CollectionPromise, self).create(vals)

    @api.multi
    def write(self, vals):
        """No user writes a promise (PROMISE_WRITERS)."""
        field_policy.check_write(self, vals, PROMISE_WRITERS, {
            "state": _("the daily run judges the promise from the payments received"),
            "amount_paid": _("the daily run judges the promise from the payments received"),
        })
        return super(CollectionPromise, self).write(vals)

    @api.multi
    def unlink(self):
        if self.sudo().filtered("invoice_id") and not field_policy.is_trusted(self.env):
            raise UserError(_("The promises of a restructuring plan are its instalments': they end with the plan."))
        if any(p.state != "open" for p in self) or not self.env.user.has_group(
                "loan_collection.group_collection_manager"):
            raise UserError(_("Promises are part of the collection record: only a manager can delete an open one."))
        return super(CollectionPromise, self).unlink()
