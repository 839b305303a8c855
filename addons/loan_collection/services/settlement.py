# -*- coding: utf-8 -*-
"""Settlements (减免 / 和解): what a debtor owes, what the lender waives, what it gets, and who
may approve it.

A settlement is the lender's waiver of part of a debt (债务免除, 民法典 第575条: the creditor
releases the debtor from part of the debt, which ends that part) agreed with the debtor as a
change of their contract (民法典 第543条), on condition that the debtor pays the rest by a date.

Four components can be waived: penalty interest (罚息), the costs of realising the claim (费用),
interest (利息) and principal (本金). A lump-sum settlement (一次性结清) fixes what the debtor pays;
the rest is waived in ``WAIVER_ORDER``: penalty interest first, principal last — the lender gives up
what it never booked as income before what it lent.

Amounts are Decimals rounded to the fen (services/allocation.to_fen). Programming errors raise
ValueError; the models check the user's input first and answer in the user's language.
"""
import collections
import datetime
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta

from .allocation import allocate_in_order, to_fen

COMPONENTS = ("principal", "interest", "penalty", "costs")
# A restructuring's plan: from 2 to 60 monthly instalments (five years, the longest 停息挂账 plans
# lenders grant), the first within 90 days.
MIN_PLAN_INSTALMENTS, MAX_PLAN_INSTALMENTS, MAX_DAYS_TO_FIRST = 2, 60, 90
WAIVER_ORDER = ("penalty", "costs", "interest", "principal")

Tier = collections.namedtuple("Tier", "key max_amount max_ratio allow_principal")
"""One approval tier: ``max_amount`` the largest waiver it may approve (None: no limit),
``max_ratio`` the largest share of what is owed, in percent (None: no limit), ``allow_principal``
whether it may waive principal."""


def total(amounts):
    """The sum of the components of ``amounts`` (a dict; missing components count as 0)."""
    return sum((to_fen(amounts.get(key)) for key in COMPONENTS), to_fen(0))


def lump_sum_waiver(owed, amount):
    """What a lump sum of ``amount`` waives of ``owed``: the difference, penalty interest first
    (``WAIVER_ORDER``). Returns {component: Decimal}. The lump sum must be positive and not more
    than everything owed."""
    amount = to_fen(amount)
    owed_total = total(owed)
    if amount <= 0 or amount > owed_total:
        raise ValueError("A lump sum must be more than 0 and at most what is owed (%s): %s" % (owed_total, amount))
    waived = allocate_in_order(owed_total - amount, [(key, owed.get(key, 0)) for key in WAIVER_ORDER])
    return {key: waived[key] for key in COMPONENTS}


def waiver_errors(owed, waived):
    """The components of ``waived`` that are negative or more than what is owed of them, as a list
    of (component, owed, waived); empty when the waiver fits."""
    errors = []
    for key in COMPONENTS:
        amount, due = to_fen(waived.get(key)), to_fen(owed.get(key))
        if amount < 0 or amount > due:
            errors.append((key, due, amount))
    return errors


def share(owed_total, waived_total):
    """``waived_total`` as a percentage of ``owed_total``, unrounded (0 when nothing is owed): what a
    tier's limit is compared with (30.0049 is more than 30)."""
    owed_total = to_fen(owed_total)
    return to_fen(waived_total) * 100 / owed_total if owed_total else Decimal(0)


def ratio(owed, waived):
    """The waiver as a percentage of everything owed, to two decimals, as shown."""
    return share(total(owed), total(waived)).quantize(Decimal("0.01"))


def required_tier(tiers, waived):
    """The key of the first of ``tiers`` (in their order: the lowest authority first) that may
    approve ``waived``, a pair (waived amounts, their ratio to what is owed in percent); None when
    none may."""
    amounts, percent = waived
    waived_total = total(amounts)
    principal = to_fen(amounts.get("principal")) > 0
    for tier in tiers:
        if tier.max_amount is not None and waived_total > to_fen(tier.max_amount):
            continue
        if tier.max_ratio is not None and Decimal(str(percent)) > Decimal(str(tier.max_ratio)):
            continue
        if principal and not tier.allow_principal:
            continue
        return tier.key
    return None


def plan_schedule(principal, interest, count, first_due):
    """The instalments of a restructuring plan: ``principal`` and ``interest`` (Decimals) in ``count``
    monthly instalments, the first due on ``first_due`` (a date), each later one the same day of a
    later month (the month's last day when it has no such day: 31 January, 28 February...). Each
    instalment takes an equal share rounded down to the fen, the last one what is left, so the plan
    adds up to the amounts exactly. Returns [(due date, principal, interest)]."""
    principal, interest = to_fen(principal), to_fen(interest)
    if principal < 0 or interest < 0:
        raise ValueError("A plan's amounts cannot be negative: %s, %s" % (principal, interest))
    if not isinstance(count, int) or not MIN_PLAN_INSTALMENTS <= count <= MAX_PLAN_INSTALMENTS:
        raise ValueError("A plan has %s to %s instalments: %r" % (MIN_PLAN_INSTALMENTS, MAX_PLAN_INSTALMENTS, count))
    if not isinstance(first_due, datetime.date):
        raise ValueError("The first due date is a date: %r" % (first_due,))
    cent = Decimal("0.01")
    shares = [(principal / count).quantize(cent, rounding=ROUND_DOWN),
              (interest / count).quantize(cent, rounding=ROUND_DOWN)]
    rows = []
    for k in range(count):
        last = k == count - 1
        rows.append((first_due + relativedelta(months=k),
                     principal - shares[0] * (count - 1) if last else shares[0],
                     interest - shares[1] * (count - 1) if last else shares[1]))
    return rows
