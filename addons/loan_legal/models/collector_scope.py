# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The collectors' record rules on the legal cases as one sub-select the planner can use (see
loan_collection/models/collector_scope.py): a collector reads the legal status of his own
collection cases."""
from odoo.addons.loan_collection.models.collector_scope import _scoped

# The legal cases of collector %s's collection cases.
LEGAL_CASES_SQL = """SELECT lc.id FROM legal_case lc
                       JOIN collection_case cc ON cc.id = lc.collection_case_id
                      WHERE cc.office_user_id = %s OR cc.field_user_id = %s"""

LegalCase = _scoped("legal.case", column="collection_case_id", path="collection_case_id", module=__name__)
LegalCaseParty = _scoped("legal.case.party", column="case_id", sql=LEGAL_CASES_SQL,
                         path="case_id.collection_case_id", module=__name__)
