# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Text input bounds on the server, for every call (XML-RPC included).

- A NUL character cannot be stored by PostgreSQL: psycopg2 refuses it and the caller got an HTTP
  500. Every model refuses it in create/write (and in search domains) with a message instead.
- Texts of the two addons' models and of partners are bounded (a note of 5 million characters
  was accepted): Text and Html fields to 20,000 characters, Char fields without a size to 1,000;
  a few fields filled by the product's own code have a larger bound (LONG_FIELDS).

Cheap by design: only the values given to create/write are looked at (a membership test per
string); the daily run's SQL does not go through here.
- On those models a date, datetime or selection given as text that is not one is refused with
  the field's name (it reached the user as a bare "Odoo Server Error" ValueError).
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

NUL = "\x00"
TEXT_LIMIT = 20000
CHAR_LIMIT = 1000
BOUNDED_MODULES = ("loan_collection", "loan_legal")
BOUNDED_MODELS = ("res.partner",)
# Filled by the product's code, not typed: the data a document was made from, the ids of a bulk run.
LONG_FIELDS = {
    ("loan.document", "data_snapshot"): 2000000,
    ("loan.document.bulk", "res_ids"): 2000000,
}


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _loan_field_label(self, name):
        field = self._fields.get(name)
        return field.get_description(self.env)["string"] if field else name

    @api.model
    def _loan_field_labels(self, names):
        """The labels of these fields as a list in the reader's language (签订地点、实际发放金额 in
        Chinese; Signed At, Actually Disbursed otherwise)."""
        separator = "、" if (self.env.lang or "").startswith("zh") else ", "
        return separator.join(self._loan_field_label(name) for name in names)

    @api.model
    def _loan_check_input(self, vals):
        """Refuse a NUL anywhere, and over-long texts on the bounded models (ValidationError)."""
        bounded = None
        for name, value in vals.items():
            if not isinstance(value, str):
                continue
            if NUL in value:
                raise ValidationError(_("%s contains a NUL character (\\x00), which cannot be stored: remove it "
                                        "and save again.") % self._loan_field_label(name))
            field = self._fields.get(name)
            if field is None or field.type not in ("char", "text", "html", "date", "datetime", "selection"):
                continue
            if bounded is None:
                bounded = self._original_module in BOUNDED_MODULES or self._name in BOUNDED_MODELS
            if not bounded:
                continue
            if field.type in ("date", "datetime", "selection"):
                self._loan_check_value(field, value)
                continue
            if field.type == "char" and field.size:
                continue
            limit = LONG_FIELDS.get((self._name, name)) or (CHAR_LIMIT if field.type == "char" else TEXT_LIMIT)
            if len(value) > limit:
                raise ValidationError(_("%s is too long (%s characters; at most %s): shorten it, or attach a "
                                        "long text as a file.") % (self._loan_field_label(name), len(value), limit))

    @api.model
    def _loan_check_value(self, field, value):
        """A date, a date and time, or a choice given as text must be one: the ORM or PostgreSQL
        refused it with a bare ValueError ("Odoo Server Error") and a user saw no field name."""
        if not value:
            return
        label = self._loan_field_label(field.name)
        parse = {"date": fields.Date.from_string, "datetime": fields.Datetime.from_string}.get(field.type)
        try:
            if parse:
                parse(value)  # as the ORM reads it (a date: its first 10 characters; a datetime: 19)
        except ValueError:
            raise ValidationError(_("%s: %s is not a date. Give it as YYYY-MM-DD (a date and time as YYYY-MM-DD "
                                    "HH:MM:SS).") % (label, value))
        if field.type == "selection" and value not in field.get_values(self.env):
            choices = "、".join(dict(field._description_selection(self.env)).values())
            raise ValidationError(_("%s: %s is not one of the choices (%s): choose one of them.")
                                  % (label, value, choices))

    @api.model
    def create(self, vals):
        self._loan_check_input(vals)
        return super(Base, self).create(vals)

    @api.multi
    def write(self, vals):
        self._loan_check_input(vals)
        return super(Base, self).write(vals)

    @api.model
    def _where_calc(self, domain, active_test=True):
        for leaf in domain or ():
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and _has_nul(leaf[2]):
                raise ValidationError(_("The search for %s contains a NUL character (\\x00): remove it and "
                                        "search again.") % self._loan_field_label(str(leaf[0]).split(".")[0]))
        return super(Base, self)._where_calc(domain, active_test)


def _has_nul(value):
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, (list, tuple)):
        return any(isinstance(item, str) and NUL in item for item in value)
    return False


def user_defaults_only(records, allowed):
    """`records` with the context's ``default_<field>`` keys kept only for the `allowed` fields.
    Odoo's create fills every field missing from the values with the context's default, and an RPC
    client sends any context: a model whose create refuses the server's fields in the values must
    refuse them there too."""
    context = {key: value for key, value in records.env.context.items()
               if not key.startswith("default_") or key[len("default_"):] in allowed}
    return records.with_context(context)
