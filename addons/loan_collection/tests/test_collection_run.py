"""The loan-to-case flow: schedule as invoices, the daily run (days, buckets, penalty
interest, opening and closing cases, worklist), idempotence, locking and access rules."""
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.addons.loan_collection.models.sparse_indexes import SPARSE_REFERENCES
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import LoanCase, china_time


class TestSchedule(LoanCase):

    def test_schedule_as_open_invoices_with_principal_and_interest_lines(self):
        contract = self.make_contract()
        installments = contract.invoice_ids.sorted("installment_number")
        self.assertEqual(contract.state, "active")
        self.assertEqual(len(installments), 12)
        self.assertEqual(set(installments.mapped("state")), {"open"})
        first = installments[0]
        self.assertEqual(first.date_due, "2026-02-15")
        self.assertEqual(first.amount_total, 10661.85)
        self.assertEqual(sorted(first.invoice_line_ids.mapped("price_subtotal")), [1200.0, 9461.85])
        self.assertEqual(first.invoice_line_ids.mapped("account_id"),
                         self.product.principal_account_id | self.product.interest_account_id)
        self.assertAlmostEqual(sum(installments.mapped("principal_amount")), 120000.0, places=2)
        self.assertEqual(contract.overdue_rate, 18.0)  # 12 % x the product's factor 1.5

    def test_a_new_installment_is_current_and_the_run_writes_only_the_due_ones(self):
        """An installment is created not overdue (0 days, 未逾期): the first daily run writes the
        one that is due and leaves the eleven others' rows as they were (same tuple: no UPDATE)."""
        contract = self.make_contract()
        installments = contract.invoice_ids.sorted("installment_number")
        self.assertEqual(set(installments.mapped("days_overdue")), {0})
        self.assertEqual(set(installments.mapped("aging_bucket")), {"current"})
        # As the web client shows it to a Chinese user.
        labels = dict(self.env["account.invoice"].with_context(lang="zh_CN").fields_get(
            ["aging_bucket"])["aging_bucket"]["selection"])
        self.assertEqual(labels["current"], "未逾期")

        def tuples():
            self.env.cr.execute("SELECT id, ctid::text FROM account_invoice WHERE id IN %s", (tuple(installments.ids),))
            return dict(self.env.cr.fetchall())

        before = tuples()
        self.run_on("2026-02-20")  # the first installment (due 2026-02-15) is 5 days overdue
        after = tuples()
        self.assertEqual([i.installment_number for i in installments if after[i.id] != before[i.id]], [1])
        self.env.cache.invalidate()
        self.assertEqual((installments[0].days_overdue, installments[0].aging_bucket), (5, "4-6"))
        self.assertEqual(set(installments[1:].mapped("aging_bucket")), {"current"})

    def test_the_runs_daily_columns_leave_its_updates_hot(self):
        """The daily run rewrites days, bucket and penalty of every overdue installment each day: no
        index of account_invoice may hold one of them (key, expression or predicate), or no such
        update can be HOT and each rewrites all the table's indexes, and its pages keep room for
        the new versions (fillfactor). make bench measures the time; this keeps the conditions."""
        daily = {"days_overdue", "aging_bucket", "penalty_interest", "penalty_date", "penalty_accrued",
                 "penalty_segment_start", "penalty_segment_base"}
        cr = self.env.cr
        cr.execute("""
            SELECT ix.relname, a.attname
              FROM pg_index x
              JOIN pg_class ix ON ix.oid = x.indexrelid
              JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE x.indrelid = 'account_invoice'::regclass
               AND (a.attnum = ANY(x.indkey)
                    OR pg_get_expr(x.indexprs, x.indrelid) ~ ('\\m' || a.attname || '\\M')
                    OR pg_get_expr(x.indpred, x.indrelid) ~ ('\\m' || a.attname || '\\M'))
        """)
        indexed = cr.fetchall()
        self.assertIn("loan_contract_id", {column for _index, column in indexed})  # the query finds them
        self.assertEqual([(index, column) for index, column in indexed if column in daily], [])
        cr.execute("SELECT reloptions FROM pg_class WHERE oid = 'account_invoice'::regclass")
        self.assertIn("fillfactor=70", cr.fetchone()[0] or [])

    def test_the_rare_references_are_indexed_where_set(self):
        """The references few rows have (sparse_indexes.py) have one index each, of the rows where they
        are set (an update that is not HOT adds no entry to it), and a lookup by one uses it."""
        cr = self.env.cr
        for table, columns in SPARSE_REFERENCES.items():
            for column in columns:
                cr.execute("""
                    SELECT ix.relname, pg_get_expr(x.indpred, x.indrelid) FROM pg_index x
                      JOIN pg_class ix ON ix.oid = x.indexrelid
                      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey)
                     WHERE x.indrelid = %s::regclass AND a.attname = %s
                """, (table, column))
                self.assertEqual(cr.fetchall(), [("%s_%s_set_index" % (table, column), "(%s IS NOT NULL)" % column)])
        cr.execute("SET enable_seqscan = off")  # the tables are small here
        try:
            cr.execute("EXPLAIN SELECT id FROM account_invoice WHERE writeoff_id = 7")
            plan = " ".join(row[0] for row in cr.fetchall())
        finally:
            cr.execute("RESET enable_seqscan")
        self.assertIn("account_invoice_writeoff_id_set_index", plan)

    def test_schedule_refused_twice(self):
        contract = self.make_contract()
        with self.assertRaisesRegex(UserError, "already has installments"):
            contract.action_generate_schedule()

    def test_maturity_before_disbursement_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be after the disbursement"):
            self.make_contract(disbursed="2026-05-01", maturity="2026-04-01", activate=False)

    def test_blacklisted_borrower_needs_a_manager(self):
        self.borrower.action_blacklist("逾期超过90天")
        contract = self.make_contract(activate=False)
        with self.assertRaisesRegex(UserError, "blacklisted"):
            contract.sudo(self.finance).action_activate()
        self.assertEqual(contract.state, "draft")
        contract.sudo(self.manager).action_activate()
        self.assertEqual(contract.state, "active")


