# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .collection_legal_figures import create_report_view


class CollectionPerformanceReport(models.Model):
    """Collector performance per month: contacts logged, right-party contacts, promises made and
    kept, and the amount recovered on the collector's cases (SQL view).

    A contact that was corrected counts once (its correction is the one counted). A recovery counts
    for both the office and the field collector of its case. Months are China time."""
    _name = "collection.performance.report"
    _description = "Collector Performance"
    _auto = False
    _order = "date desc, amount_recovered desc"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Collector", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    contact_count = fields.Integer(string="Contacts", readonly=True)
    rpc_count = fields.Integer(string="Right-party Contacts", readonly=True)
    promise_count = fields.Integer(string="Promises Made", readonly=True)
    promise_kept_count = fields.Integer(string="Promises Kept", readonly=True)
    amount_promised = fields.Float(string="Amount Promised", readonly=True, digits=(16, 2))
    amount_recovered = fields.Float(string="Amount Recovered", readonly=True, digits=(16, 2))

    @api.model
    def _query(self):
        return """
            SELECT row_number() OVER (ORDER BY e.month, e.user_id, e.company_id) AS id,
                   e.user_id, e.company_id, e.month AS date,
                   sum(e.contacts) AS contact_count, sum(e.rpc) AS rpc_count,
                   sum(e.promises) AS promise_count, sum(e.kept) AS promise_kept_count,
                   sum(e.promised) AS amount_promised, sum(e.recovered) AS amount_recovered
              FROM (
                    SELECT l.user_id, cc.company_id,
                           date_trunc('month', (l.date AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date AS month,
                           1 AS contacts, CASE WHEN l.outcome = 'rpc' THEN 1 ELSE 0 END AS rpc,
                           0 AS promises, 0 AS kept, 0::numeric AS promised, 0::numeric AS recovered
                      FROM collection_contact_log l
                      JOIN collection_case cc ON cc.id = l.case_id
                     WHERE NOT EXISTS (SELECT 1 FROM collection_contact_log n WHERE n.correction_of_id = l.id)
                    UNION ALL
                    SELECT p.user_id, cc.company_id, date_trunc('month', p.date_made)::date,
                           0, 0, 1, CASE WHEN p.state = 'kept' THEN 1 ELSE 0 END, p.amount, 0
                      FROM collection_promise p
                      JOIN collection_case cc ON cc.id = p.case_id
                    UNION ALL
                    SELECT u.user_id, r.company_id, date_trunc('month', r.date)::date, 0, 0, 0, 0, 0, r.amount
                      FROM collection_recovery r
                      JOIN collection_case cc ON cc.id = r.case_id
                      CROSS JOIN LATERAL (SELECT cc.office_user_id AS user_id
                                          UNION
                                          SELECT cc.field_user_id) u
                     WHERE r.state = 'posted' AND u.user_id IS NOT NULL
                   ) e
             WHERE e.user_id IS NOT NULL
             GROUP BY e.user_id, e.company_id, e.month
        """

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
