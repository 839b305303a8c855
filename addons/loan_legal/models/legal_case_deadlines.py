# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The court deadlines of a legal case: which ones it should have now (one method per topic:
limitation, trial, judgment, assets, pre-suit preservation, restrictions), and keeping the legal.deadline rows in step."""
import json

from odoo import api, models

from ..services import deadlines
from .legal_case import _to_date, _to_string
from .legal_deadline import _day


class LegalCaseDeadlines(models.Model):
    _inherit = "legal.case"

    @api.model
    def _deadline_spec(self, kind, date, source, args=(), done=False, asset=None, restriction=None,
                       calendar=None, code=None):
        """(key, values) of one deadline the case should have: its kind, date, source date, the
        code of its description (the kind by default, see legal.deadline._description_templates)
        and the values filling it in (`args`), whether it is done by the case's own data, the
        asset or restriction it belongs to, and the years whose holidays the court calendar the
        date was counted on (`calendar`, a tracking copy) did not know. The key is unique per
        kind, asset and restriction."""
        key = "%s:%s:%s" % (kind, asset.id if asset else 0, restriction.id if restriction else 0)
        unknown = sorted(calendar.unknown_years) if calendar else []
        return key, {
            "kind": kind, "date": _to_string(date), "source_date": _to_string(source),
            "description_code": code or kind, "description_args": json.dumps(list(args), ensure_ascii=False),
            "done": bool(done),
            "asset_id": asset.id if asset else False,
            "restriction_id": restriction.id if restriction else False,
            "calendar_years": ", ".join(str(year) for year in unknown) or False,
        }

    @api.multi
    def _deadline_specs(self, today, calendar):
        """The deadlines the case should have now: {key: values} (see _deadline_spec), counted
        on `calendar` (legal.court.holiday._court_calendar). Every deadline of a closed case is
        done."""
        self.ensure_one()
        case = self.sudo()
        specs = dict(case._limitation_deadline_specs(today, calendar))
        specs.update(case._trial_deadline_specs(calendar))
        specs.update(case._judgment_deadline_specs(calendar))
        specs.update(case._asset_deadline_specs(calendar))
        specs.update(case._pre_suit_deadline_specs(calendar))
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
    def _limitation_deadline_specs(self, today, calendar):
        due, interruptions = self._limitation_source(today)
        if not due:
            return []
        # 民法典 第188条: 3 years from when the creditor knew of the breach; 第195条: restarted by
        # a demand, the debtor's agreement to perform (a partial payment), or a claim filed.
        calendar = calendar.tracking()
        expiry = deadlines.limitation_expiry(due, interruptions, calendar=calendar)
        # The source is the event the period now runs from: the last interruption that still
        # counted (one after the expiry cannot revive it, 民法典 第192条), or the due date.
        last = max([d for d in interruptions if due < d <= expiry] or [due])
        return [self._deadline_spec("limitation", expiry, last, [_to_string(due)], done=self.filing_date,
                                    calendar=calendar)]

    # Trial and judgment ----------------------------------------------------------------------

    @api.multi
    def _trial_deadline_specs(self, calendar):
        filing = _to_date(self.filing_date)
        if not filing:
            return []
        calendar = calendar.tracking()
        end = deadlines.trial_period_end(filing, self.procedure, self.trial_extended, calendar=calendar)
        return [self._deadline_spec("trial_end", end, filing, done=self.judgment_date, calendar=calendar)]

    @api.multi
    def _judgment_deadline_specs(self, calendar):
        specs = []
        served = _to_date(self.judgment_served_date)
        # 民诉法 (2023) 第165条: a small-claims judgment is final, no appeal window to watch.
        if served and deadlines.appeal_allowed(self.procedure):
            appeal = calendar.tracking()
            specs.append(self._deadline_spec(
                "appeal_end", deadlines.appeal_deadline(served, self.judgment_kind, calendar=appeal), served,
                [deadlines.APPEAL_DAYS[self.judgment_kind]], done=self.appeal_date or self.effective_date,
                calendar=appeal))
        effective = _to_date(self.effective_date)
        if effective:
            # The case's stored performance_deadline, counted again to learn the years it needed.
            performance_calendar = calendar.tracking()
            performance = deadlines.performance_deadline(
                effective, max(self.performance_days, 0), calendar=performance_calendar)
            specs.append(self._deadline_spec(
                "performance", performance, effective, [self.performance_days], done=self.enforcement_date,
                calendar=performance_calendar))
            enforcement = calendar.tracking()
            specs.append(self._deadline_spec(
                "enforcement_application",
                deadlines.enforcement_application_deadline(performance, calendar=enforcement), performance,
                done=self.enforcement_date, calendar=enforcement))
        return specs

    # Assets and restrictions -----------------------------------------------------------------

    @api.multi
    def _asset_deadline_specs(self, calendar):
        specs = []
        for asset in self.asset_ids:
            expiry = _to_date(asset.freeze_expiry)
            if not expiry:
                continue
            released = asset.state in ("realised", "paid", "released")
            # 民诉法解释 第485条: the measure lapses on its own date, not rolled (no calendar).
            specs.append(self._deadline_spec(
                "preservation_expiry", expiry, asset.freeze_date, [asset.display_name], done=released, asset=asset))
            renew = calendar.tracking()
            specs.append(self._deadline_spec(
                "preservation_renew_by", deadlines.preservation_renew_by(expiry, calendar=renew), expiry,
                [asset.display_name], done=released, asset=asset, calendar=renew))
        return specs

    @api.multi
    def _pre_suit_deadline_specs(self, calendar):
        ruled = _to_date(self.pre_suit_preservation_date)
        if not ruled:
            return []
        # 民诉法 第104条: the court lifts a pre-suit preservation when no suit is filed within 30 days.
        lapse = calendar.tracking()
        return [self._deadline_spec(
            "pre_suit_filing", deadlines.pre_suit_preservation_lapse(ruled, calendar=lapse), ruled,
            [_to_string(ruled)], done=self.filing_date, calendar=lapse)]

    @api.multi
    def _restriction_deadline_specs(self):
        specs = []
        for restriction in self.restriction_ids:
            end = _to_date(restriction.end_date)
            if not end:
                continue
            # Not rolled: the restriction simply ends (失信名单规定 第2条).
            specs.append(self._deadline_spec(
                "restriction_end", end, restriction.effective_date or restriction.application_date,
                [{"selection": ["legal.restriction", "kind", restriction.kind]},
                 restriction.partner_id.display_name],
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
        calendar = self.env["legal.court.holiday"]._court_calendar()
        touched = Deadline.browse()
        for case in self:
            specs = case._deadline_specs(_to_date(today), calendar)
            existing = {deadline.key: deadline for deadline in case.sudo().deadline_ids}
            for key, spec in specs.items():
                deadline = existing.pop(key, Deadline.browse())
                touched |= deadline._apply_spec(case, key, spec, today)
            Deadline.browse([d.id for d in existing.values()])._remove()
        touched._sync_activities(today)
        return True

    @api.multi
    def _recount_deadlines(self, today=None):
        """Count the stored performance deadline and every deadline of these cases again on the
        court calendar as it is now: after a day was recorded (legal.court.holiday), and daily
        (a newer chinese-calendar package brings a new year)."""
        judged = self.filtered("effective_date")
        judged.invalidate_cache(["performance_deadline"], judged.ids)
        self.env.add_todo(self._fields["performance_deadline"], judged)
        self.recompute()
        return self._sync_deadlines(today)

    @api.multi
    def action_sync_deadlines(self):
        """Recompute the deadlines now (e.g. after a payment was recorded)."""
        self._sync_deadlines()
        return True
