"""今日任务 as a collector works it: the case's figures as they are now (not the 06:00 run's), the
number to call (masked for whom the record rules keep it from), the last contact and a promise due
today; a debtor without a valid number gets a find-contact task instead of calls, and the number
found in a contact is added and called next; the Log Contact dialog closes on Save."""
from lxml import etree

from odoo.exceptions import AccessError, ValidationError

from .common import LoanCase, china_time


class _Rollback(Exception):
    pass


class WorklistCase(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(WorklistCase, cls).setUpClass()
        cls.Point = cls.env["collection.contact.point"]
        cls.mobile = cls.Point.create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.sister = cls.Point.create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13900003333", "relation": "relative",
             "owner_name": "借款人之姐"})
        cls.contract = cls.make_contract()
        # Installments of 10661.85; on 2026-02-16 the first is one day overdue: a call and a visit today.
        with china_time("2026-02-16 06:00"):
            cls.run_on("2026-02-16")
        cls.case = cls.contract.case_ids
        cls.Log = cls.env["collection.contact.log"]

    def task(self, action, user=None):
        task = self.case.task_ids.filtered(lambda t: t.action == action and t.state == "todo")
        self.assertEqual(len(task), 1, action)
        return task.sudo(user) if user else task

    def call(self, local, user=None, **values):
        """A phone call logged at ``local`` China time, 'YYYY-MM-DD HH:MM'."""
        vals = {"case_id": self.case.id, "channel": "phone", "party": "debtor",
                "contact_point_id": self.mobile.id, "outcome": "no_answer"}
        vals.update(values)
        with china_time(local):
            return self.Log.sudo(user or self.office).create(vals)


class TestLiveFigures(WorklistCase):

    def test_recovery_today_shows_on_the_task_at_once(self):
        call = self.task("phone", self.office)
        given = call.amount_due
        self.assertAlmostEqual(call.case_total_due, self.case.total_due, places=2)
        with china_time("2026-02-16 15:00"):
            self.env["collection.recovery"].sudo(self.finance)._register_recovery(
                self.case.sudo(self.finance), "debtor", self.borrower, 5000, "2026-02-16", self.bank_journal)
            shown = call.read(["case_total_due", "case_overdue_amount", "case_days_overdue"])[0]
        case = self.case.sudo(self.office)
        case.invalidate_cache()
        self.assertAlmostEqual(shown["case_total_due"], case.total_due, places=2)
        self.assertAlmostEqual(shown["case_total_due"], given - 5000, places=2)
        self.assertAlmostEqual(shown["case_overdue_amount"], case.overdue_principal + case.overdue_interest, places=2)
        self.assertEqual(shown["case_days_overdue"], case.days_overdue)
        self.assertEqual(call.amount_due, given)  # what the run saw at 06:00 stays on the task

    def test_the_worklist_shows_the_live_figures(self):
        arch = etree.fromstring(self.env["collection.task"].fields_view_get(
            self.env.ref("loan_collection.collection_task_view_tree").id, "tree")["arch"])
        shown = arch.xpath("//field/@name")
        for name in ("case_total_due", "case_days_overdue", "call_number", "last_contact_date",
                     "last_contact_outcome", "promise_due_today"):
            self.assertIn(name, shown)
        self.assertNotIn("amount_due", shown)
        self.assertNotIn("days_overdue", shown)


class TestWhatTheCollectorDials(WorklistCase):

    def test_number_to_call_for_the_cases_collector_masked_for_others(self):
        call = self.task("phone")
        self.assertEqual(call.sudo(self.office).call_number, "13800001111")
        self.assertEqual(call.sudo(self.manager).call_number, "13800001111")
        # Reassigned to another collector, who reads the task but not the debtor's contact points.
        call.sudo(self.manager).write({"user_id": self.office2.id})
        call.invalidate_cache()
        self.assertEqual(call.sudo(self.office2).call_number, "*********11")
        with self.assertRaises(AccessError):
            self.mobile.sudo(self.office2).read(["value"])
        # ... and the log form is not pre-filled with a number he may not read.
        action = call.sudo(self.office2).action_log_contact()
        self.assertFalse(action["context"]["default_contact_point_id"])

    def test_a_number_found_wrong_is_no_longer_the_one_to_call(self):
        second = self.Point.create({"partner_id": self.borrower.id, "kind": "phone", "value": "13800002222",
                                    "relation": "self", "sequence": 20})
        self.call("2026-02-16 10:00", outcome="wrong_number")
        call = self.case.task_ids.filtered(lambda t: t.action == "phone").sudo(self.office)
        call.invalidate_cache()
        self.assertEqual(call.call_number, "13800002222")
        self.assertEqual(call.action_log_contact()["context"]["default_contact_point_id"], second.id)

    def test_last_contact_on_the_companys_day(self):
        visit = self.task("visit", self.office)
        self.assertFalse(visit.last_contact_date)
        self.call("2026-02-16 10:00", outcome="no_answer")
        # 00:30 in China on the 17th is still the 16th in UTC: the worklist shows China's day.
        self.call("2026-02-17 00:30", outcome="refused", user=self.manager, override_reason="借款人来电")
        visit.invalidate_cache()
        self.assertEqual((visit.last_contact_date, visit.last_contact_outcome), ("2026-02-17", "refused"))

    def test_promise_due_today(self):
        self.call("2026-02-16 10:00", outcome="promise", promise_amount=5000, promise_date="2026-02-18")
        visit = self.task("visit", self.office)
        Task = self.env["collection.task"].sudo(self.office)
        with china_time("2026-02-17 23:59"):
            visit.invalidate_cache()
            self.assertFalse(visit.promise_due_today)
            self.assertNotIn(visit, Task.search([("promise_due_today", "=", True)]))
        with china_time("2026-02-18 00:01"):
            visit.invalidate_cache()
            self.assertTrue(visit.promise_due_today)
            self.assertIn(visit, Task.search([("promise_due_today", "=", True)]))


