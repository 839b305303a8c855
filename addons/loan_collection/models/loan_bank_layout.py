# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The column layout of one bank's statement export (Finance › Bank Statement
Layouts). Four are shipped (data/loan_bank_layout_data.xml, one sample file each in
data/bank_statements/); finance adds or corrects one when its bank's export differs."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import bank_statement

ENCODINGS = [("gb18030", "GB18030 (GBK)"), ("utf-8-sig", "UTF-8")]


class LoanBankLayout(models.Model):
    _name = "loan.bank.layout"
    _description = "Bank Statement Layout"
    _order = "sequence, id"

    name = fields.Char(string="Bank", required=True)
    code = fields.Char(required=True, help="Short code of the layout, e.g. ICBC.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    encoding = fields.Selection(ENCODINGS, required=True, default="gb18030",
                                help="How a .csv export of this bank is encoded (an .xlsx file needs none).")
    date_columns = fields.Char(string="Date Column", required=True,
                               help="Header names of the transaction date, separated by commas: the first one "
                                    "found in the file is read.")
    date_formats = fields.Char(required=True, default="%Y-%m-%d,%Y%m%d,%Y/%m/%d",
                               help="How the bank writes a date, e.g. %Y%m%d for 20261128; several separated by "
                                    "commas.")
    credit_columns = fields.Char(string="Income Column", required=True)
    debit_columns = fields.Char(string="Expense Column")
    payer_name_columns = fields.Char(string="Counterparty Name Column", required=True)
    payer_account_columns = fields.Char(string="Counterparty Account Column", required=True)
    memo_columns = fields.Char(string="Memo Columns", required=True,
                               help="Every one of these found in the file is kept, joined (摘要, 附言, 用途...).")
    serial_columns = fields.Char(string="Serial Number Column", required=True,
                                 help="The bank's own number of the transaction (流水号): a line with a number "
                                      "already imported on the journal is never imported twice.")
    balance_columns = fields.Char(string="Balance Column")
    account_labels = fields.Char(string="Account Number Label", default="账号,账户",
                                 help="The label of the account number in the lines above the table.")

    _sql_constraints = [("code_uniq", "unique(code)", "Another bank statement layout has this code.")]

    @api.constrains("date_columns", "credit_columns", "payer_name_columns", "payer_account_columns",
                    "memo_columns", "serial_columns", "date_formats")
    def _check_columns(self):
        for layout in self:
            for field in ("date_columns", "credit_columns", "payer_name_columns", "payer_account_columns",
                          "memo_columns", "serial_columns", "date_formats"):
                if not bank_statement.split_names(layout[field]):
                    raise ValidationError(_("Give at least one header name for \"%s\" of layout %s.") % (
                        self._fields[field].get_description(self.env)["string"], layout.name))

    def _as_layout(self):
        """The layout as services/bank_statement.py reads it."""
        self.ensure_one()
        names = bank_statement.split_names
        return bank_statement.Layout(
            date=names(self.date_columns), payer_name=names(self.payer_name_columns),
            payer_account=names(self.payer_account_columns), credit=names(self.credit_columns),
            debit=names(self.debit_columns), memo=names(self.memo_columns), serial=names(self.serial_columns),
            balance=names(self.balance_columns), account_label=names(self.account_labels),
            date_formats=names(self.date_formats))

    @api.model
    def _error_text(self, error):
        """The sentence of a services.bank_statement.StatementError, translated, with its row."""
        texts = {
            "no_header": _("No table header was found: the file needs the columns %s (date), %s (income) and "
                           "%s (serial number). Choose the layout of the bank the file comes from, or correct "
                           "the layout in Finance › Bank Statement Layouts."),
            "missing_column": _("The column %s is missing: export the statement with the counterparty's name "
                                "and account."),
            "bad_date": _("\"%s\" is not a date in this bank's format (or is before 1990): correct the date or "
                          "the layout's date formats."),
            "future_date": _("The date %s is after today: a statement holds only money already booked."),
            "bad_amount": _("\"%s\" is not an amount: give a positive number of yuan with at most two decimals "
                            "(digits only, at most 100 billion)."),
            "one_amount": _("The row has both an income and an expense: a bank line is one or the other."),
            "no_amount": _("The row has neither an income nor an expense amount."),
            "no_serial": _("The row has no serial number (流水号): without it a line imported twice cannot be "
                           "recognised. Export the statement with its serial numbers."),
            "repeated_serial": _("Serial number %s is already on row %s of the file: a bank line appears once."),
            "no_transaction": _("The file holds no transaction."),
            "serial_as_number": _("The serial number %s is stored as a number in the spreadsheet and has lost "
                                  "digits: export it as text (or as .csv)."),
        }
        text = texts[error.code] % error.params if error.params else texts[error.code]
        if error.row:
            return _("Row %s: %s") % (error.row, text)
        return text
