# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The settlement agreement (还款协议 / 一次性结清协议) of an approved settlement, as .docx from the
document templates (loan.document): what the debtor owes, pays by the date and is waived once paid,
in figures and capital numerals. The agreement is a change of the loan contract agreed by both
(民法典 第543条), the waiver a release (第575条) on condition of the payment (第158条), and a
guarantor still answers for the debt so reduced (第695条第一款)."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import docx_render
from ..services.address import cn_address
from .collection_case_finance import MANAGER_GROUP

DOC_TYPE = "settlement_agreement"
_MONEY = docx_render.MONEY
SETTLEMENT_SCHEMA = {
    "title": None, "number": None, "date": None,
    "company": {"name": None, "address": None, "phone": None},
    "debtor": {"name": None, "id_label": None, "id_number": None, "address": None},
    "contract": {"number": None, "date_signed": None, "principal": _MONEY},
    "figures_date": None,
    "owed": [dict(_MONEY, label=None)],
    "owed_total": _MONEY,
    "waived": [dict(_MONEY, label=None)],
    "waived_total": _MONEY,
    "to_pay": _MONEY,
    "date_due": None,
    "hardship": None,
    "lump_sum": None,
    "guaranteed": None,
    "repayment": {"bank": None, "account_name": None, "account_number": None},
}
# How the agreement names each component (the order of the lines).
LINE_LABELS = (("principal", "本金"), ("interest", "利息"), ("penalty", "罚息"), ("costs", "实现债权的费用"))
# How the agreement states the debtor's hardship (the overdue-reason classes).
HARDSHIP_WORDS = {"cash_flow": "经营资金周转困难", "market": "市场变化导致经营困难", "family": "家庭变故",
                  "malicious": "特殊情况"}


class LoanDocumentTemplate(models.Model):
    _inherit = "loan.document.template"

    doc_type = fields.Selection(selection_add=[(DOC_TYPE, "Settlement Agreement")])

    @api.model
    def _document_types(self):
        types = super(LoanDocumentTemplate, self)._document_types()
        types[DOC_TYPE] = ("loan_collection", SETTLEMENT_SCHEMA)
        return types

    @api.model
    def _placeholder_meanings(self):
        meanings = super(LoanDocumentTemplate, self)._placeholder_meanings()
        meanings.update({
            "debtor.id_label": _("Kind of the debtor's identity number (公民身份号码, 统一社会信用代码)"),
            "debtor.id_number": _("The debtor's identity number"),
            "debtor.address": _("The debtor's address"),
            "figures_date": _("Date of the figures (the day the settlement was approved)"),
            "owed[]": _("Each amount owed when the settlement was approved: one line per kind"),
            "owed[].label": _("Kind of the amount (本金, 利息, 罚息, 实现债权的费用)"),
            "owed_total": _("Total owed"),
            "waived[]": _("Each amount waived once the debtor has paid: one line per kind"),
            "waived[].label": _("Kind of the amount waived"),
            "waived_total": _("Total waived"),
            "to_pay": _("What the debtor pays"),
            "date_due": _("Day by which the debtor pays"),
            "hardship": _("The debtor's hardship, in words (经营资金周转困难…)"),
            "lump_sum": _("Present for a lump-sum settlement (use inside {% if lump_sum is defined %})"),
        })
        return meanings


class LoanDocument(models.Model):
    _inherit = "loan.document"

    doc_type = fields.Selection(selection_add=[(DOC_TYPE, "Settlement Agreement")])


class CollectionSettlement(models.Model):
    _inherit = "collection.settlement"

    document_id = fields.Many2one("loan.document", string="Agreement", readonly=True,
                                  help="The latest version of the settlement agreement generated.")

    def _document_data(self):
        """The data of the agreement (SETTLEMENT_SCHEMA), in Chinese whatever the user's language."""
        self.ensure_one()
        settlement = self.sudo().with_context(lang="zh_CN")
        case, contract, company = settlement.case_id, settlement.contract_id, settlement.company_id
        bank = company._collection_bank()
        if not bank.bank_id:
            raise UserError(_("The company %s has no repayment account: the agreement must tell the debtor where to "
                              "pay. Add the company's bank account with its bank (Settings > Collection > Repayment "
                              "Account), then generate the agreement again.") % company.name)
        debtor = case.partner_id
        # The agreement states the number in full: the read is logged as the user's (个人信息保护法 第51条).
        if self.env.uid != SUPERUSER_ID and debtor.identity_number:
            self.env["loan.identity.access.log"].sudo()._record(debtor, self.env.uid, "document")
        money, cn_date = docx_render.money, docx_render.cn_date

        def lines(prefix):
            return [dict(money(settlement[prefix + key]), label=label)
                    for key, label in LINE_LABELS if settlement[prefix + key]]

        data = {
            "title": "一次性结清还款协议" if settlement.kind == "lump_sum" else "还款及减免协议",
            "number": settlement.name,
            "date": cn_date(settlement.date_approved),
            "company": {"name": company.name,
                        "address": cn_address(company.state_id.name, company.city, company.street, company.street2),
                        "phone": company.phone or None},
            "debtor": {"name": debtor.name,
                       "id_label": "统一社会信用代码" if debtor.identity_type == "credit_code" else "公民身份号码",
                       "id_number": debtor.identity_number or None,
                       "address": cn_address(debtor.state_id.name, debtor.city, debtor.street, debtor.street2)},
            "contract": {"number": contract.name,
                         "date_signed": cn_date(contract.date_signed or contract.date_disbursed),
                         "principal": money(contract.principal)},
            "figures_date": cn_date(settlement.date_figures),
            "owed": lines("owed_"),
            "owed_total": money(settlement.owed_total),
            "waived": lines("waive_"),
            "waived_total": money(settlement.waived_total),
            "to_pay": money(settlement.amount_to_pay),
            "date_due": cn_date(settlement.date_due),
            "hardship": HARDSHIP_WORDS.get(settlement.hardship_reason, "经济困难"),
            "lump_sum": True if settlement.kind == "lump_sum" else None,
            "guaranteed": True if contract.guarantee_ids else None,
            "repayment": {"bank": bank.bank_id.name, "account_name": bank.partner_id.name,
                          "account_number": bank.acc_number},
        }
        return data

    @api.multi
    def action_generate_agreement(self):
        """The agreement of this approved settlement, for the debtor to sign: a new version each time
        (kept with the data it was made from), by a collector of the case or a manager."""
        self.ensure_one()
        self.check_access_rule("read")
        user = self.env.user
        case = self.sudo().case_id
        if not (user.has_group(MANAGER_GROUP) or user in case.office_user_id | case.field_user_id):
            raise AccessError(_("Only the collectors of case %s or a collection manager generate its settlement "
                                "agreement.") % case.name)
        if self.state not in ("approved", "fulfilled"):
            raise UserError(_("Settlement %s is not approved: the agreement states approved terms only.") % self.name)
        label = self.env["loan.document.template"].with_context(lang="zh_CN")._doc_type_label(DOC_TYPE)
        # Filed on the case (the settlement's evidence is sealed once submitted; the document is the
        # case's record, under its collectors' rules).
        document = self.env["loan.document"].sudo(self.env.uid).generate(
            case.sudo(self.env.uid), DOC_TYPE, self._document_data(), "%s-%s" % (label, self.name))
        self._write_server({"document_id": document.id})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/%s?download=true" % document.attachment_id.id}
