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
import datetime
import io

import xlrd

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.res_company import business_today
from ..services import bank_statement


def read_rows(content, filename, encoding):
    """(rows of cells, to_date) of an .xlsx/.xls or .csv export; to_date converts Excel serials."""
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xls")):
        try:
            book = xlrd.open_workbook(file_contents=content)
        except Exception:
            raise UserError(_("The file could not be read as a spreadsheet: upload the bank's .xlsx, .xls or .csv "
                              "export."))
        sheet = book.sheet_by_index(0)

        def to_date(value):
            return datetime.datetime(*xlrd.xldate_as_tuple(value, book.datemode)).date()
        return [sheet.row_values(i) for i in range(sheet.nrows)], to_date
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
    return list(csv.reader(io.StringIO(text), delimiter=delimiter)), None


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
        return super(LoanBankStatementImport, self).create(vals)

    def _parse(self):
        """(layout, own account number, [Transaction]) of the file, or UserError."""
        content = base64.b64decode(self.data_file or b"")
        layouts = self.layout_id or self.env["loan.bank.layout"].search([])
        today = fields.Date.from_string(business_today(self))
        first_error = None
        for layout in layouts:
            rows, to_date = read_rows(content, self.filename, layout.encoding)
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
                          "header. Choose the bank's layout, or add one in Collection > Configuration > Bank "
                          "Statement Layouts.") % (self.filename or _("The file"),
                                                   "、".join(layouts.mapped("name")) or "-"))

    @api.multi
    def action_import(self):
        """Check the whole file, write the new lines as one statement, match them; show them."""
        self.ensure_one()
        self.env["loan.bank.match"]._check_finance()
        journal = self.journal_id
        if journal.type != "bank":
            raise UserError(_("Journal %s is not a bank journal: choose the bank account the statement is of.")
                            % journal.display_name)
        layout, account, transactions = self._parse()
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
        balanced = [t for t in transactions if t.balance is not None]
        statement = self.env["account.bank.statement"].sudo().create({
            "journal_id": journal.id,
            "date": max(t.date for t in new).isoformat(),
            "reference": self.filename,
            "name": _("%s %s to %s") % (layout.name, min(t.date for t in new), max(t.date for t in new)),
            "balance_start": float(balanced[0].balance - balanced[0].amount) if balanced and len(new) == len(
                transactions) else 0.0,
            "balance_end_real": float(balanced[-1].balance) if balanced and len(new) == len(transactions) else 0.0,
            "loan_layout_id": layout.id,
            "user_id": self.env.uid,
            "line_ids": [(0, 0, {
                "date": t.date.isoformat(), "amount": float(t.amount), "name": t.memo or "/",
                "ref": t.serial, "partner_name": t.payer_name, "loan_payer_account": t.payer_account,
                "unique_import_id": keys[t.serial], "note": _("Row %s of %s") % (t.row, self.filename or "-"),
            }) for t in new],
        })
        self.env["loan.bank.match"].sudo()._match_lines(statement.line_ids)
        skipped = len(transactions) - len(new)
        statement.message_post(body=_("Imported by %s from %s (layout %s): %s lines, %s already imported left out.")
                               % (self.env.user.name, self.filename or "-", layout.name, len(new), skipped))
        action = self.env.ref("loan_collection.loan_bank_line_action").read()[0]
        action["domain"] = [("statement_id", "=", statement.id)]
        action["context"] = {"loan_skipped": skipped}
        return action
