# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import conduct

# Whose number or address it is. Guarantors are parties to the debt; everyone else but the
# debtor is a third party, who may only be asked for contact details or to pass on a message.
RELATIONS = [
    ("self", "Debtor"),
    ("spouse", "Spouse"),
    ("relative", "Relative"),
    ("employer", "Employer"),
    ("guarantor", "Guarantor"),
    ("other", "Other"),
]
PARTY_RELATIONS = ("self", "guarantor")


class CollectionContactPoint(models.Model):
    _name = "collection.contact.point"
    _description = "Contact Point"
    _order = "partner_id, status, sequence, id"

    partner_id = fields.Many2one("res.partner", string="Debtor", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("phone", "Phone"), ("address", "Address"), ("wechat", "WeChat"), ("email", "E-mail")],
        required=True, default="phone")
    value = fields.Char(string="Number / Address", required=True)
    value_normalized = fields.Char(
        compute="_compute_value_normalized", store=True, index=True, string="Normalised Number",
        help="A phone number as digits only, without the +86 / 0086 prefix: the call attempts of a day are "
             "counted per number, whatever record it is chosen from.")
    relation = fields.Selection(RELATIONS, string="Whose", required=True, default="self")
    owner_name = fields.Char(string="Person", help="Name of the person this contact belongs to, if not the debtor.")
    is_third_party = fields.Boolean(
        string="Third Party", compute="_compute_is_third_party", store=True, readonly=False,
        help="A third party may only be asked for the debtor's contact details or to pass on a "
             "message, never told about the debt, and only when the debtor cannot be reached.")
    status = fields.Selection(
        [("valid", "Valid"), ("wrong", "Wrong Number"), ("unreachable", "Unreachable")],
        required=True, default="valid")
    date_verified = fields.Date(string="Last Verified")
    note = fields.Char()
    active = fields.Boolean(default=True)

    @api.depends("kind", "value")
    def _compute_value_normalized(self):
        for point in self:
            point.value_normalized = normalize(point.kind, point.value)

    @api.constrains("partner_id", "kind", "value", "active")
    def _check_unique_value(self):
        """One record per number (or address) of a person: a second record of the same number would
        split its call attempts of the day (counted per number, 银行业协会 指引)."""
        for point in self.filtered("active"):
            twin = self.sudo().search([
                ("id", "!=", point.id), ("partner_id", "=", point.partner_id.id), ("kind", "=", point.kind),
                ("value_normalized", "=", point.value_normalized)], limit=1)
            if twin:
                raise ValidationError(_("%s already has %s (recorded as %s): use that contact point instead of "
                                        "adding it again.") % (point.partner_id.name, point.value, twin.value))

    @api.depends("relation")
    def _compute_is_third_party(self):
        for point in self:
            point.is_third_party = point.relation not in PARTY_RELATIONS

    @api.multi
    def name_get(self):
        relations = dict(self._fields["relation"]._description_selection(self.env))
        return [(p.id, "%s (%s%s)" % (p.value, relations[p.relation], ", " + p.owner_name if p.owner_name else ""))
                for p in self]


def normalize(kind, value):
    """The number or address as compared: phone numbers by their digits (conduct.normalize_phone),
    anything else without surrounding blanks, case-insensitively."""
    if kind == "phone":
        return conduct.normalize_phone(value) or (value or "").strip()
    return (value or "").strip().lower()
