"""Restructurings (分期还款 / 停息挂账): the plan's schedule (services/settlement.plan_schedule), the
request and its figures, approval by the tier the concession needs, the plan issued (the open
installments closed by credit notes, the new ones written, a promise per instalment), recoveries
paying the plan and never what it holds, the daily run following the plan (no penalty interest
while frozen, fulfilled once paid, broken after the days of grace with the concession revoked or
standing), the agreement, rights and bad input."""
import base64
import datetime
import unittest
from decimal import Decimal

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..services import docx_render, settlement as rules
from ..services.amount_words import rmb_figures, rmb_upper
from .common import china_time
from .test_settlement import SettlementCase

D = Decimal


class TestPlanSchedule(unittest.TestCase):

    def test_equal_shares_the_last_takes_the_rest(self):
        rows = rules.plan_schedule("1000", "100", 3, datetime.date(2026, 4, 15))
        self.assertEqual(rows, [
            (datetime.date(2026, 4, 15), D("333.33"), D("33.33")),
            (datetime.date(2026, 5, 15), D("333.33"), D("33.33")),
            (datetime.date(2026, 6, 15), D("333.34"), D("33.34")),
        ])

    def test_month_ends(self):
        # 31 January: the last day of the shorter months, then the 31st again (not 28 for ever after).
        dates = [row[0] for row in rules.plan_schedule("400", "0", 4, datetime.date(2027, 1, 31))]
        self.assertEqual(dates, [datetime.date(2027, 1, 31), datetime.date(2027, 2, 28),
                                 datetime.date(2027, 3, 31), datetime.date(2027, 4, 30)])

    def test_bad_plans(self):
        for count in (1, 61, "6", 2.5, None):
            with self.assertRaises(ValueError):
                rules.plan_schedule("1000", "0", count, datetime.date(2026, 4, 15))
        with self.assertRaises(ValueError):
            rules.plan_schedule("-1", "0", 3, datetime.date(2026, 4, 15))
        with self.assertRaises(ValueError):
            rules.plan_schedule("1000", "0", 3, "2026-04-15")


class RestructuringCase(SettlementCase):
    """On 2026-03-20 the first two of twelve installments are overdue (penalty 175.92 + 26.65),
    fees 500; ten are still to come."""

    @classmethod
    def setUpClass(cls):
        super(RestructuringCase, cls).setUpClass()
        cls.old = cls.contract.invoice_ids.filtered(lambda i: i.type == "out_invoice").sorted("installment_number")
        cls.future_interest = round(sum(cls.old[2:].mapped("interest_amount")), 2)
        cls.due_interest = round(1200.0 + cls.second.interest_amount, 2)

    def plan_request(self, user=None, **vals):
        values = {"kind": "restructuring", "plan_count": 6, "plan_first_due": "2026-04-15", "freeze_interest": True,
                  "revoke_on_break": True, "grace_days": 3, "waive_penalty": 0, "waive_costs": 0,
                  "reason": "店铺装修超支，申请剩余本金及已到期利息分六期偿还，停息挂账。附：营业流水。"}
        values.update(vals)
        return self.request(user=user, **values)

    def approved(self, approver=None, **vals):
        settlement = self.plan_request(**vals)
        self.act(settlement, self.office, "action_submit")
        self.act(settlement, approver or self.senior, "action_approve")
        return settlement

    def plan(self, settlement):
        return settlement.sudo().plan_ids.sorted("installment_number")


