# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guarantee period (保证期间) of a personal guarantee: missing it releases the guarantor
(民法典 第693条), so the legal case shows it as a deadline (legal_case_deadlines.py)."""
from odoo import api, fields, models

from ..services import deadlines
from .legal_case import _to_date, _to_string

# 民法典 第681条: a personal guarantee (保证) is general (第687条) or joint (第688条); a mortgage, a
# pledge or a counter-guarantee given to the guarantor has no guarantee period.
PERSONAL_GUARANTEES = ("general", "joint")


class LoanGuarantee(models.Model):
    _inherit = "loan.guarantee"

    period_end = fields.Date(
        compute="_compute_period_end", string="Guarantee Period Ends",
        help="The last day to claim against the guarantor (民法典 第692条): the agreed end, else six months "
             "from the main debt's due date (the maturity, or the acceleration date when the loan was "
             "accelerated earlier). A general guarantee is claimed by suing the borrower, a joint one by a "
             "served demand or a suit naming the guarantor (第693条).")

    @api.depends("guarantee_type", "role", "agreed_period_end", "contract_id.date_maturity",
                 "contract_id.acceleration_date")
    def _compute_period_end(self):
        for guarantee in self:
            due = guarantee._main_debt_due()
            personal = guarantee.guarantee_type in PERSONAL_GUARANTEES and guarantee.role == "guarantor"
            guarantee.period_end = _to_string(deadlines.guarantee_period_end(
                due, _to_date(guarantee.agreed_period_end))) if personal and due else False

    @api.multi
    def _main_debt_due(self):
        """The day the main debt's term expires (民法典 第692条第二款): the maturity, or the
        acceleration date when earlier -- the earlier day, so the lender is never late."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        dates = [d for d in (contract.date_maturity, contract.acceleration_date) if d]
        return _to_date(min(dates)) if dates else None

    @api.model
    def create(self, vals):
        guarantee = super(LoanGuarantee, self).create(vals)
        _sync_legal_deadlines(guarantee.contract_id)
        return guarantee

    @api.multi
    def write(self, vals):
        result = super(LoanGuarantee, self).write(vals)
        _sync_legal_deadlines(self.mapped("contract_id"))
        return result


def _sync_legal_deadlines(contracts):
    """The deadlines of the open legal cases of `contracts` follow their guarantees, acceleration
    and served demands."""
    env = contracts.env
    env["legal.case"].sudo().search([("contract_id", "in", contracts.ids), ("stage", "!=", "closed")])._sync_deadlines()


class LoanContract(models.Model):
    _inherit = "loan.contract"

    @api.multi
    def action_record_acceleration(self, kind, date, clause, reason=None):
        result = super(LoanContract, self).action_record_acceleration(kind, date, clause, reason)
        _sync_legal_deadlines(self)
        return result


class CollectionNotice(models.Model):
    _inherit = "collection.notice"

    @api.multi
    def action_record_service(self, date_served, method, receipts=None, tracking_number=None):
        result = super(CollectionNotice, self).action_record_service(date_served, method, receipts, tracking_number)
        _sync_legal_deadlines(self.mapped("case_id.contract_id"))
        return result
