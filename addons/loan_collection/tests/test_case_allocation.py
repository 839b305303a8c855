"""Issue 16, allocation (分案) and team flow (流转): teams, rules, the daily run's allocation, leave,
capacity, Reassign by hand with a reason, and who may do what over RPC."""
import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..services import case_allocation as ca
from .common import LoanCase, china_time


class TestAllocationRules(LoanCase):
    """The pure rules (services/case_allocation.py), one decision at a time."""

    def case(self, case_id, amount=1000, days=5, users=None, previous=None, state=None, teams=None):
        return ca.Case(case_id, 1, days, amount, 1, state, "medium", False, teams or {},
                       users or {}, previous or {})

    def team(self, *members, method="round_robin", leave_action="hold"):
        return ca.Team(10, "office", 99, members, method, leave_action)

    def test_round_robin_takes_turns_and_skips_a_member_on_leave_or_full(self):
        team = self.team(ca.Member(1, 0, frozenset(), False), ca.Member(2, 0, frozenset(), True),
                         ca.Member(3, 1, frozenset(), False))
        allocator = ca.Allocator({10: team}, {})
        got = []
        for n in range(4):
            user = allocator.choose(team, self.case(n))
            allocator.give("office", user, 1000)
            got.append(user)
        # 2 is on leave; 3 holds at most one case: after that only 1 is free.
        self.assertEqual(got, [1, 3, 1, 1])

    def test_balanced_by_amount_gives_the_biggest_cases_first_to_the_lightest_book(self):
        team = self.team(ca.Member(1, 0, frozenset(), False), ca.Member(2, 0, frozenset(), False),
                         method="balanced_amount")
        rule = ca.Rule(5, 1, 10, "office", None, 1, 0, 0, 0, frozenset(), frozenset(), None, False)
        cases = [self.case(1, 5000), self.case(2, 3000), self.case(3, 2500), self.case(4, 400)]
        moves = ca.Allocator({10: team}, {("office", 1): [3, 1000]}).allocate([rule], cases)
        books = {}
        for move in moves:
            books.setdefault(move.to_user, []).append(move.case_id)
        # 2 (empty) takes 5000; 1 (1000) takes 3000; 2 (5000) vs 1 (4000): 1 takes 2500; then 2 takes 400.
        self.assertEqual(books, {2: [1, 4], 1: [2, 3]})
        self.assertEqual({m.kind for m in moves}, {"allocation"})

    def test_sticky_keeps_the_collector_or_the_previous_one_and_regions_limit_who_visits(self):
        zj, js = 11, 32
        team = self.team(ca.Member(1, 0, frozenset([zj]), False), ca.Member(2, 0, frozenset(), False),
                         method="sticky")
        allocator = ca.Allocator({10: team}, {("office", 2): [50, 0]})
        self.assertEqual(allocator.choose(team, self.case(1, users={"office": 1}, state=zj)), 1)
        self.assertEqual(allocator.choose(team, self.case(2, previous={"office": 1}, state=zj)), 1)
        # 1 covers 浙江 only: a debtor of 江苏 goes to 2 even though 2's book is heavier.
        self.assertEqual(allocator.choose(team, self.case(3, previous={"office": 1}, state=js)), 2)
        # No member free at all: the leader holds the case.
        busy = self.team(ca.Member(1, 0, frozenset(), True))
        self.assertEqual(ca.Allocator({10: busy}, {}).choose(busy, self.case(4)), 99)

    def test_flow_to_the_next_team_and_leave_redistribution(self):
        m1 = ca.Team(10, "office", 99, [ca.Member(1, 0, frozenset(), True), ca.Member(2, 0, frozenset(), False)],
                     "balanced_count", "redistribute")
        m2 = ca.Team(20, "office", 99, [ca.Member(3, 0, frozenset(), False)])
        rules = [ca.Rule(1, 1, 10, "office", None, 1, 30, 0, 0, frozenset(), frozenset(), None, False),
                 ca.Rule(2, 1, 20, "office", None, 31, 0, 0, 0, frozenset(), frozenset(), None, False)]
        cases = [self.case(1, days=31, teams={"office": 10}, users={"office": 2}),   # on to M2
                 self.case(2, days=10, teams={"office": 10}, users={"office": 1}),   # 1 on leave
                 self.case(3, days=10, teams={"office": 10}, users={"office": 2})]   # stays
        moves = ca.Allocator({10: m1, 20: m2}, {}).allocate(rules, cases)
        self.assertEqual(sorted((m.case_id, m.kind, m.from_team, m.to_team, m.from_user, m.to_user) for m in moves),
                         [(1, "flow", 10, 20, 2, 3), (2, "leave", 10, 10, 1, 2)])
        # The same team holding her cases while she is away (hold): nothing moves.
        m1.leave_action = "hold"
        self.assertEqual(ca.Allocator({10: m1, 20: m2}, {}).allocate(rules, cases[1:]), [])


