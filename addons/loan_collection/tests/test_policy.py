"""Which steps of a policy are due on a day (services/policy.py), on the default programme
shipped in data/collection_policy_data.xml, read from the database."""
from odoo.tests.common import SavepointCase

from odoo.addons.loan_collection.services import policy


class TestDefaultPolicy(SavepointCase):

    # Odoo's runner: after both addons are loaded (loan_legal extends the collection models).
    at_install = False
    post_install = True

    @classmethod
    def setUpClass(cls):
        super(TestDefaultPolicy, cls).setUpClass()
        cls.policy = cls.env.ref("loan_collection.collection_policy_default")
        cls.steps = cls.policy.step_ids
        cls.rules = [s._as_rule() for s in cls.steps]

    def actions(self, days, done_once=()):
        due = policy.due_steps(self.rules, days, done_once)
        return sorted(self.steps.browse([s.id for s in due]).mapped("action"))

    def once_ids(self, *days):
        ids = set()
        for d in days:
            ids |= {s.id for s in policy.due_steps(self.rules, d, ids) if s.recurrence == "once"}
        return ids

    def test_programme_day_by_day(self):
        # A case followed every day from 3 days before the due date.
        self.assertEqual(self.actions(-3), ["sms"])
        self.assertEqual(self.actions(-2, self.once_ids(-3)), [])
        self.assertEqual(self.actions(0, self.once_ids(-3, -2, -1)), ["phone"])
        self.assertEqual(self.actions(1), ["phone", "visit"])            # first visit and the daily call
        self.assertEqual(self.actions(2, self.once_ids(1)), ["phone"])
        self.assertEqual(self.actions(3, self.once_ids(1, 2)), ["phone"])
        self.assertEqual(self.actions(4, self.once_ids(1, 2, 3)), ["guarantor", "visit"])
        self.assertEqual(self.actions(7, self.once_ids(1, 2, 3, 4, 5, 6)), ["notice", "phone"])
        done = self.once_ids(*range(1, 8))
        self.assertEqual(self.actions(8, done), ["guarantor", "phone"])  # counter-guarantor to repay
        done = self.once_ids(*range(1, 30))
        self.assertEqual(self.actions(30, done), ["phone"])
        self.assertEqual(self.actions(31, done), ["legal", "phone"])

    def test_case_entering_late_still_gets_the_once_steps(self):
        # A case first seen on day 10 (a run was missed) gets the notice once and the guarantor step.
        self.assertEqual(self.actions(10), ["guarantor", "notice", "phone"])

    def test_step_range_checked(self):
        from odoo.exceptions import ValidationError
        with self.assertRaises(ValidationError):
            self.steps[0].write({"day_from": 5, "day_to": 2, "open_ended": False})
