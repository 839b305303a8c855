# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.loan_document import DOC_TYPES


class LoanDocumentBulk(models.TransientModel):
    """One document type for many selected cases at once, offered as one zip."""
    _name = "loan.document.bulk"
    _description = "Generate Documents"

    doc_type = fields.Selection(DOC_TYPES, string="Document Type", required=True)
    res_model = fields.Char(required=True, default=lambda self: self.env.context.get("active_model"))
    res_ids = fields.Char(required=True, default=lambda self: ",".join(
        str(i) for i in self.env.context.get("active_ids") or []))
    count = fields.Integer(compute="_compute_count", string="Records")
    zip_file = fields.Binary(readonly=True, attachment=False)
    zip_name = fields.Char(readonly=True)

    @api.depends("res_ids")
    def _compute_count(self):
        for wizard in self:
            wizard.count = len([i for i in (wizard.res_ids or "").split(",") if i])

    @api.multi
    def action_generate(self):
        self.ensure_one()
        records = self.env[self.res_model].browse([int(i) for i in self.res_ids.split(",") if i])
        if not records:
            raise UserError(_("Select the cases to generate documents for."))
        documents = records._generate_documents(self.doc_type)
        if len(records) == 1 and len(documents) == 1:
            # One case: the .docx itself.
            return {"type": "ir.actions.act_url", "target": "self",
                    "url": "/web/content/%s?download=true" % documents.attachment_id.id}
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                archive.writestr(document.name, base64.b64decode(document.attachment_id.datas))
        label = dict(self._fields["doc_type"]._description_selection(self.env))[self.doc_type]
        self.write({"zip_file": base64.b64encode(stream.getvalue()), "zip_name": "%s.zip" % label})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/?model=%s&id=%s&field=zip_file&filename_field=zip_name&download=true"
                   % (self._name, self.id),
            "target": "self",
        }