class TestDailyRun(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestDailyRun, cls).setUpClass()
        # A debtor with a valid number gets his calls (without one: a find-contact task, test_worklist.py).
        cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.first = cls.contract.invoice_ids.filtered(lambda i: i.installment_number == 1)

    def case(self):
        return self.contract.case_ids

    def test_the_run_checks_the_cases_keys_once_when_its_steps_are_done(self):
        """The run defers the foreign keys of the cases while its steps write (collection_case_keys.py: a
        case it opens is written four times and checked once) and checks them before it returns. Every
        other statement is checked at its end, as before: the keys are DEFERRABLE INITIALLY IMMEDIATE."""
        cr = self.env.cr
        cr.execute("""
            SELECT count(*), count(*) FILTER (WHERE condeferrable AND NOT condeferred) FROM pg_constraint
             WHERE conrelid = 'collection_case'::regclass AND contype = 'f'
        """)
        keys, deferrable = cr.fetchone()
        self.assertGreaterEqual(keys, 12)
        self.assertEqual(deferrable, keys)
        cr.execute("SELECT max(id) + 1 FROM res_partner")
        nobody = cr.fetchone()[0]
        written = []
        Run = type(self.env["collection.run"])
        after_run = Run._after_run

        def after_run_with_a_bad_key(run, date, opened, closed):
            after_run(run, date, opened, closed)
            run.env.cr.execute("UPDATE collection_case SET partner_id = %s WHERE id = ANY(%s)", (nobody, opened))
            written.append(opened)  # the statement itself was let through

        with patch.object(Run, "_after_run", after_run_with_a_bad_key), mute_logger("odoo.sql_db"):
            with self.assertRaises(IntegrityError), cr.savepoint():
                self.run_on("2026-02-16")
        self.assertEqual(len(written), 1)
        self.assertTrue(written[0])  # the cases it opened
        self.env.cache.invalidate()
        self.assertFalse(self.case())  # nothing of the refused run is left
        self.run_on("2026-02-16")
        case = self.case()
        self.assertEqual(case.partner_id, self.borrower)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), cr.savepoint():
            cr.execute("UPDATE collection_case SET partner_id = %s WHERE id = %s", (nobody, case.id))  # at once

    def test_before_due_no_case_but_a_reminder(self):
        self.run_on("2026-02-12")  # 3 days before the due date
        self.assertFalse(self.case())
        self.assertEqual(self.first.days_overdue, 0)  # not overdue yet
        self.assertEqual(self.first.aging_bucket, "current")
        reminder = self.env["collection.task"].search([("invoice_id", "=", self.first.id)])
        self.assertEqual(reminder.mapped("action"), ["sms"])
        self.assertEqual(reminder.user_id, self.office)
        # Once the installment is overdue, the case takes over: the reminder is no longer to do.
        self.run_on("2026-02-16")
        self.assertEqual(reminder.state, "expired")
        self.assertFalse(reminder.activity_id)

    def test_case_opened_the_day_after_due_with_first_visit_and_call(self):
        run = self.run_on("2026-02-16")
        case = self.case()
        self.assertEqual(len(case), 1)
        self.assertEqual(case.stage, "new")
        self.assertEqual((case.days_overdue, case.aging_bucket), (1, "1-3"))
        self.assertEqual(self.first.collection_case_id, case)
        self.assertEqual(case.party_ids, self.borrower | self.guarantor)
        self.assertEqual(case.office_user_id, self.office)
        tasks = case.task_ids
        self.assertEqual(sorted(tasks.mapped("action")), ["phone", "visit"])
        self.assertEqual(tasks.filtered(lambda t: t.action == "visit").user_id, self.field)
        self.assertEqual(tasks.filtered(lambda t: t.action == "phone").user_id, self.office)
        self.assertTrue(all(t.activity_id.user_id == t.user_id for t in tasks))
        self.assertEqual(case.next_step_id.action, "visit")
        self.assertGreaterEqual(run.cases_opened, 1)
        self.assertEqual(self.borrower.times_overdue, 1)
        self.assertAlmostEqual(self.borrower.total_overdue, 10661.85, places=2)

    def test_two_cases_of_one_debtor_on_one_day_count_twice(self):
        """The debtor's count of cases goes up by the cases opened for him that day (written with his
        totals, collection_run_cases._update_partners), and a run of the same day again adds none."""
        second = self.make_contract(principal=60000)
        self.run_on("2026-02-16")
        self.assertEqual(len((self.contract | second).mapped("case_ids")), 2)
        self.assertEqual(self.borrower.times_overdue, 2)
        self.run_on("2026-02-16")
        self.borrower.invalidate_cache(["times_overdue"])
        self.assertEqual(self.borrower.times_overdue, 2)

    def test_buckets_at_the_edges(self):
        for date, days, bucket in (("2026-02-18", 3, "1-3"), ("2026-02-19", 4, "4-6"), ("2026-02-21", 6, "4-6"),
                                   ("2026-02-22", 7, "7-30"), ("2026-03-17", 30, "7-30")):
            self.run_on(date)
            self.assertEqual((self.first.days_overdue, self.first.aging_bucket), (days, bucket), date)
        # The second installment (due 2026-03-15) is 2 days overdue on 2026-03-17: the case shows the worst.
        second = self.contract.invoice_ids.filtered(lambda i: i.installment_number == 2)
        self.assertEqual((second.days_overdue, second.aging_bucket), (2, "1-3"))
        self.assertEqual((self.case().days_overdue, self.case().aging_bucket), (30, "7-30"))

    def test_bucket_edges_are_configuration(self):
        self.env["ir.config_parameter"].sudo().set_param("loan_collection.aging_bucket_edges", "5,15")
        self.run_on("2026-02-21")
        self.assertEqual(self.first.aging_bucket, "6-15")
        self.env["ir.config_parameter"].sudo().set_param("loan_collection.aging_bucket_edges", "15,5")
        with self.assertRaisesRegex(UserError, "not valid"):
            self.run_on("2026-02-22")

    def test_penalty_interest_accrues_at_the_overdue_rate(self):
        self.run_on("2026-02-16")
        # 10661.85 x 18% / 360 x 1 day = 5.330925 -> 5.33
        self.assertAlmostEqual(self.first.penalty_interest, 5.33, places=2)
        self.run_on("2026-02-25")
        # + 9 days: 10661.85 x 18% x 9 / 360 = 47.978325 -> 47.98; total 53.31
        self.assertAlmostEqual(self.first.penalty_interest, 53.31, places=2)
        self.assertEqual(self.first.penalty_date, "2026-02-25")
        case = self.case()
        self.assertAlmostEqual(case.penalty_interest, 53.31, places=2)
        # Overdue principal and interest are split from the residual: interest 1200.00, principal 9461.85.
        self.assertAlmostEqual(case.overdue_principal, 9461.85, places=2)
        self.assertAlmostEqual(case.overdue_interest, 1200.0, places=2)
        self.assertAlmostEqual(case.total_due, 9461.85 + 1200.0 + 53.31, places=2)

    def test_second_run_for_the_same_date_changes_nothing(self):
        self.run_on("2026-02-23")
        case = self.case()

        def snapshot():
            self.env.cache.invalidate()
            return (case.read()[0], self.contract.invoice_ids.read(
                        ["days_overdue", "aging_bucket", "penalty_interest", "write_date", "collection_case_id"]),
                    case.task_ids.read(["state", "write_date", "activity_id"]), len(case.message_ids),
                    self.borrower.read(["total_overdue", "worst_days_overdue", "times_overdue"]))

        before = snapshot()
        again = self.run_on("2026-02-23")
        self.assertEqual(snapshot(), before)
        self.assertEqual((again.installments_updated, again.cases_opened, again.cases_closed,
                          again.cases_updated, again.tasks_created, again.tasks_expired), (0, 0, 0, 0, 0, 0))

    def test_daily_tasks_expire_and_once_tasks_stay(self):
        self.run_on("2026-02-16")
        self.run_on("2026-02-17")
        tasks = self.case().task_ids
        visit = tasks.filtered(lambda t: t.action == "visit")
        calls = tasks.filtered(lambda t: t.action == "phone").sorted("task_date")
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.state, "todo")
        self.assertEqual(calls.mapped("state"), ["expired", "todo"])
        self.assertFalse(calls[0].activity_id)

    def test_case_settled_when_nothing_is_overdue(self):
        self.run_on("2026-02-20")
        case = self.case()
        self.first.pay_and_reconcile(self.bank_journal, date="2026-02-24")
        self.assertEqual(self.first.state, "paid")
        run = self.run_on("2026-02-25")
        self.assertEqual(case.stage, "settled")
        self.assertFalse(case.is_open)
        self.assertEqual(case.date_closed, "2026-02-25")
        self.assertGreaterEqual(run.cases_closed, 1)
        self.assertEqual(set(case.task_ids.mapped("state")) - {"expired"}, {"cancelled"})
        self.assertAlmostEqual(case.recovered_amount, 10661.85, places=2)
        self.assertIn("settled", case.message_ids[0].body)
        # The next installment falling overdue opens a new case.
        self.run_on("2026-03-16")
        self.assertEqual(len(self.contract.case_ids), 2)
        self.assertEqual(self.borrower.times_overdue, 2)

    def test_partial_payment_keeps_the_case_open(self):
        self.run_on("2026-02-20")
        self.first.pay_and_reconcile(self.bank_journal, pay_amount=5000.0, date="2026-02-24")
        self.run_on("2026-02-25")
        case = self.case()
        self.assertTrue(case.is_open)
        # 5000 paid: interest (1200) first, then principal, so 5661.85 of principal is left.
        self.assertAlmostEqual(case.overdue_interest, 0.0, places=2)
        self.assertAlmostEqual(case.overdue_principal, 5661.85, places=2)
        self.assertAlmostEqual(case.recovered_amount, 5000.0, places=2)

    def test_two_runs_at_once_cannot_both_write(self):
        self.run_on("2026-02-16")  # this transaction now holds the run's lock
        with self.registry.cursor() as other_cr:
            other = self.env(cr=other_cr)
            with self.assertRaisesRegex(UserError, "in progress"):
                other["collection.case"].run_daily("2026-02-16")

    def test_only_managers_start_the_run(self):
        with self.assertRaises(AccessError):
            self.env["collection.case"].sudo(self.office).run_daily("2026-02-16")
        # (on that day: a user runs no day before the last run)
        with china_time("2026-02-16 10:00"):
            self.env["collection.case"].sudo(self.manager).run_daily("2026-02-16")
        self.assertTrue(self.case())


