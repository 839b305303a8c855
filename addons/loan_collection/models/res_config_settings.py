# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import aging


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    loan_aging_bucket_edges = fields.Char(
        string="Aging Bucket Edges (days)", default="3,6,30,60,90",
        help="Last day of each aging bucket; the default gives 1-3, 4-6, 7-30, 31-60, 61-90 and 90+.")

    loan_business_tz = fields.Selection(related="company_id.business_tz")
    loan_collection_bank_id = fields.Many2one(related="company_id.collection_bank_id")
    loan_creditor_role = fields.Selection(related="company_id.creditor_role")

    loan_quiet_start = fields.Integer(string="Quiet Hours Start", default=22,
                                      help="No collection contact from this hour (GB/T 45251-2025).")
    loan_quiet_end = fields.Integer(string="Quiet Hours End", default=8,
                                    help="... until this hour, unless the debtor consented.")
    loan_max_connected_per_day = fields.Integer(
        string="Connected Calls per Person per Day", default=3,
        help="GB/T 45251-2025: at most 3 connected voice contacts a day.")
    loan_max_attempts_per_number = fields.Integer(
        string="Call Attempts per Number per Day", default=6,
        help="China Banking Association guideline: at most 6 attempts on the same number a day.")
    loan_min_visit_staff = fields.Integer(string="Staff per Visit", default=2)
    loan_blacklist_days = fields.Integer(
        string="Blacklist After (days overdue)", default=90,
        help="A borrower whose case is settled after more days overdue than this is blacklisted.")

    # Odoo 11 has no config_parameter= on settings fields: they are kept in ir.config_parameter here.
    _LOAN_PARAMS = {
        "loan_aging_bucket_edges": ("loan_collection.aging_bucket_edges", str, "3,6,30,60,90"),
        "loan_quiet_start": ("loan_collection.quiet_start", int, 22),
        "loan_quiet_end": ("loan_collection.quiet_end", int, 8),
        "loan_max_connected_per_day": ("loan_collection.max_connected_per_day", int, 3),
        "loan_max_attempts_per_number": ("loan_collection.max_attempts_per_number", int, 6),
        "loan_min_visit_staff": ("loan_collection.min_visit_staff", int, 2),
        "loan_blacklist_days": ("loan_collection.blacklist_days", int, 90),
    }

    @api.model
    def get_values(self):
        values = super(ResConfigSettings, self).get_values()
        get = self.env["ir.config_parameter"].sudo().get_param
        for field, (key, kind, default) in self._LOAN_PARAMS.items():
            try:
                values[field] = kind(get(key, default))
            except ValueError:
                values[field] = default
        return values

    @api.multi
    def set_values(self):
        super(ResConfigSettings, self).set_values()
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for field, (key, _kind, _default) in self._LOAN_PARAMS.items():
            set_param(key, str(self[field]))

    @api.constrains("loan_quiet_start", "loan_quiet_end", "loan_max_connected_per_day",
                    "loan_max_attempts_per_number", "loan_min_visit_staff", "loan_blacklist_days")
    def _check_loan_limits(self):
        for settings in self:
            if not (0 <= settings.loan_quiet_end < settings.loan_quiet_start <= 23):
                raise ValidationError(_("Quiet hours must run from an evening hour to a morning hour "
                                        "between 0 and 23, e.g. 22 to 8."))
            if min(settings.loan_max_connected_per_day, settings.loan_max_attempts_per_number,
                   settings.loan_min_visit_staff, settings.loan_blacklist_days) < 1:
                raise ValidationError(_("The contact limits, staff per visit and blacklist days must be at least 1."))

    @api.constrains("loan_aging_bucket_edges")
    def _check_loan_aging_bucket_edges(self):
        for settings in self:
            try:
                aging.parse_edges(settings.loan_aging_bucket_edges or "")
            except ValueError:
                raise ValidationError(
                    _("Aging bucket edges \"%s\" are not valid: give increasing whole numbers of days "
                      "separated by commas, such as 3,6,30,60,90.") % settings.loan_aging_bucket_edges)
