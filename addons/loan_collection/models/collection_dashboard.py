# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html_escape

from .collection_aging_report import BUCKET_KEY_SQL, bucket_selection
from .collection_case_finance import FINANCE_GROUP, MANAGER_GROUP
from .res_company import business_today


class CollectionDashboard(models.TransientModel):
    """The manager's headline figures for today, each from one set-based query."""
    _name = "collection.dashboard"
    _description = "Collection Dashboard"

    date = fields.Date(default=business_today, readonly=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    open_case_count = fields.Integer(string="Open Cases", compute="_compute_figures")
    total_overdue = fields.Monetary(string="Total Overdue", compute="_compute_figures")
    legal_case_count = fields.Integer(string="Cases with the Legal Team", compute="_compute_figures")
    tasks_done = fields.Integer(string="Today's Tasks Done", compute="_compute_figures")
    tasks_open = fields.Integer(string="Today's Tasks Open", compute="_compute_figures")
    promises_due_count = fields.Integer(string="Promises Due Today", compute="_compute_figures")
    promises_due_amount = fields.Monetary(string="Amount Promised for Today", compute="_compute_figures")
    recovered_month = fields.Monetary(string="Recovered This Month", compute="_compute_figures")
    broken_promise_count = fields.Integer(string="Promises Broken This Month", compute="_compute_figures")
    writeoff_pending_count = fields.Integer(string="Write-offs to Approve", compute="_compute_figures")
    bucket_html = fields.Html(string="Overdue by Bucket", compute="_compute_figures", sanitize=False)

    @api.depends("date")
    def _compute_figures(self):
        # The figures are read in SQL, past record rules: only for the roles that see every case.
        if not (self.env.user.has_group(MANAGER_GROUP) or self.env.user.has_group(FINANCE_GROUP)):
            raise AccessError(_("The collection dashboard is for collection managers and finance."))
        cr = self.env.cr
        for board in self:
            date = board.date or business_today(self)
            month_start = date[:8] + "01"
            company = board.company_id.id or self.env.user.company_id.id
            cr.execute("""
                SELECT count(*) FILTER (WHERE is_open), COALESCE(sum(total_due) FILTER (WHERE is_open), 0),
                       count(*) FILTER (WHERE stage = 'legal')
                  FROM collection_case WHERE company_id = %s
            """, (company,))
            board.open_case_count, board.total_overdue, board.legal_case_count = cr.fetchone()
            cr.execute("""
                SELECT count(*) FILTER (WHERE t.state = 'done'), count(*) FILTER (WHERE t.state = 'todo')
                  FROM collection_task t JOIN loan_contract c ON c.id = t.contract_id
                 WHERE t.task_date = %s AND c.company_id = %s
            """, (date, company))
            board.tasks_done, board.tasks_open = cr.fetchone()
            cr.execute("""
                SELECT count(*) FILTER (WHERE p.date_promised = %(date)s),
                       COALESCE(sum(p.amount) FILTER (WHERE p.date_promised = %(date)s), 0),
                       count(*) FILTER (WHERE p.state = 'broken' AND p.date_checked BETWEEN %(start)s AND %(date)s)
                  FROM collection_promise p JOIN collection_case cc ON cc.id = p.case_id
                 WHERE cc.company_id = %(company)s
                   AND (p.date_promised = %(date)s OR p.state = 'broken')
            """, {"date": date, "start": month_start, "company": company})
            board.promises_due_count, board.promises_due_amount, board.broken_promise_count = cr.fetchone()
            cr.execute("""
                SELECT COALESCE(sum(amount), 0) FROM collection_recovery
                 WHERE state = 'posted' AND date BETWEEN %s AND %s AND company_id = %s
            """, (month_start, date, company))
            board.recovered_month = cr.fetchone()[0]
            cr.execute("""
                SELECT count(*) FROM collection_writeoff w JOIN collection_case cc ON cc.id = w.case_id
                 WHERE w.state = 'requested' AND cc.company_id = %s
            """, (company,))
            board.writeoff_pending_count = cr.fetchone()[0]
            cr.execute("""
                SELECT {key}, count(*), COALESCE(sum(total_due), 0) FROM collection_case
                 WHERE is_open AND company_id = %s GROUP BY 1
            """.format(key=BUCKET_KEY_SQL.format(col="aging_bucket")), (company,))
            by_bucket = {key: (count, amount) for key, count, amount in cr.fetchall()}
            rows = "".join(
                "<tr><td>%s</td><td class='text-right'>%d</td><td class='text-right'>%s</td></tr>" % (
                    html_escape(label), by_bucket[key][0], "{:,.2f}".format(by_bucket[key][1]))
                for key, label in bucket_selection(self.env) if key in by_bucket)
            board.bucket_html = (
                "<table class='table table-condensed'><thead><tr><th>%s</th><th class='text-right'>%s</th>"
                "<th class='text-right'>%s</th></tr></thead><tbody>%s</tbody></table>" % (
                    html_escape(_("Aging Bucket")), html_escape(_("Cases")), html_escape(_("Total Due")), rows))

    @api.model
    def action_open(self):
        """Today's dashboard (collection managers and finance)."""
        if not (self.env.user.has_group(MANAGER_GROUP) or self.env.user.has_group(FINANCE_GROUP)):
            raise AccessError(_("The collection dashboard is for collection managers and finance."))
        board = self.create({})
        return {
            "type": "ir.actions.act_window", "name": _("Collection Dashboard"), "res_model": self._name,
            "res_id": board.id, "view_mode": "form", "target": "current",
            "views": [(self.env.ref("loan_collection.collection_dashboard_view_form").id, "form")],
        }

    @api.multi
    def action_refresh(self):
        return self.action_open()

    @api.multi
    def name_get(self):
        return [(dashboard.id, _("Collection Dashboard")) for dashboard in self]
