"""Priority score of a collection case, 0-100: who to work on first.

The weights favour large, old, risky cases and debtors who broke their word, as the practice
says to concentrate effort (集中时间、集中精力) where the money is and the risk grows:
- amount due: up to 40 points, logarithmic, full at 1,000,000 yuan;
- days overdue: up to 30 points, linear, full at 90 days;
- risk level (low/medium/high, e.g. from the overdue reason): 0/10/20 points;
- broken promises: 5 points each, up to 10.
"""
import math

from .money import to_decimal

RISK_POINTS = {"low": 0, "medium": 10, "high": 20}


def score(amount_due, days_overdue, risk="medium", broken_promises=0):
    amount = float(to_decimal(amount_due))
    amount_points = 0.0 if amount <= 0 else min(40.0, 40.0 * math.log10(1 + amount) / 6.0)
    day_points = min(30.0, 30.0 * max(days_overdue, 0) / 90.0)
    promise_points = min(10, 5 * max(broken_promises, 0))
    return int(round(amount_points + day_points + RISK_POINTS.get(risk or "medium", 10) + promise_points))
