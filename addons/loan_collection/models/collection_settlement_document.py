# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The settlement agreement (还款协议 / 一次性结清协议) of an approved settlement, as .docx from the
document templates (loan.document): what the debtor owes, pays by the date and is waived once paid,
in figures and capital numerals. The agreement is a change of the loan contract agreed by both
(民法典 第543条), the waiver a release (第575条) on condition of the payment (第158条), and a
guarantor still answers for the debt so reduced (第695条第一款).

The restructuring agreement (分期还款协议 / 停息挂账分期还款协议) of an approved restructuring states the
plan instalment by instalment, what is held and waived once the plan is paid, and what a breach does."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import docx_render
from ..services.address import cn_address
from .collection_case_finance import MANAGER_GROUP

DOC_TYPE = "settlement_agreement"
PLAN_DOC_TYPE = "restructuring_agreement"
_MONEY = docx_render.MONEY
# What both agreements give (_agreement_parties).
AGREEMENT_SCHEMA = {
    "title": None, "number": None, "date": None,
    "company": {"name": None, "address": None, "phone": None},
    "debtor": {"name": None, "id_label": None, "id_number": None, "address": None},
    "contract": {"number": None, "date_signed": None, "principal": _MONEY},
    "figures_date": None,
    "owed": [dict(_MONEY, label=None)],
    "owed_total": _MONEY,
    "hardship": None,
    "guaranteed": None,
    "repayment": {"bank": None, "account_name": None, "account_number": None},
}
SETTLEMENT_SCHEMA = dict(AGREEMENT_SCHEMA, **{
    "waived": [dict(_MONEY, label=None)],
    "waived_total": _MONEY,
    "to_pay": _MONEY,
    "date_due": None,
    "lump_sum": None,
})
RESTRUCTURING_SCHEMA = dict(AGREEMENT_SCHEMA, **{
    "held": [dict(_MONEY, label=None)],
    "frozen_interest": _MONEY,
    "plan_total": _MONEY,
    "plan_count": None,
    "plan": [dict(_MONEY, number=None, date=None, principal=_MONEY, interest=_MONEY)],
    "grace_days": None,
    "frozen": None,
    "revoked": None,
})
# How the agreement names each component (the order of the lines).
LINE_LABELS = (("principal", "本金"), ("interest", "利息"), ("penalty", "罚息"), ("costs", "实现债权的费用"))
# How the agreement states the debtor's hardship (the overdue-reason classes).
HARDSHIP_WORDS = {"cash_flow": "经营资金周转困难", "market": "市场变化导致经营困难", "family": "家庭变故",
                  "malicious": "特殊情况"}


class LoanDocumentTemplate(models.Model):
    _inherit = "loan.document.template"

    doc_type = fields.Selection(selection_add=[(DOC_TYPE, "Settlement Agreement"),
                                               (PLAN_DOC_TYPE, "Restructuring Agreement")])

    @api.model
    def _document_types(self):
        types = super(LoanDocumentTemplate, self)._document_types()
        types[DOC_TYPE] = ("loan_collection", SETTLEMENT_SCHEMA)
        types[PLAN_DOC_TYPE] = ("loan_collection", RESTRUCTURING_SCHEMA)
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
            "held[]": _("Each amount held while the plan runs and waived once it is paid (罚息, 实现债权的费用)"),
            "held[].label": _("Kind of the amount held"),
            "frozen_interest": _("Interest of the periods still to come not charged (interest frozen)"),
            "plan_total": _("What the plan's instalments add up to"),
            "plan_count": _("Number of instalments of the plan"),
            "plan[]": _("Each instalment of the plan"),
            "plan[].number": _("Number of the instalment within the plan (1, 2, …)"),
            "plan[].date": _("Day the instalment falls due"),
            "plan[].principal": _("Principal of the instalment"),
            "plan[].interest": _("Interest of the instalment"),
            "grace_days": _("Days after a due date before an unpaid instalment breaks the plan"),
            "frozen": _("Present when the interest is frozen (停息挂账; use inside {% if frozen is defined %})"),
            "revoked": _("Present when a breach revokes the concession (use inside {% if revoked is defined %})"),
        })
        return meanings


