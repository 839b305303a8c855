# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models, tools

from .collection_aging_report import BUCKET_KEY_SQL, bucket_selection


class CollectionRollRateReport(models.Model):
    """Roll rates: where each contract's outstanding at one month-end stood at the next one.

    From the month-end snapshots, contract by contract: the contract's bucket is that of its most
    overdue open installment; 'Paid or Closed' when nothing was open any more at the next
    month-end. The roll rate from a bucket to another is the amount that moved divided by the
    amount in the first bucket (the XLSX export computes it; the pivot shows the amounts).

    A stored summary, one row per contract and pair of month-ends, written when a month-end
    snapshot is taken (collection.snapshot._take calls _refresh): a read no longer re-aggregates
    every snapshot ever taken (a view did, and it grew every month)."""
    _name = "collection.roll.rate.report"
    _description = "Roll Rate Report"
    _log_access = False
    _order = "date_from desc, bucket_from, bucket_to"
    _rec_name = "contract_id"

    date_from = fields.Date(string="Month-end", readonly=True, index=True)
    date_to = fields.Date(string="Next Month-end", readonly=True, index=True)
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True, index=True,
                                  ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    bucket_from = fields.Selection("_bucket_selection", string="From Bucket", readonly=True)
    bucket_to = fields.Selection("_bucket_to_selection", string="To Bucket", readonly=True)
    contract_count = fields.Integer(string="Contracts", readonly=True)
    amount_from = fields.Float(string="Amount at Month-end", readonly=True, digits=(16, 2))
    amount_to = fields.Float(string="Amount at Next Month-end", readonly=True, digits=(16, 2))

    _columns_sql = ("date_from, date_to, contract_id, partner_id, company_id, product_id, office_user_id, "
                    "bucket_from, bucket_to, contract_count, amount_from, amount_to")

    @api.model
    def _bucket_selection(self):
        return bucket_selection(self.env)

    @api.model
    def _bucket_to_selection(self):
        return bucket_selection(self.env) + [("closed", _("Paid or Closed"))]

    @api.model
    def _query(self, dates=False):
        """The roll-rate rows (columns in the order of _columns_sql) computed from the snapshots:
        all of them, or (`dates` true) those from the month-ends %(from_dates)s, reading only the
        snapshots of %(dates)s (those month-ends and the next ones)."""
        only = "WHERE s.date = ANY(%(dates)s)" if dates else ""
        return """
            WITH per_contract AS (
                SELECT s.date, s.contract_id, min(s.partner_id) AS partner_id, min(s.company_id) AS company_id,
                       min(s.product_id) AS product_id, min(s.office_user_id) AS office_user_id,
                       (array_agg(s.aging_bucket ORDER BY s.days_overdue DESC, s.id))[1] AS bucket,
                       sum(s.amount) AS amount
                  FROM collection_snapshot s {only}
                 GROUP BY s.date, s.contract_id
            ), month_ends AS (
                SELECT DISTINCT date FROM per_contract
            )
            SELECT f.date AS date_from, n.date AS date_to, f.contract_id, f.partner_id, f.company_id,
                   f.product_id, f.office_user_id, {bucket_from} AS bucket_from,
                   CASE WHEN t.contract_id IS NULL THEN 'closed' ELSE {bucket_to} END AS bucket_to,
                   1 AS contract_count, f.amount AS amount_from, COALESCE(t.amount, 0) AS amount_to
              FROM per_contract f
              JOIN month_ends n ON n.date = (date_trunc('month', f.date) + interval '2 month' - interval '1 day')::date
              LEFT JOIN per_contract t ON t.contract_id = f.contract_id AND t.date = n.date
             WHERE f.date = (date_trunc('month', f.date) + interval '1 month' - interval '1 day')::date
               {from_dates}
        """.format(bucket_from=BUCKET_KEY_SQL.format(col="f.bucket"), bucket_to=BUCKET_KEY_SQL.format(col="t.bucket"),
                   only=only, from_dates="AND f.date = ANY(%(from_dates)s)" if dates else "")

    @api.model_cr_context
    def _auto_init(self):
        # Until 11.0.x the report was an SQL view: the table takes its place.
        self.env.cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", (self._table,))
        row = self.env.cr.fetchone()
        if row and row[0] == "v":
            tools.drop_view_if_exists(self.env.cr, self._table)
        return super(CollectionRollRateReport, self)._auto_init()

    @api.model_cr
    def init(self):
        # A database that had snapshots before the summary existed: fill it once.
        cr = self.env.cr
        cr.execute("SELECT NOT EXISTS (SELECT 1 FROM collection_roll_rate_report) "
                   "AND EXISTS (SELECT 1 FROM collection_snapshot)")
        if cr.fetchone()[0]:
            cr.execute("INSERT INTO collection_roll_rate_report (%s) %s" % (self._columns_sql, self._query()))

    @api.model
    def _refresh(self, date):
        """Rewrite the rows of the month-end `date` (a date) in the summary: those from the
        previous month-end to it and those from it to the next one (when that was taken already,
        as in a re-run of an older month-end). Three statements whatever the portfolio size,
        reading the snapshots of three month-ends only."""
        previous = date.replace(day=1) - timedelta(days=1)
        following = (date.replace(day=28) + timedelta(days=4)).replace(day=1)
        following = (following.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        from_dates = [previous, date]
        cr = self.env.cr
        cr.execute("DELETE FROM collection_roll_rate_report WHERE date_from = ANY(%s)", (from_dates,))
        cr.execute("INSERT INTO collection_roll_rate_report (%s) %s" % (self._columns_sql, self._query(dates=True)),
                   {"dates": [previous, date, following], "from_dates": from_dates})
        self.invalidate_cache()

    @api.model
    def _matrix(self, records):
        """The roll-rate matrix of `records`: (from keys, to keys, {(from, to): amount},
        {from: total}) over the rows given."""
        cells, totals = {}, {}
        for row in records:
            key = (row.bucket_from, row.bucket_to)
            cells[key] = cells.get(key, 0.0) + row.amount_from
            totals[row.bucket_from] = totals.get(row.bucket_from, 0.0) + row.amount_from
        from_keys = [k for k, _label in self._bucket_selection() if k in totals]
        to_keys = [k for k, _label in self._bucket_to_selection() if any(key[1] == k for key in cells)]
        return from_keys, to_keys, cells, totals
