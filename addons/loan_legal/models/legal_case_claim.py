# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The claim of a legal case as of its date, from the ledger (services/claim.py): the installments
as recoveries left them, the overdue part or -- after an acceleration -- the whole outstanding
principal, interest to date, penalty and compound interest, and the costs still owed. Recomputed on
hand-over, when the claim date or basis changes, after each recovery while the case is in
preparation, and with Recompute Claim; the amounts stay editable by the legal team (a lender may
claim less). The breakdown (base, rate, period, clause of each head) is rendered from the ledger
when read, in the reader's language."""
import collections

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.loan_collection.models.account_invoice_recovery import unpaid_parts
from odoo.addons.loan_collection.services.amount_words import rmb_figures
from odoo.addons.loan_collection.services.docx_render import cn_date
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import claim as claim_service
from ..services import complaint as complaint_rules
from .legal_case import _to_date

CLAIM_FIELDS = ("claim_principal", "claim_interest", "claim_penalty", "claim_compound", "claim_costs")
# A contract's open or paid invoice as the claim and the court documents read it (_ledger_rows),
# dates as the ORM gives them ('2026-03-01'), amounts as floats; principal_recovered and
# interest_recovered: the split of its posted recoveries.
LedgerRow = collections.namedtuple("LedgerRow", [
    "id", "type", "installment_number", "state", "date_due", "principal_amount", "interest_amount",
    "amount_total", "residual", "penalty_interest", "penalty_date", "penalty_recovered",
    "principal_recovered", "interest_recovered"])
LEDGER_NULLS = (None, None, 0, None, False, 0.0, 0.0, 0.0, 0.0, 0.0, False, 0.0, 0.0, 0.0)