class TestFindContact(WorklistCase):

    def lose_contact(self, partner):
        partner.contact_point_ids.filtered(lambda p: p.relation == "self").write({"status": "unreachable"})

    def test_no_valid_number_gives_a_find_contact_task_instead_of_calls(self):
        self.lose_contact(self.borrower)
        with china_time("2026-02-17 06:00"):
            run = self.run_on("2026-02-17")
            again = self.run_on("2026-02-17")
        today = self.case.task_ids.filtered(lambda t: t.task_date == "2026-02-17")
        self.assertEqual(today.mapped("action"), ["find_contact"])
        find = today.sudo(self.office)
        self.assertEqual((find.name, find.user_id, find.state), ("Find Contact", self.office, "todo"))
        self.assertEqual(find.activity_id.summary, "Find a number to reach the debtor")
        self.assertEqual(again.tasks_created, 0)
        # The number offered is the relative's, to ask how to reach the debtor (never about the debt).
        self.assertEqual(find.call_number, "13900003333")
        context = find.action_log_contact()["context"]
        self.assertEqual((context["default_contact_point_id"], context["default_party"],
                          context["default_debtor_unreachable"]), (self.sister.id, "relative", True))
        self.assertTrue(run.tasks_created)

    def test_number_found_is_logged_added_and_called_the_next_day(self):
        self.lose_contact(self.borrower)
        with china_time("2026-02-17 06:00"):
            self.run_on("2026-02-17")
        find = self.case.task_ids.filtered(lambda t: t.action == "find_contact")
        with self.assertRaisesRegex(ValidationError, "Choose the number used"):
            self.call("2026-02-17 10:00", contact_point_id=False, task_id=find.id)
        log = self.call("2026-02-17 10:00", contact_point_id=False, task_id=find.id, outcome="rpc",
                        new_contact_value="137 0000 5555")
        found = log.contact_point_id
        self.assertEqual((found.value_normalized, found.relation, found.status), ("13700005555", "self", "valid"))
        self.assertEqual(log.contact_number, "13700005555")
        self.assertEqual(found.create_uid, self.office)  # added with the collector's own rights
        self.assertEqual(find.state, "done")
        with china_time("2026-02-18 06:00"):
            self.run_on("2026-02-18")
        tomorrow = self.case.task_ids.filtered(lambda t: t.task_date == "2026-02-18")
        self.assertIn("phone", tomorrow.mapped("action"))
        self.assertNotIn("find_contact", tomorrow.mapped("action"))
        call = tomorrow.filtered(lambda t: t.action == "phone").sudo(self.office)
        self.assertEqual(call.call_number, "137 0000 5555")

    def test_a_collector_adds_numbers_only_on_her_own_cases(self):
        with self.assertRaises(AccessError):
            self.call("2026-02-16 10:00", user=self.office2, contact_point_id=False,
                      new_contact_value="13700006666")
        self.assertFalse(self.Point.search([("value", "=", "13700006666")]))

    def test_run_query_count_does_not_grow_with_unreachable_debtors(self):
        def queries(lost):
            try:
                with self.env.cr.savepoint():
                    for n in range(lost):
                        debtor = self.env["res.partner"].create({"name": "失联借款人%s" % n})
                        self.make_contract(borrower=debtor, maturity="2026-05-15")
                    self.env["account.invoice"].recompute()
                    with china_time("2026-02-17 06:00"):
                        run = self.run_on("2026-02-17")
                    count = (run.query_count, self.env["collection.task"].search_count(
                        [("action", "=", "find_contact"), ("task_date", "=", "2026-02-17")]))
                    raise _Rollback(count)
            except _Rollback as result:
                self.env.cache.invalidate()
                return result.args[0]
        queries(1)  # the first run of the process fills the caches (xml ids, models): not counted
        one, three = queries(1), queries(3)
        self.assertEqual(three[1] - one[1], 2)  # (with the other cases in the database)
        self.assertEqual(one[0], three[0])


class TestContactDialog(WorklistCase):

    def test_log_contact_opens_the_dialog_whose_save_closes_it(self):
        action = self.task("phone", self.office).action_log_contact()
        dialog = self.env.ref("loan_collection.collection_contact_log_view_form_dialog")
        self.assertEqual((action["target"], action["views"]), ("new", [(dialog.id, "form")]))
        arch = etree.fromstring(self.Log.sudo(self.office).fields_view_get(dialog.id, "form")["arch"])
        self.assertEqual(arch.xpath("//footer/button[@type='object']/@name"), ["action_save"])
        self.assertFalse(arch.xpath("//header"))
        # The client creates the log, then calls the button: the dialog closes (the list behind reloads).
        log = self.call("2026-02-16 10:00")
        self.assertEqual(log.action_save(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(self.case.task_ids.filtered(lambda t: t.action == "phone").state, "done")

    def test_case_log_contact_uses_the_dialog_too(self):
        action = self.case.sudo(self.office).action_log_contact()
        self.assertEqual(action["views"][0][0],
                         self.env.ref("loan_collection.collection_contact_log_view_form_dialog").id)
