# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The court deadlines of a legal case: which ones it should have now (one method per topic:
limitation, trial, judgment, assets, pre-suit preservation, restrictions), and keeping the legal.deadline rows in step."""
import json

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from ..services import deadlines
from .legal_case import _to_date, _to_string
from .legal_deadline import _day
from .loan_guarantee import PERSONAL_GUARANTEES


class LegalCaseDeadlines(models.Model):
    _inherit = "legal.case"

    @api.model
    def _deadline_spec(self, kind, date, source, args=(), done=False, asset=None, restriction=None,
                       calendar=None, code=None, guarantee=None):
        """(key, values) of one deadline the case should have: its kind, date, source date, the
        code of its description (the kind by default, see legal.deadline._description_templates)
        and the values filling it in (`args`), whether it is done by the case's own data, the
        asset, restriction or guarantee it belongs to, and the years whose holidays the court
        calendar the date was counted on (`calendar`, a tracking copy) did not know. The key is
        unique per kind, asset, restriction and guarantee."""
        key = "%s:%s:%s" % (kind, asset.id if asset else 0, restriction.id if restriction else 0)
        if guarantee:
            key += ":%s" % guarantee.id
        unknown = sorted(calendar.unknown_years) if calendar else []
        return key, {
            "kind": kind, "date": _to_string(date), "source_date": _to_string(source),
            "description_code": code or kind, "description_args": json.dumps(list(args), ensure_ascii=False),
            "done": bool(done),
            "asset_id": asset.id if asset else False,
            "restriction_id": restriction.id if restriction else False,
            "calendar_years": ", ".join(str(year) for year in unknown) or False,
            "guarantee_id": guarantee.id if guarantee else False,
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
        specs.update(case._guarantee_deadline_specs(calendar))
        if case.stage == "closed":
            for spec in specs.values():
                spec["done"] = True
        return specs

    # Limitation ------------------------------------------------------------------------------

    @api.multi
    def _limitation_source(self, today):
        """(the day the whole debt fell due, interruption dates) for the limitation period of the
        contract's claim, or (None, []) while nothing is overdue.

        民法典 第189条: 当事人约定同一债务分期履行的，诉讼时效期间自最后一期履行期限届满之日起计算 -- the
        due date of the last installment, not of the oldest overdue one; once the lender
        accelerated the loan (宣布提前到期) or terminated the contract, everything fell due on that
        day, so the period runs from it when it is earlier."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        if not contract:
            return None, []
        today = _to_string(today)
        installments = contract.invoice_ids.filtered(
            lambda i: i.type == "out_invoice" and i.installment_number and i.state in ("open", "paid")
            and i.date_due)
        # Overdue: an open installment past its due date, or any once the loan was accelerated.
        accelerated = contract.acceleration_date and contract.acceleration_date < today
        if not installments.filtered(lambda i: i.state == "open" and (accelerated or i.date_due < today)):
            return None, []
        due = max(installments.mapped("date_due"))
        if contract.acceleration_date and contract.acceleration_date < due:
            due = contract.acceleration_date
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
        contract = self.contract_id.sudo()
        if _to_string(due) == contract.acceleration_date:
            code, args = "limitation_accelerated", [contract.acceleration_date, contract.acceleration_clause]
        else:
            code, args = "limitation", [_to_string(due)]
        return [self._deadline_spec("limitation", expiry, last, args, done=self.filing_date, calendar=calendar,
                                    code=code)]

    # Guarantees ------------------------------------------------------------------------------

    @api.multi
    def _guarantee_claims(self, guarantee):
        """The days the lender claimed against the guarantor of `guarantee`, sorted: for a joint
        guarantee (民法典 第693条第二款) each demand to him proven served and the filing of this
        suit when it names him; for a general guarantee (第693条第一款) the filing of the suit
        against the debtor (arbitration is not modelled)."""
        filing = self.filing_date
        if guarantee.guarantee_type == "general":
            return [filing] if filing else []
        partner = guarantee.partner_id.commercial_partner_id
        notices = guarantee.contract_id.sudo().case_ids.mapped("notice_ids").filtered(
            lambda n: n.kind == "guarantor_demand" and n.state == "served" and n.date_served
            and n.partner_id.commercial_partner_id == partner)
        dates = set(notices.mapped("date_served"))
        if filing and partner in self.sudo().party_ids.mapped("partner_id.commercial_partner_id"):
            dates.add(filing)
        return sorted(dates)

    @api.multi
    def _guarantee_deadline_specs(self, calendar):
        """Per personal guarantee of the contract (民法典 第692-694条): claim against the guarantor
        within the guarantee period, else he is released (第693条); once claimed in time against a
        joint guarantor, his own 3-year limitation runs from that claim (第694条第二款)."""
        specs = []
        guarantees = self.contract_id.sudo().guarantee_ids.filtered(
            lambda g: g.role == "guarantor" and g.guarantee_type in PERSONAL_GUARANTEES and g.period_end)
        for guarantee in guarantees:
            end = _to_date(guarantee.period_end)
            name = guarantee.partner_id.display_name
            claims = [_to_date(d) for d in self._guarantee_claims(guarantee)]
            in_time = [d for d in claims if d <= end]
            specs.append(self._deadline_spec(
                "guarantee_period", end, guarantee._main_debt_due(), [name], done=in_time, guarantee=guarantee,
                code="guarantee_period_general" if guarantee.guarantee_type == "general" else "guarantee_period"))
            # 第694条第一款: a general guarantor's limitation starts only when his benefit of order
            # (先诉抗辩权, 第687条第二款) ends, i.e. after enforcement against the debtor; not
            # modelled -- the guarantee-period deadline is done on filing.
            if guarantee.guarantee_type != "joint" or not in_time:
                continue
            first = in_time[0]
            counted = calendar.tracking()
            specs.append(self._deadline_spec(
                "guarantor_limitation",
                deadlines.limitation_expiry(first, claims[claims.index(first) + 1:], calendar=counted), first,
                [name, _to_string(first)],
                done=self.filing_date and self.filing_date in [_to_string(d) for d in claims],
                guarantee=guarantee, calendar=counted))
        return specs

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
        """Recompute the deadlines now (e.g. after a payment was recorded): the legal team, who may
        write the case (it writes deadlines and activities as superuser, so reading is not enough:
        the auditor and a collection manager who follows the case read it and change nothing)."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("loan_legal.group_legal_user"):
            raise AccessError(_("Only the legal team recomputes a legal case's deadlines."))
        self.check_access_rule("write")
        self._sync_deadlines()
        return True
