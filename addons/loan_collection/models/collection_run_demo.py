# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo history of the daily run (demo/loan_contract_demo.xml)."""
from datetime import timedelta

from odoo import api, fields, models

from .res_company import business_today


class CollectionRunDemo(models.Model):
    """Demo collection history, built with the daily run."""
    _inherit = "collection.run"

    @api.model
    def _load_demo_scenario(self):
        """Collection history for the demo contracts (demo/loan_contract_demo.xml): two days of
        daily runs with contacts, promises (one kept later, one broken), a notice served, a case
        settled, one settled after a long delay (blacklisted) and one transferred to legal."""
        # Notes and reasons in the language of the users (the install itself runs in English).
        self = self.with_context(lang=self.env.ref("base.user_root").lang or "zh_CN")
        # Odoo loads an addon's translations after its demo data: load them first, or what the
        # scenario composes and stores (notice file names, installment names, activity summaries)
        # stays in English for Chinese users.
        self.env["ir.module.module"].search([("name", "=", "loan_collection")])._update_translations()
        ref = self.env.ref
        today = fields.Date.from_string(business_today(self))
        day = lambda n: fields.Date.to_string(today - timedelta(days=n))
        at_ten = lambda n: "%s 02:00:00" % day(n)  # 10:00 China time
        contracts = {x: ref("loan_collection.loan_contract_%s_demo" % x) for x in
                     ("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8")}
        for contract in contracts.values():
            contract.action_activate()
        Case, Log = self.env["collection.case"], self.env["collection.contact.log"].with_context(tz="Asia/Shanghai")
        office = ref("loan_collection.user_office_collector_demo")
        office2 = ref("loan_collection.user_office_collector2_demo")
        field = ref("loan_collection.user_field_collector_demo")
        manager = ref("loan_collection.user_collection_manager_demo")
        point = lambda xmlid: ref("loan_collection.contact_point_%s_demo" % xmlid).id
        Case.run_daily(day(2))
        case = lambda x: contracts[x].case_ids.filtered("is_open")[:1] or contracts[x].case_ids[:1]
        Log.sudo(office2).create({
            "case_id": case("c4").id, "date": at_ten(2), "channel": "phone", "party": "debtor",
            "contact_point_id": point("zhang_zhiqiang_mobile"), "connected": True, "outcome": "promise",
            "promise_amount": 20000, "promise_date": day(2), "note": "称物流款未到账，承诺今日先还两万元"})
        Case.run_daily(day(1))
        bank = self.env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
                                                  limit=1)
        for key in ("c7", "c8"):
            for invoice in contracts[key].invoice_ids.filtered(lambda i: i.state == "open" and i.date_due < day(0)):
                invoice.pay_and_reconcile(bank, date=day(1))
        Log.sudo(office).create({
            "case_id": case("c1").id, "date": at_ten(1), "channel": "phone", "party": "debtor",
            "contact_point_id": point("wang_jianguo_mobile"), "connected": False, "outcome": "no_answer"})
        Log.sudo(office2).create({
            "case_id": case("c2").id, "date": at_ten(1), "channel": "phone", "party": "debtor",
            "contact_point_id": point("li_xiuying_mobile"), "connected": True, "outcome": "promise",
            "promise_amount": contracts["c2"].invoice_ids.sorted("installment_number")[0].amount_total,
            "promise_date": fields.Date.to_string(today + timedelta(days=3)),
            "note": "店铺装修超支，承诺三日内还清本期"})
        # 张志强 broke his promise and his mobile now answers as a wrong number: today's run gives 陈静 a
        # find-contact task (失联修复) instead of his call, with his wife's number to ask how to reach him.
        Log.sudo(office2).create({
            "case_id": case("c4").id, "date": at_ten(1), "channel": "phone", "party": "debtor",
            "contact_point_id": point("zhang_zhiqiang_mobile"), "outcome": "wrong_number",
            "note": "接听者称不认识借款人，号码已易主"})
        Log.sudo(field).create({
            "case_id": case("c3").id, "date": at_ten(1), "channel": "visit", "party": "debtor",
            "staff_ids": [(6, 0, [field.id, office.id])], "outcome": "rpc",
            "note": "上门查看，公司正常经营，下游工程款拖欠约120万元；已告知征信后果"})
        case("c3").write({"overdue_reason": "cash_flow", "risk_level": "low",
                          "overdue_reason_detail": "下游工程款未回笼"})
        case("c5").write({"overdue_reason": "malicious", "risk_level": "high",
                          "overdue_reason_detail": "借款人失联，疑似转移资产"})
        notice = self.env["collection.notice"].sudo(field).create({
            "case_id": case("c3").id, "kind": "overdue_notice", "partner_id": case("c3").partner_id.id})
        notice.sudo().write({"date_generated": day(1)})  # demo history: generated yesterday (users cannot)
        notice.action_record_service(day(1), "in_person")
        case("c5").sudo(manager).action_transfer_to_legal()
        return Case.run_daily(day(0))