class TestRestructuringFlow(RestructuringCase):

    def test_frozen_plan_issued_paid_and_the_held_amounts_waived(self):
        settlement = self.plan_request()
        # The figures: everything the open installments owe, the held penalty and costs, the interest
        # of the ten installments still to come frozen.
        self.assertMoney(settlement.owed_principal, 120000)
        self.assertMoney(settlement.owed_interest, self.due_interest + self.future_interest)
        self.assertMoney(settlement.owed_penalty, 202.57)
        self.assertMoney(settlement.owed_costs, 500)
        self.assertMoney(settlement.waive_interest, self.future_interest)
        self.assertMoney(settlement.waived_total, 202.57 + 500 + self.future_interest)
        self.assertMoney(settlement.amount_to_pay, 120000 + self.due_interest)
        self.assertEqual(settlement.date_due, "2026-09-15")  # the last instalment
        self.assertEqual(settlement.penalty_allowance, 0.0)
        self.act(settlement, self.office, "action_submit")
        # More than the manager's ¥5,000: the senior tier.
        self.assertEqual(settlement.tier_id, self.env.ref("loan_collection.settlement_tier_senior"))
        with self.assertRaisesRegex(AccessError, "authority"):
            self.act(settlement, self.manager, "action_approve")
        self.act(settlement, self.senior, "action_approve")
        self.assertEqual(settlement.state, "approved")
        # The twelve installments are closed by credit notes, reversing principal and interest to the
        # accounts they were booked on.
        self.assertEqual(set(self.old.mapped("state")), {"paid"})
        refunds = settlement.sudo(self.finance).refund_ids.filtered(lambda i: i.type == "out_refund")
        self.assertEqual(len(refunds), 12)
        self.assertMoney(sum(refunds.mapped("amount_total")), 120000 + self.due_interest + self.future_interest)
        self.assertEqual(refunds.mapped("invoice_line_ids.account_id"),
                         self.product.principal_account_id | self.product.interest_account_id)
        self.assertMoney(settlement.booked_interest, self.future_interest)
        # 减免金额统计 counts it from now: the frozen interest is booked.
        report = self.env.ref("loan_collection.collection_settlement_report_action")
        self.assertIn(settlement, self.env["collection.settlement"].search(safe_eval(report.domain)))
        # Six new installments, numbered after the old ones, due on the 15th, no penalty interest.
        plan = self.plan(settlement)
        self.assertEqual(plan.mapped("installment_number"), list(range(13, 19)))
        self.assertEqual(plan.mapped("date_due"), ["2026-%02d-15" % month for month in range(4, 10)])
        self.assertEqual(set(plan.mapped("state")), {"open"})
        self.assertEqual(set(plan.mapped("principal_amount")), {20000.0})
        self.assertMoney(sum(plan.mapped("interest_amount")), self.due_interest)
        self.assertMoney(sum(plan.mapped("amount_total")), settlement.amount_to_pay)
        self.assertTrue(all(plan.mapped("penalty_free")))
        self.assertEqual(plan.mapped("move_id.state"), ["posted"] * 6)
        # A promise per instalment; the case follows the plan.
        case = self.case()
        promises = self.env["collection.promise"].search([("case_id", "=", case.id), ("invoice_id", "in", plan.ids)])
        self.assertEqual(len(promises), 6)
        self.assertEqual(sorted(promises.mapped("date_promised")), plan.mapped("date_due"))
        self.assertEqual(case.stage, "promised")
        # Closing the old installments recovered nothing; the collectors see the plan.
        self.assertEqual(case.recovered_amount, 0.0)
        self.assertEqual(settlement.sudo(self.office).plan_ids, plan)
        self.assertEqual(set(plan.mapped("collection_case_id")), {case})
        # The first instalment paid early: the money pays it, never the held penalty or costs.
        with china_time("2026-04-10 10:00"):
            first = self.recover(plan[0].amount_total, "2026-04-10")
        self.assertEqual((first.amount_penalty, first.amount_costs, first.amount_excess), (0.0, 0.0, 0.0))
        self.assertMoney(first.amount_principal, 20000)
        self.assertEqual((first.settlement_id, plan[0].state), (settlement, "paid"))
        self.assertMoney(case.recovered_amount, plan[0].amount_total)
        # A run after the first instalment's days of grace: nothing is overdue, the case stays open.
        self.run_on("2026-04-20")
        self.assertEqual((settlement.state, case.is_open, case.stage), ("approved", True, "promised"))
        self.assertEqual(promises.filtered(lambda p: p.invoice_id == plan[0]).state, "kept")
        # The rest, each on its due date; the last fulfils the plan and waives what it held.
        for invoice in plan[1:]:
            with china_time("%s 10:00" % invoice.date_due):
                self.recover(invoice.amount_total, invoice.date_due)
        self.assertEqual(set(plan.mapped("penalty_interest")), {0.0})
        self.assertEqual((settlement.state, settlement.date_closed), ("fulfilled", "2026-09-15"))
        self.assertMoney(settlement.booked_penalty, 202.57)
        self.assertMoney(settlement.booked_costs, 500)
        self.assertMoney(settlement.booked_total, self.future_interest + 702.57)
        self.assertMoney(settlement.amount_paid, settlement.amount_to_pay)
        self.assertEqual((self.first.penalty_interest, self.second.penalty_interest), (0.0, 0.0))
        self.assertEqual((case.costs_outstanding, case.penalty_interest), (0.0, 0.0))
        self.run_on("2026-09-16")
        self.assertEqual(case.stage, "settled")

    def test_frozen_plan_broken_revokes_the_concession(self):
        settlement = self.approved()
        plan = self.plan(settlement)
        run = self.run_on("2026-04-18")  # the third day of grace
        self.assertEqual((run.plans_broken, settlement.state), (0, "approved"))
        self.assertEqual((plan[0].days_overdue, plan[0].penalty_interest), (3, 0.0))
        run = self.run_on("2026-04-19")
        self.assertEqual(run.plans_broken, 1)
        self.assertEqual((settlement.state, settlement.date_broken), ("broken", "2026-04-19"))
        case = self.case()
        self.assertEqual((case.is_open, case.stage), (True, "contacting"))
        # The contract's terms are back: penalty interest from the due date (18% a year, 4 days), and
        # the penalty interest and costs held are owed again.
        self.assertFalse(any(plan.mapped("penalty_free")))
        self.assertMoney(plan[0].penalty_interest, round(plan[0].amount_total * 0.18 * 4 / 360, 2))
        self.assertMoney(self.first.penalty_interest + self.second.penalty_interest, 202.57)
        self.assertEqual(case.costs_outstanding, 500.0)
        self.assertEqual((settlement.booked_penalty, settlement.booked_costs), (0.0, 0.0))
        # No settlement runs any more: money received pays the penalty interest again.
        with china_time("2026-04-19 10:00"):
            recovery = self.recover(1000, "2026-04-19")
        self.assertFalse(recovery.settlement_id)
        self.assertGreater(recovery.amount_costs + recovery.amount_penalty, 0)
        notes = case.message_ids.mapped("body")
        self.assertTrue(any("concession is revoked" in body or "撤销" in body for body in notes))

    def test_plan_without_freeze_broken_keeps_the_concession(self):
        settlement = self.approved(approver=self.manager, freeze_interest=False, revoke_on_break=False)
        # Only the penalty interest and costs are conceded: the manager's tier.
        self.assertEqual(settlement.tier_id, self.env.ref("loan_collection.settlement_tier_manager"))
        self.assertMoney(settlement.waived_total, 702.57)
        self.assertMoney(settlement.amount_to_pay, 120000 + self.due_interest + self.future_interest)
        plan = self.plan(settlement)
        self.assertFalse(any(plan.mapped("penalty_free")))
        self.run_on("2026-04-18")
        # Not frozen: an instalment overdue accrues penalty interest from its due date.
        self.assertMoney(plan[0].penalty_interest, round(plan[0].amount_total * 0.18 * 3 / 360, 2))
        self.run_on("2026-04-19")
        self.assertEqual(settlement.state, "broken")
        # The concession stands: what was held is waived at the breach.
        self.assertMoney(settlement.booked_penalty, 202.57)
        self.assertMoney(settlement.booked_costs, 500)
        self.assertEqual((self.first.penalty_interest, self.second.penalty_interest), (0.0, 0.0))
        self.assertEqual(self.case().costs_outstanding, 0.0)
        self.assertMoney(plan[0].penalty_interest, round(plan[0].amount_total * 0.18 * 4 / 360, 2))

    def test_frozen_plan_broken_without_revocation_accrues_from_the_breach(self):
        settlement = self.approved(revoke_on_break=False)
        plan = self.plan(settlement)
        self.run_on("2026-04-19")
        self.assertEqual(settlement.state, "broken")
        self.assertEqual((plan[0].penalty_interest, plan[0].penalty_date), (0.0, "2026-04-19"))
        self.run_on("2026-04-21")
        self.assertMoney(plan[0].penalty_interest, round(plan[0].amount_total * 0.18 * 2 / 360, 2))
        self.assertMoney(settlement.booked_penalty, 202.57)

    def test_an_approved_plan_is_not_cancelled(self):
        settlement = self.approved()
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            self.act(settlement, self.manager, "action_cancel")
        self.assertEqual(settlement.state, "approved")
        # Nor does the daily run lapse it once its last due date has passed (it is broken instead).
        self.assertEqual(self.env["collection.settlement"]._lapse("2026-10-01"), 0)

    def test_a_write_off_ends_the_plan(self):
        settlement = self.approved()
        with china_time("2026-05-01 10:00"):
            writeoff = self.env["collection.writeoff"].sudo(self.finance).create({
                "case_id": self.case().id, "reason": "借款人死亡，无遗产可供执行"})
            writeoff.sudo(self.manager).action_approve()
        self.assertEqual((settlement.state, settlement.date_closed), ("cancelled", "2026-05-01"))
        self.assertEqual(set(self.plan(settlement).mapped("state")), {"paid"})
        # The daily run neither fulfils nor breaks it: nothing was waived by the plan.
        self.run_on("2026-05-02")
        self.assertEqual((settlement.state, settlement.booked_penalty), ("cancelled", 0.0))

    def test_agreement(self):
        zj = self.env.ref("l10n_cn.state_ZJ").id
        self.env.user.company_id.write({"name": "测试小额贷款有限公司", "street": "测试路1号", "city": "杭州市",
                                        "phone": "0571-12345678", "state_id": zj})
        self.borrower.write({"street": "文三路158号", "city": "杭州市", "state_id": zj})
        settlement = self.approved()
        self.act(settlement, self.office, "action_generate_agreement")
        document = settlement.document_id
        self.assertEqual(document.doc_type, "restructuring_agreement")
        text = docx_render.document_text(base64.b64decode(document.sudo().attachment_id.datas))
        self.assertIn("停息挂账分期还款协议", text)
        plan = self.plan(settlement)
        self.assertIn("分6期偿还本金及利息，合计%s（大写：人民币%s）" % (
            rmb_figures(settlement.amount_to_pay), rmb_upper(settlement.amount_to_pay)), text)
        self.assertIn("第1期：2026年4月15日前（含当日）偿还%s（大写：人民币%s），其中本金%s" % (
            rmb_figures(plan[0].amount_total), rmb_upper(plan[0].amount_total), rmb_figures(20000)), text)
        self.assertIn("第6期：2026年9月15日前", text)
        self.assertIn("罚息：%s" % rmb_figures(202.57), text)
        self.assertIn("实现债权的费用：%s" % rmb_figures(500), text)
        self.assertIn("尚未到期各期的利息%s" % rmb_figures(self.future_interest), text)
        self.assertIn("逾期超过3日", text)
        self.assertIn("挂账款项不予免除", text)
        self.assertIn("宣布全部未还款项提前到期", text)
        for article in ("第五百四十三条", "第五百七十五条", "第一百五十八条", "第五百七十七条", "第六百九十五条"):
            self.assertIn(article, text)


