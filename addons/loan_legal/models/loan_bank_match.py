# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Court payouts (执行款, auction proceeds) on the bank statement, matched by the court case number.

A court paying out enforcement money writes its case number in the memo (（2026）浙0106执1234号).
The number is compared, normalised the way a court writes it (services/litigation.case_number),
with the first-instance, appeal and enforcement numbers of the litigation of each active case:
the match is the collection case of that litigation, registered as money from the court (source
"court"), from the court's partner (the partner named as the enforcement court, else as the court
of first instance; made once when finance has none). Paid from an account known on that partner,
it is more certain still.
"""
from odoo import api, models

from odoo.addons.loan_collection.models.collection_case import ACTIVE_STAGES
from odoo.addons.loan_collection.services import bank_statement


class LoanBankMatch(models.Model):
    _inherit = "loan.bank.match"

    @api.model
    def _evidence_rows(self, params):
        rows = super(LoanBankMatch, self)._evidence_rows(params)
        line_ids, numbers = [], []
        for line_id, memo in zip(params["ids"], params["memos"]):
            for number in bank_statement.court_numbers(memo):
                line_ids.append(line_id)
                numbers.append(number)
        if not numbers:
            return rows
        cr = self.env.cr
        cr.execute("""
            SELECT DISTINCT n.line_id, lc.collection_case_id, court.name, l.account
              FROM unnest(%(lines)s::int[], %(numbers)s::varchar[]) AS n(line_id, number)
              JOIN loan_match_line l ON l.id = n.line_id
              JOIN legal_case lc ON n.number IN (lc.case_number, lc.appeal_case_number, lc.enforcement_case_number)
              JOIN collection_case cc ON cc.id = lc.collection_case_id AND cc.stage IN %(active)s
                   AND cc.company_id = l.company_id
              LEFT JOIN legal_court court ON court.id = COALESCE(lc.enforcement_court_id, lc.court_id)
        """, dict(params, lines=line_ids, numbers=numbers, active=ACTIVE_STAGES))
        found = cr.fetchall()
        courts = {}
        for line_id, case_id, court_name, account in found:
            partner = courts.get(court_name)
            if partner is None:
                partner = courts[court_name] = self._court_partner(court_name)
            rows.append((line_id, case_id, partner.id, "court", "court_number"))
            if account and account in partner.bank_ids.mapped(lambda b: bank_statement.digits(b.acc_number)):
                rows.append((line_id, case_id, partner.id, "court", "court_account"))
        return rows

    @api.model
    def _court_partner(self, court_name):
        """The partner the court's payouts are registered from: the company partner of that name."""
        Partner = self.env["res.partner"].sudo()
        name = court_name or "人民法院"
        return (Partner.search([("name", "=", name), ("is_company", "=", True)], limit=1)
                or Partner.create({"name": name, "is_company": True}))
