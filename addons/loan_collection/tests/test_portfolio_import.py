"""The portfolio imported in the background (loan.portfolio.import): contracts, debtors and
installments, paid ones settled; a bad row rejects its whole contract; chunks fail and resume;
the bulk-written invoices are what the ORM makes."""
import base64
import csv
import io
import os
from decimal import Decimal
from unittest import mock

from odoo.exceptions import AccessError

from ..models import loan_portfolio_import
from ..services import identity
from .common import LoanCase, china_time

HEADER = ["合同编号", "借款人", "借款人证件号码", "借款人电话", "产品代码", "合同金额", "年利率", "逾期利率", "还款方式", "放款日",
          "合同到期日", "实际放款金额", "实际放款日", "保证人", "保证人证件号码", "保证方式", "期数", "应还日期", "应还本金", "应还利息", "已还本金",
          "已还利息", "还款日期"]


def resident_id(serial):
    """A valid resident ID number (GB 11643 check character) for a fictitious person."""
    first17 = "33010619800101%03d" % serial
    return first17 + identity.resident_id_check_char(first17)


def contract_rows(number, borrower_serial, paid=(), guarantor_serial=None, principal=30000, months=3, change=None):
    """The rows of a contract of `months` equal principal parts at 1 % a month interest;
    `paid`: {installment: (principal paid, interest paid)}."""
    rows = []
    part = principal / months
    for n in range(1, months + 1):
        paid_p, paid_i = dict(paid).get(n, (0, 0))
        row = {"合同编号": number, "借款人": "测试导入人%s" % borrower_serial, "借款人证件号码": resident_id(borrower_serial),
               "借款人电话": "1380000%04d" % borrower_serial, "产品代码": "GUAR", "合同金额": principal, "年利率": 12, "逾期利率": "",
               "还款方式": "等额本金", "放款日": "2025-10-15", "合同到期日": "2026-0%s-15" % (months + 0),
               "保证人": "测试保证人%s" % guarantor_serial if guarantor_serial else "",
               "保证人证件号码": resident_id(guarantor_serial) if guarantor_serial else "",
               "保证方式": "连带责任保证" if guarantor_serial else "",
               "期数": n, "应还日期": "2025-%s-15" % (10 + n) if n < 3 else "2026-0%s-15" % (n - 2),
               "应还本金": "%.2f" % part, "应还利息": "%.2f" % (principal * 0.01),
               "已还本金": paid_p or "", "已还利息": paid_i or "", "还款日期": "2025-11-14" if (paid_p or paid_i) else ""}
        row.update((change or {}).get(n, {}))
        rows.append(row)
    return rows


def csv_file(rows):
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return base64.b64encode(stream.getvalue().encode("utf-8"))


