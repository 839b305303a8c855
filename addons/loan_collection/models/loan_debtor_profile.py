# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The debtor's private profile: identity, household registration, work, means and notes.

Kept out of res.partner (which every internal user reads, with no record rule) in a model of its
own, so that access can be ruled (security/loan_debtor_profile_security.xml): collectors read and
edit the profiles of the parties of their own cases only; collection managers, finance and the
legal team all of them. The identity number and the birth date are field-restricted to managers,
finance and (loan_legal) the legal team; everyone who may see the profile sees the masked number.
Full reads of identity numbers are logged (loan.identity.access.log).

个人信息保护法 第51条: a processor of personal information takes measures such as access control
and security audit (the record rules, the field groups and the access log); 第28条: identity
numbers and financial accounts are sensitive personal information.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..services import identity, identity_format
from .res_company import business_today

# Identity numbers are personal data: only the groups that need them see them
# (loan_legal adds the legal team).
IDENTITY_GROUPS = "loan_collection.group_collection_manager,loan_collection.group_loan_finance"
IDENTITY_TYPES = [("resident_id", "Resident ID Card"), ("credit_code", "Unified Social Credit Code"),
                  ("passport", "Passport"), ("other", "Other ID")]
EDUCATION_LEVELS = [("primary", "Primary School or Less"), ("secondary", "Secondary School"),
                    ("college", "College"), ("bachelor", "Bachelor"), ("master", "Master or Above")]
# The profile's own data, as res.partner shows it (models/res_partner.py).
PROFILE_FIELDS = ("identity_type", "identity_number", "birth_date", "household_address", "employer_name",
                  "monthly_income", "education", "temperament_note", "credit_note", "ethnicity",
                  "habitual_residence")
# Numbers that identify one person or one company: two partners may not share one.
UNIQUE_TYPES = ("resident_id", "credit_code")


