# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import clock, conduct
from . import field_policy
from . import collection_contact_point as contact_point
from .collection_contact_point import RELATIONS
from .res_company import business_now, business_today, business_tz

CHANNELS = [
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("visit", "Visit"),
    ("wechat", "WeChat"),
    ("agency", "Third-party Agency"),
    ("authority", "Public Security / Court"),
]
PARTIES = [
    ("debtor", "Debtor"),
    ("guarantor", "Guarantor"),
    ("counter_guarantor", "Counter-guarantor"),
    ("relative", "Relative"),
    ("employer", "Employer"),
    ("other", "Other"),
]
OUTCOMES = [
    ("rpc", "Right-party Contact"),
    ("no_answer", "No Answer"),
    ("wrong_number", "Wrong Number"),
    ("refused", "Refused to Pay"),
    ("promise", "Promise to Pay"),
    ("dispute", "Dispute"),
    ("paid", "Paid"),
    ("acknowledged", "Acknowledged the Debt in Writing"),
    ("other", "Other"),
]
# Which worklist actions a contact on a channel fulfils (in this order when the log names no task).
# A debtor to be found (find_contact) is looked for by calling or visiting whoever may know, on
# WeChat, through an agency or the authorities.
CHANNEL_ACTIONS = {"phone": ("phone", "guarantor", "find_contact"), "sms": ("sms",), "letter": ("letter", "notice"),
                   "visit": ("visit", "guarantor", "notice", "find_contact"), "wechat": ("phone", "find_contact"),
                   "agency": ("find_contact",), "authority": ("find_contact",)}
# The kind of contact point a channel uses; the new number given may be the one used (create).
CHANNEL_KIND = {"phone": "phone", "sms": "phone", "wechat": "wechat"}
# A contact logged a little ahead of the server's clock (a phone's clock runs fast) is not refused.
FUTURE_TOLERANCE = timedelta(minutes=5)
# Parameters of the conduct limits (Settings), with their defaults from services/conduct.py.
LIMIT_PARAMS = {
    "quiet_start": "loan_collection.quiet_start",
    "quiet_end": "loan_collection.quiet_end",
    "max_connected_per_day": "loan_collection.max_connected_per_day",
    "max_attempts_per_number": "loan_collection.max_attempts_per_number",
    "min_visit_staff": "loan_collection.min_visit_staff",
}
# What a correction keeps of the log it corrects: it describes the same contact (same time, channel,
# person, number, staff and task), so it cannot be a way to log a new one past the conduct rules.
# The outcome, notes and what follows from them may differ, and are checked again.
CORRECTION_KEEPS = ("date", "channel", "party", "contact_point_id", "staff_ids", "task_id")
# Set by the server only: related and computed fields, the author, the number dialled, the override.
SERVER_FIELDS = ("partner_id", "party_ids", "currency_id", "is_corrected", "is_today", "corrected_by_ids",
                 "contact_number")
# Who may be counted among the staff present at a visit, and who logs a visit.
STAFF_GROUPS = ("loan_collection.group_collector_office", "loan_collection.group_collector_field",
                "loan_collection.group_collection_manager")
VISIT_LOGGERS = ("loan_collection.group_collector_field", "loan_collection.group_collection_manager")


