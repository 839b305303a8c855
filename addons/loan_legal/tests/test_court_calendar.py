"""The court calendar (issue 12, item 1): deadlines counted on China's statutory calendar (public
holidays and make-up working days, 2024-2026 real dates), the days a legal manager records on top
of it, the warning for a year not yet published, and the descriptions in the reader's language
(item 11)."""
import datetime
import json
from unittest import mock

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.loan_collection.tests.common import china_time

from ..services import deadlines
from .common import LegalTestCase

NOW = "2026-12-01 10:00"


def _day(text):
    return fields.Date.from_string(text)


class TestCourtCalendar(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestCourtCalendar, cls).setUpClass()
        cls.case = cls.make_legal_case()
        cls.Holiday = cls.env["legal.court.holiday"]

    def serve_judgment(self, served, case=None):
        case = case or self.case
        the_next_day = _day(served) + datetime.timedelta(days=1)
        with china_time("%s 10:00" % max(fields.Date.to_string(the_next_day), NOW[:10])):
            if not case.filing_date:
                self.file(case, "2023-06-01")
            case.write({"judgment_date": served, "judgment_served_date": served})
        return self.deadline(case, "appeal_end")

    def record(self, date, kind="holiday", name="法院公告闭庭日"):
        with china_time(NOW):
            return self.Holiday.sudo(self.legal_manager).create({"date": date, "kind": kind, "name": name})

    def test_makeup_working_sunday_is_the_appeal_deadline(self):
        # 民诉法 第85条, 第171条: served Sat 2024-01-20 + 15 days = Sun 2024-02-04, a make-up working day
        # (调休上班日) before the 2024 Spring Festival: the deadline is that Sunday, not Monday.
        appeal = self.serve_judgment("2024-01-20")
        self.assertEqual((appeal.date, appeal.source_date), ("2024-02-04", "2024-01-20"))
        self.assertFalse(appeal.calendar_years)
        self.assertFalse(appeal.calendar_warning)

    def test_served_before_the_spring_festival(self):
        # Served Mon 2024-01-29 + 15 = Tue 2024-02-13, inside the Spring Festival (10-17 February):
        # 民法典 第203条 moves it to the first working day after, Sun 2024-02-18 (调休上班).
        self.assertEqual(self.serve_judgment("2024-01-29").date, "2024-02-18")
        # 2025: served Fri 2025-01-17 + 15 = Sat 2025-02-01, Spring Festival (28 Jan - 4 Feb) -> Wed 02-05
        other = self.make_legal_case()
        self.assertEqual(self.serve_judgment("2025-01-17", other).date, "2025-02-05")

    def test_renew_by_never_inside_the_spring_festival(self):
        # 财产保全规定 第18条: expiry Fri 2024-02-23 - 7 days = Fri 2024-02-16, a Spring Festival holiday:
        # the last working day before it is Fri 2024-02-09.
        with china_time(NOW):
            asset = self.env["legal.asset"].sudo(self.lawyer).create({
                "case_id": self.case.id, "partner_id": self.borrower.id, "asset_type": "bank_deposit",
                "name": "中国建设银行杭州分行 6217 0012 3456 7890", "estimated_value": 52000.0,
                "freeze_order_number": "（2023）浙0106财保21号", "freeze_date": "2023-02-24",
                "freeze_expiry_court": "2024-02-23"})
            asset.action_freeze()
        renew = self.deadline(self.case, "preservation_renew_by", asset=asset)
        self.assertEqual((renew.date, renew.source_date), ("2024-02-09", "2024-02-23"))

    def test_performance_deadline_over_national_day(self):
        # Effective Thu 2025-09-25 + 10 days = Sun 2025-10-05, National Day (1-8 October 2025) -> Thu 10-09.
        with china_time(NOW):
            self.case.write({"effective_date": "2025-09-25", "performance_days": 10})
        self.assertEqual(self.case.performance_deadline, "2025-10-09")
        self.assertEqual(self.deadline(self.case, "performance").date, "2025-10-09")

    def test_unpublished_year_counted_on_weekends_and_marked(self):
        year = max(deadlines.statutory_calendar().known_years) + 1
        served = datetime.date(year - 1, 12, 20)
        expected = deadlines.appeal_deadline(served, calendar=deadlines.WEEKENDS_ONLY)
        self.assertEqual(expected.year, year)
        appeal = self.serve_judgment(fields.Date.to_string(served))
        self.assertEqual(appeal.date, fields.Date.to_string(expected))
        self.assertEqual(appeal.calendar_years, str(year))
        self.assertEqual(appeal.calendar_warning, "Holidays of %d not yet published — check" % year)
        self.assertIn(appeal, self.env["legal.deadline"].search([("calendar_years", "!=", False)]))
        # The legal manager records that day as a holiday of the new year's notice: the year is known,
        # the deadline moves to the next working day and the warning goes.
        self.record(fields.Date.to_string(expected), name="元旦")
        moved = deadlines.roll_forward(expected + datetime.timedelta(days=1), calendar=deadlines.WEEKENDS_ONLY)
        self.assertEqual(appeal.date, fields.Date.to_string(moved))
        self.assertFalse(appeal.calendar_years)
        self.assertFalse(appeal.calendar_warning)

    def test_recording_a_day_recomputes_the_stored_deadlines(self):
        with china_time(NOW):
            self.case.write({"effective_date": "2025-11-19", "performance_days": 10})
        appeal = self.serve_judgment("2025-11-03")
        self.assertEqual(appeal.date, "2025-11-18")  # Tuesday
        self.assertEqual(self.case.performance_deadline, "2025-12-01")  # Sat 11-29 -> Mon
        # A court's own announcement: closed on those days.
        closed = self.record("2025-11-18") | self.record("2025-12-01")
        self.assertEqual(appeal.date, "2025-11-19")
        self.assertEqual(self.case.performance_deadline, "2025-12-02")
        self.assertEqual(self.deadline(self.case, "performance").date, "2025-12-02")
        # Corrected to another day, then removed: the deadlines follow.
        with china_time(NOW):
            closed[0].sudo(self.legal_manager).write({"date": "2025-11-19"})
        self.assertEqual(appeal.date, "2025-11-18")
        with china_time(NOW):
            closed.sudo(self.legal_manager).unlink()
        self.assertEqual(self.case.performance_deadline, "2025-12-01")
        self.assertEqual(self.deadline(self.case, "performance").date, "2025-12-01")

    def test_daily_run_counts_again_on_a_newer_package(self):
        with china_time(NOW):
            self.case.write({"effective_date": "2025-11-19", "performance_days": 10})
        self.assertEqual(self.case.performance_deadline, "2025-12-01")
        # A newer chinese-calendar (pip upgrade) where Mon 2025-12-01 is a holiday: the next daily
        # run counts the stored dates again.
        newer = deadlines.statutory_calendar().with_days(holidays=[datetime.date(2025, 12, 1)])
        with mock.patch.object(deadlines, "statutory_calendar", lambda: newer):
            self.env["legal.deadline"]._cron_daily(today="2026-12-01")
        self.assertEqual(self.case.performance_deadline, "2025-12-02")
        self.assertEqual(self.deadline(self.case, "performance").date, "2025-12-02")

    def test_recorded_working_day_overrides_the_package(self):
        # A Saturday the package has as a rest day, announced as a working day: the period ends on it.
        # Served Thu 2025-03-07 + 15 = Sat 2025-03-22 -> Mon 03-24; with 03-22 a working day, the Saturday.
        appeal = self.serve_judgment("2025-03-07")
        self.assertEqual(appeal.date, "2025-03-24")
        self.record("2025-03-22", kind="workday", name="法院公告调休上班")
        self.assertEqual(appeal.date, "2025-03-22")

    def test_makeup_working_day_on_a_weekday_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.record("2025-03-20", kind="workday")
        self.assertIn("Saturday or a Sunday", error.exception.name)

    def test_only_the_legal_manager_records_days(self):
        with self.assertRaises(AccessError):
            self.Holiday.sudo(self.lawyer).create({"date": "2025-03-22", "kind": "workday", "name": "调休"})
        day = self.record("2025-03-22", kind="workday")
        self.assertEqual(day.sudo(self.lawyer).read(["name"])[0]["name"], "法院公告闭庭日")
        with self.assertRaises(AccessError):
            day.sudo(self.office).read(["name"])

    def test_deadline_calendar_fields_not_writable(self):
        appeal = self.serve_judgment("2024-01-20")
        for vals in ({"calendar_years": "2027"}, {"description_code": "limitation"},
                     {"description_args": "[1]"}):
            with self.assertRaises(AccessError):
                appeal.sudo(self.legal_manager).write(vals)


