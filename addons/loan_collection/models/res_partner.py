# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.base.res.res_partner import _tz_get
from odoo.exceptions import AccessError

from .loan_debtor_profile import EDUCATION_LEVELS, IDENTITY_GROUPS, IDENTITY_TYPES, PROFILE_FIELDS
from .res_company import business_today, business_tz

# The private profile lives in loan.debtor.profile (models/loan_debtor_profile.py), where access is
# ruled; the partner shows it through the fields below, read with the user's own rights.
# IDENTITY_GROUPS stays importable from here (loan_legal adds the legal team).
__all__ = ["IDENTITY_GROUPS", "ResPartner"]
# Operators for which a partner without a profile (all its fields empty) matches.
NEGATIVE_OPERATORS = ("!=", "<>", "not in", "not like", "not ilike", "not =like", "not =ilike")


def _profile_search(name):
    """The search method of the partner's profile field ``name``: the profiles the user may read
    that match, as partners."""
    def search(partners, operator, value):
        Profile = partners.env["loan.debtor.profile"]
        if not Profile.check_access_rights("read", raise_exception=False):
            return [("id", "=", 0)]
        matching = Profile.search([(name, operator, value)]).mapped("partner_id")
        if (operator in NEGATIVE_OPERATORS and value) or (operator == "=" and not value):
            # A partner without a profile (every field empty) matches these.
            others = Profile.search([]).mapped("partner_id") - matching
            return [("id", "not in", others.ids)]
        return [("id", "in", matching.ids)]
    return search


MANAGER_GROUP = "loan_collection.group_collection_manager"
# What only a collection manager may set on a debtor: the facts the conduct rules rely on
# (consent to night contact, the debtor's clock) and the blacklist; and who is a collection agency
# (its people then see the cases placed with it).
MANAGER_FIELDS = ("night_contact_consent", "collection_tz", "is_blacklisted", "blacklist_reason", "blacklist_date",
                  "is_collection_agency")