class TestAccess(LoanCase):

    def test_collector_sees_only_own_cases(self):
        mine = self.make_contract()
        other_borrower = self.env["res.partner"].create({"name": "另一借款人"})
        theirs = self.make_contract(borrower=other_borrower, office=self.office2)
        self.run_on("2026-02-16")
        Case = self.env["collection.case"]
        self.assertEqual(Case.sudo(self.office).search([("contract_id", "in", (mine | theirs).ids)]), mine.case_ids)
        with self.assertRaises(AccessError):
            theirs.case_ids.sudo(self.office).read(["total_due"])
        with self.assertRaises(AccessError):
            theirs.sudo(self.office).read(["principal"])
        with self.assertRaises(AccessError):
            theirs.invoice_ids[0].sudo(self.office).read(["residual"])
        # The manager sees both, a user outside the collection groups none.
        self.assertEqual(len(Case.sudo(self.manager).search([("contract_id", "in", (mine | theirs).ids)])), 2)
        with self.assertRaises(AccessError):
            Case.sudo(self.plain).search([])
        # The collector's worklist holds only his tasks.
        tasks = self.env["collection.task"].sudo(self.office2).search([("contract_id", "in", (mine | theirs).ids)])
        self.assertEqual(tasks.mapped("case_id"), theirs.case_ids)

    def test_identity_number_only_for_the_groups_that_need_it(self):
        self.assertEqual(self.borrower.sudo(self.manager).read(["identity_number"])[0]["identity_number"],
                         "110105198503120012")
        with self.assertRaises(AccessError):
            self.borrower.sudo(self.office).read(["identity_number"])


