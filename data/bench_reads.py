"""The reads of `make bench` (issue 14): list pages and reports timed as the web client asks
for them, on the portfolio the daily-run benchmark left in CONFIG's database.

    bench_reads.py CONFIG [--date YYYY-MM-DD] [--month-ends 4] [--repeat 3]

First (not timed) the month-end snapshots of the last MONTH_ENDS month-ends before DATE are taken
(collection.snapshot._take, which also writes the roll-rate summary), as the daily runs of those
days would have, and committed; then VACUUM ANALYZE, as autovacuum would. Then each read is done REPEAT times in this process and the best
wall time is kept (the first call also warms Odoo's caches, as a user's earlier pages would), with
its CPU seconds and SQL query count:

  * worklist: an office collector's default worklist (My Tasks, To Do, Due Today or Before:
    search_read of the list's fields, 80 rows, and the count), and the manager's whole To Do list;
  * case list: the open cases, as the manager and as an office collector (his own by the rules);
  * aging: the aging report grouped by office collector and by bucket (read_group, manager);
  * roll-rate: the roll-rate report of the last month-end by bucket from / to, and of every
    month-end (read_group, manager);
  * case form: the reads of a collector's case form (the record and its one2many lists), as the
    collector and as admin (query counts compared).

The target is 0.5 s for each. Each line on stderr is one figure; the last stdout line is
key=value pairs for tools/bench.sh.
"""
import argparse
import datetime
import resource
import sys
import time
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api

TARGET = 0.5


