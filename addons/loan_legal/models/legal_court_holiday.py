# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The court calendar: China's statutory calendar (the chinese-calendar package) with the days a
legal manager records on top of it: a court's own announcement, next year's holidays before the
package has them. Every court deadline is counted on it (民法典 第203条, 民诉法 第85条)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import deadlines

_SATURDAY = 5


class LegalCourtHoliday(models.Model):
    _name = "legal.court.holiday"
    _description = "Court Calendar Day"
    _order = "date desc"

    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Public Holiday"), ("workday", "Make-up Working Day")], required=True, default="holiday",
        help="A public holiday is a rest day; a make-up working day (调休上班日) is a Saturday or Sunday on which "
             "courts work.")
    name = fields.Char(required=True, help="e.g. 春节, 国庆节, 国庆节调休上班.")
    note = fields.Text(help="Where the day comes from: the State Council's notice, the court's announcement ...")

    _sql_constraints = [
        ("date_uniq", "unique(date)", "This day is already in the court calendar: correct that row instead."),
    ]

    @api.constrains("date", "kind")
    def _check_workday_is_a_weekend(self):
        for day in self.filtered(lambda d: d.kind == "workday"):
            if fields.Date.from_string(day.date).weekday() < _SATURDAY:
                raise ValidationError(_(
                    "%s is a weekday, a working day anyway: a make-up working day (调休上班日) is a Saturday or "
                    "a Sunday. Correct the date, or record the day as a public holiday.") % day.date)

    # The calendar changed: every open case's deadlines are counted again -----------------------

    @api.model
    def create(self, vals):
        record = super(LegalCourtHoliday, self).create(vals)
        self._calendar_changed()
        return record

    @api.multi
    def write(self, vals):
        result = super(LegalCourtHoliday, self).write(vals)
        if {"date", "kind"} & set(vals):
            self._calendar_changed()
        return result

    @api.multi
    def unlink(self):
        result = super(LegalCourtHoliday, self).unlink()
        self._calendar_changed()
        return result

    @api.model
    def _calendar_changed(self):
        self.env["legal.case"].sudo().search([("stage", "!=", "closed")])._recount_deadlines()

    @api.model
    def _court_calendar(self):
        """The calendar deadlines are counted on (a deadlines.CourtCalendar): the statutory one with
        the recorded days on top; a recorded day makes its year known. Take a .tracking() copy
        per computation to learn the years it does not know."""
        rows = self.sudo().search_read([], ["date", "kind"])
        days = {"holiday": [], "workday": []}
        for row in rows:
            days[row["kind"]].append(fields.Date.from_string(row["date"]))
        return deadlines.statutory_calendar().with_days(days["holiday"], days["workday"])