class TestIdentity(LoanCase):

    def test_resident_id_checked(self):
        partner = self.env["res.partner"].create({"name": "甲", "identity_type": "resident_id",
                                                  "identity_number": " 330106197908060022 "})
        self.assertEqual(partner.identity_number, "330106197908060022")
        self.assertEqual(partner.birth_date, "1979-08-06")
        with self.assertRaisesRegex(ValidationError, "check character"):
            partner.identity_number = "330106197908060023"
        with self.assertRaisesRegex(ValidationError, "18 characters"):
            partner.identity_number = "33010619790806002"
        with self.assertRaisesRegex(ValidationError, "birth date"):
            partner.identity_number = "330106199902310020"

    def test_credit_code_checked(self):
        company = self.env["res.partner"].create({"name": "某某公司", "is_company": True,
                                                  "identity_type": "credit_code",
                                                  "identity_number": "91350100M000100Y43"})
        self.assertEqual(company.identity_number, "91350100M000100Y43")
        with self.assertRaisesRegex(ValidationError, "check character"):
            company.identity_number = "91350100M000100Y44"
        with self.assertRaisesRegex(ValidationError, "not allowed"):
            company.identity_number = "91350100I000100Y43"


class TestSettings(LoanCase):

    def test_settings_are_saved_and_used(self):
        settings = self.env["res.config.settings"].create({
            "loan_aging_bucket_edges": "5,15", "loan_quiet_start": 21, "loan_quiet_end": 9,
            "loan_max_connected_per_day": 2, "loan_max_attempts_per_number": 5, "loan_min_visit_staff": 3,
            "loan_blacklist_days": 60})
        settings.execute()
        fresh = self.env["res.config.settings"].create({})
        self.assertEqual((fresh.loan_aging_bucket_edges, fresh.loan_quiet_start, fresh.loan_blacklist_days),
                         ("5,15", 21, 60))
        limits = self.env["collection.contact.log"]._conduct_limits()
        self.assertEqual(tuple(limits), (21, 9, 2, 5, 3))

    def test_bad_settings_refused(self):
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self.env["res.config.settings"].create({"loan_aging_bucket_edges": "30,6"})
        with self.assertRaisesRegex(ValidationError, "Quiet hours"):
            self.env["res.config.settings"].create({"loan_quiet_start": 7, "loan_quiet_end": 8})
