# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html_escape

from ..models.collection_case_finance import FINANCE_GROUP
from ..models.collection_recovery import SOURCES
from ..services.money import fen
from ..models.res_company import business_today


class CollectionRecoveryRegister(models.TransientModel):
    """Register Recovery: finance enters what came in; the allocation is shown before confirming."""
    _name = "collection.recovery.register"
    _description = "Register Recovery"

    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, readonly=True)
    currency_id = fields.Many2one(related="case_id.currency_id", readonly=True)
    source = fields.Selection(SOURCES, required=True, default="debtor")
    payer_id = fields.Many2one("res.partner", string="Payer", required=True)
    party_ids = fields.Many2many(related="case_id.party_ids", readonly=True)
    amount = fields.Monetary(string="Amount Received", required=True)
    date = fields.Date(string="Date Received", required=True, default=business_today)
    journal_id = fields.Many2one("account.journal", string="Received On", required=True,
                                 domain=[("type", "in", ("bank", "cash"))],
                                 default=lambda self: self._default_journal())
    legal_case_ref = fields.Char(string="Court Case No.", readonly=True)
    note = fields.Text()
    allocation_order = fields.Selection(related="case_id.contract_id.allocation_order", readonly=True)
    due_costs = fields.Monetary(string="Costs Owed", compute="_compute_preview")
    due_interest = fields.Monetary(string="Interest Owed", compute="_compute_preview")
    due_penalty = fields.Monetary(string="Penalty Interest Owed", compute="_compute_preview")
    due_principal = fields.Monetary(string="Principal Owed", compute="_compute_preview")
    amount_costs = fields.Monetary(string="To Costs", compute="_compute_preview")
    amount_interest = fields.Monetary(string="To Interest", compute="_compute_preview")
    amount_penalty = fields.Monetary(string="To Penalty Interest", compute="_compute_preview")
    amount_principal = fields.Monetary(string="To Principal", compute="_compute_preview")
    amount_excess = fields.Monetary(string="Excess (Left as Credit)", compute="_compute_preview")
    preview_html = fields.Html(string="By Installment", compute="_compute_preview", sanitize=False)

    @api.model
    def _default_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)], limit=1)

    @api.model
    def _is_finance(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(FINANCE_GROUP)

    @api.model
    def create(self, vals):
        """Finance only: the wizard shows what the case owes (read as superuser for the preview)."""
        if not self._is_finance():
            raise AccessError(_("Only finance can register recoveries."))
        return super(CollectionRecoveryRegister, self).create(vals)

    @api.model
    def default_get(self, field_names):
        values = super(CollectionRecoveryRegister, self).default_get(field_names)
        case = self.env["collection.case"].browse(values.get("case_id") or self.env.context.get("default_case_id"))
        if case:
            values.setdefault("payer_id", case.partner_id.id)
            values["legal_case_ref"] = case._legal_case_reference()
        return values

    @api.onchange("source")
    def _onchange_source(self):
        case = self.case_id
        debtor = case.partner_id
        guarantors = case.sudo().contract_id.guarantee_ids.mapped("partner_id")
        if self.source == "debtor":
            self.payer_id = debtor
            return {"domain": {"payer_id": [("id", "=", debtor.id)]}}
        if self.source == "guarantor":
            if self.payer_id not in guarantors:
                self.payer_id = guarantors[:1]
            return {"domain": {"payer_id": [("id", "in", guarantors.ids)]}}
        if self.source == "settlement":
            return {"domain": {"payer_id": [("id", "in", (debtor | guarantors).ids)]}}
        return {"domain": {"payer_id": []}}

    @api.depends("case_id", "amount", "date")
    def _compute_preview(self):
        Recovery = self.env["collection.recovery"]
        # The preview reads the case as superuser: only for finance (an onchange needs no record).
        finance = self._is_finance()
        for wizard in self:
            if not (finance and wizard.case_id and wizard.date and wizard.amount and wizard.amount > 0):
                for share in ("costs", "interest", "penalty", "principal"):
                    wizard["due_" + share] = wizard["amount_" + share] = 0.0
                wizard.amount_excess = 0.0
                wizard.preview_html = False
                continue
            plan = Recovery._allocation_plan(wizard.case_id, wizard.amount, wizard.date)
            dues, shares = plan["dues"], plan["allocation"]
            for share in ("costs", "interest", "penalty", "principal"):
                wizard["due_" + share] = float(dues[share])
                wizard["amount_" + share] = float(shares[share])
            wizard.amount_excess = float(shares["excess"])
            header = "".join("<th%s>%s</th>" % (align, html_escape(label)) for align, label in (
                ("", _("Installment")), ("", _("Due Date")), (" class='text-right'", _("Interest")),
                (" class='text-right'", _("Penalty Interest")), (" class='text-right'", _("Principal")),
                (" class='text-right'", _("Still Owed After"))))
            rows = "".join(
                "<tr><td>%s</td><td>%s</td><td class='text-right'>%s</td><td class='text-right'>%s</td>"
                "<td class='text-right'>%s</td><td class='text-right'>%s</td></tr>" % (
                    html_escape(str(line["invoice"].installment_number or line["invoice"].number or "")),
                    html_escape(line["invoice"].date_due or ""), line["interest"], line["penalty"],
                    line["principal"], fen(line["invoice"].residual) - line["interest"] - line["principal"])
                for line in plan["lines"])
            wizard.preview_html = ("<table class='table table-condensed'><thead><tr>%s</tr></thead><tbody>%s"
                                   "</tbody></table>" % (header, rows))

    @api.multi
    def action_confirm(self):
        """Post the payment, allocate and reconcile it (collection.recovery.create is the registration,
        with its checks); show the recovery."""
        self.ensure_one()
        recovery = self.env["collection.recovery"]._register_recovery(
            self.case_id, self.source, self.payer_id, self.amount, self.date, self.journal_id, self.note)
        return {"type": "ir.actions.act_window", "res_model": "collection.recovery", "res_id": recovery.id,
                "view_mode": "form", "target": "current"}
