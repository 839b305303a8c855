"""Which steps of a collection policy are due for a case on a given day.

A step applies while the case's days overdue are within [day_from, day_to] (day_to None:
open-ended; negative days are pre-due reminders). A 'daily' step is due every day of its
range; a 'once' step is due on the first day the case is in its range and stays a single task
until done, so a case that enters the range late (a run was missed) still gets it once.
"""
from collections import namedtuple

Step = namedtuple("Step", "id day_from day_to recurrence")

RECURRENCES = ("once", "daily")


def in_range(step, days):
    return days >= step.day_from and (step.day_to is None or days <= step.day_to)


def due_steps(steps, days, done_once=()):
    """The steps (in the order given) due today for a case `days` overdue.

    done_once: ids of 'once' steps already given to this case on an earlier day.
    """
    done_once = set(done_once)
    return [
        step for step in steps
        if in_range(step, days) and (step.recurrence == "daily" or step.id not in done_once)
    ]


def check_steps(steps):
    """Problems with a policy's steps as (step id, code) pairs: 'range' when day_to < day_from,
    'recurrence' for an unknown recurrence."""
    problems = []
    for step in steps:
        if step.day_to is not None and step.day_to < step.day_from:
            problems.append((step.id, "range"))
        if step.recurrence not in RECURRENCES:
            problems.append((step.id, "recurrence"))
    return problems