class TestAllocationTurns(LoanCase):
    """Round-robin turns and a leader who is a member (services/case_allocation.py)."""

    def test_round_robin_turn_survives_a_new_member_and_a_leader_member_keeps_her_cases(self):
        members = [ca.Member(1, 0, frozenset(), False), ca.Member(2, 0, frozenset(), False)]
        team = ca.Team(10, "office", 1, members, "round_robin")
        allocator = ca.Allocator({10: team}, {})
        self.assertEqual([allocator.choose(team, None) for _ in range(3)], [1, 2, 1])
        # The next run: a member joins in front; the turn is still 2's (after 1, who had the last case).
        team = ca.Team(10, "office", 1, [ca.Member(3, 0, frozenset(), False)] + members, "round_robin", cursor=1)
        allocator = ca.Allocator({10: team}, {})
        self.assertEqual([allocator.choose(team, None) for _ in range(3)], [2, 3, 1])
        # The leader (1) is also a member: her case stays hers, run after run.
        rule = ca.Rule(5, 1, 10, "office", None, 1, 0, 0, 0, frozenset(), frozenset(), None, False)
        held = ca.Case(7, 1, 5, 1000, 1, None, "medium", False, {"office": 10}, {"office": 1}, {})
        self.assertEqual(allocator.allocate([rule], [held]), [])


