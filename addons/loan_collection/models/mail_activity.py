# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from .res_company import business_now


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # Lets the daily run tie the activities it inserts set-based back to their tasks.
    collection_task_id = fields.Many2one("collection.task", readonly=True, index=True, ondelete="cascade")

    def action_feedback(self, feedback=False):
        # Marking the activity done in the chatter marks its worklist task done too.
        tasks = self.mapped("collection_task_id").filtered(lambda t: t.state == "todo")
        if tasks:
            tasks.write({"state": "done", "date_done": business_now(self)})
        return super(MailActivity, self).action_feedback(feedback=feedback)
