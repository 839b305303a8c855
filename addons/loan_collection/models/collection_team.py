# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Collection teams (催收组), their members, the allocation rules (分案规则) and the log of the
cases' moves between teams and collectors (流转记录). The allocation itself is in
services/case_allocation.py; the daily run applies it (collection_run_allocation.py)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import field_policy
from .collection_case_finance import MANAGER_GROUP
from .res_company import business_today

TEAM_ROLES = [("office", "Office (Phone) Collection"), ("field", "Field Visits")]
METHODS = [
    ("round_robin", "Round-robin"),
    ("balanced_count", "Balanced by Case Count"),
    ("balanced_amount", "Balanced by Open Amount"),
    ("sticky", "Keep the Previous Collector"),
]
LEAVE_ACTIONS = [
    ("hold", "Hold Her Cases Until She Is Back"),
    ("redistribute", "Redistribute Her Cases in the Team"),
]
MOVE_KINDS = [
    ("allocation", "Allocated by Rule"),
    ("flow", "Moved On to the Next Team"),
    ("leave", "Collector on Leave"),
    ("manual", "Reassigned by Hand"),
    ("placement", "Placed with an Agency"),
    ("recall", "Recalled from the Agency"),
]

ROLE_GROUPS = {"office": "loan_collection.group_collector_office", "field": "loan_collection.group_collector_field"}


def _check_manager(self):
    """Teams, members and rules are the collection managers' (`self`: a recordset, whose
    environment gives _() the user's language)."""
    if not field_policy.is_trusted(self.env) and not self.env.user.has_group(MANAGER_GROUP):
        refusal = getattr(self, "_manager_refusal", None)
        raise AccessError(refusal() if refusal else
                          _("Only a collection manager can change the teams and the allocation rules."))


def _role_label(self, role):
    """The role's label in the user's language (an RPC call's context may carry none)."""
    env = self._in_user_language().env
    return dict(env["collection.team"]._fields["role"]._description_selection(env))[role]


def _may_hold(user, role):
    """Whether `user` may hold cases of a team of `role`: a collector of that role or a manager."""
    user = user.sudo()
    if user._is_agency_collector():
        return False  # an agency's people hold only the cases placed with it (collection_placement.py)
    return user.has_group(ROLE_GROUPS[role]) or user.has_group(MANAGER_GROUP)


def _refuse_agency_people(self, users, team):
    """An agency's people are never in the lender's teams: the allocation would give them cases not
    placed with their agency."""
    outside = users.filtered(lambda u: u._is_agency_collector())
    if outside:
        raise ValidationError(_("%s works for collection agency %s: she holds only the cases placed with it and "
                                "cannot be in team %s.") % (outside[0].name, outside[0].loan_agency_id.name, team.name))


def _values(records, vals, names):
    """The values of `names` each record would have after writing `vals` (one dict for a create)."""
    if not records:
        return [{name: vals.get(name) for name in names}]
    return [{name: vals[name] if name in vals else record[name] for name in names} for record in records.sudo()]


def _held_cases(self):
    """Whether the teams `self` hold or ever held a case: the case's teams now, and the move log
    (a team whose cases all moved on is still part of their history)."""
    Case, Move = self.env["collection.case"].sudo(), self.env["collection.case.move"].sudo()
    return bool(Case.search_count(["|", ("team_id", "in", self.ids), ("field_team_id", "in", self.ids)])
                or Move.search_count(["|", ("to_team_id", "in", self.ids), ("from_team_id", "in", self.ids)]))


class AllocationSettings(models.AbstractModel):
    """What teams, members and rules share: collection managers change them (the server's own
    code too), and the table's checks (_sql_constraints) are made first with a message in the
    user's language — PostgreSQL would refuse in English, even to a Chinese user calling over RPC."""
    _name = "collection.allocation.settings"
    _description = "Allocation Settings"

    def _check_values(self, vals):
        """Raise ValidationError if the records, with `vals` written (a create: `self` empty),
        would break one of the table's checks."""

    @api.model
    def create(self, vals):
        _check_manager(self)
        self.browse()._check_values(vals)
        return super(AllocationSettings, self).create(vals)

    @api.multi
    def write(self, vals):
        _check_manager(self)
        self._check_values(vals)
        return super(AllocationSettings, self).write(vals)

    @api.multi
    def unlink(self):
        _check_manager(self)
        return super(AllocationSettings, self).unlink()


