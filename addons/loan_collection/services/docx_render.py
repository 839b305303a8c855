"""Fill a .docx template (docxtpl: Jinja2 tags inside a Word document) with data.

Pure: template bytes and a dict in, document bytes out. Placeholders are Jinja2 expressions
(``{{ debtor.name }}``, ``{%p for claim in claims %}`` ...). A template that uses a name the
document type does not provide is refused with that name ('unknown'); a placeholder whose value
is missing or empty is refused with its name too ('unfilled') — a court filing must not go out
with a blank where a party or an amount should be. A template may still make a part optional
with ``{% if judgment is defined %}``.

A template is uploaded by a manager but filled on the server: it is code. So
- it is bounded before it is parsed (``check_size``: the file, its uncompressed parts and its
  paragraphs), read from the zip directory without building python-docx objects;
- every placeholder path (``debtor.name``, ``claims[].amount.figures``, the items of a ``for``)
  is checked against the document type's schema — the data it provides, declared next to the
  code that builds it — and only plain expressions are accepted (``check_template``): no ``__``
  names, no calls, no assignments, macros or includes, a short list of filters and tests;
- it is rendered in Jinja2's immutable sandbox all the same.

A schema is a dict: name -> None (a value: text or number), a dict (an object with these names)
or a one-item list ``[item schema]`` (a list of such items).
"""
import hashlib
import io
import re
import zipfile

import jinja2
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

LEFTOVER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")

# Bounds of an uploaded template, checked before anything parses it (a 47 KB .docx may hold a
# million empty paragraphs).
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_PARAGRAPHS = 20000
MAX_MEMBERS = 1000
PARAGRAPH = re.compile(rb"<w:p[\s>/]")

MONEY = {"figures": None, "upper": None}
# What a template may use besides the data: the loop variable of a for, a few filters and tests.
LOOP_ATTRIBUTES = {"index", "index0", "revindex", "revindex0", "first", "last", "length"}
FILTERS = {"abs", "capitalize", "count", "d", "default", "first", "float", "int", "join", "last", "length",
           "lower", "round", "string", "title", "trim", "upper"}
TESTS = {"defined", "undefined", "none", "number", "string", "odd", "even", "eq", "ne", "equalto"}
# Nodes that only combine checked parts (comparisons, and/or/not, if, concatenation, literals).
PLAIN_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.Compare, nodes.Operand,
               nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Concat, nodes.List, nodes.Tuple,
               nodes.Keyword, nodes.Neg, nodes.Pos)
_LOOP = object()  # the schema of `loop` inside a for
CONSTRUCT_WORDS = {"Call": "calls ( )", "Assign": "{% set %}", "AssignBlock": "{% set %}", "Macro": "{% macro %}",
                   "CallBlock": "{% call %}", "Include": "{% include %}", "Import": "{% import %}",
                   "FromImport": "{% import %}", "Extends": "{% extends %}", "Block": "{% block %}",
                   "FilterBlock": "{% filter %}", "With": "{% with %}", "Mul": "*", "Pow": "**", "Div": "/",
                   "FloorDiv": "//", "Mod": "%", "Add": "+", "Sub": "-"}


