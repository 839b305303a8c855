# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json
import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import deadlines

_logger = logging.getLogger(__name__)

DEADLINE_KINDS = [
    ("limitation", "Limitation Period Ends"),                  # 民法典 第188条, 第195条
    ("trial_end", "Trial Period Ends"),                        # 民诉法 第152条, 第164条
    ("appeal_end", "Appeal Window Ends"),                      # 民诉法 第171条
    ("performance", "Performance Deadline"),                   # set by the judgment
    ("enforcement_application", "Enforcement Application Deadline"),  # 民诉法 第250条
    ("preservation_expiry", "Preservation Expires"),           # 民诉法解释 第485条
    ("preservation_renew_by", "Apply for Renewal By"),         # 财产保全规定 第18条
    ("pre_suit_filing", "File the Suit Before Pre-suit Preservation Lapses"),  # 民诉法 第104条
    ("restriction_end", "Restriction or Listing Ends"),        # 失信名单规定 第2条
    ("guarantee_period", "Claim against the Guarantor By"),    # 民法典 第692条, 第693条
    ("guarantor_limitation", "Guarantor's Limitation Period Ends"),  # 民法典 第694条
]
REMINDER_PARAM = "loan_legal.deadline_reminder_days"
DEFAULT_REMINDER_DAYS = 7


def _day(record, value):
    """`value` ('YYYY-MM-DD' or a date) as a string; today in the user's time zone by default."""
    if not value:
        return business_today(record)
    return value if isinstance(value, str) else fields.Date.to_string(value)


