# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import docx_render
from .res_company import business_today

# 担保贷款（委托贷款）逾期催收通知书: the wording of the practice for guaranteed and entrusted loans.
TITLES = {
    "guaranteed": "担保贷款逾期催收通知书",
    "entrusted": "委托贷款逾期催收通知书",
    None: "贷款逾期催收通知书",
}
# The article of 民法典 under which each kind of guarantor answers for the debt.
GUARANTEE_ARTICLES = {
    "general": "第六百八十七条",   # 一般保证 (with the benefit of discussion)
    "joint": "第六百八十八条",     # 连带责任保证
    "mortgage": "第三百九十四条",  # 抵押
    "pledge": "第四百二十五条",    # 质押
    "counter": "第三百八十七条",   # 反担保
}
# The data each kind of notice gives its template (CollectionNotice._document_data builds it; a
# template may use only these paths: docx_render.check_template).
_MONEY = docx_render.MONEY
_NOTICE_SCHEMA = {
    "title": None, "number": None, "date": None,
    "company": {"name": None, "address": None, "phone": None},
    "addressee": {"name": None},
    "debtor": {"name": None},
    "contract": {"number": None, "date_signed": None, "principal": _MONEY, "date_disbursed": None,
                 "date_maturity": None},
    "days_overdue": None,
    "amounts": [dict(_MONEY, label=None)],
    "total": _MONEY,
    "pay_within_days": None,
    "guaranteed": None,
}
NOTICE_SCHEMAS = {
    "overdue_notice": _NOTICE_SCHEMA,
    "guarantor_demand": dict(_NOTICE_SCHEMA, guarantee={"role": None, "kind": None, "contract_number": None,
                                                        "article": None}),
}


