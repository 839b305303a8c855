# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..services.money import fen
from .res_company import business_today

FINANCE_GROUP = "loan_collection.group_loan_finance"
MANAGER_GROUP = "loan_collection.group_collection_manager"
# Who may read recoveries (collectors those of their own cases) and write-offs.
RECOVERY_READERS = "loan_collection.group_collector_office,loan_collection.group_collector_field," + FINANCE_GROUP
WRITEOFF_READERS = FINANCE_GROUP + "," + MANAGER_GROUP
# What money recovered paid of an invoice `i` of the case: its total less what is left, not counting
# what credit notes credited of it (a write-off's, a settlement's waiver, a restructuring closing it),
# nor the charges invoice of a reversed recovery (its credit note paid it). The daily run's and
# _refresh_amounts' figure; the CASE keeps the credit notes' lookup to the few credited invoices.
RECOVERED_SQL = """
    COALESCE(sum(i.amount_total - i.residual
                 - CASE WHEN i.writeoff_id IS NOT NULL OR i.settlement_id IS NOT NULL
                             OR i.plan_settlement_id IS NOT NULL THEN COALESCE(
                       (SELECT sum(r.amount_total) FROM account_invoice r
                         WHERE r.refund_invoice_id = i.id AND r.type = 'out_refund' AND r.state IN ('open', 'paid')),
                       0) ELSE 0 END)
             FILTER (WHERE i.state IN ('open', 'paid') AND (i.recovery_id IS NULL OR i.recovery_id NOT IN (
                 SELECT id FROM collection_recovery WHERE state = 'reversed'))), 0)"""