class TestRestructuringInput(RestructuringCase):

    def count(self):
        return self.env["collection.settlement"].sudo().search_count([])

    def test_bad_plans_write_nothing(self):
        before = self.count()
        for vals, error, pattern in (
                ({"plan_count": 1}, UserError, "2 to 60"),
                ({"plan_count": 61}, UserError, "2 to 60"),
                ({"plan_count": False}, UserError, "2 to 60"),
                ({"plan_count": "6"}, ValidationError, "whole number"),
                ({"plan_first_due": False}, UserError, "first instalment"),
                ({"plan_first_due": "2026-03-20"}, UserError, "after today"),
                ({"plan_first_due": "2026-06-19"}, UserError, "90 days"),
                ({"plan_first_due": "明天"}, ValidationError, "not a date"),
                ({"grace_days": 31}, ValidationError, "between 0 and 30"),
                ({"grace_days": -1}, ValidationError, "between 0 and 30")):
            with self.assertRaisesRegex(error, pattern), self.cr.savepoint():
                self.plan_request(**vals)
            self.env.cache.invalidate()
        self.assertEqual(self.count(), before)
        # The longest first wait is accepted.
        self.assertEqual(self.plan_request(plan_first_due="2026-06-18").date_due, "2026-11-18")

    def test_a_draft_changed_by_its_requester_is_refigured(self):
        settlement = self.plan_request()
        with china_time("2026-03-20 10:30"):
            settlement.sudo(self.office).write({"plan_count": 12, "freeze_interest": False})
        self.assertEqual((settlement.date_due, settlement.waive_interest), ("2027-03-15", 0.0))
        with self.assertRaises(AccessError), china_time("2026-03-20 10:30"):
            settlement.sudo(self.office2).write({"plan_count": 3})

    def test_the_plan_and_its_promises_are_the_servers(self):
        settlement = self.approved()
        plan = self.plan(settlement)
        for user in (self.finance, self.manager):
            for vals in ({"penalty_free": False}, {"plan_settlement_id": False}):
                with self.assertRaises(AccessError):
                    plan[0].sudo(user).write(vals)
        self.assertTrue(plan[0].penalty_free)
        promise = self.env["collection.promise"].search([("invoice_id", "=", plan[0].id)])
        with self.assertRaises(AccessError):
            promise.sudo(self.manager).write({"invoice_id": False})

    def test_the_requester_does_not_approve(self):
        settlement = self.plan_request(user=self.manager, freeze_interest=False)
        self.act(settlement, self.manager, "action_submit")
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            self.act(settlement, self.manager, "action_approve")
        for user in (self.office, self.field, self.finance):
            with self.assertRaises(AccessError):
                self.act(settlement, user, "action_approve")
        self.assertEqual((settlement.state, settlement.plan_ids.ids), ("submitted", []))


