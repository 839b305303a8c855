# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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

    @api.depends("relation")
    def _compute_is_third_party(self):
        for point in self:
            point.is_third_party = point.relation not in PARTY_RELATIONS

    @api.multi
    def name_get(self):
        relations = dict(self._fields["relation"]._description_selection(self.env))
        return [(p.id, "%s (%s%s)" % (p.value, relations[p.relation], ", " + p.owner_name if p.owner_name else ""))
                for p in self]
