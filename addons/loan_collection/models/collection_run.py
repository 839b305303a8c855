# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily collection run.

Every step is set-based: a fixed number of SQL statements whatever the size of the
portfolio, because the ORM would issue several queries per installment and case (OCA
account_credit_control's run took 55.6 s for 1,000 invoices here; ours must do 100,000 in
under a minute). Where a rule is needed (buckets, penalty interest, priority, policy steps)
the rows are read in one query, the rule from services/ is applied in Python, and the
result is written back in one UPDATE ... FROM unnest(arrays). Rows whose values would not
change are not written, so a second run for the same date changes nothing.

account_invoice, the largest table, is read once and written once (days, bucket, penalty and
case together); a new task is inserted once, with its activity, in the same statement.

The steps live in focused files, each extending this model: collection_run_installments.py,
collection_run_cases.py, collection_run_promises.py, collection_run_allocation.py, collection_run_tasks.py (and
collection_run_finance.py for the month-end snapshot, collection_run_demo.py for the demo).
"""
import datetime
import logging
import time

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..services import aging
from .collection_case_keys import case_keys_deferred
from .res_company import business_today

_logger = logging.getLogger(__name__)

# pg advisory lock key of the run: two runs at once cannot both write.
RUN_LOCK_KEY = 7_411_011


def pg_has_jit(cr):
    """PostgreSQL 11 and later compile queries (JIT); 10 has neither JIT nor its setting."""
    return cr._cnx.server_version >= 110000


def no_jit(cr):
    """No JIT compilation of queries for the rest of this transaction. The run's few statements
    each touch every open installment, case or task: PostgreSQL's estimates put them above
    jit_above_cost, and compiling them cost about a second of PostgreSQL CPU per statement for
    no gain (the work is index lookups and row writes, not expression evaluation): 21 % of the
    next-day run's PostgreSQL CPU at 20,000 overdue installments (make bench)."""
    if pg_has_jit(cr):
        cr.execute("SET LOCAL jit = off")


def _date(value):
    """A date from Odoo's cursor ('YYYY-MM-DD': Odoo 11 reads dates as strings), or None. The run
    parses one for each overdue installment: date.fromisoformat is about 20 times cheaper than
    fields.Date.from_string (strptime), a second of the first run's CPU at 100,000."""
    return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) else value


