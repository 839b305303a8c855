"""The collectors' record rules as one sub-select (models/collector_scope.py, issue 14): each
collector still sees exactly the records of his own cases, and the rule no longer carries the
list of his case ids into the query."""
from odoo.exceptions import AccessError, UserError

from .common import LoanCase


class TestCollectorScope(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestCollectorScope, cls).setUpClass()
        cls.mine = cls.make_contract()
        cls.other_borrower = cls.env["res.partner"].create({"name": "测试借款人丙"})
        cls.theirs = cls.make_contract(borrower=cls.other_borrower, office=cls.office2, field=cls.office2)
        cls.run_on("2026-03-20")  # both contracts overdue: a case each, with tasks
        cls.my_case = cls.mine.case_ids
        cls.their_case = cls.theirs.case_ids

    def test_each_collector_sees_his_own_records_only(self):
        self.assertEqual(len(self.my_case), 1)
        for user, case, other in ((self.office, self.my_case, self.their_case),
                                  (self.office2, self.their_case, self.my_case)):
            ours = self.mine | self.theirs
            self.assertEqual(self.env["loan.contract"].sudo(user).search([("id", "in", ours.ids)]),
                             case.contract_id)
            invoices = self.env["account.invoice"].sudo(user).search(
                [("loan_contract_id", "in", ours.ids)])
            self.assertTrue(invoices)
            self.assertEqual(invoices.mapped("collection_case_id"), case)
            tasks = self.env["collection.task"].sudo(user).search([("contract_id", "in", ours.ids)])
            self.assertTrue(tasks)
            self.assertEqual(tasks.mapped("case_id"), case)
            guarantees = self.env["loan.guarantee"].sudo(user).search([("contract_id", "in", ours.ids)])
            self.assertEqual(guarantees.mapped("contract_id"), case.contract_id)
            with self.assertRaises(AccessError):
                other.contract_id.sudo(user).read(["name"])
        # The field collector of the first case sees it through field_user_id.
        self.assertEqual(self.env["collection.task"].sudo(self.field).search(
            [("contract_id", "in", (self.mine | self.theirs).ids)]).mapped("case_id"), self.my_case)

    def test_the_rule_carries_no_list_of_case_ids(self):
        clause, params, _tables = self.env["ir.rule"].sudo(self.office).domain_get("account.invoice")
        sql = " ".join(clause)
        self.assertIn("SELECT id FROM collection_case WHERE office_user_id = %s OR field_user_id = %s", sql)
        self.assertNotIn(self.my_case.id, [p for p in params if p != self.office.id])

    def test_only_the_rule_form_is_searchable(self):
        with self.assertRaises(UserError):
            self.env["collection.task"].search([("collector_ids", "in", [self.office.id])])
        task = self.my_case.task_ids.filtered(lambda t: t.user_id == self.office)[:1]
        self.assertTrue(task)
        self.assertEqual(task.collector_ids, self.office | self.field)
