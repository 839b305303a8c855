"""Issue 11, finding 10 (a, b): a NUL character is refused with a message on every model (it gave an
HTTP 500), texts of the addons' models and of partners are bounded, and the daily run started over
RPC answers plain data (it committed, then answered a Fault: a recordset cannot be marshalled)."""
import xmlrpc.client

import odoo
from odoo.exceptions import ValidationError

from odoo.addons.loan_collection.models import base_input_guard

from .common import LoanCase, china_time


class TestInputGuard(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestInputGuard, cls).setUpClass()
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-23")
        cls.case = cls.contract.case_ids

    def refused(self, pattern, call, *args):
        with self.assertRaisesRegex(ValidationError, pattern), self.env.cr.savepoint():
            call(*args)

    def test_nul_refused_on_create_and_write_of_every_model(self):
        Partner = self.env["res.partner"]
        before = Partner.search_count([])
        self.refused("Name contains a NUL character", Partner.create, {"name": "测试\x00借款人"})
        self.assertEqual(Partner.search_count([]), before)
        case = self.case.sudo(self.manager)
        self.refused("NUL character", case.write, {"overdue_reason_detail": "失业\x00"})
        self.assertFalse(self.case.overdue_reason_detail)
        # Not only the addons' models: a journal of Odoo's accounting too.
        journal = self.bank_journal
        self.refused("NUL character", journal.write, {"name": "Bank\x00"})
        self.assertNotIn("\x00", journal.name)

    def test_nul_refused_in_a_search(self):
        self.refused("search for Name contains a NUL", self.env["res.partner"].search, [("name", "=", "a\x00")])
        self.refused("NUL", self.env["collection.case"].sudo(self.office).search_count,
                     [("name", "in", ["x", "y\x00"])])

    def test_texts_bounded(self):
        case = self.case.sudo(self.manager)
        self.refused(r"Reason Details is too long \(5000000 characters; at most 20000\)",
                     case.write, {"overdue_reason_detail": "欠" * 5000000})
        self.assertFalse(self.case.overdue_reason_detail)
        case.write({"overdue_reason_detail": "欠" * base_input_guard.TEXT_LIMIT})
        self.assertEqual(len(self.case.overdue_reason_detail), base_input_guard.TEXT_LIMIT)
        Partner = self.env["res.partner"]
        self.refused("too long .*at most 1000", Partner.create, {"name": "甲" * 1001})
        self.refused("too long .*at most 20000", self.borrower.write, {"comment": "x" * 20001})
        # Another addon's model is not bounded (only NUL is refused there).
        self.bank_journal.write({"name": "B" * 1500})

    def test_dates_and_choices_checked_with_the_field_named(self):
        # Security review: a bad date or choice over RPC reached the user as a bare ValueError ("Odoo
        # Server Error") from the ORM or PostgreSQL, naming no field.
        contract = self.make_contract(activate=False).sudo(self.manager)
        self.refused(r"Signed On: 2026-13-45 is not a date\. Give it as YYYY-MM-DD", contract.write,
                     {"date_signed": "2026-13-45"})
        self.refused("Signed On: 昨天 is not a date", contract.write, {"date_signed": "昨天"})
        self.refused(r"Repayment Method: weekly is not one of the choices \(.*Equal Installments", contract.write,
                     {"repayment_method": "weekly"})
        self.assertEqual((contract.date_signed, contract.repayment_method), (False, "equal_installment"))
        # What the ORM accepts still is: a date, a datetime's date part, an empty value.
        contract.write({"date_signed": "2026-01-10", "repayment_method": "bullet"})
        contract.write({"date_signed": "2026-01-11 00:00:00"})
        contract.write({"date_signed": False})
        self.assertEqual((contract.date_signed, contract.repayment_method), (False, "bullet"))
        self.refused("Overdue Reason: bored is not one of the choices", self.case.sudo(self.office).write,
                     {"overdue_reason": "bored"})

    def test_daily_run_over_rpc_answers_plain_data(self):
        Run = self.env["collection.run"].sudo(self.manager)
        # (on that day: a user runs no day before the last run)
        clock = china_time("2026-02-24 10:00")
        clock.__enter__()
        self.addCleanup(clock.__exit__, None, None, None)
        result = odoo.api.call_kw(Run, "run", ["2026-02-24"], {})
        self.assertIsInstance(result, int)
        xmlrpc.client.dumps((result,), allow_none=True)  # what the XML-RPC endpoint answers
        self.assertEqual(Run.browse(result).date, "2026-02-24")
        result = odoo.api.call_kw(self.env["collection.case"].sudo(self.manager), "run_daily", ["2026-02-24"], {})
        self.assertIsInstance(result, int)
        xmlrpc.client.dumps((result,), allow_none=True)
        # Python callers keep the record.
        run = self.env["collection.case"].run_daily("2026-02-24")
        self.assertEqual(run._name, "collection.run")
