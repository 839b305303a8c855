# -*- coding: utf-8 -*-
"""Court fees (《诉讼费用交纳办法》): expected values are worked out by hand."""
from decimal import Decimal

import pytest

from odoo.addons.loan_legal.services import court_fees


def D(value):
    return Decimal(value)


# 第十三条 acceptance fee, cumulative.  Running totals at the band edges:
#   10,000:       50
#   100,000:      50 + 90,000 x 2.5%           = 2,300
#   200,000:      2,300 + 100,000 x 2%         = 4,300
#   500,000:      4,300 + 300,000 x 1.5%       = 8,800
#   1,000,000:    8,800 + 500,000 x 1%         = 13,800
#   2,000,000:    13,800 + 1,000,000 x 0.9%    = 22,800
#   5,000,000:    22,800 + 3,000,000 x 0.8%    = 46,800
#   10,000,000:   46,800 + 5,000,000 x 0.7%    = 81,800
#   20,000,000:   81,800 + 10,000,000 x 0.6%   = 141,800
@pytest.mark.parametrize('amount, expected', [
    (0, '50.00'),
    (1, '50.00'),
    ('9999.99', '50.00'),
    (10000, '50.00'),
    ('10000.01', '50.00'),        # 50 + 0.01 x 2.5% = 50.00025
    (10020, '50.50'),             # 50 + 20 x 2.5%
    (50000, '1050.00'),           # 50 + 40,000 x 2.5%
    (100000, '2300.00'),
    (150000, '3300.00'),          # 2,300 + 50,000 x 2%
    (200000, '4300.00'),
    (350000, '6550.00'),          # 4,300 + 150,000 x 1.5%
    (500000, '8800.00'),
    (750000, '11300.00'),         # 8,800 + 250,000 x 1%
    (1000000, '13800.00'),
    (1500000, '18300.00'),        # 13,800 + 500,000 x 0.9%
    (2000000, '22800.00'),
    (3000000, '30800.00'),        # 22,800 + 1,000,000 x 0.8%
    (5000000, '46800.00'),
    (8000000, '67800.00'),        # 46,800 + 3,000,000 x 0.7%
    (10000000, '81800.00'),
    (15000000, '111800.00'),      # 81,800 + 5,000,000 x 0.6%
    (20000000, '141800.00'),
    (30000000, '191800.00'),      # 141,800 + 10,000,000 x 0.5%
])
def test_acceptance_fee_brackets(amount, expected):
    fee = court_fees.acceptance_fee(amount)
    assert isinstance(fee, Decimal)
    assert fee == D(expected)
    assert str(fee) == expected  # quantized to the fen


def test_acceptance_fee_rounds_to_the_fen_half_up():
    # 50 + 2,345.67 x 2.5% = 50 + 58.64175 = 108.64175 -> 108.64
    assert court_fees.acceptance_fee('12345.67') == D('108.64')
    # 50 + 0.20 x 2.5% = 50.005 -> 50.01 (half up, not half even)
    assert court_fees.acceptance_fee('10000.20') == D('50.01')


def test_acceptance_fee_accepts_int_float_str_decimal():
    # 100,000 -> 2,300 whatever the type
    for amount in (100000, 100000.0, '100000', D('100000.00')):
        assert court_fees.acceptance_fee(amount) == D('2300.00')
    # float goes through str(): 10,000.2 -> 50 + 0.2 x 2.5% = 50.005 -> 50.01
    assert court_fees.acceptance_fee(10000.2) == D('50.01')


def test_acceptance_fee_halved_for_simple_procedure():
    # 第十六条: 2,300 / 2
    assert court_fees.acceptance_fee(100000, procedure='simple') == D('1150.00')
    # 50.50 / 2 = 25.25
    assert court_fees.acceptance_fee(10020, procedure='simple') == D('25.25')
    # 108.64 / 2 = 54.32
    assert court_fees.acceptance_fee('12345.67', procedure='simple') == D('54.32')


def test_acceptance_fee_halved_on_mediation_or_withdrawal():
    # 第十五条: ordinary procedure, 1,000,000 -> 13,800 / 2
    assert court_fees.acceptance_fee(
        1000000, ended_by_mediation_or_withdrawal=True) == D('6900.00')


def test_acceptance_fee_halved_only_once_when_both_apply():
    # simple procedure ending by mediation: 2,300 / 2 = 1,150, not 2,300 / 4 = 575
    assert court_fees.acceptance_fee(
        100000, procedure='simple', ended_by_mediation_or_withdrawal=True) == D('1150.00')


def test_acceptance_fee_halving_rounds_the_stated_fee():
    # full fee 50.005 -> 50.01 (as the payment notice states it); half 25.005 -> 25.01
    assert court_fees.acceptance_fee('10000.20', procedure='simple') == D('25.01')


def test_acceptance_fee_unknown_procedure_refused():
    with pytest.raises(ValueError) as info:
        court_fees.acceptance_fee(100000, procedure='summary')
    assert 'ordinary' in str(info.value) and 'simple' in str(info.value)


@pytest.mark.parametrize('function', [
    court_fees.acceptance_fee, court_fees.preservation_fee, court_fees.enforcement_fee,
])
@pytest.mark.parametrize('amount', [-1, '-0.01', -100000.0, D('-5')])
def test_negative_amount_refused(function, amount):
    with pytest.raises(ValueError):
        function(amount)


