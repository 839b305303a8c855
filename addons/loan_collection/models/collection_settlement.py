# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settlements (减免 / 和解): the lender waives part of what a case owes if the debtor pays the
rest by a date.

1. The case's collector (or a manager) requests it: a partial waiver of given amounts of penalty
   interest, costs, interest or principal, or a lump sum (一次性结清) that waives the rest, penalty
   interest first (services/settlement.py); with the debtor's hardship (the overdue-reason classes
   of the collection programme), the reason and the evidence attached.
2. Submitted, it waits for a user of the approval tier its waiver needs (by amount, share of what is
   owed, and whether principal is waived: collection.settlement.tier) or of a higher one, other than
   the requester (four-eyes). Approval recomputes the figures on the day and fixes, per component,
   what the debtor pays: money received until the pay-by date pays those amounts only
   (collection.recovery._allocation_plan reads ``_settlement_caps``).
3. Once what the settlement asks is paid, the waiver is booked (民法典 第575条: the release ends that
   part of the debt): interest and principal still unpaid on the installments the settlement covers
   are credited by credit notes (interest reversing interest income, principal to the write-off
   account), the penalty interest and costs (memorandum figures) are cleared on the case. Nothing
   is booked before: a settlement not paid by its date lapses (the daily run) and the debt stays
   whole, less what was paid.