def say(message):
    print(message, file=sys.stderr, flush=True)


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def month_ends(date, count):
    """The `count` last month-ends strictly before `date`, oldest first."""
    ends, day = [], date.replace(day=1) - datetime.timedelta(days=1)
    while len(ends) < count:
        ends.append(day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    return list(reversed(ends))


def snapshots(registry, date, count):
    with closing(registry.cursor()) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.time()
        ends = month_ends(date, count)
        for day in ends:
            # Taken already by an earlier call on this portfolio (_take would change nothing).
            cr.execute("SELECT 1 FROM collection_snapshot WHERE date = %s LIMIT 1", (day,))
            if not cr.fetchone():
                env["collection.snapshot"]._take(day)
        cr.commit()
        cr.execute("SELECT count(*) FROM collection_snapshot")
        rows = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM collection_roll_rate_report")
        summary = cr.fetchone()[0]
    say("    month-end snapshots %s: %d snapshot rows, %d roll-rate rows, in %.1f s (not timed)"
        % (", ".join(map(str, ends)), rows, summary, time.time() - started))
    return ends


VIEWS = {}


def view_fields(env, model, view_type):
    """The fields of the model's default view of `view_type`: the web client loads a view once
    per action, then reads page after page, so the view is loaded once here too, not timed
    (the first of the repeated reads includes it)."""
    key = (model, view_type, env.uid)  # the fields shown depend on the user's groups
    if key not in VIEWS:
        VIEWS[key] = env[model].fields_view_get(view_type=view_type)["fields"]
    return VIEWS[key]


def list_fields(env, model):
    return list(view_fields(env, model, "tree"))


def vacuum(registry):
    """What autovacuum does between two days (off on some servers, CI ones): the visibility map
    and statistics after the runs and snapshots (not timed)."""
    started = time.time()
    with closing(registry.cursor()) as cr:
        cr.autocommit(True)
        for table in ("account_invoice", "collection_case", "collection_task", "mail_activity",
                      "collection_snapshot", "collection_roll_rate_report", "res_partner", "loan_contract",
                      "collection_aging_total"):
            cr.execute("VACUUM ANALYZE %s" % table)  # table names from the list above, not input
    say("    (VACUUM ANALYZE of the tables read, %.1f s, not timed)" % (time.time() - started))


def timed(registry, login, repeat, read):
    """Best of `repeat` calls of read(env) as `login` in a fresh cursor each (rolled back):
    (wall, cpu, queries, result)."""
    best = None
    for _ in range(repeat):
        with closing(registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            uid = env["res.users"].search([("login", "=", login)]).id
            env = api.Environment(cr, uid, {"lang": "zh_CN", "tz": "Asia/Shanghai"})
            queries, started, cpu_started = cr.sql_log_count, time.time(), cpu()
            result = read(env)
            figure = (time.time() - started, cpu() - cpu_started, cr.sql_log_count - queries, result)
            cr.rollback()
        if best is None or figure[0] < best[0]:
            best = figure
    return best


def list_page(model, domain, limit=80, order=None):
    """A list page: its first `limit` rows with the list view's fields, and the count. `domain`
    may be a function of the environment (the user's own id)."""
    def read(env):
        Model = env[model]
        where = domain(env) if callable(domain) else domain
        rows = Model.search_read(where, list_fields(env, model), limit=limit, order=order)
        return len(rows), Model.search_count(where)
    return read


def grouped(model, domain, groupby, measure="amount", lazy=True):
    def read(env):
        groups = env[model].read_group(domain, [measure] + groupby, groupby, lazy=lazy)
        return len(groups), None
    return read


def case_form(case_id):
    """What the web client reads to show a case form: the record's form fields, then each
    one2many list with its own list view's fields."""
    def read(env):
        Case = env["collection.case"]
        view = view_fields(env, "collection.case", "form")
        record = Case.browse(case_id).read(list(view))[0]
        lines = 0
        for name, field in Case._fields.items():
            if name in view and field.type == "one2many" and record.get(name):
                sub = env[field.comodel_name]
                fields = [f for f in view[name].get("views", {}).get("tree", {}).get("fields", {})] \
                    or ["display_name"]
                lines += len(sub.browse(record[name]).read(fields))
        return lines, None
    return read


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("--date", type=lambda s: datetime.datetime.strptime(s, "%Y-%m-%d").date(),
                        default=datetime.date.today(), help="the first run's date (the reads are of the next day)")
    parser.add_argument("--month-ends", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config])
    registry = odoo.registry(odoo.tools.config["db_name"])
    ends = snapshots(registry, args.date, args.month_ends)
    vacuum(registry)
    with closing(registry.cursor()) as cr:
        cr.execute("""SELECT cc.id, u.login FROM collection_case cc JOIN res_users u ON u.id = cc.office_user_id
                       WHERE cc.is_open AND u.login LIKE 'bench_office_%%' ORDER BY cc.priority_score DESC, cc.id
                       LIMIT 1""")
        case_id, collector = cr.fetchone()
        cr.execute("SELECT count(*) FROM collection_case WHERE office_user_id = (SELECT id FROM res_users WHERE login = %s)",
                   (collector,))
        collector_cases = cr.fetchone()[0]
    last = ends[-2] if len(ends) > 1 else ends[-1]
    reads = [
        ("worklist", "collector's worklist", collector, list_page(
            "collection.task", lambda env: [("user_id", "=", env.uid), ("state", "=", "todo"), ("is_due", "=", True)])),
        ("worklist_all", "manager's To Do list", "bench_manager", list_page(
            "collection.task", [("state", "=", "todo")])),
        ("cases", "open cases (manager)", "bench_manager", list_page("collection.case", [("is_open", "=", True)])),
        ("cases_collector", "open cases (collector)", collector, list_page(
            "collection.case", [("is_open", "=", True)])),
        ("aging", "aging by office collector", "bench_manager", grouped(
            "collection.aging.report", [], ["office_user_id"])),
        ("aging_bucket", "aging by bucket", "bench_manager", grouped(
            "collection.aging.report", [], ["bucket"])),
        ("roll_rate", "roll rates of %s" % last, "bench_manager", grouped(
            "collection.roll.rate.report", [("date_from", "=", str(last))], ["bucket_from", "bucket_to"],
            measure="amount_from", lazy=False)),
        ("roll_rate_all", "roll rates of every month-end", "bench_manager", grouped(
            "collection.roll.rate.report", [], ["bucket_from", "bucket_to"], measure="amount_from", lazy=False)),
        ("form_collector", "case form (collector)", collector, case_form(case_id)),
        ("form_admin", "case form (admin)", "admin", case_form(case_id)),
    ]
    values = {}
    # The reads are those of the day after DATE, after that day's run (the last one bench.sh
    # times), at 10:00 in China: the worklist then holds that day's tasks. On the machine's own
    # clock the worklist was empty or full depending on the hour the benchmark ran at.
    from odoo.addons.loan_collection.services import clock
    reads_at = clock.to_utc(datetime.datetime.combine(args.date + datetime.timedelta(days=1),
                                                      datetime.time(10, 0)), clock.DEFAULT_TZ)
    say("    (collector %s, %d cases; best of %d)" % (collector, collector_cases, args.repeat))
    for key, label, login, read in reads:
        with clock.frozen(reads_at):
            wall, cpu_s, queries, (rows, count) = timed(registry, login, args.repeat, read)
        met = "met" if wall < TARGET else "NOT met"
        say("    %-34s %6.3f s wall, %6.3f s CPU, %4d SQL queries (%d rows%s): target %.1f s %s"
            % (label + ":", wall, cpu_s, queries, rows, "" if count is None else " of %d" % count, TARGET, met))
        values[key] = "%.3f" % wall
        values[key + "_queries"] = queries
    print(" ".join("%s=%s" % item for item in values.items()))


if __name__ == "__main__":
    with api.Environment.manage():
        main(sys.argv[1:])
