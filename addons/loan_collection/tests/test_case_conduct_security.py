"""Issue 11, findings 5 and 6: what each role may write on cases, tasks and promises, and the
conduct rules held for every call a user can make over RPC (the same public methods, as that user)."""
from odoo.exceptions import AccessError, ValidationError

from ..models.collection_case import CASE_WRITERS
from ..models.collection_promise import PROMISE_WRITERS
from ..models.collection_task import TASK_WRITERS
from ..models import field_policy
from .common import LoanCase, china_time


class SecurityCase(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(SecurityCase, cls).setUpClass()
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-16")
        cls.case = cls.contract.case_ids
        cls.Log = cls.env["collection.contact.log"]
        # Another collector's debtor, whose numbers office must not see.
        cls.stranger = cls.env["res.partner"].create({"name": "测试借款人丙"})
        cls.stranger_phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.stranger.id, "kind": "phone", "value": "13911112222", "relation": "self"})

    def setUp(self):
        super(SecurityCase, self).setUp()
        # "Now" is the evening of the day of the logs (the logs are never in the future).
        clock = china_time("2026-02-16 21:00")
        clock.__enter__()
        self.addCleanup(clock.__exit__, None, None, None)

    def log(self, local_time, user=None, **values):
        """A log at `local_time` China time on 2026-02-16, as `user` (office by default)."""
        hour, minute = map(int, local_time.split(":"))
        vals = {"case_id": self.case.id, "date": "2026-02-16 %02d:%02d:00" % (hour - 8, minute), "channel": "phone",
                "party": "debtor", "contact_point_id": self.phone.id, "outcome": "rpc"}
        vals.update(values)
        return self.Log.sudo(user or self.office).create(vals)

    def logs(self):
        return self.Log.search([("case_id", "=", self.case.id)])


class TestCaseFieldsByRole(SecurityCase):
    """Finding 5: a collector edits her own case beyond her role."""

    def test_every_field_has_a_writer_row(self):
        # A new field without a row is refused to everyone; this keeps the tables complete.
        for model, table in (("collection.case", CASE_WRITERS), ("collection.task", TASK_WRITERS),
                             ("collection.promise", PROMISE_WRITERS)):
            records = self.env[model]
            missing = set(records._fields) - set(table) - field_policy.free_fields(records)
            self.assertFalse(missing, "%s: no writer row for %s" % (model, sorted(missing)))

    def test_collector_cannot_write_stage_figures_or_parties_of_her_own_case(self):
        case = self.case.sudo(self.office)
        before = self.case.read(["stage", "total_due", "recovered_amount", "fees_amount", "priority_score",
                                 "last_demand_date", "party_ids", "office_user_id"])[0]
        for vals, label in (
                ({"stage": "settled"}, "Stage"), ({"stage": "legal"}, "Stage"),
                ({"total_due": 1.0}, "Total Due"), ({"recovered_amount": 99999.0}, "Recovered"),
                ({"fees_amount": -500.0}, "Fees"), ({"priority_score": 1000}, "Priority"),
                ({"last_demand_date": "2026-02-16"}, "Last Demand Date"),
                ({"party_ids": [(4, self.stranger.id)]}, "Parties"),
                ({"office_user_id": self.office2.id}, "Office Collector")):
            with self.assertRaisesRegex(AccessError, "You cannot change these fields") as refusal:
                case.write(vals)
            self.assertIn(label, str(refusal.exception))
        self.case.invalidate_cache()
        self.assertEqual(self.case.read(list(before))[0], before)
        # She still cannot see the stranger's number through the case's parties.
        self.assertFalse(self.env["collection.contact.point"].sudo(self.office).search(
            [("id", "=", self.stranger_phone.id)]))
        # What is hers to write: the overdue reason and the risk.
        case.write({"overdue_reason": "cash_flow", "overdue_reason_detail": "工程款未回", "risk_level": "low"})
        self.assertEqual(self.case.overdue_reason, "cash_flow")

    def test_stage_only_through_actions_even_for_a_manager(self):
        with self.assertRaisesRegex(AccessError, "only through the case's actions"):
            self.case.sudo(self.manager).write({"stage": "legal"})
        self.assertEqual(self.case.stage, "new")
        with self.assertRaises(AccessError):
            self.env["collection.case"].sudo(self.manager).create({
                "contract_id": self.contract.id, "partner_id": self.borrower.id})

    def test_manager_sets_fees_but_not_negative_and_reassigns_only_with_a_reason(self):
        case = self.case.sudo(self.manager)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            case.write({"fees_amount": -100.0})
        self.case.invalidate_cache()
        self.assertEqual(self.case.fees_amount, 0.0)
        case.write({"fees_amount": 300.0})
        self.assertEqual(self.case.fees_amount, 300.0)
        # Issue 16: the collector changes through Reassign (the reason logged), not by writing the field.
        with self.assertRaisesRegex(AccessError, "through Reassign"):
            case.write({"office_user_id": self.office2.id})
        self.assertEqual(self.case.office_user_id, self.office)


