"""The access table (issue 11, "How to prove it"): the policy is data, in two CSV files beside
this module, and this module makes the real calls as each role and compares.

* ``access_policy.csv``: one row per (model, role) for every model of both addons (and
  res.partner, ir.attachment): read / write / create / unlink on a record of one of the role's
  own cases, and the same on a record of another collector's case (``other_*``; ``-`` where the
  model has no case-scoped rule or the call makes no sense). ``Y`` allowed, ``N`` refused.
* ``field_policy.csv``: one row per (model, field, record, value, role) for the protected fields:
  may the role read it (``read`` and ``export_data`` show the true value), write it (the value is
  stored), search or group on it (a ``search`` domain on the true value finds the record, or
  ``read_group`` shows the value)?

Every call goes through the public method an XML-RPC client reaches (``records.sudo(user)``),
inside a savepoint rolled back afterwards, with the product's clock frozen. Refused means
AccessError / UserError / ValidationError (or an IntegrityError, which Odoo's RPC layer answers
as a ValidationError); for read / search, also no leak of the value. Each test method covers one
model (one row per role in its subTests) and fails with one line per row that does not hold:
model, role, operation, expected and actual.

A model of loan_collection or loan_legal without a row fails ``test_every_model_has_a_policy``.
"""
import base64
import csv
import json
import os

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError, except_orm

from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
ADDONS = ("loan_collection", "loan_legal")
EXTRA_MODELS = ("res.partner", "ir.attachment")
ROLES = ("office", "field", "manager", "finance", "legal", "legal_manager", "plain", "auditor")
OPS = ("read", "write", "create", "unlink")
REFUSALS = (AccessError, UserError, ValidationError, except_orm, IntegrityError)
NOW = "2026-02-28 12:00"  # the fixtures' day (a month-end: the daily run takes its snapshot)
ALLOWED, REFUSED = "Y", "N"


