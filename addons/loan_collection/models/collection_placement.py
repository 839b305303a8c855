# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Placing cases with an agency (委外) for a period, and recalling them (召回).

A collection manager gathers cases into a batch (by hand, or Select Cases by the contract's
days overdue and amount) and places it: each case's office and field collectors become one of the
agency's collectors (the one holding the fewest of its cases), its open tasks and activities go
with it, and the case leaves its teams — the daily run's allocation does not move a placed case,
Reassign and Transfer to Legal refuse it. The agency's collectors thus see the case, its parties,
contracts, installments and history through the collectors' record rules, and log contacts under
the same conduct rules as the lender's own. At the end of the period (the daily run) or when a
manager recalls it, the case goes back to the collectors and teams it had, the agency's people stop
following it, and they see nothing of it any more. Each move is logged on the case.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import agency, case_allocation
from . import field_policy
from .collection_case import OPEN_STAGES
from .collection_team import _check_manager
from .res_company import business_today

BATCH_STATES = [("draft", "Draft"), ("placed", "Placed"), ("recalled", "Recalled")]
# Who reads the lender's side of a placement (the batch, the contract, who held the case before, the
# commission): not the agency's collectors, who read the placement of their own cases.
LENDER_GROUPS = ("loan_collection.group_collection_manager,loan_collection.group_loan_finance,"
                 "loan_collection.group_loan_auditor")
PLACEMENT_STATES = [("placed", "Placed"), ("recalled", "Recalled")]
RECALL_KINDS = [("expired", "End of the Period"), ("manager", "By a Manager")]
# What a manager gives a draft batch; the rest is set by placing and recalling it.
BATCH_USER_FIELDS = {"contract_id", "case_ids", "note"}


