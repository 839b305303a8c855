# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.loan_collection.models.res_company import business_today

from ..services import deadlines

ASSET_TYPES = [
    ("real_estate", "Real Estate"),
    ("vehicle", "Vehicle"),
    ("bank_deposit", "Bank Deposit"),
    ("securities", "Securities"),
    ("equity", "Equity"),
    ("receivable", "Receivable"),
    ("other", "Other"),
]
# Asset type -> kind of preservation term (民诉法解释 第485条: bank deposits 1 year, movables
# 2 years, real estate and other property rights 3 years). "Other" is taken as a movable: the
# shorter term gives the earlier, safe renewal reminder.
PRESERVATION_KIND = {
    "real_estate": "real_estate",
    "vehicle": "movable",
    "bank_deposit": "bank_deposit",
    "securities": "other_right",
    "equity": "other_right",
    "receivable": "other_right",
    "other": "movable",
}
ASSET_STATES = [
    ("lead", "Lead"),
    ("search_requested", "Search Requested"),
    ("found", "Found"),
    ("frozen", "Frozen or Seized"),
    ("realised", "Realised"),
    ("paid", "Proceeds Paid"),
    ("released", "Released"),
]
# Target state -> states it may be reached from.
TRANSITIONS = {
    "search_requested": ("lead",),
    "found": ("lead", "search_requested"),
    "frozen": ("lead", "search_requested", "found"),
    "realised": ("frozen",),
    "paid": ("realised",),
    "released": ("found", "frozen", "realised", "paid"),
}
FROZEN_STATES = ("frozen", "realised", "paid")
# Fields whose change moves the asset's preservation deadlines.
DEADLINE_FIELDS = {"state", "freeze_date", "freeze_expiry_court", "asset_type", "case_id", "name"}


