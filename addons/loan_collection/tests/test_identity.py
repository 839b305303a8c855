# -*- coding: utf-8 -*-
import datetime
import unittest

from odoo.addons.loan_collection.services import identity

# Check characters below are worked out by hand.
# Resident ID weights (GB 11643-1999): 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
# check char = "10X98765432"[S mod 11].
#
# 110105 19850312 123 -> 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 8·6 + 5·3 + 0·7 + 3·9
#   + 1·10 + 2·5 + 1·8 + 2·4 + 3·2 = 7+9+0+5+0+20+2+9+48+15+0+27+10+10+8+8+6 = 184;
#   184 mod 11 = 8 -> "4"
BEIJING = '110105198503121234'
# 440305 19900101 123 -> 28+36+0+15+0+20+2+9+54+0+0+9+0+5+8+8+6 = 200; 200 mod 11 = 2 -> "X"
SHENZHEN_X = '44030519900101123X'
# 310104 20000229 057 (a leap day) -> 21+9+0+5+0+16+4+0+0+0+0+18+20+45+0+20+14 = 172;
#   172 mod 11 = 7 -> "5"
SHANGHAI_LEAP = '310104200002290575'
# 110105 19990231 123 -> 7+9+0+5+0+20+2+9+54+27+0+18+30+5+8+8+6 = 208; 208 mod 11 = 10 -> "2"
# (the checksum is right but 31 February does not exist)
FEB_31 = '110105199902311232'

# Credit code (GB 32100-2015): values 0-9 = digits, A=10 B=11 C=12 D=13 ... M=21 ... W=28 Y=30;
# weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = alphabet[(31 - S mod 31) mod 31].
#
# 91350100M000100Y4 -> 9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + 21·20 + 0 + 0 + 0 + 1·8 + 0 + 0
#   + 30·30 + 4·28 = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 -> "3"
PUBLIC_EXAMPLE = '91350100M000100Y43'
# 91440300MA5D12345 -> 9+3+36+108+0+78+0+0+420+290+125+169+8+48+30+120+140 = 1584;
#   1584 mod 31 = 3; 31-3 = 28 -> alphabet[28] = "W"
SHENZHEN_CODE = '91440300MA5D12345W'
# 91440300MA5D12346 -> 1584 - 5·28 + 6·28 = 1612 = 52·31; mod 31 = 0; (31-0) mod 31 = 0 -> "0"
ZERO_REMAINDER_CODE = '91440300MA5D123460'


class TestResidentId(unittest.TestCase):

    def test_valid_numbers(self):
        for number in (BEIJING, SHENZHEN_X, SHANGHAI_LEAP):
            self.assertIsNone(identity.resident_id_error(number), number)
            self.assertTrue(identity.is_valid_resident_id(number), number)

    def test_lowercase_x_and_spaces_accepted(self):
        self.assertIsNone(identity.resident_id_error('44030519900101123x'))
        self.assertIsNone(identity.resident_id_error(' 110105 19850312 1234 '))
        self.assertEqual(identity.normalize_identity(' 440305 19900101 123x '), SHENZHEN_X)

    def test_length(self):
        self.assertEqual(identity.resident_id_error(BEIJING[:17]), 'length')
        self.assertEqual(identity.resident_id_error(BEIJING + '0'), 'length')
        self.assertEqual(identity.resident_id_error(''), 'length')
        self.assertEqual(identity.resident_id_error(None), 'length')
        self.assertFalse(identity.is_valid_resident_id(BEIJING[:17]))

    def test_characters(self):
        # a letter among the first 17
        self.assertEqual(identity.resident_id_error('1101051985031212A4'), 'characters')
        # a check character that is neither a digit nor X
        self.assertEqual(identity.resident_id_error('11010519850312123Y'), 'characters')
        # full-width digits are digits to str.isdigit() but not in an ID number
        self.assertEqual(identity.resident_id_error('１10105198503121234'), 'characters')

    def test_birth_date(self):
        self.assertEqual(identity.resident_id_error(FEB_31), 'birth_date')
        # month 13
        self.assertEqual(identity.resident_id_error('110105198513011234'), 'birth_date')
        # before 1900
        self.assertEqual(identity.resident_id_error('110105189912311234'), 'birth_date')
        # in the future
        self.assertEqual(
            identity.resident_id_error(BEIJING, today=datetime.date(1985, 3, 11)), 'birth_date')
        self.assertIsNone(identity.resident_id_error(BEIJING, today=datetime.date(1985, 3, 12)))

    def test_checksum(self):
        self.assertEqual(identity.resident_id_error('110105198503121235'), 'checksum')
        # the right check character for SHENZHEN_X is X, not 0
        self.assertEqual(identity.resident_id_error('440305199001011230'), 'checksum')
        self.assertFalse(identity.is_valid_resident_id('110105198503121235'))

    def test_birth_date_from_resident_id(self):
        self.assertEqual(identity.birth_date_from_resident_id(BEIJING), datetime.date(1985, 3, 12))
        self.assertEqual(
            identity.birth_date_from_resident_id(SHANGHAI_LEAP), datetime.date(2000, 2, 29))
        # readable date but wrong checksum: no birth date
        self.assertIsNone(identity.birth_date_from_resident_id('110105198503121235'))
        self.assertIsNone(identity.birth_date_from_resident_id(FEB_31))


class TestCreditCode(unittest.TestCase):

    def test_valid_codes(self):
        for code in (PUBLIC_EXAMPLE, SHENZHEN_CODE, ZERO_REMAINDER_CODE):
            self.assertIsNone(identity.credit_code_error(code), code)
            self.assertTrue(identity.is_valid_credit_code(code), code)

    def test_lowercase_and_spaces_accepted(self):
        self.assertTrue(identity.is_valid_credit_code(' 91440300ma5d12345w '))

    def test_length(self):
        self.assertEqual(identity.credit_code_error(PUBLIC_EXAMPLE[:17]), 'length')
        self.assertEqual(identity.credit_code_error(''), 'length')

    def test_characters(self):
        # I, O, S, V, Z are not in the alphabet
        self.assertEqual(identity.credit_code_error('91440300MI5D12345W'), 'characters')
        self.assertEqual(identity.credit_code_error('91440300MO5D12345W'), 'characters')
        self.assertEqual(identity.credit_code_error('91440300MA5D12345Z'), 'characters')
        self.assertEqual(identity.credit_code_error('91440300MA5D1234-W'), 'characters')

    def test_checksum(self):
        self.assertEqual(identity.credit_code_error('91350100M000100Y44'), 'checksum')
        self.assertEqual(identity.credit_code_error('91440300MA5D12345Y'), 'checksum')
        self.assertFalse(identity.is_valid_credit_code('91350100M000100Y44'))
