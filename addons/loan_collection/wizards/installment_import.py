# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import a repayment schedule from a spreadsheet (.xlsx, .xls or .csv).

One row per installment with the columns 合同编号 (contract no.), 期数 (installment no.),
到期日 (due date), 本金 (principal) and 利息 (interest); English headers contract, number,
due_date, principal, interest are accepted too. data/installments_sample.xlsx is an example.
Either every row is imported or none: every problem found is reported with its row.

It reads and checks the file with the portfolio import's engine (services/portfolio_import.py)
and writes validated installments set-based (models/loan_installment_writer.py). A file of a
whole book (with the borrower columns, data/portfolio_sample.csv) is handed to a background
portfolio import (models/loan_portfolio_import.py) and its form is opened.
"""
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.loan_portfolio_import import read_table, reason_text
from ..services import portfolio_import as engine


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

    @api.multi
    def action_import(self):
        self.ensure_one()
        header, body, to_date = read_table(base64.b64decode(self.file), self.filename)
        columns = engine.columns_of(header)
        if engine.is_portfolio(columns):
            return self._start_portfolio_import()
        missing = engine.missing_columns(columns, portfolio=False)
        if missing:
            raise UserError(_("The spreadsheet has no column for: %s. The first row must hold the headers "
                              "合同编号, 期数, 到期日, 本金, 利息.") % ", ".join(missing))
        _columns, groups = engine.group_rows(header, body, to_date=to_date)
        errors, plans = [], []
        Contract = self.env["loan.contract"]
        contracts = {c.name: c for c in Contract.search([("name", "in", list(groups))])}
        for number, group in groups.items():
            contract = contracts.get(number)
            if not contract:
                errors.extend(_("row %s: no loan contract numbered \"%s\"") % (row, number) for row in group.rows)
                continue
            if self.contract_id and contract != self.contract_id:
                errors.extend(_("row %s: contract %s is not %s") % (row, number, self.contract_id.name)
                              for row in group.rows)
                continue
            errors.extend(_("row %s: %s") % (row, reason_text(self, code, params))
                          for row, code, params in group.errors)
            if contract.invoice_ids.filtered(lambda i: i.state != "cancel"):
                errors.append(_("contract %s already has installments") % contract.name)
            if not group.errors:
                total = sum(i["principal"] for i in group.installments)
                if float(total) != contract.principal:
                    errors.append(reason_text(self, "principal_sum", {
                        "contract": contract.name, "total": total, "principal": contract.principal}))
            plans.append((contract, group.installments))
        if errors:
            raise UserError(_("Nothing was imported. Correct these rows and import the file again:\n%s")
                            % "\n".join(errors[:50]))
        if not plans:
            raise UserError(_("The spreadsheet has no installment rows."))
        # Whoever may change the contracts may have their installments booked (as in Generate Schedule).
        for contract, _rows in plans:
            contract.check_access_rule("write")
        Contract.check_access_rights("write")
        if self.validate:
            ids = self.env["loan.installment.writer"].sudo()._write_installments(
                [(contract.sudo(), rows) for contract, rows in plans])
        else:
            invoices = self.env["account.invoice"]
            for contract, rows in plans:
                quiet = contract.with_context(mail_create_nolog=True, mail_create_nosubscribe=True,
                                              tracking_disable=True)
                for i in sorted(rows, key=lambda r: r["number"]):
                    invoices |= quiet._create_installment(i["number"], i["due_date"], i["principal"], i["interest"],
                                                          validate=False)
            ids = invoices.ids
        action = self.env.ref("loan_collection.installment_action").read()[0]
        action["domain"] = [("id", "in", ids)]
        return action

    def _start_portfolio_import(self):
        """A whole book: the background portfolio import, opened on its form."""
        record = self.env["loan.portfolio.import"].create({"file": self.file, "filename": self.filename})
        record.action_start()
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id,
                "view_mode": "form", "target": "current"}
