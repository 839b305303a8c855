# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .collection_legal_figures import CASE_OUTSTANDING_SQL, create_report_view


def _legal_stage_selection(self):
    return self.env["collection.legal.figures"]._legal_stage_selection()


class CollectionRecoveryRateReport(models.Model):
    """Recovery rate per case, to group by channel and legal stage (SQL view).

    Exposure = recovered + still owed + written off. The recovery rate of a group is its recovered
    amount over its exposure (the XLSX export computes it per group; the pivot shows both sums).
    Recovered is split by source (debtor, guarantor, settlement, court); the channel is the case's
    last contact channel, the legal stage comes from collection.legal.figures (loan_legal)."""
    _name = "collection.recovery.rate.report"
    _description = "Recovery Rate"
    _auto = False
    _order = "exposure desc"
    _rec_name = "case_id"

    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    stage = fields.Selection(lambda self: self.env["collection.case"]._fields["stage"]._description_selection(self.env),
                             string="Case Stage", readonly=True)
    last_channel = fields.Selection("_channel_selection", string="Last Contact Channel", readonly=True)
    legal_stage = fields.Selection(_legal_stage_selection, string="Legal Stage", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)
    recovered_debtor = fields.Float(string="From the Debtor", readonly=True, digits=(16, 2))
    recovered_guarantor = fields.Float(string="From Guarantors", readonly=True, digits=(16, 2))
    recovered_settlement = fields.Float(string="From Settlements", readonly=True, digits=(16, 2))
    recovered_court = fields.Float(string="From the Court", readonly=True, digits=(16, 2))
    recovered = fields.Float(string="Recovered", readonly=True, digits=(16, 2))
    outstanding = fields.Float(string="Still Owed", readonly=True, digits=(16, 2))
    written_off = fields.Float(string="Written Off", readonly=True, digits=(16, 2))
    exposure = fields.Float(string="Exposure", readonly=True, digits=(16, 2))
    recovery_rate = fields.Float(string="Recovery Rate (%)", readonly=True, digits=(16, 1), group_operator="avg",
                                 help="Of the case; grouped, the average of the cases' rates.")

    @api.model
    def _channel_selection(self):
        # The contact log's labels in the reader's language (a selection given as a method is not
        # translated by Odoo 11: the pivot showed "Phone" / "Visit" to a Chinese reader).
        channels = self.env["collection.contact.log"]._fields["channel"]._description_selection(self.env)
        return channels + [("none", _("No Contact"))]

    @api.model
    def _query(self):
        return """
            SELECT cc.id AS id, cc.id AS case_id, cc.partner_id, cc.company_id, cc.product_id, cc.office_user_id,
                   cc.stage, COALESCE(lc.channel, 'none') AS last_channel,
                   COALESCE(lf.legal_stage, 'none') AS legal_stage, 1 AS case_count,
                   COALESCE(r.debtor, 0) AS recovered_debtor, COALESCE(r.guarantor, 0) AS recovered_guarantor,
                   COALESCE(r.settlement, 0) AS recovered_settlement, COALESCE(r.court, 0) AS recovered_court,
                   COALESCE(r.total, 0) AS recovered, o.outstanding,
                   COALESCE(cc.written_off_amount, 0) AS written_off,
                   COALESCE(r.total, 0) + o.outstanding + COALESCE(cc.written_off_amount, 0) AS exposure,
                   CASE WHEN COALESCE(r.total, 0) + o.outstanding + COALESCE(cc.written_off_amount, 0) > 0
                        THEN round(100 * COALESCE(r.total, 0)
                                   / (COALESCE(r.total, 0) + o.outstanding + COALESCE(cc.written_off_amount, 0)), 1)
                        ELSE 0 END AS recovery_rate
              FROM collection_case cc
              LEFT JOIN ({outstanding}) o_ ON o_.case_id = cc.id
              CROSS JOIN LATERAL (SELECT COALESCE(o_.outstanding, 0) AS outstanding) o
              LEFT JOIN (SELECT case_id,
                                sum(amount) FILTER (WHERE source = 'debtor') AS debtor,
                                sum(amount) FILTER (WHERE source = 'guarantor') AS guarantor,
                                sum(amount) FILTER (WHERE source = 'settlement') AS settlement,
                                sum(amount) FILTER (WHERE source = 'court') AS court,
                                sum(amount) AS total
                           FROM collection_recovery WHERE state = 'posted' GROUP BY case_id) r ON r.case_id = cc.id
              LEFT JOIN (SELECT DISTINCT ON (case_id) case_id, channel
                           FROM collection_contact_log ORDER BY case_id, date DESC, id DESC) lc ON lc.case_id = cc.id
              LEFT JOIN (SELECT DISTINCT ON (case_id) case_id, legal_stage
                           FROM collection_legal_figures WHERE kind = 'stage'
                          ORDER BY case_id, date DESC NULLS LAST) lf ON lf.case_id = cc.id
             WHERE cc.stage <> 'new' OR r.total IS NOT NULL OR cc.total_due > 0
        """.format(outstanding=CASE_OUTSTANDING_SQL)

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
