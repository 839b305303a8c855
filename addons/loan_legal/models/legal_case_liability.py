# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who answers for what in the court papers of a legal case, by the defendants' real roles and the
guarantees claimed on: all their property (the borrower, a joint guarantor), after the borrower (a
general guarantor), or a collateral only (a third-party mortgagor or pledgor); and so who the
respondents of a preservation or an enforcement-stage application are."""
from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.loan_collection.services import guarantee as guarantee_rules

from .legal_document import ROLE_WORDS


class LegalCase(models.Model):
    _inherit = "legal.case"

    def _liability_groups(self):
        """How each defendant answers, by the guarantees claimed on: `full`, with all his property
        (the borrower, a joint guarantor, 民法典 第六百八十八条; a defendant entered by hand as Other,
        e.g. a co-borrower); `general`, a general guarantor, after the borrower (第六百八十七条); and
        `collaterals`, each third party's mortgage or pledge, answered with its collateral (第三百九十四条、
        第四百二十五条) -- a general guarantor's too, priority on a collateral knows no order. A joint
        guarantor's collateral is within all his property. A defendant entered by hand as mortgagor
        or pledgor without such a guarantee on the contract is refused (the collateral is named); a
        counter-guarantor entered by hand on a lender's case is left out (he answers to the guarantor).

        :returns: (full, general: legal.case.party, collaterals: loan.guarantee)
        """
        guarantees = self._claimed_guarantees()
        full = general = self.party_ids.browse()
        collaterals = guarantees.browse()
        for party in self.party_ids:
            own = guarantees.filtered(lambda g: g.partner_id == party.partner_id)
            kinds = {guarantee_rules.liability(g.guarantee_type) for g in own}
            if party.partner_id == self.partner_id or "joint" in kinds:
                full |= party
                continue
            collaterals |= own.filtered(lambda g: guarantee_rules.liability(g.guarantee_type) == "collateral")
            if "supplementary" in kinds:
                general |= party
            elif not own:
                if party.role in ("mortgagor", "pledgor"):
                    raise UserError(_("%s is a defendant of case %s as %s, but the contract has no such guarantee "
                                      "of his claimed on: add it to the contract's guarantees with its collateral "
                                      "(the application names the collateral), or change his role on the Defendants "
                                      "tab.") % (party.partner_id.name, self.name, ROLE_WORDS[party.role]))
                if party.role == "counter_guarantor" and not self._recourse():
                    continue
                full |= party
        return full, general, collaterals

    def _preservation_groups(self):
        """Who a preservation application is against, and for what (_liability_groups): all the
        property, up to the amount, of those liable in full; each third party's collateral; a
        general guarantor's property only when the borrower's known property falls short of the
        amount (担保制度解释 第二十六条第三款: the court refuses to preserve a general guarantor's
        property while the debtor's preserved property suffices).

        :returns: (respondents, full: legal.case.party (the property of each preserved up to the
            amount), collaterals: loan.guarantee, general: legal.case.party, amount: float,
            debtor_assets: float (the borrower's known assets, estimated))
        """
        if self._recourse():
            self._check_recourse_recorded()  # its claim is the payment recorded
        amount = self.preservation_amount or self.claim_total
        debtor_assets = sum(self.asset_ids.filtered(
            lambda a: a.state != "released" and a.partner_id == self.partner_id).mapped("estimated_value"))
        full, general, collaterals = self._liability_groups()
        if debtor_assets >= amount:
            general = general.browse()
        owners = collaterals.mapped("partner_id")
        respondents = self.party_ids.filtered(lambda p: p in full or p in general or p.partner_id in owners)
        return respondents, full | general, collaterals, general, amount, debtor_assets

    def _respondent_parties(self, doc_type):
        """The respondents of an enforcement-stage application: the judgment debtors (民诉法 第247条:
        the party that refuses to perform the effective judgment); for a restriction or listing, the
        debtor it is against."""
        if doc_type == "preservation":
            return self._preservation_groups()[0]
        if doc_type == "enforcement":
            parties = self.party_ids.filtered("judgment_debtor")
            if not parties:
                raise UserError(_("No defendant of case %s is marked as judgment debtor: tick Judgment Debtor on the "
                                  "defendants the judgment orders to perform (Defendants tab).") % self.name)
            return parties
        restriction = self._pending_restriction("consumption" if doc_type == "consumption_restriction" else "dishonest")
        # Restricted or listed is only a judgment debtor who does not perform (限制消费规定 第一条;
        # 失信名单规定 第一条: 被执行人).
        parties = self.party_ids.filtered(lambda p: p.partner_id == restriction.debtor_id and p.judgment_debtor)
        if not parties:
            raise UserError(_("%s is not a judgment debtor of case %s: a restriction or a listing is applied for only "
                              "against a defendant the judgment orders to perform. Tick Judgment Debtor on that "
                              "defendant (Defendants tab), or record the restriction against a judgment debtor.")
                            % (restriction.debtor_id.name, self.name))
        return parties
