# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from ..services import aging


class CollectionSnapshot(models.Model):
    """The open installments as they stood at a month-end: bucket and amount. The roll-rate
    report compares two consecutive month-ends. Taken by the daily run on the last day of each
    month (collection.run), set-based."""
    _name = "collection.snapshot"
    _description = "Month-end Installment Snapshot"
    _order = "date desc, contract_id, invoice_id"

    date = fields.Date(required=True, readonly=True, index=True)
    invoice_id = fields.Many2one("account.invoice", string="Installment", required=True, readonly=True,
                                 ondelete="cascade", index=True)
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True, index=True,
                                  ondelete="cascade")
    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True, ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    field_user_id = fields.Many2one("res.users", string="Field Collector", readonly=True)
    days_overdue = fields.Integer(readonly=True)
    aging_bucket = fields.Char(string="Aging Bucket", readonly=True)
    amount = fields.Monetary(string="Outstanding", readonly=True)
    penalty_interest = fields.Monetary(readonly=True)

    _sql_constraints = [
        ("date_invoice_uniq", "unique(date, invoice_id)", "An installment is snapshotted once per date."),
    ]

    @api.model
    def _take(self, date):
        """Snapshot every open installment on `date` (a date or 'YYYY-MM-DD').

        Two statements whatever the portfolio size, and on a month-end three more for the
        roll-rate summary (collection.roll.rate.report._refresh). Idempotent: taking it again for the same date
        writes only what changed since (an installment paid since drops out, one changed is updated),
        so a second daily run for a month-end changes nothing.
        """
        if isinstance(date, str):
            date = fields.Date.from_string(date)
        edges = self.env["collection.run"]._bucket_edges()
        # width_bucket(days, [1, e1+1, e2+1, ...]) is 0 for days < 1, k for the k-th bucket: the
        # same buckets as services/aging.bucket.
        thresholds = [1] + [edge + 1 for edge in edges]
        labels = aging.bucket_labels(edges)
        cr = self.env.cr
        cr.execute("""
            DELETE FROM collection_snapshot s
             WHERE s.date = %(date)s
               AND NOT EXISTS (SELECT 1 FROM account_invoice i
                                WHERE i.id = s.invoice_id AND i.state = 'open' AND i.residual > 0)
        """, {"date": date})
        cr.execute("""
            INSERT INTO collection_snapshot
                   (date, invoice_id, contract_id, case_id, partner_id, company_id, product_id,
                    office_user_id, field_user_id, days_overdue, aging_bucket, amount, penalty_interest,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(date)s, i.id, c.id, i.collection_case_id, c.partner_id, c.company_id, c.product_id,
                   COALESCE(cc.office_user_id, c.office_user_id), COALESCE(cc.field_user_id, c.field_user_id),
                   GREATEST(%(date)s - i.date_due, 0),
                   (%(labels)s::varchar[])[width_bucket(%(date)s - i.date_due, %(thresholds)s::int[]) + 1],
                   i.residual, COALESCE(i.penalty_interest, 0),
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM account_invoice i
              JOIN loan_contract c ON c.id = i.loan_contract_id
              LEFT JOIN collection_case cc ON cc.id = i.collection_case_id
             WHERE i.state = 'open' AND i.type = 'out_invoice' AND i.residual > 0 AND i.date_due IS NOT NULL
            ON CONFLICT (date, invoice_id) DO UPDATE
               SET case_id = EXCLUDED.case_id, office_user_id = EXCLUDED.office_user_id,
                   field_user_id = EXCLUDED.field_user_id, days_overdue = EXCLUDED.days_overdue,
                   aging_bucket = EXCLUDED.aging_bucket, amount = EXCLUDED.amount,
                   penalty_interest = EXCLUDED.penalty_interest, write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
             WHERE (collection_snapshot.case_id, collection_snapshot.office_user_id,
                    collection_snapshot.field_user_id, collection_snapshot.days_overdue,
                    collection_snapshot.aging_bucket, collection_snapshot.amount,
                    collection_snapshot.penalty_interest)
                   IS DISTINCT FROM
                   (EXCLUDED.case_id, EXCLUDED.office_user_id, EXCLUDED.field_user_id, EXCLUDED.days_overdue,
                    EXCLUDED.aging_bucket, EXCLUDED.amount, EXCLUDED.penalty_interest)
        """, {"date": date, "labels": labels, "thresholds": thresholds, "uid": self.env.uid})
        self.invalidate_cache()
        if (date + timedelta(days=1)).day == 1:
            self.env["collection.roll.rate.report"].sudo()._refresh(date)
        return True

    @api.model
    def _load_demo_month_ends(self, count=3):
        """Demo only (demo/collection_snapshot_demo.xml): the snapshots the daily run would have
        taken at the last `count` month-ends before the installation, so the roll-rate report
        (迁徙率) has figures on a fresh demo. Each installment as it stood then: of the contracts
        disbursed by that day, the installments not yet paid then — today's residual plus what was
        paid after the month-end —, their days overdue, bucket and penalty interest at the
        contract's overdue rate (by the day, 1/360) as of that day. Set-based, once per month-end."""
        from datetime import timedelta
        from .res_company import business_today
        edges = self.env["collection.run"]._bucket_edges()
        thresholds = [1] + [edge + 1 for edge in edges]
        labels = aging.bucket_labels(edges)
        month_end = fields.Date.from_string(business_today(self)).replace(day=1) - timedelta(days=1)
        month_ends = []
        for _i in range(count):
            month_ends.insert(0, month_end)
            month_end = month_end.replace(day=1) - timedelta(days=1)
        for date in month_ends:
            self.env.cr.execute("""
                WITH paid_after AS (
                    SELECT inv.id AS invoice_id, sum(apr.amount) AS amount
                      FROM account_partial_reconcile apr
                      JOIN account_move_line dml ON dml.id = apr.debit_move_id
                      JOIN account_invoice inv ON inv.id = dml.invoice_id
                      JOIN account_move_line cml ON cml.id = apr.credit_move_id
                     WHERE inv.loan_contract_id IS NOT NULL AND cml.date > %(date)s
                     GROUP BY inv.id
                ), as_then AS (
                    SELECT i.id, i.date_due, c.id AS contract_id, i.collection_case_id, c.partner_id, c.company_id,
                           c.product_id, COALESCE(cc.office_user_id, c.office_user_id) AS office_user_id,
                           COALESCE(cc.field_user_id, c.field_user_id) AS field_user_id,
                           GREATEST(%(date)s - i.date_due, 0) AS days, COALESCE(c.overdue_rate, 0) AS rate,
                           CASE WHEN i.state = 'open' THEN i.residual ELSE 0 END + COALESCE(p.amount, 0) AS amount
                      FROM account_invoice i
                      JOIN loan_contract c ON c.id = i.loan_contract_id
                      LEFT JOIN collection_case cc ON cc.id = i.collection_case_id
                      LEFT JOIN paid_after p ON p.invoice_id = i.id
                     WHERE i.type = 'out_invoice' AND i.state IN ('open', 'paid') AND i.date_due IS NOT NULL
                       AND c.date_disbursed <= %(date)s
                )
                INSERT INTO collection_snapshot
                       (date, invoice_id, contract_id, case_id, partner_id, company_id, product_id,
                        office_user_id, field_user_id, days_overdue, aging_bucket, amount, penalty_interest,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(date)s, t.id, t.contract_id, t.collection_case_id, t.partner_id, t.company_id, t.product_id,
                       t.office_user_id, t.field_user_id, t.days,
                       (%(labels)s::varchar[])[width_bucket(%(date)s - t.date_due, %(thresholds)s::int[]) + 1],
                       round(t.amount, 2), round(t.amount * t.rate / 100.0 * t.days / 360.0, 2),
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM as_then t
                 WHERE t.amount > 0.005
                ON CONFLICT (date, invoice_id) DO NOTHING
            """, {"date": date, "labels": labels, "thresholds": thresholds, "uid": self.env.uid})
            # As _take does on a month-end: that month's roll rates into the stored summary.
            self.env["collection.roll.rate.report"].sudo()._refresh(date)
        self.invalidate_cache()
        return month_ends
