"""The manager's dashboard: every headline figure and every chart line opens exactly the records it
counts, and its aging chart agrees with the Aging by Installment report bucket by bucket."""
from odoo.exceptions import AccessError

from .common import LoanCase, china_time
from .test_recovery import RecoveryCase


class TestDashboard(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestDashboard, cls).setUpClass()
        cls.run_on("2026-03-16")
        phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        with china_time("2026-03-16 18:00"):
            cls.env["collection.contact.log"].sudo(cls.office).create({
                "case_id": cls.case().id, "date": "2026-03-16 02:00:00", "channel": "phone", "party": "debtor",
                "contact_point_id": phone.id, "outcome": "promise", "promise_amount": 3000.0,
                "promise_date": "2026-03-18"})
        cls.run_on("2026-03-19")  # nothing paid by the 18th: the promise is broken
        cls.run_on("2026-03-20")
        with china_time("2026-03-20 18:00"):
            cls.recover(1500, "2026-03-20")
        cls.board = cls.env["collection.dashboard"].sudo(cls.manager).create({"date": "2026-03-20"})

    def records(self, action):
        return self.env[action["res_model"]].sudo(self.manager).search(action["domain"])

    def test_each_figure_opens_the_records_it_counts(self):
        board = self.board
        self.assertGreaterEqual(board.broken_promise_count, 1)
        self.assertGreaterEqual(board.recovered_month, 1500.0)
        self.assertGreaterEqual(board.tasks_open + board.tasks_done, 1)
        for figure, (_model, _domain, measure) in board._figure_specs().items():
            action = board.with_context(figure=figure).action_open_figure()
            records = self.records(action)
            if measure:
                self.assertAlmostEqual(sum(records.mapped(measure)), board[figure], places=2, msg=figure)
            else:
                self.assertEqual(len(records), board[figure], figure)
            self.assertEqual(action["context"], {})
        # As the web client calls a button: the context also comes as an argument.
        context = {"figure": "open_case_count", "lang": "en_US"}
        action = board.with_context(context).action_open_figure(context)
        self.assertEqual(len(self.records(action)), board.open_case_count)
        promises = self.records(board.with_context(figure="broken_promise_count").action_open_figure())
        self.assertEqual(set(promises.mapped("state")), {"broken"})
        self.assertIn(self.case(), promises.mapped("case_id"))

    def test_each_chart_line_opens_the_records_it_counts(self):
        sections = set()
        for line in self.board.line_ids:
            sections.add(line.section)
            action = line.sudo(self.manager).action_open_records()
            records = self.records(action)
            self.assertEqual(len(records), line.count, line.label)
            self.assertAlmostEqual(sum(records.mapped("amount")), line.amount, places=2, msg=line.label)
            self.assertLessEqual(line.share, 100.0)
        self.assertEqual(sections, {"aging", "recovered", "broken"})
        months = self.board.recovered_line_ids.mapped("label")
        self.assertEqual(months, ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"])
        march = self.board.recovered_line_ids.filtered(lambda l: l.label == "2026-03")
        self.assertAlmostEqual(march.amount, self.board.recovered_month, places=2)
        self.assertEqual(max(self.board.recovered_line_ids.mapped("share")), 100.0)

    def test_the_aging_chart_agrees_with_the_aging_report(self):
        company = self.board.company_id
        groups = self.env["collection.aging.report"].read_group(
            [("company_id", "=", company.id)], ["amount", "bucket"], ["bucket"], lazy=False)
        labels = dict(self.env["collection.aging.report"]._bucket_selection())
        report = [(labels[g["bucket"]], g["__count"], round(g["amount"], 2)) for g in groups]
        chart = [(l.label, l.count, round(l.amount, 2)) for l in self.board.aging_line_ids]
        self.assertEqual(chart, report)
        self.assertGreaterEqual(dict((label, count) for label, count, _a in chart).get("31-60", 0), 1)
        # The dashboard states its basis, and so does the report's name.
        arch = self.env["collection.dashboard"].fields_view_get(
            self.env.ref("loan_collection.collection_dashboard_view_form").id, "form")["arch"]
        self.assertIn("Per installment, as the Aging by Installment report", arch)
        self.assertEqual(self.env.ref("loan_collection.collection_aging_report_action").name, "Aging by Installment")

    def test_collectors_refused(self):
        with self.assertRaises(AccessError):
            self.env["collection.dashboard"].sudo(self.office).create({})
        with self.assertRaises(AccessError):
            self.board.sudo(self.office).with_context(figure="open_case_count").action_open_figure()
        with self.assertRaises(AccessError):
            self.board.line_ids[:1].sudo(self.office).action_open_records()


class TestDemoRollRates(LoanCase):
    """The demo has the month-end snapshots of the three month-ends before its installation
    (demo/collection_snapshot_demo.xml): the roll-rate report (迁徙率) shows figures."""

    def test_demo_month_ends_give_roll_rates(self):
        demo = self.env.ref("loan_collection.loan_contract_c5_demo") | self.env.ref(
            "loan_collection.loan_contract_c8_demo") | self.env.ref("loan_collection.loan_contract_c4_demo")
        snapshots = self.env["collection.snapshot"].search([("contract_id", "in", demo.ids)])
        month_ends = sorted(set(snapshots.mapped("date")))
        self.assertGreaterEqual(len(month_ends), 3)
        Report = self.env["collection.roll.rate.report"]
        rows = Report.search([("contract_id", "in", demo.ids)])
        self.assertEqual(sorted(set(rows.mapped("date_from")))[:2], month_ends[:2])
        for row in rows:
            at_start = snapshots.filtered(lambda s: s.contract_id == row.contract_id and s.date == row.date_from)
            self.assertAlmostEqual(row.amount_from, sum(at_start.mapped("amount")), places=2)
        # The long overdue loans (c5, c8: nothing paid) roll forward a bucket a month until 90+.
        for xmlid in ("c5", "c8"):
            contract = self.env.ref("loan_collection.loan_contract_%s_demo" % xmlid)
            moves = [(r.bucket_from, r.bucket_to) for r in rows.filtered(lambda r: r.contract_id == contract)]
            self.assertGreaterEqual(len(moves), 2, xmlid)
            self.assertTrue(all(to >= start for start, to in moves), moves)
            self.assertTrue(any(to > start for start, to in moves), moves)
        from_keys, to_keys, cells, totals = Report._matrix(rows)
        self.assertTrue(set(from_keys) - {"b000"}, "overdue buckets at a month-end")
        self.assertTrue(all(amount > 0 for amount in totals.values()))
        # Nothing of a loan not yet disbursed at a month-end (c1: disbursed a month and two days ago).
        c1 = self.env.ref("loan_collection.loan_contract_c1_demo")
        before = [d for d in month_ends if d < c1.date_disbursed]
        self.assertFalse(self.env["collection.snapshot"].search([("contract_id", "=", c1.id),
                                                                ("date", "in", before)]))
