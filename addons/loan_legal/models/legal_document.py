# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Court-document drafts of a legal case, filled from its data (loan.document in loan_collection
does the templates, versions and files)."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.loan_collection.services import clock
from odoo.addons.loan_collection.services import guarantee as guarantee_rules
from odoo.addons.loan_collection.services.address import cn_address
from odoo.addons.loan_collection.services.docx_render import MONEY, cn_date, money
from odoo.addons.loan_collection.models.res_company import business_today, business_tz

from ..services import complaint as complaint_rules
from .legal_case import CONTRACT_OVERRIDES
from .legal_evidence import EVIDENCE_PURPOSE

LEGAL_DOC_TYPES = [
    ("complaint", "Civil Complaint (Element Style)"),
    ("recourse_complaint", "Civil Complaint (Guarantor's Recourse)"),
    ("preservation", "Property Preservation Application"),
    ("enforcement", "Enforcement Application"),
    ("consumption_restriction", "Consumption Restriction Application"),
    ("dishonest_listing", "Dishonest-debtor Listing Application"),
    ("power_of_attorney", "Power of Attorney"),
    ("evidence_list", "Evidence List"),
]
# Document content is Chinese whatever the user's language, like the templates' own text.
ROLE_WORDS = {"borrower": "借款人", "guarantor": "保证人", "mortgagor": "抵押人", "pledgor": "出质人",
              "counter_guarantor": "反担保人", "other": "其他",
              # In enforcement the respondent is named by his standing there (民诉法 第二百四十七条).
              "judgment_debtor": "被执行人"}
ENTERPRISE_WORDS = {"limited": "有限责任公司", "joint_stock": "股份有限公司", "listed": "上市公司",
                    "other_enterprise": "其他企业法人", "partnership": "合伙企业", "sole_proprietorship": "个人独资企业",
                    "individual_business": "个体工商户", "public_institution": "事业单位", "social_organization": "社会团体",
                    "other": "其他组织"}
PRESERVATION_WORDS = {"none": "否", "pre_suit": "是，已申请诉前保全", "with_suit": "否，随本起诉状申请诉讼保全"}
# The answers of the complaint's "是否考虑先行调解" (the 2025 element-style form's three options).
MEDIATION_WORDS = {"willing": "是", "unwilling": "否", "undecided": "暂不确定，想要了解更多内容"}
CHANNEL_WORDS = {"phone": "电话", "sms": "短信", "letter": "信函", "visit": "上门", "wechat": "微信", "agency": "委托第三方",
                 "authority": "公安或法院"}
# Contact outcomes that are facts of a demand reaching the debtor.
REACHED_OUTCOMES = ("rpc", "refused", "promise", "dispute", "acknowledged")
# The contract particulars a complaint cannot go without (a legal manager may supply them on the case).
COMPLAINT_CONTRACT_FIELDS = ("date_signed", "place_signed", "disbursed_amount", "disbursement_date")
GUARANTEE_WORDS = {"general": "一般保证", "joint": "连带责任保证", "mortgage": "抵押担保", "pledge": "质押担保",
                   "counter": "反担保"}
METHOD_WORDS = {"equal_installment": "等额本息", "equal_principal": "等额本金", "bullet": "到期一次性还本付息",
                "interest_only": "按月付息、到期还本"}
ASSET_WORDS = {"real_estate": "不动产", "vehicle": "车辆", "bank_deposit": "银行存款", "securities": "证券",
               "equity": "股权", "receivable": "应收账款", "other": "其他财产"}
# 失信名单规定 第一条 (一)-(六).
GROUND_WORDS = {
    "able_refuses": "有履行能力而拒不履行生效法律文书确定的义务",
    "obstructs": "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
    "evades": "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
    "asset_report": "违反财产报告制度",
    "breach_restriction": "违反限制消费令",
    "refuses_settlement": "无正当理由拒不履行执行和解协议",
}
# 失信名单规定 第一条: the item of each ground.
GROUND_ITEMS = {"able_refuses": "一", "obstructs": "二", "evades": "三", "asset_report": "四",
                "breach_restriction": "五", "refuses_settlement": "六"}
# Applications made against the judgment debtors only.
ENFORCEMENT_DOC_TYPES = ("enforcement", "consumption_restriction", "dishonest_listing")
PERSON_ROLE_WORDS = {"debtor": "被执行人", "legal_representative": "法定代表人", "principal_officer": "主要负责人",
                     "responsible_person": "直接责任人员", "actual_controller": "实际控制人"}
SOURCE_WORDS = {"plaintiff": "原告保存", "signed": "被告签署，原告保存原件", "third_party": "第三方出具",
                "registry": "登记机关登记", "court": "申请人民法院调取", False: "原告提供"}
JUDGMENT_WORDS = {"judgment": "民事判决书", "ruling": "民事裁定书"}
# The data each court document gives its template (LegalCase._document_data and the
# _document_data_<type> builders below make it; a template may use only these paths:
# docx_render.check_template).
_MONEY = MONEY
_PARTY = {"role": None, "name": None, "kind": None, "id_label": None, "id_number": None, "address": None,
          "phone": None, "legal_representative": None, "gender": None, "birth": None, "ethnicity": None,
          "residence": None, "registered_place": None, "company_type": None}
COMMON = {
    "company": {"name": None, "address": None, "phone": None, "legal_representative": None, "credit_code": None,
                "registered_place": None, "company_type": None},
    "date": None,
    "court": {"name": None},
    "case": {"number": None, "appeal_number": None, "enforcement_number": None, "dispute": None},
    "defendants": [_PARTY],
    "defendant_names": None,
}
_CLAIM = {"date": None, "principal": _MONEY, "interest": _MONEY, "penalty": _MONEY, "compound": _MONEY,
          "costs": _MONEY, "total": _MONEY, "interest_method": None, "penalty_method": None, "security": None,
          "basis": None, "lines": [None]}