class TestTasksAndPromises(SecurityCase):
    """Finding 5: tasks done with no contact or reassigned; promises forged or re-judged."""

    def task(self, action):
        return self.case.task_ids.filtered(lambda t: t.action == action and t.state == "todo")[:1]

    def test_collector_cannot_mark_a_call_done_without_logging_it(self):
        call = self.task("phone")
        with self.assertRaisesRegex(AccessError, "done by logging the contact"):
            call.sudo(self.office).action_done()
        with self.assertRaisesRegex(AccessError, "You cannot change these fields"):
            call.sudo(self.office).write({"state": "done"})
        self.assertEqual(call.state, "todo")
        if call.activity_id:
            with self.assertRaisesRegex(AccessError, "done by logging the contact"):
                call.activity_id.sudo(self.office).action_feedback()
            self.assertEqual(call.state, "todo")
        # A call log cannot complete the visit either.
        visit = self.task("visit")
        with self.assertRaisesRegex(ValidationError, "does not fulfil the task"):
            self.log("10:00", task_id=visit.id)
        self.assertEqual((visit.state, len(self.logs())), ("todo", 0))
        # Logging the call is what completes it.
        self.log("10:00", task_id=call.id)
        self.assertEqual(call.state, "done")

    def test_only_a_manager_reassigns(self):
        call = self.task("phone")
        with self.assertRaisesRegex(AccessError, "only a collection manager may change it"):
            call.sudo(self.office).write({"user_id": self.office2.id})
        self.assertEqual(call.user_id, self.office)
        call.sudo(self.manager).write({"user_id": self.office2.id})
        self.assertEqual(call.user_id, self.office2)

    def test_pre_due_reminder_marked_done_by_its_collector(self):
        contract = self.make_contract(disbursed="2026-01-20", maturity="2027-01-20")
        self.run_on("2026-02-17")  # three days before the first due date: a reminder with no case yet
        reminder = self.env["collection.task"].search([("contract_id", "=", contract.id), ("state", "=", "todo")])
        self.assertTrue(reminder)
        self.assertFalse(reminder.case_id)
        reminder.sudo(self.office).action_done()
        self.assertEqual(reminder.mapped("state"), ["done"] * len(reminder))

    def test_promise_not_created_by_hand_nor_rejudged(self):
        Promise = self.env["collection.promise"]
        with self.assertRaisesRegex(AccessError, "recorded by logging the contact"):
            Promise.sudo(self.office).create({"case_id": self.case.id, "amount": 5000.0,
                                              "date_made": "2026-01-01", "date_promised": "2026-01-05"})
        self.assertFalse(Promise.search([("case_id", "=", self.case.id)]))
        self.log("10:00", outcome="promise", promise_amount=5000.0, promise_date="2026-02-18")
        promise = self.case.promise_ids
        self.run_on("2026-02-19")
        self.assertEqual(promise.state, "broken")
        for vals in ({"state": "kept"}, {"amount_paid": 5000.0}, {"amount": 1.0}):
            with self.assertRaisesRegex(AccessError, "You cannot change these fields"):
                promise.sudo(self.manager).write(vals)
        self.assertEqual((promise.state, promise.amount_paid, promise.amount), ("broken", 0.0, 5000.0))


