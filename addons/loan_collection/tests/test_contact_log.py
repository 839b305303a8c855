"""Contact log (催记) with the conduct rules enforced, append-only logs, corrections, and what a
contact changes (contact points, stage, worklist)."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LoanCase


class TestContactLog(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestContactLog, cls).setUpClass()
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.phone2 = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800002222", "relation": "self"})
        cls.sister = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13900003333", "relation": "relative",
             "owner_name": "借款人之姐"})
        cls.contract = cls.make_contract()
        cls.env["collection.case"].run_daily("2026-02-16")
        cls.case = cls.contract.case_ids
        cls.Log = cls.env["collection.contact.log"]

    def log(self, local_time, user=None, **values):
        """A log at `local_time` China time on 2026-02-16 (UTC+8)."""
        hour, minute = map(int, local_time.split(":"))
        utc_hour = (hour - 8) % 24
        day = "2026-02-16" if hour >= 8 else "2026-02-15"
        vals = {"case_id": self.case.id, "date": "%s %02d:%02d:00" % (day, utc_hour, minute), "channel": "phone",
                "party": "debtor", "contact_point_id": self.phone.id, "connected": True, "outcome": "rpc"}
        vals.update(values)
        return self.Log.sudo(user or self.office).create(vals)

    def test_call_at_22_30_refused_and_allowed_with_consent(self):
        with self.assertRaises(ValidationError) as refusal:
            self.log("22:30")
        message = str(refusal.exception)
        self.assertIn("22:00", message)
        self.assertIn("allowed again from 2026-02-17 08:00", message)
        self.assertFalse(self.Log.search([("case_id", "=", self.case.id)]))
        self.borrower.night_contact_consent = True
        log = self.log("22:30")
        self.assertEqual(log.case_id, self.case)

    def test_fourth_connected_call_of_a_day_refused(self):
        for hour in ("09:00", "10:00", "11:00"):
            self.log(hour)
        with self.assertRaisesRegex(ValidationError, "at most 3 connected calls"):
            self.log("12:00")
        # An unanswered attempt is not a connected contact.
        self.log("12:30", connected=False, outcome="no_answer")

    def test_seventh_attempt_on_one_number_refused(self):
        for minute in range(6):
            self.log("09:%02d" % minute, connected=False, outcome="no_answer")
        with self.assertRaisesRegex(ValidationError, "at most 6 call attempts"):
            self.log("09:30", connected=False, outcome="no_answer")
        # The debtor's other number is another count.
        self.log("09:31", connected=False, outcome="no_answer", contact_point_id=self.phone2.id)

    def test_one_person_visit_refused(self):
        with self.assertRaisesRegex(ValidationError, "at least 2 staff"):
            self.log("10:00", user=self.field, channel="visit", contact_point_id=False,
                     staff_ids=[(6, 0, [self.field.id])])
        log = self.log("10:00", user=self.field, channel="visit", contact_point_id=False,
                       staff_ids=[(6, 0, [self.field.id, self.office.id])])
        self.assertEqual(len(log.staff_ids), 2)

    def test_third_party_only_when_debtor_unreachable_and_without_disclosure(self):
        values = dict(party="relative", contact_point_id=self.sister.id, outcome="other")
        with self.assertRaisesRegex(ValidationError, "only be contacted when the debtor cannot be reached"):
            self.log("10:00", **values)
        with self.assertRaisesRegex(ValidationError, "never be told about the debt"):
            self.log("10:00", debtor_unreachable=True, **values)
        log = self.log("10:00", debtor_unreachable=True, no_disclosure_confirmed=True, **values)
        self.assertEqual(log.party, "relative")

    def test_manager_override_kept_with_reason(self):
        with self.assertRaisesRegex(ValidationError, "Only a collection manager"):
            self.log("23:00", override_reason="借款人主动来电")
        log = self.log("23:00", user=self.manager, override_reason="借款人主动来电要求晚间回电")
        self.assertEqual(log.override_reason, "借款人主动来电要求晚间回电")
        self.assertEqual(log.override_user_id, self.manager)
        self.assertEqual(log.overridden_rules, "quiet_hours")

    def test_collector_cannot_edit_or_delete_a_log_but_can_correct_it(self):
        log = self.log("10:00", note="说下周还款")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            log.sudo(self.office).write({"note": "改"})
        with self.assertRaises((UserError, AccessError)):
            log.sudo(self.office).unlink()
        correction = self.log("10:00", note="实际承诺本周五还款", correction_of_id=log.id)
        self.assertTrue(log.is_corrected)
        self.assertEqual(log.note, "说下周还款")
        self.assertEqual(correction.correction_of_id, log)

    def test_wrong_number_and_new_number(self):
        self.log("10:00", contact_point_id=self.phone2.id, connected=False, outcome="wrong_number",
                 new_contact_value="13700004444", new_contact_relation="spouse", new_contact_owner="借款人之妻")
        self.assertEqual(self.phone2.status, "wrong")
        new = self.borrower.contact_point_ids.filtered(lambda p: p.value == "13700004444")
        self.assertEqual((new.relation, new.is_third_party, new.status), ("spouse", True, "valid"))

    def test_log_moves_the_case_and_completes_the_task(self):
        call = self.case.task_ids.filtered(lambda t: t.action == "phone")
        action = call.sudo(self.office).action_log_contact()
        self.assertEqual(action["context"]["default_task_id"], call.id)
        self.log("10:00", task_id=call.id)
        self.assertEqual(call.state, "done")
        self.assertEqual(self.case.stage, "contacting")

    def test_collector_cannot_log_on_another_collectors_case(self):
        with self.assertRaises(AccessError):
            self.log("10:00", user=self.office2)

    def test_planned_visit_checked(self):
        visit = self.case.task_ids.filtered(lambda t: t.action == "visit")
        with self.assertRaisesRegex(ValidationError, "at least 2 staff"):
            visit.write({"planned_datetime": "2026-02-17 02:00:00", "staff_ids": [(6, 0, [self.field.id])]})
        with self.assertRaisesRegex(ValidationError, "22:00"):
            visit.write({"planned_datetime": "2026-02-17 15:00:00",  # 23:00 China time
                         "staff_ids": [(6, 0, [self.field.id, self.office.id])]})
        visit.write({"planned_datetime": "2026-02-17 02:00:00", "staff_ids": [(6, 0, [self.field.id, self.office.id])]})
        self.assertEqual(len(visit.staff_ids), 2)

    def test_connected_follows_the_outcome_in_the_form(self):
        log = self.Log.new({"case_id": self.case.id, "channel": "phone", "outcome": "no_answer"})
        log._onchange_outcome()
        self.assertFalse(log.connected)
        log.outcome = "promise"
        log._onchange_outcome()
        self.assertTrue(log.connected)
