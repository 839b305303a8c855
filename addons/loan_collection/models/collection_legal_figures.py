# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools

LEGAL_FIGURE_KINDS = [
    ("stage", "Legal Stage"),
    ("claimed", "Claimed"),
    ("awarded", "Awarded"),
    ("cost", "Legal Cost Spent"),
]


class CollectionLegalFigures(models.Model):
    """The legal side of each collection case, as the finance reports read it (SQL view).

    This is the hook for loan_legal. One row per event of a collection case:

    - kind 'stage': the case's current legal stage (legal_stage; at most one row per case), dated
      when it was reached;
    - kind 'claimed' / 'awarded': the amount claimed (at filing) and awarded (at judgment);
    - kind 'cost': a legal cost spent (court, preservation, enforcement, lawyer fees), dated.

    Without loan_legal, a case transferred to the legal team has one 'stage' row ('transferred',
    dated on its transfer) and nothing else. loan_legal inherits this model, adds its stages to
    _legal_stage_selection and overrides _query() with the same columns read from legal.case and
    legal.cost; its install rebuilds the view, and the reconciliation and recovery-rate reports,
    which read it, pick its figures up.
    """
    _name = "collection.legal.figures"
    _description = "Legal Figures of Collection Cases"
    _auto = False
    _order = "case_id, date"

    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    date = fields.Date(readonly=True)
    kind = fields.Selection(LEGAL_FIGURE_KINDS, readonly=True)
    legal_stage = fields.Selection("_legal_stage_selection", string="Legal Stage", readonly=True)
    amount = fields.Float(readonly=True, digits=(16, 2))

    @api.model
    def _legal_stage_selection(self):
        """Legal stages a case can be in (loan_legal adds its own)."""
        return [("none", _("Not with the Legal Team")), ("transferred", _("Transferred to Legal"))]

    @api.model
    def _query(self):
        """SELECT with the columns id, case_id, date, kind, legal_stage, amount (no parameters)."""
        return """
            SELECT cc.id AS id, cc.id AS case_id, cc.date_closed AS date, 'stage'::varchar AS kind,
                   'transferred'::varchar AS legal_stage, 0::numeric AS amount
              FROM collection_case cc
             WHERE cc.stage = 'legal'
        """

    @api.model_cr
    def init(self):
        # CREATE OR REPLACE keeps the report views that read this one when loan_legal replaces it.
        self.env.cr.execute("CREATE OR REPLACE VIEW collection_legal_figures AS (%s)" % self._query())

    @api.model
    def _legal_pipeline_rows(self):
        """Rows of the legal pipeline report: dicts with stage (label), cases, value (amount owed),
        avg_days (average days in the stage so far) and deadlines_near (court deadlines within 7
        days). Without loan_legal: the cases transferred to the legal team, in one query.
        loan_legal overrides it with one row per legal stage."""
        self.env.cr.execute("""
            SELECT count(*), COALESCE(sum(cc.total_due), 0),
                   COALESCE(avg(CURRENT_DATE - COALESCE(cc.date_closed, cc.date_opened)), 0)
              FROM collection_case cc
             WHERE cc.stage = 'legal'
        """)
        cases, value, avg_days = self.env.cr.fetchone()
        return [{"stage": dict(self._legal_stage_selection())["transferred"], "cases": cases, "value": value,
                 "avg_days": round(float(avg_days), 1), "deadlines_near": 0}]


# What each case still owes today, from its installments (the case's own figures are refreshed by
# the daily run only while the case is open): overdue residuals, penalty interest not recovered,
# costs not recovered nor written off. Columns case_id, outstanding; for the cases still pursued.
CASE_OUTSTANDING_SQL = """
    SELECT cc.id AS case_id,
           COALESCE(inv.residual, 0) + COALESCE(inv.penalty, 0)
           + GREATEST(COALESCE(cc.fees_amount, 0) - COALESCE(cc.recovered_costs, 0)
                      - COALESCE(cc.written_off_costs, 0), 0) AS outstanding
      FROM collection_case cc
      LEFT JOIN (SELECT collection_case_id,
                        sum(residual) FILTER (WHERE state = 'open' AND date_due < CURRENT_DATE) AS residual,
                        sum(penalty_interest) FILTER (WHERE state IN ('open', 'paid')) AS penalty
                   FROM account_invoice
                  WHERE collection_case_id IS NOT NULL
                  GROUP BY collection_case_id) inv ON inv.collection_case_id = cc.id
     WHERE cc.stage IN ('new', 'contacting', 'notice', 'promised', 'legal')
"""


def create_report_view(cr, table, query):
    """(Re)create the SQL view of a report model."""
    tools.drop_view_if_exists(cr, table)
    cr.execute("CREATE VIEW %s AS (%s)" % (table, query))
