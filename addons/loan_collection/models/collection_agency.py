# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Collection agencies (委外催收机构) and their contracts (委外合同): what a placement with the
agency lasts, which cases it takes, and the commission its recoveries earn (services/agency.py).

An agency is a partner marked as one by a collection manager; its people are users of the group
Agency Collector whose Agency is that partner (set by the administrator on the user). They are
collectors of the cases placed with the agency while placed, and of nothing else
(collection_placement.py).
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import agency
from .collection_team import _check_manager, _values

AGENCY_GROUP = "loan_collection.group_agency_collector"
COMMISSION_METHODS = [
    ("days", "By Days Overdue at Placement"),
    ("tier", "Tiered by the Batch's Recovery Rate"),
]
# Expense accounts searched, in order, for the commission (手续费及佣金支出 of a financial
# enterprise, 销售费用 of the small-business standard (小企业会计准则), 销售费用 of the enterprise standard).
COMMISSION_ACCOUNT_CODES = ("6421", "5601", "6601")
# The lender's own roles: a user in one of them is staff, never an agency's collector.
STAFF_GROUPS = ("loan_collection.group_collection_manager", "loan_collection.group_loan_finance",
                "loan_collection.group_loan_auditor", "account.group_account_invoice")


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_collection_agency = fields.Boolean(
        string="Collection Agency", track_visibility="onchange",
        help="An outside collection agency cases are placed with (委外). Set by a collection manager.")
    agency_user_ids = fields.One2many("res.users", "loan_agency_id", string="Agency Collectors",
                                      help="The agency's people who work the cases placed with it.")


class ResUsers(models.Model):
    _inherit = "res.users"

    loan_agency_id = fields.Many2one(
        "res.partner", string="Collection Agency", domain=[("is_collection_agency", "=", True)],
        index=True, ondelete="restrict",
        help="For a user of the group Agency Collector: the agency she works for. She sees the cases "
             "placed with that agency while they are placed, and nothing else of the portfolio.")

    @api.constrains("loan_agency_id")
    def _check_loan_agency(self):
        for user in self.sudo():
            if user.loan_agency_id and not user.loan_agency_id.is_collection_agency:
                raise ValidationError(_("%s is not a collection agency: a collection manager marks the partner as "
                                        "one first.") % user.loan_agency_id.name)

    @api.multi
    def _is_agency_collector(self):
        """Whether this user works the cases placed with her agency: in the group Agency Collector,
        with her agency set, and none of the lender's own roles beyond a collector's."""
        self.ensure_one()
        user = self.sudo()
        return bool(user.active and user.loan_agency_id and user.has_group(AGENCY_GROUP)
                    and not any(user.has_group(g) for g in STAFF_GROUPS))


