"""Installments imported from a spreadsheet (data/installments_sample.xlsx), all or nothing."""
import base64
import os

from odoo.exceptions import UserError

from .common import LoanCase

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "data", "installments_sample.xlsx")


class TestInstallmentImport(LoanCase):

    def wizard(self, content, filename, contract=None):
        return self.env["loan.installment.import"].create({
            "file": base64.b64encode(content), "filename": filename,
            "contract_id": contract.id if contract else False})

    def test_sample_file_imported(self):
        contract = self.make_contract(principal=60000, method="equal_principal", disbursed="2026-01-10",
                                      maturity="2026-07-10", activate=False)
        contract.name = "DK202699001"
        with open(SAMPLE, "rb") as sample:
            self.wizard(sample.read(), "installments_sample.xlsx").action_import()
        installments = contract.invoice_ids.sorted("installment_number")
        self.assertEqual(installments.mapped("installment_number"), [1, 2, 3, 4, 5, 6])
        self.assertEqual(installments[0].date_due, "2026-02-10")
        # Interest 1 % a month on the balance: 600.00 on 60,000 first, 100.00 on 10,000 last.
        self.assertEqual((installments[0].amount_total, installments[-1].amount_total), (10600.0, 10100.0))
        self.assertEqual(set(installments.mapped("state")), {"open"})

    def test_bad_rows_refused_and_nothing_imported(self):
        contract = self.make_contract(principal=20000, activate=False)
        csv = ("合同编号,期数,到期日,本金,利息\n"
               "{0},1,2026-02-15,10000,200\n"
               "{0},2,2026-13-15,10000,100\n"
               "NOPE,1,2026-02-15,10000,100\n").format(contract.name)
        with self.assertRaises(UserError) as refusal:
            self.wizard(csv.encode("utf-8"), "plan.csv").action_import()
        message = str(refusal.exception)
        self.assertIn("row 3", message)
        self.assertIn("row 4: no loan contract numbered \"NOPE\"", message)
        self.assertFalse(contract.invoice_ids)

    def test_principal_must_add_up(self):
        contract = self.make_contract(principal=20000, activate=False)
        csv = "contract,number,due_date,principal,interest\n{0},1,2026-02-15,15000,200\n".format(contract.name)
        with self.assertRaisesRegex(UserError, "add up to 15000.00 but the contract principal is 20000"):
            self.wizard(csv.encode("utf-8"), "plan.csv").action_import()
        self.assertFalse(contract.invoice_ids)

    def test_missing_column(self):
        with self.assertRaisesRegex(UserError, "no column for: interest"):
            self.wizard("合同编号,期数,到期日,本金\nX,1,2026-01-01,1\n".encode("utf-8"), "plan.csv").action_import()
