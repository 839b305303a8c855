"""Collector performance: what a right-party contact is (a connected promise call is one) and who
each recovery is credited to, so that the collectors' amounts add up to what was recovered — on a
hand-made case and on the demo data."""
import datetime
import unittest

from ..services import performance
from .common import china_time
from .test_recovery import RecoveryCase


class TestRules(unittest.TestCase):

    def test_right_party_contact(self):
        rpc = performance.is_right_party_contact
        self.assertTrue(rpc("phone", "debtor", "promise"))  # a connected promise call
        self.assertTrue(rpc("visit", "guarantor", "refused"))
        self.assertFalse(rpc("phone", "debtor", "no_answer"))
        self.assertFalse(rpc("phone", "relative", "rpc"))  # a third party is not the right party
        self.assertFalse(rpc("sms", "debtor", "rpc"))  # a one-way message

    def test_credited_collector(self):
        day = datetime.date
        contacts = [(day(2026, 3, 12), 1, "field", True), (day(2026, 3, 18), 2, "office", True),
                    (day(2026, 3, 19), 3, "office2", False)]
        credit = performance.credited_collector
        self.assertEqual(credit(day(2026, 3, 15), contacts, "owner", "f"), "field")
        self.assertEqual(credit(day(2026, 3, 20), contacts, "owner", "f"), "office")
        # Nothing in the 30 days before: the case's office collector, else its field collector.
        self.assertEqual(credit(day(2026, 5, 1), contacts, "owner", "f"), "owner")
        self.assertEqual(credit(day(2026, 5, 1), contacts, None, "f"), "f")
        self.assertIsNone(credit(day(2026, 5, 1), [], None, None))


class TestAttribution(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestAttribution, cls).setUpClass()
        cls.other = cls.make_contract(office=cls.office2)
        cls.run_on("2026-03-20")
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.sister = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13900003333", "relation": "relative",
             "owner_name": "借款人之姐"})

    def log(self, user, utc, **values):
        vals = {"case_id": self.case().id, "date": utc, "channel": "phone", "party": "debtor",
                "contact_point_id": self.phone.id, "outcome": "rpc"}
        vals.update(values)
        with china_time("2026-03-20 18:00"):
            return self.env["collection.contact.log"].sudo(user).create(vals)

    def report(self, users):
        rows = self.env["collection.performance.report"].search([("user_id", "in", users.ids),
                                                                  ("date", "=", "2026-03-01")])
        return {row.user_id: row for row in rows}

    def test_each_recovery_credited_once(self):
        self.log(self.office, "2026-03-10 02:00:00", outcome="no_answer")
        self.log(self.field, "2026-03-12 02:00:00", channel="visit", contact_point_id=False,
                 staff_ids=[(6, 0, [self.office.id, self.field.id])])
        # A connected call in which the debtor promised to pay: a right-party contact.
        self.log(self.office, "2026-03-18 02:00:00", outcome="promise", promise_amount=2000.0,
                 promise_date="2026-03-20")
        # The debtor's sister reached: not the right party, the credit does not move.
        self.log(self.office, "2026-03-19 02:00:00", party="relative", contact_point_id=self.sister.id,
                 debtor_unreachable=True, no_disclosure_confirmed=True)
        with china_time("2026-03-20 18:00"):
            self.recover(1000, "2026-03-15")            # after the visit: the field collector's
            self.recover(2000, "2026-03-20")            # after the promise call: the office collector's
            self.env["collection.recovery"].sudo(self.finance)._register_recovery(
                self.other.case_ids.sudo(self.finance), "debtor", self.borrower, 500, "2026-03-20",
                self.bank_journal)                      # no contact on that case: its office collector's
        rows = self.report(self.office | self.office2 | self.field)
        self.assertEqual(rows[self.field].amount_recovered, 1000.0)
        self.assertEqual(rows[self.office].amount_recovered, 2000.0)
        self.assertEqual(rows[self.office2].amount_recovered, 500.0)
        self.assertEqual((rows[self.office].contact_count, rows[self.office].rpc_count), (3, 1))
        self.assertEqual((rows[self.field].contact_count, rows[self.field].rpc_count), (1, 1))
        self.assertEqual(sum(r.recovery_count for r in rows.values()), 3)
        recovered = sum(self.env["collection.recovery"].search([
            ("case_id", "in", (self.contract.case_ids | self.other.case_ids).ids),
            ("state", "=", "posted")]).mapped("amount"))
        self.assertEqual(sum(r.amount_recovered for r in rows.values()), recovered)

    def test_on_the_demo_data_the_collectors_add_up_to_what_was_recovered(self):
        recoveries = self.env["collection.recovery"].search([("state", "=", "posted")])
        self.assertTrue(recoveries, "the demo has recoveries")
        rows = self.env["collection.performance.report"].search([])
        self.assertAlmostEqual(sum(rows.mapped("amount_recovered")), sum(recoveries.mapped("amount")), places=2)
        self.assertEqual(sum(rows.mapped("recovery_count")), len(recoveries))
        # As the pivot shows it, grouped by collector.
        groups = self.env["collection.performance.report"].read_group(
            [], ["amount_recovered", "user_id"], ["user_id"])
        self.assertAlmostEqual(sum(g["amount_recovered"] for g in groups), sum(recoveries.mapped("amount")),
                               places=2)