_GUARANTEE = {"name": None, "role": None, "kind": None, "contract_number": None, "collateral": None,
              "registration": None, "ceiling": _MONEY}
_ASSETS = [{"owner": None, "kind": None, "details": None, "value": _MONEY}]
_JUDGMENT = {"kind": None, "date": None, "court": None, "basis": None, "appeal": None, "effective": None,
             "performance_deadline": None, "terms": [None]}
_RESTRICTION = {"person": None, "ground": None, "ground_item": None, "facts": None, "company_people": None}
SCHEMAS = {
    "complaint": dict(COMMON, claim=_CLAIM, claims=[None], statutes=None, agent=None, preservation=None,
                      mediation=None, contract={
        "number": None, "date_signed": None, "place_signed": None, "borrower": None, "principal": _MONEY,
        "disbursed": _MONEY, "disbursed_on": None, "date_disbursed": None, "date_maturity": None, "term": None,
        "matured": None, "annual_rate": None, "overdue_rate": None, "method": None, "repaid_principal": _MONEY, "repaid_penalty": _MONEY,
        "repaid_interest": _MONEY, "interest_paid_to": None, "overdue_since": None, "acceleration": None,
        "jurisdiction": None, "demands": None},
        guarantees=[_GUARANTEE], collaterals=[_GUARANTEE], sureties=[_GUARANTEE], maximum=[_GUARANTEE]),
    "recourse_complaint": dict(COMMON, claims=[None], statutes=None, agent=None, counter=[None], contract={
        "number": None, "date_signed": None, "borrower": None, "principal": _MONEY}, recourse={
        "lender": None, "agreement": None, "paid_date": None, "paid": _MONEY, "repaid": _MONEY,
        "outstanding": _MONEY, "interest": _MONEY, "rate": None, "claim_date": None, "total": _MONEY}),
    "preservation": dict(COMMON, claim=_CLAIM, assets=_ASSETS, preservation={
        "amount": _MONEY, "guarantee": None, "full": None, "general": None,
        "collaterals": [{"owner": None, "word": None, "collateral": None}]}),
    "enforcement": dict(COMMON, judgment=_JUDGMENT, assets=_ASSETS,
                        enforcement={"amount": _MONEY, "court": None}),
    "consumption_restriction": dict(COMMON, judgment=_JUDGMENT, restriction=_RESTRICTION),
    "dishonest_listing": dict(COMMON, judgment=_JUDGMENT, restriction=_RESTRICTION),
    "power_of_attorney": dict(COMMON, lawyer={"name": None, "position": None, "phone": None}),
    "evidence_list": dict(COMMON, evidence=[{"name": None, "source": None, "purpose": None, "pages": None}]),
}


