"""Interest on the models (issue 12 items 8 and 9): penalty interest that does not depend on how
many daily runs happened, the product's day-count basis, and the rate caps on the contract."""
from odoo.exceptions import AccessError, ValidationError

from ..services import rates
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

    def test_accrual_kept_by_the_run_only(self):
        self.run_on("2026-03-17")
        for user in (self.finance, self.manager):
            with self.assertRaises(AccessError):
                self.first.sudo(user).write({"penalty_accrued": 0.0})
        self.assertAlmostEqual(self.first.penalty_interest, 159.93, places=2)
        # Nor anything else the run, the recoveries and the schedule keep (found writable by finance
        # over RPC: days overdue, bucket, penalty, the case link, the schedule's principal part ...).
        kept = ["days_overdue", "aging_bucket", "penalty_interest", "collection_case_id", "principal_amount",
                "installment_number", "loan_contract_id"]
        before = self.first.read(kept)
        self.assertEqual((before[0]["days_overdue"], before[0]["aging_bucket"]), (30, "7-30"))
        values = {"days_overdue": 1, "aging_bucket": "1-30", "penalty_interest": 0.0, "penalty_date": "2026-03-01",
                  "penalty_recovered": 159.93, "collection_case_id": False, "in_litigation": True,
                  "principal_amount": 1.0, "interest_amount": 1.0, "installment_number": 9,
                  "loan_contract_id": False}
        for user in (self.finance, self.manager):
            for name, value in values.items():
                with self.assertRaisesRegex(AccessError, "kept by the product"):
                    self.first.sudo(user).write({name: value})
            with self.assertRaisesRegex(AccessError, "kept by the product"):
                self.first.sudo(user).create({"partner_id": self.first.partner_id.id, "days_overdue": 30})
            with self.assertRaisesRegex(AccessError, "kept by the product"):
                self.first.sudo(user).create({"partner_id": self.first.partner_id.id, "aging_bucket": "7-30"})
        # The defaults, as a client sends them back from default_get, are accepted: a new invoice is current.
        Invoice = self.env["account.invoice"].sudo(self.finance)
        defaults = Invoice.default_get(["days_overdue", "aging_bucket"])
        self.assertEqual(defaults, {"days_overdue": 0, "aging_bucket": "current"})
        new = Invoice.create(dict(defaults, partner_id=self.first.partner_id.id))
        self.assertEqual((new.days_overdue, new.aging_bucket), (0, "current"))
        self.first.invalidate_cache()
        self.assertEqual(self.first.read(kept), before)
        # Nor searched or sorted by those who may not read it (a search is an oracle).
        Invoice = self.env["account.invoice"].sudo(self.office)
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            Invoice.search([("penalty_segment_base", "=", 318000)])
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            Invoice.search([], order="penalty_segment_base desc")

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


