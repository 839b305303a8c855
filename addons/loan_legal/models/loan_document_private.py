# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.loan_collection.models.loan_document import SNAPSHOT_GROUPS


class LoanDocument(models.Model):
    _inherit = "loan.document"

    # The data of court documents (parties with their identity numbers) is for the legal team too.
    data_snapshot = fields.Text(groups=SNAPSHOT_GROUPS + ",loan_legal.group_legal_user")
