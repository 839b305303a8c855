"""Issue 11, finding 7: a legal case's stage moves only through its checked buttons, a closed
case is reopened only by a legal manager, computed deadlines change only through their source
dates, and the states of assets and restrictions only through their buttons. Every call below is
the one an XML-RPC client makes as the lawyer or the legal manager."""
from odoo.exceptions import AccessError, UserError

from .common import LegalTestCase


class TestLegalSecurity(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLegalSecurity, cls).setUpClass()
        cls.case = cls.make_legal_case(lawyer_id=cls.lawyer.id)

    def filed(self):
        case = self.case.sudo(self.lawyer)
        self.collect_evidence(case)
        case.write({"filing_date": "2025-06-02"})
        case.action_file()
        return case

    def closed(self):
        case = self.filed()
        case.write({"closing_reason": "withdrawn"})
        case.action_close()
        self.assertEqual(case.stage, "closed")
        return case

    # Stages --------------------------------------------------------------------------------

    def test_stage_write_refused_backwards_and_forwards(self):
        case = self.filed()
        for user in (self.lawyer, self.legal_manager):
            for stage in ("preparation", "judgment", "closed"):
                with self.assertRaisesRegex(AccessError, "moves only through the buttons"):
                    self.case.sudo(user).write({"stage": stage})
                self.assertEqual(case.stage, "filed")
        # Not even the superuser (admin over RPC is uid 1): the buttons are the only way.
        with self.assertRaisesRegex(AccessError, "Filed with the Court"):
            self.case.sudo().write({"stage": "preparation"})
        self.assertEqual(case.stage, "filed")

    def test_create_in_a_later_stage_refused(self):
        contract = self.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        count = self.LegalCase.search_count([])
        with self.assertRaisesRegex(AccessError, "moves only through the buttons"):
            self.LegalCase.sudo(self.lawyer).create({
                "contract_id": contract.id, "court_id": self.court.id, "stage": "closed",
                "closing_reason": "recovered"})
        self.assertEqual(self.LegalCase.search_count([]), count)

    def test_button_cannot_move_backwards(self):
        case = self.closed()
        with self.assertRaisesRegex(UserError, "can go to .* only from"):
            case.action_file()
        with self.assertRaisesRegex(UserError, "only from"):
            case.action_judgment()
        self.assertEqual((case.stage, case.closing_reason), ("closed", "withdrawn"))
        filed = self.make_legal_case()
        self.collect_evidence(filed)
        filed.sudo(self.lawyer).write({"filing_date": "2025-06-02"})
        filed.sudo(self.lawyer).action_file()
        with self.assertRaisesRegex(UserError, "only from"):
            filed.sudo(self.lawyer).action_file()
        with self.assertRaisesRegex(UserError, "only from"):
            filed.sudo(self.lawyer).action_effective()
        self.assertEqual(filed.stage, "filed")

    def test_reopen_only_by_a_legal_manager_clearing_the_reason(self):
        case = self.closed()
        closing_date = case.closing_date
        with self.assertRaisesRegex(AccessError, "Only a legal manager can reopen"):
            self.case.sudo(self.lawyer).action_reopen()
        for vals in ({"stage": "filed"}, {"closing_date": False}):
            with self.assertRaisesRegex(AccessError, "cannot be written"):
                self.case.sudo(self.lawyer).write(vals)
        with self.assertRaisesRegex(UserError, "closing reason of a closed case cannot be changed"):
            self.case.sudo(self.lawyer).write({"closing_reason": "recovered"})
        self.assertEqual((case.stage, case.closing_reason, case.closing_date), ("closed", "withdrawn", closing_date))
        self.case.sudo(self.legal_manager).action_reopen()
        self.assertEqual((case.stage, case.closing_reason, case.closing_date), ("filed", False, False))
        with self.assertRaisesRegex(UserError, "not closed"):
            self.case.sudo(self.legal_manager).action_reopen()

    def test_transitions_through_the_buttons_still_work(self):
        case = self.filed()
        case.action_start_trial()
        case.write({"judgment_date": "2025-10-20"})
        case.action_judgment()
        case.write({"judgment_served_date": "2025-11-03", "appeal_date": "2025-11-14"})
        case.action_appeal()
        case.write({"effective_date": "2025-12-01"})
        case.action_effective()
        case.write({"enforcement_date": "2025-12-15"})
        case.action_enforcement()
        case.action_asset_control()
        case.action_restriction()
        self.assertEqual(case.stage, "restriction")
        case.write({"closing_reason": "terminated"})
        case.action_close()
        self.assertEqual(case.stage, "closed")
        self.assertTrue(case.closing_date)

    def test_computed_fields_refused(self):
        case = self.case
        self.env["legal.cost"].create({"case_id": case.id, "cost_type": "other", "amount": 1000.0,
                                       "date": "2026-02-28"})
        before = case.read(["cost_total", "claim_total", "stage_sequence", "handover_fees"])[0]
        for vals in ({"cost_total": 1.0}, {"cost_recoverable_total": 1.0}, {"claim_total": 1.0},
                     {"awarded_total": 1.0}, {"performance_deadline": "2099-12-31"}, {"stage_sequence": 0},
                     {"handover_fees": 99999.0}):
            for user in (self.lawyer, self.legal_manager):
                with self.assertRaisesRegex(AccessError, "kept by the system"):
                    case.sudo(user).write(vals)
        self.assertEqual(case.read(["cost_total", "claim_total", "stage_sequence", "handover_fees"])[0], before)

    # Deadlines -----------------------------------------------------------------------------

    def test_deadline_cannot_be_moved_created_or_deleted(self):
        deadline = self.deadline(self.case, "limitation")
        self.assertTrue(deadline)
        before = deadline.read(["date", "source_date", "kind", "key", "case_id", "state", "name"])[0]
        other = self.make_legal_case()
        for user in (self.lawyer, self.legal_manager):
            mine = deadline.sudo(user)
            for vals in ({"date": "2099-12-31"}, {"source_date": "2099-01-01"}, {"kind": "trial_end"},
                         {"key": "x"}, {"case_id": other.id}, {"state": "done"}, {"name": "改"}):
                with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
                    mine.write(vals)
            with self.assertRaisesRegex(AccessError, "cannot be deleted by hand"):
                mine.unlink()
            with self.assertRaisesRegex(AccessError, "cannot be created by hand"):
                self.env["legal.deadline"].sudo(user).create({
                    "name": "手动期限", "case_id": self.case.id, "key": "manual", "kind": "performance",
                    "date": "2099-12-31"})
            # Through the case's one2many: the same refusal.
            with self.assertRaises(AccessError):
                self.case.sudo(user).write({"deadline_ids": [(2, deadline.id)]})
            with self.assertRaises(AccessError):
                self.case.sudo(user).write({"deadline_ids": [(1, deadline.id, {"date": "2099-12-31"})]})
        self.assertTrue(deadline.exists())
        self.assertEqual(deadline.read(["date", "source_date", "kind", "key", "case_id", "state", "name"])[0],
                         before)
        self.assertEqual(len(self.case.deadline_ids.filtered(lambda d: d.key == "manual")), 0)

    def test_deadline_follows_its_source_dates_and_actions(self):
        case = self.filed()
        trial = self.deadline(case, "trial_end")
        self.assertEqual(trial.source_date, "2025-06-02")
        case.write({"filing_date": "2025-06-09"})
        self.assertEqual(self.deadline(case, "trial_end").source_date, "2025-06-09")
        trial = self.deadline(case, "trial_end").sudo(self.lawyer)
        trial.action_done()
        self.assertEqual(trial.state, "done")
        trial.action_reopen()
        self.assertNotEqual(trial.state, "done")
        case.action_sync_deadlines()
        with self.assertRaises(AccessError):  # a collector cannot mark it done
            self.deadline(case, "trial_end").sudo(self.office).action_done()

    # Assets and restrictions ---------------------------------------------------------------

    def test_asset_state_only_through_buttons(self):
        case = self.case
        Asset = self.env["legal.asset"].sudo(self.lawyer)
        vals = {"case_id": case.id, "partner_id": case.partner_id.id, "asset_type": "real_estate",
                "name": "杭州市西湖区某路1号", "estimated_value": 100.0}
        count = Asset.search_count([])
        with self.assertRaisesRegex(AccessError, "state of an asset cannot be written"):
            Asset.create(dict(vals, state="paid"))
        self.assertEqual(Asset.search_count([]), count)
        asset = Asset.create(vals)
        for user in (self.lawyer, self.legal_manager):
            for state in ("frozen", "paid", "released"):
                with self.assertRaisesRegex(AccessError, "Frozen or Seized"):
                    asset.sudo(user).write({"state": state})
            with self.assertRaisesRegex(AccessError, "computed and cannot be written"):
                asset.sudo(user).write({"value_left": 1.0e9})
        self.assertEqual((asset.state, asset.value_left), ("lead", 100.0))
        asset.action_found()
        asset.write({"freeze_order_number": "（2025）浙0106执保1号", "freeze_date": "2025-08-15"})
        asset.action_freeze()
        self.assertEqual(asset.state, "frozen")
        self.assertTrue(self.deadline(case, "preservation_expiry", asset=asset))

    def test_restriction_state_only_through_buttons(self):
        case = self.case
        Restriction = self.env["legal.restriction"].sudo(self.lawyer)
        vals = {"case_id": case.id, "debtor_id": case.partner_id.id, "partner_id": case.partner_id.id,
                "application_date": "2025-08-20"}
        with self.assertRaisesRegex(AccessError, "state of a restriction cannot be written"):
            Restriction.create(dict(vals, state="lifted"))
        restriction = Restriction.create(vals)
        for user in (self.lawyer, self.legal_manager):
            for state in ("effective", "lifted"):
                with self.assertRaisesRegex(AccessError, "Effective, Lifted"):
                    restriction.sudo(user).write({"state": state})
        self.assertEqual(restriction.state, "applied")
        restriction.write({"order_number": "（2025）浙0106执限1号", "effective_date": "2025-09-01"})
        restriction.action_effective()
        self.assertEqual(restriction.state, "effective")
