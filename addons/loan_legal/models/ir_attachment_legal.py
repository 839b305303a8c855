# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The files of the legal side (court documents naming every party with its identity number,
evidence, asset and cost papers) are for the legal team and the collection managers.

Odoo lets whoever reads a record read its attachments; collectors read the legal case of their
own collection cases (its stage), so without this they would download its court documents.
个人信息保护法 第51条: access control on personal information."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

LEGAL_FILE_MODELS = ("legal.case", "legal.case.party", "legal.evidence", "legal.asset", "legal.restriction",
                     "legal.cost", "legal.deadline")
LEGAL_FILE_GROUPS = "loan_legal.group_legal_user,loan_collection.group_collection_manager"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _may_read_legal_files(self):
        return self.env.uid == SUPERUSER_ID or self.user_has_groups(LEGAL_FILE_GROUPS)

    @api.multi
    def check(self, mode, values=None):
        super(IrAttachment, self).check(mode, values=values)
        if self._may_read_legal_files():
            return
        res_models = set()
        if self.ids:
            self.env.cr.execute("SELECT DISTINCT res_model FROM ir_attachment WHERE id IN %s", [tuple(self.ids)])
            res_models.update(row[0] for row in self.env.cr.fetchall())
        if values and values.get("res_model"):
            res_models.add(values["res_model"])
        if res_models & set(LEGAL_FILE_MODELS):
            raise AccessError(_("The files of legal cases (court documents, evidence) are for the legal team "
                                "and the collection managers."))

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        if not self._may_read_legal_files():
            args = [("res_model", "not in", list(LEGAL_FILE_MODELS))] + list(args)
        return super(IrAttachment, self)._search(args, offset=offset, limit=limit, order=order, count=count,
                                                 access_rights_uid=access_rights_uid)