"""
import datetime
from datetime import timedelta
from decimal import Decimal

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import settlement as rules
from ..services.allocation import to_fen
from ..services.money import fen
from .collection_case import ACTIVE_STAGES, OVERDUE_REASONS
from .collection_case_finance import MANAGER_GROUP
from .res_company import business_today
from .base_input_guard import user_defaults_only

COLLECTOR_GROUPS = ("loan_collection.group_collector_office", "loan_collection.group_collector_field")
SENIOR_GROUP = "loan_collection.group_settlement_approver"
# What the requester gives; the figures, the tier, the people and the dates are the server's.
# A restructuring's plan (collection_restructuring.py).
PLAN_TERMS = ("plan_count", "plan_first_due", "freeze_interest", "revoke_on_break", "grace_days")
USER_FIELDS = {"case_id", "kind", "waive_principal", "waive_interest", "waive_penalty", "waive_costs",
               "lump_sum", "date_due", "hardship_reason", "reason"} | set(PLAN_TERMS)
MAIL_FIELDS = {"message_follower_ids", "message_last_post"}
OPEN_STATES = ("draft", "submitted", "approved")
# The longest pay-by period a settlement gives: a longer plan is a restructuring in instalments.
MAX_DAYS_TO_PAY = 90
STATES = [
    ("draft", "Draft"),
    ("submitted", "Waiting for Approval"),
    ("approved", "Approved, Waiting for Payment"),
    ("fulfilled", "Fulfilled"),
    ("lapsed", "Lapsed"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]


def is_date(value):
    """Whether `value` is a date as YYYY-MM-DD, exactly (Odoo's own parser reads the first ten
    characters and lets '2026-12-27xyz' through to PostgreSQL)."""
    try:
        datetime.datetime.strptime(value, "%Y-%m-%d")
    except (TypeError, ValueError):
        return False
    return True


class CollectionSettlementTier(models.Model):
    """Who may approve which waiver: the first tier (by sequence) whose limits cover a request is
    the one it needs; a user of that tier's group or of a later tier's approves it."""
    _name = "collection.settlement.tier"
    _description = "Settlement Approval Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    group_id = fields.Many2one("res.groups", string="Approved By", required=True, ondelete="restrict",
                               help="The users of this group approve the waivers of this tier.")
    max_amount = fields.Monetary(string="Largest Waiver", help="0: no limit.")
    max_ratio = fields.Float(string="Largest Share Waived (%)", digits=(5, 2),
                             help="The waiver as a share of everything owed; 0: no limit.")
    allow_principal = fields.Boolean(string="May Waive Principal")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("limits_positive", "CHECK(max_amount >= 0 AND max_ratio >= 0 AND max_ratio <= 100)",
         "A tier's limits are 0 (no limit) or positive, and its share at most 100%."),
    ]

    def _check_configurer(self):
        # The tiers are the limits of the managers' own authority: they do not set them.
        if not (self.env.user.has_group(SENIOR_GROUP) or self.env.user.has_group("base.group_system")):
            raise AccessError(_("Only a senior settlement approver or an administrator configures the approval "
                                "tiers of settlements."))

    @api.model
    def _check_limits(self, vals):
        try:
            amount, ratio = to_fen(vals.get("max_amount") or 0), to_fen(vals.get("max_ratio") or 0)
        except ValueError:
            raise ValidationError(_("A tier's largest waiver and largest share are numbers (0: no limit)."))
        if amount < 0 or not 0 <= ratio <= 100:
            raise ValidationError(_("A tier's largest waiver is 0 (no limit) or more, and its largest share "
                                    "between 0 (no limit) and 100%."))

    @api.model
    def create(self, vals):
        self._check_configurer()
        self._check_limits(vals)
        return super(CollectionSettlementTier, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_configurer()
        self._check_limits(dict({"max_amount": 0, "max_ratio": 0}, **vals))
        return super(CollectionSettlementTier, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_configurer()
        if self.env["collection.settlement"].sudo().search_count([("tier_id", "in", self.ids)]):
            raise UserError(_("A tier that settlements needed is part of their record: archive it instead."))
        return super(CollectionSettlementTier, self).unlink()

    @api.model
    def _ordered(self, company):
        return self.sudo().search([("company_id", "=", company.id)], order="sequence, id")

    def _as_rule(self):
        return rules.Tier(self.id, fen(self.max_amount) or None, self.max_ratio or None, self.allow_principal)


class CollectionSettlement(models.Model):
    _name = "collection.settlement"
    _description = "Waiver Settlement"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, index=True,
                              ondelete="restrict", readonly=True, states={"draft": [("readonly", False)]})
    contract_id = fields.Many2one(related="case_id.contract_id", store=True, readonly=True, string="Loan Contract")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    company_id = fields.Many2one(related="case_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    kind = fields.Selection([("waiver", "Partial Waiver"), ("lump_sum", "Lump-sum Settlement")],
                            required=True, default="waiver", readonly=True, states={"draft": [("readonly", False)]},
                            help="Partial waiver: the amounts waived are given. Lump sum (一次性结清): the debtor "
                                 "pays the sum given and the rest is waived, penalty interest first.")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, index=True,
                             track_visibility="onchange")
    hardship_reason = fields.Selection(OVERDUE_REASONS, string="Debtor's Hardship", readonly=True,
                                       states={"draft": [("readonly", False)]},
                                       help="Why the debtor cannot pay in full: the overdue-reason class, "
                                            "proven by the evidence attached.")
    reason = fields.Text(string="Reason and Evidence", readonly=True, states={"draft": [("readonly", False)]},
                         help="What the debtor asked, why the waiver serves the lender, and the evidence "
                              "attached (income proof, medical records, the business's accounts…).")
    date_due = fields.Date(string="Pay By", readonly=True, states={"draft": [("readonly", False)]},
                           help="The debtor pays what the settlement asks by this day, or it lapses.")
    lump_sum = fields.Monetary(string="Lump Sum Paid", readonly=True, states={"draft": [("readonly", False)]})
    waive_principal = fields.Monetary(string="Principal Waived", readonly=True,
                                      states={"draft": [("readonly", False)]})
    waive_interest = fields.Monetary(string="Interest Waived", readonly=True,
                                     states={"draft": [("readonly", False)]})
    waive_penalty = fields.Monetary(string="Penalty Interest Waived", readonly=True,
                                    states={"draft": [("readonly", False)]})
    waive_costs = fields.Monetary(string="Costs Waived", readonly=True, states={"draft": [("readonly", False)]})
    # Set by the server from the case on the day (request, submission, approval).
    date_figures = fields.Date(string="Figures of", readonly=True)
    owed_principal = fields.Monetary(string="Principal Owed", readonly=True)
    owed_interest = fields.Monetary(string="Interest Owed", readonly=True)
    owed_penalty = fields.Monetary(string="Penalty Interest Owed", readonly=True)
    owed_costs = fields.Monetary(string="Costs Owed", readonly=True)
    owed_total = fields.Monetary(string="Total Owed", readonly=True)
    waived_total = fields.Monetary(string="Total Waived", readonly=True)
    penalty_allowance = fields.Monetary(
        string="Penalty Interest Accruing to Pay-by", readonly=True,
        help="At most the penalty interest the covered installments accrue from the figures' day to the pay-by "
             "date: waived with the rest once paid, so the tier approving the settlement is chosen with it.")
    waived_ratio = fields.Float(string="Share Waived (%)", digits=(5, 2), readonly=True, group_operator="avg")
    amount_to_pay = fields.Monetary(string="Debtor Pays", readonly=True,
                                    help="What the lender gets: everything owed less the waiver.")
    amount_paid = fields.Monetary(string="Paid So Far", readonly=True,
                                  help="What the recoveries registered under the settlement paid of it.")
    tier_id = fields.Many2one("collection.settlement.tier", string="Approval Tier", readonly=True,
                              ondelete="restrict")
    requested_by_id = fields.Many2one("res.users", string="Requested By", readonly=True, index=True)
    date_requested = fields.Date(readonly=True)
    approved_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, index=True)
    date_approved = fields.Date(string="Decided On", readonly=True)
    decision_note = fields.Text(string="Decision Note", readonly=True,
                                help="Why the approver refused (required to refuse), or a condition of the approval.")
    date_closed = fields.Date(string="Closed On", readonly=True)
    installment_ids = fields.Many2many("account.invoice", "collection_settlement_invoice_rel", "settlement_id",
                                       "invoice_id", string="Installments Covered", readonly=True,
                                       help="The installments due when the settlement was approved (and those "
                                            "carrying penalty interest): the waiver is booked on them.")
    recovery_ids = fields.One2many("collection.recovery", "settlement_id", string="Recoveries", readonly=True)
    refund_ids = fields.One2many("account.invoice", "settlement_id", string="Credit Notes and Installments",
                                 readonly=True)
    booked_principal = fields.Monetary(string="Principal Waived (Booked)", readonly=True)
    booked_interest = fields.Monetary(string="Interest Waived (Booked)", readonly=True)
    booked_penalty = fields.Monetary(string="Penalty Interest Waived (Booked)", readonly=True)
    booked_costs = fields.Monetary(string="Costs Waived (Booked)", readonly=True)
    booked_total = fields.Monetary(string="Total Waived (Booked)", readonly=True)

    _sql_constraints = [
        ("amounts_positive", "CHECK(lump_sum >= 0 AND waive_principal >= 0 AND waive_interest >= 0 "
                             "AND waive_penalty >= 0 AND waive_costs >= 0)", "Amounts cannot be negative."),
    ]

    @api.model_cr
    def init(self):
        # One settlement in progress per case: the allocation of its recoveries reads it.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS collection_settlement_one_open
                ON collection_settlement (case_id) WHERE state IN ('draft', 'submitted', 'approved')
        """)

    # Figures ---------------------------------------------------------------------------------

    @api.model
    def _owed(self, case, date):
        """What `case` owes on `date` ({component: Decimal}) and the installments it is owed on."""
        dues = self.env["collection.recovery"]._dues(case, date)
        owed = {key: dues["dues"][key] for key in rules.COMPONENTS}
        return owed, dues["installments"] | dues["penalty_invoices"]

    def _terms(self):
        """What the requester gave: the kind, the lump sum and the amounts waived."""
        self.ensure_one()
        terms = dict({"kind": self.kind, "lump_sum": self.lump_sum, "date_due": self.date_due},
                     **{"waive_" + key: self["waive_" + key] for key in rules.COMPONENTS})
        terms.update({name: self[name] for name in PLAN_TERMS})
        return terms

    @api.model
    def _figures(self, case, terms, date):
        """The figures of a settlement of `case` on `terms` (see _terms) on `date`, as field values,
        checked first: raises UserError, in the user's language, when the waiver does not fit what the
        case owes. Returns (values, installments owed on)."""
        case = case.sudo()
        if terms.get("kind") == "restructuring":
            return self._plan_figures(case, terms, date)
        owed, installments = self._owed(case, date)
        owed_total = rules.total(owed)
        if not owed_total:
            raise UserError(_("Case %s owes nothing due today: there is nothing to settle.") % case.name)
        if terms.get("kind") == "lump_sum":
            lump = fen(terms.get("lump_sum") or 0)
            if lump <= 0 or lump >= owed_total:
                raise UserError(_("The lump sum (%s) must be more than 0 and less than what case %s owes today "
                                  "(%s).") % (lump, case.name, owed_total))
            waived = rules.lump_sum_waiver(owed, lump)
        else:
            waived = {key: fen(terms.get("waive_" + key) or 0) for key in rules.COMPONENTS}
            labels = {"principal": _("principal"), "interest": _("interest"), "penalty": _("penalty interest"),
                      "costs": _("costs")}
            problems = []
            for key, due, amount in rules.waiver_errors(owed, waived):
                # (not in a generator expression: _() finds the user's language in its caller's frame)
                problems.append(_("%s waived %s, owed %s") % (labels[key], amount, due))
            if problems:
                raise UserError(_("The waiver does not fit what case %s owes today: %s. Waive at most what is "
                                  "owed of each.") % (case.name, "; ".join(problems)))
        waived_total = rules.total(waived)
        if not waived_total:
            raise UserError(_("The settlement waives nothing: give the amounts waived, or the lump sum the "
                              "debtor pays."))
        if waived_total >= owed_total:
            raise UserError(_("The settlement would waive everything case %s owes: a debt that cannot be "
                              "recovered at all is written off (Request Write-off), not settled.") % case.name)
        vals = {"date_figures": date, "owed_total": float(owed_total), "waived_total": float(waived_total),
                "penalty_allowance": float(self._penalty_allowance(case, installments, date, terms.get("date_due"))),
                "waived_ratio": float(rules.ratio(owed, waived)),
                "amount_to_pay": float(owed_total - waived_total)}
        for key in rules.COMPONENTS:
            vals["owed_" + key] = float(owed[key])
            vals["waive_" + key] = float(waived[key])
        return vals, installments

    @api.model
    def _penalty_allowance(self, case, installments, date, date_due):
        """An upper bound of the penalty interest the overdue installments among `installments`
        accrue from `date` to `date_due` at the contract's overdue rate: on their residual now, over
        a 360-day year (the shortest of the day-count bases, services/aging.PENALTY_BASIS)."""
        if not date_due or date_due <= date:
            return fen(0)
        days = (fields.Date.from_string(date_due) - fields.Date.from_string(date)).days
        rate = Decimal(str(case.contract_id.overdue_rate or 0)) / 100
        base = sum((fen(i.residual) for i in installments
                    if i.state == "open" and i.type == "out_invoice" and i.date_due and i.date_due < date), fen(0))
        return fen(base * rate * days / 360)

    def _refresh_figures(self, date):
        """Compute and write the figures of these settlements on `date`; returns the installments
        owed on (of the last one)."""
        installments = self.env["account.invoice"]
        for settlement in self:
            figures, installments = self._figures(settlement.case_id, settlement._terms(), date)
            settlement._write_server(figures)
        return installments

    def _required_tier(self):
        """The approval tier the settlement's waiver needs (raises UserError when none may approve it)."""
        self.ensure_one()
        tiers = self.env["collection.settlement.tier"]._ordered(self.company_id)
        waived = {key: fen(self["waive_" + key]) for key in rules.COMPONENTS}
        # With the penalty interest it waives until the pay-by date, and the share unrounded (30.0049%
        # is more than a tier's 30%).
        allowance = fen(self.penalty_allowance)
        counted = dict(waived, penalty=waived["penalty"] + allowance)
        share = rules.share(fen(self.owed_total) + allowance, rules.total(counted))
        key = rules.required_tier([t._as_rule() for t in tiers], (counted, share))
        if not key:
            raise UserError(_("No approval tier may approve a waiver of %s (%s%% of what is owed%s): ask an "
                              "administrator to set the tiers (Configuration › Settlement Approval Tiers), or "
                              "waive less.") % (
                rules.total(counted), share.quantize(Decimal("0.01")),
                _(", principal included") if waived["principal"] else ""))
        return tiers.browse(key)

    def _may_approve(self, user):
        """Whether `user` has the authority of the settlement's tier (its group or a later tier's)."""
        tiers = self.env["collection.settlement.tier"]._ordered(self.company_id)
        ids = tiers.ids
        eligible = tiers.browse(ids[ids.index(self.tier_id.id):]) if self.tier_id.id in ids else self.tier_id
        return bool(eligible.mapped("group_id") & user.groups_id)

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def _check_requester(self, case):
        user = self.env.user
        if not any(user.has_group(group) for group in COLLECTOR_GROUPS + (MANAGER_GROUP,)):
            raise AccessError(_("Only a collector of the case or a collection manager requests a settlement."))
        # The collector's own cases only (the record rules of collection.case).
        case.check_access_rights("read")
        case.check_access_rule("read")
        if case.stage not in ACTIVE_STAGES:
            raise UserError(_("Case %s is closed: only an open case or one with the legal team can be settled.")
                            % case.name)

    @api.model
    def _check_input(self, vals):
        if vals.get("kind", "waiver") not in ("waiver", "lump_sum", "restructuring"):
            raise ValidationError(_("Choose the kind of settlement: a partial waiver, a lump sum or a restructuring."))
        for name in ("lump_sum", "waive_principal", "waive_interest", "waive_penalty", "waive_costs"):
            if name in vals:
                try:
                    amount = to_fen(vals[name] or 0)  # refuses NaN and infinity too
                except ValueError:
                    raise ValidationError(_("%s is not an amount of money.") % (vals[name],))
                if amount < 0:
                    raise ValidationError(_("Amounts of a settlement cannot be negative (%s).") % amount)
        if vals.get("hardship_reason") and vals["hardship_reason"] not in dict(OVERDUE_REASONS):
            raise ValidationError(_("Choose the debtor's hardship among the overdue-reason classes."))
        if vals.get("date_due") and not is_date(vals["date_due"]):
            raise ValidationError(_("%s is not a date: give the pay-by date as YYYY-MM-DD.") % (vals["date_due"],))

    @api.model
    def create(self, vals):
        """A draft settlement of a case, by its collector or a manager: the figures of the day are
        computed and checked at once."""
        protected = set(vals) - USER_FIELDS
        if vals.get("name", "/") == "/":
            protected.discard("name")
        if vals.get("state", "draft") == "draft":
            protected.discard("state")
        if protected:
            raise AccessError(_("These fields of a settlement are set by the server: %s. Give the case, the kind, "
                                "the amounts, the pay-by date, the hardship and the reason.")
                              % ", ".join(sorted(protected)))
        # The kind the context's default gives is the one checked (and stored).
        vals = dict(vals, kind=vals.get("kind") or self.env.context.get("default_kind") or "waiver")
        case_id = vals.get("case_id")
        case = self.env["collection.case"].browse(case_id).exists() if isinstance(case_id, int) else None
        if not case:
            raise ValidationError(_("A settlement needs its collection case."))
        self._check_requester(case)
        self._check_input(vals)
        if self.sudo().search_count([("case_id", "=", case.id), ("state", "in", OPEN_STATES)]):
            raise UserError(_("Case %s already has a settlement in progress: finish or cancel it first.") % case.name)
        today = business_today(self)
        # The figures first: a waiver that does not fit writes nothing (not even a sequence number).
        figures, _installments = self._figures(case, vals, today)
        vals = dict(vals, **figures)
        vals.update(name=self.env["ir.sequence"].next_by_code("collection.settlement") or "/",
                    state="draft", requested_by_id=self.env.uid, date_requested=today)
        # Nor through the context's defaults (default_approved_by_id...).
        return super(CollectionSettlement, user_defaults_only(self, USER_FIELDS)).create(vals)

    @api.multi
    def write(self, vals):
        """The requester changes a draft (its figures are recomputed); everything else is the
        actions' (submit, approve, refuse, cancel) and the recoveries'."""
        if set(vals) <= MAIL_FIELDS:
            return super(CollectionSettlement, self).write(vals)
        self.check_access_rights("write")
        self.check_access_rule("write")
        if "decision_note" in vals and set(vals) == {"decision_note"}:
            # The approver's note, while the settlement waits for the decision.
            for settlement in self:
                settlement._check_decider()
            return self._write_server(vals)
        protected = set(vals) - (USER_FIELDS - {"case_id"})
        if protected:
            raise AccessError(_("These fields of a settlement are set by the server: %s. The requester changes a "
                                "draft's amounts, pay-by date, hardship and reason; the rest follows from the "
                                "actions.") % ", ".join(sorted(protected)))
        self._check_input(vals)
        self._check_own_draft()
        today = business_today(self)
        for settlement in self:
            # Checked before anything is written.
            self._figures(settlement.case_id, dict(settlement._terms(), **vals), today)
        result = self._write_server(vals)
        self._refresh_figures(today)
        return result

    @api.multi
    def _write_server(self, vals):
        """The server's own writes (the public write refuses the figures, states and people)."""
        return super(CollectionSettlement, self.sudo()).write(vals)

    @api.multi
    def unlink(self):
        self._check_own_draft()
        return super(CollectionSettlement, self.sudo()).unlink()

    def _check_own_draft(self):
        """A draft is its requester's to change, submit or delete; once submitted it is part of the
        case's record (its evidence sealed) and only the actions change it."""
        for settlement in self:
            if settlement.state != "draft":
                raise UserError(_("Settlement %s was submitted: it is part of the case's record and cannot be "
                                  "changed, submitted again or deleted. Cancel it and request a new one if the "
                                  "terms changed.") % settlement.name)
            if settlement.requested_by_id != self.env.user:
                raise AccessError(_("Only %s, who requested settlement %s, can change, submit or delete its draft.")
                                  % (settlement.requested_by_id.name, settlement.name))

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        """Files come with the request, by its requester, while it is a draft: once submitted its
        evidence is sealed (a file posted in the chatter would be new evidence after the decision)."""
        # (attachments is message_post's sixth argument)
        if kwargs.get("attachment_ids") or kwargs.get("attachments") or (len(args) > 5 and args[5]):
            self._check_evidence_change()
        return super(CollectionSettlement, self).message_post(*args, **kwargs)

    def _check_evidence_change(self):
        if self.env.uid == SUPERUSER_ID:
            return
        for settlement in self.sudo():
            if settlement.state != "draft":
                raise UserError(_("A submitted settlement cannot receive new files: it is decided on the evidence "
                                  "it was submitted with. Cancel it and request a new one with the new evidence."))
            if settlement.requested_by_id != self.env.user:
                raise AccessError(_("Only %s, who requested settlement %s, adds or removes its evidence.")
                                  % (settlement.requested_by_id.name, settlement.name))

    # Actions ---------------------------------------------------------------------------------

    def _check_pay_by(self, today):
        if not self.date_due:
            raise UserError(_("Give the day by which the debtor pays (Pay By)."))
        if self.date_due < today:
            raise UserError(_("The pay-by date of settlement %s (%s) has passed: cancel it and request a new one.")
                            % (self.name, self.date_due))
        limit = fields.Date.to_string(fields.Date.from_string(today) + timedelta(days=MAX_DAYS_TO_PAY))
        if self.date_due > limit:
            raise UserError(_("A settlement gives at most %s days to pay (until %s): a longer plan is a "
                              "restructuring.") % (MAX_DAYS_TO_PAY, limit))

    @api.multi
    def action_submit(self):
        """Submit the draft for approval: the figures of today, the tier their waiver needs."""
        today = business_today(self)
        self._check_own_draft()
        for settlement in self:
            if not settlement.hardship_reason:
                raise UserError(_("Classify the debtor's hardship (the overdue reason) before submitting."))
            if not (settlement.reason or "").strip():
                raise UserError(_("Give the reason for the settlement and describe the evidence attached."))
            settlement._check_pay_by(today)
            settlement._refresh_figures(today)
            tier = settlement._required_tier()
            settlement._write_server({"state": "submitted", "tier_id": tier.id})
            settlement.case_id.sudo(self.env.uid)._loan_note(
                _("Settlement %s submitted by %s: %s owed, %s waived (%s%%), the debtor pays %s by %s. "
                  "Approval: %s.") % (settlement.name, self.env.user.name, fen(settlement.owed_total),
                                      fen(settlement.waived_total), settlement.waived_ratio,
                                      fen(settlement.amount_to_pay), settlement.date_due,
                                      tier._in_user_language().name))
        return True

    def _check_decider(self):
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(_("Settlement %s is not waiting for approval.") % self.name)
        if self.requested_by_id == self.env.user:
            raise AccessError(_("You requested settlement %s: another person must decide it (four-eyes rule).")
                              % self.name)
        if not self._may_approve(self.env.user):
            raise AccessError(_("Settlement %s needs the approval of %s (%s): you do not have that authority.")
                              % (self.name, self.tier_id._in_user_language().name,
                                 self.tier_id._in_user_language().group_id.name))

    @api.multi
    def action_approve(self):
        """Approve: the figures of today (the tier they need must still be within the approver's
        authority), the installments the waiver will be booked on, what the debtor pays of each."""
        today = business_today(self)
        for settlement in self:
            settlement._check_decider()
            if settlement.case_id.stage not in ACTIVE_STAGES:
                raise UserError(_("Case %s is no longer open: the settlement cannot be approved.")
                                % settlement.case_id.name)
            settlement._check_pay_by(today)
            installments = settlement._refresh_figures(today)
            tier = settlement._required_tier()
            settlement._write_server({"tier_id": tier.id})
            if not settlement._may_approve(self.env.user):
                raise UserError(_("What case %s owes changed since the request: the waiver now needs %s. Ask a "
                                  "user with that authority.") % (settlement.case_id.name, tier._in_user_language().name))
            settlement._write_server({"state": "approved", "approved_by_id": self.env.uid, "date_approved": today,
                                      "installment_ids": [(6, 0, installments.ids)]})
            settlement.case_id.sudo(self.env.uid)._loan_note(
                _("Settlement %s approved by %s: the debtor pays %s by %s; %s is waived once paid.")
                % (settlement.name, self.env.user.name, fen(settlement.amount_to_pay), settlement.date_due,
                   fen(settlement.waived_total)))
        return True

    @api.multi
    def action_refuse(self):
        """Refuse, with the reason written in the Decision Note."""
        for settlement in self:
            settlement._check_decider()
            if not (settlement.decision_note or "").strip():
                raise UserError(_("Write why the settlement is refused in the Decision Note, then refuse it."))
            settlement._write_server({"state": "refused", "approved_by_id": self.env.uid,
                                      "date_approved": business_today(self), "date_closed": business_today(self)})
            settlement.case_id.sudo(self.env.uid)._loan_note(
                _("Settlement %s refused by %s: %s") % (settlement.name, self.env.user.name, settlement.decision_note))
        return True

    @api.multi
    def action_cancel(self):
        """Withdraw: the requester (a draft or a submitted one), a collection manager (an approved one
        the debtor will not pay). Recoveries already registered stay as they were allocated."""
        for settlement in self:
            if settlement.state not in OPEN_STATES:
                raise UserError(_("Settlement %s is closed.") % settlement.name)
            manager = self.env.user.has_group(MANAGER_GROUP)
            if settlement.state == "approved" and not manager:
                raise AccessError(_("Only a collection manager cancels an approved settlement."))
            if settlement.state != "approved" and settlement.requested_by_id != self.env.user and not manager:
                raise AccessError(_("Only %s, who requested settlement %s, or a collection manager can cancel it.")
                                  % (settlement.requested_by_id.name, settlement.name))
            settlement._write_server({"state": "cancelled", "date_closed": business_today(self)})
            settlement.case_id.sudo(self.env.uid)._loan_note(
                _("Settlement %s cancelled by %s.") % (settlement.name, self.env.user.name))
        return True

    # Recoveries and the daily run ------------------------------------------------------------

    def _caps(self):
        """What money received under the approved settlement may still pay, per component: what it
        asks of each less what its recoveries paid of it."""
        paid = {key: sum((fen(r["amount_" + key]) for r in self._own_recoveries()), fen(0))
                for key in rules.COMPONENTS}
        return {key: max(fen(self["owed_" + key]) - fen(self["waive_" + key]) - paid[key], fen(0))
                for key in rules.COMPONENTS}

    @api.multi
    def _after_recovery(self, recovery):
        """A recovery was registered under this approved settlement: count it, and book the waiver
        once everything the settlement asks is paid."""
        self.ensure_one()
        self._count_paid()
        if not any(self._caps().values()):
            self._book_waiver(recovery.date)

    def _own_recoveries(self):
        """The posted recoveries of the settlement's own case received under it."""
        return self.recovery_ids.filtered(lambda r: r.state == "posted" and r.case_id == self.case_id)

    def _count_paid(self):
        """What the posted recoveries under the settlement paid of it (their excess beyond it aside)."""
        for settlement in self:
            settlement._write_server({"amount_paid": float(sum(
                (fen(r.amount) - fen(r.amount_excess) for r in settlement._own_recoveries()),
                fen(0)))})

    def _book_waiver(self, date):
        """Book the waiver (see the module docstring) and close the settlement as fulfilled."""
        settlement = self.sudo()
        case = settlement.case_id
        product = case.contract_id.product_id
        _penalty_account, _costs_account, writeoff_account = product._finance_accounts()
        name = _("Settlement %s") % settlement.name
        principal_total = interest_total = fen(0)
        covered = settlement.installment_ids.sorted(lambda i: (i.date_due, i.installment_number, i.id))
        # What the covered installments still owe is what the settlement waives of interest and
        # principal (the money received paid the rest of each, _caps). An installment only knows its
        # residual, so the interest waived is credited first, oldest installment first.
        # Never more than what was approved: anything beyond stays owed.
        interest_left, principal_left = fen(settlement.waive_interest), fen(settlement.waive_principal)
        for invoice in covered.filtered(lambda i: i.state == "open" and i.type == "out_invoice"):
            residual = fen(invoice.residual)
            interest = min(residual, interest_left)
            principal = min(residual - interest, principal_left)
            interest_left -= interest
            principal_left -= principal
            if interest or principal:
                invoice._credit_unpaid(principal, interest, writeoff_account, product.interest_account_id, name,
                                       date, {"settlement_id": settlement.id})
                invoice.write({"settlement_id": settlement.id})
                principal_total += principal
                interest_total += interest
        # The penalty interest approved, and what accrued since up to the allowance the tier counted.
        penalty_total, costs = settlement._clear_penalty_and_costs(
            fen(settlement.waive_penalty) + fen(settlement.penalty_allowance))
        total = principal_total + interest_total + penalty_total + costs
        settlement._write_server({
            "state": "fulfilled", "date_closed": date, "booked_principal": float(principal_total),
            "booked_interest": float(interest_total), "booked_penalty": float(penalty_total),
            "booked_costs": float(costs), "booked_total": float(total)})
        case._refresh_amounts()
        case._loan_note(_("Settlement %s fulfilled: %s paid, waived principal %s, interest %s, penalty interest "
                          "%s, costs %s.") % (settlement.name, fen(settlement.amount_paid), principal_total,
                                              interest_total, penalty_total, costs))

    def _clear_penalty_and_costs(self, penalty_limit):
        """Waive the penalty interest of the covered installments, up to `penalty_limit`, oldest
        first, and the costs the settlement waives (of those still owed): the memorandum figures
        the waiver clears. Returns (penalty, costs) waived."""
        settlement = self.sudo()
        penalty_total, penalty_left = fen(0), penalty_limit
        covered = settlement.installment_ids.sorted(lambda i: (i.date_due, i.installment_number, i.id))
        for invoice in covered.filtered(lambda i: i.penalty_interest > 0):
            penalty = min(fen(invoice.penalty_interest), penalty_left)
            penalty_left -= penalty
            penalty_total += penalty
            invoice.write({"penalty_interest": float(fen(invoice.penalty_interest) - penalty)})
        case = settlement.case_id
        costs = min(case._recovery_costs_due(), fen(settlement.waive_costs))
        if costs:
            case.write({"written_off_costs": float(fen(case.written_off_costs) + costs)})
        return penalty_total, costs

    @api.model
    def _lapse(self, date):
        """Approved settlements not paid by their date lapse on `date`: nothing was waived, the debt
        stays whole less what was paid, and collection goes on. Returns how many lapsed."""
        # (a restructuring runs until its plan is paid or broken: collection_restructuring.py)
        lapsed = self.sudo().search([("state", "=", "approved"), ("kind", "!=", "restructuring"),
                                     ("date_due", "<", date)])
        for settlement in lapsed:
            settlement._write_server({"state": "lapsed", "date_closed": date})
            settlement.case_id._loan_note(
                _("Settlement %s lapsed: %s of the %s it asked was paid by %s. Nothing is waived; collection "
                  "goes on.") % (settlement.name, fen(settlement.amount_paid), fen(settlement.amount_to_pay),
                                 settlement.date_due))
        return len(lapsed)


