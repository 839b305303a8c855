# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import notice_docx


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
    date_generated = fields.Date(readonly=True, default=fields.Date.context_today)
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
        self.ensure_one()
        case, contract = self.case_id, self.case_id.contract_id
        company = case.company_id
        return {
            "kind": self.kind,
            "number": self.name,
            "product_type": contract.product_type,
            "company": company.name,
            "company_address": company.partner_id.contact_address.replace("\n", " ").strip(),
            "company_phone": company.phone or "",
            "addressee": self.partner_id.name,
            "debtor": case.partner_id.name,
            "contract": contract.name,
            "date_signed": contract.date_signed or contract.date_disbursed,
            "principal": contract.principal,
            "date_disbursed": contract.date_disbursed,
            "date_maturity": contract.date_maturity,
            "overdue_principal": case.overdue_principal,
            "overdue_interest": case.overdue_interest,
            "penalty_interest": case.penalty_interest,
            "fees": case.fees_amount,
            "total": case.total_due,
            "days_overdue": case.days_overdue,
            "pay_within_days": self.pay_within_days,
            "date": self.date_generated,
        }

    @api.multi
    def _generate_document(self):
        for notice in self:
            notice.amount_demanded = notice.case_id.total_due
            content = notice_docx.build_notice(notice._document_data())
            kinds = dict(notice._fields["kind"]._description_selection(self.env))
            attachment = self.env["ir.attachment"].create({
                "name": "%s-%s.docx" % (kinds[notice.kind], notice.name),
                "datas_fname": "%s-%s.docx" % (kinds[notice.kind], notice.name),
                "datas": base64.b64encode(content),
                "res_model": "collection.case",
                "res_id": notice.case_id.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            })
            notice.attachment_id = attachment

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
            if date_served > fields.Date.context_today(self):
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
