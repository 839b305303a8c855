"""Building blocks of Chinese court filings and official letters in python-docx.

Every paragraph gets a named Word style, not direct formatting, so that a lawyer restyles a whole
document in Word or WPS by changing a style, and renumbers a list with Word's own numbering:

- ``Title`` (标题): 宋体, bold, centred; ``Subtitle`` (副标题) under it;
- ``Heading 1`` (标题 1): a section heading in 黑体, kept with what follows;
- ``Body Text`` (正文文本): 仿宋 with a fixed line and a two-character first-line indent;
- ``正文顶格``: the same without the indent (parties, addressee, court);
- ``List Number`` (编号): Word numbering "1." (each list restarts at 1);
- ``落款``: right-aligned signature and date lines;
- ``表格文字``: table text; tables have fixed column widths (tblGrid and each cell).

Two page layouts: ``OFFICIAL`` for court filings (GB/T 9704 margins, top 37 mm, left 28 mm; title
二号 22 pt, body 三号 16 pt on a 28 pt line) and ``LETTER`` for the lender's own letters (body 四号
14 pt on a 20 pt line, 25 mm margins), on which a demand letter fits on one A4 page. The East Asian
font is set explicitly so that Word and WPS both use it. Page numbers in the footer. Used to build
the default templates (tools/build_templates.py) and any document made from code.
"""
import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"

OFFICIAL = {"title": 22, "body": 16, "line": 28, "table": 12,
            "margins": (3.7, 3.5, 2.8, 2.6)}  # top, bottom, left, right (cm)
LETTER = {"title": 18, "body": 14, "line": 20, "table": 11,
          "margins": (2.5, 2.2, 2.6, 2.6)}

FLUSH_STYLE = "正文顶格"
CLOSING_STYLE = "落款"
TABLE_TEXT_STYLE = "表格文字"
LIST_STYLE = "List Number"
_LIST_ABSTRACT_ID = "90"
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_font(run, name=BODY_FONT, size=None, bold=False):
    """Direct run formatting: only for what a style cannot carry (the footer's page number)."""
    run.font.name = name
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    # Word and WPS read Chinese text's font from w:eastAsia; without it they fall back to the default.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    return run


def _style(document, name, base=None, kind=WD_STYLE_TYPE.PARAGRAPH):
    """The named style, emptied of the default template's formatting (theme fonts, blue colours,
    borders, spacing), ready to be defined here."""
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    for tag in ("w:pPr", "w:rPr"):
        for element in style.element.findall(qn(tag)):
            style.element.remove(element)
    if base:
        style.base_style = styles[base]
    style.quick_style = True
    return style


def _define(style, font, size, line, bold=False, indent=0, align=None, before=0, after=0):
    style.font.name = font
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    for attribute in _THEME_FONTS:  # a theme font would win over the named one
        fonts.attrib.pop(qn(attribute), None)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Pt(indent)
    fmt.left_indent = Pt(0)
    if align is not None:
        fmt.alignment = align
    return style


