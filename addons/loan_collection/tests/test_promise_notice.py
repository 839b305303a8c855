"""Promises to pay judged by the daily run, notices and their service, blacklisting on close,
and the hand-over to the legal team."""
from odoo.exceptions import AccessError, ValidationError

from .common import LoanCase


class TestPromises(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestPromises, cls).setUpClass()
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-16")
        cls.case = cls.contract.case_ids
        cls.first = cls.contract.invoice_ids.filtered(lambda i: i.installment_number == 1)
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111"})

    def promise(self, amount, date):
        self.env["collection.contact.log"].sudo(self.office).create({
            "case_id": self.case.id, "date": "2026-02-16 02:00:00", "channel": "phone", "party": "debtor",
            "contact_point_id": self.phone.id, "connected": True, "outcome": "promise",
            "promise_amount": amount, "promise_date": date})
        return self.case.promise_ids[0]

    def test_promise_needs_amount_and_date(self):
        with self.assertRaisesRegex(ValidationError, "amount and the date"):
            self.env["collection.contact.log"].sudo(self.office).create({
                "case_id": self.case.id, "channel": "phone", "contact_point_id": self.phone.id,
                "outcome": "promise"})

    def test_kept(self):
        promise = self.promise(10661.85, "2026-02-20")
        self.assertEqual(self.case.stage, "promised")
        self.first.pay_and_reconcile(self.bank_journal, date="2026-02-19")
        run = self.run_on("2026-02-20")
        self.assertEqual(promise.state, "kept")
        self.assertAlmostEqual(promise.amount_paid, 10661.85, places=2)
        self.assertGreaterEqual(run.promises_kept, 1)

    def test_partly_kept(self):
        promise = self.promise(10661.85, "2026-02-20")
        self.first.pay_and_reconcile(self.bank_journal, pay_amount=4000.0, date="2026-02-18")
        self.run_on("2026-02-20")
        self.assertEqual(promise.state, "open")  # the promised day is not over yet
        self.run_on("2026-02-21")
        self.assertEqual(promise.state, "partial")
        self.assertAlmostEqual(promise.amount_paid, 4000.0, places=2)
        self.assertEqual(self.case.stage, "contacting")

    def test_broken_raises_priority_and_tells_the_collector(self):
        promise = self.promise(10661.85, "2026-02-20")
        self.run_on("2026-02-20")
        before = self.case.priority_score
        # A payment after the promised day does not keep the promise.
        self.first.pay_and_reconcile(self.bank_journal, pay_amount=100.0, date="2026-02-21")
        self.run_on("2026-02-21")
        self.assertEqual(promise.state, "broken")
        self.assertEqual(self.case.broken_promise_count, 1)
        self.assertGreater(self.case.priority_score, before)
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("loan_collection.mail_activity_type_broken_promise"))
        self.assertEqual(activity.user_id, self.office)


class TestNoticesAndClosure(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestNoticesAndClosure, cls).setUpClass()
        cls.contract = cls.make_contract(guarantor_role="guarantor")
        cls.run_on("2026-02-22")
        cls.case = cls.contract.case_ids

    def test_notice_generated_and_service_updates_the_last_demand_date(self):
        self.case.sudo(self.field).action_generate_notice()
        notice = self.case.notice_ids
        self.assertEqual((notice.kind, notice.partner_id, notice.state), ("overdue_notice", self.borrower, "draft"))
        self.assertTrue(notice.attachment_id.datas)
        self.assertAlmostEqual(notice.amount_demanded, self.case.total_due, places=2)
        notice.date_generated = "2026-02-22"
        with self.assertRaisesRegex(ValidationError, "before it was generated"):
            notice.action_record_service("2026-02-21", "in_person")
        notice.sudo(self.field).action_record_service("2026-02-23", "post", tracking_number="EMS1234567890")
        self.assertEqual(notice.state, "served")
        self.assertEqual(self.case.last_demand_date, "2026-02-23")
        self.assertEqual(self.case.stage, "notice")
        self.assertIn("2026-02-23", self.case._limitation_interruptions())
        self.assertEqual(self.case.task_ids.filtered(lambda t: t.action == "notice").state, "done")

    def test_guarantor_demand_letters(self):
        self.case.action_generate_guarantor_demands()
        demand = self.case.notice_ids
        self.assertEqual((demand.kind, demand.partner_id), ("guarantor_demand", self.guarantor))
        demand.date_generated = "2026-02-22"
        demand.action_record_service("2026-02-23", "in_person")
        self.assertEqual(self.case.last_demand_date, "2026-02-23")
        self.assertEqual(self.case.stage, "new")  # a guarantor demand is not the debtor's notice

    def test_blacklisted_when_settled_after_more_than_90_days(self):
        first = self.contract.invoice_ids.filtered(lambda i: i.installment_number == 1)
        self.run_on("2026-05-17")  # installments 1 to 4 unpaid: the first is 91 days overdue
        self.assertEqual(first.days_overdue, 91)
        for invoice in self.contract.invoice_ids.filtered(lambda i: i.date_due < "2026-05-17"):
            invoice.pay_and_reconcile(self.bank_journal, date="2026-05-17")
        run = self.run_on("2026-05-18")
        self.assertEqual(self.case.stage, "settled")
        self.assertGreaterEqual(run.partners_blacklisted, 1)
        self.assertTrue(self.borrower.is_blacklisted)
        self.assertIn(self.case.name, self.borrower.blacklist_reason)
        self.assertEqual(self.borrower.blacklist_date, "2026-05-18")

    def test_not_blacklisted_after_a_short_delay(self):
        for invoice in self.contract.invoice_ids.filtered(lambda i: i.date_due < "2026-02-22"):
            invoice.pay_and_reconcile(self.bank_journal, date="2026-02-23")
        self.run_on("2026-02-24")
        self.assertEqual(self.case.stage, "settled")
        self.assertFalse(self.borrower.is_blacklisted)

    def test_transfer_to_legal_stops_reminders(self):
        with self.assertRaises(AccessError):
            self.case.sudo(self.office).action_transfer_to_legal()
        self.case.sudo(self.manager).action_transfer_to_legal()
        self.assertEqual(self.case.stage, "legal")
        self.assertTrue(all(self.contract.invoice_ids.filtered(lambda i: i.state == "open").mapped("in_litigation")))
        self.assertFalse(self.case.task_ids.filtered(lambda t: t.state == "todo"))
        run = self.run_on("2026-03-20")  # installment 2 falls overdue meanwhile
        self.assertEqual(len(self.contract.case_ids), 1)
        self.assertFalse(self.env["collection.task"].search(
            [("contract_id", "=", self.contract.id), ("task_date", "=", "2026-03-20")]))
        self.assertTrue(run)