class CollectionAgencyContract(models.Model):
    """The contract with an agency: its term, the placement period, which cases it takes and the
    commission. Collection managers keep them; finance and auditors read them."""
    _name = "collection.agency.contract"
    _inherit = ["collection.allocation.settings", "mail.thread"]
    _description = "Collection Agency Contract"
    _order = "date_start desc, id desc"

    name = fields.Char(string="Contract No.", required=True, track_visibility="onchange")
    agency_id = fields.Many2one("res.partner", string="Agency", required=True, index=True, ondelete="restrict",
                                domain=[("is_collection_agency", "=", True)], track_visibility="onchange")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    active = fields.Boolean(default=True)
    date_start = fields.Date(string="Valid From", required=True, track_visibility="onchange")
    date_end = fields.Date(string="Valid Until", required=True, track_visibility="onchange")
    placement_days = fields.Integer(string="Placement Period (Days)", required=True, default=90,
                                    track_visibility="onchange",
                                    help="How long the agency holds a placed case; the daily run recalls it "
                                         "the day after.")
    days_from = fields.Integer(string="Cases From Days Overdue", default=0,
                               help="Select Cases takes open cases at least this many days overdue.")
    days_to = fields.Integer(string="Cases To Days Overdue", default=0, help="0: no upper limit.")
    amount_min = fields.Monetary(string="Cases From Amount Due", default=0.0)
    commission_method = fields.Selection(COMMISSION_METHODS, required=True, default="days",
                                         track_visibility="onchange")
    rate_ids = fields.One2many("collection.agency.rate", "contract_id", string="Commission Rates", copy=True)
    expense_account_id = fields.Many2one(
        "account.account", string="Commission Expense Account",
        help="Debited by the agency's monthly commission bill; if empty, found in the chart "
             "(6421 手续费及佣金支出, 5601 or 6601 销售费用).")
    terms = fields.Text(string="Conduct and Data Terms",
                        help="What the agency agreed to: the lender's conduct rules (the server enforces the "
                             "same limits on the agency's contact logs) and what it may do with the data.")
    batch_ids = fields.One2many("collection.placement.batch", "contract_id", string="Placement Batches",
                                readonly=True)

    def _manager_refusal(self):
        return _("Only a collection manager keeps the collection agencies' contracts and their rates.")

    _sql_constraints = [
        ("placement_days_positive", "CHECK (placement_days > 0)", "A placement lasts at least one day."),
    ]

    def _check_values(self, vals):
        names = ("date_start", "date_end", "placement_days", "days_from", "days_to", "amount_min", "agency_id")
        for values in _values(self, vals, names):
            if values["date_start"] and values["date_end"] and \
                    str(values["date_end"]) < str(values["date_start"]):
                raise ValidationError(_("The contract ends (%s) before it starts (%s): correct the dates.")
                                      % (values["date_end"], values["date_start"]))
            if values["placement_days"] is not None and not (1 <= (values["placement_days"] or 0) <= 366):
                raise ValidationError(_("The placement period is %s days: give between 1 and 366 days.")
                                      % values["placement_days"])
            if (values["days_from"] or 0) < 0 or (values["days_to"] or 0) < 0 or (values["amount_min"] or 0) < 0:
                raise ValidationError(_("The days overdue and the amount due that select the cases cannot be "
                                        "negative."))
            if values["days_to"] and (values["days_to"] or 0) < (values["days_from"] or 0):
                raise ValidationError(_("Cases are selected from %s to %s days overdue: the upper limit is below "
                                        "the lower one.") % (values["days_from"], values["days_to"]))
            agency_id = values["agency_id"]
            agency_id = agency_id.id if hasattr(agency_id, "id") else agency_id
            if agency_id and not self.env["res.partner"].sudo().browse(agency_id).is_collection_agency:
                raise ValidationError(_("%s is not a collection agency: mark the partner as one first.")
                                      % self.env["res.partner"].sudo().browse(agency_id).name)

    @api.multi
    def unlink(self):
        if self.sudo().mapped("batch_ids"):
            raise ValidationError(_("Contract %s has placement batches: archive it instead (a draft batch may be "
                                    "deleted first).")
                                  % ", ".join(self.filtered("batch_ids").mapped("name")))
        return super(CollectionAgencyContract, self).unlink()

    # What the placements read -----------------------------------------------------------------

    @api.multi
    def _days_rates(self):
        self.ensure_one()
        return [agency.DaysRate(r.days_from, r.days_to, r.rate) for r in self.sudo().rate_ids.sorted("days_from")]

    @api.multi
    def _tier_rates(self):
        self.ensure_one()
        return [agency.TierRate(r.recovery_from, r.rate) for r in self.sudo().rate_ids.sorted("recovery_from")]

    @api.multi
    def _expense_account(self):
        """The account the commission bills debit (kept on the contract once found)."""
        self.ensure_one()
        contract = self.sudo()
        if not contract.expense_account_id:
            Account = self.env["account.account"].sudo()
            for code in COMMISSION_ACCOUNT_CODES:
                account = Account.search([("company_id", "=", contract.company_id.id), ("code", "=like", code + "%"),
                                          ("deprecated", "=", False)], order="code", limit=1)
                if account:
                    contract.expense_account_id = account
                    break
        return contract.expense_account_id

    @api.multi
    def _check_placeable(self, date):
        """Raise ValidationError unless cases may be placed under the contract on `date`."""
        self.ensure_one()
        contract = self.sudo()
        if not contract.active:
            raise ValidationError(_("Contract %s is archived: cases are placed only under an active contract.")
                                  % contract.name)
        if not contract.date_start <= date <= contract.date_end:
            raise ValidationError(_("Contract %s is valid from %s to %s: cases cannot be placed under it on %s.")
                                  % (contract.name, contract.date_start, contract.date_end, date))
        if not contract.rate_ids:
            raise ValidationError(_("Contract %s has no commission rate: add its rates first.") % contract.name)
        if contract.commission_method == "tier" and min(contract.rate_ids.mapped("recovery_from")) > 0:
            raise ValidationError(_("The tiers of contract %s start at %s%% of recovery: add a tier from 0%%.")
                                  % (contract.name, min(contract.rate_ids.mapped("recovery_from"))))


