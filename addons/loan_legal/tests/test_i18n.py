"""Every term of loan_legal is translated into Simplified Chinese."""
from odoo.tests.common import TransactionCase

from odoo.addons.loan_collection.tests.test_i18n import check_translations


class TestTranslations(TransactionCase):

    # Odoo's runner: after both addons are loaded (loan_legal extends the collection models).
    at_install = False
    post_install = True

    def test_every_term_translated(self):
        check_translations(self, "loan_legal")

    def test_ui_shows_chinese(self):
        menu = self.env.ref("loan_legal.menu_legal").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "诉讼")
