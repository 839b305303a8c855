# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import deadlines, litigation

STAGES = [
    ("preparation", "Preparation"),
    ("filed", "Filed"),
    ("trial", "Trial"),
    ("judgment", "Judgment"),
    ("appeal", "Appeal"),
    ("effective", "Effective"),
    ("enforcement", "Enforcement Applied"),
    ("asset_control", "Asset Search and Control"),
    ("restriction", "Restriction and Listing"),
    ("closed", "Closed"),
]
CLOSING_REASONS = [
    ("recovered", "Recovered in Full"),
    ("settlement", "Settlement"),
    ("terminated", "Terminated without Property"),  # 终结本次执行程序 (终本)
    ("withdrawn", "Withdrawn"),
]
PRESERVATION_STATES = [
    ("none", "Not Applied"),
    ("pre_suit", "Applied before Filing"),      # 诉前保全 (民诉法 第104条)
    ("with_suit", "Applied with the Complaint"),  # 诉讼保全 (民诉法 第103条)
]
MEDIATION_INTENTS = [
    ("willing", "Willing to Mediate"),
    ("unwilling", "Not Willing to Mediate"),
    ("undecided", "Not Decided"),
]
# Contract particulars the legal team supplies on the case when the contract lacks them (an active
# contract is read-only): case field -> contract field; the case's value is used in preference.
CONTRACT_OVERRIDES = {
    "contract_date_signed": "date_signed",
    "contract_place_signed": "place_signed",
    "contract_jurisdiction": "jurisdiction_clause",
    "contract_disbursed_amount": "disbursed_amount",
    "contract_disbursement_date": "disbursement_date",
}
PROCEDURES = [
    ("simple", "Simple Procedure"),              # 简易程序, 民诉法 第160条起
    ("small_claims", "Small-claims Procedure"),  # 小额诉讼, 民诉法 (2023) 第165-169条: 一审终审
    ("ordinary", "Ordinary Procedure"),          # 普通程序
]
CLAIM_BASES = [
    ("overdue", "Overdue Part Only"),
    ("accelerated", "Accelerated: Whole Outstanding Principal"),
]
JUDGMENT_KINDS = [
    ("judgment", "Judgment"),  # 判决: appeal within 15 days (民诉法 第171条)
    ("ruling", "Ruling"),      # 裁定: appeal within 10 days
]

# Who may see the litigation work behind a case: collectors read the case's status only.
LEGAL_GROUP = "loan_legal.group_legal_user"
PARTY_GROUPS = ("loan_legal.group_legal_user,loan_collection.group_collector_office,"
                "loan_collection.group_collector_field")

# Writing one of these may move a stage requirement or the order of the dates.
CHECKED_FIELDS = frozenset(litigation.DATE_ORDER) | {"stage", "court_id", "closing_reason"}
# Writing one of these may move a deadline (or its reminder).
DEADLINE_SOURCE_FIELDS = frozenset([
    "contract_id", "collection_case_id", "stage", "filing_date", "procedure", "trial_extended",
    "judgment_date", "judgment_kind", "judgment_served_date", "appeal_date", "effective_date",
    "performance_days", "enforcement_date", "lawyer_id", "pre_suit_preservation_date"])


# Kept by the transitions and by the product only: never written by a user (not even admin).
STATE_FIELDS = frozenset(["stage", "closing_date"])
# Set by the product (sequence, hand-over, the deadline rows): not written by users.
SYSTEM_FIELDS = frozenset(["handover_fees", "deadline_ids"])
LEGAL_MANAGER_GROUP = "loan_legal.group_legal_manager"


def _to_date(value):
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return fields.Date.from_string(value)


def _to_string(value):
    if not value:
        return False
    return value if isinstance(value, str) else fields.Date.to_string(value)