class TestRestructuringReview(RestructuringCase):
    """What an adversarial review over XML-RPC broke, each refused or fixed."""

    def test_context_defaults_set_no_installment_field_of_the_server(self):
        settlement = self.approved()
        forged = {"default_plan_settlement_id": settlement.id, "default_penalty_free": True,
                  "default_penalty_interest": 999.0, "default_collection_case_id": self.case().id}
        invoice = self.env["account.invoice"].sudo(self.finance).with_context(**forged).create({
            "partner_id": self.borrower.id, "date_due": "2026-04-01", "invoice_line_ids": [(0, 0, {
                "name": "伪造的分期", "quantity": 1, "price_unit": 1.0,
                "account_id": self.product.interest_account_id.id})]})
        self.assertEqual((invoice.plan_settlement_id, invoice.penalty_free, invoice.penalty_interest,
                          invoice.collection_case_id), (self.env["collection.settlement"], False, 0.0,
                                                        self.env["collection.case"]))
        # Nor does anyone move a validated installment's due date (it would postpone a breach).
        plan = self.plan(settlement)
        with self.assertRaisesRegex(AccessError, "due date"):
            plan[0].sudo(self.finance).write({"date_due": "2030-01-01"})
        self.assertEqual(plan[0].date_due, "2026-04-15")

    def test_money_received_before_the_approval_pays_the_plan_not_what_it_holds(self):
        settlement = self.approved()
        with china_time("2026-03-21 10:00"):
            recovery = self.recover(50, "2026-03-19")
        self.assertEqual((recovery.settlement_id, recovery.amount_penalty, recovery.amount_costs),
                         (settlement, 0.0, 0.0))

    def test_instalments_closed_by_credit_notes_end_the_plan_without_a_waiver(self):
        settlement = self.approved()
        plan = self.plan(settlement)
        for invoice in plan:  # accounting cancels the plan's instalments
            invoice.sudo()._credit_unpaid(*invoice._unpaid_parts(), self.product.principal_account_id,
                                          self.product.interest_account_id, "作废", "2026-04-01", {})
        run = self.run_on("2026-04-02")
        self.assertEqual((run.plans_fulfilled, run.plans_broken), (0, 1))
        self.assertEqual((settlement.state, settlement.booked_penalty, settlement.booked_costs), ("broken", 0.0, 0.0))
        self.assertMoney(self.first.penalty_interest + self.second.penalty_interest, 202.57)
        self.assertEqual(self.case().costs_outstanding, 500.0)

    def test_a_case_with_the_legal_team_stays_there(self):
        self.case().sudo(self.manager).action_transfer_to_legal()
        self.approved()
        self.assertEqual(self.case().stage, "legal")

    def test_the_credit_notes_do_not_keep_an_older_promise(self):
        promise = self.env["collection.promise"].create({
            "case_id": self.case().id, "amount": 5000, "date_made": "2026-03-20", "date_promised": "2026-03-25",
            "user_id": self.office.id})
        self.approved()
        self.run_on("2026-03-26")
        self.assertEqual((promise.state, promise.amount_paid), ("broken", 0.0))
        # The plan's own promises cannot be deleted by hand.
        plan_promise = self.env["collection.promise"].search([("invoice_id", "!=", False)], limit=1)
        with self.assertRaisesRegex(UserError, "plan"):
            plan_promise.sudo(self.manager).unlink()

    def test_files_reach_no_sealed_restructuring_nor_another_requesters_draft(self):
        settlement = self.plan_request()
        draft_file = self.env["ir.attachment"].sudo(self.office2).create({
            "name": "x.txt", "datas": "eA==", "res_model": "collection.settlement", "res_id": 0})
        with self.assertRaises(AccessError):
            draft_file.write({"res_id": settlement.id})
        self.act(settlement, self.office, "action_submit")
        own = self.env["ir.attachment"].sudo(self.office).create({"name": "y.txt", "datas": "eQ=="})
        with self.assertRaisesRegex(UserError, "submitted"):
            self.env["mail.message"].sudo(self.office).create({
                "model": "collection.settlement", "res_id": settlement.id, "message_type": "comment",
                "body": "补充材料", "attachment_ids": [(6, 0, own.ids)]})

    def test_bad_terms_over_rpc(self):
        before = self.env["collection.settlement"].sudo().search_count([])
        for context, vals, pattern in (
                ({"default_kind": "restructuring"}, {"kind": False, "plan_count": 500}, "2 to 60"),
                ({}, {"plan_first_due": "2026-04-15xyz"}, "not a date"),
                ({}, {"grace_days": None}, "days of grace"),
                ({}, {"freeze_interest": "no"}, "yes or no")):
            with self.assertRaisesRegex((UserError, ValidationError), pattern), self.cr.savepoint():
                with china_time("2026-03-20 10:00"):
                    values = {"case_id": self.case().id, "kind": "restructuring", "plan_count": 6,
                              "plan_first_due": "2026-04-15", "hardship_reason": "cash_flow", "reason": "测试"}
                    values.update(vals)
                    if not values["kind"]:
                        del values["kind"]
                    self.env["collection.settlement"].sudo(self.office).with_context(**context).create(values)
            self.env.cache.invalidate()
        self.assertEqual(self.env["collection.settlement"].sudo().search_count([]), before)

    def test_no_run_for_a_day_to_come_over_http_even_as_administrator(self):
        from odoo.http import _request_stack
        _request_stack.push(object())
        try:
            with self.assertRaisesRegex(UserError, "earlier day"), china_time("2026-03-20 10:00"):
                self.env["collection.run"].run("2026-03-31")
            with self.assertRaisesRegex(UserError, "not a date"):
                self.env["collection.run"].run(" 2026-03-08")
        finally:
            _request_stack.pop()

    def test_refusals_in_the_users_language(self):
        self.manager.lang = "zh_CN"
        settlement = self.approved()
        promise = self.env["collection.promise"].search([("invoice_id", "in", settlement.plan_ids.ids)], limit=1)
        with self.assertRaises(AccessError) as caught:
            promise.with_env(self.env(context={})).sudo(self.manager).write({"amount": 1.0})
        self.assertIn("您不能修改", caught.exception.name)
        self.assertIn("金额", caught.exception.name)  # the field's label too
        self.finance.lang = "zh_CN"
        with self.assertRaises(AccessError) as caught:
            settlement.plan_ids[0].with_env(self.env(context={})).sudo(self.finance).write({"penalty_free": False})
        self.assertIn("不计罚息", caught.exception.name)


