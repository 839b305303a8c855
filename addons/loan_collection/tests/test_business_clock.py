""""Today" is the company's calendar day in China and the conduct rules run on the debtor's clock,
pinned around midnight in China (23:59 and 00:01 Shanghai are 15:59 and 16:01 UTC, when the UTC
date is still the day before), whatever time zone the caller's context or preferences carry."""
import datetime

from odoo.exceptions import AccessError, ValidationError

from ..services import clock
from .common import LoanCase, china_time


class TestClockService(LoanCase):

    def test_china_day_starts_at_16_utc(self):
        late = datetime.datetime(2026, 3, 20, 15, 59)
        early = datetime.datetime(2026, 3, 20, 16, 1)
        self.assertEqual(clock.local_today("Asia/Shanghai", late), datetime.date(2026, 3, 20))
        self.assertEqual(clock.local_today("Asia/Shanghai", early), datetime.date(2026, 3, 21))
        self.assertEqual(clock.day_bounds_utc(datetime.date(2026, 3, 21), "Asia/Shanghai"),
                         (datetime.datetime(2026, 3, 20, 16, 0), datetime.datetime(2026, 3, 21, 16, 0)))
        with china_time("2026-03-21 00:01"):
            self.assertEqual(clock.utcnow(), early)
        # An unknown or empty zone is China's, not UTC.
        self.assertEqual(clock.local_today("", early), datetime.date(2026, 3, 21))
        self.assertEqual(clock.local_today("Nowhere/Atlantis", early), datetime.date(2026, 3, 21))


class ClockCase(LoanCase):
    """A collector and a manager who set their own preferences to London time."""

    @classmethod
    def setUpClass(cls):
        super(ClockCase, cls).setUpClass()
        (cls.office | cls.manager | cls.finance).write({"tz": "Europe/London"})
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.run_on("2026-03-20")
        cls.case = cls.contract.case_ids

    @staticmethod
    def as_caller(records, user, tz):
        """``records`` as ``user`` calling over RPC with ``tz`` in the context."""
        return records.sudo(user).with_context(tz=tz)


class TestDailyRunDate(ClockCase):

    def test_run_without_a_date_runs_for_china_today(self):
        for tz in ("UTC", "Europe/London", "America/New_York"):
            Case = self.as_caller(self.env["collection.case"], self.manager, tz)
            with china_time("2026-03-20 23:59"):
                self.assertEqual(Case.run_daily().date, "2026-03-20")
            with china_time("2026-03-21 00:01"):
                run = Case.run_daily()
            self.assertEqual(run.date, "2026-03-21")
        # The second installment (due 2026-03-15) is 6 days overdue on China's 21 March.
        second = self.contract.invoice_ids.sorted("installment_number")[1]
        self.assertEqual((second.date_due, second.days_overdue), ("2026-03-15", 6))

    def test_cron_runs_for_china_today(self):
        # The cron fires at 06:00 China time, 22:00 UTC of the day before.
        with china_time("2026-03-22 06:00"):
            self.env["collection.case"]._cron_run_daily()
        self.assertEqual(self.env["collection.run"].search([], limit=1).date, "2026-03-22")


