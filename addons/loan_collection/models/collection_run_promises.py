# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily run's check of the promises to pay."""
from odoo import _, models

from ..services.money import fen
from .collection_run import _date


class CollectionRunPromises(models.Model):
    """The daily run: promises kept, partly kept or broken."""
    _inherit = "collection.run"

    def _check_promises(self, date, case_ids=None):
        """Mark promises kept, partly kept or broken from the payments received between the day
        each was made and the day promised; a broken one counts against the case (priority) and
        gives its collector an activity. `case_ids`: only the promises of these cases (a bank line
        confirmed on a case judges its promises at once, not at the next run)."""
        cr = self.env.cr
        # Payments are the credit lines reconciled with the contract's installment lines.
        cr.execute("""
            SELECT p.id, p.case_id, p.amount, p.amount_paid, p.date_promised,
                   (SELECT COALESCE(sum(apr.amount), 0)
                      FROM account_partial_reconcile apr
                      JOIN account_move_line dml ON dml.id = apr.debit_move_id
                      JOIN account_invoice inv ON inv.id = dml.invoice_id
                      JOIN account_move_line cml ON cml.id = apr.credit_move_id
                      -- money only: not a credit note (a write-off's, a waiver's, a restructuring's)
                      LEFT JOIN account_invoice refund ON refund.id = cml.invoice_id AND refund.type = 'out_refund'
                     WHERE refund.id IS NULL AND CASE WHEN p.invoice_id IS NOT NULL
                           -- a restructuring plan's instalment: what was paid of it by its due date
                           THEN inv.id = p.invoice_id AND cml.date <= LEAST(p.date_promised, %(date)s)
                           ELSE (inv.loan_contract_id = p.contract_id
                                 -- what a recovery paid of the penalty interest and costs (its charges
                                 -- invoice) counts too: the debtor paid what he promised
                                 OR (inv.recovery_id IS NOT NULL AND inv.collection_case_id = p.case_id
                                     AND inv.recovery_id NOT IN (SELECT id FROM collection_recovery
                                                                  WHERE state = 'reversed')))
                                AND cml.date BETWEEN p.date_made AND LEAST(p.date_promised, %(date)s) END)
              FROM collection_promise p
             WHERE p.state = 'open' AND p.date_made <= %(date)s
               AND (%(all)s OR p.case_id = ANY(%(cases)s))
        """, {"date": date, "all": case_ids is None, "cases": list(case_ids or [])})
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
