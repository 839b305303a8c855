# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class CollectionRun(models.Model):
    """The daily run, with the finance side: the month-end snapshot and the costs already
    recovered or written off taken off the cases' total due."""
    _inherit = "collection.run"

    @api.model
    @api.returns("collection.run", lambda run: run.id)  # not inherited across _inherit: repeat it
    def run(self, date=None):
        """The daily run; on the last day of a month it also snapshots the open installments
        (collection.snapshot) for the roll-rate report."""
        record = super(CollectionRun, self).run(date)
        day = fields.Date.from_string(record.date)
        if (day + timedelta(days=1)).day == 1:
            self.env["collection.snapshot"].sudo()._take(day)
        return record

    def _update_case_amounts(self, date, edges, closed):
        """The run's total due counts the case's fees in full; the costs recovered or written off
        are no longer owed. The deduction is added back before the run compares old and new values
        and taken off again after, so an unchanged case is still not written nor counted (two
        statements, whatever the number of cases)."""
        cr = self.env.cr
        deduction = """
            UPDATE collection_case cc
               SET total_due = cc.total_due {sign} LEAST(COALESCE(cc.fees_amount, 0),
                                                   COALESCE(cc.recovered_costs, 0) + COALESCE(cc.written_off_costs, 0))
             WHERE (cc.is_open OR cc.id = ANY(%s))
               AND COALESCE(cc.recovered_costs, 0) + COALESCE(cc.written_off_costs, 0) > 0
               AND COALESCE(cc.fees_amount, 0) > 0
        """
        # The sign is one of two constants, never a value from outside.
        cr.execute(deduction.format(sign="+"), (list(closed),))
        updated = super(CollectionRun, self)._update_case_amounts(date, edges, closed)
        cr.execute(deduction.format(sign="-"), (list(closed),))
        return updated
