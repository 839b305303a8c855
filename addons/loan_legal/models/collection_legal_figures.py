# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The legal side of the finance reports: what loan_collection's collection.legal.figures reads
(claimed, awarded, legal costs spent, the legal stage) comes from the legal cases."""
from odoo import api, fields, models

from .legal_case import STAGES

# The day each stage was reached, as far as the case's dates tell (the latest that is set).
STAGE_DATE_SQL = """GREATEST(lc.closing_date, lc.enforcement_date, lc.effective_date, lc.appeal_date,
                             lc.judgment_date, lc.filing_date, lc.create_date::date)"""


class CollectionLegalFigures(models.Model):
    _inherit = "collection.legal.figures"

    @api.model
    def _legal_stage_selection(self):
        return super(CollectionLegalFigures, self)._legal_stage_selection() + [
            (key, label) for key, label in self.env["legal.case"]._fields["stage"]._description_selection(self.env)]

    @api.model
    def _query(self):
        # Same columns and types as loan_collection's view (CREATE OR REPLACE keeps the reports
        # built on it); ids made unique across the four kinds of rows.
        return """
            SELECT (row_number() OVER ())::int AS id, f.case_id, f.date, f.kind, f.legal_stage, f.amount
              FROM (
                SELECT lc.collection_case_id AS case_id, %(stage_date)s AS date, 'stage'::varchar AS kind,
                       lc.stage::varchar AS legal_stage, 0::numeric AS amount
                  FROM legal_case lc WHERE lc.collection_case_id IS NOT NULL
                UNION ALL
                SELECT lc.collection_case_id, COALESCE(lc.filing_date, lc.claim_date), 'claimed', lc.stage,
                       COALESCE(lc.claim_total, 0)::numeric
                  FROM legal_case lc WHERE lc.collection_case_id IS NOT NULL
                UNION ALL
                SELECT lc.collection_case_id, lc.judgment_date, 'awarded', lc.stage,
                       COALESCE(lc.awarded_total, 0)::numeric
                  FROM legal_case lc WHERE lc.collection_case_id IS NOT NULL AND lc.judgment_date IS NOT NULL
                UNION ALL
                SELECT lc.collection_case_id, c.date, 'cost', lc.stage, c.amount::numeric
                  FROM legal_cost c JOIN legal_case lc ON lc.id = c.case_id
                 WHERE lc.collection_case_id IS NOT NULL
              ) f
        """ % {"stage_date": STAGE_DATE_SQL}

    @api.model
    def _legal_pipeline_rows(self):
        """One row per legal stage: cases, value claimed, average days since the stage was
        reached, open court deadlines within 7 days (one query)."""
        self.env.cr.execute("""
            SELECT lc.stage, count(*), COALESCE(sum(lc.claim_total), 0),
                   COALESCE(avg(CURRENT_DATE - %s), 0),
                   COALESCE(sum((SELECT count(*) FROM legal_deadline d
                                  WHERE d.case_id = lc.id AND d.state = 'open'
                                    AND d.date <= CURRENT_DATE + 7)), 0)
              FROM legal_case lc
             GROUP BY lc.stage
        """ % STAGE_DATE_SQL)
        rows = {stage: (cases, value, avg_days, near) for stage, cases, value, avg_days, near in self.env.cr.fetchall()}
        labels = dict(self.env["legal.case"]._fields["stage"]._description_selection(self.env))
        return [{"stage": labels[key], "cases": rows[key][0], "value": rows[key][1],
                 "avg_days": round(float(rows[key][2]), 1), "deadlines_near": int(rows[key][3])}
                for key, _label in STAGES if key in rows]


class CollectionCase(models.Model):
    _inherit = "collection.case"

    @api.multi
    def _current_legal_stage(self):
        """The stage of the case's latest legal case (kept on each recovery)."""
        self.ensure_one()
        legal_case = self.env["legal.case"].sudo().search([("collection_case_id", "=", self.id)],
                                                          order="id desc", limit=1)
        return legal_case.stage if legal_case else super(CollectionCase, self)._current_legal_stage()

    @api.multi
    def _legal_case_reference(self):
        """The court case number of the latest legal case: enforcement, appeal or first instance."""
        self.ensure_one()
        legal_case = self.env["legal.case"].sudo().search([("collection_case_id", "=", self.id)],
                                                          order="id desc", limit=1)
        number = legal_case.enforcement_case_number or legal_case.appeal_case_number or legal_case.case_number
        return number or super(CollectionCase, self)._legal_case_reference()
