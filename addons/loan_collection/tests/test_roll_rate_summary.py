"""The roll-rate report is a stored summary written when a month-end snapshot is taken (issue 14):
what it shows must be what the snapshots give when aggregated directly, month after month, also
when a month-end is taken again after a payment."""
from .test_recovery import RecoveryCase


class TestRollRateSummary(RecoveryCase):
    """Three contracts over three month-ends (2026-02-28, 03-31, 04-30)."""

    @classmethod
    def setUpClass(cls):
        super(TestRollRateSummary, cls).setUpClass()
        cls.b = cls.make_contract(disbursed="2026-01-20", maturity="2027-01-20")
        cls.d = cls.make_contract(principal=10000, method="bullet", disbursed="2026-01-20", maturity="2026-02-20")
        cls.ours = cls.contract | cls.b | cls.d

    def shown(self):
        """The report's rows of our contracts, as the user reads them."""
        rows = self.env["collection.roll.rate.report"].search_read(
            [("contract_id", "in", self.ours.ids)],
            ["date_from", "date_to", "contract_id", "bucket_from", "bucket_to", "amount_from", "amount_to"])
        return sorted((r["date_from"], r["date_to"], r["contract_id"][0], r["bucket_from"], r["bucket_to"],
                       round(r["amount_from"], 2), round(r["amount_to"], 2)) for r in rows)

    def direct(self):
        """The same rows aggregated from every snapshot on the spot (what the report was before)."""
        Report = self.env["collection.roll.rate.report"]
        self.env.cr.execute("SELECT * FROM (%s) q WHERE contract_id = ANY(%%s)" % Report._query(), (self.ours.ids,))
        columns = [d[0] for d in self.env.cr.description]
        rows = [dict(zip(columns, row)) for row in self.env.cr.fetchall()]
        return sorted((str(r["date_from"]), str(r["date_to"]), r["contract_id"], r["bucket_from"], r["bucket_to"],
                       round(float(r["amount_from"]), 2), round(float(r["amount_to"]), 2)) for r in rows)

    def test_summary_equals_the_direct_computation(self):
        self.run_on("2026-02-28")
        self.assertEqual(self.shown(), [])  # one month-end: nothing to compare it with yet
        self.d.invoice_ids.pay_and_reconcile(self.bank_journal, date="2026-03-05")
        self.run_on("2026-03-31")
        march = self.shown()
        self.assertEqual(march, self.direct())
        self.assertEqual({(row[2], row[3], row[4]) for row in march},
                         {(self.contract.id, "b007", "b031"), (self.b.id, "b007", "b031"), (self.d.id, "b007", "closed")})
        self.assertEqual(len(march), 3)
        self.assertEqual([row[6] for row in march if row[2] == self.d.id], [0.0])

        # A payment on a month-end taken again: the summary follows the new snapshot.
        self.b.invoice_ids.sorted("installment_number")[0].pay_and_reconcile(self.bank_journal, date="2026-03-31")
        self.run_on("2026-03-31")
        again = self.shown()
        self.assertEqual(again, self.direct())
        self.assertNotEqual(again, march)

        # The next month-end adds its rows and leaves February's alone.
        self.run_on("2026-04-30")
        april = self.shown()
        self.assertEqual(april, self.direct())
        self.assertEqual([row for row in april if row[0] == "2026-02-28"], again)
        self.assertEqual({row[0] for row in april}, {"2026-02-28", "2026-03-31"})