class TemplateError(Exception):
    """code: 'invalid' (not a .docx), 'too_large', 'syntax', 'unknown' (names or paths the data
    does not provide), 'forbidden' (constructs a template may not use) or 'unfilled';
    names: the placeholders."""

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


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox refuses _private and __dunder__ attributes and any method that changes a value,
    whatever the upload check let through. It keeps the templates it compiled: a bulk run fills the
    same template a thousand times, and compiling it is half the work of filling it."""
    _compiled = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class:
            return super(_Sandbox, self).from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) > 256:
                self._compiled.clear()
            template = self._compiled[source] = super(_Sandbox, self).from_string(source)
        return template


_SANDBOX = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False)
# Templates already checked against a schema: {(sha256 of the template, schema paths)}.
_CHECKED = set()


def _environment():
    return _SANDBOX


def check_size(template_bytes):
    """Refuse (TemplateError 'too_large') a template too big to parse safely, reading only the zip
    directory and counting the paragraphs of its XML parts."""
    if len(template_bytes) > MAX_FILE_BYTES:
        raise TemplateError("too_large", detail="%.1f MB > %s MB" % (
            len(template_bytes) / 1048576.0, MAX_FILE_BYTES // 1048576))
    try:
        archive = zipfile.ZipFile(io.BytesIO(template_bytes))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise TemplateError("invalid", detail=str(error))
    if len(members) > MAX_MEMBERS:
        raise TemplateError("too_large", detail="%s parts > %s" % (len(members), MAX_MEMBERS))
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise TemplateError("too_large", detail="%.1f MB uncompressed > %s MB" % (
            total / 1048576.0, MAX_UNCOMPRESSED_BYTES // 1048576))
    paragraphs = 0
    for member in members:
        if not member.filename.endswith(".xml"):  # the body, headers, footers wherever the package puts them
            continue
        try:
            with archive.open(member) as stream:  # reads at most the declared size (bounded above)
                paragraphs += len(PARAGRAPH.findall(stream.read(MAX_UNCOMPRESSED_BYTES + 1)))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError) as error:
            raise TemplateError("invalid", detail=str(error))
    if paragraphs > MAX_PARAGRAPHS:
        raise TemplateError("too_large", detail="%s paragraphs > %s" % (paragraphs, MAX_PARAGRAPHS))


def _load(template_bytes):
    check_size(template_bytes)
    try:
        template = DocxTemplate(io.BytesIO(template_bytes))
        template.init_docx()
        return template
    except Exception as error:  # python-docx raises various errors on a file that is not a .docx
        raise TemplateError("invalid", detail=str(error))


def _sources(template):
    """The Jinja2 sources docxtpl renders: body, headers, footers and core properties."""
    sources = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _key, part in template.get_headers_footers(uri):
            sources.append(template.patch_xml(template.get_part_xml(part)))
    properties = template.docx.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):  # docxtpl renders these
        sources.append(getattr(properties, name) or "")
    return sources


def _parse(template_bytes):
    template = _load(template_bytes)
    environment = _environment()
    try:
        return template, [environment.parse(source) for source in _sources(template)]
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError("syntax", detail="line %s: %s" % (error.lineno, error.message))


def schema_paths(schema, prefix=""):
    """Every path a schema provides: ['amounts[].figures', ..., 'debtor.name', 'number']."""
    paths = []
    for name in sorted(schema):
        spec, path = schema[name], prefix + name
        while isinstance(spec, list):
            spec, path = spec[0], path + "[]"
        paths.extend(schema_paths(spec, path + ".") if isinstance(spec, dict) else [path])
    return paths


class _Checker(object):
    """Walks a template's syntax tree; collects the unknown paths and the forbidden constructs."""

    def __init__(self, schema):
        self.schema, self.unknown, self.forbidden = schema, set(), set()

    def _name(self, name):
        if "__" in name:
            self.forbidden.add(name)
            return False
        return True

    def expr(self, node, scope):
        """The (schema, path) of an expression; schema False when it is unknown or forbidden."""
        if isinstance(node, nodes.Name):
            if not self._name(node.name):
                return False, node.name
            if node.name in scope:
                return scope[node.name], node.name
            if node.name in self.schema:
                return self.schema[node.name], node.name
            self.unknown.add(node.name)
            return False, node.name
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            spec, path = self.expr(node.node, scope)
            key = node.attr if isinstance(node, nodes.Getattr) else \
                node.arg.value if isinstance(node.arg, nodes.Const) else None
            if isinstance(key, str):
                if not self._name(key):
                    return False, path
                if spec is False:
                    return False, path
                path = "%s.%s" % (path, key)
                if spec is _LOOP and key in LOOP_ATTRIBUTES:
                    return None, path
                if isinstance(spec, dict) and key in spec:
                    return spec[key], path
                self.unknown.add(path)
                return False, path
            if isinstance(key, int) and not isinstance(key, bool):
                if spec is False:
                    return False, path
                if isinstance(spec, list):
                    return spec[0], path + "[]"
                self.unknown.add(path + "[]")
                return False, path
            self.forbidden.add("%s[...]" % path)  # computed keys and slices
            return False, path
        if isinstance(node, nodes.Filter):
            if node.name not in FILTERS or node.dyn_args or node.dyn_kwargs:
                self.forbidden.add("|" + node.name)
            for child in list(node.args) + list(node.kwargs):
                self.visit(child, scope)
            spec, path = self.expr(node.node, scope) if node.node is not None else (None, "")
            if spec is False or node.name in ("default", "d"):
                return spec, path
            if node.name in ("first", "last") and isinstance(spec, list):
                return spec[0], path + "[]"
            return None, "%s|%s" % (path, node.name)
        if isinstance(node, nodes.Test):
            if node.name not in TESTS or node.dyn_args or node.dyn_kwargs:
                self.forbidden.add("is " + node.name)
            for child in list(node.args) + list(node.kwargs):
                self.visit(child, scope)
            self.expr(node.node, scope)
            return None, ""
        self.visit(node, scope)
        return None, ""

    def visit(self, node, scope):
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test)):
            self.expr(node, scope)
        elif isinstance(node, nodes.Const):
            if isinstance(node.value, str) and "__" in node.value:
                self.forbidden.add(repr(node.value))
        elif isinstance(node, nodes.For):
            if not isinstance(node.target, nodes.Name) or node.recursive:
                self.forbidden.add("for")
                return
            spec, path = self.expr(node.iter, scope)
            if spec is not False and not isinstance(spec, list):
                self.unknown.add(path + "[]")  # not a list
            inner = dict(scope, loop=_LOOP)
            if self._name(node.target.name):
                inner[node.target.name] = spec[0] if isinstance(spec, list) else False
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, PLAIN_NODES):
            for child in node.iter_child_nodes():
                self.visit(child, scope)
        else:
            # Calls, assignments, macros, includes, arithmetic (a string times a billion) ...
            self.forbidden.add(CONSTRUCT_WORDS.get(type(node).__name__, type(node).__name__))
            if isinstance(node, nodes.Call):  # name the __ attributes it reaches for too
                self.expr(node.node, scope)
                for child in list(node.args) + list(node.kwargs):
                    self.visit(child, scope)


