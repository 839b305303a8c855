# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import job

from .loan_document import zip_download_action
from .res_company import business_now

# Records per background job: each job commits its documents, so the progress moves in steps of
# this size and a failure costs at most one chunk.
CHUNK_SIZE = 50
BATCH_STATES = [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")]


class LoanDocumentBatch(models.Model):
    """A bulk generation run in the background (OCA queue_job): one document per selected record,
    made by jobs of CHUNK_SIZE records as the user who asked, then one zip attached to the batch.
    The user follows the progress on the batch and is notified when the zip is ready.

    Only the server writes a batch (as superuser, from the wizard and the jobs): users read their
    own (record rule) and cannot change one over RPC (no write access)."""
    _name = "loan.document.batch"
    _description = "Bulk Document Generation"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Requested By", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    doc_type = fields.Char(required=True, readonly=True)
    doc_type_label = fields.Char(string="Document Type", readonly=True)
    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Text(required=True, readonly=True)
    state = fields.Selection(BATCH_STATES, required=True, default="queued", readonly=True, track_visibility="onchange")
    total = fields.Integer(string="Records", readonly=True)
    processed_count = fields.Integer(string="Processed", readonly=True)
    generated_count = fields.Integer(string="Generated", readonly=True)
    refused_count = fields.Integer(string="Not Generated", readonly=True)
    refusals = fields.Text(string="Not Generated, and Why", readonly=True)
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    document_ids = fields.Many2many("loan.document", string="Documents", readonly=True)
    zip_file = fields.Binary(string="Zip File", readonly=True, attachment=True)
    zip_name = fields.Char(readonly=True)
    date_done = fields.Datetime(string="Finished", readonly=True)

    @api.depends("processed_count", "total")
    def _compute_progress(self):
        for batch in self:
            batch.progress = 100.0 * batch.processed_count / batch.total if batch.total else 0.0

    @api.model
    def _start(self, doc_type, records):
        """A batch for `records` and its jobs, run as the current user (whose access rights apply
        to every document made); returns the batch."""
        label = self.env["loan.document.template"]._doc_type_label(doc_type)
        user = self.env.user
        batch = self.sudo().create({
            "name": _("%s × %s") % (label, len(records)),
            "user_id": user.id, "company_id": user.company_id.id, "doc_type": doc_type,
            "doc_type_label": label, "res_model": records._name,
            "res_ids": ",".join(str(i) for i in records.ids), "total": len(records)})
        batch.message_subscribe(partner_ids=user.partner_id.ids)
        ids = records.ids
        for start in range(0, len(ids), CHUNK_SIZE):
            batch.sudo(user).with_delay(description=_("%s: records %s–%s") % (
                batch.name, start + 1, min(start + CHUNK_SIZE, len(ids))))._run_chunk(ids[start:start + CHUNK_SIZE])
        return batch

    @job(default_channel="root.documents")  # [queue_job] channels in tools/lib.sh
    @api.multi
    def _run_chunk(self, record_ids):
        """Generate the documents of these records, each on its own (one refused leaves nothing
        and does not stop the others); the last chunk to finish builds the zip."""
        self.ensure_one()
        batch = self.sudo()
        # One chunk at a time updates the batch: locked first, so that a second chunk of the batch
        # waits, or fails at once and is retried by queue_job, rather than generate its documents
        # and then fail to add its counts (Odoo's transactions are REPEATABLE READ: the row changed
        # by a chunk committed meanwhile cannot be written). Batches run side by side.
        self.env.cr.execute("SELECT id FROM loan_document_batch WHERE id = %s FOR UPDATE", (self.id,))
        if batch.state == "queued":
            batch.state = "running"
        records = self.env[batch.res_model].browse(record_ids).exists()
        documents, refused = self.env["loan.document.bulk"]._generate_each(batch.doc_type, records)
        lines = "\n".join("%s: %s" % (record.display_name, reason) for record, reason in refused)
        batch.write({
            "processed_count": batch.processed_count + len(record_ids),
            "generated_count": batch.generated_count + len(documents),
            "refused_count": batch.refused_count + len(refused) + len(record_ids) - len(records),
            "refusals": "\n".join(filter(None, [batch.refusals, lines])) or False,
            "document_ids": [(4, document.id) for document in documents],
        })
        if batch.processed_count >= batch.total:
            batch._finish()
        return _("%s generated, %s not") % (len(documents), len(refused))

    @api.multi
    def _finish(self):
        """The zip of every document made, attached; the requester notified."""
        self.ensure_one()
        if self.document_ids:
            content, name = self.document_ids._zip(self.doc_type)
            self.write({"zip_file": base64.b64encode(content), "zip_name": name})
        self.write({"state": "done" if self.document_ids else "failed", "date_done": business_now(self)})
        body = (_("The documents are ready: %s generated, %s not generated. Download the zip file from the batch.")
                % (self.generated_count, self.refused_count) if self.document_ids
                else _("No document could be generated: see the reasons on the batch."))
        self.message_post(body=body, partner_ids=self.user_id.partner_id.ids, subtype="mail.mt_comment")

    @api.multi
    def action_download(self):
        self.ensure_one()
        if not self.zip_file:
            raise UserError(_("The zip file is not ready yet: it is attached when every record has been processed."))
        return zip_download_action(self)
