"""Bank statements (issue 17): each bank's sample export imported, matched to the open cases by
each rule, confirmed one by one and in bulk (the recovery registered and the bank line reconciled
with its payment); a duplicate import, a malformed file and every role's wrong call refused."""
import base64
import os

from odoo.exceptions import AccessError, UserError

from ..services import bank_statement
from .common import LoanCase, china_time

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "data", "bank_statements")
NOW = "2026-11-30 10:00"
# The six lines of every sample (data/generate_bank_samples.py): amount, counterparty, state.
EXPECTED = [
    (3000.0, "测试借款人甲", "suggested"),
    (5000.0, "王小明", "suggested"),
    (2000.0, "测试担保人乙", "suggested"),
    (12000.0, "杭州云帆科技有限公司", "unmatched"),
    (-15.0, "", "outgoing"),
    (8000.0, "杭州市西湖区人民法院", "unmatched"),
]


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


class TestBankStatement(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestBankStatement, cls).setUpClass()
        with china_time(NOW):
            cls.contract = cls.make_contract(guarantor_role="guarantor")
            cls.run_on("2026-11-22")
        cls.case = cls.env["collection.case"].search([("contract_id", "=", cls.contract.id), ("is_open", "=", True)])
        cls.env["res.partner.bank"].create({"acc_number": "6222 0212 0200 1234 567", "partner_id": cls.borrower.id})
        cls.journal = cls.env["account.journal"].create({
            "name": "催收回款户", "code": "HKH", "type": "bank", "bank_acc_number": "1202020109900012345"})

    def import_file(self, name, content=None, user=None, journal=None, layout=None):
        wizard = self.env["loan.bank.statement.import"].sudo(user or self.finance).create({
            "journal_id": (journal or self.journal).id, "filename": name,
            "layout_id": layout and layout.id,
            "data_file": base64.b64encode(content if content is not None else sample(name))})
        with china_time(NOW):
            action = wizard.action_import()
        return self.env["account.bank.statement.line"].search(action["domain"], order="date, ref")

    def lines_count(self):
        return self.env["account.bank.statement.line"].search_count([("journal_id", "=", self.journal.id)])

    # Import ----------------------------------------------------------------------------------

    def test_every_bank_sample_imports_its_six_lines(self):
        for name in ("icbc_sample.csv", "ccb_sample.csv", "abc_sample.csv", "cmb_sample.xlsx",
                     "boc_camt053_sample.xml"):
            with self.subTest(name=name):
                journal = self.env["account.journal"].create({"name": name, "code": name[:3].upper() + "X",
                                                              "type": "bank"})
                lines = self.import_file(name, journal=journal)
                expected = list(EXPECTED)
                if name.endswith(".xml"):  # CAMT names the bank as the fee's counterparty
                    expected[4] = (-15.0, "中国银行", "outgoing")
                self.assertEqual([(l.amount, l.partner_name or "", l.loan_match_state) for l in lines], expected)
                self.assertEqual(lines.mapped("date"), ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26",
                                                        "2026-11-27", "2026-11-27"])
                self.assertEqual(lines[0].loan_payer_account, "6222021202001234567")
                self.assertIn("还款", lines[0].name)
                statement = lines.mapped("statement_id")
                self.assertEqual(len(statement), 1)
                self.assertEqual((statement.balance_start, statement.balance_end_real), (100000.0, 129985.0))
                self.assertEqual(statement.user_id, self.finance)
                # The layout was recognised from the columns (CAMT.053 needs none: OCA's parser reads it).
                self.assertEqual(statement.loan_layout_id.code or "BOC", name.split("_")[0].upper())
                self.assertEqual(lines[1].loan_best_match_id.evidence, "identity")

    def test_a_camt_file_is_checked_like_a_table(self):
        text = sample("boc_camt053_sample.xml").decode("utf-8")
        repeated = text.replace("BOC202611240002", "BOC202611230001")
        with self.assertRaisesRegex(UserError, "CAMT.053.*Row 2: Serial number BOC202611230001 is already on row 1"):
            self.import_file("boc.xml", repeated.encode("utf-8"))
        with self.assertRaisesRegex(UserError, "not a CAMT.053 statement"):
            self.import_file("boc.xml", b"<html><body>not a statement</body></html>")
        self.assertEqual(self.lines_count(), 0)

    def test_statement_of_another_account_is_refused(self):
        other = self.env["account.journal"].create({"name": "其他账户", "code": "QTZH", "type": "bank",
                                                    "bank_acc_number": "6200000000000000"})
        with self.assertRaisesRegex(UserError, "1202020109900012345"):
            self.import_file("icbc_sample.csv", journal=other)

    def test_a_line_is_never_imported_twice(self):
        self.import_file("icbc_sample.csv")
        self.assertEqual(self.lines_count(), 6)
        with self.assertRaisesRegex(UserError, "already imported"):
            self.import_file("icbc_sample.csv")
        self.assertEqual(self.lines_count(), 6)
        # The next day's export repeats two lines and adds one: only the new one is imported.
        text = sample("icbc_sample.csv").decode("gb18030").replace(
            "合计", "20261128,ICBC202611280007,测试借款人甲,6222021202001234567,,1500.00,131485.00,转账,还款\r\n合计")
        lines = self.import_file("icbc_next.csv", text.encode("gb18030"))
        self.assertEqual(lines.mapped("ref"), ["ICBC202611280007"])
        self.assertEqual(self.lines_count(), 7)

    def test_a_malformed_file_is_refused_whole(self):
        text = sample("icbc_sample.csv").decode("gb18030")
        cases = [
            (text.replace(",12000.00,", ",12,000.5x,"), "Row 10: .*not an amount"),
            (text.replace("20261125", "2026-13-45"), "Row 9: .*not a date"),
            (text.replace("ICBC202611260004", "ICBC202611250003"), "Row 10: Serial number ICBC202611250003 is "
                                                                   "already on row 9"),
            (text.replace(",,15.00,,", ",,15.00,15.00,"), "Row 11: .*both an income and an expense"),
            (text.replace("ICBC202611240002", ""), "Row 8: .*no serial number"),
            (text.replace("20261127", "20261201"), "Row 11: The date 2026-12-01 is after today"),
        ]
        for content, message in cases:
            with self.subTest(message=message):
                with self.assertRaisesRegex(UserError, message):
                    self.import_file("icbc_sample.csv", content.encode("gb18030"),
                                     layout=self.env.ref("loan_collection.loan_bank_layout_icbc"))
                self.assertEqual(self.lines_count(), 0)
        for content, message in [
                (text.replace(",12000.00,", ",1e5,"), "Row 10: \"1e5\" is not an amount"),
                (text.replace(",12000.00,", ",1234567890123.00,"), "Row 10: \"1234567890123.00\" is not an amount"),
                (text.replace(",12000.00,", ",12000.005,"), "Row 10: \"12000.005\" is not an amount"),
                (text.replace("20261126", "00010101"), "Row 10: \"00010101\" is not a date"),
                (text.replace("货款", "货\x00款"), "not a readable table")]:
            with self.subTest(message=message):
                with self.assertRaisesRegex(UserError, message):
                    self.import_file("icbc_sample.csv", content.encode("gb18030"))
        with self.assertRaisesRegex(UserError, "the file given is empty"):
            self.import_file("icbc_sample.csv", b"")
        camt = sample("boc_camt053_sample.xml").decode("utf-8")
        for content, message in [(camt.replace(">12000.00<", ">12000.005<"), "Row 4: \"12000.005\" is not an amount"),
                                 (camt.replace(">12000.00<", ">1E+30<"), "Row 4: .*is not an amount"),
                                 (camt.replace(">12000.00<", ">NaN<"), "Row 4: .*is not an amount")]:
            with self.subTest(message=message):
                with self.assertRaisesRegex(UserError, message):
                    self.import_file("boc.xml", content.encode("utf-8"))
        with self.assertRaisesRegex(UserError, "not a statement of a known bank"):
            self.import_file("notes.csv", "日期,金额\n2026-11-23,100\n".encode("utf-8"))
        self.assertEqual(self.env["account.bank.statement"].search_count([("journal_id", "=", self.journal.id)]), 0)

    # Matching --------------------------------------------------------------------------------

    def test_each_rule_gives_its_case_payer_and_reason(self):
        lines = self.import_file("icbc_sample.csv")
        by_ref = {l.ref[-4:]: l for l in lines}
        best = {ref: l.loan_best_match_id for ref, l in by_ref.items()}
        # 1. The debtor's known account and name.
        self.assertEqual((best["0001"].case_id, best["0001"].payer_id, best["0001"].source),
                         (self.case, self.borrower, "debtor"))
        self.assertEqual(best["0001"].confidence, 95)
        self.assertEqual(best["0001"].evidence, "account,name")
        # 2. A relative paying, the debtor's ID number in the memo.
        self.assertEqual((best["0002"].case_id, best["0002"].payer_id, best["0002"].evidence),
                         (self.case, self.borrower, "identity"))
        # 3. The guarantor, by name: registered from the guarantor.
        self.assertEqual((best["0003"].payer_id, best["0003"].source, best["0003"].confidence),
                         (self.guarantor, "guarantor", 55))
        self.assertEqual(by_ref["0003"].loan_match_state, "suggested")
        # 4. Nothing; 5. money out.
        self.assertFalse(by_ref["0004"].loan_match_ids)
        self.assertFalse(by_ref["0005"].loan_match_ids)
        self.assertIn("ID number", best["0002"].reason)

    def test_contract_number_in_memo_and_a_promise_due(self):
        number = self.contract.name
        text = sample("icbc_sample.csv").decode("gb18030").replace("货款", "还 %s 借款" % number)
        promise = self.env["collection.promise"].create({
            "case_id": self.case.id, "amount": 12000.0, "date_made": "2026-11-20", "date_promised": "2026-11-27"})
        lines = self.import_file("icbc_sample.csv", text.encode("gb18030"))
        line = lines.filtered(lambda l: l.ref.endswith("0004"))
        self.assertEqual(line.loan_match_state, "suggested")
        self.assertEqual(line.loan_best_match_id.evidence, "contract,promise")
        self.assertEqual(line.loan_best_confidence, 99)
        # Confirmed, the money judges the promise at once (the 12,000.00 came on 2026-11-26).
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        self.assertEqual((promise.state, promise.amount_paid), ("kept", 12000.0))

    def test_case_number_installment_amount_and_a_guarantors_account(self):
        installment = self.case.invoice_ids.filtered(lambda i: i.state == "open" and i.days_overdue > 0)[:1]
        self.env["res.partner.bank"].create({"acc_number": "6228480402564890018", "partner_id": self.guarantor.id})
        text = sample("icbc_sample.csv").decode("gb18030").replace(
            ",12000.00,122000.00,转账,货款", ",%.2f,122000.00,转账,%s" % (installment.residual, self.case.name.lower()))
        lines = self.import_file("icbc_sample.csv", text.encode("gb18030"))
        by_case = lines.filtered(lambda l: l.ref.endswith("0004")).loan_best_match_id
        self.assertEqual((by_case.case_id, by_case.evidence, by_case.confidence), (self.case, "case,installment", 99))
        by_account = lines.filtered(lambda l: l.ref.endswith("0003")).loan_best_match_id
        self.assertEqual((by_account.payer_id, by_account.source, by_account.evidence, by_account.confidence),
                         (self.guarantor, "guarantor", "guarantor_account,guarantor_name", 90))

    def test_two_cases_equally_likely_are_ambiguous(self):
        other = self.make_contract(principal=50000)
        with china_time(NOW):
            self.run_on("2026-11-22")
        text = sample("icbc_sample.csv").decode("gb18030").replace(
            "货款", "%s %s" % (self.contract.name, other.name))
        line = self.import_file("icbc_sample.csv", text.encode("gb18030")).filtered(
            lambda l: l.ref.endswith("0004"))
        self.assertEqual(line.loan_match_state, "ambiguous")
        self.assertEqual(set(line.loan_match_ids.mapped("contract_id")), {self.contract, other})
        with self.assertRaisesRegex(UserError, "Ambiguous, not suggested"):
            line.sudo(self.finance).action_loan_confirm_best()
        # Finance works on it and picks the case from the line's suggestions.
        line.sudo(self.finance).action_loan_take()
        self.assertEqual(line.loan_worker_id, self.finance)
        match = line.loan_match_ids.filtered(lambda m: m.contract_id == other)
        with china_time(NOW):
            match.sudo(self.finance).action_confirm()
        self.assertEqual((line.loan_match_state, line.loan_recovery_id.contract_id), ("confirmed", other))
        self.assertEqual((line.loan_match_ids - match).mapped("state"), ["rejected"])

    # Confirming ------------------------------------------------------------------------------

    def test_confirm_registers_the_recovery_and_reconciles_the_line(self):
        line = self.import_file("icbc_sample.csv")[0]
        due = self.case.total_due
        with china_time(NOW):
            line.loan_best_match_id.sudo(self.finance).action_confirm()
        recovery = line.loan_recovery_id
        self.assertEqual((recovery.amount, recovery.date, recovery.payer_id, recovery.source, recovery.state),
                         (3000.0, "2026-11-23", self.borrower, "debtor", "posted"))
        self.assertEqual(recovery.journal_id, self.journal)
        self.assertIn("ICBC202611230001", recovery.note)
        self.assertEqual(line.loan_match_state, "confirmed")
        self.assertEqual(line.journal_entry_ids, recovery.payment_id.move_line_ids.filtered("debit"))
        self.assertAlmostEqual(self.case.total_due, due - 3000.0, places=2)
        with self.assertRaisesRegex(UserError, "only a suggestion is confirmed"):
            line.loan_best_match_id.sudo(self.finance).action_confirm()
        with self.assertRaisesRegex(UserError, "already confirmed"):
            line.sudo(self.finance)._loan_register([(self.case, "debtor", self.borrower, 3000.0)])
        with self.assertRaisesRegex(UserError, "registered recovery"):
            line.button_cancel_reconciliation()

    def test_bulk_confirm_of_the_suggested_lines(self):
        lines = self.import_file("icbc_sample.csv")
        suggested = lines.filtered(lambda l: l.loan_match_state == "suggested")
        with self.assertRaisesRegex(UserError, "ICBC202611260004 is Unmatched"):
            lines.sudo(self.finance).action_loan_confirm_best()
        self.assertFalse(lines.mapped("loan_recovery_id"))
        with china_time(NOW):
            suggested.sudo(self.finance).action_loan_confirm_best()
        self.assertEqual(suggested.mapped("loan_recovery_id.amount"), [3000.0, 5000.0, 2000.0])
        self.assertEqual(suggested.mapped("loan_recovery_id.source"), ["debtor", "debtor", "guarantor"])
        self.assertEqual(set(suggested.mapped("loan_match_state")), {"confirmed"})

    # Rights and immutability ------------------------------------------------------------------

    def test_only_finance_imports_and_confirms(self):
        for user in (self.office, self.manager, self.plain):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.import_file("icbc_sample.csv", user=user)
        lines = self.import_file("icbc_sample.csv")
        match = lines[0].loan_best_match_id
        for user in (self.office, self.field, self.manager, self.plain):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["account.bank.statement.line"].sudo(user).search_read([("id", "=", lines[0].id)])
                with self.assertRaises(AccessError):
                    match.sudo(user).action_confirm()
                with self.assertRaises(AccessError):
                    lines.sudo(user).action_loan_match()
                # Not even which lines exist (export_data of ids wrote their external ids, too).
                for records in (lines, match):
                    with self.assertRaises(AccessError):
                        records.sudo(user).export_data(["id"])
        self.assertFalse(lines[0].loan_recovery_id)
        # The auditor reads the bank's lines, their matches and the proof; he changes nothing.
        auditor = self.make_user("t_auditor", "loan_collection.group_loan_auditor")
        self.assertEqual(self.env["account.bank.statement.line"].sudo(auditor).search_read(
            [("id", "=", lines[0].id)], ["amount", "loan_match_state"])[0]["loan_match_state"], "suggested")
        self.assertEqual(match.sudo(auditor).read(["confidence"])[0]["confidence"], 95)
        self.assertTrue(self.env["loan.bank.reconciliation"].sudo(auditor).search([("journal_id", "=", self.journal.id)]))
        for call in (lambda: match.sudo(auditor).action_confirm(), lambda: lines.sudo(auditor).action_loan_take(),
                     lambda: lines.sudo(auditor).action_loan_match(),
                     lambda: lines[0].sudo(auditor).write({"note": "x"}),
                     lambda: self.import_file("icbc_sample.csv", user=auditor)):
            with self.assertRaises((AccessError, UserError)):
                call()
        self.assertFalse(lines[0].loan_recovery_id)

    def test_imported_lines_and_matches_never_change(self):
        lines = self.import_file("icbc_sample.csv")
        line, match = lines[0], lines[0].loan_best_match_id
        # Finance reads the bank's lines; it does not write them.
        with self.assertRaises((AccessError, UserError)):
            line.sudo(self.finance).write({"amount": 30000.0})
        # Nobody changes what the bank booked, nor deletes it, nor sets a match by hand.
        for vals in ({"amount": 30000.0}, {"date": "2026-11-01"}, {"partner_name": "别人"},
                     {"unique_import_id": "x"}, {"ref": "x"}):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError):
                    line.write(vals)
        with self.assertRaises(AccessError):
            line.write({"loan_match_state": "confirmed"})
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            line.statement_id.unlink()
        for call in (lambda: match.write({"confidence": 1}), lambda: match.unlink(),
                     lambda: self.env["loan.bank.match"].create({"line_id": line.id, "case_id": self.case.id})):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual((line.amount, line.loan_best_match_id), (3000.0, match))
        # Nor is a line moved to another account, added to the bank's statement, or copied onto it; nor
        # the statement's account, day or balances changed (admin included).
        cash = self.env["account.journal"].search([("type", "=", "cash")], limit=1)
        for index, call in enumerate((lambda: line.write({"journal_id": cash.id}), lambda: line.write({"amount": "3001"}),
                     lambda: line.statement_id.write({"journal_id": cash.id}),
                     lambda: line.statement_id.write({"balance_end_real": 1.0}),
                     lambda: line.copy(),
                     lambda: self.env["account.bank.statement.line"].create({
                         "statement_id": line.statement_id.id, "date": "2026-11-27", "amount": 99999.0,
                         "name": "伪造", "unique_import_id": "forged"}),
                lambda: line.statement_id.write({"loan_imported": False}))):
            with self.subTest(call=index), self.assertRaises((UserError, AccessError)):
                call()
        self.assertEqual(len(line.statement_id.line_ids), 6)

    def test_a_confirmed_lines_reconciliation_stays(self):
        line = self.import_file("icbc_sample.csv")[0]
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        item = line.journal_entry_ids
        for user in (self.finance, self.env.user):
            for vals in ({"statement_line_id": False}, {"payment_id": False}):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises((UserError, AccessError)):
                        item.sudo(user).write(vals)
        self.assertEqual(line.journal_entry_ids, item)
        # The recovery tells the collector the money came, not what the bank's statement says.
        recovery = line.loan_recovery_id
        self.assertNotIn("6222021202001234567", recovery.note)
        self.assertIn("ICBC202611230001", recovery.note)
        with self.assertRaises(AccessError):
            recovery.sudo(self.office).read(["bank_line_id"])
        self.assertEqual(recovery.sudo(self.office).read(["amount"])[0]["amount"], 3000.0)
        # Every field of a match reads, for finance and the auditor.
        auditor = self.make_user("t_auditor2", "loan_collection.group_loan_auditor")
        for user in (self.finance, auditor):
            values = line.loan_best_match_id.sudo(user).read()[0]
            self.assertEqual((values["amount"], values["state"]), (3000.0, "confirmed"))


    # Corrections: the bank's reversal, the refund of an excess ------------------------------

    def statement_text(self, *rows):
        """The ICBC sample's preamble and header with these rows (date, serial, name, account, out, in, memo)."""
        head = sample("icbc_sample.csv").decode("gb18030").split("\r\n")[:6]
        body = ["%s,%s,%s,%s,%s,%s,,转账,%s" % row for row in rows]
        return "\r\n".join(head + body + [""]).encode("gb18030")

    def test_a_reversed_bank_line_reverses_its_recovery(self):
        line = self.import_file("icbc_sample.csv")[0]
        due, residuals = self.case.total_due, self.case.invoice_ids.mapped("residual")
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        recovery = line.loan_recovery_id
        self.assertLess(self.case.total_due, due)
        reversal = self.import_file("icbc_reversal.csv", self.statement_text(
            ("20261128", "ICBC202611280008", "测试借款人甲", "6222021202001234567", "3000.00", "",
             "冲正 原交易ICBC202611230001")))
        self.assertEqual((reversal.loan_match_state, reversal.loan_reversal_of_id), ("reversal", line))
        with china_time(NOW):
            reversal.sudo(self.finance).action_loan_confirm_best()
        self.assertEqual(reversal.loan_match_state, "reversed")
        # The recovery stays, reversed, with its day and reason; the case owes what it owed.
        self.assertTrue(recovery.exists())
        self.assertEqual((recovery.state, recovery.reversal_date), ("reversed", "2026-11-28"))
        self.assertIn("ICBC202611230001", recovery.reversal_reason)
        self.assertAlmostEqual(self.case.total_due, due, places=2)
        self.assertEqual(self.case.invoice_ids.mapped("residual"), residuals)
        self.assertEqual(reversal.journal_entry_ids, recovery.reversal_move_id.line_ids.filtered(
            lambda l: l.account_id == self.journal.default_credit_account_id))
        with self.assertRaises(UserError):
            recovery.unlink()
        with self.assertRaisesRegex(UserError, "not posted"):
            recovery._reverse(recovery.reversal_date, "again")

    def test_an_excess_is_refunded_and_the_refund_found_on_the_statement(self):
        text = sample("icbc_sample.csv").decode("gb18030").replace(",3000.00,103000.00,", ",300000.00,400000.00,")
        line = self.import_file("icbc_sample.csv", text.encode("gb18030"))[0]
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        recovery = line.loan_recovery_id
        self.assertGreater(recovery.amount_excess, 0)
        with self.assertRaises(AccessError):
            recovery.sudo(self.manager).action_refund_excess()
        with china_time(NOW):
            recovery.sudo(self.finance).action_refund_excess()
        self.assertEqual((recovery.excess_refunded, recovery.refund_payment_id.amount),
                         (recovery.amount_excess, recovery.amount_excess))
        with self.assertRaisesRegex(UserError, "no excess left"):
            recovery.sudo(self.finance).action_refund_excess()
        out = self.import_file("icbc_refund.csv", self.statement_text(
            ("20261130", "ICBC202611300009", "测试借款人甲", "6222021202001234567", "%.2f" % recovery.amount_excess, "",
             "退款")))
        self.assertEqual((out.loan_match_state, out.loan_refund_payment_id), ("refund", recovery.refund_payment_id))
        with china_time(NOW):
            out.sudo(self.finance).action_loan_confirm_best()
        self.assertEqual(out.loan_match_state, "refunded")
        self.assertTrue(out.journal_entry_ids)

    def test_the_day_proves_bank_and_books_agree(self):
        """Bank Reconciliation: the money in of the day, what was registered from it, what waits; the books'
        bank account moves by what was registered, so the difference is 0; a recovery registered by hand on the
        bank journal shows as booked without a bank line."""
        lines = self.import_file("icbc_sample.csv")
        with china_time(NOW):
            lines[0].sudo(self.finance).action_loan_confirm_best()
            self.env["collection.recovery"].sudo(self.finance)._register_recovery(
                self.case, "debtor", self.borrower, 500.0, "2026-11-23", self.journal, note="现金")
        Report = self.env["loan.bank.reconciliation"].sudo(self.finance)
        day = Report.search([("journal_id", "=", self.journal.id), ("date", "=", "2026-11-23")])
        self.assertEqual((day.bank_in, day.registered, day.waiting, day.unbooked), (3000.0, 3000.0, 0.0, 0.0))
        self.assertEqual((day.ledger_net, day.ledger_without_line, day.difference), (3500.0, 500.0, 0.0))
        later = Report.search([("journal_id", "=", self.journal.id), ("date", "=", "2026-11-24")])
        self.assertEqual((later.bank_in, later.waiting, later.unbooked, later.ledger_net, later.difference),
                         (5000.0, 5000.0, 5000.0, 0.0, 0.0))
        # The month: the bank's net, of which 3,000.00 registered and the rest waiting or not booked.
        month = Report.read_group([("journal_id", "=", self.journal.id)],
                                  ["date", "bank_in", "bank_out", "registered", "waiting", "unbooked", "difference"],
                                  ["date:month"])[0]
        self.assertEqual((month["bank_in"], month["bank_out"], month["registered"], month["waiting"],
                          month["unbooked"], month["difference"]), (30000.0, 15.0, 3000.0, 27000.0, 26985.0, 0.0))

    def test_a_refund_is_not_taken_for_the_reversal_of_an_earlier_payment(self):
        """The same account and amount as a confirmed payment, without the bank calling it a reversal:
        the refund finance paid, not a reversal of the earlier (genuine) payment."""
        text = sample("icbc_sample.csv").decode("gb18030").replace(",3000.00,103000.00,", ",300000.00,400000.00,")
        lines = self.import_file("icbc_sample.csv", text.encode("gb18030"))
        with china_time(NOW):
            lines[0].sudo(self.finance).action_loan_confirm_best()
            lines[0].loan_recovery_id.sudo(self.finance).action_refund_excess()
        excess = lines[0].loan_recovery_id.amount_excess
        earlier = self.import_file("icbc_earlier.csv", self.statement_text(
            ("20261128", "ICBC202611280021", "测试借款人甲", "6222021202001234567", "", "%.2f" % excess, "还款")))
        with china_time(NOW):
            earlier.sudo(self.finance).action_loan_confirm_best()
        out = self.import_file("icbc_refund.csv", self.statement_text(
            ("20261130", "ICBC202611300022", "测试借款人甲", "6222021202001234567", "%.2f" % excess, "", "退款")))
        self.assertEqual((out.loan_match_state, out.loan_reversal_of_id), ("refund", out.browse()))
        with china_time(NOW):
            out.sudo(self.finance).action_loan_confirm_best()
        # Without the serial and without a reversal word, the same account and amount is nothing.
        lone = self.import_file("icbc_out.csv", self.statement_text(
            ("20261130", "ICBC202611300023", "测试借款人甲", "6222021202001234567", "%.2f" % excess, "", "转出")))
        self.assertEqual(lone.loan_match_state, "outgoing")
        word = self.import_file("icbc_back.csv", self.statement_text(
            ("20261130", "ICBC202611300024", "测试借款人甲", "6222021202001234567", "%.2f" % excess, "",
             "原路退回")))
        self.assertEqual((word.loan_match_state, word.loan_reversal_of_id), ("reversal", earlier))

    def test_the_payer_is_who_sent_the_money(self):
        """A debtor quoting a guarantor's ID number pays as the debtor; a borrower who mortgaged his own
        property is the debtor, not a guarantor; the file's name is no memo."""
        self.guarantor.write({"identity_type": "resident_id", "identity_number": "330106197908060022"})
        self.env["loan.guarantee"].create({"contract_id": self.contract.id, "partner_id": self.borrower.id,
                                           "role": "guarantor", "guarantee_type": "mortgage"})
        text = sample("icbc_sample.csv").decode("gb18030").replace(",还款\r\n", ",还款 担保人330106197908060022\r\n")
        lines = self.import_file("回单%s.csv" % self.contract.name, text.encode("gb18030"))
        first = lines[0].loan_best_match_id
        self.assertEqual((first.payer_id, first.source), (self.borrower, "debtor"))
        self.assertIn("guarantor_identity", first.evidence)
        self.assertFalse(lines.filtered(lambda l: l.ref.endswith("0004")).loan_match_ids)
        self.assertFalse(self.env["loan.bank.match"].search([("line_id", "in", lines.ids), ("payer_id", "=", self.borrower.id),
                                                            ("source", "=", "guarantor")]))

    def test_a_guarantors_payment_is_not_split_between_the_debtors_loans(self):
        self.make_contract(principal=50000)
        with china_time(NOW):
            self.run_on("2026-11-22")
        line = self.import_file("icbc_sample.csv").filtered(lambda l: l.ref.endswith("0003"))
        with self.assertRaisesRegex(UserError, "not by the debtor"):
            self.split_wizard(line)

    def test_a_reversal_judges_the_promise_again_and_the_recovered_amount(self):
        promise = self.env["collection.promise"].create({
            "case_id": self.case.id, "amount": 3000.0, "date_made": "2026-11-20", "date_promised": "2026-11-25"})
        line = self.import_file("icbc_sample.csv")[0]
        recovered = self.case.recovered_amount
        with china_time(NOW):
            line.sudo(self.finance).action_loan_confirm_best()
        self.assertEqual(promise.state, "kept")
        self.import_file("icbc_reversal.csv", self.statement_text(
            ("20261128", "ICBC202611280008", "测试借款人甲", "6222021202001234567", "3000.00", "",
             "冲正 原交易ICBC202611230001")))
        reversal = self.env["account.bank.statement.line"].search([("ref", "=", "ICBC202611280008")])
        with china_time(NOW):
            reversal.sudo(self.finance).action_loan_confirm_best()
        # The money bounced: the promise's day (25 November) is past with nothing paid.
        self.assertEqual((promise.state, promise.amount_paid), ("broken", 0.0))
        self.assertAlmostEqual(self.case.recovered_amount, recovered, places=2)

    # One payment, two loans of the debtor (民法典 第560条) ---------------------------------------

    def split_wizard(self, line):
        return self.env["loan.bank.split"].sudo(self.finance).with_context(default_line_id=line.id).create({})

    def test_a_payment_for_two_loans_is_split_in_the_laws_order(self):
        # The second loan is guaranteed only to the guarantee company (a counter-guarantee): unsecured
        # for the lender, so it is paid first (第560条第2款); the first has a guarantor.
        unsecured = self.make_contract(principal=50000)
        with china_time(NOW):
            self.run_on("2026-11-22")
        other_case = self.env["collection.case"].search([("contract_id", "=", unsecured.id), ("is_open", "=", True)])
        text = sample("icbc_sample.csv").decode("gb18030").replace(",3000.00,103000.00,", ",50000.00,150000.00,")
        line = self.import_file("icbc_sample.csv", text.encode("gb18030"))[0]
        self.assertEqual(line.loan_match_state, "ambiguous")
        wizard = self.split_wizard(line)
        due_unsecured = other_case.total_due
        self.assertEqual(wizard.split_ids.mapped("case_id"), other_case | self.case)
        self.assertEqual(wizard.split_ids.mapped("amount"), [due_unsecured, round(50000.0 - due_unsecured, 2)])
        self.assertLess(due_unsecured, 50000.0)
        # Other amounts only to follow the debtor's designation, said.
        wizard.split_ids[0].amount, wizard.split_ids[1].amount = 1000.0, 49000.0
        with self.assertRaisesRegex(UserError, "differ from the order"):
            wizard.action_confirm()
        wizard.split_ids[1].amount = 48000.0
        with self.assertRaisesRegex(UserError, "add up to 49000.00"):
            wizard.action_confirm()
        wizard = self.split_wizard(line)
        with china_time(NOW):
            wizard.action_confirm()
        recoveries = line.loan_recovery_ids.sorted("id")
        self.assertEqual(recoveries.mapped("case_id"), other_case | self.case)
        self.assertEqual(recoveries.mapped("amount"), [due_unsecured, round(50000.0 - due_unsecured, 2)])
        self.assertIn("第560条第2款", recoveries[0].note)
        self.assertEqual(line.loan_match_state, "confirmed")
        self.assertEqual(set(line.loan_match_ids.mapped("state")), {"confirmed"})
        self.assertEqual(line.journal_entry_ids, recoveries.mapped("payment_id.move_line_ids").filtered("debit"))
        self.assertAlmostEqual(other_case.total_due, 0.0, places=2)

    def test_a_designated_split_is_followed_and_said(self):
        self.make_contract(principal=50000)
        with china_time(NOW):
            self.run_on("2026-11-22")
        line = self.import_file("icbc_sample.csv")[0]
        wizard = self.split_wizard(line)
        wizard.write({"designated": True, "designation": "2026-11-23 电话告知：全部还第一笔"})
        for split in wizard.split_ids:
            split.amount = 3000.0 if split.case_id == self.case else 0.0
        with china_time(NOW):
            wizard.action_confirm()
        self.assertEqual(line.loan_recovery_ids.mapped("case_id"), self.case)
        self.assertIn("电话告知", line.loan_recovery_id.note)


