"""Agency placement (委外): the commission rules (services/agency.py) against hand-computed figures;
placing a batch (the agency's collector takes the case, its tasks and nothing else), what the
agency's people see and never see, recall by a manager and at the end of the period by the daily
run, the commission earned per recovery and taken back by a reversal, the monthly vendor bill
reconciled with the recoveries, the report, the conduct rules, rights and bad input."""
import datetime
import unittest
from decimal import Decimal

from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import agency
from .common import china_time
from .test_recovery import RecoveryCase

D = Decimal


class TestAgencyRules(unittest.TestCase):

    def test_placement_end_counts_the_first_day(self):
        self.assertEqual(agency.placement_end(datetime.date(2026, 3, 1), 90), datetime.date(2026, 5, 29))
        self.assertEqual(agency.placement_end(datetime.date(2026, 3, 20), 1), datetime.date(2026, 3, 20))
        with self.assertRaises(ValueError):
            agency.placement_end(datetime.date(2026, 3, 1), 0)

    def test_days_rate(self):
        rates = [agency.DaysRate(1, 30, 10.0), agency.DaysRate(31, 60, 15.0), agency.DaysRate(61, 0, 25.0)]
        self.assertEqual(agency.days_rate(rates, 30), D("10.0"))
        self.assertEqual(agency.days_rate(rates, 33), D("15.0"))
        self.assertEqual(agency.days_rate(rates, 400), D("25.0"))
        self.assertIsNone(agency.days_rate(rates, 0))
        # 5000 at 15%: 750.00; 333.33 at 15%: 49.9995 -> 50.00 (half up, to the fen).
        self.assertEqual(agency.days_commission("5000", D("15")), D("750.00"))
        self.assertEqual(agency.days_commission("333.33", D("15")), D("50.00"))

    def test_tiers_are_progressive_and_order_does_not_matter(self):
        tiers = [agency.TierRate(0, 10), agency.TierRate(20, 15), agency.TierRate(40, 20)]
        # Placed 100,000: 30,000 from nothing = 20,000 x 10% + 10,000 x 15% = 3,500.
        self.assertEqual(agency.tier_commission("30000", "0", "100000", tiers), D("3500.00"))
        # Then 15,000 from 30,000 = 10,000 x 15% + 5,000 x 20% = 2,500.
        self.assertEqual(agency.tier_commission("15000", "30000", "100000", tiers), D("2500.00"))
        # The other way round: 15,000 (1,500) then 30,000 from 15,000 (500 + 3,000 + 1,000): 6,000 again.
        self.assertEqual(agency.tier_commission("15000", "0", "100000", tiers), D("1500.00"))
        self.assertEqual(agency.tier_commission("30000", "15000", "100000", tiers), D("4500.00"))
        # Beyond everything placed, the last tier's rate.
        self.assertEqual(agency.tier_commission("10000", "100000", "100000", tiers), D("2000.00"))
        self.assertEqual(agency.tier_commission("0", "0", "100000", tiers), D("0.00"))

    def test_cases_shared_to_the_least_loaded(self):
        self.assertEqual(agency.share_cases([1, 2, 3], {7: 2, 9: 0}), {1: 9, 2: 9, 3: 7})
        with self.assertRaises(ValueError):
            agency.share_cases([1], {})


