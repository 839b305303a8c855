# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import docx_render, guarantee as guarantee_rules
from ..services.address import cn_address
from ..services.money import fen
from .base_input_guard import user_defaults_only
from .res_company import business_today

# 担保贷款（委托贷款）逾期催收通知书: the wording of the practice for guaranteed and entrusted loans.
TITLES = {
    "guaranteed": "担保贷款逾期催收通知书",
    "entrusted": "委托贷款逾期催收通知书",
    None: "贷款逾期催收通知书",
}
# The article of 民法典 under which each kind of guarantor answers for the debt.
GUARANTEE_ARTICLES = {
    "general": "第六百八十七条",                 # 一般保证 (先诉抗辩权)
    "joint": "第六百八十八条",                   # 连带责任保证
    "mortgage": "第三百九十四条、第四百一十条",  # 抵押权; 实现抵押权
    "pledge": "第四百二十五条、第四百三十六条",  # 质权; 实现质权
    "counter": "第三百八十七条",                 # 反担保
}
# What the demand asks of each kind of guarantor (services/guarantee.py liability): a joint
# guarantor pays within the period; a general guarantor pays only what enforcement against the
# borrower leaves unpaid (先诉抗辩权, 民法典 第687条), so he is told of it, not asked to pay now; a
# mortgagor or pledgor answers with the collateral only (民法典 第410条、第436条).
DEMAND_REQUESTS = {
    "joint": "请贵方在收到本函之日起%(days)s日内代借款人清偿上述欠款。逾期未清偿的，我司将依法向人民法院起诉，追究贵方的担保责任。",
    "supplementary": "贵方为一般保证人，依法对借款人的财产依法强制执行后仍不能履行的部分承担保证责任。我司特此告知：我司将依法"
                     "向人民法院起诉借款人并申请强制执行，执行后仍不能清偿的部分，请贵方依约承担补充清偿责任。",
    "collateral": "借款人不履行到期债务，我司有权就贵方提供的担保物（%(collateral)s）折价或者以拍卖、变卖所得价款在担保范围内"
                  "优先受偿。请贵方在收到本函之日起%(days)s日内督促借款人清偿上述欠款，或与我司协商以担保物清偿；逾期未清偿的，"
                  "我司将依法实现担保物权。",
}
MANAGER_GROUP = "loan_collection.group_collection_manager"
# What a user gives when generating a notice; everything else is set by the server.
USER_CREATE_FIELDS = {"case_id", "kind", "partner_id", "pay_within_days"}
# The service of a notice: recorded only by action_record_service.
SERVICE_FIELDS = {"state", "date_served", "service_method", "tracking_number", "receipt_ids"}
# Mail bookkeeping (followers), which mail.thread writes on any record; not part of the evidence.
MAIL_FIELDS = {"message_follower_ids", "message_last_post"}
SERVICE_METHODS = [("in_person", "In Person"), ("post", "Post / EMS"), ("electronic", "Electronic")]
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
    "repayment": {"bank": None, "account_name": None, "account_number": None},
}
NOTICE_SCHEMAS = {
    "overdue_notice": _NOTICE_SCHEMA,
    "guarantor_demand": dict(_NOTICE_SCHEMA, guarantee={"role": None, "kind": None, "contract_number": None,
                                                        "article": None, "request": None}),
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
    case_id = fields.Many2one("collection.case", string="Case", required=True, readonly=True, index=True,
                              ondelete="cascade")
    kind = fields.Selection([("overdue_notice", "Overdue Collection Notice"),
                             ("guarantor_demand", "Demand to Guarantor")],
                            required=True, readonly=True, default="overdue_notice")
    partner_id = fields.Many2one("res.partner", string="Addressee", required=True, readonly=True,
                                 help="The debtor (overdue notice) or a guarantor (demand to guarantor) of the case.")
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    amount_demanded = fields.Monetary(readonly=True)
    pay_within_days = fields.Integer(default=7, readonly=True, help="Days given to pay from service.")
    date_generated = fields.Date(readonly=True, default=business_today)
    attachment_id = fields.Many2one("ir.attachment", string="Document", readonly=True)
    state = fields.Selection([("draft", "Generated"), ("served", "Served")], default="draft",
                             required=True, readonly=True, track_visibility="onchange")
    date_served = fields.Date(readonly=True, track_visibility="onchange")
    service_method = fields.Selection(SERVICE_METHODS, readonly=True)
    tracking_number = fields.Char(readonly=True, help="EMS number or electronic delivery reference.")
    receipt_ids = fields.Many2many("ir.attachment", "collection_notice_receipt_rel", "notice_id", "attachment_id",
                                   string="Proof of Service", readonly=True)

    @api.model
    def _check_addressee_of(self, case, kind, partner):
        """A notice goes to a party of the case only: the overdue notice to the debtor, a demand to
        one of the contract's guarantors. Telling anyone else about the debt discloses the debtor's
        personal information to a third party (个人信息保护法 第十条: no one may illegally provide or
        disclose another's personal information; 银行业协会《金融机构个人消费类贷款催收工作指引（试行）》:
        never disclose the debt to a third party)."""
        case = case.sudo()
        debtor = case.partner_id
        # Only who answers to the company: a counter-guarantor answers to the guarantor, and a
        # borrower's own mortgage makes him no guarantor (loan.guarantee).
        guarantors = case.contract_id.guarantee_ids._answers_to_company()._third_party().mapped("partner_id")
        if kind == "guarantor_demand":
            if partner not in guarantors:
                raise ValidationError(_(
                    "%s is not a guarantor of case %s: a demand to guarantor can only be addressed to one "
                    "of its guarantors (%s). Never tell a third party about the debt.") % (
                    partner.display_name, case.name, "、".join(guarantors.mapped("display_name")) or _("none")))
        elif partner != debtor:
            raise ValidationError(_(
                "%s is not the debtor of case %s: the overdue collection notice can only be addressed to "
                "the debtor (%s). Never tell a third party about the debt.") % (
                partner.display_name, case.name, debtor.display_name))

    @api.model
    def _check_something_due(self, case):
        """A demand asks for what is overdue: none for a case that is settled or not overdue (it
        would tell the debtor "已逾期0天" and demand penalty interest he does not owe)."""
        case = case.sudo()
        if case.days_overdue <= 0 or not any(amount for _label, amount in self._amount_lines(case)):
            raise UserError(_(
                "Case %s has nothing overdue (settled, or no installment past its due date): no overdue notice "
                "or demand can be generated. Check the case's installments and recoveries.") % case.name)

    @api.model
    def _amount_lines(self, case):
        """(label, amount) of what the case owes now, as a demand lists it: the costs are those still
        owed (the fees less what recoveries paid and what was written off)."""
        # Document content, like the template's own text: Chinese whatever the user's language.
        return [("逾期本金", fen(case.overdue_principal)), ("逾期利息", fen(case.overdue_interest)),
                ("罚息", fen(case.penalty_interest)), ("实现债权的费用", case._recovery_costs_due())]

    @api.constrains("partner_id", "case_id", "kind")
    def _check_addressee(self):
        for notice in self:
            self._check_addressee_of(notice.case_id, notice.kind, notice.partner_id)

    @api.constrains("pay_within_days")
    def _check_pay_within_days(self):
        if any(notice.pay_within_days < 1 for notice in self):
            raise ValidationError(_("Give at least one day to pay from service."))

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def create(self, vals):
        """Generate a notice. The user chooses the case, the kind, the addressee and the days to pay;
        the number, the date, the amount and the document are the server's (content fixed once
        generated), and the service is recorded by action_record_service only."""
        protected = set(vals) - USER_CREATE_FIELDS
        if vals.get("name", "/") == "/":
            protected.discard("name")
        if vals.get("state", "draft") == "draft":
            protected.discard("state")
        if self.env.uid == SUPERUSER_ID:
            protected -= {"date_generated"}  # the product's own code (demo history, tests)
        if protected:
            raise AccessError(_("These fields of a notice are set by the server: %s. Generate the notice from its "
                                "case, then record its service with Record Service.") % ", ".join(sorted(protected)))
        case = self.env["collection.case"].browse(vals.get("case_id")).exists()
        if not case:
            raise UserError(_("A notice needs its collection case."))
        # One of the user's cases: the checks below name its debtor and guarantors.
        case.check_access_rights("read")
        case.check_access_rule("read")
        # Before anything is written (the constraint checks it again on any later change).
        self._check_addressee_of(case, vals.get("kind") or self._fields["kind"].default(self),
                                 self.env["res.partner"].browse(vals.get("partner_id")))
        self._check_something_due(case)
        vals = dict(vals, name=self.env["ir.sequence"].next_by_code("collection.notice") or "/", state="draft")
        try:
            # All or nothing: a notice whose document cannot be made is not kept.
            with self.env.cr.savepoint():
                notice = super(CollectionNotice, user_defaults_only(self, USER_CREATE_FIELDS)).create(vals)
                notice._generate_document()
        except Exception:
            self.env.cache.invalidate()
            raise
        return notice

    @api.multi
    def write(self, vals):
        """A notice's content is fixed when it is generated: it changes only through its actions
        (Regenerate while not served, Record Service). A served notice is evidence of a demand
        that interrupted the limitation period (民法典 第一百九十五条): it never changes, for anyone;
        a correction is a new notice."""
        if set(vals) <= MAIL_FIELDS:
            return super(CollectionNotice, self).write(vals)
        served = self.filtered(lambda n: n.state == "served")
        if served:
            raise UserError(_("Notice %s was served: it is evidence of the demand and cannot be changed. "
                              "Generate a new notice instead.") % served[0].name)
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(_("A notice cannot be changed once generated. Use Regenerate for a new version from "
                                "today's amounts, Record Service for its service, or generate a new notice."))
        if set(vals) & SERVICE_FIELDS:
            raise AccessError(_("The service of a notice is recorded only with Record Service."))
        return super(CollectionNotice, self).write(vals)

    @api.multi
    def unlink(self):
        served = self.filtered(lambda n: n.state == "served")
        if served:
            raise UserError(_("Notice %s was served: it is evidence of the demand and cannot be deleted.")
                            % served[0].name)
        return super(CollectionNotice, self).unlink()

    @api.multi
    def _document_data(self):
        """The data of the notice's template (NOTICE_SCHEMAS declares it)."""
        self.ensure_one()
        # Refusals in the user's language, before the document's.
        self._check_something_due(self.case_id)
        if not self.case_id.company_id._collection_bank().bank_id:
            raise UserError(_(
                "The company %s has no repayment account: a demand must tell the debtor where to pay. Add the "
                "company's bank account with its bank (Settings > Collection > Repayment Account), then generate "
                "the notice again.") % self.case_id.company_id.name)
        # Chinese documents whatever the language of the user generating them.
        self = self.with_context(lang="zh_CN")
        case, contract = self.case_id, self.case_id.contract_id
        company = case.company_id
        money, cn_date = docx_render.money, docx_render.cn_date
        lines = [(label, amount) for label, amount in self._amount_lines(case) if amount]
        bank = company._collection_bank()
        data = {
            "title": TITLES.get(contract.product_type, TITLES[None]) if self.kind == "overdue_notice" else "",
            "number": self.name,
            "date": cn_date(self.date_generated),
            "company": {"name": company.name,
                        "address": cn_address(company.state_id.name, company.city, company.street,
                                              company.street2),
                        "phone": company.phone or None},
            "addressee": {"name": self.partner_id.name},  # Odoo's False for an empty field -> None: unfilled
            "debtor": {"name": case.partner_id.name},
            "contract": {"number": contract.name, "date_signed": cn_date(contract.date_signed or contract.date_disbursed),
                         "principal": money(contract.principal), "date_disbursed": cn_date(contract.date_disbursed),
                         "date_maturity": cn_date(contract.date_maturity)},
            "days_overdue": case.days_overdue,
            "amounts": [dict(money(amount), label=label) for label, amount in lines],
            # The total is the sum of the lines printed above it.
            "total": money(sum(amount for _label, amount in lines)),
            "pay_within_days": self.pay_within_days,
            "guaranteed": contract.product_type in ("guaranteed", "entrusted") or None,
            "repayment": {"bank": bank.bank_id.name, "account_name": bank.partner_id.name,
                          "account_number": bank.acc_number},
        }
        if self.kind == "guarantor_demand":
            guarantee = contract.guarantee_ids.filtered(
                lambda g: g.partner_id == self.partner_id)._answers_to_company()._third_party()[:1]
            if not guarantee:
                raise UserError(_("%s gives no guarantee of contract %s that answers to the company: a counter-"
                                  "guarantor answers to the guarantor, and a borrower's own mortgage makes him no "
                                  "guarantor. No demand is sent to him.") % (self.partner_id.name, contract.name))
            liability = guarantee_rules.liability(guarantee.guarantee_type)
            data["guarantee"] = {
                "role": guarantee_rules.party_word(guarantee.role, guarantee.guarantee_type),
                "kind": dict(guarantee._fields["guarantee_type"]._description_selection(self.env))[
                    guarantee.guarantee_type],
                "contract_number": guarantee.contract_number or contract.name,
                "article": GUARANTEE_ARTICLES[guarantee.guarantee_type],
                "request": DEMAND_REQUESTS[liability] % {"days": self.pay_within_days,
                                                         "collateral": guarantee.collateral or "见担保合同"},
            }
        return data

    @api.multi
    def _generate_document(self):
        """A new version of the notice's document, from the current amounts of the case."""
        for notice in self:
            # File names in Chinese, like the documents.
            kinds = dict(notice._fields["kind"]._description_selection(self.with_context(lang="zh_CN").env))
            data = notice._document_data()
            document = self.env["loan.document"].generate(
                notice.case_id, notice.kind, data, "%s-%s" % (kinds[notice.kind], notice.name))
            total = sum(amount for _label, amount in self._amount_lines(notice.case_id.sudo()))
            notice.sudo().write({"amount_demanded": float(total),
                                 "attachment_id": document.attachment_id.id})
        return True

    @api.multi
    def _check_service_right(self):
        """Who records a notice's service: the collectors of its case and the collection managers."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(MANAGER_GROUP):
            return
        for notice in self:
            case = notice.sudo().case_id
            if self.env.user not in case.office_user_id | case.field_user_id:
                raise AccessError(_("Only the collectors of case %s or a collection manager can record the service "
                                    "of notice %s.") % (case.name, notice.name))

    @api.multi
    def _check_receipts(self, receipts):
        """The proofs of service are files uploaded for this notice (Record Service uploads them),
        that the user may read."""
        self.ensure_one()
        attachments = self.env["ir.attachment"].browse(list(receipts or []))
        if len(attachments.exists()) != len(attachments):
            raise ValidationError(_("A proof of service of notice %s no longer exists: upload it again.") % self.name)
        attachments.check("read")
        foreign = attachments.sudo().filtered(lambda a: a.res_model != self._name or a.res_id != self.id)
        if foreign:
            raise ValidationError(_("%s was not uploaded for notice %s: upload the proof of service with Record "
                                    "Service.") % (foreign[0].name, self.name))
        return attachments

    @api.multi
    def action_record_service(self, date_served, method, receipts=None, tracking_number=None):
        """Record that the notice reached its addressee: the case keeps the latest demand date.
        The collectors of the case or a manager record it, once; the notice is then immutable."""
        self._check_service_right()
        try:
            date_served = date_served and fields.Date.to_string(fields.Date.from_string(date_served))
        except (TypeError, ValueError):
            raise ValidationError(_("%s is not a date: give the date of service as YYYY-MM-DD.") % (date_served,))
        for notice in self:
            if notice.state == "served":
                raise UserError(_("Notice %s is already recorded as served on %s.") % (notice.name, notice.date_served))
            if not date_served or not method:
                raise ValidationError(_("Give the date and the method of service."))
            if method not in dict(SERVICE_METHODS):
                raise ValidationError(_("%s is not a method of service: choose in person, post / EMS or "
                                        "electronic.") % (method,))
            if tracking_number and len(tracking_number) > 64:
                raise ValidationError(_("The tracking number is at most 64 characters."))
            if date_served < notice.date_generated:
                raise ValidationError(_("Notice %s cannot have been served (%s) before it was generated (%s).")
                                      % (notice.name, date_served, notice.date_generated))
            if date_served > business_today(self):
                raise ValidationError(_("The date of service (%s) is in the future.") % date_served)
            attachments = notice._check_receipts(receipts)
            # The only write of the service (the public write refuses it, see write()).
            super(CollectionNotice, notice.sudo()).write({
                "state": "served", "date_served": date_served, "service_method": method,
                "tracking_number": tracking_number or False, "receipt_ids": [(6, 0, attachments.ids)]})
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
        self.check_access_rights("write")
        self.check_access_rule("write")
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
