# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Indexes for the first page of the two busiest lists, in their default order.

The worklist (tasks to do) and the case list (open cases) show 80 rows in the model's order. Without
an index in that order PostgreSQL reads every task to do (87,000 at 100,000 overdue installments)
or every open case and sorts them for each page; with one it reads the first 80 entries. The tasks'
indexes are partial (the tasks to do only), so they stay small while done tasks pile up.
"""
from odoo import api, models

from .sparse_indexes import create_sparse_indexes


class CollectionTask(models.Model):
    _inherit = "collection.task"

    @api.model_cr
    def init(self):
        super(CollectionTask, self).init()
        # _order = "task_date desc, priority desc, sequence, id"; a collector's worklist is his own.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS collection_task_todo_order_index
                ON collection_task (task_date DESC, priority DESC, sequence, id) WHERE state = 'todo'
        """)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS collection_task_todo_user_order_index
                ON collection_task (user_id, task_date DESC, priority DESC, sequence, id) WHERE state = 'todo'
        """)


class CollectionCase(models.Model):
    _inherit = "collection.case"

    @api.model_cr
    def init(self):
        super(CollectionCase, self).init()
        # _order = "is_open desc, priority_score desc, days_overdue desc, id desc": the open cases
        # first, so the open-cases list reads the start of the index (is_open in the key: the
        # planner keeps it in the sort even where the domain fixes it).
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS collection_case_order_index
                ON collection_case (is_open DESC, priority_score DESC, days_overdue DESC, id DESC)
        """)
        # The agency and placement, set on few cases, indexed where set.
        create_sparse_indexes(self.env.cr, self._table)
