# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import a bank statement export (.csv or .xlsx) of a Chinese bank into account.bank.statement.

The file is read with the bank's layout (models/loan_bank_layout.py; the first layout whose
columns are in the file when none is chosen) and checked whole before anything is written: the
first problem refuses the file with its row number. A line whose serial number (流水号) is already
on the journal is left out (Odoo's unique_import_id: journal id and serial number); a file of
lines all already imported is refused. The new lines are matched to the open collection cases at
once (models/loan_bank_match.py). Finance only: the statement is written as superuser after that
check (finance reads statements, it does not keep the books), with the importer on the statement.
"""
import base64
import csv
import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.res_company import business_today
from ..services import bank_statement, spreadsheet


def is_workbook(filename):
    return (filename or "").lower().endswith((".xlsx", ".xls"))


def read_rows(content, filename, encoding):
    """(rows of cells, to_date) of an .xlsx/.xls or .csv export; to_date converts Excel serials."""
    if is_workbook(filename):
        try:
            return spreadsheet.read_first_sheet(content)
        except ValueError:
            raise UserError(_("The file could not be read as a spreadsheet: upload the bank's .xlsx, .xls or .csv "
                              "export."))
    for codec in (encoding, "utf-8-sig", "gb18030"):
        try:
            text = content.decode(codec)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        raise UserError(_("The file is neither GB18030 nor UTF-8 text: upload the bank's .csv or .xlsx export."))
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter)), None
    except csv.Error as error:
        raise UserError(_("The file is not a readable table (%s): upload the bank's .csv or .xlsx export as it "
                          "came.") % error)


class LoanBankStatementImport(models.TransientModel):
    _name = "loan.bank.statement.import"
    _description = "Import Bank Statement"

    journal_id = fields.Many2one("account.journal", string="Bank Account", required=True,
                                 domain=[("type", "=", "bank")],
                                 default=lambda self: self._default_journal())
    layout_id = fields.Many2one("loan.bank.layout", string="Bank Layout",
                                help="Leave empty to recognise the bank from the file's columns.")
    data_file = fields.Binary(string="Statement File", required=True)
    filename = fields.Char()

    @api.model
    def _default_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)], limit=1)

    @api.model
    def create(self, vals):
        self.env["loan.bank.match"]._check_finance()
        if not vals.get("data_file"):
            raise UserError(_("Choose the statement file to import: the file given is empty."))
        return super(LoanBankStatementImport, self).create(vals)

    def _parse(self):
        """(layout or None, own account number, [Transaction], (balance start, end) or None) of the
        file, or UserError. A CAMT.053 file (ISO 20022 XML, or a zip of them) is read by OCA's parser,
        a table with the bank's layout."""
        content = base64.b64decode(self.data_file or b"")
        today = fields.Date.from_string(business_today(self))
        if content.lstrip()[:1] == b"<" or content[:2] == b"PK" and not is_workbook(self.filename):
            return self._parse_camt(content, today)
        layout, account, transactions = self._parse_table(content, today)
        balanced = [t for t in transactions if t.balance is not None]
        balances = None
        if balanced and len(balanced) == len(transactions):
            balances = (balanced[0].balance - balanced[0].amount, balanced[-1].balance)
        return layout, account, transactions, balances

    def _parse_camt(self, content, today):
        Import = self.env["account.bank.statement.import"].sudo()
        try:
            _currency, account, statements = Import._parse_file(content)
        except UserError:
            raise UserError(_("%s is not a CAMT.053 statement OCA's parser can read: upload the bank's camt.053 "
                              "XML (or a zip of them), or its .csv/.xlsx export.") % (self.filename or _("The file")))
        try:
            start, end, transactions = bank_statement.from_camt(statements, today)
        except bank_statement.StatementError as error:
            raise UserError(_("%s (CAMT.053): %s") % (self.filename or _("The file"),
                                                       self.env["loan.bank.layout"]._error_text(error)))
        balances = (start, end) if start is not None and end is not None else None
        return None, bank_statement.digits(account or "") or None, transactions, balances

    def _parse_table(self, content, today):
        """(layout, own account number, [Transaction]) of a .csv/.xlsx export."""
        layouts = self.layout_id or self.env["loan.bank.layout"].search([])
        first_error = None
        tables = {}  # the file read once per encoding (a workbook once), not once per layout tried
        for layout in layouts:
            key = None if is_workbook(self.filename) else layout.encoding
            if key not in tables:
                tables[key] = read_rows(content, self.filename, layout.encoding)
            rows, to_date = tables[key]
            try:
                account, transactions = bank_statement.parse(rows, layout._as_layout(), to_date, today)
                return layout, account, transactions
            except bank_statement.StatementError as error:
                # Without a chosen layout, a layout whose header is not in the file is not the bank's.
                if error.code == "no_header" and not self.layout_id:
                    continue
                first_error = first_error or (layout, error)
                break
        if first_error:
            layout, error = first_error
            raise UserError(_("%s (layout %s): %s") % (self.filename or _("The file"), layout.name,
                                                        layout._error_text(error)))
        raise UserError(_("%s is not a statement of a known bank: none of the bank layouts (%s) finds its table "
                          "header. Choose the bank's layout, or add one in Finance › Bank Statement Layouts.")
                        % (self.filename or _("The file"), "、".join(layouts.mapped("name")) or "-"))

    @api.multi
    def action_import(self):
        """Check the whole file, write the new lines as one statement, match them; show them."""
        self.ensure_one()
        self.env["loan.bank.match"]._check_finance()
        journal = self.journal_id
        if journal.type != "bank":
            raise UserError(_("Journal %s is not a bank journal: choose the bank account the statement is of.")
                            % journal.display_name)
        layout, account, transactions, balances = self._parse()
        own = bank_statement.digits(journal.bank_account_id.acc_number or "")
        if account and own and account != own:
            raise UserError(_("The statement is of account %s, but journal %s is account %s: choose the journal of "
                              "that account.") % (account, journal.display_name, own))
        Line = self.env["account.bank.statement.line"].sudo()
        keys = {t.serial: "%s-%s" % (journal.id, t.serial) for t in transactions}
        known = set(Line.search([("unique_import_id", "in", list(keys.values()))]).mapped("unique_import_id"))
        new = [t for t in transactions if keys[t.serial] not in known]
        if not new:
            raise UserError(_("Every line of %s (%s lines) is already imported on journal %s: nothing was "
                              "imported.") % (self.filename or _("the file"), len(transactions), journal.display_name))
        whole = balances and len(new) == len(transactions)
        statement = self.env["account.bank.statement"].sudo().create({
            "journal_id": journal.id,
            "date": max(t.date for t in new).isoformat(),
            "reference": self.filename,
            "name": _("%s %s to %s") % (layout.name if layout else "CAMT.053", min(t.date for t in new),
                                        max(t.date for t in new)),
            "balance_start": float(balances[0]) if whole else 0.0,
            "balance_end_real": float(balances[1]) if whole else 0.0,
            "loan_layout_id": layout.id if layout else False,
            "loan_imported": True,
            "user_id": self.env.uid,
        })
        # The lines in one INSERT (the ORM took 40 ms a line, growing with the statement: 89 s for 2,000).
        # The values are the bank's, checked above; the related columns are the statement's.
        row_note = _("Row %s of %s")
        self.env["loan.installment.writer"].sudo()._insert("account.bank.statement.line", [{
            "statement_id": statement.id, "journal_id": journal.id, "company_id": statement.company_id.id,
            "sequence": index, "date": t.date.isoformat(), "amount": float(t.amount), "name": t.memo or "/",
            "ref": t.serial, "partner_name": t.payer_name or None, "loan_payer_account": t.payer_account or None,
            "unique_import_id": keys[t.serial], "note": row_note % (t.row, self.filename or "-"),
        } for index, t in enumerate(new, 1)])
        statement.invalidate_cache()
        # The statement's stored totals (balance_end, difference) depend on its lines.
        statement.modified(["line_ids"])
        statement.recompute()
        self.env["loan.bank.match"].sudo()._match_lines(statement.line_ids)
        skipped = len(transactions) - len(new)
        statement.message_post(body=_("Imported by %s from %s (layout %s): %s lines, %s already imported left out.")
                               % (self.env.user.name, self.filename or "-", layout.name if layout else "CAMT.053",
                                  len(new), skipped))
        action = self.env.ref("loan_collection.loan_bank_line_action").read()[0]
        action["domain"] = [("statement_id", "=", statement.id)]
        action["context"] = {"loan_skipped": skipped}
        return action


class LoanBankStatementImportDemo(models.TransientModel):
    _inherit = "loan.bank.statement.import"

    @api.model
    def _load_demo_statement(self, path, confirm_serials):
        """Import the demo statement `path` (an addon-relative .csv whose {d-N} is the day N days ago
        as 20261128, in its dates and serial numbers, and whose {cK} is the number of demo contract cK) as the
        demo finance user; confirm the suggested lines whose serial ends like one of `confirm_serials`'
        last four digits (demo/bank_statement_demo.xml)."""
        import datetime
        from odoo.modules.module import get_resource_path
        ref = self.env.ref
        finance = ref("loan_collection.user_finance_demo")
        today = fields.Date.from_string(business_today(self))
        with open(get_resource_path(*path.split("/", 1)), encoding="utf-8") as stream:
            text = stream.read()
        for days in range(1, 8):
            day = today - datetime.timedelta(days=days)
            text = text.replace("{d-%s}" % days, day.strftime("%Y%m%d"))
        for key in range(1, 9):
            contract = ref("loan_collection.loan_contract_c%s_demo" % key, raise_if_not_found=False)
            text = text.replace("{c%s}" % key, contract.name if contract else "")
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)], limit=1)
        wizard = self.sudo(finance).with_context(lang=ref("base.user_root").lang or "zh_CN").create({
            "journal_id": journal.id, "filename": "工商银行账户明细.csv",
            "data_file": base64.b64encode(text.encode("gb18030"))})
        action = wizard.action_import()
        lines = self.env["account.bank.statement.line"].search(action["domain"])
        ends = tuple(serial[-4:] for serial in confirm_serials)
        chosen = lines.filtered(lambda l: l.ref.endswith(ends) and l.loan_match_state == "suggested")
        if chosen:
            chosen.sudo(finance).action_loan_confirm_best()
        return True