class LegalAsset(models.Model):
    _name = "legal.asset"
    _description = "Debtor Asset"
    _inherit = ["mail.thread", "legal.deadline.source"]
    _deadline_fields = DEADLINE_FIELDS
    _deadline_link = "asset_id"
    _order = "case_id, id"

    case_id = fields.Many2one("legal.case", string="Legal Case", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True,
                                 help="The defendant who owns the asset.")
    asset_type = fields.Selection(ASSET_TYPES, string="Type", required=True, default="real_estate",
                                  track_visibility="onchange")
    name = fields.Char(string="Identification", required=True,
                       help="Property certificate no. and address, plate number, bank and account number, "
                            "company and share, debtor of the receivable ...")
    description = fields.Text()
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    estimated_value = fields.Monetary(track_visibility="onchange")
    prior_liens = fields.Monetary(string="Prior Liens", help="Mortgages and other claims ranking before ours.")
    value_left = fields.Monetary(compute="_compute_value_left", store=True, string="Value Left")
    source = fields.Selection([("own", "Own Investigation"), ("court_search", "Court Online Search"),
                               ("debtor_report", "Debtor's Asset Report"), ("other", "Other")],
                              default="own", required=True)
    state = fields.Selection(ASSET_STATES, required=True, default="lead", readonly=True,
                             track_visibility="onchange")
    search_date = fields.Date(string="Search Requested On")
    freeze_order_number = fields.Char(string="Freeze Order No.", track_visibility="onchange",
                                      help="The court's ruling or notice of freezing, seizure or sealing.")
    freeze_date = fields.Date(string="Frozen On", track_visibility="onchange")
    freeze_expiry_court = fields.Date(
        string="Expiry Stated by the Court",
        help="When the court's ruling or notice states the end of the measure, it prevails over the estimate "
             "(财产保全规定 第18条第二款).")
    freeze_expiry = fields.Date(
        compute="_compute_freeze_expiry", inverse="_inverse_freeze_expiry", store=True, string="Freeze Expiry",
        track_visibility="onchange",
        help="The date the court states, or else the longest term for the asset type from the freeze date: "
             "bank deposits 1 year, movables 2 years, real estate and other property rights 3 years "
             "(民诉法解释 第485条).")
    realised_amount = fields.Monetary(string="Amount Realised", track_visibility="onchange")
    realised_date = fields.Date(string="Realised On")
    paid_amount = fields.Monetary(string="Proceeds Paid to Us", track_visibility="onchange")
    paid_date = fields.Date(string="Proceeds Paid On")
    release_date = fields.Date(string="Released On")
    note = fields.Text()
    company_id = fields.Many2one(related="case_id.company_id", readonly=True, store=True)

    _sql_constraints = [
        ("amounts_positive",
         "CHECK(COALESCE(estimated_value, 0) >= 0 AND COALESCE(prior_liens, 0) >= 0 "
         "AND COALESCE(realised_amount, 0) >= 0 AND COALESCE(paid_amount, 0) >= 0)",
         "Asset values and amounts cannot be negative."),
    ]

    @api.depends("estimated_value", "prior_liens")
    def _compute_value_left(self):
        for asset in self:
            asset.value_left = max(asset.estimated_value - asset.prior_liens, 0.0)

    @api.depends("freeze_date", "freeze_expiry_court", "asset_type")
    def _compute_freeze_expiry(self):
        for asset in self:
            if asset.freeze_expiry_court:
                asset.freeze_expiry = asset.freeze_expiry_court
            elif asset.freeze_date:
                asset.freeze_expiry = fields.Date.to_string(deadlines.preservation_expiry(
                    fields.Date.from_string(asset.freeze_date), PRESERVATION_KIND[asset.asset_type]))
            else:
                asset.freeze_expiry = False

    def _inverse_freeze_expiry(self):
        for asset in self:
            asset.freeze_expiry_court = asset.freeze_expiry

    @api.constrains("state", "freeze_order_number", "freeze_date", "freeze_expiry_court", "asset_type")
    def _check_freeze(self):
        for asset in self:
            if asset.state in FROZEN_STATES and not (asset.freeze_order_number and asset.freeze_date):
                raise ValidationError(asset._freeze_missing_message())
            if asset.freeze_date and asset.freeze_expiry and asset.freeze_expiry <= asset.freeze_date:
                raise ValidationError(_("Asset %s: the freeze expiry (%s) must be after the freeze date (%s). "
                                        "Correct the date stated by the court.") % (
                    asset.display_name, asset.freeze_expiry, asset.freeze_date))

    @api.constrains("partner_id", "case_id")
    def _check_owner_is_defendant(self):
        for asset in self:
            if asset.partner_id not in asset.case_id.sudo().party_ids.mapped("partner_id"):
                raise ValidationError(_("%s is not a defendant of case %s: the court enforces only against the "
                                        "defendants' property. Add them on the Defendants tab first, or choose "
                                        "the defendant who owns the asset.") % (
                    asset.partner_id.display_name, asset.case_id.name))

    @api.multi
    def _freeze_missing_message(self):
        return _("Asset %s cannot be frozen without the court's order: enter the freeze order number and the "
                 "freeze date from the court's ruling or notice.") % self.display_name

    @api.model
    def _court_date_vals(self, vals):
        # The expiry typed in is the court's date; storing it there (and not as the computed value)
        # lets the estimate come back when it is cleared.
        if "freeze_expiry" in vals:
            vals = dict(vals)
            vals["freeze_expiry_court"] = vals.pop("freeze_expiry")
        return vals

    @api.multi
    def name_get(self):
        types = dict(self._fields["asset_type"]._description_selection(self.env))
        return [(asset.id, "%s %s" % (types[asset.asset_type], asset.name)) for asset in self]

    # Issue 11 (7): the state moves only through the buttons (which check it); computed fields
    # are never written. Refused for everyone: the buttons write through _write_state.

    @api.model
    def _refused_fields(self, vals):
        refused = {"state"} & set(vals)
        for name in vals:
            field = self._fields.get(name)
            if field is not None and field.compute and not field.inverse:
                refused.add(name)
        return refused

    @api.model
    def _refusal(self, refused):
        if "state" in refused:
            return AccessError(_("The state of an asset cannot be written: it changes only through the "
                                 "buttons on its form (Search Requested, Found, Frozen or Seized, Realised, "
                                 "Proceeds Paid, Released), which check the court's data."))
        labels = [self._loan_field_label(name) for name in sorted(refused)]
        return AccessError(_("These fields are computed and cannot be written: %s.") % ", ".join(labels))

    @api.model
    def create(self, vals):
        refused = self._refused_fields(vals)
        # A record loaded with the addon's data (demo history) may start in a later state.
        if vals.get("state", "lead") == "lead" or (self.env.uid == SUPERUSER_ID and self.env.context.get("install_mode_data")):
            refused.discard("state")
        if refused:
            raise self._refusal(refused)
        return super(LegalAsset, self).create(vals)

    @api.multi
    def write(self, vals):
        refused = self._refused_fields(vals)
        if refused:
            raise self._refusal(refused)
        return super(LegalAsset, self).write(vals)

    @api.multi
    def _write_state(self, vals):
        """Write a state change checked by a button (private: RPC cannot call it)."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return super(LegalAsset, self).write(vals)

    # State changes ---------------------------------------------------------------------------

    @api.multi
    def _check_transition(self, state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for asset in self:
            if asset.state not in TRANSITIONS[state]:
                raise UserError(_("Asset %s is %s: it can become %s only from %s.") % (
                    asset.display_name, labels[asset.state], labels[state],
                    ", ".join(labels[s] for s in TRANSITIONS[state])))

    @api.multi
    def _move_to(self, state, vals=None):
        self._check_transition(state)
        self._write_state(dict(vals or {}, state=state))
        return True

    @api.multi
    def action_request_search(self):
        """The court was asked to search for the asset (财产查控)."""
        return self._move_to("search_requested", {"search_date": business_today(self)})

    @api.multi
    def action_found(self):
        return self._move_to("found")

    @api.multi
    def action_freeze(self):
        """Frozen, seized or sealed by the court: needs the order number and date; the expiry is
        estimated from the asset type unless the court stated it."""
        self._check_transition("frozen")
        for asset in self:
            if not (asset.freeze_order_number and asset.freeze_date):
                raise UserError(asset._freeze_missing_message())
        return self._move_to("frozen")

    @api.multi
    def action_realise(self):
        """Sold at auction or otherwise turned into money by the court."""
        self._check_transition("realised")
        for asset in self:
            if not (asset.realised_amount and asset.realised_date):
                raise UserError(_("Asset %s: enter the amount realised and the date (from the court's auction "
                                  "or sale ruling) first.") % asset.display_name)
        return self._move_to("realised")

    @api.multi
    def action_paid(self):
        """The court paid the proceeds out to us (执行款)."""
        self._check_transition("paid")
        for asset in self:
            if not (asset.paid_amount and asset.paid_date):
                raise UserError(_("Asset %s: enter the proceeds paid to us and the date they were received "
                                  "first.") % asset.display_name)
            if asset.currency_id.compare_amounts(asset.paid_amount, asset.realised_amount) > 0:
                raise UserError(_("Asset %s: the proceeds paid (%.2f) cannot exceed the amount realised (%.2f). "
                                  "Correct one of the amounts.") % (
                    asset.display_name, asset.paid_amount, asset.realised_amount))
        return self._move_to("paid")

    @api.multi
    def action_release(self):
        """The court lifted the measure (or the asset is given up)."""
        today = business_today(self)
        for asset in self:
            asset._move_to("released", None if asset.release_date else {"release_date": today})
        return True