class TestRateCaps(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestRateCaps, cls).setUpClass()
        cls.private = cls.env["loan.product"].create({"name": "民间借贷", "code": "TMJ", "lender_type": "private"})
        cls.licensed = cls.product   # a licensed small-loan company's product (the default lender type)

    def draft(self, product, rate, overdue=None, fees=0.0, signed="2025-06-10"):
        return self.env["loan.contract"].create({
            "partner_id": self.borrower.id, "product_id": product.id, "principal": 100000,
            "date_signed": signed, "date_disbursed": signed, "date_maturity": "2027-12-31",
            "annual_rate": rate, "overdue_rate": overdue or rate, "fee_rate": fees})

    def test_private_loan_after_the_last_recorded_lpr_is_flagged(self):
        # Within the cap on the last recorded LPR (3.00 % of 2025-10-20: cap 12 %), but signed in
        # 2026, when a later publication may have moved the cap: the legal team is told to record it.
        late = self.draft(self.private, 10.0, signed="2026-06-10")
        self.assertIn("not recorded", late.rate_warning)
        self.assertFalse(self.draft(self.private, 10.0, signed="2025-10-25").rate_warning)
        self.env["loan.lpr.rate"].create({"date": "2026-05-20", "one_year_rate": 3.0})
        late.invalidate_cache()
        self.assertFalse(late.rate_warning)

    def test_private_loan_at_100_percent_refused(self):
        with self.assertRaisesRegex(ValidationError, r"a private lender may charge at most 12\.00% a year .* "
                                                     r"charges 100\.00% a year"):
            self.draft(self.private, 100.0)

    def test_private_loan_overdue_rate_and_fees_counted_together(self):
        contract = self.draft(self.private, 9.0, overdue=10.0, fees=2.0)   # 12.00: at the cap, accepted
        self.assertEqual((contract.rate_charged, contract.rate_cap), (12.0, 12.0))
        self.assertFalse(contract.rate_warning)
        # The cap is computed: a manager's write does not change it.
        contract.sudo(self.manager).write({"rate_cap": 99.0})
        self.assertEqual(contract.rate_cap, 12.0)
        with self.assertRaisesRegex(ValidationError, "at most 12.00%"):
            contract.fee_rate = 2.5

    def test_licensed_lender_at_100_percent_flagged(self):
        contract = self.draft(self.licensed, 100.0)
        self.assertEqual(contract.lender_type, "small_loan")
        self.assertEqual(contract.rate_supported, 24.0)
        self.assertIn("above 24% a year", contract.rate_warning)
        self.assertIn("would likely support 24.00% a year", contract.rate_warning)
        self.assertFalse(self.draft(self.licensed, 18.0, overdue=24.0).rate_warning)

    def test_contract_before_2020_08_20_under_the_old_24_percent(self):
        # 法释〔2020〕17号 第31条: a 2019 private loan at 20 % was lawful when formed.
        contract = self.draft(self.private, 20.0, signed="2019-10-08")
        self.assertEqual(contract.rate_cap, 24.0)
        self.assertFalse(contract.rate_warning)

    def test_a_managers_lpr_row_moves_the_cap(self):
        self.env["loan.lpr.rate"].sudo(self.manager).create({"date": "2026-06-22", "one_year_rate": 2.9})
        self.assertAlmostEqual(self.draft(self.private, 11.6, signed="2026-06-22").rate_cap, 11.6, places=4)
        with self.assertRaisesRegex(ValidationError, r"at most 11\.60%"):
            self.draft(self.private, 12.0, signed="2026-07-01")

    def test_only_managers_record_the_lpr(self):
        with self.assertRaises(AccessError):
            self.env["loan.lpr.rate"].sudo(self.office).create({"date": "2026-06-22", "one_year_rate": 2.9})
        with self.assertRaisesRegex(ValidationError, "positive percentage"):
            self.env["loan.lpr.rate"].sudo(self.manager).create({"date": "2026-06-22", "one_year_rate": 0})

    def test_shipped_lpr_data_is_the_services_table(self):
        shipped = self.env["ir.model.data"].search([("module", "=", "loan_collection"), ("model", "=", "loan.lpr.rate")])
        rows = self.env["loan.lpr.rate"].browse(shipped.mapped("res_id")).sorted("date")
        self.assertEqual([(r.date, "%.2f" % r.one_year_rate, "%.2f" % r.five_year_rate) for r in rows],
                         [(str(day), str(one), str(five)) for day, one, five in rates.LPR_HISTORY])


class TestSignedTermsFixed(LoanCase):
    """Security review: an active contract's terms (rates, clauses, compound interest ...) were
    writable by a manager or finance over RPC, though the form shows them read-only; the daily run
    and every claim would have followed the new rate."""

    def test_terms_of_an_active_contract_refused_to_every_user(self):
        contract = self.make_contract()
        terms = {"annual_rate": 24.0, "overdue_rate": 36.0, "compound_interest": True, "interest_clause": "第九条",
                 "principal": 1.0, "date_maturity": "2030-01-15", "repayment_method": "bullet"}
        before = contract.read(list(terms))
        for user in (self.finance, self.manager):
            for name, value in terms.items():
                with self.assertRaisesRegex(AccessError, "terms .* are those signed"):
                    contract.sudo(user).write({name: value})
            with self.assertRaisesRegex(AccessError, "only through its actions"):
                contract.sudo(user).write({"state": "closed"})
            # What may change on an active contract still does: its collectors, the bank's disbursement record.
            contract.sudo(user).write({"office_user_id": self.office.id, "disbursed_amount": 119000.0})
        contract.invalidate_cache()
        self.assertEqual(contract.read(list(terms)), before)
        self.assertEqual(contract.state, "active")

    def test_draft_terms_free_and_activation_through_the_action(self):
        contract = self.make_contract(activate=False)
        contract.sudo(self.manager).write({"annual_rate": 10.0, "interest_clause": "第四条"})
        self.assertEqual(contract.annual_rate, 10.0)
        with self.assertRaises(AccessError):  # "created in draft", in the manager's language
            contract.sudo(self.manager).copy({"name": "X-1", "state": "active"})
        contract.sudo(self.manager).action_activate()
        self.assertEqual(contract.state, "active")
        self.assertTrue(contract.invoice_ids)
