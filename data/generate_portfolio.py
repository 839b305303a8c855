"""Benchmark portfolio for the daily collection run (`make bench`, see data/README.md).

    generate_portfolio.py CONFIG prepare                        # once, in the template
    generate_portfolio.py CONFIG fresh --template loan_bench    # CONFIG's db := a copy of it
    generate_portfolio.py CONFIG generate --overdue N [--date YYYY-MM-DD]
    generate_portfolio.py CONFIG run [--date YYYY-MM-DD] [--steps]
    generate_portfolio.py CONFIG vacuum

`prepare` creates the collector users in the kept template database (loan_bench). `fresh`
replaces CONFIG's database by a copy of the template, so that each size starts from an empty
portfolio. `generate` builds a portfolio with exactly N overdue installments on DATE (default
today). `run` runs the daily collection run for DATE as superuser in its own process, commits
and prints the run's duration and query count (`--steps` also times each step of
collection.run and prints its slow queries, to find a bottleneck). `vacuum` does what
autovacuum would do between two days. Each command ends with one line of key=value pairs on
stdout for tools/bench.sh; everything else goes to stderr.

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
    manager (the escalation tasks need one);
  * three teams with their allocation rules (see _teams): the first run allocates every
    case to a team and a collector, the next day's run moves those whose days overdue now
    fit another team's rule (流转).
"""
import argparse
import datetime
import sys
import time
from contextlib import closing

import pytz

import odoo
from odoo import SUPERUSER_ID, api, fields

PREFIX = "BENCH-"             # loan.contract names of the portfolio
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


# A fresh database per size ------------------------------------------------------------------

def fresh(template):
    """Replace the configured database by a copy of `template` (the kept loan_bench, with the
    addons installed and no portfolio): about 2 s with Odoo's duplicate (the copy itself is
    0.3 s), where deleting a 100,000-installment portfolio row by row through the foreign keys
    took well over ten minutes (several referencing columns have no index: collection_task.activity_id,
    account_invoice.refund_invoice_id, ...) and breaks whenever an addon adds a table that
    refers to contracts or cases. Odoo's own drop and duplicate, so the filestore follows."""
    from odoo.service import db as db_service
    target = odoo.tools.config["db_name"]
    if target == template:
        raise SystemExit("error: the benchmark database cannot be its own template (%s)" % template)
    started = time.time()
    # Odoo guards these behind list_db (off in our configurations, for the web server).
    odoo.tools.config["list_db"] = True
    db_service.exp_drop(target)
    db_service.exp_duplicate_database(template, target)
    return time.time() - started


def prepare(registry):
    """Once in the template: the collector users (through the ORM), a policy manager, and the
    teams with their allocation rules."""
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        _teams(env, *_collectors(env))
        cr.commit()


def _teams(env, office_ids, field_ids):
    """The bench teams (created once), so that the run allocates every case (分案, issue 16):
    M1 (1-30 days) round-robin over the first half of the office collectors, M2+ (31 days and
    more) balanced by open amount over the other half, and one visit team of every field
    collector balanced by case count once the policy's visit step has come."""
    Team = env["collection.team"].with_context(active_test=False)
    half = len(office_ids) // 2
    for name, role, members, method, rule in (
            ("BENCH M1 电催组", "office", office_ids[:half], "round_robin", {"days_from": 1, "days_to": 30}),
            ("BENCH M2+ 电催组", "office", office_ids[half:], "balanced_amount", {"days_from": 31}),
            ("BENCH 外访组", "field", field_ids, "balanced_count", {"needs_visit": True})):
        if Team.search_count([("name", "=", name)]):
            continue
        team = Team.create({"name": name, "role": role, "leader_id": members[0], "method": method,
                            "member_ids": [(0, 0, {"user_id": user_id}) for user_id in members]})
        env["collection.allocation.rule"].create(dict(rule, name=name, team_id=team.id))


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


