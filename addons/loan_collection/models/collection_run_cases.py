# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily run's steps on the cases: open, settle, amounts and priority, blacklist, debtors."""
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..services import aging, priority
from ..services.money import fen
from .collection_case import ACTIVE_STAGES
from .collection_case_finance import RECOVERED_SQL


class CollectionRunCases(models.Model):
    """The daily run: cases opened and settled, their amounts, priority and the debtors' history."""
    _inherit = "collection.run"

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
            RETURNING id
        """, {"prefix": prefix, "suffix": suffix, "seq": "ir_sequence_%03d" % sequence.id,
              "padding": sequence.padding, "date": date, "active": ACTIVE_STAGES, "uid": self.env.uid})
        opened = [row[0] for row in cr.fetchall()]
        if opened:
            cr.execute("""
                INSERT INTO collection_case_party_rel (case_id, partner_id)
                SELECT cc.id, cc.partner_id FROM collection_case cc WHERE cc.id = ANY(%(ids)s)
                 UNION
                SELECT cc.id, g.partner_id FROM collection_case cc
                  JOIN loan_guarantee g ON g.contract_id = cc.contract_id
                 WHERE cc.id = ANY(%(ids)s)
                ON CONFLICT DO NOTHING
            """, {"ids": opened})
        # The debtors' count of cases goes up in _update_partners, with their totals: one write each.
        return opened

    def _close_cases(self, date):
        """Settle the open cases with nothing overdue any more, except those following a
        restructuring plan (collection_restructuring.py); cancel their open tasks."""
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
               AND NOT EXISTS (SELECT 1 FROM collection_settlement s
                                WHERE s.case_id = cc.id AND s.kind = 'restructuring' AND s.state = 'approved')
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
                   %(recovered)s,
                   COALESCE(max(i.days_overdue) FILTER (WHERE i.state IN ('open', 'paid')), 0)
              FROM collection_case cc
              LEFT JOIN account_invoice i ON i.collection_case_id = cc.id
             WHERE cc.is_open OR cc.id = ANY(%(closed)s)
             GROUP BY cc.id
        """.replace("%(recovered)s", RECOVERED_SQL), {"date": date, "closed": closed})
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

    def _update_partners(self, date, opened):
        """Overdue history on the debtors: total overdue now, worst days ever, and how many cases
        were opened for them (`opened`: the ids of today's new cases)."""
        self.env.cr.execute("""
            UPDATE res_partner p
               SET total_overdue = v.total,
                   worst_days_overdue = GREATEST(COALESCE(p.worst_days_overdue, 0), v.worst),
                   times_overdue = COALESCE(p.times_overdue, 0) + COALESCE(n.opened, 0)
              FROM (SELECT c.partner_id,
                           COALESCE(sum(i.residual) FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0)
                               AS total,
                           GREATEST(COALESCE(max(i.days_overdue) FILTER (WHERE i.state IN ('open', 'paid')), 0), 0)
                               AS worst
                      FROM loan_contract c
                      JOIN account_invoice i ON i.loan_contract_id = c.id
                     GROUP BY c.partner_id) v
              -- a case is opened for its contract's borrower, who has installments: one of v
              LEFT JOIN (SELECT partner_id, count(*) AS opened FROM collection_case
                          WHERE id = ANY(%(opened)s) GROUP BY partner_id) n ON n.partner_id = v.partner_id
             WHERE p.id = v.partner_id
               AND (p.total_overdue IS DISTINCT FROM v.total
                    OR COALESCE(p.worst_days_overdue, 0) < v.worst
                    OR n.opened IS NOT NULL)
        """, {"date": date, "opened": opened})
