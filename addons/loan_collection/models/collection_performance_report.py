# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..services import performance
from .collection_legal_figures import create_report_view


class CollectionPerformanceReport(models.Model):
    """Collector performance per month: contacts logged, right-party contacts, promises made and
    kept, and the recoveries credited to the collector (SQL view).

    A contact that was corrected counts once (its correction is the one counted). A right-party
    contact and the collector a recovery is credited to follow services/performance.py: each
    recovery is credited whole to one collector (the last right-party contact on the case in the 30
    days up to it, else the case's office collector, else its field collector), so the collectors'
    amounts add up to what was recovered; a recovery on a case with no collector is a row without
    one. Months are China time."""
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
    recovery_count = fields.Integer(string="Recoveries Credited", readonly=True)
    amount_recovered = fields.Float(string="Amount Recovered", readonly=True, digits=(16, 2),
                                    help="The recoveries credited to the collector: each recovery counts once, for "
                                         "the collector of the last right-party contact on the case in the 30 days "
                                         "up to it, else for the case's office collector.")

    @api.model
    def _query(self):
        # The right-party-contact rule is written from the constants of services/performance.py.
        local_day = "((l.date AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date"
        return """
            SELECT row_number() OVER (ORDER BY e.month, e.user_id, e.company_id) AS id,
                   e.user_id, e.company_id, e.month AS date,
                   sum(e.contacts) AS contact_count, sum(e.rpc) AS rpc_count,
                   sum(e.promises) AS promise_count, sum(e.kept) AS promise_kept_count,
                   sum(e.promised) AS amount_promised, sum(e.recoveries) AS recovery_count,
                   sum(e.recovered) AS amount_recovered
              FROM (
                    SELECT l.user_id, cc.company_id, date_trunc('month', {local_day})::date AS month,
                           1 AS contacts, CASE WHEN {rpc} THEN 1 ELSE 0 END AS rpc,
                           0 AS promises, 0 AS kept, 0::numeric AS promised, 0 AS recoveries,
                           0::numeric AS recovered
                      FROM collection_contact_log l
                      JOIN collection_case cc ON cc.id = l.case_id
                     WHERE NOT EXISTS (SELECT 1 FROM collection_contact_log n WHERE n.correction_of_id = l.id)
                    UNION ALL
                    SELECT p.user_id, cc.company_id, date_trunc('month', p.date_made)::date,
                           0, 0, 1, CASE WHEN p.state = 'kept' THEN 1 ELSE 0 END, p.amount, 0, 0
                      FROM collection_promise p
                      JOIN collection_case cc ON cc.id = p.case_id
                     WHERE p.user_id IS NOT NULL
                    UNION ALL
                    SELECT COALESCE(last_rpc.user_id, cc.office_user_id, cc.field_user_id), r.company_id,
                           date_trunc('month', r.date)::date, 0, 0, 0, 0, 0, 1, r.amount
                      FROM collection_recovery r
                      JOIN collection_case cc ON cc.id = r.case_id
                      LEFT JOIN LATERAL (
                            SELECT l.user_id FROM collection_contact_log l
                             WHERE l.case_id = r.case_id AND {rpc}
                               AND {local_day} BETWEEN r.date - {days} AND r.date
                               AND NOT EXISTS (SELECT 1 FROM collection_contact_log n WHERE n.correction_of_id = l.id)
                             ORDER BY l.date DESC, l.id DESC LIMIT 1) last_rpc ON true
                     WHERE r.state = 'posted'
                   ) e
             GROUP BY e.user_id, e.company_id, e.month
        """.format(local_day=local_day, rpc=performance.rpc_sql("l"), days=int(performance.ATTRIBUTION_DAYS))

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
