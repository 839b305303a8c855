"""Fill a .docx template (docxtpl: Jinja2 tags inside a Word document) with data.

Pure: template bytes and a dict in, document bytes out. Placeholders are Jinja2 expressions
(``{{ debtor.name }}``, ``{%p for claim in claims %}`` ...). A template that uses a name the
document type does not provide is refused with that name ('unknown'); a placeholder whose value
is missing or empty is refused with its name too ('unfilled') — a court filing must not go out
with a blank where a party or an amount should be. A template may still make a part optional
with ``{% if judgment is defined %}``.
"""
import io
import re

import jinja2
from docx import Document
from docxtpl import DocxTemplate

LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


class TemplateError(Exception):
    """code: 'invalid' (not a .docx), 'syntax', 'unknown' or 'unfilled'; names: the placeholders."""

    def __init__(self, code, names=(), detail=""):
        self.code, self.names, self.detail = code, sorted(set(names)), detail
        super(TemplateError, self).__init__("%s: %s %s" % (code, ", ".join(self.names), detail))


def _missing(value):
    # Odoo gives False for an empty field: it is as missing as None or "" (but 0 is a value).
    return value is None or value is False or value == ""


def _prune(value):
    """Drop missing values, so that StrictUndefined reports them as unfilled; a template tests an
    optional one with ``is defined``."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if not _missing(v)}
    if isinstance(value, (list, tuple)):
        return [_prune(v) for v in value]
    return value


def _environment():
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def _load(template_bytes):
    try:
        template = DocxTemplate(io.BytesIO(template_bytes))
        template.init_docx()
        return template
    except Exception as error:  # python-docx raises various errors on a file that is not a .docx
        raise TemplateError("invalid", detail=str(error))


def placeholders(template_bytes):
    """The top-level names a template uses."""
    template = _load(template_bytes)
    try:
        return set(template.get_undeclared_template_variables(_environment()))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError("syntax", detail="line %s: %s" % (error.lineno, error.message))


def check_template(template_bytes, allowed):
    """Refuse a template using names outside `allowed` (TemplateError 'unknown')."""
    unknown = placeholders(template_bytes) - set(allowed)
    if unknown:
        raise TemplateError("unknown", unknown)


def render(template_bytes, context, allowed=None):
    """The filled document as bytes. `allowed`: the names the document type provides."""
    if allowed is not None:
        check_template(template_bytes, allowed)
    template = _load(template_bytes)
    try:
        template.render(_prune(context), _environment())
    except jinja2.UndefinedError as error:
        match = UNDEFINED_NAME.search(str(error))
        raise TemplateError("unfilled", [next(g for g in match.groups() if g)] if match else [], str(error))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError("syntax", detail="line %s: %s" % (error.lineno, error.message))
    stream = io.BytesIO()
    template.save(stream)
    content = stream.getvalue()
    left = leftover_placeholders(content)
    if left:
        raise TemplateError("unfilled", left)
    return content


def document_text(content):
    """All the text of a .docx: body paragraphs, tables, headers and footers."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def leftover_placeholders(content):
    return LEFTOVER.findall(document_text(content))


def money(amount):
    """An amount as documents write it: {'figures': '¥150,000.00', 'upper': '壹拾伍万元整'}."""
    from .amount_words import rmb_figures, rmb_upper
    return {"figures": rmb_figures(amount), "upper": rmb_upper(amount)}


def cn_date(value):
    """'2026-11-28' or a date -> '2026年11月28日' (empty for no date)."""
    if not value:
        return ""
    text = str(value)[:10]
    year, month, day = text.split("-")
    return "%s年%d月%d日" % (year, int(month), int(day))