class CollectionAgencyRate(models.Model):
    """A line of the contract's commission table: by days overdue at placement (days_from–days_to)
    or, tiered, from a recovery rate of the batch on (recovery_from)."""
    _name = "collection.agency.rate"
    _inherit = ["collection.allocation.settings"]
    _description = "Collection Agency Commission Rate"
    _order = "contract_id, days_from, recovery_from, id"

    contract_id = fields.Many2one("collection.agency.contract", required=True, ondelete="cascade", index=True)
    days_from = fields.Integer(string="From Days Overdue", default=0)
    days_to = fields.Integer(string="To Days Overdue", default=0, help="0: no upper limit.")
    recovery_from = fields.Float(string="From Recovery Rate (%)", default=0.0, digits=(5, 2),
                                 help="Tiered: the rate applies to what is recovered of the batch from this "
                                      "recovery rate on.")
    rate = fields.Float(string="Commission Rate (%)", required=True, digits=(5, 2))

    def _manager_refusal(self):
        return self.env["collection.agency.contract"]._manager_refusal()

    def _check_values(self, vals):
        for values in _values(self, vals, ("days_from", "days_to", "recovery_from", "rate")):
            if values["rate"] is not None and not 0 <= (values["rate"] or 0) <= 100:
                raise ValidationError(_("A commission rate of %s%% is not possible: give a percentage from 0 to 100.")
                                      % values["rate"])
            if not 0 <= (values["recovery_from"] or 0) <= 100:
                raise ValidationError(_("A tier from %s%% of recovery is not possible: give a percentage from 0 to "
                                        "100.") % values["recovery_from"])
            if (values["days_from"] or 0) < 0 or (values["days_to"] or 0) < 0:
                raise ValidationError(_("Days overdue cannot be negative."))
            if values["days_to"] and values["days_to"] < (values["days_from"] or 0):
                raise ValidationError(_("A rate from %s to %s days overdue: the upper limit is below the lower one.")
                                      % (values["days_from"], values["days_to"]))

    @api.multi
    def write(self, vals):
        _check_manager(self)  # who may, before what the rates earned
        self._check_used()
        return super(CollectionAgencyRate, self).write(vals)

    @api.multi
    def unlink(self):
        _check_manager(self)
        self._check_used()
        return super(CollectionAgencyRate, self).unlink()

    def _check_used(self):
        """The rates of a contract that earned commission are part of its bills: they stay."""
        used = self.sudo().mapped("contract_id").filtered(
            lambda c: self.env["collection.agency.commission"].sudo().search_count([("contract_id", "=", c.id)]))
        if used:
            raise ValidationError(_("Contract %s has earned commission at these rates: they cannot change. Make a "
                                    "new contract for new rates.") % ", ".join(used.mapped("name")))
