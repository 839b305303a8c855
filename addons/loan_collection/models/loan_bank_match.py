# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Money that arrived, matched to the collection case it pays (issue 17).

Finance imports the collection account's bank statement (wizards/bank_statement_import.py); every
incoming line then gets match suggestions, each for one active case (open, or in litigation) with the payer it stands for
(the debtor or a guarantor), a confidence and its reasons:

=====================  ==========  ======================================================
evidence               confidence  found by
=====================  ==========  ======================================================
contract or case no.   95          a token of the memo (附言) equal to the contract's or case's number
ID number              90 / 85     a token of the memo equal to the debtor's / a guarantor's ID number
payer's account        90 / 85     the counterparty account known as the debtor's / a guarantor's bank account
payer's name           60 / 55     the counterparty name equal to the debtor's / a guarantor's name
promise due            +10 (30)    the amount equal to an open promise due within 3 days of the line
installment amount     +10         the amount equal to an overdue installment's residual
=====================  ==========  ======================================================

A case's confidence is its strongest evidence plus 5 for each further one (at most 99); an amount
alone (a promise) counts only when one case has it. The line is *suggested* when one case leads by
20 points or more with at least 50, *ambiguous* when two cases are that close, *unmatched*
otherwise; money out is not matched. Everything is found in one query per kind of evidence for all
the lines at once (joins on equal values, never a substring search per pair).

Confirming a suggestion registers the recovery through Register Recovery's own path (the same
checks, allocation in the contract's order, 民法典 第561条 by default, the payment and its
reconciliation with the installments), then reconciles the statement line with that payment. A
confirmed match and an imported line never change: the import, the matching and the confirmation
write them through private methods, and the public write/unlink refuse (see
account_bank_statement_line.py).
"""
from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import bank_statement
from .collection_case import ACTIVE_STAGES
from .collection_case_finance import FINANCE_GROUP
from .collection_recovery import SOURCES

EVIDENCE = {
    # code: (confidence alone, bonus when added to other evidence)
    "contract": (95, 5), "case": (95, 5), "identity": (90, 5), "guarantor_identity": (85, 5),
    "account": (90, 5), "guarantor_account": (85, 5), "name": (60, 5), "guarantor_name": (55, 5),
    "promise": (30, 10), "installment": (0, 10),
    # loan_legal: a court case number of the case's litigation in the memo, paid from the court's
    # known account.
    "court_number": (95, 5), "court_account": (0, 5),
    # Not found: finance split the line between the debtor's debts (wizards/bank_line_split.py).
    "split": (0, 0),
}
# The role of the payer an evidence points to is the recovery's source (collection_recovery.SOURCES).
# Which evidence names the payer: who sent the money (the counterparty's name or known account)
# first, then a court case number (a court paying out quotes its own), then the debt or ID number
# quoted (a relative paying quotes the debtor's).
PAYER_WEIGHT = {"name": 3, "guarantor_name": 3, "account": 3, "guarantor_account": 3, "court_account": 3,
                "court_number": 2}
SUGGEST_AT = 50
LEAD = 20
PROMISE_DAYS = 3
MATCH_STATES = [("outgoing", "Money Out"), ("unmatched", "Unmatched"), ("suggested", "Suggested"),
                ("ambiguous", "Ambiguous"), ("confirmed", "Confirmed"),
                # Money out: the bank reversing a confirmed line, or finance refunding an excess.
                ("reversal", "Reversal Found"), ("reversed", "Reversal Registered"),
                ("refund", "Refund Found"), ("refunded", "Refund Matched")]
# The states a line no longer leaves (its recoveries, reversal or refund are registered).
DONE_STATES = ("confirmed", "reversed", "refunded")
REVERSAL_DAYS = 30
# The words a bank writes on a reversal (冲正, a returned transfer): without the original's serial
# number in the memo, the same account and amount is a reversal only with one of them.
REVERSAL_WORDS = "冲正|退回|退汇|冲销|撤销|退票"


def _evidence_labels(env):
    context, cr = env.context, env.cr  # noqa: F841 (read by _)
    return {
        "contract": _("the contract number is in the memo"),
        "case": _("the case number is in the memo"),
        "identity": _("the debtor's ID number is in the memo"),
        "guarantor_identity": _("a guarantor's ID number is in the memo"),
        "account": _("paid from the debtor's known bank account"),
        "guarantor_account": _("paid from a guarantor's known bank account"),
        "name": _("the payer's name is the debtor's"),
        "guarantor_name": _("the payer's name is a guarantor's"),
        "promise": _("the amount is a promise due within 3 days"),
        "installment": _("the amount is an overdue installment's"),
        "court_number": _("the court case number of its litigation is in the memo"),
        "court_account": _("paid from the court's known account"),
        "split": _("split between the debtor's debts"),
    }


def _memo_tokens(lines):
    """(line ids, tokens), one pair per identifier in the memos of `lines` ((id, memo) pairs): the
    memo is the line's label (the bank's 摘要/附言), not its note, which says where it was imported from."""
    token_line, token_value = [], []
    for line_id, memo in lines:
        for token in bank_statement.memo_tokens(memo):
            token_line.append(line_id)
            token_value.append(token)
    return token_line, token_value


def _confidence(codes):
    """Strongest evidence plus each further one's bonus, at most 99 (see the module docstring)."""
    ranked = sorted((EVIDENCE[code] for code in codes), reverse=True)
    score = ranked[0][0] + sum(bonus for _alone, bonus in ranked[1:])
    return min(score, 99)