class LegalDeadline(models.Model):
    _name = "legal.deadline"
    _description = "Court Deadline"
    _order = "date, id"

    # Issue 12 (11): the description is kept as a code and its values, and shown in the reader's
    # language (not in the language of whoever triggered the computation).
    name = fields.Char(string="Description", compute="_compute_name")
    description_code = fields.Char(readonly=True, help="Which description the deadline shows.")
    description_args = fields.Text(readonly=True, help="The values of the description, in JSON.")
    calendar_years = fields.Char(
        string="Unpublished Holiday Years", readonly=True,
        help="Years whose public holidays the court calendar did not have when the date was counted: "
             "only Saturdays and Sundays were taken as rest days.")
    calendar_warning = fields.Char(
        compute="_compute_calendar_warning", string="Calendar Warning",
        help="Record that year's public holidays and make-up working days under Litigation › Configuration › "
             "Court Calendar (or check the date with the court): the deadline is counted again.")
    case_id = fields.Many2one("legal.case", string="Legal Case", required=True, readonly=True,
                              ondelete="cascade", index=True)
    key = fields.Char(required=True, readonly=True,
                      help="Kind, asset and restriction: the case has one deadline per key.")
    kind = fields.Selection(DEADLINE_KINDS, required=True, readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    source_date = fields.Date(readonly=True, help="The date the deadline is counted from.")
    state = fields.Selection([("open", "Open"), ("done", "Done"), ("expired", "Expired")],
                             required=True, default="open", readonly=True, index=True)
    auto_done = fields.Boolean(readonly=True, help="Done by the case's own data (e.g. the claim was filed).")
    reminder_date = fields.Date(readonly=True, index=True)
    activity_id = fields.Many2one("mail.activity", string="Reminder", readonly=True, ondelete="set null")
    asset_id = fields.Many2one("legal.asset", string="Asset", readonly=True, ondelete="cascade", index=True)
    restriction_id = fields.Many2one("legal.restriction", string="Restriction", readonly=True,
                                     ondelete="cascade", index=True)
    guarantee_id = fields.Many2one("loan.guarantee", string="Guarantee", readonly=True, ondelete="cascade",
                                   index=True)
    user_id = fields.Many2one(related="case_id.lawyer_id", readonly=True, string="Lawyer", store=True)
    partner_id = fields.Many2one(related="case_id.partner_id", readonly=True, string="Debtor")
    case_stage = fields.Selection(related="case_id.stage", readonly=True, string="Case Stage")
    days_left = fields.Integer(compute="_compute_days_left", search="_search_days_left", string="Days Left")
    company_id = fields.Many2one(related="case_id.company_id", readonly=True, store=True)

    _sql_constraints = [
        ("key_uniq", "unique(case_id, key)", "A case has only one deadline of each kind (per asset or "
                                             "restriction)."),
    ]

    # Issue 11 (7): every deadline is computed from its case's dates (民法典 第188条, 民诉法 第171条 ...)
    # and kept in step by the case (_sync_deadlines): no user, admin included, creates, changes
    # or deletes one directly; its state changes through Mark Done / Reopen. The product's own
    # code uses the private _create_computed / _write_computed / _remove.

    @api.model
    def create(self, vals):
        raise AccessError(_(
            "Court deadlines are computed from the legal case's dates and cannot be created by hand: "
            "enter the source date on the case (filing, judgment served, effective date ...), on its "
            "asset or restriction, and the deadline appears (Recompute Deadlines)."))

    @api.multi
    def write(self, vals):
        raise AccessError(_(
            "Court deadlines are computed from the legal case's dates and cannot be changed by hand: "
            "correct the source date on the case, its asset or restriction, then press Recompute "
            "Deadlines; use Mark Done or Reopen on the deadline for its state."))

    @api.multi
    def unlink(self):
        raise AccessError(_(
            "Court deadlines cannot be deleted by hand: a deadline goes away when its source date is "
            "cleared on the case, its asset or restriction (Recompute Deadlines); mark it done when "
            "it has been acted on."))

    @api.model
    def _create_computed(self, vals):
        return super(LegalDeadline, self).create(vals)

    @api.multi
    def _write_computed(self, vals):
        return super(LegalDeadline, self).write(vals)

    @api.model_cr
    def init(self):
        # The description was a stored, required column until issue 12 (item 11).
        if tools.column_exists(self.env.cr, self._table, "name"):
            tools.drop_not_null(self.env.cr, self._table, "name")

    @api.model
    def _description_templates(self):
        """Description code -> its text in the current language; %s and %d are filled from
        description_args, in order."""
        return {
            "limitation": _(
                "Limitation period of the claim ends (民法典 第188条, 第195条): file the claim or have "
                "a demand served before this day. Last installment due %s (民法典 第189条)."),
            "limitation_accelerated": _(
                "Limitation period of the claim ends (民法典 第188条, 第195条): file the claim or have "
                "a demand served before this day. Everything fell due when the loan was accelerated on %s "
                "(clause %s)."),
            "guarantee_period": _(
                "Claim against guarantor %s before this day, or the guarantor is released (保证期间, 民法典 第692条, "
                "第693条): have a demand served on the guarantor or sue naming the guarantor (连带责任保证, 民法典 "
                "第693条第二款)."),
            "guarantee_period_general": _(
                "Claim against guarantor %s before this day, or the guarantor is released (保证期间, 民法典 第692条, "
                "第693条): sue the borrower (一般保证: the claim is a suit or arbitration against the debtor, 民法典 "
                "第693条第一款)."),
            "guarantor_limitation": _(
                "Limitation period against guarantor %s ends (民法典 第694条第二款: 3 years from the claim of %s, "
                "restarted by each later demand, 第195条): sue the guarantor before this day."),
            "trial_end": _("First-instance trial period ends (民诉法 第152条 ordinary, 第164条 simple, 第168条 small-claims "
                           "procedure)."),
            "appeal_end": _("Appeal window ends: %d days from service (民诉法 第171条)."),
            "performance": _("The debtor must perform the judgment by this day (%d days from its effect)."),
            "enforcement_application": _(
                "Last day to apply for enforcement: 2 years from the performance deadline (民诉法 第250条)."),
            "preservation_expiry": _("Preservation of %s expires (民诉法解释 第485条)."),
            "preservation_renew_by": _(
                "Apply to renew the preservation of %s by this day (财产保全规定 第18条: at least 7 days "
                "before it expires)."),
            "restriction_end": _("%s of %s ends."),
            "pre_suit_filing": _("File the suit by this day, or the court lifts the pre-suit preservation taken on %s "
                                 "(民诉法 第104条: within 30 days)."),
        }

    @api.model
    def _description_value(self, value):
        """A value of description_args as shown: {"selection": [model, field, key]} is the
        label of that key in the current language."""
        if isinstance(value, dict) and "selection" in value:
            model, field, key = value["selection"]
            Model = self.env[model]
            return dict(Model._fields[field]._description_selection(self.env)).get(key, key)
        return value

    @api.depends("description_code", "description_args")
    def _compute_name(self):
        templates = self._description_templates()
        for deadline in self:
            template = templates.get(deadline.description_code)
            if not template:
                deadline.name = False
                continue
            args = json.loads(deadline.description_args or "[]")
            deadline.name = template % tuple(self._description_value(value) for value in args)

    @api.depends("calendar_years")
    def _compute_calendar_warning(self):
        for deadline in self:
            deadline.calendar_warning = deadline.calendar_years and _(
                "Holidays of %s not yet published — check") % deadline.calendar_years

    def _search_days_left(self, operator, value):
        # Days from the company's today, so "passed or within 7 days" follows China's calendar.
        target = fields.Date.from_string(business_today(self)) + datetime.timedelta(days=int(value or 0))
        return [("date", operator, fields.Date.to_string(target))]

    def _compute_days_left(self):
        today = fields.Date.from_string(business_today(self))
        for deadline in self:
            deadline.days_left = (fields.Date.from_string(deadline.date) - today).days if deadline.date else 0

    # Reminder days ---------------------------------------------------------------------------

    @api.model
    def _reminder_days(self):
        """Days before a deadline its reminder is given (setting loan_legal.deadline_reminder_days)."""
        value = self.env["ir.config_parameter"].sudo().get_param(REMINDER_PARAM, DEFAULT_REMINDER_DAYS)
        try:
            days = int(value)
        except (TypeError, ValueError):
            _logger.warning("%s is %r, not a number of days: using %d.", REMINDER_PARAM, value,
                            DEFAULT_REMINDER_DAYS)
            return DEFAULT_REMINDER_DAYS
        return max(days, 0)

    @api.model
    def _reminder_for(self, date, days_before=None):
        if not date:
            return False
        days = self._reminder_days() if days_before is None else days_before
        return fields.Date.to_string(deadlines.reminder_date(fields.Date.from_string(date), days))

    # Keeping the rows in step with the case -----------------------------------------------------

    @api.multi
    def _apply_spec(self, case, key, spec, today):
        """Create (self empty) or update the deadline `key` of `case` from `spec` (see
        legal.case._deadline_specs); returns the deadline. Writes only what changed."""
        done = spec["done"]
        vals = {name: spec[name] for name in (
            "kind", "date", "source_date", "description_code", "description_args", "calendar_years", "asset_id",
            "restriction_id", "guarantee_id")}
        vals["reminder_date"] = self._reminder_for(spec["date"])
        if done:
            vals.update(state="done", auto_done=True)
        elif self and self.state == "done" and not self.auto_done and self.date == spec["date"]:
            pass  # marked done by hand, and still the same deadline
        else:
            vals.update(state="expired" if spec["date"] < today else "open", auto_done=False)
        if not self:
            return self._create_computed(dict(vals, case_id=case.id, key=key))
        changes = {name: value for name, value in vals.items()
                   if (self[name].id if isinstance(self[name], models.BaseModel) else self[name]) != value}
        if changes:
            self._write_computed(changes)
        return self

    @api.multi
    def _remove(self):
        """Delete deadlines that no longer apply, with their reminders."""
        activities = self.mapped("activity_id")
        if activities:
            self._write_computed({"activity_id": False})
            activities.sudo().unlink()
        return super(LegalDeadline, self).unlink()

    @api.multi
    def _sync_activities(self, today=None):
        """A mail activity for the case's lawyer on each open or expired deadline whose reminder
        date has come; none on the others (done, not yet due, or no lawyer)."""
        today = _day(self, today)
        activity_type = self.env.ref("loan_legal.mail_activity_type_legal_deadline")
        model = self.env["ir.model"]._get("legal.case")
        Activity = self.env["mail.activity"].sudo()
        for deadline in self.sudo():
            case = deadline.case_id
            wanted = (deadline.state in ("open", "expired") and deadline.reminder_date
                      and deadline.reminder_date <= today and case.lawyer_id and case.stage != "closed")
            activity = deadline.activity_id
            if wanted:
                # The activity's texts in the lawyer's language.
                in_lawyer_lang = deadline.with_context(lang=case.lawyer_id.lang)
                vals = {"user_id": case.lawyer_id.id, "date_deadline": deadline.date,
                        "summary": in_lawyer_lang._activity_summary()}
                if activity:
                    changes = {k: v for k, v in vals.items()
                               if (activity[k].id if k == "user_id" else activity[k]) != v}
                    if changes:
                        activity.write(changes)
                else:
                    activity = Activity.create(dict(
                        vals, res_model_id=model.id, res_id=case.id, activity_type_id=activity_type.id,
                        note="<p>%s</p>" % tools.html_escape(in_lawyer_lang.name)))
                    deadline._write_computed({"activity_id": activity.id})
            elif activity:
                deadline._write_computed({"activity_id": False})
                if deadline.state == "done":
                    activity.action_feedback(feedback=_("Deadline done."))
                else:
                    activity.unlink()
        return True

    @api.multi
    def _activity_summary(self):
        self.ensure_one()
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        if self.asset_id:
            return "%s: %s" % (kind, self.asset_id.display_name)
        if self.restriction_id:
            return "%s: %s" % (kind, self.restriction_id.partner_id.display_name)
        if self.guarantee_id:
            return "%s: %s" % (kind, self.guarantee_id.partner_id.display_name)
        return kind

    # Actions ---------------------------------------------------------------------------------

    @api.multi
    def _check_state_access(self):
        """Only who may edit the deadlines (the legal team, by the access rights and the record
        rules) marks them done or reopens them."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def action_done(self):
        """The lawyer has acted on the deadline (filed, appealed, renewed ...)."""
        self._check_state_access()
        self._write_computed({"state": "done", "auto_done": False})
        self._sync_activities()
        return True

    @api.multi
    def action_reopen(self):
        self._check_state_access()
        today = business_today(self)
        for deadline in self.filtered(lambda d: d.state == "done"):
            deadline._write_computed({"state": "expired" if deadline.date < today else "open",
                                      "auto_done": False})
        self._sync_activities()
        return True

    # Daily run -------------------------------------------------------------------------------

    @api.model
    def _cron_daily(self, today=None):
        """Bring the deadlines of every open case up to date (payments and served demands move
        the limitation period, the court calendar may have changed), mark passed deadlines
        expired and give the due reminders.

        A small legal team has a few hundred open cases at most, so the ORM loop is fine here
        (the collection run, with 100,000 installments, is the one that has to be set-based)."""
        today = _day(self, today)
        cases = self.env["legal.case"].sudo().search([("stage", "!=", "closed")])
        cases._recount_deadlines(today)
        passed = self.sudo().search([("state", "=", "open"), ("date", "<", today)])
        passed._write_computed({"state": "expired"})
        due = self.sudo().search([("state", "in", ("open", "expired")), ("reminder_date", "<=", today),
                                  ("activity_id", "=", False), ("user_id", "!=", False)])
        due._sync_activities(today)
        _logger.info("Legal deadlines of %s: %d cases synchronised, %d expired, %d reminders checked.",
                     today, len(cases), len(passed), len(due))
        return True

    @api.model
    def _refresh_reminder_dates(self):
        """After the reminder days setting changed: new reminder dates for the pending deadlines."""
        pending = self.sudo().search([("state", "in", ("open", "expired"))])
        days = self._reminder_days()
        for deadline in pending:
            reminder = self._reminder_for(deadline.date, days)
            if deadline.reminder_date != reminder:
                deadline._write_computed({"reminder_date": reminder})
        pending._sync_activities()
        return True


class LegalDeadlineSource(models.AbstractModel):
    """Records of a legal case whose dates feed its deadlines (assets, restrictions): creating,
    changing or deleting one keeps the case's deadlines in step, all or nothing.

    A model sets _deadline_fields (the fields a deadline is computed from), _deadline_link (its
    field on legal.deadline) and may override _court_date_vals (a date typed in by the user that
    is the court's own, kept apart from the computed one)."""
    _name = "legal.deadline.source"
    _description = "Source of Court Deadlines"
    _deadline_fields = frozenset()
    _deadline_link = None

    @api.model
    def _court_date_vals(self, vals):
        return vals

    @api.model
    def create(self, vals):
        vals = self._court_date_vals(vals)
        try:
            with self.env.cr.savepoint():
                record = super(LegalDeadlineSource, self).create(vals)
                record.case_id._sync_deadlines()
        except Exception:
            self.env.cache.invalidate()  # nothing half-written stays in the cache either
            raise
        return record

    @api.multi
    def write(self, vals):
        cases = self.mapped("case_id")
        vals = self._court_date_vals(vals)
        try:
            with self.env.cr.savepoint():
                result = super(LegalDeadlineSource, self).write(vals)
                if self._deadline_fields & set(vals):
                    (cases | self.mapped("case_id"))._sync_deadlines()
        except Exception:
            self.env.cache.invalidate()
            raise
        return result

    @api.multi
    def unlink(self):
        cases = self.mapped("case_id")
        self.env["legal.deadline"].sudo().search([(self._deadline_link, "in", self.ids)])._remove()
        result = super(LegalDeadlineSource, self).unlink()
        cases.exists()._sync_deadlines()
        return result
