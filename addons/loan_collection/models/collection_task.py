# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import conduct
from ..services.field_policy import COLLECTOR, MANAGER, SYSTEM
from . import field_policy
from .collection_policy import ACTIONS, ROLES
from .res_company import business_now, business_today

# Who may write each field of a task through write() (services/field_policy.py; a field not
# listed is written by no user): tasks are given by the daily run (SQL) and done through the
# contact that fulfils them (collection.contact.log._apply_effects, a notice served) or action_done.
TASK_WRITERS = {
    # Reassignment: the manager's decision.
    "user_id": (MANAGER,),
    # Planning the visit or call (checked against the conduct rules by _check_plan).
    "planned_datetime": (COLLECTOR,),
    "staff_ids": (COLLECTOR,),
    # What the run gave, and the task's state (action_done, the run's expiry and cancellation).
    "task_date": SYSTEM, "case_id": SYSTEM, "contract_id": SYSTEM, "invoice_id": SYSTEM,
    "partner_id": SYSTEM, "step_id": SYSTEM, "episode_key": SYSTEM, "sequence": SYSTEM,
    "action": SYSTEM, "recurrence": SYSTEM, "role": SYSTEM, "priority": SYSTEM,
    "days_overdue": SYSTEM, "amount_due": SYSTEM, "currency_id": SYSTEM, "activity_type_id": SYSTEM,
    "activity_id": SYSTEM, "state": SYSTEM, "date_done": SYSTEM, "name": SYSTEM, "is_due": SYSTEM,
    "instructions": SYSTEM, "guarantee_ids": SYSTEM, "guarantor_contact_point_ids": SYSTEM,
    # Read live from the case, its contact points, logs and promises (collection_task_worklist.py).
    "case_total_due": SYSTEM, "case_overdue_amount": SYSTEM, "case_days_overdue": SYSTEM, "call_number": SYSTEM,
    "last_contact_date": SYSTEM, "last_contact_outcome": SYSTEM, "promise_due_today": SYSTEM,
}
# Who may mark a task done by hand (action_done, or the activity marked done in the chatter),
# without the contact that fulfils it. A contact task of a case (call, SMS, letter, visit,
# guarantor, notice) is done only by logging that contact or recording the notice served: the
# worklist must not show as done a contact that was never made (the conduct rules and the
# contact history rest on the logs). A pre-due reminder has no case to log a contact on: its
# assignee sends it and marks it done. The escalation step is the manager's decision: he
# transfers the case (which closes its tasks) or marks the step done, deciding not to yet.
MANUAL_DONE = {
    "reminder": (COLLECTOR,),   # a task with no case yet (before the installment is overdue)
    "legal": (MANAGER,),
}
# The worklist's actions: the policy's steps, and the search for a number to reach a debtor who has
# none valid, which the daily run gives instead of his calls and messages (collection.run._give_tasks).
TASK_ACTIONS = ACTIONS + [("find_contact", "Find Contact")]
# The channel a task's contact is logged on by default.
ACTION_CHANNEL = {"visit": "visit", "sms": "sms", "letter": "letter", "notice": "visit"}
# Whose contact point a find-contact call reaches (collection.contact.point RELATIONS -> log PARTIES).
RELATION_PARTY = {"spouse": "relative", "relative": "relative", "employer": "employer", "other": "other"}


