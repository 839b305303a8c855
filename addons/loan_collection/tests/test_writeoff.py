"""Write-off: finance requests with a reason, a collection manager (not the requester) approves;
credit notes settle the open installments, the case is written off and the contract closed."""
from odoo.exceptions import AccessError, UserError

from .test_recovery import RecoveryCase


class TestWriteoff(RecoveryCase):

    @classmethod
    def setUpClass(cls):
        super(TestWriteoff, cls).setUpClass()
        cls.run_on("2026-03-20")
        cls.contract.case_ids.sudo().write({"fees_amount": 800.0})
        cls.recover(500, "2026-03-20")  # costs 500 recovered, 300 still owed

    def request(self, user=None):
        return self.env["collection.writeoff"].sudo(user or self.finance).create({
            "case_id": self.case().id, "reason": "终结本次执行程序，无可供执行财产"})

    def test_manager_approves_and_the_installments_are_written_off(self):
        writeoff = self.request()
        self.assertEqual(writeoff.state, "requested")
        open_total = sum(self.contract.invoice_ids.filtered(lambda i: i.state == "open").mapped("residual"))
        writeoff.sudo(self.manager).action_approve()
        self.assertEqual(writeoff.state, "approved")
        self.assertEqual(writeoff.approved_by_id, self.manager)
        installments = self.contract.invoice_ids.filtered(lambda i: not i.recovery_id and i.type == "out_invoice")
        self.assertEqual(set(installments.mapped("state")), {"paid"})
        self.assertEqual(sum(installments.mapped("residual")), 0.0)
        refunds = writeoff.refund_ids.filtered(lambda i: i.type == "out_refund")
        self.assertEqual(len(refunds), 12)
        self.assertAlmostEqual(sum(refunds.mapped("amount_total")), open_total, places=2)
        self.assertEqual(set(refunds.mapped("state")), {"paid"})
        # The principal part goes to the write-off account, the interest part reverses interest income.
        first_refund = refunds.filtered(lambda r: r.refund_invoice_id == self.first)
        self.assertEqual(first_refund.invoice_line_ids.mapped("account_id"),
                         self.product.writeoff_account_id | self.product.interest_account_id)
        self.assertAlmostEqual(writeoff.amount_penalty, 175.92 + 26.65, places=2)
        self.assertEqual(writeoff.amount_costs, 300.0)
        self.assertAlmostEqual(writeoff.amount_total, open_total + 202.57 + 300, places=2)
        case = self.case()
        self.assertEqual((case.stage, case.is_open, case.total_due), ("written_off", False, 0.0))
        self.assertEqual(case.costs_outstanding, 0.0)
        self.assertEqual(self.contract.state, "closed")
        # The daily run neither reopens it nor opens a new case.
        self.run_on("2026-04-20")
        self.assertEqual(len(self.contract.case_ids), 1)
        self.assertEqual(case.stage, "written_off")

    def test_only_a_manager_other_than_the_requester_approves(self):
        writeoff = self.request()
        for user in (self.finance, self.office, self.field):
            with self.assertRaises(AccessError):
                writeoff.sudo(user).action_approve()
        self.assertEqual(writeoff.state, "requested")
        self.assertNotEqual(self.case().stage, "written_off")
        self.assertEqual(self.first.state, "open")
        # A manager who is also finance cannot approve his own request (four-eyes).
        both = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "t_both", "login": "t_both", "groups_id": [(6, 0, [
                self.env.ref("loan_collection.group_collection_manager").id,
                self.env.ref("loan_collection.group_loan_finance").id])]})
        writeoff.sudo(self.manager).action_refuse()
        self.assertEqual(writeoff.state, "refused")
        own = self.request(both)
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            own.sudo(both).action_approve()
        own.sudo(self.manager).action_approve()
        self.assertEqual(self.case().stage, "written_off")

    def test_request_needs_finance_and_a_reason(self):
        with self.assertRaises(AccessError):
            self.request(self.office)
        with self.assertRaises(AccessError):
            self.request(self.manager)
        with self.assertRaises(UserError):
            self.env["collection.writeoff"].sudo(self.finance).create({"case_id": self.case().id, "reason": " "})
        self.request()
        with self.assertRaisesRegex(UserError, "already has a write-off request"):
            self.request()
