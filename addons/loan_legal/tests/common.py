"""Fixtures for the legal tests: the loan_collection staff and loan helpers, plus a lawyer, a
legal manager, a court, and helpers to open a legal case and walk it through its stages."""
from odoo.addons.loan_collection.tests.common import LoanCase


class LegalTestCase(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(LegalTestCase, cls).setUpClass()
        user = cls.make_user
        cls.lawyer = user("t_lawyer", "loan_legal.group_legal_user")
        cls.lawyer2 = user("t_lawyer2", "loan_legal.group_legal_user")
        cls.legal_manager = user("t_legal_manager", "loan_legal.group_legal_manager")
        cls.court = cls.env.ref("loan_legal.court_hz_xihu")
        cls.LegalCase = cls.env["legal.case"]

    @classmethod
    def make_legal_case(cls, contract=None, user=None, **vals):
        """A legal case opened by hand (as the lawyer) on `contract` (a contract of 2022 whose
        installments are all overdue by default)."""
        contract = contract or cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        values = {"contract_id": contract.id, "court_id": cls.court.id, "procedure": "ordinary",
                  "claim_principal": 300000.0, "claim_interest": 36000.0, "claim_penalty": 14000.0}
        values.update(vals)
        return cls.LegalCase.sudo(user or cls.lawyer).create(values)

    @staticmethod
    def collect_evidence(case):
        case.sudo().evidence_ids.write({"state": "collected"})

    def deadline(self, case, kind, asset=None, restriction=None):
        """The one deadline of `kind` (for `asset` / `restriction`) of `case`; fails if there are two."""
        deadlines = case.sudo().deadline_ids.filtered(
            lambda d: d.kind == kind and d.asset_id == (asset or d.asset_id.browse())
            and d.restriction_id == (restriction or d.restriction_id.browse()))
        self.assertLessEqual(len(deadlines), 1, "duplicate %s deadlines" % kind)
        return deadlines

    def file(self, case, filing_date="2025-06-02"):
        self.collect_evidence(case)
        case.write({"filing_date": filing_date})
        case.action_file()
        return case
