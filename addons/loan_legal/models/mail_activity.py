# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def action_feedback(self, feedback=False):
        # Marking a deadline reminder done in the chatter marks the deadline done too.
        deadlines = self.env["legal.deadline"].sudo().search(
            [("activity_id", "in", self.ids), ("state", "!=", "done")])
        if deadlines:
            deadlines._write_computed({"state": "done", "auto_done": False, "activity_id": False})
        return super(MailActivity, self).action_feedback(feedback=feedback)
