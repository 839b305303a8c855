# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import court_fees, deadlines, litigation

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
PARTY_ROLES = [
    ("borrower", "Borrower"),
    ("guarantor", "Guarantor"),
    ("mortgagor", "Mortgagor"),  # 抵押人: liable within the collateral (民法典 第394条)
    ("pledgor", "Pledgor"),      # 出质人 (民法典 第425条)
    ("counter_guarantor", "Counter-guarantor"),
    ("other", "Other"),
]
# The role of the giver of a guarantee on the case (a third-party mortgagor is no guarantor).
GUARANTEE_PARTY_ROLES = {"mortgage": "mortgagor", "pledge": "pledgor"}
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


# The stage moves only through the buttons (action_*), which check where the case comes from:
# target stage -> the stages it may be reached from (the path of services/litigation.py; appeal
# is optional; a case is closed from any open stage; reopening is the legal manager's).
STAGE_TRANSITIONS = {
    "filed": ("preparation",),
    "trial": ("filed",),
    "judgment": ("filed", "trial"),
    "appeal": ("judgment",),
    "effective": ("judgment", "appeal"),
    "enforcement": ("effective",),
    "asset_control": ("enforcement",),
    "restriction": ("enforcement", "asset_control"),
    "closed": tuple(key for key, _label in STAGES if key != "closed"),
}
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

    # Court fees (《诉讼费用交纳办法》): estimates from the amounts, booked as costs by a button.
    preservation_amount = fields.Monetary(string="Amount to Preserve", groups=LEGAL_GROUP,
                                          help="Value of the property whose preservation is applied for.")
    pre_suit_preservation_date = fields.Date(
        # Not tracked: a tracked value is shown in the chatter to every reader of the case.
        string="Pre-suit Preservation Taken On", groups=LEGAL_GROUP, copy=False,
        help="The day the court took preservation measures applied for before the suit (诉前保全): the suit must "
             "be filed within 30 days or the court lifts them (民诉法 第104条).")
    appeal_amount = fields.Monetary(
        string="Amount We Appeal", groups=LEGAL_GROUP,
        help="The part of the first-instance judgment the lender appeals against: the lender advances the "
             "second-instance acceptance fee on it (诉讼费用交纳办法 第十七条). 0 when the lender does not appeal.")
    ended_by_mediation = fields.Boolean(
        string="Ended by Mediation or Withdrawal", groups=LEGAL_GROUP,
        help="The acceptance fee is halved (诉讼费用交纳办法 第十五条).")
    acceptance_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                     string="Acceptance Fee")
    preservation_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                       string="Preservation Fee")
    enforcement_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                      string="Enforcement Fee")
    appeal_fee = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                 string="Second-instance Fee")
    court_fee_total = fields.Monetary(compute="_compute_court_fees", groups=LEGAL_GROUP,
                                      string="Court Fees")
    # Procedures a lender may use instead of a suit: estimates to compare, not in the total.
    payment_order_fee = fields.Monetary(
        compute="_compute_court_fees", groups=LEGAL_GROUP, string="Payment-order Fee",
        help="Applying for a payment order (支付令) instead of suing: 1/3 of the acceptance fee on the claim "
             "(诉讼费用交纳办法 第十四条(三)).")
    security_realisation_fee = fields.Monetary(
        compute="_compute_court_fees", groups=LEGAL_GROUP, string="Security Realisation Fee",
        help="Applying to realise the mortgage or pledge (实现担保物权, 民诉法 第207条) instead of suing: the "
             "fee schedule lists none and courts differ (none, a flat fee, or the acceptance fee on the claim); "
             "estimated at the acceptance fee on the claim. Only for a contract with a mortgage or pledge.")

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

    @api.depends("claim_total", "procedure", "ended_by_mediation", "preservation_amount", "awarded_total",
                 "appeal_amount", "contract_id.guarantee_ids.guarantee_type")
    def _compute_court_fees(self):
        for case in self:
            # Nothing claimed yet: no fee to show (the 50-yuan minimum would only confuse).
            claimed = case.claim_total
            case.acceptance_fee = float(court_fees.acceptance_fee(
                claimed, case.procedure, case.ended_by_mediation)) if claimed else 0.0
            case.preservation_fee = float(
                court_fees.preservation_fee(case.preservation_amount)) if case.preservation_amount else 0.0
            enforced = case.awarded_total or claimed
            case.enforcement_fee = float(court_fees.enforcement_fee(enforced)) if enforced else 0.0
            case.appeal_fee = float(court_fees.appeal_fee(case.appeal_amount)) if case.appeal_amount else 0.0
            case.court_fee_total = (case.acceptance_fee + case.preservation_fee + case.enforcement_fee
                                    + case.appeal_fee)
            case.payment_order_fee = float(court_fees.payment_order_fee(claimed)) if claimed else 0.0
            secured = claimed and any(t in ("mortgage", "pledge")
                                      for t in case.contract_id.sudo().guarantee_ids.mapped("guarantee_type"))
            case.security_realisation_fee = float(court_fees.security_realisation_fee(claimed)) if secured else 0.0

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

    # Constraints -----------------------------------------------------------------------------

    @api.multi
    def _check_appealable(self):
        """民诉法 (2023) 第165条: a small-claims judgment is final (一审终审), it has no appeal."""
        for case in self:
            if not deadlines.appeal_allowed(case.procedure):
                raise ValidationError(_(
                    "Case %s is tried under the small-claims procedure: its judgment is final at first instance "
                    "(民诉法 第165条) and cannot be appealed; once served it is effective (Judgment Effective), "
                    "and an error is corrected by applying for a retrial. If the court tried the case under "
                    "another procedure, correct the procedure first.") % case.name)

    @api.constrains("procedure", "appeal_date")
    def _check_small_claims_final(self):
        self.filtered(lambda c: c.appeal_date)._check_appealable()

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
        labels = {name: self._fields[name].get_description(self.env)["string"] for name in refused
                  if name in self._fields}
        if "stage" in refused:
            return AccessError(_(
                "The stage of a legal case cannot be written: it moves only through the buttons on the "
                "case form (Filed with the Court, Trial Started, Judgment Given, Appealed, Judgment "
                "Effective, Enforcement Applied, Asset Control, Restrictions, Close; Reopen for a legal "
                "manager), which check the data each stage needs."))
        return AccessError(_(
            "These fields of a legal case are kept by the system and cannot be written: %s. Enter the "
            "amounts, dates and cost lines they come from instead.") % ", ".join(sorted(labels.values())))

    @api.model
    def _check_override_rights(self, vals):
        """The contract particulars supplied on the case (CONTRACT_OVERRIDES) replace the contract's in
        court documents: a legal manager's to set."""
        names = [name for name in CONTRACT_OVERRIDES if name in vals]
        if names and self.env.uid != SUPERUSER_ID and not self.env.user.has_group(LEGAL_MANAGER_GROUP):
            labels = ", ".join(self._fields[name].get_description(self.env)["string"] for name in names)
            raise AccessError(_("Only a legal manager can set %s on a legal case: these replace the contract's "
                                "particulars in the court documents.") % labels)

    @api.model
    def create(self, vals):
        vals = dict(vals)
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

    # Hand-over and pre-filling ----------------------------------------------------------------

    @api.model
    def _values_from_collection_case(self, collection, with_parties=True):
        """The values of a new legal case for the collection case `collection`: its contract and
        debtor, and the claim as of today from its amounts (民诉法 第124条: the claims with the
        facts; the 要素式 complaint gives the principal, interest and penalty as of a date)."""
        collection = collection.sudo()
        vals = {
            "collection_case_id": collection.id,
            "contract_id": collection.contract_id.id,
            "partner_id": collection.partner_id.id,
            "company_id": collection.company_id.id,
            "claim_date": business_today(self),
            "claim_principal": collection.overdue_principal,
            "claim_interest": collection.overdue_interest,
            "claim_penalty": collection.penalty_interest,
            "claim_costs": collection.fees_amount,
            "handover_fees": collection.fees_amount,
        }
        if with_parties:
            vals["party_ids"] = self._party_commands(collection.contract_id, collection.partner_id)
        return vals

    @api.model
    def _party_commands(self, contract, debtor):
        """One2many commands for the defendants: the borrower, then each guarantor and
        counter-guarantor of the contract (once each)."""
        contract = contract.sudo()
        commands = [(5, 0, 0)]
        seen = set()
        if debtor:
            commands.append((0, 0, {"partner_id": debtor.id, "role": "borrower"}))
            seen.add(debtor.id)
        # Only the guarantees owed to the company: a counter-guarantor answers to the guarantor, not to
        # the lender (loan.guarantee._answers_to_company); the borrower is listed once, as borrower,
        # whatever he mortgaged himself. A guarantor who also gives collateral is listed as guarantor.
        guarantees = contract.guarantee_ids._answers_to_company().sorted(
            lambda g: g.guarantee_type in GUARANTEE_PARTY_ROLES)
        for guarantee in guarantees:
            if guarantee.partner_id.id in seen:
                continue
            seen.add(guarantee.partner_id.id)
            role = guarantee.role if guarantee.role == "counter_guarantor" else \
                GUARANTEE_PARTY_ROLES.get(guarantee.guarantee_type, "guarantor")
            commands.append((0, 0, {"partner_id": guarantee.partner_id.id, "role": role}))
        return commands

    @api.model
    def _default_evidence_commands(self, contract):
        """The evidence of the lending relationship a loan case needs (domain.md, Litigation:
        民诉法 第124条 wants the evidence and its sources in the complaint)."""
        has_guarantee = bool(contract.sudo().guarantee_ids) if contract else True
        labels = dict(self.env["legal.evidence"]._fields["kind"]._description_selection(self.env))
        items = [
            ("loan_contract", True),
            ("guarantee_contract", has_guarantee),
            ("disbursement", True),
            ("repayment", True),
            ("notice", True),
            ("identity", True),
            ("power_of_attorney", True),
        ]
        return [(0, 0, {"sequence": (index + 1) * 10, "kind": kind, "name": labels[kind], "required": required})
                for index, (kind, required) in enumerate(items)]

    # Stage rules -----------------------------------------------------------------------------

    @api.multi
    def _missing_evidence(self):
        self.ensure_one()
        return self.sudo().evidence_ids.filtered(lambda e: e.required and e.state == "missing")

    @api.multi
    def _case_data(self):
        """The case as the plain dict that services/litigation.py checks."""
        self.ensure_one()
        data = {key: self[key] for key in litigation.DATE_ORDER}
        data.update(court=bool(self.court_id), closing_reason=self.closing_reason,
                    missing_evidence=self._missing_evidence().mapped("name"))
        return data

    @api.multi
    def _check_case_data(self, check_evidence=None):
        """Refuse a case whose dates are out of order or whose stage lacks its data.

        :param check_evidence: the cases of `self` that are leaving preparation, whose required
            evidence must be collected.
        """
        check_evidence = check_evidence or self.browse()
        date_labels = {key: values["string"] for key, values in self.fields_get(
            list(litigation.DATE_ORDER)).items()}
        stage_labels = dict(self._fields["stage"]._description_selection(self.env))
        for case in self:
            data = case._case_data()
            wrong = litigation.dates_out_of_order(data)
            if wrong:
                before = _("- %s (%s) is before %s (%s)")  # out of the generator: _() reads self from its frame
                raise ValidationError(_(
                    "Case %s: the dates are out of order:\n%s\nA case goes filing, judgment, service, "
                    "appeal, effect, enforcement: correct the dates so that each is on or after the one "
                    "before.") % (case.name, "\n".join(
                        before % (
                            date_labels[later], data[later], date_labels[earlier], data[earlier])
                        for earlier, later in wrong)))
            missing = litigation.missing_for_stage(case.stage, data, check_evidence=case in check_evidence)
            if missing:
                raise UserError(_("Case %s cannot be in the stage \"%s\" yet:\n%s") % (
                    case.name, stage_labels[case.stage],
                    "\n".join("- " + case._missing_message(code, data) for code in missing)))

    @api.multi
    def _missing_message(self, code, data):
        messages = {
            "court": _("choose the court the claim is filed with (Court)"),
            "filing_date": _("enter the filing date (立案日期) from the court's acceptance notice"),
            "judgment_date": _("enter the judgment date"),
            "judgment_served_date": _("enter the date the judgment was served"),
            "appeal_date": _("enter the date the appeal was filed"),
            "effective_date": _("enter the date the judgment took effect"),
            "enforcement_date": _("enter the date enforcement was applied for (申请执行)"),
            "closing_reason": _("choose the closing reason"),
        }
        if code == "evidence":
            return _("collect the required evidence: %s (mark each line Collected or Submitted on the "
                     "Evidence tab)") % "、".join(data["missing_evidence"])
        return messages[code]

    @api.multi
    def _check_stage_access(self):
        """The user pressing a button must be allowed to edit the case (legal team)."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _move_to(self, stage):
        """The checked transition: from the stages the path allows, then the stage's data (in
        _write_checked)."""
        self._check_stage_access()
        labels = dict(self._fields["stage"]._description_selection(self.env))
        for case in self:
            if case.stage not in STAGE_TRANSITIONS[stage]:
                raise UserError(_(
                    "Case %s is in the stage \"%s\": it can go to \"%s\" only from %s. A case moves "
                    "forward along its path with the buttons on the form; a closed case is reopened by a "
                    "legal manager (Reopen).") % (
                    case.name, labels[case.stage], labels[stage],
                    "、".join(labels[s] for s in STAGE_TRANSITIONS[stage])))
        self._write_checked({"stage": stage})
        return True

    @api.multi
    def action_file(self):
        """Filed with the court: needs the court, the filing date and the required evidence."""
        return self._move_to("filed")

    @api.multi
    def action_start_trial(self):
        return self._move_to("trial")

    @api.multi
    def action_judgment(self):
        """Judgment given: needs the judgment date (on or after the filing date)."""
        return self._move_to("judgment")

    @api.multi
    def action_appeal(self):
        self._check_appealable()
        return self._move_to("appeal")

    @api.multi
    def action_effective(self):
        return self._move_to("effective")

    @api.multi
    def action_enforcement(self):
        """Enforcement applied for (民诉法 第250条: within 2 years of the performance deadline)."""
        return self._move_to("enforcement")

    @api.multi
    def action_asset_control(self):
        return self._move_to("asset_control")

    @api.multi
    def action_restriction(self):
        return self._move_to("restriction")

    @api.multi
    def action_close(self):
        """Close with the closing reason chosen on the form."""
        return self._move_to("closed")

    @api.multi
    def action_reopen(self):
        """Reopen a closed case at the furthest stage its data supports: a legal manager's
        decision; the closing reason and date are cleared."""
        if not self.env.user.has_group(LEGAL_MANAGER_GROUP):
            raise AccessError(_("Only a legal manager can reopen a closed legal case."))
        self._check_stage_access()
        for case in self:
            if case.stage != "closed":
                raise UserError(_("Case %s is not closed: only a closed case can be reopened.") % case.name)
            case._write_checked({"stage": litigation.furthest_stage(case._case_data()),
                                 "closing_reason": False, "closing_date": False})
        return True

    # Court fees ------------------------------------------------------------------------------

    @api.multi
    def action_book_court_fees(self):
        """Book the court fees shown on the case as cost lines, each type once: a fee already
        booked (whatever its amount, it may have been corrected from the court's notice) is not
        booked again."""
        self.ensure_one()
        if not self.claim_total:
            raise UserError(_("Case %s has no claim amount yet: enter the amounts claimed, then book the "
                              "court fees.") % self.name)
        booked = set(self.cost_ids.mapped("cost_type"))
        today = business_today(self)
        procedure = dict(self._fields["procedure"]._description_selection(self.env))[self.procedure]
        fees = [("acceptance", self.acceptance_fee, self.filing_date or today,
                 _("Case acceptance fee, %s (诉讼费用交纳办法 第十三条)") % procedure)]
        if self.preservation_amount:
            fees.append(("preservation", self.preservation_fee, today,
                         _("Preservation application fee on %.2f (诉讼费用交纳办法 第十四条)")
                         % self.preservation_amount))
        if self.appeal_amount:
            fees.append(("appeal", self.appeal_fee, self.appeal_date or today,
                         _("Second-instance acceptance fee on %.2f appealed (诉讼费用交纳办法 第十七条)")
                         % self.appeal_amount))
        if self.enforcement_date:
            fees.append(("enforcement", self.enforcement_fee, self.enforcement_date,
                         _("Enforcement application fee (诉讼费用交纳办法 第十四条; collected from the debtor "
                           "after enforcement, 第二十条)")))
        new = [fee for fee in fees if fee[0] not in booked and fee[1]]
        if not new:
            raise UserError(_("The court fees of case %s are already booked: nothing to add. Correct an "
                              "amount on the Costs tab if the court's notice differs.") % self.name)
        Cost = self.env["legal.cost"]
        for cost_type, amount, date, label in new:
            Cost.create({"case_id": self.id, "cost_type": cost_type, "amount": amount, "date": date,
                         "name": label, "recoverable": True})
        self._loan_note(_("Court fees booked: %s.") % ", ".join(
            "%s %.2f" % (label, amount) for _type, amount, _date, label in new))
        return True

    @api.multi
    def _update_collection_fees(self):
        """Show the recoverable legal costs on the collection case (its fees: the costs of
        realising the claim, paid first under 民法典 第561条)."""
        for case in self.sudo():
            collection = case.collection_case_id
            if not collection:
                continue
            recoverable = sum(case.cost_ids.filtered("recoverable").mapped("amount"))
            amount = case.handover_fees + recoverable
            if collection.currency_id.compare_amounts(collection.fees_amount, amount) != 0:
                collection.write({"fees_amount": amount})

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


class LegalCaseParty(models.Model):
    _name = "legal.case.party"
    _description = "Legal Case Defendant"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Defendant", required=True, index=True)
    role = fields.Selection(PARTY_ROLES, required=True, default="borrower")
    judgment_debtor = fields.Boolean(
        string="Judgment Debtor", default=True,
        help="The judgment orders this defendant to perform: enforcement, restriction and listing applications "
             "name the judgment debtors only.")
    is_company = fields.Boolean(related="partner_id.is_company", readonly=True)
    note = fields.Char()

    _sql_constraints = [
        ("partner_uniq", "unique(case_id, partner_id)", "A defendant is listed only once per case."),
    ]