@pytest.mark.parametrize('function', [
    court_fees.acceptance_fee, court_fees.preservation_fee, court_fees.enforcement_fee,
])
def test_non_numeric_amount_refused(function):
    with pytest.raises(ValueError):
        function('ten thousand')
    with pytest.raises(ValueError):
        function(float('nan'))
    with pytest.raises(TypeError):
        function(True)


def test_acceptance_fee_needs_an_amount():
    with pytest.raises(ValueError):
        court_fees.acceptance_fee(None)


# 第十四条(二) preservation fee: 30 up to 1,000; 1% from 1,000 to 100,000
# (100,000 -> 30 + 99,000 x 1% = 1,020); 0.5% above; never above 5,000.
@pytest.mark.parametrize('amount, expected', [
    (None, '30.00'),               # no amount
    (0, '30.00'),
    (500, '30.00'),
    (1000, '30.00'),
    ('1000.50', '30.01'),          # 30 + 0.50 x 1% = 30.005 -> 30.01
    (1100, '31.00'),               # 30 + 100 x 1%
    (50000, '520.00'),             # 30 + 49,000 x 1%
    (100000, '1020.00'),           # 30 + 99,000 x 1%
    (200000, '1520.00'),           # 1,020 + 100,000 x 0.5%
    (500000, '3020.00'),           # 1,020 + 400,000 x 0.5%
    (895000, '4995.00'),           # 1,020 + 795,000 x 0.5%
    (896000, '5000.00'),           # 1,020 + 796,000 x 0.5% = 5,000 exactly
    (1000000, '5000.00'),          # 1,020 + 900,000 x 0.5% = 5,520 -> capped
    (100000000, '5000.00'),        # capped
])
def test_preservation_fee(amount, expected):
    fee = court_fees.preservation_fee(amount)
    assert fee == D(expected)
    assert str(fee) == expected


# 第十四条(一) enforcement fee: 50 up to 10,000; 1.5% to 500,000
# (500,000 -> 50 + 490,000 x 1.5% = 7,400); 1% to 5,000,000 (+45,000 = 52,400);
# 0.5% to 10,000,000 (+25,000 = 77,400); 0.1% above.
@pytest.mark.parametrize('amount, expected', [
    (None, '50.00'),               # no amount: minimum of the 50-500 range
    (0, '50.00'),
    (10000, '50.00'),
    (10001, '50.02'),              # 50 + 1 x 1.5% = 50.015 -> 50.02
    (100000, '1400.00'),           # 50 + 90,000 x 1.5%
    (500000, '7400.00'),
    (1000000, '12400.00'),         # 7,400 + 500,000 x 1%
    (5000000, '52400.00'),
    (8000000, '67400.00'),         # 52,400 + 3,000,000 x 0.5%
    (10000000, '77400.00'),
    (20000000, '87400.00'),        # 77,400 + 10,000,000 x 0.1%
    (100000000, '167400.00'),      # 77,400 + 90,000,000 x 0.1%
])
def test_enforcement_fee(amount, expected):
    fee = court_fees.enforcement_fee(amount)
    assert fee == D(expected)
    assert str(fee) == expected


# --- Issue 12 (5, 10): small claims, payment order, second instance, security interest ---

def test_small_claims_acceptance_fee_halved_like_simple_procedure():
    # 小额诉讼 is in 民诉法 第十三章 简易程序: 第十六条 halves it; mediation does not halve it again.
    assert court_fees.acceptance_fee(20000, procedure='small_claims') == D('150.00')  # 300 / 2
    assert court_fees.acceptance_fee(100000, procedure='small_claims') == D('1150.00')
    assert court_fees.acceptance_fee(
        100000, procedure='small_claims', ended_by_mediation_or_withdrawal=True) == D('1150.00')


@pytest.mark.parametrize('amount, expected', [
    (10000, '16.67'),      # 50 / 3
    (100000, '766.67'),    # 2,300 / 3 = 766.666...
    (350000, '2183.33'),   # 6,550 / 3 = 2,183.333...
    (1000000, '4600.00'),  # 13,800 / 3
])
def test_payment_order_fee_is_a_third_of_the_acceptance_fee(amount, expected):
    # 第十四条(三): 比照财产案件受理费标准的1/3交纳.
    assert court_fees.payment_order_fee(amount) == D(expected)


def test_appeal_fee_on_the_amount_appealed():
    # 第十七条: the first-instance schedule on the part of the judgment appealed against.
    assert court_fees.appeal_fee(150000) == D('3300.00')
    # 第十五条: halved when the appeal ends by mediation or is withdrawn.
    assert court_fees.appeal_fee(150000, ended_by_mediation_or_withdrawal=True) == D('1650.00')


def test_security_realisation_fee_estimated_on_the_property_schedule():
    # No fee in the schedule (special procedure, 第八条); estimated at the property-case fee.
    assert court_fees.security_realisation_fee(1000000) == D('13800.00')


@pytest.mark.parametrize('fee', [court_fees.payment_order_fee, court_fees.appeal_fee,
                                 court_fees.security_realisation_fee])
def test_new_fees_need_an_amount(fee):
    with pytest.raises(ValueError):
        fee(None)
    with pytest.raises(ValueError):
        fee(-1)