def _insert(env, model, explicit, source, context=None):
    """INSERT INTO model's table (explicit columns, then every other stored column that has an
    ORM default, as a constant) SELECT explicit expressions, defaults FROM source.

    `explicit` is a list of (column, SQL expression) pairs; the expressions may use
    %(name)s parameters given to execute(). The defaults come from default_get(), so a
    required field an addon adds later (with a default) is filled without touching this
    file; a NOT NULL column without either is reported by name."""
    Model = env[model].with_context(**(context or {}))
    table = Model._table
    # Defaults that must differ from row to row (a constant would give every row the same token).
    explicit = explicit + [(name, expression) for name, expression in PER_ROW_DEFAULTS.items()
                           if name in Model._fields and Model._fields[name].store]
    names = {column for column, _expression in explicit}
    # The ORM's defaults as the product's bulk writer takes them (the audit columns are explicit here).
    defaults = env["loan.installment.writer"]._defaults(model, names, context)
    env.cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
    """, (table,))
    missing = sorted(row[0] for row in env.cr.fetchall() if row[0] not in names and defaults.get(row[0]) is None)
    if missing:
        raise SystemExit("error: %s has required column(s) %s that data/generate_portfolio.py does not fill and "
                         "that have no default: add them to its INSERT of %s." % (table, ", ".join(missing), model))
    columns = [column for column, _expression in explicit] + list(defaults)
    expressions = [expression for _column, expression in explicit] + [
        "%%(default_%s)s" % column for column in defaults]
    query = 'INSERT INTO "%s" (%s) SELECT %s FROM %s' % (
        table, ", ".join('"%s"' % c for c in columns), ",\n       ".join(expressions), source)
    return query, {"default_%s" % column: value for column, value in defaults.items()}


def _execute(cr, statement, params):
    query, defaults = statement
    cr.execute(query, dict(params, **defaults))
    return cr.rowcount


PER_ROW_DEFAULTS = {"access_token": "gen_random_uuid()::text"}
AUDIT = [("create_uid", "%(uid)s"), ("create_date", "now() at time zone 'UTC'"),
         ("write_uid", "%(uid)s"), ("write_date", "now() at time zone 'UTC'")]


def generate(registry, overdue, date):
    """A portfolio with exactly `overdue` overdue installments on `date` (see the module's doc)."""
    n_overdue_contracts = -(-overdue // OVERDUE_PER_CONTRACT)
    n_current = n_overdue_contracts // CURRENT_RATIO
    with closing(registry.cursor()) as cr:
        cr.execute("SELECT count(*) FROM loan_contract WHERE name LIKE %s", (PREFIX + "%",))
        if cr.fetchone()[0]:
            raise SystemExit("error: %s already has a benchmark portfolio: generate into a fresh copy of the "
                             "template (the `fresh` command)" % cr.dbname)
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
        params = {"date": date, "uid": SUPERUSER_ID, "prefix": PREFIX, "partner_ref": PARTNER_REF,
                  "country": env.ref("base.cn").id, "product": product.id, "product_type": product.product_type,
                  "company": company.id, "currency": company.currency_id.id, "journal": journal.id,
                  "account": receivable.id, "paid": PAID_PER_CONTRACT, "future": FUTURE_PER_CONTRACT,
                  "n_over_c": n_overdue_contracts, "n_cur": n_current, "per": OVERDUE_PER_CONTRACT,
                  "n": overdue, "office": office_ids, "field": field_ids, "n_coll": COLLECTORS}
        partners = _insert(env, "res.partner", [
            ("id", "partner_id"), ("name", "'测试借款人' || k"), ("display_name", "'测试借款人' || k"),
            ("ref", "%(partner_ref)s || k"), ("commercial_partner_id", "partner_id"),
            ("country_id", "%(country)s"), ("tz", "'Asia/Shanghai'"), ("customer", "true"),
            ("supplier", "false"), ("employee", "false"), ("is_company", "false"), ("type", "'contact'"),
            ("active", "true")] + AUDIT, "bench_contract")
        # Each borrower's own mobile, valid: the daily run calls it (a debtor without a valid number
        # of his own gets a find-contact task instead of his calls and messages).
        phones = _insert(env, "collection.contact.point", [
            ("partner_id", "partner_id"), ("kind", "'phone'"), ("relation", "'self'"), ("status", "'valid'"),
            ("value", "'139' || lpad(k::text, 8, '0')"), ("value_normalized", "'139' || lpad(k::text, 8, '0')"),
            ("is_third_party", "false"), ("active", "true"), ("sequence", "10")] + AUDIT, "bench_contract")
        contracts = _insert(env, "loan.contract", [
            ("id", "c.contract_id"), ("name", "%(prefix)s || lpad(c.k::text, 7, '0')"),
            ("partner_id", "c.partner_id"), ("product_id", "%(product)s"), ("product_type", "%(product_type)s"),
            ("company_id", "%(company)s"), ("state", "'active'"), ("principal", "c.principal"),
            ("date_signed", "d.first - 30"), ("date_disbursed", "d.first - 30"), ("date_maturity", "d.last"),
            ("annual_rate", "12.0"), ("overdue_rate", "18.0"), ("repayment_method", "'equal_installment'"),
            ("office_user_id", "c.office_user_id"), ("field_user_id", "c.field_user_id")] + AUDIT, """
            bench_contract c
            JOIN (SELECT contract_id, min(date_due) AS first, max(date_due) AS last
                    FROM bench_installment GROUP BY contract_id) d ON d.contract_id = c.contract_id""")
        guarantees = _insert(env, "loan.guarantee", [
            ("contract_id", "c.contract_id"), ("partner_id", "n.partner_id"), ("sequence", "10"),
            ("role", "'guarantor'"), ("guarantee_type", "'joint'")] + AUDIT,
            "bench_contract c JOIN bench_contract n ON n.k = c.k + 1 WHERE c.k %% 2 = 0")
        # The invoices: every NOT NULL column of account_invoice is filled (reference_type,
        # partner, account, currency, journal, company), and the stored computed amounts
        # (*_signed, residual*) are written as the ORM would compute them for an invoice
        # without taxes in the company currency.
        number = "'BENCH/' || lpad(i.k::text, 7, '0') || '/' || lpad(i.number::text, 2, '0')"
        invoices = _insert(env, "account.invoice", [
            ("name", "%(prefix)s || lpad(i.k::text, 7, '0') || ' installment ' || i.number"),
            ("origin", "%(prefix)s || lpad(i.k::text, 7, '0')"), ("type", "'out_invoice'"),
            ("number", number), ("move_name", number),
            ("reference", "'BENCH-REF-' || lpad(i.k::text, 7, '0') || '-' || lpad(i.number::text, 2, '0')"),
            ("reference_type", "'none'"), ("state", "i.state"), ("sent", "false"),
            ("date_invoice", "i.date_due"), ("date_due", "i.date_due"), ("date", "i.date_due"),
            ("partner_id", "i.partner_id"), ("commercial_partner_id", "i.partner_id"),
            ("account_id", "%(account)s"), ("currency_id", "%(currency)s"), ("journal_id", "%(journal)s"),
            ("company_id", "%(company)s"), ("reconciled", "i.state = 'paid'"),
            ("amount_untaxed", "a.total"), ("amount_untaxed_signed", "a.total"), ("amount_tax", "0"),
            ("amount_total", "a.total"), ("amount_total_signed", "a.total"),
            ("amount_total_company_signed", "a.total"), ("residual", "a.residual"),
            ("residual_signed", "a.residual"), ("residual_company_signed", "a.residual"),
            ("loan_contract_id", "i.contract_id"), ("installment_number", "i.number"),
            ("principal_amount", "i.principal_amount"), ("interest_amount", "i.interest_amount"),
            ("penalty_interest", "0"), ("in_litigation", "false")] + AUDIT, """
            bench_installment i
            CROSS JOIN LATERAL (SELECT i.principal_amount + i.interest_amount AS total,
                                       CASE WHEN i.state = 'paid' THEN 0
                                            ELSE i.principal_amount + i.interest_amount END AS residual) a
            ORDER BY i.contract_id, i.number""", context={"type": "out_invoice", "journal_type": "sale"})
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
        """, params)
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
        """, params)
        for statement in (partners, phones, contracts, guarantees, invoices):
            _execute(cr, statement, params)
        cr.execute("""
            SELECT count(*) FILTER (WHERE state = 'open' AND date_due < %(date)s),
                   count(*), count(DISTINCT contract_id), count(DISTINCT contract_id)
                       FILTER (WHERE state = 'open' AND date_due < %(date)s)
              FROM bench_installment
        """, params)
        counts = cr.fetchone()
        if counts[0] != overdue:
            raise SystemExit("error: generated %s overdue installments instead of %s" % (counts[0], overdue))
        cr.commit()
        # Fresh statistics, as a database in use would have (autovacuum has not seen these rows yet).
        cr.autocommit(True)
        for table in VACUUM_TABLES:
            cr.execute("VACUUM ANALYZE %s" % table)
    return {"overdue": counts[0], "installments": counts[1], "contracts": counts[2],
            "overdue_contracts": counts[3], "borrowers": counts[2]}


# Running ------------------------------------------------------------------------------------

VACUUM_TABLES = ("res_partner", "collection_contact_point", "loan_contract", "loan_guarantee", "account_invoice", "collection_case",
                 "collection_case_party_rel", "collection_task", "mail_activity", "mail_message",
                 "collection_aging_total")
# Not steps of the run, or too small to be worth a line.
NOT_STEPS = {"run", "_day_steps", "_compute_name", "_audit_columns", "_load_demo_scenario"}


def _run_steps(cls):
    """The methods of collection.run defined by our addons (the steps of the run and their
    helpers), whatever they are today."""
    names = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("odoo.addons.loan_"):
            names.update(name for name, value in vars(klass).items()
                         if callable(value) and name.startswith("_") and not name.startswith("__"))
    return sorted(names - NOT_STEPS)


def _time_steps(env, timings, queries):
    """Wrap the steps of collection.run (on this process's registry class only, nothing is
    changed on disk) and the cursor's execute, to record the seconds and queries of each step
    and the seconds of each query."""
    cls = type(env["collection.run"])
    stack = []
    for name in _run_steps(cls):
        original = getattr(cls, name)

        def timed(self, *args, _original=original, _name=name, **kwargs):
            started, count = time.time(), self.env.cr.sql_log_count
            step = len(timings)
            timings.append([len(stack), _name, None, None])
            stack.append(step)
            try:
                return _original(self, *args, **kwargs)
            finally:
                stack.pop()
                timings[step][2:] = [time.time() - started, self.env.cr.sql_log_count - count]
        setattr(cls, name, timed)
    execute = env.cr.execute

    def timed_execute(query, params=None, log_exceptions=None):
        started = time.time()
        try:
            return execute(query, params, log_exceptions)
        finally:
            queries.append((stack[-1] if stack else None, time.time() - started, " ".join(str(query).split())))
    env.cr.execute = timed_execute


def _print_steps(timings, queries, slow=0.2):
    """Each step (nested ones indented) with its time and query count, and its queries of
    more than `slow` seconds."""
    for step, (depth, name, seconds, count) in enumerate(timings):
        indent = "    " + "  " * depth
        say("%s%-22s %7.2f s %4d queries" % (indent, name, seconds or 0, count or 0))
        for owner, query_seconds, text in queries:
            if owner == step and query_seconds >= slow:
                say("%s  %6.2f s  %s" % (indent, query_seconds, text[:100]))


def _backend_cpu(pid):
    """CPU seconds (user + system) of PostgreSQL backend `pid` so far, from /proc; -1 when the
    server is on another machine (or /proc cannot be read)."""
    import os
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields_ = stat.read().rsplit(")", 1)[1].split()
        return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return -1


def backend_cpu(cr):
    """CPU seconds used so far by this cursor's PostgreSQL backend; -1 if not readable."""
    cr.execute("SELECT pg_backend_pid()")
    return _backend_cpu(cr.fetchone()[0])


def run(registry, date, steps=False):
    """The daily run for `date` as superuser, committed; returns the collection.run values."""
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        timings, queries = [], []
        if steps:
            _time_steps(env, timings, queries)
        cr.execute("SELECT pg_backend_pid()")
        backend = cr.fetchone()[0]
        started, cpu, db_cpu = time.time(), time.process_time(), _backend_cpu(backend)
        record = env["collection.case"].run_daily(date)
        counters = [name for name, field in record._fields.items()
                    if field.type == "integer" and field.store and name not in ("id", "query_count")]
        values = record.read(["duration", "query_count"] + counters)[0]
        # Everything the run says it wrote: 0 for a second run of the same date.
        values["writes"] = sum(values[name] or 0 for name in counters)
        committing = time.time()
        cr.commit()
        # CPU seconds of this process (Odoo's Python) and of its PostgreSQL backend (-1: not on this
        # machine), comparable on a machine shared with other work where the wall time is not.
        after = _backend_cpu(backend)
        values.update(wall=time.time() - started, commit=time.time() - committing, cpu=time.process_time() - cpu,
                      db_cpu=after - db_cpu if after >= 0 and db_cpu >= 0 else -1)
        if steps:
            _print_steps(timings, queries)
        return values


def vacuum(registry):
    """VACUUM ANALYZE of the tables the daily run writes: what autovacuum does between two
    daily runs (it is off on some servers, e.g. CI ones; without it the dead rows of each run
    and stale statistics slow the next one)."""
    started = time.time()
    with closing(registry.cursor()) as cr:
        cr.autocommit(True)
        for table in VACUUM_TABLES:
            cr.execute("VACUUM ANALYZE %s" % table)
    return time.time() - started


def _court_ready(env, count):
    """`count` legal cases of the portfolio with what a complaint states (not timed): the first
    open collection cases handed over to legal as a manager does (the defendants, the claim and
    the evidence taken from the case), then what the generated portfolio does not have: each
    party's identity number, address and mobile, the contract's signing and disbursement
    particulars, the court, the evidence collected."""
    from generate_import_file import resident_id
    case_ids = env["collection.case"].search([("is_open", "=", True)], limit=count, order="id").ids
    # By 50, each a recordset of its own: one recordset of 1,000 is prefetched whole again after
    # each write (Odoo 11 invalidates the written fields of every cached record).
    for start in range(0, len(case_ids), 50):
        env["collection.case"].browse(case_ids[start:start + 50])._handover_to_legal()
    legal = env["legal.case"].search([("collection_case_id", "in", case_ids)])
    zhejiang = env.ref("l10n_cn.state_ZJ").id
    for partner_id in legal.mapped("party_ids.partner_id").ids:
        env["res.partner"].browse(partner_id).write({
            "identity_type": "resident_id", "identity_number": resident_id(partner_id),
            "street": "文三路%d号" % partner_id, "city": "杭州市", "state_id": zhejiang,
            "mobile": "138%08d" % partner_id})
    # An active contract's signed terms are refused to every user (the particulars a transferred
    # contract lacks are entered on the legal case by hand): written directly here.
    env.cr.execute("""
        UPDATE loan_contract SET place_signed = '杭州市西湖区', date_signed = date_disbursed,
                                 disbursed_amount = principal, disbursement_date = date_disbursed
         WHERE id IN %s""", (tuple(legal.mapped("contract_id").ids),))
    env.cache.invalidate()
    legal.write({"court_id": env.ref("loan_legal.court_hz_xihu").id})
    legal.mapped("evidence_ids").write({"state": "collected"})
    return legal


def documents(registry, count, kind="overdue_notice"):
    """A bulk generation of `count` documents of `kind` (overdue_notice: on open collection
    cases; complaint: the court document, on legal cases), as the background batch makes them
    (issue 13: one loan.document.batch, its queue_job chunks performed one after the other in this
    process, the zip built at the end); rolled back. Returns the wall and CPU seconds and the
    counts. What the documents need and the portfolio lacks is given first (not timed): the
    company's address, phone and repayment account; for complaints, the legal cases (_court_ready)."""
    from odoo.addons.queue_job.job import Job
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
        company = env.user.company_id
        company.write({"phone": company.phone or "0571-88880000", "city": company.city or "杭州市",
                       "street": company.street or "西湖区文三路1号",
                       "state_id": company.state_id.id or env.ref("l10n_cn.state_ZJ").id})
        if not company.partner_id.identity_number:
            company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                      "legal_representative": "钱建国"})
        if not company._collection_bank().bank_id:
            bank = env["res.bank"].create({"name": "中国工商银行杭州西湖支行"})
            env["res.partner.bank"].create({"acc_number": "1202 0211 0990 0000 001", "bank_id": bank.id,
                                            "partner_id": company.partner_id.id})
        if kind == "complaint":
            records = _court_ready(env, count)
        else:
            records = env["collection.case"].search([("is_open", "=", True)], limit=count, order="id")
        started, cpu = time.time(), time.process_time()
        batch = env["loan.document.batch"]._start(kind, records)
        jobs = env["queue.job"].search([("model_name", "=", batch._name), ("method_name", "=", "_run_chunk"),
                                        ("name", "=like", batch.name + "%")], order="id")
        for job in jobs:
            Job.load(env, job.uuid).perform()
        values = {"documents_seconds": time.time() - started, "documents_cpu": time.process_time() - cpu,
                  "documents": batch.generated_count, "refused": batch.refused_count, "chunks": len(jobs),
                  "zip_kb": len(batch.zip_file or b"") * 3 // 4 // 1024}
        cr.rollback()
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
    fresh_ = sub.add_parser("fresh")
    fresh_.add_argument("--template", required=True, help="the database copied (loan_bench)")
    sub.add_parser("prepare")
    sub.add_parser("vacuum")
    docs = sub.add_parser("documents")
    docs.add_argument("--count", type=int, default=1000, help="documents generated in one bulk batch")
    docs.add_argument("--kind", default="overdue_notice", choices=("overdue_notice", "complaint"),
                      help="overdue notices of collection cases, or complaints of legal cases")
    args = parser.parse_args(argv)
    if not args.command:
        parser.error("give a command: prepare, fresh, generate, run, vacuum or documents")
    # The run's date is the company's day in China (the daily run's own default), not the UTC date.
    date = getattr(args, "date", None) or fields.Date.to_string(
        datetime.datetime.now(pytz.timezone("Asia/Shanghai")).date())
    with api.Environment.manage():
        if args.command == "fresh":
            odoo.tools.config.parse_config(["-c", args.config])
            print("fresh_seconds=%.2f" % fresh(args.template))
            return
        registry = open_registry(args.config)
        if args.command == "prepare":
            prepare(registry)
            print("prepared=1")
        elif args.command == "vacuum":
            print("vacuum_seconds=%.2f" % vacuum(registry))
        elif args.command == "documents":
            values = documents(registry, args.count, args.kind)
            print(" ".join("%s=%s" % (name, round(value, 2) if isinstance(value, float) else value)
                           for name, value in sorted(values.items())))
        elif args.command == "generate":
            if args.overdue < 1:
                parser.error("--overdue must be at least 1")
            started = time.time()
            counts = generate(registry, args.overdue, date)
            print("generate_seconds=%.2f %s" % (
                time.time() - started, " ".join("%s=%s" % item for item in sorted(counts.items()))))
        else:
            values = run(registry, date, steps=args.steps)
            print(" ".join("%s=%s" % (name, round(value, 2) if isinstance(value, float) else value)
                           for name, value in sorted(values.items()) if name != "id"))


if __name__ == "__main__":
    main(sys.argv[1:])
