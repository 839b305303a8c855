# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a legal case moves along its path (services/litigation.py): the buttons, the transitions
they allow, and the data each stage needs before the case may stand in it."""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import deadlines, litigation
from .legal_case import LEGAL_MANAGER_GROUP, STAGES

# The stage moves only through the buttons (action_*), which check where the case comes from:
# target stage -> the stages it may be reached from (the path of services/litigation.py; appeal
# is optional; a case is closed from any open stage; reopening is the legal manager's).
STAGE_TRANSITIONS = {
    "filed": ("preparation",),
    "trial": ("filed",),
    "judgment": ("filed", "trial"),
    "appeal": ("judgment",),
    "effective": ("judgment", "appeal"),
    "enforcement": ("effective",),
    "asset_control": ("enforcement",),
    "restriction": ("enforcement", "asset_control"),
    "closed": tuple(key for key, _label in STAGES if key != "closed"),
}


class LegalCase(models.Model):
    _inherit = "legal.case"

    @api.multi
    def _check_appealable(self):
        """民诉法 (2023) 第165条: a small-claims judgment is final (一审终审), it has no appeal."""
        for case in self:
            if not deadlines.appeal_allowed(case.procedure):
                raise ValidationError(_(
                    "Case %s is tried under the small-claims procedure: its judgment is final at first instance "
                    "(民诉法 第165条) and cannot be appealed; once served it is effective (Judgment Effective), "
                    "and an error is corrected by applying for a retrial. If the court tried the case under "
                    "another procedure, correct the procedure first.") % case.name)

    @api.constrains("procedure", "appeal_date")
    def _check_small_claims_final(self):
        self.filtered(lambda c: c.appeal_date)._check_appealable()

    @api.multi
    def _missing_evidence(self):
        self.ensure_one()
        return self.sudo().evidence_ids.filtered(lambda e: e.required and e.state == "missing")

    @api.multi
    def _case_data(self):
        """The case as the plain dict that services/litigation.py checks."""
        self.ensure_one()
        data = {key: self[key] for key in litigation.DATE_ORDER}
        data.update(court=bool(self.court_id), closing_reason=self.closing_reason,
                    missing_evidence=self._missing_evidence().mapped("name"))
        return data

    @api.multi
    def _check_case_data(self, check_evidence=None):
        """Refuse a case whose dates are out of order or whose stage lacks its data.

        :param check_evidence: the cases of `self` that are leaving preparation, whose required
            evidence must be collected.
        """
        check_evidence = check_evidence or self.browse()
        date_labels = {key: values["string"] for key, values in self.fields_get(
            list(litigation.DATE_ORDER)).items()}
        stage_labels = dict(self._fields["stage"]._description_selection(self.env))
        for case in self:
            data = case._case_data()
            wrong = litigation.dates_out_of_order(data)
            if wrong:
                before = _("- %s (%s) is before %s (%s)")  # out of the generator: _() reads self from its frame
                raise ValidationError(_(
                    "Case %s: the dates are out of order:\n%s\nA case goes filing, judgment, service, "
                    "appeal, effect, enforcement: correct the dates so that each is on or after the one "
                    "before.") % (case.name, "\n".join(
                        before % (
                            date_labels[later], data[later], date_labels[earlier], data[earlier])
                        for earlier, later in wrong)))
            missing = litigation.missing_for_stage(case.stage, data, check_evidence=case in check_evidence)
            if missing:
                raise UserError(_("Case %s cannot be in the stage \"%s\" yet:\n%s") % (
                    case.name, stage_labels[case.stage],
                    "\n".join("- " + case._missing_message(code, data) for code in missing)))

    @api.multi
    def _missing_message(self, code, data):
        messages = {
            "court": _("choose the court the claim is filed with (Court)"),
            "filing_date": _("enter the filing date (立案日期) from the court's acceptance notice"),
            "judgment_date": _("enter the judgment date"),
            "judgment_served_date": _("enter the date the judgment was served"),
            "appeal_date": _("enter the date the appeal was filed"),
            "effective_date": _("enter the date the judgment took effect"),
            "enforcement_date": _("enter the date enforcement was applied for (申请执行)"),
            "closing_reason": _("choose the closing reason"),
        }
        if code == "evidence":
            return _("collect the required evidence: %s (mark each line Collected or Submitted on the "
                     "Evidence tab)") % "、".join(data["missing_evidence"])
        return messages[code]

    @api.multi
    def _check_stage_access(self):
        """The user pressing a button must be allowed to edit the case (legal team)."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _move_to(self, stage):
        """The checked transition: from the stages the path allows, then the stage's data (in
        _write_checked)."""
        self._check_stage_access()
        labels = dict(self._fields["stage"]._description_selection(self.env))
        for case in self:
            if case.stage not in STAGE_TRANSITIONS[stage]:
                raise UserError(_(
                    "Case %s is in the stage \"%s\": it can go to \"%s\" only from %s. A case moves "
                    "forward along its path with the buttons on the form; a closed case is reopened by a "
                    "legal manager (Reopen).") % (
                    case.name, labels[case.stage], labels[stage],
                    "、".join(labels[s] for s in STAGE_TRANSITIONS[stage])))
        self._write_checked({"stage": stage})
        return True

    @api.multi
    def action_file(self):
        """Filed with the court: needs the court, the filing date and the required evidence."""
        return self._move_to("filed")

    @api.multi
    def action_start_trial(self):
        return self._move_to("trial")

    @api.multi
    def action_judgment(self):
        """Judgment given: needs the judgment date (on or after the filing date)."""
        return self._move_to("judgment")

    @api.multi
    def action_appeal(self):
        self._check_appealable()
        return self._move_to("appeal")

    @api.multi
    def action_effective(self):
        return self._move_to("effective")

    @api.multi
    def action_enforcement(self):
        """Enforcement applied for (民诉法 第250条: within 2 years of the performance deadline)."""
        return self._move_to("enforcement")

    @api.multi
    def action_asset_control(self):
        return self._move_to("asset_control")

    @api.multi
    def action_restriction(self):
        return self._move_to("restriction")

    @api.multi
    def action_close(self):
        """Close with the closing reason chosen on the form."""
        return self._move_to("closed")

    @api.multi
    def action_reopen(self):
        """Reopen a closed case at the furthest stage its data supports: a legal manager's
        decision; the closing reason and date are cleared."""
        if not self.env.user.has_group(LEGAL_MANAGER_GROUP):
            raise AccessError(_("Only a legal manager can reopen a closed legal case."))
        self._check_stage_access()
        for case in self:
            if case.stage != "closed":
                raise UserError(_("Case %s is not closed: only a closed case can be reopened.") % case.name)
            case._write_checked({"stage": litigation.furthest_stage(case._case_data()),
                                 "closing_reason": False, "closing_date": False})
        return True