class CollectionPlacementBatch(models.Model):
    _name = "collection.placement.batch"
    _inherit = ["mail.thread"]
    _description = "Agency Placement Batch"
    _order = "id desc"

    name = fields.Char(string="Batch No.", required=True, readonly=True, copy=False, default="/")
    contract_id = fields.Many2one("collection.agency.contract", string="Agency Contract", required=True,
                                  index=True, ondelete="restrict", readonly=True,
                                  states={"draft": [("readonly", False)]})
    agency_id = fields.Many2one(related="contract_id.agency_id", store=True, readonly=True, string="Agency")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    state = fields.Selection(BATCH_STATES, required=True, default="draft", readonly=True, index=True,
                             track_visibility="onchange")
    case_ids = fields.Many2many("collection.case", "collection_placement_batch_case_rel", "batch_id", "case_id",
                                string="Cases to Place", readonly=True, states={"draft": [("readonly", False)]})
    placement_ids = fields.One2many("collection.placement", "batch_id", string="Placed Cases", readonly=True)
    date_start = fields.Date(string="Placed On", readonly=True)
    date_end = fields.Date(string="Placed Until", readonly=True)
    user_id = fields.Many2one("res.users", string="Placed By", readonly=True)
    note = fields.Text()
    case_count = fields.Integer(string="Cases", compute="_compute_figures")
    amount_placed = fields.Monetary(compute="_compute_figures", string="Amount Placed")
    amount_recovered = fields.Monetary(compute="_compute_figures", string="Recovered")
    commission_amount = fields.Monetary(compute="_compute_figures", string="Commission")
    recovery_rate = fields.Float(compute="_compute_figures", string="Recovery Rate (%)", digits=(16, 1))

    def _manager_refusal(self):
        """collection_team._check_manager's message for the placements."""
        return _("Only a collection manager places cases with an agency or recalls them.")

    @api.depends("placement_ids.amount_placed", "placement_ids.amount_recovered", "placement_ids.commission_amount")
    def _compute_figures(self):
        for batch in self:
            lines = batch.sudo().placement_ids
            batch.case_count = len(lines) or len(batch.case_ids)
            batch.amount_placed = sum(lines.mapped("amount_placed"))
            batch.amount_recovered = sum(lines.mapped("amount_recovered"))
            batch.commission_amount = sum(lines.mapped("commission_amount"))
            batch.recovery_rate = batch.amount_placed and 100.0 * batch.amount_recovered / batch.amount_placed

    # CRUD: managers prepare a draft; placing and recalling are the actions -----------------------

    @api.model
    def create(self, vals):
        _check_manager(self)
        self._check_user_fields(vals)
        vals = dict(vals, name=self.env["ir.sequence"].next_by_code("collection.placement.batch") or "/")
        return super(CollectionPlacementBatch, self).create(vals)

    @api.multi
    def write(self, vals):
        if not field_policy.is_trusted(self.env):
            _check_manager(self)
            self._check_user_fields(vals)
            if self.filtered(lambda b: b.state != "draft") and set(vals) - {"note"} - _mail_fields(self):
                raise UserError(_("Batch %s is placed: its cases and contract no longer change (recall a case "
                                  "instead).") % ", ".join(self.filtered(lambda b: b.state != "draft").mapped("name")))
        return super(CollectionPlacementBatch, self).write(vals)

    @api.multi
    def unlink(self):
        _check_manager(self)
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(_("Only a draft batch is deleted: a placed batch is the record of what the agency held."))
        return super(CollectionPlacementBatch, self).unlink()

    @api.model
    def _check_user_fields(self, vals):
        if field_policy.is_trusted(self.env):
            return
        refused = set(vals) - BATCH_USER_FIELDS - _mail_fields(self) - {"name"}
        if refused:
            labels = ", ".join(sorted(self._in_user_language()._fields[n]._description_string(
                self._in_user_language().env) if n in self._fields else n for n in refused))
            raise AccessError(_("These fields of a placement batch are set when it is placed or recalled: %s.")
                              % labels)

    # Actions ------------------------------------------------------------------------------

    @api.multi
    def action_select_cases(self):
        """Fill a draft batch with the open cases the contract takes (days overdue and amount due),
        not placed, not with the legal team, of the contract's company."""
        _check_manager(self)
        for batch in self:
            if batch.state != "draft":
                raise UserError(_("Batch %s is already placed.") % batch.name)
            contract = batch.contract_id.sudo()
            domain = [("stage", "in", OPEN_STAGES), ("placement_id", "=", False),
                      ("company_id", "=", contract.company_id.id), ("days_overdue", ">=", contract.days_from),
                      ("total_due", ">", 0), ("total_due", ">=", contract.amount_min)]
            if contract.days_to:
                domain.append(("days_overdue", "<=", contract.days_to))
            cases = self.env["collection.case"].search(domain)
            if not cases:
                raise UserError(_("No open case is %s days overdue or more with at least %s due: nothing to place "
                                  "under contract %s.") % (contract.days_from, contract.amount_min, contract.name))
            batch.sudo().write({"case_ids": [(6, 0, cases.ids)]})
        return True

    @api.multi
    def action_place(self):
        """Place the batch's cases with the agency from today for the contract's period."""
        _check_manager(self)
        date = business_today(self)
        for batch in self:
            batch._place(date)
        return True

    @api.multi
    def _place(self, date):
        self.ensure_one()
        batch = self.sudo()
        if batch.state != "draft":
            raise UserError(_("Batch %s is already placed.") % batch.name)
        contract = batch.contract_id
        contract._check_placeable(date)
        cases = batch.case_ids
        if not cases:
            raise UserError(_("Batch %s has no case: add cases by hand or with Select Cases.") % batch.name)
        closed = cases.filtered(lambda c: c.stage not in OPEN_STAGES)
        if closed:
            raise UserError(_("Only open cases are placed with an agency; these are not open (a case with the legal "
                              "team stays there): %s.") % ", ".join(closed.mapped("name")))
        placed = cases.filtered("placement_id")
        if placed:
            raise UserError(_("These cases are already placed with an agency: %s.") % ", ".join(
                "%s (%s)" % (c.name, c.placement_id.agency_id.name) for c in placed))
        other = cases.filtered(lambda c: c.company_id != contract.company_id)
        if other:
            raise UserError(_("Contract %s is of %s; these cases are of another company: %s.")
                            % (contract.name, contract.company_id.name, ", ".join(other.mapped("name"))))
        if contract.commission_method == "days":
            rates = contract._days_rates()
            uncovered = cases.filtered(lambda c: agency.days_rate(rates, c.days_overdue) is None)
            if uncovered:
                raise UserError(_("Contract %s has no commission rate for these cases' days overdue: %s. Add a rate "
                                  "for them or leave them out.") % (contract.name, ", ".join(
                                      "%s (%s)" % (c.name, c.days_overdue) for c in uncovered)))
        users = contract.agency_id.agency_user_ids.filtered(lambda u: u._is_agency_collector())
        if not users:
            raise UserError(_("Agency %s has no active user in the group Agency Collector: the administrator adds "
                              "its people (Settings › Users, Collection Agency) before cases are placed with it.")
                            % contract.agency_id.name)
        self.env.cr.execute("""SELECT agency_user_id, count(*) FROM collection_placement
                                WHERE state = 'placed' AND agency_user_id = ANY(%s) GROUP BY agency_user_id""",
                            (users.ids,))
        loads = dict.fromkeys(users.ids, 0)
        loads.update(dict(self.env.cr.fetchall()))
        given = agency.share_cases(cases.sorted(lambda c: (-c.total_due, c.id)).ids, loads)
        date_end = fields.Date.to_string(agency.placement_end(fields.Date.from_string(date), contract.placement_days))
        Placement = self.env["collection.placement"].sudo()
        moves = []
        for case in cases:
            placement = super(CollectionPlacement, Placement).create({
                "batch_id": batch.id, "case_id": case.id, "agency_user_id": given[case.id], "date_start": date,
                "date_end": date_end, "days_overdue": case.days_overdue, "amount_placed": case.total_due,
                "office_user_id": case.office_user_id.id, "field_user_id": case.field_user_id.id,
                "team_id": case.team_id.id, "field_team_id": case.field_team_id.id})
            case.write({"placement_id": placement.id, "agency_id": contract.agency_id.id})
            for role, team, user in (("office", case.team_id, case.office_user_id),
                                     ("field", case.field_team_id, case.field_user_id)):
                moves.append(case_allocation.Move(case.id, role, "placement", team.id or None, None, user.id or None,
                                                  given[case.id], None))
        self.env["collection.run"].sudo()._apply_moves(date, moves, {}, reason=batch.name, by=self.env.uid)
        batch.write({"state": "placed", "date_start": date, "date_end": date_end, "user_id": self.env.uid})
        for case in self.case_ids:
            case._loan_note(_("Placed with agency %s (batch %s) until %s by %s.") % (
                contract.agency_id.name, batch.name, date_end, self.env.user.name))

    @api.multi
    def action_recall(self):
        """Recall every case of the batch still placed (a manager, before the end of the period)."""
        _check_manager(self)
        placements = self.sudo().mapped("placement_ids").filtered(lambda p: p.state == "placed")
        if not placements:
            raise UserError(_("No case of batch %s is placed any more.") % ", ".join(self.mapped("name")))
        placements.with_env(self.env)._recall(business_today(self), "manager")
        return True


