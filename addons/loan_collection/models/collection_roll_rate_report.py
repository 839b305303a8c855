# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .collection_aging_report import BUCKET_KEY_SQL, bucket_selection
from .collection_legal_figures import create_report_view


class CollectionRollRateReport(models.Model):
    """Roll rates: where each contract's outstanding at one month-end stood at the next one.

    From the month-end snapshots, contract by contract: the contract's bucket is that of its most
    overdue open installment; 'Paid or Closed' when nothing was open any more at the next
    month-end. The roll rate from a bucket to another is the amount that moved divided by the
    amount in the first bucket (the XLSX export computes it; the pivot shows the amounts)."""
    _name = "collection.roll.rate.report"
    _description = "Roll Rate Report"
    _auto = False
    _order = "date_from desc, bucket_from, bucket_to"
    _rec_name = "contract_id"

    date_from = fields.Date(string="Month-end", readonly=True)
    date_to = fields.Date(string="Next Month-end", readonly=True)
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    bucket_from = fields.Selection("_bucket_selection", string="From Bucket", readonly=True)
    bucket_to = fields.Selection("_bucket_to_selection", string="To Bucket", readonly=True)
    contract_count = fields.Integer(string="Contracts", readonly=True)
    amount_from = fields.Float(string="Amount at Month-end", readonly=True, digits=(16, 2))
    amount_to = fields.Float(string="Amount at Next Month-end", readonly=True, digits=(16, 2))

    @api.model
    def _bucket_selection(self):
        return bucket_selection(self.env)

    @api.model
    def _bucket_to_selection(self):
        return bucket_selection(self.env) + [("closed", _("Paid or Closed"))]

    @api.model
    def _query(self):
        return """
            WITH per_contract AS (
                SELECT s.date, s.contract_id, min(s.partner_id) AS partner_id, min(s.company_id) AS company_id,
                       min(s.product_id) AS product_id, min(s.office_user_id) AS office_user_id,
                       (array_agg(s.aging_bucket ORDER BY s.days_overdue DESC, s.id))[1] AS bucket,
                       sum(s.amount) AS amount
                  FROM collection_snapshot s
                 GROUP BY s.date, s.contract_id
            ), month_ends AS (
                SELECT DISTINCT date FROM collection_snapshot
            )
            SELECT row_number() OVER (ORDER BY f.date, f.contract_id) AS id,
                   f.date AS date_from, n.date AS date_to, f.contract_id, f.partner_id, f.company_id,
                   f.product_id, f.office_user_id, {bucket_from} AS bucket_from,
                   CASE WHEN t.contract_id IS NULL THEN 'closed' ELSE {bucket_to} END AS bucket_to,
                   1 AS contract_count, f.amount AS amount_from, COALESCE(t.amount, 0) AS amount_to
              FROM per_contract f
              JOIN month_ends n ON n.date = (date_trunc('month', f.date) + interval '2 month' - interval '1 day')::date
              LEFT JOIN per_contract t ON t.contract_id = f.contract_id AND t.date = n.date
             WHERE f.date = (date_trunc('month', f.date) + interval '1 month' - interval '1 day')::date
        """.format(bucket_from=BUCKET_KEY_SQL.format(col="f.bucket"), bucket_to=BUCKET_KEY_SQL.format(col="t.bucket"))

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())

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
