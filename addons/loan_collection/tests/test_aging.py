"""Days overdue, buckets at their edges and penalty interest (services/aging.py)."""
import datetime
from decimal import Decimal

import pytest

from odoo.addons.loan_collection.services import aging

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


def test_penalty_interest():
    # 10000 x 18% / 360 = 5.00 a day; 10 days -> 50.00
    assert aging.penalty_interest(10000, "0.18", 10) == Decimal("50.00")
    # 10661.85 x 18% x 7 / 360 = 37.316475 -> 37.32
    assert aging.penalty_interest("10661.85", "0.18", 7) == Decimal("37.32")
    assert aging.penalty_interest(10000, "0.18", 0) == Decimal("0.00")