class CollectionRun(models.Model):
    _name = "collection.run"
    _description = "Daily Collection Run"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Date(required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Started By", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(12, 2))
    query_count = fields.Integer(string="SQL Queries", readonly=True)
    installments_updated = fields.Integer(readonly=True)
    cases_opened = fields.Integer(readonly=True)
    cases_closed = fields.Integer(readonly=True)
    cases_updated = fields.Integer(readonly=True)
    cases_moved = fields.Integer(string="Cases Allocated or Moved", readonly=True)
    tasks_created = fields.Integer(readonly=True)
    tasks_expired = fields.Integer(readonly=True)
    settlements_lapsed = fields.Integer(readonly=True, help="Approved settlements not paid by their date.")
    plans_fulfilled = fields.Integer(string="Plans Paid", readonly=True,
                                     help="Restructuring plans paid in full: what they held is waived.")
    plans_broken = fields.Integer(readonly=True, help="Restructuring plans with an instalment unpaid after the days "
                                                      "of grace.")
    promises_kept = fields.Integer(readonly=True)
    promises_partial = fields.Integer(string="Promises Partly Kept", readonly=True)
    promises_broken = fields.Integer(readonly=True)
    partners_blacklisted = fields.Integer(readonly=True)

    def _compute_name(self):
        for run in self:
            run.name = _("Daily run of %s") % run.date

    # Entry point -----------------------------------------------------------------------------

    @api.model
    @api.returns("collection.run", lambda run: run.id)  # over RPC: its id (a recordset cannot be marshalled)
    def run(self, date=None):
        """Run the day's collection for `date` (a date or 'YYYY-MM-DD'; default: today).

        Opens cases; updates days overdue, buckets, penalty interest and case of all open
        installments; closes cases; refreshes case amounts and priorities; gives the day's policy
        steps as worklist tasks (with activities). Returns the collection.run record (its id over RPC).
        """
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("loan_collection.group_collection_manager"):
            raise AccessError(_("Only collection managers can start the daily collection run."))
        if not date:
            date = business_today(self)
        if isinstance(date, str):
            try:
                date = datetime.datetime.strptime(date, "%Y-%m-%d").date()
            except ValueError:
                raise UserError(_("%s is not a date: give the day of the run as YYYY-MM-DD.") % date)
        # A run for a day still to come would accrue penalty interest not yet owed, expire tasks and
        # lapse settlements before their time: users run today or a past day (the product's own code,
        # the demo history and the tests, as superuser, may set any day).
        # (the administrator is the superuser in Odoo 11: a call over HTTP is a user's, whoever)
        day, today = fields.Date.to_string(date), business_today(self)
        if self.env.uid != SUPERUSER_ID or request:
            if day > today:
                raise UserError(_("The daily collection run is for today (%s) or an earlier day, not %s: a run for a "
                                  "day still to come would accrue penalty interest that is not owed yet.")
                                % (today, day))
            if self.sudo().search_count([("date", ">", day), ("date", "<=", today)]):
                # It would undo the later runs: days overdue rolled back, cases with something overdue
                # today settled as of that day.
                raise UserError(_("The daily collection run of a later day than %s already ran: a run for an "
                                  "earlier day would undo it. Run today's.") % day)
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (RUN_LOCK_KEY,))
        if not cr.fetchone()[0]:
            raise UserError(_("Another daily collection run is in progress. Wait until it has finished "
                              "(a minute or two), then try again."))
        started, queries = time.time(), cr.sql_log_count
        no_jit(cr)
        # Each case opened today is written four times, and each write would check its keys again:
        # they are checked once, when the steps are done (collection_case_keys.py).
        with case_keys_deferred(cr):
            stats = self._day_steps(date)
        self.env.cache.invalidate()
        stats.update(date=date, user_id=self.env.uid, duration=time.time() - started,
                     query_count=cr.sql_log_count - queries)
        _logger.info("Daily collection run of %s: %s", date, stats)
        return self.sudo().create(stats)

    def _day_steps(self, date):
        """The run's steps for `date`, in order; returns the run's counters."""
        # Pending ORM computations must reach the database before SQL reads it.
        self.env["account.invoice"].recompute()
        edges = self._bucket_edges()
        # Cases first (they need only states and due dates): the one pass over the installments
        # then links each overdue one to its contract's case along with its days and penalty.
        opened = self._open_cases(date)
        # The plans before the pass over the installments: a broken one accrues penalty interest today.
        plans = self.env["collection.settlement"]._follow_plans(date)
        stats = {"plans_fulfilled": plans[0], "plans_broken": plans[1],
                 "installments_updated": self._update_installments(date, edges)}
        closed = self._close_cases(date)
        stats.update(cases_opened=len(opened), cases_closed=len(closed))
        stats.update(self._check_promises(date))
        stats["settlements_lapsed"] = self.env["collection.settlement"]._lapse(date)
        stats["cases_updated"] = self._update_case_amounts(date, edges, closed)
        stats["partners_blacklisted"] = self._blacklist(date, closed)
        self._update_partners(date, opened)
        # Cases whose agency placement ended go back to their collectors, before the allocation
        # (which leaves placed cases where they are) and the tasks.
        stats["placements_recalled"] = self.env["collection.placement"]._recall_expired(date)
        # Before the tasks: today's tasks go to the collectors the cases have after allocation.
        stats["cases_moved"] = self._allocate_cases(date)
        stats["tasks_expired"] = self._expire_tasks(date)
        stats["tasks_created"] = self._give_tasks(date)
        self._after_run(date, opened, closed)
        return stats

    @api.model
    def _bucket_edges(self):
        text = self.env["ir.config_parameter"].sudo().get_param(
            "loan_collection.aging_bucket_edges", ",".join(map(str, aging.DEFAULT_EDGES)))
        try:
            return aging.parse_edges(text)
        except ValueError:
            raise UserError(_("The aging bucket edges \"%s\" are not valid: give increasing whole numbers of "
                              "days such as 3,6,30,60,90 in Collection > Configuration > Settings.") % text)

    def _audit_columns(self):
        return {"uid": self.env.uid}
