# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import rates
from ..services.money import to_decimal


class LoanLprRate(models.Model):
    """The one-year (and five-year) LPR as published each month by the National Interbank Funding
    Center (全国银行间同业拆借中心). The history up to the addon's release is shipped as data
    (data/loan_lpr_rate_data.xml, the same figures as services/rates.LPR_HISTORY); managers add
    each new month's publication here."""
    _name = "loan.lpr.rate"
    _description = "Loan Prime Rate (LPR)"
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(string="Published On", required=True,
                       help="The publication day (the 20th, or the next working day): the rate applies from it.")
    one_year_rate = fields.Float(string="One-Year LPR (%)", digits=(6, 4), required=True)
    five_year_rate = fields.Float(string="Five-Year LPR (%)", digits=(6, 4))
    private_lending_cap = fields.Float(
        string="Private Lending Cap (%/year)", digits=(6, 4), compute="_compute_private_lending_cap",
        help="4 times the one-year LPR: the most a private lender may charge on a contract formed while this "
             "rate applies (民间借贷规定 第25条).")

    _sql_constraints = [
        ("date_uniq", "unique(date)", "There is already an LPR published on this date: correct that one."),
    ]

    @api.depends("one_year_rate")
    def _compute_private_lending_cap(self):
        for rate in self:
            rate.private_lending_cap = 4 * rate.one_year_rate

    @api.constrains("one_year_rate", "five_year_rate")
    def _check_rates(self):
        for rate in self:
            if rate.one_year_rate <= 0 or rate.five_year_rate < 0:
                raise ValidationError(_("The LPR of %s must be a positive percentage such as 3.10: correct it.")
                                      % rate.date)

    @api.model
    def _history(self):
        """The one-year LPR history for services/rates.py: the shipped figures, with the rows
        recorded here added (or replacing a shipped row of the same date)."""
        rows = {row[0]: row for row in rates.LPR_HISTORY}
        for rate in self.sudo().search([]):
            day = fields.Date.from_string(rate.date)
            rows[day] = (day, to_decimal(rate.one_year_rate), to_decimal(rate.five_year_rate))
        return tuple(sorted(rows.values()))