class AgencyCase(RecoveryCase):
    """On 2026-03-20 the case owes 21,526.27 (two installments of 10,661.85, penalty 175.92 + 26.65)
    and is 33 days overdue. Agency 诚信 has two collectors, agency 远达 one."""

    @classmethod
    def setUpClass(cls):
        super(AgencyCase, cls).setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        cls.agency = Partner.create({"name": "测试诚信商务咨询有限公司", "is_company": True, "is_collection_agency": True})
        cls.agency_b = Partner.create({"name": "测试远达信息咨询有限公司", "is_company": True,
                                       "is_collection_agency": True})
        cls.agent = cls.make_user("t_agent1", "loan_collection.group_agency_collector")
        cls.agent2 = cls.make_user("t_agent2", "loan_collection.group_agency_collector")
        cls.agent_b = cls.make_user("t_agent_b", "loan_collection.group_agency_collector")
        (cls.agent | cls.agent2).write({"loan_agency_id": cls.agency.id})
        cls.agent_b.write({"loan_agency_id": cls.agency_b.id})
        cls.auditor = cls.make_user("t_auditor_ag", "loan_collection.group_loan_auditor")
        cls.phone = env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        # Another debtor's case, with another collector: never the agency's.
        cls.other_borrower = Partner.create({"name": "测试借款人丙", "mobile": "13800002222"})
        cls.other_contract = cls.make_contract(borrower=cls.other_borrower, office=cls.office2)
        cls.other_phone = env["collection.contact.point"].create(
            {"partner_id": cls.other_borrower.id, "kind": "phone", "value": "13800002222", "relation": "self"})
        cls.run_on("2026-03-20")
        cls.other_case = cls.other_contract.case_ids
        cls.agency_contract = env["collection.agency.contract"].sudo(cls.manager).create({
            "name": "WW-HT-2026-001", "agency_id": cls.agency.id, "date_start": "2026-01-01",
            "date_end": "2026-12-31", "placement_days": 30, "days_from": 31,
            "rate_ids": [(0, 0, {"days_from": 1, "days_to": 30, "rate": 10.0}),
                         (0, 0, {"days_from": 31, "days_to": 60, "rate": 15.0}),
                         (0, 0, {"days_from": 61, "days_to": 0, "rate": 25.0})]})

    def batch(self, cases=None, contract=None, user=None):
        with china_time("2026-03-20 09:00"):
            return self.env["collection.placement.batch"].sudo(user or self.manager).create({
                "contract_id": (contract or self.agency_contract).id,
                "case_ids": [(6, 0, (cases or self.case()).ids)]})

    def place(self, cases=None, contract=None, when="2026-03-20 09:30"):
        batch = self.batch(cases, contract)
        with china_time(when):
            batch.sudo(self.manager).action_place()
        return batch

    def recall(self, batch, when):
        with china_time(when):
            batch.sudo(self.manager).action_recall()