class CollectionCase(models.Model):
    _inherit = "collection.case"

    settlement_ids = fields.One2many("collection.settlement", "case_id", string="Settlements", readonly=True)

    @api.multi
    def _running_settlement(self, date):
        """The approved settlement of the case running on `date` (between its approval and its
        pay-by date), if any; an approved restructuring whatever the date (its plan replaced the
        installments: money registered while it runs, even received earlier, pays the plan, never
        what it holds)."""
        self.ensure_one()
        return self.env["collection.settlement"].sudo().search([
            ("case_id", "=", self.id), ("state", "=", "approved"),
            "|", ("kind", "=", "restructuring"), "&", ("date_approved", "<=", date), ("date_due", ">=", date)],
            limit=1)

    @api.multi
    def _settlement_caps(self, date):
        """What money received on `date` may pay of each component ({} when no settlement runs)."""
        settlement = self._running_settlement(date)
        return settlement._caps() if settlement else {}

    @api.multi
    def action_request_settlement(self):
        """A draft settlement of this case (its collector or a manager)."""
        self.ensure_one()
        self.env["collection.settlement"]._check_requester(self)
        return {
            "type": "ir.actions.act_window", "name": _("Request Settlement"), "res_model": "collection.settlement",
            "view_mode": "form", "target": "current", "context": {"default_case_id": self.id},
        }


