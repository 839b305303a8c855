"""Benchmark portfolio for the daily collection run (`make bench`, see data/README.md).

    generate_portfolio.py CONFIG generate --overdue N [--date YYYY-MM-DD]
    generate_portfolio.py CONFIG run [--date YYYY-MM-DD] [--steps]
    generate_portfolio.py CONFIG clean

`generate` replaces the previous benchmark portfolio (every loan.contract named BENCH-...,
with its borrowers, installments, cases, tasks, activities and notes) by one with exactly N
overdue installments on DATE. `run` runs the daily collection run for DATE as superuser in
its own process, commits, and prints the run's duration and query count (`--steps` also
times each step of collection.run, for finding a bottleneck). Each command ends with one
line of key=value pairs on stdout for tools/bench.sh; everything else goes to stderr.

The portfolio is built SET-BASED, in SQL: INSERT ... SELECT FROM generate_series. Creating
and validating one installment invoice through the ORM (account.invoice create +
action_invoice_open) costs about 0.65 s here, so 100,000 installments would take 18 hours;
in SQL they take seconds. Only what the daily run reads is built: the invoices are open (or
paid) customer invoices with their amounts, due dates and loan fields filled in, but without
invoice lines and without accounting moves (account.move / account.move.line): the run never
reads them, and they would triple the volume for nothing. Do not use this data to test
accounting. The ORM is used only for the small things done once: the collector users, the
defaults of res.partner, the receivable account and the product's journal.

The shape (per contract, k = 1, 2, ...):
  * overdue contracts (N / 5 of them): 2 paid installments, then 5 overdue ones 20 days
    apart, the latest 1-40 days overdue (so the oldest is 81-120 days: every aging bucket
    gets some), then 3 future ones, the first due in 0-29 days (0 = due on DATE, overdue on
    the next day's run); the last contract has fewer overdue ones to make exactly N;
  * current contracts (a quarter as many): 8 future installments, the first due in 0-4 days
    (so the pre-due SMS and due-day call steps give tasks);
  * half of the contracts have a guarantor (the borrower of the next contract);
  * 10 office and 10 field collectors (bench_office_NN / bench_field_NN, created once through
    the ORM) share the contracts; bench_manager manages the collection policy if it has no
    manager (the escalation tasks need one).
"""
import argparse
import datetime
import sys
import time
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api, fields

PREFIX = "BENCH-"             # loan.contract names; the cleaning step relies on it
PARTNER_REF = "BENCH-P-"      # res.partner refs of the generated borrowers
OVERDUE_PER_CONTRACT = 5
PAID_PER_CONTRACT = 2
FUTURE_PER_CONTRACT = 3
CURRENT_RATIO = 4             # one current contract per 4 overdue ones
COLLECTORS = 10               # of each kind


def say(message):
    print(message, file=sys.stderr, flush=True)


def open_registry(config_file):
    odoo.tools.config.parse_config(["-c", config_file])
    return odoo.registry(odoo.tools.config["db_name"])


# Cleaning -----------------------------------------------------------------------------------

