# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models import field_policy
from ..models.collection_case import OPEN_STAGES
from ..models.collection_case_finance import MANAGER_GROUP
from ..models.res_company import business_today
from ..services import case_allocation


class CollectionCaseReassign(models.TransientModel):
    """A manager gives the selected open cases to a team (and one of its members, or the member
    the team's method chooses), with the reason; each move is logged on its case."""
    _name = "collection.case.reassign"
    _description = "Reassign Cases"

    # Required in the form; checked by action_reassign with a message saying what is missing
    # (a NOT NULL column would answer an RPC call with Odoo's generic "mandatory field" error).
    case_ids = fields.Many2many("collection.case", string="Selected Cases",
                                default=lambda self: self.env.context.get("active_ids") or [])
    team_id = fields.Many2one("collection.team", string="Team", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Collector", ondelete="cascade",
                              help="Empty: the team's method chooses a member for each case.")
    member_user_ids = fields.Many2many("res.users", compute="_compute_member_user_ids")
    reason = fields.Text()

    @api.depends("team_id")
    def _compute_member_user_ids(self):
        for wizard in self:
            wizard.member_user_ids = wizard.team_id.member_ids.mapped("user_id")

    @api.multi
    def action_reassign(self):
        self.ensure_one()
        if not field_policy.is_trusted(self.env) and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a collection manager can reassign cases."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for the reassignment (it is kept on each case's moves)."))
        if not self.team_id:
            raise UserError(_("Choose the team the cases go to."))
        if not self.case_ids:
            raise UserError(_("Select the cases to reassign in the case list first."))
        placed = self.case_ids.sudo().filtered("placement_id")
        if placed:
            raise UserError(_("These cases are placed with an agency: recall them first (Agency Placements): %s.")
                            % ", ".join("%s (%s)" % (c.name, c.agency_id.name) for c in placed))
        if not self.env["collection.team"].search_count([("id", "=", self.team_id.id)]):
            # Another company's team (the record rules): not even its name is shown.
            raise UserError(_("The chosen team is not one of your company's teams: choose another team."))
        team = self.team_id.sudo()
        cases = self.case_ids.sudo()
        if not team.active:
            raise UserError(_("Team %s is archived: choose an active team.") % team.name)
        closed = cases.filtered(lambda c: c.stage not in OPEN_STAGES)
        if closed:
            raise UserError(_("Only open cases can be reassigned; these are not open: %s.")
                            % ", ".join(closed.mapped("name")))
        other = cases.filtered(lambda c: c.company_id != team.company_id)
        if other:
            raise UserError(_("Team %s works for %s; these cases are of another company: %s.")
                            % (team.name, team.company_id.name, ", ".join(other.mapped("name"))))
        date = business_today(self)
        Run = self.env["collection.run"].sudo()
        teams = Run._allocation_teams(date, [team.id])
        allocation_team = teams[team.id]
        if self.user_id:
            member = allocation_team.by_user.get(self.user_id.id)
            if not member:
                raise UserError(_("%s is not a member of team %s: add her to the team first, or choose one of "
                                  "its members.") % (self.user_id.name, team.name))
            if member.on_leave:
                raise UserError(_("%s is on leave today: choose another member, or leave the collector empty "
                                  "to let the team's method choose.") % self.user_id.name)
        allocator = case_allocation.Allocator(teams, Run._collector_loads())
        role = team.role
        rules = Run._allocation_rules()
        moves = []
        for case in Run._allocation_cases(cases.ids):
            from_team, from_user = case.teams[role], case.users[role]
            allocator.take(role, from_user, case.amount)
            to_user = self.user_id.id or allocator.choose(allocation_team, case)
            allocator.give(role, to_user, case.amount)
            # The rule the case falls under now: the daily run leaves it with this team until
            # another rule fits (services/case_allocation.py).
            rule = case_allocation.first_rules(rules, case).get(role)
            moves.append(case_allocation.Move(case.id, role, "manual", from_team, team.id, from_user, to_user,
                                              rule and rule.id))
        Run._apply_moves(date, moves, teams, reason=reason, by=self.env.uid)
        return {"type": "ir.actions.act_window_close"}
