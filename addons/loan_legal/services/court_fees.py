# -*- coding: utf-8 -*-
"""Court fees under 《诉讼费用交纳办法》 (State Council Decree No. 481, 2007).

Pure Python, no ``odoo`` import: models call these functions, never the reverse.

The acceptance, preservation and enforcement fees are cumulative ("累进")
schedules: a fixed amount for the first band, then a rate on the part of the
amount that falls inside each further band.  The schedules are written once as
tables and evaluated by ``_cumulative_fee``.  The payment-order, second-instance
and security-realisation fees are derived from the acceptance schedule.

Amounts are in yuan.  Every function returns a ``Decimal`` quantized to the fen
(0.01, ROUND_HALF_UP).
"""
from collections import namedtuple
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

FEN = Decimal('0.01')

PROCEDURE_ORDINARY = 'ordinary'
PROCEDURE_SIMPLE = 'simple'
# 小额诉讼 (民诉法 2023 第165条) is a form of the simple procedure (it sits in
# 第十三章 简易程序), so 第十六条 halves its acceptance fee too.
PROCEDURE_SMALL_CLAIMS = 'small_claims'
PROCEDURES = (PROCEDURE_ORDINARY, PROCEDURE_SIMPLE, PROCEDURE_SMALL_CLAIMS)
HALVED_PROCEDURES = (PROCEDURE_SIMPLE, PROCEDURE_SMALL_CLAIMS)

# base: the flat fee that covers every amount up to bands[0].threshold;
# bands: (threshold, rate) -- the rate applies to the part of the amount above
#        threshold and up to the next band's threshold (or without limit);
# cap: the most the fee can ever be (None: no cap).
_Schedule = namedtuple('_Schedule', 'base bands cap')


def _bands(*pairs):
    return tuple((Decimal(threshold), Decimal(rate)) for threshold, rate in pairs)


# 第十三条(一) 财产案件 case acceptance fee.
ACCEPTANCE_SCHEDULE = _Schedule(
    base=Decimal('50'),  # 不超过1万元的，每件交纳50元
    bands=_bands(
        ('10000', '0.025'),     # 超过1万元至10万元的部分，2.5%
        ('100000', '0.02'),     # 超过10万元至20万元的部分，2%
        ('200000', '0.015'),    # 超过20万元至50万元的部分，1.5%
        ('500000', '0.01'),     # 超过50万元至100万元的部分，1%
        ('1000000', '0.009'),   # 超过100万元至200万元的部分，0.9%
        ('2000000', '0.008'),   # 超过200万元至500万元的部分，0.8%
        ('5000000', '0.007'),   # 超过500万元至1000万元的部分，0.7%
        ('10000000', '0.006'),  # 超过1000万元至2000万元的部分，0.6%
        ('20000000', '0.005'),  # 超过2000万元的部分，0.5%
    ),
    cap=None,
)

# 第十四条(二) application fee for preservation (申请保全措施).
PRESERVATION_SCHEDULE = _Schedule(
    base=Decimal('30'),  # 财产数额不超过1000元或者不涉及财产数额的，每件30元
    bands=_bands(
        ('1000', '0.01'),     # 超过1000元至10万元的部分，1%
        ('100000', '0.005'),  # 超过10万元的部分，0.5%
    ),
    cap=Decimal('5000'),  # 当事人申请保全措施交纳的费用最多不超过5000元
)

# 第十四条(一) application fee for enforcement (申请执行).  Under 第二十条 it is
# not paid in advance: the court collects it from the debtor after enforcement.
ENFORCEMENT_SCHEDULE = _Schedule(
    base=Decimal('50'),  # 执行金额或者价额不超过1万元的，每件交纳50元
    bands=_bands(
        ('10000', '0.015'),     # 超过1万元至50万元的部分，1.5%
        ('500000', '0.01'),     # 超过50万元至500万元的部分，1%
        ('5000000', '0.005'),   # 超过500万元至1000万元的部分，0.5%
        ('10000000', '0.001'),  # 超过1000万元的部分，0.1%
    ),
    cap=None,
)

# 第十四条(一): "没有执行金额或者价额的，每件交纳50元至500元" -- the court picks
# the figure inside that range; we estimate with the minimum and let the user
# correct it from the court's notice.
ENFORCEMENT_FEE_WITHOUT_AMOUNT = Decimal('50')


