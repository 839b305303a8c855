"""Court deadlines read in the reader's language (issue 15, item 8): the description and the
kind a Chinese lawyer sees are Chinese, whatever language composed them."""
import re

from .common import LegalTestCase

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


class TestDeadlineTexts(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestDeadlineTexts, cls).setUpClass()
        cls.contract = cls.make_contract(disbursed="2022-03-10", maturity="2023-03-10", guarantor_role="guarantor")
        cls.case = cls.make_legal_case(cls.contract)

    def test_descriptions_and_kinds_in_chinese(self):
        deadlines = self.env["legal.deadline"].search([("case_id", "=", self.case.id)])
        self.assertTrue(deadlines)
        kinds = dict(self.env["legal.deadline"].with_context(lang="zh_CN").fields_get(["kind"])["kind"]["selection"])
        for deadline in deadlines:
            zh = deadline.with_context(lang="zh_CN")
            self.assertFalse(ENGLISH_WORD.search(zh.name), zh.name)
            self.assertNotEqual(zh.name, deadline.with_context(lang="en_US").name)
            self.assertFalse(ENGLISH_WORD.search(kinds[deadline.kind]), kinds[deadline.kind])
        limitation = self.deadline(self.case, "limitation").with_context(lang="zh_CN")
        self.assertIn("民法典", limitation.name)

    def test_demo_reminders_composed_in_chinese(self):
        """The demo's deadline reminders are composed once the addon's translations are loaded."""
        demo_cases = self.env["legal.case"].search([]).filtered(
            lambda c: (c.get_external_id().get(c.id) or "").endswith("_demo"))
        activities = self.env["mail.activity"].search([("res_model", "=", "legal.case"),
                                                      ("res_id", "in", demo_cases.ids)])
        self.assertTrue(activities)
        self.assertFalse([a.summary for a in activities if ENGLISH_WORD.search(a.summary or "")])
