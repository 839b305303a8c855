"""Every term of the addon is translated into Simplified Chinese: the users work in Chinese.

The terms are those Odoo itself would export (odoo.tools.translate.trans_generate), so a new
field label, view text or _() message without a translation in i18n/zh_CN.po fails here.
"""
import os
import re

import polib

from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_generate

PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdfr]")


def check_translations(case, module):
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "..", module, "i18n", "zh_CN.po")
    translations = {entry.msgid: entry.msgstr for entry in polib.pofile(path)}
    terms = {row[4] for row in trans_generate("zh_CN", [module], case.cr) if row[0] == module}
    missing = sorted(term for term in terms if not translations.get(term))
    case.assertFalse(missing, "%d terms of %s have no Chinese translation in i18n/zh_CN.po (run "
                              "tools/i18n.sh and translate them), e.g.: %s" % (len(missing), module, missing[:10]))
    broken = sorted(msgid for msgid, msgstr in translations.items() if msgstr and sorted(
        m.group(0) for m in PLACEHOLDER.finditer(msgid)) != sorted(m.group(0) for m in PLACEHOLDER.finditer(msgstr)))
    case.assertFalse(broken, "translations whose placeholders differ from the source: %s" % broken[:10])


class TestTranslations(TransactionCase):

    # Odoo's runner: after both addons are loaded (loan_legal extends the collection models).
    at_install = False
    post_install = True

    def test_every_term_translated(self):
        check_translations(self, "loan_collection")

    def test_ui_shows_chinese(self):
        menu = self.env.ref("loan_collection.menu_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "催收与诉讼")
