# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily run's worklist: tasks expired and given (each with its activity), next actions, notes."""
from odoo import _, models

from ..services import policy as policy_rules
from .collection_case import ACTIVE_STAGES

# The policy steps made on the debtor's own number: for a debtor without a valid one, a
# find-contact task is given in their place (_give_tasks).
NEEDS_DEBTOR_NUMBER = ("phone", "sms")


class CollectionRunTasks(models.Model):
    """The daily run: the day's policy steps as tasks with their activities."""
    _inherit = "collection.run"

    def _expire_tasks(self, date):
        """Yesterday's daily steps not done are superseded by today's; a reminder given before
        the due date is superseded by the case once the installment is overdue (or paid)."""
        cr = self.env.cr
        cr.execute("""
            WITH expired AS (
                UPDATE collection_task t SET state = 'expired', activity_id = NULL
                  FROM collection_task old
                 WHERE old.id = t.id AND t.state = 'todo'
                   AND ((t.recurrence = 'daily' AND t.task_date < %(date)s)
                        OR (t.case_id IS NULL AND EXISTS (
                                SELECT 1 FROM account_invoice i
                                 WHERE i.id = t.invoice_id AND (i.state <> 'open' OR i.date_due < %(date)s))))
             RETURNING old.activity_id)
            DELETE FROM mail_activity WHERE id IN (SELECT activity_id FROM expired)
        """, {"date": date})
        return cr.rowcount

    def _policy_steps(self):
        """Steps of the active policies, by policy id, in the order of the policy."""
        steps = {}
        for step in self.env["collection.policy.step"].sudo().search([("policy_id.active", "=", True)]):
            steps.setdefault(step.policy_id.id, []).append(step)
        return steps

    def _give_tasks(self, date):
        """The policy steps due today, as tasks for the case's collectors (set-based)."""
        cr = self.env.cr
        steps_by_policy = self._policy_steps()
        if not steps_by_policy:
            return 0
        horizon = max(0, -min(s.day_from for steps in steps_by_policy.values() for s in steps))
        # Open cases, and installments not yet overdue of contracts without an active case; whether
        # the debtor of a case has a valid number of his own to call (a reminder is sent by hand).
        cr.execute("""
            SELECT 'case:' || cc.id, cc.id, cc.contract_id, NULL::int, cc.partner_id, cc.policy_id,
                   cc.days_overdue, cc.office_user_id, cc.field_user_id, pol.manager_id,
                   cc.priority_score, cc.total_due, vp.partner_id IS NOT NULL
              FROM collection_case cc
              JOIN collection_policy pol ON pol.id = cc.policy_id
              LEFT JOIN (SELECT DISTINCT partner_id FROM collection_contact_point
                          WHERE kind = 'phone' AND relation = 'self' AND status = 'valid' AND active) vp
                     ON vp.partner_id = cc.partner_id
             WHERE cc.is_open
            UNION ALL
            SELECT 'invoice:' || i.id, NULL::int, c.id, i.id, i.partner_id, p.policy_id,
                   %(date)s - i.date_due, c.office_user_id, c.field_user_id, pol.manager_id,
                   0, i.residual, true
              FROM account_invoice i
              JOIN loan_contract c ON c.id = i.loan_contract_id
              JOIN loan_product p ON p.id = c.product_id
              JOIN collection_policy pol ON pol.id = p.policy_id
             WHERE i.state = 'open' AND NOT COALESCE(i.in_litigation, false)
               AND i.date_due BETWEEN %(date)s AND %(date)s + %(horizon)s
               AND NOT EXISTS (SELECT 1 FROM collection_case cc
                                WHERE cc.contract_id = c.id AND cc.stage IN %(active)s)
        """, {"date": date, "horizon": horizon, "active": ACTIVE_STAGES})
        episodes = cr.fetchall()
        # 'once' steps already given to these cases / installments on an earlier day.
        cr.execute("""
            SELECT t.episode_key, t.step_id FROM collection_task t
              JOIN collection_case cc ON cc.id = t.case_id
             WHERE cc.is_open AND t.recurrence = 'once' AND t.step_id IS NOT NULL
            UNION ALL
            SELECT t.episode_key, t.step_id FROM collection_task t
              JOIN account_invoice i ON i.id = t.invoice_id
             WHERE t.case_id IS NULL AND t.recurrence = 'once' AND t.step_id IS NOT NULL
               AND i.state = 'open' AND i.date_due >= %s
        """, (date,))
        done_once = {}
        for key, step_id in cr.fetchall():
            done_once.setdefault(key, set()).add(step_id)
        rules = {pid: [s._as_rule() for s in steps] for pid, steps in steps_by_policy.items()}
        # What a task takes of its step, read once: through the ORM record it was a field access
        # per value and task (84,000 tasks on a first run at 100,000: two seconds of CPU).
        step_values = {s.id: (s.sequence, s.action, s.recurrence, s.role, s.activity_type_id.id or None)
                       for steps in steps_by_policy.values() for s in steps}
        find_type = self.env.ref("loan_collection.mail_activity_type_find_contact").id
        rows = []
        for key, case_id, contract_id, invoice_id, partner_id, policy_id, days, office, field, manager, \
                score, amount, reachable in episodes:
            unreachable = []
            for rule in policy_rules.due_steps(rules.get(policy_id, []), days, done_once.get(key, ())):
                sequence, action, recurrence, role, activity_type = step_values[rule.id]
                if not reachable and action in NEEDS_DEBTOR_NUMBER:
                    unreachable.append(sequence)
                    continue
                user = {"office": office, "field": field, "manager": manager}[role]
                rows.append((key, case_id, contract_id, invoice_id, partner_id, rule.id, sequence,
                             action, recurrence, role, user, score, days, amount, activity_type))
            if unreachable:
                # No valid number of the debtor: a call cannot be made (nor logged), so the office
                # collector looks for one instead (失联修复), today, in place of the calls and messages.
                rows.append((key, case_id, contract_id, invoice_id, partner_id, None,
                             min(unreachable), "find_contact", "daily", "office",
                             office or field, score, days, amount, find_type))
        if not rows:
            return 0
        return self._insert_tasks(date, rows, {s.id: s.name for steps in steps_by_policy.values() for s in steps})

    def _insert_tasks(self, date, rows, names):
        """Insert the new tasks, each with its mail activity (when it has a collector and an
        activity type, so it shows in the collector's activities and on the chatter), in one
        statement: each row is written once. The activity's id is taken from its sequence as
        the task is inserted; the two foreign keys (task -> activity, activity -> task) are
        checked at the end of the statement, when both rows exist. A task already given
        (same episode, step and day; a find-contact task: same episode and day) is skipped, and so
        is its activity. `names`: the summary of each step's activity, by step id."""
        cr = self.env.cr
        models_ = self.env["ir.model"].sudo().search([("model", "in", ("collection.case", "loan.contract"))])
        model_ids = {m.model: m.id for m in models_}
        columns = [list(column) for column in zip(*rows)]
        cr.execute("""
            WITH task AS (
                INSERT INTO collection_task
                       (task_date, episode_key, case_id, contract_id, invoice_id, partner_id, step_id,
                        sequence, action, recurrence, role, user_id, priority, days_overdue, amount_due,
                        activity_type_id, activity_id, state, create_uid, create_date, write_uid, write_date)
                SELECT %(date)s, v.*,
                       CASE WHEN v.user_id IS NOT NULL AND v.activity_type_id IS NOT NULL
                            THEN nextval('mail_activity_id_seq') END,
                       'todo', %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(keys)s::varchar[], %(cases)s::int[], %(contracts)s::int[], %(invoices)s::int[],
                              %(partners)s::int[], %(steps)s::int[], %(sequences)s::int[], %(actions)s::varchar[],
                              %(recurrences)s::varchar[], %(roles)s::varchar[], %(users)s::int[],
                              %(priorities)s::int[], %(days)s::int[], %(amounts)s::numeric[], %(types)s::int[])
                       AS v(episode_key, case_id, contract_id, invoice_id, partner_id, step_id, sequence, action,
                            recurrence, role, user_id, priority, days_overdue, amount_due, activity_type_id)
                ON CONFLICT DO NOTHING
                RETURNING id, activity_id, case_id, contract_id, step_id, activity_type_id, task_date, user_id
            ), activity AS (
                INSERT INTO mail_activity
                       (id, res_model_id, res_model, res_id, res_name, activity_type_id, summary, date_deadline,
                        user_id, collection_task_id, create_uid, create_date, write_uid, write_date)
                SELECT t.activity_id,
                       CASE WHEN t.case_id IS NOT NULL THEN %(case_model)s ELSE %(contract_model)s END,
                       CASE WHEN t.case_id IS NOT NULL THEN 'collection.case' ELSE 'loan.contract' END,
                       COALESCE(t.case_id, t.contract_id), COALESCE(cc.name, c.name), t.activity_type_id,
                       CASE WHEN t.step_id IS NULL THEN %(find_summary)s ELSE COALESCE(s.summary, '') END,
                       t.task_date, t.user_id, t.id,
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM task t
                  JOIN loan_contract c ON c.id = t.contract_id
                  LEFT JOIN collection_case cc ON cc.id = t.case_id
                  LEFT JOIN unnest(%(step_ids)s::int[], %(summaries)s::varchar[]) AS s(step_id, summary)
                    ON s.step_id = t.step_id
                 WHERE t.activity_id IS NOT NULL
            )
            SELECT count(*) FROM task
        """, dict(zip(("keys", "cases", "contracts", "invoices", "partners", "steps", "sequences", "actions",
                       "recurrences", "roles", "users", "priorities", "days", "amounts", "types"), columns),
                  date=date, uid=self.env.uid, case_model=model_ids["collection.case"],
                  contract_model=model_ids["loan.contract"], step_ids=list(names), summaries=list(names.values()),
                  # The one task without a policy step (_give_tasks).
                  find_summary=_("Find a number to reach the debtor")))
        return cr.fetchone()[0]

    def _after_run(self, date, opened, closed):
        """Next action and escalation flag of the open cases; task priorities; chatter notes."""
        cr = self.env.cr
        # One grouped pass over the open tasks (a correlated subquery per case took minutes at
        # 20,000 cases: the planner's statistics predate the tasks inserted in this transaction).
        cr.execute("""
            UPDATE collection_case cc
               SET next_step_id = v.step_id, next_action_date = v.task_date, to_escalate = v.escalate
              FROM (SELECT cc2.id, t.step_id, t.task_date, COALESCE(t.escalate, false) AS escalate
                      FROM collection_case cc2
                      LEFT JOIN (SELECT case_id,
                                        (array_agg(step_id ORDER BY task_date, sequence, id))[1] AS step_id,
                                        min(task_date) AS task_date,
                                        bool_or(action = 'legal') AS escalate
                                   FROM collection_task
                                  WHERE state = 'todo' AND case_id IS NOT NULL
                                  GROUP BY case_id) t ON t.case_id = cc2.id
                     WHERE cc2.is_open) v
             WHERE cc.id = v.id
               AND (cc.next_step_id IS DISTINCT FROM v.step_id
                    OR cc.next_action_date IS DISTINCT FROM v.task_date
                    OR cc.to_escalate IS DISTINCT FROM v.escalate)
        """)
        cr.execute("""
            UPDATE collection_task t SET priority = cc.priority_score
              FROM collection_case cc
             WHERE t.case_id = cc.id AND t.state = 'todo' AND t.priority IS DISTINCT FROM cc.priority_score
        """)
        notes = [(opened, _("Case opened by the daily collection run of %s: an installment is overdue.") % date),
                 (closed, _("Case settled by the daily collection run of %s: nothing is overdue any more.") % date)]
        subtype = self.env.ref("mail.mt_note").id
        for case_ids, body in notes:
            if case_ids:
                # A log note per case in one statement (message_post would be queries per case).
                cr.execute("""
                    INSERT INTO mail_message (model, res_id, record_name, body, message_type, subtype_id,
                                              date, author_id, create_uid, create_date, write_uid, write_date)
                    SELECT 'collection.case', cc.id, cc.name, %(body)s, 'notification', %(subtype)s,
                           now() at time zone 'UTC', %(author)s, %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC'
                      FROM collection_case cc WHERE cc.id = ANY(%(ids)s)
                """, {"body": "<p>%s</p>" % body, "subtype": subtype, "author": self.env.user.partner_id.id,
                      "uid": self.env.uid, "ids": case_ids})
