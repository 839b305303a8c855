# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.loan_document import zip_download_action


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
    state = fields.Selection([("choose", "Choose"), ("done", "Done")], default="choose", readonly=True)
    generated_count = fields.Integer(string="Generated", readonly=True)
    refused_count = fields.Integer(string="Not Generated", readonly=True)
    refusals = fields.Text(string="Not Generated, and Why", readonly=True)

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

    @api.model
    def _generate_each(self, doc_type, records):
        """Generate for each record on its own: (documents made, [(record, reason)] of those that
        could not be). A record refused (missing data, nothing overdue ...) leaves nothing behind
        and does not stop the others."""
        documents = self.env["loan.document"]
        refused = []
        # In bulk, no chatter on each new notice (no "created" message, no tracking of its first
        # state, no follower subscription): it cost most of the time and says nothing the notice's
        # own number, date and author do not. The notice's later changes (its service) are tracked.
        records = records.with_context(tracking_disable=True)
        for record in records:
            try:
                with self.env.cr.savepoint():
                    documents |= record._generate_documents(doc_type)
            except (UserError, ValidationError) as error:
                self.env.cache.invalidate()
                refused.append((record, error.name))
        return documents, refused

    @api.multi
    def action_generate(self):
        """One document per record, all in one zip; the records that could not have one are
        listed with the reason on the wizard (nothing is generated for them)."""
        self.ensure_one()
        Template = self.env["loan.document.template"]
        ids = (self.res_ids or "").split(",")
        if self.res_model not in self.env or not Template._doc_types_for_model(self.res_model) \
                or not all(i.strip().isdigit() for i in ids if i.strip()):
            raise UserError(_("Open the wizard from a list of collection or legal cases (Action › Generate "
                              "Documents): these records cannot have documents."))
        records = self.env[self.res_model].browse([int(i) for i in ids if i.strip()]).exists()
        if not records:
            raise UserError(_("Select the cases to generate documents for."))
        if self.doc_type not in Template._doc_types_for_model(self.res_model):
            raise UserError(_("A %s cannot be generated from these records: choose one of the document types "
                              "offered in the list.") % Template._doc_type_label(self.doc_type))
        if len(records) > self._sync_limit():
            # Many records: in the background, so the request does not hold the browser.
            batch = self.env["loan.document.batch"]._start(self.doc_type, records)
            return {"type": "ir.actions.act_window", "res_model": batch._name, "res_id": batch.id,
                    "view_mode": "form", "target": "current", "name": batch.name}
        documents, refused = self._generate_each(self.doc_type, records)
        refusals = "\n".join("%s: %s" % (record.display_name, reason) for record, reason in refused)
        if not documents:
            raise UserError(_("No document could be generated:\n%s") % refusals)
        if len(records) == 1 and len(documents) == 1:
            # One case: the .docx itself.
            return {"type": "ir.actions.act_url", "target": "self",
                    "url": "/web/content/%s?download=true" % documents.attachment_id.id}
        content, name = documents._zip(self.doc_type)
        self.write({"zip_file": base64.b64encode(content), "zip_name": name,
                    "state": "done", "generated_count": len(documents), "refused_count": len(refused),
                    "refusals": refusals or False})
        if refused:
            # Show what was made and what was not; the zip is downloaded from the wizard.
            return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                    "view_mode": "form", "target": "new", "name": _("Generate Documents")}
        return zip_download_action(self)

    @api.model
    def _sync_limit(self):
        """Up to this many records the documents are made at once; more go to a background batch
        (system parameter loan_collection.bulk_sync_limit)."""
        value = self.env["ir.config_parameter"].sudo().get_param("loan_collection.bulk_sync_limit", "20")
        try:
            return max(int(value), 0)
        except ValueError:
            return 20

    @api.multi
    def action_download(self):
        self.ensure_one()
        return zip_download_action(self)