class CollectionRecovery(models.Model):
    _inherit = "collection.recovery"

    settlement_id = fields.Many2one("collection.settlement", string="Settlement", readonly=True, index=True,
                                    ondelete="restrict",
                                    help="The approved settlement the money was received under: it paid what "
                                         "the settlement asks.")

    @api.multi
    def _post(self):
        settlement = self.case_id._running_settlement(self.date)
        result = super(CollectionRecovery, self)._post()
        if settlement:
            self._write_registration({"settlement_id": settlement.id})
            settlement._after_recovery(self)
        return result

    @api.multi
    def _reverse(self, date, reason):
        """A recovery that fulfilled a settlement paid for its waiver, which is booked: reversing
        the money alone would leave the waiver standing on money never received. Under a settlement
        still running, the reversal only lowers what was paid of it."""
        for recovery in self:
            settlement = recovery.sudo().settlement_id
            if settlement.state == "fulfilled":
                raise UserError(_("Recovery %s fulfilled settlement %s, whose waiver was booked on it: the waiver "
                                  "stands on this money. Ask accounting to cancel the settlement's credit notes "
                                  "before reversing the recovery.") % (recovery.name, settlement.name))
        result = super(CollectionRecovery, self)._reverse(date, reason)
        self.sudo().mapped("settlement_id").filtered(lambda s: s.state == "approved")._count_paid()
        return result


class CollectionWriteoff(models.Model):
    _inherit = "collection.writeoff"

    @api.multi
    def action_approve(self):
        """A case written off ends its settlement or restructuring in progress: nothing is left for
        the debtor to pay under it (the write-off credited every open installment)."""
        cases = self.sudo().mapped("case_id")
        result = super(CollectionWriteoff, self).action_approve()
        today = business_today(self)
        running = self.env["collection.settlement"].sudo().search([("case_id", "in", cases.ids),
                                                                  ("state", "in", OPEN_STATES)])
        for settlement in running:
            settlement._write_server({"state": "cancelled", "date_closed": today})
            settlement.case_id._loan_note(_("Settlement %s cancelled: the case was written off.") % settlement.name)
        return result