def _to_amount(amount):
    """Return ``amount`` as a finite, non-negative Decimal.

    Floats go through ``str()`` so that 0.1 becomes Decimal('0.1') and not the
    binary approximation.
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, float, str, Decimal)):
        raise TypeError(
            "Amount must be an int, float, str or Decimal, got %r." % (amount,))
    try:
        value = Decimal(str(amount).strip()) if not isinstance(amount, Decimal) else amount
    except InvalidOperation:
        raise ValueError("Amount %r is not a number." % (amount,))
    if not value.is_finite():
        raise ValueError("Amount %r is not a finite number." % (amount,))
    if value < 0:
        raise ValueError(
            "Amount %s is negative; court fees are computed on the amount "
            "claimed, which cannot be below zero." % value)
    return value


def _quantize(value):
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _cumulative_fee(amount, schedule):
    """Unrounded fee for ``amount`` (a non-negative Decimal) under ``schedule``.

    Each band only charges the slice of the amount that lies inside it, so the
    fee is continuous at every band edge.
    """
    fee = schedule.base
    bands = schedule.bands
    for index, (threshold, rate) in enumerate(bands):
        if amount <= threshold:
            break
        upper = bands[index + 1][0] if index + 1 < len(bands) else None
        top = amount if upper is None else min(amount, upper)
        fee += (top - threshold) * rate
    if schedule.cap is not None:
        fee = min(fee, schedule.cap)
    return fee


def acceptance_fee(amount, procedure=PROCEDURE_ORDINARY,
                   ended_by_mediation_or_withdrawal=False):
    """Case acceptance fee (案件受理费) for a property case, in yuan.

    :param amount: the amount claimed (诉讼请求金额), yuan.
    :param procedure: ``'ordinary'`` (普通程序), ``'simple'`` (简易程序) or
        ``'small_claims'`` (小额诉讼, halved as a simple procedure).
    :param ended_by_mediation_or_withdrawal: the case ended by mediation
        (调解结案) or the plaintiff withdrew (撤诉).
    :returns: ``Decimal`` quantized to the fen.

    The full fee is rounded to the fen first (it is what the court's payment
    notice shows), then halved and rounded again when a reduction applies.
    """
    if procedure not in PROCEDURES:
        raise ValueError(
            "Unknown procedure %r; accepted values: %s."
            % (procedure, ", ".join(repr(p) for p in PROCEDURES)))
    if amount is None:
        # Non-property cases (第十三条(二)-(四)) have flat fees that depend on
        # the kind of case; this function only covers property cases.
        raise ValueError(
            "The acceptance fee of a property case needs the amount claimed.")
    fee = _quantize(_cumulative_fee(_to_amount(amount), ACCEPTANCE_SCHEDULE))
    # 第十六条: 适用简易程序审理的案件减半交纳案件受理费.
    # 第十五条: 以调解方式结案或者当事人申请撤诉的，减半交纳案件受理费.
    # When both apply the fee is halved once, not quartered: a simple-procedure
    # case has already been charged half, and courts do not halve it a second
    # time on mediation or withdrawal (verify against the court's practice).
    if procedure in HALVED_PROCEDURES or ended_by_mediation_or_withdrawal:
        fee = _quantize(fee / 2)
    return fee


def preservation_fee(amount=None):
    """Application fee for preservation measures (申请保全措施), in yuan.

    :param amount: value of the property to preserve; ``None`` or 0 when the
        application involves no amount (第十四条(二): 30 yuan).
    :returns: ``Decimal`` quantized to the fen, never above 5,000.
    """
    value = Decimal('0') if amount is None else _to_amount(amount)
    return _quantize(_cumulative_fee(value, PRESERVATION_SCHEDULE))


def enforcement_fee(amount=None):
    """Application fee for enforcement (申请执行费), in yuan.

    :param amount: amount or value to enforce (执行金额或者价额); ``None`` when
        there is none.  The law then lets the court set 50 to 500 yuan per case
        (第十四条(一)); this returns the minimum, 50, as an estimate.
    :returns: ``Decimal`` quantized to the fen.

    The fee is not advanced by the creditor: the court collects it from the
    debtor after enforcement (第二十条).
    """
    if amount is None:
        return _quantize(ENFORCEMENT_FEE_WITHOUT_AMOUNT)
    return _quantize(_cumulative_fee(_to_amount(amount), ENFORCEMENT_SCHEDULE))


def _property_fee(amount, what):
    if amount is None:
        raise ValueError("The %s needs the amount claimed." % what)
    return _quantize(_cumulative_fee(_to_amount(amount), ACCEPTANCE_SCHEDULE))


def payment_order_fee(amount):
    """Application fee for a payment order (申请支付令, 督促程序), in yuan.

    第十四条(三): 依法申请支付令的，比照财产案件受理费标准的1/3交纳 -- one third of
    the property-case acceptance fee (第十三条(一)) on the amount claimed; the
    full fee is rounded to the fen first, as on the court's notice.
    """
    return _quantize(_property_fee(amount, 'payment-order fee') / 3)


def appeal_fee(amount, ended_by_mediation_or_withdrawal=False):
    """Second-instance acceptance fee (第二审案件受理费), in yuan.

    第十七条: 对财产案件提起上诉的，按照不服一审判决部分的上诉请求数额交纳案件受理费
    -- the first-instance schedule (第十三条(一)) on the amount appealed, not on
    the whole claim.  Never halved for the simple procedure (the second
    instance is not tried under it); halved by 第十五条 on mediation or
    withdrawal of the appeal.
    """
    fee = _property_fee(amount, 'second-instance fee')
    if ended_by_mediation_or_withdrawal:
        fee = _quantize(fee / 2)
    return fee


def security_realisation_fee(amount):
    """Estimated fee for an application to realise a security interest
    (申请实现担保物权, 民诉法 2023 第207-208条), in yuan.

    《诉讼费用交纳办法》 (2007) predates this special procedure (added in
    2012) and lists no fee for it; its 第八条(一) exempts special-procedure
    cases from the acceptance fee.  Courts differ: some charge nothing, some a
    flat fee per case, many charge on the amount by the property-case schedule.
    We estimate the highest of these practices -- the property-case acceptance
    fee (第十三条(一)) on the secured claim -- so that the budget is never
    short; enter the amount of the court's payment notice when it comes.
    """
    return _property_fee(amount, 'fee for realising a security interest')
