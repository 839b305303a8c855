# -*- coding: utf-8 -*-
import unittest
from decimal import Decimal as D

from odoo.addons.loan_collection.services.allocation import (
    allocate, allocate_in_order, spread, to_fen)


class TestAllocate(unittest.TestCase):

    def test_payment_smaller_than_costs(self):
        # 300 against costs 500: all 300 to costs, nothing further
        result = allocate(300, costs=500, interest=1000, principal=10000)
        self.assertEqual(result, {'costs': D('300.00'), 'interest': D('0.00'),
                                  'principal': D('0.00'), 'excess': D('0.00')})

    def test_costs_and_part_of_the_interest(self):
        # 1200 - costs 500 = 700 left; interest 1000 takes 700; principal 0
        result = allocate('1200', costs='500', interest='1000', principal='10000')
        self.assertEqual(result, {'costs': D('500.00'), 'interest': D('700.00'),
                                  'principal': D('0.00'), 'excess': D('0.00')})

    def test_costs_interest_and_part_of_the_principal(self):
        # 5000 - 500 - 1000 = 3500 to principal (of 10000)
        result = allocate(5000, 500, 1000, 10000)
        self.assertEqual(result['principal'], D('3500.00'))
        self.assertEqual(result['excess'], D('0.00'))

    def test_everything_covered_with_change(self):
        # 12000 - 500 - 1000 - 10000 = 500 excess
        result = allocate(12000, 500, 1000, 10000)
        self.assertEqual(result, {'costs': D('500.00'), 'interest': D('1000.00'),
                                  'principal': D('10000.00'), 'excess': D('500.00')})
        self.assertEqual(list(result), ['costs', 'interest', 'principal', 'excess'])

    def test_zero_payment(self):
        result = allocate(0, 500, 1000, 10000)
        self.assertEqual(set(result.values()), {D('0.00')})

    def test_nothing_owed(self):
        # a payment when nothing is due is all excess
        self.assertEqual(allocate(100, 0, 0, 0)['excess'], D('100.00'))

    def test_rounding(self):
        # payment 100.005 → 100.01 (half up); costs 33.333 → 33.33; interest 33.335 → 33.34;
        # principal 50 → 100.01 - 33.33 - 33.34 = 33.34 to principal
        result = allocate('100.005', '33.333', '33.335', 50)
        self.assertEqual(result, {'costs': D('33.33'), 'interest': D('33.34'),
                                  'principal': D('33.34'), 'excess': D('0.00')})
        # floats: 0.3 → 0.30, 0.1 → 0.10, 0.2 → 0.20; 0.30 - 0.10 - 0.20 = 0.00 excess, exactly
        result = allocate(0.3, 0.1, 0.2, 0)
        self.assertEqual((result['costs'], result['interest'], result['excess']),
                         (D('0.10'), D('0.20'), D('0.00')))
        # Odoo empty fields (False) count as nothing due
        self.assertEqual(allocate(10, False, None, False)['excess'], D('10.00'))

    def test_negative_refused(self):
        for args in ((-1, 0, 0, 0), (1, -1, 0, 0), (1, 0, '-0.01', 0), (1, 0, 0, -5)):
            with self.subTest(args=args), self.assertRaises(ValueError):
                allocate(*args)


class TestAllocateInOrder(unittest.TestCase):

    def test_contract_order(self):
        # a contract putting principal before interest: 800 → principal 600, interest 200 of 300
        result = allocate_in_order(800, [('costs', 0), ('principal', 600), ('interest', 300)])
        self.assertEqual(list(result.items()), [
            ('costs', D('0.00')), ('principal', D('600.00')), ('interest', D('200.00')),
            ('excess', D('0.00'))])

    def test_bad_keys(self):
        with self.assertRaises(ValueError):
            allocate_in_order(10, [('a', 1), ('a', 2)])
        with self.assertRaises(ValueError):
            allocate_in_order(10, [('excess', 1)])


class TestSpread(unittest.TestCase):

    def test_three_installments_oldest_first(self):
        # 2500 over dues 1000, 1000, 1000: oldest two paid, the third gets 2500-2000 = 500
        self.assertEqual(spread(2500, [1000, 1000, 1000]),
                         [D('1000.00'), D('1000.00'), D('500.00')])

    def test_partly_paid_installments(self):
        # dues 0.01, 333.33, 333.34 and 500.00 to land: 0.01, 333.33, 500-333.34 = 166.66
        self.assertEqual(spread('500', ['0.01', '333.33', '333.34']),
                         [D('0.01'), D('333.33'), D('166.66')])

    def test_zero_and_exact(self):
        self.assertEqual(spread(0, [D('10'), D('20')]), [D('0.00'), D('0.00')])
        self.assertEqual(spread(30, [D('10'), D('20')]), [D('10.00'), D('20.00')])
        self.assertEqual(spread(0, []), [])

    def test_more_than_due_refused(self):
        # 30.01 > 10 + 20
        with self.assertRaises(ValueError):
            spread('30.01', [10, 20])


class TestToFen(unittest.TestCase):

    def test_to_fen(self):
        self.assertEqual(to_fen(2.675), D('2.68'))
        self.assertEqual(to_fen('1.005'), D('1.01'))
        self.assertEqual(to_fen(7), D('7.00'))
        for bad in ('abc', 'NaN', float('inf'), True, object()):
            with self.subTest(value=bad), self.assertRaises(ValueError):
                to_fen(bad)
