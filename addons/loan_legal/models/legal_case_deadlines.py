# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The court deadlines of a legal case: which ones it should have now (one method per topic:
limitation, trial, judgment, assets, pre-suit preservation, restrictions), and keeping the legal.deadline rows in step."""
from odoo import _, api, models

from ..services import deadlines
from .legal_case import _to_date, _to_string
from .legal_deadline import _day


class LegalCaseDeadlines(models.Model):
    _inherit = "legal.case"

    @api.model
    def _deadline_spec(self, kind, date, source, description, done=False, asset=None, restriction=None):
        """(key, values) of one deadline the case should have: its kind, date, source date,
        description, whether it is done by the case's own data, and the asset or restriction it
        belongs to. The key is unique per kind, asset and restriction."""
        key = "%s:%s:%s" % (kind, asset.id if asset else 0, restriction.id if restriction else 0)
        return key, {
            "kind": kind, "date": _to_string(date), "source_date": _to_string(source),
            "name": description, "done": bool(done),
            "asset_id": asset.id if asset else False,
            "restriction_id": restriction.id if restriction else False,
        }

    @api.multi
    def _deadline_specs(self, today):
        """The deadlines the case should have now: {key: values} (see _deadline_spec). Every
        deadline of a closed case is done."""
        self.ensure_one()
        case = self.sudo()
        specs = dict(case._limitation_deadline_specs(today))
        specs.update(case._trial_deadline_specs())
        specs.update(case._judgment_deadline_specs())
        specs.update(case._asset_deadline_specs())
        specs.update(case._pre_suit_deadline_specs())
        specs.update(case._restriction_deadline_specs())
        if case.stage == "closed":
            for spec in specs.values():
                spec["done"] = True
        return specs

    # Limitation ------------------------------------------------------------------------------

    @api.multi
    def _limitation_source(self, today):
        """(due date of the oldest overdue installment, interruption dates) for the limitation
        period of the contract's claim, or (None, [])."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        if not contract:
            return None, []
        today = _to_string(today)
        overdue = contract.invoice_ids.filtered(
            lambda i: i.state == "open" and i.date_due and i.date_due < today)
        if not overdue:
            return None, []
        due = min(overdue.mapped("date_due"))
        # The hook of loan_collection gathers payments, served demands and acknowledgments of
        # every collection case of the contract; a case opened by hand asks a blank one.
        collection = self.collection_case_id.sudo() or contract.case_ids[:1]
        if not collection:
            collection = self.env["collection.case"].sudo().new({"contract_id": contract.id})
        interruptions = [_to_date(d) for d in collection._limitation_interruptions() if d]
        return _to_date(due), interruptions

    @api.multi
    def _limitation_deadline_specs(self, today):
        due, interruptions = self._limitation_source(today)
        if not due:
            return []
        # 民法典 第188条: 3 years from when the creditor knew of the breach; 第195条: restarted by
        # a demand, the debtor's agreement to perform (a partial payment), or a claim filed.
        expiry = deadlines.limitation_expiry(due, interruptions)
        # The source is the event the period now runs from: the last interruption that still
        # counted (one after the expiry cannot revive it, 民法典 第192条), or the due date.
        last = max([d for d in interruptions if due < d <= expiry] or [due])
        return [self._deadline_spec(
            "limitation", expiry, last,
            _("Limitation period of the claim ends (民法典 第188条, 第195条): file the claim or have "
              "a demand served before this day. Oldest overdue installment due %s.") % _to_string(due),
            done=self.filing_date)]

    # Trial and judgment ----------------------------------------------------------------------

    @api.multi
    def _trial_deadline_specs(self):
        filing = _to_date(self.filing_date)
        if not filing:
            return []
        return [self._deadline_spec(
            "trial_end", deadlines.trial_period_end(filing, self.procedure, self.trial_extended), filing,
            _("First-instance trial period ends (民诉法 第152条 ordinary, 第164条 simple, 第168条 small-claims "
              "procedure)."),
            done=self.judgment_date)]

    @api.multi
    def _judgment_deadline_specs(self):
        specs = []
        served = _to_date(self.judgment_served_date)
        # 民诉法 (2023) 第165条: a small-claims judgment is final, no appeal window to watch.
        if served and deadlines.appeal_allowed(self.procedure):
            days = deadlines.APPEAL_DAYS[self.judgment_kind]
            specs.append(self._deadline_spec(
                "appeal_end", deadlines.appeal_deadline(served, self.judgment_kind), served,
                _("Appeal window ends: %d days from service (民诉法 第171条).") % days,
                done=self.appeal_date or self.effective_date))
        performance = _to_date(self.performance_deadline)
        if performance:
            specs.append(self._deadline_spec(
                "performance", performance, self.effective_date,
                _("The debtor must perform the judgment by this day (%d days from its effect).")
                % self.performance_days,
                done=self.enforcement_date))
            specs.append(self._deadline_spec(
                "enforcement_application", deadlines.enforcement_application_deadline(performance),
                performance,
                _("Last day to apply for enforcement: 2 years from the performance deadline (民诉法 第250条)."),
                done=self.enforcement_date))
        return specs

    # Assets and restrictions -----------------------------------------------------------------

    @api.multi
    def _asset_deadline_specs(self):
        specs = []
        for asset in self.asset_ids:
            expiry = _to_date(asset.freeze_expiry)
            if not expiry:
                continue
            released = asset.state in ("realised", "paid", "released")
            specs.append(self._deadline_spec(
                "preservation_expiry", expiry, asset.freeze_date,
                _("Preservation of %s expires (民诉法解释 第485条).") % asset.display_name,
                done=released, asset=asset))
            specs.append(self._deadline_spec(
                "preservation_renew_by", deadlines.preservation_renew_by(expiry), expiry,
                _("Apply to renew the preservation of %s by this day (财产保全规定 第18条: at least 7 days "
                  "before it expires).") % asset.display_name,
                done=released, asset=asset))
        return specs

    @api.multi
    def _pre_suit_deadline_specs(self):
        ruled = _to_date(self.pre_suit_preservation_date)
        if not ruled:
            return []
        # 民诉法 第104条: the court lifts a pre-suit preservation when no suit is filed within 30 days.
        return [self._deadline_spec(
            "pre_suit_filing", deadlines.pre_suit_preservation_lapse(ruled), ruled,
            _("File the suit by this day, or the court lifts the pre-suit preservation taken on %s (民诉法 "
              "第104条: within 30 days).") % _to_string(ruled),
            done=self.filing_date)]

    @api.multi
    def _restriction_deadline_specs(self):
        specs = []
        for restriction in self.restriction_ids:
            end = _to_date(restriction.end_date)
            if not end:
                continue
            specs.append(self._deadline_spec(
                "restriction_end", end, restriction.effective_date or restriction.application_date,
                _("%s of %s ends.") % (restriction.kind_label(), restriction.partner_id.display_name),
                done=restriction.state == "lifted", restriction=restriction))
        return specs

    # Keeping the rows in step ----------------------------------------------------------------

    @api.multi
    def _sync_deadlines(self, today=None):
        """Create, update and remove the case's deadline rows so they match its data now: one
        row per kind (per asset or restriction), never two. Then expire passed ones and give
        the reminders that are due."""
        today = _day(self, today)
        Deadline = self.env["legal.deadline"].sudo()
        touched = Deadline.browse()
        for case in self:
            specs = case._deadline_specs(_to_date(today))
            existing = {deadline.key: deadline for deadline in case.sudo().deadline_ids}
            for key, spec in specs.items():
                deadline = existing.pop(key, Deadline.browse())
                touched |= deadline._apply_spec(case, key, spec, today)
            Deadline.browse([d.id for d in existing.values()])._remove()
        touched._sync_activities(today)
        return True

    @api.multi
    def action_sync_deadlines(self):
        """Recompute the deadlines now (e.g. after a payment was recorded)."""
        self._sync_deadlines()
        return True