class TestBankStatementService(LoanCase.__bases__[0]):
    """The file reading and the memo's identifiers (no database needed, but run with the rest)."""

    def test_memo_tokens_and_court_numbers(self):
        self.assertEqual(bank_statement.memo_tokens("代测试借款人甲还款 身份证110105198503120012，合同DK202600002"),
                         ["110105198503120012", "DK202600002"])
        self.assertEqual(bank_statement.court_numbers("执行款 (2026)浙0106执1234号 发放"), ["（2026）浙0106执1234号"])
        self.assertEqual(bank_statement.court_numbers("（2025）京0105民初 88 号"), ["（2025）京0105民初88号"])
        self.assertEqual(bank_statement.digits("6222 0212-0200"), "622202120200")

    def test_order_between_debts(self):
        """民法典 第560条第2款, rule by rule."""
        from ..services.allocation import Debt, order_between_debts
        unsecured = Debt("a", 3000, 0, 12, "2026-05-01")
        secured = Debt("b", 5000, 5000, 24, "2026-01-01")
        self.assertEqual(list(order_between_debts(4000, [secured, unsecured]).items()),
                         [("a", 3000), ("b", 1000), ("excess", 0)])
        heavier = Debt("c", 3000, 0, 18, "2026-06-01")
        self.assertEqual(list(order_between_debts(4000, [unsecured, heavier]).items()),
                         [("c", 3000), ("a", 1000), ("excess", 0)])
        earlier = Debt("d", 3000, 0, 12, "2026-04-01")
        self.assertEqual(list(order_between_debts(4000, [unsecured, earlier]).items()),
                         [("d", 3000), ("a", 1000), ("excess", 0)])
        same_day = Debt("e", 1000, 0, 12, "2026-05-01")
        self.assertEqual([str(v) for v in order_between_debts(2000, [unsecured, same_day]).values()],
                         ["1500.00", "500.00", "0.00"])
        self.assertEqual(str(order_between_debts(9000, [unsecured, same_day])["excess"]), "5000.00")

    def test_amounts(self):
        self.assertEqual(str(bank_statement.parse_amount("1,234.50")), "1234.50")
        self.assertIsNone(bank_statement.parse_amount(""))
        for bad in ("12,000.5x", "-5", "1.234"):
            with self.assertRaises(Exception):
                bank_statement.parse_amount(bad)
