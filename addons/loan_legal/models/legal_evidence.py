# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

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

# Where a piece of evidence comes from (证据来源, 民诉法 第124条 wants the sources).
EVIDENCE_SOURCES = [
    ("plaintiff", "Plaintiff's Records"),         # 原告保存
    ("signed", "Signed by the Defendant"),        # 被告签署
    ("third_party", "Third Party"),               # 银行、登记机关等第三方出具
    ("registry", "Public Registry"),              # 不动产登记、市场监管等公开登记
    ("court", "Court Investigation"),             # 申请法院调取
]
# What each kind of evidence proves (证明目的): the default, edited per case. Document content,
# Chinese whatever the user's language.
EVIDENCE_PURPOSE = {
    "loan_contract": "证明原告与被告之间的借款合同关系及借款金额、期限、利率、还款方式等约定",
    "guarantee_contract": "证明担保人提供担保的事实及担保方式、范围",
    "disbursement": "证明原告已按约发放借款",
    "repayment": "证明被告的还款情况及逾期欠款金额",
    "notice": "证明原告已催收，诉讼时效中断",
    "identity": "证明各方当事人的主体资格",
    "power_of_attorney": "证明代理人的代理权限",
    "other": "证明案件相关事实",
}
# The name of each kind on a new case's checklist, as the evidence list prints it (document content,
# Chinese whatever the user's language; edited per case).
EVIDENCE_NAMES = {
    "loan_contract": "借款合同", "guarantee_contract": "担保合同", "disbursement": "借款发放凭证",
    "repayment": "还款记录及欠款明细", "notice": "催收通知及送达凭证", "identity": "当事人身份证明（身份证、营业执照）",
    "power_of_attorney": "授权委托书", "other": "其他证据",
}
DEFAULT_SOURCE = {"loan_contract": "signed", "guarantee_contract": "signed", "disbursement": "third_party",
                  "repayment": "plaintiff", "notice": "plaintiff", "identity": "registry",
                  "power_of_attorney": "plaintiff", "other": "plaintiff"}
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff")


def _pdf_pages(content):
    """Pages of a PDF file, or None when it cannot be read."""
    from PyPDF2 import PdfFileReader
    try:
        return PdfFileReader(io.BytesIO(content), strict=False).getNumPages()
    except Exception:  # a damaged or encrypted file: the page count is entered by hand
        _logger.info("Could not count the pages of an evidence file.", exc_info=True)
        return None


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
    source = fields.Selection(EVIDENCE_SOURCES, string="Source",
                              help="Where the evidence comes from, as the evidence list states it.")
    purpose = fields.Text(string="What It Proves",
                          help="证明目的, as printed in the evidence list: filled from the kind, edit it for the case.")
    original = fields.Boolean(string="Original Available", default=True,
                              help="The original can be shown to the court (otherwise a copy only).")
    pages = fields.Integer(string="Pages",
                           help="Pages as filed. Empty: counted from the attached PDF files (one page per image).")
    pages_counted = fields.Integer(compute="_compute_pages_counted", string="Pages in the Files")
    note = fields.Char(help="Anything else about this evidence (e.g. where the original is kept).")

    _sql_constraints = [
        ("pages_positive", "CHECK(COALESCE(pages, 0) >= 0)", "The page count of evidence cannot be negative."),
    ]

    @api.depends("attachment_ids")
    def _compute_pages_counted(self):
        for evidence in self:
            total = 0
            for attachment in evidence.attachment_ids.sudo():
                if attachment.mimetype == "application/pdf":
                    total += _pdf_pages(base64.b64decode(attachment.datas or b"")) or 0
                elif attachment.mimetype in IMAGE_TYPES:
                    total += 1
            evidence.pages_counted = total

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind:
            self.purpose = EVIDENCE_PURPOSE[self.kind]
            self.source = self.source or DEFAULT_SOURCE[self.kind]

    @api.model
    def create(self, vals):
        kind = vals.get("kind") or "other"
        vals = dict(vals)
        vals.setdefault("purpose", EVIDENCE_PURPOSE[kind])
        vals.setdefault("source", DEFAULT_SOURCE[kind])
        return super(LegalEvidence, self).create(vals)

    @api.multi
    def _list_pages(self):
        """Pages printed in the evidence list: as entered, else counted from the files."""
        self.ensure_one()
        return self.pages or self.pages_counted
