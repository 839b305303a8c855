# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @api.model
    def group_names_with_access(self, model_name, access_mode):
        """The groups named in an access refusal ("Only users with the following access level ..."),
        in the reader's language: Odoo 11 reads the names' source column (English) with SQL, so a
        Chinese collector read "Loan Collection/Collection Manager"."""
        assert access_mode in ("read", "write", "create", "unlink"), "Invalid access mode"
        self._cr.execute("""
            SELECT DISTINCT a.group_id
              FROM ir_model_access a
              JOIN ir_model m ON m.id = a.model_id
             WHERE m.model = %s AND a.active IS TRUE AND a.group_id IS NOT NULL
               AND a.perm_""" + access_mode, (model_name,))  # access_mode is one of four literals (asserted)
        groups = self.env["res.groups"].sudo()._in_user_language().browse(
            [row[0] for row in self._cr.fetchall()])
        return [group.full_name for group in groups]


class Base(models.AbstractModel):
    _inherit = "base"

    def _in_user_language(self):
        """These records in the language of the request, else the user's: an RPC call may carry no
        language in its context, and a message composed from records' names (a model, a group, a
        selection label) should read as the sentence around it does."""
        return self.with_context(lang=self.env.lang or self.env.user.lang)

    def _record_rule_refusal(self, operation):
        """A record-rule refusal naming the record's kind and the operation in the reader's language:
        Odoo 11 wrote the model's technical or English name and the operation's key ("Document type:
        collection.case, Operation: read")."""
        operations = {"read": _("see"), "write": _("change"), "create": _("create"), "unlink": _("delete")}
        model = self.env["ir.model"].sudo()._in_user_language()._get(self._name).name or self._description
        return AccessError(_(
            "You may not %(operation)s this record (%(model)s): it is outside what your role may see "
            "or change (a collector works on the cases assigned to her). Ask a collection manager if "
            "you need it.") % {"operation": operations.get(operation, operation), "model": model})

    def _check_record_rules_result_count(self, result_ids, operation):
        try:
            return super(Base, self)._check_record_rules_result_count(result_ids, operation)
        except AccessError:
            raise self._record_rule_refusal(operation)

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        try:
            return super(Base, self).read(fields=fields, load=load)
        except AccessError:
            # Only a refusal by the record rules is reworded (not one by the access rights or a
            # field's groups, which say what they refuse).
            visible = self.with_context(active_test=False).search([("id", "in", self.ids)])
            if self._uid != SUPERUSER_ID and self.exists() - visible:
                raise self._record_rule_refusal("read")
            raise