def _define_styles(document, layout):
    body, line = layout["body"], layout["line"]
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _define(_style(document, "Normal"), BODY_FONT, body, line)
    _define(_style(document, "Body Text", "Normal"), BODY_FONT, body, line, indent=2 * body,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _define(_style(document, FLUSH_STYLE, "Body Text"), BODY_FONT, body, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _define(_style(document, CLOSING_STYLE, "Body Text"), BODY_FONT, body, line, align=right)
    _define(_style(document, "Title", "Normal"), TITLE_FONT, layout["title"], layout["title"] + 14, bold=True,
            align=centre, after=body // 2)
    _define(_style(document, "Subtitle", "Normal"), BODY_FONT, body, line, align=centre)
    heading = _define(_style(document, "Heading 1", "Normal"), HEADING_FONT, body, line, indent=2 * body)
    heading.paragraph_format.keep_with_next = True
    outline = OxmlElement("w:outlineLvl")  # level 1 in Word's navigation pane
    outline.set(qn("w:val"), "0")
    heading.element.get_or_add_pPr().append(outline)
    _define(_style(document, TABLE_TEXT_STYLE, "Normal"), BODY_FONT, layout["table"], layout["table"] + 6)
    listed = _define(_style(document, LIST_STYLE, "Body Text"), BODY_FONT, body, line, indent=2 * body)
    _list_numbering(document, body)
    num_pr = listed.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = int(_new_list(document))


def _list_numbering(document, body):
    """A one-level decimal numbering "1." whose number sits in the first-line indent, like typed
    text: the definition every numbered list of the document refers to."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), _LIST_ABSTRACT_ID)
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "singleLevel")
    abstract.append(kind)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:suff", "nothing"),
                       ("w:lvlText", "%1. "), ("w:lvlJc", "left")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    paragraph = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "0")
    indent.set(qn("w:firstLine"), str(2 * body * 20))  # twips
    paragraph.append(indent)
    level.append(paragraph)
    abstract.append(level)
    # Every w:abstractNum comes before the first w:num (ECMA-376 17.9.20).
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def _new_list(document):
    """A new w:num on the list definition, restarting at 1: one per list, so lists do not continue
    each other's numbers."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = str(max(ids + [0]) + 1)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), _LIST_ABSTRACT_ID)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return num_id


def new_document(layout=OFFICIAL):
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    top, bottom, left, right = layout["margins"]
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.footer_distance = Cm(min(bottom - 0.8, 2.0))
    _define_styles(document, layout)
    document._loan_layout = layout
    add_page_number(section, layout)
    return document


def add_page_number(section, layout=OFFICIAL):
    """'- 1 -' centred in the footer, with Word's PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = layout["body"] - 2
    set_font(paragraph.add_run("- "), size=size)
    run = set_font(paragraph.add_run(), size=size)
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
    set_font(paragraph.add_run(" -"), size=size)


def title(document, text, subtitle=None):
    paragraph = document.add_paragraph(text, style="Title")
    if subtitle:
        document.add_paragraph(subtitle, style="Subtitle")
    return paragraph


def para(document, text="", indent=True, align=None, bold=False):
    """A body paragraph: indented (Body Text) or flush (正文顶格); right-aligned ones are 落款."""
    style = CLOSING_STYLE if align == "right" else "Body Text" if indent else FLUSH_STYLE
    paragraph = document.add_paragraph(style=style)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
    return paragraph


def numbered(document, text, restart=True):
    """An item of a Word-numbered list (List Number). `restart` starts a new list at 1 (the first
    item of each list); otherwise the item continues the list before it, even across paragraphs in
    between. Inside a template loop the one paragraph is repeated, so its items are one list."""
    paragraph = document.add_paragraph(text, style=LIST_STYLE)
    last = getattr(document, "_loan_list_id", None)
    num_id = _new_list(document) if restart or not last else last
    document._loan_list_id = num_id
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = int(num_id)
    return paragraph


def heading(document, text):
    """A section heading inside the body (黑体 in court forms)."""
    return document.add_paragraph(text, style="Heading 1")


def table(document, header, rows, widths=None):
    """A bordered table with fixed column widths in cm (the rest of the text width shared equally
    when none are given); `rows` are lists of cell texts (a template puts Jinja tags in them)."""
    section = document.sections[-1]
    if not widths:
        total = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
        widths = [total / len(header)] * len(header)
    result = document.add_table(rows=1, cols=len(header))
    result.style = "Table Grid"
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    result._tbl.tblPr.append(layout)
    for column, width in zip(result._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for cell, text in zip(result.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].style = document.styles[TABLE_TEXT_STYLE]
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = result.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = ""
            cell.paragraphs[0].style = document.styles[TABLE_TEXT_STYLE]
            cell.paragraphs[0].add_run(text)
    for row in result.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return result


def signature(document, signer, date_text):
    para(document)
    para(document, signer, align="right")
    para(document, date_text, align="right")


def to_bytes(document):
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
