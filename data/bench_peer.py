"""The peer side by side (`make bench ARGS="--peer"`, issue 14): OCA account_credit_control 11.0 on the
invoices of the same benchmark portfolio, in the same database, after our daily run.

    bench_peer.py CONFIG moves                 # journal entries of the portfolio's open installments
    bench_peer.py CONFIG run --date YYYY-MM-DD # the peer's credit control run for DATE, timed

The benchmark portfolio (data/generate_portfolio.py) has no journal entries: our daily run reads
the invoices only. account_credit_control works on receivable journal items (account.move.line),
so `moves` writes, set-based and not timed, the entry an invoice's validation would have made for
each open installment: a receivable line (debit = the amount due, open residual, maturity = the
due date, the invoice's partner) and the income line against it; each invoice gets its move.

`run` gives the company a credit control policy shaped like our default policy (level 1 the day
after the due date, level 2 from day 4, level 3 from day 7, each an e-mail on the module's own
template), on the receivable account, and times the module's own entry point, a credit.control.run
for DATE and its generate_credit_lines(), as superuser, committed. It prints one line of
key=value pairs: wall seconds, CPU seconds of this process (Odoo's Python) and of its PostgreSQL
backend (from /proc, same machine), the overdue installments it looked at and the credit control
lines it wrote. Everything else goes to stderr.
"""
import argparse
import sys
import time
from contextlib import closing

from odoo import SUPERUSER_ID, api

# The benchmark's own helpers (this file runs from data/, beside it).
from generate_portfolio import backend_cpu, open_registry, say

PREFIX = "BENCH-"  # loan.contract names of the benchmark portfolio (generate_portfolio.py)
# Days after the due date of each level (our default policy: phone 1-3, visit 4-6, notice from 7).
LEVELS = ((1, "逾期1天"), (4, "逾期4天"), (7, "逾期7天"))


def moves(registry):
    """One posted journal entry per open benchmark installment without one (set-based)."""
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        product = env.ref("loan_collection.loan_product_guaranteed")
        journal = product.journal_id
        income = journal.default_credit_account_id or env["account.account"].search(
            [("user_type_id", "=", env.ref("account.data_account_type_revenue").id),
             ("company_id", "=", journal.company_id.id)], limit=1)
        if not income:
            raise SystemExit("error: no income account for the counterpart lines in %s" % cr.dbname)
        params = {"income": income.id, "income_type": income.user_type_id.id, "prefix": PREFIX + "%",
                  "uid": SUPERUSER_ID}
        cr.execute("""
            CREATE TEMP TABLE peer_invoice ON COMMIT DROP AS
            SELECT i.id AS invoice_id, nextval('account_move_id_seq') AS move_id, i.number, i.date_invoice,
                   i.date_due, i.journal_id, i.company_id, i.currency_id, i.partner_id, i.account_id,
                   a.user_type_id, i.amount_total, i.residual
              FROM account_invoice i
              JOIN account_account a ON a.id = i.account_id
             WHERE i.state = 'open' AND i.move_id IS NULL AND i.origin LIKE %(prefix)s
        """, params)
        cr.execute("""
            INSERT INTO account_move (id, name, ref, date, journal_id, currency_id, state, partner_id, amount,
                                      company_id, matched_percentage, create_uid, create_date, write_uid, write_date)
            SELECT move_id, number, number, date_invoice, journal_id, currency_id, 'posted', partner_id,
                   amount_total, company_id, 0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM peer_invoice
        """, params)
        cr.execute("""
            INSERT INTO account_move_line (name, quantity, debit, credit, balance, debit_cash_basis,
                   credit_cash_basis, balance_cash_basis, amount_currency, company_currency_id, amount_residual,
                   amount_residual_currency, account_id, move_id, ref, reconciled, journal_id, blocked,
                   date_maturity, date, company_id, invoice_id, partner_id, user_type_id, tax_exigible,
                   create_uid, create_date, write_uid, write_date)
            SELECT p.number, 1, l.debit, l.credit, l.debit - l.credit, l.debit, l.credit, l.debit - l.credit, 0,
                   p.currency_id, l.residual, 0, l.account_id, p.move_id, p.number, false, p.journal_id, false,
                   p.date_due, p.date_invoice, p.company_id, p.invoice_id, p.partner_id, l.user_type_id, true,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM peer_invoice p
             CROSS JOIN LATERAL (VALUES (p.account_id, p.user_type_id, p.amount_total, 0::numeric, p.residual),
                                        (%(income)s, %(income_type)s, 0::numeric, p.amount_total, 0::numeric))
                   AS l (account_id, user_type_id, debit, credit, residual)
        """, params)
        cr.execute("UPDATE account_invoice i SET move_id = p.move_id FROM peer_invoice p WHERE i.id = p.invoice_id")
        count = cr.rowcount
        cr.commit()
        cr.autocommit(True)
        for table in ("account_move", "account_move_line", "account_invoice"):
            cr.execute("VACUUM ANALYZE %s" % table)
        return count


def _policy(env):
    """The company's credit control policy of three levels, on the installments' receivable account."""
    company = env.user.company_id
    cr = env.cr
    cr.execute("SELECT DISTINCT account_id FROM account_invoice WHERE origin LIKE %s", (PREFIX + "%",))
    accounts = [row[0] for row in cr.fetchall()]
    template = env.ref("account_credit_control.email_template_credit_control_base")
    policy = env["credit.control.policy"].create({
        "name": "催收（与本产品的默认策略同级）", "company_id": company.id, "account_ids": [(6, 0, accounts)],
        "level_ids": [(0, 0, {"name": name, "level": number, "computation_mode": "net_days", "delay_days": days,
                              "email_template_id": template.id, "channel": "email",
                              "custom_text": "您的借款已逾期，请尽快还款。", "custom_mail_text": "<p>您的借款已逾期，请尽快还款。</p>"})
                      for number, (days, name) in enumerate(LEVELS, 1)]})
    company.credit_policy_id = policy
    return policy


def run(registry, date):
    """The peer's credit control run for `date`, committed; returns its figures."""
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        policy = _policy(env)
        cr.execute("""
            SELECT count(*) FROM account_move_line l JOIN account_invoice i ON i.id = l.invoice_id
             WHERE l.account_id IN %s AND NOT l.reconciled AND l.debit > 0 AND l.date_maturity < %s
        """, (tuple(policy.account_ids.ids), date))
        overdue = cr.fetchone()[0]
        cr.commit()
        started, cpu, db_cpu = time.time(), time.process_time(), backend_cpu(cr)
        control_run = env["credit.control.run"].create({"date": date, "policy_ids": [(6, 0, policy.ids)]})
        control_run.generate_credit_lines()
        lines = len(control_run.line_ids)
        cr.commit()
        after = backend_cpu(cr)
        return {"peer_seconds": time.time() - started, "peer_cpu": time.process_time() - cpu,
                "peer_db_cpu": after - db_cpu if after >= 0 and db_cpu >= 0 else -1,
                "peer_overdue": overdue, "peer_lines": lines}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("moves")
    run_ = sub.add_parser("run")
    run_.add_argument("--date", required=True, help="the controlling date (the daily run's date)")
    args = parser.parse_args(argv)
    if not args.command:
        parser.error("give a command: moves or run")
    with api.Environment.manage():
        registry = open_registry(args.config)
        if args.command == "moves":
            started = time.time()
            count = moves(registry)
            print("moves=%d moves_seconds=%.2f" % (count, time.time() - started))
        else:
            values = run(registry, args.date)
            print(" ".join("%s=%s" % (name, round(value, 3) if isinstance(value, float) else value)
                           for name, value in sorted(values.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
