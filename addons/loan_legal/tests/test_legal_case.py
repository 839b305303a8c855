"""Legal cases: stage moves and their checks, the hand-over from collection, court fees and
costs, and who may see what."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase


class TestStages(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestStages, cls).setUpClass()
        cls.case = cls.make_legal_case()

    def test_new_case_with_defendants_and_evidence_checklist(self):
        case = self.case
        self.assertEqual(case.stage, "preparation")
        self.assertTrue(case.name.startswith("SS"))
        self.assertEqual(case.partner_id, self.borrower)
        # The fixture's counter-guarantor answers to the guarantor, not to the lender: no defendant.
        self.assertEqual([(p.partner_id, p.role) for p in case.party_ids], [(self.borrower, "borrower")])
        self.assertEqual(case.plaintiff_id, self.env.user.company_id.partner_id)
        self.assertEqual(case.claim_total, 350000.0)
        # No guarantee contract: the only guarantee is the counter-guarantee the lender has no claim on.
        # The names are the evidence list's, Chinese whatever the user's language.
        self.assertEqual(case.evidence_ids.mapped("kind"), [
            "loan_contract", "disbursement", "repayment", "notice", "identity", "power_of_attorney"])
        self.assertEqual(case.evidence_ids.mapped("name"), [
            "借款合同", "借款发放凭证", "还款记录及欠款明细", "催收通知及送达凭证", "当事人身份证明（身份证、营业执照）", "授权委托书"])
        self.assertEqual(set(case.evidence_ids.mapped("state")), {"missing"})
        self.assertTrue(all(case.evidence_ids.mapped("required")))
        self.assertEqual(case.evidence_missing_count, 6)

    def test_filing_refused_without_evidence_and_date(self):
        case = self.case
        with self.assertRaisesRegex(UserError, "enter the filing date") as error:
            case.action_file()
        message = str(error.exception)
        self.assertIn("collect the required evidence", message)
        self.assertIn("借款合同", message)
        self.assertIn("授权委托书", message)
        self.assertEqual(case.stage, "preparation")
        # A write that moves the stage with the date is refused whole: the date is not kept either.
        with self.assertRaisesRegex(UserError, "collect the required evidence"):
            case._write_checked({"filing_date": "2025-06-02", "stage": "filed"})
        self.assertEqual((case.stage, case.filing_date), ("preparation", False))
        # Every required line but one collected: that one is named.
        case.evidence_ids.filtered(lambda e: e.kind != "power_of_attorney").write({"state": "collected"})
        case.filing_date = "2025-06-02"
        with self.assertRaises(UserError) as error:
            case.action_file()
        self.assertIn("授权委托书", str(error.exception))
        self.assertNotIn("借款合同", str(error.exception))
        self.assertNotIn("filing date", str(error.exception))
        # A line that is not required does not block; submitted counts as collected.
        case.evidence_ids.filtered(lambda e: e.kind == "power_of_attorney").state = "submitted"
        case.evidence_ids.filtered(lambda e: e.kind == "notice").write({"state": "missing", "required": False})
        case.action_file()
        self.assertEqual(case.stage, "filed")
        self.assertEqual(case.evidence_missing_count, 0)

    def test_filing_needs_a_court(self):
        case = self.make_legal_case(court_id=False)
        self.collect_evidence(case)
        with self.assertRaisesRegex(UserError, "choose the court"):
            case._write_checked({"filing_date": "2025-06-02", "stage": "filed"})

    def test_judgment_before_filing_refused(self):
        case = self.file(self.case, "2025-06-02")
        with self.assertRaisesRegex(ValidationError,
                                    r"Judgment Date \(2025-05-30\) is before Filing Date \(2025-06-02\)"):
            case.write({"judgment_date": "2025-05-30"})
        self.assertFalse(case.judgment_date)
        with self.assertRaisesRegex(UserError, "enter the judgment date"):
            case.action_judgment()
        self.assertEqual(case.stage, "filed")
        case.judgment_date = "2025-06-02"  # the same day is allowed
        case.action_judgment()
        self.assertEqual(case.stage, "judgment")
        # Once in the judgment stage, the judgment date cannot be removed.
        with self.assertRaisesRegex(UserError, "enter the judgment date"):
            case.judgment_date = False
        self.assertEqual(case.judgment_date, "2025-06-02")

    def test_dates_out_of_order_refused(self):
        case = self.file(self.case, "2025-06-02")
        case._write_checked({"judgment_date": "2025-10-20", "stage": "judgment"})
        with self.assertRaisesRegex(ValidationError, r"Judgment Served On \(2025-10-19\) is before Judgment Date"):
            case.judgment_served_date = "2025-10-19"
        case.judgment_served_date = "2025-11-03"
        with self.assertRaisesRegex(ValidationError, r"Effective On \(2025-11-01\) is before Judgment Served On"):
            case._write_checked({"effective_date": "2025-11-01", "stage": "effective"})
        self.assertEqual((case.stage, case.effective_date), ("judgment", False))
        case._write_checked({"effective_date": "2025-11-19", "stage": "effective"})
        with self.assertRaisesRegex(ValidationError, r"Enforcement Applied On \(2025-11-10\) is before Effective On"):
            case._write_checked({"enforcement_date": "2025-11-10", "stage": "enforcement"})
        with self.assertRaisesRegex(UserError, "enter the date enforcement was applied for"):
            case.action_enforcement()
        case.enforcement_date = "2025-12-05"
        case.action_enforcement()
        case.action_asset_control()
        case.action_restriction()
        self.assertEqual(case.stage, "restriction")
        # A gap in the chain hides nothing: the filing date cannot move after the service date.
        with self.assertRaisesRegex(ValidationError, "is before Filing Date"):
            case.filing_date = "2025-11-04"

    def test_kanban_jump_lists_everything_missing(self):
        # A user's write of the stage (a kanban drag) is refused: the buttons move it (issue 11).
        with self.assertRaisesRegex(AccessError, "moves only through the buttons"):
            self.case.stage = "effective"
        with self.assertRaises(UserError) as error:
            self.case._write_checked({"stage": "effective"})
        message = str(error.exception)
        for text in ("filing date", "judgment date", "date the judgment was served",
                     "date the judgment took effect", "collect the required evidence"):
            self.assertIn(text, message)
        self.assertEqual(self.case.stage, "preparation")

    def test_appeal_stage(self):
        case = self.file(self.case, "2025-06-02")
        case._write_checked({"judgment_date": "2025-10-20", "stage": "judgment"})
        with self.assertRaisesRegex(UserError, "enter the date the appeal was filed"):
            case._write_checked({"judgment_served_date": "2025-11-03", "stage": "appeal"})
        case._write_checked({"judgment_served_date": "2025-11-03", "appeal_date": "2025-11-14", "stage": "appeal"})
        self.assertEqual(case.stage, "appeal")
        with self.assertRaisesRegex(ValidationError, r"Effective On \(2025-11-10\) is before Appeal Filed On"):
            case._write_checked({"effective_date": "2025-11-10", "stage": "effective"})

    def test_close_and_reopen(self):
        case = self.case
        with self.assertRaisesRegex(UserError, "choose the closing reason"):
            case.action_close()
        case.closing_reason = "terminated"
        with self.assertRaisesRegex(UserError, "enforcement was applied"):
            case.action_close()
        case.closing_reason = "withdrawn"
        case.action_close()
        self.assertEqual(case.stage, "closed")
        self.assertTrue(case.closing_date)
        self.assertEqual(set(case.deadline_ids.mapped("state")), {"done"})
        case.sudo(self.legal_manager).action_reopen()
        self.assertEqual((case.stage, case.closing_reason, case.closing_date), ("preparation", False, False))

    def test_kanban_shows_every_stage(self):
        groups = self.LegalCase.read_group([("id", "=", self.case.id)], ["stage"], ["stage"])
        self.assertEqual([g["stage"] for g in groups], [
            "preparation", "filed", "trial", "judgment", "appeal", "effective", "enforcement", "asset_control",
            "restriction", "closed"])

    def test_only_cases_in_preparation_are_deleted(self):
        filed = self.file(self.make_legal_case())
        with self.assertRaisesRegex(UserError, "still in preparation"):
            filed.sudo(self.legal_manager).unlink()
        self.case.sudo(self.legal_manager).unlink()
        self.assertFalse(self.case.exists())


class TestHandover(LegalTestCase):

    def test_transfer_opens_a_prefilled_legal_case(self):
        contract = self.make_contract()
        self.run_on("2026-03-20")
        collection = contract.case_ids
        collection.fees_amount = 800.0
        with china_time("2026-03-20 10:00"):
            action = collection.sudo(self.manager).action_transfer_to_legal()
        legal = self.LegalCase.browse(action["res_id"])
        self.assertEqual(action["res_model"], "legal.case")
        self.assertEqual(collection.stage, "legal")
        self.assertEqual((legal.stage, legal.collection_case_id, legal.contract_id, legal.partner_id),
                         ("preparation", collection, contract, self.borrower))
        self.assertEqual([(p.partner_id, p.role) for p in legal.party_ids], [(self.borrower, "borrower")])
        # The claim is the ledger's as of the hand-over: the collection case's amounts.
        self.assertAlmostEqual(legal.claim_principal, collection.overdue_principal, places=2)
        self.assertAlmostEqual(legal.claim_interest, collection.overdue_interest, places=2)
        self.assertAlmostEqual(legal.claim_penalty, collection.penalty_interest, places=2)
        self.assertEqual(legal.claim_costs, 800.0)
        self.assertGreater(legal.claim_principal, 0)
        self.assertAlmostEqual(legal.claim_total, collection.overdue_principal + collection.overdue_interest
                               + collection.penalty_interest + 800.0, places=2)
        self.assertEqual(len(legal.evidence_ids), 6)  # no claim on the counter-guarantee
        # The limitation period runs from the last installment (due 2027-01-15, 民法典 第189条).
        limitation = self.deadline(legal, "limitation")
        self.assertEqual((limitation.date, limitation.source_date), ("2030-01-15", "2027-01-15"))
        self.assertIn("Opened from collection case", legal.message_ids[0].body)
        # The collector sees it from his collection case.
        self.assertEqual(collection.sudo(self.office).legal_case_count, 1)
        opened = collection.sudo(self.office).action_view_legal_cases()
        self.assertEqual(opened["res_id"], legal.id)


class TestFeesAndCosts(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestFeesAndCosts, cls).setUpClass()
        contract = cls.make_contract()
        cls.run_on("2026-03-20")
        cls.collection = contract.case_ids
        cls.collection.fees_amount = 500.0
        action = cls.collection.sudo(cls.manager).action_transfer_to_legal()
        cls.case = cls.LegalCase.sudo(cls.lawyer).browse(action["res_id"])
        cls.case.write({"claim_principal": 300000.0, "claim_interest": 36000.0, "claim_penalty": 14000.0,
                         "claim_costs": 0.0})

    def test_fees_shown_from_the_claim(self):
        case = self.case
        # 第十三条: 4,300 + 150,000 x 1.5% = 6,550 on 350,000.
        self.assertEqual(case.acceptance_fee, 6550.0)
        case.procedure = "simple"  # 第十六条: half
        self.assertEqual(case.acceptance_fee, 3275.0)
        self.assertEqual(case.preservation_fee, 0.0)
        case.preservation_amount = 200000.0  # 第十四条(二): 1,020 + 100,000 x 0.5%
        self.assertEqual(case.preservation_fee, 1520.0)
        # 第十四条(一) on the claim until an award: 50 + 340,000 x 1.5% = 5,150.
        self.assertEqual(case.enforcement_fee, 5150.0)
        case.awarded_principal = 300000.0  # 50 + 290,000 x 1.5% = 4,400
        self.assertEqual(case.enforcement_fee, 4400.0)
        self.assertEqual(case.court_fee_total, 3275.0 + 1520.0 + 4400.0)

    def test_booking_without_duplicates_and_fees_on_the_collection_case(self):
        case = self.case
        case.preservation_amount = 200000.0
        case.action_book_court_fees()
        self.assertEqual(sorted((c.cost_type, c.amount) for c in case.cost_ids),
                         [("acceptance", 6550.0), ("preservation", 1520.0)])
        self.assertEqual(case.cost_recoverable_total, 8070.0)
        self.assertEqual(self.collection.fees_amount, 500.0 + 8070.0)
        with self.assertRaisesRegex(UserError, "already booked"):
            case.action_book_court_fees()
        self.assertEqual(len(case.cost_ids), 2)
        # A corrected fee is not booked again; the enforcement fee comes once enforcement is applied.
        case.cost_ids.filtered(lambda c: c.cost_type == "acceptance").amount = 6500.0
        self.assertEqual(self.collection.fees_amount, 500.0 + 8020.0)
        case.sudo().write({"filing_date": "2025-06-02", "judgment_date": "2025-10-20",
                           "judgment_served_date": "2025-11-03", "effective_date": "2025-11-19",
                           "enforcement_date": "2025-12-05"})
        case.action_book_court_fees()
        self.assertEqual(sorted(case.cost_ids.mapped("cost_type")), ["acceptance", "enforcement", "preservation"])
        self.assertEqual(case.cost_ids.filtered(lambda c: c.cost_type == "enforcement").amount, 5150.0)
        # A lawyer fee that the debtor does not bear is a cost but not a fee of the collection case.
        self.env["legal.cost"].sudo(self.lawyer).create({
            "case_id": case.id, "cost_type": "lawyer", "amount": 10000.0, "recoverable": False})
        self.assertEqual(case.cost_total, 6500.0 + 1520.0 + 5150.0 + 10000.0)
        self.assertEqual(self.collection.fees_amount, 500.0 + 6500.0 + 1520.0 + 5150.0)
        case.cost_ids.filtered(lambda c: c.cost_type == "preservation").sudo(self.legal_manager).unlink()
        self.assertEqual(self.collection.fees_amount, 500.0 + 6500.0 + 5150.0)

    def test_no_fee_without_a_claim(self):
        case = self.make_legal_case(claim_principal=0, claim_interest=0, claim_penalty=0)
        self.assertEqual(case.acceptance_fee, 0.0)
        with self.assertRaisesRegex(UserError, "no claim amount yet"):
            case.action_book_court_fees()


class TestAccess(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        mine = cls.make_contract()
        other_borrower = cls.env["res.partner"].create({"name": "另一借款人"})
        theirs = cls.make_contract(borrower=other_borrower, office=cls.office2)
        cls.run_on("2026-03-20")
        cls.mine = cls.LegalCase.browse(mine.case_ids.action_transfer_to_legal()["res_id"])
        cls.theirs = cls.LegalCase.browse(theirs.case_ids.action_transfer_to_legal()["res_id"])
        cls.env["legal.cost"].create({"case_id": cls.mine.id, "cost_type": "lawyer", "amount": 3000.0})

    def test_collector_reads_the_legal_status_of_his_own_cases_only(self):
        LegalCase = self.LegalCase.sudo(self.office)
        self.assertEqual(LegalCase.search([("id", "in", (self.mine | self.theirs).ids)]), self.mine)
        status = self.mine.sudo(self.office).read(["stage", "court_id", "claim_total", "lawyer_id"])[0]
        self.assertEqual(status["stage"], "preparation")
        self.assertEqual(status["claim_total"], self.mine.claim_total)
        with self.assertRaises(AccessError):
            self.theirs.sudo(self.office).read(["stage"])
        # The field collector of the contract sees it too.
        self.assertEqual(self.mine.sudo(self.field).stage, "preparation")
        with self.assertRaises(AccessError):
            self.mine.sudo(self.office).write({"judge": "王法官"})

    def test_collector_cannot_read_costs_evidence_or_assets(self):
        for model in ("legal.cost", "legal.evidence", "legal.asset", "legal.deadline"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.office).search([])
        with self.assertRaises(AccessError):
            self.mine.sudo(self.office).read(["cost_total"])

    def assert_form_opens(self, user, records, skip_models=()):
        """What the web client reads to show a form: the view, every field in it, and the lines of
        each list in it (lists of `skip_models` aside)."""
        records = records.sudo(user)
        view = records.fields_view_get(view_type="form")
        names = [name for name, field in view["fields"].items() if field.get("relation") not in skip_models]
        values = records.read(names)[0]
        self.assertEqual(values["id"], records.id)
        for name in names:
            field = view["fields"][name]
            if field["type"] in ("one2many", "many2many") and values[name]:
                subfields = list(field.get("views", {}).get("tree", {}).get("fields", {})) or ["display_name"]
                self.env[field["relation"]].sudo(user).browse(values[name]).read(subfields)
        return view["fields"]

    def test_forms_open_for_each_role(self):
        office_fields = self.assert_form_opens(self.office, self.mine)
        lawyer_fields = self.assert_form_opens(self.lawyer, self.mine)
        self.assert_form_opens(self.manager, self.theirs)
        # Collectors get the legal status without the litigation work; the legal team gets both.
        self.assertIn("stage", office_fields)
        self.assertNotIn("cost_ids", office_fields)
        self.assertNotIn("evidence_ids", office_fields)
        self.assertIn("cost_ids", lawyer_fields)
        # The legal team opens the collection case behind the legal case, and the debtor profile page
        # of the partner form.
        self.assert_form_opens(self.lawyer, self.mine.collection_case_id)
        partner_fields = self.assert_form_opens(self.lawyer, self.mine.partner_id)
        self.assertIn("identity_number", partner_fields)
        self.assertIn("contact_point_ids", partner_fields)

    def test_lawyer_and_managers(self):
        self.assertEqual(len(self.LegalCase.sudo(self.lawyer).search([("id", "in", (self.mine | self.theirs).ids)])), 2)
        self.assertEqual(self.mine.sudo(self.lawyer).cost_total, 3000.0)
        # The collection manager reads every legal case; a plain user none.
        both = [("id", "in", (self.mine | self.theirs).ids)]
        self.assertEqual(len(self.LegalCase.sudo(self.manager).search(both)), 2)
        with self.assertRaises(AccessError):
            self.LegalCase.sudo(self.plain).search([])
        # The lawyer reads the collection side: the case, its contract and installments.
        collection = self.mine.collection_case_id.sudo(self.lawyer)
        self.assertEqual(collection.stage, "legal")
        self.assertTrue(collection.contract_id.invoice_ids[0].residual)
