# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.loan_collection.models.loan_debtor_profile import IDENTITY_GROUPS

LEGAL_IDENTITY_GROUPS = IDENTITY_GROUPS + ",loan_legal.group_legal_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Court filings name every party with its identity number: the legal team needs it (the
    # profile itself: models/loan_debtor_profile.py).
    identity_number = fields.Char(groups=LEGAL_IDENTITY_GROUPS)
    birth_date = fields.Date(groups=LEGAL_IDENTITY_GROUPS)
