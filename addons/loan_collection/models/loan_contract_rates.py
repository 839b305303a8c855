# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import rates
from ..services.money import to_decimal
from .loan_product import LENDER_TYPES


def _percent(value):
    """A rate field as Decimal to its 4 digits (a computed 16.200000000000003 is 16.2)."""
    return to_decimal(value).quantize(Decimal("0.0001"))


def _shown(rate):
    """A rate for a message: 15.4 -> '15.40'."""
    return "%.2f" % rate


class LoanContract(models.Model):
    """The legality of the contract's rates (services/rates.py): the agreed rate, the overdue rate
    and the fees together against the cap that binds the lender."""
    _inherit = "loan.contract"

    fee_rate = fields.Float(
        string="Fees (%/year)", digits=(6, 4), default=0.0, readonly=True, states={"draft": [("readonly", False)]},
        help="Service fees, 违约金 and other charges agreed besides interest, as an annual rate on the principal: "
             "a court counts them with the interest (民间借贷规定 第29条; 九民纪要 第51条).")
    lender_type = fields.Selection(LENDER_TYPES, related="product_id.lender_type", readonly=True)
    rate_charged = fields.Float(
        string="Charges (%/year)", digits=(6, 4), compute="_compute_rate_check",
        help="The agreed or the overdue rate, whichever is higher, plus the fees.")
    rate_cap = fields.Float(
        string="Rate Cap (%/year)", digits=(6, 4), compute="_compute_rate_check",
        help="Private lending: 4 times the one-year LPR at the contract date (民间借贷规定 第25条; before "
             "2020-08-20, 24%, 第31条). Other lenders: the 24% a year above which a court reduces the charges "
             "(九民纪要 第51条).")
    rate_supported = fields.Float(
        string="Rate a Court Would Support (%/year)", digits=(6, 4), compute="_compute_rate_check")
    rate_warning = fields.Char(compute="_compute_rate_check", string="Rate Warning")

    @api.depends("annual_rate", "overdue_rate", "fee_rate", "product_id.lender_type", "date_signed",
                 "date_disbursed")
    def _compute_rate_check(self):
        history = self.env["loan.lpr.rate"]._history()
        for contract in self:
            contract.rate_charged = contract.rate_cap = contract.rate_supported = 0.0
            contract.rate_warning = False
            check = contract._rate_check(history)
            if check is None:
                continue
            contract.rate_charged, contract.rate_cap = float(check.charged), float(check.cap)
            contract.rate_supported = float(check.supported)
            warnings = [contract._rate_warning_text(check)] if check.flagged or check.refused else []
            last = contract.product_id.lender_type == "private" and rates.lpr_outdated(
                contract._contract_date(), history)
            if last:
                # The cap of a private loan is 4 x the LPR at the contract date (法释〔2020〕17号 第25条).
                warnings.append(_("The one-year LPR published after %s is not recorded: the cap was computed on "
                                  "the rate of %s. Record the publications since then (Configuration › Loan Prime "
                                  "Rates) and check this contract again.") % (last, last))
            contract.rate_warning = " ".join(warnings) or False

    @api.constrains("annual_rate", "overdue_rate", "fee_rate", "product_id", "date_signed", "date_disbursed")
    def _check_rate_cap(self):
        history = self.env["loan.lpr.rate"]._history()
        for contract in self:
            if contract.fee_rate < 0:
                raise ValidationError(_("Contract %s: the fees cannot be negative. Enter them as an annual rate "
                                        "on the principal, or 0.") % contract.name)
            check = contract._rate_check(history)
            if check is not None and check.refused:
                # 民间借贷规定 法释〔2020〕17号 第25条、第29条
                raise ValidationError(_(
                    "Contract %s: a private lender may charge at most %s%% a year (4 times the one-year LPR at "
                    "the contract date, 民间借贷规定 第25条 and 第29条), and this contract charges %s%% a year "
                    "(agreed or overdue rate plus fees). Lower the rates or the fees, or choose the product of a "
                    "licensed lender.") % (contract.name, _shown(check.cap), _shown(check.charged)))

    def _contract_date(self):
        """The day the contract was formed (合同成立时): signed, else disbursed."""
        return fields.Date.from_string(self.date_signed or self.date_disbursed)

    def _rate_check(self, history=None, filed_on=None):
        """services/rates.check_rates for this contract (None while it has no product or date)."""
        self.ensure_one()
        if not (self.product_id and (self.date_signed or self.date_disbursed)):
            return None
        return rates.check_rates(
            self.product_id.lender_type, self._contract_date(), _percent(self.annual_rate),
            _percent(self.overdue_rate), _percent(self.fee_rate),
            history or self.env["loan.lpr.rate"]._history(), filed_on)

    def _rate_warning_text(self, check):
        if check.refused:
            return _("Charges of %s%% a year are above the private-lending cap of %s%% a year (民间借贷规定 第25条、"
                     "第29条): a court would likely support %s%% a year.") % (_shown(check.charged), _shown(check.cap), _shown(check.supported))
        return _("Charges of %s%% a year are above 24%% a year: a court reduces them on the borrower's request "
                 "(九民纪要 第51条) and would likely support %s%% a year.") % (_shown(check.charged), _shown(check.supported))
