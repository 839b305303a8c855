# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agency's commission (委外佣金): earned per recovery, billed monthly, compared per agency.

* Each recovery registered on a case while an agency held it (received from the day the case was
  placed to its last day held) earns a commission line at the contract's rate (services/agency.py)
  on the money applied to the debt (the excess left to the payer earns nothing). Reversing the
  recovery writes the opposite line, billed (deducted) with the next month.
* Finance bills a month (Agency Commission Bills): one draft vendor bill per agency with one line
  per commission line not yet billed up to the month's end, naming the recovery, the case and the
  rate; the lines are the bill's. The bill is validated only while its amount is the sum of its
  commission lines (reconciled with the recoveries); cancelled, its lines are billed again next time.
* The report compares agencies and batches: placed, recovered, recovery rate, commission.
"""
import calendar
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services import agency
from ..services.money import fen
from . import field_policy
from .collection_case_finance import FINANCE_GROUP
from .collection_legal_figures import create_report_view
from .res_company import business_today


class CollectionAgencyCommission(models.Model):
    _name = "collection.agency.commission"
    _description = "Agency Commission"
    _order = "date desc, id desc"
    _rec_name = "recovery_id"

    placement_id = fields.Many2one("collection.placement", string="Placement", required=True, readonly=True,
                                   index=True, ondelete="restrict")
    batch_id = fields.Many2one(related="placement_id.batch_id", store=True, readonly=True, string="Batch")
    contract_id = fields.Many2one(related="placement_id.contract_id", store=True, readonly=True,
                                  string="Agency Contract")
    agency_id = fields.Many2one(related="placement_id.agency_id", store=True, readonly=True, string="Agency")
    case_id = fields.Many2one(related="placement_id.case_id", store=True, readonly=True, string="Collection Case")
    company_id = fields.Many2one(related="placement_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    recovery_id = fields.Many2one("collection.recovery", string="Recovery", required=True, readonly=True,
                                  index=True, ondelete="restrict")
    date = fields.Date(required=True, readonly=True, index=True,
                       help="The day the money was received (a reversal: the day it was reversed).")
    base = fields.Monetary(string="Recovered", readonly=True, help="The money applied to the debt.")
    rate = fields.Float(string="Rate (%)", readonly=True, digits=(5, 2),
                        help="The contract's rate; tiered, the rate the recovery earned on average.")
    amount = fields.Monetary(string="Commission", readonly=True)
    reversed_id = fields.Many2one("collection.agency.commission", string="Reverses", readonly=True,
                                  ondelete="restrict", help="The commission line this one takes back.")
    bill_id = fields.Many2one("account.invoice", string="Vendor Bill", readonly=True, index=True,
                              ondelete="set null", copy=False)

    @api.model
    def create(self, vals):
        raise AccessError(_("Commission is earned by the recoveries registered while an agency holds the case; it "
                            "is not entered by hand."))

    @api.multi
    def write(self, vals):
        if not field_policy.is_trusted(self.env):
            raise AccessError(_("A commission line changes only by billing it (Agency Commission Bills)."))
        return super(CollectionAgencyCommission, self).write(vals)

    @api.multi
    def unlink(self):
        raise AccessError(_("A commission line is part of the agency's account: it is never deleted (a reversed "
                            "recovery writes the opposite line)."))

    def _new(self, vals):
        return super(CollectionAgencyCommission, self.sudo()).create(vals)

    @api.model
    def _earn(self, recovery):
        """The commission of the posted `recovery` if an agency held its case on the day received."""
        recovery = recovery.sudo()
        base = fen(recovery.amount) - fen(recovery.amount_excess)
        if base <= 0:
            return self
        cr = self.env.cr
        cr.execute("""SELECT id FROM collection_placement
                       WHERE case_id = %s AND date_start <= %s AND %s <= COALESCE(date_closed, date_end)
                       ORDER BY date_start DESC, id DESC LIMIT 1""", (recovery.case_id.id, recovery.date, recovery.date))
        row = cr.fetchone()
        if not row:
            return self
        placement = self.env["collection.placement"].sudo().browse(row[0])
        contract = placement.contract_id
        if contract.commission_method == "days":
            rate = agency.days_rate(contract._days_rates(), placement.days_overdue) or 0
            amount = agency.days_commission(base, rate)
        else:
            cr.execute("""SELECT COALESCE(sum(p.amount_placed), 0),
                                 (SELECT COALESCE(sum(c.base), 0) FROM collection_agency_commission c
                                   WHERE c.batch_id = %s)
                            FROM collection_placement p WHERE p.batch_id = %s""",
                       (placement.batch_id.id, placement.batch_id.id))
            placed, before = cr.fetchone()
            amount = agency.tier_commission(base, before, placed, contract._tier_rates())
            rate = (amount * 100 / base).quantize(fen(0)) if base else 0
        line = self._new({"placement_id": placement.id, "recovery_id": recovery.id, "date": recovery.date,
                          "base": float(base), "rate": float(rate), "amount": float(amount)})
        placement._refresh_commission()
        return line

    @api.model
    def _take_back(self, recovery, date):
        """The opposite of the commission `recovery` earned, on `date` (the recovery was reversed)."""
        lines = self.sudo().search([("recovery_id", "=", recovery.id), ("reversed_id", "=", False)])
        taken = self.sudo().search([("reversed_id", "in", lines.ids)]).mapped("reversed_id")
        for line in lines - taken:
            self._new({"placement_id": line.placement_id.id, "recovery_id": recovery.id, "date": date,
                       "base": -line.base, "rate": line.rate, "amount": -line.amount, "reversed_id": line.id})
        (lines - taken).mapped("placement_id")._refresh_commission()


class CollectionPlacement(models.Model):
    _inherit = "collection.placement"

    @api.multi
    def _refresh_commission(self):
        """The placements' recovered amount and commission, from their commission lines (one statement)."""
        self.env.cr.execute("""
            UPDATE collection_placement p
               SET amount_recovered = COALESCE(c.base, 0), commission_amount = COALESCE(c.amount, 0)
              FROM (SELECT p2.id, sum(l.base) AS base, sum(l.amount) AS amount
                      FROM collection_placement p2
                      LEFT JOIN collection_agency_commission l ON l.placement_id = p2.id
                     WHERE p2.id = ANY(%s) GROUP BY p2.id) c
             WHERE p.id = c.id
        """, (self.ids,))
        self.invalidate_cache(["amount_recovered", "commission_amount"], self.ids)