def _read_csv(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


ACCESS_POLICY = _read_csv("access_policy.csv")
FIELD_POLICY = _read_csv("field_policy.csv")


class TestAccessTable(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccessTable, cls).setUpClass()
        with china_time(NOW):
            cls._build_fixtures()

    @classmethod
    def _build_fixtures(cls):
        env = cls.env
        cls.field2 = cls.make_user("t_field2", "loan_collection.group_collector_field")
        cls.auditor = cls.make_user("t_auditor", "loan_collection.group_loan_auditor")
        cls.roles = {"office": cls.office, "field": cls.field, "manager": cls.manager, "finance": cls.finance,
                     "legal": cls.lawyer, "legal_manager": cls.legal_manager, "plain": cls.plain,
                     "auditor": cls.auditor}
        Partner = env["res.partner"]
        profile = {"household_address": "浙江省杭州市西湖区文三路158号", "monthly_income": 12000.0,
                   "temperament_note": "脾气急躁", "employer_name": "某公司", "ethnicity": "汉族"}
        cls.borrower_a = cls.borrower
        cls.borrower.write(dict(profile, street="文三路158号", city="杭州市", mobile="13800001111"))
        cls.guarantor.write({"identity_type": "resident_id", "identity_number": "330106197908060022",
                             "street": "莫干山路12号", "city": "杭州市", "mobile": "13900002222"})
        cls.borrower_b = Partner.create(dict(profile, name="测试借款人丙", identity_type="resident_id",
                                             identity_number="33010619880512004X", street="天目山路2号",
                                             city="杭州市", mobile="13800002222"))
        cls.contract_a = cls.make_contract()
        cls.contract_b = cls.make_contract(borrower=cls.borrower_b, office=cls.office2, field=cls.field2)
        cls.contract_d = cls.make_contract()  # a spare case of office/field for creations
        # A spare case of the other side: a contract has one open legal case, and B's has one.
        cls.contract_e = cls.make_contract(borrower=cls.borrower_b, office=cls.office2, field=cls.field2)
        cls.run_on("2026-02-28")
        cls.case_a, cls.case_b, cls.case_d = cls.contract_a.case_ids, cls.contract_b.case_ids, cls.contract_d.case_ids
        cls.case_e = cls.contract_e.case_ids
        Point = env["collection.contact.point"]
        cls.phone_a = Point.create({"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111"})
        cls.phone_b = Point.create({"partner_id": cls.borrower_b.id, "kind": "phone", "value": "13800002222"})
        cls.phone_d = cls.phone_a
        # Contact logs and promises, each logged by a collector of the case.
        Log = env["collection.contact.log"]
        cls.log_a = Log.sudo(cls.office).create(cls._log_vals(cls.case_a, cls.phone_a))
        cls.log_b = Log.sudo(cls.office2).create(cls._log_vals(cls.case_b, cls.phone_b))
        # A log outside the quiet hours' limit, overridden by the manager with a reason.
        cls.log_override_a = Log.sudo(cls.manager).create(cls._log_vals(
            cls.case_a, cls.phone_a, date="2026-02-27 15:00:00", override_reason="债务人要求晚间回电"))
        # (Promises made directly, not through a "promise" log: with one, a legal case on the
        # contract cannot be opened today — collection.case._limitation_interruptions calls
        # contact_log._local() without its time zone, a TypeError.)
        Promise = env["collection.promise"]
        cls.promise_a = Promise.create({"case_id": cls.case_a.id, "log_id": cls.log_a.id, "amount": 1000.0,
                                        "date_made": "2026-02-28", "date_promised": "2026-03-05"})
        cls.promise_b = Promise.create({"case_id": cls.case_b.id, "log_id": cls.log_b.id, "amount": 1000.0,
                                        "date_made": "2026-02-28", "date_promised": "2026-03-05"})
        # Served notices (and their generated documents and files).
        for case, user in ((cls.case_a, cls.field), (cls.case_b, cls.field2)):
            case.sudo(user).action_generate_notice()
            case.notice_ids.sudo(user).action_record_service("2026-02-28", "in_person")
        cls.notice_a, cls.notice_b = cls.case_a.notice_ids[:1], cls.case_b.notice_ids[:1]
        Document = env["loan.document"]
        cls.document_a = Document.search([("attachment_id", "=", cls.notice_a.attachment_id.id)])
        cls.document_b = Document.search([("attachment_id", "=", cls.notice_b.attachment_id.id)])
        cls.attachment_a, cls.attachment_b = cls.notice_a.attachment_id, cls.notice_b.attachment_id
        # Money: a posted recovery per case, a write-off requested on each.
        Recovery = env["collection.recovery"]
        cls.recovery_a = Recovery.sudo(cls.finance)._register_recovery(
            cls.case_a.sudo(cls.finance), "debtor", cls.borrower, 500.0, "2026-02-28", cls.bank_journal)
        cls.recovery_b = Recovery.sudo(cls.finance)._register_recovery(
            cls.case_b.sudo(cls.finance), "debtor", cls.borrower_b, 500.0, "2026-02-28", cls.bank_journal)
        Writeoff = env["collection.writeoff"].sudo(cls.finance)
        cls.writeoff_a = Writeoff.create({"case_id": cls.case_a.id, "reason": "无可供执行财产"})
        cls.writeoff_b = Writeoff.create({"case_id": cls.case_b.id, "reason": "无可供执行财产"})
        # Issue 16 part 3: a draft settlement of each case, by its office collector.
        Settlement = env["collection.settlement"]
        cls.settlement_a = Settlement.sudo(cls.office).create(cls._settlement_vals(cls.case_a))
        cls.settlement_b = Settlement.sudo(cls.office2).create(cls._settlement_vals(cls.case_b))
        cls.tier_spare = env["collection.settlement.tier"].create({
            "name": "测试层级", "sequence": 99, "group_id": env.ref("loan_collection.group_collection_manager").id,
            "max_amount": 100.0})
        # Issue 16 part 2: an agency with a contract (a rate) and a draft batch, which a manager may delete.
        cls.agency_spare = Partner.create({"name": "测试委外机构", "is_company": True, "is_collection_agency": True})
        cls.agency_contract_spare = env["collection.agency.contract"].create({
            "name": "测试委外合同", "agency_id": cls.agency_spare.id, "date_start": "2026-01-01",
            "date_end": "2026-12-31", "rate_ids": [(0, 0, {"days_from": 1, "rate": 15.0})]})
        cls.agency_rate_spare = cls.agency_contract_spare.rate_ids
        contract = cls.agency_contract_spare.copy({"name": "测试委外合同二"})  # the batch's (it has one)
        cls.placement_batch_spare = env["collection.placement.batch"].create({"contract_id": contract.id})
        cls.task_a, cls.task_b = cls.case_a.task_ids[:1], cls.case_b.task_ids[:1]
        # Legal cases on both collection cases, with their litigation records.
        cls.legal_case_a = cls.make_legal_case(contract=cls.contract_a, collection_case_id=cls.case_a.id,
                                               lawyer_id=cls.lawyer.id, pre_suit_preservation_date="2026-02-20",
                                               preservation_status="pre_suit")
        cls.legal_case_b = cls.make_legal_case(contract=cls.contract_b, collection_case_id=cls.case_b.id,
                                               lawyer_id=cls.lawyer.id)
        cls.legal_case_a.sudo().write({"contract_place_signed": "杭州市西湖区", "contract_disbursed_amount": 99000.0,
                                       "contract_disbursement_date": "2022-03-10",
                                       "recourse_paid_amount": 80000.0})
        for name in ("a", "b"):
            case = getattr(cls, "legal_case_" + name)
            setattr(cls, "asset_" + name, env["legal.asset"].create(cls._asset_vals(case)))
            setattr(cls, "restriction_" + name, env["legal.restriction"].create(cls._restriction_vals(case)))
            setattr(cls, "cost_" + name, env["legal.cost"].create(cls._cost_vals(case)))
        cls.party_a, cls.party_b = cls.legal_case_a.party_ids[:1], cls.legal_case_b.party_ids[:1]
        cls.evidence_a, cls.evidence_b = cls.legal_case_a.evidence_ids[:1], cls.legal_case_b.evidence_ids[:1]
        cls.deadline_a = cls.legal_case_a.deadline_ids.filtered(lambda d: d.kind == "limitation")[:1] \
            or cls.legal_case_a.deadline_ids[:1]
        cls.deadline_b = cls.legal_case_b.deadline_ids[:1]
        company = env.user.company_id
        company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43"})
        cls.lawyer.partner_id.mobile = "13700003333"
        cls.legal_doc_a = cls.legal_case_a.sudo(cls.lawyer)._generate_documents("power_of_attorney")
        cls.legal_doc_attachment_a = cls.legal_doc_a.attachment_id
        # Spare configuration records, which a manager may delete.
        cls.product_spare = env["loan.product"].create({"name": "测试产品", "code": "TSPARE"})
        cls.policy_spare = env["collection.policy"].create({"name": "测试策略"})
        cls.step_spare = env["collection.policy.step"].create(
            {"policy_id": cls.policy_spare.id, "name": "电话", "day_from": 1, "day_to": 3, "action": "phone"})
        cls.template_spare = env["loan.document.template"].create(cls._template_vals())
        cls.court_spare = env["legal.court"].create({"name": "测试人民法院"})
        cls.holiday_spare = env["legal.court.holiday"].create({"date": "2024-04-04", "name": "清明节"})
        # Issue 16: a spare team (a member and a rule), a second one without members, and a move of
        # each side's case (the case Reassigned to its own office collector, as a manager does).
        cls.team_spare = env["collection.team"].create({
            "name": "测试组", "role": "office", "leader_id": cls.manager.id,
            "member_ids": [(0, 0, {"user_id": cls.office.id}), (0, 0, {"user_id": cls.office2.id})]})
        # The spare team, which has held no case (a manager may delete it), with a member and a rule.
        cls.team_spare2 = env["collection.team"].create({"name": "测试组二", "role": "office",
                                                         "leader_id": cls.manager.id,
                                                         "member_ids": [(0, 0, {"user_id": cls.office.id})]})
        cls.member_spare = cls.team_spare2.member_ids
        cls.allocation_rule_spare = env["collection.allocation.rule"].create(
            {"name": "测试规则", "team_id": cls.team_spare2.id, "days_from": 200, "active": False})
        for case, user in ((cls.case_a, cls.office), (cls.case_b, cls.office2)):
            env["collection.case.reassign"].sudo().create({
                "case_ids": [(6, 0, case.ids)], "team_id": cls.team_spare.id, "user_id": user.id,
                "reason": "测试交接"}).action_reassign()
        cls.move_a, cls.move_b = cls.case_a.move_ids[:1], cls.case_b.move_ids[:1]
        cls.stranger = Partner.create({"name": "测试第三人丁"})
        cls.guarantee_a, cls.guarantee_b = cls.contract_a.guarantee_ids[:1], cls.contract_b.guarantee_ids[:1]
        cls.recovery_line_a, cls.recovery_line_b = cls.recovery_a.line_ids[:1], cls.recovery_b.line_ids[:1]
        cls.fixtures = {
            "borrower_a": cls.borrower, "borrower_b": cls.borrower_b, "guarantor": cls.guarantor,
            "office2": cls.office2, "manager": cls.manager, "case_a": cls.case_a, "served_notice_a": cls.notice_a,
            "log_a": cls.log_a, "log_override_a": cls.log_override_a, "recovery_a": cls.recovery_a, "writeoff_a": cls.writeoff_a,
            "promise_a": cls.promise_a, "task_a": cls.task_a, "legal_case_a": cls.legal_case_a,
            "deadline_a": cls.deadline_a, "legal_doc_a": cls.legal_doc_a,
            "legal_doc_attachment_a": cls.legal_doc_attachment_a,
        }

    # Values of the fixtures and of the creations tried ---------------------------------------

    @classmethod
    def _log_vals(cls, case, point, **vals):
        values = {"case_id": case.id, "date": "2026-02-28 02:00:00", "channel": "phone", "party": "debtor",
                  "contact_point_id": point.id, "connected": False, "outcome": "no_answer"}
        values.update(vals)
        return values

    @classmethod
    def _settlement_vals(cls, case):
        return {"case_id": case.id, "kind": "waiver", "waive_penalty": 10.0, "date_due": "2026-03-10",
                "hardship_reason": "cash_flow", "reason": "经营困难，申请减免部分罚息"}

    @classmethod
    def _asset_vals(cls, case):
        return {"case_id": case.id, "partner_id": case.partner_id.id, "asset_type": "real_estate",
                "name": "杭州市西湖区某路1号"}

    @classmethod
    def _restriction_vals(cls, case):
        return {"case_id": case.id, "debtor_id": case.partner_id.id, "partner_id": case.partner_id.id}

    @classmethod
    def _cost_vals(cls, case):
        return {"case_id": case.id, "cost_type": "other", "amount": 1000.0, "date": "2026-02-28"}

    def _batch_vals(self):
        return {"name": "逾期催收通知书 × 1", "user_id": self.env.uid, "company_id": self.env.user.company_id.id,
                "doc_type": "overdue_notice", "res_model": "collection.case", "res_ids": str(self.case_a.id),
                "total": 1}

    @classmethod
    def _template_vals(cls):
        content = cls.env["loan.document.template"]._template_bytes("overdue_notice", cls.env.user.company_id)[0]
        return {"name": "测试模板", "doc_type": "overdue_notice", "datas": base64.b64encode(content)}

    def side(self, own):
        """(collection case, its contact point, legal case) of the role's own side or the other's."""
        if own:
            return self.case_a, self.phone_a, self.legal_case_a
        return self.case_b, self.phone_b, self.legal_case_b

    def records(self, model, own, user=None):
        """The record of `model` tried for the row (own case, or another collector's) by `user`."""
        s = "a" if own else "b"
        Model = self.env[model]
        named = {
            "collection.case": "case_%s", "collection.task": "task_%s", "collection.contact.log": "log_%s",
            "collection.promise": "promise_%s", "collection.notice": "notice_%s", "loan.document": "document_%s",
            "loan.contract": "contract_%s", "loan.guarantee": "guarantee_%s", "collection.contact.point": "phone_%s",
            "collection.recovery": "recovery_%s", "collection.recovery.line": "recovery_line_%s",
            "collection.writeoff": "writeoff_%s", "legal.case": "legal_case_%s", "legal.case.party": "party_%s",
            "legal.evidence": "evidence_%s", "legal.asset": "asset_%s", "legal.restriction": "restriction_%s",
            "legal.cost": "cost_%s", "legal.deadline": "deadline_%s", "res.partner": "borrower_%s",
            "ir.attachment": "attachment_%s", "collection.case.move": "move_%s",
            "collection.settlement": "settlement_%s",
        }
        spare = {"loan.product": self.product_spare, "collection.policy": self.policy_spare,
                 "collection.policy.step": self.step_spare, "loan.document.template": self.template_spare,
                 "legal.court": self.court_spare, "legal.court.holiday": self.holiday_spare,
                 "collection.team": self.team_spare2, "collection.team.member": self.member_spare,
                 "collection.allocation.rule": self.allocation_rule_spare,
                 "collection.settlement.tier": self.tier_spare,
                 "collection.agency.contract": self.agency_contract_spare,
                 "collection.agency.rate": self.agency_rate_spare,
                 "collection.placement.batch": self.placement_batch_spare}
        if model in named:
            return getattr(self, named[model] % s)
        if model == "loan.debtor.profile":
            return Model.sudo().search([("partner_id", "=", getattr(self, "borrower_%s" % s).id)]).sudo(self.env.uid)
        if model == "loan.identity.access.log":
            log = Model.sudo().search([("partner_id", "=", getattr(self, "borrower_%s" % s).id)], limit=1)
            if not log:
                Model._record(getattr(self, "borrower_%s" % s), self.env.uid, "read")
                log = Model.sudo().search([("partner_id", "=", getattr(self, "borrower_%s" % s).id)], limit=1)
            return log.sudo(self.env.uid)
        if model in spare:
            return spare[model]
        if model in ("loan.portfolio.import", "loan.portfolio.import.chunk", "loan.portfolio.import.rejection"):
            # A draft portfolio import, with a chunk and a rejected row as its jobs write them.
            batch = self.env["loan.portfolio.import"].sudo().create({"file": "YQ==", "filename": "book.csv"})
            if model == "loan.portfolio.import":
                return batch
            return Model.sudo().create({"import_id": batch.id, "row_number" if "row_number" in Model._fields
                                        else "sequence": 2})
        if model == "loan.document.batch":
            # The role's own bulk generation, or another user's.
            other = self.office2 if user != self.office2 else self.manager
            return Model.sudo().create(dict(self._batch_vals(), user_id=(user if own else other).id))
        case = self.side(own)[0]
        if model == "collection.placement":
            # None of the fixtures' cases is placed: read as the access rights say (not the demo's placements).
            return Model.sudo().search([("case_id", "=", case.id)], limit=1)
        # Runs, snapshots and the SQL-view reports: one of the case's rows if the view has one.
        for field in ("case_id", "collection_case_id"):
            if field in Model._fields and Model._fields[field].comodel_name == "collection.case":
                found = Model.sudo().search([(field, "=", case.id)], limit=1)
                if found:
                    return found
        return Model.sudo().search([], limit=1)

    def create_vals(self, model, own):
        """Values of a valid creation on the role's own side (or the other's); None: not tried."""
        case, point, legal_case = self.side(own)
        if not own and model in ("collection.case",):
            return None
        case_d = self.case_d if own else case
        vals = {
            "collection.case": lambda: {"contract_id": self.make_contract(activate=False).id,
                                        "partner_id": self.borrower.id},
            "collection.task": lambda: {"task_date": "2026-02-28", "case_id": case.id,
                                        "contract_id": case.contract_id.id, "episode_key": "access-table",
                                        "action": "phone", "user_id": case.office_user_id.id},
            "collection.contact.log": lambda: self._log_vals(case, point, date="2026-02-28 03:00:00"),
            "collection.promise": lambda: {"case_id": case.id, "log_id": (self.log_a if own else self.log_b).id,
                                           "amount": 500.0, "date_made": "2026-02-28",
                                           "date_promised": "2026-03-10"},
            "collection.notice": lambda: {"case_id": case.id, "partner_id": case.partner_id.id,
                                          "kind": "overdue_notice"},
            "loan.document": lambda: {"name": "x.docx", "doc_type": "overdue_notice", "res_model": "collection.case",
                                      "res_id": case.id, "version": 99, "collection_case_id": case.id,
                                      "attachment_id": (self.attachment_a if own else self.attachment_b).id,
                                      "data_snapshot": "{}"},
            "loan.document.template": self._template_vals,
            "loan.document.batch": self._batch_vals,
            "loan.portfolio.import": lambda: {"file": "YQ==", "filename": "book.csv"},
            "loan.portfolio.import.chunk": lambda: {"import_id": self.records("loan.portfolio.import", True).id},
            "loan.portfolio.import.rejection": lambda: {"import_id": self.records("loan.portfolio.import", True).id},
            "loan.contract": lambda: {"partner_id": case.partner_id.id, "product_id": self.product.id,
                                      "principal": 10000, "date_disbursed": "2026-01-15",
                                      "date_maturity": "2027-01-15", "annual_rate": 12.0,
                                      "repayment_method": "equal_installment"},
            "loan.guarantee": lambda: {"contract_id": case.contract_id.id, "partner_id": self.guarantor.id,
                                       "role": "guarantor", "guarantee_type": "joint"},
            "loan.product": lambda: {"name": "另一产品", "code": "TOTHER"},
            "loan.bank.layout": lambda: {"name": "另一银行", "code": "OTHER", "date_columns": "日期",
                                         "credit_columns": "收入", "payer_name_columns": "户名",
                                         "payer_account_columns": "账号", "memo_columns": "摘要",
                                         "serial_columns": "流水号"},
            "loan.lpr.rate": lambda: {"date": "2026-11-20", "one_year_rate": 2.9},
            "collection.policy": lambda: {"name": "另一策略"},
            "collection.team": lambda: {"name": "另一组", "role": "office", "leader_id": self.manager.id},
            "collection.team.member": lambda: {"team_id": self.team_spare2.id, "user_id": self.office2.id},
            "collection.allocation.rule": lambda: {"name": "另一规则", "team_id": self.team_spare.id,
                                                   "days_from": 300, "active": False},
            "collection.case.move": lambda: {"case_id": case.id, "date": "2026-02-28", "kind": "manual",
                                             "role": "office", "reason": "forged"},
            "collection.policy.step": lambda: {"policy_id": self.policy_spare.id, "name": "短信", "day_from": 2, "day_to": 3,
                                               "action": "sms"},
            "collection.contact.point": lambda: {"partner_id": case.partner_id.id, "kind": "phone",
                                                 "value": "13900009999"},
            "collection.recovery": lambda: {"case_id": case.id, "source": "debtor", "payer_id": case.partner_id.id,
                                            "date": "2026-02-28", "journal_id": self.bank_journal.id,
                                            "amount": 100.0, "state": "posted"},
            "collection.recovery.line": lambda: {"recovery_id": (self.recovery_a if own else self.recovery_b).id,
                                                 "invoice_id": case.invoice_ids[:1].id},
            "collection.writeoff": lambda: {"case_id": case_d.id, "reason": "无可供执行财产"},
            "collection.settlement": lambda: self._settlement_vals(case_d),
            "collection.settlement.tier": lambda: {"name": "另一层级", "group_id": self.manager.groups_id[:1].id},
            "collection.agency.contract": lambda: {"name": "另一委外合同", "agency_id": self.agency_spare.id,
                                                   "date_start": "2026-01-01", "date_end": "2026-12-31"},
            "collection.agency.rate": lambda: {"contract_id": self.agency_contract_spare.id, "days_from": 90,
                                               "rate": 20.0},
            "collection.placement.batch": lambda: {"contract_id": self.agency_contract_spare.id},
            "collection.placement": lambda: {"batch_id": self.placement_batch_spare.id, "case_id": case.id,
                                             "date_start": "2026-02-28", "date_end": "2026-03-29"},
            "collection.agency.commission": lambda: {"recovery_id": (self.recovery_a if own else self.recovery_b).id,
                                                     "date": "2026-02-28", "amount": 100.0},
            "collection.snapshot": lambda: {"date": "2026-02-28", "invoice_id": case.invoice_ids[:1].id},
            "collection.run": lambda: {"date": "2026-01-01"},
            "legal.case": lambda: {"contract_id": (case_d if own else self.case_e).contract_id.id,
                                   "collection_case_id": (case_d if own else self.case_e).id,
                                   "court_id": self.court.id, "procedure": "ordinary"},
            "legal.case.party": lambda: {"case_id": legal_case.id, "partner_id": self.stranger.id,
                                         "role": "other"},
            "legal.evidence": lambda: {"case_id": legal_case.id, "name": "补充证据", "kind": "other"},
            "legal.asset": lambda: self._asset_vals(legal_case),
            "legal.restriction": lambda: self._restriction_vals(legal_case),
            "legal.cost": lambda: self._cost_vals(legal_case),
            "legal.deadline": lambda: {"name": "手动期限", "case_id": legal_case.id, "key": "access-table",
                                       "kind": "performance", "date": "2026-06-30"},
            "legal.court": lambda: {"name": "另一人民法院"},
            "legal.court.holiday": lambda: {"date": "2024-05-01", "name": "劳动节"},
            "res.partner": lambda: {"name": "新债务人"},
            "loan.debtor.profile": lambda: {"partner_id": self.env["res.partner"].create({"name": "新档案人"}).id,
                                            "employer_name": "某公司"},
            "loan.identity.access.log": lambda: {"partner_id": case.partner_id.id, "user_id": self.env.uid,
                                                 "partner_name": "伪造", "channel": "read"},
            "ir.attachment": lambda: {"name": "证据.jpg", "datas_fname": "证据.jpg", "datas": "YQ==",
                                      "res_model": "collection.case", "res_id": case.id},
        }.get(model)
        return vals() if vals else {}

    # read() of every field the user may read (the form's fields), except for res.partner, whose
    # accounting fields (credit, debit: account.move.line) are Odoo's and not for this table:
    # its contact data here, its private profile in field_policy.csv.
    READ_FIELDS = {"res.partner": ["name", "display_name", "phone", "mobile", "street", "city"]}

    WRITE_VALS = {
        "collection.case": {"overdue_reason_detail": "access table"},
        "collection.contact.log": {"note": "rewritten"},
        "collection.promise": {"amount": 1.0},
        "collection.notice": {"pay_within_days": 30},
        "loan.document": {"name": "forged.docx"},
        "loan.document.template": {"name": "改名模板"},
        "loan.document.batch": {"state": "done"},
        "loan.portfolio.import": {"filename": "renamed.csv"},
        "loan.portfolio.import.chunk": {"state": "done"},
        "loan.portfolio.import.rejection": {"reason": "forged"},
        "loan.contract": {"purpose": "经营周转"},  # an active contract's terms are fixed (test_interest_rates)
        "loan.guarantee": {"contract_number": "G-001"},
        "loan.product": {"name": "改名产品"},
        "loan.lpr.rate": {"five_year_rate": 3.4},
        "collection.policy": {"name": "改名策略"},
        "collection.policy.step": {"name": "改名步骤"},
        "collection.team": {"name": "改名组"},
        "collection.team.member": {"capacity": 5},
        "collection.allocation.rule": {"name": "改名规则"},
        "collection.case.move": {"reason": "forged"},
        "collection.contact.point": {"note": "access table"},
        "collection.recovery": {"note": "access table"},
        "collection.recovery.line": {"amount_interest": 1.0},
        "collection.writeoff": {"reason": "改写理由"},
        "collection.settlement": {"reason": "改写理由"},
        "collection.settlement.tier": {"max_amount": 1000000.0},
        "collection.agency.contract": {"terms": "access table"},
        "collection.agency.rate": {"rate": 12.0},
        "collection.placement.batch": {"note": "access table"},
        "collection.snapshot": {"amount": 1.0},
        "collection.run": {"cases_opened": 99},
        "legal.case": {"note": "access table"},
        "legal.case.party": {"role": "other"},
        "legal.evidence": {"name": "改名证据"},
        "legal.asset": {"name": "改名财产"},
        "legal.restriction": {"note": "access table"},
        "legal.cost": {"amount": 2000.0},
        "legal.court": {"name": "改名法院"},
        "legal.court.holiday": {"name": "改名节日"},
        "res.partner": {"comment": "access table"},
        "loan.debtor.profile": {"employer_name": "access table"},
        "loan.identity.access.log": {"partner_name": "forged"},
        "ir.attachment": {"datas": "Yg=="},
    }

    def write_vals(self, model):
        Model = self.env[model]
        vals = dict(self.WRITE_VALS.get(model) or {})
        vals = {k: v for k, v in vals.items() if k in Model._fields}
        if not vals:  # a plain stored field of the model, for the views and reports
            for name, field in Model._fields.items():
                if field.store and field.type in ("integer", "float", "monetary", "char") and name not in (
                        "id", "create_uid", "write_uid") and not name.startswith("message"):
                    vals = {name: 1 if field.type == "integer" else ("x" if field.type == "char" else 1.0)}
                    break
        return vals

    # Making a call -------------------------------------------------------------------------------

    def attempt(self, call):
        """Run `call` in a savepoint that is always rolled back: ('Y', None), ('N', reason) or
        ('error', reason) for an exception that is not a refusal."""
        cr = self.env.cr
        cr.execute("SAVEPOINT access_table")
        try:
            with china_time(NOW):
                result = call()
            outcome = (ALLOWED, result)
        except REFUSALS as error:
            outcome = (REFUSED, "%s: %s" % (type(error).__name__, _message(error)))
        except Exception as error:  # a crash is never a refusal
            outcome = ("error", "%s: %s" % (type(error).__name__, _message(error)))
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT access_table")
            cr.execute("RELEASE SAVEPOINT access_table")
            self.env.clear()
        return outcome

    def model_call(self, model, op, user, own):
        record = self.records(model, own, user)
        Model = self.env[model].sudo(user)
        if op == "read":
            if not record:
                return lambda: Model.search_read([], limit=1)
            fields = self.READ_FIELDS.get(model)
            return lambda: record.sudo(user).read(fields)
        if not record and op in ("write", "unlink"):  # an empty view: what its access rights say
            return lambda: Model.check_access_rights(op)
        if op == "write":
            vals = self.write_vals(model)
            return lambda: record.sudo(user).write(vals)
        if op == "create":
            vals = self.create_vals(model, own)
            if vals is None:
                return None
            return lambda: Model.create(vals)
        return lambda: record.sudo(user).unlink()

    def check_model(self, model):
        rows = [row for row in ACCESS_POLICY if row["model"] == model]
        self.assertTrue(rows, "no row for %s in access_policy.csv" % model)
        failures = []
        for row in rows:
            user = self.roles[row["role"]]
            with self.subTest(model=model, role=row["role"]):
                for own, prefix in ((True, ""), (False, "other_")):
                    for op in OPS:
                        expected = row[prefix + op]
                        if expected == "-":
                            continue
                        call = self.model_call(model, op, user, own)
                        if call is None:
                            continue
                        actual, detail = self.attempt(call)
                        if actual != expected:
                            failures.append("%s | %s | %s%s: expected %s, got %s%s" % (
                                model, row["role"], prefix, op, _word(expected), _word(actual),
                                " (%s)" % detail if actual != ALLOWED else ""))
        if failures:
            self.fail("%d call(s) not as the policy says (access_policy.csv):\n%s"
                      % (len(failures), "\n".join(failures)))

    # Fields --------------------------------------------------------------------------------------

    def resolve(self, value):
        if isinstance(value, str) and value.startswith("@"):
            return self.fixtures[value[1:]].id
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value

    def field_outcomes(self, row, user):
        """{'read': .., 'write': .., 'search': ..} each ('Y'|'N'|'error', detail)."""
        record = self.fixtures[row["record"]]
        field_name = row["field"]
        Model = self.env[row["model"]]
        field = Model._fields[field_name]
        true_value = record.sudo().read([field_name])[0][field_name]
        true_export = record.sudo().export_data([field_name])["datas"][0][0]
        outcomes = {}
        if not true_value and field.type not in ("boolean",):
            problem = ("error", "the fixture's %s has no value to leak" % field_name)
            return {"read": problem, "write": problem, "search": problem}

        def read():
            value = record.sudo(user).read([field_name])[0].get(field_name)
            exported = record.sudo(user).export_data([field_name])["datas"][0][0]
            return "read %s, export %s" % (_shown(value == true_value), _shown(exported == true_export))
        outcomes["read"] = self.leak(read)

        value = self.resolve(json.loads(row["value"]))

        def write():
            record.sudo(user).write({field_name: value})
            stored = record.sudo().read([field_name])[0][field_name]
            return "stored" if stored != true_value else "ignored"
        status, detail = self.attempt(write)
        outcomes["write"] = (REFUSED, detail) if status == ALLOWED and detail == "ignored" else (status, detail)

        if row["search"] != "-":
            def search():
                if field.type == "many2one":
                    term = (field_name, "=", true_value[0])
                elif field.type in ("one2many", "many2many"):
                    term = (field_name, "in", true_value)
                else:
                    term = (field_name, "=", true_value)
                found = Model.sudo(user).search([("id", "=", record.id), term])
                parts = ["search %s" % _shown(found == record)]
                if field.store and field.type not in ("one2many", "many2many", "binary"):
                    groups = Model.sudo(user).read_group([("id", "=", record.id)], [field_name], [field_name])
                    # One record: a group showing a value (a month, for a date) shows the record's.
                    leaked = any(g.get(field_name) == true_value if field.type == "boolean"
                                 else g.get(field_name) not in (False, None) for g in groups)
                    parts.append("read_group %s" % _shown(leaked))
                return ", ".join(parts)
            outcomes["search"] = self.leak(search)
        return outcomes

    def leak(self, call):
        """'Y' when every way tried shows the value, 'N' when none does (or the call is refused),
        'mixed' otherwise."""
        status, detail = self.attempt(call)
        if status != ALLOWED:
            return status, detail
        shown = [part.endswith("shown") for part in detail.split(", ")]
        if all(shown):
            return ALLOWED, detail
        if not any(shown):
            return REFUSED, detail
        return "mixed", detail

    def check_fields(self, model):
        rows = [row for row in FIELD_POLICY if row["model"] == model]
        failures = []
        for row in rows:
            user = self.roles[row["role"]]
            with self.subTest(model=model, field=row["field"], record=row["record"], role=row["role"]):
                outcomes = self.field_outcomes(row, user)
                for op in ("read", "write", "search"):
                    expected = row[op]
                    if expected == "-" or op not in outcomes:
                        continue
                    actual, detail = outcomes[op]
                    if actual != expected:
                        failures.append("%s.%s [%s, value %s] | %s | %s: expected %s, got %s (%s)" % (
                            model, row["field"], row["record"], row["value"], row["role"], op,
                            _word(expected), _word(actual), detail))
        if failures:
            self.fail("%d field call(s) not as the policy says (field_policy.csv):\n%s"
                      % (len(failures), "\n".join(failures)))

    # The coverage check --------------------------------------------------------------------------

    def test_every_model_has_a_policy(self):
        """Every model of both addons (abstract and transient ones aside) has a row for each role."""
        wanted = set(EXTRA_MODELS)
        for name, Model in self.env.registry.items():
            if Model._original_module in ADDONS and not Model._abstract and not Model._transient:
                wanted.add(name)
        rows = {}
        for row in ACCESS_POLICY:
            rows.setdefault(row["model"], set()).add(row["role"])
        missing = sorted("%s (roles: %s)" % (m, ", ".join(r for r in ROLES if r not in rows.get(m, ())))
                         for m in wanted if set(ROLES) - rows.get(m, set()))
        self.assertFalse(missing, "models without a full policy in access_policy.csv:\n%s" % "\n".join(missing))
        unknown = sorted(set(rows) - wanted)
        self.assertFalse(unknown, "rows for models that are not in the registry: %s" % unknown)
        for row in FIELD_POLICY:
            self.assertIn(row["field"], self.env[row["model"]]._fields, "field_policy.csv: %s.%s"
                          % (row["model"], row["field"]))


def _message(error):
    text = getattr(error, "name", None) or (error.args[0] if error.args else str(error))
    text = " ".join(str(text).split())
    # Odoo's access messages end with the model refused: keep it when shortening.
    return text if len(text) <= 240 else text[:160] + " … " + text[-80:]


def _word(code):
    return {ALLOWED: "allowed", REFUSED: "refused"}.get(code, code)


def _shown(flag):
    return "shown" if flag else "hidden"


def _add_tests():
    """One test method per model of each table: test_access__collection_case, test_fields__res_partner..."""
    def model_test(model):
        return lambda self: self.check_model(model)

    def field_test(model):
        return lambda self: self.check_fields(model)
    for model in sorted({row["model"] for row in ACCESS_POLICY}):
        setattr(TestAccessTable, "test_access__%s" % model.replace(".", "_"), model_test(model))
    for model in sorted({row["model"] for row in FIELD_POLICY}):
        setattr(TestAccessTable, "test_fields__%s" % model.replace(".", "_"), field_test(model))


_add_tests()
