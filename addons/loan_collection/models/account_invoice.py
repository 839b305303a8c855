# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .aging_labels import bucket_label_selection
from .base_input_guard import user_defaults_only
from .field_policy import is_trusted
from .sparse_indexes import create_sparse_indexes

# The unrounded penalty accrual: written by the daily run's SQL only (and the product's own sudo()).
ACCRUAL_FIELDS = ("penalty_accrued", "penalty_segment_start", "penalty_segment_base")
# What the product itself keeps on an installment: the daily run (days, bucket, penalty, the case,
# the hand-over to the legal team) and the recoveries and write-offs, as superuser after their own
# checks. No user writes them over RPC: a finance user changing days_overdue or penalty_interest
# would change every figure, notice and claim built on them.
SYSTEM_FIELDS = ACCRUAL_FIELDS + ("days_overdue", "aging_bucket", "penalty_interest", "penalty_date",
                                  "penalty_recovered", "collection_case_id", "in_litigation", "recovery_id",
                                  "writeoff_id", "settlement_id", "plan_settlement_id", "penalty_free")
# The schedule's split of an installment, set when its contract's schedule is made (and never after).
SCHEDULE_FIELDS = ("loan_contract_id", "installment_number", "principal_amount", "interest_amount")
# Read by finance only, and so neither searched, grouped nor sorted by anyone else
# (base_field_groups_guard.py guards the product's groups, not Odoo's base.group_no_one).
ACCRUAL_GROUPS = "loan_collection.group_loan_finance"
# How full PostgreSQL fills a page of account_invoice (init): room for the daily run's HOT updates.
INSTALLMENT_FILLFACTOR = 70


