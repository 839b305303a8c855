# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from .collection_aging_report import bucket_selection
from .collection_case_finance import FINANCE_GROUP, MANAGER_GROUP
from .res_company import business_today

# The months the charts show, the current one included.
MONTHS_SHOWN = 6
SECTIONS = [
    ("aging", "Open Installments by Aging Bucket"),
    ("recovered", "Recoveries by Month"),
    ("broken", "Broken Promises by Month"),
]


def _check_access(env):
    # Managers and finance see every case: the dashboard is theirs.
    if not (env.user.has_group(MANAGER_GROUP) or env.user.has_group(FINANCE_GROUP)):
        raise AccessError(_("The collection dashboard is for collection managers and finance."))


def _records_action(env, name, model, domain):
    """A window action listing the records of `model` in `domain`: what a figure counts."""
    views = [(False, "tree"), (False, "form")]
    if model == "collection.aging.report":
        views = [(False, "tree"), (False, "pivot"), (False, "graph")]
    return {
        "type": "ir.actions.act_window", "name": name, "res_model": model, "domain": domain,
        "view_mode": ",".join(kind for _id, kind in views), "views": views, "target": "current",
        "context": {},
    }


class CollectionDashboard(models.TransientModel):
    """The manager's headline figures for today and three charts. Every figure is counted from a
    domain (read_group, one query each, under the user's record rules), and clicking it opens the
    very records counted (action_open_figure, action_open_records on a chart line)."""
    _name = "collection.dashboard"
    _description = "Collection Dashboard"

    date = fields.Date(default=business_today, readonly=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    open_case_count = fields.Integer(string="Open Cases", compute="_compute_figures")
    total_overdue = fields.Monetary(
        string="Total Overdue", compute="_compute_figures",
        help="What the open cases owe now: overdue installments, penalty interest and costs, per case. The aging "
             "chart below is per installment and includes what is not yet due.")
    legal_case_count = fields.Integer(string="Cases with the Legal Team", compute="_compute_figures")
    tasks_done = fields.Integer(string="Today's Tasks Done", compute="_compute_figures")
    tasks_open = fields.Integer(string="Today's Tasks Open", compute="_compute_figures")
    promises_due_count = fields.Integer(string="Promises Due Today", compute="_compute_figures")
    promises_due_amount = fields.Monetary(string="Amount Promised for Today", compute="_compute_figures")
    recovered_month = fields.Monetary(string="Recovered This Month", compute="_compute_figures")
    broken_promise_count = fields.Integer(string="Promises Broken This Month", compute="_compute_figures")
    writeoff_pending_count = fields.Integer(string="Write-offs to Approve", compute="_compute_figures")
    line_ids = fields.One2many("collection.dashboard.line", "dashboard_id", readonly=True)
    aging_line_ids = fields.One2many("collection.dashboard.line", "dashboard_id", readonly=True,
                                     domain=[("section", "=", "aging")], string="Open Installments by Aging Bucket")
    recovered_line_ids = fields.One2many("collection.dashboard.line", "dashboard_id", readonly=True,
                                         domain=[("section", "=", "recovered")], string="Recoveries by Month")
    broken_line_ids = fields.One2many("collection.dashboard.line", "dashboard_id", readonly=True,
                                      domain=[("section", "=", "broken")], string="Broken Promises by Month")

    @api.multi
    def _figure_specs(self):
        """figure -> (model, domain, summed field or None): what each headline figure counts."""
        self.ensure_one()
        date = self.date or business_today(self)
        month_start = date[:8] + "01"
        company = self.company_id.id or self.env.user.company_id.id
        open_cases = [("company_id", "=", company), ("is_open", "=", True)]
        promises_due = [("case_id.company_id", "=", company), ("date_promised", "=", date)]
        return {
            "open_case_count": ("collection.case", open_cases, None),
            "total_overdue": ("collection.case", open_cases, "total_due"),
            "legal_case_count": ("collection.case", [("company_id", "=", company), ("stage", "=", "legal")], None),
            "tasks_done": ("collection.task", [("contract_id.company_id", "=", company), ("task_date", "=", date),
                                               ("state", "=", "done")], None),
            "tasks_open": ("collection.task", [("contract_id.company_id", "=", company), ("task_date", "=", date),
                                               ("state", "=", "todo")], None),
            "promises_due_count": ("collection.promise", promises_due, None),
            "promises_due_amount": ("collection.promise", promises_due, "amount"),
            "recovered_month": ("collection.recovery", [("company_id", "=", company), ("state", "=", "posted"),
                                                        ("date", ">=", month_start), ("date", "<=", date)], "amount"),
            "broken_promise_count": ("collection.promise", [("case_id.company_id", "=", company),
                                                            ("state", "=", "broken"),
                                                            ("date_checked", ">=", month_start),
                                                            ("date_checked", "<=", date)], None),
            "writeoff_pending_count": ("collection.writeoff", [("case_id.company_id", "=", company),
                                                               ("state", "=", "requested")], None),
        }

    @api.model
    def _count_and_sum(self, model, domain, measure):
        """(count, sum of `measure`) of the records of `model` in `domain`, in one query."""
        group = self.env[model].read_group(domain, [measure] if measure else [], [])[0]
        return group.get("__count", 0), (group.get(measure) or 0.0) if measure else 0.0

    @api.depends("date")
    def _compute_figures(self):
        _check_access(self.env)
        for board in self:
            specs = board._figure_specs()
            # One read_group per distinct (model, domain), with every sum asked of it.
            queries = {}
            for model, domain, measure in specs.values():
                queries.setdefault((model, repr(domain)), (model, domain, set()))[2].add(measure)
            results = {}
            for key, (model, domain, measures) in queries.items():
                measures.discard(None)
                group = self.env[model].read_group(domain, sorted(measures), [])[0]
                results[key] = group
            for figure, (model, domain, measure) in specs.items():
                group = results[(model, repr(domain))]
                board[figure] = (group.get(measure) or 0.0) if measure else group.get("__count", 0)

    @api.model
    def create(self, vals):
        _check_access(self.env)
        board = super(CollectionDashboard, self).create(vals)
        board._build_lines()
        return board

    @api.multi
    def _build_lines(self):
        """The chart lines: the open installments by aging bucket (the Aging report's rows, so the
        two agree bucket by bucket), and the recoveries and the broken promises of the last months."""
        Line = self.env["collection.dashboard.line"]
        for board in self:
            board.line_ids.unlink()
            company = board.company_id.id or self.env.user.company_id.id
            date = fields.Date.from_string(board.date or business_today(self))
            rows = []
            labels = dict(bucket_selection(self.env))
            groups = self.env["collection.aging.report"].read_group(
                [("company_id", "=", company)], ["amount", "bucket"], ["bucket"], lazy=False)
            for group in groups:
                domain = [("company_id", "=", company), ("bucket", "=", group["bucket"])]
                rows.append(("aging", labels.get(group["bucket"], group["bucket"]), group["__count"],
                             group["amount"] or 0.0, "collection.aging.report", domain))
            for offset in range(MONTHS_SHOWN - 1, -1, -1):
                start = (date - relativedelta(months=offset)).replace(day=1)
                end = min(start + relativedelta(months=1) - datetime.timedelta(days=1), date)
                span = (fields.Date.to_string(start), fields.Date.to_string(end))
                label = start.strftime("%Y-%m")
                recovered = [("company_id", "=", company), ("state", "=", "posted"),
                             ("date", ">=", span[0]), ("date", "<=", span[1])]
                broken = [("case_id.company_id", "=", company), ("state", "=", "broken"),
                          ("date_checked", ">=", span[0]), ("date_checked", "<=", span[1])]
                rows.append(("recovered", label) + self._count_and_sum("collection.recovery", recovered, "amount")
                            + ("collection.recovery", recovered))
                rows.append(("broken", label) + self._count_and_sum("collection.promise", broken, "amount")
                            + ("collection.promise", broken))
            largest = {}
            for section, _label, _count, amount, _model, _domain in rows:
                largest[section] = max(largest.get(section, 0.0), amount)
            for sequence, (section, label, count, amount, model, domain) in enumerate(rows):
                Line.create({
                    "dashboard_id": board.id, "sequence": sequence, "section": section, "label": label,
                    "count": count, "amount": amount, "res_model": model, "domain": repr(domain),
                    "share": round(100.0 * amount / largest[section], 1) if largest[section] else 0.0})
        return True

    @api.model
    def action_open(self):
        """Today's dashboard (collection managers and finance)."""
        _check_access(self.env)
        board = self.create({})
        return {
            "type": "ir.actions.act_window", "name": _("Collection Dashboard"), "res_model": self._name,
            "res_id": board.id, "view_mode": "form", "target": "current",
            "views": [(self.env.ref("loan_collection.collection_dashboard_view_form").id, "form")],
        }

    @api.multi
    def action_refresh(self):
        return self.action_open()

    @api.multi
    def action_open_figure(self, *args):
        """The records behind a headline figure: the button's context says which (the web client
        passes the context as an argument too; only the context counts)."""
        self.ensure_one()
        _check_access(self.env)
        figure = self.env.context.get("figure")
        specs = self._figure_specs()
        if figure not in specs:
            raise UserError(_("The dashboard has no figure %s.") % figure)
        model, domain, _measure = specs[figure]
        return _records_action(self.env, self._fields[figure].get_description(self.env)["string"], model, domain)

    @api.multi
    def name_get(self):
        return [(dashboard.id, _("Collection Dashboard")) for dashboard in self]


class CollectionDashboardLine(models.TransientModel):
    """One bar of a dashboard chart: a bucket or a month, with its count, its amount, its share of
    the section's largest bar, and the domain of the records it counts."""
    _name = "collection.dashboard.line"
    _description = "Collection Dashboard Line"
    _order = "sequence"

    dashboard_id = fields.Many2one("collection.dashboard", required=True, ondelete="cascade", readonly=True)
    sequence = fields.Integer(readonly=True)
    section = fields.Selection(SECTIONS, required=True, readonly=True)
    label = fields.Char(string="Bucket / Month", readonly=True)
    count = fields.Integer(string="Count", readonly=True)
    amount = fields.Float(string="Amount", digits=(16, 2), readonly=True)
    share = fields.Float(string="Bar", readonly=True, help="The amount as a share of the largest bar of the chart.")
    res_model = fields.Char(readonly=True)
    domain = fields.Char(readonly=True)

    @api.multi
    def action_open_records(self, *args):
        """The records this bar counts."""
        self.ensure_one()
        _check_access(self.env)
        if self.res_model not in ("collection.aging.report", "collection.recovery", "collection.promise"):
            raise UserError(_("This chart line does not open records."))
        sections = dict(self._fields["section"]._description_selection(self.env))
        return _records_action(self.env, "%s %s" % (sections.get(self.section, ""), self.label),
                               self.res_model, safe_eval(self.domain))
