"""Repayment schedules for the four repayment methods of Chinese loan contracts.

Conventions (the usual ones in Chinese lending contracts; a contract may say otherwise):
- Monthly periods: installment k falls due k months after disbursement, on the same day of
  the month or the month's last day when there is none (民法典 第202条 reckons months that way).
- Monthly interest = outstanding principal x annual rate / 12.
- Interest for a bullet loan (到期一次性还本付息) = principal x annual rate x actual days / 360
  (the 360-day year of PBOC's 《人民币利率管理规定》 for daily rates; verify the article).
- Every amount is rounded to the fen; the last installment absorbs the rounding so that the
  principal parts add up to the principal exactly.
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


def schedule(principal, annual_rate, disbursed, maturity, method):
    """The installments of a loan as a list of Installment(number, due_date, principal, interest).

    principal: amount lent (yuan); annual_rate: e.g. 0.12 or Decimal('0.12') for 12 %/year;
    disbursed / maturity: dates; method: one of METHODS. Raises ValueError on bad input.
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
        days = (maturity - disbursed).days
        return [Installment(1, maturity, principal, fen(principal * rate * days / 360))]
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
