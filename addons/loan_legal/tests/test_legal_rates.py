"""The rate warning on the legal case's claim (issue 12 item 8): the contract's charges against the
cap that binds the lender, a private loan formed before 2020-08-20 against 4 x the LPR at filing
(民间借贷规定 法释〔2020〕17号 第31条), a licensed lender against 24 % (九民纪要 第51条)."""
from .common import LegalTestCase


class TestClaimRates(LegalTestCase):

    def contract(self, product, rate, signed):
        return self.env["loan.contract"].create({
            "partner_id": self.borrower.id, "product_id": product.id, "principal": 300000,
            "date_signed": signed, "date_disbursed": signed, "date_maturity": "2023-03-10",
            "annual_rate": rate, "overdue_rate": rate})

    def test_private_loan_of_2019_capped_at_four_times_the_lpr_at_filing(self):
        private = self.env["loan.product"].create({"name": "民间借贷", "code": "TMJ", "lender_type": "private"})
        contract = self.contract(private, 20.0, "2019-10-08")
        self.assertFalse(contract.rate_warning)   # 24 % when formed
        case = self.make_legal_case(contract, filing_date="2024-11-05")
        self.assertEqual(case.rate_supported, 12.4)   # 4 x 3.10 of 2024-10-21
        self.assertIn("private-lending cap of 12.40% a year", case.rate_warning)

    def test_licensed_lender_above_24_percent_flagged_on_the_claim(self):
        case = self.make_legal_case(self.contract(self.product, 36.0, "2022-03-10"))
        self.assertEqual(case.rate_supported, 24.0)
        self.assertIn("would likely support 24.00% a year", case.rate_warning)
        self.assertFalse(self.make_legal_case(self.contract(self.product, 12.0, "2022-03-10")).rate_warning)
