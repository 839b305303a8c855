"""Addresses as Chinese documents write them: from the province down, no place said twice."""
import unittest

from odoo.addons.loan_collection.services.address import cn_address


class TestAddress(unittest.TestCase):

    def test_city_repeated_in_the_street_is_said_once(self):
        self.assertEqual(cn_address("浙江省", "杭州市", "杭州市西湖区天目山路181号", None),
                         "浙江省杭州市西湖区天目山路181号")

    def test_street_with_the_whole_address(self):
        self.assertEqual(cn_address("浙江省", "杭州市", "浙江省杭州市上城区解放路1号"), "浙江省杭州市上城区解放路1号")

    def test_parts_joined_without_spaces(self):
        self.assertEqual(cn_address("浙江省", "宁波市", "鄞州区中山东路8号", "3幢201室"),
                         "浙江省宁波市鄞州区中山东路8号3幢201室")

    def test_empty_parts_left_out(self):
        self.assertEqual(cn_address(False, None, " ", "西湖区文三路90号"), "西湖区文三路90号")
        self.assertEqual(cn_address(), "")
