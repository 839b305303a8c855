# -*- coding: utf-8 -*-
"""The claim of a loan suit as of a date, from the ledger (pure Python, no ``odoo`` import).

The complaint (民诉法 第124条: 诉讼请求 with its facts; the 要素式 complaint for 金融借款合同纠纷) asks
for the principal, the interest, the penalty interest, the compound interest and the costs, each
stated with how it was computed: base, rate, period and the contract clause. Every figure here comes
from the installments as they stand (what recoveries left unpaid, 民法典 第561条 allocation already
applied by the ledger), so the claim agrees with the ledger after every recovery.

Two bases:

* ``overdue`` -- the part due: installments due before the claim date.
* ``accelerated`` -- after the lender declared the whole loan due (宣布提前到期) or terminated the
  contract (解除合同, 民法典 第562-566条; 第673条: a borrower who does not use the loan as agreed),
  everything is due at the acceleration date: the whole outstanding principal, the interest due
  before it and the contractual interest accrued to it.

Penalty interest (罚息) is the ledger's (accrued by the daily run to its ``penalty_date``, not
recomputed here), plus, after acceleration, the penalty on the principal that the ledger does not
treat as overdue yet: from the acceleration date to that installment's own due date (from then on
the daily run accrues it). Compound interest (复利), where the contract provides it: the overdue
interest at the penalty rate from its due date (中国人民银行关于人民币贷款利率有关问题的通知
银发〔2003〕251号 第三条: 对不能按时支付的利息，按罚息利率计收复利).

Rates are percent a year; interest for days at rate/360 a day (the daily-rate convention of the
ledger's penalty interest, loan_collection services/aging.py).
"""
import collections
import datetime
from decimal import ROUND_HALF_UP, Decimal

BASIS_OVERDUE = "overdue"
BASIS_ACCELERATED = "accelerated"
BASES = (BASIS_OVERDUE, BASIS_ACCELERATED)

# One installment of the ledger as the claim reads it.
Installment = collections.namedtuple("Installment", [
    "due",               # datetime.date
    "principal",         # scheduled principal part
    "interest",          # scheduled interest part
    "principal_unpaid",  # principal still owed (the residual is split principal last)
    "interest_unpaid",   # interest still owed
    "penalty",           # penalty interest accrued and not recovered (ledger)
    "penalty_date",      # the day the ledger's penalty is accrued to, or None
    "penalty_recovered",  # penalty interest paid by recoveries
])

# A line of the claim: code (principal, interest, interest_accrued, penalty, penalty_accelerated,
# compound, costs), amount, and how it was computed (base, rate % a year, period start and end;
# None where it does not apply).
ClaimLine = collections.namedtuple("ClaimLine", ["code", "amount", "base", "rate", "start", "end"])



def to_decimal(value):
    """Decimal from an int, str, float (through its shortest repr) or Decimal; None is 0."""
    if value is None:
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)


def fen(value):
    """Round to the fen, half up (as loan_collection's services/money.py; a service imports no
    ``odoo.addons`` package, so not from there)."""
    return to_decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _interest(amount, annual_rate, start, end, day_count="actual_360"):
    """Interest on `amount` from `start` to `end` at `annual_rate` (a fraction), by the day as the
    ledger accrues the penalty (loan_collection services/aging.py, PENALTY_BASIS): `day_count`
    'actual_360' (the PBOC daily rate, 年利率÷360), 'actual_365' or '30e_360' (months of 30 days)."""
    if end <= start:
        return fen(0)
    if day_count == "30e_360":
        days = (360 * (end.year - start.year) + 30 * (end.month - start.month)
                + min(end.day, 30) - min(start.day, 30))
        year = 360
    else:
        days, year = (end - start).days, 365 if day_count == "actual_365" else 360
    return fen(to_decimal(amount) * to_decimal(annual_rate) * days / year)


ZERO = fen(0)


