"""Repayment schedules for the four repayment methods of Chinese loan contracts.

Conventions (the usual ones in Chinese lending contracts; a contract may say otherwise):
- Monthly periods: installment k falls due k months after disbursement, on the same day of
  the month or the month's last day when there is none (民法典 第202条 reckons months that way).
- Monthly interest = outstanding principal x annual rate / 12.
- Interest for a bullet loan (到期一次性还本付息) = principal x annual rate x the year fraction of
  the term by the product's day-count basis (year_fraction below).
- Every amount is rounded to the fen; the last installment absorbs the rounding so that the
  principal parts add up to the principal exactly.

Day-count bases (BASES; the interest of a period = amount x annual rate x year_fraction):
- ``pboc`` (the default): whole years at the annual rate, whole months at the monthly rate
  (annual / 12), the odd days at the daily rate (annual / 360): formula ② of 中国人民银行《关于人民币
  存贷款计结息问题的通知》(银发〔2005〕129号), whose daily rate is the annual rate / 360. A whole
  year at 12 % costs exactly 12 %, whatever the year's length.
- ``actual_360``: every day at annual / 360 (formula ③ of the same notice): a year costs 365/360.
- ``actual_365``: actual days / 365.
- ``30e_360``: months of 30 days (a 31st counts as the 30th), years of 360 days.
"""
import calendar
import datetime
from collections import namedtuple
from decimal import Decimal

from .money import fen, to_decimal

METHODS = ("equal_installment", "equal_principal", "bullet", "interest_only")

Installment = namedtuple("Installment", "number due_date principal interest")


def add_months(day, months):
    """The same day `months` later, or that month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start, end):
    """Whole monthly periods from start to end (end on or after the corresponding day)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


BASES = ("pboc", "actual_360", "actual_365", "30e_360")


def year_fraction(start, end, basis="pboc"):
    """The fraction of a year from ``start`` to ``end`` by ``basis`` (one of BASES), an exact
    Decimal; 0 when end is not after start."""
    if basis not in BASES:
        raise ValueError("day-count basis must be one of %s" % ", ".join(BASES))
    if end <= start:
        return Decimal(0)
    if basis == "actual_360":
        return Decimal((end - start).days) / 360
    if basis == "actual_365":
        return Decimal((end - start).days) / 365
    if basis == "30e_360":
        days = (360 * (end.year - start.year) + 30 * (end.month - start.month)
                + min(end.day, 30) - min(start.day, 30))
        return Decimal(days) / 360
    months = months_between(start, end)
    odd_days = (end - add_months(start, months)).days
    return Decimal(months) / 12 + Decimal(odd_days) / 360


def period_interest(amount, annual_rate, start, end, basis="pboc"):
    """Unrounded interest on ``amount`` at ``annual_rate`` (a fraction: 0.12 for 12 %) from start to
    end by ``basis``: round the total once (money.fen), never the daily parts."""
    return to_decimal(amount) * to_decimal(annual_rate) * year_fraction(start, end, basis)


def schedule(principal, annual_rate, disbursed, maturity, method, basis="pboc"):
    """The installments of a loan as a list of Installment(number, due_date, principal, interest).

    principal: amount lent (yuan); annual_rate: e.g. 0.12 or Decimal('0.12') for 12 %/year;
    disbursed / maturity: dates; method: one of METHODS; basis: the day-count basis of a bullet
    loan's interest (one of BASES). Raises ValueError on bad input.
    """
    principal = fen(principal)
    rate = to_decimal(annual_rate)
    if principal <= 0:
        raise ValueError("principal must be positive")
    if rate < 0:
        raise ValueError("annual rate cannot be negative")
    if maturity <= disbursed:
        raise ValueError("maturity must be after disbursement")
    if method not in METHODS:
        raise ValueError("method must be one of %s" % ", ".join(METHODS))
    if method == "bullet":
        return [Installment(1, maturity, principal, fen(period_interest(principal, rate, disbursed, maturity, basis)))]
    periods = months_between(disbursed, maturity)
    if periods < 1:
        raise ValueError("a monthly repayment method needs at least one month to maturity")
    monthly = rate / 12
    dues = [add_months(disbursed, k) for k in range(1, periods + 1)]
    # A maturity that is not on a monthly due day ends the last period early or late.
    dues[-1] = maturity
    if method == "interest_only":
        parts = [Decimal(0)] * (periods - 1) + [principal]
    elif method == "equal_principal":
        base = fen(principal / periods)
        parts = [base] * (periods - 1) + [principal - base * (periods - 1)]
    else:  # equal_installment: the annuity payment, principal part = payment - interest
        if monthly == 0:
            payment = principal / periods
        else:
            growth = (1 + monthly) ** periods
            payment = principal * monthly * growth / (growth - 1)
        payment = fen(payment)
        parts = None
    result, balance = [], principal
    for number, due in enumerate(dues, start=1):
        interest = fen(balance * monthly)
        if parts is not None:
            part = parts[number - 1]
        elif number == periods:
            part = balance
        else:
            part = min(balance, payment - interest)
        result.append(Installment(number, due, part, interest))
        balance -= part
    return result
