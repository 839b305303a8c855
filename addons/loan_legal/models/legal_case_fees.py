# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Court fees on a legal case (《诉讼费用交纳办法》): estimated from the amounts claimed, preserved,
appealed and awarded (services/court_fees.py), booked as cost lines by a button, and the recoverable
costs shown on the collection case."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import court_fees
from .legal_case import LEGAL_GROUP


class LegalCase(models.Model):
    _inherit = "legal.case"

    preservation_amount = fields.Monetary(string="Amount to Preserve", groups=LEGAL_GROUP,
                                          help="Value of the property whose preservation is applied for.")
    pre_suit_preservation_date = fields.Date(
        # Not tracked: a tracked value is shown in the chatter to every reader of the case.
        string="Pre-suit Preservation Taken On", groups=LEGAL_GROUP, copy=False,
        help="The day the court took preservation measures applied for before the suit (诉前保全): the suit must "
             "be filed within 30 days or the court lifts them (民诉法 第104条).")
    appeal_amount = fields.Monetary(
        string="Amount We Appeal", groups=LEGAL_GROUP,
        help="The part of the first-instance judgment the lender appeals against: the lender advances the "
             "second-instance acceptance fee on it (诉讼费用交纳办法 第十七条). 0 when the lender does not appeal.")
    ended_by_mediation = fields.Boolean(
        string="Ended by Mediation or Withdrawal", groups=LEGAL_GROUP,
        help="The acceptance fee is halved (诉讼费用交纳办法 第十五条).")
    acceptance_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                     string="Acceptance Fee")
    preservation_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                       string="Preservation Fee")
    enforcement_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                      string="Enforcement Fee")
    appeal_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                 string="Second-instance Fee")
    court_fee_total = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                      string="Court Fees")
    # Procedures a lender may use instead of a suit: estimates to compare, not in the total.
    payment_order_fee = fields.Monetary(
        compute="_compute_court_fees", groups=LEGAL_GROUP, string="Payment-order Fee",
        help="Applying for a payment order (支付令) instead of suing: 1/3 of the acceptance fee on the claim "
             "(诉讼费用交纳办法 第十四条(三)).")
    security_realisation_fee = fields.Monetary(
        compute="_compute_court_fees", groups=LEGAL_GROUP, string="Security Realisation Fee",
        help="Applying to realise the mortgage or pledge (实现担保物权, 民诉法 第207条) instead of suing: the "
             "fee schedule lists none and courts differ (none, a flat fee, or the acceptance fee on the claim); "
             "estimated at the acceptance fee on the claim. Only for a contract with a mortgage or pledge.")

    @api.depends("claim_total", "procedure", "ended_by_mediation", "preservation_amount", "awarded_total",
                 "appeal_amount", "contract_id.guarantee_ids.guarantee_type")
    def _compute_court_fees(self):
        for case in self:
            # Nothing claimed yet: no fee to show (the 50-yuan minimum would only confuse).
            claimed = case.claim_total
            case.acceptance_fee = float(court_fees.acceptance_fee(
                claimed, case.procedure, case.ended_by_mediation)) if claimed else 0.0
            case.preservation_fee = float(
                court_fees.preservation_fee(case.preservation_amount)) if case.preservation_amount else 0.0
            enforced = case.awarded_total or claimed
            case.enforcement_fee = float(court_fees.enforcement_fee(enforced)) if enforced else 0.0
            case.appeal_fee = float(court_fees.appeal_fee(case.appeal_amount)) if case.appeal_amount else 0.0
            case.court_fee_total = (case.acceptance_fee + case.preservation_fee + case.enforcement_fee
                                    + case.appeal_fee)
            case.payment_order_fee = float(court_fees.payment_order_fee(claimed)) if claimed else 0.0
            secured = claimed and any(t in ("mortgage", "pledge")
                                      for t in case.contract_id.sudo().guarantee_ids.mapped("guarantee_type"))
            case.security_realisation_fee = float(court_fees.security_realisation_fee(claimed)) if secured else 0.0

    @api.multi
    def action_book_court_fees(self):
        """Book the court fees shown on the case as cost lines, each type once: a fee already
        booked (whatever its amount, it may have been corrected from the court's notice) is not
        booked again."""
        self.ensure_one()
        if not self.claim_total:
            raise UserError(_("Case %s has no claim amount yet: enter the amounts claimed, then book the "
                              "court fees.") % self.name)
        booked = set(self.cost_ids.mapped("cost_type"))
        today = business_today(self)
        procedure = dict(self._fields["procedure"]._description_selection(self.env))[self.procedure]
        fees = [("acceptance", self.acceptance_fee, self.filing_date or today,
                 _("Case acceptance fee, %s (诉讼费用交纳办法 第十三条)") % procedure)]
        if self.preservation_amount:
            fees.append(("preservation", self.preservation_fee, today,
                         _("Preservation application fee on %.2f (诉讼费用交纳办法 第十四条)")
                         % self.preservation_amount))
        if self.appeal_amount:
            fees.append(("appeal", self.appeal_fee, self.appeal_date or today,
                         _("Second-instance acceptance fee on %.2f appealed (诉讼费用交纳办法 第十七条)")
                         % self.appeal_amount))
        if self.enforcement_date:
            fees.append(("enforcement", self.enforcement_fee, self.enforcement_date,
                         _("Enforcement application fee (诉讼费用交纳办法 第十四条; collected from the debtor "
                           "after enforcement, 第二十条)")))
        new = [fee for fee in fees if fee[0] not in booked and fee[1]]
        if not new:
            raise UserError(_("The court fees of case %s are already booked: nothing to add. Correct an "
                              "amount on the Costs tab if the court's notice differs.") % self.name)
        Cost = self.env["legal.cost"]
        for cost_type, amount, date, label in new:
            Cost.create({"case_id": self.id, "cost_type": cost_type, "amount": amount, "date": date,
                         "name": label, "recoverable": True})
        self._loan_note(_("Court fees booked: %s.") % ", ".join(
            "%s %.2f" % (label, amount) for _type, amount, _date, label in new))
        return True

    @api.multi
    def _update_collection_fees(self):
        """Show the recoverable legal costs on the collection case (its fees: the costs of
        realising the claim, paid first under 民法典 第561条)."""
        for case in self.sudo():
            collection = case.collection_case_id
            if not collection:
                continue
            recoverable = sum(case.cost_ids.filtered("recoverable").mapped("amount"))
            amount = case.handover_fees + recoverable
            if collection.currency_id.compare_amounts(collection.fees_amount, amount) != 0:
                collection.write({"fees_amount": amount})
