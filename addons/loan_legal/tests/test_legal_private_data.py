"""Issue 11, finding 2, legal side: legal-only figures are not grouped or searched by collectors;
the court documents of a legal case (their data snapshots and .docx files, which name every party
with its identity number) are for the legal team and the managers; generating one is logged."""
from odoo.exceptions import AccessError

from .common import LegalTestCase


class TestLegalPrivateData(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLegalPrivateData, cls).setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "测试小额贷款有限公司", "street": "天目山路1号", "city": "杭州市",
                       "state_id": cls.env.ref("l10n_cn.state_ZJ").id, "phone": "0571-12345678"})
        company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                  "legal_representative": "钱总"})
        cls.borrower.write({"street": "文三路158号", "city": "杭州市", "mobile": "13800001111"})
        cls.guarantor.write({"identity_type": "resident_id", "identity_number": "330106197908060022",
                             "street": "莫干山路12号", "city": "杭州市", "mobile": "13900002222"})
        contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10", guarantor_role="guarantor")
        contract.write({"place_signed": "杭州市西湖区", "date_signed": "2022-03-10"})
        cls.run_on("2025-05-31")
        collection = contract.case_ids
        # The legal case of the office collector's own collection case: she reads its status.
        cls.case = cls.make_legal_case(contract=contract, collection_case_id=collection.id,
                                       case_number="（2025）浙0106民初1234号", claim_costs=5000.0,
                                       claim_date="2025-05-31", lawyer_id=cls.lawyer.id)
        cls.collect_evidence(cls.case)
        cls.document = cls.case.sudo(cls.lawyer)._generate_documents("complaint")

    def test_cost_total_is_not_grouped_or_searched_by_a_collector(self):
        LegalCase = self.LegalCase.sudo(self.office)
        self.assertEqual(LegalCase.search([("id", "=", self.case.id)]), self.case)
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            LegalCase.read_group([], ["cost_total"], ["stage"])
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            LegalCase.read_group([], ["total:sum(cost_total)"], ["stage"])
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            LegalCase.search([("cost_total", ">", 1000)])
        self.assertTrue(self.LegalCase.sudo(self.lawyer).read_group([("id", "=", self.case.id)],
                                                                    ["stage", "cost_total"], ["stage"]))

    def test_court_documents_are_not_for_collectors(self):
        Document = self.env["loan.document"].sudo(self.office)
        self.assertFalse(Document.search([("id", "=", self.document.id)]))
        with self.assertRaises(AccessError):
            self.document.sudo(self.office).read(["data_snapshot"])
        with self.assertRaises(AccessError):
            self.document.sudo(self.office).read(["name", "datas"])
        attachment = self.document.attachment_id
        with self.assertRaisesRegex(AccessError, "legal team"):
            attachment.sudo(self.office).read(["datas"])
        self.assertFalse(self.env["ir.attachment"].sudo(self.office).search(
            [("res_model", "=", "legal.case"), ("res_id", "=", self.case.id)]))
        # Finance reads the document list but neither the snapshot nor the file.
        finance_document = self.document.sudo(self.finance)
        self.assertFalse(finance_document.read(["datas"])[0]["datas"])
        with self.assertRaises(AccessError):
            finance_document.read(["data_snapshot"])

    def test_legal_team_and_managers_read_them(self):
        for user in (self.lawyer, self.manager):
            values = self.document.sudo(user).read(["data_snapshot", "datas"])[0]
            self.assertIn("330106197908060022", values["data_snapshot"])
            self.assertTrue(values["datas"])
            self.assertTrue(self.document.attachment_id.sudo(user).read(["datas"])[0]["datas"])

    def test_lawyer_reads_identity_numbers_and_generation_is_logged(self):
        logs = self.env["loan.identity.access.log"].search([("user_id", "=", self.lawyer.id),
                                                            ("channel", "=", "document")])
        self.assertIn(self.guarantor, logs.mapped("partner_id"))
        self.assertEqual(self.guarantor.sudo(self.lawyer).read(["identity_number"])[0]["identity_number"],
                         "330106197908060022")
        self.assertTrue(self.env["loan.identity.access.log"].search(
            [("user_id", "=", self.lawyer.id), ("channel", "=", "read"), ("partner_id", "=", self.guarantor.id)]))
        profile = self.guarantor.debtor_profile_ids
        self.assertEqual(profile.sudo(self.lawyer).identity_number_masked, "3301**********0022")
