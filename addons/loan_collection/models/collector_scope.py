# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a collector may see, as a domain the planner can use.

The collectors' record rules were written on paths (``case_id.office_user_id``,
``partner_id.party_case_ids.field_user_id``). Odoo 11 turns such a path into a search of the
related model first and then ``case_id IN (every id found)``: one extra search (with its own
rules) per path in every query, and a list of thousands of ids sent back to PostgreSQL for a
collector with a big book (214 queries for a collector's case form against 38 for admin).

Each model below gets a field ``collector_ids`` (the office and field collectors of the
record's cases) whose search gives one sub-select on indexed columns, compiled into the same
SQL statement: ``case_id IN (SELECT id FROM collection_case WHERE office_user_id = 7 OR
field_user_id = 7)``. The rules say ``[('collector_ids', '=', user.id)]``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The cases of collector %s (office or field): collection_case.office_user_id and field_user_id
# are indexed.
CASES_SQL = "SELECT id FROM collection_case WHERE office_user_id = %s OR field_user_id = %s"
CONTRACTS_SQL = "SELECT contract_id FROM collection_case WHERE office_user_id = %s OR field_user_id = %s"
# The parties (borrower and guarantors) of the collector's cases.
PARTIES_SQL = """SELECT r.partner_id FROM collection_case_party_rel r
                   JOIN collection_case cc ON cc.id = r.case_id
                  WHERE cc.office_user_id = %s OR cc.field_user_id = %s"""
# The installments (and other invoices) of the collector's cases, for their lines.
INVOICES_SQL = """SELECT i.id FROM account_invoice i JOIN collection_case cc ON cc.id = i.collection_case_id
                    WHERE cc.office_user_id = %s OR cc.field_user_id = %s"""
RECOVERIES_SQL = """SELECT r.id FROM collection_recovery r
                      JOIN collection_case cc ON cc.id = r.case_id
                     WHERE cc.office_user_id = %s OR cc.field_user_id = %s"""


class CollectorScopeMixin(models.AbstractModel):
    """Records a collector sees through his cases: set ``_collector_column`` (this table's
    column), ``_collector_sql`` (its values for collector %s, two placeholders),
    ``_collector_path`` (the same cases as a dotted path, to read the field) and, when the record's
    own user also sees it, ``_collector_user_field``."""
    _name = "collection.collector.scope.mixin"
    _description = "Collector Scope"

    _collector_column = "case_id"
    _collector_sql = CASES_SQL
    _collector_path = "case_id"
    _collector_user_field = None

    collector_ids = fields.Many2many("res.users", string="Collectors", compute="_compute_collector_ids",
                                     search="_search_collector_ids",
                                     help="The office and field collectors of the record's collection cases.")

    def _compute_collector_ids(self):
        for record in self:
            cases = record.sudo().mapped(self._collector_path)
            users = cases.mapped("office_user_id") | cases.mapped("field_user_id")
            if self._collector_user_field:
                users |= record.sudo()[self._collector_user_field]
            record.collector_ids = users

    @api.model
    def _search_collector_ids(self, operator, value):
        # Only the form of the record rules, ('collector_ids', '=', <user id>), is supported.
        if operator != "=" or isinstance(value, bool) or not isinstance(value, int):
            raise UserError(_("Collectors can only be searched as ('collector_ids', '=', <user id>)."))
        domain = [(self._collector_column, "inselect", (self._collector_sql, [value, value]))]
        # An agency's collector sees a record through the cases placed with her agency only, not
        # because she made it (a task she worked, a document she generated on a case since recalled).
        if self._collector_user_field and not self.env["res.users"].browse(value)._is_agency_collector():
            domain = ["|", (self._collector_user_field, "=", value)] + domain
        return domain


def _scoped(name, column="case_id", sql=CASES_SQL, path="case_id", user_field=None, module=__name__):
    """The model `name` extended with the collector scope (a model class of the addon whose
    Python `module` calls this: Odoo files a model class under the addon of its module)."""
    return type("CollectorScope_" + name.replace(".", "_"), (models.Model,), {
        "_name": name, "_inherit": [name, "collection.collector.scope.mixin"],
        "_collector_column": column, "_collector_sql": sql, "_collector_path": path,
        "_collector_user_field": user_field, "__module__": module,
    })


LoanContract = _scoped("loan.contract", column="id", sql=CONTRACTS_SQL, path="case_ids")
LoanGuarantee = _scoped("loan.guarantee", column="contract_id", sql=CONTRACTS_SQL, path="contract_id.case_ids")
CollectionTask = _scoped("collection.task", user_field="user_id")
CollectionContactPoint = _scoped("collection.contact.point", column="partner_id", sql=PARTIES_SQL,
                                 path="partner_id.party_case_ids")
LoanDebtorProfile = _scoped("loan.debtor.profile", column="partner_id", sql=PARTIES_SQL,
                            path="partner_id.party_case_ids")
AccountInvoice = _scoped("account.invoice", column="collection_case_id", path="collection_case_id")
AccountInvoiceLine = _scoped("account.invoice.line", column="invoice_id", sql=INVOICES_SQL,
                             path="invoice_id.collection_case_id")
CollectionContactLog = _scoped("collection.contact.log")
CollectionPromise = _scoped("collection.promise")
CollectionNotice = _scoped("collection.notice")
LoanDocument = _scoped("loan.document", column="collection_case_id", path="collection_case_id",
                       user_field="user_id")
CollectionRecovery = _scoped("collection.recovery")
CollectionRecoveryLine = _scoped("collection.recovery.line", column="recovery_id", sql=RECOVERIES_SQL,
                                 path="recovery_id.case_id")
CollectionCaseMove = _scoped("collection.case.move")
CollectionSettlement = _scoped("collection.settlement")
CollectionPlacement = _scoped("collection.placement")
# The partners an agency's collector sees: the parties of the cases placed with her (a rule of the
# group Agency Collector; the lender's staff read every partner's name).
ResPartner = _scoped("res.partner", column="id", sql=PARTIES_SQL, path="party_case_ids")