def check_template(template_bytes, schema):
    """Refuse a template (TemplateError) too large, malformed, using a construct templates may not
    use ('forbidden') or a path outside `schema` ('unknown')."""
    key = (hashlib.sha256(template_bytes).hexdigest(), tuple(schema_paths(schema)))
    if key in _CHECKED:  # the same bytes against the same schema: the same answer
        return
    _template, trees = _parse(template_bytes)
    checker = _Checker(schema)
    for tree in trees:
        checker.visit(tree, {})
    if checker.forbidden:
        raise TemplateError("forbidden", checker.forbidden)
    if checker.unknown:
        raise TemplateError("unknown", checker.unknown)
    if len(_CHECKED) > 256:
        _CHECKED.clear()
    _CHECKED.add(key)


def schema_mismatches(schema, data, prefix=""):
    """The paths of `data` that `schema` does not declare, or declares with another shape
    (a test keeps each document type's schema and its data builder together)."""
    wrong = []
    for name, value in data.items():
        path = prefix + name
        if name not in schema:
            wrong.append(path)
            continue
        wrong.extend(_shape_mismatches(schema[name], value, path))
    return wrong


def _shape_mismatches(spec, value, path):
    if value is None or value is False:  # an empty value fits any shape (it is left out)
        return []
    if isinstance(spec, dict):
        return schema_mismatches(spec, value, path + ".") if isinstance(value, dict) else [path]
    if isinstance(spec, list):
        if not isinstance(value, (list, tuple)):
            return [path]
        return [wrong for item in value for wrong in _shape_mismatches(spec[0], item, path + "[]")]
    return [path] if isinstance(value, (dict, list, tuple)) else []


def render(template_bytes, context, schema=None):
    """The filled document as bytes. `schema`: the data the document type provides (checked first)."""
    if schema is not None:
        check_template(template_bytes, schema)
    package = _prepared(template_bytes)
    if package is None:  # a template the prepared path does not cover: docxtpl all the way
        return _render_docxtpl(template_bytes, context)
    return _rendering_errors(package.render, _prune(context))


def _rendering_errors(function, *args):
    """`function(*args)`, with Jinja2's errors turned into TemplateError."""
    try:
        return function(*args)
    except SecurityError as error:
        raise TemplateError("forbidden", detail=str(error))
    except jinja2.UndefinedError as error:
        match = UNDEFINED_NAME.search(str(error))
        raise TemplateError("unfilled", [next(g for g in match.groups() if g)] if match else [], str(error))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError("syntax", detail="line %s: %s" % (error.lineno, error.message))
    except jinja2.TemplateError as error:
        raise TemplateError("syntax", detail=str(error))


def _render_docxtpl(template_bytes, context):
    """docxtpl's own rendering: the package parsed, filled and saved by python-docx (the reference
    the prepared path is tested against, and the path of templates it does not cover)."""
    template = _load(template_bytes)

    def fill(data):
        template.render(data, _environment())
        # Read from the filled document in memory (parsing the saved file again costs as much).
        left = _leftovers(template.docx)
        if left:
            raise TemplateError("unfilled", left)
        stream = io.BytesIO()
        template.save(stream)
        return stream.getvalue()
    return _rendering_errors(fill, _prune(context))


