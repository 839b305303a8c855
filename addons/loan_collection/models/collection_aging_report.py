# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..services import aging
from .collection_legal_figures import create_report_view

# The bucket labels written by the daily run ('current', '1-3', ..., '90+') as sortable keys
# ('b000', 'b001', ..., 'b090'): reports group and sort on them in bucket order.
BUCKET_KEY_SQL = """(CASE WHEN {col} IS NULL OR {col} = 'current' THEN 'b000'
                          ELSE 'b' || lpad(substring({col} from '^[0-9]+'), 3, '0') END)"""


def bucket_key(label):
    """The sortable key of a bucket label, as BUCKET_KEY_SQL computes it."""
    if not label or label == "current":
        return "b000"
    digits = ""
    for char in label:
        if not char.isdigit():
            break
        digits += char
    return "b" + digits.zfill(3)


def bucket_selection(env):
    """(key, label) of the configured buckets, in order."""
    edges = env["collection.run"]._bucket_edges()
    # Odoo 11's _() finds the language and the cursor in its caller's locals `context` and `cr`
    # (there is no `self` here, and a comprehension has a frame of its own): without them the
    # label stayed "Current" for a Chinese reader.
    context, cr = env.context, env.cr  # noqa: F841 (read by _)
    current = _("Current")
    return [(bucket_key(label), current if label == "current" else label)
            for label in aging.bucket_labels(edges)]


class CollectionAgingReport(models.Model):
    """Open installments by aging bucket, collector, product and company (SQL view)."""
    _name = "collection.aging.report"
    _description = "Aging Report"
    _auto = False
    _order = "bucket desc, amount desc"
    _rec_name = "invoice_id"

    invoice_id = fields.Many2one("account.invoice", string="Installment", readonly=True)
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True)
    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    field_user_id = fields.Many2one("res.users", string="Field Collector", readonly=True)
    bucket = fields.Selection("_bucket_selection", string="Aging Bucket", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(string="Days Overdue", readonly=True, group_operator="max")
    installment_count = fields.Integer(string="Installments", readonly=True)
    amount = fields.Float(string="Outstanding", readonly=True, digits=(16, 2))
    principal = fields.Float(string="Principal", readonly=True, digits=(16, 2))
    interest = fields.Float(string="Interest", readonly=True, digits=(16, 2))
    penalty_interest = fields.Float(string="Penalty Interest", readonly=True, digits=(16, 2))

    @api.model
    def _bucket_selection(self):
        return bucket_selection(self.env)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Group from the maintained summary (collection.aging.summary) when it holds everything
        asked for: a few rows per contract instead of one per open installment (issue 14)."""
        summary = self.env["collection.aging.summary"]
        if self.env.context.get("aging_from_installments") or not summary._can_answer(domain, fields, groupby):
            return super(CollectionAgingReport, self).read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        return summary._read_group_as_report(domain, fields, groupby, offset, limit, orderby, lazy)

    @api.model
    def _query(self):
        return """
            SELECT i.id AS id, i.id AS invoice_id, c.id AS contract_id, i.collection_case_id AS case_id,
                   c.partner_id, c.company_id, c.product_id,
                   COALESCE(cc.office_user_id, c.office_user_id) AS office_user_id,
                   COALESCE(cc.field_user_id, c.field_user_id) AS field_user_id,
                   {bucket} AS bucket, i.date_due, GREATEST(COALESCE(i.days_overdue, 0), 0) AS days_overdue,
                   1 AS installment_count, i.residual AS amount,
                   LEAST(i.residual, COALESCE(NULLIF(i.principal_amount, 0), i.amount_total)) AS principal,
                   GREATEST(i.residual - COALESCE(NULLIF(i.principal_amount, 0), i.amount_total), 0) AS interest,
                   COALESCE(i.penalty_interest, 0) AS penalty_interest
              FROM account_invoice i
              JOIN loan_contract c ON c.id = i.loan_contract_id
              LEFT JOIN collection_case cc ON cc.id = i.collection_case_id
             WHERE i.state = 'open' AND i.type = 'out_invoice' AND i.residual > 0
        """.format(bucket=BUCKET_KEY_SQL.format(col="i.aging_bucket"))

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
        # It was an index-only scan of a partial index holding the view's columns; that index held
        # the columns the daily run rewrites every day (days, bucket, penalty), so no update of an
        # overdue installment could be HOT. The open installments are now found through the
        # narrow partial index on their contract (account_invoice.py), and the report's groupings
        # mostly read the aging summary (collection_aging_summary.py).
        self.env.cr.execute("DROP INDEX IF EXISTS account_invoice_open_aging_index")
