# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The proof that the bank and the books agree, per bank account and day (SQL view, issue 17).

For each bank journal with an imported statement and each day:

* the bank: money in and out on the statement, and what of it is not booked yet (lines not
  reconciled: incoming lines waiting in the queue, fees and other money out);
* the recoveries registered from the day's bank lines, and the money-in lines still waiting;
* the books: the day's net movement of the journal's bank account (its items from every journal),
  and the part of it booked with no bank line (a recovery registered by hand on the bank journal, a
  manual entry): shown in its own column, which the month-end reads against the bank, not hidden
  in the difference;
* difference = (bank net − not booked) − (books net − booked without a bank line): what the bank
  booked and what the books took from its lines must be the same money on the same day; a line
  booked on another day, or for another amount, shows here.

Grouped by month (the list's Month grouping), the same columns are the month-end proof. The
recoveries registered without a bank line and why (their note) are listed from the Recoveries
menu with the filter "Without a Bank Line".
"""
from odoo import api, fields, models

from .collection_legal_figures import create_report_view


class LoanBankReconciliation(models.Model):
    _name = "loan.bank.reconciliation"
    _description = "Bank Reconciliation"
    _auto = False
    _order = "date desc, journal_id"
    _rec_name = "date"

    journal_id = fields.Many2one("account.journal", string="Bank Account", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(readonly=True)
    bank_in = fields.Float(string="Bank: Money In", readonly=True, digits=(16, 2))
    bank_out = fields.Float(string="Bank: Money Out", readonly=True, digits=(16, 2))
    registered = fields.Float(string="Recoveries from Bank Lines", readonly=True, digits=(16, 2))
    waiting = fields.Float(string="Money In Waiting", readonly=True, digits=(16, 2),
                           help="Incoming lines not registered yet: suggested, ambiguous or unmatched.")
    reversed_out = fields.Float(string="Reversed by the Bank", readonly=True, digits=(16, 2))
    refunded_out = fields.Float(string="Excess Refunded", readonly=True, digits=(16, 2))
    unbooked = fields.Float(string="Bank Lines Not Booked", readonly=True, digits=(16, 2),
                            help="The net of the day's lines not reconciled with an entry of the books.")
    ledger_net = fields.Float(string="Books: Bank Account Net", readonly=True, digits=(16, 2))
    ledger_without_line = fields.Float(string="Books: Without a Bank Line", readonly=True, digits=(16, 2),
                                       help="Entries on the bank account with no bank line, e.g. a recovery "
                                            "registered by hand on the bank journal.")
    difference = fields.Float(readonly=True, digits=(16, 2),
                              help="(Bank net − not booked) − (books net − without a bank line): 0 when the "
                                   "money the books took from the bank is the money the bank booked.")

    @api.model
    def _query(self):
        return """
            WITH bank AS (
                SELECT l.journal_id, l.date,
                       COALESCE(sum(l.amount) FILTER (WHERE l.amount > 0), 0) AS bank_in,
                       COALESCE(-sum(l.amount) FILTER (WHERE l.amount < 0), 0) AS bank_out,
                       COALESCE(sum(l.amount) FILTER (
                           WHERE l.amount > 0 AND l.loan_match_state IN ('suggested', 'ambiguous', 'unmatched')
                             AND NOT EXISTS (SELECT 1 FROM account_move_line ml WHERE ml.statement_line_id = l.id)), 0)
                           AS waiting,
                       COALESCE(-sum(l.amount) FILTER (WHERE l.loan_match_state = 'reversed'), 0) AS reversed_out,
                       COALESCE(-sum(l.amount) FILTER (WHERE l.loan_match_state = 'refunded'), 0) AS refunded_out,
                       COALESCE(sum(l.amount) FILTER (WHERE NOT EXISTS (
                           SELECT 1 FROM account_move_line ml WHERE ml.statement_line_id = l.id)), 0) AS unbooked
                  FROM account_bank_statement_line l
                 WHERE l.loan_match_state IS NOT NULL
                 GROUP BY l.journal_id, l.date
            ), registered AS (
                SELECT l.journal_id, l.date, sum(r.amount) AS registered
                  FROM collection_recovery r JOIN account_bank_statement_line l ON l.id = r.bank_line_id
                 GROUP BY l.journal_id, l.date
            ), ledger AS (
                SELECT j.id AS journal_id, ml.date, sum(ml.debit - ml.credit) AS ledger_net,
                       COALESCE(sum(ml.debit - ml.credit) FILTER (WHERE ml.statement_line_id IS NULL), 0)
                           AS ledger_without_line
                  FROM account_journal j
                  -- the bank account's items from every journal (a manual entry on it counts too)
                  JOIN account_move_line ml ON ml.account_id IN (j.default_debit_account_id, j.default_credit_account_id)
                  JOIN account_move m ON m.id = ml.move_id AND m.state = 'posted'
                 WHERE j.id IN (SELECT DISTINCT journal_id FROM bank)
                 GROUP BY j.id, ml.date
            ), day AS (
                SELECT journal_id, date FROM bank UNION SELECT journal_id, date FROM ledger
            )
            SELECT row_number() OVER (ORDER BY d.date, d.journal_id) AS id, d.journal_id, j.company_id, d.date,
                   COALESCE(b.bank_in, 0) AS bank_in, COALESCE(b.bank_out, 0) AS bank_out,
                   COALESCE(r.registered, 0) AS registered, COALESCE(b.waiting, 0) AS waiting,
                   COALESCE(b.reversed_out, 0) AS reversed_out, COALESCE(b.refunded_out, 0) AS refunded_out,
                   COALESCE(b.unbooked, 0) AS unbooked,
                   COALESCE(g.ledger_net, 0) AS ledger_net, COALESCE(g.ledger_without_line, 0) AS ledger_without_line,
                   (COALESCE(b.bank_in, 0) - COALESCE(b.bank_out, 0) - COALESCE(b.unbooked, 0))
                     - (COALESCE(g.ledger_net, 0) - COALESCE(g.ledger_without_line, 0)) AS difference
              FROM day d
              JOIN account_journal j ON j.id = d.journal_id
              LEFT JOIN bank b ON b.journal_id = d.journal_id AND b.date = d.date
              LEFT JOIN registered r ON r.journal_id = d.journal_id AND r.date = d.date
              LEFT JOIN ledger g ON g.journal_id = d.journal_id AND g.date = d.date
        """

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
