"""Benchmark of the portfolio import and of schedule generation at scale (`make bench`, issue 14).

    bench_import.py CONFIG import --rows 100000 [--file F]   # a generated book imported, as the job runner does
    bench_import.py CONFIG schedules --contracts 25000       # schedules of N draft contracts generated
    bench_import.py CONFIG statements --lines 10000          # a bank statement imported and matched (issue 17)

`import` writes a file of ROWS installment rows with data/generate_import_file.py (unless --file),
creates a loan.portfolio.import as superuser and performs its queue jobs one after the other in
this process, committing after each one as the job runner does (the file is read and checked,
then one job per chunk). `schedules` inserts N draft contracts (set-based, not timed), then
generates their schedules with loan.contract.action_generate_schedule in batches of 1,000
contracts, committing each batch as a background job would. `statements` runs on the database of
the daily run (its open cases): it writes an ICBC export of LINES incoming lines paid by the
debtors of random active cases (a third with the contract number in the memo, a fifth with the
debtor's ID number, the rest by name, one in ten from a stranger; a quarter of the amounts equal
to an overdue installment) and imports it through the Import Bank Statement wizard, which checks
the file, writes the statement and matches every line set-based; the matching alone is timed
again on the same lines (Match Again). Then rolled back.

Each prints one line of key=value pairs: wall seconds, CPU seconds of this process (Odoo's
Python) and of its PostgreSQL backend (read from /proc, same machine), and the counts. On a
machine shared with other work the CPU seconds are the comparable figure. Everything else goes
to stderr.
"""
import argparse
import base64
import os
import subprocess
import sys
import tempfile
import time
from contextlib import closing

from odoo import SUPERUSER_ID, api

# The benchmark's own helpers (this file runs from data/, beside it).
from generate_portfolio import backend_cpu, open_registry, say

HERE = os.path.dirname(os.path.abspath(__file__))


class Meter(object):
    def __init__(self, cr):
        self.cr = cr
        self.wall, self.cpu, self.pg = time.time(), time.process_time(), backend_cpu(cr)

    def values(self, prefix):
        pg = backend_cpu(self.cr)
        return {prefix + "_seconds": time.time() - self.wall, prefix + "_cpu": time.process_time() - self.cpu,
                prefix + "_pg_cpu": (pg - self.pg) if pg >= 0 and self.pg >= 0 else -1}


