# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Evidence files are sealed: the recordings, photos and receipts of a contact log, the document
and proofs of service of a served notice, the files of a posted recovery, and the hardship evidence of
a submitted settlement (its approver decided on it).

A sealed attachment cannot be changed (its content, its name, the record it belongs to) or deleted
by anyone, admin included, and no new file can be attached to a sealed record: a served notice is
corrected by a new notice, a contact log by a correction log carrying the new file, a recovery by
reversing it in accounting. The served notice is the proof that the limitation period was
interrupted (民法典 第一百九十五条; 诉讼时效规定 第八条), the logs are the proof of how the debt was
collected: neither may be rewritten after the fact.

Only a rewrite of the same content is let through (the storage migration `force_storage` moves
files between the database and the filestore that way).
"""
import base64

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import UserError

# The records whose attachments are evidence, as (res_model, SQL that tells whether res_id is sealed).
SEALED_TARGETS = {
    "collection.contact.log": "SELECT 1 FROM collection_contact_log WHERE id = %s",
    "collection.notice": "SELECT 1 FROM collection_notice WHERE id = %s AND state = 'served'",
    "collection.recovery": "SELECT 1 FROM collection_recovery WHERE id = %s AND state IN ('posted', 'reversed')",
    # The hardship evidence a settlement was submitted and decided on.
    "collection.settlement": "SELECT 1 FROM collection_settlement WHERE id = %s AND state != 'draft'",
}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.multi
    def _sealed(self):
        """The attachments among these that are evidence (one query, whatever their number)."""
        if not self.ids:
            return self.browse()
        # Raw SQL: the links are read whatever the user's rights on the evidence records.
        self.env.cr.execute("""
            SELECT a.id FROM ir_attachment a
             WHERE a.id IN %s AND (
                   EXISTS (SELECT 1 FROM collection_contact_log_attachment_rel r WHERE r.attachment_id = a.id)
                OR EXISTS (SELECT 1 FROM collection_notice_receipt_rel r
                             JOIN collection_notice n ON n.id = r.notice_id
                            WHERE r.attachment_id = a.id AND n.state = 'served')
                OR EXISTS (SELECT 1 FROM collection_notice n WHERE n.attachment_id = a.id AND n.state = 'served')
                OR EXISTS (SELECT 1 FROM loan_document d WHERE d.attachment_id = a.id)
                OR (a.res_model = 'collection.contact.log'
                    AND EXISTS (SELECT 1 FROM collection_contact_log l WHERE l.id = a.res_id))
                OR (a.res_model = 'collection.notice'
                    AND EXISTS (SELECT 1 FROM collection_notice n WHERE n.id = a.res_id AND n.state = 'served'))
                OR (a.res_model = 'collection.recovery'
                    AND EXISTS (SELECT 1 FROM collection_recovery r WHERE r.id = a.res_id AND r.state IN ('posted', 'reversed')))
                OR (a.res_model = 'collection.settlement'
                    AND EXISTS (SELECT 1 FROM collection_settlement s WHERE s.id = a.res_id AND s.state != 'draft')))
        """, [tuple(self.ids)])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _is_sealed_target(self, res_model, res_id):
        """Whether a file attached to (res_model, res_id) would be added to sealed evidence."""
        query = SEALED_TARGETS.get(res_model)
        if not (query and res_id):
            return False
        self.env.cr.execute(query, [res_id])
        return bool(self.env.cr.fetchone())

    @api.model
    def _sealed_target_error(self, res_model):
        if res_model == "collection.contact.log":
            return UserError(_("A contact log cannot receive new files once it is saved: log a correction that "
                               "carries the file and points to this log."))
        if res_model == "collection.notice":
            return UserError(_("A served notice cannot receive new files: it is evidence of the demand. Generate "
                               "a new notice if it must be corrected."))
        if res_model == "collection.settlement":
            return UserError(_("A submitted settlement cannot receive new files: it is decided on the evidence it "
                               "was submitted with. Cancel it and request a new one with the new evidence."))
        return UserError(_("A posted recovery cannot receive new files: it is part of the books."))

    @api.model
    def create(self, values):
        if self._is_sealed_target(values.get("res_model"), values.get("res_id")):
            raise self._sealed_target_error(values["res_model"])
        self._check_settlement_evidence(values.get("res_model"), values.get("res_id"))
        return super(IrAttachment, self).create(values)

    @api.multi
    def _sealed_error(self):
        return UserError(_("%s is evidence (a contact log's file, a served notice's document or proof of "
                           "service, a posted recovery's file, or a submitted settlement's evidence): it cannot be "
                           "changed or deleted. Add a correction instead.") % self[0].name)

    @api.multi
    def _check_settlement_evidences(self):
        """These files, where they are a settlement's evidence, are changed by its requester only."""
        for attachment in self.sudo().filtered(lambda a: a.res_model == "collection.settlement"):
            self._check_settlement_evidence(attachment.res_model, attachment.res_id)

    @api.model
    def _check_settlement_evidence(self, res_model, res_id):
        """A draft settlement's evidence is its requester's to add or remove (collection.settlement)."""
        if res_model == "collection.settlement" and res_id:
            self.env["collection.settlement"].browse(res_id).exists()._check_evidence_change()

    @api.multi
    def write(self, vals):
        sealed = self._sealed()
        if sealed and not sealed._same_content(vals):
            raise sealed._sealed_error()
        self._check_settlement_evidences()
        if "res_model" in vals or "res_id" in vals:
            # Where each file goes (a file moved onto another's draft is added to its evidence).
            for attachment in self.sudo():
                self._check_settlement_evidence(vals.get("res_model", attachment.res_model),
                                                vals.get("res_id", attachment.res_id))
            for attachment in self - sealed:
                res_model = vals.get("res_model", attachment.res_model)
                if self._is_sealed_target(res_model, vals.get("res_id", attachment.res_id)):
                    raise self._sealed_target_error(res_model)
        return super(IrAttachment, self).write(vals)

    @api.multi
    def _same_content(self, vals):
        """Whether `vals` only stores the same bytes again (force_storage moving files)."""
        if set(vals) != {"datas"}:
            return False
        checksum = self._compute_checksum(base64.b64decode(vals["datas"] or b""))
        return all(attachment.sudo().checksum == checksum for attachment in self)

    @api.multi
    def unlink(self):
        self._check_settlement_evidences()
        sealed = self._sealed()
        if sealed:
            raise sealed._sealed_error()
        return super(IrAttachment, self).unlink()


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def create(self, values):
        """A message carrying files adds them to its record's chatter: not to sealed evidence, nor
        to another's draft settlement (message_post checks the same)."""
        if values.get("attachment_ids") and values.get("model") and values.get("res_id"):
            self._check_files_target(values["model"], values["res_id"])
        return super(MailMessage, self).create(values)

    @api.multi
    def write(self, vals):
        if vals.get("attachment_ids"):
            for message in self.sudo():
                if message.model and message.res_id:
                    self._check_files_target(message.model, message.res_id)
        return super(MailMessage, self).write(vals)

    @api.model
    def _check_files_target(self, model, res_id):
        if self.env.uid == SUPERUSER_ID:
            return
        Attachment = self.env["ir.attachment"]
        if Attachment._is_sealed_target(model, res_id):
            raise Attachment._sealed_target_error(model)
        Attachment._check_settlement_evidence(model, res_id)


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def create(self, vals):
        """A follower is added by someone who may read the record (Odoo 11 lets any user subscribe
        anyone to anything, and a follower receives the record's messages: a collector following
        another's case would read its notes)."""
        self._check_document_readable(vals.get("res_model"), vals.get("res_id"))
        return super(MailFollowers, self).create(vals)

    @api.multi
    def write(self, vals):
        for follower in self.sudo():
            self._check_document_readable(vals.get("res_model", follower.res_model),
                                          vals.get("res_id", follower.res_id))
        return super(MailFollowers, self).write(vals)

    @api.model
    def _check_document_readable(self, res_model, res_id):
        if self.env.uid == SUPERUSER_ID or not res_model or res_model not in self.env:
            return
        document = self.env[res_model].browse(res_id)
        document.check_access_rights("read")
        document.check_access_rule("read")
