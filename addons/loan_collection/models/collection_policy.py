# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import policy as policy_rules

ACTIONS = [
    ("visit", "Visit"),
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("notice", "Serve Notice"),
    ("guarantor", "Contact Guarantor"),
    ("legal", "Escalate to Legal"),
]
ROLES = [("office", "Office Collector"), ("field", "Field Collector"), ("manager", "Collection Manager")]


class CollectionPolicy(models.Model):
    _name = "collection.policy"
    _description = "Collection Policy"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    manager_id = fields.Many2one("res.users", string="Manager",
                                 help="Receives the escalation tasks of cases under this policy.")
    step_ids = fields.One2many("collection.policy.step", "policy_id", string="Steps", copy=True)
    product_ids = fields.One2many("loan.product", "policy_id", string="Loan Products")
    note = fields.Text()


class CollectionPolicyStep(models.Model):
    _name = "collection.policy.step"
    _description = "Collection Policy Step"
    _order = "policy_id, day_from, sequence, id"

    policy_id = fields.Many2one("collection.policy", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    day_from = fields.Integer(string="From Day", required=True,
                              help="Days overdue (day 1 is the day after the due date; negative: before it).")
    day_to = fields.Integer(string="To Day", help="Last day of the range; empty: no end.")
    open_ended = fields.Boolean(string="No End", help="The step applies from its first day until paid.")
    action = fields.Selection(ACTIONS, required=True)
    recurrence = fields.Selection([("once", "Once"), ("daily", "Daily")], required=True, default="once")
    role = fields.Selection(ROLES, required=True, default="office")
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type")
    instructions = fields.Text(translate=True)

    @api.constrains("day_from", "day_to", "open_ended")
    def _check_range(self):
        for step in self:
            if policy_rules.check_steps([step._as_rule()]):
                raise ValidationError(
                    _("Step \"%s\": the last day (%s) is before the first day (%s). Correct the range or "
                      "tick \"No End\".") % (step.name, step.day_to, step.day_from))

    def _as_rule(self):
        return policy_rules.Step(self.id, self.day_from, None if self.open_ended else self.day_to, self.recurrence)
