"""loan_legal feeds the finance reports: the reconciliation shows what was claimed, awarded and
spent on the legal case; the legal pipeline has a row per stage; a court recovery carries the
legal stage and the court's case number."""
from odoo.exceptions import AccessError, ValidationError

from .common import LegalTestCase


class TestLegalFigures(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLegalFigures, cls).setUpClass()
        cls.contract = cls.make_contract(disbursed="2025-01-15", maturity="2026-01-15")
        cls.run_on("2025-04-20")
        cls.collection_case = cls.contract.case_ids
        cls.collection_case.sudo(cls.manager).action_transfer_to_legal()
        cls.legal_case = cls.env["legal.case"].search([("collection_case_id", "=", cls.collection_case.id)])
        cls.legal_case.write({"court_id": cls.court.id, "claim_date": "2025-04-30", "claim_principal": 30000.0,
                              "claim_interest": 3000.0, "claim_penalty": 500.0, "claim_costs": 0.0})
        cls.collect_evidence(cls.legal_case)
        cls.legal_case._write_checked({"filing_date": "2025-05-06", "stage": "filed"})
        cls.legal_case._write_checked({"stage": "judgment", "judgment_date": "2025-08-01", "awarded_principal": 30000.0,
                              "awarded_interest": 3300.0})
        cls.env["legal.cost"].create({"case_id": cls.legal_case.id, "cost_type": "lawyer", "amount": 2000.0,
                                      "date": "2025-05-06", "recoverable": True})

    def test_reconciliation_reads_the_legal_case(self):
        rows = self.env["collection.reconciliation.report"].search([("case_id", "=", self.collection_case.id)])
        self.assertAlmostEqual(sum(rows.mapped("claimed")), 33500.0, places=2)
        self.assertAlmostEqual(sum(rows.mapped("awarded")), 33300.0, places=2)
        self.assertAlmostEqual(sum(rows.mapped("legal_costs_spent")), 2000.0, places=2)
        figures = self.env["collection.legal.figures"].search([("case_id", "=", self.collection_case.id),
                                                               ("kind", "=", "stage")])
        self.assertEqual(figures.legal_stage, "judgment")

    def test_pipeline_row_per_stage(self):
        rows = {row["stage"]: row for row in self.env["collection.legal.figures"]._legal_pipeline_rows()}
        labels = dict(self.env["legal.case"]._fields["stage"]._description_selection(self.env))
        judgment = rows[labels["judgment"]]
        self.assertGreaterEqual(judgment["cases"], 1)
        self.assertGreaterEqual(judgment["value"], 33500.0)

    def test_pipeline_pivot_for_finance(self):
        groups = self.env["legal.case"].sudo(self.finance).read_group(
            [("id", "=", self.legal_case.id)], ["stage", "claim_total"], ["stage"])
        # Every stage is a group (the kanban shows them all); only the judgment stage holds the case.
        self.assertEqual([(g["stage"], g["claim_total"]) for g in groups if g["stage_count"]],
                         [("judgment", 33500.0)])
        with self.assertRaises(AccessError):
            self.legal_case.sudo(self.finance).write({"judge": "x"})

    def test_case_numbers_written_as_courts_do(self):
        case = self.legal_case.sudo(self.legal_manager)
        case.write({"case_number": "(2025)浙0106民初4321号", "enforcement_case_number": " （2025）浙0106执12号 "})
        self.assertEqual((case.case_number, case.enforcement_case_number),
                         ("（2025）浙0106民初4321号", "（2025）浙0106执12号"))
        for value in ("（（2025）浙0106民初4321号）", "2025浙0106民初4321号"):
            with self.assertRaisesRegex(ValidationError, "is not a case number as courts write it"):
                case.write({"case_number": value})
        with self.assertRaisesRegex(ValidationError, "二审案号.*不是法院格式的案号"):
            case.with_context(lang="zh_CN").write({"appeal_case_number": "浙01民终567号"})
        self.assertEqual(self.legal_case.case_number, "（2025）浙0106民初4321号")

    def test_court_recovery_carries_stage_and_case_number(self):
        self.legal_case.case_number = "（2025）浙0106民初4321号"
        court = self.env["res.partner"].create({"name": "杭州市西湖区人民法院执行款专户", "is_company": True})
        recovery = self.env["collection.recovery"].sudo(self.finance)._register_recovery(
            self.collection_case.sudo(self.finance), "court", court, 5000.0, "2025-09-01", self.bank_journal)
        self.assertEqual(recovery.legal_stage, "judgment")
        self.assertIn("4321", recovery.legal_case_ref or "")


class TestInstallHook(LegalTestCase):

    def test_cases_transferred_before_install_get_their_legal_case(self):
        from odoo.addons.loan_legal.hooks import post_init_hook
        contract = self.make_contract(disbursed="2025-01-15", maturity="2026-01-15")
        self.run_on("2025-04-20")
        case = contract.case_ids
        # As loan_collection alone would have left it: transferred, with no legal case yet.
        case.write({"stage": "legal"})
        self.assertFalse(self.env["legal.case"].search([("collection_case_id", "=", case.id)]))
        post_init_hook(self.env.cr, self.registry)
        legal_case = self.env["legal.case"].search([("collection_case_id", "=", case.id)])
        self.assertEqual((legal_case.stage, legal_case.partner_id), ("preparation", self.borrower))
        post_init_hook(self.env.cr, self.registry)  # a second call opens nothing more
        self.assertEqual(self.env["legal.case"].search_count([("collection_case_id", "=", case.id)]), 1)
