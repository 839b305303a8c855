"""Repayment schedules of the four methods (services/amortization.py), no database."""
import datetime
from decimal import Decimal

import pytest

from odoo.addons.loan_collection.services import amortization

D = datetime.date


def totals(rows):
    return sum(r.principal for r in rows), sum(r.interest for r in rows)


def test_equal_installment_120000_12_months_at_12_percent():
    rows = amortization.schedule(120000, "0.12", D(2026, 1, 15), D(2027, 1, 15), "equal_installment")
    assert len(rows) == 12
    # Annuity: 120000 x 0.01 x 1.01^12 / (1.01^12 - 1) = 10661.854... -> 10661.85 a month.
    assert [r.principal + r.interest for r in rows[:11]] == [Decimal("10661.85")] * 11
    # First month: interest 120000 x 1% = 1200.00, principal 10661.85 - 1200.00 = 9461.85.
    assert (rows[0].principal, rows[0].interest) == (Decimal("9461.85"), Decimal("1200.00"))
    # Second month: interest (120000 - 9461.85) x 1% = 1105.3815 -> 1105.38.
    assert rows[1].interest == Decimal("1105.38")
    principal, interest = totals(rows)
    assert principal == Decimal("120000.00")
    # The last installment absorbs the rounding: it pays the balance left. The payment was
    # rounded down by 0.0043 a month, so the last one is a few fen more, never a fen per month more.
    last = rows[-1].principal + rows[-1].interest
    assert Decimal("10661.85") < last < Decimal("10661.85") + Decimal("0.12")
    assert principal + interest == sum(r.principal + r.interest for r in rows)
    assert [r.due_date for r in rows[:2]] == [D(2026, 2, 15), D(2026, 3, 15)]
    assert rows[-1].due_date == D(2027, 1, 15)


def test_equal_principal_100000_3_months():
    rows = amortization.schedule(100000, "0.12", D(2026, 1, 10), D(2026, 4, 10), "equal_principal")
    # 100000 / 3 = 33333.33 twice, the last takes 33333.34 so the parts add up exactly.
    assert [r.principal for r in rows] == [Decimal("33333.33"), Decimal("33333.33"), Decimal("33333.34")]
    # Interest on the balance at 1 % a month: 1000.00, 666.67 (66666.67 x 1%), 333.33 (33333.34 x 1%).
    assert [r.interest for r in rows] == [Decimal("1000.00"), Decimal("666.67"), Decimal("333.33")]
    assert totals(rows) == (Decimal("100000.00"), Decimal("2000.00"))


def test_bullet_interest_by_actual_days_over_360():
    rows = amortization.schedule(500000, "0.0864", D(2026, 1, 1), D(2026, 7, 1), "bullet", "actual_360")
    # 181 days: 500000 x 8.64% x 181 / 360 = 21720.00, all due at maturity with the principal.
    assert rows == [amortization.Installment(1, D(2026, 7, 1), Decimal("500000.00"), Decimal("21720.00"))]


def test_bullet_interest_whole_months_at_the_monthly_rate_by_default():
    # PBOC basis (银发〔2005〕129号): 6 whole months x 8.64% / 12 = 21600.00.
    rows = amortization.schedule(500000, "0.0864", D(2026, 1, 1), D(2026, 7, 1), "bullet")
    assert rows[0].interest == Decimal("21600.00")
    # 6 months and 10 odd days: 21600 + 500000 x 8.64% x 10 / 360 = 22800.00.
    assert amortization.schedule(500000, "0.0864", D(2026, 1, 1), D(2026, 7, 11), "bullet")[0].interest \
        == Decimal("22800.00")


@pytest.mark.parametrize("disbursed, maturity", [
    (D(2024, 1, 1), D(2025, 1, 1)),     # a leap year: 366 days (actual/360 charged 12,200.00)
    (D(2025, 3, 15), D(2026, 3, 15)),   # 365 days
])
def test_a_whole_year_at_12_percent_costs_exactly_12_percent(disbursed, maturity):
    rows = amortization.schedule(100000, "0.12", disbursed, maturity, "bullet")
    assert rows[0].interest == Decimal("12000.00")
    assert amortization.schedule(100000, "0.12", disbursed, maturity, "bullet", "30e_360")[0].interest \
        == Decimal("12000.00")


def test_day_count_bases():
    start, end = D(2024, 1, 31), D(2024, 3, 31)   # 60 actual days, 2 whole months
    assert amortization.year_fraction(start, end, "pboc") == Decimal(2) / 12
    assert amortization.year_fraction(start, end, "actual_360") == Decimal(60) / 360
    assert amortization.year_fraction(start, end, "actual_365") == Decimal(60) / 365
    assert amortization.year_fraction(start, end, "30e_360") == Decimal(60) / 360
    assert amortization.year_fraction(end, start, "pboc") == 0
    with pytest.raises(ValueError):
        amortization.year_fraction(start, end, "act/act")


def test_interest_only_principal_at_maturity():
    rows = amortization.schedule(300000, "0.10", D(2026, 1, 31), D(2026, 4, 30), "interest_only")
    # Month-end disbursement: due on the last day of shorter months (Feb 28).
    assert [r.due_date for r in rows] == [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]
    # 300000 x 10% / 12 = 2500.00 each month; principal only in the last installment.
    assert [r.interest for r in rows] == [Decimal("2500.00")] * 3
    assert [r.principal for r in rows] == [Decimal("0"), Decimal("0"), Decimal("300000.00")]
    assert totals(rows) == (Decimal("300000.00"), Decimal("7500.00"))


@pytest.mark.parametrize("kwargs", [
    dict(principal=0),
    dict(annual_rate="-0.01"),
    dict(maturity=D(2026, 1, 1)),
    dict(method="balloon"),
    dict(maturity=D(2026, 1, 20), method="equal_installment"),
])
def test_bad_input_refused(kwargs):
    args = dict(principal=1000, annual_rate="0.1", disbursed=D(2026, 1, 1), maturity=D(2026, 6, 1),
                method="equal_principal")
    args.update(kwargs)
    with pytest.raises(ValueError):
        amortization.schedule(**args)
