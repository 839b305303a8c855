# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from . import field_policy
from .res_company import business_now


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # Lets the daily run tie the activities it inserts set-based back to their tasks.
    collection_task_id = fields.Many2one("collection.task", readonly=True, index=True, ondelete="cascade")

    @api.model
    def create(self, vals):
        self._check_task_link(vals)
        return super(MailActivity, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_task_link(vals)
        return super(MailActivity, self).write(vals)

    @api.model
    def _check_task_link(self, vals):
        # Only the daily run ties an activity to a task: a user pointing her own activity at
        # another task would mark that task done with the activity.
        if "collection_task_id" in vals and not field_policy.is_trusted(self.env):
            raise AccessError(_("Only the daily run links activities to worklist tasks."))

    def action_feedback(self, feedback=False):
        # Marking the activity done in the chatter marks its worklist task done too, for whom
        # may mark the task done by hand (collection.task.MANUAL_DONE); a contact task is done
        # by logging the contact.
        tasks = self.mapped("collection_task_id").filtered(lambda t: t.state == "todo")
        if tasks:
            tasks.sudo(self.env.uid)._check_manual_done()
            tasks.sudo().write({"state": "done", "date_done": business_now(self)})
        return super(MailActivity, self).action_feedback(feedback=feedback)
