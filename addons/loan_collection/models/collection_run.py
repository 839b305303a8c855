# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily collection run.

Every step is set-based: a fixed number of SQL statements whatever the size of the
portfolio, because the ORM would issue several queries per installment and case (OCA
account_credit_control's run took 55.6 s for 1,000 invoices here; ours must do 100,000 in
under a minute). Where a rule is needed (buckets, penalty interest, priority, policy steps)
the rows are read in one query, the rule from services/ is applied in Python, and the
result is written back in one UPDATE ... FROM unnest(arrays). Rows whose values would not
change are not written, so a second run for the same date changes nothing.
"""
import logging
import time
from datetime import timedelta
from decimal import Decimal



from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import aging, policy as policy_rules, priority
from ..services.money import fen, to_decimal
from .collection_case import ACTIVE_STAGES
from .res_company import business_today

_logger = logging.getLogger(__name__)

# pg advisory lock key of the run: two runs at once cannot both write.
RUN_LOCK_KEY = 7_411_011


def _date(value):
    return fields.Date.from_string(value) if isinstance(value, str) else value


class CollectionRun(models.Model):
    _name = "collection.run"
    _description = "Daily Collection Run"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Date(required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Started By", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(12, 2))
    query_count = fields.Integer(string="SQL Queries", readonly=True)
    installments_updated = fields.Integer(readonly=True)
    cases_opened = fields.Integer(readonly=True)
    cases_closed = fields.Integer(readonly=True)
    cases_updated = fields.Integer(readonly=True)
    tasks_created = fields.Integer(readonly=True)
    tasks_expired = fields.Integer(readonly=True)
    promises_kept = fields.Integer(readonly=True)
    promises_partial = fields.Integer(string="Promises Partly Kept", readonly=True)
    promises_broken = fields.Integer(readonly=True)
    partners_blacklisted = fields.Integer(readonly=True)

    def _compute_name(self):
        for run in self:
            run.name = _("Daily run of %s") % run.date

    # Entry point -----------------------------------------------------------------------------

    @api.model
    @api.returns("collection.run", lambda run: run.id)  # over RPC: its id (a recordset cannot be marshalled)
    def run(self, date=None):
        """Run the day's collection for `date` (a date or 'YYYY-MM-DD'; default: today).

        Updates days overdue, buckets and penalty interest of all open installments; opens
        and closes cases; refreshes case amounts and priorities; gives the day's policy
        steps as worklist tasks (with activities). Returns the collection.run record (its id over RPC).
        """
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("loan_collection.group_collection_manager"):
            raise AccessError(_("Only collection managers can start the daily collection run."))
        if not date:
            date = business_today(self)
        if isinstance(date, str):
            date = fields.Date.from_string(date)
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (RUN_LOCK_KEY,))
        if not cr.fetchone()[0]:
            raise UserError(_("Another daily collection run is in progress. Wait until it has finished "
                              "(a minute or two), then try again."))
        started, queries = time.time(), cr.sql_log_count
        # Pending ORM computations must reach the database before SQL reads it.
        self.env["account.invoice"].recompute()
        edges = self._bucket_edges()
        stats = {"installments_updated": self._update_installments(date, edges)}
        opened = self._open_cases(date)
        self._link_installments(date)
        closed = self._close_cases(date)
        stats.update(cases_opened=len(opened), cases_closed=len(closed))
        stats.update(self._check_promises(date))
        stats["cases_updated"] = self._update_case_amounts(date, edges, closed)
        stats["partners_blacklisted"] = self._blacklist(date, closed)
        self._update_partners(date)
        stats["tasks_expired"] = self._expire_tasks(date)
        stats["tasks_created"] = self._give_tasks(date)
        self._after_run(date, opened, closed)
        self.env.cache.invalidate()
        stats.update(date=date, user_id=self.env.uid, duration=time.time() - started,
                     query_count=cr.sql_log_count - queries)
        _logger.info("Daily collection run of %s: %s", date, stats)
        return self.sudo().create(stats)

    @api.model
    def _bucket_edges(self):
        text = self.env["ir.config_parameter"].sudo().get_param(
            "loan_collection.aging_bucket_edges", ",".join(map(str, aging.DEFAULT_EDGES)))
        try:
            return aging.parse_edges(text)
        except ValueError:
            raise UserError(_("The aging bucket edges \"%s\" are not valid: give increasing whole numbers of "
                              "days such as 3,6,30,60,90 in Collection > Configuration > Settings.") % text)

    def _audit_columns(self):
        return {"uid": self.env.uid}

    # Installments ----------------------------------------------------------------------------

    def _update_installments(self, date, edges):
        """Days overdue, bucket and penalty interest of every open installment.

        Penalty interest is recomputed from the overdue segment (services/aging.accrue_penalty) and
        rounded once, so it does not depend on how many runs happened; what recoveries paid of it
        (penalty_recovered) is taken off the total accrued."""
        cr = self.env.cr
        # Numeric columns as text: the unrounded accrual must not go through a float.
        cr.execute("""
            SELECT i.id, i.date_due, i.residual, i.days_overdue, i.aging_bucket,
                   COALESCE(i.penalty_interest, 0), i.penalty_date, c.overdue_rate,
                   COALESCE(i.penalty_recovered, 0), i.penalty_accrued::text, i.penalty_segment_start,
                   i.penalty_segment_base::text, COALESCE(p.day_count, 'pboc')
              FROM account_invoice i
              JOIN loan_contract c ON c.id = i.loan_contract_id
              JOIN loan_product p ON p.id = c.product_id
             WHERE i.state = 'open' AND i.type = 'out_invoice' AND i.date_due IS NOT NULL
        """)
        rows = []
        # Odoo's cursor gives numeric columns as floats: back to Decimal fen before any arithmetic.
        for (inv_id, due, residual, old_days, old_bucket, penalty, penalty_date, rate, recovered,
             accrued, segment_start, segment_base, basis) in cr.fetchall():
            residual, penalty, recovered = fen(residual), fen(penalty), fen(recovered)
            accrued, segment_base = (None if v is None else Decimal(v) for v in (accrued, segment_base))
            # ... and dates as 'YYYY-MM-DD' strings.
            due, penalty_date, segment_start = _date(due), _date(penalty_date), _date(segment_start)
            # Not yet due: 0 days and 'current' until the due date, so these rows are written
            # once rather than every day (the pre-due reminders compute their own days).
            days = max(aging.days_overdue(due, date), 0)
            bucket = aging.bucket(days, edges)
            new = (penalty, penalty_date, accrued, segment_start, segment_base)
            accrued_to = max(due, penalty_date) if penalty_date else due
            if days > 0 and date > accrued_to:
                if segment_start:
                    previous = aging.Penalty(accrued, segment_start, segment_base, None)
                else:  # first accrual, or an installment accrued before segments were kept
                    previous = aging.Penalty(penalty + recovered, None, None, None)
                state = aging.accrue_penalty(previous, residual, to_decimal(rate) / 100, accrued_to, date, basis)
                new = (fen(state.total) - recovered, date, state.accrued, state.segment_start, state.segment_base)
            if (days, bucket) + new[:2] != (old_days, old_bucket, penalty, penalty_date):
                rows.append((inv_id, days, bucket) + new)
        if rows:
            cr.execute("""
                UPDATE account_invoice i
                   SET days_overdue = v.days, aging_bucket = v.bucket,
                       penalty_interest = v.penalty, penalty_date = v.penalty_date,
                       penalty_accrued = v.accrued, penalty_segment_start = v.segment_start,
                       penalty_segment_base = v.segment_base
                  FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::numeric[], %s::date[],
                              %s::numeric[], %s::date[], %s::numeric[])
                       AS v(id, days, bucket, penalty, penalty_date, accrued, segment_start, segment_base)
                 WHERE i.id = v.id
            """, [list(column) for column in zip(*rows)])
        return len(rows)

    # Cases -----------------------------------------------------------------------------------

    def _open_cases(self, date):
        """One case for each contract with an overdue installment and no active case."""
        cr = self.env.cr
        sequence = self.env["ir.sequence"].sudo().search([("code", "=", "collection.case")], limit=1)
        if not sequence or sequence.implementation != "standard":
            raise UserError(_("The sequence \"collection.case\" is missing or not of the standard kind; "
                              "reinstall the Loan Collection addon."))
        prefix, suffix = sequence.with_context(ir_sequence_date=fields.Date.to_string(date))._get_prefix_suffix()
        cr.execute("""
            INSERT INTO collection_case
                   (name, contract_id, partner_id, product_id, company_id, policy_id, office_user_id,
                    field_user_id, stage, is_open, risk_level, date_opened, days_overdue,
                    worst_days_overdue, overdue_principal, overdue_interest, penalty_interest,
                    fees_amount, total_due, recovered_amount, broken_promise_count, priority_score,
                    to_escalate, create_uid, create_date, write_uid, write_date)
            SELECT %(prefix)s || lpad(nextval(%(seq)s)::text, %(padding)s, '0') || %(suffix)s,
                   c.id, c.partner_id, c.product_id, c.company_id, p.policy_id, c.office_user_id,
                   c.field_user_id, 'new', true, 'medium', %(date)s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                   false, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM loan_contract c
              JOIN loan_product p ON p.id = c.product_id
             WHERE c.state = 'active'
               AND EXISTS (SELECT 1 FROM account_invoice i
                            WHERE i.loan_contract_id = c.id AND i.state = 'open'
                              AND i.date_due < %(date)s AND NOT COALESCE(i.in_litigation, false))
               AND NOT EXISTS (SELECT 1 FROM collection_case cc
                                WHERE cc.contract_id = c.id AND cc.stage IN %(active)s)
             ORDER BY c.id
            RETURNING id, partner_id
        """, {"prefix": prefix, "suffix": suffix, "seq": "ir_sequence_%03d" % sequence.id,
              "padding": sequence.padding, "date": date, "active": ACTIVE_STAGES, "uid": self.env.uid})
        opened = cr.fetchall()
        if opened:
            case_ids = [row[0] for row in opened]
            cr.execute("""
                INSERT INTO collection_case_party_rel (case_id, partner_id)
                SELECT cc.id, cc.partner_id FROM collection_case cc WHERE cc.id = ANY(%(ids)s)
                 UNION
                SELECT cc.id, g.partner_id FROM collection_case cc
                  JOIN loan_guarantee g ON g.contract_id = cc.contract_id
                 WHERE cc.id = ANY(%(ids)s)
                ON CONFLICT DO NOTHING
            """, {"ids": case_ids})
            cr.execute("""
                UPDATE res_partner p SET times_overdue = COALESCE(p.times_overdue, 0) + n.opened
                  FROM (SELECT partner_id, count(*) AS opened FROM unnest(%s::int[]) AS partner_id
                         GROUP BY partner_id) n
                 WHERE p.id = n.partner_id
            """, ([row[1] for row in opened],))
        return [row[0] for row in opened]

    def _link_installments(self, date):
        self.env.cr.execute("""
            UPDATE account_invoice i SET collection_case_id = cc.id
              FROM collection_case cc
             WHERE cc.contract_id = i.loan_contract_id AND cc.is_open
               AND i.state = 'open' AND i.date_due < %(date)s AND NOT COALESCE(i.in_litigation, false)
               AND i.collection_case_id IS DISTINCT FROM cc.id
        """, {"date": date})

    def _close_cases(self, date):
        """Settle the open cases with nothing overdue any more; cancel their open tasks."""
        cr = self.env.cr
        cr.execute("""
            UPDATE collection_case cc
               SET stage = 'settled', is_open = false, date_closed = %(date)s, to_escalate = false,
                   next_step_id = NULL, next_action_date = NULL,
                   write_uid = %(uid)s, write_date = now() at time zone 'UTC'
             WHERE cc.is_open
               AND NOT EXISTS (SELECT 1 FROM account_invoice i
                                WHERE i.loan_contract_id = cc.contract_id AND i.state = 'open'
                                  AND i.date_due < %(date)s)
            RETURNING cc.id
        """, {"date": date, "uid": self.env.uid})
        closed = [row[0] for row in cr.fetchall()]
        if closed:
            cr.execute("""
                WITH cancelled AS (
                    UPDATE collection_task t SET state = 'cancelled', activity_id = NULL
                      FROM collection_task old
                     WHERE old.id = t.id AND t.case_id = ANY(%s) AND t.state = 'todo'
                 RETURNING old.activity_id)
                DELETE FROM mail_activity WHERE id IN (SELECT activity_id FROM cancelled)
            """, (closed,))
        return closed

    def _check_promises(self, date):
        """Mark promises kept, partly kept or broken from the payments received between the day
        each was made and the day promised; a broken one counts against the case (priority) and
        gives its collector an activity."""
        cr = self.env.cr
        # Payments are the credit lines reconciled with the contract's installment lines.
        cr.execute("""
            SELECT p.id, p.case_id, p.amount, p.amount_paid, p.date_promised,
                   (SELECT COALESCE(sum(apr.amount), 0)
                      FROM account_partial_reconcile apr
                      JOIN account_move_line dml ON dml.id = apr.debit_move_id
                      JOIN account_invoice inv ON inv.id = dml.invoice_id
                      JOIN account_move_line cml ON cml.id = apr.credit_move_id
                     WHERE inv.loan_contract_id = p.contract_id
                       AND cml.date BETWEEN p.date_made AND LEAST(p.date_promised, %(date)s))
              FROM collection_promise p
             WHERE p.state = 'open' AND p.date_made <= %(date)s
        """, {"date": date})
        ids, states, paid_amounts = [], [], []
        counts = {"kept": 0, "partial": 0, "broken": 0}
        broken_cases = []
        for promise_id, case_id, amount, old_paid, promised, paid in cr.fetchall():
            amount, paid = fen(amount), fen(paid)
            state = "open"
            if paid >= amount:
                state = "kept"
            elif date > _date(promised):
                state = "partial" if paid > 0 else "broken"
            if state == "open" and paid == fen(old_paid or 0):
                continue
            ids.append(promise_id)
            states.append(state)
            paid_amounts.append(paid)
            if state != "open":
                counts[state] += 1
            if state == "broken":
                broken_cases.append(case_id)
        if ids:
            cr.execute("""
                UPDATE collection_promise p
                   SET state = v.state, amount_paid = v.paid,
                       date_checked = CASE WHEN v.state = 'open' THEN p.date_checked ELSE %s END
                  FROM unnest(%s::int[], %s::varchar[], %s::numeric[]) AS v(id, state, paid)
                 WHERE p.id = v.id
            """, (date, ids, states, paid_amounts))
            # A case waiting on a promise goes back to contacting once no promise is open.
            cr.execute("""
                UPDATE collection_case cc SET stage = 'contacting'
                 WHERE cc.stage = 'promised'
                   AND cc.id IN (SELECT case_id FROM collection_promise WHERE id = ANY(%s))
                   AND NOT EXISTS (SELECT 1 FROM collection_promise p
                                    WHERE p.case_id = cc.id AND p.state = 'open')
            """, (ids,))
        if broken_cases:
            cr.execute("""
                UPDATE collection_case cc SET broken_promise_count = COALESCE(cc.broken_promise_count, 0) + b.n
                  FROM (SELECT case_id, count(*) AS n FROM unnest(%s::int[]) AS case_id GROUP BY case_id) b
                 WHERE cc.id = b.case_id
            """, (broken_cases,))
            activity_type = self.env.ref("loan_collection.mail_activity_type_broken_promise")
            model_id = self.env["ir.model"]._get("collection.case").id
            cr.execute("""
                INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary,
                                           date_deadline, user_id, create_uid, create_date, write_uid, write_date)
                SELECT %(model)s, 'collection.case', cc.id, cc.name, %(type)s, %(summary)s, %(date)s,
                       COALESCE(cc.office_user_id, cc.field_user_id), %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM collection_case cc
                 WHERE cc.id = ANY(%(ids)s) AND COALESCE(cc.office_user_id, cc.field_user_id) IS NOT NULL
            """, {"model": model_id, "type": activity_type.id, "date": date, "uid": self.env.uid,
                  "summary": _("Promise to pay broken: call the debtor"), "ids": list(set(broken_cases))})
        return {"promises_%s" % state: count for state, count in counts.items()}

    def _blacklist(self, date, closed):
        """Blacklist the borrowers of the cases just settled after a long delay: no further loans
        or guarantees (domain.md: long-overdue customers go on the blacklist once settled)."""
        if not closed:
            return 0
        cr = self.env.cr
        limit = int(self.env["ir.config_parameter"].sudo().get_param("loan_collection.blacklist_days", 90))
        cr.execute("""
            SELECT cc.partner_id, cc.name, cc.worst_days_overdue FROM collection_case cc
              JOIN res_partner p ON p.id = cc.partner_id
             WHERE cc.id = ANY(%s) AND cc.worst_days_overdue > %s AND NOT COALESCE(p.is_blacklisted, false)
        """, (closed, limit))
        rows = cr.fetchall()
        if not rows:
            return 0
        # The template outside the comprehension: Odoo 11's _() looks for the language in its caller's
        # frame, and a comprehension's own frame has no `self` (the reason was stored in English).
        reason = _("Case %s settled after %s days overdue (more than %s)")
        reasons = {partner: reason % (name, worst, limit) for partner, name, worst in rows}
        cr.execute("""
            UPDATE res_partner p SET is_blacklisted = true, blacklist_reason = v.reason, blacklist_date = %s
              FROM unnest(%s::int[], %s::varchar[]) AS v(id, reason)
             WHERE p.id = v.id
        """, (date, list(reasons), list(reasons.values())))
        return len(reasons)

    def _update_case_amounts(self, date, edges, closed):
        """Amounts, days, bucket and priority of the open (and just closed) cases."""
        cr = self.env.cr
        cr.execute("""
            SELECT cc.id, cc.risk_level, COALESCE(cc.broken_promise_count, 0), COALESCE(cc.fees_amount, 0),
                   cc.days_overdue, cc.worst_days_overdue, cc.aging_bucket, cc.overdue_principal,
                   cc.overdue_interest, cc.penalty_interest, cc.total_due, cc.recovered_amount,
                   cc.priority_score,
                   COALESCE(max(i.days_overdue) FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0),
                   COALESCE(sum(LEAST(i.residual, COALESCE(i.principal_amount, i.amount_total)))
                            FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0),
                   COALESCE(sum(GREATEST(i.residual - COALESCE(i.principal_amount, i.amount_total), 0))
                            FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0),
                   COALESCE(sum(i.penalty_interest) FILTER (WHERE i.state IN ('open', 'paid')), 0),
                   COALESCE(sum(i.amount_total - i.residual) FILTER (WHERE i.state IN ('open', 'paid')), 0),
                   COALESCE(max(i.days_overdue) FILTER (WHERE i.state IN ('open', 'paid')), 0)
              FROM collection_case cc
              LEFT JOIN account_invoice i ON i.collection_case_id = cc.id
             WHERE cc.is_open OR cc.id = ANY(%(closed)s)
             GROUP BY cc.id
        """, {"date": date, "closed": closed})
        columns = ("days_overdue", "worst_days_overdue", "aging_bucket", "overdue_principal",
                   "overdue_interest", "penalty_interest", "total_due", "recovered_amount", "priority_score")
        values = {column: [] for column in columns}
        ids = []
        for row in cr.fetchall():
            (case_id, risk, broken), old = row[:3], list(row[4:13])
            fees = fen(row[3])
            for index in (3, 4, 5, 6, 7):  # the money columns, floats from Odoo's cursor
                old[index] = fen(old[index]) if old[index] is not None else None
            days, principal, interest, penalty, recovered, worst = row[13:]
            principal, interest, penalty, recovered = fen(principal), fen(interest), fen(penalty), fen(recovered)
            total = principal + interest + penalty + fees
            new = (days, max(worst, old[1] or 0), aging.bucket(days, edges), principal, interest, penalty,
                   total, recovered, priority.score(total, days, risk, broken))
            if new != tuple(old):
                ids.append(case_id)
                for column, value in zip(columns, new):
                    values[column].append(value)
        if ids:
            cr.execute("""
                UPDATE collection_case cc
                   SET days_overdue = v.days, worst_days_overdue = v.worst, aging_bucket = v.bucket,
                       overdue_principal = v.principal, overdue_interest = v.interest,
                       penalty_interest = v.penalty, total_due = v.total, recovered_amount = v.recovered,
                       priority_score = v.score
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::numeric[], %s::numeric[],
                              %s::numeric[], %s::numeric[], %s::numeric[], %s::int[])
                       AS v(id, days, worst, bucket, principal, interest, penalty, total, recovered, score)
                 WHERE cc.id = v.id
            """, [ids] + [values[column] for column in columns])
        return len(ids)

    def _update_partners(self, date):
        """Overdue history on the debtors: total overdue now and worst days ever."""
        self.env.cr.execute("""
            UPDATE res_partner p
               SET total_overdue = v.total,
                   worst_days_overdue = GREATEST(COALESCE(p.worst_days_overdue, 0), v.worst)
              FROM (SELECT c.partner_id,
                           COALESCE(sum(i.residual) FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0)
                               AS total,
                           GREATEST(COALESCE(max(i.days_overdue) FILTER (WHERE i.state IN ('open', 'paid')), 0), 0)
                               AS worst
                      FROM loan_contract c
                      JOIN account_invoice i ON i.loan_contract_id = c.id
                     GROUP BY c.partner_id) v
             WHERE p.id = v.partner_id
               AND (p.total_overdue IS DISTINCT FROM v.total
                    OR COALESCE(p.worst_days_overdue, 0) < v.worst)
        """, {"date": date})

    # Worklist --------------------------------------------------------------------------------

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
        # Open cases, and installments not yet overdue of contracts without an active case.
        cr.execute("""
            SELECT 'case:' || cc.id, cc.id, cc.contract_id, NULL::int, cc.partner_id, cc.policy_id,
                   cc.days_overdue, cc.office_user_id, cc.field_user_id, pol.manager_id,
                   cc.priority_score, cc.total_due
              FROM collection_case cc
              JOIN collection_policy pol ON pol.id = cc.policy_id
             WHERE cc.is_open
            UNION ALL
            SELECT 'invoice:' || i.id, NULL::int, c.id, i.id, i.partner_id, p.policy_id,
                   %(date)s - i.date_due, c.office_user_id, c.field_user_id, pol.manager_id,
                   0, i.residual
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
        step_by_id = {s.id: s for steps in steps_by_policy.values() for s in steps}
        rows = []
        for key, case_id, contract_id, invoice_id, partner_id, policy_id, days, office, field, manager, \
                score, amount in episodes:
            for rule in policy_rules.due_steps(rules.get(policy_id, []), days, done_once.get(key, ())):
                step = step_by_id[rule.id]
                user = {"office": office, "field": field, "manager": manager}[step.role]
                rows.append((key, case_id, contract_id, invoice_id, partner_id, step.id, step.sequence,
                             step.action, step.recurrence, step.role, user, score, days, amount,
                             step.activity_type_id.id or None))
        if not rows:
            return 0
        columns = list(zip(*rows))
        cr.execute("""
            INSERT INTO collection_task
                   (task_date, episode_key, case_id, contract_id, invoice_id, partner_id, step_id,
                    sequence, action, recurrence, role, user_id, priority, days_overdue, amount_due,
                    activity_type_id, state, create_uid, create_date, write_uid, write_date)
            SELECT %s, v.* , 'todo', %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::int[], %s::int[], %s::int[], %s::int[], %s::int[], %s::int[],
                          %s::varchar[], %s::varchar[], %s::varchar[], %s::int[], %s::int[], %s::int[],
                          %s::numeric[], %s::int[]) AS v
            ON CONFLICT (episode_key, step_id, task_date) DO NOTHING
            RETURNING id
        """, [date, self.env.uid, self.env.uid] + [list(column) for column in columns])
        task_ids = [row[0] for row in cr.fetchall()]
        if task_ids:
            self._create_activities(task_ids, date)
        return len(task_ids)

    def _create_activities(self, task_ids, date):
        """A mail activity for each new task with a collector and an activity type, so the
        task shows in the collector's activities and on the case's chatter."""
        cr = self.env.cr
        models_ = self.env["ir.model"].sudo().search([("model", "in", ("collection.case", "loan.contract"))])
        model_ids = {m.model: m.id for m in models_}
        names = {step.id: step.name for steps in self._policy_steps().values() for step in steps}
        cr.execute("""
            SELECT t.id, t.step_id FROM collection_task t
             WHERE t.id = ANY(%s) AND t.user_id IS NOT NULL AND t.activity_type_id IS NOT NULL
        """, (task_ids,))
        pairs = cr.fetchall()
        if not pairs:
            return
        cr.execute("""
            INSERT INTO mail_activity
                   (res_model_id, res_model, res_id, res_name, activity_type_id, summary, date_deadline,
                    user_id, collection_task_id, create_uid, create_date, write_uid, write_date)
            SELECT CASE WHEN t.case_id IS NOT NULL THEN %(case_model)s ELSE %(contract_model)s END,
                   CASE WHEN t.case_id IS NOT NULL THEN 'collection.case' ELSE 'loan.contract' END,
                   COALESCE(t.case_id, t.contract_id), COALESCE(cc.name, c.name), t.activity_type_id,
                   s.summary, t.task_date, t.user_id, t.id,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM collection_task t
              JOIN unnest(%(task_ids)s::int[], %(summaries)s::varchar[]) AS s(task_id, summary)
                ON s.task_id = t.id
              JOIN loan_contract c ON c.id = t.contract_id
              LEFT JOIN collection_case cc ON cc.id = t.case_id
        """, {"case_model": model_ids["collection.case"], "contract_model": model_ids["loan.contract"],
              "uid": self.env.uid, "task_ids": [p[0] for p in pairs],
              "summaries": [names.get(p[1], "") for p in pairs]})
        cr.execute("""
            UPDATE collection_task t SET activity_id = a.id
              FROM mail_activity a WHERE a.collection_task_id = t.id AND t.id = ANY(%s)
        """, (task_ids,))

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

    # Demo --------------------------------------------------------------------------------------

    @api.model
    def _load_demo_scenario(self):
        """Collection history for the demo contracts (demo/loan_contract_demo.xml): two days of
        daily runs with contacts, promises (one kept later, one broken), a notice served, a case
        settled, one settled after a long delay (blacklisted) and one transferred to legal."""
        # Notes and reasons in the language of the users (the install itself runs in English).
        self = self.with_context(lang=self.env.ref("base.user_root").lang or "zh_CN")
        # Odoo loads an addon's translations after its demo data: load them first, or what the
        # scenario composes and stores (notice file names, installment names, activity summaries)
        # stays in English for Chinese users.
        self.env["ir.module.module"].search([("name", "=", "loan_collection")])._update_translations()
        ref = self.env.ref
        today = fields.Date.from_string(business_today(self))
        day = lambda n: fields.Date.to_string(today - timedelta(days=n))
        at_ten = lambda n: "%s 02:00:00" % day(n)  # 10:00 China time
        contracts = {x: ref("loan_collection.loan_contract_%s_demo" % x) for x in
                     ("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8")}
        for contract in contracts.values():
            contract.action_activate()
        Case, Log = self.env["collection.case"], self.env["collection.contact.log"].with_context(tz="Asia/Shanghai")
        office = ref("loan_collection.user_office_collector_demo")
        office2 = ref("loan_collection.user_office_collector2_demo")
        field = ref("loan_collection.user_field_collector_demo")
        manager = ref("loan_collection.user_collection_manager_demo")
        point = lambda xmlid: ref("loan_collection.contact_point_%s_demo" % xmlid).id
        Case.run_daily(day(2))
        case = lambda x: contracts[x].case_ids.filtered("is_open")[:1] or contracts[x].case_ids[:1]
        Log.sudo(office2).create({
            "case_id": case("c4").id, "date": at_ten(2), "channel": "phone", "party": "debtor",
            "contact_point_id": point("zhang_zhiqiang_mobile"), "connected": True, "outcome": "promise",
            "promise_amount": 20000, "promise_date": day(2), "note": "称物流款未到账，承诺今日先还两万元"})
        Case.run_daily(day(1))
        bank = self.env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
                                                  limit=1)
        for key in ("c7", "c8"):
            for invoice in contracts[key].invoice_ids.filtered(lambda i: i.state == "open" and i.date_due < day(0)):
                invoice.pay_and_reconcile(bank, date=day(1))
        Log.sudo(office).create({
            "case_id": case("c1").id, "date": at_ten(1), "channel": "phone", "party": "debtor",
            "contact_point_id": point("wang_jianguo_mobile"), "connected": False, "outcome": "no_answer"})
        Log.sudo(office2).create({
            "case_id": case("c2").id, "date": at_ten(1), "channel": "phone", "party": "debtor",
            "contact_point_id": point("li_xiuying_mobile"), "connected": True, "outcome": "promise",
            "promise_amount": contracts["c2"].invoice_ids.sorted("installment_number")[0].amount_total,
            "promise_date": fields.Date.to_string(today + timedelta(days=3)),
            "note": "店铺装修超支，承诺三日内还清本期"})
        Log.sudo(field).create({
            "case_id": case("c3").id, "date": at_ten(1), "channel": "visit", "party": "debtor",
            "staff_ids": [(6, 0, [field.id, office.id])], "outcome": "rpc",
            "note": "上门查看，公司正常经营，下游工程款拖欠约120万元；已告知征信后果"})
        case("c3").write({"overdue_reason": "cash_flow", "risk_level": "low",
                          "overdue_reason_detail": "下游工程款未回笼"})
        case("c5").write({"overdue_reason": "malicious", "risk_level": "high",
                          "overdue_reason_detail": "借款人失联，疑似转移资产"})
        notice = self.env["collection.notice"].sudo(field).create({
            "case_id": case("c3").id, "kind": "overdue_notice", "partner_id": case("c3").partner_id.id})
        notice.sudo().write({"date_generated": day(1)})  # demo history: generated yesterday (users cannot)
        notice.action_record_service(day(1), "in_person")
        case("c5").sudo(manager).action_transfer_to_legal()
        return Case.run_daily(day(0))
