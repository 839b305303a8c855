# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a legal case's values must agree with, checked on every write (the form and RPC alike):
compound interest only where the contract agrees it, preservation taken before the suit dated and
not in the future, an appeal only against a judgment, case numbers as courts write them."""
from odoo import _, api, models
from odoo.exceptions import ValidationError

from odoo.addons.loan_collection.models.res_company import business_today

from ..services import litigation

CASE_NUMBER_FIELDS = ("case_number", "appeal_case_number", "enforcement_case_number")


class LegalCase(models.Model):
    _inherit = "legal.case"

    @api.model
    def _normalize_case_numbers(self, vals):
        """`vals` with its case numbers as a court writes them (services/litigation.case_number):
        printed as entered, a number typed with its brackets twice or without them would read
        （（2026）…） or 2026浙… on every court document."""
        vals = dict(vals)
        for name in CASE_NUMBER_FIELDS:
            if vals.get(name):
                number, ok = litigation.case_number(vals[name])
                if not ok:
                    raise ValidationError(_(
                        "%s \"%s\" is not a case number as courts write it, e.g. （2026）浙0106民初1234号: the year "
                        "in brackets once, the court's and the case type's codes, the number and 号 (最高人民法院关于"
                        "人民法院案件案号的若干规定 第四条). Copy it from the court's notice.")
                        % (self._loan_field_label(name), vals[name]))
                vals[name] = number
        return vals

    @api.constrains("claim_compound", "contract_id")
    def _check_compound_agreed(self):
        # Compound interest on unpaid interest is due only where the loan contract provides it
        # (银发〔2003〕251号 第三条; 民法典 第680条: interest as agreed).
        for case in self.sudo():
            if case.claim_compound > 0 and not case.contract_id.compound_interest:
                raise ValidationError(_(
                    "Case %s claims compound interest (%.2f) but contract %s does not agree compound interest: "
                    "set Compound Interest Claimed to 0, or recompute the claim (Recompute Claim).")
                    % (case.name, case.claim_compound, case.contract_id.name))

    @api.constrains("pre_suit_preservation_date", "filing_date", "preservation_status")
    def _check_pre_suit_preservation(self):
        today = business_today(self)
        statuses = dict(self._fields["preservation_status"]._description_selection(self.env))
        for case in self.sudo():
            taken = case.pre_suit_preservation_date
            if taken and taken > today:
                raise ValidationError(_(
                    "Case %s: the pre-suit preservation cannot have been taken on %s, a day still to come: give "
                    "the day of the court's ruling.") % (case.name, taken))
            if taken and case.filing_date and case.filing_date < taken:
                raise ValidationError(_(
                    "Case %s: the pre-suit preservation (%s) is after the filing date (%s). Preservation applied "
                    "for once the suit is filed is not pre-suit: clear Pre-suit Preservation Taken On, or correct "
                    "the dates.") % (case.name, taken, case.filing_date))
            # 民诉法 第104条: the suit must follow within 30 days of the measures, so their day is needed.
            if (case.preservation_status == "pre_suit") != bool(taken):
                raise ValidationError(_(
                    "Case %s: Preservation is \"%s\" but Pre-suit Preservation Taken On is %s. A pre-suit "
                    "preservation has the day the court took the measures (the suit must be filed within 30 days, "
                    "民诉法 第104条): set both, or neither.") % (
                    case.name, statuses[case.preservation_status], taken or _("empty")))

    @api.constrains("appeal_amount", "judgment_date")
    def _check_appeal_against_a_judgment(self):
        # An appeal is against a first-instance judgment (民诉法 第171条), which has a date.
        for case in self.sudo():
            if case.appeal_amount and not case.judgment_date:
                raise ValidationError(_(
                    "Case %s: an amount appealed (%.2f) needs the first-instance judgment it appeals against: "
                    "record the judgment date first.") % (case.name, case.appeal_amount))
