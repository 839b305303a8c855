"""Days overdue, aging buckets and penalty interest of an installment.

Day counting: an installment due on D and unpaid is overdue from D + 1, which is day 1
overdue; on D itself it is day 0 (due today) and before D the days are negative (pre-due).
"""
from collections import namedtuple
from decimal import Decimal

from . import amortization
from .money import to_decimal

DEFAULT_EDGES = (3, 6, 30, 60, 90)


def parse_edges(text):
    """Bucket upper edges from configuration text such as '3,6,30,60,90'.

    Raises ValueError unless they are positive whole numbers in increasing order.
    """
    try:
        edges = tuple(int(part) for part in str(text).replace(" ", "").split(",") if part)
    except ValueError:
        raise ValueError("bucket edges must be whole numbers separated by commas")
    if not edges or edges[0] < 1 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError("bucket edges must be positive and increasing, e.g. 3,6,30,60,90")
    return edges


def bucket_labels(edges=DEFAULT_EDGES):
    """['current', '1-3', '4-6', '7-30', '31-60', '61-90', '90+'] for the default edges."""
    labels, low = ["current"], 1
    for edge in edges:
        labels.append("%d-%d" % (low, edge))
        low = edge + 1
    labels.append("%d+" % edges[-1])
    return labels


def days_overdue(due_date, today):
    """Days past the due date (negative before it, 0 on it)."""
    return (today - due_date).days


def bucket(days, edges=DEFAULT_EDGES):
    """The aging bucket label of an installment `days` overdue ('current' when not overdue)."""
    if days <= 0:
        return "current"
    low = 1
    for edge in edges:
        if days <= edge:
            return "%d-%d" % (low, edge)
        low = edge + 1
    return "%d+" % edges[-1]


Penalty = namedtuple("Penalty", "accrued segment_start segment_base total")

# Penalty interest is charged by the day overdue (按日计收罚息) at the daily rate: the PBOC basis
# counts every day at annual / 360 (its odd-days rule, 银发〔2005〕129号), the others as they are.
PENALTY_BASIS = {"pboc": "actual_360"}


def accrue_penalty(previous, residual, annual_rate, accrued_to, today, basis="pboc"):
    """Penalty (overdue) interest accrued to ``today``, unrounded, from the overdue segment.

    罚息 accrues on the overdue amount at the contract's overdue rate from the first day overdue
    until paid (《人民币利率管理规定》 第二十五条). It is computed per segment, a stretch of days on
    which the overdue amount did not change: the accrued total of the closed segments plus the
    open segment from its start, by the product's day-count basis (amortization.year_fraction;
    PENALTY_BASIS) —
    so the figure is the same whether the daily run ran once or every day. Round only the total.

    previous: Penalty(accrued, segment_start, segment_base, total) of the last run, or None for
    the first accrual (accrued is then 0 and ``accrued_to`` the due date); residual: the overdue
    amount now; annual_rate: a fraction (0.18 for 18 %); accrued_to: the day accrued up to so far
    (the due date or the last run's date). Returns the new Penalty.
    """
    residual = to_decimal(residual)
    basis = PENALTY_BASIS.get(basis, basis)
    if previous is None or previous.segment_start is None:
        accrued = previous.accrued if previous is not None else Decimal(0)
        start = accrued_to
    elif previous.segment_base != residual:
        # The overdue amount changed since the last run: close the segment there.
        accrued = previous.accrued + amortization.period_interest(
            previous.segment_base, annual_rate, previous.segment_start, accrued_to, basis)
        start = accrued_to
    else:
        accrued, start = previous.accrued, previous.segment_start
    total = accrued + amortization.period_interest(residual, annual_rate, start, today, basis)
    return Penalty(accrued, start, residual, total)
