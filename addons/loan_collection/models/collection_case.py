# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services.field_policy import COLLECTOR, FINANCE, MANAGER, SYSTEM
from . import field_policy
from .aging_labels import bucket_label_selection
from .res_company import business_today, business_tz

OPEN_STAGES = ("new", "contacting", "notice", "promised")
# A case in one of these stages keeps its contract from getting a new case.
ACTIVE_STAGES = OPEN_STAGES + ("legal",)
STAGES = [
    ("new", "New"),
    ("contacting", "Contacting"),
    ("notice", "Notice Served"),
    ("promised", "Promised"),
    ("settled", "Settled"),
    ("legal", "Transferred to Legal"),
    ("written_off", "Written Off"),
]
OVERDUE_REASONS = [
    ("cash_flow", "Business Cash-flow Strain"),
    ("market", "Market Change"),
    ("family", "Family Change"),
    ("malicious", "Malicious Borrowing or Fraud"),
]
# The overdue reason sets the risk unless someone chose one (domain.md: the reason drives the strategy).
REASON_RISK = {"cash_flow": "low", "market": "medium", "family": "medium", "malicious": "high"}

# Who may write each field of a collection case through write() (services/field_policy.py; a
# field not listed here is written by no user). The product's own actions write the others as
# superuser after checking their rules, the daily run with SQL (collection.run). Fields of the
# mail thread (followers, messages, activities) keep mail's own rules.
CASE_WRITERS = {
    # The collector's assessment of her own case (domain.md: the reason drives the strategy).
    "overdue_reason": (COLLECTOR,),
    "overdue_reason_detail": (COLLECTOR,),
    "risk_level": (COLLECTOR,),
    # The costs charged to the debtor: the manager's decision.
    "fees_amount": (MANAGER,),
    # Assignment (分案): by the allocation rules in the daily run, or by a manager through Reassign
    # with a reason; each change is logged on the case (collection.case.move).
    "office_user_id": SYSTEM, "field_user_id": SYSTEM, "team_id": SYSTEM, "field_team_id": SYSTEM,
    "move_ids": SYSTEM,
    # The court's case number (案号), which recoveries from the court carry.
    "legal_case_ref": (MANAGER, FINANCE),
    # Identity of the case, set when the daily run opens it.
    "name": SYSTEM, "contract_id": SYSTEM, "partner_id": SYSTEM, "product_id": SYSTEM,
    "company_id": SYSTEM, "currency_id": SYSTEM, "policy_id": SYSTEM, "date_opened": SYSTEM,
    # The parties drive the record rules (who sees whose contact points): kept by _sync_parties.
    "party_ids": SYSTEM, "guarantee_ids": SYSTEM, "guarantor_contact_point_ids": SYSTEM,
    # State: changed only through the actions (log a contact, a notice served, Transfer to Legal,
    # write-off) and the daily run (settled).
    "stage": SYSTEM, "is_open": SYSTEM, "date_closed": SYSTEM, "to_escalate": SYSTEM,
    "next_step_id": SYSTEM, "next_action_date": SYSTEM,
    # Figures of the daily run and of recoveries and write-offs.
    "days_overdue": SYSTEM, "worst_days_overdue": SYSTEM, "aging_bucket": SYSTEM,
    "overdue_principal": SYSTEM, "overdue_interest": SYSTEM, "penalty_interest": SYSTEM,
    "total_due": SYSTEM, "recovered_amount": SYSTEM, "broken_promise_count": SYSTEM,
    "priority_score": SYSTEM, "recovered_costs": SYSTEM, "recovered_penalty": SYSTEM,
    "costs_outstanding": SYSTEM, "written_off_amount": SYSTEM, "written_off_costs": SYSTEM,
    "recovery_count": SYSTEM,
    # Evidence: the demand served interrupts the limitation period (民法典 第195条); it is set only
    # by recording a notice served (collection.notice.action_record_service).
    "last_demand_date": SYSTEM,
    # Records of their own models, created and changed through those models' own checks.
    "invoice_ids": SYSTEM, "task_ids": SYSTEM, "contact_log_ids": SYSTEM, "promise_ids": SYSTEM,
    "notice_ids": SYSTEM, "document_ids": SYSTEM, "recovery_ids": SYSTEM, "writeoff_ids": SYSTEM,
    "settlement_ids": SYSTEM,
    "legal_case_ids": SYSTEM, "legal_case_count": SYSTEM,
    # Agency placement: set and cleared only by placing and recalling (collection_placement.py).
    "placement_id": SYSTEM, "agency_id": SYSTEM, "placement_ids": SYSTEM,
}


