# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .legal_deadline import REMINDER_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Stored in ir.config_parameter by get_values/set_values: this Odoo 11 has no
    # config_parameter= field attribute.
    legal_deadline_reminder_days = fields.Integer(
        string="Deadline Reminder (days before)", default=7,
        help="The lawyer of a legal case gets an activity this many days before each court deadline.")
    legal_default_lawyer_id = fields.Many2one(related="company_id.legal_default_lawyer_id")

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        values["legal_deadline_reminder_days"] = self.env["legal.deadline"]._reminder_days()
        return values

    @api.multi
    def set_values(self):
        super(ResConfigSettings, self).set_values()
        for settings in self:
            days = settings.legal_deadline_reminder_days
            if days < 0:
                raise ValidationError(_("The deadline reminder must be 0 (on the day) or more days before the "
                                        "deadline, not %d.") % days)
            if days != self.env["legal.deadline"]._reminder_days():
                self.env["ir.config_parameter"].sudo().set_param(REMINDER_PARAM, str(days))
                self.env["legal.deadline"]._refresh_reminder_dates()
