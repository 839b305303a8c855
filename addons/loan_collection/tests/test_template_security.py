"""Issue 11, finding 1: a document template is code run on the server. Uploading one that reaches
for Python internals, an unknown attribute or a zip bomb is refused; one stored anyway cannot run
a command when a collector generates a notice (Jinja2 sandbox); the default templates pass the
check against their document type's schema, and each schema matches what its data builder makes."""
import base64
import io
import os
import tempfile
import time
import zipfile
from unittest import mock

from docx import Document

from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_path

from odoo.addons.loan_collection.services import docx_render

from .common import LoanCase


def docx(*paragraphs):
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def zip_bomb(paragraphs=1000000):
    """A small .docx (about 47 KB) whose body holds a million empty paragraphs."""
    source = zipfile.ZipFile(io.BytesIO(docx("{{ debtor.name }}")))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs, 1)
            archive.writestr(member.filename, data)
    return stream.getvalue()


class TestTemplateSecurity(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestTemplateSecurity, cls).setUpClass()
        cls.env.user.company_id.write({"name": "测试小额贷款有限公司", "street": "杭州市西湖区测试路1号",
                                        "city": "杭州市", "phone": "0571-12345678"})
        cls.contract = cls.make_contract(guarantor_role="guarantor")
        cls.run_on("2026-02-23")
        cls.case = cls.contract.case_ids
        cls.Template = cls.env["loan.document.template"].sudo(cls.manager)
        cls.marker = os.path.join(tempfile.gettempdir(), "loan_template_marker_%s" % os.getpid())

    def setUp(self):
        super(TestTemplateSecurity, self).setUp()
        if os.path.exists(self.marker):
            os.remove(self.marker)

    def exploit(self):
        return "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}" % self.marker

    def upload(self, content, doc_type="overdue_notice"):
        # Like an RPC call, a refused upload rolls back (to a savepoint here).
        with self.env.cr.savepoint():
            return self.Template.create({"name": "公司模板", "doc_type": doc_type, "datas": base64.b64encode(content)})

    def count(self):
        return self.env["loan.document.template"].search_count([])

    def test_code_execution_refused_at_upload(self):
        before = self.count()
        with self.assertRaisesRegex(ValidationError, "may not use: .*__globals__"):
            self.upload(docx("{{ addressee.name }}：", self.exploit()))
        self.assertEqual(self.count(), before)
        self.assertFalse(os.path.exists(self.marker))

    def test_dunder_attribute_of_a_known_name_refused(self):
        with self.assertRaisesRegex(ValidationError, "may not use: __class__"):
            self.upload(docx("{{ debtor.name.__class__ }}"))
        with self.assertRaisesRegex(ValidationError, "may not use"):
            self.upload(docx("{{ debtor.name|attr('__class__') }}"))

    def test_exploit_in_the_document_properties_refused(self):
        # docxtpl renders the core properties (title, comments ...) as templates too.
        document = Document(io.BytesIO(docx("{{ debtor.name }}")))
        document.core_properties.comments = self.exploit()
        stream = io.BytesIO()
        document.save(stream)
        with self.assertRaisesRegex(ValidationError, "may not use"):
            self.upload(stream.getvalue())

    def test_calls_assignments_and_arithmetic_refused(self):
        for text in ("{{ debtor.name.upper() }}", "{% set x = debtor %}{{ x.name }}", "{{ 'a' * 1000000000 }}",
                     "{% macro m() %}{% endmacro %}", "{{ debtor[company.name] }}"):
            with self.assertRaisesRegex(ValidationError, "may not use", msg=text):
                self.upload(docx(text))

    def test_unknown_attribute_refused_by_path(self):
        with self.assertRaisesRegex(ValidationError, r"does not provide: debtor\.secret\. Use only: .*debtor\.name"):
            self.upload(docx("{{ debtor.secret }}"))
        # The items of a for are checked against the list's items.
        with self.assertRaisesRegex(ValidationError, r"does not provide: line\.secret"):
            self.upload(docx("{% for line in amounts %}{{ line.label }}{{ line.secret }}{% endfor %}"))
        with self.assertRaisesRegex(ValidationError, r"does not provide: debtor\[\]"):
            self.upload(docx("{% for x in debtor %}{{ x }}{% endfor %}"))
        # Guarantee data belongs to the guarantor's demand only.
        with self.assertRaisesRegex(ValidationError, "does not provide: guarantee"):
            self.upload(docx("{{ guarantee.kind }}"))

    def test_known_paths_accepted(self):
        template = self.upload(docx("{{ debtor.name }}：{{ contract.principal.figures }}",
                                    "{% for line in amounts %}{{ loop.index }}{{ line.label }}{{ line.upper }}"
                                    "{% endfor %}{% if guaranteed is defined %}担保{% endif %}{{ amounts|length }}"))
        self.assertIn("amounts[].label", template.placeholders)
        self.assertIn("contract.principal.figures", template.placeholders)

    def test_zip_bomb_refused_quickly(self):
        bomb = zip_bomb()
        self.assertLess(len(bomb), 100 * 1024)
        start = time.monotonic()
        with self.assertRaisesRegex(ValidationError, "too large .*paragraphs"):
            self.upload(bomb)
        self.assertLess(time.monotonic() - start, 1.0)

    def test_oversized_file_refused(self):
        with self.assertRaisesRegex(docx_render.TemplateError, "too_large"):
            docx_render.check_size(b"PK" + b"\0" * docx_render.MAX_FILE_BYTES)
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/media/blank.bin", b"\0" * (docx_render.MAX_UNCOMPRESSED_BYTES + 1))
        with self.assertRaisesRegex(ValidationError, "too large .*uncompressed"):
            self.upload(stream.getvalue())

    def store_anyway(self, content):
        """A template whose file is replaced behind the upload check (as if stored before it)."""
        template = self.upload(docx("{{ addressee.name }}：{{ date }}"))
        attachment = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", template._name), ("res_id", "=", template.id), ("res_field", "=", "datas")])
        self.assertEqual(len(attachment), 1)
        attachment.write({"datas": base64.b64encode(content)})
        template.invalidate_cache()
        self.assertEqual(base64.b64decode(template.datas), content)
        return template

    def test_stored_exploit_cannot_run_at_render(self):
        self.store_anyway(docx("{{ addressee.name }}：", self.exploit()))
        with self.assertRaisesRegex(UserError, "may not use"):
            self.case.sudo(self.office).action_generate_notice()
        self.assertFalse(os.path.exists(self.marker))
        self.assertFalse(self.case.document_ids)
        # Even with the path check out of the way, the sandbox refuses it.
        with mock.patch.object(docx_render, "check_template"):
            with self.assertRaisesRegex(UserError, "may not use.*unsafe"):
                self.case.sudo(self.office).action_generate_notice()
        self.assertFalse(os.path.exists(self.marker))
        self.assertFalse(self.case.document_ids)

    def test_sandbox_refuses_internals(self):
        for text in (self.exploit(), "{{ ''.__class__.__mro__[1].__subclasses__() }}",
                     "{{ debtor.name.__class__ }}"):
            with self.assertRaisesRegex(docx_render.TemplateError, "forbidden", msg=text):
                docx_render.render(docx(text), {"debtor": {"name": "x"}})
        self.assertFalse(os.path.exists(self.marker))

    def test_default_templates_pass_their_schema(self):
        Template = self.env["loan.document.template"]
        types = Template._document_types()
        self.assertEqual(set(types), set(dict(Template._fields["doc_type"].selection)),
                         "every document type declares its schema")
        for doc_type, (addon, schema) in types.items():
            path = os.path.join(get_module_path(addon), "data", "templates", doc_type + ".docx")
            with open(path, "rb") as template:
                docx_render.check_template(template.read(), schema)

    def assertFits(self, schema, data):
        self.assertEqual(docx_render.schema_mismatches(schema, data), [])
        self.assertEqual(set(data), set(schema), "the schema declares what the builder makes")

    def test_notice_schemas_match_the_data_builders(self):
        schemas = self.env["loan.document.template"]._document_types()
        self.case.action_generate_notice()
        self.case.action_generate_guarantor_demands()
        notices = self.case.notice_ids
        self.assertEqual(set(notices.mapped("kind")), {"overdue_notice", "guarantor_demand"})
        for notice in notices:
            self.assertFits(schemas[notice.kind][1], notice._document_data())
        self.assertTrue(docx_render.schema_mismatches(schemas["overdue_notice"][1], {"debtor": {"secret": "x"}}))
