"""Issue 13, editing: the letters are built of Word styles a lawyer can restyle (no direct
formatting in the body), and a demand letter fits on one A4 page as LibreOffice lays it out."""
import base64
import io
import os

from docx import Document
from docx.oxml.ns import qn

from odoo.modules.module import get_module_path

from odoo.addons.loan_collection.services import docx_layout, docx_render

from .common import LoanCase, assert_rendered_as_docxtpl, pdf_page_counts

BODY_STYLES = {"Title", "Subtitle", "Heading 1", "Body Text", docx_layout.FLUSH_STYLE, docx_layout.CLOSING_STYLE,
               docx_layout.LIST_STYLE, docx_layout.TABLE_TEXT_STYLE}


def template(addon, doc_type):
    with open(os.path.join(get_module_path(addon), "data", "templates", doc_type + ".docx"), "rb") as stream:
        return Document(io.BytesIO(stream.read()))


def assert_styled(test, document, name):
    """Every paragraph (tables included) has one of the layout's named styles, and no run in the
    body carries its own font or size, so changing a style restyles the whole document."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        test.assertIn(paragraph.style.name, BODY_STYLES, "%s: %r" % (name, paragraph.text[:30]))
        for run in paragraph.runs:
            test.assertIsNone(run.font.size, "%s: %r has its own size" % (name, run.text[:30]))
            test.assertIsNone(run.font.name, "%s: %r has its own font" % (name, run.text[:30]))
    fonts = document.styles["Heading 1"].element.rPr.rFonts
    test.assertEqual(fonts.get(qn("w:eastAsia")), "黑体")
    test.assertIsNone(fonts.get(qn("w:eastAsiaTheme")), "a theme font would override 黑体")


class TestDocumentLayout(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestDocumentLayout, cls).setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "浙江省测试融资担保与小额贷款股份有限公司", "street": "杭州市西湖区文三路新世纪大厦东楼1201室",
                       "city": "杭州市", "phone": "0571-12345678", "state_id": cls.env.ref("l10n_cn.state_ZJ").id})
        cls.contract = cls.make_contract(guarantor_role="guarantor")  # a guarantor answers to the lender
        cls.run_on("2026-06-20")  # five installments overdue
        cls.case = cls.contract.case_ids
        cls.case.write({"fees_amount": 8000.0})
        cls.run_on("2026-06-20")

    def test_letter_templates_use_word_styles(self):
        for doc_type in ("overdue_notice", "guarantor_demand"):
            document = template("loan_collection", doc_type)
            assert_styled(self, document, doc_type)
            self.assertEqual(document.styles["Body Text"].font.size.pt, docx_layout.LETTER["body"])
            self.assertAlmostEqual(document.sections[0].page_width.cm, 21.0, places=2)

    def test_demand_letters_fit_on_one_page(self):
        # A case with every line (principal, interest, penalty, fees) and a long company name and address:
        # today's letters spilled onto a second page, the seal and date alone there.
        self.case.action_generate_notice()
        self.case.action_generate_guarantor_demands()
        documents = {"%s_%s" % (d.doc_type, d.id): base64.b64decode(d.attachment_id.datas)
                     for d in self.case.document_ids}
        self.assertEqual(len(documents), 2)
        self.assertEqual(pdf_page_counts(documents), {name: 1 for name in documents})

    def test_lists_are_word_numbering_restarting_at_one(self):
        document = docx_layout.new_document()
        for text in ("甲", "乙"):
            docx_layout.numbered(document, text)
        docx_layout.para(document, "乙项的说明")
        docx_layout.numbered(document, "丙", restart=False)
        ids = [p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == docx_layout.LIST_STYLE]
        self.assertEqual(ids[1], ids[2])      # one list continues
        self.assertNotEqual(ids[0], ids[1])   # a new list restarts
        numbering = document.part.numbering_part.element
        num = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(ids[1])][0]
        self.assertEqual(num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")), "1")

    def test_tables_have_fixed_column_widths(self):
        document = docx_layout.new_document()
        table = docx_layout.table(document, ["序号", "内容"], [["1", "x"]], widths=[2, 13.6])
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        self.assertEqual(grid, [1134, 7710])  # 2 cm and 13.6 cm in twips
        self.assertEqual(table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")), "fixed")

    def test_prepared_rendering_equals_docxtpl(self):
        # Issue 13, speed: a bulk run fills a template parsed once; the letters come out as docxtpl
        # makes them, byte for byte.
        self.case.action_generate_notice()
        notice = self.case.notice_ids[:1]
        content, _template = self.env["loan.document.template"]._template_bytes("overdue_notice", self.case.company_id)
        data = notice._document_data()
        document = assert_rendered_as_docxtpl(self, content, data, "overdue_notice")
        self.assertIn(data["total"]["upper"], docx_render.document_text(document))

    def test_prepared_rendering_of_headers_loops_and_properties(self):
        # A company's own template: a placeholder in the header and the footer, a table row per
        # amount line, and one in the document's title (docxtpl fills properties too: such a
        # template is filled by docxtpl itself).
        document = docx_layout.new_document()
        section = document.sections[0]
        section.header.paragraphs[0].text = "{{ number }}"
        section.footer.paragraphs[0].text = "{{ company.name }}"
        docx_layout.para(document, "{{ debtor.name }}")
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "{%tr for line in amounts %}"
        table.cell(1, 0).text = "{{ line.label }}"
        table.cell(1, 1).text = "{{ line.figures }}"
        table.cell(2, 0).text = "{%tr endfor %}"
        data = {"number": "CS-1", "company": {"name": "测试公司"}, "debtor": {"name": "王建国"},
                "amounts": [{"label": "逾期本金", "figures": "¥1.00"}, {"label": "罚息", "figures": "¥2.00"}]}
        for title in ("", "{{ number }}"):
            document.core_properties.title = title
            stream = io.BytesIO()
            document.save(stream)
            filled = assert_rendered_as_docxtpl(self, stream.getvalue(), data, title or "no title")
            text = docx_render.document_text(filled)
            for value in ("CS-1", "测试公司", "王建国", "逾期本金", "¥2.00"):
                self.assertIn(value, text)
            self.assertEqual(Document(io.BytesIO(filled)).core_properties.title, "CS-1" if title else "")
        with self.assertRaises(docx_render.TemplateError) as refused:
            docx_render.render(stream.getvalue(), dict(data, debtor={"name": None}))
        self.assertEqual(refused.exception.code, "unfilled")
