# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who read which debtor's full identity number, and when.

个人信息保护法 第51条 (measures such as access control and security audit) and 第55条/第56条
(an assessment of the processing of sensitive personal information, with its records kept): the
trail of every full read of an identity number. Written by the product only (sudo), read by
collection managers (and the administrator), and never changed or deleted by anyone.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from .res_company import business_now


class LoanIdentityAccessLog(models.Model):
    _name = "loan.identity.access.log"
    _description = "Identity Number Access Log"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=business_now, index=True)
    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, ondelete="restrict",
                              index=True)
    # set null: the trail outlives the partner (its name is kept below).
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True, ondelete="set null", index=True)
    partner_name = fields.Char(string="Partner Name", readonly=True)
    channel = fields.Selection([("read", "Read"), ("document", "Court Document")], required=True, readonly=True,
                               help="How the number was shown: read in full (a form, a list, an export) or put "
                                    "into a generated court document.")

    @api.model
    def _record(self, partners, uid, channel):
        """Log that user ``uid`` was shown the full identity numbers of ``partners``."""
        for partner in partners:
            super(LoanIdentityAccessLog, self.sudo()).create({"user_id": uid, "partner_id": partner.id,
                                "partner_name": partner.sudo().display_name, "channel": channel})

    @api.model
    def create(self, vals):
        # Rows come only from _record (the product's reads); admin is uid 1 in Odoo 11, so no
        # public create, not even the superuser's (个人信息保护法 第51条: a trail nobody can forge).
        raise AccessError(_("The identity number access log is written by the system only."))

    @api.multi
    def write(self, vals):
        raise AccessError(_("The identity number access log cannot be changed."))

    @api.multi
    def unlink(self):
        raise AccessError(_("The identity number access log cannot be deleted."))