def bench_import(registry, rows, path=None):
    from odoo.addons.queue_job.job import Job
    if not path:
        path = os.path.join(tempfile.gettempdir(), "bench_portfolio_%s.csv" % rows)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_import_file.py"), path, "--rows", str(rows),
                        "--bad", str(max(1, rows // 5000))], check=True, stdout=subprocess.DEVNULL)
    with open(path, "rb") as stream:
        content = stream.read()
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
        journal = env["account.journal"].search([("type", "=", "bank")], limit=1)
        record = env["loan.portfolio.import"].create({
            "file": base64.b64encode(content), "filename": os.path.basename(path),
            "payment_journal_id": journal.id})
        cr.commit()
        meter = Meter(cr)
        record.action_start()
        cr.commit()
        done = set()
        while True:
            jobs = env["queue.job"].search([("model_name", "=", record._name), ("state", "=", "pending"),
                                            ("id", "not in", list(done))], order="id")
            jobs = jobs.filtered(lambda j: j.record_ids == [record.id])
            if not jobs:
                break
            for job in jobs:
                done.add(job.id)
                loaded = Job.load(env, job.uuid)
                loaded.set_started()
                loaded.store()
                loaded.perform()
                loaded.set_done()
                loaded.store()
                cr.commit()
                env.clear()
                say("  %s" % job.name)
        values = meter.values("import")
        record = env["loan.portfolio.import"].browse(record.id)
        values.update(rows=record.total_rows, contracts=record.imported_contracts,
                      installments=record.imported_installments, rejected_contracts=record.rejected_contracts,
                      rejected_rows=record.rejected_rows, state=record.state, chunks=len(record.chunk_ids))
        cr.execute("SELECT count(*), count(*) FILTER (WHERE i.state = 'paid') FROM account_invoice i "
                   "JOIN loan_contract c ON c.id = i.loan_contract_id WHERE c.name LIKE 'HT%%'")
        values["invoices"], values["paid"] = cr.fetchone()
        return values


def bench_schedules(registry, count, batch=1000):
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai", "tracking_disable": True})
        writer = env["loan.installment.writer"]
        product = env.ref("loan_collection.loan_product_guaranteed")
        company = env.user.company_id
        started = time.time()
        partner_ids = writer._insert("res.partner", [
            {"name": "排程测试%05d" % k, "display_name": "排程测试%05d" % k, "customer": True, "active": True,
             "type": "contact", "is_company": False, "company_id": company.id} for k in range(count)])
        cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", (tuple(partner_ids),))
        contract_ids = writer._insert("loan.contract", [
            {"name": "PC%07d" % k, "partner_id": partner_id, "product_id": product.id, "company_id": company.id,
             "state": "active", "principal": 60000.0, "disbursed_amount": 60000.0, "date_disbursed": "2026-01-15",
             "disbursement_date": "2026-01-15", "date_maturity": "2027-01-15", "annual_rate": 10.8,
             "overdue_rate": 16.2, "repayment_method": "equal_installment", "product_type": product.product_type}
            for k, partner_id in enumerate(partner_ids)])
        cr.commit()
        say("  %s contracts inserted in %.1f s (not timed)" % (count, time.time() - started))
        meter = Meter(cr)
        for start in range(0, len(contract_ids), batch):
            env["loan.contract"].browse(contract_ids[start:start + batch]).action_generate_schedule()
            cr.commit()
            env.clear()
            say("  schedules of contracts %s-%s" % (start + 1, min(start + batch, count)))
        values = meter.values("schedules")
        cr.execute("SELECT count(*) FROM account_invoice WHERE loan_contract_id IN %s", (tuple(contract_ids),))
        values.update(contracts=count, invoices=cr.fetchone()[0])
        return values


def bench_statements(registry, count):
    import random
    rng = random.Random(17)
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai", "tracking_disable": True})
        cr.execute("""
            SELECT p.name, c.name, dp.identity_number,
                   (SELECT i.residual FROM account_invoice i WHERE i.collection_case_id = cc.id AND i.state = 'open'
                     ORDER BY i.date_due LIMIT 1)
              FROM collection_case cc JOIN loan_contract c ON c.id = cc.contract_id
              JOIN res_partner p ON p.id = cc.partner_id
              LEFT JOIN loan_debtor_profile dp ON dp.partner_id = p.id
             WHERE cc.is_open ORDER BY cc.id
        """)
        cases = cr.fetchall()
        cr.execute("SELECT count(*) FROM account_invoice WHERE state = 'open'")
        open_installments = cr.fetchone()[0]
        cr.execute("SELECT max(date) FROM collection_run")
        day = cr.fetchone()[0]
        rows = ["中国工商银行 账户明细", "账号：1202020109900012345", "",
                "交易日期,交易流水号,对方户名,对方账号,借方发生额,贷方发生额,余额,摘要,附言"]
        for k in range(count):
            name, contract, identity, residual = rng.choice(cases)
            amount = residual if residual and k % 4 == 0 else rng.randint(100, 20000)
            memo = "还款"
            if k % 10 == 9:
                name, memo = "某某商贸有限公司%04d" % (k % 997), "货款"
            elif k % 3 == 0:
                memo = "还款 %s" % contract
            elif k % 5 == 1 and identity:
                memo = "代还 身份证%s" % identity
            rows.append("%s,BENCH%07d,%s,62220000%08d,,%.2f,,转账,%s" % (
                day.replace("-", "") if isinstance(day, str) else day.strftime("%Y%m%d"), k, name, k, amount, memo))
        content = ("\r\n".join(rows) + "\r\n").encode("gb18030")
        journal = env["account.journal"].create({"name": "催收回款户（基准）", "code": "BNCH", "type": "bank"})
        from odoo.addons.loan_collection.services import clock
        import datetime
        meter = Meter(cr)
        # The statement's day is the run's: the product's clock a little after it.
        with clock.frozen(datetime.datetime.combine(day if not isinstance(day, str) else
                                                    datetime.date(*map(int, day.split("-"))),
                                                    datetime.time(10, 0))):
            wizard = env["loan.bank.statement.import"].create({
                "journal_id": journal.id, "filename": "bench_statement.csv",
                "data_file": base64.b64encode(content)})
            action = wizard.action_import()
        values = meter.values("statement")
        lines = env["account.bank.statement.line"].search(action["domain"])
        meter = Meter(cr)
        env["loan.bank.match"]._match_lines(lines)
        values.update(meter.values("match"))
        cr.execute("SELECT loan_match_state, count(*) FROM account_bank_statement_line WHERE id = ANY(%s) "
                   "GROUP BY 1", (lines.ids,))
        states = dict(cr.fetchall())
        values.update(lines=len(lines), open_installments=open_installments, cases=len(cases),
                      suggested=states.get("suggested", 0), ambiguous=states.get("ambiguous", 0),
                      unmatched=states.get("unmatched", 0))
        cr.rollback()
        return values


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser("import")
    imp.add_argument("--rows", type=int, default=100000)
    imp.add_argument("--file", default=None)
    sch = sub.add_parser("schedules")
    sch.add_argument("--contracts", type=int, default=25000)
    stm = sub.add_parser("statements")
    stm.add_argument("--lines", type=int, default=10000)
    args = parser.parse_args(argv)
    with api.Environment.manage():
        registry = open_registry(args.config)
        if args.command == "import":
            values = bench_import(registry, args.rows, args.file)
        elif args.command == "statements":
            values = bench_statements(registry, args.lines)
        else:
            values = bench_schedules(registry, args.contracts)
    print(" ".join("%s=%s" % (k, round(v, 2) if isinstance(v, float) else v) for k, v in sorted(values.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
