# -*- coding: utf-8 -*-
"""Allocation of a payment that does not cover everything owed.

民法典 第561条: when a debtor owes, besides the principal, interest and the costs of realising the
claim, and pays too little to discharge all of it, the payment goes first to the costs of realising
the claim (实现债权的有关费用), then to interest, then to principal, unless the parties agreed
otherwise. ``allocate`` applies that statutory order; ``allocate_in_order`` takes any order, so a
contract-specific order reuses it; ``spread`` lands one share (e.g. the principal share) on several
installments, oldest first.

"Interest" here includes penalty interest (罚息) and compound interest (复利): the caller adds them
up before calling ``allocate``, or passes them as separate buckets to ``allocate_in_order``.

Amounts are ``Decimal`` rounded to the fen (0.01) half up by ``to_fen`` (the shared
``money.fen`` with strict input checks); ints, strings, Decimals and floats are accepted, floats
through their shortest repr so that 0.1 means 0.10, not 0.1000000000000000055....

Problems raise ``ValueError`` (programming errors, not user input: the models validate amounts
before calling):

- a negative amount or due;
- a value that is not a finite number;
- a bucket key repeated, or named ``'excess'``;
- in ``spread``, an amount larger than the dues together.
"""
import collections
from decimal import Decimal, InvalidOperation

from .money import fen

EXCESS = 'excess'


def to_fen(value):
    """Return ``value`` as a Decimal rounded to the fen, half up (None and False count as 0).

    ``money.fen`` with strict input: anything that is not a finite amount (text, NaN, infinity,
    True) raises ValueError instead of leaking decimal.InvalidOperation or a NaN. Floats go through
    their shortest repr: 2.675 is 2.68, as the user expects, not 2.67 from 2.67499999....
    Sign checks apply to the rounded value: -0.004 is 0.00 and allowed wherever 0 is.
    """
    if value is None or value is False:
        value = 0
    if isinstance(value, bool):
        raise ValueError('Not an amount: %r' % (value,))
    try:
        number = fen(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError('Not an amount: %r' % (value,))
    if not number.is_finite():
        raise ValueError('Not an amount: %r' % (value,))
    # '-0' and -0.004 round to a negative zero, which would print as '-0.00'.
    return number if number else abs(number)


def _non_negative(value, what):
    amount = to_fen(value)
    if amount < 0:
        raise ValueError('%s must not be negative: %r' % (what, value))
    return amount


def allocate_in_order(amount, buckets):
    """Allocate ``amount`` to ``buckets`` in the order given; return what each bucket receives.

    ``buckets`` is an ordered iterable of ``(key, due)`` pairs. Each bucket in turn receives what
    is left of the payment, up to its due. Returns an OrderedDict ``key -> Decimal`` in the
    buckets' order, followed by ``'excess'``: what is left once every bucket is paid in full.
    """
    remaining = _non_negative(amount, 'Payment')
    result = collections.OrderedDict()
    for key, due in buckets:
        if key == EXCESS or key in result:
            raise ValueError('Bucket key %r is reserved or repeated' % (key,))
        share = min(remaining, _non_negative(due, 'Due amount %r' % (key,)))
        result[key] = share
        remaining -= share
    result[EXCESS] = remaining
    return result


def allocate(amount, costs, interest, principal):
    """Allocate a payment in the statutory order of 民法典 第561条.

    ``costs`` are the costs of realising the claim still owed (litigation, preservation and
    enforcement fees, lawyer's fees where recoverable), ``interest`` the interest still owed
    including penalty and compound interest, ``principal`` the principal still owed.
    Returns ``{'costs', 'interest', 'principal', 'excess'}`` (an OrderedDict in that order).
    """
    return allocate_in_order(amount, [
        ('costs', costs),
        ('interest', interest),
        ('principal', principal),
    ])


def spread(amount, dues):
    """Split ``amount`` over ``dues`` (given oldest first); return the shares in the same order.

    Used to land one share of a payment, e.g. its principal share, on the oldest installments
    first. ``amount`` may not exceed the dues together: the caller allocates the payment first,
    so anything larger is a bug, not an overpayment.
    """
    dues = list(dues)
    shares = allocate_in_order(amount, enumerate(dues))
    if shares.pop(EXCESS):
        raise ValueError('Amount %r exceeds the dues (%s)' % (amount, sum(map(to_fen, dues))))
    return list(shares.values())


# Orders a loan contract may agree instead of the statutory one (民法典 第561条 "unless the parties
# agreed otherwise"). Penalty interest (罚息) is interest in the sense of 第561条: the statutory
# order pays ordinary interest before it, then principal. Costs of realising the claim always come
# first: no contract of ours puts them later.
ORDERS = collections.OrderedDict([
    ('legal', ('costs', 'interest', 'penalty', 'principal')),
    ('penalty_first', ('costs', 'penalty', 'interest', 'principal')),
    ('principal_first', ('costs', 'principal', 'interest', 'penalty')),
])


def allocate_recovery(amount, dues, order='legal'):
    """Allocate a recovery to the dues of a case in the contract's order.

    ``dues`` maps ``'costs'``, ``'interest'``, ``'penalty'`` and ``'principal'`` to what is still
    owed of each (missing keys count as nothing owed); ``order`` is a key of ``ORDERS``. Returns
    an OrderedDict with the four shares in the order applied, then ``'excess'``.
    """
    try:
        keys = ORDERS[order]
    except KeyError:
        raise ValueError('Unknown allocation order %r' % (order,))
    unknown = set(dues) - set(keys)
    if unknown:
        raise ValueError('Unknown due %r' % (sorted(unknown),))
    return allocate_in_order(amount, [(key, dues.get(key, 0)) for key in keys])


Debt = collections.namedtuple('Debt', 'key due security burden date_due')
"""One debt of a debtor who owes several to the same creditor: ``due`` what is due now, ``security``
how much of it is secured (guarantees, collateral; 0 unsecured), ``burden`` how heavy it is for the
debtor (its rate), ``date_due`` when it fell due (its oldest unpaid installment)."""


def order_between_debts(amount, debts):
    """Split a payment between several due debts of one debtor that he did not designate
    (民法典 第560条第2款): the due debts first; among them the one least secured; then the one
    heaviest for the debtor; then the one due first; debts due the same day share pro rata.

    Returns an OrderedDict ``key -> Decimal`` in the order paid, then ``'excess'``: what is left once
    every debt is paid. (A designation by the debtor, 第560条第1款, is the caller's: it passes the
    debts the debtor named, or does not call this at all.)
    """
    remaining = _non_negative(amount, 'Payment')
    debts = [d._replace(due=_non_negative(d.due, 'Due amount %r' % (d.key,))) for d in debts]
    ranked = collections.OrderedDict()
    for debt in sorted(debts, key=lambda d: (to_fen(d.security), -Decimal(str(d.burden)), d.date_due)):
        ranked.setdefault((to_fen(debt.security), Decimal(str(debt.burden)), debt.date_due), []).append(debt)
    result = collections.OrderedDict()
    for group in ranked.values():
        total = sum((d.due for d in group), to_fen(0))
        if remaining >= total:
            for debt in group:
                result[debt.key] = debt.due
            remaining -= total
            continue
        # Not enough for the whole group: pro rata of what each owes, the rounding fen to the largest.
        shares = [to_fen(remaining * d.due / total) if total else to_fen(0) for d in group]
        largest = max(range(len(group)), key=lambda i: group[i].due)
        shares[largest] += remaining - sum(shares, to_fen(0))
        for debt, share in zip(group, shares):
            result[debt.key] = share
        remaining = to_fen(0)
    result[EXCESS] = remaining
    return result
