"""Court deadlines: each rule computed on the case with the right date, kept in step with its
source date (never duplicated), reminders as activities for the lawyer, and the daily run."""
import datetime

from odoo import fields

from odoo.addons.loan_collection.models.res_company import business_today
from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase


def days_from_today(record, days):
    today = fields.Date.from_string(business_today(record))
    return fields.Date.to_string(today + datetime.timedelta(days=days))


class TestDeadlineRules(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestDeadlineRules, cls).setUpClass()
        # Installments monthly from 2022-04-10 to 2023-03-10: all overdue.
        cls.contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10", guarantor_role="guarantor")
        cls.case = cls.make_legal_case(cls.contract)

    def installment(self, number):
        return self.contract.invoice_ids.filtered(lambda i: i.installment_number == number)

    def test_limitation_restarted_by_a_partial_payment(self):
        self.assertEqual(self.installment(1).date_due, "2022-04-10")
        limitation = self.deadline(self.case, "limitation")
        # 民法典 第188条, 第189条: 3 years from the last installment's due date (2023-03-10).
        self.assertEqual((limitation.date, limitation.source_date), ("2026-03-10", "2023-03-10"))
        self.assertEqual(limitation.state, "expired")
        # 第195条: a partial payment (of another installment) is the debtor's agreement to perform.
        self.installment(3).pay_and_reconcile(self.bank_journal, pay_amount=1000.0, date="2024-05-20")
        with china_time("2026-12-01 10:00"):
            self.case.action_sync_deadlines()
        again = self.deadline(self.case, "limitation")
        self.assertEqual(again, limitation)  # the same row, moved
        self.assertEqual((again.date, again.source_date), ("2027-05-20", "2024-05-20"))
        self.assertEqual(again.state, "open")
        # A payment after the period ran out does not revive it (民法典 第192条).
        self.installment(4).pay_and_reconcile(self.bank_journal, pay_amount=500.0, date="2027-06-01")
        self.case.action_sync_deadlines()
        self.assertEqual(self.deadline(self.case, "limitation").date, "2027-05-20")
        # Filing the claim interrupts the limitation: the deadline is done.
        self.file(self.case, "2025-06-02")
        self.assertEqual(self.deadline(self.case, "limitation").state, "done")

    def test_limitation_runs_from_the_last_installment(self):
        self.installment(1).pay_and_reconcile(self.bank_journal, date="2022-04-10")
        self.installment(2).pay_and_reconcile(self.bank_journal, date="2022-05-10")
        self.case.action_sync_deadlines()
        limitation = self.deadline(self.case, "limitation")
        # 民法典 第189条: an instalment debt's limitation runs from the last installment's due date
        # (2023-03-10), not from the oldest unpaid one; the payments came before it.
        self.assertEqual((limitation.date, limitation.source_date), ("2026-03-10", "2023-03-10"))

    def test_trial_period_from_filing(self):
        case = self.file(self.case, "2025-06-02")
        trial = self.deadline(case, "trial_end")
        # 民诉法 第152条: ordinary procedure, 6 months.
        self.assertEqual((trial.date, trial.source_date), ("2025-12-02", "2025-06-02"))
        case.procedure = "simple"  # 第164条: 3 months
        self.assertEqual(self.deadline(case, "trial_end").date, "2025-09-02")
        case.write({"procedure": "ordinary", "trial_extended": True})  # 6 + 6 months
        self.assertEqual(self.deadline(case, "trial_end").date, "2026-06-02")
        self.assertEqual(self.deadline(case, "trial_end"), trial)
        case.judgment_date = "2025-10-20"
        self.assertEqual(trial.state, "done")

    def test_appeal_window_from_service(self):
        case = self.file(self.case, "2025-06-02")
        case.write({"judgment_date": "2025-10-20", "judgment_served_date": "2025-11-03"})
        appeal = self.deadline(case, "appeal_end")
        # 民诉法 第171条: 15 days after service of a judgment ...
        self.assertEqual((appeal.date, appeal.source_date), ("2025-11-18", "2025-11-03"))
        case.judgment_kind = "ruling"  # ... 10 days for a ruling
        self.assertEqual(self.deadline(case, "appeal_end").date, "2025-11-13")
        case.appeal_date = "2025-11-12"
        self.assertEqual(appeal.state, "done")

    def test_performance_and_enforcement_application(self):
        case = self.file(self.case, "2025-06-02")
        case.write({"judgment_date": "2025-10-20", "judgment_served_date": "2025-11-03",
                    "effective_date": "2025-11-19", "performance_days": 10})
        # 10 days from 2025-11-19 is Saturday 2025-11-29: rolled to Monday (民诉法 第85条).
        self.assertEqual(case.performance_deadline, "2025-12-01")
        performance = self.deadline(case, "performance")
        self.assertEqual((performance.date, performance.source_date), ("2025-12-01", "2025-11-19"))
        enforcement = self.deadline(case, "enforcement_application")
        # 民诉法 第250条: 2 years from the last day of the performance period.
        self.assertEqual((enforcement.date, enforcement.source_date), ("2027-12-01", "2025-12-01"))
        # The source date moves: the same rows move with it.
        case.effective_date = "2025-11-24"  # + 10 days = Thursday 2025-12-04
        self.assertEqual(self.deadline(case, "performance").date, "2025-12-04")
        self.assertEqual(self.deadline(case, "enforcement_application").date, "2027-12-06")  # 2027-12-04 is a Saturday
        self.assertEqual(self.deadline(case, "enforcement_application"), enforcement)
        case.enforcement_date = "2025-12-10"
        self.assertEqual(enforcement.state, "done")
        # Removing the source removes the deadline.
        case.write({"enforcement_date": False, "effective_date": False})
        self.assertFalse(self.deadline(case, "performance"))
        self.assertFalse(self.deadline(case, "enforcement_application"))

    def test_frozen_asset_gives_expiry_and_renew_by(self):
        asset = self.env["legal.asset"].sudo(self.lawyer).create({
            "case_id": self.case.id, "partner_id": self.borrower.id, "asset_type": "real_estate",
            "name": "浙(2021)杭州市不动产权第0123456号", "estimated_value": 1200000.0,
            "freeze_order_number": "（2025）浙0106财保12号", "freeze_date": "2025-07-01"})
        asset.action_freeze()
        # Real estate: 3 years (民诉法解释 第485条); not rolled, it simply lapses.
        self.assertEqual(asset.freeze_expiry, "2028-07-01")
        expiry = self.deadline(self.case, "preservation_expiry", asset=asset)
        self.assertEqual((expiry.date, expiry.source_date), ("2028-07-01", "2025-07-01"))
        # 财产保全规定 第18条: 7 days before is Saturday 2028-06-24, rolled back to Friday.
        renew = self.deadline(self.case, "preservation_renew_by", asset=asset)
        self.assertEqual((renew.date, renew.source_date), ("2028-06-23", "2028-07-01"))
        # The court's own date prevails; the rows move, no duplicate.
        asset.freeze_expiry = "2028-06-30"
        self.assertEqual(self.deadline(self.case, "preservation_expiry", asset=asset).date, "2028-06-30")
        self.assertEqual(self.deadline(self.case, "preservation_renew_by", asset=asset).date, "2028-06-23")
        self.assertEqual(len(self.case.deadline_ids.filtered(lambda d: d.asset_id == asset)), 2)
        # A bank deposit frozen the same day: 1 year.
        deposit = self.env["legal.asset"].sudo(self.lawyer).create({
            "case_id": self.case.id, "partner_id": self.guarantor.id, "asset_type": "bank_deposit",
            "name": "中国工商银行杭州分行 6222 0212 3456 7890", "estimated_value": 86000.0,
            "freeze_order_number": "（2025）浙0106财保13号", "freeze_date": "2025-07-01"})
        deposit.action_freeze()
        self.assertEqual(self.deadline(self.case, "preservation_expiry", asset=deposit).date, "2026-07-01")
        self.assertEqual(self.deadline(self.case, "preservation_renew_by", asset=deposit).date, "2026-06-24")
        # Deleting the asset removes its deadlines.
        deposit.sudo(self.legal_manager).unlink()
        self.assertFalse(self.case.deadline_ids.filtered(lambda d: d.kind.startswith("preservation")
                                                        and d.asset_id != asset))

    def test_listing_end(self):
        listing = self.env["legal.restriction"].sudo(self.lawyer).create({
            "case_id": self.case.id, "kind": "dishonest", "debtor_id": self.borrower.id,
            "partner_id": self.borrower.id, "ground": "asset_report", "application_date": "2025-12-01",
            "order_number": "（2025）浙0106执890号之一", "effective_date": "2025-12-10"})
        # 失信名单规定 第二条: 2 years for the grounds of 第一条第二项至第六项.
        self.assertEqual(listing.end_date, "2027-12-10")
        end = self.deadline(self.case, "restriction_end", restriction=listing)
        self.assertEqual((end.date, end.source_date), ("2027-12-10", "2025-12-10"))
        listing.write({"listing_years": 3, "listing_aggravation": "several_acts"})  # extended
        self.assertEqual(self.deadline(self.case, "restriction_end", restriction=listing).date, "2028-12-10")
        # 第一条第一项 (able to perform but refuses): no fixed term, so no end and no deadline.
        listing.ground = "able_refuses"
        self.assertFalse(listing.end_date)
        self.assertFalse(self.deadline(self.case, "restriction_end", restriction=listing))
        # A date the court states still counts.
        listing.end_date = "2027-06-30"
        self.assertEqual(self.deadline(self.case, "restriction_end", restriction=listing).date, "2027-06-30")

    def test_sync_twice_changes_nothing(self):
        case = self.file(self.case, "2025-06-02")
        before = case.deadline_ids.read(["key", "date", "state", "write_date"])
        case.action_sync_deadlines()
        case.write({"filing_date": "2025-06-02"})
        self.env.cache.invalidate()
        self.assertEqual(case.deadline_ids.read(["key", "date", "state", "write_date"]), before)
        self.assertEqual(len(set(case.deadline_ids.mapped("key"))), len(case.deadline_ids))


