# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.base.res.res_partner import _tz_get
from odoo.exceptions import AccessError, ValidationError

from ..services import identity
from .res_company import business_today, business_tz

# Identity numbers are personal data: only the groups that need them see them
# (loan_legal adds the legal team).
IDENTITY_GROUPS = "loan_collection.group_collection_manager,loan_collection.group_loan_finance"
MANAGER_GROUP = "loan_collection.group_collection_manager"
# What only a collection manager may set on a debtor: the facts the conduct rules rely on
# (consent to night contact, the debtor's clock) and the blacklist.
MANAGER_FIELDS = ("night_contact_consent", "collection_tz", "is_blacklisted", "blacklist_reason", "blacklist_date")


class ResPartner(models.Model):
    _inherit = "res.partner"

    identity_type = fields.Selection(
        [("resident_id", "Resident ID Card"), ("credit_code", "Unified Social Credit Code"),
         ("passport", "Passport"), ("other", "Other ID")],
        string="ID Type")
    identity_number = fields.Char(string="ID Number", groups=IDENTITY_GROUPS, copy=False)
    birth_date = fields.Date(compute="_compute_birth_date", store=True, groups=IDENTITY_GROUPS)
    legal_representative = fields.Char(help="Legal representative of a company debtor (法定代表人).")
    household_address = fields.Char(string="Household Registration Address")
    employer_name = fields.Char(string="Employer")
    monthly_income = fields.Monetary(currency_field="loan_currency_id")
    loan_currency_id = fields.Many2one(
        "res.currency", compute="_compute_loan_currency_id", string="Loan Currency")
    education = fields.Selection(
        [("primary", "Primary School or Less"), ("secondary", "Secondary School"),
         ("college", "College"), ("bachelor", "Bachelor"), ("master", "Master or Above")])
    temperament_note = fields.Text(string="Temperament")
    credit_note = fields.Text(string="Credit Notes")
    contact_point_ids = fields.One2many("collection.contact.point", "partner_id", string="Contact Points")
    night_contact_consent = fields.Boolean(
        string="Consents to Contact 22:00-08:00",
        help="The debtor agreed to be contacted during quiet hours (GB/T 45251-2025). Record where "
             "the consent is kept in the credit notes.")
    collection_tz = fields.Selection(
        _tz_get, string="Debtor's Time Zone",
        help="Where the debtor lives, if not in the company's time zone: quiet hours are judged on the "
             "debtor's clock. Empty: the company's time zone (China).")

    # Overdue history, kept up to date by the daily run.
    times_overdue = fields.Integer(readonly=True, help="Collection cases opened for this debtor.")
    worst_days_overdue = fields.Integer(readonly=True)
    total_overdue = fields.Monetary(currency_field="loan_currency_id", readonly=True,
                                    string="Overdue Now")

    is_blacklisted = fields.Boolean(string="Blacklisted", readonly=True, track_visibility="onchange")
    blacklist_reason = fields.Char(readonly=True)
    blacklist_date = fields.Date(readonly=True)

    loan_contract_ids = fields.One2many("loan.contract", "partner_id", string="Loan Contracts")
    collection_case_ids = fields.One2many("collection.case", "partner_id", string="Collection Cases")
    party_case_ids = fields.Many2many(
        "collection.case", "collection_case_party_rel", "partner_id", "case_id",
        string="Cases as Party", help="Cases where this partner is the debtor or a guarantor.")
    contact_log_ids = fields.One2many("collection.contact.log", "partner_id", string="Contact Log")
    promise_ids = fields.One2many("collection.promise", "partner_id", string="Promises to Pay")
    loan_contract_count = fields.Integer(compute="_compute_loan_counts")
    collection_case_count = fields.Integer(compute="_compute_loan_counts")

    def _compute_loan_currency_id(self):
        for partner in self:
            partner.loan_currency_id = (partner.company_id or self.env.user.company_id).currency_id

    @api.depends("identity_type", "identity_number")
    def _compute_birth_date(self):
        for partner in self:
            partner.birth_date = (
                identity.birth_date_from_resident_id(partner.identity_number)
                if partner.identity_type == "resident_id" and partner.identity_number else False)

    def _compute_loan_counts(self):
        # Only shown on the partner form (one record), so search_count keeps the record rules.
        for partner in self:
            partner.loan_contract_count = self.env["loan.contract"].search_count(
                [("partner_id", "=", partner.id)])
            partner.collection_case_count = self.env["collection.case"].search_count(
                [("party_ids", "in", partner.ids)])

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        messages = {
            "length": _("must have 18 characters"),
            "characters": _("has characters that are not allowed"),
            "birth_date": _("does not contain a valid birth date (positions 7-14, YYYYMMDD)"),
            "checksum": _("has a wrong check character (the last one): the number was probably mistyped"),
        }
        for partner in self.sudo():
            number = partner.identity_number
            if not number:
                continue
            if partner.identity_type == "resident_id":
                error = identity.resident_id_error(number, today=fields.Date.from_string(business_today(self)))
                label = _("Resident ID number")
            elif partner.identity_type == "credit_code":
                error = identity.credit_code_error(number)
                label = _("Unified social credit code")
            else:
                continue
            if error:
                raise ValidationError(
                    _("%s %s of %s %s. Check it against the ID card or business licence and "
                      "correct it.") % (label, number, partner.display_name, messages[error]))

    @api.model
    def create(self, vals):
        self._check_manager_fields(vals)
        return super(ResPartner, self).create(self._normalize_identity_vals(vals))

    @api.multi
    def write(self, vals):
        self._check_manager_fields(vals)
        return super(ResPartner, self).write(self._normalize_identity_vals(vals))

    @api.multi
    def _debtor_tz(self):
        """The debtor's clock, on which the conduct rules are judged: the debtor's own time zone
        where a manager recorded one, else the company's (never the caller's: the rules protect the
        debtor, and a caller chooses her own time zone)."""
        return self[:1].sudo().collection_tz or business_tz(self[:1])

    @api.model
    def _check_manager_fields(self, vals):
        # Withdrawing a consent protects the debtor: anyone may record it.
        protected = [name for name in MANAGER_FIELDS if name in vals
                     and not (name == "night_contact_consent" and not vals[name])]
        if not protected or self.env.uid == SUPERUSER_ID or self.env.user.has_group(MANAGER_GROUP):
            return
        labels = ", ".join(self._fields[name].get_description(self.env)["string"] for name in protected)
        raise AccessError(_("Only a collection manager can set %s on a debtor.") % labels)

    @api.model
    def _normalize_identity_vals(self, vals):
        if vals.get("identity_number"):
            vals = dict(vals, identity_number=identity.normalize_identity(vals["identity_number"]))
        return vals

    @api.multi
    def action_view_loan_contracts(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.loan_contract_action").read()[0]
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.multi
    def action_view_collection_cases(self):
        self.ensure_one()
        action = self.env.ref("loan_collection.collection_case_action").read()[0]
        action["domain"] = [("party_ids", "in", self.ids)]
        action["context"] = {"search_default_open": 1}
        return action

    @api.multi
    def action_blacklist(self, reason, date=None):
        """Put the partners on the blacklist: no new loans or guarantees without a manager."""
        self.sudo().write({
            "is_blacklisted": True,
            "blacklist_reason": reason,
            "blacklist_date": date or business_today(self),
        })
        for partner in self:
            partner._loan_note(_("Blacklisted: %s") % reason)