class TestPlacement(AgencyCase):

    def test_placing_gives_the_case_and_its_tasks_to_the_agency(self):
        case = self.case()
        tasks = case.task_ids.filtered(lambda t: t.state == "todo" and t.role in ("office", "field"))
        self.assertTrue(tasks)
        batch = self.place()
        placement = batch.placement_ids
        self.assertEqual(batch.state, "placed")
        self.assertEqual((batch.date_start, batch.date_end), ("2026-03-20", "2026-04-18"))
        self.assertEqual(placement.agency_user_id, self.agent)  # the fewest cases, then the lower id
        self.assertEqual((placement.days_overdue, placement.office_user_id, placement.field_user_id),
                         (33, self.office, self.field))
        self.assertMoney(placement.amount_placed, 21526.27)
        self.assertEqual((case.office_user_id, case.field_user_id, case.agency_id, case.placement_id),
                         (self.agent, self.agent, self.agency, placement))
        self.assertFalse(case.team_id)
        self.assertEqual(set(case.move_ids.mapped("kind")), {"placement"})
        self.assertEqual(tasks.filtered(lambda t: t.state == "todo" and t.role in ("office", "field")).mapped(
            "user_id"), self.agent)
        # The lender's collector no longer sees it; the agency's does, with what she needs to work it.
        self.assertFalse(self.env["collection.case"].sudo(self.office).search([("id", "=", case.id)]))
        Agent = self.env["collection.case"].sudo(self.agent)
        self.assertEqual(Agent.search([]), case)
        self.assertEqual(self.env["loan.contract"].sudo(self.agent).search([]), self.contract)
        self.assertEqual(self.env["collection.contact.point"].sudo(self.agent).search([]), self.phone)
        self.assertIn(self.borrower, self.env["res.partner"].sudo(self.agent).search([("name", "like", "测试")]))
        self.assertEqual(self.env["collection.task"].sudo(self.agent).search([]).mapped("case_id"), case)
        self.assertEqual(set(self.env["account.invoice"].sudo(self.agent).search([]).mapped("loan_contract_id").ids),
                         {self.contract.id})

    def test_an_agency_never_sees_a_case_it_does_not_hold(self):
        self.place()
        other = self.other_case
        scoped = {
            "collection.case": other, "loan.contract": self.other_contract,
            "loan.guarantee": self.other_contract.guarantee_ids, "collection.contact.point": self.other_phone,
            "account.invoice": self.other_contract.invoice_ids[:1], "collection.task": other.task_ids[:1],
            "res.partner": self.other_borrower,
        }
        for model, record in scoped.items():
            self.assertTrue(record, model)
            Model = self.env[model].sudo(self.agent)
            self.assertFalse(Model.search([("id", "in", record.ids)]), model)
            with self.assertRaises(AccessError, msg=model):
                record.sudo(self.agent).read(["display_name"])
            with self.assertRaises(AccessError, msg=model):
                record.sudo(self.agent).export_data(["id"])
        # Installment lines, activities and followers of the whole database (Odoo's own rules let every
        # employee read them): hers only.
        lines = self.env["account.invoice.line"].sudo(self.agent).search([])
        self.assertTrue(lines)
        self.assertEqual(lines.mapped("invoice_id.collection_case_id"), self.case())
        self.assertFalse(self.env["account.invoice.line"].sudo(self.agent).search(
            [("invoice_id", "in", self.other_contract.invoice_ids.ids)]))
        self.assertEqual(self.env["account.invoice.line"].sudo(self.office2).search([]).mapped(
            "invoice_id.collection_case_id"), other)
        self.assertTrue(other.activity_ids)
        self.assertFalse(self.env["mail.activity"].sudo(self.agent).search([("res_id", "=", other.id),
                                                                            ("res_model", "=", "collection.case")]))
        self.assertLessEqual(set(self.env["mail.activity"].sudo(self.agent).search([]).mapped("user_id")), {self.agent})
        other.message_subscribe_users([self.office2.id])
        self.assertTrue(self.env["mail.followers"].search([("res_model", "=", "collection.case"),
                                                           ("res_id", "=", other.id)]))
        self.assertFalse(self.env["mail.followers"].sudo(self.agent).search([("res_model", "=", "collection.case"),
                                                                             ("res_id", "=", other.id)]))
        self.assertLessEqual(set(self.env["mail.followers"].sudo(self.agent).search([]).mapped("partner_id")),
                             {self.agent.partner_id})
        # A notice on another case is refused before anything names its parties.
        with self.assertRaises(AccessError):
            self.env["collection.notice"].sudo(self.agent).create({"case_id": other.id})
        # Her placement, without the lender's side of it (batch, contract, commission, who held it before).
        placement = self.case().placement_id
        self.assertEqual(placement.sudo(self.agent).read(["state"])[0]["state"], "placed")
        for name in ("commission_amount", "batch_id", "contract_id", "office_user_id"):
            with self.assertRaises(AccessError, msg=name):
                placement.sudo(self.agent).read([name])
        groups = self.env["collection.case"].sudo(self.agent).read_group([], ["partner_id", "total_due"], ["partner_id"])
        self.assertEqual([g["partner_id"][0] for g in groups], [self.borrower.id])
        # The other agency sees nothing at all; nor does it see the first one's case.
        self.assertFalse(self.env["collection.case"].sudo(self.agent_b).search([]))
        self.assertFalse(self.env["res.partner"].sudo(self.agent_b).search([("id", "=", self.borrower.id)]))
        # The lender's books and the agency's own contract are not theirs to read.
        for model in ("collection.placement.batch", "collection.agency.contract", "collection.agency.commission",
                      "collection.agency.report", "collection.aging.report"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].sudo(self.agent).search([])

    def test_recall_by_the_manager_ends_everything_the_agency_saw(self):
        case = self.case()
        batch = self.place()
        with china_time("2026-03-21 10:00"):
            case.sudo(self.agent).message_subscribe_users([self.agent.id])
            case.sudo(self.agent).message_post(body="已联系债务人")
        self.recall(batch, "2026-03-22 15:00")
        placement = batch.placement_ids
        self.assertEqual((placement.state, placement.recall_kind, placement.date_recalled, placement.date_closed),
                         ("recalled", "manager", "2026-03-22", "2026-03-22"))
        self.assertEqual(batch.state, "recalled")
        self.assertEqual((case.office_user_id, case.field_user_id), (self.office, self.field))
        self.assertFalse(case.agency_id or case.placement_id)
        self.assertEqual(case.move_ids.sorted("id")[-1].kind, "recall")
        self.assertFalse(case.task_ids.filtered(lambda t: t.state == "todo" and t.user_id == self.agent))
        self.assertNotIn(self.agent.partner_id, case.message_partner_ids)
        for model in ("collection.case", "loan.contract", "collection.contact.point", "collection.task",
                      "account.invoice", "collection.placement"):
            self.assertFalse(self.env[model].sudo(self.agent).search([]), model)
        self.assertFalse(self.env["res.partner"].sudo(self.agent).search([("id", "=", self.borrower.id)]))
        with self.assertRaises(AccessError):
            case.sudo(self.agent).read(["name"])
        self.assertEqual(self.env["collection.case"].sudo(self.office).search([("id", "=", case.id)]), case)

    def test_the_daily_run_recalls_the_day_after_the_period(self):
        case = self.case()
        batch = self.place()
        self.run_on("2026-04-18")
        self.assertEqual(batch.placement_ids.state, "placed")
        self.assertEqual(case.office_user_id, self.agent)
        run = self.run_on("2026-04-19")
        self.assertEqual(run.placements_recalled, 1)
        placement = batch.placement_ids
        self.assertEqual((placement.state, placement.recall_kind, placement.date_closed),
                         ("recalled", "expired", "2026-04-18"))
        self.assertEqual(case.office_user_id, self.office)
        # Today's tasks went to the collectors it came back to; none is left with the agency.
        todo = case.task_ids.filtered(lambda t: t.state == "todo" and t.role in ("office", "field"))
        self.assertTrue(todo)
        self.assertLessEqual(set(todo.mapped("user_id")), {self.office, self.field})

    def test_allocation_reassign_teams_and_legal_leave_a_placed_case_alone(self):
        case = self.case()
        self.place()
        team = self.env["collection.team"].sudo(self.manager).create({
            "name": "M2 电催组", "role": "office", "leader_id": self.manager.id,
            "member_ids": [(0, 0, {"user_id": self.office2.id})]})
        self.env["collection.allocation.rule"].sudo(self.manager).create(
            {"name": "31天以上", "team_id": team.id, "days_from": 31})
        self.run_on("2026-03-21")
        self.assertEqual(case.office_user_id, self.agent)
        self.assertEqual(self.other_case.office_user_id, self.office2)  # the rule moved the other case
        self.assertEqual(self.other_case.team_id, team)
        with self.assertRaisesRegex(ValidationError, "works for collection agency"):
            team.sudo(self.manager).write({"member_ids": [(0, 0, {"user_id": self.agent.id})]})
        with china_time("2026-03-21 10:00"):
            wizard = self.env["collection.case.reassign"].sudo(self.manager).create({
                "case_ids": [(6, 0, case.ids)], "team_id": team.id, "reason": "测试"})
            with self.assertRaisesRegex(UserError, "placed with an agency: recall them first"):
                wizard.action_reassign()
            with self.assertRaisesRegex(UserError, "recall it first"):
                case.sudo(self.manager).action_transfer_to_legal()
        self.assertNotEqual(case.stage, "legal")

    def test_agency_collectors_follow_the_same_conduct_rules(self):
        case = self.case()
        self.place()
        Log = self.env["collection.contact.log"].sudo(self.agent)
        values = {"case_id": case.id, "channel": "phone", "party": "debtor", "contact_point_id": self.phone.id,
                  "connected": True, "outcome": "rpc"}
        with china_time("2026-03-20 22:40"):
            with self.assertRaisesRegex(ValidationError, "22:00"):
                Log.create(dict(values, date="2026-03-20 14:30:00"))  # 22:30 in China
        with china_time("2026-03-20 10:40"):
            log = Log.create(dict(values, date="2026-03-20 02:30:00"))  # 10:30
        self.assertEqual((log.user_id, log.case_id), (self.agent, case))
        # Not on a case it does not hold.
        with self.assertRaises((AccessError, UserError, ValidationError)):
            Log.create(dict(values, case_id=self.other_case.id, contact_point_id=self.other_phone.id,
                            date="2026-03-20 02:40:00"))


