# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The evidence of the lending relationship (domain.md, Litigation; 民诉法 第124条: the
# complaint gives the evidence and its sources).
EVIDENCE_KINDS = [
    ("loan_contract", "Loan Contract"),
    ("guarantee_contract", "Guarantee Contract"),
    ("disbursement", "Disbursement Voucher"),
    ("repayment", "Repayment Records"),
    ("notice", "Notices with Proof of Service"),
    ("identity", "ID Copies / Business Licence"),
    ("power_of_attorney", "Power of Attorney"),
    ("other", "Other"),
]


class LegalEvidence(models.Model):
    _name = "legal.evidence"
    _description = "Evidence"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("legal.case", string="Legal Case", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(EVIDENCE_KINDS, required=True, default="other")
    name = fields.Char(string="Evidence", required=True)
    required = fields.Boolean(default=True, help="The claim cannot be filed before this evidence is collected.")
    state = fields.Selection([("missing", "Missing"), ("collected", "Collected"), ("submitted", "Submitted")],
                             required=True, default="missing")
    attachment_ids = fields.Many2many("ir.attachment", "legal_evidence_ir_attachment_rel", "evidence_id",
                                      "attachment_id", string="Attachments")
    note = fields.Char(help="Source of the evidence, what it proves, original or copy.")
