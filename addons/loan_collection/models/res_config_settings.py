# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import aging


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    loan_aging_bucket_edges = fields.Char(
        string="Aging Bucket Edges (days)", config_parameter="loan_collection.aging_bucket_edges",
        default="3,6,30,60,90",
        help="Last day of each aging bucket; the default gives 1-3, 4-6, 7-30, 31-60, 61-90 and 90+.")

    @api.constrains("loan_aging_bucket_edges")
    def _check_loan_aging_bucket_edges(self):
        for settings in self:
            try:
                aging.parse_edges(settings.loan_aging_bucket_edges or "")
            except ValueError:
                raise ValidationError(
                    _("Aging bucket edges \"%s\" are not valid: give increasing whole numbers of days "
                      "separated by commas, such as 3,6,30,60,90.") % settings.loan_aging_bucket_edges)