class AccountInvoice(models.Model):
    """Loan installments are customer invoices of a loan contract.

    days_overdue, aging_bucket and penalty_interest are written by the daily run
    (collection.run), set-based, for all open installments at once.
    """
    _inherit = "account.invoice"

    loan_contract_id = fields.Many2one("loan.contract", string="Loan Contract", index=True,
                                       readonly=True, ondelete="restrict", copy=False)
    installment_number = fields.Integer(string="Installment", readonly=True, copy=False)
    principal_amount = fields.Monetary(string="Principal Part", readonly=True, copy=False)
    interest_amount = fields.Monetary(string="Interest Part", readonly=True, copy=False)
    # A new installment is not overdue: 0 days and 'current' from its creation (the ORM, the bulk
    # writer and the import take these defaults), so the daily run writes a row only once it is due.
    # Not indexed, like the penalty columns, so that the run's daily rewrite of the overdue
    # installments is a HOT update (init below): the reports read the aging summary, and the
    # installments list's filters on them go through the index on their state.
    days_overdue = fields.Integer(readonly=True, copy=False, default=0)
    aging_bucket = fields.Selection(bucket_label_selection, string="Aging Bucket", readonly=True, copy=False,
                                    default="current")
    penalty_interest = fields.Monetary(readonly=True, copy=False,
                                       help="Penalty interest accrued at the contract's overdue rate.")
    penalty_date = fields.Date(string="Penalty Accrued To", readonly=True, copy=False)
    # The unrounded state of the accrual (services/aging.accrue_penalty), kept by the daily run:
    # penalty interest = fen(accrued + the open segment) - penalty recovered.
    penalty_accrued = fields.Float(string="Penalty Accrued (Closed Segments)", digits=(16, 10), readonly=True,
                                   copy=False, groups=ACCRUAL_GROUPS,
                                   help="Penalty interest of the closed overdue segments, unrounded.")
    penalty_segment_start = fields.Date(string="Penalty Segment Start", readonly=True, copy=False,
                                        groups=ACCRUAL_GROUPS,
                                        help="First day of the current stretch with the same overdue amount.")
    penalty_segment_base = fields.Monetary(string="Penalty Segment Base", readonly=True, copy=False,
                                           groups=ACCRUAL_GROUPS,
                                           help="Overdue amount the current segment accrues on.")
    collection_case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True,
                                         index=True, copy=False, ondelete="set null")
    in_litigation = fields.Boolean(readonly=True, copy=False,
                                   help="Handed over to the legal team: no more reminders.")
    borrower_blacklisted = fields.Boolean(related="partner_id.is_blacklisted", readonly=True,
                                          string="Borrower Blacklisted")

    @api.model_cr
    def init(self):
        """Room on each page of account_invoice for the daily run's rewrite of the overdue
        installments. The run changes only columns no index holds (days, bucket, penalty; the
        case once, when it opens), so PostgreSQL can write the new version of a row on the same
        page without a new entry in each of the table's 15 indexes (a HOT update), as long as the
        page has the room: with pages filled to 70 %, about 4 of 5 of the run's updates are HOT
        in the benchmark's book (42 % of the rows overdue), against none with full pages, and the
        update of 20,000 installments takes 0.3 s instead of 1.0 s (plus the aging summary's
        trigger, about 0.3 s either way). The setting applies to the
        pages written from now on; VACUUM FULL account_invoice applies it to an existing book
        (README, Running a large portfolio)."""
        super(AccountInvoice, self).init()
        cr = self.env.cr
        cr.execute("SELECT reloptions FROM pg_class WHERE relname = 'account_invoice'")
        if "fillfactor=%d" % INSTALLMENT_FILLFACTOR not in (cr.fetchone()[0] or []):
            cr.execute("ALTER TABLE account_invoice SET (fillfactor = %d)" % INSTALLMENT_FILLFACTOR)
        # The open installments of a contract (the aging summary's trigger, the aging report's
        # reading of the installments): its columns are never changed by the daily run.
        cr.execute("""
            CREATE INDEX IF NOT EXISTS account_invoice_open_contract_index ON account_invoice (loan_contract_id)
             WHERE state = 'open' AND type = 'out_invoice' AND residual > 0
        """)
        # Nor an entry for the installments without a recovery, write-off, settlement or plan.
        create_sparse_indexes(cr, self._table)

    @api.model
    def create(self, vals):
        # A new installment starts with nothing of the run's, and no user makes an invoice one of a
        # contract's installments (it would receive the recoveries' money): the schedule generation,
        # the imports and restructurings write the schedule fields as superuser, once they checked
        # the user may change the contract. A field's own default (0 days, 'current'), which a client
        # sends back from default_get, is no claim on the run's figures.
        self._check_system_fields({name: value for name, value in vals.items()
                                   if value and not self._is_default(name, value)}, SCHEDULE_FIELDS)
        if not is_trusted(self.env):
            # Nor through the context's defaults (default_plan_settlement_id, default_loan_contract_id...).
            self = user_defaults_only(self, set(self._fields) - set(SYSTEM_FIELDS) - set(SCHEDULE_FIELDS))
        return super(AccountInvoice, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_system_fields(vals, SCHEDULE_FIELDS)
        if vals.get("state") and not is_trusted(self.env):
            self._check_installment_state(vals["state"])
        if "date_due" in vals and not is_trusted(self.env) and any(
                invoice.loan_contract_id and invoice.state != "draft" for invoice in self):
            # The due date of a validated installment is the contract's schedule (and a restructuring
            # plan's): days overdue, penalty interest, the plan's breach and the claims follow from it.
            raise AccessError(_("The due date of a validated installment is part of the loan contract's schedule "
                                "and cannot be changed: agree a restructuring (Request Restructuring) instead."))
        return super(AccountInvoice, self).write(vals)

    def _check_installment_state(self, state):
        """A validated installment is paid when nothing is left of it and open while something is
        (Odoo's own workflow writes the state so); it is never cancelled nor put back to draft by a
        user: a loan's installments end by payment, a write-off or a restructuring."""
        for invoice in self.filtered(lambda i: i.loan_contract_id and i.state != "draft"):
            settled = invoice.currency_id.is_zero(invoice.residual)
            if state in ("cancel", "draft") or (state == "paid" and not settled) or (state == "open" and settled):
                raise AccessError(_("Installment %s is part of the loan contract's schedule: its state follows what "
                                    "was paid of it. Register a recovery, or request a write-off or a restructuring.")
                                  % (invoice.number or invoice.name))

    def _is_default(self, name, value):
        field = self._fields.get(name)
        return bool(field and field.default) and field.default(self) == value

    def _check_system_fields(self, vals, also=()):
        if is_trusted(self.env):
            return
        self = self._in_user_language()  # the refusal and the labels as the user reads them
        refused = sorted(name for name in vals if name in SYSTEM_FIELDS + tuple(also))
        if refused:
            labels = "、".join(self._loan_field_label(name) for name in refused)
            raise AccessError(_("%s of an installment are kept by the product (the daily run, recoveries, write-offs "
                                "and the contract's schedule) and cannot be edited: record a recovery or a "
                                "write-off, or correct the contract.") % labels)