class TestPlacementRefusals(AgencyCase):

    def test_roles(self):
        with self.assertRaisesRegex(AccessError, "Only a collection manager"):
            self.batch(user=self.office)
        with self.assertRaises(AccessError):
            self.batch(user=self.finance)
        with self.assertRaises(AccessError):
            self.batch(user=self.agent)
        batch = self.batch()
        for user in (self.agent, self.office, self.finance):
            with self.assertRaises(AccessError, msg=user.login):
                batch.sudo(user).action_place()
        # Over XML-RPC the context has no language: the refusal is in the user's (zh_CN).
        self.env["res.lang"].search([("code", "=", "zh_CN"), ("active", "=", False)]).write({"active": True})
        self.office.sudo().lang = "zh_CN"
        office = self.env(user=self.office.id, context={})
        with self.assertRaisesRegex(AccessError, "只有催收主管可以委外或召回案件"):
            office["collection.placement.batch"].browse(batch.id).action_place()
        batch.sudo(self.manager).action_place()
        for user in (self.agent, self.office, self.finance):
            with self.assertRaises(AccessError, msg=user.login):
                batch.sudo(user).action_recall()
            with self.assertRaises(AccessError, msg=user.login):
                batch.placement_ids.sudo(user).action_recall()
        placement = batch.placement_ids
        for user in (self.manager, self.finance, self.agent):
            with self.assertRaises(AccessError, msg=user.login):
                placement.sudo(user).write({"date_end": "2026-12-31"})
            with self.assertRaises(AccessError, msg=user.login):
                placement.sudo(user).unlink()
        with self.assertRaises(AccessError):
            self.env["collection.placement"].sudo(self.manager).create(
                {"batch_id": batch.id, "case_id": self.other_case.id, "date_start": "2026-03-20",
                 "date_end": "2026-04-18"})
        with self.assertRaisesRegex(UserError, "is placed"):
            batch.sudo(self.manager).write({"case_ids": [(4, self.other_case.id)]})
        with self.assertRaises(AccessError):
            batch.sudo(self.manager).write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "Only a draft batch"):
            batch.sudo(self.manager).unlink()
        # Marking an agency is a manager's; finance records debtors but not that.
        with self.assertRaisesRegex(AccessError, "Only a collection manager"):
            self.other_borrower.sudo(self.finance).write({"is_collection_agency": True})
        for model in ("collection.agency.contract", "collection.agency.rate"):
            with self.assertRaisesRegex(AccessError, "keeps the collection agencies' contracts", msg=model):
                self.env[model].sudo(self.finance).search([]).write({"placement_days": 10} if "contract" in model
                                                                     else {"rate": 1.0})

    def test_bad_placements_write_nothing(self):
        batch = self.place()
        case = self.case()
        moves = len(case.move_ids)
        second = self.batch()
        with self.assertRaisesRegex(UserError, "already placed with an agency"):
            with china_time("2026-03-20 10:00"):
                second.sudo(self.manager).action_place()
        self.assertEqual((second.state, len(case.move_ids)), ("draft", moves))
        self.recall(batch, "2026-03-20 11:00")
        # No rate for 33 days overdue.
        narrow = self.env["collection.agency.contract"].sudo(self.manager).create({
            "name": "WW-HT-2026-002", "agency_id": self.agency.id, "date_start": "2026-01-01",
            "date_end": "2026-12-31", "rate_ids": [(0, 0, {"days_from": 61, "days_to": 0, "rate": 25.0})]})
        with self.assertRaisesRegex(UserError, r"no commission rate for these cases' days overdue: .*\(33\)"):
            self.place(contract=narrow, when="2026-03-20 12:00")
        # Outside the contract's term.
        with self.assertRaisesRegex(ValidationError, "valid from 2026-01-01 to 2026-12-31"):
            self.place(when="2027-01-05 10:00")
        # An agency without collectors.
        lonely = self.env["res.partner"].create({"name": "测试无人机构", "is_collection_agency": True})
        empty = self.env["collection.agency.contract"].sudo(self.manager).create({
            "name": "WW-HT-2026-003", "agency_id": lonely.id, "date_start": "2026-01-01", "date_end": "2026-12-31",
            "rate_ids": [(0, 0, {"days_from": 1, "days_to": 0, "rate": 20.0})]})
        with self.assertRaisesRegex(UserError, "has no active user in the group Agency Collector"):
            self.place(contract=empty, when="2026-03-20 12:30")
        self.assertEqual(case.office_user_id, self.office)
        self.assertFalse(case.agency_id)
        # A case with the legal team is not placed.
        case.sudo().write({"stage": "legal"})
        with self.assertRaisesRegex(UserError, "Only open cases are placed"):
            self.place(when="2026-03-20 13:00")

    def test_bad_contracts(self):
        Contract = self.env["collection.agency.contract"].sudo(self.manager)
        base = {"name": "X", "agency_id": self.agency.id, "date_start": "2026-01-01", "date_end": "2026-12-31"}
        for values, message in ((dict(base, date_end="2025-12-31"), "ends .* before it starts"),
                                (dict(base, placement_days=0), "between 1 and 366 days"),
                                (dict(base, rate_ids=[(0, 0, {"days_from": 1, "rate": 120.0})]),
                                 "percentage from 0 to 100"),
                                (dict(base, agency_id=self.other_borrower.id), "is not a collection agency")):
            # (over RPC the whole call is one transaction: a refusal leaves nothing written)
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                Contract.create(values)
        with self.assertRaisesRegex(ValidationError, "is not a collection agency"):
            self.agent.write({"loan_agency_id": self.other_borrower.id})
        self.assertFalse(Contract.search([("name", "=", "X")]))