class LoanDocumentTemplate(models.Model):
    _inherit = "loan.document.template"

    doc_type = fields.Selection(selection_add=LEGAL_DOC_TYPES)

    @api.model
    def _document_types(self):
        types = super(LoanDocumentTemplate, self)._document_types()
        types.update({doc_type: ("loan_legal", schema) for doc_type, schema in SCHEMAS.items()})
        return types

    @api.model
    def _doc_types_for_model(self, res_model):
        if res_model == "legal.case":
            # The lender's complaint or the guarantee company's recourse complaint, by the company's
            # role as creditor: not the other one.
            recourse = self.env.user.company_id.creditor_role == guarantee_rules.GUARANTEE_COMPANY
            other = "complaint" if recourse else "recourse_complaint"
            return [key for key, _label in LEGAL_DOC_TYPES if key != other]
        return super(LoanDocumentTemplate, self)._doc_types_for_model(res_model)

    @api.model
    def _placeholder_meanings(self):
        meanings = super(LoanDocumentTemplate, self)._placeholder_meanings()
        meanings.update({
            "company.legal_representative": _("Legal representative of the company"),
            "company.credit_code": _("Unified social credit code of the company"),
            "court.name": _("Court the document is filed with"),
            "case.number": _("First-instance case number, with its brackets (（2026）浙0106民初1234号)"),
            "case.dispute": _("Cause of action (案由): 金融借款合同纠纷 for a lender, 追偿权纠纷 for a guarantee company "
                              "that paid"),
            "case.appeal_number": _("Second-instance case number"),
            "case.enforcement_number": _("Enforcement case number"),
            "defendants[]": _("Each defendant or respondent, in the case's order"),
            "defendants[].role": _("Role of the party (借款人, 保证人…)"),
            "defendants[].name": _("Name of the party"),
            "defendants[].kind": _("'person' or 'company'"),
            "defendants[].id_label": _("Kind of identity document (身份证号码, 统一社会信用代码…)"),
            "defendants[].id_number": _("Identity document number"),
            "defendants[].address": _("Address, from the province down"),
            "defendants[].phone": _("Phone"),
            "defendants[].legal_representative": _("Legal representative (a company)"),
            "defendants[].gender": _("Gender (a person)"),
            "defendants[].birth": _("Date of birth (a person)"),
            "defendant_names": _("Names of all defendants, joined with 、"),
            "claim.date": _("Date the claim is computed to"),
            "claim.principal": _("Principal claimed"),
            "claim.interest": _("Interest claimed"),
            "claim.interest_method": _("How the interest was computed (base, rate, period)"),
            "claim.penalty": _("Penalty interest claimed"),
            "claim.penalty_method": _("How the penalty interest was computed (base, rate, period)"),
            "claim.costs": _("Costs of realising the claim"),
            "claim.total": _("Total claimed"),
            "claim.security": _("Security rights claimed (guarantees, priority over collateral)"),
            "claims[]": _("Each request to the court (诉讼请求), in order"),
            "contract.place_signed": _("Place the contract was signed"),
            "contract.disbursed": _("Amount actually disbursed"),
            "contract.term": _("Term of the loan"),
            "contract.annual_rate": _("Agreed annual interest rate"),
            "contract.overdue_rate": _("Annual penalty (overdue) rate"),
            "contract.method": _("Repayment method"),
            "contract.repaid": _("Amount repaid so far"),
            "contract.overdue_since": _("Date the loan has been overdue since"),
            "contract.demands": _("Demands made to the debtor, with their dates"),
            "guarantees[]": _("Each guarantee of the loan"),
            "guarantees[].name": _("Guarantor, mortgagor or pledgor"),
            "guarantees[].kind": _("Type of guarantee"),
            "guarantees[].contract_number": _("Guarantee contract number"),
            "guarantees[].collateral": _("Collateral (a mortgage or pledge)"),
            "guarantees[].registration": _("Registration of the mortgage or pledge"),
            "assets[]": _("Each known asset of the respondents"),
            "assets[].owner": _("Owner of the asset"),
            "assets[].kind": _("Kind of asset"),
            "assets[].details": _("Description of the asset"),
            "assets[].value": _("Estimated value of the asset"),
            "preservation.amount": _("Amount to be preserved"),
            "preservation.guarantee": _("Security offered for the preservation"),
            "preservation.full": _("Respondents whose property is preserved up to the amount (the borrower, "
                                   "guarantors liable in full)"),
            "preservation.general": _("Why a general guarantor's property is preserved too (given only then)"),
            "preservation.collaterals[]": _("Each third party's collateral to be seized"),
            "preservation.collaterals[].owner": _("Who gave the collateral"),
            "preservation.collaterals[].word": _("抵押物 or 质物"),
            "preservation.collaterals[].collateral": _("Description of the collateral"),
            "judgment.kind": _("Kind of decision (民事判决书, 民事调解书…)"),
            "judgment.date": _("Date of the judgment"),
            "judgment.court": _("Court that gave the first-instance judgment"),
            "judgment.basis": _("The effective judgment with its courts and case numbers (执行依据), the appeal "
                                "judgment included"),
            "judgment.appeal": _("The appeal court and its judgment, when there was an appeal (test with "
                                 "'is defined')"),
            "judgment.effective": _("Date the judgment took effect"),
            "judgment.performance_deadline": _("Last day of the time given to perform"),
            "judgment.terms[]": _("Each operative term of the judgment (判决主文), as written"),
            "enforcement.amount": _("Amount still to be enforced"),
            "enforcement.court": _("Court enforcement is applied to"),
            "restriction.person": _("Respondent of the restriction or listing"),
            "restriction.ground": _("Ground of the listing"),
            "restriction.ground_item": _("Item of 失信名单规定 第1条 for the ground"),
            "restriction.facts": _("Facts that meet the ground, with dates"),
            "restriction.company_people": _("People of a company debtor also restricted"),
            "lawyer.name": _("Name of the agent ad litem"),
            "lawyer.position": _("Position of the agent (本公司员工, 律师…)"),
            "lawyer.phone": _("Phone of the agent"),
            "evidence[]": _("Each item of evidence, in order"),
            "evidence[].name": _("Name of the evidence"),
            "evidence[].source": _("Where the evidence comes from"),
            "evidence[].purpose": _("What the evidence proves (证明目的)"),
            "evidence[].pages": _("Pages of the evidence"),
            "agent": _("Agent ad litem (委托诉讼代理人): the case's lawyer, with his position"),
            "claim.basis": _("Basis of the claim: accelerated (the whole outstanding principal) or the overdue part"),
            "claim.compound": _("Compound interest claimed"),
            "claim.lines[]": _("How each head of the claim is computed (base, rate, period, clause)"),
            "company.company_type": _("Type of the company (有限责任公司…)"),
            "company.registered_place": _("Place of registration of the company"),
            "defendants[].company_type": _("Type of organisation (a company)"),
            "defendants[].ethnicity": _("Ethnicity (民族, a person)"),
            "defendants[].registered_place": _("Place of registration (a company)"),
            "defendants[].residence": _("Habitual residence (经常居住地, a person)"),
            "contract.acceleration": _("Whether the loan was accelerated or the contract terminated, and when "
                                       "(else 否)"),
            "contract.borrower": _("Borrower named in the contract"),
            "contract.disbursed_on": _("Date the loan was actually disbursed"),
            "contract.interest_paid_to": _("Date the interest is paid to (还息至)"),
            "contract.jurisdiction": _("Agreed jurisdiction or arbitration clause (else 无)"),
            "contract.matured": _("Whether the loan has matured"),
            "contract.repaid_interest": _("Interest repaid"),
            "contract.repaid_principal": _("Principal repaid"),
            "contract.repaid_penalty": _("Penalty interest repaid"),
            "guarantees[].ceiling": _("Ceiling of a maximum-amount guarantee"),
            "guarantees[].role": _("Role of the guarantor (保证人, 抵押人, 出质人…)"),
            "mediation": _("Willingness to mediate (调解意愿)"),
            "preservation": _("Preservation applied for (诉前保全, 诉讼保全, or 否)"),
            "statutes": _("The statutes the claim relies on, per guarantee type"),
            "counter[]": _("Each counter-guarantee claimed on, as a sentence (被告…以…方式向原告提供反担保)"),
            "recourse.lender": _("The lender the company paid as guarantor"),
            "recourse.agreement": _("The guarantee agreement, with its number"),
            "recourse.paid_date": _("Day the company paid the lender (代偿日)"),
            "recourse.paid": _("Amount the company paid the lender (代偿款)"),
            "recourse.repaid": _("What the debtor paid the company back since"),
            "recourse.outstanding": _("What is still owed of the amount paid"),
            "recourse.interest": _("Agreed interest on what is still owed, to the claim date"),
            "recourse.rate": _("Agreed rate on the amount paid, a year"),
            "recourse.claim_date": _("Date the claim is computed to"),
            "recourse.total": _("Total claimed: what is owed of the amount paid and its interest"),
        })
        return meanings

    @api.model
    def _placeholder_aliases(self):
        aliases = super(LoanDocumentTemplate, self)._placeholder_aliases()
        # The mortgages and pledges, the personal guarantees and the maximum-amount guarantees
        # claimed on: guarantees, each with a guarantee's fields.
        aliases.update({"collaterals[]": "guarantees[]", "sureties[]": "guarantees[]", "maximum[]": "guarantees[]"})
        return aliases