def clean(registry):
    """Delete the previous benchmark portfolio and everything the daily runs made from it,
    set-based. Every dependent row is deleted explicitly before the rows it refers to, and a
    table emptied of many rows is vacuumed before the next delete, because PostgreSQL checks
    each foreign key row by row and some referencing columns have no index (a sequential scan
    of the dead rows for every deleted row would take minutes)."""
    started = time.time()
    with closing(registry.cursor()) as cr:
        cr.autocommit(True)  # each step on its own: VACUUM cannot run in a transaction
        cr.execute("SELECT id FROM loan_contract WHERE name LIKE %s", (PREFIX + "%",))
        contract_ids = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE %s", (PARTNER_REF + "%",))
        partners = cr.fetchone()[0]
        if not contract_ids and not partners:
            return 0, time.time() - started
        cr.execute("SELECT id FROM collection_case WHERE contract_id = ANY(%s)", (contract_ids,))
        case_ids = [row[0] for row in cr.fetchall()]
        steps = [
            ("""DELETE FROM mail_activity
                 WHERE collection_task_id IN (SELECT id FROM collection_task WHERE contract_id = ANY(%(contracts)s))
                    OR (res_model = 'collection.case' AND res_id = ANY(%(cases)s))
                    OR (res_model = 'loan.contract' AND res_id = ANY(%(contracts)s))""", None),
            ("DELETE FROM collection_task WHERE contract_id = ANY(%(contracts)s)", "collection_task"),
            ("""DELETE FROM mail_message
                 WHERE (model = 'collection.case' AND res_id = ANY(%(cases)s))
                    OR (model = 'loan.contract' AND res_id = ANY(%(contracts)s))""", "mail_message"),
            ("""DELETE FROM mail_followers
                 WHERE (res_model = 'collection.case' AND res_id = ANY(%(cases)s))
                    OR (res_model = 'loan.contract' AND res_id = ANY(%(contracts)s))""", None),
            ("DELETE FROM account_invoice WHERE loan_contract_id = ANY(%(contracts)s)", "account_invoice"),
            ("DELETE FROM collection_case_party_rel WHERE case_id = ANY(%(cases)s)", None),
            ("DELETE FROM collection_case WHERE id = ANY(%(cases)s)", "collection_case"),
            ("DELETE FROM loan_guarantee WHERE contract_id = ANY(%(contracts)s)", "loan_guarantee"),
            ("DELETE FROM loan_contract WHERE id = ANY(%(contracts)s)", "loan_contract"),
            ("DELETE FROM res_partner WHERE ref LIKE %(partner_ref)s", "res_partner"),
        ]
        params = {"contracts": contract_ids, "cases": case_ids, "partner_ref": PARTNER_REF + "%"}
        for query, vacuum in steps:
            cr.execute(query, params)
            if vacuum and cr.rowcount > 1000:
                cr.execute("VACUUM %s" % vacuum)
    return len(contract_ids), time.time() - started


# Generating ---------------------------------------------------------------------------------

