# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the worklist shows a collector on each task, read live when the list is opened.

The task's own amount and days are what the daily run saw when it gave the task (06:00): a
recovery, a write-off or a refresh the same day changes the case, not the task. So the worklist
shows the case's figures as they are now, the number to dial (the best valid contact point for
the task's channel, masked for a user whom the record rules do not let read it), the last contact
and its outcome, and whether a promise to pay falls due today. Each is computed for the whole
list at once (one query per kind of data, not per task)."""
from odoo import api, fields, models

from ..services import identity_format
from .collection_contact_log import OUTCOMES
from .res_company import business_today, business_tz

# The kind of contact point each worklist action is made on.
ACTION_KIND = {"phone": "phone", "sms": "phone", "guarantor": "phone", "find_contact": "phone",
               "visit": "address", "notice": "address", "letter": "address"}
# Whose number is dialled: the debtor's own; a guarantor's own (or recorded as a guarantor's);
# for a debtor who cannot be reached (find_contact), a relative's, spouse's or employer's, who may
# only be asked how to reach him (domain.md, conduct rules: third parties).
OWN_RELATIONS = ("self",)
GUARANTOR_RELATIONS = ("self", "guarantor")
THIRD_PARTY_RELATIONS = ("spouse", "relative", "employer", "other")


class CollectionTaskWorklist(models.Model):
    _inherit = "collection.task"

    case_total_due = fields.Monetary(
        compute="_compute_live_figures", string="Amount Due",
        help="What the debtor owes on the case now (overdue principal and interest, penalty interest and costs), "
             "after today's recoveries; before the due date, what the installment still owes.")
    case_overdue_amount = fields.Monetary(
        compute="_compute_live_figures", string="Overdue Amount",
        help="Overdue principal and interest of the case now.")
    case_days_overdue = fields.Integer(
        compute="_compute_live_figures", string="Days Overdue",
        help="Days overdue of the case now (negative: days before the installment's due date).")
    call_number = fields.Char(
        compute="_compute_contact_info", string="Number to Call",
        help="The best valid number (or, for a visit, address) for this task; masked when the record rules do "
             "not let you read the debtor's contact points.")
    last_contact_date = fields.Date(compute="_compute_contact_info", string="Last Contact")
    last_contact_outcome = fields.Selection(OUTCOMES, compute="_compute_contact_info", string="Last Outcome")
    promise_due_today = fields.Boolean(
        compute="_compute_contact_info", search="_search_promise_due_today", string="Promise Due Today",
        help="An open promise to pay of the case falls due today (the company's day).")

    @api.depends("case_id.total_due", "case_id.overdue_principal", "case_id.overdue_interest",
                 "case_id.days_overdue", "invoice_id.residual", "invoice_id.date_due")
    def _compute_live_figures(self):
        today = fields.Date.from_string(business_today(self))
        for task in self:
            case = task.case_id.sudo()
            if case:
                task.case_total_due = case.total_due
                task.case_overdue_amount = case.overdue_principal + case.overdue_interest
                task.case_days_overdue = case.days_overdue
            else:
                # A reminder before the due date: the installment, not yet overdue.
                invoice = task.invoice_id.sudo()
                task.case_total_due = invoice.residual
                task.case_overdue_amount = 0.0
                task.case_days_overdue = (today - fields.Date.from_string(invoice.date_due)).days \
                    if invoice.date_due else 0

    def _compute_contact_info(self):
        points = self._best_contact_points()
        readable = self._readable_points(points.values())
        case_ids = self.mapped("case_id").ids
        last, promised = {}, set()
        if case_ids:
            cr = self.env.cr
            # Read before the query: they may query the same cursor.
            tz_name = business_tz(self)
            Log = self.env["collection.contact.log"]
            # The last contact of each case, corrected logs left out (the correction tells it).
            cr.execute("""
                SELECT DISTINCT ON (l.case_id) l.case_id, l.date, l.outcome
                  FROM collection_contact_log l
                 WHERE l.case_id = ANY(%s)
                   AND NOT EXISTS (SELECT 1 FROM collection_contact_log c WHERE c.correction_of_id = l.id)
                 ORDER BY l.case_id, l.date DESC, l.id DESC
            """, (case_ids,))
            last = {case_id: (Log._local(date, tz_name).date(), outcome) for case_id, date, outcome in cr.fetchall()}
            promised = set(self._cases_with_promise_due_today(case_ids))
        for task in self:
            point = points.get(task.id)
            if not point:
                task.call_number = False
            elif point.id in readable:
                task.call_number = point.value
            else:
                task.call_number = identity_format.mask_identity(point.value)
            date, outcome = last.get(task.case_id.id, (False, False))
            task.last_contact_date = date and fields.Date.to_string(date)
            task.last_contact_outcome = outcome
            task.promise_due_today = task.case_id.id in promised

    def _cases_with_promise_due_today(self, case_ids=None):
        """Ids of the cases (among case_ids, or all) with an open promise falling due today."""
        query = "SELECT DISTINCT case_id FROM collection_promise WHERE state = 'open' AND date_promised = %s"
        params = [business_today(self)]
        if case_ids is not None:
            query += " AND case_id = ANY(%s)"
            params.append(list(case_ids))
        self.env.cr.execute(query, params)
        return [row[0] for row in self.env.cr.fetchall()]

    def _search_promise_due_today(self, operator, value):
        due = (operator == "=") == bool(value)
        return [("case_id", "in" if due else "not in", self._cases_with_promise_due_today())]

    def _best_contact_points(self):
        """{task id: the contact point to use for the task}, for all the tasks in one search: a valid
        point of the kind the task's action is made on (ACTION_KIND), the debtor's own (the guarantors'
        for a guarantor step; a third party's for a debtor to be found), the first by sequence and the
        most recently verified."""
        partners_of = {}
        for task in self:
            debtor = task.case_id.sudo().partner_id or task.partner_id
            if task.action == "guarantor":
                partners_of[task.id] = task.sudo().case_id.contract_id.guarantee_ids.mapped("partner_id")._ids
            else:
                partners_of[task.id] = debtor._ids
        partner_ids = sorted({pid for ids in partners_of.values() for pid in ids})
        if not partner_ids:
            return {}
        candidates = self.env["collection.contact.point"].sudo().search(
            [("partner_id", "in", partner_ids), ("status", "=", "valid")],
            order="sequence, date_verified desc, id")
        by_partner = {}
        for point in candidates:
            by_partner.setdefault(point.partner_id.id, []).append(point)
        best = {}
        for task in self:
            kind = ACTION_KIND.get(task.action)
            relations = (GUARANTOR_RELATIONS if task.action == "guarantor" else
                         THIRD_PARTY_RELATIONS if task.action == "find_contact" else OWN_RELATIONS)
            for partner_id in partners_of[task.id]:
                point = next((p for p in by_partner.get(partner_id, ())
                              if p.kind == kind and p.relation in relations), None)
                if point:
                    best[task.id] = point
                    break
        return best

    def _readable_points(self, points):
        """Ids of the points the user may read (the record rules on contact points: a collector reads
        those of the parties to her own cases)."""
        ids = [point.id for point in points]
        if not ids:
            return set()
        return set(self.env["collection.contact.point"].search([("id", "in", ids)]).ids)
