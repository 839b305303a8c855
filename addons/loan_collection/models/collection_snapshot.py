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