class TestPortfolioImport(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestPortfolioImport, cls).setUpClass()
        cls.product.code = "GUAR"
        cls.env = cls.env(context=dict(cls.env.context, test_queue_job_no_delay=True))
        # The reasons are written in the requester's language: English here, Chinese in the test below.
        cls.env.ref("base.lang_en").active = True
        cls.finance.lang = "en_US"

    def start(self, rows, user=None):
        record = self.env["loan.portfolio.import"].sudo(user or self.finance).create({
            "file": csv_file(rows), "filename": "book.csv", "payment_journal_id": self.bank_journal.id})
        with china_time("2026-03-20 10:00"):
            record.action_start()
        return record.sudo()

    def contract(self, number):
        return self.env["loan.contract"].search([("name", "=", number)])

    def test_reasons_in_the_requesters_language_not_the_job_runners(self):
        """The job runner's request carries en_US (it has no browser): the reasons are written in
        the language of the finance user who started the import."""
        self.finance.lang = "zh_CN"
        self.env = self.env(context=dict(self.env.context, lang="en_US"))
        record = self.start(contract_rows("IMP-LANG", 1, change={2: {"应还日期": "2025-13-45"}}))
        reasons = {r.row_number: r.reason for r in record.rejection_ids}
        self.assertEqual(reasons[2], "合同 IMP-LANG 因第 3 行有误被整体拒绝")
        self.assertIn("无法识别", reasons[3])

    def test_good_file_imported_bad_contract_left_out(self):
        rows = (contract_rows("IMP-001", 1, paid={1: (10000, 300), 2: (4000, 0)}, guarantor_serial=2)
                + contract_rows("IMP-002", 3, change={2: {"应还日期": "2025-13-45"}})
                + contract_rows("IMP-003", 2))
        draft = self.env["loan.portfolio.import"].sudo(self.finance).create({
            "file": csv_file(rows), "filename": "book.csv", "payment_journal_id": self.bank_journal.id})
        self.assertFalse(draft.date_started)
        with china_time("2026-03-20 10:00"):
            draft.action_start()
        record = draft.sudo()
        self.assertEqual((record.state, record.message), ("done", False))
        self.assertEqual(record.progress, 100.0)
        # Started when Start Import was pressed (10:00 in China, 02:00 UTC as stored), not when created.
        self.assertEqual(record.date_started, "2026-03-20 02:00:00")
        with self.assertRaises(AccessError):
            draft.write({"date_started": "2026-01-01 00:00:00"})
        self.assertEqual((record.imported_contracts, record.imported_installments, record.rejected_contracts,
                          record.rejected_rows, record.total_rows), (2, 6, 1, 3, 9))
        first = self.contract("IMP-001")
        self.assertEqual(first.state, "active")
        self.assertEqual(first.partner_id.name, "测试导入人1")
        self.assertEqual(first.partner_id.sudo().identity_number, resident_id(1))
        self.assertEqual(first.guarantee_ids.partner_id.name, "测试保证人2")
        self.assertEqual(first.guarantee_ids.guarantee_type, "joint")
        installments = first.invoice_ids.sorted("installment_number")
        self.assertEqual(installments.mapped("amount_total"), [10300.0, 10300.0, 10300.0])
        self.assertEqual(installments.mapped("residual"), [0.0, 6300.0, 10300.0])
        self.assertEqual(installments.mapped("state"), ["paid", "open", "open"])
        self.assertEqual(installments.mapped("date_due"), ["2025-11-15", "2025-12-15", "2026-01-15"])
        self.assertTrue(all(i.number and i.move_id.state == "posted" for i in installments))
        # The paid part is a payment the invoice shows, as after a reconciliation.
        self.assertEqual(installments[1].payment_move_line_ids.mapped("credit"), [4000.0])
        self.assertEqual(first.amount_outstanding, 16600.0)
        # The guarantor of IMP-001 borrows on IMP-003: one partner, found by his ID number.
        self.assertEqual(self.contract("IMP-003").partner_id, first.guarantee_ids.partner_id)
        # The rejected contract: nothing of it, every row of it reported.
        self.assertFalse(self.contract("IMP-002"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "测试导入人3")]))
        reasons = {r.row_number: r.reason for r in record.rejection_ids}
        self.assertEqual(sorted(reasons), [5, 6, 7])
        self.assertIn("unreadable", reasons[6])
        self.assertEqual(reasons[5], "contract IMP-002 is rejected because of row 6")
        report = base64.b64decode(record.report_file).decode("utf-8-sig").splitlines()
        self.assertEqual(report[0], "Row,Contract No.,Reason")
        self.assertTrue(report[2].startswith("6,IMP-002,installment number, due date") or
                        report[2].startswith('6,IMP-002,"installment number'))
        self.assertEqual(record.action_download_report()["type"], "ir.actions.act_url")
        # The same file again: every contract is there already, nothing is written twice.
        again = self.start(rows)
        self.assertEqual((again.imported_contracts, again.skipped_contracts), (0, 2))
        self.assertEqual(len(first.invoice_ids), 3)

    def test_sample_spreadsheet(self):
        """data/portfolio_sample.xlsx: five contracts, the second with a paid amount above the amount due."""
        path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "data", "portfolio_sample.xlsx")
        self.product.code = "DB"
        with open(path, "rb") as sample:
            record = self.env["loan.portfolio.import"].sudo(self.finance).create({
                "file": base64.b64encode(sample.read()), "filename": "portfolio_sample.xlsx",
                "payment_journal_id": self.bank_journal.id})
        with china_time("2026-03-20 10:00"):
            record.action_start()
        record = record.sudo()
        self.assertEqual((record.state, record.imported_contracts, record.rejected_contracts, record.rejected_rows),
                         ("done", 4, 1, 12))
        self.assertIn("more than the amount due", record.rejection_ids.filtered(lambda r: r.row_number == 16).reason)
        self.assertFalse(self.contract("HT0000002"))
        first = self.contract("HT0000001")
        self.assertEqual(len(first.invoice_ids), 12)
        self.assertEqual(sum(first.invoice_ids.mapped("principal_amount")), first.principal)
        self.assertEqual(first.invoice_ids.filtered(lambda i: i.installment_number == 1).state, "paid")

    def test_bad_identity_and_sum_reject_the_contract(self):
        rows = (contract_rows("IMP-010", 11, change={1: {"借款人证件号码": "330106198001010000"},
                                               2: {"借款人证件号码": "330106198001010000"},
                                               3: {"借款人证件号码": "330106198001010000"}})
                + contract_rows("IMP-011", 12, change={3: {"应还本金": "1.00"}})
                + contract_rows("IMP-012", 13, change={1: {"产品代码": "NOPE"}, 2: {"产品代码": "NOPE"},
                                                  3: {"产品代码": "NOPE"}}))
        record = self.start(rows)
        self.assertEqual((record.imported_contracts, record.rejected_contracts), (0, 3))
        reasons = {r.row_number: r.reason for r in record.rejection_ids}
        self.assertIn("is not valid", reasons[2])
        self.assertIn("add up to 20001.00 but the contract principal is 30000.00", reasons[5])
        self.assertIn("no loan product with the code \"NOPE\"", reasons[8])
        self.assertFalse(self.env["loan.contract"].search([("name", "like", "IMP-01")]))

    def test_actual_disbursement_recorded_as_given(self):
        # 实际放款金额 / 实际放款日 from the bank's record, stated in a complaint; never assumed to be
        # the contract amount; more than the contract amount rejects the contract.
        given = {n: {"实际放款金额": "28500.00", "实际放款日": "2025-10-16"} for n in (1, 2, 3)}
        too_much = {n: {"实际放款金额": "30000.01"} for n in (1, 2, 3)}
        record = self.start(contract_rows("IMP-050", 51, change=given) + contract_rows("IMP-051", 52)
                            + contract_rows("IMP-052", 53, change=too_much))
        self.assertEqual((record.imported_contracts, record.rejected_contracts), (2, 1))
        given, absent = self.contract("IMP-050"), self.contract("IMP-051")
        self.assertEqual((given.disbursed_amount, given.disbursement_date), (28500.0, "2025-10-16"))
        self.assertEqual((absent.disbursed_amount, absent.disbursement_date), (0.0, False))
        self.assertIn("actually disbursed", record.rejection_ids[0].reason)
        self.assertFalse(self.contract("IMP-052"))

    def test_contract_refused_by_its_constraints_leaves_nothing(self):
        """A private lender's contract above the rate cap (民间借贷规定 第25条): refused by the contract's own
        constraint after the set-based insert, deleted with the debtor made for it alone."""
        self.product.lender_type = "private"
        rate = {n: {"年利率": 36} for n in (1, 2, 3)}
        low = {n: {"年利率": 6, "逾期利率": 8} for n in (1, 2, 3)}
        record = self.start(contract_rows("IMP-040", 41, guarantor_serial=43, change=rate)
                            + contract_rows("IMP-041", 42, guarantor_serial=41, change=low))
        self.assertEqual((record.imported_contracts, record.rejected_contracts), (1, 1))
        self.assertIn("a private lender may charge at most", record.rejection_ids[0].reason)
        self.assertFalse(self.contract("IMP-040"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "测试保证人43")]))
        # The refused contract's borrower stays: he guarantees the other contract.
        self.assertEqual(self.contract("IMP-041").guarantee_ids.partner_id.name, "测试导入人41")
        self.assertEqual(len(self.contract("IMP-041").invoice_ids), 3)

    def test_chunk_failure_and_resume(self):
        rows = contract_rows("IMP-020", 21) + contract_rows("IMP-021", 22) + contract_rows("IMP-022", 23)
        writer = type(self.env["loan.installment.writer"])
        original = writer._write_installments

        def failing(model, plans, payment_journal=None):
            if any(contract.name == "IMP-021" for contract, _rows in plans):
                raise ValueError("disk full")
            return original(model, plans, payment_journal=payment_journal)
        with mock.patch.object(loan_portfolio_import, "CHUNK_ROWS", 3), \
                mock.patch.object(writer, "_write_installments", failing):
            record = self.start(rows)
        self.assertEqual(record.state, "failed")
        self.assertEqual(record.chunk_ids.mapped("state"), ["done", "failed", "done"])
        self.assertIn("disk full", record.message)
        self.assertEqual(record.progress, 100.0 * 6 / 9)
        self.assertTrue(self.contract("IMP-020").invoice_ids)
        # The failed chunk left nothing: no contract, no borrower.
        self.assertFalse(self.contract("IMP-021"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "测试导入人22")]))
        with china_time("2026-03-20 10:00"):
            record.sudo(self.finance).action_resume()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.imported_contracts, 3)
        self.assertEqual(len(self.contract("IMP-021").invoice_ids), 3)
        self.assertEqual(len(self.contract("IMP-020").invoice_ids), 3)

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.env["loan.portfolio.import"].sudo(self.office).create({"file": csv_file([]), "filename": "x.csv"})
        with self.assertRaises(AccessError):
            self.env["loan.portfolio.import"].sudo(self.manager).create({"file": csv_file([]), "filename": "x.csv"})
        record = self.env["loan.portfolio.import"].sudo(self.finance).create(
            {"file": csv_file(contract_rows("IMP-030", 31)), "filename": "x.csv", "state": "done",
             "imported_contracts": 99})
        self.assertEqual((record.state, record.imported_contracts), ("draft", 0))
        with self.assertRaises(AccessError):
            record.write({"imported_contracts": 5})
        with self.assertRaises(AccessError):
            record.sudo(self.office).action_start()
        with self.assertRaises(AccessError):
            record.sudo(self.office).read(["state"])
        self.assertFalse(self.contract("IMP-030"))