class CollectionRecovery(models.Model):
    _inherit = "collection.recovery"

    @api.multi
    def _post(self):
        result = super(CollectionRecovery, self)._post()
        for recovery in self:
            self.env["collection.agency.commission"]._earn(recovery)
        return result

    @api.multi
    def _reverse(self, date, reason):
        result = super(CollectionRecovery, self)._reverse(date, reason)
        for recovery in self:
            self.env["collection.agency.commission"]._take_back(recovery, fields.Date.to_string(date))
        return result


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    agency_commission_ids = fields.One2many("collection.agency.commission", "bill_id", string="Agency Commission",
                                            readonly=True)
    agency_commission_bill = fields.Boolean(
        string="Agency Commission Bill", readonly=True, copy=False,
        help="Made by Bill Agency Commission: validated only while it equals its commission lines.")

    @api.model
    def create(self, vals):
        if "agency_commission_bill" in vals and not field_policy.is_trusted(self.env):
            raise AccessError(_("Whether a bill is an agency's commission bill is set when it is generated."))
        return super(AccountInvoice, self).create(vals)

    @api.multi
    def write(self, vals):
        if "agency_commission_bill" in vals and not field_policy.is_trusted(self.env):
            raise AccessError(_("Whether a bill is an agency's commission bill is set when it is generated."))
        return super(AccountInvoice, self).write(vals)

    # The checks hold on each public step of the validation (Validate calls them in turn).
    @api.multi
    def action_invoice_open(self):
        self._check_agency_bills()
        return super(AccountInvoice, self).action_invoice_open()

    @api.multi
    def action_move_create(self):
        self._check_agency_bills()
        return super(AccountInvoice, self).action_move_create()

    @api.multi
    def invoice_validate(self):
        self._check_agency_bills()
        return super(AccountInvoice, self).invoice_validate()

    @api.multi
    def _check_agency_bills(self):
        for bill in self.sudo().filtered("agency_commission_bill"):
            lines = bill.agency_commission_ids
            owed = sum(fen(line.amount) for line in lines)
            billed = fen(bill.amount_untaxed) * (1 if bill.type == "in_invoice" else -1)
            name = bill.name or bill.number or bill.id
            if not lines:
                raise UserError(_("Bill %s was cancelled and its commission released: it is billed again by Bill "
                                  "Agency Commission, not by this bill.") % name)
            if billed != owed:
                raise UserError(_("Bill %s comes to %s before tax, but its commission lines (the recoveries) come to "
                                  "%s: put the lines back as they were generated, or cancel the bill and bill the "
                                  "month again.") % (name, billed, owed))
            if bill.partner_id.commercial_partner_id != lines.mapped("agency_id"):
                raise UserError(_("Bill %s is made out to %s, but its commission was earned by %s: put the agency "
                                  "back as the vendor.") % (name, bill.partner_id.display_name,
                                                             "、".join(lines.mapped("agency_id.name"))))

    @api.multi
    def action_invoice_cancel(self):
        result = super(AccountInvoice, self).action_invoice_cancel()
        # A cancelled bill bills nothing: its commission is billed with the next month.
        self.sudo().mapped("agency_commission_ids").write({"bill_id": False})
        return result