class TestRestructuringSecondReview(RestructuringCase):
    """What the second adversarial review broke."""

    def test_only_the_money_registered_under_the_plan_fulfils_it(self):
        settlement = self.approved()
        plan = self.plan(settlement)
        for invoice in plan[:-1]:
            with china_time("%s 10:00" % invoice.date_due):
                self.recover(invoice.amount_total, invoice.date_due)
        # Accounting closes the last instalment with a credit note not linked to it.
        refund = plan[-1].sudo()._credit_unpaid(*plan[-1]._unpaid_parts(), self.product.principal_account_id,
                                                self.product.interest_account_id, "冲销", "2026-09-01", {})
        refund.write({"refund_invoice_id": False})
        self.assertEqual(plan[-1].state, "paid")
        run = self.run_on("2026-09-02")
        self.assertEqual((run.plans_fulfilled, settlement.state, settlement.booked_penalty), (0, "broken", 0.0))
        self.assertMoney(self.first.penalty_interest + self.second.penalty_interest, 202.57)

    def test_no_run_for_a_day_before_the_last(self):
        # (the demo's runs are of the day the database was installed: the latest run is one of them)
        latest = max(self.env["collection.run"].search([]).mapped("date"))
        earlier = fields.Date.to_string(fields.Date.from_string(latest) - datetime.timedelta(days=1))
        with self.assertRaisesRegex(UserError, "later day"), china_time("%s 10:00" % latest):
            self.env["collection.run"].sudo(self.manager).run(earlier)

    def test_no_following_a_record_one_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env["mail.followers"].sudo(self.office2).create({
                "res_model": "collection.case", "res_id": self.case().id,
                "partner_id": self.office2.partner_id.id})
        settlement = self.plan_request()
        self.act(settlement, self.office, "action_submit")
        message = self.env["mail.message"].sudo(self.office).create({
            "model": "collection.settlement", "res_id": settlement.id, "message_type": "comment", "body": "补充说明"})
        own = self.env["ir.attachment"].sudo(self.office).create({"name": "z.txt", "datas": "eg=="})
        with self.assertRaisesRegex(UserError, "submitted"):
            message.sudo(self.office).write({"attachment_ids": [(4, own.id)]})

    def test_frozen_interest_of_an_accelerated_loan(self):
        with china_time("2026-03-20 09:00"):
            self.contract.sudo(self.manager).action_record_acceleration("accelerated", "2026-03-18", "第十二条")
        settlement = self.plan_request()
        self.assertMoney(settlement.waive_interest, self.future_interest)

    def test_an_installments_state_follows_what_was_paid(self):
        settlement = self.approved()
        plan = self.plan(settlement)
        for state in ("cancel", "draft", "paid"):
            with self.assertRaisesRegex(AccessError, "schedule"):
                plan[0].sudo(self.finance).write({"state": state})
        self.assertEqual(plan[0].state, "open")
        with china_time("2026-04-15 10:00"):
            self.recover(plan[0].amount_total, "2026-04-15")
        self.assertEqual(plan[0].state, "paid")
        with self.assertRaisesRegex(AccessError, "schedule"):
            plan[0].sudo(self.finance).write({"state": "open"})

    def test_no_installment_of_a_contract_made_by_hand(self):
        vals = {"partner_id": self.borrower.id, "date_due": "2026-03-01", "invoice_line_ids": [(0, 0, {
            "name": "伪造的分期", "quantity": 1, "price_unit": 1000.0, "account_id": self.product.interest_account_id.id})]}
        with self.assertRaisesRegex(AccessError, "kept by the product"):
            self.env["account.invoice"].sudo(self.finance).create(dict(vals, loan_contract_id=self.contract.id,
                                                                       installment_number=99))
        invoice = self.env["account.invoice"].sudo(self.finance).with_context(
            default_loan_contract_id=self.contract.id, default_installment_number=99).create(vals)
        self.assertEqual((invoice.loan_contract_id, invoice.installment_number), (self.env["loan.contract"], 0))
