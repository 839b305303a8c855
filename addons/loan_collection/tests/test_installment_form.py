"""Found by the browser tests: a collection manager opening an installment (还款分期) was refused
(AccessError on account.invoice.tax): the menu opened Odoo's invoice form, which reads accounting
the collection team may not. The installment has its own form, every field of it readable by
the roles that see installments."""
from .common import LoanCase


class TestInstallmentForm(LoanCase):

    def test_every_role_that_sees_installments_reads_their_form(self):
        contract = self.make_contract()
        self.run_on("2026-03-20")
        installment = contract.invoice_ids.sorted("installment_number")[0]
        action = self.env.ref("loan_collection.installment_action")
        form = action.view_ids.filtered(lambda v: v.view_mode == "form").view_id
        self.assertEqual(form, self.env.ref("loan_collection.installment_view_form"))
        for user in (self.manager, self.office, self.finance):
            Invoice = self.env["account.invoice"].sudo(user)
            view = Invoice.fields_view_get(view_id=form.id, view_type="form")
            values = Invoice.browse(installment.id).read(list(view["fields"]))[0]
            self.assertEqual((values["installment_number"], values["days_overdue"]), (1, 33), user.login)
            lines = Invoice.env["account.invoice.line"].browse(values["invoice_line_ids"])
            self.assertEqual(sum(lines.mapped("price_subtotal")), installment.amount_total)