class CollectionTeam(models.Model):
    _name = "collection.team"
    _inherit = ["collection.allocation.settings"]
    _description = "Collection Team"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    role = fields.Selection(TEAM_ROLES, string="Works As", required=True, default="office",
                            help="Which collector of its cases the team provides: the office collector "
                                 "(calls and messages) or the field collector (visits).")
    leader_id = fields.Many2one("res.users", string="Team Leader", required=True,
                                help="Holds the cases for which no member is free (all on leave, at their "
                                     "capacity, or not covering the debtor's province), to give them on by hand.")
    method = fields.Selection(METHODS, string="Default Method", required=True, default="balanced_count",
                              help="How the team's cases are shared among its members when a rule does not say.")
    capacity = fields.Integer(string="Capacity per Member", default=0,
                              help="Open cases a member holds at most (0: no limit); a member may have her own.")
    leave_action = fields.Selection(LEAVE_ACTIONS, string="While a Member Is on Leave", required=True,
                                    default="hold")
    member_ids = fields.One2many("collection.team.member", "team_id", string="Members")
    rule_ids = fields.One2many("collection.allocation.rule", "team_id", string="Allocation Rules")
    round_robin_cursor = fields.Integer(readonly=True, default=0, copy=False,
                                        help="The collector who was given the team's last case (round-robin): "
                                             "the member after her in the team's order comes next.")
    case_count = fields.Integer(compute="_compute_case_count", string="Open Cases")

    _sql_constraints = [
        ("capacity_positive", "CHECK (capacity >= 0)", "A team's capacity cannot be negative."),
    ]

    def _compute_case_count(self):
        """The team's open cases the reader may see (none for a user who reads no case)."""
        counts = {}
        if not self.env["collection.case"].check_access_rights("read", raise_exception=False):
            self.update({"case_count": 0})
            return
        for column in ("team_id", "field_team_id"):
            for group in self.env["collection.case"].read_group(
                    [(column, "in", self.ids), ("is_open", "=", True)], [column], [column]):
                counts[group[column][0]] = counts.get(group[column][0], 0) + group["%s_count" % column]
        for team in self:
            team.case_count = counts.get(team.id, 0)

    @api.constrains("role", "leader_id", "member_ids")
    def _check_people(self):
        for team in self.sudo():
            _refuse_agency_people(self, team.leader_id | team.member_ids.mapped("user_id"), team)
            if not _may_hold(team.leader_id, team.role):
                raise ValidationError(
                    _("%s cannot lead team %s: the team works as %s, and she is neither in that collectors' group "
                      "nor a collection manager. Choose another leader, or add her to the group (Settings › Users).")
                    % (team.leader_id.name, team.name, _role_label(self, team.role)))
            team.member_ids._check_user()

    @api.constrains("company_id")
    def _check_company(self):
        Rule = self.env["collection.allocation.rule"].sudo().with_context(active_test=False)
        for team in self.sudo():
            other = Rule.search([("team_id", "=", team.id), ("company_id", "!=", team.company_id.id)])
            if other:
                raise ValidationError(_("Team %s is the team of rules of another company (%s): it keeps its company. "
                                        "Create a team for the other company instead.")
                                      % (team.name, ", ".join(other.mapped("name"))))

    def _check_values(self, vals):
        for values in _values(self, vals, ["capacity"]):
            if (values["capacity"] or 0) < 0:
                raise ValidationError(_("A team's capacity cannot be negative."))

    @api.multi
    def write(self, vals):
        _check_manager(self)
        if "round_robin_cursor" in vals and not field_policy.is_trusted(self.env):
            raise AccessError(_("The round-robin turn is kept by the allocation itself."))
        changed = [name for name in ("role", "company_id") if name in vals and any(
            (team[name].id if name == "company_id" else team[name]) != vals[name] for team in self.sudo())]
        if changed and _held_cases(self):
            raise UserError(_("A team that has held cases keeps its role (office or field) and its company: create "
                              "a new team instead and change the allocation rules."))
        return super(CollectionTeam, self).write(vals)

    @api.multi
    def unlink(self):
        _check_manager(self)  # before reading whether it held cases
        if _held_cases(self):
            raise UserError(_("A team that has held cases is part of their history and cannot be deleted: "
                              "archive it instead."))
        return super(CollectionTeam, self).unlink()


