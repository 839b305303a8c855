"""Interest on the models (issue 12 items 8 and 9): penalty interest that does not depend on how
many daily runs happened, the product's day-count basis, and the rate caps on the contract."""
from .common import LoanCase


class TestPenaltyWithoutDrift(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestPenaltyWithoutDrift, cls).setUpClass()
        cls.contract = cls.make_contract()   # first installment 10661.85 due 2026-02-15, overdue rate 18 %
        cls.first = cls.contract.invoice_ids.filtered(lambda i: i.installment_number == 1)

    def test_one_run_and_daily_runs_give_the_same_penalty(self):
        # 30 days at 1/360 a day: 10661.85 x 18% x 30 / 360 = 159.92775 -> 159.93
        self.run_on("2026-03-17")
        self.assertAlmostEqual(self.first.penalty_interest, 159.93, places=2)

    def test_daily_runs(self):
        for day in range(16, 29):
            self.run_on("2026-02-%02d" % day)
        for day in range(1, 18):
            self.run_on("2026-03-%02d" % day)
        # Not 30 x 5.33 = 159.90 (each day rounded to the fen).
        self.assertAlmostEqual(self.first.penalty_interest, 159.93, places=2)
        self.assertEqual(self.first.penalty_date, "2026-03-17")
        # A second run for the same date changes nothing.
        self.run_on("2026-03-17")
        self.assertAlmostEqual(self.first.penalty_interest, 159.93, places=2)

    def test_actual_365_product(self):
        self.product.day_count = "actual_365"
        self.run_on("2026-03-01")
        self.run_on("2026-03-17")
        # 30 days: 10661.85 x 18% x 30 / 365 = 157.737 -> 157.74
        self.assertAlmostEqual(self.first.penalty_interest, 157.74, places=2)


class TestDayCount(LoanCase):

    def test_bullet_loan_for_a_whole_leap_year_costs_12_percent(self):
        contract = self.make_contract(principal=100000, method="bullet", disbursed="2024-01-01",
                                      maturity="2025-01-01", rate=12.0)
        self.assertEqual(contract.invoice_ids.interest_amount, 12000.0)   # actual/360 charged 12,200.00
        self.product.day_count = "actual_360"
        other = self.make_contract(principal=100000, method="bullet", disbursed="2024-01-01",
                                   maturity="2025-01-01", rate=12.0)
        self.assertEqual(other.invoice_ids.interest_amount, 12200.0)
