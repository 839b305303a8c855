"""Issue 11, finding 1 for the court documents: each document type's schema (SCHEMAS in
models/legal_document.py) matches what its data builder makes for a case that has every document's
data, and a legal manager's template is checked path by path against it."""
import base64
import io

from docx import Document

from odoo.exceptions import ValidationError

from odoo.addons.loan_collection.services import docx_render
from odoo.addons.loan_legal.models.legal_document import LEGAL_DOC_TYPES, SCHEMAS

from odoo.addons.loan_collection.tests.common import assert_rendered_as_docxtpl

from .common import LegalTestCase


class TestLegalTemplateSecurity(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLegalTemplateSecurity, cls).setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "测试小额贷款有限公司", "street": "天目山路1号", "city": "杭州市", "phone": "0571-12345678"})
        company.partner_id.sudo().write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                         "legal_representative": "钱总"})
        cls.borrower.sudo().write({"street": "文三路158号", "city": "杭州市", "mobile": "13800001111"})
        cls.guarantor.sudo().write({"identity_type": "resident_id", "identity_number": "330106197908060022",
                                    "street": "莫干山路12号", "city": "杭州市", "mobile": "13900002222"})
        contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10", guarantor_role="guarantor")
        contract.write({"place_signed": "杭州市西湖区", "date_signed": "2022-03-10"})
        contract.guarantee_ids.sudo().write({"collateral": "车辆浙A12345", "registration_authority": "杭州市车管所",
                                            "registration_number": "DJ-1"})
        cls.case = cls.make_legal_case(contract=contract, case_number="（2025）浙0106民初1234号",
                                       claim_costs=5000.0, claim_date="2025-05-31", lawyer_id=cls.lawyer.id,
                                       preservation_amount=200000.0, enforcement_case_number="（2025）浙0106执999号")
        case = cls.case.sudo()
        cls.collect_evidence(case)
        case.evidence_ids.write({"pages": 2})
        # The judgment data as the legal team records it (set directly: only its shape matters here).
        case.write({"judgment_date": "2025-09-01", "judgment_served_date": "2025-09-05",
                    "effective_date": "2025-09-22", "awarded_principal": 300000.0, "awarded_interest": 50000.0,
                    "performance_days": 10,
                    "judgment_terms": "一、被告张三于本判决生效之日起十日内偿还原告借款本金300000元及利息50000元。"})
        cls.env["legal.asset"].create({"case_id": case.id, "partner_id": cls.borrower.id,
                                       "asset_type": "real_estate", "name": "杭州市西湖区文三路158号302室",
                                       "estimated_value": 1500000.0})
        Restriction = cls.env["legal.restriction"]
        for kind, ground in (("consumption", False), ("dishonest", "able_refuses")):
            Restriction.create({"case_id": case.id, "kind": kind, "debtor_id": cls.borrower.id,
                                "partner_id": cls.borrower.id, "ground": ground, "application_date": "2025-11-01",
                                "facts": "被执行人有履行能力而拒不履行生效判决确定的义务。" if ground else False})

    def data(self, doc_type):
        """The document's data for the case; the recourse complaint as the guarantee company that
        paid the lender makes it (the company is a lender otherwise)."""
        if doc_type != "recourse_complaint":
            return self.case._document_data(doc_type)
        company = self.env.user.company_id
        company.creditor_role = "guarantee_company"
        self.case.sudo().write({"recourse_lender": "中国工商银行股份有限公司杭州西湖支行", "recourse_paid_date": "2025-01-10",
                                "recourse_paid_amount": 100000.0, "recourse_rate": 12.0, "recourse_agreement": "WB-1"})
        try:
            return self.case._document_data(doc_type)
        finally:
            company.creditor_role = "lender"

    def test_every_court_document_has_a_schema(self):
        types = self.env["loan.document.template"]._document_types()
        for doc_type, _label in LEGAL_DOC_TYPES:
            self.assertEqual(types[doc_type], ("loan_legal", SCHEMAS[doc_type]))

    def test_schemas_match_the_data_builders(self):
        for doc_type, _label in LEGAL_DOC_TYPES:
            data = self.data(doc_type)
            self.assertEqual(docx_render.schema_mismatches(SCHEMAS[doc_type], data), [], doc_type)
            self.assertEqual(set(data), set(SCHEMAS[doc_type]), doc_type)
        # The optional parts are there too for this case, so each is declared where the builder puts it.
        complaint = self.case._document_data("complaint")
        self.assertIn("gender", complaint["defendants"][1])
        self.assertIn("collateral", complaint["guarantees"][0])
        self.assertIn("ground", self.case._document_data("dishonest_listing")["restriction"])

    def test_prepared_rendering_equals_docxtpl(self):
        # Issue 13, speed: the default template of each court document, filled with this case's data,
        # comes out of the prepared path exactly as docxtpl makes it.
        Template = self.env["loan.document.template"]
        self.lawyer.partner_id.sudo().write({"mobile": "13700003333"})  # the agent's phone, on the power of attorney
        for doc_type, _label in LEGAL_DOC_TYPES:
            content, _template = Template._template_bytes(doc_type, self.env.user.company_id)
            document = assert_rendered_as_docxtpl(self, content, self.data(doc_type), doc_type)
            self.assertIn(self.borrower.name, docx_render.document_text(document), doc_type)

    def upload(self, text, doc_type="complaint"):
        document = Document()
        document.add_paragraph(text)
        stream = io.BytesIO()
        document.save(stream)
        with self.env.cr.savepoint():
            return self.env["loan.document.template"].sudo(self.legal_manager).create({
                "name": "x", "doc_type": doc_type, "datas": base64.b64encode(stream.getvalue())})

    def test_paths_checked_against_the_court_document_schema(self):
        self.upload("{% for d in defendants %}{{ d.name }}{{ d.id_number }}{% endfor %}{{ claim.total.upper }}")
        with self.assertRaisesRegex(ValidationError, r"does not provide: d\.salary"):
            self.upload("{% for d in defendants %}{{ d.salary }}{% endfor %}")
        with self.assertRaisesRegex(ValidationError, r"does not provide: judgment"):
            self.upload("{{ judgment.date }}")  # not a complaint's data
        with self.assertRaisesRegex(ValidationError, "may not use: .*__globals__"):
            self.upload("{{ cycler.__init__.__globals__.os.popen('id').read() }}")