class LoanBankMatch(models.Model):
    """A suggestion that a bank line pays a collection case."""
    _name = "loan.bank.match"
    _description = "Bank Line Match"
    _order = "line_id desc, confidence desc, id"
    _rec_name = "case_id"

    line_id = fields.Many2one("account.bank.statement.line", string="Bank Line", required=True, readonly=True,
                              index=True, ondelete="cascade")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, readonly=True,
                              index=True, ondelete="cascade")
    contract_id = fields.Many2one(related="case_id.contract_id", readonly=True, string="Loan Contract")
    debtor_id = fields.Many2one(related="case_id.partner_id", readonly=True, string="Debtor")
    payer_id = fields.Many2one("res.partner", string="Payer", required=True, readonly=True,
                               help="The party the money is registered from: the debtor or the guarantor.")
    source = fields.Selection(SOURCES, required=True, readonly=True)
    confidence = fields.Integer(readonly=True, group_operator="max")
    evidence = fields.Char(readonly=True, help="The codes of what was found, comma-separated.")
    reason = fields.Char(compute="_compute_reason", string="Why")
    state = fields.Selection([("suggested", "Suggested"), ("confirmed", "Confirmed"), ("rejected", "Rejected")],
                             default="suggested", required=True, readonly=True, index=True)
    # Its own currency field: a related Monetary keeps the line's (journal_currency_id), which a match lacks.
    amount = fields.Monetary(related="line_id.amount", readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    date = fields.Date(related="line_id.date", readonly=True)
    partner_name = fields.Char(related="line_id.partner_name", readonly=True, string="Counterparty")
    memo = fields.Char(related="line_id.name", readonly=True)
    case_total_due = fields.Monetary(related="case_id.total_due", readonly=True, string="Case Total Due",
                                     currency_field="currency_id")
    recovery_id = fields.Many2one("collection.recovery", string="Recovery", readonly=True)

    _sql_constraints = [("line_case_uniq", "unique(line_id, case_id)", "A bank line is matched to a case once.")]

    @api.depends("evidence")
    def _compute_reason(self):
        labels = _evidence_labels(self.env)
        for match in self:
            codes = [c for c in (match.evidence or "").split(",") if c]
            match.reason = "；".join(labels[c] for c in codes if c in labels)

    # CRUD: suggestions are written by the matching, confirmations by action_confirm. -----------

    @api.model
    def create(self, vals):
        raise AccessError(_("Match suggestions are made by the matching of the bank statement: use Match Again "
                            "on the bank line."))

    @api.multi
    def write(self, vals):
        raise AccessError(_("A match is changed only by Confirm on it (finance)."))

    @api.multi
    def unlink(self):
        raise AccessError(_("A match is never deleted: Match Again replaces the suggestions of a line that is "
                            "not confirmed."))

    def _set_state(self, vals):
        """The confirmation's own write (the public write refuses everything)."""
        return super(LoanBankMatch, self.sudo()).write(vals)

    # Matching (set-based) --------------------------------------------------------------------

    @api.model
    def _check_finance(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance imports bank statements and confirms their matches."))

    @api.model
    def _match_lines(self, lines):
        """(Re)compute the suggestions of these bank lines, except the confirmed ones: a fixed
        number of queries whatever the number of lines."""
        cr = self.env.cr
        lines = lines.filtered(lambda l: l.loan_match_state not in DONE_STATES)
        if not lines:
            return
        cr.execute("DELETE FROM loan_bank_match WHERE line_id = ANY(%s) AND state <> 'confirmed'", (lines.ids,))
        cr.execute("""
            SELECT id, amount, date, COALESCE(partner_name, ''), COALESCE(loan_payer_account, ''),
                   COALESCE(name, ''), company_id
              FROM account_bank_statement_line WHERE id = ANY(%s)
        """, (lines.ids,))
        incoming, outgoing = [], []
        for line_id, amount, date, name, account, memo, company in cr.fetchall():
            if amount <= 0:
                outgoing.append((line_id, memo))
            else:
                incoming.append((line_id, amount, date, name.strip(), account, company, memo))
        token_line, token_value = _memo_tokens((line[0], line[6]) for line in incoming)
        evidence = defaultdict(set)     # (line, case) -> codes
        payer = {}                      # (line, case) -> (partner, role, rank): see PAYER_WEIGHT
        if incoming:
            ids, amounts, dates, names, accounts, companies, memos = (list(c) for c in zip(*incoming))
            params = {"ids": ids, "amounts": amounts, "dates": dates, "names": names, "accounts": accounts,
                      "companies": companies, "memos": memos, "tline": token_line, "tvalue": token_value,
                      "days": PROMISE_DAYS, "active": ACTIVE_STAGES}
            for line_id, case_id, partner_id, role, code in self._evidence_rows(params):
                key = (line_id, case_id)
                evidence[key].add(code)
                # The payer is who sent the money (name, account) before whose court case number is
                # quoted, before whose debt or ID number is quoted; the debtor when equal.
                rank = (PAYER_WEIGHT.get(code, 1), role == "debtor")
                if key not in payer or rank > payer[key][2]:
                    payer[key] = (partner_id, role, rank)
            self._amount_evidence(params, evidence, payer)
        rows = []
        for (line_id, case_id), codes in evidence.items():
            if not any(EVIDENCE[code][0] for code in codes):  # supporting evidence only
                continue
            partner_id, role = payer[(line_id, case_id)][:2]
            rows.append((line_id, case_id, partner_id, role,
                         _confidence(codes), ",".join(sorted(codes, key=lambda c: -EVIDENCE[c][0]))))
        if rows:
            cr.execute("""
                INSERT INTO loan_bank_match (line_id, case_id, payer_id, source, confidence, evidence, state,
                                             create_uid, create_date, write_uid, write_date)
                SELECT v.line_id, v.case_id, v.payer_id, v.source, v.confidence, v.evidence, 'suggested',
                       %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::int[], %s::varchar[])
                       AS v(line_id, case_id, payer_id, source, confidence, evidence)
                ON CONFLICT (line_id, case_id) DO NOTHING
            """, [self.env.uid, self.env.uid] + [list(c) for c in zip(*rows)])
        # The line's state and best suggestion from the suggestions' confidences.
        cr.execute("""
            UPDATE account_bank_statement_line l
               SET loan_match_state = CASE
                       WHEN l.amount <= 0 THEN 'outgoing'
                       WHEN v.best IS NULL OR v.best < %(at)s THEN 'unmatched'
                       WHEN v.second IS NOT NULL AND v.second > v.best - %(lead)s THEN 'ambiguous'
                       ELSE 'suggested' END,
                   loan_best_match_id = v.best_id
              FROM (SELECT l2.id,
                           (array_agg(m.confidence ORDER BY m.confidence DESC, m.id))[1] AS best,
                           (array_agg(m.confidence ORDER BY m.confidence DESC, m.id))[2] AS second,
                           (array_agg(m.id ORDER BY m.confidence DESC, m.id))[1] AS best_id
                      FROM account_bank_statement_line l2
                      LEFT JOIN loan_bank_match m ON m.line_id = l2.id AND m.state = 'suggested'
                     WHERE l2.id = ANY(%(ids)s)
                     GROUP BY l2.id) v
             WHERE l.id = v.id
        """, {"at": SUGGEST_AT, "lead": LEAD, "ids": lines.ids})
        self._match_money_out(outgoing)
        lines.invalidate_cache()
        self.invalidate_cache()

    @api.model
    def _match_money_out(self, lines):
        """Money out: the refund of an excess (an outbound customer payment of that amount on the
        journal, not yet on a bank line, to the counterparty by name or known account), else the bank
        reversing a confirmed line of the same journal (its serial number in the memo, or the same
        payer's account and amount within REVERSAL_DAYS with a reversal word in the memo). A fixed
        number of statements, whatever the number of lines. `lines`: (id, memo) of the lines."""
        if not lines:
            return
        line_ids = [line_id for line_id, _memo in lines]
        token_line, token_value = _memo_tokens(lines)
        cr = self.env.cr
        cr.execute("""
            UPDATE account_bank_statement_line l SET loan_reversal_of_id = NULL, loan_refund_payment_id = NULL,
                   loan_match_state = 'outgoing'
             WHERE l.id = ANY(%s)
        """, (line_ids,))
        # A refund finance paid first: it explains the line without guessing.
        cr.execute("""
            UPDATE account_bank_statement_line l
               SET loan_refund_payment_id = v.payment, loan_match_state = 'refund'
              FROM (SELECT DISTINCT ON (l2.id) l2.id, p.id AS payment
                      FROM account_bank_statement_line l2
                      JOIN account_payment p ON p.journal_id = l2.journal_id AND p.amount = -l2.amount
                           AND p.payment_type = 'outbound' AND p.partner_type = 'customer'
                           AND p.state IN ('posted', 'sent')
                      JOIN collection_recovery r ON r.refund_payment_id = p.id
                      JOIN res_partner rp ON rp.id = p.partner_id
                     WHERE l2.id = ANY(%(ids)s) AND l2.loan_match_state = 'outgoing'
                       AND (rp.name = l2.partner_name
                            OR EXISTS (SELECT 1 FROM res_partner_bank b WHERE b.partner_id = p.partner_id
                                        AND upper(b.sanitized_acc_number) = l2.loan_payer_account))
                       AND NOT EXISTS (SELECT 1 FROM account_move_line ml WHERE ml.payment_id = p.id
                                        AND ml.statement_line_id IS NOT NULL)
                     ORDER BY l2.id, p.payment_date DESC, p.id DESC) v
             WHERE l.id = v.id
        """, {"ids": line_ids})
        cr.execute("""
            UPDATE account_bank_statement_line l
               SET loan_reversal_of_id = v.original, loan_match_state = 'reversal'
              FROM (SELECT DISTINCT ON (l2.id) l2.id, o.id AS original
                      FROM account_bank_statement_line l2
                      JOIN account_bank_statement_line o ON o.journal_id = l2.journal_id AND o.amount = -l2.amount
                           AND o.loan_match_state = 'confirmed' AND o.id <> l2.id
                      LEFT JOIN unnest(%(tline)s::int[], %(tvalue)s::varchar[]) AS t(line_id, value)
                           ON t.line_id = l2.id AND t.value = upper(o.ref)
                     WHERE l2.id = ANY(%(ids)s) AND l2.loan_match_state = 'outgoing'
                       AND (t.line_id IS NOT NULL
                            OR (COALESCE(l2.loan_payer_account, '') <> '' AND o.loan_payer_account = l2.loan_payer_account
                                AND o.date BETWEEN l2.date - %(days)s AND l2.date
                                -- without the serial number, only a line the bank calls a reversal
                                AND l2.name ~ %(words)s))
                       AND NOT EXISTS (SELECT 1 FROM account_bank_statement_line r
                                        WHERE r.loan_reversal_of_id = o.id AND r.loan_match_state = 'reversed')
                     ORDER BY l2.id, (t.line_id IS NULL), o.date DESC, o.id DESC) v
             WHERE l.id = v.id
        """, {"ids": line_ids, "tline": token_line, "tvalue": token_value, "days": REVERSAL_DAYS,
              "words": REVERSAL_WORDS})

    @api.model
    def _evidence_rows(self, params):
        """(line, case, partner, role, code) of the identifiers and the payer found, for the active
        cases (open or in litigation) of the lines' companies; role 'debtor' or 'guarantor'
        (loan_legal adds 'court': a court case number in the memo). Leaves the lines in the
        temporary table loan_match_line for the rest of the matching."""
        cr = self.env.cr
        # The lines and their memo tokens as temporary tables with statistics: joined as arrays
        # (unnest, estimated at 100 rows) the planner chose nested loops over every party of every
        # active case for each line (10,000 lines took minutes); analysed, it hashes.
        cr.execute("""
            DROP TABLE IF EXISTS loan_match_line, loan_match_token;
            CREATE TEMPORARY TABLE loan_match_line ON COMMIT DROP AS
                SELECT * FROM unnest(%(ids)s::int[], %(names)s::varchar[], %(accounts)s::varchar[],
                                     %(companies)s::int[], %(amounts)s::numeric[], %(dates)s::date[])
                       AS l(id, name, account, company_id, amount, date);
            CREATE TEMPORARY TABLE loan_match_token ON COMMIT DROP AS
                SELECT * FROM unnest(%(tline)s::int[], %(tvalue)s::varchar[]) AS t(line_id, value);
            DROP TABLE IF EXISTS loan_match_case, loan_match_party;
            CREATE TEMPORARY TABLE loan_match_case ON COMMIT DROP AS
                SELECT cc.id, cc.contract_id, cc.partner_id, cc.company_id, upper(cc.name) AS number,
                       upper(c.name) AS contract_number
                  FROM collection_case cc JOIN loan_contract c ON c.id = cc.contract_id
                 WHERE cc.stage IN %(active)s AND cc.company_id IN (SELECT DISTINCT company_id FROM loan_match_line);
            CREATE TEMPORARY TABLE loan_match_party ON COMMIT DROP AS
                SELECT oc.id AS case_id, oc.company_id, oc.partner_id, 'debtor'::varchar AS role
                  FROM loan_match_case oc
                UNION ALL
                SELECT DISTINCT oc.id, oc.company_id, g.partner_id, 'guarantor'
                  FROM loan_match_case oc JOIN loan_guarantee g ON g.contract_id = oc.contract_id
                 -- a borrower who mortgaged his own property is the debtor, not a guarantor of his loan
                 WHERE g.partner_id <> oc.partner_id;
            ANALYZE loan_match_line;
            ANALYZE loan_match_token;
            ANALYZE loan_match_case;
            ANALYZE loan_match_party;
        """, params)
        # The analysed tables themselves, not CTEs over them: PostgreSQL materialises a CTE used
        # twice without statistics, and then merge-joined on the company alone (one value for all
        # rows), every line with every case: 42 million rows at 10,000 lines, over two minutes.
        cr.execute("""
            SELECT t.line_id, oc.id, oc.partner_id, 'debtor', 'contract'
              FROM loan_match_token t JOIN loan_match_line l ON l.id = t.line_id
              JOIN loan_match_case oc ON oc.contract_number = t.value AND oc.company_id = l.company_id
            UNION ALL
            SELECT t.line_id, oc.id, oc.partner_id, 'debtor', 'case'
              FROM loan_match_token t JOIN loan_match_line l ON l.id = t.line_id
              JOIN loan_match_case oc ON oc.number = t.value AND oc.company_id = l.company_id
            UNION ALL
            SELECT t.line_id, pa.case_id, pa.partner_id, pa.role,
                   CASE WHEN pa.role = 'debtor' THEN 'identity' ELSE 'guarantor_identity' END
              FROM loan_match_token t JOIN loan_match_line l ON l.id = t.line_id
              JOIN loan_debtor_profile dp ON upper(dp.identity_number) = t.value
              JOIN loan_match_party pa ON pa.partner_id = dp.partner_id AND pa.company_id = l.company_id
            UNION ALL
            SELECT l.id, pa.case_id, pa.partner_id, pa.role,
                   CASE WHEN pa.role = 'debtor' THEN 'account' ELSE 'guarantor_account' END
              FROM loan_match_line l
              JOIN res_partner_bank b ON upper(b.sanitized_acc_number) = l.account AND l.account <> ''
              JOIN loan_match_party pa ON pa.partner_id = b.partner_id AND pa.company_id = l.company_id
            UNION ALL
            SELECT l.id, pa.case_id, pa.partner_id, pa.role,
                   CASE WHEN pa.role = 'debtor' THEN 'name' ELSE 'guarantor_name' END
              FROM loan_match_line l
              JOIN res_partner p ON p.name = l.name AND l.name <> ''
              JOIN loan_match_party pa ON pa.partner_id = p.id AND pa.company_id = l.company_id
        """, params)
        return cr.fetchall()

    @api.model
    def _amount_evidence(self, params, evidence, payer):
        """The amount: equal to an open promise due within PROMISE_DAYS of the line (alone it counts
        only when one case has it), or to an overdue installment's residual of a case already found.
        Reads the lines from loan_match_line (_evidence_rows)."""
        cr = self.env.cr
        cr.execute("""
            SELECT l.id, pr.case_id, cc.partner_id
              FROM loan_match_line l
              JOIN collection_promise pr ON pr.amount = l.amount AND pr.state = 'open'
                   AND pr.date_promised BETWEEN l.date - %(days)s AND l.date + %(days)s
              JOIN collection_case cc ON cc.id = pr.case_id AND cc.stage IN %(active)s AND cc.company_id = l.company_id
        """, params)
        alone = defaultdict(set)
        for line_id, case_id, partner_id in cr.fetchall():
            if (line_id, case_id) in evidence:
                evidence[(line_id, case_id)].add("promise")
            else:
                alone[line_id].add((case_id, partner_id))
        with_evidence = {key[0] for key in evidence}
        for line_id, cases in alone.items():
            if len(cases) == 1 and line_id not in with_evidence:
                case_id, partner_id = next(iter(cases))
                evidence[(line_id, case_id)].add("promise")
                payer[(line_id, case_id)] = (partner_id, "debtor", (0, True))
        found = [key for key in evidence]
        if not found:
            return
        amount_of = dict(zip(params["ids"], params["amounts"]))
        cr.execute("""
            SELECT DISTINCT k.line_id, k.case_id
              FROM unnest(%s::int[], %s::int[], %s::numeric[]) AS k(line_id, case_id, amount)
              JOIN account_invoice i ON i.collection_case_id = k.case_id AND i.state = 'open'
                   AND i.type = 'out_invoice' AND i.residual = k.amount AND i.days_overdue > 0
        """, ([k[0] for k in found], [k[1] for k in found], [amount_of[k[0]] for k in found]))
        for line_id, case_id in cr.fetchall():
            evidence[(line_id, case_id)].add("installment")

    # Confirming ------------------------------------------------------------------------------

    @api.multi
    def action_confirm(self):
        """Register the recovery of each match (the line's amount and date, on its journal) and
        reconcile the bank line with its payment. Finance only; a line is confirmed once."""
        self._check_finance()
        recoveries = self.env["collection.recovery"]
        for match in self:
            recoveries |= match._confirm()
        if len(recoveries) == 1:
            return {"type": "ir.actions.act_window", "res_model": "collection.recovery", "view_mode": "form",
                    "res_id": recoveries.id}
        return {"type": "ir.actions.act_window", "res_model": "collection.recovery", "name": _("Recoveries"),
                "view_mode": "tree,form", "domain": [("id", "in", recoveries.ids)]}

    def _confirm(self):
        self.ensure_one()
        match = self.sudo()
        if match.state != "suggested":
            raise UserError(_("This match of bank line %s is %s: only a suggestion is confirmed.") % (
                match.line_id.ref or match.line_id.name,
                dict(self._fields["state"]._description_selection(self.env))[match.state]))
        return self.line_id._loan_register([(match.case_id, match.source, match.payer_id, match.line_id.amount)])