class TestReminders(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestReminders, cls).setUpClass()
        # No contract: no limitation deadline to remind of, only the dates set below.
        cls.case = cls.LegalCase.sudo(cls.lawyer).create({
            "partner_id": cls.borrower.id, "court_id": cls.court.id, "claim_principal": 86000.0})
        cls.activity_type = cls.env.ref("loan_legal.mail_activity_type_legal_deadline")

    def setUp(self):
        super(TestReminders, self).setUp()
        # A fixed day: deadlines now move over public holidays, so "5 days from now" must not
        # depend on the day the suite runs (Wed 2025-11-12: + 5 days is Mon 11-17, no holiday).
        clock = china_time("2025-11-12 10:00")
        clock.__enter__()
        self.addCleanup(clock.__exit__, None, None, None)

    def test_activity_for_the_lawyer_before_the_deadline(self):
        # The performance deadline 5 days from now (at most 2 more after a weekend): within 7 days.
        self.case.write({"effective_date": days_from_today(self.case, -5), "performance_days": 10})
        performance = self.deadline(self.case, "performance")
        self.assertEqual(performance.state, "open")
        self.assertFalse(performance.activity_id)  # no lawyer yet
        self.case.lawyer_id = self.lawyer
        activity = performance.activity_id
        self.assertEqual((activity.user_id, activity.activity_type_id, activity.date_deadline),
                         (self.lawyer, self.activity_type, performance.date))
        self.assertEqual(activity.res_id, self.case.id)
        self.assertEqual(performance.reminder_date, fields.Date.to_string(
            fields.Date.from_string(performance.date) - datetime.timedelta(days=7)))
        # The enforcement deadline two years out gets no reminder yet.
        self.assertFalse(self.deadline(self.case, "enforcement_application").activity_id)
        # Another lawyer: the activity follows.
        self.case.lawyer_id = self.lawyer2
        self.assertEqual(performance.activity_id.user_id, self.lawyer2)
        # Marking the activity done in the chatter marks the deadline done.
        performance.activity_id.sudo(self.lawyer2).action_feedback()
        self.assertEqual(performance.state, "done")
        self.assertFalse(performance.activity_id)
        self.assertEqual(len(self.case.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)), 0)

    def test_marking_the_deadline_done_closes_the_reminder(self):
        self.case.write({"lawyer_id": self.lawyer.id, "effective_date": days_from_today(self.case, -5),
                         "performance_days": 10})
        performance = self.deadline(self.case, "performance")
        activity = performance.activity_id
        self.assertTrue(activity)
        performance.sudo(self.lawyer).action_done()
        self.assertEqual(performance.state, "done")
        self.assertFalse(activity.exists())
        performance.sudo(self.lawyer).action_reopen()
        self.assertEqual(performance.state, "open")
        self.assertTrue(performance.activity_id)

    def test_reminder_days_are_a_setting(self):
        self.case.write({"lawyer_id": self.lawyer.id, "effective_date": days_from_today(self.case, -5),
                         "performance_days": 10})
        performance = self.deadline(self.case, "performance")
        self.assertTrue(performance.activity_id)
        settings = self.env["res.config.settings"].create({"legal_deadline_reminder_days": 0})
        self.assertEqual(settings.legal_deadline_reminder_days, 0)
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("loan_legal.deadline_reminder_days"), "0")
        self.assertEqual(performance.reminder_date, performance.date)
        self.assertFalse(performance.activity_id)  # the deadline is still days away
        self.assertEqual(self.env["res.config.settings"].create({}).legal_deadline_reminder_days, 0)

    def test_daily_run_expires_and_reminds(self):
        case = self.file(self.case, "2025-06-02")
        case.lawyer_id = self.lawyer
        Deadline = self.env["legal.deadline"]
        Deadline._cron_daily(today="2025-11-01")
        trial = self.deadline(case, "trial_end")  # 2025-12-02, reminder 2025-11-25
        self.assertEqual((trial.state, trial.reminder_date), ("open", "2025-11-25"))
        self.assertFalse(trial.activity_id)
        Deadline._cron_daily(today="2025-11-25")
        self.assertEqual(trial.activity_id.user_id, self.lawyer)
        Deadline._cron_daily(today="2025-12-03")
        self.assertEqual(trial.state, "expired")
        self.assertTrue(trial.activity_id)  # still in the lawyer's list, overdue
        self.assertEqual(len(case.deadline_ids.filtered(lambda d: d.kind == "trial_end")), 1)
