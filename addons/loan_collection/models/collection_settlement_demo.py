# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo settlements (demo/collection_settlement_demo.xml)."""
from datetime import timedelta
from decimal import ROUND_DOWN

from odoo import api, fields, models

from ..services.money import fen
from .res_company import business_today


class CollectionSettlementDemo(models.Model):
    _inherit = "collection.settlement"

    @api.model
    def _load_settlement_demo(self):
        """On the demo cases, each requested by the case's office collector: c3 (周海涛's guarantee
        paid part) waives its penalty interest, approved by the manager, waiting for the money; c1 (王建国)
        settles for a lump sum below the principal, approved by the head of risk (principal is
        waived), its agreement generated, waiting for the money; c4 (张志强) asks to waive penalty interest and part of the
        interest, waiting for the manager; c10 (何丽华, two installments overdue) is restructured into six
        monthly instalments with the interest frozen (停息挂账), approved by the manager, its agreement
        generated, the plan running."""
        ref = self.env.ref
        Settlement = self.with_context(lang=ref("base.user_root").lang or "zh_CN")
        Recovery = self.env["collection.recovery"]
        manager = ref("loan_collection.user_collection_manager_demo")
        senior = ref("loan_collection.user_settlement_approver_demo")
        today = business_today(self)
        pay_by = fields.Date.to_string(fields.Date.from_string(today) + timedelta(days=15))

        def case(key):
            cases = ref("loan_collection.loan_contract_%s_demo" % key).case_ids
            return cases.filtered(lambda c: c.stage in ("new", "contacting", "notice", "promised"))[:1]

        def request(case, vals):
            requester = case.office_user_id or manager
            return Settlement.sudo(requester).create(dict(vals, case_id=case.id, date_due=pay_by))

        c3, c1, c4 = case("c3"), case("c1"), case("c4")
        ref("loan_collection.loan_contract_c10_demo").action_activate()
        self.env["collection.case"].run_daily(today)
        c10 = case("c10")
        if c3:
            owed = Recovery._dues(c3, today)["dues"]
            if owed["penalty"]:
                settlement = request(c3, {
                    "kind": "waiver", "waive_penalty": float(owed["penalty"]), "hardship_reason": "cash_flow",
                    "reason": "下游工程款未回笼，保证人已代偿部分利息；借款人同意一次性归还逾期本息，申请减免全部罚息。"
                              "附：应收账款对账单、工程结算单。"})
                settlement.sudo(settlement.requested_by_id).action_submit()
                settlement.sudo(manager).action_approve()
        if c1:
            owed = Recovery._dues(c1, today)["dues"]
            lump = (owed["principal"] * fen("0.85")).quantize(fen("100"), rounding=ROUND_DOWN)
            if lump > 0:
                settlement = request(c1, {
                    "kind": "lump_sum", "lump_sum": float(lump), "hardship_reason": "market",
                    "reason": "建材价格下跌，门店停业整顿；借款人筹得资金一次性结清逾期部分，申请减免罚息、利息及部分本金。"
                              "附：停业通知、近三月银行流水。"})
                settlement.sudo(settlement.requested_by_id).action_submit()
                settlement.sudo(senior).action_approve()
                settlement.sudo(settlement.requested_by_id).action_generate_agreement()
        if c4:
            owed = Recovery._dues(c4, today)["dues"]
            interest = min((owed["interest"] / 2).quantize(fen("1"), rounding=ROUND_DOWN),
                           fen(3000) - min(owed["penalty"], fen(3000)))
            penalty, interest = min(owed["penalty"], fen(3000)), max(interest, fen(0))
            if penalty or interest:
                settlement = request(c4, {
                    "kind": "waiver", "waive_penalty": float(penalty), "waive_interest": float(interest),
                    "hardship_reason": "cash_flow",
                    "reason": "物流货款延迟到账，借款人已还两万元；申请减免罚息及一半利息，剩余款项十五日内还清。"
                              "附：物流公司付款计划。"})
                settlement.sudo(settlement.requested_by_id).action_submit()
        if c10:
            first = fields.Date.to_string(fields.Date.from_string(today) + timedelta(days=20))
            plan = request(c10, {
                "kind": "restructuring", "plan_count": 6, "plan_first_due": first, "freeze_interest": True,
                "revoke_on_break": True, "grace_days": 3, "hardship_reason": "cash_flow",
                "reason": "小吃店所在街道施工封路三个月，营业额下降七成，借款人无力按原计划还款；申请将剩余本金及已到期利息"
                          "分六期偿还，停息挂账，按期还清后免除罚息。附：街道施工公告、近三月营业流水。"})
            plan.sudo(plan.requested_by_id).action_submit()
            senior_tier = plan.tier_id == ref("loan_collection.settlement_tier_senior")
            plan.sudo(senior if senior_tier else manager).action_approve()
            plan.sudo(plan.requested_by_id).action_generate_agreement()
        self.env["collection.case"].run_daily(today)
        return True