class CollectionNotice(models.Model):
    """A written demand: the overdue collection notice to the debtor (《逾期催收通知书》) or a
    demand letter to a guarantor, generated as a .docx, with its service.

    A demand proven delivered interrupts the limitation period (民法典 第195条; 诉讼时效规定
    第八条: delivered and signed for, or otherwise provably reached the debtor), so the date and
    proof of service are recorded and the latest date is kept on the case.
    """
    _name = "collection.notice"
    _description = "Collection Notice"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    case_id = fields.Many2one("collection.case", string="Case", required=True, index=True, ondelete="cascade")
    kind = fields.Selection([("overdue_notice", "Overdue Collection Notice"),
                             ("guarantor_demand", "Demand to Guarantor")],
                            required=True, default="overdue_notice")
    partner_id = fields.Many2one("res.partner", string="Addressee", required=True)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    amount_demanded = fields.Monetary(readonly=True)
    pay_within_days = fields.Integer(default=7, help="Days given to pay from service.")
    date_generated = fields.Date(readonly=True, default=business_today)
    attachment_id = fields.Many2one("ir.attachment", string="Document", readonly=True)
    state = fields.Selection([("draft", "Generated"), ("served", "Served")], default="draft",
                             required=True, readonly=True, track_visibility="onchange")
    date_served = fields.Date(readonly=True, track_visibility="onchange")
    service_method = fields.Selection(
        [("in_person", "In Person"), ("post", "Post / EMS"), ("electronic", "Electronic")], readonly=True)
    tracking_number = fields.Char(readonly=True, help="EMS number or electronic delivery reference.")
    receipt_ids = fields.Many2many("ir.attachment", "collection_notice_receipt_rel", "notice_id", "attachment_id",
                                   string="Proof of Service", readonly=True)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("collection.notice") or "/"
        notice = super(CollectionNotice, self).create(vals)
        notice._generate_document()
        return notice

    @api.multi
    def _document_data(self):
        """The data of the notice's template (NOTICE_SCHEMAS declares it)."""
        self.ensure_one()
        # Chinese documents whatever the language of the user generating them.
        self = self.with_context(lang="zh_CN")
        case, contract = self.case_id, self.case_id.contract_id
        company = case.company_id
        money, cn_date = docx_render.money, docx_render.cn_date
        # Document content, like the template's own text: Chinese whatever the user's language.
        lines = [("逾期本金", case.overdue_principal), ("逾期利息", case.overdue_interest),
                 ("罚息", case.penalty_interest), ("实现债权的费用", case.fees_amount)]
        data = {
            "title": TITLES.get(contract.product_type, TITLES[None]) if self.kind == "overdue_notice" else "",
            "number": self.name,
            "date": cn_date(self.date_generated),
            "company": {"name": company.name,
                        "address": " ".join(filter(None, [company.state_id.name, company.city, company.street,
                                                          company.street2])),
                        "phone": company.phone or None},
            "addressee": {"name": self.partner_id.name},  # Odoo's False for an empty field -> None: unfilled
            "debtor": {"name": case.partner_id.name},
            "contract": {"number": contract.name, "date_signed": cn_date(contract.date_signed or contract.date_disbursed),
                         "principal": money(contract.principal), "date_disbursed": cn_date(contract.date_disbursed),
                         "date_maturity": cn_date(contract.date_maturity)},
            "days_overdue": case.days_overdue,
            "amounts": [dict(money(amount), label=label) for label, amount in lines if amount],
            "total": money(case.total_due),
            "pay_within_days": self.pay_within_days,
            "guaranteed": contract.product_type in ("guaranteed", "entrusted") or None,
        }
        if self.kind == "guarantor_demand":
            guarantee = contract.guarantee_ids.filtered(lambda g: g.partner_id == self.partner_id)[:1]
            if not guarantee:
                raise UserError(_("%s is not a guarantor of contract %s.") % (self.partner_id.name, contract.name))
            data["guarantee"] = {
                "role": dict(guarantee._fields["role"]._description_selection(self.env))[guarantee.role],
                "kind": dict(guarantee._fields["guarantee_type"]._description_selection(self.env))[
                    guarantee.guarantee_type],
                "contract_number": guarantee.contract_number or contract.name,
                "article": GUARANTEE_ARTICLES[guarantee.guarantee_type],
            }
        return data

    @api.multi
    def _generate_document(self):
        """A new version of the notice's document, from the current amounts of the case."""
        for notice in self:
            notice.amount_demanded = notice.case_id.total_due
            kinds = dict(notice._fields["kind"]._description_selection(self.env))
            document = self.env["loan.document"].generate(
                notice.case_id, notice.kind, notice._document_data(), "%s-%s" % (kinds[notice.kind], notice.name))
            notice.attachment_id = document.attachment_id
        return True

    @api.multi
    def action_record_service(self, date_served, method, receipts=None, tracking_number=None):
        """Record that the notice reached its addressee: the case keeps the latest demand date."""
        for notice in self:
            if notice.state == "served":
                raise UserError(_("Notice %s is already recorded as served on %s.") % (notice.name, notice.date_served))
            if not date_served or not method:
                raise ValidationError(_("Give the date and the method of service."))
            if date_served < notice.date_generated:
                raise ValidationError(_("Notice %s cannot have been served (%s) before it was generated (%s).")
                                      % (notice.name, date_served, notice.date_generated))
            if date_served > business_today(self):
                raise ValidationError(_("The date of service (%s) is in the future.") % date_served)
            notice.write({"state": "served", "date_served": date_served, "service_method": method,
                          "tracking_number": tracking_number,
                          "receipt_ids": [(6, 0, list(receipts or []))]})
            case = notice.case_id.sudo()
            values = {"last_demand_date": max(filter(None, [case.last_demand_date, date_served]))}
            if notice.kind == "overdue_notice" and case.stage in ("new", "contacting"):
                values["stage"] = "notice"
            case.write(values)
            tasks = case.task_ids.filtered(lambda t: t.state == "todo" and t.action in ("notice", "guarantor")
                                           and (t.action == "notice") == (notice.kind == "overdue_notice"))
            tasks.action_done()
            case._loan_note(_("%s %s served on %s.") % (
                dict(notice._fields["kind"]._description_selection(self.env))[notice.kind], notice.name,
                date_served))
        return True

    @api.multi
    def action_regenerate(self):
        """A new version of the document from today's amounts; the earlier versions are kept."""
        for notice in self:
            if notice.state == "served":
                raise UserError(_("Notice %s was served: generate a new notice instead of changing it.") % notice.name)
        self._generate_document()
        return True

    @api.multi
    def _open_action(self):
        action = self.env.ref("loan_collection.collection_notice_action").read()[0]
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    @api.multi
    def action_open_service_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "collection.notice.service",
            "view_mode": "form",
            "target": "new",
            "context": {"default_notice_id": self.id},
        }