class TestConductAtModelLevel(SecurityCase):
    """Finding 6: the conduct rules bypassed through create()."""

    def test_correction_is_not_a_new_contact(self):
        for hour in ("09:00", "10:00", "11:00"):
            last = self.log(hour)
        count = len(self.logs())
        # A 4th call of the day sent as a "correction" of the third.
        with self.assertRaisesRegex(ValidationError, "same contact as the log it corrects"):
            self.log("12:00", correction_of_id=last.id)
        with self.assertRaisesRegex(ValidationError, "same contact as the log it corrects"):
            self.log("11:00", correction_of_id=last.id, contact_point_id=self.env["collection.contact.point"].create(
                {"partner_id": self.borrower.id, "kind": "phone", "value": "13800009999"}).id)
        self.assertEqual(len(self.logs()), count)
        # The corrected contact's own values: allowed, and counted once.
        correction = self.log("11:00", correction_of_id=last.id, outcome="refused", note="拒绝还款")
        self.assertEqual((correction.date, correction.correction_of_id), (last.date, last))
        with self.assertRaisesRegex(ValidationError, "already corrected"):
            self.log("11:00", correction_of_id=last.id, note="again")

    def test_unanswered_attempt_corrected_to_a_4th_connected_call_is_checked(self):
        for hour in ("09:00", "10:00", "11:00"):
            self.log(hour)
        attempt = self.log("12:00", outcome="no_answer")
        count = len(self.logs())
        with self.assertRaisesRegex(ValidationError, "at most 3 connected calls"):
            self.log("12:00", correction_of_id=attempt.id, outcome="rpc")
        self.assertEqual(len(self.logs()), count)

    def test_connected_follows_the_outcome_not_the_client(self):
        for hour in ("09:00", "10:00", "11:00"):
            self.log(hour)
        with self.assertRaisesRegex(ValidationError, "at most 3 connected calls"):
            self.log("12:00", connected=False, outcome="rpc")
        self.assertEqual(len(self.logs()), 3)
        self.assertTrue(all(self.logs().mapped("connected")))

    def test_attempts_counted_per_number_across_points(self):
        with self.assertRaisesRegex(ValidationError, "already has"), self.cr.savepoint():
            self.env["collection.contact.point"].sudo(self.office).create(
                {"partner_id": self.borrower.id, "kind": "phone", "value": "+86 138-0000-1111"})
        self.borrower.invalidate_cache()
        self.assertEqual(len(self.borrower.contact_point_ids), 1)
        # The same number recorded for the guarantor is the same number dialled.
        twin = self.env["collection.contact.point"].create(
            {"partner_id": self.guarantor.id, "kind": "phone", "value": "0086 13800001111", "relation": "self"})
        for minute in range(6):
            self.log("09:%02d" % minute, outcome="no_answer")
        with self.assertRaisesRegex(ValidationError, "at most 6 call attempts"):
            self.log("09:30", outcome="no_answer", party="guarantor", contact_point_id=twin.id)
        self.assertEqual(len(self.logs()), 6)

    def test_visit_staff_are_collection_staff_and_a_visit_is_logged_in_the_field(self):
        visit = dict(channel="visit", contact_point_id=False)
        with self.assertRaisesRegex(AccessError, "logged by the field collector"):
            self.log("10:00", user=self.office, staff_ids=[(6, 0, [self.office.id, self.field.id])], **visit)
        with self.assertRaisesRegex(ValidationError, "Only collection staff"):
            self.log("10:00", user=self.field, staff_ids=[(6, 0, [self.field.id, self.plain.id])], **visit)
        with self.assertRaisesRegex(ValidationError, "Only collection staff"):
            self.log("10:00", user=self.field,
                     staff_ids=[(6, 0, [self.field.id, self.env.ref("base.user_root").id])], **visit)
        self.assertFalse(self.logs())
        log = self.log("10:00", user=self.field, staff_ids=[(6, 0, [self.field.id, self.office.id])], **visit)
        self.assertEqual(len(log.staff_ids), 2)
        # The correction form (the values it sends) keeps the contact and corrects the outcome.
        context = log.sudo(self.manager).action_correct()["context"]
        vals = {key[len("default_"):]: value for key, value in context.items() if key.startswith("default_")}
        vals.update(outcome="refused", note="拒绝还款")
        correction = self.Log.sudo(self.manager).create(vals)
        self.assertEqual((correction.staff_ids, correction.date, correction.user_id),
                         (log.staff_ids, log.date, self.manager))

    def test_authorship_and_override_from_the_session(self):
        with self.assertRaisesRegex(AccessError, "in the name of the user who logs it"):
            self.log("10:00", user_id=self.manager.id)
        with self.assertRaisesRegex(AccessError, "recorded by the server"):
            self.log("10:00", override_user_id=self.manager.id, overridden_rules="quiet_hours",
                     override_reason="经理同意")
        self.assertFalse(self.logs())
        log = self.log("10:00")
        self.assertEqual((log.user_id, log.override_user_id, log.overridden_rules), (self.office, self.env["res.users"],
                                                                                   False))
