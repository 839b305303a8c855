"""Recoveries: allocation on a real case (民法典 第561条 and a contract order), the payment
reconciled with the right installments for each source, the penalty and costs booked on the
charges invoice, the case's figures, bad input refused with nothing written, and who may do it."""
from odoo.exceptions import AccessError, ValidationError

from .common import LoanCase, china_time


class RecoveryCase(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(RecoveryCase, cls).setUpClass()
        cls.contract = cls.make_contract()
        installments = cls.contract.invoice_ids.sorted("installment_number")
        cls.first, cls.second, cls.third = installments[0], installments[1], installments[2]
        cls.court = cls.env["res.partner"].create({"name": "测试人民法院", "is_company": True})
        cls.stranger = cls.env["res.partner"].create({"name": "无关第三人"})

    @classmethod
    def case(cls):
        return cls.contract.case_ids.filtered("is_open")[:1] or cls.contract.case_ids.sorted("id")[-1:]

    @classmethod
    def recover(cls, amount, date, source="debtor", payer=None, user=None):
        user = user or cls.finance
        return cls.env["collection.recovery"].sudo(user)._register_recovery(
            cls.case().sudo(user), source, payer or cls.borrower, amount, date, cls.bank_journal)

    def assertMoney(self, actual, expected):
        self.assertAlmostEqual(actual, expected, places=2)


class TestAllocationOnTheCase(RecoveryCase):
    """Installments of 10661.85 (first: interest 1200.00, principal 9461.85), overdue rate 18 %."""

    @classmethod
    def setUpClass(cls):
        super(TestAllocationOnTheCase, cls).setUpClass()
        # On 2026-03-20 the first two installments are overdue (33 and 5 days):
        # penalty 10661.85 x 18% x 33/360 = 175.92 and 10661.85 x 18% x 5/360 = 26.65.
        cls.run_on("2026-03-20")
        cls.penalties = (cls.first.penalty_interest, cls.second.penalty_interest)
        cls.contract.case_ids.sudo().write({"fees_amount": 500.0})
        cls.run_on("2026-03-20")

    def test_fixture_penalty_interest(self):
        self.assertMoney(self.penalties[0], 175.92)
        self.assertMoney(self.penalties[1], 26.65)

    def test_payment_smaller_than_the_costs(self):
        total_before = self.case().total_due
        self.assertMoney(total_before, 2 * 10661.85 + 175.92 + 26.65 + 500)
        recovery = self.recover(300, "2026-03-20")
        self.assertEqual((recovery.amount_costs, recovery.amount_interest, recovery.amount_penalty,
                          recovery.amount_principal, recovery.amount_excess), (300.0, 0.0, 0.0, 0.0, 0.0))
        # Nothing reaches the installments; the costs are booked on the charges invoice, paid.
        self.assertEqual((self.first.state, self.first.residual), ("open", 10661.85))
        self.assertEqual(self.second.residual, 10661.85)
        self.assertEqual(recovery.charge_invoice_id.state, "paid")
        self.assertEqual(recovery.charge_invoice_id.amount_total, 300.0)
        self.assertEqual(recovery.charge_invoice_id.invoice_line_ids.account_id,
                         self.product.costs_account_id)
        case = self.case()
        self.assertEqual((case.recovered_costs, case.costs_outstanding), (300.0, 200.0))
        self.assertMoney(case.total_due, total_before - 300)
        # The daily run keeps the costs recovered off the total.
        self.run_on("2026-03-20")
        self.assertMoney(case.total_due, total_before - 300)

    def test_costs_and_part_of_the_interest(self):
        # 2000: costs 500, then interest 1500 — 1200.00 of the first installment, 300.00 of the second.
        recovery = self.recover(2000, "2026-03-20")
        self.assertEqual((recovery.amount_costs, recovery.amount_interest, recovery.amount_penalty,
                          recovery.amount_principal), (500.0, 1500.0, 0.0, 0.0))
        self.assertEqual((self.first.state, self.first.residual), ("open", 9461.85))
        self.assertEqual((self.second.state, self.second.residual), ("open", 10361.85))
        self.assertEqual(self.third.residual, 10661.85)
        lines = recovery.line_ids.sorted("installment_number")
        self.assertEqual([(l.installment_number, l.amount_interest, l.amount_principal) for l in lines],
                         [(1, 1200.0, 0.0), (2, 300.0, 0.0)])
        # The penalty interest comes after the interest: still owed in full.
        self.assertMoney(self.first.penalty_interest, 175.92)

    def test_everything_covered_with_change_left(self):
        interest = 1200.0 + self.second.interest_amount
        principal = 9461.85 + self.second.principal_amount
        owed = 500 + interest + 175.92 + 26.65 + principal
        # 1,000 more than is due: it pays the installment falling due next (its interest first),
        # and whatever would be beyond that one too stays the payer's credit.
        early_interest = min(1000.0, float(self.third._unpaid_parts()[1]))
        recovery = self.recover(round(owed + 1000, 2), "2026-03-20")
        self.assertMoney(recovery.amount_costs, 500)
        self.assertMoney(recovery.amount_interest, interest + early_interest)
        self.assertMoney(recovery.amount_penalty, 202.57)
        self.assertMoney(recovery.amount_principal, principal + 1000 - early_interest)
        self.assertEqual([(l.installment_number, l.amount_interest) for l in recovery.line_ids.sorted(
            "installment_number")][-1], (3, early_interest))
        self.assertMoney(recovery.amount_excess, 0)
        self.assertEqual((self.first.state, self.second.state, self.third.state), ("paid", "paid", "open"))
        self.assertMoney(self.third.residual, 10661.85 - 1000)
        everything = self.recover(20000, "2026-03-20")
        self.assertMoney(everything.amount_excess, 20000 - (10661.85 - 1000))
        self.assertEqual(self.third.state, "paid")
        self.assertEqual((self.first.penalty_interest, self.first.penalty_recovered), (0.0, 175.92))
        # Penalty and costs on the charges invoice (penalty interest income, recovered costs).
        charge = recovery.charge_invoice_id
        self.assertEqual((charge.state, charge.amount_total), ("paid", 702.57))
        self.assertEqual(charge.partner_id, self.borrower)
        # The change went to the next installment: nothing is left on the first payment; beyond
        # every installment, the second payment's change stays as the payer's credit.
        payment_line = recovery.payment_id.move_line_ids.filtered(lambda l: l.account_id.internal_type == "receivable")
        self.assertMoney(payment_line.amount_residual, 0)
        change = everything.payment_id.move_line_ids.filtered(lambda l: l.account_id.internal_type == "receivable")
        self.assertMoney(change.amount_residual, -everything.amount_excess)
        self.assertEqual(recovery.payment_id.state, "posted")
        # Nothing overdue any more: the next run settles the case.
        case = self.case()
        self.assertEqual((case.recovered_costs, case.recovered_penalty), (500.0, 202.57))
        self.run_on("2026-03-21")
        self.assertEqual(case.stage, "settled")

    def test_contract_order_principal_first(self):
        self.contract.write({"allocation_order": "principal_first"})
        # 10000: costs 500, then principal 9500 — 9461.85 of the first installment, 38.15 of the second.
        recovery = self.recover(10000, "2026-03-20")
        self.assertEqual((recovery.amount_costs, recovery.amount_interest, recovery.amount_principal),
                         (500.0, 0.0, 9500.0))
        self.assertEqual(self.first.residual, 1200.0)
        self.assertMoney(self.second.residual, 10661.85 - 38.15)

    def test_wizard_shows_the_allocation_before_confirming(self):
        action = self.case().sudo(self.finance).action_register_recovery()
        Wizard = self.env[action["res_model"]].sudo(self.finance).with_context(action["context"])
        wizard = Wizard.create({"amount": 2000, "date": "2026-03-20", "source": "debtor",
                                "payer_id": self.borrower.id, "journal_id": self.bank_journal.id})
        self.assertEqual((wizard.due_costs, wizard.amount_costs, wizard.amount_interest, wizard.amount_excess),
                         (500.0, 500.0, 1500.0, 0.0))
        self.assertIn("10361.85", wizard.preview_html)  # the second installment's residual after
        # Nothing is booked until confirmed.
        self.assertFalse(self.case().recovery_ids)
        self.assertEqual(self.first.residual, 10661.85)
        result = wizard.action_confirm()
        recovery = self.env["collection.recovery"].browse(result["res_id"])
        self.assertEqual((recovery.state, recovery.amount_interest), ("posted", 1500.0))
        self.assertEqual(self.case().recovery_count, 1)


class TestSources(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestSources, cls).setUpClass()
        cls.run_on("2026-04-20")  # three installments overdue

    def test_debtor_guarantor_settlement_and_court_land_on_the_installments(self):
        # Debtor 1000: interest of the first installment (1200.00) partly paid.
        debtor = self.recover(1000, "2026-04-20")
        self.assertEqual((self.first.state, self.first.residual), ("open", 9661.85))
        # Guarantor 12000: the interest of all three installments before any principal.
        interest_left = 200.0 + self.second.interest_amount + self.third.interest_amount
        guarantor = self.recover(12000, "2026-04-20", "guarantor", self.guarantor)
        self.assertMoney(guarantor.amount_interest, interest_left)
        self.assertEqual(guarantor.payer_id, self.guarantor)
        self.assertEqual(guarantor.payment_id.partner_id, self.guarantor)
        # ... then the penalty interest (all accrued by 2026-04-20), then principal, oldest first.
        penalty = guarantor.amount_penalty
        self.assertGreater(penalty, 0)
        self.assertMoney(guarantor.amount_principal, 12000 - interest_left - penalty)
        self.assertEqual(self.first.state, "open")
        self.assertMoney(self.first.residual, 9461.85 - guarantor.amount_principal)
        self.assertEqual(self.second.residual, self.second.principal_amount)
        # Settlement paid by the guarantor, then the court pays the rest: all three paid.
        settlement = self.recover(5000, "2026-04-20", "settlement", self.guarantor)
        rest = self.first.residual + self.second.residual + self.third.residual
        court = self.recover(round(rest, 2), "2026-04-20", "court", self.court)
        self.assertEqual((self.first.state, self.second.state, self.third.state), ("paid", "paid", "paid"))
        self.assertEqual(self.contract.invoice_ids.sorted("installment_number")[3].state, "open")
        self.assertEqual(court.amount_excess, 0.0)
        recoveries = self.case().recovery_ids
        self.assertEqual(set(recoveries.mapped("source")), {"debtor", "guarantor", "settlement", "court"})
        self.assertEqual(set(recoveries.mapped("state")), {"posted"})
        self.assertMoney(sum(recoveries.mapped("amount")), 1000 + 12000 + 5000 + rest)
        self.assertTrue(debtor.payment_id and settlement.payment_id and court.payment_id)

    def test_court_recovery_carries_the_court_case_number(self):
        self.case().sudo().write({"legal_case_ref": "(2026)浙0106执1234号"})
        recovery = self.recover(500, "2026-04-20", "court", self.court)
        self.assertEqual(recovery.legal_case_ref, "(2026)浙0106执1234号")
        self.assertEqual(recovery.legal_stage, "none")


class TestRefused(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestRefused, cls).setUpClass()
        cls.run_on("2026-03-20")

    def assertNothingWritten(self, call):
        payments = self.env["account.payment"].search_count([])
        recoveries = self.env["collection.recovery"].search_count([])
        with self.assertRaises((ValidationError, AccessError)) as caught:
            call()
        self.assertEqual(self.env["account.payment"].search_count([]), payments)
        self.assertEqual(self.env["collection.recovery"].search_count([]), recoveries)
        self.assertEqual(self.first.residual, 10661.85)
        return caught.exception

    def test_bad_input_refused_with_nothing_written(self):
        error = self.assertNothingWritten(lambda: self.recover(0, "2026-03-20"))
        self.assertIn("greater than zero", error.name)
        self.assertNothingWritten(lambda: self.recover(-100, "2026-03-20"))
        with china_time("2026-03-20 15:00"):
            error = self.assertNothingWritten(lambda: self.recover(100, "2026-03-21"))
        self.assertIn("future", error.name)
        error = self.assertNothingWritten(lambda: self.recover(100, "2026-03-20", "guarantor", self.stranger))
        self.assertIn("not a guarantor", error.name)
        self.assertNothingWritten(lambda: self.recover(100, "2026-03-20", "debtor", self.guarantor))
        self.assertNothingWritten(lambda: self.recover(100, "2026-03-20", "settlement", self.stranger))

    def test_only_finance_registers(self):
        self.assertNothingWritten(lambda: self.recover(100, "2026-03-20", user=self.office))
        self.assertNothingWritten(lambda: self.recover(100, "2026-03-20", user=self.manager))
        with self.assertRaises(AccessError):
            self.case().sudo(self.office).action_register_recovery()

    def test_collectors_read_the_recoveries_of_their_own_cases_only(self):
        recovery = self.recover(100, "2026-03-20")
        self.assertEqual(recovery.sudo(self.office).read(["amount"])[0]["amount"], 100.0)
        self.assertEqual(recovery.sudo(self.field).read(["amount"])[0]["amount"], 100.0)
        with self.assertRaises(AccessError):
            recovery.sudo(self.office2).read(["amount"])
        self.assertFalse(self.env["collection.recovery"].sudo(self.office2).search([("id", "=", recovery.id)]))
        with self.assertRaises(AccessError):
            recovery.sudo(self.office).write({"amount": 1})
