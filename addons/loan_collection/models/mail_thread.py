# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.multi
    def _loan_note(self, body):
        """Post a log note on each record. Back-office staff often have no e-mail address, which
        message_post would otherwise require of the author."""
        user = self.env.user
        for record in self:
            record.message_post(body=body, subtype="mail.mt_note",
                                email_from=user.email_formatted if user.email else user.name)