class CollectionTeamMember(models.Model):
    _name = "collection.team.member"
    _inherit = ["collection.allocation.settings"]
    _description = "Collection Team Member"
    _order = "team_id, sequence, id"
    _rec_name = "user_id"

    team_id = fields.Many2one("collection.team", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one("res.users", string="Collector", required=True, ondelete="cascade")
    capacity = fields.Integer(help="Open cases she holds at most in this role (0: the team's capacity).")
    state_ids = fields.Many2many("res.country.state", string="Provinces",
                                 help="The provinces of the debtors she covers (empty: all): a field "
                                      "collector visits the debtors of her region.")
    leave_from = fields.Date(string="On Leave From",
                             help="Her leave takes her away from all her teams: record it in one of them.")
    leave_to = fields.Date(string="On Leave Until", help="Her last day of leave (empty: until further notice).")
    on_leave = fields.Boolean(compute="_compute_on_leave", string="On Leave Today")
    case_count = fields.Integer(compute="_compute_case_count", string="Open Cases")

    _sql_constraints = [
        ("user_uniq", "unique(team_id, user_id)", "A collector is a member of a team once."),
        ("capacity_positive", "CHECK (capacity >= 0)", "A member's capacity cannot be negative."),
        ("leave_order", "CHECK (leave_to IS NULL OR leave_from IS NULL OR leave_to >= leave_from)",
         "The last day of leave cannot come before the first."),
    ]

    def _compute_on_leave(self):
        away = self._users_on_leave(business_today(self), self.mapped("user_id").ids)
        for member in self:
            member.on_leave = member.user_id.id in away

    def _compute_case_count(self):
        if not self.env["collection.case"].check_access_rights("read", raise_exception=False):
            self.update({"case_count": 0})
            return
        counts = {}
        for role, column in (("office", "office_user_id"), ("field", "field_user_id")):
            users = self.filtered(lambda m: m.team_id.role == role).mapped("user_id")
            if not users:
                continue
            for group in self.env["collection.case"].read_group(
                    [(column, "in", users.ids), ("is_open", "=", True)], [column], [column]):
                counts[(role, group[column][0])] = group["%s_count" % column]
        for member in self:
            member.case_count = counts.get((member.team_id.role, member.user_id.id), 0)

    @api.constrains("user_id", "team_id")
    def _check_user(self):
        for member in self.sudo():
            team = member.team_id
            _refuse_agency_people(self, member.user_id, team)
            if not _may_hold(member.user_id, team.role):
                raise ValidationError(
                    _("%s cannot be a member of team %s: the team works as %s, and she is neither in that "
                      "collectors' group nor a collection manager. Add her to the group (Settings › Users) or "
                      "choose another team.") % (member.user_id.name, team.name, _role_label(self, team.role)))

    @api.model
    def _users_on_leave(self, date, user_ids):
        """The users among `user_ids` on leave on `date`: her leave, recorded in any of her teams,
        takes her away from all of them."""
        date = date if isinstance(date, str) else fields.Date.to_string(date)
        self.env.cr.execute("""
            SELECT DISTINCT user_id FROM collection_team_member
             WHERE user_id = ANY(%s) AND leave_from <= %s AND (leave_to IS NULL OR leave_to >= %s)
        """, (list(user_ids), date, date))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.constrains("leave_from", "leave_to")
    def _check_leave(self):
        for member in self:
            if member.leave_to and not member.leave_from:
                raise ValidationError(_("%s: give the first day of leave as well as the last.")
                                      % member.user_id.name)

    def _check_values(self, vals):
        for values in _values(self, vals, ["capacity", "leave_from", "leave_to"]):
            if (values["capacity"] or 0) < 0:
                raise ValidationError(_("A member's capacity cannot be negative."))
            if values["leave_from"] and values["leave_to"] and values["leave_to"] < values["leave_from"]:
                raise ValidationError(_("The last day of leave cannot come before the first."))
        if "team_id" in vals or "user_id" in vals:
            for values in _values(self, vals, ["team_id", "user_id"]):
                team, user = (value.id if hasattr(value, "id") else value
                              for value in (values["team_id"], values["user_id"]))
                if self.sudo().search_count([("team_id", "=", team), ("user_id", "=", user),
                                             ("id", "not in", self.ids)]):
                    raise ValidationError(_("A collector is a member of a team once."))


class CollectionAllocationRule(models.Model):
    _name = "collection.allocation.rule"
    _inherit = ["collection.allocation.settings"]
    _description = "Case Allocation Rule"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10, help="Rules are tried in this order; the first that fits gives the team.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    team_id = fields.Many2one("collection.team", required=True, ondelete="cascade",
                              help="Deleting a team (one that never held a case) deletes its rules.")
    role = fields.Selection(related="team_id.role", string="Works As", store=True, readonly=True)
    method = fields.Selection(METHODS, help="How the team's members share these cases (empty: the team's method).")
    days_from = fields.Integer(string="Days Overdue From", default=1)
    days_to = fields.Integer(string="Days Overdue To", help="Inclusive (0: no upper limit).")
    amount_min = fields.Monetary(string="Amount Due From", currency_field="currency_id")
    amount_max = fields.Monetary(string="Amount Due Up To", currency_field="currency_id",
                                 help="The case's total due, inclusive (0: no upper limit).")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    product_ids = fields.Many2many("loan.product", string="Products", help="Empty: every product.")
    state_ids = fields.Many2many("res.country.state", string="Debtor's Province",
                                 help="The province of the debtor's address (empty: anywhere).")
    risk_level = fields.Selection([("low", "Low"), ("medium", "Medium"), ("high", "High")], string="Risk",
                                  help="Empty: any risk.")
    needs_visit = fields.Boolean(string="Only Cases Due a Visit",
                                 help="Only cases whose policy has reached its field visit step.")

    _sql_constraints = [
        ("days_order", "CHECK (days_to = 0 OR days_to IS NULL OR days_to >= days_from)",
         "The last day overdue of a rule cannot come before its first."),
        ("days_positive", "CHECK (days_from >= 0 AND (days_to IS NULL OR days_to >= 0))",
         "The days overdue of a rule cannot be negative."),
        ("amounts_positive", "CHECK (amount_min >= 0 AND (amount_max IS NULL OR amount_max >= 0))",
         "The amounts of a rule cannot be negative."),
        ("amount_order", "CHECK (amount_max IS NULL OR amount_max = 0 OR amount_max >= amount_min)",
         "The upper amount of a rule cannot be below its lower amount."),
    ]

    @api.constrains("team_id", "company_id")
    def _check_company(self):
        for rule in self.sudo():
            if rule.team_id.company_id != rule.company_id:
                raise ValidationError(_("Rule %s sends cases of %s to team %s of another company: choose a team "
                                        "of the same company.") % (rule.name, rule.company_id.name,
                                                                   rule.team_id.name))

    def _check_values(self, vals):
        for values in _values(self, vals, ["days_from", "days_to", "amount_min", "amount_max"]):
            days_from, days_to = values["days_from"] or 0, values["days_to"] or 0
            amount_min, amount_max = values["amount_min"] or 0, values["amount_max"] or 0
            if days_from < 0 or days_to < 0:
                raise ValidationError(_("The days overdue of a rule cannot be negative."))
            if days_to and days_to < days_from:
                raise ValidationError(_("The last day overdue of a rule cannot come before its first."))
            if amount_min < 0 or amount_max < 0:
                raise ValidationError(_("The amounts of a rule cannot be negative."))
            if amount_max and amount_max < amount_min:
                raise ValidationError(_("The upper amount of a rule cannot be below its lower amount."))

    @api.multi
    def unlink(self):
        _check_manager(self)  # before reading whether it moved cases
        if self.env["collection.case.move"].sudo().search_count([("rule_id", "in", self.ids)]):
            raise UserError(_("A rule that has moved cases is part of their history and cannot be deleted: "
                              "archive it instead."))
        return super(CollectionAllocationRule, self).unlink()