class TestDescriptionLanguage(LegalTestCase):
    """Issue 12 (11): a deadline's description is shown in the reader's language, whoever had it
    computed."""

    def test_computed_in_english_read_in_chinese(self):
        case = self.make_legal_case()
        with china_time(NOW):
            self.file(case, "2025-06-02")
            case.with_context(lang="en_US").write(
                {"judgment_date": "2025-10-20", "judgment_served_date": "2025-11-03"})
        appeal = self.deadline(case, "appeal_end")
        self.assertEqual((appeal.description_code, json.loads(appeal.description_args)), ("appeal_end", [15]))
        self.assertEqual(appeal.with_context(lang="en_US").name,
                         "Appeal window ends: 15 days from service (民诉法 第171条).")
        self.assertEqual(appeal.with_context(lang="zh_CN").name, "上诉期届满：自送达之日起 15 日（民诉法 第171条）。")

    def test_selection_label_in_the_readers_language(self):
        case = self.make_legal_case()
        with china_time(NOW):
            listing = self.env["legal.restriction"].sudo(self.lawyer).with_context(lang="en_US").create({
                "case_id": case.id, "kind": "dishonest", "debtor_id": self.borrower.id,
                # A ground with a fixed term (2 years); 第1条第1项 would have none (失信名单规定 第2条).
                "partner_id": self.borrower.id, "ground": "asset_report", "application_date": "2025-12-01",
                "order_number": "（2025）浙0106执891号之一", "effective_date": "2025-12-10"})
        end = self.deadline(case, "restriction_end", restriction=listing)
        label_en = dict(listing._fields["kind"]._description_selection(self.env(context={"lang": "en_US"})))
        label_zh = dict(listing._fields["kind"]._description_selection(self.env(context={"lang": "zh_CN"})))
        name = self.borrower.display_name
        self.assertEqual(end.with_context(lang="en_US").name, "%s of %s ends." % (label_en["dishonest"], name))
        self.assertEqual(end.with_context(lang="zh_CN").name, "%s（%s）期限届满。" % (label_zh["dishonest"], name))

    def test_demo_deadlines_in_chinese_for_a_chinese_user(self):
        user = self.env.ref("loan_legal.user_legal_demo")
        self.assertEqual(user.lang, "zh_CN")
        demo_deadlines = self.env["legal.deadline"].sudo().search([]).filtered(
            lambda d: d.case_id.get_external_id().get(d.case_id.id, "").startswith("loan_legal."))
        self.assertTrue(demo_deadlines)
        for deadline in demo_deadlines:
            chinese = deadline.with_context(lang="zh_CN").name
            english = deadline.with_context(lang="en_US").name
            self.assertTrue(chinese and english)
            self.assertNotEqual(chinese, english, "%s not translated: %s" % (deadline.key, english))
