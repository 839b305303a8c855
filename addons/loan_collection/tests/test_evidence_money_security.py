"""Issue 11, findings 3 and 4 (and the addressee of a notice, finding 6): evidence and money cannot
be rewritten over RPC. Each test makes the exact call a user can make, as that role, asserts the
refusal and re-reads the record as superuser to show that nothing changed."""
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LoanCase, china_time
from .test_recovery import RecoveryCase

RECORDING = base64.b64encode(b"RIFF....WAVE recording of the call")
FORGED = base64.b64encode(b"another file")


class TestServedNoticeEvidence(LoanCase):
    """Finding 3: a served notice, its document and its proof of service are immutable; finding 6:
    a notice goes to a party of the case only."""

    @classmethod
    def setUpClass(cls):
        super(TestServedNoticeEvidence, cls).setUpClass()
        cls.contract = cls.make_contract(guarantor_role="guarantor")
        cls.run_on("2026-02-22")
        cls.case = cls.contract.case_ids
        cls.stranger = cls.env["res.partner"].create({"name": "借款人的邻居"})
        cls.other = cls.env["res.partner"].create({"name": "另一件案子的附件"})
        with china_time("2026-02-22 10:00"):
            cls.notice = cls.env["collection.notice"].sudo(cls.field).create({
                "case_id": cls.case.id, "kind": "overdue_notice", "partner_id": cls.borrower.id})
        with china_time("2026-02-23 10:00"):
            cls.receipt = cls.env["ir.attachment"].sudo(cls.field).create({
                "name": "签收回执.jpg", "datas_fname": "签收回执.jpg", "datas": RECORDING,
                "res_model": "collection.notice", "res_id": cls.notice.id})
            cls.notice.sudo(cls.field).action_record_service("2026-02-23", "post", [cls.receipt.id], "EMS1234567890")
        cls.FIELDS = ["state", "date_served", "service_method", "tracking_number", "amount_demanded", "partner_id",
                      "receipt_ids", "attachment_id", "date_generated"]
        cls.served = cls.notice.sudo().read(cls.FIELDS)[0]

    def assertNoticeUnchanged(self):
        self.notice.invalidate_cache()
        self.assertEqual(self.notice.sudo().read(self.FIELDS)[0], self.served)
        self.assertEqual(self.case.sudo().last_demand_date, "2026-02-23")

    def test_fixture_served(self):
        self.assertEqual((self.served["state"], self.served["date_served"]), ("served", "2026-02-23"))
        self.assertEqual(self.served["receipt_ids"], [self.receipt.id])

    def test_collector_cannot_rewrite_a_served_notice(self):
        for vals in ({"date_served": "2026-01-02"}, {"state": "draft"}, {"amount_demanded": 1.0},
                     {"partner_id": self.stranger.id}, {"receipt_ids": [(5,)]}):
            for user in (self.field, self.manager):
                with self.assertRaisesRegex(UserError, "was served"):
                    self.notice.sudo(user).write(vals)
            with self.assertRaisesRegex(UserError, "was served"):  # admin included
                self.notice.sudo().write(vals)
        self.assertNoticeUnchanged()

    def test_manager_cannot_delete_a_served_notice(self):
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.notice.sudo(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.notice.sudo().unlink()
        self.assertTrue(self.notice.exists())
        self.assertNoticeUnchanged()

    def test_service_cannot_be_recorded_twice(self):
        with china_time("2026-02-25 10:00"):
            with self.assertRaisesRegex(UserError, "already recorded as served"):
                self.notice.sudo(self.manager).action_record_service("2026-02-25", "in_person")
        self.assertNoticeUnchanged()

    def test_draft_notice_content_is_fixed_once_generated(self):
        with china_time("2026-02-24 10:00"):
            draft = self.env["collection.notice"].sudo(self.office).create({
                "case_id": self.case.id, "kind": "overdue_notice", "partner_id": self.borrower.id})
        before = draft.sudo().read(self.FIELDS + ["pay_within_days"])[0]
        for vals in ({"state": "served", "date_served": "2026-02-01"}, {"amount_demanded": 1.0},
                     {"pay_within_days": 1}, {"partner_id": self.guarantor.id}, {"date_generated": "2026-01-01"}):
            with self.assertRaisesRegex(AccessError, "cannot be changed once generated"):
                draft.sudo(self.office).write(vals)
        # Even the superuser's write does not record a service: only Record Service does.
        with self.assertRaisesRegex(AccessError, "only with Record Service"):
            draft.sudo().write({"state": "served", "date_served": "2026-02-01"})
        draft.invalidate_cache()
        self.assertEqual(draft.sudo().read(self.FIELDS + ["pay_within_days"])[0], before)

    def test_notice_cannot_be_created_served(self):
        count = self.env["collection.notice"].sudo().search_count([])
        with self.assertRaisesRegex(AccessError, "set by the server: amount_demanded, date_generated, date_served"):
            self.env["collection.notice"].sudo(self.office).create({
                "case_id": self.case.id, "kind": "overdue_notice", "partner_id": self.borrower.id,
                "state": "served", "date_served": "2026-01-02", "date_generated": "2026-01-01",
                "amount_demanded": 1.0})
        self.assertEqual(self.env["collection.notice"].sudo().search_count([]), count)
        self.assertEqual(self.case.sudo().last_demand_date, "2026-02-23")

    def test_service_recorded_by_the_collectors_of_the_case_or_a_manager_only(self):
        with china_time("2026-02-24 10:00"):
            draft = self.env["collection.notice"].sudo(self.office).create({
                "case_id": self.case.id, "kind": "overdue_notice", "partner_id": self.borrower.id})
            for user in (self.office2, self.finance, self.plain):
                with self.assertRaises(AccessError):
                    draft.sudo(user).action_record_service("2026-02-24", "in_person")
            # A manager who is no collector of the case may record it.
            other = self.make_user("t_manager_b", "loan_collection.group_collection_manager")
            self.assertTrue(draft.sudo(other).action_record_service("2026-02-24", "in_person"))
        self.assertEqual(draft.sudo().state, "served")

    def test_proof_of_service_must_be_uploaded_for_the_notice(self):
        with china_time("2026-02-24 10:00"):
            draft = self.env["collection.notice"].sudo(self.office).create({
                "case_id": self.case.id, "kind": "overdue_notice", "partner_id": self.borrower.id})
            foreign = self.env["ir.attachment"].sudo(self.office).create({
                "name": "别的文件", "datas": FORGED, "res_model": "collection.case", "res_id": self.case.id})
            with self.assertRaisesRegex(ValidationError, "was not uploaded for notice"):
                draft.sudo(self.office).action_record_service("2026-02-24", "in_person", [foreign.id])
            with self.assertRaisesRegex(ValidationError, "not a method of service"):
                draft.sudo(self.office).action_record_service("2026-02-24", "carrier pigeon")
            with self.assertRaisesRegex(ValidationError, "is not a date"):
                draft.sudo(self.office).action_record_service("2026-13-45", "in_person")
        draft.invalidate_cache()
        self.assertEqual((draft.sudo().state, draft.sudo().receipt_ids.ids), ("draft", []))

    def test_notice_addressed_to_a_third_party_refused(self):
        Notice = self.env["collection.notice"]
        count = Notice.sudo().search_count([])
        with self.assertRaisesRegex(ValidationError, "is not the debtor of case"):
            Notice.sudo(self.office).create({
                "case_id": self.case.id, "kind": "overdue_notice", "partner_id": self.stranger.id})
        with self.assertRaisesRegex(ValidationError, "is not a guarantor of case"):
            Notice.sudo(self.office).create({
                "case_id": self.case.id, "kind": "guarantor_demand", "partner_id": self.stranger.id})
        with self.assertRaisesRegex(ValidationError, "is not a guarantor of case"):
            Notice.sudo(self.office).create({
                "case_id": self.case.id, "kind": "guarantor_demand", "partner_id": self.borrower.id})
        self.assertEqual(Notice.sudo().search_count([]), count)
        # The debtor and the guarantor are parties: their notices are generated.
        with china_time("2026-02-24 10:00"):
            demand = Notice.sudo(self.office).create({
                "case_id": self.case.id, "kind": "guarantor_demand", "partner_id": self.guarantor.id})
        self.assertEqual(demand.partner_id, self.guarantor)

    def test_proof_of_service_and_document_cannot_be_replaced_or_deleted(self):
        document = self.notice.sudo().attachment_id
        self.assertTrue(document)
        for attachment in (self.receipt, document):
            before = attachment.sudo().read(["checksum", "res_model", "res_id"])[0]
            for user in (self.field, self.manager):
                with self.assertRaisesRegex(UserError, "is evidence"):
                    attachment.sudo(user).write({"datas": FORGED})
                with self.assertRaisesRegex(UserError, "is evidence"):
                    attachment.sudo(user).write({"res_id": self.other.id, "res_model": "res.partner"})
                with self.assertRaisesRegex(UserError, "is evidence"):
                    attachment.sudo(user).unlink()
            with self.assertRaisesRegex(UserError, "is evidence"):  # admin included
                attachment.sudo().unlink()
            attachment.invalidate_cache()
            self.assertEqual(attachment.sudo().read(["checksum", "res_model", "res_id"])[0], before)
        # The same bytes stored again (the storage migration) are let through.
        self.receipt.sudo().write({"datas": RECORDING})
        self.assertNoticeUnchanged()

    def test_no_new_file_on_a_served_notice(self):
        count = self.env["ir.attachment"].sudo().search_count([("res_model", "=", "collection.notice")])
        with self.assertRaisesRegex(UserError, "served notice cannot receive new files"):
            self.env["ir.attachment"].sudo(self.field).create({
                "name": "补的回执.jpg", "datas": FORGED, "res_model": "collection.notice", "res_id": self.notice.id})
        loose = self.env["ir.attachment"].sudo(self.field).create({"name": "补的回执.jpg", "datas": FORGED})
        with self.assertRaisesRegex(UserError, "served notice cannot receive new files"):
            loose.write({"res_model": "collection.notice", "res_id": self.notice.id})
        self.assertEqual(self.env["ir.attachment"].sudo().search_count([("res_model", "=", "collection.notice")]),
                         count)


class TestContactLogAttachments(LoanCase):
    """Finding 3: a saved contact log's recordings and photos cannot be replaced or deleted."""

    @classmethod
    def setUpClass(cls):
        super(TestContactLogAttachments, cls).setUpClass()
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-16")
        cls.case = cls.contract.case_ids
        # Uploaded in the log's form before it is saved (many2many_binary: res_id 0), then saved with it.
        cls.recording = cls.env["ir.attachment"].sudo(cls.office).create({
            "name": "通话录音.wav", "datas_fname": "通话录音.wav", "datas": RECORDING,
            "res_model": "collection.contact.log", "res_id": 0})
        cls.log = cls.env["collection.contact.log"].sudo(cls.office).create({
            "case_id": cls.case.id, "date": "2026-02-16 02:00:00", "channel": "phone", "party": "debtor",
            "contact_point_id": cls.phone.id, "connected": True, "outcome": "rpc",
            "attachment_ids": [(6, 0, [cls.recording.id])]})
        cls.before = cls.recording.sudo().read(["checksum", "res_model", "res_id", "name"])[0]

    def assertRecordingUnchanged(self):
        self.recording.invalidate_cache()
        self.log.invalidate_cache()
        self.assertEqual(self.recording.sudo().read(["checksum", "res_model", "res_id", "name"])[0], self.before)
        self.assertEqual(self.log.sudo().attachment_ids, self.recording)

    def test_recording_cannot_be_replaced_moved_or_deleted(self):
        for user in (self.office, self.manager):
            with self.assertRaisesRegex(UserError, "is evidence"):
                self.recording.sudo(user).write({"datas": FORGED})
            with self.assertRaisesRegex(UserError, "is evidence"):
                self.recording.sudo(user).write({"res_id": self.case.id})
            with self.assertRaisesRegex(UserError, "is evidence"):
                self.recording.sudo(user).write({"name": "无关.wav"})
            with self.assertRaisesRegex(UserError, "is evidence"):
                self.recording.sudo(user).unlink()
        with self.assertRaisesRegex(UserError, "is evidence"):  # admin included
            self.recording.sudo().write({"datas": FORGED})
        with self.assertRaisesRegex(UserError, "is evidence"):
            self.recording.sudo().unlink()
        self.assertRecordingUnchanged()

    def test_the_link_itself_cannot_be_changed(self):
        replacement = self.env["ir.attachment"].sudo(self.office).create({"name": "替换.wav", "datas": FORGED})
        for command in ([(5,)], [(3, self.recording.id)], [(6, 0, [replacement.id])], [(4, replacement.id)]):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                self.log.sudo(self.office).write({"attachment_ids": command})
        self.assertRecordingUnchanged()

    def test_no_new_file_on_a_saved_log(self):
        with self.assertRaisesRegex(UserError, "log a correction"):
            self.env["ir.attachment"].sudo(self.office).create({
                "name": "补拍.jpg", "datas": FORGED, "res_model": "collection.contact.log", "res_id": self.log.id})
        self.assertFalse(self.env["ir.attachment"].sudo().search([
            ("res_model", "=", "collection.contact.log"), ("res_id", "=", self.log.id)]))


class TestPostedRecoveryImmutable(RecoveryCase):
    """Finding 4: a posted recovery and its allocation are part of the books; a recovery is created
    only by its registration (a direct `create` is the registration: same checks, same posting)."""

    FIELDS = ["state", "amount", "date", "amount_costs", "amount_interest", "amount_penalty", "amount_principal",
              "amount_excess", "payment_id", "line_ids", "user_id", "payer_id", "source"]

    @classmethod
    def setUpClass(cls):
        super(TestPostedRecoveryImmutable, cls).setUpClass()
        cls.run_on("2026-03-20")
        with china_time("2026-03-20 15:00"):
            cls.recovery = cls.recover(2000, "2026-03-20")
        cls.posted = cls.recovery.sudo().read(cls.FIELDS)[0]
        cls.lines = cls.recovery.sudo().line_ids.read(["amount_interest", "amount_principal", "amount_penalty"])

    def assertRecoveryUnchanged(self):
        self.recovery.invalidate_cache()
        self.assertEqual(self.recovery.sudo().read(self.FIELDS)[0], self.posted)
        self.assertEqual(self.recovery.sudo().line_ids.read(["amount_interest", "amount_principal",
                                                             "amount_penalty"]), self.lines)

    def test_fixture_posted_with_its_payment(self):
        self.assertEqual(self.posted["state"], "posted")
        self.assertTrue(self.posted["payment_id"] and self.posted["line_ids"])

    def test_finance_cannot_rewrite_a_posted_recovery(self):
        for vals in ({"amount": 99999999.0}, {"amount_principal": 0.0}, {"state": "draft"},
                     {"date": "2030-01-01"}, {"line_ids": [(5,)]}, {"payment_id": False}):
            with self.assertRaisesRegex(UserError, "is posted"):
                self.recovery.sudo(self.finance).write(vals)
            with self.assertRaisesRegex(UserError, "is posted"):  # admin included
                self.recovery.sudo().write(vals)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.recovery.sudo(self.finance).unlink()
        self.assertRecoveryUnchanged()

    def test_finance_cannot_rewrite_the_allocation_lines(self):
        line = self.recovery.sudo(self.finance).line_ids[:1]
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            line.write({"amount_interest": 0.0})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            line.sudo().write({"amount_interest": 0.0})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            line.sudo().unlink()
        with self.assertRaisesRegex(AccessError, "only by the registration"):
            self.env["collection.recovery.line"].sudo(self.finance).create({
                "recovery_id": self.recovery.id, "invoice_id": self.third.id, "amount_principal": 99999999.0})
        self.assertRecoveryUnchanged()

    def test_finance_cannot_create_a_posted_recovery_without_payment(self):
        Recovery = self.env["collection.recovery"]
        count, payments = Recovery.sudo().search_count([]), self.env["account.payment"].sudo().search_count([])
        with china_time("2026-03-21 10:00"):
            with self.assertRaisesRegex(AccessError, "set by its registration: amount_principal, state"):
                Recovery.sudo(self.finance).create({
                    "case_id": self.case().id, "source": "debtor", "payer_id": self.borrower.id,
                    "journal_id": self.bank_journal.id, "amount": 99999999.0, "date": "2030-01-01",
                    "state": "posted", "amount_principal": 99999999.0})
            # Without the protected fields, create is the registration and runs its checks.
            with self.assertRaisesRegex(ValidationError, "in the future"):
                Recovery.sudo(self.finance).create({
                    "case_id": self.case().id, "source": "debtor", "payer_id": self.borrower.id,
                    "journal_id": self.bank_journal.id, "amount": 99999999.0, "date": "2030-01-01"})
            with self.assertRaisesRegex(ValidationError, "is not the debtor"):
                Recovery.sudo(self.finance).create({
                    "case_id": self.case().id, "source": "debtor", "payer_id": self.stranger.id,
                    "journal_id": self.bank_journal.id, "amount": 100.0, "date": "2026-03-21"})
            with self.assertRaises(AccessError):
                Recovery.sudo(self.office).create({
                    "case_id": self.case().id, "source": "debtor", "payer_id": self.borrower.id,
                    "journal_id": self.bank_journal.id, "amount": 100.0, "date": "2026-03-21"})
        self.assertEqual(Recovery.sudo().search_count([]), count)
        self.assertEqual(self.env["account.payment"].sudo().search_count([]), payments)
        self.assertRecoveryUnchanged()

    def test_direct_create_is_the_registration(self):
        with china_time("2026-03-21 10:00"):
            recovery = self.env["collection.recovery"].sudo(self.finance).create({
                "case_id": self.case().id, "source": "debtor", "payer_id": self.borrower.id,
                "journal_id": self.bank_journal.id, "amount": 100.0, "date": "2026-03-21"})
        self.assertEqual((recovery.state, recovery.user_id), ("posted", self.finance))
        self.assertEqual(recovery.payment_id.state, "posted")
        self.assertEqual(recovery.payment_id.amount, 100.0)

    def test_no_new_file_on_a_posted_recovery(self):
        with self.assertRaisesRegex(UserError, "posted recovery cannot receive new files"):
            self.env["ir.attachment"].sudo(self.finance).create({
                "name": "回单.pdf", "datas": FORGED, "res_model": "collection.recovery", "res_id": self.recovery.id})


class TestWriteoffFourEyes(RecoveryCase):
    """Finding 4: the requester, the decider, the dates and the state of a write-off are the
    server's; a decided write-off never changes."""

    FIELDS = ["state", "requested_by_id", "approved_by_id", "date_requested", "date_approved", "reason",
              "amount_total", "refund_ids"]

    @classmethod
    def setUpClass(cls):
        super(TestWriteoffFourEyes, cls).setUpClass()
        cls.run_on("2026-03-20")
        cls.finance2 = cls.make_user("t_finance_b", "loan_collection.group_loan_finance")

    def request(self):
        with china_time("2026-03-20 15:00"):
            return self.env["collection.writeoff"].sudo(self.finance).create({
                "case_id": self.case().id, "reason": "终结本次执行程序，无可供执行财产"})

    def assertUnchanged(self, writeoff, before):
        writeoff.invalidate_cache()
        self.assertEqual(writeoff.sudo().read(self.FIELDS)[0], before)

    def test_requester_cannot_be_forged(self):
        Writeoff = self.env["collection.writeoff"]
        count = Writeoff.sudo().search_count([])
        with self.assertRaisesRegex(AccessError, "set by the server: approved_by_id, requested_by_id, state"):
            Writeoff.sudo(self.finance).create({
                "case_id": self.case().id, "reason": "无可供执行财产", "requested_by_id": self.finance2.id,
                "approved_by_id": self.manager.id, "state": "approved"})
        self.assertEqual(Writeoff.sudo().search_count([]), count)
        writeoff = self.request()
        self.assertEqual((writeoff.requested_by_id, writeoff.date_requested), (self.finance, "2026-03-20"))
        before = writeoff.sudo().read(self.FIELDS)[0]
        # The four-eyes bypass: the requester rewrites who requested, then approves herself.
        with self.assertRaisesRegex(AccessError, "set by the server: requested_by_id"):
            writeoff.sudo(self.finance).write({"requested_by_id": self.finance2.id})
        with self.assertRaisesRegex(AccessError, "set by the server: date_requested"):
            writeoff.sudo(self.finance).write({"date_requested": "2020-01-01"})
        self.assertUnchanged(writeoff, before)

    def test_state_cannot_be_written_directly(self):
        writeoff = self.request()
        before = writeoff.sudo().read(self.FIELDS)[0]
        for user in (self.finance, self.manager):
            with self.assertRaisesRegex(AccessError, "set by the server: approved_by_id, state"):
                writeoff.sudo(user).write({"state": "approved", "approved_by_id": self.manager.id})
        with self.assertRaisesRegex(AccessError, "set by the server: state"):  # admin included
            writeoff.sudo().write({"state": "approved"})
        self.assertUnchanged(writeoff, before)
        self.assertEqual(self.case().sudo().stage != "written_off", True)

    def test_reason_editable_by_the_requester_only_while_requested(self):
        writeoff = self.request()
        writeoff.sudo(self.finance).write({"reason": "保证人已破产清算，无可供执行财产"})
        before = writeoff.sudo().read(self.FIELDS)[0]
        with self.assertRaisesRegex(AccessError, "who requested write-off"):
            writeoff.sudo(self.finance2).write({"reason": "改写的理由"})
        with self.assertRaisesRegex(AccessError, "set by the server: case_id"):
            writeoff.sudo(self.finance).write({"case_id": self.case().id})
        self.assertUnchanged(writeoff, before)

    def test_approved_writeoff_cannot_go_back_to_requested(self):
        writeoff = self.request()
        with china_time("2026-03-21 10:00"):
            writeoff.sudo(self.manager).action_approve()
        before = writeoff.sudo().read(self.FIELDS)[0]
        self.assertEqual(before["state"], "approved")
        self.assertTrue(before["refund_ids"])
        for user in (self.finance, self.manager):
            for vals in ({"state": "requested"}, {"reason": "改写"}, {"approved_by_id": self.finance.id},
                         {"amount_total": 0.0}):
                with self.assertRaisesRegex(UserError, "was decided"):
                    writeoff.sudo(user).write(vals)
        with self.assertRaisesRegex(UserError, "was decided"):  # admin included
            writeoff.sudo().write({"state": "requested"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            writeoff.sudo().unlink()
        self.assertUnchanged(writeoff, before)

    def test_refused_writeoff_is_immutable(self):
        writeoff = self.request()
        with china_time("2026-03-21 10:00"):
            writeoff.sudo(self.manager).action_refuse()
        before = writeoff.sudo().read(self.FIELDS)[0]
        with self.assertRaisesRegex(UserError, "was decided"):
            writeoff.sudo(self.finance).write({"reason": "重新申请"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            writeoff.sudo().unlink()
        self.assertUnchanged(writeoff, before)


class TestRecoveryWizardPreview(RecoveryCase):
    """Finding 4: the Register Recovery wizard (a transient model any user can call) shows the dues
    of a case to finance only."""

    @classmethod
    def setUpClass(cls):
        super(TestRecoveryWizardPreview, cls).setUpClass()
        cls.run_on("2026-03-20")

    def test_collector_gets_no_preview_of_another_case(self):
        Wizard = self.env["collection.recovery.register"]
        with self.assertRaisesRegex(AccessError, "Only finance"):
            Wizard.sudo(self.office2).create({
                "case_id": self.case().id, "source": "debtor", "payer_id": self.borrower.id, "amount": 100.0,
                "date": "2026-03-20", "journal_id": self.bank_journal.id})
        preview = Wizard.sudo(self.office2).new({"case_id": self.case().id, "amount": 100.0, "date": "2026-03-20"})
        self.assertEqual((preview.due_principal, preview.due_interest, preview.preview_html), (0.0, 0.0, False))
        ours = Wizard.sudo(self.finance).new({"case_id": self.case().id, "amount": 100.0, "date": "2026-03-20"})
        self.assertGreater(ours.due_principal, 0.0)
