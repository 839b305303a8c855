"""Issue 12 items 2-4 on the models: the guarantee period and the guarantor's limitation (民法典
第692-694条), the limitation of an instalment debt from its last installment or the acceleration
(第189条), the act of acceleration, and the claim as of a date from the ledger."""
import base64
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loan_collection.services import docx_render
from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase


class ContractCase(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(ContractCase, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.joint = Partner.create({"name": "连带保证人丙"})
        cls.general = Partner.create({"name": "一般保证人丁"})
        cls.mortgagor = Partner.create({"name": "抵押人戊"})
        # Monthly installments from 2022-04-10 to 2023-03-10: all overdue.
        cls.contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10")
        cls.contract.write({"guarantee_ids": [
            (0, 0, {"partner_id": cls.joint.id, "role": "guarantor", "guarantee_type": "joint"}),
            (0, 0, {"partner_id": cls.general.id, "role": "guarantor", "guarantee_type": "general"}),
            (0, 0, {"partner_id": cls.mortgagor.id, "role": "guarantor", "guarantee_type": "mortgage"}),
        ]})

    def guarantee(self, partner):
        return self.contract.guarantee_ids.filtered(lambda g: g.partner_id == partner)

    def guarantee_deadlines(self, case, kind):
        return {d.guarantee_id.partner_id: d for d in case.sudo().deadline_ids if d.kind == kind}


class TestGuaranteePeriod(ContractCase):

    def test_default_agreed_and_agreed_too_early(self):
        # 民法典 第692条第二款: six months from the maturity (2023-03-10) when none is agreed.
        self.assertEqual(self.guarantee(self.joint).period_end, "2023-09-10")
        self.guarantee(self.general).agreed_period_end = "2025-03-10"
        self.assertEqual(self.guarantee(self.general).period_end, "2025-03-10")
        # Agreed to end with the main debt: counts as none.
        self.guarantee(self.general).agreed_period_end = "2023-03-10"
        self.assertEqual(self.guarantee(self.general).period_end, "2023-09-10")
        # A mortgage has no guarantee period, nor does a counter-guarantee.
        self.assertFalse(self.guarantee(self.mortgagor).period_end)
        self.assertFalse(self.guarantee(self.guarantor).period_end)
        # The period end is computed: writing it changes nothing.
        self.guarantee(self.joint).sudo(self.manager).write({"period_end": "2030-01-01"})
        self.assertEqual(self.guarantee(self.joint).period_end, "2023-09-10")
        with self.assertRaisesRegex(ValidationError, "only a general or joint guarantee"):
            self.guarantee(self.mortgagor).agreed_period_end = "2025-03-10"

    def test_served_demand_on_the_joint_guarantor_starts_his_limitation(self):
        case = self.make_legal_case(self.contract, lawyer_id=self.lawyer.id)
        periods = self.guarantee_deadlines(case, "guarantee_period")
        self.assertEqual(set(periods), {self.joint, self.general})  # not the mortgagor, not the counter-guarantor
        joint = periods[self.joint]
        self.assertEqual((joint.date, joint.source_date), ("2023-09-10", "2023-03-10"))
        self.assertNotEqual(joint.state, "done")
        self.assertIn("连带保证人丙", joint.name)
        # The lawyer has an activity for it (the reminder date has passed).
        self.assertTrue(joint.activity_id)
        self.assertEqual(joint.activity_id.user_id, self.lawyer)
        self.assertFalse(self.guarantee_deadlines(case, "guarantor_limitation"))
        # A demand served on him within the guarantee period (民法典 第693条第二款) ...
        self.run_on("2022-06-01")
        collection = self.contract.case_ids
        with china_time("2023-05-25 10:00"):
            notice = self.env["collection.notice"].sudo(self.manager).create({
                "case_id": collection.id, "kind": "guarantor_demand", "partner_id": self.joint.id})
        with china_time("2023-06-01 10:00"):
            notice.sudo(self.manager).action_record_service("2023-06-01", "in_person")
        self.assertEqual(periods[self.joint].state, "done")
        self.assertFalse(periods[self.joint].activity_id)
        # ... starts his own 3-year limitation (第694条第二款).
        limitation = self.guarantee_deadlines(case, "guarantor_limitation")[self.joint]
        self.assertEqual((limitation.date, limitation.source_date), ("2026-06-01", "2023-06-01"))
        # The general guarantor is claimed only by suing the debtor (第693条第一款).
        self.assertNotEqual(periods[self.general].state, "done")
        self.assertNotIn(self.general, self.guarantee_deadlines(case, "guarantor_limitation"))

    def test_general_guarantee_claimed_by_the_suit_in_time(self):
        self.guarantee(self.general).agreed_period_end = "2025-03-10"
        case = self.make_legal_case(self.contract)
        self.file(case, "2024-06-03")
        periods = self.guarantee_deadlines(case, "guarantee_period")
        self.assertEqual(periods[self.general].state, "done")
        self.assertEqual(periods[self.general].date, "2025-03-10")
        # The joint guarantor's period ended on 2023-09-10: the suit came too late for it.
        self.assertFalse(periods[self.joint].auto_done)
        self.assertFalse(self.guarantee_deadlines(case, "guarantor_limitation"))


class TestAcceleration(ContractCase):

    def test_limitation_from_the_last_installment_then_from_the_acceleration(self):
        case = self.make_legal_case(self.contract)
        limitation = self.deadline(case, "limitation")
        # 民法典 第189条: from the last installment's due date.
        self.assertEqual((limitation.date, limitation.source_date), ("2026-03-10", "2023-03-10"))
        with self.assertRaises(AccessError):
            self.contract.sudo(self.office).action_record_acceleration("accelerated", "2022-09-15", "第十二条")
        self.contract.sudo(self.manager).action_record_acceleration(
            "accelerated", "2022-09-15", "第十二条", "连续三期未还款")
        self.assertEqual((self.contract.acceleration_kind, self.contract.acceleration_date,
                          self.contract.acceleration_clause), ("accelerated", "2022-09-15", "第十二条"))
        self.assertIn("第十二条", self.contract.message_ids[0].body)
        # Everything fell due on the acceleration: the limitation runs from it (2025-09-15 is a Monday).
        self.assertEqual((limitation.date, limitation.source_date), ("2025-09-15", "2022-09-15"))
        self.assertIn("accelerated on 2022-09-15", limitation.name)
        # The main debt fell due then too: six months of guarantee period from the act.
        self.assertEqual(self.guarantee(self.joint).period_end, "2023-03-15")
        # Immutable: changed only by a new act.
        for user in (self.manager, self.env.user):
            with self.assertRaisesRegex(AccessError, "new act"):
                self.contract.sudo(user).write({"acceleration_date": "2022-10-01"})
        self.contract.sudo(self.manager).action_record_acceleration("terminated", "2022-10-17", "第十三条")
        self.assertEqual(limitation.source_date, "2022-10-17")
        self.assertIn("2022-09-15", self.contract.message_ids[0].body)
        # A case opened on the accelerated loan claims on the accelerated basis, from the ledger (in place
        # of the first: a contract has one open legal case).
        case.sudo(self.legal_manager).unlink()
        opened = self.LegalCase.sudo(self.lawyer).create({"contract_id": self.contract.id, "court_id": self.court.id,
                                                          "claim_date": "2023-01-05"})
        self.assertEqual(opened.claim_basis, "accelerated")
        self.assertAlmostEqual(opened.claim_principal, self.contract.principal, places=2)
        # Nor can a contract be created already accelerated.
        with self.assertRaisesRegex(AccessError, "new act"):
            self.env["loan.contract"].sudo(self.manager).create({
                "partner_id": self.borrower.id, "product_id": self.product.id, "principal": 1000,
                "date_disbursed": "2022-03-10", "date_maturity": "2023-03-10", "annual_rate": 12,
                "acceleration_date": "2022-09-15"})

    def test_accelerated_before_any_installment_is_overdue(self):
        contract = self.make_contract()  # first installment due 2026-02-15
        with china_time("2026-02-06 10:00"):
            contract.sudo(self.manager).action_record_acceleration("terminated", "2026-02-05", "第十三条")
            case = self.make_legal_case(contract)
        limitation = self.deadline(case, "limitation")
        self.assertEqual((limitation.date, limitation.source_date), ("2029-02-05", "2026-02-05"))

    def test_bad_acts_refused(self):
        act = self.contract.sudo(self.manager).action_record_acceleration
        with self.assertRaisesRegex(ValidationError, "before the maturity"):
            act("accelerated", "2023-05-01", "第十二条")
        with self.assertRaisesRegex(ValidationError, "clause"):
            act("accelerated", "2022-09-15", " ")
        self.assertFalse(self.contract.acceleration_date)


class TestClaimFromLedger(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestClaimFromLedger, cls).setUpClass()
        # 360,000 in monthly installments from 2026-02-15: five overdue on 2026-06-20.
        cls.contract = cls.make_contract(principal=360000, activate=False)
        cls.contract.write({"date_signed": "2026-01-10", "place_signed": "杭州市西湖区"})  # the complaint states them
        cls.contract.action_activate()
        cls.run_on("2026-06-20")
        cls.collection = cls.contract.case_ids
        with china_time("2026-06-20 10:00"):
            action = cls.collection.sudo(cls.manager).action_transfer_to_legal()
        cls.case = cls.LegalCase.browse(action["res_id"])

    def complaint_text(self):
        """The complaint of the case as the court reads it (what it states besides the claim given)."""
        self.case.sudo().write({"lawyer_id": self.lawyer.id, "court_id": self.court.id})
        self.borrower.write({"street": "文三路158号", "city": "杭州市", "mobile": "13800001111"})
        company = self.env.user.company_id
        company.write({"street": "天目山路1号", "city": "杭州市", "phone": "0571-12345678"})
        company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                  "legal_representative": "钱总"})
        self.lawyer.partner_id.mobile = "13700003333"
        document = self.case.sudo(self.lawyer)._generate_documents("complaint")
        return docx_render.document_text(base64.b64decode(document.attachment_id.datas))

    def overdue(self, date="2026-06-20"):
        return self.contract.invoice_ids.filtered(lambda i: i.date_due < date)

    def test_claim_as_of_a_day_to_come_refused(self):
        before = self.case.claim_total
        with china_time("2026-06-20 23:30"):  # still the 20th in China
            with self.assertRaisesRegex(ValidationError, "Claim as of 2026-06-21 is after today \\(2026-06-20\\)"):
                self.case.sudo(self.lawyer).write({"claim_date": "2026-06-21"})
            with self.assertRaisesRegex(ValidationError, "is after today"):
                self.LegalCase.sudo(self.lawyer).create({"contract_id": self.make_contract().id,
                                                         "court_id": self.court.id, "claim_date": "2026-07-01"})
            self.assertEqual((self.case.claim_date, self.case.claim_total), ("2026-06-20", before))
            self.case.sudo(self.lawyer).write({"claim_date": "2026-06-19"})
        self.assertEqual(self.case.claim_date, "2026-06-19")

    def test_claim_after_a_recovery_agrees_with_the_ledger(self):
        self.assertEqual((self.case.claim_date, self.case.claim_basis), ("2026-06-20", "overdue"))
        overdue = self.overdue()
        self.assertEqual(len(overdue), 5)
        self.assertAlmostEqual(self.case.claim_principal, sum(overdue.mapped("principal_amount")), places=2)
        self.assertAlmostEqual(self.case.claim_penalty, sum(overdue.mapped("penalty_interest")), places=2)
        before = self.case.claim_total
        with china_time("2026-06-20 15:00"):
            recovery = self.env["collection.recovery"].sudo(self.finance)._register_recovery(
                self.collection.sudo(self.finance), "debtor", self.borrower, 50000, "2026-06-20", self.bank_journal)
        self.assertGreater(recovery.amount_penalty, 0)
        # What the complaint claims is what the ledger still owes: 50,000 less, penalty included.
        self.assertAlmostEqual(self.case.claim_total, before - 50000, places=2)
        self.assertAlmostEqual(self.case.claim_penalty, 0.0, places=2)
        self.assertAlmostEqual(self.case.claim_principal,
                               float(sum(i._unpaid_parts()[0] for i in overdue)), places=2)
        self.assertIn("penalty interest {:,.2f}".format(recovery.amount_penalty), self.case.claim_breakdown)
        # The complaint claims the same, and counts the penalty repaid among what was repaid.
        data = self.case._document_data_complaint()
        self.assertEqual(data["claim"]["total"]["figures"], "¥{:,.2f}".format(self.case.claim_total))
        repaid = data["contract"]
        self.assertEqual(repaid["repaid_penalty"]["figures"], "¥{:,.2f}".format(recovery.amount_penalty))
        self.assertEqual(repaid["repaid_principal"]["figures"], "¥{:,.2f}".format(recovery.amount_principal))
        self.assertEqual(repaid["repaid_interest"]["figures"], "¥{:,.2f}".format(recovery.amount_interest))
        self.assertEqual(data["claim"]["basis"], "主张已到期未还部分")
        self.assertEqual(len(data["claim"]["lines"]), 2)  # the principal still owed, and what was repaid

    def test_penalty_as_of_an_earlier_claim_date(self):
        # The run accrued penalty to 2026-06-20; a claim as of 2026-06-10 claims the penalty of the
        # four installments then overdue, from each due date to 2026-06-10 (18% a year, 360 days),
        # not what the run accrued after it nor the installment due on 2026-06-15.
        self.case.sudo(self.lawyer).write({"claim_date": "2026-06-10"})
        overdue = self.overdue("2026-06-10")
        self.assertEqual(len(overdue), 4)
        expected = sum(round(i.residual * 0.18 * (date(2026, 6, 10) - date(*map(int, i.date_due.split("-")))).days
                             / 360, 2) for i in overdue)
        self.assertAlmostEqual(self.case.claim_penalty, expected, delta=0.01 * len(overdue))
        self.assertLess(self.case.claim_penalty, sum(self.overdue().mapped("penalty_interest")))
        self.assertIn("to 2026-06-10", self.case.claim_breakdown)

    def test_nothing_overdue_on_the_claim_date_is_stated_as_none(self):
        # 9. 是否存在逾期还款 is 否 when nothing was due and unpaid before the claim date: the claim
        # date is not printed as the day the loan became overdue.
        self.case.sudo(self.lawyer).write({"claim_date": "2026-02-14"})
        # Nothing is owed then (the penalty the run accrued later is not claimed as of that day).
        self.assertEqual((self.case.claim_total, self.case.claim_penalty), (0.0, 0.0))
        with self.assertRaisesRegex(UserError, "claims nothing"):
            self.complaint_text()
        self.case.sudo(self.lawyer).write({"claim_costs": 3000.0})  # e.g. costs of realising the claim
        text = self.complaint_text()
        self.assertIn("9. 是否存在逾期还款\n否", text)
        self.assertNotIn("起逾期未还款", text)

    def test_computed_claim_parts_are_not_writable(self):
        with self.assertRaises(AccessError):
            self.case.sudo(self.lawyer).write({"claim_breakdown": "invented"})

    def test_acceleration_input_refused_with_a_message(self):
        contract = self.contract.sudo(self.manager)
        for date, clause in (("notadate", "第十二条"), (20261101, "第十二条"), ("2026-06-18", 5)):
            with self.assertRaises(ValidationError):
                contract.action_record_acceleration("accelerated", date, clause)
        self.assertFalse(self.contract.acceleration_date)

    def test_accelerated_claim_is_the_whole_outstanding_principal(self):
        with self.assertRaisesRegex(UserError, "not accelerated"):
            self.case.sudo(self.lawyer).write({"claim_basis": "accelerated"})
        self.contract.sudo(self.manager).action_record_acceleration("accelerated", "2026-06-18", "第十二条")
        self.case.sudo(self.lawyer).write({"claim_basis": "accelerated"})
        self.assertAlmostEqual(self.case.claim_principal, 360000.0, places=2)
        self.assertIn("whole outstanding principal", self.case.claim_breakdown)
        self.assertIn("第十二条", self.case.claim_breakdown)
        # Interest to the acceleration and penalty after it on the principal not yet due.
        self.assertIn("Interest to the acceleration", self.case.claim_breakdown)
        self.assertIn("Penalty interest after the acceleration", self.case.claim_breakdown)
        # The complaint, as the court reads it: the acceleration stated, the whole principal claimed,
        # each head with how it is computed in the court's way of writing dates and amounts.
        text = self.complaint_text()
        self.assertIn("是，原告已于2026年6月18日宣布借款提前到期，要求被告提前归还全部借款本息", text)
        self.assertIn("原告已于2026年6月18日宣布借款提前到期，主张全部未还本金。", text)
        self.assertIn("尚欠本金¥360,000.00（大写：人民币叁拾陆万元整）", text)
        self.assertIn("本金：¥360,000.00，为全部未还本金，自2026年6月18日宣布提前到期起到期（合同第十二条）", text)
        self.assertNotIn("2026-06-18", text)
        # 9. 是否存在逾期还款: since the first installment left unpaid, not since the acceleration.
        self.assertIn("是，自2026年2月15日起逾期未还款", text)

    def test_compound_interest_where_the_contract_provides_it(self):
        self.assertEqual(self.case.claim_compound, 0.0)
        # Security review: compound interest was accepted on a contract that does not agree it.
        with self.assertRaisesRegex(ValidationError, "does not agree compound interest"), self.env.cr.savepoint():
            self.case.sudo(self.lawyer).write({"claim_compound": 1200.0})
        self.case.invalidate_cache()
        self.assertEqual(self.case.claim_compound, 0.0)
        self.contract.write({"compound_interest": True, "compound_clause": "第七条第二款"})
        self.case.sudo(self.lawyer).action_refresh_claim()
        self.assertGreater(self.case.claim_compound, 0.0)
        self.assertIn("第七条第二款", self.case.claim_breakdown)
        # The complaint claims it and says how it was computed (dates and amounts as a court writes them).
        text = self.complaint_text()
        compound = docx_render.money(self.case.claim_compound)["figures"]
        self.assertIn("、复利%s（暂计至2026年6月20日" % compound, text)
        self.assertIn("复利：%s，以逾期利息¥" % compound, text)
        self.assertIn("计至2026年6月20日（合同第七条第二款；银发〔2003〕251号 第三条）", text)
        self.assertIn("复利按合同约定计收", text)
        self.assertAlmostEqual(self.case.claim_total, self.case.claim_principal + self.case.claim_interest
                               + self.case.claim_penalty + self.case.claim_compound + self.case.claim_costs, places=2)
