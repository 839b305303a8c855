# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Case allocation (分案): which team holds a case, and which of its members works it.

Pure rules, no database: the daily run (models/collection_run_allocation.py) reads the open cases,
the rules, the teams and the collectors' loads in a few queries, asks this module what moves, and
writes the moves back set-based.

A team provides one of the case's two collectors: an office team (电催) the office collector, a
field team (外访) the field collector. For each of the two, the first rule (in their order) that
fits the case gives the team; a rule that sends a case to another team than the one holding it
moves the case on (流转); a case whose collector may no longer hold it (she left the team, or is
on leave and her team redistributes) is given to another member. Within the team the member is
chosen by the rule's method (or the team's): round-robin, the lightest book by cases or by open
amount, or the previous collector first (粘性分案) — among the members who are not on leave, not
at their capacity and cover the debtor's province. With no member free the team leader (组长)
holds the case, to give it on by hand.

A manager's reassignment holds: the case stays with the team it was given to by hand (its
members replacing one another there as above) as long as the first fitting rule is the one that
fitted when it was reassigned; once its days or amount bring it under another rule, the rules
take over again.
"""
from collections import namedtuple

ROLES = ("office", "field")
METHODS = ("round_robin", "balanced_count", "balanced_amount", "sticky")

Rule = namedtuple("Rule", "id company_id team_id role method days_from days_to amount_min amount_max "
                          "product_ids state_ids risk visit")
Case = namedtuple("Case", "id company_id days amount product_id state_id risk visit_due teams users previous "
                          "pinned")
Case.__new__.__defaults__ = (None,)
Member = namedtuple("Member", "user_id capacity state_ids on_leave")
Move = namedtuple("Move", "case_id role kind from_team to_team from_user to_user rule_id")


class Team(object):
    """A team as the allocation sees it: its role, leader, members (in their order), default
    method, what happens to a member's cases while she is on leave, and the round-robin cursor:
    the user id of the member given the last case (0: none yet), so that adding, removing or
    reordering members does not skip or repeat anyone's turn."""

    def __init__(self, team_id, role, leader_id, members, method="balanced_count", leave_action="hold", cursor=0):
        self.id, self.role, self.leader_id = team_id, role, leader_id
        self.members, self.method, self.leave_action = list(members), method, leave_action
        self.cursor = cursor
        self.by_user = {m.user_id: m for m in self.members}

    def keeps(self, user_id):
        """Whether the case's collector `user_id` may go on holding its case in this team: a
        member (the leader too, when she is one), unless she is on leave and the team
        redistributes; a leader who is not a member holds a case only until a member is free."""
        member = self.by_user.get(user_id)
        return bool(member) and not (member.on_leave and self.leave_action == "redistribute")

    def next_turns(self):
        """The members in round-robin order: from the one after the member given the last case."""
        users = [m.user_id for m in self.members]
        start = users.index(self.cursor) + 1 if self.cursor in users else 0
        return self.members[start:] + self.members[:start]


def rule_fits(rule, case):
    """Whether `rule` applies to `case` (every condition the rule sets holds)."""
    return (rule.company_id == case.company_id
            and case.days >= rule.days_from and (not rule.days_to or case.days <= rule.days_to)
            and case.amount >= rule.amount_min and (not rule.amount_max or case.amount <= rule.amount_max)
            and (not rule.product_ids or case.product_id in rule.product_ids)
            and (not rule.state_ids or case.state_id in rule.state_ids)
            and (not rule.risk or case.risk == rule.risk)
            and (not rule.visit or case.visit_due))


def first_rules(rules, case):
    """The first fitting rule of each role, {role: rule} (`rules` in their order)."""
    found = {}
    for rule in rules:
        if rule.role not in found and rule_fits(rule, case):
            found[rule.role] = rule
    return found


class Allocator(object):
    """Chooses members, keeping each collector's load (open cases and open amount, by role) up
    to date as cases are given and taken away, so that one run balances across its own moves."""

    def __init__(self, teams, loads):
        """`teams`: {team id: Team}; `loads`: {(role, user id): [cases, amount]} of the open cases."""
        self.teams = teams
        self.loads = {key: list(value) for key, value in loads.items()}

    def load(self, role, user_id):
        return self.loads.setdefault((role, user_id), [0, 0])

    def take(self, role, user_id, amount):
        if user_id:
            load = self.load(role, user_id)
            load[0] -= 1
            load[1] -= amount

    def give(self, role, user_id, amount):
        if user_id:
            load = self.load(role, user_id)
            load[0] += 1
            load[1] += amount

    def _free(self, team, case):
        """The members who may take `case` now, in the team's order."""
        return [m for m in team.members
                if not m.on_leave
                and (not m.capacity or self.load(team.role, m.user_id)[0] < m.capacity)
                and (not m.state_ids or case.state_id in m.state_ids)]

    def choose(self, team, case, method=None):
        """The member of `team` who gets `case` by `method` (default: the team's); the leader
        when no member is free."""
        method = method or team.method
        free = self._free(team, case)
        if not free:
            return team.leader_id
        if method == "sticky":
            by_user = {m.user_id: m for m in free}
            for user_id in (case.users.get(team.role), case.previous.get(team.role)):
                if user_id in by_user:
                    return user_id
            method = "balanced_count"
        if method == "round_robin":
            for member in team.next_turns():
                if member in free:
                    team.cursor = member.user_id
                    return member.user_id
        index = 1 if method == "balanced_amount" else 0
        return min(free, key=lambda m: (self.load(team.role, m.user_id)[index],
                                        self.load(team.role, m.user_id)[1 - index])).user_id

    def allocate(self, rules, cases):
        """The moves of `cases` under `rules`: for each case and role, the team of the first
        fitting rule and, where the case must change hands, the member chosen. The biggest cases
        are given first (a balanced book by amount then stays close to even)."""
        moves = []
        for case in sorted(cases, key=lambda c: (-c.amount, c.id)):
            for role, rule in sorted(first_rules(rules, case).items()):
                pinned = (case.pinned or {}).get(role)
                team = self.teams.get(pinned[0] if pinned and pinned[1] == rule.id else rule.team_id)
                if team is None or team.role != role:
                    continue
                from_team, from_user = case.teams.get(role), case.users.get(role)
                if from_team == team.id and team.keeps(from_user):
                    continue
                if from_team == team.id:
                    member = team.by_user.get(from_user)
                    if from_user == team.leader_id and not self._free(team, case):
                        continue  # the leader goes on holding it: still no member free
                    kind = "leave" if member and member.on_leave else "allocation"
                else:
                    kind = "flow" if from_team else "allocation"
                self.take(role, from_user, case.amount)
                to_user = self.choose(team, case, rule.method if team.id == rule.team_id else None)
                self.give(role, to_user, case.amount)
                moves.append(Move(case.id, role, kind, from_team, team.id, from_user, to_user, rule.id))
        return moves