class CollectionTask(models.Model):
    """One line of a collector's worklist: a policy step due for a case (or, before the due
    date, for an installment) on a day. Created set-based by the daily run."""
    _name = "collection.task"
    _description = "Collection Task"
    _order = "task_date desc, priority desc, sequence, id"

    name = fields.Char(compute="_compute_name")
    task_date = fields.Date(string="Date", required=True, readonly=True, index=True)
    case_id = fields.Many2one("collection.case", string="Case", readonly=True, index=True, ondelete="cascade")
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", required=True, readonly=True,
                                  index=True, ondelete="cascade")
    invoice_id = fields.Many2one("account.invoice", string="Installment", readonly=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True, index=True)
    step_id = fields.Many2one("collection.policy.step", string="Policy Step", readonly=True, ondelete="set null")
    episode_key = fields.Char(readonly=True, required=True,
                              help="What the step is given for: the case, or the installment before a case.")
    sequence = fields.Integer(readonly=True)
    action = fields.Selection(TASK_ACTIONS, required=True, readonly=True)
    recurrence = fields.Selection([("once", "Once"), ("daily", "Daily")], readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", index=True)
    priority = fields.Integer(readonly=True, help="The case's priority score when the task was given.")
    # What the run saw when it gave the task; the worklist shows the case's figures now
    # (case_total_due, case_days_overdue: collection_task_worklist.py).
    days_overdue = fields.Integer(string="Days Overdue When Given", readonly=True)
    amount_due = fields.Monetary(string="Amount Due When Given", readonly=True)
    currency_id = fields.Many2one("res.currency", related="contract_id.currency_id", readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    # Indexed: deleting activities (expired or cancelled tasks) looks up this foreign key.
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null", index=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("expired", "Expired"), ("cancelled", "Cancelled")],
        default="todo", required=True, readonly=True, index=True)
    date_done = fields.Datetime(readonly=True)
    is_due = fields.Boolean(compute="_compute_is_due", search="_search_is_due", string="Due Today or Before")
    instructions = fields.Text(related="step_id.instructions", readonly=True)
    planned_datetime = fields.Datetime(string="Planned For", help="When the visit or call is planned.")
    staff_ids = fields.Many2many("res.users", "collection_task_staff_rel", "task_id", "user_id",
                                 string="Staff Going", help="Visits are made by at least two staff.")
    guarantee_ids = fields.One2many(related="case_id.guarantee_ids", readonly=True, string="Guarantees")
    guarantor_contact_point_ids = fields.Many2many(related="case_id.guarantor_contact_point_ids", readonly=True)

    @api.depends("step_id", "action")
    def _compute_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for task in self:
            task.name = task.step_id.name or actions.get(task.action)

    def _compute_is_due(self):
        today = business_today(self)
        for task in self:
            task.is_due = task.task_date <= today

    def _search_is_due(self, operator, value):
        # The company's today, not the browser's (a filter in the view would use the browser's clock).
        due = (operator == "=") == bool(value)
        return [("task_date", "<=" if due else ">", business_today(self))]

    @api.model_cr
    def init(self):
        # The daily run inserts with ON CONFLICT DO NOTHING on this key: running it twice for
        # the same date gives no second task (collection.run._give_tasks).
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS collection_task_episode_step_date_uniq"
            " ON collection_task (episode_key, step_id, task_date)")
        # A find-contact task has no policy step (NULLs are distinct in the index above).
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS collection_task_find_contact_date_uniq"
            " ON collection_task (episode_key, task_date) WHERE action = 'find_contact'")

    @api.model
    def create(self, vals):
        if not field_policy.is_trusted(self.env):
            raise AccessError(_("Worklist tasks are given by the daily run from the collection policy; they cannot "
                                "be created by hand."))
        return super(CollectionTask, self).create(vals)

    @api.multi
    def write(self, vals):
        """Refuses the fields the user's role may not write (TASK_WRITERS)."""
        field_policy.check_write(self, vals, TASK_WRITERS, {
            "state": _("a task is done by logging the contact made for it (Log Contact)"),
            "date_done": _("a task is done by logging the contact made for it (Log Contact)"),
        })
        return super(CollectionTask, self).write(vals)

    @api.multi
    def _check_manual_done(self):
        """Refuse (AccessError) marking these tasks done without their contact (MANUAL_DONE)."""
        if field_policy.is_trusted(self.env):
            return
        roles = field_policy.user_roles(self.env)
        for task in self:
            kind = "reminder" if not task.case_id else task.action
            allowed = MANUAL_DONE.get(kind, ())
            if roles.intersection(allowed):
                continue
            if not allowed:
                raise AccessError(_("Task \"%s\" is done by logging the contact made for it: use Log Contact (or "
                                    "record the notice served), not Done.") % task.name)
            raise AccessError(_("Only %s may mark task \"%s\" done.")
                              % (field_policy.role_names(self.env, allowed), task.name))

    @api.multi
    def action_done(self):
        """Mark to-do tasks done (MANUAL_DONE says who may without a contact; the contact log and
        the notice service call it as superuser)."""
        self._check_manual_done()
        for task in self:
            if task.state != "todo":
                raise UserError(_("Task \"%s\" is %s, not to do.") % (
                    task.name, dict(task._fields["state"]._description_selection(self.env))[task.state]))
        self.sudo().write({"state": "done", "date_done": business_now(self)})
        for task in self.filtered("activity_id"):
            if task.case_id:
                task.case_id._loan_note(_("Done from the worklist: %s") % task.name)
            else:
                # A reminder before the case: its collector may not read the contract yet.
                task.contract_id.sudo()._loan_note(_("Reminder done from the worklist by %s: %s")
                                                   % (self.env.user.name, task.name))
        # Unlinked rather than action_feedback(), which needs the user to have an e-mail address.
        self.mapped("activity_id").sudo().unlink()
        return True

    @api.constrains("planned_datetime", "staff_ids", "action")
    def _check_plan(self):
        """A planned contact must respect the conduct rules too: not in quiet hours, visits by
        enough staff (services/conduct.py)."""
        Log = self.env["collection.contact.log"]
        limits = Log._conduct_limits()
        for task in self.filtered("planned_datetime"):
            channel = {"visit": "visit", "phone": "phone", "sms": "sms", "guarantor": "phone",
                       "notice": "visit", "letter": "letter", "find_contact": "phone"}.get(task.action)
            if not channel:
                continue
            when = Log._local(task.planned_datetime, task.partner_id._debtor_tz())
            refusals = [r for r in conduct.check_contact(
                when, channel, "debtor", limits, debtor_consent_night=task.partner_id.night_contact_consent,
                staff_count=len(Log._collection_staff(task.staff_ids.ids)) if channel == "visit" else 1)
                if r.rule in ("quiet_hours", "visit_staff")]
            if refusals:
                raise ValidationError(Log._refusal_message(refusals, limits))

    @api.multi
    def action_log_contact(self):
        """Log the contact made for this task: the log form, pre-filled (two clicks from the worklist)
        with the number to call (the one the worklist shows, if the user may read it). For a debtor
        to be found, a relative's or employer's number if there is one, the debtor being unreachable."""
        self.ensure_one()
        if not self.case_id:
            raise UserError(_("This reminder is not part of a collection case yet: send it, then mark it done."))
        channel = ACTION_CHANNEL.get(self.action, "phone")
        party = "guarantor" if self.action == "guarantor" else "debtor"
        point = self._best_contact_points().get(self.id, self.env["collection.contact.point"])
        if point and point.kind != "phone" and channel == "phone":
            point = point.browse()
        if point.id not in self._readable_points(point):
            point = point.browse()
        context = dict(self.env.context, default_case_id=self.case_id.id, default_task_id=self.id,
                       default_channel=channel, default_party=party, default_contact_point_id=point.id)
        if self.action == "find_contact" and point:
            # A third party, asked only how to reach the debtor (conduct rules: never told about the debt).
            context.update(default_party=RELATION_PARTY.get(point.relation, "other"), default_debtor_unreachable=True,
                           default_outcome="other")
        if self.staff_ids:
            context["default_staff_ids"] = [(6, 0, self.staff_ids.ids)]
        return self.env["collection.contact.log"]._form_action(context)

    @api.multi
    def action_open_case(self):
        self.ensure_one()
        record = self.case_id or self.contract_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
