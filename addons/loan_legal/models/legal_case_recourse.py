# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guarantee company's recourse (追偿权纠纷): when the company is the guarantee company that paid
the lender (Company's Role as Creditor), it sues the debtor for what it paid and the
counter-guarantors on their counter-guarantees (民法典 第七百条, 第三百八十七条第二款). The legal team
records the payment on the legal case; the recourse complaint (民事起诉状（追偿权纠纷）) is made from it."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.loan_collection.models.res_company import business_today
from odoo.addons.loan_collection.services.docx_render import cn_date, money

from ..services import complaint as complaint_rules
from .legal_case import LEGAL_GROUP, _to_date
from .legal_case_claim import CLAIM_FIELDS
from .legal_document import GUARANTEE_WORDS

RECOURSE_REQUIRED = ("recourse_lender", "recourse_paid_date", "recourse_paid_amount")
RECOURSE_FIELDS = RECOURSE_REQUIRED + ("recourse_rate",)


class LegalCase(models.Model):
    _inherit = "legal.case"

    recourse_lender = fields.Char(
        string="Lender Paid", groups=LEGAL_GROUP, track_visibility="onchange",
        help="The lender the company paid as guarantor (e.g. 中国工商银行股份有限公司杭州西湖支行): the recourse "
             "complaint names it.")
    recourse_agreement = fields.Char(
        string="Guarantee Agreement", groups=LEGAL_GROUP, track_visibility="onchange",
        help="The agreement under which the company guaranteed the loan, with its number (e.g. 《委托保证合同》"
             "WB2025-018号): the recourse complaint cites it.")
    recourse_paid_date = fields.Date(string="Paid to the Lender On", groups=LEGAL_GROUP, track_visibility="onchange",
                                     help="The day the company paid the lender on the debtor's behalf (代偿日).")
    recourse_paid_amount = fields.Monetary(string="Amount Paid to the Lender", groups=LEGAL_GROUP,
                                           track_visibility="onchange",
                                           help="What the company paid the lender on the debtor's behalf (代偿款).")
    recourse_rate = fields.Float(
        string="Agreed Rate on the Amount Paid (% a Year)", digits=(16, 4), groups=LEGAL_GROUP,
        track_visibility="onchange",
        help="The rate the guarantee agreement sets on the amount paid, from the day it was paid; 0: no interest "
             "is claimed on it.")

    @api.constrains("recourse_paid_date", "recourse_paid_amount", "recourse_rate")
    def _check_recourse(self):
        today = business_today(self)
        for case in self.sudo():
            if case.recourse_paid_amount < 0 or case.recourse_rate < 0:
                raise ValidationError(_("Case %s: the amount paid to the lender and its agreed rate cannot be negative.")
                                      % case.name)
            if case.recourse_paid_date and case.recourse_paid_date > today:
                raise ValidationError(_("Case %s: the company cannot have paid the lender on %s, a day still to come: "
                                        "give the day of the payment.") % (case.name, case.recourse_paid_date))

    @api.constrains("contract_disbursed_amount", "contract_disbursement_date", "contract_id")
    def _check_disbursement_supplied(self):
        # The disbursement a legal manager supplies obeys the contract's own rules (loan.contract):
        # positive, not more than the principal, not a day still to come.
        today = business_today(self)
        for case in self.sudo():
            amount, day = case.contract_disbursed_amount, case.contract_disbursement_date
            if amount and (amount < 0 or amount > case.contract_id.principal):
                raise ValidationError(_("Case %s: the amount actually disbursed (%s) must be positive and not more "
                                        "than the principal of contract %s (%s): enter the amount on the bank's "
                                        "transfer record.") % (case.name, amount, case.contract_id.name,
                                                               case.contract_id.principal))
            if day and day > today:
                raise ValidationError(_("Case %s: the money cannot have been paid out on %s, a day still to come: "
                                        "give the day on the bank's transfer record.") % (case.name, day))

    def _recourse_claim(self):
        """(outstanding, interest, repaid [(date, amount)], paid date, claim date) of the company's
        recourse as of Claim as of: what it paid less the recoveries since, with the agreed interest
        (services/complaint.recourse_claim)."""
        paid_date, claim_date = _to_date(self.recourse_paid_date), _to_date(self.claim_date or business_today(self))
        if claim_date < paid_date:
            raise UserError(_("Case %s: Claim as of (%s) is before the payment to the lender (%s): claim as of the "
                              "payment or later.") % (self.name, claim_date, paid_date))
        recoveries = self.collection_case_id.sudo().recovery_ids.filtered(lambda r: r.state == "posted") \
            if self.collection_case_id else []
        # What was paid back between the payment and the claim date (a later one is not in this claim).
        repaid = [(_to_date(r.date), r.amount) for r in recoveries if paid_date <= _to_date(r.date) <= claim_date]
        outstanding, interest = complaint_rules.recourse_claim(
            self.recourse_paid_amount, paid_date, repaid, self.recourse_rate, claim_date)
        return outstanding, interest, repaid, paid_date, claim_date

    def _check_recourse_recorded(self):
        missing = [name for name in RECOURSE_REQUIRED if not self[name]]
        if missing:
            raise UserError(_("The recourse complaint of case %s states %s, which is not recorded: enter it on the "
                              "legal case (Complaint tab), then generate the complaint again.")
                            % (self.name, self._loan_field_labels(missing)))

    def _claim_data_recourse(self):
        """The claim a guarantee company's preservation application states: its recourse."""
        self._check_recourse_recorded()
        return {"date": cn_date(self._recourse_claim()[4]), "total": money(self.claim_total)}

    def _document_data_recourse_complaint(self):
        if not self._recourse():
            raise UserError(_("Case %s: the company is the lender, whose claim is the element-style complaint "
                              "(金融借款合同纠纷); the recourse complaint is a guarantee company's (Company's Role as "
                              "Creditor).") % self.name)
        contract = self.contract_id
        if not contract:
            raise UserError(_("The legal case has no loan contract: a complaint states the contract particulars."))
        self._check_recourse_recorded()
        outstanding, _interest, repaid, paid_date, claim_date = self._recourse_claim()
        if not self.claim_total:
            raise UserError(_("Case %s: what the company paid the lender has been paid back: there is nothing to "
                              "claim.") % self.name)
        # What is claimed is the case's claim: the recourse as computed, or less when the legal team
        # claims less (the court fees are on the same total).
        debtor = self.partner_id.name
        interest = self.claim_interest
        claim = "判令被告%s向原告支付代偿款%s" % (debtor, money(self.claim_principal)["figures"])
        if interest:
            claim += "及利息%s（以未还代偿款为基数，自%s起按年利率%s%%计算，日利率＝年利率÷360，暂计至%s，此后计至实际" \
                     "清偿之日止）" % (money(interest)["figures"], cn_date(paid_date), complaint_rules.rate_text(self.recourse_rate),
                                   cn_date(claim_date))
        guarantees = self._claimed_guarantees()
        counter = ["被告%s以%s方式向原告提供反担保%s" % (
            g.partner_id.name, GUARANTEE_WORDS[g.guarantee_type],
            "（%s）" % g.contract_number if g.contract_number else "") for g in guarantees]
        recourse = {"lender": self.recourse_lender, "agreement": self.recourse_agreement or None,
                    "paid_date": cn_date(paid_date), "paid": money(self.recourse_paid_amount),
                    "repaid": money(sum(amount for _day, amount in repaid)) if repaid else None,
                    "outstanding": money(outstanding), "interest": money(interest) if interest else None,
                    "rate": "%s%%" % complaint_rules.rate_text(self.recourse_rate) if self.recourse_rate else None,
                    "claim_date": cn_date(claim_date), "total": money(self.claim_total)}
        signed = self._contract_value("date_signed")
        costs = ["判令被告%s支付原告为实现债权支出的费用%s" % (debtor, money(self.claim_costs)["figures"])] \
            if self.claim_costs else []
        return {
            "claims": [claim] + costs + ["判令" + sentence for sentence in self._guarantee_sentences()]
                      + ["判令本案诉讼费、保全费等诉讼费用由被告承担"],
            "statutes": complaint_rules.recourse_statutes(set(guarantees.mapped("guarantee_type"))),
            "agent": self._agent_text(), "counter": counter, "recourse": recourse,
            "contract": {"number": contract.name, "date_signed": cn_date(signed) if signed else None,
                         "borrower": contract.partner_id.name, "principal": money(contract.principal)},
        }

    # The claim of a recourse case is the recourse (its amounts give the court fees) ------------

    def _recourse_recorded(self):
        return self._recourse() and all(self.sudo()[name] for name in RECOURSE_REQUIRED)

    @api.multi
    def _refresh_claim(self):
        """A guarantee company's case claims what it paid less what came back, with the agreed
        interest (_recourse_claim), not the lender's ledger: so the claim, its total and the court
        fees on it are the recourse's."""
        recourse = self.sudo().filtered(lambda case: case._recourse())
        super(LegalCase, self - recourse)._refresh_claim()
        # Before the payment is recorded there is nothing to claim yet (never the lender's ledger).
        for case in recourse.filtered(lambda case: case._recourse_recorded()):
            outstanding, interest = case._recourse_claim()[:2]
            vals = {"claim_principal": outstanding, "claim_interest": interest, "claim_penalty": 0.0}
            if "claim_compound" in case._fields:
                vals["claim_compound"] = 0.0
            case._write_checked(vals)
        return True

    @api.multi
    def action_refresh_claim(self):
        for case in self.sudo().filtered(lambda case: case._recourse()):
            case._check_recourse_recorded()
        return super(LegalCase, self).action_refresh_claim()

    @api.multi
    def write(self, vals):
        result = super(LegalCase, self).write(vals)
        if set(RECOURSE_FIELDS) & set(vals) and not set(CLAIM_FIELDS) & set(vals):
            # The payment recorded or corrected while the suit is prepared: the claim follows it
            # (once filed, the claim is the suit's; Recompute Claim brings it in step on purpose).
            self.filtered(lambda case: case.stage == "preparation" and case._recourse_recorded())._refresh_claim()
        return result

    @api.multi
    def _claim_breakdown_lines(self, ledger=None):
        if not self._recourse_recorded():
            return super(LegalCase, self)._claim_breakdown_lines(ledger)
        day, amount, rate = self._claim_formats()
        outstanding, interest, repaid, paid_date, claim_date = self._recourse_claim()
        case = self.sudo()
        lines = [_("Paid to %s on %s as guarantor: %s.") % (case.recourse_lender, day(paid_date),
                                                            amount(case.recourse_paid_amount)),
                 _("Paid back since: %s; still owed: %s.") % (amount(sum(a for _d, a in repaid)), amount(outstanding))]
        if case.recourse_rate:
            lines.append(_("Interest: %s, on what is still owed at %s%% a year (a 360th a day) from %s to %s.")
                         % (amount(interest), rate(case.recourse_rate), day(paid_date), day(claim_date)))
        return lines
