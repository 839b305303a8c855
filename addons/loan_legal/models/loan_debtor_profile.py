# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_partner import LEGAL_IDENTITY_GROUPS


class LoanDebtorProfile(models.Model):
    _inherit = "loan.debtor.profile"

    # The legal team reads every profile (security/loan_legal_private_data_security.xml) and the
    # identity numbers the court documents state.
    identity_number = fields.Char(groups=LEGAL_IDENTITY_GROUPS)
    birth_date = fields.Date(groups=LEGAL_IDENTITY_GROUPS)
