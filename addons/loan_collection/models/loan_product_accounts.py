# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LoanProduct(models.Model):
    """Accounts for recoveries and write-offs of the product's contracts."""
    _inherit = "loan.product"

    penalty_account_id = fields.Many2one(
        "account.account", string="Penalty Interest Income Account",
        help="Credited by the penalty interest recovered. Penalty interest is booked only when it is "
             "received: until then it is a memorandum figure of the daily run.")
    costs_account_id = fields.Many2one(
        "account.account", string="Recovered Costs Account",
        help="Credited by the costs of realising the claim recovered from the debtor: the account "
             "where the lender carried the court and lawyer fees it advanced (其他应收款 by default).")
    writeoff_account_id = fields.Many2one(
        "account.account", string="Write-off Account",
        help="Debited by the principal written off as irrecoverable: 营业外支出 under the small-business "
             "standard (小企业会计准则 第十条), or the loan loss allowance (贷款损失准备) of a lender "
             "that provides for losses.")

    # Account codes searched, in order, in the company's chart (codes may be padded with zeros).
    _COSTS_CODES = ("1221",)
    _WRITEOFF_CODES = ("1304", "5711", "6711")

    @api.multi
    def _finance_accounts(self):
        """(penalty, costs, write-off) accounts of the product, the missing ones found in its
        company's chart and kept on the product. Raises UserError when one cannot be found."""
        self.ensure_one()
        product = self.sudo()
        if not product.interest_account_id:
            product._setup_accounting()
        Account = self.env["account.account"].sudo()
        company = product.company_id or self.env.user.company_id

        def find(codes):
            for code in codes:
                account = Account.search([("company_id", "=", company.id), ("code", "=like", code + "%"),
                                          ("deprecated", "=", False)], order="code", limit=1)
                if account:
                    return account
            return Account

        vals = {}
        if not product.penalty_account_id and product.interest_account_id:
            vals["penalty_account_id"] = product.interest_account_id.id
        if not product.costs_account_id:
            vals["costs_account_id"] = find(self._COSTS_CODES).id
        if not product.writeoff_account_id:
            vals["writeoff_account_id"] = find(self._WRITEOFF_CODES).id
        vals = {key: value for key, value in vals.items() if value}
        if vals:
            product.write(vals)
        missing = [label for label, account in (
            (_("Penalty Interest Income Account"), product.penalty_account_id),
            (_("Recovered Costs Account"), product.costs_account_id),
            (_("Write-off Account"), product.writeoff_account_id)) if not account]
        if missing:
            raise UserError(_("Loan product %s has no %s: set it on the product (Configuration > Loan "
                              "Products).") % (product.name, ", ".join(missing)))
        return product.penalty_account_id, product.costs_account_id, product.writeoff_account_id