class CollectionContactLog(models.Model):
    """催记: one contact (or attempt) with a debtor, guarantor or third party.

    Append-only: a log is never changed or deleted; a correction is a new log pointing to the
    one it corrects. The conduct rules (services/conduct.py) are checked when it is created;
    a collection manager may override a refusal with a written reason, kept on the log.
    """
    _name = "collection.contact.log"
    _description = "Contact Log"
    _order = "date desc, id desc"

    case_id = fields.Many2one("collection.case", string="Case", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    date = fields.Datetime(required=True, default=business_now, index=True)
    user_id = fields.Many2one("res.users", string="Logged By", required=True, readonly=True,
                              default=lambda self: self.env.user)
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    party = fields.Selection(PARTIES, string="Who Was Reached", required=True, default="debtor")
    contact_point_id = fields.Many2one(
        "collection.contact.point", string="Number / Address Used",
        domain="[('partner_id', 'in', party_ids)]")
    party_ids = fields.Many2many(related="case_id.party_ids", readonly=True)
    connected = fields.Boolean(help="The call was answered (a voice contact took place).")
    contact_number = fields.Char(
        string="Number Dialled", readonly=True, index=True,
        help="The number used, normalised (digits only, without +86): call attempts are counted per number.")
    outcome = fields.Selection(OUTCOMES, required=True, default="rpc")
    note = fields.Text(string="Notes")
    staff_ids = fields.Many2many("res.users", "collection_contact_log_staff_rel", "log_id", "user_id",
                                 string="Staff Present", default=lambda self: self.env.user)
    attachment_ids = fields.Many2many("ir.attachment", "collection_contact_log_attachment_rel", "log_id",
                                      "attachment_id", string="Recordings, Photos, Receipts")
    debtor_unreachable = fields.Boolean(
        string="Debtor Cannot Be Reached",
        help="For a third party: the debtor could not be reached on any of his contact points.")
    no_disclosure_confirmed = fields.Boolean(
        string="Debt Not Disclosed",
        help="For a third party: I confirm that I only asked for contact details or to pass on a message, "
             "and did not tell them about the debt.")
    promise_amount = fields.Monetary(currency_field="currency_id")
    promise_date = fields.Date(string="Promised Payment Date")
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    new_contact_value = fields.Char(string="New Number / Address Given")
    new_contact_kind = fields.Selection([("phone", "Phone"), ("address", "Address"), ("wechat", "WeChat")],
                                        default="phone")
    new_contact_relation = fields.Selection(RELATIONS, string="Whose", default="self")
    new_contact_owner = fields.Char(string="Person")
    task_id = fields.Many2one("collection.task", string="Worklist Task", index=True,
                              domain="[('case_id', '=', case_id), ('state', '=', 'todo')]")
    correction_of_id = fields.Many2one("collection.contact.log", string="Corrects", index=True,
                                       domain="[('case_id', '=', case_id)]")
    corrected_by_ids = fields.One2many("collection.contact.log", "correction_of_id", string="Corrected By")
    is_corrected = fields.Boolean(compute="_compute_is_corrected", string="Corrected")
    override_reason = fields.Text(
        string="Manager Override Reason",
        help="A collection manager may allow a contact the conduct rules refuse, with a written reason.")
    override_user_id = fields.Many2one("res.users", string="Overridden By", readonly=True)
    is_today = fields.Boolean(compute="_compute_is_today", search="_search_is_today", string="Today")
    overridden_rules = fields.Char(readonly=True)
    overridden_rules_label = fields.Char(compute="_compute_overridden_rules_label", string="Overridden Rules",
                                         help="The conduct rules the manager's override allowed.")

    @api.model
    def _rule_labels(self):
        """The conduct rules (services/conduct.py) by name, as a reader sees them."""
        return {
            "quiet_hours": _("Quiet hours"),
            "daily_connected_limit": _("Connected calls a day with the same person"),
            "number_attempt_limit": _("Call attempts a day to one number"),
            "third_party_reachable": _("Third party contacted while the debtor is reachable"),
            "third_party_disclosure": _("No disclosure to a third party confirmed"),
            "visit_staff": _("Staff at a visit"),
        }

    @api.depends("overridden_rules")
    def _compute_overridden_rules_label(self):
        labels = self._rule_labels()
        for log in self:
            rules = filter(None, (log.overridden_rules or "").split(","))
            log.overridden_rules_label = ", ".join(labels.get(rule, rule) for rule in rules) or False

    @api.depends("corrected_by_ids")
    def _compute_is_corrected(self):
        for log in self:
            log.is_corrected = bool(log.corrected_by_ids)

    def _today_bounds(self):
        """The company's today as UTC datetimes (start included, end excluded), as stored."""
        return map(fields.Datetime.to_string, clock.day_bounds_utc(
            fields.Date.from_string(business_today(self)), business_tz(self)))

    def _compute_is_today(self):
        start, end = self._today_bounds()
        for log in self:
            log.is_today = start <= log.date < end

    def _search_is_today(self, operator, value):
        start, end = self._today_bounds()
        if (operator == "=") == bool(value):
            # A field's search domain is not normalized by Odoo 11: the '&' must be explicit.
            return ["&", ("date", ">=", start), ("date", "<", end)]
        return ["|", ("date", "<", start), ("date", ">=", end)]

    @api.onchange("outcome", "channel")
    def _onchange_outcome(self):
        # A call that reached someone was connected; no answer or a wrong number was not.
        # The server sets it the same way when the log is saved (create).
        if self.channel == "phone":
            self.connected = conduct.is_connected(self.channel, self.outcome)

    @api.multi
    def name_get(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        return [(log.id, "%s %s %s" % (log.date, channels[log.channel], outcomes[log.outcome])) for log in self]

    @api.model
    def _form_action(self, context):
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Contact"),
            "res_model": "collection.contact.log",
            "view_mode": "form",
            # The dialog's own form: its Save closes the dialog and the worklist or case behind reloads.
            "views": [(self.env.ref("loan_collection.collection_contact_log_view_form_dialog").id, "form")],
            "target": "new",
            "context": context,
        }

    @api.multi
    def action_save(self):
        """The dialog's Save: the web client has created the log (with its checks and effects) before
        calling this; close the dialog, and the list or form it was opened from reloads (its task done)."""
        self.ensure_one()
        return {"type": "ir.actions.act_window_close"}

    @api.multi
    def action_correct(self):
        """A new log correcting this one, pre-filled with its values."""
        self.ensure_one()
        context = {"default_%s" % name: self[name] for name in (
            "channel", "party", "connected", "outcome", "note", "date")}
        context.update(default_case_id=self.case_id.id, default_correction_of_id=self.id,
                       default_contact_point_id=self.contact_point_id.id, default_task_id=self.task_id.id,
                       default_staff_ids=[(6, 0, self.staff_ids.ids)])
        return self._form_action(context)

    # Conduct rules -------------------------------------------------------------------------

    @api.model
    def _conduct_limits(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        defaults = conduct.ConductLimits()
        values = {}
        for name, key in LIMIT_PARAMS.items():
            try:
                values[name] = int(get(key, getattr(defaults, name)))
            except ValueError:
                values[name] = getattr(defaults, name)
        return conduct.ConductLimits(**values)

    @api.model
    def _local(self, utc_string, tz_name):
        """A UTC datetime of the database as the wall-clock time in ``tz_name``."""
        return clock.to_local(fields.Datetime.from_string(utc_string), tz_name)

    @api.model
    def _check_conduct(self, vals, exclude_ids=()):
        """The refusals of the conduct rules for a log about to be created from vals (a
        correction does not count the contact it describes again: exclude_ids)."""
        case = self.env["collection.case"].browse(vals["case_id"])
        channel, party = vals.get("channel", "phone"), vals.get("party", "debtor")
        tz_name = case.partner_id._debtor_tz()
        local = self._local(vals.get("date") or business_now(self), tz_name)
        day_start, day_end = map(fields.Datetime.to_string, clock.day_bounds_utc(local.date(), tz_name))
        same_day = [("date", ">=", day_start), ("date", "<", day_end), ("correction_of_id", "=", False),
                    ("id", "not in", list(exclude_ids))]
        sudo_logs = self.sudo()
        connected_today = sudo_logs.search_count(same_day + [
            ("partner_id", "=", case.partner_id.id), ("party", "=", party),
            ("channel", "=", "phone"), ("connected", "=", True)])
        attempts_today = 0
        if vals.get("contact_number"):
            # Per number dialled, whatever contact point it was chosen from (银行业协会 指引: at most 6
            # tries of the same number a day); logs older than contact_number by their point's number.
            twins = self.env["collection.contact.point"].sudo().with_context(active_test=False).search(
                [("value_normalized", "=", vals["contact_number"])])
            attempts_today = sudo_logs.search_count(same_day + [
                ("channel", "=", "phone"),
                "|", ("contact_number", "=", vals["contact_number"]), ("contact_point_id", "in", twins.ids)])
        own_points = case.partner_id.contact_point_ids.filtered(lambda p: p.relation == "self" and p.kind == "phone")
        unreachable = vals.get("debtor_unreachable") or (
            own_points and all(p.status != "valid" for p in own_points))
        staff = vals.get("staff_ids")
        staff_count = len(self._resolve_m2m(staff)) if staff is not None else 1
        return conduct.check_contact(
            local, channel, party, self._conduct_limits(),
            debtor_consent_night=case.partner_id.night_contact_consent,
            connected=bool(vals.get("connected")), connected_today=connected_today,
            attempts_on_number_today=attempts_today, debtor_unreachable=bool(unreachable),
            no_disclosure_confirmed=bool(vals.get("no_disclosure_confirmed")), staff_count=staff_count)

    @api.model
    def _resolve_m2m(self, commands):
        ids = set()
        for command in commands or []:
            if isinstance(command, int):
                ids.add(command)
            elif command[0] == 6:
                ids = set(command[2])
            elif command[0] == 4:
                ids.add(command[1])
            elif command[0] in (3, 5):
                ids = set() if command[0] == 5 else ids - {command[1]}
        return ids

    @api.model
    def _refusal_message(self, refusals, limits):
        messages = {
            "quiet_hours": _("no collection contact between %02d:00 and %02d:00 without the debtor's recorded "
                             "consent (GB/T 45251-2025)") % (limits.quiet_start, limits.quiet_end),
            "daily_connected_limit": _("at most %s connected calls a day with the same person "
                                       "(GB/T 45251-2025)") % limits.max_connected_per_day,
            "number_attempt_limit": _("at most %s call attempts a day to the same number (China Banking "
                                      "Association collection guideline)") % limits.max_attempts_per_number,
            "third_party_reachable": _("a relative, employer or other third party may only be contacted when the "
                                       "debtor cannot be reached: tick \"Debtor Cannot Be Reached\" if so"),
            "third_party_disclosure": _("a third party must never be told about the debt: tick \"Debt Not "
                                        "Disclosed\" to confirm you only asked for contact details or to pass on "
                                        "a message"),
            "visit_staff": _("a visit needs at least %s staff: add the colleagues present") % limits.min_visit_staff,
        }
        lines = []
        for refusal in refusals:
            line = messages[refusal.rule]
            if refusal.allowed_again:
                line += _("; allowed again from %s") % refusal.allowed_again.strftime("%Y-%m-%d %H:%M")
            lines.append("- " + line)
        return _("This contact breaks the collection conduct rules:\n%s\nA collection manager may allow it "
                 "with a written reason (Manager Override Reason).") % "\n".join(lines)

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def _collection_staff(self, user_ids):
        """The users among user_ids who count as staff at a visit: collection staff (collectors
        and managers), not the technical administrator account."""
        root = self.env.ref("base.user_root")
        users = self.env["res.users"].sudo().browse(list(user_ids)).exists()
        return users.filtered(lambda u: u != root and u.active and any(u.has_group(g) for g in STAFF_GROUPS))

    @api.model
    def _check_visit(self, vals):
        """A visit is logged by a field collector or a manager, and only collection staff count
        among the staff present (two-person visits, services/conduct.py)."""
        if not field_policy.is_trusted(self.env) and not any(self.env.user.has_group(g) for g in VISIT_LOGGERS):
            raise AccessError(_("A visit is logged by the field collector who made it (or a collection manager): "
                                "log your calls, messages and letters, and ask the field collector to log the "
                                "visit."))
        staff = self._resolve_m2m(vals["staff_ids"]) if "staff_ids" in vals else {self.env.uid}
        others = self.env["res.users"].sudo().browse(list(staff)).exists() - self._collection_staff(staff)
        if others:
            raise ValidationError(_("Only collection staff (collectors and collection managers) count as staff "
                                    "present at a visit: %s is not. Remove them and add the colleagues present.")
                                  % ", ".join(others.mapped("name")))

    @api.model
    def _comparable(self, name, value):
        field = self._fields[name]
        if field.type == "many2many":
            return self._resolve_m2m(value)
        if field.type == "datetime" and value and not isinstance(value, datetime.datetime):
            return fields.Datetime.from_string(value)
        if field.type == "many2one" and isinstance(value, models.BaseModel):
            return value.id or False
        return value or False

    @api.model
    def _check_correction(self, vals, case):
        """The log that vals correct, with vals completed from it (CORRECTION_KEEPS): refused when
        it describes another contact than the corrected log, or corrects a log already corrected."""
        original = self.sudo().browse(vals["correction_of_id"]).exists()
        if not original or original.case_id.id != case.id:
            raise ValidationError(_("A correction must be logged on the same case as the log it corrects."))
        if original.corrected_by_ids:
            raise ValidationError(_("This log was already corrected by %s: correct the latest version instead.")
                                  % original.corrected_by_ids[-1:].display_name)
        changed = []
        if original.channel != "visit":
            # Staff present matter on a visit only: the others keep theirs whatever the form sends.
            vals["staff_ids"] = [(6, 0, original.staff_ids.ids)]
        for name in CORRECTION_KEEPS:
            kept = original[name]
            kept_value = set(kept.ids) if self._fields[name].type == "many2many" else self._comparable(name, kept)
            if name not in vals:
                vals[name] = [(6, 0, kept.ids)] if self._fields[name].type == "many2many" else (
                    kept.id if self._fields[name].type == "many2one" else kept)
            elif self._comparable(name, vals[name]) != kept_value:
                changed.append(self._fields[name]._description_string(self.env))
        if changed:
            raise ValidationError(_("A correction describes the same contact as the log it corrects: it keeps its %s. "
                                    "Only the outcome, the notes and what follows from them may be corrected; log a "
                                    "new contact for another call or visit.") % ", ".join(changed))
        return original

    @api.model
    def create(self, vals):
        vals = dict(vals)
        for name in SERVER_FIELDS:
            vals.pop(name, None)
        case = self.env["collection.case"].browse(vals.get("case_id"))
        if not case.exists():
            raise UserError(_("A contact log needs its collection case."))
        # Authorship and overrides come from the session, never from the caller.
        if not field_policy.is_trusted(self.env):
            if vals.get("user_id") and vals["user_id"] != self.env.uid:
                raise AccessError(_("A contact is logged in the name of the user who logs it: leave \"Logged By\" "
                                    "as yourself."))
            vals["user_id"] = self.env.uid
            # Only files the author uploaded: another's file linked here would be sealed as evidence.
            files = self.env["ir.attachment"].sudo().browse(sorted(self._resolve_m2m(vals.get("attachment_ids"))))
            foreign = files.filtered(lambda a: a.create_uid.id != self.env.uid)
            if foreign:
                raise AccessError(_("Attach only the files you uploaded for this contact: %s was not uploaded by "
                                    "you.") % foreign[0].name)
            if vals.get("override_user_id") or vals.get("overridden_rules"):
                raise AccessError(_("The override of the conduct rules is recorded by the server when a collection "
                                    "manager gives a reason (Manager Override Reason); it cannot be set."))
        vals.pop("override_user_id", None)
        vals.pop("overridden_rules", None)
        original = self._check_correction(vals, case) if vals.get("correction_of_id") else self.browse()
        channel = vals.get("channel") or "phone"
        new_point_vals = None
        if channel in CHANNEL_KIND and not vals.get("contact_point_id"):
            if not (vals.get("new_contact_value") or "").strip() or \
                    (vals.get("new_contact_kind") or "phone") != CHANNEL_KIND[channel]:
                raise ValidationError(_("Choose the number used for this contact, or enter the new number you "
                                        "called under \"New Number or Address Given\"."))
            # The new number is the one used: checked (attempts per number) and recorded like any other.
            new_point_vals = self._new_point_vals(vals, case)
            vals["contact_number"] = contact_point.normalize(new_point_vals["kind"], new_point_vals["value"])
        if vals.get("date") and fields.Datetime.from_string(vals["date"]) > clock.utcnow() + FUTURE_TOLERANCE:
            raise ValidationError(_("The contact time %s is in the future: log a contact when it has taken place.")
                                  % fields.Datetime.to_string(clock.to_local(
                                      fields.Datetime.from_string(vals["date"]), case.partner_id._debtor_tz())))
        if vals.get("outcome") == "promise" and not (vals.get("promise_amount") and vals.get("promise_date")):
            raise ValidationError(_("A promise to pay needs the amount and the date promised."))
        if channel == "visit":
            self._check_visit(vals)
        if vals.get("task_id"):
            task = self.env["collection.task"].sudo().browse(vals["task_id"])
            if task.case_id != case or task.action not in CHANNEL_ACTIONS.get(channel, ()):
                raise ValidationError(_("This contact does not fulfil the task \"%s\": a task is done by the contact "
                                        "it asks for, on its own case.") % task.name)
        # Connected follows from the outcome (GB/T 45251-2025 counts connected voice contacts).
        vals["connected"] = conduct.is_connected(channel, vals.get("outcome") or "rpc")
        if vals.get("contact_point_id"):
            point = self.env["collection.contact.point"].sudo().browse(vals["contact_point_id"])
            vals["contact_number"] = point.value_normalized or False
        # A correction is checked again, without counting the contact it describes twice; the rules a
        # manager overrode for that contact stay overridden.
        root = original
        while root.correction_of_id:
            root = root.correction_of_id
        refusals = self._check_conduct(vals, exclude_ids=root.ids)
        carried = set(filter(None, (original.overridden_rules or "").split(",")))
        new_refusals = [r for r in refusals if r.rule not in carried]
        if new_refusals:
            limits = self._conduct_limits()
            if not (vals.get("override_reason") or "").strip():
                raise ValidationError(self._refusal_message(new_refusals, limits))
            if not self.env.user.has_group("loan_collection.group_collection_manager"):
                raise ValidationError(
                    _("Only a collection manager can override the conduct rules.\n%s")
                    % self._refusal_message(new_refusals, limits))
            vals.update(override_user_id=self.env.uid, overridden_rules=",".join(r.rule for r in refusals))
        elif refusals:
            vals.update(override_user_id=original.override_user_id.id, override_reason=original.override_reason,
                        overridden_rules=",".join(r.rule for r in refusals))
        elif vals.get("override_reason"):
            vals["override_reason"] = False  # nothing was overridden
        if new_point_vals:
            vals["contact_point_id"] = self._add_contact_point(new_point_vals).id
        log = super(CollectionContactLog, self).create(vals)
        log._apply_effects()
        return log

    @api.multi
    def write(self, vals):
        raise UserError(_("Contact logs cannot be changed. Log a correction: a new entry that points to this one "
                          "(\"Corrects\")."))

    @api.multi
    def unlink(self):
        raise UserError(_("Contact logs cannot be deleted; they are the record of how the debt was collected. "
                          "Log a correction instead."))

    @api.model
    def _new_point_vals(self, vals, case):
        """The contact point of the new number or address given in a contact (vals of a log)."""
        return {"partner_id": case.partner_id.id, "kind": vals.get("new_contact_kind") or "phone",
                "value": vals["new_contact_value"].strip(), "relation": vals.get("new_contact_relation") or "self",
                "owner_name": vals.get("new_contact_owner") or False, "date_verified": business_today(self),
                "note": _("Given during contact of %s") % (vals.get("date") or business_now(self))}

    @api.model
    def _add_contact_point(self, point_vals):
        """The debtor's contact point for point_vals: the one he already has for that number, else a new
        one, valid, created with the user's own rights (who may add contact data: collectors for the
        parties to their cases, managers, finance)."""
        Point = self.env["collection.contact.point"]
        existing = Point.sudo().search([
            ("partner_id", "=", point_vals["partner_id"]), ("kind", "=", point_vals["kind"]),
            ("value_normalized", "=", contact_point.normalize(point_vals["kind"], point_vals["value"]))], limit=1)
        return existing or Point.create(point_vals)

    def _apply_effects(self):
        """What a contact changes: contact point status, new numbers, the promise, the case stage,
        the worklist task."""
        self.ensure_one()
        case, point = self.case_id, self.contact_point_id
        today = business_today(self)
        if point and self.outcome == "wrong_number":
            point.sudo().write({"status": "wrong", "date_verified": today})
        elif point and (self.connected or self.outcome in ("rpc", "promise", "paid", "acknowledged")):
            point.sudo().write({"status": "valid", "date_verified": today})
        if self.new_contact_value:
            self._add_contact_point(self._new_point_vals({
                name: self[name] for name in ("new_contact_kind", "new_contact_value", "new_contact_relation",
                                              "new_contact_owner", "date")}, case))
        if self.correction_of_id:
            # The corrected contact's promise, if not judged yet, gives way to the correction's.
            self.env["collection.promise"].sudo().search(
                [("log_id", "=", self.correction_of_id.id), ("state", "=", "open")]).unlink()
        if self.outcome == "promise":
            self.env["collection.promise"].sudo().create({
                "case_id": case.id, "log_id": self.id, "amount": self.promise_amount,
                "date_promised": self.promise_date, "user_id": self.user_id.id,
                "date_made": self._local(self.date, business_tz(case)).date().isoformat()})
        stage = case.stage
        if self.outcome == "promise" and stage in ("new", "contacting", "notice"):
            stage = "promised"
        elif stage == "new":
            stage = "contacting"
        if stage != case.stage:
            case.sudo().stage = stage
        tasks = self.task_id.filtered(lambda t: t.state == "todo")
        if self.correction_of_id:
            # A correction is the same contact: its task was fulfilled (or not) by the corrected log.
            tasks = False
        elif not tasks:
            actions = CHANNEL_ACTIONS.get(self.channel, ())
            candidates = case.task_ids.filtered(
                lambda t: t.state == "todo" and t.action in actions and t.task_date <= today)
            # The task of the channel itself first (a visit fulfils the visit before the guarantor step).
            tasks = candidates.sorted(lambda t: (actions.index(t.action), t.task_date))[:1]
        if tasks:
            tasks.sudo().action_done()
        case._loan_note(_("Contact logged: %s") % self.display_name)
