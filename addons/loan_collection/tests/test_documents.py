"""Documents from templates: the notice and the guarantor demand filled from the case, versions
kept, company templates with unknown or unfilled placeholders refused by name, the bulk zip."""
import base64
import io
import zipfile

from odoo.exceptions import UserError, ValidationError

from odoo.addons.loan_collection.services import docx_layout, docx_render

from .common import LoanCase


class TestDocuments(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestDocuments, cls).setUpClass()
        cls.env.user.company_id.write({"name": "测试小额贷款有限公司", "street": "杭州市西湖区测试路1号",
                                        "city": "杭州市", "phone": "0571-12345678",
                                        "state_id": cls.env.ref("l10n_cn.state_ZJ").id})
        cls.contract = cls.make_contract(guarantor_role="guarantor")
        cls.run_on("2026-02-23")  # 8 days overdue
        cls.case = cls.contract.case_ids

    def text(self, document):
        return docx_render.document_text(base64.b64decode(document.attachment_id.datas))

    def test_overdue_notice_filled_from_the_case(self):
        self.case.action_generate_notice()
        notice = self.case.notice_ids
        document = self.case.document_ids
        self.assertEqual((document.doc_type, document.version), ("overdue_notice", 1))
        text = self.text(document)
        self.assertIn("担保贷款逾期催收通知书", text)  # the guaranteed-loan wording
        self.assertIn("测试借款人甲：", text)
        self.assertIn(self.contract.name, text)
        self.assertIn("借款本金¥120,000.00（大写：人民币壹拾贰万元整）", text)
        # The city is in the street already: said once (not "浙江省 杭州市 杭州市西湖区…").
        self.assertIn("联系地址：浙江省杭州市西湖区测试路1号", text)
        # 征信业管理条例 第十五条: the report is announced beforehand, not stated as done.
        self.assertIn("将依法报送金融信用信息基础数据库", text)
        self.assertNotIn("已报送", text)
        self.assertIn("还款账户：中国工商银行杭州西湖支行，户名：测试小额贷款有限公司，账号：1202 0211 0990 0123 456", text)
        self.assertIn("逾期本金：", text)
        self.assertIn("已逾期8天", text)
        # Principal 9461.85 and interest 1200.00 of the first installment, plus penalty interest.
        self.assertIn("¥9,461.85（大写：人民币玖仟肆佰陆拾壹元捌角伍分）", text)
        self.assertIn("¥1,200.00（大写：人民币壹仟贰佰元整）", text)
        self.assertIn("测试小额贷款有限公司（盖章）", text)
        self.assertEqual(docx_render.leftover_placeholders(base64.b64decode(document.attachment_id.datas)), [])
        self.assertEqual(notice.attachment_id, document.attachment_id)
        self.assertIn('"days_overdue": 8', document.data_snapshot)

    def test_notice_total_is_the_sum_of_its_lines(self):
        # Fees are listed and totalled (CS2026000004 listed ¥8,000 of fees and left them out of the total).
        self.case.write({"fees_amount": 8000.0})
        self.run_on("2026-02-23")
        self.case.action_generate_notice()
        notice = self.case.notice_ids
        text = self.text(notice.case_id.document_ids)
        self.assertIn("实现债权的费用：¥8,000.00（大写：人民币捌仟元整）", text)
        expected = round(self.case.overdue_principal + self.case.overdue_interest + self.case.penalty_interest
                         + 8000.0, 2)
        self.assertIn("合计：¥{:,.2f}".format(expected), text)
        self.assertAlmostEqual(notice.amount_demanded, expected, places=2)

    def test_no_notice_for_a_case_with_nothing_overdue(self):
        installment = self.contract.invoice_ids.sorted("installment_number")[0]
        self.env["collection.recovery"].sudo(self.finance)._register_recovery(
            self.case.sudo(self.finance), "debtor", self.borrower,
            round(installment.residual + self.case.penalty_interest, 2), "2026-02-23", self.bank_journal)
        self.run_on("2026-02-23")
        self.assertEqual(self.case.days_overdue, 0)
        with self.assertRaisesRegex(UserError, "nothing overdue"):
            self.case.action_generate_notice()
        with self.assertRaisesRegex(UserError, "nothing overdue"):
            self.case.action_generate_guarantor_demands()
        self.assertFalse(self.case.notice_ids)
        self.assertFalse(self.case.document_ids)

    def test_notice_without_repayment_account_refused(self):
        company = self.env.user.company_id
        company.collection_bank_id = False
        company.partner_id.bank_ids.unlink()
        with self.assertRaisesRegex(UserError, "no repayment account"):
            self.case.action_generate_notice()
        self.assertFalse(self.case.notice_ids)

    def test_repayment_account_of_another_partner_refused(self):
        bank = self.env["res.partner.bank"].create({"partner_id": self.borrower.id, "acc_number": "6222 0000 1111"})
        with self.assertRaisesRegex(ValidationError, "belongs to"):
            self.env.user.company_id.collection_bank_id = bank

    def test_regenerating_keeps_both_versions(self):
        self.case.action_generate_notice()
        notice = self.case.notice_ids
        self.run_on("2026-02-25")
        notice.action_regenerate()
        documents = self.case.document_ids.sorted("version")
        self.assertEqual(documents.mapped("version"), [1, 2])
        self.assertIn("已逾期8天", self.text(documents[0]))
        self.assertIn("已逾期10天", self.text(documents[1]))
        self.assertEqual(notice.attachment_id, documents[1].attachment_id)

    def test_guarantor_demand_names_the_guarantee(self):
        self.case.action_generate_guarantor_demands()
        text = self.text(self.case.document_ids)
        self.assertIn("测试担保人乙：", text)
        self.assertIn("第六百八十八条", text)  # joint and several guarantee
        self.assertIn("贵方作为保证人，以连带责任保证方式", text)
        self.assertIn("请贵方在收到本函之日起7日内代借款人清偿上述欠款", text)
        # Every demand says where to pay.
        self.assertIn("还款账户：中国工商银行杭州西湖支行，户名：测试小额贷款有限公司，账号：1202 0211 0990 0123 456", text)

    def test_missing_company_phone_refused_by_name(self):
        self.env.user.company_id.phone = False
        with self.assertRaises(UserError) as refused:
            self.case.action_generate_notice()
        self.assertFalse(self.case.document_ids)
        # Named by what to fill in, not by the placeholder's name.
        self.assertIn("lacks: Company phone.", refused.exception.name)
        self.env.user.company_id.phone = "0571-12345678"
        self.env.user.company_id.write({"street": False, "street2": False, "city": False, "state_id": False})
        with self.assertRaises(UserError) as refused:
            self.case.with_context(lang="zh_CN").action_generate_notice()
        self.assertIn("公司地址（自省级起）", refused.exception.name)
        self.assertNotIn("address", refused.exception.name)

    def company_template(self, placeholder):
        document = docx_layout.new_document()
        docx_layout.title(document, "自定义催收通知")
        docx_layout.para(document, "{{ addressee.name }}：请于%s前还款。" % placeholder)
        return base64.b64encode(docx_layout.to_bytes(document))

    def test_company_template_used_and_unknown_placeholder_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not provide: deadline"):
            self.env["loan.document.template"].create({
                "name": "坏模板", "doc_type": "overdue_notice", "datas": self.company_template("{{ deadline }}")})
        template = self.env["loan.document.template"].create({
            "name": "公司模板", "doc_type": "overdue_notice", "datas": self.company_template("{{ date }}")})
        self.case.action_generate_notice()
        document = self.case.document_ids
        self.assertEqual(document.template_id, template)
        self.assertIn("自定义催收通知", self.text(document))

    def test_not_a_docx_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a Word .docx"):
            self.env["loan.document.template"].create({
                "name": "x", "doc_type": "overdue_notice", "datas": base64.b64encode(b"plain text")})

    def test_bulk_wizard_returns_a_zip_with_one_file_per_case(self):
        other = self.make_contract(borrower=self.env["res.partner"].create({"name": "另一借款人"}))
        self.run_on("2026-02-23")
        cases = self.case | other.case_ids
        wizard = self.env["loan.document.bulk"].with_context(
            active_model="collection.case", active_ids=cases.ids).create({"doc_type": "overdue_notice"})
        action = wizard.action_generate()
        self.assertIn("download=true", action["url"])
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.zip_file)))
        self.assertEqual(len(archive.namelist()), 2)
        names = sorted(docx_render.document_text(archive.read(name)).split("\n")[2] for name in archive.namelist())
        self.assertEqual(names, sorted(["另一借款人：", "测试借款人甲："]))

    def test_bulk_generates_what_it_can_and_lists_the_rest(self):
        settled = self.make_contract(borrower=self.env["res.partner"].create({"name": "已结清借款人"}))
        self.run_on("2026-02-23")
        settled_case = settled.case_ids
        installment = settled.invoice_ids.sorted("installment_number")[0]
        self.env["collection.recovery"].sudo(self.finance)._register_recovery(
            settled_case.sudo(self.finance), "debtor", settled.partner_id,
            round(installment.residual + settled_case.penalty_interest, 2), "2026-02-23", self.bank_journal)
        self.run_on("2026-02-23")
        wizard = self.env["loan.document.bulk"].with_context(
            active_model="collection.case", active_ids=(self.case | settled_case).ids).create(
            {"doc_type": "overdue_notice"})
        action = wizard.action_generate()
        # The wizard stays open with the result: one made, one refused with the reason.
        self.assertEqual(action["res_model"], "loan.document.bulk")
        self.assertEqual((wizard.generated_count, wizard.refused_count), (1, 1))
        self.assertIn(settled_case.display_name, wizard.refusals)
        self.assertIn("nothing overdue", wizard.refusals)
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.zip_file)))
        self.assertEqual(len(archive.namelist()), 1)
        self.assertTrue(self.case.notice_ids)
        self.assertFalse(settled_case.notice_ids)
        # Nothing to generate at all: a message with the reasons, no empty zip.
        wizard = self.env["loan.document.bulk"].with_context(
            active_model="collection.case", active_ids=settled_case.ids).create({"doc_type": "overdue_notice"})
        with self.assertRaisesRegex(UserError, "No document could be generated"):
            wizard.action_generate()
        self.assertFalse(wizard.zip_file)

    def test_collector_cannot_upload_templates(self):
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.env["loan.document.template"].sudo(self.office).create({
                "name": "x", "doc_type": "overdue_notice", "datas": self.company_template("{{ date }}")})

    def test_malformed_template_refused(self):
        document = docx_layout.new_document()
        docx_layout.para(document, "{{ addressee.name ")
        with self.assertRaisesRegex(ValidationError, "malformed placeholder"):
            self.env["loan.document.template"].create({
                "name": "x", "doc_type": "overdue_notice", "datas": base64.b64encode(docx_layout.to_bytes(document))})