class TestCommission(AgencyCase):

    def test_days_rate_commission_per_recovery_in_the_placement_window(self):
        batch = self.place()
        # Money received the day before the placement earns nothing (registered afterwards).
        with china_time("2026-03-20 16:00"):
            before = self.recover(1000.0, "2026-03-19")
        with china_time("2026-03-25 10:00"):
            paid = self.recover(5000.0, "2026-03-25")
        commission = self.env["collection.agency.commission"].search([("batch_id", "=", batch.id)])
        self.assertEqual(commission.recovery_id, paid)
        self.assertEqual((commission.base, commission.rate, commission.amount), (5000.0, 15.0, 750.0))
        self.assertFalse(self.env["collection.agency.commission"].search([("recovery_id", "=", before.id)]))
        placement = batch.placement_ids
        self.assertMoney(placement.amount_recovered, 5000.0)
        self.assertMoney(placement.commission_amount, 750.0)
        self.assertMoney(batch.recovery_rate, round(5000 * 100 / 21526.27, 1))
        # Recalled on the 27th: money of the 26th registered later still earns; of the 28th, not.
        self.recall(batch, "2026-03-27 17:00")
        with china_time("2026-03-28 10:00"):
            late = self.recover(1000.0, "2026-03-26")
            after = self.recover(1000.0, "2026-03-28")
        lines = self.env["collection.agency.commission"].search([("batch_id", "=", batch.id)])
        self.assertEqual(lines.mapped("recovery_id"), paid | late)
        self.assertNotIn(after, lines.mapped("recovery_id"))
        self.assertMoney(batch.placement_ids.commission_amount, 900.0)

    def test_excess_earns_nothing_and_a_reversal_takes_back(self):
        batch = self.place()
        with china_time("2026-03-25 10:00"):
            paid = self.recover(200000.0, "2026-03-25")
        line = self.env["collection.agency.commission"].search([("recovery_id", "=", paid.id)])
        self.assertMoney(line.base, 200000.0 - paid.amount_excess)
        self.assertTrue(paid.amount_excess > 0)
        self.assertMoney(line.amount, round(line.base * 0.15, 2))
        with china_time("2026-03-26 10:00"):
            paid.sudo(self.finance)._reverse(datetime.date(2026, 3, 26), "退汇")
        lines = self.env["collection.agency.commission"].search([("recovery_id", "=", paid.id)])
        self.assertEqual(len(lines), 2)
        back = lines.filtered("reversed_id")
        self.assertEqual((back.reversed_id, back.date), (line, "2026-03-26"))
        self.assertMoney(back.amount, -line.amount)
        self.assertMoney(batch.placement_ids.commission_amount, 0.0)
        self.assertMoney(batch.placement_ids.amount_recovered, 0.0)

    def test_tiered_by_the_batch_recovery_rate(self):
        contract = self.env["collection.agency.contract"].sudo(self.manager).create({
            "name": "WW-HT-2026-009", "agency_id": self.agency.id, "date_start": "2026-01-01",
            "date_end": "2026-12-31", "commission_method": "tier",
            "rate_ids": [(0, 0, {"recovery_from": 0, "rate": 10.0}), (0, 0, {"recovery_from": 50, "rate": 20.0})]})
        self.place(contract=contract)
        with china_time("2026-03-25 10:00"):
            first = self.recover(1000.0, "2026-03-25")
            second = self.recover(12000.0, "2026-03-25")
        Commission = self.env["collection.agency.commission"]
        # Placed 21,526.27, half of it 10,763.135: 1,000 at 10% = 100.00; then 9,763.135 at 10% and
        # 2,236.865 at 20% = 976.3135 + 447.373 = 1,423.69.
        self.assertMoney(Commission.search([("recovery_id", "=", first.id)]).amount, 100.0)
        self.assertMoney(Commission.search([("recovery_id", "=", second.id)]).amount, 1423.69)
        self.assertMoney(Commission.search([("recovery_id", "=", second.id)]).rate, 11.86)
        with self.assertRaisesRegex(ValidationError, "earned commission at these rates"):
            contract.rate_ids[:1].sudo(self.manager).write({"rate": 5.0})

    def test_commission_is_never_entered_by_hand(self):
        batch = self.place()
        with china_time("2026-03-25 10:00"):
            paid = self.recover(5000.0, "2026-03-25")
        line = self.env["collection.agency.commission"].search([("recovery_id", "=", paid.id)])
        for user in (self.finance, self.manager):
            with self.assertRaises(AccessError, msg=user.login):
                line.sudo(user).write({"amount": 1.0})
            with self.assertRaises(AccessError, msg=user.login):
                line.sudo(user).unlink()
            with self.assertRaises(AccessError, msg=user.login):
                self.env["collection.agency.commission"].sudo(user).create(
                    {"placement_id": batch.placement_ids.id, "recovery_id": paid.id, "date": "2026-03-25",
                     "amount": 99.0})
        self.assertEqual(line.amount, 750.0)


