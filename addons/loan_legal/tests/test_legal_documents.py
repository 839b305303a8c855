"""Court-document drafts filled from a legal case: each of the seven filings opened with
python-docx and checked for the parties, amounts in figures and capital numerals, case numbers
and dates, and no placeholder left; missing data refused by name; versions; the bulk zip."""
import base64
import io
import zipfile

from unittest import mock

from docx import Document
from docx.oxml.ns import qn

from odoo.exceptions import UserError, ValidationError

from odoo.addons.loan_collection.models import loan_document_batch
from odoo.addons.loan_collection.services import docx_layout, docx_render
from odoo.addons.queue_job.job import Job
from odoo.addons.loan_collection.tests.common import pdf_page_counts
from odoo.addons.loan_collection.tests.test_document_layout import assert_styled, template
from odoo.addons.loan_legal.models.legal_document import LEGAL_DOC_TYPES

from .common import LegalTestCase


class TestLegalDocuments(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLegalDocuments, cls).setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "测试小额贷款有限公司", "street": "天目山路1号", "city": "杭州市",
                       "state_id": cls.env.ref("l10n_cn.state_ZJ").id, "phone": "0571-12345678"})
        company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                  "legal_representative": "钱总"})
        cls.borrower.write({"street": "文三路158号", "city": "杭州市", "mobile": "13800001111"})
        cls.guarantor.write({"identity_type": "resident_id", "identity_number": "330106197908060022",
                             "street": "莫干山路12号", "city": "杭州市", "mobile": "13900002222"})
        cls.lawyer.partner_id.mobile = "13700003333"
        contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        contract.write({"place_signed": "杭州市西湖区", "date_signed": "2022-03-10"})
        cls.case = cls.make_legal_case(contract=contract, case_number="（2025）浙0106民初1234号", claim_costs=5000.0,
                                       claim_date="2025-05-31", lawyer_id=cls.lawyer.id)
        cls.collect_evidence(cls.case)

    def generate_bytes(self, doc_type, case=None):
        case = case or self.case
        documents = case.sudo(self.lawyer)._generate_documents(doc_type)
        self.assertEqual(len(documents), 1)
        content = base64.b64decode(documents.attachment_id.datas)
        self.assertEqual(docx_render.leftover_placeholders(content), [])
        return documents, content

    def generate(self, doc_type, case=None):
        documents, content = self.generate_bytes(doc_type, case)
        return documents, docx_render.document_text(content)

    def judged(self):
        case = self.file(self.case, "2025-06-02")
        case._write_checked({"stage": "judgment", "judgment_date": "2025-09-01", "judgment_served_date": "2025-09-05",
                    "awarded_principal": 300000.0, "awarded_interest": 50000.0, "performance_days": 10,
                    "enforcement_case_number": "（2025）浙0106执999号",
                    "judgment_terms": "一、被告测试借款人甲于本判决生效之日起十日内偿还原告借款本金300000元及利息50000元；\n"
                                      "二、驳回原告的其他诉讼请求。"})
        case._write_checked({"effective_date": "2025-09-22", "stage": "effective"})
        return case

    def test_complaint(self):
        document, text = self.generate("complaint")
        self.assertEqual(document.doc_type, "complaint")
        self.assertIn("民事起诉状", text)
        self.assertIn("原告：测试小额贷款有限公司", text)
        self.assertIn("91350100M000100Y43", text)
        self.assertIn("被告（借款人）：测试借款人甲，男，1985年3月12日出生", text)
        self.assertIn("110105198503120012", text)
        # The counter-guarantor answers to the guarantor, not to the lender: no defendant here.
        self.assertNotIn("测试担保人乙", text)
        # Claim: 300,000 + 36,000 + 14,000 + 5,000 = 355,000.
        self.assertIn("尚欠本金¥300,000.00（大写：人民币叁拾万元整）", text)
        self.assertIn("¥355,000.00（大写：人民币叁拾伍万伍仟元整）", text)
        self.assertIn("年利率12%", text)
        self.assertIn("逾期罚息年利率18%", text)
        self.assertIn("2022年3月10日在杭州市西湖区签订编号为%s的借款合同" % self.case.contract_id.name, text)
        self.assertIn("自2022年4月10日起逾期未还款", text)
        self.assertIn("杭州市西湖区人民法院", text)

    def test_preservation(self):
        self.case.preservation_amount = 200000.0
        self.env["legal.asset"].create({"case_id": self.case.id, "partner_id": self.borrower.id,
                                        "asset_type": "real_estate", "name": "杭州市西湖区文三路158号302室",
                                        "estimated_value": 1500000.0})
        _document, text = self.generate("preservation")
        self.assertIn("财产保全申请书", text)
        self.assertIn("¥200,000.00（大写：人民币贰拾万元整）", text)
        self.assertIn("（2025）浙0106民初1234号", text)
        self.assertIn("测试借款人甲名下不动产：杭州市西湖区文三路158号302室，估值¥1,500,000.00", text)

    def test_asset_without_value_is_not_zero_yuan(self):
        # Issue 12 (10): an amount nobody entered is not printed as 零元整 on a court document.
        self.case.preservation_amount = 200000.0
        self.env["legal.asset"].create({"case_id": self.case.id, "partner_id": self.borrower.id,
                                        "asset_type": "vehicle", "name": "浙A·12345 小型轿车"})
        with self.assertRaisesRegex(UserError, "Enter the estimated value of .*浙A·12345"):
            self.generate("preservation")

    def test_enforcement_needs_the_judgment(self):
        with self.assertRaisesRegex(UserError, "judgment and the date it took effect"):
            self.generate("enforcement")
        self.judged()
        _document, text = self.generate("enforcement")
        self.assertIn("强制执行申请书", text)
        self.assertIn("杭州市西湖区人民法院（2025）浙0106民初1234号民事判决书，于2025年9月22日发生法律效力", text)
        self.assertIn("¥350,000.00，大写：人民币叁拾伍万元整", text)
        # 10 days from 2025-09-22 is 2025-10-02, inside the National Day holidays (1-8 October 2025):
        # the period ends on Thursday 2025-10-09 (民诉法 第85条).
        self.assertIn("履行期限已于2025年10月9日届满", text)
        # The request is the judgment's operative terms, then the doubled interest for the delay.
        self.assertIn("确定的下列义务：\n一、被告测试借款人甲于本判决生效之日起十日内偿还原告借款本金300000元及利息50000元；\n"
                      "二、驳回原告的其他诉讼请求。", text)
        self.assertIn("加倍支付迟延履行期间的债务利息（《中华人民共和国民事诉讼法》第二百六十四条）", text)
        # Only the judgment debtors are respondents (the counter-guarantor answers to the guarantor).
        self.assertIn("被申请人（被执行人）：测试借款人甲", text)
        self.assertNotIn("测试担保人乙", text)

    def test_enforcement_elsewhere_after_an_appeal_names_each_court(self):
        # The judgment is named with the courts that gave it (the first instance and, on appeal, the
        # second); the application goes to the enforcement court, here another one.
        case = self.judged()
        case.write({"enforcement_court_id": self.env.ref("loan_legal.court_sh_pudong").id,
                    "appeal_case_number": "（2025）浙01民终567号"})
        with self.assertRaisesRegex(UserError, "was appealed .*Appeal Court"):
            self.generate("enforcement")
        case.appeal_court_id = self.env.ref("loan_legal.court_hz_intermediate")
        for doc_type in ("enforcement", "consumption_restriction"):
            if doc_type == "consumption_restriction":
                self.env["legal.restriction"].create({
                    "case_id": case.id, "kind": "consumption", "debtor_id": self.borrower.id,
                    "partner_id": self.borrower.id, "application_date": "2025-11-01"})
            _document, text = self.generate(doc_type)
            basis = ("杭州市西湖区人民法院（2025）浙0106民初1234号民事判决书及浙江省杭州市中级人民法院（2025）浙01民终567号"
                     "民事判决书")
            self.assertIn(basis, text)
            self.assertNotIn("上海市浦东新区人民法院（2025）", text)  # not the court of the judgment
            self.assertIn("此致\n上海市浦东新区人民法院", text)
        _document, text = self.generate("enforcement")
        self.assertIn("执行依据：\n%s，于2025年9月22日发生法律效力。" % basis, text)
        self.assertIn("请求强制被申请人履行%s确定的下列义务" % basis, text)
        self.assertIn("杭州市西湖区人民法院于2025年9月1日作出（2025）浙0106民初1234号民事判决书，经上诉，浙江省杭州市中级人民法院"
                      "作出（2025）浙01民终567号民事判决书，该民事判决书已于2025年9月22日发生法律效力", text)

    def test_no_new_restriction_application_while_one_is_in_force(self):
        case = self.judged()
        Restriction = self.env["legal.restriction"]
        granted = Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": self.borrower.id,
                                      "partner_id": self.borrower.id, "application_date": "2025-11-01"})
        self.generate("consumption_restriction")
        granted.write({"order_number": "（2025）浙0106执999号", "effective_date": "2025-11-10"})
        granted.action_effective()
        Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": self.borrower.id,
                            "partner_id": self.borrower.id, "application_date": "2025-12-01"})
        with self.assertRaisesRegex(UserError, "is in force since 2025-11-10"):
            self.generate("consumption_restriction")

    def test_restriction_only_against_a_judgment_debtor(self):
        case = self.judged()
        self.env["legal.restriction"].create({"case_id": case.id, "kind": "consumption", "debtor_id": self.borrower.id,
                                              "partner_id": self.borrower.id, "application_date": "2025-11-01"})
        case.party_ids.filtered(lambda p: p.partner_id == self.borrower).write({"judgment_debtor": False})
        with self.assertRaisesRegex(UserError, "测试借款人甲 is not a judgment debtor"):
            self.generate("consumption_restriction")
        self.assertFalse(self.env["loan.document"].search([("res_model", "=", "legal.case"), ("res_id", "=", case.id),
                                                           ("doc_type", "=", "consumption_restriction")]))

    def test_enforcement_needs_the_operative_terms(self):
        case = self.judged()
        case.judgment_terms = False
        with self.assertRaisesRegex(UserError, "operative terms of the judgment"):
            self.generate("enforcement")
        case.judgment_terms = "一、被告测试借款人甲偿还借款本金300000元。"
        # The amount still to be paid is stated: the award is needed.
        case.sudo().write({"awarded_principal": 0.0, "awarded_interest": 0.0})
        with self.assertRaisesRegex(UserError, "Enter what the judgment of case .* awarded"):
            self.generate("enforcement")
        case.sudo().write({"awarded_principal": 300000.0, "awarded_interest": 50000.0})
        case.party_ids.write({"judgment_debtor": False})
        with self.assertRaisesRegex(UserError, "marked as judgment debtor"):
            self.generate("enforcement")

    def test_restriction_and_listing(self):
        case = self.judged()
        with self.assertRaisesRegex(UserError, "Record the restriction"):
            self.generate("consumption_restriction")
        Restriction = self.env["legal.restriction"]
        Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": self.borrower.id,
                            "partner_id": self.borrower.id, "application_date": "2025-11-01"})
        listing = Restriction.create({"case_id": case.id, "kind": "dishonest", "debtor_id": self.borrower.id,
                                      "partner_id": self.borrower.id, "ground": "able_refuses",
                                      "application_date": "2025-11-01"})
        _document, text = self.generate("consumption_restriction")
        self.assertIn("限制消费令申请书", text)
        self.assertIn("请求对被申请人测试借款人甲采取限制消费措施", text)
        self.assertIn("（2025）浙0106执999号", text)
        self.assertNotIn("测试担保人乙", text)  # not a judgment debtor
        # A listing states the facts that meet its ground (失信名单规定 第一条), not the statute alone.
        with self.assertRaisesRegex(UserError, "facts that meet the listing ground"):
            self.generate("dishonest_listing")
        listing.facts = "2025年10月20日收到执行款后将其转入他人账户，拒不履行"
        _document, text = self.generate("dishonest_listing")
        self.assertIn("纳入失信被执行人名单申请书", text)
        self.assertIn("且2025年10月20日收到执行款后将其转入他人账户，拒不履行，属于《最高人民法院关于公布失信被执行人名单信息的"
                      "若干规定》第一条第（一）项规定的“有履行能力而拒不履行生效法律文书确定的义务”情形", text)
        # Not applied for again while the listing is in force.
        listing.write({"order_number": "（2025）浙0106执999号之一", "effective_date": "2025-11-10"})
        listing.action_effective()
        with self.assertRaisesRegex(UserError, "is in force since 2025-11-10"):
            self.generate("dishonest_listing")

    def test_restriction_of_a_company_names_the_company_and_its_people(self):
        case = self.judged()
        company = self.env["res.partner"].create({
            "name": "杭州某某贸易有限公司", "is_company": True, "identity_type": "credit_code",
            "identity_number": "91330106MA2K8P4Q6N", "street": "象山路51号", "city": "杭州市",
            "phone": "0571-87651234", "legal_representative": "郑某"})
        boss = self.env["res.partner"].create({"name": "郑某"})
        case.sudo().write({"party_ids": [(0, 0, {"partner_id": company.id, "role": "guarantor"})]})
        Restriction = self.env["legal.restriction"]
        Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": company.id,
                            "partner_id": company.id, "application_date": "2025-11-01"})
        Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": company.id,
                            "partner_id": boss.id, "person_role": "legal_representative",
                            "application_date": "2025-11-01"})
        _document, text = self.generate("consumption_restriction")
        # The respondent is the company (限制消费规定 第三条第二款 binds its people too), nobody else.
        self.assertIn("被申请人（被执行人）：杭州某某贸易有限公司", text)
        self.assertNotIn("测试借款人甲", text)
        self.assertIn("请求对被申请人杭州某某贸易有限公司采取限制消费措施，限制其高消费及非生活和工作必需的消费行为，"
                      "并限制其法定代表人郑某实施上述消费行为。", text)

    def test_power_of_attorney_and_evidence_list(self):
        _document, text = self.generate("power_of_attorney")
        self.assertIn("受托人：t_lawyer，委托人的工作人员，联系电话：13700003333", text)
        self.assertIn("在我方与测试借款人甲金融借款合同纠纷", text)
        evidence = self.case.sudo().evidence_ids
        with self.assertRaisesRegex(UserError, "page count of this evidence is not known"):
            self.generate("evidence_list")
        # Pages counted from the attached PDF (a real 3-page file), or entered by hand.
        contract_evidence = evidence.filtered(lambda e: e.kind == "loan_contract")
        contract_evidence.write({"attachment_ids": [(0, 0, {
            "name": "借款合同.pdf", "datas_fname": "借款合同.pdf", "datas": base64.b64encode(self.pdf(3)),
            "mimetype": "application/pdf"})]})
        self.assertEqual(contract_evidence.pages_counted, 3)
        (evidence - contract_evidence).write({"pages": 2})
        identity = evidence.filtered(lambda e: e.kind == "identity")
        identity.write({"original": False, "source": "registry", "purpose": "证明被告身份及住所"})
        _document, text = self.generate("evidence_list")
        self.assertIn("证据清单", text)
        # Table cells, row by row: number, name, source, purpose, pages.
        self.assertIn("\n1\n%s\n被告签署，原告保存原件\n证明原告与被告之间的借款合同关系及借款金额、期限、利率、还款方式等约定\n3\n"
                      % contract_evidence.name, text)
        self.assertIn("\n第三方出具\n证明原告已按约发放借款\n2\n", text)
        self.assertIn("%s（复印件）\n登记机关登记\n证明被告身份及住所\n2\n" % identity.name, text)

    @staticmethod
    def pdf(pages):
        from reportlab.pdfgen import canvas
        stream = io.BytesIO()
        document = canvas.Canvas(stream)
        for page in range(pages):
            document.drawString(100, 750, "page %d" % (page + 1))
            document.showPage()
        document.save()
        return stream.getvalue()

    def test_missing_contract_data_refused_by_name(self):
        self.case.contract_id.sudo().place_signed = False
        with self.assertRaisesRegex(UserError, "states Signed At of contract"):
            self.generate("complaint")

    def test_missing_party_data_refused_by_name(self):
        self.borrower.mobile = False
        with self.assertRaisesRegex(UserError, "测试借款人甲.*phone"):
            self.generate("complaint")
        self.assertFalse(self.case.document_ids)

    def test_regenerating_keeps_both_versions(self):
        self.generate("complaint")
        self.case.claim_interest = 40000.0
        self.generate("complaint")
        documents = self.case.document_ids.sorted("version")
        self.assertEqual(documents.mapped("version"), [1, 2])
        texts = [docx_render.document_text(base64.b64decode(d.attachment_id.datas)) for d in documents]
        self.assertIn("¥36,000.00", texts[0])
        self.assertIn("¥40,000.00", texts[1])

    def test_company_template_with_unknown_placeholder_refused(self):
        document = docx_layout.new_document()
        docx_layout.para(document, "{{ court.name }}：{{ judge_name }}")
        with self.assertRaisesRegex(ValidationError, "judge_name"):
            self.env["loan.document.template"].sudo(self.legal_manager).create({
                "name": "x", "doc_type": "complaint", "datas": base64.b64encode(docx_layout.to_bytes(document))})

    def test_bulk_zip_one_file_per_case(self):
        contract = self.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        contract.write({"place_signed": "杭州市", "date_signed": "2022-03-09"})
        other = self.make_legal_case(contract=contract, claim_date="2025-05-31")
        cases = self.case | other
        wizard = self.env["loan.document.bulk"].sudo(self.lawyer).with_context(
            active_model="legal.case", active_ids=cases.ids).create({"doc_type": "complaint"})
        wizard.action_generate()
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.zip_file)))
        self.assertEqual(len(archive.namelist()), 2)
        texts = [docx_render.document_text(archive.read(name)) for name in archive.namelist()]
        self.assertEqual(sorted(c.contract_id.name for c in cases),
                         sorted(c.contract_id.name for c in cases for t in texts if c.contract_id.name in t))

    def test_background_batch_of_complaints_generates_what_it_can(self):
        # Many legal cases at once (more than the synchronous limit): in the background, chunk by
        # chunk; a case the complaint cannot be made for is listed with why, the others are zipped.
        self.env["ir.config_parameter"].sudo().set_param("loan_collection.bulk_sync_limit", "1")
        ready = self.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        ready.write({"place_signed": "杭州市", "date_signed": "2022-03-09"})
        other = self.make_legal_case(contract=ready, claim_date="2025-05-31", lawyer_id=self.lawyer.id)
        other.sudo().write({"court_id": self.case.court_id.id})
        unsigned = self.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        no_place = self.make_legal_case(contract=unsigned, claim_date="2025-05-31", lawyer_id=self.lawyer.id)
        cases = self.case | other | no_place
        with mock.patch.object(loan_document_batch, "CHUNK_SIZE", 2):
            wizard = self.env["loan.document.bulk"].sudo(self.lawyer).with_context(
                active_model="legal.case", active_ids=cases.ids).create({"doc_type": "complaint"})
            batch = self.env["loan.document.batch"].browse(wizard.action_generate()["res_id"])
        jobs = self.env["queue.job"].search([("model_name", "=", batch._name), ("name", "=like", batch.name + "%")],
                                            order="id")
        self.assertEqual(len(jobs), 2)
        for job in jobs:
            Job.load(self.env, job.uuid).perform()
        self.assertEqual((batch.state, batch.generated_count, batch.refused_count), ("done", 2, 1))
        self.assertIn("%s: " % no_place.display_name, batch.refusals)
        self.assertIn("Signed At", batch.refusals)
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(batch.zip_file)))
        self.assertEqual(len(archive.namelist()), 2)
        # The tables of a generated complaint keep their set column widths (a lawyer edits it in
        # Word or WPS without the columns collapsing).
        complaint = Document(io.BytesIO(archive.read(archive.namelist()[0])))
        self.assertTrue(complaint.tables)
        for table in complaint.tables:
            self.assertEqual(table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")), "fixed")
            widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            self.assertTrue(widths and all(w > 0 for w in widths), widths)

    def test_wizard_offers_only_what_a_legal_case_can_generate(self):
        Bulk = self.env["loan.document.bulk"].sudo(self.lawyer).with_context(
            active_model="legal.case", active_ids=self.case.ids)
        offered = [key for key, _label in Bulk.fields_get(["doc_type"])["doc_type"]["selection"]]
        self.assertIn("complaint", offered)
        self.assertNotIn("overdue_notice", offered)
        self.assertNotIn("guarantor_demand", offered)
        # Over RPC, a type the form does not offer is refused with a message (it crashed before).
        wizard = Bulk.with_context(active_model=None).create({
            "doc_type": "overdue_notice", "res_model": "legal.case", "res_ids": str(self.case.id)})
        with self.assertRaisesRegex(UserError, "cannot be generated from these records"):
            wizard.action_generate()

    def test_court_templates_use_word_styles(self):
        for doc_type, _label in LEGAL_DOC_TYPES:
            document = template("loan_legal", doc_type)
            assert_styled(self, document, doc_type)
            self.assertEqual(document.styles["Body Text"].font.size.pt, docx_layout.OFFICIAL["body"])
        # The requests are a Word-numbered list (a lawyer inserts one and Word renumbers).
        _document, content = self.generate_bytes("complaint")
        claims = [p for p in Document(io.BytesIO(content)).paragraphs if p.style.name == docx_layout.LIST_STYLE]
        self.assertGreaterEqual(len(claims), 2)
        self.assertEqual(len({p._p.pPr.numPr.numId.val for p in claims}), 1)
        self.assertTrue(claims[0].text.startswith("判令"), claims[0].text)

    def test_collector_cannot_generate_court_documents(self):
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.case.sudo(self.office)._generate_documents("complaint")


class TestDemoDocuments(LegalTestCase):
    """Every court document of the demo's most advanced legal case, each laid out by LibreOffice."""

    def test_demo_complaints(self):
        """Each demo legal case has its complaint: the transferred case whose contract lacks where and
        when it was signed gets them from the legal case (a legal manager's entry)."""
        cases = self.env["legal.case"].search([("name", "!=", "/"), ("contract_id", "!=", False)])
        if not cases:
            self.skipTest("no demo data")
        for case in cases:
            if not case.court_id:
                # Refused by the field's name, never a placeholder's path.
                with self.assertRaisesRegex(UserError, "has no Court: choose the court"):
                    case.with_context(lang="en_US")._generate_documents("complaint")
                continue
            if case.company_id.creditor_role == "guarantee_company":
                # The demo's guarantee company (a subsidiary of the lender) sues for what it paid
                # the bank: its recourse complaint, against the debtor and his counter-guarantor.
                with self.assertRaisesRegex(UserError, "guarantee company that paid the lender"):
                    case._generate_documents("complaint")
                # The lender's legal team sees and works the subsidiary's case (the company rules take
                # a company's children).
                lawyer = self.env.ref("loan_legal.user_legal_demo")
                self.assertNotEqual(lawyer.company_id, case.company_id)
                self.assertEqual(self.env["legal.case"].sudo(lawyer).search([("id", "=", case.id)]), case)
                document = case.sudo(lawyer)._generate_documents("recourse_complaint")
                content = base64.b64decode(document.attachment_id.datas)
                self.assertEqual(docx_render.leftover_placeholders(content), [], case.name)
                text = docx_render.document_text(content)
                self.assertIn("民事起诉状\n（追偿权纠纷）", text)
                self.assertIn("原告：%s" % case.company_id.name, text)
                self.assertIn("被告（借款人）：%s" % case.partner_id.name, text)
                counter = case.contract_id.guarantee_ids.filtered(lambda g: g.role == "counter_guarantor")
                self.assertTrue(counter)
                for guarantee in counter:
                    self.assertIn("被告（反担保人）：%s" % guarantee.partner_id.name, text)
                # The case's claim is the recourse: what was paid with the agreed interest to Claim as of.
                outstanding, interest = case._recourse_claim()[:2]
                self.assertTrue(interest)
                self.assertEqual((case.claim_principal, case.claim_interest, case.claim_total),
                                 (float(outstanding), float(interest), float(outstanding + interest)))
                self.assertIn("原告于%s代其向%s清偿%s" % (
                    docx_render.cn_date(case.recourse_paid_date), case.recourse_lender,
                    docx_render.money(case.recourse_paid_amount)["figures"]), text)
                continue
            document = case._generate_documents("complaint")
            text = docx_render.document_text(base64.b64decode(document.attachment_id.datas))
            self.assertIn("委托诉讼代理人：", text, case.name)
            self.assertNotIn("多次电话及上门催收", text, case.name)
            self.assertNotIn("反担保人", text, case.name)  # the demo lender's cases
            if not case.contract_id.place_signed and case.contract_place_signed:
                self.assertIn("在%s签订" % case.contract_place_signed, text, case.name)

    def test_demo_documents(self):
        cases = self.env["legal.case"].search([("name", "!=", "/")]).filtered(
            lambda c: c.effective_date and c.restriction_ids)
        if not cases:
            self.skipTest("no demo data")
        case = cases[0]
        contents = {}
        for doc_type in ("complaint", "preservation", "enforcement", "consumption_restriction",
                         "dishonest_listing", "power_of_attorney", "evidence_list"):
            if doc_type == "dishonest_listing" and not case.restriction_ids.filtered(lambda r: r.kind == "dishonest"):
                continue
            document = case._generate_documents(doc_type)
            content = contents[doc_type] = base64.b64decode(document.attachment_id.datas)
            self.assertEqual(docx_render.leftover_placeholders(content), [], doc_type)
            text = docx_render.document_text(content)
            # A case number carries its own brackets: printed once, （2026）浙0106民初1234号, not （（2026）…）.
            self.assertNotIn("（（", text, doc_type)
            # Addresses from the province down, no place said twice (not "浙江省 杭州市 杭州市西湖区…").
            self.assertNotIn("浙江省 ", text, doc_type)
            self.assertNotIn("杭州市杭州市", text, doc_type)
            if doc_type in ("enforcement", "consumption_restriction", "dishonest_listing"):
                self.assertIn("%s民事判决书" % case.case_number, text, doc_type)
            if doc_type in ("consumption_restriction", "dishonest_listing"):
                self.assertIn("执行案号%s" % case.enforcement_case_number, text, doc_type)
        pages = pdf_page_counts(contents)
        self.assertTrue(all(pages[doc_type] >= 1 for doc_type in contents), pages)