class TestAllocationRun(LoanCase):
    """The daily run allocates, moves on, logs and carries the tasks; Reassign by hand."""

    @classmethod
    def setUpClass(cls):
        super(TestAllocationRun, cls).setUpClass()
        Team, Rule = cls.env["collection.team"], cls.env["collection.allocation.rule"]
        # A product of their own, so that the rules leave the demo data's cases alone.
        cls.product = cls.product.copy({"name": "测试分案产品", "code": "TALLOC"})
        only = {"product_ids": [(6, 0, cls.product.ids)]}
        cls.m1 = Team.create({"name": "M1 电催组", "role": "office", "leader_id": cls.manager.id,
                              "method": "round_robin", "leave_action": "redistribute",
                              "member_ids": [(0, 0, {"user_id": cls.office.id, "sequence": 1}),
                                             (0, 0, {"user_id": cls.office2.id, "sequence": 2})]})
        cls.m2 = Team.create({"name": "M2 电催组", "role": "office", "leader_id": cls.manager.id,
                              "member_ids": [(0, 0, {"user_id": cls.office2.id})]})
        cls.visit = Team.create({"name": "外访组", "role": "field", "leader_id": cls.manager.id,
                                 "member_ids": [(0, 0, {"user_id": cls.field.id})]})
        cls.rule_m1 = Rule.create({"name": "M1", "team_id": cls.m1.id, "days_from": 1, "days_to": 30,
                                   "sequence": 1, **only})
        cls.rule_m2 = Rule.create({"name": "M2", "team_id": cls.m2.id, "days_from": 31, "sequence": 2, **only})
        cls.rule_visit = Rule.create({"name": "外访", "team_id": cls.visit.id, "needs_visit": True, "sequence": 3,
                                      **only})
        # Three contracts of office2's book (the contract's collector) for three borrowers.
        cls.borrowers = [cls.borrower] + [cls.env["res.partner"].create({"name": "测试借款人%s" % n})
                                          for n in ("丙", "丁")]
        cls.contracts = [cls.make_contract(borrower=b, office=cls.office2) for b in cls.borrowers]

    def cases(self):
        return self.env["collection.case"].search([("contract_id", "in", [c.id for c in self.contracts])],
                                                   order="id")

    def test_run_allocates_round_robin_logs_the_moves_and_gives_the_tasks_to_the_new_collectors(self):
        run = self.run_on("2026-02-16")
        cases = self.cases()
        self.assertEqual(run.cases_moved, 6)  # office and field of each
        self.assertEqual(set(cases.mapped("team_id")), {self.m1})
        # Round-robin in M1 (biggest first; equal amounts: by id): 王-office, then office2, then office.
        self.assertEqual([c.office_user_id for c in cases], [self.office, self.office2, self.office])
        # The default policy's first visit is on day 1: the visit team gives the field collector.
        self.assertEqual((cases.mapped("field_team_id"), cases.mapped("field_user_id")), (self.visit, self.field))
        move = cases[0].move_ids.filtered(lambda m: m.role == "office")
        self.assertEqual((move.kind, move.role, move.from_team_id, move.to_team_id, move.from_user_id,
                          move.to_user_id, move.rule_id), ("allocation", "office", self.env["collection.team"],
                                                          self.m1, self.office2, self.office, self.rule_m1))
        # Today's call is the new collector's, and so is its activity.
        task = cases[0].task_ids.filtered(lambda t: t.role == "office" and t.state == "todo")
        self.assertTrue(task)
        self.assertEqual(set(task.mapped("user_id")), {self.office})
        self.assertEqual(set(task.mapped("activity_id.user_id")), {self.office})
        # The team's form counts them: the team's open cases, each member's (one read_group each).
        self.env.cache.invalidate()
        team = self.m1.sudo(self.manager)
        self.assertEqual(team.case_count, 3)
        self.assertEqual({m.user_id: m.case_count for m in team.member_ids}, {self.office: 2, self.office2: 1})
        # The same day again: nothing moves.
        self.assertEqual(self.run_on("2026-02-16").cases_moved, 0)
        self.assertEqual(len(cases.mapped("move_ids")), 6)

    def test_visit_rule_only_once_a_visit_is_due_and_day_31_moves_on_with_the_open_tasks(self):
        # A policy whose visits start on day 4: no field team before.
        self.env.ref("loan_collection.step_first_visit").write({"day_from": 4, "day_to": 4})
        self.run_on("2026-02-16")
        cases = self.cases()
        self.assertFalse(cases.mapped("field_team_id"))
        self.run_on("2026-02-19")  # day 4: the visit step has come
        self.env.cache.invalidate()
        self.assertEqual(set(cases.mapped("field_team_id")), {self.visit})
        self.assertEqual(set(cases.mapped("field_user_id")), {self.field})
        first = cases[0]
        self.run_on("2026-03-17")  # 30 days: still M1
        self.assertEqual(first.team_id, self.m1)
        self.run_on("2026-03-18")  # the first installment is 31 days overdue: on to M2
        self.env.cache.invalidate()
        self.assertEqual((first.team_id, first.office_user_id), (self.m2, self.office2))
        flow = first.move_ids.filtered(lambda m: m.kind == "flow")
        self.assertEqual((flow.from_team_id, flow.to_team_id, flow.from_user_id, flow.to_user_id, flow.date),
                         (self.m1, self.m2, self.office, self.office2, "2026-03-18"))
        todo = first.task_ids.filtered(lambda t: t.state == "todo" and t.role == "office")
        self.assertTrue(todo)
        self.assertEqual(set(todo.mapped("user_id")), {self.office2})

    def test_a_collector_on_leave_has_her_cases_redistributed_or_held(self):
        self.run_on("2026-02-16")
        hers = self.cases().filtered(lambda c: c.office_user_id == self.office)
        self.assertEqual(len(hers), 2)
        member = self.m1.member_ids.filtered(lambda m: m.user_id == self.office)
        member.write({"leave_from": "2026-02-17", "leave_to": "2026-02-20"})
        self.m1.leave_action = "hold"
        self.assertEqual(self.run_on("2026-02-17").cases_moved, 0)
        self.m1.leave_action = "redistribute"
        self.run_on("2026-02-18")
        self.env.cache.invalidate()
        self.assertEqual(set(hers.mapped("office_user_id")), {self.office2})
        self.assertEqual(set(hers.mapped("move_ids").filtered(lambda m: m.date == "2026-02-18").mapped("kind")),
                         {"leave"})

    def test_capacity_then_the_leader_holds_the_case(self):
        self.m1.member_ids.write({"capacity": 1})
        self.run_on("2026-02-16")
        cases = self.cases()
        # One case each, and the third goes to the leader to give on by hand.
        self.assertEqual(sorted(c.office_user_id.id for c in cases),
                         sorted([self.office.id, self.office2.id, self.manager.id]))

    def test_reassign_by_a_manager_with_the_reason_and_the_refusals(self):
        self.run_on("2026-02-16")
        case = self.cases()[0]
        Wizard = self.env["collection.case.reassign"]
        vals = {"case_ids": [(6, 0, case.ids)], "team_id": self.m1.id, "user_id": self.office2.id,
                "reason": "原催收员调岗，案件交接"}
        # A collector cannot reassign, whatever she sends.
        with self.assertRaisesRegex(AccessError, "Only a collection manager"):
            Wizard.sudo(self.office).create(vals).action_reassign()
        with self.assertRaisesRegex(UserError, "Give the reason"):
            Wizard.sudo(self.manager).create(dict(vals, reason="   ")).action_reassign()
        with self.assertRaisesRegex(UserError, "is not a member of team"):
            Wizard.sudo(self.manager).create(dict(vals, user_id=self.field.id)).action_reassign()
        self.env.cache.invalidate()
        self.assertEqual(case.office_user_id, self.office)
        self.assertEqual(len(case.move_ids), 2)  # the run's office and field allocation only
        Wizard.sudo(self.manager).create(vals).action_reassign()
        self.env.cache.invalidate()
        self.assertEqual(case.office_user_id, self.office2)
        move = case.move_ids.filtered(lambda m: m.kind == "manual")
        self.assertEqual((move.reason, move.user_id, move.from_user_id, move.to_user_id),
                         ("原催收员调岗，案件交接", self.manager, self.office, self.office2))
        todo = case.task_ids.filtered(lambda t: t.state == "todo" and t.role == "office")
        self.assertEqual(set(todo.mapped("user_id")), {self.office2})
        # The former collector no longer sees the case; the new one does.
        self.assertFalse(self.env["collection.case"].sudo(self.office).search([("id", "=", case.id)]))
        self.assertTrue(self.env["collection.case"].sudo(self.office2).search([("id", "=", case.id)]))
        # A member on leave today cannot be chosen by hand either.
        self.m1.member_ids.filtered(lambda m: m.user_id == self.office).leave_from = "2026-02-01"
        with china_time("2026-02-16 10:00"), self.assertRaisesRegex(UserError, "is on leave today"):
            Wizard.sudo(self.manager).create(dict(vals, user_id=self.office.id)).action_reassign()

    def test_a_reassignment_by_hand_holds_until_another_rule_fits(self):
        self.run_on("2026-02-16")  # day 1: every case in M1 by its rule
        case, other = self.cases()[:2]
        Wizard = self.env["collection.case.reassign"].sudo(self.manager)
        # The manager gives one to M2 (whose rule starts at day 31): office2 knows the debtor.
        Wizard.create({"case_ids": [(6, 0, case.ids)], "team_id": self.m2.id,
                       "reason": "债务人与陈静熟悉，由M2组跟进"}).action_reassign()
        # And the other to a team of its own, which is archived later.
        spare = self.env["collection.team"].create({
            "name": "专项组", "role": "office", "leader_id": self.manager.id,
            "member_ids": [(0, 0, {"user_id": self.office.id})]})
        Wizard.create({"case_ids": [(6, 0, other.ids)], "team_id": spare.id, "reason": "专项清收"}).action_reassign()
        self.env.cache.invalidate()
        self.assertEqual((case.team_id, case.office_user_id), (self.m2, self.office2))
        self.assertEqual(case.move_ids.filtered(lambda m: m.kind == "manual").rule_id, self.rule_m1)
        # The next days' runs leave them where the manager put them while M1's rule fits...
        self.assertEqual(self.run_on("2026-02-17").cases_moved, 0)
        # ... M2's members replacing one another: 陈静 away for a day (her leave, recorded in M2,
        # counts in M1 too), 王芳 takes it in M2; the day after it is still in M2.
        self.m2.write({"leave_action": "redistribute", "member_ids": [(0, 0, {"user_id": self.office.id})]})
        self.m2.member_ids.filtered(lambda m: m.user_id == self.office2).write(
            {"leave_from": "2026-02-18", "leave_to": "2026-02-18"})
        with china_time("2026-02-18 10:00"), self.assertRaisesRegex(UserError, "is on leave today"):
            Wizard.create({"case_ids": [(6, 0, other.ids)], "team_id": self.m1.id, "user_id": self.office2.id,
                           "reason": "测试"}).action_reassign()
        self.run_on("2026-02-18")
        self.env.cache.invalidate()
        self.assertEqual((case.team_id, case.office_user_id, case.move_ids.sorted("id")[-1].kind),
                         (self.m2, self.office, "leave"))
        self.run_on("2026-02-19")
        self.env.cache.invalidate()
        self.assertEqual(case.team_id, self.m2)
        self.run_on("2026-03-17")  # day 30
        self.env.cache.invalidate()
        self.assertEqual((case.team_id, other.team_id), (self.m2, spare))
        # ... and not once the team they were given to is archived: the rules take over.
        spare.active = False
        self.run_on("2026-03-17")
        self.env.cache.invalidate()
        self.assertEqual(other.team_id, self.m1)
        self.assertEqual(other.move_ids.sorted("id")[-1].kind, "flow")
        # Nor once another rule fits the case: day 61 falls under a rule for a third team.
        m3 = self.env["collection.team"].create({
            "name": "M3 电催组", "role": "office", "leader_id": self.manager.id,
            "member_ids": [(0, 0, {"user_id": self.office.id})]})
        self.env["collection.allocation.rule"].create({
            "name": "M3", "team_id": m3.id, "days_from": 61, "sequence": 0, "product_ids": [(6, 0, self.product.ids)]})
        self.run_on("2026-04-16")  # day 60: still where the manager put it
        self.env.cache.invalidate()
        self.assertEqual(case.team_id, self.m2)
        self.run_on("2026-04-17")
        self.env.cache.invalidate()
        self.assertEqual((case.team_id, case.office_user_id), (m3, self.office))

    def test_reassign_refuses_a_closed_case(self):
        self.run_on("2026-02-16")
        case = self.cases()[0]
        case.sudo().write({"stage": "settled"})
        with self.assertRaisesRegex(UserError, "Only open cases can be reassigned"):
            self.env["collection.case.reassign"].sudo(self.manager).create({
                "case_ids": [(6, 0, case.ids)], "team_id": self.m1.id, "reason": "测试"}).action_reassign()

    def test_moves_cannot_be_forged_changed_or_deleted_and_are_read_with_the_case(self):
        self.run_on("2026-02-16")
        cases = self.cases()
        move = cases[0].move_ids
        for user in (self.manager, self.office):
            with self.assertRaises(AccessError):
                move.sudo(user).write({"reason": "改写"})
            with self.assertRaises(AccessError):
                move.sudo(user).unlink()
            with self.assertRaises(AccessError):
                self.env["collection.case.move"].sudo(user).create(
                    {"case_id": cases[0].id, "date": "2026-02-16", "kind": "manual", "role": "office"})
        # Nor the administrator (the superuser, over RPC too): no move is created, changed or
        # deleted through the ORM, copies included.
        with self.assertRaises(AccessError):
            move.sudo().write({"reason": "改写"})
        with self.assertRaises(AccessError):
            move.sudo().unlink()
        with self.assertRaisesRegex(AccessError, "cannot be created by hand"):
            self.env["collection.case.move"].sudo().create(
                {"case_id": cases[0].id, "date": "2026-02-16", "kind": "manual", "role": "office"})
        with self.assertRaises(AccessError):
            move[0].sudo().copy()
        # A collector reads the moves of her cases only; a user without a loan role none.
        Move = self.env["collection.case.move"]
        mine = Move.sudo(self.office).search([("case_id", "in", cases.ids)])
        self.assertEqual(set(mine.mapped("case_id.office_user_id")), {self.office})
        self.assertEqual(len(Move.sudo(self.manager).search([("case_id", "in", cases.ids)])), 6)
        with self.assertRaises(AccessError):
            Move.sudo(self.plain).search_read([("case_id", "in", cases.ids)], ["reason"])

    def test_only_managers_configure_teams_and_rules_and_bad_input_is_refused(self):
        for model, vals in (("collection.team", {"name": "X", "role": "office", "leader_id": self.manager.id}),
                            ("collection.allocation.rule", {"name": "X", "team_id": self.m1.id}),
                            ("collection.team.member", {"team_id": self.m2.id, "user_id": self.office.id})):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.office).create(vals)
        with self.assertRaises(AccessError):
            self.m1.sudo(self.office).write({"name": "改名"})
        with self.assertRaises(AccessError):
            self.rule_m1.sudo(self.office).unlink()
        # A field collector cannot join a phone team, through the team or as a member record; finance
        # cannot lead one; the round-robin turn is the allocation's.
        with self.assertRaisesRegex(ValidationError, "neither in that collectors' group"), self.cr.savepoint():
            self.m1.sudo(self.manager).write({"member_ids": [(0, 0, {"user_id": self.field.id})]})
        with self.assertRaisesRegex(ValidationError, "cannot be a member of team M1"), self.cr.savepoint():
            self.env["collection.team.member"].sudo(self.manager).create(
                {"team_id": self.m1.id, "user_id": self.field.id})
        with self.assertRaisesRegex(ValidationError, "cannot lead team M1"), self.cr.savepoint():
            self.m1.sudo(self.manager).write({"leader_id": self.finance.id})
        with self.assertRaisesRegex(ValidationError, "cannot lead team"), self.cr.savepoint():
            self.env["collection.team"].sudo(self.manager).create(
                {"name": "财务组", "role": "office", "leader_id": self.finance.id})
        self.env.cache.invalidate()  # what the refused calls left in the cache (the savepoints undid them)
        self.assertEqual(self.m1.member_ids.mapped("user_id"), self.office | self.office2)
        self.assertEqual(self.m1.leader_id, self.manager)
        with self.assertRaisesRegex(AccessError, "round-robin"):
            self.m1.sudo(self.manager).write({"round_robin_cursor": 5})
        for bad in ({"days_from": 30, "days_to": 10}, {"days_from": -5}):
            with self.assertRaises(ValidationError):
                self.env["collection.allocation.rule"].sudo(self.manager).create(
                    dict(bad, name="倒序", team_id=self.m1.id))
            # And the database, should a statement get past the ORM.
            with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
                self.cr.execute("UPDATE collection_allocation_rule SET days_from = %s, days_to = %s WHERE id = %s",
                                (bad["days_from"], bad.get("days_to", 0), self.rule_m1.id))
        self.run_on("2026-02-16")
        with self.assertRaisesRegex(UserError, "cannot be deleted: archive it"):
            self.m1.sudo(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "keeps its role"):
            self.m1.sudo(self.manager).write({"role": "field"})
        # Nor its company: the cases and rules of its company would go to another company's team.
        other = self.env["res.company"].create({"name": "另一家小贷公司"})
        self.manager.sudo().write({"company_ids": [(4, other.id)]})
        with self.assertRaisesRegex(UserError, "and its company"):
            self.m1.sudo(self.manager).write({"company_id": other.id})
        spare = self.env["collection.team"].create({"name": "新组", "role": "office", "leader_id": self.manager.id})
        self.env["collection.allocation.rule"].create({"name": "新组规则", "team_id": spare.id, "active": False})
        with self.assertRaisesRegex(ValidationError, "rules of another company"), self.cr.savepoint():
            spare.sudo(self.manager).write({"company_id": other.id})
        # A rule that moved cases is history: archived, not deleted.
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.rule_m1.sudo(self.manager).unlink()

    def test_the_refusals_speak_the_users_language_over_rpc(self):
        """Over XML-RPC the context has no language: the messages are in the user's (zh_CN)."""
        self.env["res.lang"].search([("code", "=", "zh_CN"), ("active", "=", False)]).write({"active": True})
        self.office.sudo().lang = "zh_CN"
        self.manager.sudo().lang = "zh_CN"
        office = self.env(user=self.office.id, context={})
        with self.assertRaisesRegex(AccessError, "只有催收经理可以修改催收小组和分案规则"):
            office["collection.team"].browse(self.m1.id).write({"capacity": 5})
        manager = self.env(user=self.manager.id, context={})
        with self.assertRaisesRegex(ValidationError, "不能成为小组 M1 电催组 的成员：该小组的职能为电催"), self.cr.savepoint():
            manager["collection.team.member"].create({"team_id": self.m1.id, "user_id": self.field.id})
        wizard = manager["collection.case.reassign"].create({"team_id": self.m1.id, "reason": "测试"})
        with self.assertRaisesRegex(UserError, "请先在案件列表中选择要重新分案的案件"):
            wizard.action_reassign()
        wizard = manager["collection.case.reassign"].create({"case_ids": [(6, 0, self.cases().ids)]})
        with self.assertRaisesRegex(UserError, "请填写重新分案的原因"):
            wizard.action_reassign()
        # The table's checks too (PostgreSQL would answer in English, before any translation).
        for model, vals, message in (
                ("collection.team", {"name": "负数组", "role": "office", "leader_id": self.manager.id,
                                     "capacity": -1}, "小组的案件上限不能为负数"),
                ("collection.allocation.rule", {"name": "负数", "team_id": self.m1.id, "days_from": -1},
                 "分案规则的逾期天数不能为负数"),
                ("collection.allocation.rule", {"name": "倒序", "team_id": self.m1.id, "days_from": 30, "days_to": 10},
                 "分案规则的逾期天数上限不能小于下限"),
                ("collection.allocation.rule", {"name": "金额", "team_id": self.m1.id, "amount_min": 500,
                                                "amount_max": 100}, "分案规则的金额上限不能小于下限"),
                ("collection.team.member", {"team_id": self.m1.id, "user_id": self.office.id},
                 "同一催收员在一个小组中只能有一条成员记录")):
            with self.assertRaisesRegex(ValidationError, message):
                manager[model].create(vals)
        member = manager["collection.team.member"].browse(self.m1.member_ids[0].id)
        with self.assertRaisesRegex(ValidationError, "休假结束日不能早于开始日"):
            member.write({"leave_from": "2026-12-20", "leave_to": "2026-12-01"})
        with self.assertRaisesRegex(ValidationError, "成员的案件上限不能为负数"):
            member.write({"capacity": -3})

    def test_a_team_whose_cases_moved_on_is_still_history(self):
        """A team that held cases only in the past (they all moved on) keeps its role and company
        and is not deleted, nor are its rules through it; another company's team is not offered."""
        self.run_on("2026-02-16")
        spare = self.env["collection.team"].create({
            "name": "临时组", "role": "office", "leader_id": self.manager.id,
            "member_ids": [(0, 0, {"user_id": self.office.id})]})
        rule = self.env["collection.allocation.rule"].create({"name": "临时", "team_id": spare.id, "active": False})
        case = self.cases()[0]
        Wizard = self.env["collection.case.reassign"].sudo(self.manager)
        for team in (spare, self.m1):  # in, then out again: it holds no case now
            Wizard.create({"case_ids": [(6, 0, case.ids)], "team_id": team.id, "reason": "临时调整"}).action_reassign()
        self.assertFalse(self.env["collection.case"].search_count([("team_id", "=", spare.id)]))
        with self.assertRaisesRegex(UserError, "keeps its role"):
            spare.sudo(self.manager).write({"role": "field", "member_ids": [(5,)]})
        with self.assertRaisesRegex(UserError, "cannot be deleted: archive it"):
            spare.sudo(self.manager).unlink()
        # The database keeps the log's references as well.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint():
            self.cr.execute("DELETE FROM collection_team WHERE id = %s", (spare.id,))
        self.assertTrue(rule.exists())
        self.assertEqual(case.move_ids.filtered(lambda m: m.kind == "manual").mapped("to_team_id"), spare | self.m1)
        # Another company's team: refused without naming it.
        other = self.env["res.company"].create({"name": "另一家小贷公司"})
        theirs = self.env["collection.team"].create({"name": "别家电催组", "role": "office", "company_id": other.id,
                                                     "leader_id": self.manager.id})
        with self.assertRaisesRegex(UserError, "not one of your company's teams"):
            Wizard.create({"case_ids": [(6, 0, case.ids)], "team_id": theirs.id, "reason": "测试"}).action_reassign()
