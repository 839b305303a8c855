# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import deadlines, litigation

RESTRICTION_KINDS = [
    ("consumption", "High-consumption Restriction"),  # 限制高消费, 法释〔2015〕17号
    ("dishonest", "Dishonest-debtor Listing"),         # 失信被执行人名单, 法释〔2017〕7号
    ("exit_ban", "Exit Ban"),                          # 限制出境, 民诉法 第266条 (verify)
]
# 限制消费规定 第三条第二款: for a company debtor the restriction also binds its legal
# representative, principal officers, the persons directly responsible and the actual controller.
PERSON_ROLES = [
    ("debtor", "The Debtor"),
    ("legal_representative", "Legal Representative"),
    ("principal_officer", "Principal Officer"),
    ("responsible_person", "Directly Responsible Person"),
    ("actual_controller", "Actual Controller"),
]
# 失信名单规定 (2017) 第一条 (一)-(六).
LISTING_GROUNDS = [
    ("able_refuses", "Able to Perform but Refuses"),                                    # (一)
    ("obstructs", "Obstructs or Resists Enforcement"),                                  # (二)
    ("evades", "Evades Enforcement by Sham Suits or Hiding Assets"),                    # (三)
    ("asset_report", "Breaches the Asset-report Duty"),                                 # (四)
    ("breach_restriction", "Breaches a Consumption-restriction Order"),                 # (五)
    ("refuses_settlement", "Refuses to Perform an Enforcement Settlement Agreement"),   # (六)
]
# 失信名单规定 第二条: what allows a listing beyond 2 years (by 1 to 3 years).
LISTING_AGGRAVATIONS = [
    ("violence", "Obstructed Enforcement by Violence or Threats, Serious Circumstances"),
    ("several_acts", "Several Dishonest Acts"),
]
# 限制消费规定 第九条 / 失信名单规定 第十条 (verify): lifted on full performance, adequate
# security, or the creditor's consent.
LIFT_REASONS = [
    ("performance", "Full Performance"),
    ("security", "Security Provided"),
    ("consent", "Creditor's Consent"),
]
DEADLINE_FIELDS = {"state", "kind", "partner_id", "application_date", "effective_date", "listing_years",
                   "end_date_manual", "case_id", "ground", "listing_aggravation"}


