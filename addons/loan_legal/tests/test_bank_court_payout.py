"""A court's enforcement payout on the bank statement (issue 17): matched by the court case number in
the memo to the collection case of that litigation, registered as money from the court."""
import base64
import os

from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "loan_collection", "data",
                      "bank_statements", "icbc_sample.csv")
NOW = "2026-11-30 10:00"


class TestBankCourtPayout(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestBankCourtPayout, cls).setUpClass()
        with china_time(NOW):
            cls.contract = cls.make_contract(disbursed="2025-03-10", maturity="2026-03-10")
            cls.run_on("2026-11-22")
            case = cls.env["collection.case"].search([("contract_id", "=", cls.contract.id), ("is_open", "=", True)])
            cls.legal_case = cls.make_legal_case(contract=cls.contract, collection_case_id=case.id)
            # The enforcement court writes its number with ASCII brackets; the case keeps a court's.
            cls.legal_case.sudo().write({"enforcement_case_number": "(2026)浙0106执1234号"})
        cls.case = cls.legal_case.collection_case_id
        cls.journal = cls.env["account.journal"].create({"name": "执行款账户", "code": "ZXK", "type": "bank"})

    def import_sample(self):
        with open(SAMPLE, "rb") as f:
            wizard = self.env["loan.bank.statement.import"].sudo(self.finance).create({
                "journal_id": self.journal.id, "filename": "icbc_sample.csv", "data_file": base64.b64encode(f.read())})
        with china_time(NOW):
            action = wizard.action_import()
        lines = self.env["account.bank.statement.line"].search(action["domain"])
        return lines.filtered(lambda l: l.ref.endswith("0006"))

    def test_the_court_case_number_finds_the_litigation(self):
        self.assertTrue(self.case)
        line = self.import_sample()
        match = line.loan_best_match_id
        self.assertEqual(line.loan_match_state, "suggested")
        self.assertEqual((match.case_id, match.source, match.payer_id.name, match.evidence),
                         (self.case, "court", "杭州市西湖区人民法院", "court_number"))
        self.assertIn("court case number", match.reason)
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        recovery = line.loan_recovery_id
        self.assertEqual((recovery.source, recovery.amount, recovery.payer_id.name),
                         ("court", 8000.0, "杭州市西湖区人民法院"))
        self.assertEqual(recovery.legal_case_ref, "（2026）浙0106执1234号")

    def test_the_debtor_quoting_the_court_case_number_pays_as_the_debtor(self):
        with open(SAMPLE, "rb") as f:
            text = f.read().decode("gb18030").replace(",跨行转入,还款", ",跨行转入,还款（2026）浙0106执1234号")
        wizard = self.env["loan.bank.statement.import"].sudo(self.finance).create({
            "journal_id": self.journal.id, "filename": "icbc.csv", "data_file": base64.b64encode(text.encode("gb18030"))})
        with china_time(NOW):
            lines = self.env["account.bank.statement.line"].search(wizard.action_import()["domain"])
        match = lines.filtered(lambda l: l.ref.endswith("0001")).loan_match_ids.filtered(
            lambda m: m.case_id == self.case)
        self.assertEqual((match.payer_id, match.source), (self.borrower, "debtor"))

    def test_paid_from_the_courts_known_account(self):
        # The court's partner (the demo data has one; made otherwise), with the account it pays from.
        court = self.env["loan.bank.match"]._court_partner("杭州市西湖区人民法院")
        self.env["res.partner.bank"].create({"acc_number": "1202021209900088888", "partner_id": court.id})
        match = self.import_sample().loan_best_match_id
        self.assertEqual((match.payer_id, match.evidence, match.confidence), (court, "court_number,court_account", 99))


class TestAuditorChangesNothing(LegalTestCase):

    def test_the_auditor_does_not_recompute_deadlines(self):
        """Recompute Deadlines writes deadlines and activities as superuser: the legal team's, not the
        auditor's, who reads the case (nor a collection manager following it)."""
        from odoo.exceptions import AccessError
        auditor = self.make_user("t_auditor", "loan_collection.group_loan_auditor")
        case = self.make_legal_case()
        for user in (auditor, self.manager):
            with self.subTest(user=user.login):
                self.assertTrue(case.sudo(user).read(["stage"]))
                with self.assertRaises(AccessError):
                    case.sudo(user).action_sync_deadlines()
        case.sudo(self.lawyer).action_sync_deadlines()
