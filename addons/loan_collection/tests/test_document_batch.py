"""Issue 13, bulk: more records than the limit are generated in the background (OCA queue_job) as
the user who asked, in chunks whose progress shows on the batch; the zip is attached when the
last chunk is done, the refusals listed, the user notified. Users only read their own batches."""
import base64
import io
import zipfile
from unittest import mock

from odoo.exceptions import AccessError

from odoo.addons.queue_job.job import Job

from ..models import loan_document_batch
from .common import LoanCase


class TestDocumentBatch(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestDocumentBatch, cls).setUpClass()
        cls.env.user.company_id.write({"name": "测试小额贷款有限公司", "street": "杭州市西湖区测试路1号",
                                        "city": "杭州市", "phone": "0571-12345678"})
        cls.env["ir.config_parameter"].sudo().set_param("loan_collection.bulk_sync_limit", "1")
        borrowers = [cls.env["res.partner"].create({"name": "批量借款人%s" % i}) for i in range(3)]
        contracts = [cls.make_contract(borrower=b) for b in borrowers]
        cls.settled = cls.make_contract(borrower=cls.env["res.partner"].create({"name": "已结清借款人"}))
        cls.run_on("2026-02-23")
        installment = cls.settled.invoice_ids.sorted("installment_number")[0]
        case = cls.settled.case_ids
        cls.env["collection.recovery"].sudo(cls.finance)._register_recovery(
            case.sudo(cls.finance), "debtor", cls.settled.partner_id,
            round(installment.residual + case.penalty_interest, 2), "2026-02-23", cls.bank_journal)
        cls.run_on("2026-02-23")
        cls.cases = cls.env["collection.case"].concat(*[c.case_ids for c in contracts]) | case
        cls.manager_cases = cls.cases.sudo(cls.manager)

    def start(self, chunk=2):
        patcher = mock.patch.object(loan_document_batch, "CHUNK_SIZE", chunk)
        patcher.start()
        self.addCleanup(patcher.stop)
        wizard = self.env["loan.document.bulk"].sudo(self.manager).with_context(
            active_model="collection.case", active_ids=self.cases.ids).create({"doc_type": "overdue_notice"})
        action = wizard.action_generate()
        self.assertEqual(action["res_model"], "loan.document.batch")
        return self.env["loan.document.batch"].browse(action["res_id"])

    def jobs(self, batch):
        return self.env["queue.job"].search([("model_name", "=", "loan.document.batch"),
                                             ("method_name", "=", "_run_chunk"),
                                             ("name", "=like", batch.name + "%")], order="id")

    def test_background_batch_in_chunks_with_progress_and_zip(self):
        batch = self.start()
        jobs = self.jobs(batch)
        self.assertEqual(len(jobs), 2)  # 4 cases in chunks of 2
        self.assertEqual((batch.state, batch.progress, batch.total), ("queued", 0.0, 4))
        self.assertFalse(self.cases.mapped("notice_ids"), "nothing is generated in the request")
        self.assertEqual(jobs.mapped("user_id"), self.manager, "the jobs run with the requester's rights")
        Job.load(self.env, jobs[0].uuid).perform()
        self.assertEqual((batch.state, batch.progress), ("running", 50.0))
        self.assertFalse(batch.zip_file)
        Job.load(self.env, jobs[1].uuid).perform()
        self.assertEqual((batch.state, batch.progress), ("done", 100.0))
        self.assertEqual((batch.generated_count, batch.refused_count), (3, 1))
        self.assertIn("%s: " % self.settled.case_ids.display_name, batch.refusals)
        self.assertIn("nothing overdue", batch.refusals)
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(batch.zip_file)))
        self.assertEqual(len(archive.namelist()), 3)
        self.assertEqual(batch.zip_name, "逾期催收通知书.zip")
        # The requester is told, in his inbox.
        message = batch.message_ids.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        self.assertIn("3", message[:1].body)

    def test_batches_are_read_only_and_private(self):
        batch = self.start(chunk=10)
        mine = batch.sudo(self.manager)
        self.assertEqual(mine.state, "queued")
        with self.assertRaises(AccessError):
            mine.write({"state": "done"})
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(AccessError):
            self.env["loan.document.batch"].sudo(self.manager).create({
                "name": "x", "user_id": self.manager.id, "company_id": self.manager.company_id.id,
                "doc_type": "overdue_notice", "res_model": "collection.case", "res_ids": "1", "total": 1})
        # Another user does not see it (its zip holds documents made with the requester's rights).
        self.assertFalse(self.env["loan.document.batch"].sudo(self.office).search([("id", "=", batch.id)]))
        with self.assertRaises(AccessError):
            batch.sudo(self.office).read(["zip_file"])

    def test_few_records_are_made_at_once(self):
        self.env["ir.config_parameter"].sudo().set_param("loan_collection.bulk_sync_limit", "20")
        wizard = self.env["loan.document.bulk"].sudo(self.manager).with_context(
            active_model="collection.case", active_ids=self.cases.ids).create({"doc_type": "overdue_notice"})
        action = wizard.action_generate()
        self.assertEqual(action["res_model"], "loan.document.bulk")
        self.assertEqual(wizard.generated_count, 3)

    def test_wizard_refuses_records_that_cannot_have_documents(self):
        from odoo.exceptions import UserError
        for values in ({"res_model": "no.such", "res_ids": "1"}, {"res_model": "collection.case", "res_ids": "a,b"},
                       {"res_model": "res.partner", "res_ids": "1"}):
            wizard = self.env["loan.document.bulk"].sudo(self.manager).create(dict(values, doc_type="overdue_notice"))
            with self.assertRaisesRegex(UserError, "cannot have documents"):
                wizard.action_generate()

