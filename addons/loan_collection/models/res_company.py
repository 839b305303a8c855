# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's clock: "today" is the company's calendar day in its time zone (China by default).

Every business date of both addons comes from here (``business_today``), never from Odoo's
own "today" helpers, which give the server's UTC date or the day in the caller's time zone
(which a caller chooses). Datetimes are stored in UTC as Odoo does; ``business_now`` gives that
UTC time, read from services/clock.py so that tests can freeze it.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.addons.base.res.res_partner import _tz_get

from ..services import clock, guarantee


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
    collection_bank_id = fields.Many2one(
        "res.partner.bank", string="Repayment Account",
        domain=lambda self: [("partner_id", "=", self.env.user.company_id.partner_id.id)],
        help="The account debtors and guarantors are asked to repay to: printed on every overdue notice and "
             "demand letter. Empty: the company's first bank account.")
    # Who the guarantees answer to (services/guarantee.py): a guarantor to the lender, a
    # counter-guarantor to the guarantor (民法典 第387条第二款), so to the company only when it is the
    # guarantee company that paid the lender and claims back (民法典 第700条).
    creditor_role = fields.Selection(
        [(guarantee.LENDER, "Lender"), (guarantee.GUARANTEE_COMPANY, "Guarantee Company That Paid")],
        string="Company's Role as Creditor", required=True, default=guarantee.LENDER,
        help="Lender: the borrowers and their guarantors, mortgagors and pledgors answer to the company; "
             "counter-guarantors answer to the guarantor and are neither sued nor sent demands. Guarantee "
             "company: the company paid the lender as guarantor and claims back from the debtors and the "
             "counter-guarantors.")

    @api.constrains("collection_bank_id", "partner_id")
    def _check_collection_bank(self):
        for company in self:
            bank = company.collection_bank_id
            if bank and bank.partner_id != company.partner_id:
                raise ValidationError(_(
                    "The repayment account %s belongs to %s, not to %s: choose one of the company's own bank "
                    "accounts (add it on the company's contact, Accounting tab).") % (
                    bank.acc_number, bank.partner_id.display_name, company.name))

    @api.multi
    def _collection_bank(self):
        """The bank account printed on demands (the chosen one, else the company's first)."""
        self.ensure_one()
        return self.collection_bank_id or self.partner_id.bank_ids[:1]

