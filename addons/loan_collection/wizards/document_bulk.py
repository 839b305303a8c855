# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LoanDocumentBulk(models.TransientModel):
    """One document type for many selected cases at once, offered as one zip."""
    _name = "loan.document.bulk"
    _description = "Generate Documents"

    doc_type = fields.Selection("_selection_doc_type", string="Document Type", required=True)
    res_model = fields.Char(required=True, default=lambda self: self.env.context.get("active_model"))
    res_ids = fields.Char(required=True, default=lambda self: ",".join(
        str(i) for i in self.env.context.get("active_ids") or []))
    count = fields.Integer(compute="_compute_count", string="Records")
    zip_file = fields.Binary(readonly=True, attachment=False)
    zip_name = fields.Char(readonly=True)

    @api.model
    def _selection_doc_type(self):
        """Only the types the selected records can have (a legal case offers its court documents,
        a collection case its notices); every type when the model is not known yet."""
        Template = self.env["loan.document.template"]
        labels = Template._fields["doc_type"]._description_selection(self.env)
        model = self.env.context.get("active_model")
        if not model:
            return labels
        allowed = Template._doc_types_for_model(model)
        return [(key, label) for key, label in labels if key in allowed]

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
        if self.doc_type not in self.env["loan.document.template"]._doc_types_for_model(self.res_model):
            labels = dict(self.env["loan.document.template"]._fields["doc_type"]._description_selection(self.env))
            raise UserError(_("A %s cannot be generated from these records: choose one of the document types "
                              "offered in the list.") % labels.get(self.doc_type, self.doc_type))
        documents = records._generate_documents(self.doc_type)
        if len(records) == 1 and len(documents) == 1:
            # One case: the .docx itself.
            return {"type": "ir.actions.act_url", "target": "self",
                    "url": "/web/content/%s?download=true" % documents.attachment_id.id}
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                archive.writestr(document.name, base64.b64decode(document.attachment_id.datas))
        label = dict(self.env["loan.document.template"]._fields["doc_type"]._description_selection(
            self.with_context(lang="zh_CN").env))[self.doc_type]
        self.write({"zip_file": base64.b64encode(stream.getvalue()), "zip_name": "%s.zip" % label})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/?model=%s&id=%s&field=zip_file&filename_field=zip_name&download=true"
                   % (self._name, self.id),
            "target": "self",
        }
