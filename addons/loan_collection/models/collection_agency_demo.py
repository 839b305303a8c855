# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's agency placements (demo/collection_agency_demo.xml), loaded once at installation."""
from odoo import api, models

from .res_company import business_today


class CollectionPlacementBatchDemo(models.Model):
    _inherit = "collection.placement.batch"

    @api.model
    def _load_agency_demo(self):
        """邓建华 (c11, ~50 days overdue) and 卢晓梅 (c12, ~66 days) placed with 杭州诚信 (rates by days
        overdue) by the manager 张伟, and 邓建华 has paid 3,000 since — commission earned at 15%;
        蒋伟 (c13, ~40 days) placed with 宁波远达 (tiered), then recalled by the manager."""
        ref = self.env.ref
        manager = ref("loan_collection.user_collection_manager_demo")
        finance = ref("loan_collection.user_finance_demo")
        Batch = self.sudo(manager).with_context(lang="zh_CN")
        for key in ("c11", "c12", "c13"):
            ref("loan_collection.loan_contract_%s_demo" % key).action_activate()
        today = business_today(self)
        self.env["collection.case"].run_daily(today)

        def case(key):
            return ref("loan_collection.loan_contract_%s_demo" % key).case_ids.filtered("is_open")[:1]

        c11, c12, c13 = case("c11"), case("c12"), case("c13")
        if c11 and c12:
            batch = Batch.create({"contract_id": ref("loan_collection.agency_contract_chengxin_demo").id,
                                  "case_ids": [(6, 0, (c11 | c12).ids)],
                                  "note": "M2–M3 个人信用贷款首批委外"})
            batch.action_place()
            journal = self.env["account.journal"].search([("type", "=", "bank")], limit=1)
            self.env["collection.recovery"].sudo(finance)._register_recovery(
                c11.sudo(finance), "debtor", c11.partner_id, 3000.0, today, journal,
                note="委外机构催收后债务人转账还款")
        if c13:
            batch = Batch.create({"contract_id": ref("loan_collection.agency_contract_yuanda_demo").id,
                                  "case_ids": [(6, 0, c13.ids)]})
            batch.action_place()
            batch.placement_ids.sudo(manager).action_recall()
