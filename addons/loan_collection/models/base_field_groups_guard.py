# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No grouping, searching or ordering on a field the user may not read.

Odoo 11 checks a field's ``groups`` in ``read()`` only: ``read_group`` returns the values of a
restricted field as group keys, and a search domain or an order on it is an oracle
(``[('identity_number', '=like', '330105%')]`` tells which partners were born in Hangzhou's
Gongshu district). The guard below refuses both, for every model (res.partner, legal.case and our
own), on the fields restricted to the product's groups (loan_collection.*, loan_legal.*): the
personal data and money figures the product keeps for some roles only. Fields restricted by Odoo's
own addons keep Odoo's behaviour (their code searches them as the user). 个人信息保护法 第51条:
access control on personal information.

Internal code that must search such a field does it as the product (``sudo()``) or with
``access_rights_uid``; an RPC caller can do neither.
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

GUARDED_GROUP_PREFIXES = ("loan_collection.", "loan_legal.")


def _guarded(field):
    return bool(field.groups) and any(group.strip().startswith(GUARDED_GROUP_PREFIXES)
                                      for group in field.groups.split(","))


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _field_groups_refused(self, path):
        """The label of the first field on the dotted ``path`` (from this model) that the user may
        not read, else None."""
        model = self
        for name in path.split("."):
            field = model._fields.get(name)
            if field is None:
                return None
            if _guarded(field) and not model.user_has_groups(field.groups):
                return "%s (%s)" % (field.get_description(model.env)["string"], model._description)
            if not field.relational:
                return None
            model = model.env[field.comodel_name]
        return None

    @api.model
    def _check_field_groups(self, domain=(), names=(), order=None):
        """Refuse a domain, field names (``name``, ``name:agg``, ``alias:agg(name)``, ``name:month``)
        or an order that uses a field the user may not read."""
        if self.env.uid == SUPERUSER_ID:
            return
        paths = []
        for leaf in domain or ():
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str):
                paths.append(leaf[0])
        for spec in names or ():
            if not isinstance(spec, str):
                continue
            if "(" in spec and spec.endswith(")"):
                paths.append(spec[spec.index("(") + 1:-1].strip())
            paths.append(spec.split(":")[0].strip())
        for term in (order or "").split(","):
            if term.strip():
                paths.append(term.split()[0].strip('"'))
        for path in paths:
            label = self._field_groups_refused(path)
            if label:
                raise AccessError(_("You may not search, group or sort by %s: your role cannot read it.") % label)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        if access_rights_uid is None:
            self._check_field_groups(args, order=order)
        return super(Base, self)._search(args, offset=offset, limit=limit, order=order, count=count,
                                         access_rights_uid=access_rights_uid)

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # Odoo's _name_search searches with access_rights_uid set to the caller, which the _search
        # guard above lets through as internal code: the caller's domain is checked here.
        self._check_field_groups(args)
        return super(Base, self).name_search(name=name, args=args, operator=operator, limit=limit)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby or [])
        self._check_field_groups(domain, list(fields or []) + groupby_list, order=orderby or None)
        return super(Base, self).read_group(domain, fields, groupby, offset=offset, limit=limit,
                                            orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        """Only records the user may read. Odoo 11 checks nothing before exporting: a user without
        read access exported `['id']` of any ids, which told him which records exist and wrote their
        external ids (ir.model.data) as superuser: a write by someone allowed to change nothing."""
        if self.env.uid != SUPERUSER_ID:
            self.check_access_rights("read")
            self.check_access_rule("read")
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)