class TestQuietHoursOnTheDebtorsClock(ClockCase):

    def log(self, user, tz, **values):
        vals = {"case_id": self.case.id, "channel": "phone", "party": "debtor",
                "contact_point_id": self.phone.id, "connected": True, "outcome": "rpc"}
        vals.update(values)
        return self.as_caller(self.env["collection.contact.log"], user, tz).create(vals)

    def test_call_at_23_30_china_refused_whatever_the_callers_time_zone(self):
        for tz in ("Asia/Shanghai", "UTC", "Europe/London", False):
            with china_time("2026-03-20 23:30"):
                with self.assertRaisesRegex(ValidationError, "22:00 and 08:00") as refusal:
                    self.log(self.office, tz)
            self.assertIn("allowed again from 2026-03-21 08:00", str(refusal.exception))
            # The same moment given explicitly (stored in UTC).
            with china_time("2026-03-21 10:00"):
                with self.assertRaisesRegex(ValidationError, "22:00 and 08:00"):
                    self.log(self.office, tz, date="2026-03-20 15:30:00")
        self.assertFalse(self.env["collection.contact.log"].search([("case_id", "=", self.case.id)]))

    def test_just_after_midnight_in_china_is_quiet_too(self):
        with china_time("2026-03-21 00:01"):
            with self.assertRaisesRegex(ValidationError, "allowed again from 2026-03-21 08:00"):
                self.log(self.office, "UTC")
        with china_time("2026-03-21 08:01"):
            self.assertEqual(self.log(self.office, "UTC").partner_id, self.borrower)

    def test_daily_limit_counts_the_debtors_day_not_the_utc_day(self):
        self.borrower.night_contact_consent = True
        # 21:00-21:02 China on the 20th and 00:05 China on the 21st are all 20 March in UTC.
        for minute in range(3):
            with china_time("2026-03-20 21:%02d" % minute):
                self.log(self.office, "UTC")
        with china_time("2026-03-20 23:59"):
            with self.assertRaisesRegex(ValidationError, "at most 3 connected calls"):
                self.log(self.office, "UTC")
        with china_time("2026-03-21 00:05"):
            self.assertTrue(self.log(self.office, "UTC"))

    def test_debtor_abroad_judged_on_his_own_clock(self):
        self.borrower.collection_tz = "Europe/London"
        # 15:00 in China is 07:00 in London (March, before summer time): quiet there.
        with china_time("2026-03-20 15:00"):
            with self.assertRaisesRegex(ValidationError, "22:00 and 08:00"):
                self.log(self.office, "Asia/Shanghai")
        with china_time("2026-03-20 17:00"):
            self.assertTrue(self.log(self.office, "Asia/Shanghai"))

    def test_only_a_manager_sets_the_debtors_clock_or_night_consent(self):
        # Users allowed to edit contacts (Contact Creation), one of them a collection manager.
        editor = self.make_user("t_editor", "loan_collection.group_collector_office", "base.group_partner_manager")
        manager = self.make_user("t_editor_manager", "loan_collection.group_collection_manager",
                                 "base.group_partner_manager")
        for vals in ({"collection_tz": "Pacific/Honolulu"}, {"night_contact_consent": True},
                     {"is_blacklisted": False}):
            with self.assertRaisesRegex(AccessError, "Only a collection manager"):
                self.borrower.sudo(editor).write(vals)
            with self.assertRaisesRegex(AccessError, "Only a collection manager"):
                self.env["res.partner"].sudo(editor).create(dict(vals, name="新债务人"))
        self.assertFalse(self.borrower.collection_tz)
        self.assertFalse(self.borrower.night_contact_consent)
        # Withdrawing a consent protects the debtor: anyone who may edit the contact may record it.
        self.borrower.night_contact_consent = True
        self.borrower.sudo(editor).write({"night_contact_consent": False})
        self.assertFalse(self.borrower.night_contact_consent)
        self.borrower.sudo(manager).write({"collection_tz": "Europe/London"})
        self.assertEqual(self.borrower.collection_tz, "Europe/London")

    def test_contact_in_the_future_refused(self):
        with china_time("2026-03-21 10:00"):
            with self.assertRaisesRegex(ValidationError, "in the future"):
                self.log(self.office, "UTC", date="2026-03-21 06:00:00")  # 14:00 China
            # The default time is now.
            log = self.log(self.office, "UTC")
        self.assertEqual(log.date, "2026-03-21 02:00:00")

    def test_today_filter_is_chinas_day(self):
        with china_time("2026-03-20 23:50"):
            self.borrower.night_contact_consent = True
            log = self.log(self.office, "UTC")
        Log = self.as_caller(self.env["collection.contact.log"], self.office, "UTC")
        with china_time("2026-03-20 23:55"):
            self.assertEqual(Log.search([("is_today", "=", True)]), log)
        with china_time("2026-03-21 00:01"):
            # Still 20 March in UTC, already the next day in China.
            self.assertFalse(Log.search([("is_today", "=", True)]))
            self.assertEqual(Log.search([("is_today", "=", False), ("case_id", "=", self.case.id)]), log)

    def test_worklist_due_filter_is_chinas_day(self):
        Task = self.as_caller(self.env["collection.task"], self.office, "UTC")
        with china_time("2026-03-21 00:01"):
            self.run_on("2026-03-21")
            due = Task.search([("is_due", "=", True), ("case_id", "=", self.case.id)])
        self.assertIn("2026-03-21", due.mapped("task_date"))
        with china_time("2026-03-20 23:59"):
            self.assertNotIn("2026-03-21", Task.search([("is_due", "=", True)]).mapped("task_date"))


class TestRecoveryDateOnChinasCalendar(ClockCase):

    def recover(self, date):
        Recovery = self.as_caller(self.env["collection.recovery"], self.finance, "UTC")
        return Recovery._register_recovery(self.case.sudo(self.finance), "debtor", self.borrower, 100, date,
                                           self.bank_journal)

    def test_money_received_on_chinas_today_accepted_and_tomorrow_refused(self):
        with china_time("2026-03-20 23:59"):
            with self.assertRaisesRegex(ValidationError, "in the future"):
                self.recover("2026-03-21")
        with china_time("2026-03-21 00:01"):
            # 16:01 UTC on the 20th: the UTC date would call the 21st the future.
            recovery = self.recover("2026-03-21")
        self.assertEqual((recovery.date, recovery.amount), ("2026-03-21", 100.0))
