# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily run's one pass over the open installments (account_invoice)."""
from decimal import Decimal

from odoo import models

from ..services import aging
from ..services.money import fen, to_decimal
from .collection_run import _date


class CollectionRunInstallments(models.Model):
    """The daily run: days overdue, bucket, penalty interest and case of each installment."""
    _inherit = "collection.run"

    def _update_installments(self, date, edges):
        """Days overdue, bucket, penalty interest and collection case of every open installment,
        in one read and one write of account_invoice (it was two full passes: days and penalty,
        then the case link).

        Penalty interest is recomputed from the overdue segment (services/aging.accrue_penalty) and
        rounded once, so it does not depend on how many runs happened; what recoveries paid of it
        (penalty_recovered) is taken off the total accrued. An installment overdue and not in
        litigation belongs to its contract's open case (opened by _open_cases just before); the
        link is never taken away here (a settled case keeps its installments)."""
        cr = self.env.cr
        # Numeric columns as text: the unrounded accrual must not go through a float.
        cr.execute("""
            SELECT i.id, i.date_due, i.residual, i.days_overdue, i.aging_bucket,
                   COALESCE(i.penalty_interest, 0), i.penalty_date, c.overdue_rate,
                   COALESCE(i.penalty_recovered, 0), i.penalty_accrued::text, i.penalty_segment_start,
                   i.penalty_segment_base::text, COALESCE(p.day_count, 'pboc'),
                   i.type = 'out_invoice', i.collection_case_id, COALESCE(i.penalty_free, false),
                   CASE WHEN i.date_due < %(date)s AND NOT COALESCE(i.in_litigation, false) THEN cc.id END
              FROM account_invoice i
              JOIN loan_contract c ON c.id = i.loan_contract_id
              JOIN loan_product p ON p.id = c.product_id
              LEFT JOIN (SELECT DISTINCT ON (contract_id) id, contract_id FROM collection_case
                          WHERE is_open ORDER BY contract_id, id DESC) cc ON cc.contract_id = c.id
             WHERE i.state = 'open' AND i.date_due IS NOT NULL
               -- Not yet due and already at 0 days and 'current': nothing of the row would change
               -- (most of a book's open installments are its future ones).
               AND (i.date_due < %(date)s OR i.days_overdue IS DISTINCT FROM 0
                    OR i.aging_bucket IS DISTINCT FROM %(current)s)
        """, {"date": date, "current": aging.bucket(0, edges)})
        rows = []
        # Odoo's cursor gives numeric columns as floats: back to Decimal fen before any arithmetic.
        for (inv_id, due, residual, old_days, old_bucket, penalty, penalty_date, rate, recovered,
             accrued, segment_start, segment_base, basis, installment, old_case, penalty_free,
             case) in cr.fetchall():
            case = case or old_case
            if not installment:  # a refund of the contract: only its case, as before
                if case != old_case:
                    rows.append((inv_id, old_days, old_bucket, penalty, penalty_date,
                                 None if accrued is None else Decimal(accrued), segment_start,
                                 None if segment_base is None else Decimal(segment_base), case))
                continue
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
            # A frozen plan's instalment (停息挂账) accrues none while the plan is kept.
            if days > 0 and date > accrued_to and not penalty_free:
                if segment_start:
                    previous = aging.Penalty(accrued, segment_start, segment_base, None)
                else:  # first accrual, or an installment accrued before segments were kept
                    previous = aging.Penalty(penalty + recovered, None, None, None)
                state = aging.accrue_penalty(previous, residual, to_decimal(rate) / 100, accrued_to, date, basis)
                new = (fen(state.total) - recovered, date, state.accrued, state.segment_start, state.segment_base)
            if (days, bucket) + new[:2] + (case,) != (old_days, old_bucket, penalty, penalty_date, old_case):
                rows.append((inv_id, days, bucket) + new + (case,))
        if rows:
            cr.execute("""
                UPDATE account_invoice i
                   SET days_overdue = v.days, aging_bucket = v.bucket,
                       penalty_interest = v.penalty, penalty_date = v.penalty_date,
                       penalty_accrued = v.accrued, penalty_segment_start = v.segment_start,
                       penalty_segment_base = v.segment_base, collection_case_id = v.case_id
                  FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::numeric[], %s::date[],
                              %s::numeric[], %s::date[], %s::numeric[], %s::int[])
                       AS v(id, days, bucket, penalty, penalty_date, accrued, segment_start, segment_base,
                            case_id)
                 WHERE i.id = v.id
            """, [list(column) for column in zip(*rows)])
        return len(rows)
