# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .collection_legal_figures import CASE_OUTSTANDING_SQL, create_report_view


class CollectionReconciliationReport(models.Model):
    """Finance's reconciliation of each case, per month (SQL view): claimed and awarded (from
    loan_legal through collection.legal.figures), recovered by source, other payments on the
    installments, legal costs spent and recovered, net recovery, written off, and what is still
    owed today (shown in the current month)."""
    _name = "collection.reconciliation.report"
    _description = "Recovery Reconciliation"
    _auto = False
    _order = "date desc, case_id"
    _rec_name = "case_id"

    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    claimed = fields.Float(readonly=True, digits=(16, 2))
    awarded = fields.Float(readonly=True, digits=(16, 2))
    recovered_debtor = fields.Float(string="From the Debtor", readonly=True, digits=(16, 2))
    recovered_guarantor = fields.Float(string="From Guarantors", readonly=True, digits=(16, 2))
    recovered_settlement = fields.Float(string="From Settlements", readonly=True, digits=(16, 2))
    recovered_court = fields.Float(string="From the Court", readonly=True, digits=(16, 2))
    other_payments = fields.Float(string="Other Payments", readonly=True, digits=(16, 2),
                                  help="Payments reconciled with the installments outside registered recoveries.")
    recovered = fields.Float(string="Recovered", readonly=True, digits=(16, 2))
    legal_costs_spent = fields.Float(string="Legal Costs Spent", readonly=True, digits=(16, 2))
    costs_recovered = fields.Float(string="Costs Recovered", readonly=True, digits=(16, 2))
    net_recovery = fields.Float(string="Net Recovery", readonly=True, digits=(16, 2),
                                help="Recovered less the legal costs spent.")
    written_off = fields.Float(string="Written Off", readonly=True, digits=(16, 2))
    outstanding = fields.Float(string="Still Owed", readonly=True, digits=(16, 2),
                               help="What the case owes today (in the current month's row).")

    @api.model
    def _query(self):
        return """
            SELECT row_number() OVER (ORDER BY e.month, e.case_id) AS id,
                   e.case_id, cc.contract_id, cc.partner_id, cc.company_id, e.month AS date,
                   sum(e.claimed) AS claimed, sum(e.awarded) AS awarded,
                   sum(e.debtor) AS recovered_debtor, sum(e.guarantor) AS recovered_guarantor,
                   sum(e.settlement) AS recovered_settlement, sum(e.court) AS recovered_court,
                   sum(e.other) AS other_payments,
                   sum(e.debtor + e.guarantor + e.settlement + e.court + e.other) AS recovered,
                   sum(e.costs_spent) AS legal_costs_spent, sum(e.costs_recovered) AS costs_recovered,
                   sum(e.debtor + e.guarantor + e.settlement + e.court + e.other - e.costs_spent) AS net_recovery,
                   sum(e.written_off) AS written_off, sum(e.outstanding) AS outstanding
              FROM (
                    SELECT r.case_id, date_trunc('month', r.date)::date AS month,
                           0::numeric AS claimed, 0::numeric AS awarded,
                           CASE WHEN r.source = 'debtor' THEN r.amount ELSE 0 END AS debtor,
                           CASE WHEN r.source = 'guarantor' THEN r.amount ELSE 0 END AS guarantor,
                           CASE WHEN r.source = 'settlement' THEN r.amount ELSE 0 END AS settlement,
                           CASE WHEN r.source = 'court' THEN r.amount ELSE 0 END AS court,
                           0::numeric AS other, 0::numeric AS costs_spent, r.amount_costs AS costs_recovered,
                           0::numeric AS written_off, 0::numeric AS outstanding
                      FROM collection_recovery r WHERE r.state = 'posted'
                    UNION ALL
                    -- Payments reconciled with a case's installments that are not registered recoveries
                    -- (nor write-off credit notes).
                    SELECT inv.collection_case_id, date_trunc('month', cml.date)::date, 0, 0, 0, 0, 0, 0,
                           apr.amount, 0, 0, 0, 0
                      FROM account_partial_reconcile apr
                      JOIN account_move_line dml ON dml.id = apr.debit_move_id
                      JOIN account_invoice inv ON inv.id = dml.invoice_id
                      JOIN account_move_line cml ON cml.id = apr.credit_move_id
                     WHERE inv.collection_case_id IS NOT NULL AND inv.loan_contract_id IS NOT NULL
                       AND cml.payment_id IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM collection_recovery r WHERE r.payment_id = cml.payment_id)
                    UNION ALL
                    SELECT f.case_id, date_trunc('month', f.date)::date,
                           CASE WHEN f.kind = 'claimed' THEN f.amount ELSE 0 END,
                           CASE WHEN f.kind = 'awarded' THEN f.amount ELSE 0 END, 0, 0, 0, 0, 0,
                           CASE WHEN f.kind = 'cost' THEN f.amount ELSE 0 END, 0, 0, 0
                      FROM collection_legal_figures f
                     WHERE f.kind IN ('claimed', 'awarded', 'cost') AND f.date IS NOT NULL
                    UNION ALL
                    SELECT w.case_id, date_trunc('month', w.date_approved)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           w.amount_total, 0
                      FROM collection_writeoff w WHERE w.state = 'approved'
                    UNION ALL
                    SELECT o.case_id, date_trunc('month', CURRENT_DATE)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           o.outstanding
                      FROM ({outstanding}) o
                     WHERE o.outstanding > 0
                   ) e
              JOIN collection_case cc ON cc.id = e.case_id
             GROUP BY e.case_id, cc.contract_id, cc.partner_id, cc.company_id, e.month
        """.format(outstanding=CASE_OUTSTANDING_SQL)

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