class CollectionCase(models.Model):
    _name = "collection.case"
    _description = "Collection Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "is_open desc, priority_score desc, days_overdue desc, id desc"

    name = fields.Char(string="Case No.", required=True, copy=False, readonly=True, default="/")
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", required=True, readonly=True,
                                  index=True, ondelete="restrict")
    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, readonly=True, index=True)
    product_id = fields.Many2one(related="contract_id.product_id", store=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    policy_id = fields.Many2one("collection.policy", string="Policy", readonly=True)
    guarantee_ids = fields.One2many(related="contract_id.guarantee_ids", readonly=True, string="Guarantees")
    party_ids = fields.Many2many("res.partner", "collection_case_party_rel", "case_id", "partner_id",
                                 string="Parties", readonly=True,
                                 help="The debtor and the guarantors of the contract.")
    stage = fields.Selection(STAGES, required=True, default="new", index=True, track_visibility="onchange",
                             group_expand="_expand_stages")
    is_open = fields.Boolean(compute="_compute_is_open", store=True, index=True)
    overdue_reason = fields.Selection(OVERDUE_REASONS, track_visibility="onchange")
    overdue_reason_detail = fields.Text(string="Reason Details")
    risk_level = fields.Selection([("low", "Low"), ("medium", "Medium"), ("high", "High")],
                                  default="medium", required=True, track_visibility="onchange")
    office_user_id = fields.Many2one("res.users", string="Office Collector", index=True, track_visibility="onchange")
    field_user_id = fields.Many2one("res.users", string="Field Collector", index=True, track_visibility="onchange")
    team_id = fields.Many2one("collection.team", string="Office Team", readonly=True, index=True,
                              ondelete="restrict", track_visibility="onchange")
    field_team_id = fields.Many2one("collection.team", string="Field Team", readonly=True, index=True,
                                    ondelete="restrict", track_visibility="onchange")
    move_ids = fields.One2many("collection.case.move", "case_id", string="Moves", readonly=True)
    date_opened = fields.Date(readonly=True, default=business_today)
    date_closed = fields.Date(readonly=True)
    to_escalate = fields.Boolean(string="Escalation Due", readonly=True,
                                 help="The policy says the case should now go to the legal team.")

    # Written by the daily run (set-based), from the case's overdue installments. Days, bucket and
    # priority change every day for every open case: no index of their own, each would be rewritten
    # with every case each day (the open cases' list reads them in list_indexes.py's order index;
    # a filter or a sort on one of them reads the cases, a few hundred thousand at most).
    days_overdue = fields.Integer(readonly=True)
    worst_days_overdue = fields.Integer(readonly=True)
    aging_bucket = fields.Selection(bucket_label_selection, readonly=True)
    overdue_principal = fields.Monetary(readonly=True, track_visibility="onchange")
    overdue_interest = fields.Monetary(readonly=True)
    penalty_interest = fields.Monetary(readonly=True)
    fees_amount = fields.Monetary(string="Fees", help="Costs of realising the claim charged to the debtor.")
    total_due = fields.Monetary(readonly=True, track_visibility="onchange")
    recovered_amount = fields.Monetary(string="Recovered", readonly=True)
    broken_promise_count = fields.Integer(string="Broken Promises", readonly=True)
    priority_score = fields.Integer(string="Priority", readonly=True)

    next_step_id = fields.Many2one("collection.policy.step", string="Next Action", readonly=True)
    next_action_date = fields.Date(readonly=True)
    invoice_ids = fields.One2many("account.invoice", "collection_case_id", string="Installments", readonly=True)
    task_ids = fields.One2many("collection.task", "case_id", string="Tasks", readonly=True)
    contact_log_ids = fields.One2many("collection.contact.log", "case_id", string="Contact Log")
    promise_ids = fields.One2many("collection.promise", "case_id", string="Promises", readonly=True)
    notice_ids = fields.One2many("collection.notice", "case_id", string="Notices", readonly=True)
    document_ids = fields.One2many("loan.document", "collection_case_id", string="Documents", readonly=True)
    last_demand_date = fields.Date(
        readonly=True, track_visibility="onchange",
        help="Latest written demand proven served: it interrupted the limitation period (民法典 第195条).")
    guarantor_contact_point_ids = fields.Many2many(
        "collection.contact.point", compute="_compute_guarantor_contact_point_ids",
        string="Guarantors' Contact Points")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "The case number must be unique."),
    ]

    @api.depends("stage")
    def _compute_is_open(self):
        for case in self:
            case.is_open = case.stage in OPEN_STAGES

    @api.model
    def _expand_stages(self, stages, domain, order):
        return [key for key, _label in STAGES]

    @api.depends("contract_id.guarantee_ids.partner_id")
    def _compute_guarantor_contact_point_ids(self):
        for case in self:
            case.guarantor_contact_point_ids = case.contract_id.guarantee_ids.mapped(
                "partner_id.contact_point_ids")

    @api.onchange("overdue_reason")
    def _onchange_overdue_reason(self):
        if self.overdue_reason:
            self.risk_level = REASON_RISK[self.overdue_reason]

    @api.constrains("fees_amount")
    def _check_fees_amount(self):
        for case in self:
            if case.fees_amount < 0:
                raise ValidationError(_("The fees of case %s cannot be negative (%s): enter the costs of realising "
                                        "the claim charged to the debtor as a positive amount.")
                                      % (case.name, case.fees_amount))

    @api.model
    def _write_hints(self):
        return {
            "stage": _("the stage changes only through the case's actions (log a contact, record a notice served, "
                       "Transfer to Legal, write-off); the daily run settles paid cases"),
            "party_ids": _("the parties are the debtor and the guarantors of the contract; change the contract's "
                           "guarantees instead"),
            "last_demand_date": _("it is the latest demand proven served: record the service on the notice"),
            "office_user_id": _("a case changes hands through Reassign (with the reason) or the allocation rules"),
            "field_user_id": _("a case changes hands through Reassign (with the reason) or the allocation rules"),
        }

    @api.model
    def create(self, vals):
        if not field_policy.is_trusted(self.env):
            raise AccessError(_("Collection cases are opened by the daily run from the overdue installments; "
                                "they cannot be created by hand."))
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("collection.case") or "/"
        case = super(CollectionCase, self).create(vals)
        case._sync_parties()
        return case

    @api.multi
    def write(self, vals):
        """Refuses the fields the user's role may not write (CASE_WRITERS)."""
        field_policy.check_write(self, vals, CASE_WRITERS, self._write_hints())
        return super(CollectionCase, self).write(vals)

    @api.multi
    def unlink(self):
        if not self.env.user.has_group("base.group_system"):
            raise UserError(_("Collection cases are records of the collection history and cannot be deleted. "
                              "Close or write off the case instead."))
        return super(CollectionCase, self).unlink()

    @api.multi
    def _sync_parties(self):
        """Keep party_ids = the debtor and the contract's guarantors (they drive record rules)."""
        for case in self:
            partners = case.partner_id | case.contract_id.guarantee_ids.mapped("partner_id")
            if set(partners.ids) != set(case.party_ids.ids):
                case.sudo().party_ids = [(6, 0, partners.ids)]

    # Daily run -----------------------------------------------------------------------------

    @api.model
    @api.returns("collection.run", lambda run: run.id)
    def run_daily(self, date=None):
        """The daily collection run for `date` (today by default); see collection.run."""
        return self.env["collection.run"].run(date)

    @api.model
    def _cron_run_daily(self):
        self.run_daily()

    @api.multi
    def action_refresh(self):
        """Bring amounts, days and tasks up to date now (the same as the daily run, for today)."""
        self.run_daily()
        return True

    # Legal hand-over ------------------------------------------------------------------------

    @api.multi
    def action_transfer_to_legal(self):
        """Hand the case over to the legal team (managers): its installments are marked in
        litigation, which stops reminders and tasks, and loan_legal opens the legal case."""
        if not self.env.user.has_group("loan_collection.group_collection_manager"):
            raise AccessError(_("Only a collection manager can transfer a case to the legal team."))
        for case in self:
            if case.stage not in OPEN_STAGES:
                raise UserError(_("Case %s is %s: only an open case can be transferred to the legal team.")
                                % (case.name, dict(STAGES)[case.stage]))
        self.mapped("contract_id.invoice_ids").filtered(lambda i: i.state == "open").sudo().write(
            {"in_litigation": True})
        tasks = self.mapped("task_ids").filtered(lambda t: t.state == "todo")
        tasks.mapped("activity_id").sudo().unlink()
        tasks.sudo().write({"state": "cancelled"})
        self.sudo().write({"stage": "legal", "date_closed": business_today(self),
                    "to_escalate": False, "next_step_id": False, "next_action_date": False})
        for case in self:
            case._loan_note(_("Transferred to the legal team by %s.") % self.env.user.name)
        return self._handover_to_legal()

    @api.multi
    def _handover_to_legal(self):
        """Hook for loan_legal: open the legal cases and return an action showing them."""
        return True

    @api.multi
    def _limitation_interruptions(self):
        """Dates that interrupted the limitation period of the claim (民法典 第195条): each
        partial payment (the debtor's agreement to perform), each written demand served, each
        acknowledgment recorded. Sorted, without duplicates."""
        self.ensure_one()
        installments = self.contract_id.invoice_ids.filtered(lambda i: i.state in ("open", "paid"))
        dates = set(installments.mapped("payment_move_line_ids.date"))
        cases = self.search([("contract_id", "=", self.contract_id.id)]).sudo()
        # Demands proven delivered (诉讼时效规定 第八条) ...
        dates |= set(cases.mapped("notice_ids").filtered(lambda n: n.state == "served").mapped("date_served"))
        # ... and the debtor's agreement to perform: a written acknowledgment or a promise to pay.
        logs = cases.mapped("contact_log_ids").filtered(
            lambda l: l.party == "debtor" and l.outcome in ("acknowledged", "promise") and not l.corrected_by_ids)
        dates |= {l._local(l.date, business_tz(l.case_id)).date().isoformat() for l in logs}
        return sorted(d for d in dates if d)

    # Collectors' actions ---------------------------------------------------------------------

    @api.multi
    def action_log_contact(self):
        """The contact log form for this case, ready to fill in (two clicks from the case)."""
        self.ensure_one()
        point = self.partner_id.contact_point_ids.filtered(lambda p: p.status == "valid" and p.kind == "phone")[:1]
        context = dict(self.env.context, default_case_id=self.id, default_contact_point_id=point.id)
        return self.env["collection.contact.log"]._form_action(context)

    @api.multi
    def action_generate_notice(self):
        """The overdue collection notice to the debtor (the policy's "serve notice" step)."""
        self.ensure_one()
        notice = self.env["collection.notice"].create({
            "case_id": self.id, "kind": "overdue_notice", "partner_id": self.partner_id.id})
        return notice._open_action()

    @api.multi
    def _generate_documents(self, doc_type):
        """Documents of doc_type for these cases (the bulk document wizard calls this)."""
        notices = self.env["collection.notice"]
        for case in self:
            if doc_type == "overdue_notice":
                notices |= notices.create({"case_id": case.id, "kind": doc_type, "partner_id": case.partner_id.id})
            elif doc_type == "guarantor_demand":
                for guarantor in case._demanded_guarantors():
                    notices |= notices.create({"case_id": case.id, "kind": doc_type, "partner_id": guarantor.id})
            else:
                raise UserError(_("A collection case has no document of this type."))
        return self.env["loan.document"].search([("attachment_id", "in", notices.mapped("attachment_id").ids)])

    @api.multi
    def _demanded_guarantors(self):
        """Who gets the company's demand letter: the givers of the guarantees owed to the company
        (a counter-guarantor answers to the guarantor: services/guarantee.py), other than the
        borrower himself (his own mortgage makes him no guarantor)."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        guarantors = contract.guarantee_ids._answers_to_company()._third_party().mapped("partner_id")
        if not guarantors:
            raise UserError(_("Contract %s has no guarantor, mortgagor or pledgor answering to the company to send "
                              "a demand to (a counter-guarantor answers to the guarantor, and a borrower's own "
                              "mortgage makes him no guarantor).") % contract.name)
        return guarantors.sudo(self.env.uid)

    @api.multi
    def action_generate_guarantor_demands(self):
        """A demand letter to each guarantor, mortgagor and pledgor answering to the company."""
        self.ensure_one()
        guarantors = self._demanded_guarantors()
        notices = self.env["collection.notice"]
        for guarantor in guarantors:
            notices |= notices.create({"case_id": self.id, "kind": "guarantor_demand", "partner_id": guarantor.id})
        return notices._open_action()

    @api.multi
    def action_view_tasks(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.collection_task_action").read()[0]
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {}
        return action