class CollectionAgencyBilling(models.TransientModel):
    """Finance bills a month of the agencies' commission."""
    _name = "collection.agency.billing"
    _description = "Bill Agency Commission"

    def _default_month(self):
        first = fields.Date.from_string(business_today(self)).replace(day=1)
        return fields.Date.to_string(first - datetime.timedelta(days=1))

    month = fields.Date(string="Month", required=True, default=_default_month,
                        help="Any day of the month billed: its commission, and what earlier months left unbilled.")
    agency_ids = fields.Many2many("res.partner", string="Agencies", domain=[("is_collection_agency", "=", True)],
                                  help="Empty: every agency.")

    @api.multi
    def action_bill(self):
        self.ensure_one()
        if not field_policy.is_trusted(self.env) and not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(_("Only finance bills the agencies' commission."))
        day = fields.Date.from_string(self.month)
        month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if fields.Date.to_string(month_end) >= business_today(self):
            raise UserError(_("%s is not over yet: bill a month once it has ended.") % day.strftime("%Y-%m"))
        Commission = self.env["collection.agency.commission"].sudo()
        domain = [("bill_id", "=", False), ("date", "<=", fields.Date.to_string(month_end)),
                  ("company_id", "=", self.env.user.company_id.id)]
        if self.agency_ids:
            domain.append(("agency_id", "in", self.agency_ids.ids))
        lines = Commission.search(domain, order="agency_id, date, id")
        bills = self.env["account.invoice"]
        for partner in lines.mapped("agency_id"):
            mine = lines.filtered(lambda l: l.agency_id == partner)
            total = sum(fen(l.amount) for l in mine)
            if not total:
                continue
            bills |= self._make_bill(partner, mine, total, month_end)
        if not bills:
            raise UserError(_("No commission is left to bill up to %s.") % fields.Date.to_string(month_end))
        return {"type": "ir.actions.act_window", "name": _("Agency Commission Bills"), "res_model": "account.invoice",
                "view_mode": "tree,form", "domain": [("id", "in", bills.ids)],
                "context": {"type": "in_invoice", "journal_type": "purchase"}}

    def _make_bill(self, partner, lines, total, month_end):
        kind = "in_invoice" if total > 0 else "in_refund"
        sign = 1 if total > 0 else -1
        journal = self.env["account.journal"].sudo().search(
            [("type", "=", "purchase"), ("company_id", "=", self.env.user.company_id.id)], limit=1)
        if not journal:
            raise UserError(_("The company has no purchase journal for vendor bills: create one in Accounting."))
        contracts = lines.mapped("contract_id")
        invoice_lines = []
        for line in lines:
            account = line.contract_id._expense_account()
            if not account:
                raise UserError(_("Contract %s has no commission expense account and none was found in the chart: "
                                  "set it on the contract.") % line.contract_id.name)
            invoice_lines.append((0, 0, {
                "name": _("%s, case %s (%s): recovered %s × %s%%") % (
                    line.recovery_id.name, line.case_id.name, line.case_id.partner_id.name, fen(line.base),
                    line.rate) + (_(" (reversal)") if line.reversed_id else ""),
                "account_id": account.id, "quantity": 1, "price_unit": float(sign * fen(line.amount)),
            }))
        bill = self.env["account.invoice"].sudo().create({
            "type": kind, "partner_id": partner.id, "journal_id": journal.id,
            "date_invoice": fields.Date.to_string(month_end),
            # The bill's description; its vendor reference is the agency's own invoice number, which
            # finance enters (Odoo refuses two bills of one vendor with the same reference).
            "name": _("Agency commission %s") % month_end.strftime("%Y-%m"),
            "origin": ", ".join(contracts.mapped("name")),
            "company_id": self.env.user.company_id.id, "invoice_line_ids": invoice_lines,
            "agency_commission_bill": True,
        })
        lines.write({"bill_id": bill.id})
        return bill