def _collectors(env):
    """The bench collectors, created once through the ORM; returns (office ids, field ids)."""
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    made = {}
    for kind, group in (("office", "loan_collection.group_collector_office"),
                        ("field", "loan_collection.group_collector_field"),
                        ("manager", "loan_collection.group_collection_manager")):
        logins = ["bench_manager"] if kind == "manager" else [
            "bench_%s_%02d" % (kind, n) for n in range(1, COLLECTORS + 1)]
        existing = {u.login: u.id for u in Users.search([("login", "in", logins)])}
        for login in logins:
            if login not in existing:
                existing[login] = Users.create({
                    "name": login.replace("_", " ").title(), "login": login, "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, [env.ref(group).id])]}).id
        made[kind] = [existing[login] for login in logins]
    policy = env.ref("loan_collection.loan_product_guaranteed").policy_id
    if policy and not policy.manager_id:
        policy.manager_id = made["manager"][0]
    return made["office"], made["field"]


def _partner_defaults(env):
    """The stored defaults of a new res.partner, as columns (lang, active, customer, ...)."""
    Partner = env["res.partner"]
    defaults = Partner.default_get(list(Partner._fields))
    columns = {}
    for name, value in defaults.items():
        field = Partner._fields[name]
        if not field.store or not field.column_type or field.type in ("one2many", "many2many"):
            continue
        columns[name] = value if value is not False or field.type == "boolean" else None
    for name in ("name", "display_name", "ref", "commercial_partner_id", "tz", "country_id",
                 "create_uid", "create_date", "write_uid", "write_date", "customer", "supplier",
                 "employee", "is_company", "type", "active"):
        columns.pop(name, None)
    return columns


def generate(registry, overdue, date):
    """A portfolio with exactly `overdue` overdue installments on `date` (see the module's doc)."""
    n_overdue_contracts = -(-overdue // OVERDUE_PER_CONTRACT)
    n_current = n_overdue_contracts // CURRENT_RATIO
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        office_ids, field_ids = _collectors(env)
        product = env.ref("loan_collection.loan_product_guaranteed")
        company = product.company_id or env.user.company_id
        journal = product.journal_id
        receivable = env["ir.property"].with_context(force_company=company.id).get(
            "property_account_receivable_id", "res.partner")
        if not journal or not receivable:
            raise SystemExit("error: the guaranteed-loan product has no journal, or the company no receivable "
                             "account: is the chart of accounts installed in %s?" % cr.dbname)
        country = env.ref("base.cn")
        defaults = _partner_defaults(env)
        cr.commit()

        # One row per contract with everything derived from k; ids taken from the sequences
        # now, so that the partner, contract and invoice inserts can refer to each other.
        cr.execute("""
            CREATE TEMP TABLE bench_contract ON COMMIT DROP AS
            SELECT k, nextval('res_partner_id_seq') AS partner_id, nextval('loan_contract_id_seq') AS contract_id,
                   k <= %(n_over_c)s AS overdue,
                   CASE WHEN k <= %(n_over_c)s THEN LEAST(%(per)s, %(n)s - %(per)s * (k - 1)) ELSE 0 END AS n_over,
                   1 + (k * 37) %% 40 AS latest,                    -- days overdue of the latest overdue one
                   CASE WHEN k <= %(n_over_c)s THEN k %% 30 ELSE k %% 5 END AS first_future,
                   (60000 + (k %% 100) * 1000)::numeric AS principal,
                   (%(office)s::int[])[1 + k %% %(n_coll)s] AS office_user_id,
                   (%(field)s::int[])[1 + (k / %(n_coll)s) %% %(n_coll)s] AS field_user_id
              FROM generate_series(1, %(n_over_c)s + %(n_cur)s) AS k
        """, {"n_over_c": n_overdue_contracts, "n_cur": n_current, "per": OVERDUE_PER_CONTRACT, "n": overdue,
              "office": office_ids, "field": field_ids, "n_coll": COLLECTORS})
        # Installments of each contract, numbered 1..: paid, overdue, future.
        cr.execute("""
            CREATE TEMP TABLE bench_installment ON COMMIT DROP AS
            SELECT c.contract_id, c.partner_id, c.k, j AS number,
                   CASE WHEN j <= paid THEN 'paid' ELSE 'open' END AS state,
                   CASE WHEN j <= paid + c.n_over
                        -- overdue (and paid, before them): 20 days apart, the last `latest` days ago
                        THEN %(date)s::date - c.latest - 20 * (paid + c.n_over - j)
                        -- future: monthly from `first_future` days ahead
                        ELSE %(date)s::date + c.first_future + 30 * (j - paid - c.n_over - 1)
                   END AS date_due,
                   round(c.principal / total, 2) AS principal_amount,
                   round(c.principal * 0.01, 2) AS interest_amount
              FROM (SELECT bc.*, CASE WHEN bc.overdue THEN %(paid)s ELSE 0 END AS paid,
                           CASE WHEN bc.overdue THEN %(paid)s + bc.n_over + %(future)s ELSE 8 END AS total
                      FROM bench_contract bc) c
             CROSS JOIN LATERAL generate_series(1, c.total) AS j
        """, {"date": date, "paid": PAID_PER_CONTRACT, "future": FUTURE_PER_CONTRACT})
        cr.execute("""
            INSERT INTO res_partner (id, name, display_name, ref, commercial_partner_id, country_id, tz,
                                     customer, supplier, employee, is_company, type, active,
                                     create_uid, create_date, write_uid, write_date %(columns)s)
            SELECT partner_id, '测试借款人' || k, '测试借款人' || k, %%(ref)s || k, partner_id, %%(country)s,
                   'Asia/Shanghai', true, false, false, false, 'contact', true,
                   %%(uid)s, now() at time zone 'UTC', %%(uid)s, now() at time zone 'UTC' %(values)s
              FROM bench_contract
        """ % {"columns": "".join(", %s" % c for c in defaults),
               "values": "".join(", %%(d_%s)s" % c for c in defaults)},
            dict({"ref": PARTNER_REF, "country": country.id, "uid": SUPERUSER_ID},
                 **{"d_%s" % c: v for c, v in defaults.items()}))
        cr.execute("""
            INSERT INTO loan_contract (id, name, partner_id, product_id, product_type, company_id, state,
                                       principal, date_signed, date_disbursed, date_maturity, annual_rate,
                                       overdue_rate, repayment_method, office_user_id, field_user_id,
                                       create_uid, create_date, write_uid, write_date)
            SELECT c.contract_id, %(prefix)s || lpad(c.k::text, 7, '0'), c.partner_id, %(product)s,
                   %(product_type)s, %(company)s, 'active', c.principal, d.first - 30, d.first - 30, d.last,
                   12.0, 18.0, 'equal_installment', c.office_user_id, c.field_user_id,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM bench_contract c
              JOIN (SELECT contract_id, min(date_due) AS first, max(date_due) AS last
                      FROM bench_installment GROUP BY contract_id) d ON d.contract_id = c.contract_id
        """, {"prefix": PREFIX, "product": product.id, "product_type": product.product_type,
              "company": company.id, "uid": SUPERUSER_ID})
        cr.execute("""
            INSERT INTO loan_guarantee (contract_id, partner_id, sequence, role, guarantee_type,
                                        create_uid, create_date, write_uid, write_date)
            SELECT c.contract_id, n.partner_id, 10, 'guarantor', 'joint',
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM bench_contract c JOIN bench_contract n ON n.k = c.k + 1
             WHERE c.k %% 2 = 0
        """, {"uid": SUPERUSER_ID})
        # The invoices: every NOT NULL column of account_invoice is filled (reference_type,
        # partner, account, currency, journal, company), and the stored computed amounts
        # (*_signed, residual*) are written as the ORM would compute them for an invoice
        # without taxes in the company currency.
        cr.execute("""
            INSERT INTO account_invoice
                   (name, origin, type, number, move_name, reference, reference_type, state, sent,
                    date_invoice, date_due, date, partner_id, commercial_partner_id, account_id,
                    currency_id, journal_id, company_id, reconciled,
                    amount_untaxed, amount_untaxed_signed, amount_tax, amount_total, amount_total_signed,
                    amount_total_company_signed, residual, residual_signed, residual_company_signed,
                    loan_contract_id, installment_number, principal_amount, interest_amount,
                    penalty_interest, in_litigation,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(prefix)s || lpad(i.k::text, 7, '0') || ' installment ' || i.number,
                   %(prefix)s || lpad(i.k::text, 7, '0'), 'out_invoice',
                   'BENCH/' || lpad(i.k::text, 7, '0') || '/' || lpad(i.number::text, 2, '0'),
                   'BENCH/' || lpad(i.k::text, 7, '0') || '/' || lpad(i.number::text, 2, '0'),
                   'BENCH-REF-' || lpad(i.k::text, 7, '0') || '-' || lpad(i.number::text, 2, '0'),
                   'none', i.state, false, i.date_due, i.date_due, i.date_due, i.partner_id, i.partner_id,
                   %(account)s, %(currency)s, %(journal)s, %(company)s, i.state = 'paid',
                   a.total, a.total, 0, a.total, a.total, a.total, a.residual, a.residual, a.residual,
                   i.contract_id, i.number, i.principal_amount, i.interest_amount, 0, false,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM bench_installment i
             CROSS JOIN LATERAL (SELECT i.principal_amount + i.interest_amount AS total,
                                        CASE WHEN i.state = 'paid' THEN 0
                                             ELSE i.principal_amount + i.interest_amount END AS residual) a
             ORDER BY i.contract_id, i.number
        """, {"prefix": PREFIX, "account": receivable.id, "currency": company.currency_id.id,
              "journal": journal.id, "company": company.id, "uid": SUPERUSER_ID})
        cr.execute("""
            SELECT count(*) FILTER (WHERE state = 'open' AND date_due < %(date)s),
                   count(*), count(DISTINCT contract_id), count(DISTINCT contract_id)
                       FILTER (WHERE state = 'open' AND date_due < %(date)s)
              FROM bench_installment
        """, {"date": date})
        counts = cr.fetchone()
        if counts[0] != overdue:
            raise SystemExit("error: generated %s overdue installments instead of %s" % (counts[0], overdue))
        cr.commit()
        # Fresh statistics, as a database in use would have (autovacuum has not seen these rows yet).
        cr.autocommit(True)
        for table in ("res_partner", "loan_contract", "loan_guarantee", "account_invoice", "collection_case",
                      "collection_task", "mail_activity", "mail_message"):
            cr.execute("VACUUM ANALYZE %s" % table)
    return {"overdue": counts[0], "installments": counts[1], "contracts": counts[2],
            "overdue_contracts": counts[3], "borrowers": counts[2]}


# Running ------------------------------------------------------------------------------------

RUN_STEPS = ("_bucket_edges", "_update_installments", "_open_cases", "_link_installments", "_close_cases",
             "_update_case_amounts", "_update_partners", "_expire_tasks", "_give_tasks",
             "_create_activities", "_after_run")


def _time_steps(env, timings):
    """Wrap the steps of collection.run (on this process's registry class only, nothing is
    changed on disk) to record the seconds and queries of each."""
    cls = type(env["collection.run"])
    for name in RUN_STEPS:
        original = getattr(cls, name)

        def timed(self, *args, _original=original, _name=name, **kwargs):
            started, queries = time.time(), self.env.cr.sql_log_count
            try:
                return _original(self, *args, **kwargs)
            finally:
                timings.append((_name, time.time() - started, self.env.cr.sql_log_count - queries))
        setattr(cls, name, timed)


def run(registry, date, steps=False):
    """The daily run for `date` as superuser, committed; returns the collection.run values."""
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        timings = []
        if steps:
            _time_steps(env, timings)
        started = time.time()
        record = env["collection.case"].run_daily(date)
        values = record.read(["duration", "query_count", "installments_updated", "cases_opened", "cases_closed",
                              "cases_updated", "tasks_created", "tasks_expired"])[0]
        committing = time.time()
        cr.commit()
        values.update(wall=time.time() - started, commit=time.time() - committing)
        for name, seconds, queries in timings:
            say("    %-22s %7.2f s %4d queries" % (name, seconds, queries))
        return values


# Command line -------------------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    sub = parser.add_subparsers(dest="command")
    gen = sub.add_parser("generate")
    gen.add_argument("--overdue", type=int, required=True, help="overdue installments on DATE")
    gen.add_argument("--date", default=None, help="the run date (default: today)")
    run_ = sub.add_parser("run")
    run_.add_argument("--date", default=None)
    run_.add_argument("--steps", action="store_true", help="time each step of collection.run")
    sub.add_parser("clean")
    args = parser.parse_args(argv)
    if not args.command:
        parser.error("give a command: generate, run or clean")
    date = getattr(args, "date", None) or fields.Date.to_string(datetime.date.today())
    with api.Environment.manage():
        registry = open_registry(args.config)
        if args.command == "clean":
            contracts, seconds = clean(registry)
            print("cleaned=%d clean_seconds=%.2f" % (contracts, seconds))
        elif args.command == "generate":
            if args.overdue < 1:
                parser.error("--overdue must be at least 1")
            contracts, clean_seconds = clean(registry)
            started = time.time()
            counts = generate(registry, args.overdue, date)
            print("cleaned=%d clean_seconds=%.2f generate_seconds=%.2f %s" % (
                contracts, clean_seconds, time.time() - started,
                " ".join("%s=%s" % item for item in sorted(counts.items()))))
        else:
            values = run(registry, date, steps=args.steps)
            print("duration=%.2f query_count=%d wall=%.2f commit=%.2f installments_updated=%d cases_opened=%d "
                  "cases_closed=%d cases_updated=%d tasks_created=%d tasks_expired=%d" % (
                      values["duration"], values["query_count"], values["wall"], values["commit"],
                      values["installments_updated"], values["cases_opened"], values["cases_closed"],
                      values["cases_updated"], values["tasks_created"], values["tasks_expired"]))


if __name__ == "__main__":
    main(sys.argv[1:])
