"""Issue 13, template authoring: the template form lists every placeholder of a document type with
its meaning, in the user's language, and links to the default template, which any internal user
can download and nobody outside can."""
import os

from odoo.exceptions import AccessError
from odoo.http import _request_stack
from odoo.modules.module import get_module_path

from odoo.addons.loan_collection.controllers.main import DocumentTemplates

from .common import LoanCase


class FakeRequest(object):
    """What the controller uses of odoo.http.request, for a call without an HTTP server."""

    def __init__(self, env):
        self.env = env

    def make_response(self, data, headers=None):
        return {"data": data, "headers": dict(headers or [])}

    def not_found(self):
        return "404"


class TestTemplateGuide(LoanCase):

    def download(self, user, doc_type):
        _request_stack.push(FakeRequest(self.env(user=user.id)))
        try:
            # The route's own function, as Odoo's dispatcher calls it.
            return DocumentTemplates.default_template.original_func(DocumentTemplates(), doc_type)
        finally:
            _request_stack.pop()

    def test_every_placeholder_has_a_meaning(self):
        Template = self.env["loan.document.template"]
        for doc_type in Template._document_types():
            rows = Template._placeholder_rows(doc_type)
            self.assertTrue(rows, doc_type)
            self.assertEqual([path for path, meaning in rows if not meaning], [], doc_type)

    def test_guide_in_the_users_language(self):
        guide = self.env["loan.document.template"].with_context(lang="zh_CN")._placeholder_guide("overdue_notice")
        self.assertIn('href="/loan_collection/default_template/overdue_notice"', guide)
        self.assertIn("下载默认模板", guide)
        self.assertIn("<code>{{ total.figures }}</code></td><td>欠款合计：各项之和，小写金额（¥1,234.50）", guide)
        self.assertIn("<code>{{ repayment.account_number }}</code>", guide)
        form = self.env["loan.document.template"].new({"doc_type": "guarantor_demand"})
        self.assertIn("{{ guarantee.article }}", form.placeholders)

    def test_default_template_download(self):
        response = self.download(self.office, "overdue_notice")
        path = os.path.join(get_module_path("loan_collection"), "data", "templates", "overdue_notice.docx")
        with open(path, "rb") as shipped:
            self.assertEqual(response["data"], shipped.read())
        self.assertIn("attachment; filename*=UTF-8''", response["headers"]["Content-Disposition"])
        self.assertEqual(self.download(self.office, "no_such_type"), "404")
        portal = self.make_user("t_portal", "base.group_portal")
        with self.assertRaises(AccessError):
            self.download(portal, "overdue_notice")
