# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The aging report's figures per contract, case and bucket, kept up to date by PostgreSQL.

Grouping the aging report by collector used to aggregate every open installment joined to its
contract and case on each read (0.55-0.65 s at 200,000 open installments, issue 14). The table
collection_aging_total holds the same sums per (contract, case, bucket): a handful of rows per
contract instead of one per installment. Statement-level triggers on account_invoice keep it
exact: after any statement that inserts, updates or deletes installments, the rows of the
contracts it touched are recomputed from their open installments (one set-based statement for
the daily run's single pass, a few rows for a recovery). The collector is not copied: it is read
from the case and the contract at read time, so a reassignment shows at once.

collection.aging.report.read_group hands a grouping over to this model when everything it asks
for is kept here; otherwise (grouping by due date, a filter on an installment) it reads the
installments as before. Both give the same figures (tests/test_aging_summary.py).
"""
from odoo import api, fields, models, tools

from .collection_aging_report import BUCKET_KEY_SQL, bucket_selection
from .collection_run import pg_has_jit

# One row of collection_aging_total per contract, case and bucket, from the open installments:
# the same expressions as collection.aging.report's view, summed.
_AGGREGATE = """
    SELECT i.loan_contract_id, COALESCE(i.collection_case_id, 0), {bucket}, count(*),
           sum(i.residual),
           sum(LEAST(i.residual, COALESCE(NULLIF(i.principal_amount, 0), i.amount_total))),
           sum(GREATEST(i.residual - COALESCE(NULLIF(i.principal_amount, 0), i.amount_total), 0)),
           sum(COALESCE(i.penalty_interest, 0)),
           max(GREATEST(COALESCE(i.days_overdue, 0), 0))
      FROM account_invoice i
     WHERE i.state = 'open' AND i.type = 'out_invoice' AND i.residual > 0
       AND i.loan_contract_id IS NOT NULL {where}
     GROUP BY 1, 2, 3
""".format(bucket=BUCKET_KEY_SQL.format(col="i.aging_bucket"), where="{where}")

_COLUMNS = ("contract_id, case_id, bucket, installment_count, amount, principal, interest, "
            "penalty_interest, days_overdue")

# The columns the figures depend on: an update that changes none of them (a message posted, a
# reference edited) recomputes nothing.
_WATCHED = ("state, type, residual, aging_bucket, days_overdue, principal_amount, amount_total, "
            "penalty_interest, collection_case_id, loan_contract_id")


def _changed(alias_old, alias_new):
    return "(%s) IS DISTINCT FROM (%s)" % (
        ", ".join("%s.%s" % (alias_old, c.strip()) for c in _WATCHED.split(",")),
        ", ".join("%s.%s" % (alias_new, c.strip()) for c in _WATCHED.split(",")))


_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION collection_aging_total_refresh() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    touched integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT n.loan_contract_id) INTO touched
          FROM aging_new_rows n WHERE n.loan_contract_id IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT o.loan_contract_id) INTO touched
          FROM aging_old_rows o WHERE o.loan_contract_id IS NOT NULL;
    ELSE
        SELECT array_agg(DISTINCT x.contract_id) INTO touched FROM (
            SELECT n.loan_contract_id AS contract_id
              FROM aging_new_rows n JOIN aging_old_rows o ON o.id = n.id
             WHERE {changed}
            UNION
            SELECT o.loan_contract_id
              FROM aging_new_rows n JOIN aging_old_rows o ON o.id = n.id
             WHERE o.loan_contract_id IS DISTINCT FROM n.loan_contract_id
        ) x WHERE x.contract_id IS NOT NULL;
    END IF;
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;
    DELETE FROM collection_aging_total WHERE contract_id IN (SELECT unnest(touched));
    INSERT INTO collection_aging_total ({columns})
    {aggregate};
    RETURN NULL;
END
$fn$
""".format(changed=_changed("o", "n"), columns=_COLUMNS,
           aggregate=_AGGREGATE.format(where="AND i.loan_contract_id IN (SELECT unnest(touched))"))


class CollectionAgingSummary(models.Model):
    """Open installments summed per contract, case and aging bucket (read by the aging report)."""
    _name = "collection.aging.summary"
    _description = "Aging Summary"
    _auto = False
    _order = "bucket desc, amount desc"

    contract_id = fields.Many2one("loan.contract", string="Loan Contract", readonly=True)
    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Debtor", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    product_id = fields.Many2one("loan.product", string="Loan Product", readonly=True)
    office_user_id = fields.Many2one("res.users", string="Office Collector", readonly=True)
    field_user_id = fields.Many2one("res.users", string="Field Collector", readonly=True)
    bucket = fields.Selection("_bucket_selection", string="Aging Bucket", readonly=True)
    days_overdue = fields.Integer(string="Days Overdue", readonly=True, group_operator="max")
    installment_count = fields.Integer(string="Installments", readonly=True)
    amount = fields.Float(string="Outstanding", readonly=True, digits=(16, 2))
    principal = fields.Float(string="Principal", readonly=True, digits=(16, 2))
    interest = fields.Float(string="Interest", readonly=True, digits=(16, 2))
    penalty_interest = fields.Float(string="Penalty Interest", readonly=True, digits=(16, 2))

    @api.model
    def _bucket_selection(self):
        return bucket_selection(self.env)

    @api.model_cr
    def init(self):
        cr = self.env.cr
        cr.execute("""
            CREATE TABLE IF NOT EXISTS collection_aging_total (
                id serial PRIMARY KEY,
                contract_id integer NOT NULL,
                case_id integer NOT NULL DEFAULT 0,
                bucket varchar NOT NULL,
                installment_count integer NOT NULL,
                amount numeric NOT NULL,
                principal numeric NOT NULL,
                interest numeric NOT NULL,
                penalty_interest numeric NOT NULL,
                days_overdue integer NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS collection_aging_total_key
                ON collection_aging_total (contract_id, case_id, bucket);
        """)
        cr.execute(_TRIGGER_FUNCTION)
        if pg_has_jit(cr):
            # Its join of the two transition tables is estimated at millions of rows, above
            # jit_above_cost: JIT compilation took a second of each large statement's trigger
            # (make bench, 20,000 installments) for a join of a few thousand.
            cr.execute("ALTER FUNCTION collection_aging_total_refresh() SET jit = off")
        # PostgreSQL allows transition tables on single-event triggers only: one trigger per event.
        for event, referencing in (("INSERT", "NEW TABLE AS aging_new_rows"),
                                   ("UPDATE", "OLD TABLE AS aging_old_rows NEW TABLE AS aging_new_rows"),
                                   ("DELETE", "OLD TABLE AS aging_old_rows")):
            name = "account_invoice_aging_total_%s" % event.lower()
            cr.execute("DROP TRIGGER IF EXISTS %s ON account_invoice" % name)
            cr.execute("""CREATE TRIGGER %s AFTER %s ON account_invoice REFERENCING %s
                          FOR EACH STATEMENT EXECUTE PROCEDURE collection_aging_total_refresh()"""
                       % (name, event, referencing))
        # Rebuilt whole on each install and upgrade: the bucket edges or the expressions may have
        # changed with the code.
        cr.execute("TRUNCATE collection_aging_total")
        cr.execute("INSERT INTO collection_aging_total (%s) %s" % (_COLUMNS, _AGGREGATE.format(where="")))
        tools.drop_view_if_exists(cr, self._table)
        cr.execute("""
            CREATE VIEW collection_aging_summary AS (
                SELECT t.id, t.contract_id, NULLIF(t.case_id, 0) AS case_id,
                       c.partner_id, c.company_id, c.product_id,
                       COALESCE(cc.office_user_id, c.office_user_id) AS office_user_id,
                       COALESCE(cc.field_user_id, c.field_user_id) AS field_user_id,
                       t.bucket, t.days_overdue, t.installment_count, t.amount, t.principal,
                       t.interest, t.penalty_interest
                  FROM collection_aging_total t
                  JOIN loan_contract c ON c.id = t.contract_id
                  LEFT JOIN collection_case cc ON cc.id = t.case_id
            )""")

    # -- answering the aging report's groupings --------------------------------------------------

    @api.model
    def _can_answer(self, domain, fields_, groupby):
        """Whether a read_group of collection.aging.report can be answered from the summary: every
        grouping, measure and filtered field is one the summary keeps (the due date and the
        installment itself are not)."""
        report = self.env["collection.aging.report"]
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if not groupby:
            return False
        for spec in groupby:
            name, _sep, granularity = spec.partition(":")
            if granularity or name == "id" or name not in self._fields:
                return False
        for spec in fields_ or []:
            name = spec.split(":")[0].split("(")[0].strip()
            field = report._fields.get(name)
            if field is None or (field.type in ("integer", "float", "monetary") and name not in self._fields):
                return False
        for leaf in domain or []:
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3:
                name = leaf[0].split(".")[0]
                # "id" of the report is an installment's, of the summary a row's.
                if name == "id" or name not in self._fields:
                    return False
        return True

    @api.model
    def _read_group_as_report(self, domain, fields_, groupby, offset, limit, orderby, lazy):
        """read_group on the summary, with the counts of installments (not of summary rows) that
        the report would show."""
        wanted = [spec for spec in fields_ or [] if spec.split(":")[0].split("(")[0].strip() in self._fields]
        if "installment_count" not in wanted:
            wanted.append("installment_count")
        groups = self.read_group(domain, wanted, groupby, offset=offset, limit=limit,
                                 orderby=orderby, lazy=lazy)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby)
        count_key = (groupby[0].split(":")[0] + "_count") if lazy else "__count"
        asked_count = any(spec.split(":")[0] == "installment_count" for spec in fields_ or [])
        for group in groups:
            group[count_key] = group.get("installment_count") or 0
            if not asked_count:
                group.pop("installment_count", None)
        return groups
