"""Month-end snapshots and roll rates on a hand-made two-month example, the XLSX exports as a
user opens them (headers, rows, totals), the other reports and the manager's dashboard."""
import xlrd

from odoo.exceptions import AccessError

from .test_recovery import RecoveryCase


def open_xlsx(content):
    return xlrd.open_workbook(file_contents=content)


class TestRollRates(RecoveryCase):
    """Four contracts, month-ends 2026-02-28 and 2026-03-31:

    A (first due 02-15) unpaid:          7-30 (13 days)  -> 31-60 (44 days)
    B (first due 02-20) first paid 03-10: 7-30 (8 days)   -> 7-30 (second due 03-20, 11 days)
    C (first due 03-10):                  current         -> 7-30 (21 days)
    D (bullet due 02-20) paid 03-05:      7-30 (8 days)   -> paid or closed
    """

    @classmethod
    def setUpClass(cls):
        super(TestRollRates, cls).setUpClass()
        cls.a = cls.contract
        cls.b = cls.make_contract(disbursed="2026-01-20", maturity="2027-01-20")
        cls.c = cls.make_contract(disbursed="2026-02-10", maturity="2027-02-10")
        cls.d = cls.make_contract(principal=10000, method="bullet", disbursed="2026-01-20", maturity="2026-02-20")
        cls.ours = cls.a | cls.b | cls.c | cls.d

    def amounts(self, contract):
        return round(sum(contract.invoice_ids.filtered(lambda i: i.state == "open").mapped("residual")), 2)

    def rows(self):
        return self.env["collection.roll.rate.report"].search([
            ("contract_id", "in", self.ours.ids), ("date_from", "=", "2026-02-28")])

    def test_two_month_ends(self):
        run = self.run_on("2026-02-28")
        snapshots = self.env["collection.snapshot"].search([("date", "=", "2026-02-28"),
                                                            ("contract_id", "in", self.ours.ids)])
        self.assertEqual(len(snapshots), 12 + 12 + 12 + 1)
        first_a = snapshots.filtered(lambda s: s.invoice_id == self.first)
        self.assertEqual((first_a.days_overdue, first_a.aging_bucket, first_a.amount), (13, "7-30", 10661.85))
        self.assertEqual(set(snapshots.filtered(lambda s: s.contract_id == self.c).mapped("aging_bucket")),
                         {"current"})
        # Taking it again for the same day (a second run) changes nothing.
        before = snapshots.read(["write_date", "amount", "aging_bucket"])
        self.run_on("2026-02-28")
        self.env["collection.snapshot"]._take("2026-02-28")
        self.assertEqual(snapshots.read(["write_date", "amount", "aging_bucket"]), before)
        self.assertTrue(run)
        at_feb = {contract: self.amounts(contract) for contract in self.ours}

        self.d.invoice_ids.pay_and_reconcile(self.bank_journal, date="2026-03-05")
        self.b.invoice_ids.sorted("installment_number")[0].pay_and_reconcile(self.bank_journal, date="2026-03-10")
        self.run_on("2026-03-15")  # not a month-end: no snapshot
        self.assertFalse(self.env["collection.snapshot"].search([("date", "=", "2026-03-15")]))
        self.run_on("2026-03-31")

        rows = self.rows()
        moves = {(r.contract_id, r.bucket_from, r.bucket_to): r.amount_from for r in rows}
        self.assertEqual(moves, {
            (self.a, "b007", "b031"): at_feb[self.a],
            (self.b, "b007", "b007"): at_feb[self.b],
            (self.c, "b000", "b007"): at_feb[self.c],
            (self.d, "b007", "closed"): at_feb[self.d],
        })
        self.assertEqual(at_feb[self.a], 127942.26)  # the whole schedule (last installment rounded), nothing paid
        Report = self.env["collection.roll.rate.report"]
        from_keys, to_keys, cells, totals = Report._matrix(rows)
        self.assertEqual(from_keys, ["b000", "b007"])
        self.assertEqual(to_keys, ["b007", "b031", "closed"])
        self.assertAlmostEqual(totals["b007"], at_feb[self.a] + at_feb[self.b] + at_feb[self.d], places=2)
        self.assertAlmostEqual(cells[("b007", "closed")], at_feb[self.d], places=2)

        # The XLSX export: the listing with its totals and the roll-rate matrix.
        report = self.env.ref("loan_collection.collection_roll_rate_report_xlsx")
        content, kind = report.render(rows.ids, {})
        self.assertEqual(kind, "xlsx")
        book = open_xlsx(content)
        listing = book.sheet_by_index(0)
        headers = listing.row_values(2)
        self.assertEqual(headers[:2], ["Month-end", "Next Month-end"])
        self.assertIn("From Bucket", headers)
        self.assertIn("To Bucket", headers)
        last = listing.row_values(listing.nrows - 1)
        self.assertEqual(last[0], "Total")
        self.assertAlmostEqual(last[headers.index("Amount at Month-end")], sum(at_feb.values()), places=2)
        body = [listing.row_values(r) for r in range(3, listing.nrows - 1)]
        self.assertIn(["7-30", "31-60"], [[row[headers.index("From Bucket")], row[headers.index("To Bucket")]]
                                          for row in body if row[headers.index("Loan Contract")] == self.a.name])
        matrix = book.sheet_by_name("Roll 2026-02")
        self.assertEqual(matrix.row_values(2)[:4], ["From \\ To", "7-30", "31-60", "Paid or Closed"])
        row_7_30 = matrix.row_values(4)
        self.assertEqual(row_7_30[0], "7-30")
        self.assertAlmostEqual(row_7_30[2], at_feb[self.a], places=2)
        share_a = at_feb[self.a] / (at_feb[self.a] + at_feb[self.b] + at_feb[self.d])
        self.assertAlmostEqual(row_7_30[4 + 2], share_a, places=4)  # the 31-60 roll rate


