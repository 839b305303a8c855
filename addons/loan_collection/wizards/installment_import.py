# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import a repayment schedule from a spreadsheet (.xlsx, .xls or .csv).

One row per installment with the columns 合同编号 (contract no.), 期数 (installment no.),
到期日 (due date), 本金 (principal) and 利息 (interest); English headers contract, number,
due_date, principal, interest are accepted too. data/installments_sample.xlsx is an example.
Either every row is imported or none: every problem found is reported with its row.
"""
import base64
import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal, InvalidOperation

import xlrd

from odoo import _, api, fields, models
from odoo.exceptions import UserError

HEADERS = {
    "合同编号": "contract", "contract": "contract",
    "期数": "number", "number": "number",
    "到期日": "due_date", "due_date": "due_date",
    "本金": "principal", "principal": "principal",
    "利息": "interest", "interest": "interest",
}


class InstallmentImport(models.TransientModel):
    _name = "loan.installment.import"
    _description = "Import Installments"

    file = fields.Binary(required=True, string="Spreadsheet")
    filename = fields.Char()
    contract_id = fields.Many2one(
        "loan.contract", string="Only for Contract",
        default=lambda self: self.env.context.get("active_model") == "loan.contract"
        and self.env.context.get("active_id"))
    validate = fields.Boolean(string="Validate Installments", default=True,
                              help="Open the installment invoices at once (otherwise they stay draft).")

    def _rows(self):
        data = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        if name.endswith(".csv"):
            text = data.decode("utf-8-sig")
            table = list(csv.reader(io.StringIO(text)))
            return table[0], table[1:], None
        try:
            book = xlrd.open_workbook(file_contents=data)
        except Exception:
            raise UserError(_("The file could not be read as a spreadsheet: upload an .xlsx, .xls or .csv file "
                              "like data/installments_sample.xlsx."))
        sheet = book.sheet_by_index(0)
        table = [sheet.row_values(i) for i in range(sheet.nrows)]
        return (table[0] if table else []), table[1:], book.datemode

    @staticmethod
    def _parse_date(value, datemode):
        if isinstance(value, float) and datemode is not None:
            return datetime.datetime(*xlrd.xldate_as_tuple(value, datemode)).date()
        text = str(value).strip().replace("/", "-").replace(".", "-")
        return datetime.datetime.strptime(text[:10], "%Y-%m-%d").date()

    @api.multi
    def action_import(self):
        self.ensure_one()
        header, body, datemode = self._rows()
        columns = {HEADERS.get(str(h).strip().lower(), HEADERS.get(str(h).strip())): i for i, h in enumerate(header)}
        missing = [key for key in ("contract", "number", "due_date", "principal", "interest") if key not in columns]
        if missing:
            raise UserError(_("The spreadsheet has no column for: %s. The first row must hold the headers "
                              "合同编号, 期数, 到期日, 本金, 利息.") % ", ".join(missing))
        errors, by_contract = [], defaultdict(list)
        Contract = self.env["loan.contract"]
        contracts = {}
        for row_number, row in enumerate(body, start=2):
            if not any(str(cell).strip() for cell in row):
                continue
            cell = lambda key: row[columns[key]] if columns[key] < len(row) else ""
            number_text = str(cell("contract")).strip()
            contract = contracts.get(number_text)
            if contract is None:
                contract = contracts[number_text] = Contract.search([("name", "=", number_text)], limit=1)
            if not contract:
                errors.append(_("row %s: no loan contract numbered \"%s\"") % (row_number, number_text))
                continue
            if self.contract_id and contract != self.contract_id:
                errors.append(_("row %s: contract %s is not %s") % (row_number, number_text, self.contract_id.name))
                continue
            try:
                installment = int(float(cell("number")))
                due = self._parse_date(cell("due_date"), datemode)
                principal = Decimal(str(cell("principal") or 0)).quantize(Decimal("0.01"))
                interest = Decimal(str(cell("interest") or 0)).quantize(Decimal("0.01"))
            except (ValueError, InvalidOperation, TypeError):
                errors.append(_("row %s: installment number, due date (YYYY-MM-DD) or amounts unreadable") % row_number)
                continue
            if principal < 0 or interest < 0 or principal + interest == 0:
                errors.append(_("row %s: amounts must be positive") % row_number)
                continue
            by_contract[contract].append((installment, due, principal, interest))
        for contract, rows in by_contract.items():
            numbers = [r[0] for r in rows]
            if len(set(numbers)) != len(numbers):
                errors.append(_("contract %s: an installment number appears twice") % contract.name)
            if contract.invoice_ids.filtered(lambda i: i.state != "cancel"):
                errors.append(_("contract %s already has installments") % contract.name)
            total = sum(r[2] for r in rows)
            if total != Decimal(str(contract.principal)).quantize(Decimal("0.01")):
                errors.append(_("contract %s: the principal parts add up to %s but the contract principal is %s")
                              % (contract.name, total, contract.principal))
        if errors:
            raise UserError(_("Nothing was imported. Correct these rows and import the file again:\n%s")
                            % "\n".join(errors[:50]))
        if not by_contract:
            raise UserError(_("The spreadsheet has no installment rows."))
        invoices = self.env["account.invoice"]
        for contract, rows in by_contract.items():
            quiet = contract.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
            for installment, due, principal, interest in sorted(rows):
                invoices |= quiet._create_installment(installment, due, principal, interest, validate=False)
        if self.validate:
            invoices.action_invoice_open()
        action = self.env.ref("loan_collection.installment_action").read()[0]
        action["domain"] = [("id", "in", invoices.ids)]
        return action