class CollectionCase(models.Model):
    """Finance on the collection case: recoveries, recovered costs and penalty, write-off, and the
    hooks through which loan_legal supplies the legal side (costs, stage, court case number)."""
    _inherit = "collection.case"

    recovery_ids = fields.One2many("collection.recovery", "case_id", string="Recoveries", readonly=True,
                                   groups=RECOVERY_READERS)
    writeoff_ids = fields.One2many("collection.writeoff", "case_id", string="Write-offs", readonly=True,
                                   groups=WRITEOFF_READERS)
    recovered_costs = fields.Monetary(
        string="Costs Recovered", readonly=True, copy=False,
        help="Costs of realising the claim paid by recoveries; the costs still owed are the fees less these.")
    recovered_penalty = fields.Monetary(string="Penalty Interest Recovered", readonly=True, copy=False)
    costs_outstanding = fields.Monetary(compute="_compute_costs_outstanding", string="Costs Still Owed")
    written_off_amount = fields.Monetary(string="Written Off", readonly=True, copy=False)
    written_off_costs = fields.Monetary(
        string="Costs Written Off or Waived", readonly=True, copy=False,
        help="Costs no longer owed without being paid: written off, or waived by a fulfilled settlement.")
    legal_case_ref = fields.Char(
        string="Court Case No.", track_visibility="onchange",
        help="The court's case number (案号), e.g. (2026)浙0106民初1234号; recoveries from the court carry it.")
    recovery_count = fields.Integer(compute="_compute_recovery_count", string="Recoveries", groups=RECOVERY_READERS)

    @api.depends("fees_amount", "recovered_costs", "written_off_costs")
    def _compute_costs_outstanding(self):
        for case in self:
            case.costs_outstanding = float(case._recovery_costs_due())

    def _compute_recovery_count(self):
        # read_group keeps the record rules: a collector counts the recoveries he may open.
        Recovery = self.env["collection.recovery"]
        if not Recovery.check_access_rights("read", raise_exception=False):
            for case in self:
                case.recovery_count = 0
            return
        counts = {row["case_id"][0]: row["case_id_count"] for row in Recovery.read_group(
            [("case_id", "in", self.ids), ("state", "=", "posted")], ["case_id"], ["case_id"])}
        for case in self:
            case.recovery_count = counts.get(case.id, 0)

    # Hooks for loan_legal ----------------------------------------------------------------------

    @api.multi
    def _recovery_costs_due(self):
        """Costs of realising the claim still owed by the debtor (Decimal): the case's fees (which
        loan_legal keeps equal to the recoverable legal costs plus the fees at hand-over) less what
        recoveries have paid and what was written off. loan_legal may override it to count costs per legal case."""
        self.ensure_one()
        return max(fen(self.fees_amount) - fen(self.recovered_costs) - fen(self.written_off_costs), fen(0))

    @api.multi
    def _recovery_installments(self, date):
        """The installments a recovery on `date` pays, oldest first: the contract's open
        installments due on or before that day, all of them once the loan was accelerated on or
        before it (everything is due then). loan_legal may add the installments a judgment made due."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        accelerated = contract.acceleration_date and contract.acceleration_date <= date
        installments = contract.invoice_ids.filtered(
            lambda i: i.state == "open" and i.type == "out_invoice" and i.date_due
            and (accelerated or i.date_due <= date))
        return installments.sorted(lambda i: (i.date_due, i.installment_number, i.id))

    @api.multi
    def _next_installment(self, date):
        """The open installment falling due next after `date` (None once the loan was accelerated:
        everything is due then). What a recovery has left once everything due is paid goes to it: a
        debtor paying before the due date pays that period (left as a credit, it stayed unapplied
        while the installment fell overdue and accrued penalty interest). Later periods are an early
        repayment, the lender's to agree: beyond this one the money stays the payer's credit."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        if contract.acceleration_date and contract.acceleration_date <= date:
            return self.env["account.invoice"]
        upcoming = contract.invoice_ids.filtered(
            lambda i: i.state == "open" and i.type == "out_invoice" and i.date_due and i.date_due > date)
        return upcoming.sorted(lambda i: (i.date_due, i.installment_number, i.id))[:1]

    @api.multi
    def _current_legal_stage(self):
        """The legal stage of the case now, a key of collection.legal.figures' legal_stage (kept on
        each recovery for the recovery-rate report). loan_legal overrides it with its legal case's stage."""
        self.ensure_one()
        return "transferred" if self.stage == "legal" else "none"

    @api.multi
    def _legal_case_reference(self):
        """The court case number a recovery from the court refers to (loan_legal may override)."""
        self.ensure_one()
        return self.legal_case_ref or False

    # Actions -----------------------------------------------------------------------------------

    @api.multi
    def action_register_recovery(self):
        """The Register Recovery wizard for this case (finance)."""
        self.ensure_one()
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance can register recoveries."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Recovery"),
            "res_model": "collection.recovery.register",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    @api.multi
    def action_request_writeoff(self):
        """A write-off request for this case (finance), to be approved by a collection manager."""
        self.ensure_one()
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance can request a write-off."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Request Write-off"),
            "res_model": "collection.writeoff",
            "view_mode": "form",
            "target": "current",
            "context": {"default_case_id": self.id},
        }

    @api.multi
    def action_view_recoveries(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.collection_recovery_action").read()[0]
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.multi
    def _refresh_amounts(self):
        """Bring the money figures of these cases up to date now, after a recovery: the same
        figures as the daily run's (collection.run._update_case_amounts, with the costs recovered
        and written off deducted), which refreshes open cases only once a day and never cases with
        the legal team. One statement for all the cases given."""
        if not self:
            return
        self.env["account.invoice"].recompute()
        self.env.cr.execute("""
            UPDATE collection_case cc
               SET overdue_principal = v.principal, overdue_interest = v.interest, penalty_interest = v.penalty,
                   recovered_amount = v.recovered,
                   total_due = v.principal + v.interest + v.penalty
                               + GREATEST(COALESCE(cc.fees_amount, 0) - COALESCE(cc.recovered_costs, 0)
                                          - COALESCE(cc.written_off_costs, 0), 0)
              FROM (SELECT c.id,
                           COALESCE(sum(LEAST(i.residual, COALESCE(i.principal_amount, i.amount_total)))
                                    FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0) AS principal,
                           COALESCE(sum(GREATEST(i.residual - COALESCE(i.principal_amount, i.amount_total), 0))
                                    FILTER (WHERE i.state = 'open' AND i.date_due < %(date)s), 0) AS interest,
                           COALESCE(sum(i.penalty_interest) FILTER (WHERE i.state IN ('open', 'paid')), 0) AS penalty,
                           %(recovered)s AS recovered
                      FROM collection_case c
                      LEFT JOIN account_invoice i ON i.collection_case_id = c.id
                     WHERE c.id = ANY(%(ids)s)
                     GROUP BY c.id) v
             WHERE cc.id = v.id
        """.replace("%(recovered)s", RECOVERED_SQL), {"date": business_today(self), "ids": self.ids})
        self.invalidate_cache()
