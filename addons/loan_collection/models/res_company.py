# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's clock: "today" is the company's calendar day in its time zone (China by default).

Every business date of both addons comes from here (``business_today``), never from Odoo's
own "today" helpers, which give the server's UTC date or the day in the caller's time zone
(which a caller chooses). Datetimes are stored in UTC as Odoo does; ``business_now`` gives that
UTC time, read from services/clock.py so that tests can freeze it.
"""
from odoo import fields, models
from odoo.addons.base.res.res_partner import _tz_get

from ..services import clock


def business_company(record):
    """The company whose clock applies to ``record``: its own company, else the user's."""
    company = record._fields.get("company_id") and len(record) == 1 and record.company_id
    return company or record.env.user.company_id


def business_tz(record):
    return business_company(record).business_tz or clock.DEFAULT_TZ


def business_today(record):
    """The company's calendar day now, as Odoo's 'YYYY-MM-DD' (usable as a field default)."""
    return fields.Date.to_string(clock.local_today(business_tz(record)))


def business_now(record):
    """Now in UTC as Odoo's 'YYYY-MM-DD HH:MM:SS' (usable as a field default)."""
    return fields.Datetime.to_string(clock.utcnow())


class ResCompany(models.Model):
    _inherit = "res.company"

    business_tz = fields.Selection(
        _tz_get, string="Business Time Zone", required=True, default=clock.DEFAULT_TZ,
        help="The company's calendar day in this time zone is \"today\" for the daily collection run, days "
             "overdue, penalty interest, promises, recoveries and court deadlines; quiet hours are judged "
             "on the debtor's clock, which is this one unless the debtor's own is recorded.")

