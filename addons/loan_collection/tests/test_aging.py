"""Days overdue, buckets at their edges and penalty interest (services/aging.py)."""
import datetime
from decimal import Decimal

import pytest

from odoo.addons.loan_collection.services import aging
from odoo.addons.loan_collection.services.money import fen

D = datetime.date


@pytest.mark.parametrize("days, label", [
    (-5, "current"), (0, "current"), (1, "1-3"), (3, "1-3"), (4, "4-6"), (6, "4-6"), (7, "7-30"),
    (30, "7-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"), (90, "61-90"), (91, "90+"), (400, "90+"),
])
def test_default_bucket_edges(days, label):
    assert aging.bucket(days) == label


def test_configured_edges():
    edges = aging.parse_edges(" 5, 15,45 ")
    assert edges == (5, 15, 45)
    assert [aging.bucket(d, edges) for d in (5, 6, 15, 16, 45, 46)] == ["1-5", "6-15", "6-15", "16-45", "16-45", "45+"]
    assert aging.bucket_labels(edges) == ["current", "1-5", "6-15", "16-45", "45+"]


@pytest.mark.parametrize("text", ["", "3,3,30", "0,5", "a,b", "30,6"])
def test_bad_edges_refused(text):
    with pytest.raises(ValueError):
        aging.parse_edges(text)


def test_days_overdue_counts_from_the_day_after_due():
    assert aging.days_overdue(D(2026, 3, 31), D(2026, 3, 31)) == 0
    assert aging.days_overdue(D(2026, 3, 31), D(2026, 4, 1)) == 1
    assert aging.days_overdue(D(2026, 3, 31), D(2026, 3, 28)) == -3


def accrue_daily(amount, rate, due, runs, basis="pboc"):
    """The daily run's accrual, one call a day for ``runs`` days after ``due``."""
    state, accrued_to = None, due
    for day in range(1, runs + 1):
        today = due + datetime.timedelta(days=day)
        state = aging.accrue_penalty(state, amount, rate, accrued_to, today, basis)
        accrued_to = today
    return state


def test_penalty_interest_at_the_overdue_rate():
    # 10000 x 18% / 360 = 5.00 a day; 10 days -> 50.00
    state = aging.accrue_penalty(None, 10000, "0.18", D(2026, 3, 1), D(2026, 3, 11))
    assert fen(state.total) == Decimal("50.00")
    # 10661.85 x 18% x 7 / 360 = 37.316475 -> 37.32
    assert fen(aging.accrue_penalty(None, "10661.85", "0.18", D(2026, 3, 1), D(2026, 3, 8)).total) == Decimal("37.32")


def test_penalty_interest_does_not_drift_with_the_number_of_runs():
    # Issue 12 item 9: 1,234.56 at 18% for 100 days at 1/360 a day = 61.728 -> 61.73, whether the
    # run ran once or every day (rounding each daily 0.61728 to 0.62 gave 62.00).
    due, end = D(2026, 1, 31), D(2026, 5, 11)
    once = aging.accrue_penalty(None, "1234.56", "0.18", due, end, "actual_360")
    daily = accrue_daily(Decimal("1234.56"), "0.18", due, 100, "actual_360")
    assert fen(once.total) == fen(daily.total) == Decimal("61.73")
    # The PBOC basis charges penalty interest by the day at 1/360 too.
    assert fen(accrue_daily(Decimal("1234.56"), "0.18", due, 100).total) == Decimal("61.73")
    for basis in ("actual_365", "30e_360"):
        once = aging.accrue_penalty(None, "1234.56", "0.18", due, end, basis)
        assert fen(accrue_daily(Decimal("1234.56"), "0.18", due, 100, basis).total) == fen(once.total), basis


def test_penalty_segment_closes_when_the_overdue_amount_changes():
    due = D(2026, 3, 1)
    first = aging.accrue_penalty(None, 10000, "0.18", due, D(2026, 3, 11))   # 10 days on 10000: 50.00
    # A recovery brought the overdue amount to 6000 on the 11th: 5 more days on 6000 = 15.00.
    second = aging.accrue_penalty(first, 6000, "0.18", D(2026, 3, 11), D(2026, 3, 16))
    assert (second.segment_start, second.segment_base) == (D(2026, 3, 11), Decimal(6000))
    assert fen(second.accrued) == Decimal("50.00")
    assert fen(second.total) == Decimal("65.00")
