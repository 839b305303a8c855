# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily run's allocation (分案) and flow (流转): which team and collector hold each open case.

Set-based: the open cases, their previous collectors and the collectors' loads are read in three
queries, services/case_allocation.py decides, and the moves are written in four statements (the
cases, the move log, the open tasks with their activities, the round-robin turns), whatever the
number of cases. Without an active rule nothing is read: the cases keep their contract's collectors.
"""
from odoo import models

from ..services import case_allocation
from ..services.money import fen
from .collection_case import OPEN_STAGES

# The case's last reassignment by hand of a role, if every later move of that role stayed in the
# team it was given to (its members replacing one another there): a manager's reassignment holds
# (services/case_allocation.py).
LAST_MANUAL = """SELECT m.to_team_id, m.rule_id FROM collection_case_move m
                  WHERE m.case_id = cc.id AND m.role = %s AND m.kind = 'manual'
                    AND NOT EXISTS (SELECT 1 FROM collection_case_move l
                                     WHERE l.case_id = cc.id AND l.role = m.role AND l.id > m.id
                                       AND l.to_team_id IS DISTINCT FROM m.to_team_id)
                  ORDER BY m.id DESC LIMIT 1"""


class CollectionRunAllocation(models.Model):
    """The daily run: cases allocated to teams and collectors by the allocation rules."""
    _inherit = "collection.run"

    def _allocation_rules(self):
        """The active rules of active teams, as services/case_allocation.Rule, in their order
        (one query, whatever the number of rules)."""
        cr = self.env.cr
        cr.execute("""
            SELECT r.id, r.company_id, r.team_id, t.role, r.method, COALESCE(r.days_from, 0), COALESCE(r.days_to, 0),
                   COALESCE(r.amount_min, 0), COALESCE(r.amount_max, 0),
                   ARRAY(SELECT loan_product_id FROM collection_allocation_rule_loan_product_rel
                          WHERE collection_allocation_rule_id = r.id),
                   ARRAY(SELECT res_country_state_id FROM collection_allocation_rule_res_country_state_rel
                          WHERE collection_allocation_rule_id = r.id),
                   r.risk_level, COALESCE(r.needs_visit, false)
              FROM collection_allocation_rule r
              JOIN collection_team t ON t.id = r.team_id AND t.active
             WHERE r.active
             ORDER BY r.sequence, r.id
        """)
        return [case_allocation.Rule(rule_id, company_id, team_id, role, method or None, days_from, days_to,
                                     fen(amount_min), fen(amount_max), frozenset(products), frozenset(states),
                                     risk or None, visit)
                for (rule_id, company_id, team_id, role, method, days_from, days_to, amount_min, amount_max,
                     products, states, risk, visit) in cr.fetchall()]

    def _allocation_teams(self, date, team_ids=None):
        """The teams (services/case_allocation.Team), archived ones too (a case may still be in
        one), with their active members in order and who is on leave on `date` (her leave,
        recorded in any of her teams, counts in all): three queries, whatever the number of teams."""
        cr = self.env.cr
        cr.execute("""
            SELECT id, role, leader_id, method, leave_action, COALESCE(round_robin_cursor, 0), COALESCE(capacity, 0)
              FROM collection_team WHERE %(all)s OR id = ANY(%(ids)s) ORDER BY sequence, id
        """, {"all": team_ids is None, "ids": list(team_ids or [])})
        found = cr.fetchall()
        cr.execute("""
            SELECT m.team_id, m.user_id, COALESCE(m.capacity, 0),
                   ARRAY(SELECT res_country_state_id FROM collection_team_member_res_country_state_rel
                          WHERE collection_team_member_id = m.id)
              FROM collection_team_member m
              JOIN res_users u ON u.id = m.user_id AND u.active
             WHERE m.team_id = ANY(%s)
             ORDER BY m.team_id, m.sequence, m.id
        """, ([row[0] for row in found],))
        rows = cr.fetchall()
        away = self.env["collection.team.member"]._users_on_leave(date, {row[1] for row in rows})
        members = {}
        for team_id, user_id, capacity, states in rows:
            members.setdefault(team_id, []).append((user_id, capacity, frozenset(states), user_id in away))
        teams = {}
        for team_id, role, leader_id, method, leave_action, cursor, team_capacity in found:
            teams[team_id] = case_allocation.Team(
                team_id, role, leader_id,
                [case_allocation.Member(user_id, capacity or team_capacity, states, away)
                 for user_id, capacity, states, away in members.get(team_id, [])],
                method, leave_action, cursor)
        return teams

    def _allocation_cases(self, case_ids=None, sticky=True, placed=True):
        """The open cases as services/case_allocation.Case: days, amount, product, the debtor's
        province, risk, whether the policy's visit step has come, teams, collectors and (for the
        sticky method) the collectors of the debtor's previous case. `placed`: with the cases an
        agency holds (the daily run leaves those where they are)."""
        cr = self.env.cr
        cr.execute("""
            SELECT cc.id, cc.company_id, COALESCE(cc.days_overdue, 0), COALESCE(cc.total_due, 0), cc.product_id,
                   p.state_id, cc.risk_level,
                   COALESCE(cc.days_overdue, 0) >= v.visit_from, cc.team_id, cc.field_team_id,
                   cc.office_user_id, cc.field_user_id, prev.office_user_id, prev.field_user_id,
                   CASE WHEN tof.active THEN lo.to_team_id END, lo.rule_id,
                   CASE WHEN tfi.active THEN lf.to_team_id END, lf.rule_id
              FROM collection_case cc
              JOIN res_partner p ON p.id = cc.partner_id
              LEFT JOIN (SELECT policy_id, min(day_from) AS visit_from FROM collection_policy_step
                          WHERE action = 'visit' GROUP BY policy_id) v ON v.policy_id = cc.policy_id
              LEFT JOIN LATERAL (SELECT o.office_user_id, o.field_user_id FROM collection_case o
                                  WHERE %(sticky)s AND o.partner_id = cc.partner_id AND o.id < cc.id
                                  ORDER BY o.id DESC LIMIT 1) prev ON true
              LEFT JOIN LATERAL (%(office_move)s) lo ON true
              LEFT JOIN collection_team tof ON tof.id = lo.to_team_id
              LEFT JOIN LATERAL (%(field_move)s) lf ON true
              LEFT JOIN collection_team tfi ON tfi.id = lf.to_team_id
             WHERE cc.is_open AND cc.stage IN %(open)s AND (%(all)s OR cc.id = ANY(%(ids)s))
               AND (%(placed)s OR cc.placement_id IS NULL)
        """.replace("%(office_move)s", LAST_MANUAL % "'office'").replace("%(field_move)s", LAST_MANUAL % "'field'"),
            {"sticky": sticky, "open": OPEN_STAGES, "all": case_ids is None, "ids": list(case_ids or []),
             "placed": placed})
        return [case_allocation.Case(
            case_id, company_id, days, fen(amount), product_id, state_id, risk, bool(visit),
            {"office": office_team, "field": field_team}, {"office": office_user, "field": field_user},
            {"office": prev_office, "field": prev_field},
            {"office": pin_office and (pin_office, pin_office_rule), "field": pin_field and (pin_field, pin_field_rule)})
            for (case_id, company_id, days, amount, product_id, state_id, risk, visit, office_team, field_team,
                 office_user, field_user, prev_office, prev_field, pin_office, pin_office_rule, pin_field,
                 pin_field_rule) in cr.fetchall()]

    def _collector_loads(self):
        """Open cases and open amount of each collector, by role: {(role, user id): [cases, amount]}."""
        cr = self.env.cr
        cr.execute("""
            SELECT 'office', office_user_id, count(*), COALESCE(sum(total_due), 0) FROM collection_case
             WHERE is_open AND office_user_id IS NOT NULL GROUP BY office_user_id
            UNION ALL
            SELECT 'field', field_user_id, count(*), COALESCE(sum(total_due), 0) FROM collection_case
             WHERE is_open AND field_user_id IS NOT NULL GROUP BY field_user_id
        """)
        return {(role, user_id): [count, fen(amount)] for role, user_id, count, amount in cr.fetchall()}

    def _allocate_cases(self, date):
        """Allocate the open cases by the rules (new ones, those whose bucket or amount now fits
        another team's rule, those of a collector who left the team or is on leave); returns the
        number of moves."""
        rules = self._allocation_rules()
        if not rules:
            return 0
        teams = self._allocation_teams(date)
        cases = self._allocation_cases(sticky=any(
            (r.method or teams[r.team_id].method) == "sticky" for r in rules if r.team_id in teams), placed=False)
        allocator = case_allocation.Allocator(teams, self._collector_loads())
        moves = allocator.allocate(rules, cases)
        self._apply_moves(date, moves, teams)
        return len(moves)

    def _apply_moves(self, date, moves, teams, reason=None, by=None):
        """Write `moves` (services/case_allocation.Move): the cases' teams and collectors, the
        move log, the open tasks of the role (and their activities) to the new collector, and the
        teams' round-robin turns. `by`: who moved them (a manager's Reassign; default: the run's user)."""
        if not moves:
            return
        cr = self.env.cr
        by_case = {}
        for move in moves:
            by_case.setdefault(move.case_id, {})[move.role] = move
        rows = []
        for case_id, roles in by_case.items():
            office, field = roles.get("office"), roles.get("field")
            rows.append((case_id, bool(office), office and office.to_team, office and office.to_user,
                         bool(field), field and field.to_team, field and field.to_user))
        cr.execute("""
            UPDATE collection_case cc
               SET team_id = CASE WHEN v.office THEN v.office_team ELSE cc.team_id END,
                   office_user_id = CASE WHEN v.office THEN v.office_user ELSE cc.office_user_id END,
                   field_team_id = CASE WHEN v.field THEN v.field_team ELSE cc.field_team_id END,
                   field_user_id = CASE WHEN v.field THEN v.field_user ELSE cc.field_user_id END,
                   write_uid = %s, write_date = now() at time zone 'UTC'
              FROM unnest(%s::int[], %s::bool[], %s::int[], %s::int[], %s::bool[], %s::int[], %s::int[])
                   AS v(id, office, office_team, office_user, field, field_team, field_user)
             WHERE cc.id = v.id
        """, [self.env.uid] + [list(column) for column in zip(*rows)])
        cr.execute("""
            INSERT INTO collection_case_move
                   (case_id, date, kind, role, from_team_id, to_team_id, from_user_id, to_user_id, rule_id,
                    reason, user_id, create_uid, create_date, write_uid, write_date)
            SELECT v.case_id, %s, v.kind, v.role, v.from_team, v.to_team, v.from_user, v.to_user, v.rule_id,
                   %s, %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
              FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::int[], %s::int[], %s::int[], %s::int[],
                          %s::int[]) AS v(case_id, role, kind, from_team, to_team, from_user, to_user, rule_id)
        """, [date, reason, by or self.env.uid, self.env.uid, self.env.uid]
            + [list(column) for column in zip(*[(m.case_id, m.role, m.kind, m.from_team, m.to_team, m.from_user,
                                                 m.to_user, m.rule_id) for m in moves])])
        # The open tasks of the role go with the case, their activities too (a task of a role
        # without collector keeps its user: the manager's escalation, a reminder's).
        changed = [m for m in moves if m.to_user and m.to_user != m.from_user]
        if changed:
            cr.execute("""
                WITH moved AS (
                    UPDATE collection_task t SET user_id = v.user_id, write_date = now() at time zone 'UTC'
                      FROM unnest(%s::int[], %s::varchar[], %s::int[]) AS v(case_id, role, user_id)
                     WHERE t.case_id = v.case_id AND t.role = v.role AND t.state = 'todo'
                 RETURNING t.activity_id, t.user_id)
                UPDATE mail_activity a SET user_id = moved.user_id FROM moved WHERE a.id = moved.activity_id
            """, [list(column) for column in zip(*[(m.case_id, m.role, m.to_user) for m in changed])])
        cursors = [(team.id, team.cursor) for team in teams.values()]
        if cursors:
            cr.execute("""
                UPDATE collection_team t SET round_robin_cursor = v.cursor
                  FROM unnest(%s::int[], %s::int[]) AS v(id, cursor)
                 WHERE t.id = v.id AND t.round_robin_cursor IS DISTINCT FROM v.cursor
            """, [list(column) for column in zip(*cursors)])
        self.env["collection.case"].invalidate_cache(
            ["team_id", "office_user_id", "field_team_id", "field_user_id", "move_ids", "task_ids"],
            list(by_case))
        self.env["collection.task"].invalidate_cache(["user_id", "activity_id"])
