# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Who sees the legal side of a collection case: collectors read the status of their own cases.
LEGAL_VIEWERS = ("loan_collection.group_collector_office,loan_collection.group_collector_field,"
                 "loan_legal.group_legal_user")


class CollectionCase(models.Model):
    _inherit = "collection.case"

    legal_case_ids = fields.One2many("legal.case", "collection_case_id", string="Legal Cases", readonly=True,
                                     groups=LEGAL_VIEWERS)
    legal_case_count = fields.Integer(compute="_compute_legal_case_count", groups=LEGAL_VIEWERS,
                                      string="Legal Cases")

    def _compute_legal_case_count(self):
        # search_count keeps the record rules: a collector counts only what he may open.
        LegalCase = self.env["legal.case"]
        for case in self:
            case.legal_case_count = LegalCase.search_count([("collection_case_id", "=", case.id)])

    @api.multi
    def action_transfer_to_legal(self):
        """Refused, before anything is written, for a contract that already has an open legal case
        (legal_case_handover.py: one open legal case per contract)."""
        LegalCase = self.env["legal.case"]
        for case in self:
            existing = LegalCase._open_legal_case_of(case.sudo().contract_id)
            if existing:
                raise UserError(LegalCase._duplicate_message(existing))
        return super(CollectionCase, self).action_transfer_to_legal()

    @api.multi
    def _handover_to_legal(self):
        """Open one legal case per transferred collection case (the contract's open one when it
        already has one), pre-filled with the contract, the defendants, and the claim from the
        case's amounts, assigned to a lawyer by the rule of legal.case._pick_lawyers, who gets an
        activity; return an action showing them."""
        super(CollectionCase, self)._handover_to_legal()
        LegalCase = self.env["legal.case"]
        # A collection manager transfers without being a legal user: he may read the legal case
        # of his collection cases but not create it.
        if not LegalCase.check_access_rights("create", raise_exception=False):
            LegalCase = LegalCase.sudo()
        legal_cases = LegalCase.browse()
        new = [case for case in self if not LegalCase._open_legal_case_of(case.sudo().contract_id)]
        lawyers = dict(zip([case.id for case in new],
                           LegalCase._pick_lawyers([case.sudo().company_id for case in new])))
        for case in self:
            legal_case = LegalCase._open_legal_case_of(case.sudo().contract_id)
            if legal_case:
                legal_case = LegalCase.browse(legal_case.id)
            else:
                vals = LegalCase._values_from_collection_case(case)
                lawyer = lawyers.get(case.id)
                if lawyer:
                    vals["lawyer_id"] = lawyer.id
                legal_case = LegalCase.create(vals)
                legal_case._loan_note(_("Opened from collection case %s, transferred by %s.")
                                        % (case.name, self.env.user.name))
                legal_case._notify_lawyer_of_handover(case)
            legal_cases |= legal_case
        return legal_cases.sudo(self.env.uid)._open_action()

    @api.multi
    def _refresh_amounts(self):
        """After a recovery, the claim of a legal case still in preparation follows the ledger (the
        complaint claims what is still owed)."""
        result = super(CollectionCase, self)._refresh_amounts()
        self.env["legal.case"].sudo().search([
            ("collection_case_id", "in", self.ids), ("stage", "=", "preparation")])._refresh_claim()
        return result

    @api.multi
    def action_view_legal_cases(self):
        self.ensure_one()
        return self.env["legal.case"].search([("collection_case_id", "=", self.id)])._open_action()
