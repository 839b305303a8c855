# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The defendants of a legal case (民诉法 第122条: the parties of the suit), by their real roles:
the borrower, his guarantors, third-party mortgagors and pledgors — filled in from the contract."""
from odoo import api, fields, models

PARTY_ROLES = [
    ("borrower", "Borrower"),
    ("guarantor", "Guarantor"),
    ("mortgagor", "Mortgagor"),  # 抵押人: liable within the collateral (民法典 第394条)
    ("pledgor", "Pledgor"),      # 出质人 (民法典 第425条)
    ("counter_guarantor", "Counter-guarantor"),
    ("other", "Other"),
]
# The role of the giver of a guarantee on the case (a third-party mortgagor is no guarantor).
GUARANTEE_PARTY_ROLES = {"mortgage": "mortgagor", "pledge": "pledgor"}


class LegalCaseParty(models.Model):
    _name = "legal.case.party"
    _description = "Legal Case Defendant"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Defendant", required=True, index=True)
    role = fields.Selection(PARTY_ROLES, required=True, default="borrower")
    judgment_debtor = fields.Boolean(
        string="Judgment Debtor", default=True,
        help="The judgment orders this defendant to perform: enforcement, restriction and listing applications "
             "name the judgment debtors only.")
    is_company = fields.Boolean(related="partner_id.is_company", readonly=True)
    note = fields.Char()

    _sql_constraints = [
        ("partner_uniq", "unique(case_id, partner_id)", "A defendant is listed only once per case."),
    ]


class LegalCase(models.Model):
    _inherit = "legal.case"

    @api.model
    def _party_commands(self, contract, debtor):
        """One2many commands for the defendants: the borrower, then each guarantor and
        counter-guarantor of the contract (once each)."""
        contract = contract.sudo()
        commands = [(5, 0, 0)]
        seen = set()
        if debtor:
            commands.append((0, 0, {"partner_id": debtor.id, "role": "borrower"}))
            seen.add(debtor.id)
        # Only the guarantees owed to the company: a counter-guarantor answers to the guarantor, not to
        # the lender (loan.guarantee._answers_to_company); the borrower is listed once, as borrower,
        # whatever he mortgaged himself. A guarantor who also gives collateral is listed as guarantor.
        guarantees = contract.guarantee_ids._answers_to_company().sorted(
            lambda g: g.guarantee_type in GUARANTEE_PARTY_ROLES)
        for guarantee in guarantees:
            if guarantee.partner_id.id in seen:
                continue
            seen.add(guarantee.partner_id.id)
            role = guarantee.role if guarantee.role == "counter_guarantor" else \
                GUARANTEE_PARTY_ROLES.get(guarantee.guarantee_type, "guarantor")
            commands.append((0, 0, {"partner_id": guarantee.partner_id.id, "role": role}))
        return commands