class LegalCase(models.Model):
    _inherit = "legal.case"

    # The ledger ------------------------------------------------------------------------------

    @api.model
    def _ledger_rows(self, contract):
        """The open and paid invoices of `contract` (LedgerRow, by due date), in one query: read
        through the ORM, each would prefetch every column of the chunk's invoices and format them
        (two thirds of a complaint's time, issue 13). Read as the superuser, like the ledger."""
        if not contract:
            return []
        self.env["account.invoice"].recompute()  # a residual still to be stored, stored first
        self.env.cr.execute("""
            SELECT i.id, i.type, i.installment_number, i.state, i.date_due, i.principal_amount,
                   i.interest_amount, i.amount_total, i.residual, i.penalty_interest, i.penalty_date,
                   i.penalty_recovered, COALESCE(r.principal, 0), COALESCE(r.interest, 0)
              FROM account_invoice i
              LEFT JOIN (SELECT l.invoice_id, SUM(l.amount_principal) AS principal,
                                SUM(l.amount_interest) AS interest
                           FROM collection_recovery_line l
                           JOIN collection_recovery rec ON rec.id = l.recovery_id AND rec.state = 'posted'
                           JOIN account_invoice li ON li.id = l.invoice_id AND li.loan_contract_id = %(contract)s
                          GROUP BY l.invoice_id) r ON r.invoice_id = i.id
             WHERE i.loan_contract_id = %(contract)s AND i.state IN ('open', 'paid')
             ORDER BY i.date_due, i.id""", {"contract": contract.id})
        # Odoo's cursor gives dates as strings and numerics as floats, like the ORM; NULL as the ORM
        # reads it (0, False, 0.0).
        return [LedgerRow(*(null if value is None else value for value, null in zip(row, LEDGER_NULLS)))
                for row in self.env.cr.fetchall()]

    @api.model
    def _ledger_installments(self, contract, rows=None):
        """The contract's installments as services/claim.py reads them (`rows`: its _ledger_rows,
        when the caller has them)."""
        result = []
        for row in self._ledger_rows(contract) if rows is None else rows:
            if row.type != "out_invoice" or not row.installment_number:
                continue
            principal_unpaid, interest_unpaid = unpaid_parts(
                row.state, row.residual, row.principal_amount, row.interest_amount, row.amount_total)
            result.append(claim_service.Installment(
                _to_date(row.date_due), row.principal_amount, row.interest_amount, principal_unpaid,
                interest_unpaid, row.penalty_interest, _to_date(row.penalty_date), row.penalty_recovered))
        return result

    @api.model
    def _default_claim_basis(self, contract, claim_date):
        accelerated = contract.acceleration_date
        return "accelerated" if accelerated and claim_date and accelerated <= claim_date else "overdue"

    @api.model
    def _ledger_claim(self, contract, collection, claim_date, basis, rows=None):
        """(claim lines, totals, repaid) of `contract` as of `claim_date` on `basis` (services/claim.py;
        `rows`: the contract's _ledger_rows, when the caller has them)."""
        contract = contract.sudo()
        if basis == "accelerated" and not (contract.acceleration_date and contract.acceleration_date <= claim_date):
            raise UserError(_(
                "Contract %s was not accelerated on or before %s: claim the overdue part only, or record the "
                "acceleration on the contract first (Accelerate the Loan).") % (contract.name, claim_date))
        costs = collection.sudo()._recovery_costs_due() if collection else 0
        installments = self._ledger_installments(contract, rows)
        lines = claim_service.claim_lines(
            installments, _to_date(claim_date), basis, contract.annual_rate, contract.overdue_rate,
            contract.compound_interest, costs, _to_date(contract.acceleration_date), _to_date(contract.date_disbursed),
            day_count=self._day_count(contract))
        return lines, claim_service.totals(lines), claim_service.repaid(installments)

    @api.model
    def _day_count(self, contract):
        """How interest by the day is counted on `contract`'s product, as the ledger accrues the
        penalty: 'actual_360' on the PBOC basis (年利率÷360, 银发〔2005〕129号), else the product's own."""
        basis = contract.sudo().product_id.day_count or "pboc"
        return "actual_360" if basis == "pboc" else basis

    @api.model
    def _claim_amounts(self, totals):
        """The legal case's claim fields from the totals of _ledger_claim."""
        return {name: float(totals[name.replace("claim_", "")]) for name in CLAIM_FIELDS}

    @api.model
    def _claim_from_ledger(self, contract, collection, claim_date, basis):
        """The amounts claimed from `contract`'s ledger as of `claim_date` on `basis`."""
        return self._claim_amounts(self._ledger_claim(contract, collection, claim_date, basis)[1])

    @api.multi
    def _case_ledger_claim(self, rows=None):
        """_ledger_claim for this case's contract, claim date and basis."""
        self.ensure_one()
        return self._ledger_claim(self.contract_id, self.collection_case_id, self.claim_date, self.claim_basis,
                                  rows)

    @api.multi
    def _claim_breakdown_lines(self, ledger=None):
        """Each head of the claim from the ledger with how it is computed, then what was repaid, in
        the reader's language (the complaint asks for them in Chinese). `ledger`: the case's
        _ledger_claim when the caller has it already."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        lines, _totals, repaid = ledger or self._case_ledger_claim()
        text = [self._claim_line_text(line, contract) for line in lines]
        amount = self._claim_formats()[1]
        text.append(_("Repaid so far: principal %s, interest %s, penalty interest %s.") % (
            amount(repaid["principal"]), amount(repaid["interest"]), amount(repaid["penalty"])))
        return text

    @api.model
    def _claim_formats(self):
        """(date, amount, rate) formatters of the breakdown in the reader's language: in Chinese as
        a court document writes them (2026年6月18日, ¥360,000.00), else 2026-06-18 and 360,000.00."""
        if (self.env.lang or "").startswith("zh"):
            return cn_date, rmb_figures, complaint_rules.rate_text
        return str, "{:,.2f}".format, complaint_rules.rate_text

    @api.depends("contract_id", "claim_date", "claim_basis", "claim_total")
    def _compute_claim_breakdown(self):
        for case in self:
            if not (case.contract_id and case.claim_date):
                case.claim_breakdown = False
                continue
            try:
                case.claim_breakdown = "\n".join(case._claim_breakdown_lines())
            except UserError as error:
                case.claim_breakdown = error.name

    @api.model
    def _claim_line_text(self, line, contract):
        none = _("not recorded")
        day, amount, rate = self._claim_formats()
        if line.code == "principal" and contract.acceleration_date and line.start == _to_date(
                contract.acceleration_date):
            return _("Principal: %s, the whole outstanding principal, due since the acceleration of %s "
                     "(clause %s).") % (amount(line.amount), day(line.start), contract.acceleration_clause or none)
        templates = {
            "principal": _("Principal: %(amount)s, unpaid principal of the installments due from %(start)s."),
            "interest": _("Interest: %(amount)s, unpaid interest of the installments due from %(start)s to "
                          "%(end)s, at %(rate)s%% a year (clause %(clause)s)."),
            "interest_accrued": _("Interest to the acceleration: %(amount)s, on %(base)s at %(rate)s%% a year "
                                  "from %(start)s to %(end)s (clause %(clause)s)."),
            "penalty": _("Penalty interest: %(amount)s, on the overdue amounts at %(rate)s%% a year from "
                         "%(start)s, accrued to %(end)s (clause %(clause)s)."),
            "penalty_accelerated": _("Penalty interest after the acceleration: %(amount)s, on %(base)s at "
                                     "%(rate)s%% a year from %(start)s to %(end)s (clause %(clause)s)."),
            "compound": _("Compound interest: %(amount)s, on the overdue interest %(base)s at %(rate)s%% a year "
                          "from its due dates to %(end)s (clause %(clause)s; 银发〔2003〕251号 第三条)."),
            "costs": _("Costs of realising the claim not yet recovered: %(amount)s."),
        }
        clauses = {"interest": contract.interest_clause, "interest_accrued": contract.interest_clause,
                   "penalty": contract.penalty_clause, "penalty_accelerated": contract.penalty_clause,
                   "compound": contract.compound_clause}
        return templates[line.code] % {
            "amount": amount(line.amount), "base": none if line.base is None else amount(line.base),
            "rate": none if line.rate is None else rate(line.rate), "start": day(line.start) if line.start else none,
            "end": day(line.end) if line.end else none, "clause": clauses.get(line.code) or none}

    @api.multi
    def _refresh_claim(self):
        """Bring the claim of these cases (those with a contract) in step with the ledger."""
        for case in self.sudo().filtered("contract_id"):
            vals = self._claim_from_ledger(case.contract_id, case.collection_case_id, case.claim_date,
                                           case.claim_basis)
            case._write_checked(vals)
        return True

    @api.multi
    def action_refresh_claim(self):
        """Recompute Claim: the amounts claimed as of the claim date from the ledger."""
        self._check_stage_access()
        if not self.filtered("contract_id"):
            raise UserError(_("The legal case has no loan contract: enter the amounts claimed by hand."))
        return self._refresh_claim()

    # CRUD ------------------------------------------------------------------------------------

    @api.model
    def _values_from_collection_case(self, collection, with_parties=True):
        vals = super(LegalCase, self)._values_from_collection_case(collection, with_parties)
        contract = collection.sudo().contract_id
        vals["claim_basis"] = self._default_claim_basis(contract, vals["claim_date"])
        vals.update(self._claim_from_ledger(contract, collection, vals["claim_date"], vals["claim_basis"]))
        return vals

    @api.model
    def _check_claim_date(self, vals):
        """A claim is stated as of a day that has come: as of a later day it would claim interest
        and penalty not yet owed (and an installment not yet due)."""
        date, today = vals.get("claim_date"), business_today(self)
        if date and str(date) > today:
            raise ValidationError(_("%s %s is after today (%s): a claim is stated as of today or an earlier day, "
                                    "the interest and penalty after it are not owed yet. Choose today or an "
                                    "earlier day.") % (self._loan_field_label("claim_date"), date, today))

    @api.model
    def create(self, vals):
        self._check_claim_date(vals)
        # Opened by hand on a contract without amounts: the claim from the ledger.
        contract = self.env["loan.contract"].sudo().browse(vals.get("contract_id"))
        fill = contract and not set(CLAIM_FIELDS) & set(vals)
        if fill and "claim_basis" not in vals:
            vals = dict(vals, claim_basis=self._default_claim_basis(
                contract, vals.get("claim_date") or self._fields["claim_date"].default(self)))
        case = super(LegalCase, self).create(vals)
        if fill:
            case._refresh_claim()
        return case

    @api.multi
    def write(self, vals):
        self._check_claim_date(vals)
        if not ({"claim_date", "claim_basis"} & set(vals) and not set(CLAIM_FIELDS) & set(vals)):
            return super(LegalCase, self).write(vals)
        # A new date or basis: the claim from the ledger, all or nothing.
        try:
            with self.env.cr.savepoint():
                result = super(LegalCase, self).write(vals)
                self._refresh_claim()
        except Exception:
            self.env.cache.invalidate()
            raise
        return result