class CollectionCaseMove(models.Model):
    """One change of a case's team or collector: by the daily run (allocation, the move to the
    next team, a collector on leave) or by a manager (with the reason). A record of the case's
    history: never changed, never deleted."""
    _name = "collection.case.move"
    _description = "Case Move"
    _order = "id desc"

    case_id = fields.Many2one("collection.case", required=True, readonly=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, readonly=True)
    kind = fields.Selection(MOVE_KINDS, required=True, readonly=True)
    role = fields.Selection(TEAM_ROLES, string="Works As", required=True, readonly=True)
    from_team_id = fields.Many2one("collection.team", string="From Team", readonly=True, ondelete="restrict")
    to_team_id = fields.Many2one("collection.team", string="To Team", readonly=True, ondelete="restrict")
    from_user_id = fields.Many2one("res.users", string="From Collector", readonly=True)
    to_user_id = fields.Many2one("res.users", string="To Collector", readonly=True)
    rule_id = fields.Many2one("collection.allocation.rule", string="Rule", readonly=True, ondelete="restrict",
                              help="The rule that gave the team; for a reassignment by hand, the rule the case "
                                   "fell under then: the case stays with the team it was given to until "
                                   "another rule fits it.")
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)

    @api.model
    def create(self, vals):
        """Nobody, the administrator included: the daily run and Reassign insert the moves
        themselves (collection_run_allocation._apply_moves)."""
        raise AccessError(_("Case moves are written by the allocation and by Reassign; they cannot be "
                            "created by hand."))

    @api.multi
    def write(self, vals):
        raise AccessError(_("A case move is part of the case's history and cannot be changed."))

    @api.multi
    def unlink(self):
        raise AccessError(_("A case move is part of the case's history and cannot be deleted."))