class LoanDebtorProfile(models.Model):
    _name = "loan.debtor.profile"
    _description = "Debtor Profile"
    _rec_name = "partner_id"
    _order = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Partner", required=True, index=True, ondelete="cascade")
    identity_type = fields.Selection(IDENTITY_TYPES, string="ID Type")
    identity_number = fields.Char(string="ID Number", groups=IDENTITY_GROUPS, copy=False)
    identity_number_masked = fields.Char(
        compute="_compute_identity_number_masked", string="ID Number (Masked)",
        help="The identity number with its middle hidden, enough to recognise the debtor.")
    birth_date = fields.Date(compute="_compute_birth_date", store=True, compute_sudo=True, groups=IDENTITY_GROUPS)
    household_address = fields.Char(string="Household Registration Address")
    # What the element-style complaint states of a person (民事起诉状（要素式）: 民族, 经常居住地):
    # personal data, ruled like the household address.
    ethnicity = fields.Char(string="Ethnic Group", help="As on the resident ID, e.g. 汉族.")
    habitual_residence = fields.Char(
        string="Habitual Residence",
        help="Where the person has lived for a year or more when it is not the registered address (经常居住地): "
             "it may decide the court (民诉法 第22条).")
    employer_name = fields.Char(string="Employer")
    monthly_income = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id", string="Currency")
    education = fields.Selection(EDUCATION_LEVELS)
    temperament_note = fields.Text(string="Temperament")
    credit_note = fields.Text(string="Credit Notes")

    _sql_constraints = [
        ("partner_uniq", "unique(partner_id)", "A partner has one debtor profile."),
    ]

    def _compute_currency_id(self):
        for profile in self:
            profile.currency_id = (profile.partner_id.company_id or self.env.user.company_id).currency_id

    def _compute_identity_number_masked(self):
        # The mask is computed from the full number as the product (sudo), never shown in full.
        for profile, full in zip(self, self.sudo()):
            profile.identity_number_masked = identity_format.mask_identity(full.identity_number)

    @api.depends("identity_type", "identity_number")
    def _compute_birth_date(self):
        for profile in self:
            profile.birth_date = (
                identity.birth_date_from_resident_id(profile.identity_number)
                if profile.identity_type == "resident_id" and profile.identity_number else False)

    @api.constrains("identity_type", "identity_number")
    def _check_identity_number(self):
        messages = {
            "length": _("must have 18 characters"),
            "characters": _("has characters that are not allowed"),
            "birth_date": _("does not contain a valid birth date (positions 7-14, YYYYMMDD)"),
            "checksum": _("has a wrong check character (the last one): the number was probably mistyped"),
        }
        other_messages = {
            "passport": {
                "length": _("must have 5 to 17 letters and digits"),
                "characters": _("may hold only the letters A-Z and the digits 0-9"),
            },
            "other": {
                "length": _("must have 4 to 30 characters"),
                "characters": _("may hold only the letters A-Z, the digits 0-9 and inner hyphens"),
            },
        }
        for profile in self.sudo():
            number = profile.identity_number
            if not number:
                continue
            partner = profile.partner_id
            if profile.identity_type == "resident_id":
                error = identity.resident_id_error(number, today=fields.Date.from_string(business_today(self)))
                label, text = _("Resident ID number"), messages.get(error)
            elif profile.identity_type == "credit_code":
                error = identity.credit_code_error(number)
                label, text = _("Unified social credit code"), messages.get(error)
            else:
                kind = profile.identity_type if profile.identity_type == "passport" else "other"
                error = identity_format.other_identity_error(number, kind)
                label = _("Passport number") if kind == "passport" else _("Identity number")
                text = other_messages[kind].get(error)
                # A number with markup is not echoed back.
                number = number if error != "characters" else ""
            if error:
                raise ValidationError(
                    _("%s %s of %s %s. Check it against the ID card or business licence and "
                      "correct it.") % (label, number, partner.display_name, text))
            if profile.identity_type in UNIQUE_TYPES:
                other = self.sudo().search([("id", "!=", profile.id), ("identity_type", "=", profile.identity_type),
                                            ("identity_number", "=", profile.identity_number)], limit=1)
                if other:
                    raise ValidationError(
                        _("%s %s of %s is already recorded for %s: one person or company is one partner. "
                          "Open %s and add the loan there, or correct the number.")
                        % (label, number, partner.display_name, other.partner_id.display_name,
                           other.partner_id.display_name))

    @api.model
    def create(self, vals):
        self._check_restricted_write(vals)
        return super(LoanDebtorProfile, self).create(self._normalize_vals(vals))

    @api.multi
    def write(self, vals):
        self._check_restricted_write(vals)
        return super(LoanDebtorProfile, self).write(self._normalize_vals(vals))

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super(LoanDebtorProfile, self).read(fields=fields, load=load)
        if self.env.uid != SUPERUSER_ID and (fields is None or "identity_number" in fields):
            # read() has checked the field's groups: whoever gets here got the numbers in full.
            shown = [values["id"] for values in result if values.get("identity_number")]
            if shown:
                self.env["loan.identity.access.log"].sudo()._record(
                    self.browse(shown).sudo().mapped("partner_id"), self.env.uid, "read")
        return result

    @api.model
    def _check_restricted_write(self, vals):
        # Odoo 11 checks a field's groups on read only: the same groups are needed to write it.
        if self.env.uid == SUPERUSER_ID:
            return
        refused = [name for name in vals if name in self._fields and self._fields[name].groups
                   and not self.user_has_groups(self._fields[name].groups)]
        if refused:
            labels = ", ".join(self._loan_field_label(name) for name in refused)
            raise AccessError(_("You may not set %s on a debtor profile: only collection managers, finance "
                                "and the legal team record identity numbers.") % labels)

    @api.model
    def _normalize_vals(self, vals):
        if vals.get("identity_number"):
            vals = dict(vals, identity_number=identity.normalize_identity(vals["identity_number"]))
        return vals
