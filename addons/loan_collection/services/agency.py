# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agency placement (委外): the placement period, who of the agency works each case, and the
commission a recovery earns. Pure functions (no Odoo), tested on their own.

Commission, by the agency contract's method:

* ``days``: the rate of the contract line whose days-overdue range holds the case's days overdue
  when it was placed (the usual 账龄 table: M2 15%, M3 20%, M4+ 30%...). The rate is fixed for the
  placement: a case placed at 45 days keeps the M2 rate while it ages.
* ``tier``: progressive by the batch's recovery rate (阶梯佣金): each line gives a rate from a
  recovery rate on (0%, 10%, 20%...); the part of a recovery that lifts the batch's recovered
  amount within a band earns that band's rate, as a tax bracket does. The order of the recoveries
  therefore does not change the batch's total commission.
"""
import datetime
from collections import namedtuple
from decimal import Decimal

from .money import fen

HUNDRED = Decimal(100)

DaysRate = namedtuple("DaysRate", "days_from days_to rate")     # days_to 0: no upper bound
TierRate = namedtuple("TierRate", "recovery_from rate")        # recovery_from: percent of the placed amount


def placement_end(start, days):
    """The last day of a placement of `days` days starting on `start` (both dates; the first day
    counts: 90 days from 1 March end on 29 May)."""
    if days < 1:
        raise ValueError("a placement lasts at least one day")
    return start + datetime.timedelta(days=days - 1)


def days_rate(rates, days):
    """The rate (percent, Decimal) of the first line of `rates` (DaysRate) whose range holds
    `days`, or None when no line does."""
    for line in rates:
        if days >= line.days_from and (not line.days_to or days <= line.days_to):
            return Decimal(str(line.rate))
    return None


def tier_commission(base, before, placed, tiers):
    """The commission (fen) on `base` recovered when `before` had already been recovered of the
    batch's `placed` amount, by the progressive `tiers` (TierRate; the first from 0%)."""
    base, before, placed = fen(base), fen(before), fen(placed)
    if base <= 0 or placed <= 0 or not tiers:
        return fen(0)
    tiers = sorted(tiers, key=lambda t: t.recovery_from)
    bounds = [placed * Decimal(str(t.recovery_from)) / HUNDRED for t in tiers] + [None]
    total = Decimal(0)
    start, end = before, before + base
    for tier, low, high in zip(tiers, bounds, bounds[1:]):
        low = max(low, start)
        high = end if high is None else min(high, end)
        if high > low:
            total += (high - low) * Decimal(str(tier.rate)) / HUNDRED
    return fen(total)


def days_commission(base, rate):
    """The commission (fen) on `base` at `rate` percent."""
    return fen(fen(base) * Decimal(str(rate)) / HUNDRED)


def share_cases(case_ids, loads):
    """Give each case of `case_ids` (in their order) to the agency collector holding the fewest
    cases then (`loads`: {user id: open cases held}; ties to the lower id). Returns {case id: user id}."""
    if not loads:
        raise ValueError("the agency has no collector")
    loads = dict(loads)
    given = {}
    for case_id in case_ids:
        user_id = min(loads, key=lambda u: (loads[u], u))
        given[case_id] = user_id
        loads[user_id] += 1
    return given