class TestAgingAndOtherReports(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestAgingAndOtherReports, cls).setUpClass()
        cls.run_on("2026-03-20")

    def test_aging_by_bucket_and_its_xlsx(self):
        rows = self.env["collection.aging.report"].search([("contract_id", "=", self.contract.id)])
        self.assertEqual(len(rows), 12)
        by_bucket = {key: sum(r.amount for r in rows if r.bucket == key) for key in set(rows.mapped("bucket"))}
        self.assertEqual(by_bucket["b031"], 10661.85)  # the first installment, 33 days
        self.assertEqual(by_bucket["b004"], 10661.85)  # the second, 5 days
        self.assertEqual(rows.filtered(lambda r: r.bucket == "b031").office_user_id, self.office)
        grouped = self.env["collection.aging.report"].read_group(
            [("contract_id", "=", self.contract.id)], ["amount", "bucket"], ["bucket"])
        self.assertEqual([g["bucket"] for g in grouped], ["b000", "b004", "b031"])  # bucket order

        content, _kind = self.env.ref("loan_collection.collection_aging_report_xlsx").render(rows.ids, {})
        book = open_xlsx(content)
        sheet = book.sheet_by_index(0)
        headers = sheet.row_values(2)
        self.assertEqual(headers[:5], ["Company", "Loan Product", "Office Collector", "Field Collector",
                                       "Aging Bucket"])
        self.assertEqual(headers[-1], "Outstanding")
        self.assertEqual(sheet.nrows, 3 + 12 + 1)
        total = sheet.row_values(sheet.nrows - 1)
        self.assertEqual(total[0], "Total")
        self.assertAlmostEqual(total[-1], 127942.26, places=2)
        buckets = book.sheet_by_name("By Bucket")
        self.assertEqual(buckets.row_values(0)[:2], ["Aging Bucket", "Count"])
        self.assertEqual([buckets.cell_value(r, 0) for r in range(1, buckets.nrows)],
                         ["Current", "4-6", "31-60", "Total"])
        self.assertEqual(buckets.row_values(3)[:2], ["31-60", 1])
        self.assertAlmostEqual(buckets.row_values(buckets.nrows - 1)[-1], 127942.26, places=2)

    def test_recovery_rate_performance_and_reconciliation(self):
        case = self.case()
        self.env["collection.contact.log"].sudo(self.field).create({
            "case_id": case.id, "date": "2026-03-20 02:00:00", "channel": "visit", "party": "debtor",
            "staff_ids": [(6, 0, [self.office.id, self.field.id])], "outcome": "rpc"})
        self.recover(1000, "2026-03-20", "guarantor", self.guarantor)
        rate = self.env["collection.recovery.rate.report"].search([("case_id", "=", case.id)])
        self.assertEqual((rate.last_channel, rate.legal_stage), ("visit", "none"))
        self.assertEqual((rate.recovered, rate.recovered_guarantor), (1000.0, 1000.0))
        # Still owed: the overdue residuals less the 1000 paid, plus the penalty interest.
        self.assertAlmostEqual(rate.outstanding, 2 * 10661.85 - 1000 + 175.92 + 26.65, places=2)
        self.assertAlmostEqual(rate.recovery_rate, round(100 * 1000 / rate.exposure, 1), places=1)

        # The visit is the field collector's (a visit is logged in the field); the recovery is credited
        # to him, who made the last right-party contact (services/performance.py).
        perf = self.env["collection.performance.report"].search([("user_id", "=", self.field.id),
                                                                 ("date", "=", "2026-03-01")])
        self.assertEqual((perf.contact_count, perf.rpc_count, perf.amount_recovered), (1, 1, 1000.0))

        recon = self.env["collection.reconciliation.report"].search([("case_id", "=", case.id),
                                                                     ("date", "=", "2026-03-01")])
        self.assertEqual((recon.recovered_guarantor, recon.recovered, recon.net_recovery), (1000.0, 1000.0, 1000.0))
        for xmlid, model in (("collection_recovery_rate_report_xlsx", "collection.recovery.rate.report"),
                             ("collection_performance_report_xlsx", "collection.performance.report"),
                             ("collection_reconciliation_report_xlsx", "collection.reconciliation.report")):
            records = self.env[model].search([])
            book = open_xlsx(self.env.ref("loan_collection." + xmlid).render(records.ids, {})[0])
            self.assertEqual(book.sheet_by_index(0).row_values(book.sheet_by_index(0).nrows - 1)[0], "Total")
        by_channel = open_xlsx(self.env.ref("loan_collection.collection_recovery_rate_report_xlsx").render(
            rate.ids, {})[0]).sheet_by_name("By Channel")
        self.assertEqual(by_channel.row_values(1)[0], "Visit")
        self.assertAlmostEqual(by_channel.row_values(1)[-1], 1000 / rate.exposure, places=4)
        pipeline = open_xlsx(self.env.ref("loan_collection.legal_pipeline_xlsx").render([], {})[0]).sheet_by_index(0)
        self.assertEqual(pipeline.row_values(2)[:3], ["Legal Stage", "Cases", "Value"])

    def test_dashboard_for_managers(self):
        board = self.env["collection.dashboard"].sudo(self.manager).create({})
        board.date = "2026-03-20"
        self.assertGreaterEqual(board.open_case_count, 1)
        self.assertGreaterEqual(board.total_overdue, self.case().total_due)
        self.assertIn("31-60", board.aging_line_ids.mapped("label"))
        self.assertGreaterEqual(board.tasks_open, 1)
        with self.assertRaises(AccessError):
            self.env["collection.dashboard"].sudo(self.office).action_open()
