# -*- coding: utf-8 -*-
import unittest
from datetime import datetime

from odoo.addons.loan_collection.services.conduct import (
    ConductLimits, Refusal, check_contact, is_quiet_time, next_allowed_time)

# 2025-03-14 is a Friday; nothing depends on the weekday.
DAY = datetime(2025, 3, 14, 10, 0)


def at(hour, minute=0, day=14):
    return datetime(2025, 3, day, hour, minute)


def rules(refusals):
    return [refusal.rule for refusal in refusals]


class TestQuietHours(unittest.TestCase):

    def test_phone_at_2230_refused_until_next_morning(self):
        self.assertEqual(check_contact(at(22, 30), 'phone', 'debtor'),
                         [Refusal('quiet_hours', at(8, 0, day=15))])

    def test_phone_at_2230_with_consent_accepted(self):
        self.assertEqual(
            check_contact(at(22, 30), 'phone', 'debtor', debtor_consent_night=True), [])

    def test_phone_at_0759_refused_until_0800_same_day(self):
        self.assertEqual(check_contact(at(7, 59), 'phone', 'debtor'),
                         [Refusal('quiet_hours', at(8, 0))])

    def test_boundaries(self):
        # 08:00 and 21:59 are outside the period, 22:00 and 00:00 inside
        self.assertEqual(check_contact(at(8, 0), 'phone', 'debtor'), [])
        self.assertEqual(check_contact(at(21, 59), 'visit', 'debtor', staff_count=2), [])
        self.assertEqual(rules(check_contact(at(22, 0), 'sms', 'debtor')), ['quiet_hours'])
        self.assertEqual(check_contact(at(0, 0), 'wechat', 'debtor'),
                         [Refusal('quiet_hours', at(8, 0))])

    def test_letter_and_institutions_not_time_bound(self):
        self.assertEqual(check_contact(at(23, 0), 'letter', 'debtor'), [])
        self.assertEqual(check_contact(at(23, 0), 'authority', 'debtor'), [])
        self.assertEqual(check_contact(at(23, 0), 'agency', 'debtor'), [])

    def test_consent_does_not_cover_third_parties(self):
        refusals = check_contact(at(23, 0), 'phone', 'relative', debtor_consent_night=True,
                                 debtor_unreachable=True, no_disclosure_confirmed=True)
        self.assertEqual(refusals, [Refusal('quiet_hours', at(8, 0, day=15))])

    def test_custom_limits(self):
        # quiet 21:00–09:00: 21:30 refused until 09:00 next day
        limits = ConductLimits(quiet_start=21, quiet_end=9)
        self.assertEqual(check_contact(at(21, 30), 'phone', 'debtor', limits),
                         [Refusal('quiet_hours', at(9, 0, day=15))])

    def test_helpers(self):
        self.assertTrue(is_quiet_time(at(23, 59)))
        self.assertFalse(is_quiet_time(at(12, 0)))
        self.assertEqual(next_allowed_time(at(3, 0)), at(8, 0))
        self.assertEqual(next_allowed_time(at(22, 0)), at(8, 0, day=15))
        # month end: 2025-03-31 23:00 → 2025-04-01 08:00
        self.assertEqual(next_allowed_time(datetime(2025, 3, 31, 23, 0)),
                         datetime(2025, 4, 1, 8, 0))


class TestDailyLimits(unittest.TestCase):

    def test_third_connected_call_accepted_fourth_refused(self):
        # connected_today = 2 → this is the 3rd connected call: 3 ≤ 3
        self.assertEqual(check_contact(DAY, 'phone', 'debtor', connected=True,
                                       connected_today=2), [])
        # connected_today = 3 → this would be the 4th: 4 > 3, allowed again tomorrow 08:00
        self.assertEqual(check_contact(DAY, 'phone', 'debtor', connected=True, connected_today=3),
                         [Refusal('daily_connected_limit', at(8, 0, day=15))])

    def test_unanswered_call_not_counted_as_connected(self):
        self.assertEqual(check_contact(DAY, 'phone', 'debtor', connected=False,
                                       connected_today=3), [])

    def test_sixth_attempt_accepted_seventh_refused(self):
        # 5 earlier attempts → this is the 6th: 6 ≤ 6
        self.assertEqual(check_contact(DAY, 'phone', 'debtor', attempts_on_number_today=5), [])
        # 6 earlier attempts → the 7th: 7 > 6
        self.assertEqual(check_contact(DAY, 'phone', 'debtor', attempts_on_number_today=6),
                         [Refusal('number_attempt_limit', at(8, 0, day=15))])

    def test_limits_are_for_phone_only(self):
        self.assertEqual(check_contact(DAY, 'sms', 'debtor', connected=True, connected_today=9,
                                       attempts_on_number_today=9), [])

    def test_both_limits_and_quiet_hours_together(self):
        refusals = check_contact(at(23, 0), 'phone', 'debtor', connected=True, connected_today=3,
                                 attempts_on_number_today=6)
        self.assertEqual(refusals, [
            Refusal('quiet_hours', at(8, 0, day=15)),
            Refusal('daily_connected_limit', at(8, 0, day=15)),
            Refusal('number_attempt_limit', at(8, 0, day=15)),
        ])


class TestVisitsAndParties(unittest.TestCase):

    def test_one_person_visit_refused_two_accepted(self):
        self.assertEqual(check_contact(DAY, 'visit', 'debtor', staff_count=1),
                         [Refusal('visit_staff', None)])
        self.assertEqual(check_contact(DAY, 'visit', 'debtor', staff_count=2), [])

    def test_relative_while_debtor_reachable_refused(self):
        refusals = check_contact(DAY, 'phone', 'relative', no_disclosure_confirmed=True)
        self.assertEqual(refusals, [Refusal('third_party_reachable', None)])

    def test_relative_without_no_disclosure_confirmation_refused(self):
        refusals = check_contact(DAY, 'phone', 'relative', debtor_unreachable=True)
        self.assertEqual(refusals, [Refusal('third_party_disclosure', None)])

    def test_third_party_allowed_when_both_conditions_met(self):
        for party in ('relative', 'employer', 'other'):
            with self.subTest(party=party):
                self.assertEqual(check_contact(DAY, 'phone', party, debtor_unreachable=True,
                                               no_disclosure_confirmed=True), [])

    def test_employer_letter_both_third_party_rules(self):
        self.assertEqual(rules(check_contact(DAY, 'letter', 'employer')),
                         ['third_party_reachable', 'third_party_disclosure'])

    def test_guarantors_never_third_parties(self):
        for party in ('guarantor', 'counter_guarantor'):
            with self.subTest(party=party):
                self.assertEqual(check_contact(DAY, 'phone', party), [])
                self.assertEqual(check_contact(DAY, 'visit', party, staff_count=2), [])

    def test_unknown_values_refused(self):
        with self.assertRaises(ValueError):
            check_contact(DAY, 'fax', 'debtor')
        with self.assertRaises(ValueError):
            check_contact(DAY, 'phone', 'neighbour')
        with self.assertRaises(ValueError):
            check_contact(DAY.date(), 'phone', 'debtor')