class TestBilling(AgencyCase):

    def bill(self, month, when, user=None):
        with china_time(when):
            wizard = self.env["collection.agency.billing"].sudo(user or self.finance).create({"month": month})
            action = wizard.action_bill()
        return self.env["account.invoice"].browse(action["domain"][0][2])

    def test_a_bill_per_agency_per_month_reconciled_with_the_recoveries(self):
        self.place()
        with china_time("2026-03-31 10:00"):
            march = self.recover(5000.0, "2026-03-25") | self.recover(1000.0, "2026-03-31")
        with china_time("2026-04-02 10:00"):
            april = self.recover(2000.0, "2026-04-02")
        with self.assertRaisesRegex(UserError, "is not over yet"):
            self.bill("2026-04-10", "2026-04-15 10:00")
        for user in (self.manager, self.office, self.agent):
            with self.assertRaises(AccessError, msg=user.login):
                self.bill("2026-03-01", "2026-04-05 10:00", user=user)
        bill = self.bill("2026-03-15", "2026-04-05 10:00")
        self.assertEqual(len(bill), 1)
        self.assertEqual((bill.type, bill.partner_id, bill.date_invoice, bill.state),
                         ("in_invoice", self.agency, "2026-03-31", "draft"))
        self.assertMoney(bill.amount_untaxed, 900.0)
        self.assertEqual(bill.agency_commission_ids.mapped("recovery_id"), march)
        self.assertEqual(len(bill.invoice_line_ids), 2)
        self.assertIn(self.case().name, bill.invoice_line_ids[0].name)
        self.assertTrue(bill.invoice_line_ids.mapped("account_id"))
        with self.assertRaisesRegex(UserError, "No commission is left to bill"):
            self.bill("2026-03-15", "2026-04-05 11:00")
        # Edited, it no longer matches its recoveries: not validated.
        with china_time("2026-04-05 11:00"):
            bill.invoice_line_ids[0].sudo(self.finance).write({"price_unit": 800.0})
            with self.assertRaisesRegex(UserError, "its commission lines .* come to 900.00"):
                bill.sudo(self.finance).action_invoice_open()
            # Nor step by step, as Validate does it (each step is public over RPC).
            for step in ("action_move_create", "invoice_validate"):
                with self.assertRaisesRegex(UserError, "its commission lines .* come to 900.00", msg=step):
                    getattr(bill.sudo(self.finance), step)()
            self.assertEqual((bill.state, bill.move_id.id), ("draft", False))
            bill.invoice_line_ids[0].sudo(self.finance).write({"price_unit": 750.0})
            bill.sudo(self.finance).write({"partner_id": self.other_borrower.id})
            with self.assertRaisesRegex(UserError, "put the agency back as the vendor"):
                bill.sudo(self.finance).action_invoice_open()
            bill.sudo(self.finance).write({"partner_id": self.agency.id})
            bill.sudo(self.finance).action_invoice_open()
        self.assertEqual(bill.state, "open")
        with self.assertRaises(AccessError):
            bill.sudo(self.finance).write({"agency_commission_bill": False})
        with self.assertRaises(AccessError):
            self.env["account.invoice"].sudo(self.finance).create({
                "type": "in_invoice", "partner_id": self.agency.id, "agency_commission_bill": True})
        unbilled = self.env["collection.agency.commission"].search([("bill_id", "=", False),
                                                                    ("agency_id", "=", self.agency.id)])
        self.assertEqual(unbilled.mapped("recovery_id"), april)

    def test_cancelled_bill_bills_again_and_reversals_are_deducted(self):
        self.place()
        with china_time("2026-03-31 10:00"):
            paid = self.recover(5000.0, "2026-03-25")
        first = self.bill("2026-03-15", "2026-04-05 10:00")
        with china_time("2026-04-05 10:30"):
            first.sudo(self.finance).action_invoice_cancel()
        self.assertFalse(first.agency_commission_ids)
        # Put back to draft and validated, the cancelled bill would pay the commission twice.
        with china_time("2026-04-05 10:40"):
            first.sudo(self.finance).action_invoice_draft()
            with self.assertRaisesRegex(UserError, "was cancelled and its commission released"):
                first.sudo(self.finance).action_invoice_open()
        again = self.bill("2026-03-15", "2026-04-05 11:00")
        self.assertNotEqual(again, first)
        self.assertMoney(again.amount_untaxed, 750.0)
        with china_time("2026-04-05 11:30"):
            again.sudo(self.finance).action_invoice_open()
            paid.sudo(self.finance)._reverse(datetime.date(2026, 4, 6), "退汇")
        # April: only the reversal, deducted — a vendor credit note of 750.
        refund = self.bill("2026-04-30", "2026-05-03 10:00")
        self.assertEqual(refund.type, "in_refund")
        self.assertMoney(refund.amount_untaxed, 750.0)
        with china_time("2026-05-03 10:30"):
            refund.sudo(self.finance).action_invoice_open()
        self.assertEqual(refund.state, "open")