def _mail_fields(records):
    return set(records.env["mail.thread"]._fields) | {"message_follower_ids", "message_last_post"}


class CollectionPlacement(models.Model):
    """A case placed with an agency: who of the agency works it, the period, what was owed then and
    who held it before (to give it back), and what the agency recovered and earned."""
    _name = "collection.placement"
    _description = "Agency Placement"
    _order = "date_start desc, id desc"
    _rec_name = "case_id"

    batch_id = fields.Many2one("collection.placement.batch", string="Batch", required=True, readonly=True,
                               index=True, ondelete="restrict", groups=LENDER_GROUPS)
    contract_id = fields.Many2one(related="batch_id.contract_id", store=True, readonly=True,
                                  string="Agency Contract", groups=LENDER_GROUPS)
    agency_id = fields.Many2one(related="batch_id.agency_id", store=True, readonly=True, string="Agency")
    case_id = fields.Many2one("collection.case", string="Collection Case", required=True, readonly=True,
                              index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, readonly=True, string="Debtor")
    company_id = fields.Many2one(related="batch_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    agency_user_id = fields.Many2one("res.users", string="Agency Collector", readonly=True, index=True)
    state = fields.Selection(PLACEMENT_STATES, required=True, default="placed", readonly=True, index=True)
    date_start = fields.Date(string="Placed On", required=True, readonly=True)
    date_end = fields.Date(string="Placed Until", required=True, readonly=True)
    date_recalled = fields.Date(string="Recalled On", readonly=True)
    date_closed = fields.Date(string="Last Day Held", readonly=True,
                              help="The last day the agency held the case: money received up to that day earns "
                                   "its commission.")
    recall_kind = fields.Selection(RECALL_KINDS, string="Recalled", readonly=True)
    days_overdue = fields.Integer(string="Days Overdue at Placement", readonly=True)
    amount_placed = fields.Monetary(string="Amount Placed", readonly=True,
                                    help="What the case owed when it was placed.")
    office_user_id = fields.Many2one("res.users", string="Office Collector Before", readonly=True,
                                     groups=LENDER_GROUPS)
    field_user_id = fields.Many2one("res.users", string="Field Collector Before", readonly=True,
                                    groups=LENDER_GROUPS)
    team_id = fields.Many2one("collection.team", string="Office Team Before", readonly=True, ondelete="set null",
                              groups=LENDER_GROUPS)
    field_team_id = fields.Many2one("collection.team", string="Field Team Before", readonly=True,
                                    ondelete="set null", groups=LENDER_GROUPS)
    commission_ids = fields.One2many("collection.agency.commission", "placement_id", string="Commission",
                                     readonly=True, groups=LENDER_GROUPS)
    amount_recovered = fields.Monetary(string="Recovered", readonly=True,
                                       help="The money received while the agency held the case (net of reversals).")
    commission_amount = fields.Monetary(string="Commission", readonly=True, groups=LENDER_GROUPS)

    def _manager_refusal(self):
        return self.env["collection.placement.batch"]._manager_refusal()

    @api.model
    def create(self, vals):
        raise AccessError(_("Cases are placed with an agency through a placement batch (Place with Agency)."))

    @api.multi
    def write(self, vals):
        if not field_policy.is_trusted(self.env):
            raise AccessError(_("A placement changes only by placing and recalling it."))
        return super(CollectionPlacement, self).write(vals)

    @api.multi
    def unlink(self):
        raise AccessError(_("A placement is the record of what the agency held and earned: it is never deleted."))

    @api.multi
    def action_recall(self):
        """Recall these cases from the agency now (a manager)."""
        _check_manager(self)
        if self.sudo().filtered(lambda p: p.state != "placed"):
            raise UserError(_("Only a case still placed is recalled."))
        self._recall(business_today(self), "manager")
        return True

    @api.multi
    def _recall(self, date, kind):
        """Give the cases back to the collectors and teams they had (those still active), log the
        moves, and end the agency's view of them (its people no longer follow them)."""
        placements = self.sudo().filtered(lambda p: p.state == "placed")
        if not placements:
            return 0
        moves = []
        for placement in placements:
            case = placement.case_id
            for role, team, user in (("office", placement.team_id, placement.office_user_id),
                                     ("field", placement.field_team_id, placement.field_user_id)):
                from_user = (case.office_user_id if role == "office" else case.field_user_id).id or None
                to_team = team.id if team and team.active else None
                to_user = user.id if user and user.active and not user._is_agency_collector() else None
                moves.append(case_allocation.Move(case.id, role, "recall", None, to_team, from_user, to_user, None))
        Run = self.env["collection.run"].sudo()
        Run._apply_moves(date, moves, {}, reason=", ".join(placements.mapped("batch_id.name")), by=self.env.uid)
        # The agency's people stop following the cases they held, and their open tasks on them end
        # (the daily run gives the returned collectors today's).
        people = placements.mapped("batch_id.agency_id.agency_user_ids")
        case_ids = placements.mapped("case_id").ids
        if people:
            cr = self.env.cr
            cr.execute("""DELETE FROM mail_followers WHERE res_model = 'collection.case'
                            AND res_id = ANY(%s) AND partner_id = ANY(%s)""", (case_ids, people.mapped("partner_id").ids))
            cr.execute("""WITH ended AS (
                              UPDATE collection_task SET state = 'cancelled', write_date = now() at time zone 'UTC'
                               WHERE case_id = ANY(%s) AND state = 'todo' AND user_id = ANY(%s)
                           RETURNING activity_id)
                          DELETE FROM mail_activity WHERE id IN (SELECT activity_id FROM ended)""",
                       (case_ids, people.ids))
            self.env["collection.task"].invalidate_cache()
            self.env["mail.followers"].invalidate_cache()
            self.env["collection.case"].invalidate_cache(
                ["message_follower_ids", "message_partner_ids", "message_channel_ids", "activity_ids"], case_ids)
        for placement in placements:
            last_day = min(placement.date_end, date) if kind == "manager" else placement.date_end
            placement.write({"state": "recalled", "date_recalled": date, "date_closed": last_day,
                             "recall_kind": kind})
            placement.case_id.write({"placement_id": False, "agency_id": False})
        batches = placements.mapped("batch_id")
        for batch in batches.filtered(lambda b: all(p.state == "recalled" for p in b.placement_ids)):
            batch.write({"state": "recalled"})
        who = self.env.user.name if kind == "manager" else _("the daily run (end of the placement period)")
        for placement in placements.with_env(self.env):
            placement.case_id._loan_note(_("Recalled from agency %s (batch %s) on %s by %s.") % (
                placement.sudo().agency_id.name, placement.sudo().batch_id.name, date, who))
        return len(placements)

    @api.model
    def _recall_expired(self, date):
        """The daily run: recall the cases whose placement period ended before `date`."""
        expired = self.sudo().search([("state", "=", "placed"), ("date_end", "<", fields.Date.to_string(date))])
        return expired._recall(fields.Date.to_string(date), "expired")


class CollectionCase(models.Model):
    _inherit = "collection.case"

    # Both indexed where set (sparse_indexes.py): few cases are with an agency.
    placement_id = fields.Many2one("collection.placement", string="Agency Placement", readonly=True,
                                   copy=False, help="The placement with an agency the case is in now.")
    agency_id = fields.Many2one("res.partner", string="Placed with Agency", readonly=True, copy=False)
    # The case's placement history: the lender's managers, finance and auditors read it.
    placement_ids = fields.One2many("collection.placement", "case_id", string="Agency Placements", readonly=True,
                                    groups="loan_collection.group_collection_manager,loan_collection.group_loan_finance,"
                                           "loan_collection.group_loan_auditor")

    @api.multi
    def action_transfer_to_legal(self):
        placed = self.sudo().filtered("placement_id")
        if placed:
            raise UserError(_("Case %s is placed with agency %s: recall it first (Agency Placements), then transfer "
                              "it to the legal team.") % (placed[0].name, placed[0].agency_id.name))
        return super(CollectionCase, self).action_transfer_to_legal()


class CollectionRun(models.Model):
    _inherit = "collection.run"

    placements_recalled = fields.Integer(string="Placements Recalled", readonly=True,
                                         help="Cases given back by their agency at the end of the placement period.")
