"""Building blocks of Chinese court filings and official letters in python-docx.

A4 paper, margins of GB/T 9704 (official documents: top 37 mm, left 28 mm), title centred and
bold in 宋体 二号 (22 pt), body in 仿宋 三号 (16 pt) with a fixed 28 pt line and a two-character
first-line indent, the East Asian font set explicitly so that Word and WPS both use it, page
numbers in the footer. Used to build the default templates (tools/build_templates.py) and any
document made from code.
"""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
BODY_SIZE = 16
TITLE_SIZE = 22


def set_font(run, name=BODY_FONT, size=BODY_SIZE, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word and WPS read Chinese text's font from w:eastAsia; without it they fall back to the default.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    return run


def new_document():
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(BODY_SIZE)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    add_page_number(section)
    return document


def add_page_number(section):
    """'- 1 -' centred in the footer, with Word's PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("- "), size=14)
    run = set_font(paragraph.add_run(), size=14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
    set_font(paragraph.add_run(" -"), size=14)


def title(document, text, subtitle=None):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    set_font(paragraph.add_run(text), TITLE_FONT, TITLE_SIZE, bold=True)
    if subtitle:
        sub = document.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(sub.add_run(subtitle), size=BODY_SIZE)
    return paragraph


def para(document, text="", indent=True, align=None, bold=False):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28)
    paragraph.paragraph_format.space_after = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        set_font(paragraph.add_run(text), bold=bold)
    return paragraph


def heading(document, text):
    """A section heading inside the body (黑体 in court forms)."""
    paragraph = para(document, indent=True)
    set_font(paragraph.add_run(text), "黑体", BODY_SIZE)
    return paragraph


def table(document, header, rows, widths=None):
    """A bordered table; `rows` are lists of cell texts (a template puts Jinja tags in them)."""
    result = document.add_table(rows=1, cols=len(header))
    result.style = "Table Grid"
    for cell, text in zip(result.rows[0].cells, header):
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(text), size=12, bold=True)
    for row in rows:
        cells = result.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = ""
            set_font(cell.paragraphs[0].add_run(text), size=12)
    if widths:
        for row in result.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Cm(width)
    return result


def signature(document, signer, date_text):
    para(document)
    para(document, signer, indent=False, align="right")
    para(document, date_text, indent=False, align="right")


def to_bytes(document):
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