class LegalCase(models.Model):
    _name = "legal.case"
    _description = "Legal Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "stage_sequence, filing_date desc, id desc"

    name = fields.Char(string="Case Ref.", required=True, copy=False, readonly=True, default="/")
    stage = fields.Selection(STAGES, required=True, default="preparation", index=True, copy=False,
                             track_visibility="onchange", group_expand="_expand_stages")
    stage_sequence = fields.Integer(compute="_compute_stage_sequence", store=True)
    closing_reason = fields.Selection(CLOSING_REASONS, track_visibility="onchange", copy=False)
    closing_date = fields.Date(copy=False, track_visibility="onchange")
    closing_note = fields.Text()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    plaintiff_id = fields.Many2one("res.partner", related="company_id.partner_id", readonly=True,
                                   string="Plaintiff")

    collection_case_id = fields.Many2one("collection.case", string="Collection Case", index=True,
                                         ondelete="restrict", track_visibility="onchange")
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", index=True, ondelete="restrict",
                                  track_visibility="onchange")
    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True,
                                 track_visibility="onchange", help="The borrower: the first defendant.")
    # Finance reads the case (its status and amounts) but not the defendants' lines (issue 11 (9),
    # access table: legal.case.party is for the legal team, collectors and collection managers).
    party_ids = fields.One2many("legal.case.party", "case_id", string="Defendants", copy=True,
                                groups=PARTY_GROUPS)
    defendant_ids = fields.Many2many("res.partner", compute="_compute_defendant_ids", string="Defendant Partners")
    defendant_names = fields.Char(compute="_compute_defendant_ids", string="Defendants Named")

    court_id = fields.Many2one("legal.court", string="Court", track_visibility="onchange")
    case_number = fields.Char(string="First-instance Case No.", track_visibility="onchange",
                              help="As on the acceptance notice, e.g. （2026）浙0106民初1234号.")
    appeal_case_number = fields.Char(string="Appeal Case No.", track_visibility="onchange",
                                     help="e.g. （2026）浙01民终567号.")
    appeal_court_id = fields.Many2one("legal.court", string="Appeal Court")
    enforcement_case_number = fields.Char(string="Enforcement Case No.", track_visibility="onchange",
                                          help="e.g. （2026）浙0106执890号.")
    enforcement_court_id = fields.Many2one("legal.court", string="Enforcement Court")
    judge = fields.Char(string="Judge")
    clerk = fields.Char(string="Court Clerk")
    lawyer_id = fields.Many2one("res.users", string="Lawyer", index=True, track_visibility="onchange",
                                help="The in-house lawyer in charge: deadline reminders go to this user.")
    law_firm_id = fields.Many2one("res.partner", string="Outside Law Firm", domain=[("is_company", "=", True)])
    outside_lawyer = fields.Char(string="Outside Lawyer")
    procedure = fields.Selection(
        PROCEDURES, required=True, default="ordinary", track_visibility="onchange",
        help="Small claims (民诉法 第165条): a simple money claim below half the province's average annual wage "
             "of the previous year (up to twice it when both parties agree); tried in 2 months (第168条) and "
             "final at first instance: no appeal.")
    trial_extended = fields.Boolean(
        string="Trial Period Extended",
        help="The court president extended the trial period (simple: +1 month, 民诉法 第164条; "
             "small claims: +1 month, 第168条; ordinary: +6 months, 第152条).")

    # The claim (诉讼请求), as of a date: from the ledger at hand-over (legal_case_claim.py), editable.
    claim_date = fields.Date(string="Claim as of", default=business_today)
    claim_principal = fields.Monetary(string="Principal Claimed")
    claim_interest = fields.Monetary(string="Interest Claimed")
    claim_penalty = fields.Monetary(string="Penalty Interest Claimed")
    claim_costs = fields.Monetary(string="Costs Claimed", help="Costs of realising the claim (e.g. lawyer fees).")
    claim_basis = fields.Selection(
        CLAIM_BASES, string="Claim Basis", required=True, default="overdue", track_visibility="onchange",
        help="Overdue part only: the installments due before the claim date. Accelerated: the loan was "
             "declared due or the contract terminated (on the contract), so the whole outstanding principal "
             "is claimed, with interest to the acceleration date and penalty interest from it.")
    claim_compound = fields.Monetary(string="Compound Interest Claimed",
                                     help="On interest not paid when due, at the overdue rate, where the contract "
                                          "provides it (银发〔2003〕251号 第三条).")
    claim_breakdown = fields.Text(compute="_compute_claim_breakdown", string="How the Claim Is Computed",
                                  help="Each head of the claim from the ledger as of the claim date, with its base, "
                                       "rate, period and contract clause, and what the debtor has repaid.")
    claim_total = fields.Monetary(compute="_compute_claim_total", store=True, string="Total Claimed",
                                  track_visibility="onchange")

    filing_date = fields.Date(string="Filing Date", track_visibility="onchange", copy=False,
                              help="The day the court docketed the case (立案日期).")
    judgment_kind = fields.Selection(JUDGMENT_KINDS, string="Decision Kind", default="judgment", required=True)
    judgment_date = fields.Date(string="Judgment Date", track_visibility="onchange", copy=False)
    judgment_served_date = fields.Date(string="Judgment Served On", track_visibility="onchange", copy=False)
    awarded_principal = fields.Monetary(string="Principal Awarded", copy=False)
    awarded_interest = fields.Monetary(string="Interest Awarded", copy=False,
                                       help="Interest, compound and penalty interest awarded.")
    awarded_costs = fields.Monetary(string="Costs Awarded", copy=False,
                                    help="Litigation and other costs the debtor must bear.")
    awarded_total = fields.Monetary(compute="_compute_awarded_total", store=True, string="Total Awarded")
    performance_days = fields.Integer(
        string="Performance Period (days)", default=10,
        help="Days the judgment gives the debtor to pay from when it takes effect (typically 10); 0 when "
             "it sets no period.")
    judgment_terms = fields.Text(
        string="Operative Terms (判决主文)", copy=False,
        help="The operative part of the effective judgment as written in it (\"一、被告……于本判决生效之日起十日内偿还"
             "原告借款本金……\"): the enforcement application asks for exactly these terms.")
    appeal_date = fields.Date(string="Appeal Filed On", track_visibility="onchange", copy=False)
    effective_date = fields.Date(string="Effective On", track_visibility="onchange", copy=False,
                                 help="The day the judgment took effect (生效).")
    performance_deadline = fields.Date(compute="_compute_performance_deadline", store=True,
                                       string="Performance Deadline")
    enforcement_date = fields.Date(string="Enforcement Applied On", track_visibility="onchange", copy=False,
                                   help="The day the application for enforcement (申请执行) was filed.")

    evidence_ids = fields.One2many("legal.evidence", "case_id", string="Evidence", groups=LEGAL_GROUP, copy=True)
    evidence_missing_count = fields.Integer(compute="_compute_evidence_missing_count", groups=LEGAL_GROUP,
                                            string="Required Evidence Missing")
    asset_ids = fields.One2many("legal.asset", "case_id", string="Assets", groups=LEGAL_GROUP)
    asset_count = fields.Integer(compute="_compute_counts", groups=LEGAL_GROUP)
    restriction_ids = fields.One2many("legal.restriction", "case_id", string="Restrictions", groups=LEGAL_GROUP)
    restriction_count = fields.Integer(compute="_compute_counts", groups=LEGAL_GROUP)
    cost_ids = fields.One2many("legal.cost", "case_id", string="Costs", groups=LEGAL_GROUP)
    cost_total = fields.Monetary(compute="_compute_cost_totals", store=True, groups=LEGAL_GROUP,
                                 string="Total Costs")
    cost_recoverable_total = fields.Monetary(compute="_compute_cost_totals", store=True, groups=LEGAL_GROUP,
                                             string="Recoverable Costs")
    handover_fees = fields.Monetary(
        string="Collection Fees at Hand-over", readonly=True, groups=LEGAL_GROUP,
        help="The collection case's fees when it was handed over; the recoverable legal costs are added to "
             "them on the collection case.")
    deadline_ids = fields.One2many("legal.deadline", "case_id", string="Deadlines", readonly=True,
                                   groups=LEGAL_GROUP)
    next_deadline_id = fields.Many2one("legal.deadline", compute="_compute_next_deadline",
                                       string="Next Deadline", groups=LEGAL_GROUP)
    next_deadline_date = fields.Date(compute="_compute_next_deadline", string="Next Deadline Date",
                                     groups=LEGAL_GROUP)

    # The complaint's elements kept on the case (民事起诉状（要素式）).
    preservation_status = fields.Selection(
        PRESERVATION_STATES, string="Preservation", default="none", required=True, groups=LEGAL_GROUP,
        help="Whether property preservation was applied for before filing (诉前保全) or with the complaint "
             "(诉讼保全): the complaint states it.")
    mediation_intent = fields.Selection(
        MEDIATION_INTENTS, string="Mediation", default="undecided", required=True, groups=LEGAL_GROUP,
        help="Whether the company is willing to settle the dispute by mediation (调解意愿): the complaint "
             "states it.")
    contract_date_signed = fields.Date(
        string="Contract Signed On (for the court)", groups=LEGAL_GROUP,
        help="Set by a legal manager when the contract lacks it: used in the court documents in preference "
             "to the contract's.")
    contract_place_signed = fields.Char(
        string="Contract Signed At (for the court)", groups=LEGAL_GROUP,
        help="Set by a legal manager when the contract lacks it: used in the court documents in preference "
             "to the contract's.")
    contract_disbursed_amount = fields.Monetary(
        string="Actually Disbursed (for the court)", groups=LEGAL_GROUP,
        help="Set by a legal manager from the bank's transfer record when the contract lacks it (实际发放): used in "
             "the complaint in preference to the contract's.")
    contract_disbursement_date = fields.Date(
        string="Actually Disbursed On (for the court)", groups=LEGAL_GROUP,
        help="Set by a legal manager from the bank's transfer record when the contract lacks it: used in the "
             "complaint in preference to the contract's.")
    contract_jurisdiction = fields.Text(
        string="Agreed Jurisdiction (for the court)", groups=LEGAL_GROUP,
        help="Set by a legal manager when the contract's clause on disputes is not recorded on it: used in the "
             "complaint in preference to the contract's.")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "The legal case reference must be unique."),
        ("amounts_positive",
         "CHECK(COALESCE(claim_principal, 0) >= 0 AND COALESCE(claim_interest, 0) >= 0 "
         "AND COALESCE(claim_penalty, 0) >= 0 AND COALESCE(claim_costs, 0) >= 0 "
         "AND COALESCE(claim_compound, 0) >= 0 "
         "AND COALESCE(preservation_amount, 0) >= 0)",
         "Claimed amounts and the amount to preserve cannot be negative."),
        ("appeal_amount_positive", "CHECK(COALESCE(appeal_amount, 0) >= 0)",
         "The amount appealed cannot be negative: enter 0 when the lender does not appeal."),
        ("performance_days_positive", "CHECK(COALESCE(performance_days, 0) >= 0)",
         "The performance period cannot be negative: enter 0 when the judgment sets none."),
    ]

    # Computes --------------------------------------------------------------------------------

    @api.depends("stage")
    def _compute_stage_sequence(self):
        for case in self:
            case.stage_sequence = litigation.stage_index(case.stage)

    @api.depends("party_ids.partner_id")
    def _compute_defendant_ids(self):
        for case in self:
            # The defendants' names are shown to every reader of the case (finance included).
            partners = case.sudo().party_ids.mapped("partner_id").sudo(self.env.uid)
            case.defendant_ids = partners
            case.defendant_names = "、".join(partners.mapped("name"))

    @api.depends("claim_principal", "claim_interest", "claim_penalty", "claim_compound", "claim_costs")
    def _compute_claim_total(self):
        for case in self:
            case.claim_total = (case.claim_principal + case.claim_interest + case.claim_penalty
                                + case.claim_compound + case.claim_costs)

    @api.depends("awarded_principal", "awarded_interest", "awarded_costs")
    def _compute_awarded_total(self):
        for case in self:
            case.awarded_total = case.awarded_principal + case.awarded_interest + case.awarded_costs

    @api.depends("effective_date", "performance_days")
    def _compute_performance_deadline(self):
        calendar = self.env["legal.court.holiday"]._court_calendar()
        for case in self:
            effective = _to_date(case.effective_date)
            case.performance_deadline = _to_string(deadlines.performance_deadline(
                effective, max(case.performance_days, 0), calendar=calendar.tracking()) if effective else None)

    @api.depends("evidence_ids.required", "evidence_ids.state")
    def _compute_evidence_missing_count(self):
        for case in self:
            case.evidence_missing_count = len(case._missing_evidence())

    def _compute_counts(self):
        for case in self:
            case.asset_count = len(case.asset_ids)
            case.restriction_count = len(case.restriction_ids)

    @api.depends("cost_ids.amount", "cost_ids.recoverable")
    def _compute_cost_totals(self):
        for case in self:
            case.cost_total = sum(case.cost_ids.mapped("amount"))
            case.cost_recoverable_total = sum(case.cost_ids.filtered("recoverable").mapped("amount"))

    @api.depends("deadline_ids.state", "deadline_ids.date")
    def _compute_next_deadline(self):
        for case in self:
            pending = case.deadline_ids.filtered(lambda d: d.state != "done").sorted("date")
            case.next_deadline_id = pending[:1]
            case.next_deadline_date = pending[:1].date

    @api.model
    def _expand_stages(self, stages, domain, order):
        return [key for key, _label in STAGES]

    # Onchanges -------------------------------------------------------------------------------

    @api.onchange("collection_case_id")
    def _onchange_collection_case_id(self):
        collection = self.collection_case_id
        if collection:
            self.update(self._values_from_collection_case(collection, with_parties=False))
            self.party_ids = self._party_commands(collection.contract_id, collection.partner_id)

    @api.onchange("contract_id")
    def _onchange_contract_id(self):
        if self.contract_id and not self.collection_case_id:
            self.partner_id = self.contract_id.partner_id
            self.party_ids = self._party_commands(self.contract_id, self.contract_id.partner_id)

    @api.onchange("procedure", "judgment_served_date")
    def _onchange_small_claims_effective(self):
        # 民诉法 第158条: a judgment that may not be appealed is effective; a small-claims judgment
        # (第165条: 一审终审) is so once served.
        if self.procedure == "small_claims" and self.judgment_served_date and not self.effective_date:
            self.effective_date = self.judgment_served_date

    @api.onchange("closing_reason")
    def _onchange_closing_reason(self):
        # 诉讼费用交纳办法 第十五条: withdrawal halves the acceptance fee.
        if self.closing_reason == "withdrawn":
            self.ended_by_mediation = True

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def _refused_fields(self, vals):
        """The fields of `vals` a user may not write: the stage and closing date (moved by the
        buttons), computed totals and the fields the product keeps."""
        refused = set(vals) & (STATE_FIELDS | SYSTEM_FIELDS)
        for name in vals:
            field = self._fields.get(name)
            if field is not None and field.compute and not field.inverse:
                refused.add(name)
        return refused

    @api.model
    def _stage_refusal(self, refused):
        labels = [self._loan_field_label(name) for name in refused]
        if "stage" in refused:
            return AccessError(_(
                "The stage of a legal case cannot be written: it moves only through the buttons on the "
                "case form (Filed with the Court, Trial Started, Judgment Given, Appealed, Judgment "
                "Effective, Enforcement Applied, Asset Control, Restrictions, Close; Reopen for a legal "
                "manager), which check the data each stage needs."))
        return AccessError(_(
            "These fields of a legal case are kept by the system and cannot be written: %s. Enter the "
            "amounts, dates and cost lines they come from instead.") % ", ".join(sorted(labels)))

    @api.model
    def _check_override_rights(self, vals):
        """The contract particulars supplied on the case (CONTRACT_OVERRIDES) replace the contract's in
        court documents: a legal manager's to set."""
        names = [name for name in CONTRACT_OVERRIDES if name in vals]
        if names and self.env.uid != SUPERUSER_ID and not self.env.user.has_group(LEGAL_MANAGER_GROUP):
            labels = ", ".join(self._loan_field_label(name) for name in names)
            raise AccessError(_("Only a legal manager can set %s on a legal case: these replace the contract's "
                                "particulars in the court documents.") % labels)

    @api.model
    def create(self, vals):
        vals = self._normalize_case_numbers(vals)
        self._check_override_rights(vals)
        if self.env.uid != SUPERUSER_ID:
            # A new case starts in preparation; it moves through the buttons (demo data and the
            # product's own code, run as superuser, may create a case further on).
            refused = self._refused_fields(vals) - {"handover_fees"}
            if vals.get("stage", "preparation") == "preparation":
                refused.discard("stage")
            if refused:
                raise self._stage_refusal(refused)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("legal.case") or "/"
        contract = self.env["loan.contract"].sudo().browse(vals.get("contract_id"))
        if not vals.get("partner_id") and contract:
            vals["partner_id"] = contract.partner_id.id
        if "party_ids" not in vals and vals.get("partner_id"):
            vals["party_ids"] = self._party_commands(contract, self.env["res.partner"].browse(vals["partner_id"]))
        if "evidence_ids" not in vals:
            vals["evidence_ids"] = self._default_evidence_commands(contract)
        if vals.get("stage") == "closed" and not vals.get("closing_date"):
            vals["closing_date"] = business_today(self)
        try:
            with self.env.cr.savepoint():
                case = super(LegalCase, self).create(vals)
                case._check_case_data(check_evidence=case)
                case._sync_deadlines()
        except Exception:
            self.env.cache.invalidate()
            raise
        return case

    @api.multi
    def write(self, vals):
        # Issue 11 (7): the stage, the closing date and the computed fields are refused for
        # everyone; the buttons write them through _write_checked after their checks.
        refused = self._refused_fields(vals)
        if refused:
            raise self._stage_refusal(refused)
        self._check_override_rights(vals)
        vals = self._normalize_case_numbers(vals)
        if "closing_reason" in vals and any(case.stage == "closed" for case in self):
            raise UserError(_(
                "The closing reason of a closed case cannot be changed: a legal manager reopens the case "
                "(Reopen), then it is closed again with the right reason."))
        return self._write_checked(vals)

    @api.multi
    def _write_checked(self, vals):
        """Write `vals` (which may move the stage), then check the stage's data and the order of
        the dates and bring the deadlines in step, all or nothing. Private: the buttons and
        the product's own code only."""
        changed = set(vals)
        if not changed & (CHECKED_FIELDS | DEADLINE_SOURCE_FIELDS):
            return super(LegalCase, self).write(vals)
        vals = dict(vals)
        if vals.get("stage") == "closed" and not vals.get("closing_date"):
            vals["closing_date"] = business_today(self)
        # The evidence is checked when a case leaves preparation for the court, not at every
        # later move (a lost original must not block the enforcement stages).
        leaving_preparation = self.browse()
        if "stage" in vals and litigation.is_after_filing(vals["stage"]):
            leaving_preparation = self.filtered(lambda c: c.stage == "preparation")
        try:
            with self.env.cr.savepoint():
                result = super(LegalCase, self).write(vals)
                if changed & CHECKED_FIELDS:
                    self._check_case_data(check_evidence=leaving_preparation)
                if changed & DEADLINE_SOURCE_FIELDS:
                    self._sync_deadlines()
        except Exception:
            # Nothing half-written: the database is back at the savepoint, the cache must follow.
            self.env.cache.invalidate()
            raise
        return result

    @api.multi
    def unlink(self):
        if any(case.stage != "preparation" for case in self):
            raise UserError(_("Only a legal case still in preparation can be deleted; close the others "
                              "with a closing reason instead."))
        self.sudo().mapped("deadline_ids")._remove()
        return super(LegalCase, self).unlink()

    # Navigation ------------------------------------------------------------------------------

    @api.multi
    def _open_action(self):
        action = self.env.ref("loan_legal.legal_case_action").read()[0]
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        action["context"] = {}
        return action

    @api.multi
    def _child_action(self, xml_id):
        self.ensure_one()
        action = self.env.ref(xml_id).read()[0]
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id, "search_default_case_id": self.id}
        return action

    @api.multi
    def action_view_assets(self):
        return self._child_action("loan_legal.legal_asset_action")

    @api.multi
    def action_view_restrictions(self):
        return self._child_action("loan_legal.legal_restriction_action")

    @api.multi
    def action_view_deadlines(self):
        action = self._child_action("loan_legal.legal_deadline_action")
        action["context"] = {}
        return action
