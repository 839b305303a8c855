# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The aging bucket labels as shown (no model here: imported by the installments and the cases,
which are loaded before the reports)."""
from odoo import _

from ..services import aging


def bucket_label_selection(self):
    """The labels the daily run writes on installments and cases ('current', '1-3', ..., '90+') as
    a selection: 'current' is shown as 未逾期 to a Chinese reader, not as the stored word."""
    current = _("Current")  # out of the comprehension: _() reads self from its caller's frame
    edges = self.env["collection.run"]._bucket_edges()
    return [(label, current if label == "current" else label) for label in aging.bucket_labels(edges)]
