# -*- coding: utf-8 -*-
"""allocate_recovery: the statutory order with penalty interest as its own share, and the orders a
contract may agree instead (民法典 第561条 "unless agreed otherwise")."""
import unittest
from decimal import Decimal as D

from odoo.addons.loan_collection.services.allocation import ORDERS, allocate_recovery

DUES = {'costs': 500, 'interest': 1000, 'penalty': 200, 'principal': 10000}


class TestAllocateRecovery(unittest.TestCase):

    def test_statutory_order_puts_penalty_after_interest(self):
        # 1600: costs 500, interest 1000, penalty 100 of 200, no principal
        result = allocate_recovery(1600, DUES)
        self.assertEqual(list(result.items()), [
            ('costs', D('500.00')), ('interest', D('1000.00')), ('penalty', D('100.00')),
            ('principal', D('0.00')), ('excess', D('0.00'))])

    def test_penalty_first(self):
        # 1600: costs 500, penalty 200, interest 900 of 1000
        result = allocate_recovery(1600, DUES, 'penalty_first')
        self.assertEqual((result['penalty'], result['interest'], result['principal']),
                         (D('200.00'), D('900.00'), D('0.00')))

    def test_principal_first_and_change(self):
        # 12000: costs 500, principal 10000, interest 1000, penalty 200, 300 left over
        result = allocate_recovery(12000, DUES, 'principal_first')
        self.assertEqual(list(result), ['costs', 'principal', 'interest', 'penalty', 'excess'])
        self.assertEqual(result['excess'], D('300.00'))

    def test_missing_dues_are_nothing_owed(self):
        self.assertEqual(allocate_recovery(50, {'interest': 20})['excess'], D('30.00'))

    def test_unknown_order_or_due_refused(self):
        with self.assertRaises(ValueError):
            allocate_recovery(1, DUES, 'interest_last')
        with self.assertRaises(ValueError):
            allocate_recovery(1, {'fees': 1})
        self.assertEqual(set(ORDERS), {'legal', 'penalty_first', 'principal_first'})