def claim_lines(installments, claim_date, basis=BASIS_OVERDUE, annual_rate=0, overdue_rate=0,
                compound=False, costs=0, acceleration_date=None, start_date=None, day_count="actual_360"):
    """Return the lines of the claim as of ``claim_date`` (a list of ``ClaimLine``, zero lines left out).

    :param installments: ``Installment`` tuples of the contract (any order).
    :param basis: ``'overdue'`` or ``'accelerated'`` (needs ``acceleration_date``).
    :param annual_rate: the contract rate, percent a year (interest accrued to acceleration).
    :param overdue_rate: the penalty rate, percent a year.
    :param compound: the contract provides compound interest on overdue interest.
    :param costs: costs of realising the claim still owed (ledger).
    :param start_date: the day interest starts (the disbursement), for the interest accrued to the
        acceleration date when no installment fell due before it.
    :param day_count: how interest by the day is counted ('actual_360', 'actual_365', '30e_360': the
        product's basis, as the ledger accrues the penalty).
    """
    if basis not in BASES:
        raise ValueError("Unknown claim basis %r; accepted: %s." % (basis, ", ".join(BASES)))
    if not isinstance(claim_date, datetime.date):
        raise TypeError("claim_date must be a datetime.date, got %r." % (claim_date,))
    accelerated = basis == BASIS_ACCELERATED
    if accelerated and not acceleration_date:
        raise ValueError("An accelerated claim needs the acceleration date.")
    if accelerated and acceleration_date > claim_date:
        raise ValueError("The acceleration (%s) is after the claim date (%s)." % (acceleration_date, claim_date))
    items = sorted(installments, key=lambda i: i.due)
    # What is due: before the claim date, or everything once accelerated; the interest of the
    # installments not yet due at acceleration is not owed as such (see interest_accrued).
    interest_cut = acceleration_date if accelerated else claim_date
    due = [i for i in items if accelerated or i.due < claim_date]
    with_interest = [i for i in items if i.due < interest_cut]
    principal = sum((fen(i.principal_unpaid) for i in due), ZERO)
    interest = sum((fen(i.interest_unpaid) for i in with_interest), ZERO)
    lines = []

    def add(code, amount, base=None, rate=None, start=None, end=None):
        if amount:
            lines.append(ClaimLine(code, fen(amount), None if base is None else fen(base),
                                   None if rate is None else to_decimal(rate), start, end))

    owing = [i for i in due if i.principal_unpaid]
    add("principal", principal, base=principal,
        start=acceleration_date if accelerated else (owing[0].due if owing else None))
    add("interest", interest, base=interest, rate=annual_rate,
        start=with_interest[0].due if with_interest else None, end=interest_cut)
    if accelerated:
        # Contractual interest from the last due date before the acceleration (or the
        # disbursement) to the acceleration date, on the principal not yet due then.
        later = [i for i in items if i.due >= acceleration_date]
        base = sum((fen(i.principal_unpaid) for i in later), ZERO)
        since = max([i.due for i in items if i.due < acceleration_date] or [start_date or acceleration_date])
        add("interest_accrued", _interest(base, to_decimal(annual_rate) / 100, since, acceleration_date, day_count),
            base=base, rate=annual_rate, start=since, end=acceleration_date)
    # 罚息 as of the claim date: the ledger's, accrued by the daily run to its penalty date, which
    # goes on after the hand-over; the days between that date and the claim date are taken off
    # (or added, when the claim date is later) on what is still unpaid. A recovery in between makes
    # this the penalty on what is owed now. Only installments overdue on the claim date count.
    rate = to_decimal(overdue_rate) / 100
    penalties = []
    for i in items:
        if i.due >= claim_date:
            continue
        unpaid = fen(i.principal_unpaid) + fen(i.interest_unpaid)
        if accelerated and i.due >= acceleration_date:
            unpaid = fen(i.principal_unpaid)  # its interest is not claimed (interest_accrued instead)
        accrued_to = i.penalty_date or i.due
        amount = fen(i.penalty)
        if accrued_to > claim_date:
            amount = max(amount - _interest(unpaid, rate, claim_date, accrued_to, day_count), ZERO)
        else:
            amount += _interest(unpaid, rate, accrued_to, claim_date, day_count)
        if amount:
            penalties.append((i, amount, unpaid))
    add("penalty", sum((amount for _i, amount, _u in penalties), ZERO), rate=overdue_rate,
        base=sum((unpaid for _i, _a, unpaid in penalties), ZERO),
        start=penalties[0][0].due if penalties else None, end=claim_date if penalties else None)
    if accelerated:
        # 罚息 on the principal due by acceleration but not yet overdue in the ledger: from the
        # acceleration date to the claim date or the installment's own due date, whichever first.
        later = [i for i in items if i.due > acceleration_date and i.principal_unpaid]
        amount = sum((_interest(i.principal_unpaid, to_decimal(overdue_rate) / 100, acceleration_date,
                                min(i.due, claim_date), day_count) for i in later), ZERO)
        add("penalty_accelerated", amount, base=sum((fen(i.principal_unpaid) for i in later), ZERO),
            rate=overdue_rate, start=acceleration_date, end=claim_date)
    if compound:
        owing = [i for i in with_interest if i.interest_unpaid]
        amount = sum((_interest(i.interest_unpaid, to_decimal(overdue_rate) / 100, i.due, claim_date, day_count)
                      for i in owing), ZERO)
        add("compound", amount, base=interest, rate=overdue_rate,
            start=owing[0].due if owing else None, end=claim_date)
    add("costs", costs)
    return lines


def totals(lines):
    """{'principal', 'interest', 'penalty', 'compound', 'costs', 'total'}: the lines added up by
    head (interest accrued counts as interest, the penalty after acceleration as penalty)."""
    heads = {"principal": "principal", "interest": "interest", "interest_accrued": "interest",
             "penalty": "penalty", "penalty_accelerated": "penalty", "compound": "compound", "costs": "costs"}
    result = collections.OrderedDict((key, ZERO) for key in ("principal", "interest", "penalty", "compound", "costs"))
    for line in lines:
        result[heads[line.code]] += line.amount
    result["total"] = sum(result.values(), ZERO)
    return result


def repaid(installments):
    """What the debtor has repaid so far: {'principal', 'interest', 'penalty'} (已还本金、已还利息、
    已还罚息, which the complaint states), from the scheduled and unpaid parts of each installment."""
    result = collections.OrderedDict((key, ZERO) for key in ("principal", "interest", "penalty"))
    for i in installments:
        result["principal"] += fen(i.principal) - fen(i.principal_unpaid)
        result["interest"] += fen(i.interest) - fen(i.interest_unpaid)
        result["penalty"] += fen(i.penalty_recovered)
    return result