class LoanDocument(models.Model):
    _inherit = "loan.document"

    doc_type = fields.Selection(selection_add=LEGAL_DOC_TYPES)


class LegalCase(models.Model):
    _inherit = "legal.case"

    document_ids = fields.One2many("loan.document", compute="_compute_document_ids", string="Court Documents")

    def _compute_document_ids(self):
        Document = self.env["loan.document"]
        for case in self:
            case.document_ids = Document.search([("res_model", "=", self._name), ("res_id", "=", case.id)])

    # Data of the documents ----------------------------------------------------------------

    def _party_data(self, partner, role):
        # The court document states the number in full: the read is logged as the user's
        # (个人信息保护法 第51条, loan.identity.access.log).
        if self.env.uid != SUPERUSER_ID and partner.sudo().identity_number:
            self.env["loan.identity.access.log"].sudo()._record(partner, self.env.uid, "document")
        partner = partner.sudo()
        data = {
            "role": ROLE_WORDS.get(role, role), "name": partner.name,
            "kind": "company" if partner.is_company else "person",
            "id_label": "统一社会信用代码" if partner.identity_type == "credit_code" else "公民身份号码",
            "id_number": partner.identity_number,
            "address": cn_address(partner.state_id.name, partner.city, partner.street, partner.street2),
            "phone": partner.mobile or partner.phone,
            "legal_representative": partner.legal_representative,
            "ethnicity": partner.ethnicity, "residence": partner.habitual_residence,
            "registered_place": partner.registered_place, "company_type": ENTERPRISE_WORDS.get(partner.enterprise_type),
        }
        number = partner.identity_number or ""
        if partner.identity_type == "resident_id" and len(number) == 18:
            # GB 11643: the 17th digit is odd for men, even for women.
            data["gender"] = "男" if int(number[16]) % 2 else "女"
            data["birth"] = cn_date(partner.birth_date)
        return data

    def _check_party_data(self, data):
        labels = {"id_number": _("identity number"), "address": _("address"), "phone": _("phone"),
                  "legal_representative": _("legal representative"), "birth": _("birth date (from the resident ID)")}
        needed = ["id_number", "address", "phone"] + (
            ["legal_representative"] if data["kind"] == "company" else ["birth"])
        missing = [labels[key] for key in needed if not data.get(key)]
        if missing:
            raise UserError(_("%s (%s) lacks: %s. Complete the partner, then generate the document again.")
                            % (data["name"], data["role"], ", ".join(missing)))

    @api.multi
    def _document_data(self, doc_type):
        """The data of doc_type's template for this case (SCHEMAS declares it)."""
        self.ensure_one()
        case = self.sudo()
        company, contract = case.company_id, case.contract_id
        plaintiff = company.partner_id
        parties = case.party_ids
        if doc_type in ENFORCEMENT_DOC_TYPES or doc_type == "preservation":
            parties = case._respondent_parties(doc_type)
        defendants = []
        for party in parties:
            data = self._party_data(party.partner_id, "judgment_debtor" if doc_type in ENFORCEMENT_DOC_TYPES
                                    else party.role)
            self._check_party_data(data)
            defendants.append(data)
        court = case.court_id
        if doc_type in ENFORCEMENT_DOC_TYPES:
            court = case.enforcement_court_id or case.court_id
        if not court and doc_type != "evidence_list":
            raise UserError(_("Case %s has no %s: choose the court on the legal case, then generate the document "
                              "again (it is addressed to that court).")
                            % (case.name, self._loan_field_label("court_id")))
        result = {
            "company": {"name": company.name,
                        "address": cn_address(company.state_id.name, company.city, company.street,
                                              company.street2),
                        "phone": company.phone, "legal_representative": plaintiff.legal_representative,
                        "credit_code": plaintiff.identity_number or company.company_registry or company.vat,
                        "registered_place": plaintiff.registered_place,
                        "company_type": ENTERPRISE_WORDS.get(plaintiff.enterprise_type)},
            "date": cn_date(business_today(self)),
            "court": {"name": court.name},
            "case": {"number": case.case_number, "appeal_number": case.appeal_case_number,
                     "enforcement_number": case.enforcement_case_number, "dispute": case._dispute_name()},
            "defendants": defendants,
            "defendant_names": "、".join(d["name"] for d in defendants),
        }
        builder = getattr(case, "_document_data_%s" % doc_type)
        result.update(builder())
        return result

    def _claim_data(self, rows=None):
        """The claim of the case (`rows`: its contract's _ledger_rows, when the caller has them)."""
        contract = self.contract_id
        rate = contract.annual_rate
        data = {
            "date": cn_date(self.claim_date),
            "principal": money(self.claim_principal), "interest": money(self.claim_interest),
            "penalty": money(self.claim_penalty),
            "costs": money(self.claim_costs), "total": money(self.claim_total),
            "interest_method": "以未还本金为基数，按合同约定年利率%s%%计算" % complaint_rules.rate_text(rate),
            "penalty_method": "以逾期款项为基数，按合同约定逾期罚息年利率%s%%、按日计算（日利率＝年利率÷%s），"
                              "暂计至%s，此后计至实际清偿之日止" % (complaint_rules.rate_text(contract.overdue_rate),
                                                          365 if self._day_count(contract) == "actual_365" else 360,
                                                          cn_date(self.claim_date)),
            "security": "；".join(self._guarantee_sentences()) or "否",
            # The claim from the ledger (legal_case_claim.py): its basis and how each head is computed.
            "basis": ("原告已于%s宣布借款提前到期，主张全部未还本金" % cn_date(contract.acceleration_date)
                      if self.claim_basis == "accelerated" else "主张已到期未还部分"),
            "lines": self._claim_lines_if_ledger(rows),
        }
        # Compound interest is stated only where it is computed (a claim_compound of the case).
        if self._fields.get("claim_compound") and self.claim_compound:
            data["compound"] = money(self.claim_compound)
        return data

    def _claim_lines_if_ledger(self, rows=None):
        """How each head is computed, in Chinese, when the amounts claimed are the ledger's; none
        when the legal team entered other amounts (a lender may claim less): the lines would
        contradict them."""
        if not (self.contract_id and self.claim_date):
            return []
        ledger = self._case_ledger_claim(rows)  # computed once: its totals are compared, its lines printed
        if any(abs(amount - (self[name] or 0.0)) >= 0.005 for name, amount in self._claim_amounts(ledger[1]).items()):
            return []
        return self.with_context(lang="zh_CN")._claim_breakdown_lines(ledger)

    def _claimed_guarantees(self):
        """The guarantees claimed on in the suit: those owed to the company (a counter-guarantor's
        only when the company is the guarantee company that paid: services/guarantee.py)."""
        return self.contract_id.guarantee_ids._answers_to_company()

    def _guarantee_sentences(self):
        """What is asked of each guarantee: a joint guarantor pays like the debtor (民法典 第688条); a
        general guarantor what enforcement against the debtor leaves unpaid (第687条); the collateral
        of a mortgage or pledge, the borrower's own or a third party's, gives priority within its
        value and the agreed scope (第394、410、425、436条), a maximum-amount one up to its ceiling."""
        sentences = []
        debtor = self.partner_id.name
        for guarantee in self._claimed_guarantees():
            name = guarantee.partner_id.name
            liability = guarantee_rules.liability(guarantee.guarantee_type)
            scope = "在最高债权额%s范围内" % money(guarantee.maximum_ceiling)["figures"] if guarantee.maximum \
                else "在担保范围内"
            if liability == "collateral":
                word = "抵押物" if guarantee.guarantee_type == "mortgage" else "质物"
                owner = "被告%s（借款人）" % name if guarantee.partner_id == self.partner_id else "被告%s" % name
                sentences.append("原告对%s提供的%s（%s）折价或者以拍卖、变卖该%s所得价款%s享有优先受偿权" % (
                    owner, word, guarantee.collateral or "见担保合同", word, scope))
            elif liability == "supplementary":
                sentences.append("被告%s对被告%s的上述债务，在被告%s的财产依法强制执行后仍不能履行的部分%s承担补充清偿责任"
                                 % (name, debtor, debtor, scope))
            else:
                sentences.append("被告%s对被告%s的上述债务%s承担连带清偿责任" % (name, debtor, scope))
        return sentences

    def _contract_value(self, name):
        """A contract particular for the court: the legal case's own (CONTRACT_OVERRIDES, a legal
        manager's) in preference to the contract's."""
        overrides = {field: case_field for case_field, field in CONTRACT_OVERRIDES.items()}
        value = overrides.get(name) and self[overrides[name]]
        return value or self.contract_id[name]

    def _check_contract_particulars(self):
        contract = self.contract_id
        missing = [name for name in COMPLAINT_CONTRACT_FIELDS if not self._contract_value(name)]
        if missing:
            raise UserError(_("The complaint states %s of contract %s, which is not recorded. Complete the contract, "
                              "or a legal manager enters it on the legal case (Complaint tab), then generate the "
                              "complaint again.") % (contract._loan_field_labels(missing), contract.name))

    def _lawyer_data(self):
        """The company's agent (委托诉讼代理人): the case's lawyer, in-house or outside."""
        if self.lawyer_id:
            return {"name": self.lawyer_id.name, "position": "委托人的工作人员",
                    "phone": self.lawyer_id.partner_id.mobile or self.lawyer_id.partner_id.phone}
        if self.outside_lawyer:
            return {"name": self.outside_lawyer, "position": "%s律师" % (self.law_firm_id.name or ""),
                    "phone": self.law_firm_id.phone}
        return None

    def _agent_text(self):
        agent = self._lawyer_data()
        if not agent:
            return "无"
        return "%s，%s，%s代理权限：特别授权" % (
            agent["name"], agent["position"], "联系电话：%s，" % agent["phone"] if agent["phone"] else "")

    def _repayment_data(self, rows):
        """已还本金, 已还利息, 还息至 from the ledger (the contract's _ledger_rows): the installments
        and the recoveries' split."""
        principal, interest, paid_to = complaint_rules.repayments([
            (row.date_due, row.principal_amount, row.interest_amount, row.amount_total - row.residual,
             row.principal_recovered, row.interest_recovered) for row in rows])
        # The penalty interest recoveries paid is repaid too (issue 12: it was left out).
        penalty = sum(row.penalty_recovered for row in rows)
        return {"repaid_principal": money(principal), "repaid_interest": money(interest),
                "repaid_penalty": money(penalty), "interest_paid_to": cn_date(paid_to) if paid_to else None}

    def _demand_facts(self):
        """The demands made, as recorded: notices served and contacts that reached the debtor. None
        recorded: nothing is said (the lawyer completes the element)."""
        collection = self.collection_case_id
        facts = ["%s向%s送达%s" % (cn_date(n.date_served), n.partner_id.name, n.name)
                 for n in collection.notice_ids.filtered(lambda n: n.state == "served").sorted("date_served")]
        logs = collection.contact_log_ids.filtered(lambda l: l.outcome in REACHED_OUTCOMES and not l.is_corrected)
        if logs:
            tz = business_tz(self)  # the company's day of each contact
            dates = sorted(clock.to_local(fields.Datetime.from_string(l.date), tz).date() for l in logs)
            channels = "、".join(sorted({CHANNEL_WORDS.get(l.channel, l.channel) for l in logs}))
            facts.append("%s至%s期间通过%s方式催收并联系到被催收人%s次（见催收记录）" % (
                cn_date(dates[0]), cn_date(dates[-1]), channels, len(logs)))
        return "；".join(facts) or None

    def _acceleration_text(self):
        """提前还款/加速到期 or 解除合同, as recorded on the contract (none recorded: 否)."""
        contract = self.contract_id
        date = contract._fields.get("acceleration_date") and contract.acceleration_date
        if date:
            return "是，原告已于%s宣布借款提前到期，要求被告提前归还全部借款本息" % cn_date(date)
        return "否"

    def _recourse(self):
        """The company sues as the guarantee company that paid the lender (民法典 第七百条), not as
        the lender."""
        return self.company_id.creditor_role == guarantee_rules.GUARANTEE_COMPANY

    def _dispute_name(self):
        """The cause of action (案由, 民事案件案由规定): the lender's 金融借款合同纠纷, or the guarantee
        company's claim for what it paid, 追偿权纠纷."""
        return "追偿权纠纷" if self._recourse() else "金融借款合同纠纷"

    def _document_data_complaint(self):
        contract = self.contract_id
        if not contract:
            raise UserError(_("The legal case has no loan contract: a complaint states the contract particulars."))
        if self._recourse():
            # The element-style form is the lender's (贷款人, 借款本金); a guarantee company claims what
            # it paid, from the day it paid (追偿权纠纷, 民法典 第七百条): legal_case_recourse.py.
            raise UserError(_("Case %s: the company is the guarantee company that paid the lender, and this "
                              "complaint is the lender's (金融借款合同纠纷): it would state the company as the "
                              "lender and claim the loan's principal. Generate the recourse complaint "
                              "(民事起诉状（追偿权纠纷）) instead.") % self.name)
        self._check_contract_particulars()
        if not self.claim_total:
            raise UserError(_("The claim of case %s as of %s claims nothing (all its amounts are zero): set Claim as "
                              "of after an installment fell due, or enter the amounts claimed, then generate the "
                              "complaint again.") % (self.name, self.claim_date or _("no date")))
        rows = self._ledger_rows(contract)  # read once, for the claim and the repayments
        # 9. 是否存在逾期还款: since the first installment due and unpaid before the claim date, or the
        # acceleration when the whole loan was called in; none when nothing is overdue (not the claim
        # date printed as if it were).
        due_dates = [row.date_due for row in rows if row.state == "open" and row.date_due < (self.claim_date or "9999")]
        if self.claim_basis == "accelerated" and contract.acceleration_date:
            due_dates.append(contract.acceleration_date)
        overdue_since = min(due_dates, default=None)
        claim = self._claim_data(rows)
        compound = "、复利%s" % claim["compound"]["figures"] if self.claim_compound else ""
        claims = ["判令被告%s向原告归还借款本金%s、支付利息%s及罚息%s%s（暂计至%s，此后按合同约定计至实际清偿之日止）"
                  % (self.partner_id.name, claim["principal"]["figures"], claim["interest"]["figures"],
                     claim["penalty"]["figures"], compound, claim["date"])]
        if self.claim_costs:
            claims.append("判令被告%s支付原告为实现债权支出的费用%s" % (self.partner_id.name, claim["costs"]["figures"]))
        claims.extend("判令" + sentence for sentence in self._guarantee_sentences())
        claims.append("判令本案诉讼费、保全费等诉讼费用由被告承担")
        guarantees = self._claimed_guarantees()
        parties = {p.partner_id: p.role for p in self.party_ids}

        def guarantee_data(g):
            return {"name": g.partner_id.name,
                    "role": ROLE_WORDS.get(parties.get(g.partner_id), ROLE_WORDS["borrower"]),
                    "kind": GUARANTEE_WORDS[g.guarantee_type], "contract_number": g.contract_number or contract.name,
                    "collateral": g.collateral,
                    "registration": " ".join(filter(None, [g.registration_authority, g.registration_number,
                                                           cn_date(g.registration_date) if g.registration_date
                                                           else None])),
                    "ceiling": money(g.maximum_ceiling) if g.maximum else None}

        maturity = contract.date_maturity
        jurisdiction = (self._contract_value("jurisdiction_clause") or "").strip()
        data = {
            "claim": claim,
            "claims": claims,
            "statutes": complaint_rules.statutes(
                set(guarantees.mapped("guarantee_type"))),
            "agent": self._agent_text(),
            # A pre-suit preservation recorded on the case (民诉法 第104条) is what the complaint states.
            "preservation": PRESERVATION_WORDS["pre_suit" if self.pre_suit_preservation_date
                                               else self.preservation_status],
            "mediation": MEDIATION_WORDS[self.mediation_intent],
            "contract": dict(self._repayment_data(rows), **{
                "number": contract.name, "date_signed": cn_date(self._contract_value("date_signed")),
                "place_signed": self._contract_value("place_signed"), "borrower": contract.partner_id.name,
                "principal": money(contract.principal),
                "disbursed": money(self._contract_value("disbursed_amount")),
                "disbursed_on": cn_date(self._contract_value("disbursement_date")),
                "date_disbursed": cn_date(contract.date_disbursed), "date_maturity": cn_date(maturity),
                "term": complaint_rules.term_text(contract.date_disbursed, maturity),
                "matured": "已于%s到期" % cn_date(maturity) if maturity <= (self.claim_date or maturity)
                           else "截至%s尚未到期" % claim["date"],
                "annual_rate": "%s%%" % complaint_rules.rate_text(contract.annual_rate), "overdue_rate": "%s%%" % complaint_rules.rate_text(contract.overdue_rate),
                "method": METHOD_WORDS[contract.repayment_method],
                "overdue_since": cn_date(overdue_since) if overdue_since else None,
                "acceleration": self._acceleration_text(),
                "jurisdiction": "有：%s" % jurisdiction if jurisdiction else "无",
                "demands": self._demand_facts(),
            }),
            "guarantees": [guarantee_data(g) for g in guarantees],
            "collaterals": [guarantee_data(g) for g in guarantees
                            if guarantee_rules.liability(g.guarantee_type) == "collateral"],
            "sureties": [guarantee_data(g) for g in guarantees
                         if guarantee_rules.liability(g.guarantee_type) != "collateral"],
            "maximum": [guarantee_data(g) for g in guarantees if g.maximum],
        }
        return data

    def _asset_data(self, owners=None):
        """The known assets (of `owners` only, when given) as the applications list them."""
        assets = self.asset_ids.filtered(lambda a: a.state not in ("released",)
                                         and (owners is None or a.partner_id in owners))
        unvalued = assets.filtered(lambda a: not a.estimated_value)
        if unvalued:
            # An unknown value is not 零元整: the application would tell the court the asset is worthless.
            raise UserError(_("Enter the estimated value of %s (an estimate is enough; Assets tab): a court document "
                              "states each asset's value.") % "、".join(unvalued.mapped("display_name")))
        return [{"owner": a.partner_id.name, "kind": ASSET_WORDS[a.asset_type], "details": a.name,
                 "value": money(a.estimated_value)} for a in assets]

    def _document_data_preservation(self):
        # A guarantee company preserves for its recourse, not for the lender's loan claim.
        if self._recourse():
            claim = self._claim_data_recourse()
        else:
            claim = self._claim_data()
        _respondents, full, collaterals, general, amount, debtor_assets = self._preservation_groups()
        data = {"amount": money(amount),
                "guarantee": "保险公司出具的诉讼财产保全责任保险保单或银行保函",
                "full": "、".join(full.mapped("partner_id.name")),
                "collaterals": [{"owner": g.partner_id.name,
                                 "word": "抵押物" if g.guarantee_type == "mortgage" else "质物",
                                 "collateral": g.collateral or "见担保合同"} for g in collaterals]}
        if general:
            data["general"] = ("被申请人%s为一般保证人，被申请人%s名下已知财产%s不足以清偿上述债务，故一并申请对其财产采取保全措施"
                               "（《最高人民法院关于适用〈中华人民共和国民法典〉有关担保制度的解释》第二十六条第三款）。" % (
                                   "、".join(general.mapped("partner_id.name")), self.partner_id.name,
                                   "（估值合计%s）" % money(debtor_assets)["figures"] if debtor_assets else ""))
        # The clues listed are of those whose property is preserved in full (the collateral is named
        # in the request).
        return {"claim": claim, "assets": self._asset_data(full.mapped("partner_id")), "preservation": data}

    def _judgment_data(self):
        if not (self.judgment_date and self.effective_date):
            raise UserError(_("The judgment and the date it took effect are needed: fill them in on the legal case."))
        if not self.case_number:
            raise UserError(_("The case number of the judgment (First-instance Case No.) is needed: fill it in on the "
                              "legal case."))
        if not (self.judgment_terms or "").strip():
            raise UserError(_("The operative terms of the judgment (判决主文) are needed: copy them from the judgment "
                              "into Operative Terms on the legal case."))
        kind = JUDGMENT_WORDS[self.judgment_kind]
        trial_court = self.court_id.name
        if not trial_court:
            raise UserError(_("The court that tried case %s is needed: choose the %s on the legal case (the "
                              "enforcement court may be another).") % (self.name, self._loan_field_label("court_id")))
        # The title of execution (执行依据) is the effective judgment: the first-instance one, and when
        # it was appealed, the second-instance one too. An appeal against a judgment is decided by a
        # judgment and one against a ruling by a ruling (民诉法 第一百七十七条): the same word.
        basis = "%s%s%s" % (trial_court, self.case_number, kind)
        appeal = None
        if self.appeal_case_number:
            if not self.appeal_court_id:
                raise UserError(_("Case %s was appealed (%s): choose the %s on the legal case, it is named beside the "
                                  "first-instance court.") % (self.name, self.appeal_case_number,
                                                               self._loan_field_label("appeal_court_id")))
            basis = "%s及%s%s%s" % (basis, self.appeal_court_id.name, self.appeal_case_number, kind)
            appeal = "%s作出%s%s" % (self.appeal_court_id.name, self.appeal_case_number, kind)
        data = {"kind": kind, "date": cn_date(self.judgment_date), "court": trial_court, "basis": basis,
                "effective": cn_date(self.effective_date), "performance_deadline": cn_date(self.performance_deadline),
                "terms": [line.strip() for line in self.judgment_terms.splitlines() if line.strip()]}
        if appeal:  # given only when there was one (a value left empty is refused as missing)
            data["appeal"] = appeal
        return data

    def _document_data_enforcement(self):
        # What the judgment awarded less what was paid after Claim as of (what was paid before is in
        # the claim the court judged on), all of it: what the ledger holds as excess is paid too.
        recovered = 0.0
        if self.collection_case_id and self.claim_date:
            recovered = sum(self.env["collection.recovery"].sudo().search([
                ("case_id", "=", self.collection_case_id.id), ("state", "=", "posted"),
                ("date", ">", self.claim_date)]).mapped("amount"))
        court = self.enforcement_court_id or self.court_id
        # The clues listed are of those liable with all their property (a mortgagor's or pledgor's
        # collateral is what the judgment gives priority on).
        full, general, _collaterals = self._liability_groups()
        debtors = self._respondent_parties("enforcement").filtered(lambda p: p in full or p in general)
        judgment = self._judgment_data()
        if not self.awarded_total:
            raise UserError(_("Enter what the judgment of case %s awarded (Principal, Interest and Costs Awarded, "
                              "Proceedings tab): the application states what is still to be paid.") % self.name)
        if recovered >= self.awarded_total:
            raise UserError(_("Case %s: %s paid since Claim as of (%s) pays what the judgment awarded (%s): there "
                              "is nothing to enforce.") % (self.name, money(recovered)["figures"], self.claim_date,
                                                           money(self.awarded_total)["figures"]))
        return {"judgment": judgment, "assets": self._asset_data(debtors.mapped("partner_id")),
                "enforcement": {"amount": money(self.awarded_total - recovered), "court": court.name}}

    def _pending_restriction(self, kind):
        """The restriction of `kind` being applied for. None is made again against a debtor while one
        of the same kind is in force against him."""
        restrictions = self.restriction_ids.filtered(lambda r: r.kind == kind)
        pending = restrictions.filtered(lambda r: r.state == "applied")[:1]
        in_force = restrictions.filtered(
            lambda r: r.state == "effective" and (not pending or r.debtor_id == pending.debtor_id))[:1]
        if in_force:
            raise UserError(_("%s against %s is in force since %s (%s): no new application is made while it lasts.")
                            % (in_force.kind_label(), in_force.debtor_id.name, in_force.effective_date,
                               in_force.order_number or in_force.display_name))
        if not pending:
            raise UserError(_("Record the restriction to apply for on the case first (Restrictions tab)."))
        return pending

    def _restriction_data(self, kind):
        restriction = self._pending_restriction(kind)
        debtor = restriction.debtor_id.sudo()
        # The respondent is the judgment debtor; for a company, the company itself, with the people
        # the restriction also binds named (限制消费规定 第三条第二款).
        data = {"person": debtor.name}
        if kind == "dishonest":
            if not restriction.ground:
                raise UserError(_("Choose the listing ground on the restriction first."))
            if not (restriction.facts or "").strip():
                raise UserError(_("Describe on the restriction the facts that meet the listing ground (what the debtor "
                                  "did, and when): the application states them (失信名单规定 第一条)."))
            data.update(ground=GROUND_WORDS[restriction.ground], ground_item=GROUND_ITEMS[restriction.ground],
                        facts=restriction.facts.strip().rstrip("。"))
        if debtor.is_company:
            people = self.restriction_ids.filtered(
                lambda r: r.kind == kind and r.debtor_id == restriction.debtor_id and r.person_role != "debtor"
                and r.state != "lifted")
            named = ["%s%s" % (PERSON_ROLE_WORDS[r.person_role], r.partner_id.name) for r in people]
            if not named and debtor.legal_representative:
                named = ["法定代表人%s" % debtor.legal_representative]
            if named:
                data["company_people"] = "、".join(named)
        return {"judgment": self._judgment_data(), "restriction": data}

    def _document_data_consumption_restriction(self):
        return self._restriction_data("consumption")

    def _document_data_dishonest_listing(self):
        return self._restriction_data("dishonest")

    def _document_data_power_of_attorney(self):
        lawyer = self._lawyer_data()
        if not lawyer:
            raise UserError(_("Choose the lawyer (internal or outside) on the legal case first."))
        return {"lawyer": lawyer}

    def _document_data_evidence_list(self):
        evidence = self.evidence_ids.filtered(lambda e: e.state != "missing")
        if not evidence:
            raise UserError(_("No evidence is collected yet: mark the collected items on the Evidence tab."))
        unknown = evidence.filtered(lambda e: not e._list_pages())
        if unknown:
            raise UserError(_("The page count of this evidence is not known: %s. Attach it as PDF or images, or enter "
                              "its pages on the Evidence tab, then generate the evidence list again.")
                            % "、".join(unknown.mapped("name")))
        return {"evidence": [{"name": e.name + ("" if e.original else "（复印件）"), "source": SOURCE_WORDS[e.source],
                              "purpose": e.purpose or EVIDENCE_PURPOSE[e.kind], "pages": str(e._list_pages())}
                             for e in evidence]}

    # Actions -------------------------------------------------------------------------------

    @api.multi
    def _generate_documents(self, doc_type):
        label = self.env["loan.document.template"].with_context(lang="zh_CN")._doc_type_label(doc_type)
        documents = self.env["loan.document"]
        for case in self:
            documents |= documents.generate(case, doc_type, case._document_data(doc_type),
                                            "%s-%s" % (label, case.name))
        return documents

    @api.multi
    def action_generate_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "loan.document.bulk", "view_mode": "form",
            "target": "new", "name": _("Generate Court Document"),
            "context": {"active_model": self._name, "active_ids": self.ids, "default_doc_type": "complaint"},
        }
