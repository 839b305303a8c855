# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

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
    def _handover_to_legal(self):
        """Open one legal case per transferred collection case (the existing open one when the
        case was already handed over), pre-filled with the contract, the defendants, and the
        claim from the case's amounts; return an action showing them."""
        super(CollectionCase, self)._handover_to_legal()
        LegalCase = self.env["legal.case"]
        # A collection manager transfers without being a legal user: he may read the legal case
        # of his collection cases but not create it.
        if not LegalCase.check_access_rights("create", raise_exception=False):
            LegalCase = LegalCase.sudo()
        legal_cases = LegalCase.browse()
        for case in self:
            legal_case = LegalCase.search([("collection_case_id", "=", case.id), ("stage", "!=", "closed")],
                                          limit=1)
            if not legal_case:
                legal_case = LegalCase.create(LegalCase._values_from_collection_case(case))
                legal_case._loan_note(_("Opened from collection case %s, transferred by %s.")
                                        % (case.name, self.env.user.name))
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
