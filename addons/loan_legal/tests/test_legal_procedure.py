"""Issue 12 (5, 7, 10) on the legal case: the small-claims procedure (trial period, final judgment,
halved fee), the suit to file after a pre-suit preservation, and the fees of the second instance,
a payment order and the realisation of a security interest."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import LegalTestCase


class TestSmallClaims(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestSmallClaims, cls).setUpClass()
        cls.contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10")

    def test_trial_period_and_no_appeal_window(self):
        case = self.file(self.make_legal_case(self.contract, procedure="small_claims"), "2025-06-02")
        # 民诉法 (2023) 第168条: 2 months from docketing: Sat 2025-08-02 -> Mon 2025-08-04.
        trial = self.deadline(case, "trial_end")
        self.assertEqual((trial.date, trial.source_date), ("2025-08-04", "2025-06-02"))
        case.trial_extended = True  # + 1 month: Tue 2025-09-02
        self.assertEqual(self.deadline(case, "trial_end").date, "2025-09-02")
        # 第165条: 一审终审 -- a served small-claims judgment opens no appeal window.
        case.write({"judgment_date": "2025-07-20", "judgment_served_date": "2025-07-22"})
        case.action_judgment()
        self.assertFalse(self.deadline(case, "appeal_end"))
        self.assertEqual(self.deadline(case, "trial_end").state, "done")

    def test_switching_to_small_claims_removes_the_appeal_window(self):
        case = self.file(self.make_legal_case(self.contract), "2025-06-02")
        case.write({"judgment_date": "2025-10-20", "judgment_served_date": "2025-11-03"})
        self.assertEqual(self.deadline(case, "appeal_end").date, "2025-11-18")
        case.procedure = "small_claims"
        self.assertFalse(self.deadline(case, "appeal_end"))
        case.procedure = "simple"
        self.assertEqual(self.deadline(case, "appeal_end").date, "2025-11-18")

    def test_small_claims_judgment_cannot_be_appealed(self):
        case = self.file(self.make_legal_case(self.contract, procedure="small_claims"), "2025-06-02")
        case.write({"judgment_date": "2025-07-20", "judgment_served_date": "2025-07-22"})
        case.action_judgment()
        with self.assertRaisesRegex(ValidationError, "final at first instance"):
            case.action_appeal()
        self.assertEqual(case.stage, "judgment")
        with self.assertRaisesRegex(ValidationError, "cannot be appealed"):
            case.appeal_date = "2025-07-30"
        # An ordinary case with an appeal cannot be turned into a small claim either.
        other = self.file(self.make_legal_case(self.make_contract(disbursed="2022-03-10", maturity="2023-03-10")),
                          "2025-06-02")
        other.write({"judgment_date": "2025-07-20", "judgment_served_date": "2025-07-22",
                     "appeal_date": "2025-07-30"})
        with self.assertRaisesRegex(ValidationError, "small-claims procedure"):
            other.procedure = "small_claims"

    def test_small_claims_judgment_effective_once_served(self):
        # 民诉法 第158条 with 第165条: no appeal, so effective on service (filled in on the form).
        form = self.LegalCase.new({"procedure": "small_claims", "judgment_served_date": "2025-07-22"})
        form._onchange_small_claims_effective()
        self.assertEqual(form.effective_date, "2025-07-22")
        form = self.LegalCase.new({"procedure": "ordinary", "judgment_served_date": "2025-07-22"})
        form._onchange_small_claims_effective()
        self.assertFalse(form.effective_date)

    def test_acceptance_fee_halved(self):
        case = self.make_legal_case(self.contract)  # claims 350,000
        self.assertEqual(case.acceptance_fee, 6550.0)  # 诉讼费用交纳办法 第十三条
        case.procedure = "small_claims"  # 第十六条: halved, as a simple procedure
        self.assertEqual(case.acceptance_fee, 3275.0)


class TestPreSuitPreservation(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestPreSuitPreservation, cls).setUpClass()
        cls.case = cls.make_legal_case(cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10"))

    def test_file_the_suit_within_30_days(self):
        self.case.write({"preservation_status": "pre_suit", "pre_suit_preservation_date": "2025-05-06"})
        deadline = self.deadline(self.case, "pre_suit_filing")
        # 民诉法 第104条: 30 days after the measure, Thu 2025-06-05.
        self.assertEqual((deadline.date, deadline.source_date), ("2025-06-05", "2025-05-06"))
        self.assertIn("pre-suit preservation", deadline.name)
        # Sun 2025-06-01 falls in the Dragon Boat holidays (31 May - 2 June 2025): the next working
        # day is Tue 2025-06-03 (民诉法 第85条).
        self.case.pre_suit_preservation_date = "2025-05-02"
        self.assertEqual(self.deadline(self.case, "pre_suit_filing"), deadline)
        self.assertEqual(deadline.date, "2025-06-03")
        self.file(self.case, "2025-06-02")
        self.assertEqual(deadline.state, "done")
        self.case.write({"preservation_status": "none", "pre_suit_preservation_date": False})
        self.assertFalse(self.deadline(self.case, "pre_suit_filing"))

    def test_preservation_after_filing_is_not_pre_suit(self):
        self.file(self.case, "2025-06-02")
        with self.assertRaisesRegex(ValidationError, "is not pre-suit"):
            self.case.write({"preservation_status": "pre_suit", "pre_suit_preservation_date": "2025-06-10"})

    def test_pre_suit_preservation_dated_and_not_in_the_future(self):
        # Security review: a pre-suit status without its day, a day without the status, and a day to come
        # were all accepted (the 30-day deadline then counted from nothing, or from the future).
        case = self.case.sudo(self.lawyer)
        with self.assertRaisesRegex(ValidationError, "Pre-suit Preservation Taken On is empty"), \
                self.env.cr.savepoint():
            case.write({"preservation_status": "pre_suit"})
        with self.assertRaisesRegex(ValidationError, "set both, or neither"), self.env.cr.savepoint():
            case.write({"pre_suit_preservation_date": "2025-05-06"})
        with self.assertRaisesRegex(ValidationError, "a day still to come"), self.env.cr.savepoint():
            case.write({"preservation_status": "pre_suit", "pre_suit_preservation_date": "2099-01-04"})
        self.case.invalidate_cache()
        self.assertEqual((self.case.preservation_status, self.case.pre_suit_preservation_date), ("none", False))
        case.write({"preservation_status": "pre_suit", "pre_suit_preservation_date": "2025-05-06"})
        self.assertEqual(self.deadline(self.case, "pre_suit_filing").date, "2025-06-05")

    def test_only_the_legal_team_sees_it(self):
        self.case.write({"preservation_status": "pre_suit", "pre_suit_preservation_date": "2025-05-06"})
        with self.assertRaises(AccessError):
            self.case.sudo(self.office).read(["pre_suit_preservation_date"])
        with self.assertRaises(AccessError):
            self.case.sudo(self.office).write({"pre_suit_preservation_date": "2025-05-07"})


class TestOtherFees(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestOtherFees, cls).setUpClass()
        cls.contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        cls.case = cls.make_legal_case(cls.contract)  # claims 350,000

    def test_second_instance_fee_on_the_amount_appealed(self):
        self.assertEqual((self.case.appeal_fee, self.case.court_fee_total), (0.0, 6550.0 + 5150.0))
        # An appeal is against a judgment: none yet, no amount appealed (民诉法 第171条).
        with self.assertRaisesRegex(ValidationError, "needs the first-instance judgment"), self.env.cr.savepoint():
            self.case.sudo(self.lawyer).write({"appeal_amount": 150000.0})
        self.case.invalidate_cache()
        self.assertEqual(self.case.appeal_amount, 0.0)
        self.case.judgment_date = "2023-09-01"
        # 诉讼费用交纳办法 第十七条: the first-instance schedule on the 150,000 appealed.
        self.case.appeal_amount = 150000.0
        self.assertEqual(self.case.appeal_fee, 3300.0)
        self.assertEqual(self.case.court_fee_total, 6550.0 + 5150.0 + 3300.0)
        self.case.action_book_court_fees()
        appeal = self.case.cost_ids.filtered(lambda c: c.cost_type == "appeal")
        self.assertEqual((appeal.amount, appeal.recoverable), (3300.0, True))
        self.assertIn("第十七条", appeal.name)
        with self.assertRaises(AccessError):
            self.case.write({"appeal_fee": 1.0})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.case.appeal_amount = -1.0

    def test_payment_order_and_security_realisation_estimates(self):
        # 第十四条(三): a payment order costs 1/3 of the acceptance fee: 6,550 / 3.
        self.assertEqual(self.case.payment_order_fee, 2183.33)
        # No mortgage or pledge on the contract: no security interest to realise.
        self.assertEqual(self.case.security_realisation_fee, 0.0)
        self.contract.guarantee_ids[0].guarantee_type = "mortgage"
        self.case.invalidate_cache()
        # Estimated at the property-case acceptance fee on the claim (no fee in the schedule).
        self.assertEqual(self.case.security_realisation_fee, 6550.0)
        # Alternatives to the suit: not in the total of the suit's fees.
        self.assertEqual(self.case.court_fee_total, 6550.0 + 5150.0)