class LegalRestriction(models.Model):
    _name = "legal.restriction"
    _description = "Enforcement Restriction"
    _inherit = ["mail.thread", "legal.deadline.source"]
    _deadline_fields = DEADLINE_FIELDS
    _deadline_link = "restriction_id"
    _order = "application_date desc, id desc"

    case_id = fields.Many2one("legal.case", string="Legal Case", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(RESTRICTION_KINDS, required=True, default="consumption", track_visibility="onchange")
    debtor_id = fields.Many2one("res.partner", string="Debtor", required=True, index=True,
                                help="The defendant whose obligation is being enforced.")
    partner_id = fields.Many2one("res.partner", string="Person Restricted", required=True, index=True,
                                 track_visibility="onchange")
    person_role = fields.Selection(PERSON_ROLES, string="Role", required=True, default="debtor",
                                   help="For a company debtor, the restriction also binds its legal representative, "
                                        "principal officers, directly responsible persons and actual controller "
                                        "(限制消费规定 第三条第二款).")
    ground = fields.Selection(LISTING_GROUNDS, string="Listing Ground",
                              help="失信名单规定 第一条: the ground for listing a dishonest debtor.")
    facts = fields.Text(
        string="Facts of the Ground",
        help="What the debtor did that meets the listing ground, with the dates (e.g. \"2025年9月15日收到报告财产令后"
             "逾期未报告财产\"): the listing application states them (失信名单规定 第一条).")
    application_date = fields.Date(string="Applied On", required=True, default=business_today)
    order_number = fields.Char(string="Order No.", track_visibility="onchange",
                               help="The court's decision or restriction order (限制消费令) number.")
    effective_date = fields.Date(string="Effective On", track_visibility="onchange")
    listing_years = fields.Integer(
        string="Listing Period (years)", default=deadlines.LISTING_YEARS_DEFAULT,
        help="失信名单规定 第二条: 2 years, extendable by 1 to 3 years for an aggravation. A debtor able to perform "
             "who refuses (第一条第一项) has no fixed term: he stays listed until he performs.")
    listing_aggravation = fields.Selection(
        LISTING_AGGRAVATIONS, string="Ground for a Longer Listing",
        help="失信名单规定 第二条: the listing lasts more than 2 years (3 to 5) only when the debtor obstructed "
             "enforcement by violence or threats with serious circumstances, or committed several dishonest acts.")
    end_date_manual = fields.Date(string="End Stated by the Court")
    end_date = fields.Date(compute="_compute_end_date", inverse="_inverse_end_date", store=True,
                           string="Ends On", track_visibility="onchange",
                           help="For a listing, 2 years (or the extended period) from its effect unless the "
                                "court states otherwise; other restrictions end when the court says.")
    state = fields.Selection([("applied", "Applied"), ("effective", "Effective"), ("lifted", "Lifted")],
                             required=True, default="applied", readonly=True, track_visibility="onchange")
    lift_date = fields.Date(string="Lifted On", track_visibility="onchange")
    lift_reason = fields.Selection(LIFT_REASONS, track_visibility="onchange")
    note = fields.Text()
    company_id = fields.Many2one(related="case_id.company_id", readonly=True, store=True)

    @api.depends("kind", "effective_date", "listing_years", "end_date_manual", "ground", "listing_aggravation")
    def _compute_end_date(self):
        for restriction in self:
            end = restriction.end_date_manual
            if not end and restriction.kind == "dishonest" and restriction.effective_date \
                    and not restriction._listing_term_problem():
                # 失信名单规定 第二条: none for 第一条第一项 (able but refuses), else 2 to 5 years.
                end = fields.Date.to_string(deadlines.listing_term_end(
                    fields.Date.from_string(restriction.effective_date), restriction.ground,
                    restriction.listing_years, bool(restriction.listing_aggravation)))
            restriction.end_date = end or False

    def _inverse_end_date(self):
        for restriction in self:
            restriction.end_date_manual = restriction.end_date

    @api.onchange("debtor_id", "person_role")
    def _onchange_debtor_id(self):
        if self.person_role == "debtor":
            self.partner_id = self.debtor_id

    # Constraints -----------------------------------------------------------------------------

    @api.constrains("kind", "partner_id", "application_date", "effective_date")
    def _check_not_minor(self):
        """失信名单规定 第四条: a minor is never put on the dishonest-debtor list."""
        for restriction in self.filtered(lambda r: r.kind == "dishonest"):
            # The birth date comes from the resident ID (loan_collection); it is personal data that
            # the person applying may not be allowed to read, but the rule must still hold.
            birth = restriction.partner_id.sudo().birth_date
            on = restriction.effective_date or restriction.application_date or business_today(self)
            if birth and litigation.is_minor(fields.Date.from_string(birth), fields.Date.from_string(on)):
                raise ValidationError(_(
                    "%s is a minor on %s (born %s): minors are never put on the dishonest-debtor list "
                    "(失信名单规定 第四条). Apply for the listing of the debtor or of an adult person instead.")
                    % (restriction.partner_id.display_name, on, birth))

    @api.constrains("debtor_id", "case_id")
    def _check_debtor_is_defendant(self):
        for restriction in self:
            if restriction.debtor_id not in restriction.case_id.sudo().party_ids.mapped("partner_id"):
                raise ValidationError(_("%s is not a defendant of case %s: a restriction is ordered against a "
                                        "debtor under the judgment. Add them on the Defendants tab first.") % (
                    restriction.debtor_id.display_name, restriction.case_id.name))

    @api.constrains("kind", "ground", "listing_years", "listing_aggravation")
    def _check_listing(self):
        for restriction in self.filtered(lambda r: r.kind == "dishonest"):
            if not restriction.ground:
                raise ValidationError(_("Choose the ground for listing %s as a dishonest debtor (失信名单规定 "
                                        "第一条).") % restriction.partner_id.display_name)
            problem = restriction._listing_term_problem()
            if problem:
                raise ValidationError(problem)

    @api.multi
    def _listing_term_problem(self):
        """What is wrong with the listing period of a dishonest-debtor listing (None when all is well).
        失信名单规定 第二条: the term does not apply to 第一条第一项 (no fixed term); otherwise 2 years,
        3 to 5 only with an aggravation."""
        self.ensure_one()
        if self.ground == deadlines.LISTING_GROUND_ABLE_REFUSES:
            return None
        years = self.listing_years
        if not deadlines.LISTING_YEARS_MIN <= years <= deadlines.LISTING_YEARS_MAX:
            return _("A listing lasts 2 years, extendable by 1 to 3 years (失信名单规定 第二条): enter 2 to 5 years, "
                     "not %d.") % years
        if years > deadlines.LISTING_YEARS_DEFAULT and not self.listing_aggravation:
            return _("A listing of %s for %d years needs the ground for the longer listing (失信名单规定 第二条: "
                     "violence or threats with serious circumstances, or several dishonest acts); otherwise it "
                     "lasts 2 years.") % (self.partner_id.display_name, years)
        return None

    @api.constrains("state", "order_number", "application_date", "effective_date", "lift_date", "lift_reason")
    def _check_state_data(self):
        for restriction in self:
            problem = restriction._state_problem(restriction.state)
            if problem:
                raise ValidationError(problem)

    @api.multi
    def _state_problem(self, state):
        """What `self` lacks to be in `state`, or its dates out of order (None when all is well)."""
        self.ensure_one()
        name = self.partner_id.display_name
        if state in ("effective", "lifted") and not (self.order_number and self.effective_date):
            return _("The restriction of %s cannot take effect without the court's order: enter the order number "
                     "and the effective date.") % name
        if state == "lifted" and not (self.lift_date and self.lift_reason):
            return _("The restriction of %s cannot be lifted without the lift date and the reason (full "
                     "performance, security or the creditor's consent).") % name
        if self.effective_date and self.application_date and self.effective_date < self.application_date:
            return _("The restriction of %s takes effect (%s) before it was applied for (%s): correct the "
                     "dates.") % (name, self.effective_date, self.application_date)
        if self.lift_date and self.effective_date and self.lift_date < self.effective_date:
            return _("The restriction of %s is lifted (%s) before it took effect (%s): correct the dates.") % (
                name, self.lift_date, self.effective_date)
        return None

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def _court_date_vals(self, vals):
        # An end date typed in is the court's; clearing it brings back the computed one.
        if "end_date" in vals:
            vals = dict(vals)
            vals["end_date_manual"] = vals.pop("end_date")
        return vals

    @api.multi
    def name_get(self):
        return [(r.id, "%s: %s" % (r.kind_label(), r.partner_id.display_name)) for r in self]

    @api.multi
    def kind_label(self):
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    # Issue 11 (7): the state moves only through the buttons (which check it); computed fields
    # are never written. Refused for everyone: the buttons write through _write_state.

    @api.model
    def _refused_fields(self, vals):
        refused = {"state"} & set(vals)
        for name in vals:
            field = self._fields.get(name)
            if field is not None and field.compute and not field.inverse:
                refused.add(name)
        return refused

    @api.model
    def _refusal(self, refused):
        if "state" in refused:
            return AccessError(_("The state of a restriction cannot be written: it changes only through the "
                                 "buttons on its form (Effective, Lifted), which check the court's data."))
        labels = [self._loan_field_label(name) for name in sorted(refused)]
        return AccessError(_("These fields are computed and cannot be written: %s.") % ", ".join(labels))

    @api.model
    def create(self, vals):
        refused = self._refused_fields(vals)
        # A record loaded with the addon's data (demo history) may start in a later state.
        if vals.get("state", "applied") == "applied" or (self.env.uid == SUPERUSER_ID and self.env.context.get("install_mode_data")):
            refused.discard("state")
        if refused:
            raise self._refusal(refused)
        return super(LegalRestriction, self).create(vals)

    @api.multi
    def write(self, vals):
        refused = self._refused_fields(vals)
        if refused:
            raise self._refusal(refused)
        return super(LegalRestriction, self).write(vals)

    @api.multi
    def _write_state(self, vals):
        """Write a state change checked by a button (private: RPC cannot call it)."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return super(LegalRestriction, self).write(vals)

    # State changes ---------------------------------------------------------------------------

    @api.multi
    def action_effective(self):
        """The court granted the restriction or listing: needs its order number and date."""
        for restriction in self:
            if restriction.state != "applied":
                raise UserError(_("Only an applied restriction can take effect; %s is not.")
                                % restriction.display_name)
            problem = restriction._state_problem("effective")
            if problem:
                raise UserError(problem)
        self._write_state({"state": "effective"})
        return True

    @api.multi
    def action_lift(self):
        """Lifted on full performance, security or the creditor's consent."""
        for restriction in self:
            if restriction.state != "effective":
                raise UserError(_("Only an effective restriction can be lifted; %s is not.")
                                % restriction.display_name)
            problem = restriction._state_problem("lifted")
            if problem:
                raise UserError(problem)
        self._write_state({"state": "lifted"})
        return True
