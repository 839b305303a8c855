# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Enforcing the field-writer tables of services/field_policy.py in a model's write()/create().

Not a model: the helpers the case, task and promise models call with their own table.
"""
from odoo import SUPERUSER_ID, _
from odoo.exceptions import AccessError
from odoo.models import MAGIC_COLUMNS

from ..services import field_policy

ROLE_GROUPS = {
    field_policy.COLLECTOR: ("loan_collection.group_collector_office", "loan_collection.group_collector_field"),
    field_policy.MANAGER: ("loan_collection.group_collection_manager",),
    field_policy.FINANCE: ("loan_collection.group_loan_finance",),
}
# Fields of the mail thread and activities: followers, messages and activities have their own rules;
# and the collector scope's collector_ids (computed, search-only: nothing to write).
MAIL_MODELS = ("mail.thread", "mail.activity.mixin", "collection.collector.scope.mixin")


def is_trusted(env):
    """The product's own code (sudo() after its checks, or the daily run) writes any field."""
    return env.uid == SUPERUSER_ID


def user_roles(env):
    user = env.user
    return {role for role, groups in ROLE_GROUPS.items() if any(user.has_group(g) for g in groups)}


def free_fields(model):
    """Fields the tables leave to others: the ORM's magic fields and the mail thread's."""
    names = set(MAGIC_COLUMNS) | {"display_name", "__last_update"}
    for mail_model in MAIL_MODELS:
        if isinstance(model, type(model.env[mail_model])):
            names |= set(model.env[mail_model]._fields)
    return names


def role_names(env, roles):
    labels = {
        field_policy.COLLECTOR: _("a collector of the case"),
        field_policy.MANAGER: _("a collection manager"),
        field_policy.FINANCE: _("finance"),
    }
    return _(" or ").join(labels[r] for r in field_policy.ROLES if r in roles)


def check_write(model, vals, table, hints=None):
    """Refuse (AccessError, nothing written) the fields of vals the session's user may not write
    on ``model`` according to ``table``; ``hints`` gives per field what to do instead."""
    if is_trusted(model.env):
        return
    # The refusal and the fields' labels in the user's language (an RPC call may carry none); Odoo 11's
    # _() finds the language through the caller's `self`.
    model = model._in_user_language()
    self = model  # noqa: F841
    refused = field_policy.refused_fields(vals, table, user_roles(model.env), free_fields(model))
    if not refused:
        return
    hints = hints or {}
    lines = []
    for name in refused:
        field = model._fields.get(name)
        label = field._description_string(model.env) if field else name
        roles = table.get(name, field_policy.SYSTEM)
        if name in hints:
            reason = hints[name]
        elif roles:
            reason = _("only %s may change it") % role_names(model.env, roles)
        else:
            reason = _("it is computed or kept up to date by the product and cannot be edited")
        lines.append("- %s: %s" % (label, reason))
    raise AccessError(_("You cannot change these fields of %s:\n%s") % (
        model.env["ir.model"].sudo()._get(model._name).name, "\n".join(lines)))