class TestBulkEqualsOrm(LoanCase):
    """An installment written by loan.installment.writer is the one action_invoice_open makes."""

    SKIP = {"id", "create_date", "write_date", "create_uid", "write_uid", "access_token", "name", "number",
            "move_name", "origin", "ref", "loan_contract_id", "invoice_id", "move_id", "partner_id",
            "commercial_partner_id", "message_last_post", "full_reconcile_id", "debit_move_id", "credit_move_id",
            "statement_line_id"}

    def rows(self, table, where, ids):
        self.env.cr.execute("SELECT * FROM %s WHERE %s IN %%s ORDER BY id" % (table, where), (tuple(ids),))
        columns = [d[0] for d in self.env.cr.description]
        # Ratios (matched_percentage, cash basis) compared to 1e-10: SQL's division and Python's may differ in
        # the 17th digit.
        return [{c: round(float(v), 10) if isinstance(v, (float, Decimal)) else v
                 for c, v in zip(columns, row) if c not in self.SKIP} for row in self.env.cr.fetchall()]

    def compare(self, orm_invoice, bulk_invoice):
        # The ORM's stored computed fields in the database before reading them in SQL.
        self.env["account.invoice"].recompute()
        for table, where, a, b in (
                ("account_invoice", "id", orm_invoice.ids, bulk_invoice.ids),
                ("account_invoice_line", "invoice_id", orm_invoice.ids, bulk_invoice.ids),
                ("account_move", "id", orm_invoice.move_id.ids, bulk_invoice.move_id.ids),
                ("account_move_line", "move_id", orm_invoice.move_id.ids, bulk_invoice.move_id.ids)):
            expected, written = self.rows(table, where, a), self.rows(table, where, b)
            self.assertEqual(len(expected), len(written), table)
            for one, other in zip(expected, written):
                self.assertEqual({k: v for k, v in one.items() if other.get(k) != v},
                                 {k: v for k, v in other.items() if one.get(k) != v}, table)

    def orm_contract(self):
        """A contract whose installments are made one by one through the ORM (create, then
        action_invoice_open), the way the product made them before the bulk writer."""
        orm = self.make_contract(activate=False)
        for installment in orm._schedule():
            orm._create_installment(installment.number, installment.due_date, installment.principal,
                                    installment.interest, validate=True)
        return orm

    def test_open_installment_same_as_orm(self):
        orm = self.orm_contract()
        bulk = self.make_contract(activate=False)
        first = orm.invoice_ids.sorted("installment_number")[0]
        self.env["loan.installment.writer"]._write_installments([(bulk, [{
            "number": 1, "due_date": first.date_due, "principal": first.principal_amount,
            "interest": first.interest_amount}])])
        self.env["account.invoice"].invalidate_cache()
        self.compare(first, bulk.invoice_ids)
        # Numbered from the journal's sequence, after the ORM's ones.
        self.assertEqual(bulk.invoice_ids.number[:10], first.number[:10])
        self.assertGreater(bulk.invoice_ids.number, orm.invoice_ids.filtered(
            lambda i: i.number[:10] == first.number[:10]).sorted("number")[-1].number)

    def test_paid_installment_same_as_orm_reconciliation(self):
        orm = self.orm_contract()
        invoices = orm.invoice_ids.sorted("installment_number")[:2]
        journal = self.bank_journal
        receivable = invoices[0].account_id
        paid = [invoices[0].amount_total, 1000.0]
        move = self.env["account.move"].create({
            "journal_id": journal.id, "date": "2026-03-01", "ref": orm.name, "line_ids": [
                (0, 0, {"name": "Repayments before the import", "account_id": journal.default_debit_account_id.id,
                        "debit": sum(paid), "partner_id": orm.partner_id.id, "date_maturity": "2026-03-01"})] + [
                (0, 0, {"name": "Repayments before the import", "account_id": receivable.id, "credit": amount,
                        "partner_id": orm.partner_id.id, "date_maturity": "2026-03-01"}) for amount in paid]})
        move.post()
        credits = move.line_ids.filtered(lambda l: l.credit).sorted("id")
        for invoice, credit in zip(invoices, credits):
            (invoice.move_id.line_ids.filtered(lambda l: l.account_id == receivable) | credit).reconcile()
        bulk = self.make_contract(activate=False)
        self.env["loan.installment.writer"]._write_installments([(bulk, [
            {"number": i.installment_number, "due_date": i.date_due, "principal": i.principal_amount,
             "interest": i.interest_amount, "paid_principal": amount, "paid_interest": 0, "paid_date": "2026-03-01"}
            for i, amount in zip(invoices, paid)])], payment_journal=journal)
        self.env["account.invoice"].invalidate_cache()
        self.env["account.move.line"].invalidate_cache()
        bulk_invoices = bulk.invoice_ids.sorted("installment_number")
        for orm_invoice, bulk_invoice in zip(invoices, bulk_invoices):
            self.compare(orm_invoice, bulk_invoice)
        self.assertEqual(bulk_invoices.mapped("state"), ["paid", "open"])
        bulk_move = bulk_invoices[0].payment_move_line_ids.move_id
        self.assertEqual(self.rows("account_move", "id", move.ids), self.rows("account_move", "id", bulk_move.ids))
        self.assertEqual(self.rows("account_move_line", "move_id", move.ids),
                         self.rows("account_move_line", "move_id", bulk_move.ids))
        orm_partials = invoices.mapped("move_id.line_ids.matched_credit_ids")
        bulk_partials = bulk_invoices.mapped("move_id.line_ids.matched_credit_ids")
        self.assertEqual(self.rows("account_partial_reconcile", "id", orm_partials.ids),
                         self.rows("account_partial_reconcile", "id", bulk_partials.ids))
        self.assertTrue(bulk_partials[0].full_reconcile_id and not bulk_partials[1].full_reconcile_id)