class _Prepared(object):
    """A template parsed once for many fillings (a bulk run fills the same template a thousand
    times; parsing and saving the whole package with python-docx was most of the work): the
    Jinja2 sources of the body, headers and footers as docxtpl prepares them, and the rest of the
    package zipped once. Filling renders those sources exactly as docxtpl does (its own
    functions: render_xml_part, fix_tables, fix_docpr_ids) and adds the filled parts to a copy of
    that zip; the parts are serialized as python-docx saves them, so the result is the same."""

    def __init__(self, template, template_bytes):
        document_part = self.document_part = template.docx.part
        self.body_source = template.patch_xml(template.get_xml())
        self.document_name = document_part.partname.lstrip("/")
        self.document_xml = serialize_part_xml(document_part.element)
        # (part, Jinja2 source, encoding) of each header and footer.
        self.parts = []
        for uri in (template.HEADER_URI, template.FOOTER_URI):
            for _key, part in template.get_headers_footers(uri):
                xml = template.get_part_xml(part)
                self.parts.append((part, template.patch_xml(xml), template.get_headers_footers_encoding(xml)))
        replaced = {self.document_name} | {part.partname.lstrip("/") for part, _source, _encoding in self.parts}
        stream = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(template_bytes)) as source, \
                zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as base:
            for member in source.infolist():
                if member.filename not in replaced:
                    base.writestr(member, source.read(member))
        self.base_zip = stream.getvalue()

    @staticmethod
    def supports(template):
        """Whether the prepared path fills `template` as docxtpl would: not when its document
        properties hold placeholders (docxtpl renders them too), or when it has no properties
        part (python-docx would add a default one)."""
        try:
            template.docx.part.package.part_related_by(RT.CORE_PROPERTIES)
        except KeyError:
            return False
        core = template.docx.core_properties
        return not any("{" in (getattr(core, name) or "") for name in CORE_PROPERTY_NAMES)

    def render(self, context):
        # A filler of its own for each filling (the prepared template is shared between requests):
        # docxtpl's rendering functions keep their state on it.
        filler = DocxTemplate(None)
        filler.pic_map, filler.docx_ids_index = {}, 1000
        environment = _environment()
        # The body, as DocxTemplate.render fills it.
        body_xml = filler.render_xml_part(self.body_source, self.document_part, context, environment)
        body = filler.fix_tables(body_xml)
        filler.fix_docpr_ids(body)
        document = parse_xml(self.document_xml)
        document.replace(document.find(qn("w:body")), body)
        filled = {self.document_name: serialize_part_xml(document)}
        elements = [body]
        for part, source, encoding in self.parts:
            element = parse_xml(filler.render_xml_part(source, part, context, environment).encode(encoding))
            elements.append(element)
            filled[part.partname.lstrip("/")] = serialize_part_xml(element)
        left = [placeholder for element in elements for placeholder in _element_leftovers(element)]
        if left:
            raise TemplateError("unfilled", left)
        stream = io.BytesIO(self.base_zip)
        stream.seek(0, io.SEEK_END)
        with zipfile.ZipFile(stream, "a", zipfile.ZIP_DEFLATED) as package:
            for name, xml in filled.items():
                package.writestr(name, xml)
        return stream.getvalue()


# The document properties docxtpl renders as templates (DocxTemplate.render_properties).
CORE_PROPERTY_NAMES = ("author", "comments", "identifier", "language", "subject", "title")
# Prepared templates: {sha256 of the template: _Prepared, or None when it is filled by docxtpl}.
_PREPARED = {}


def _prepared(template_bytes):
    key = hashlib.sha256(template_bytes).hexdigest()
    if key not in _PREPARED:
        if len(_PREPARED) > 64:
            _PREPARED.clear()
        template = _load(template_bytes)
        _PREPARED[key] = _Prepared(template, template_bytes) if _Prepared.supports(template) else None
    return _PREPARED[key]


def document_text(content):
    """All the text of a .docx (bytes, or a python-docx Document) in the order a reader meets it:
    the body's paragraphs and tables (cell by cell) as they follow each other, then headers and
    footers."""
    document = Document(io.BytesIO(content)) if isinstance(content, bytes) else content
    parts = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def _leftovers(document):
    """Placeholders left in a python-docx Document: in the body (tables included), headers and
    footers."""
    parts = [document.element.body] + [rel.target_part.element for rel in document.part.rels.values()
                                       if rel.reltype in (RT.HEADER, RT.FOOTER)]
    return [placeholder for element in parts for placeholder in _element_leftovers(element)]


def _element_leftovers(element):
    """Placeholders left in an XML element, paragraph by paragraph (a tag may be split over runs):
    read from the XML directly, python-docx's table cells are slow."""
    left = []
    for paragraph in element.iter(qn("w:p")):
        left.extend(LEFTOVER.findall("".join(t.text or "" for t in paragraph.iter(qn("w:t")))))
    return left


def leftover_placeholders(content):
    return _leftovers(Document(io.BytesIO(content)))


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