class CollectionAgencyReport(models.Model):
    """Agencies and batches side by side (SQL view, one row per placed case). Grouped, the recovery
    rate is the group's recovered amount over its placed amount (not an average of the cases')."""
    _name = "collection.agency.report"
    _description = "Agency Recovery"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "case_id"

    agency_id = fields.Many2one("res.partner", string="Agency", readonly=True)
    batch_id = fields.Many2one("collection.placement.batch", string="Batch", readonly=True)
    contract_id = fields.Many2one("collection.agency.contract", string="Agency Contract", readonly=True)
    case_id = fields.Many2one("collection.case", string="Collection Case", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    agency_user_id = fields.Many2one("res.users", string="Agency Collector", readonly=True)
    date_start = fields.Date(string="Placed On", readonly=True)
    state = fields.Selection(lambda self: self.env["collection.placement"]._fields["state"]._description_selection(
        self.env), string="State", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)
    paying_count = fields.Integer(string="Cases With Money", readonly=True)
    amount_placed = fields.Float(string="Amount Placed", readonly=True, digits=(16, 2))
    amount_recovered = fields.Float(string="Recovered", readonly=True, digits=(16, 2))
    commission_amount = fields.Float(string="Commission", readonly=True, digits=(16, 2))
    recovery_rate = fields.Float(string="Recovery Rate (%)", readonly=True, digits=(16, 1), group_operator="sum",
                                 help="Recovered over placed; grouped, of the group's totals.")

    @api.model_cr
    def init(self):
        create_report_view(self.env.cr, self._table, """
            SELECT p.id, p.agency_id, p.batch_id, p.contract_id, p.case_id, p.company_id, p.agency_user_id,
                   p.date_start, p.state, 1 AS case_count,
                   CASE WHEN COALESCE(p.amount_recovered, 0) > 0 THEN 1 ELSE 0 END AS paying_count,
                   COALESCE(p.amount_placed, 0) AS amount_placed, COALESCE(p.amount_recovered, 0) AS amount_recovered,
                   COALESCE(p.commission_amount, 0) AS commission_amount,
                   CASE WHEN COALESCE(p.amount_placed, 0) > 0
                        THEN round(100 * COALESCE(p.amount_recovered, 0) / p.amount_placed, 1) ELSE 0 END
                        AS recovery_rate
              FROM collection_placement p
        """)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        names = [f.split(":")[0] for f in fields]
        extra = [f for f in ("amount_placed", "amount_recovered") if f not in names]
        rows = super(CollectionAgencyReport, self).read_group(domain, list(fields) + extra, groupby, offset=offset,
                                                              limit=limit, orderby=orderby, lazy=lazy)
        if "recovery_rate" in names:
            for row in rows:
                placed = row.get("amount_placed") or 0
                row["recovery_rate"] = round(100.0 * (row.get("amount_recovered") or 0) / placed, 1) if placed else 0
        for row in rows:
            for name in extra:
                row.pop(name, None)
        return rows