class LoanDocument(models.Model):
    _inherit = "loan.document"

    doc_type = fields.Selection(selection_add=[(DOC_TYPE, "Settlement Agreement"),
                                               (PLAN_DOC_TYPE, "Restructuring Agreement")])


class CollectionSettlement(models.Model):
    _inherit = "collection.settlement"

    document_id = fields.Many2one("loan.document", string="Agreement", readonly=True,
                                  help="The latest version of the settlement agreement generated.")

    def _agreement_parties(self):
        """What both agreements say of the parties, the contract and where to pay, in Chinese."""
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
        return {
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
            "owed": settlement._agreement_lines("owed_"),
            "owed_total": money(settlement.owed_total),
            "hardship": HARDSHIP_WORDS.get(settlement.hardship_reason, "经济困难"),
            "guaranteed": True if contract.guarantee_ids else None,
            "repayment": {"bank": bank.bank_id.name, "account_name": bank.partner_id.name,
                          "account_number": bank.acc_number},
        }

    def _agreement_lines(self, prefix, keys=None):
        """One line per component of the figures `prefix` (owed_, waive_) that is not 0."""
        return [dict(docx_render.money(self[prefix + key]), label=label)
                for key, label in LINE_LABELS if (keys is None or key in keys) and self[prefix + key]]

    def _document_data(self):
        """The data of the settlement agreement (SETTLEMENT_SCHEMA), in Chinese whatever the user's
        language."""
        settlement = self.sudo().with_context(lang="zh_CN")
        money, cn_date = docx_render.money, docx_render.cn_date
        data = dict(self._agreement_parties(), **{
            "title": "一次性结清还款协议" if settlement.kind == "lump_sum" else "还款及减免协议",
            "waived": settlement._agreement_lines("waive_"),
            "waived_total": money(settlement.waived_total),
            "to_pay": money(settlement.amount_to_pay),
            "date_due": cn_date(settlement.date_due),
            "lump_sum": True if settlement.kind == "lump_sum" else None,
        })
        return data

    def _restructuring_data(self):
        """The data of the restructuring agreement (RESTRUCTURING_SCHEMA), in Chinese."""
        settlement = self.sudo().with_context(lang="zh_CN")
        money, cn_date = docx_render.money, docx_render.cn_date
        plan = settlement.plan_ids.sorted(lambda i: (i.date_due, i.installment_number, i.id))
        if not plan:  # not issued yet (the plan as it will be)
            rows = [(row["due_date"], row["principal"], row["interest"]) for row in settlement._plan_rows()]
        else:
            rows = [(i.date_due, i.principal_amount, i.interest_amount) for i in plan]
        return dict(self._agreement_parties(), **{
            "title": "停息挂账分期还款协议" if settlement.freeze_interest else "分期还款协议",
            "held": settlement._agreement_lines("waive_", ("penalty", "costs")),
            "frozen_interest": money(settlement.waive_interest),
            "plan_total": money(settlement.amount_to_pay),
            "plan_count": str(len(rows)),
            "plan": [dict(money(float(principal) + float(interest)), number=str(k + 1), date=cn_date(due),
                          principal=money(principal), interest=money(interest))
                     for k, (due, principal, interest) in enumerate(rows)],
            "grace_days": str(settlement.grace_days or 0),
            "frozen": True if settlement.freeze_interest else None,
            "revoked": True if settlement.revoke_on_break else None,
        })

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
        if self.state not in ("approved", "fulfilled", "broken"):
            raise UserError(_("Settlement %s is not approved: the agreement states approved terms only.") % self.name)
        doc_type, data = ((PLAN_DOC_TYPE, self._restructuring_data()) if self.kind == "restructuring"
                          else (DOC_TYPE, self._document_data()))
        label = self.env["loan.document.template"].with_context(lang="zh_CN")._doc_type_label(doc_type)
        # Filed on the case (the settlement's evidence is sealed once submitted; the document is the
        # case's record, under its collectors' rules).
        document = self.env["loan.document"].sudo(self.env.uid).generate(
            case.sudo(self.env.uid), doc_type, data, "%s-%s" % (label, self.name))
        self._write_server({"document_id": document.id})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/%s?download=true" % document.attachment_id.id}