# The kinds of organisation the element-style complaint asks for (类型).
ENTERPRISE_TYPES = [
    ("limited", "Limited Liability Company"),          # 有限责任公司
    ("joint_stock", "Joint Stock Company"),            # 股份有限公司
    ("listed", "Listed Company"),                      # 上市公司
    ("other_enterprise", "Other Enterprise Legal Person"),  # 其他企业法人
    ("partnership", "Partnership"),                    # 合伙企业
    ("sole_proprietorship", "Sole Proprietorship"),    # 个人独资企业
    ("individual_business", "Individual Business"),    # 个体工商户
    ("public_institution", "Public Institution"),      # 事业单位
    ("social_organization", "Social Organization"),    # 社会团体
    ("other", "Other Organization"),                   # 其他组织
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The debtor's private profile (loan.debtor.profile), as the user may see it: empty when the
    # record rules hide the profile, refused (field groups) for the identity number and birth date.
    debtor_profile_ids = fields.One2many("loan.debtor.profile", "partner_id", string="Debtor Profile")
    identity_type = fields.Selection(
        IDENTITY_TYPES, string="ID Type", compute="_compute_debtor_profile", readonly=False,
        search=_profile_search("identity_type"))
    identity_number = fields.Char(
        string="ID Number", groups=IDENTITY_GROUPS, copy=False, compute="_compute_debtor_identity",
        readonly=False, search=_profile_search("identity_number"))
    identity_number_masked = fields.Char(
        string="ID Number (Masked)", compute="_compute_debtor_profile",
        help="The identity number with its middle hidden, enough to recognise the debtor.")
    birth_date = fields.Date(compute="_compute_debtor_identity", groups=IDENTITY_GROUPS,
                             search=_profile_search("birth_date"))
    legal_representative = fields.Char(help="Legal representative of a company debtor (法定代表人).")
    # What the element-style complaint states of each party (民事起诉状（要素式）: 民族, 经常居住地; for an
    # organisation its 登记地 and 类型).
    # 民族 and 经常居住地 are personal data: kept on the private profile (loan.debtor.profile).
    ethnicity = fields.Char(string="Ethnic Group", help="As on the resident ID, e.g. 汉族.",
                            compute="_compute_debtor_profile", readonly=False, search=_profile_search("ethnicity"))
    habitual_residence = fields.Char(
        string="Habitual Residence",
        help="Where the person has lived for a year or more when it is not the registered address (经常居住地): "
             "it may decide the court (民诉法 第22条).",
        compute="_compute_debtor_profile", readonly=False, search=_profile_search("habitual_residence"))
    registered_place = fields.Char(string="Place of Registration",
                                   help="Where the organisation is registered (登记地), as on its business licence.")
    enterprise_type = fields.Selection(ENTERPRISE_TYPES, string="Organisation Type",
                                       help="As on the business licence (类型).")
    household_address = fields.Char(string="Household Registration Address", compute="_compute_debtor_profile",
                                    readonly=False, search=_profile_search("household_address"))
    employer_name = fields.Char(string="Employer", compute="_compute_debtor_profile", readonly=False,
                                search=_profile_search("employer_name"))
    monthly_income = fields.Monetary(currency_field="loan_currency_id", compute="_compute_debtor_profile",
                                     readonly=False, search=_profile_search("monthly_income"))
    loan_currency_id = fields.Many2one(
        "res.currency", compute="_compute_loan_currency_id", string="Loan Currency")
    education = fields.Selection(EDUCATION_LEVELS, compute="_compute_debtor_profile", readonly=False,
                                 search=_profile_search("education"))
    temperament_note = fields.Text(string="Temperament", compute="_compute_debtor_profile", readonly=False,
                                   search=_profile_search("temperament_note"))
    credit_note = fields.Text(string="Credit Notes", compute="_compute_debtor_profile", readonly=False,
                              search=_profile_search("credit_note"))
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

    def _visible_profiles(self):
        """partner id -> the profile the current user may read (record rules applied)."""
        Profile = self.env["loan.debtor.profile"]
        ids = [id_ for id_ in self.ids if isinstance(id_, int)]
        if not ids or not Profile.check_access_rights("read", raise_exception=False):
            return {}
        profiles = Profile.search([("partner_id", "in", ids)])
        # No prefetching: reading one field of a profile must not read (and log) the identity number.
        return {profile.partner_id.id: profile
                for profile in profiles.with_context(prefetch_fields=False)}

    @api.depends("debtor_profile_ids")
    def _compute_debtor_profile(self):
        profiles = self._visible_profiles()
        names = ("identity_type", "identity_number_masked", "household_address", "employer_name",
                 "monthly_income", "education", "temperament_note", "credit_note", "ethnicity",
                 "habitual_residence")
        for partner in self:
            profile = profiles.get(partner.id)
            for name in names:
                partner[name] = profile[name] if profile else False

    @api.depends("debtor_profile_ids")
    def _compute_debtor_identity(self):
        # The field groups are checked here too (Odoo checks them in read() only), then the values
        # are read as the product: res.partner.read() logs the full read once.
        may_read = self.env.uid == SUPERUSER_ID or self.user_has_groups(self._fields["identity_number"].groups)
        profiles = self._visible_profiles() if may_read else {}
        for partner in self:
            profile = profiles.get(partner.id)
            partner.identity_number = profile.sudo().identity_number if profile else False
            partner.birth_date = profile.sudo().birth_date if profile else False

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        # res.partner's own name_search runs its SQL without _search: the domain is checked here
        # (base_field_groups_guard.py).
        self._check_field_groups(args)
        return super(ResPartner, self).name_search(name, args=args, operator=operator, limit=limit)

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super(ResPartner, self).read(fields=fields, load=load)
        if self.env.uid != SUPERUSER_ID and (fields is None or "identity_number" in fields):
            # read() has checked the field's groups: whoever gets here got the numbers in full
            # (个人信息保护法 第51条: the access trail).
            shown = [values["id"] for values in result if values.get("identity_number")]
            if shown:
                self.env["loan.identity.access.log"].sudo()._record(self.browse(shown), self.env.uid, "read")
        return result

    def _compute_loan_counts(self):
        # Only shown on the partner form (one record), so search_count keeps the record rules.
        for partner in self:
            partner.loan_contract_count = self.env["loan.contract"].search_count(
                [("partner_id", "=", partner.id)])
            partner.collection_case_count = self.env["collection.case"].search_count(
                [("party_ids", "in", partner.ids)])

    @api.model
    def create(self, vals):
        if "is_collection_agency" in vals and not vals["is_collection_agency"]:
            vals = {k: v for k, v in vals.items() if k != "is_collection_agency"}  # the default: nothing to check
        self._check_manager_fields(vals)
        vals, profile_vals = self._split_profile_vals(vals)
        partner = super(ResPartner, self).create(vals)
        partner._write_debtor_profile(profile_vals)
        return partner

    @api.multi
    def write(self, vals):
        self._check_manager_fields(vals)
        vals, profile_vals = self._split_profile_vals(vals)
        result = super(ResPartner, self).write(vals) if vals or not profile_vals else True
        self._write_debtor_profile(profile_vals)
        return result

    @api.model
    def _split_profile_vals(self, vals):
        profile_vals = {name: vals[name] for name in PROFILE_FIELDS if name in vals and name != "birth_date"}
        return {name: value for name, value in vals.items()
                if name not in PROFILE_FIELDS and name != "identity_number_masked"}, profile_vals

    @api.multi
    def _write_debtor_profile(self, profile_vals):
        """Write the profile fields given on the partner to its profile, with the user's rights
        (ACLs, record rules and field groups of loan.debtor.profile); create it if there is none."""
        if not profile_vals:
            return
        Profile = self.env["loan.debtor.profile"]
        for partner in self:
            profile = Profile.sudo().search([("partner_id", "=", partner.id)])
            if profile:
                profile.sudo(self.env.uid).write(profile_vals)
            elif any(profile_vals.values()):
                Profile.create(dict(profile_vals, partner_id=partner.id))
        self.invalidate_cache(fnames=list(PROFILE_FIELDS) + ["identity_number_masked"], ids=self.ids)

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
