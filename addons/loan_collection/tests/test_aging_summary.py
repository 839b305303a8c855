"""The aging report's maintained summary (issue 14): the groupings it answers give exactly what the
installments give, after the daily run, a recovery, a reassignment and a rebuild, and it is kept by
PostgreSQL without the product asking (a recovery shows before any run)."""
from .test_recovery import RecoveryCase

MEASURES = ["amount", "principal", "interest", "penalty_interest", "installment_count", "days_overdue"]


class TestAgingSummary(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestAgingSummary, cls).setUpClass()
        cls.other = cls.make_contract(principal=50000, disbursed="2026-01-05", maturity="2027-01-05")
        cls.run_on("2026-03-20")
        cls.report = cls.env["collection.aging.report"].sudo(cls.manager)

    def grouped(self, domain, groupby, lazy=True, from_installments=False):
        report = self.report.with_context(aging_from_installments=from_installments)
        groups = report.read_group(domain, MEASURES + groupby, groupby, lazy=lazy)
        keep = set(MEASURES) | set(groupby) | {"__count", "%s_count" % groupby[0]}
        return [{key: (round(value, 2) if isinstance(value, float) else value)
                 for key, value in group.items() if key in keep} for group in groups]

    def assertSameAsInstallments(self, domain, groupby, lazy=True):
        summary = self.grouped(domain, groupby, lazy)
        self.assertTrue(summary, "no group: the comparison would prove nothing")
        self.assertEqual(summary, self.grouped(domain, groupby, lazy, from_installments=True))
        return summary

    def test_groupings_equal_the_installments_for_the_whole_book(self):
        # The demo book and the fixtures: every grouping the report's menus and dashboard use.
        self.assertTrue(self.env["collection.aging.summary"]._can_answer([], MEASURES, ["office_user_id"]))
        for groupby in (["office_user_id"], ["bucket"], ["field_user_id"], ["product_id"], ["company_id"],
                        ["partner_id"], ["case_id"]):
            self.assertSameAsInstallments([], groupby)
        self.assertSameAsInstallments([], ["bucket", "office_user_id"], lazy=False)
        self.assertSameAsInstallments([("company_id", "=", self.env.user.company_id.id)], ["office_user_id", "bucket"])

    def test_the_fixture_figures(self):
        domain = [("contract_id", "=", self.contract.id)]
        groups = {g["bucket"]: g for g in self.assertSameAsInstallments(domain, ["bucket"])}
        # On 2026-03-20 the first two installments of 10,661.85 are overdue 33 and 5 days.
        self.assertEqual(groups["b031"]["installment_count"], 1)
        self.assertEqual(groups["b031"]["bucket_count"], 1)
        self.assertEqual(groups["b031"]["days_overdue"], 33)
        self.assertEqual(groups["b004"]["days_overdue"], 5)
        self.assertAlmostEqual(groups["b031"]["amount"], 10661.85, places=2)
        self.assertAlmostEqual(groups["b031"]["penalty_interest"], 175.92, places=2)

    def test_a_recovery_shows_at_once_without_a_run(self):
        domain = [("contract_id", "=", self.contract.id)]
        before = {g["bucket"]: g for g in self.grouped(domain, ["bucket"])}
        self.first.pay_and_reconcile(self.bank_journal, date="2026-03-20")
        after = {g["bucket"]: g for g in self.assertSameAsInstallments(domain, ["bucket"])}
        self.assertIn("b031", before)
        self.assertNotIn("b031", after)  # the 33-day installment is paid
        self.assertEqual(after["b004"], before["b004"])

    def test_a_reassigned_case_moves_to_its_new_collector_at_once(self):
        case = self.case()
        domain = [("case_id", "=", case.id)]  # the overdue installments: the case's collector
        case.sudo().write({"office_user_id": self.office2.id})
        groups = self.assertSameAsInstallments(domain, ["office_user_id"])
        self.assertEqual([g["office_user_id"][0] for g in groups], [self.office2.id])

    def test_what_the_summary_does_not_keep_reads_the_installments(self):
        Summary = self.env["collection.aging.summary"]
        self.assertFalse(Summary._can_answer([], MEASURES, ["date_due:month"]))
        self.assertFalse(Summary._can_answer([("invoice_id", "=", self.first.id)], MEASURES, ["bucket"]))
        self.assertFalse(Summary._can_answer([("date_due", "<", "2026-03-01")], MEASURES, ["bucket"]))
        self.assertFalse(Summary._can_answer([("id", "in", self.first.ids)], MEASURES, ["bucket"]))
        groups = self.report.read_group([("id", "in", self.first.ids)], MEASURES + ["bucket"], ["bucket"])
        self.assertEqual([(g["bucket"], g["bucket_count"]) for g in groups], [("b031", 1)])
        groups = self.report.read_group([("contract_id", "=", self.contract.id), ("date_due", "<", "2026-03-01")],
                                        MEASURES + ["bucket"], ["bucket"])
        self.assertEqual([(g["bucket"], g["bucket_count"]) for g in groups], [("b031", 1)])

    def test_an_update_of_other_columns_recomputes_nothing(self):
        cr = self.env.cr
        cr.execute("SELECT id FROM collection_aging_total WHERE contract_id = %s ORDER BY id", (self.contract.id,))
        before = cr.fetchall()
        self.first.sudo().write({"name": "备注：借款人来电说明"})
        cr.execute("SELECT id FROM collection_aging_total WHERE contract_id = %s ORDER BY id", (self.contract.id,))
        self.assertEqual(cr.fetchall(), before)

    def test_the_rebuild_gives_what_the_triggers_kept(self):
        self.recover(3000.0, "2026-03-20")
        self.other.invoice_ids.sorted("installment_number")[0].pay_and_reconcile(self.bank_journal, date="2026-03-20")
        cr = self.env.cr
        query = """SELECT contract_id, case_id, bucket, installment_count, amount, principal, interest,
                          penalty_interest, days_overdue FROM collection_aging_total ORDER BY 1, 2, 3"""
        cr.execute(query)
        kept = cr.fetchall()
        self.env["collection.aging.summary"].init()
        cr.execute(query)
        self.assertEqual(cr.fetchall(), kept)
        self.assertTrue(kept)