class TestAgencyReport(AgencyCase):

    def test_recovery_rate_of_a_group_is_of_its_totals(self):
        batch = self.place(cases=self.case() | self.other_case)
        self.assertEqual(set(batch.placement_ids.mapped("agency_user_id")), {self.agent, self.agent2})
        with china_time("2026-03-25 10:00"):
            self.recover(5000.0, "2026-03-25")
        Report = self.env["collection.agency.report"].sudo(self.manager)
        rows = Report.search([("batch_id", "=", batch.id)])
        self.assertEqual(len(rows), 2)
        placed = sum(rows.mapped("amount_placed"))
        group = Report.read_group([("batch_id", "=", batch.id)],
                                  ["agency_id", "recovery_rate", "amount_recovered", "case_count"], ["agency_id"])
        self.assertEqual(len(group), 1)
        self.assertEqual(group[0]["agency_id"][0], self.agency.id)
        self.assertEqual(group[0]["case_count"], 2)
        self.assertMoney(group[0]["amount_recovered"], 5000.0)
        self.assertAlmostEqual(group[0]["recovery_rate"], round(5000 * 100.0 / placed, 1), places=1)
        self.assertNotIn("amount_placed", group[0])
        # The auditor reads it; a collector does not.
        self.assertEqual(len(self.env["collection.agency.report"].sudo(self.auditor).search([])), len(
            self.env["collection.agency.report"].search([])))
        with self.assertRaises(AccessError):
            self.env["collection.agency.report"].sudo(self.office).search([])
