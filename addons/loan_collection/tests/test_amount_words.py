# -*- coding: utf-8 -*-
import unittest
from decimal import Decimal

from odoo.addons.loan_collection.services.amount_words import rmb_figures, rmb_upper

# Expected texts written by hand. "Sections" are groups of four digits from the right
# (亿 | 万 | 元); "第X条" refers to 《正确填写票据和结算凭证的基本规定》.
CASES = [
    # 0 → nothing but zero yuan
    (0, '零元整'),
    # 10 = 1×拾; 拾 always carries its digit
    (10, '壹拾元整'),
    # 15 = 1×拾 5
    (15, '壹拾伍元整'),
    # 150000 = 15万 | 0000 → 壹拾伍万, empty 元 section, 整 after 元 (第二条)
    (150000, '壹拾伍万元整'),
    # 110000 = 11万 → 壹拾壹万
    (110000, '壹拾壹万元整'),
    # 1005 = 1仟 0佰 0拾 5 → the two middle zeros are one 零 (第四条(二))
    (1005, '壹仟零伍元整'),
    # 1409.50: zero between 肆佰 and 玖 (第四条(一)); stops at 角 → 整 (our choice)
    ('1409.50', '壹仟肆佰零玖元伍角整'),
    # 6007.14: two zeros in a row → one 零 (第四条(二)); 分 present → no 整
    (Decimal('6007.14'), '陆仟零柒元壹角肆分'),
    # 1680.32: 元 digit 0, 角 digit 3 → 零 optional (第四条(三)), we leave it out
    ('1680.32', '壹仟陆佰捌拾元叁角贰分'),
    # 107000.53 = 10万 | 7000 .53: 万 digit 0 before 仟 7 and 元 digit 0 before 角 5 → no 零 at
    # either place (第四条(三))
    ('107000.53', '壹拾万柒仟元伍角叁分'),
    # 16409.02: 角 0, 分 2 → 零 after 元 (第四条(四))
    ('16409.02', '壹万陆仟肆佰零玖元零贰分'),
    # 325.04: same rule
    ('325.04', '叁佰贰拾伍元零肆分'),
    # 1010.01 = 1仟 0佰 1拾 0 | .0 1 → 壹仟零壹拾; 角 0 分 1 → 元零壹分
    ('1010.01', '壹仟零壹拾元零壹分'),
    # 100000.5 = 10万 | 0000 | .5 → 壹拾万元伍角, then 整 after 角 (our choice)
    ('100000.5', '壹拾万元伍角整'),
    # 1000.10 = 1仟 | .1 0 → 壹仟元壹角整
    ('1000.10', '壹仟元壹角整'),
    # 0.05: no yuan → no 元, just 伍分
    ('0.05', '伍分'),
    # 0.5: no yuan → 伍角, 整
    (0.5, '伍角整'),
    # 0.15 → 壹角伍分
    ('0.15', '壹角伍分'),
    # 108000 = 10万 | 8000: 万 digit 0, next 仟 8 → no 零 (第四条(三))
    (108000, '壹拾万捌仟元整'),
    # 100800 = 10万 | 0800: 仟 of the 元 section is 0 → the zeros 万-digit..仟 are one 零
    (100800, '壹拾万零捌佰元整'),
    # 1000500 = 100万 | 0500 → 壹佰万零伍佰
    (1000500, '壹佰万零伍佰元整'),
    # 20001000 = 2000万 | 1000 (not 2001万, which is 20010000) → 贰仟万壹仟
    (20001000, '贰仟万壹仟元整'),
    # 20010000 = 2001万 | 0000 → 贰仟零壹万
    (20010000, '贰仟零壹万元整'),
    # 100000000 = 1亿 | 0000 | 0000
    (100000000, '壹亿元整'),
    # 100000001 = 1亿 | 0000 | 0001 → a whole zero section and three more zeros: one 零
    (100000001, '壹亿零壹元整'),
    # 100010000 = 1亿 | 0001 | 0000 → 壹亿零壹万
    (100010000, '壹亿零壹万元整'),
    # 100100000 = 1亿 | 0010 | 0000 → 壹亿零壹拾万 (拾 keeps its 壹 inside a number too)
    (100100000, '壹亿零壹拾万元整'),
    # 1010101010 = 10亿 | 1010万 | 1010
    (1010101010, '壹拾亿壹仟零壹拾万壹仟零壹拾元整'),
    # 10000000000 = 100亿
    (10000000000, '壹佰亿元整'),
    # the largest amount: 9999亿 | 9999万 | 9999 .99
    ('999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'),
]


class TestRmbUpper(unittest.TestCase):

    def test_cases(self):
        for amount, expected in CASES:
            with self.subTest(amount=amount):
                self.assertEqual(rmb_upper(amount), expected)

    def test_rounding_to_the_fen_half_up(self):
        # 2.675 → 2.68 (a float: str(2.675) is '2.675', half up gives 8 fen)
        self.assertEqual(rmb_upper(2.675), '贰元陆角捌分')
        # 0.004 → 0.00
        self.assertEqual(rmb_upper('0.004'), '零元整')
        # 0.005 → 0.01
        self.assertEqual(rmb_upper('0.005'), '壹分')
        # 9.995 → 10.00
        self.assertEqual(rmb_upper('9.995'), '壹拾元整')
        # -0.004 → 0.00, not negative once rounded
        self.assertEqual(rmb_upper('-0.004'), '零元整')

    def test_refused(self):
        for amount in (-1, '-0.01', Decimal('-100'), '1000000000000', '999999999999.995',
                       'abc', 'NaN', float('inf'), ''):
            with self.subTest(amount=amount), self.assertRaises(ValueError):
                rmb_upper(amount)

    def test_missing_amount_refused(self):
        # Issue 12 (10): a missing amount must not print 零元整 on a legal document.
        for amount in (None, False):
            with self.subTest(amount=amount), self.assertRaises(ValueError) as raised:
                rmb_upper(amount)
            self.assertIn('No amount', str(raised.exception))
            with self.assertRaises(ValueError):
                rmb_figures(amount)
        self.assertEqual(rmb_upper(0), '零元整')  # zero entered is still zero


class TestRmbFigures(unittest.TestCase):

    def test_figures(self):
        self.assertEqual(rmb_figures(150000), '¥150,000.00')
        self.assertEqual(rmb_figures(0), '¥0.00')
        # a negative zero prints without its sign
        self.assertEqual(rmb_figures('-0'), '¥0.00')
        self.assertEqual(rmb_figures('0.05'), '¥0.05')
        self.assertEqual(rmb_figures(1234567.891), '¥1,234,567.89')
        # 2.675 → 2.68, as in rmb_upper
        self.assertEqual(rmb_figures(2.675), '¥2.68')
        self.assertEqual(rmb_figures('999999999999.99'), '¥999,999,999,999.99')

    def test_refused(self):
        with self.assertRaises(ValueError):
            rmb_figures(-5)
        with self.assertRaises(ValueError):
            rmb_figures(10 ** 12)
