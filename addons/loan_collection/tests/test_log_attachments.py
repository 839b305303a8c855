"""A contact log carries only the files its author uploaded: linking someone else's file would seal
it as evidence of a contact it has nothing to do with (ir.attachment refuses changing or deleting a
log's files)."""
import base64

from odoo.exceptions import AccessError

from .common import LoanCase


class TestLogAttachments(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestLogAttachments, cls).setUpClass()
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-16")
        cls.case = cls.contract.case_ids

    def upload(self, user, name):
        return self.env["ir.attachment"].sudo(user).create({
            "name": name, "datas_fname": name, "datas": base64.b64encode(b"recording"),
            "res_model": "collection.contact.log", "res_id": 0})

    def log(self, files):
        return self.env["collection.contact.log"].sudo(self.office).create({
            "case_id": self.case.id, "date": "2026-02-16 02:00:00", "channel": "phone", "party": "debtor",
            "contact_point_id": self.phone.id, "outcome": "no_answer", "attachment_ids": [(6, 0, files.ids)]})

    def test_own_upload_attached_and_someone_elses_refused(self):
        own = self.upload(self.office, "录音.mp3")
        other = self.upload(self.office2, "别人的录音.mp3")
        with self.assertRaisesRegex(AccessError, "you uploaded"):
            self.log(own | other)
        self.assertFalse(self.env["collection.contact.log"].search([("case_id", "=", self.case.id)]))
        # Not sealed: its owner may still delete it.
        other.sudo(self.office2).unlink()
        self.assertEqual(self.log(own).attachment_ids, own)
