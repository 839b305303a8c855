# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated documents (letters, notices, court filings) and their templates.

Each document type has a default .docx template in an addon's data/templates/ and the schema of
the data it provides (the placeholder paths, declared next to the code building the data). A
manager may upload the company's own template using those placeholders only; the newest active
one is used. A template is code run on the server: it is bounded, checked path by path at upload
and rendered in Jinja2's sandbox (services/docx_render.py). Every generation is kept as a new version with the
data it was made from.
"""
import base64
import datetime
import io
import json
import os
import zipfile
from html import escape
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path

from ..services import docx_render
from .collection_notice import NOTICE_SCHEMAS
from .res_company import business_now

DOC_TYPES = [
    ("overdue_notice", "Overdue Collection Notice"),
    ("guarantor_demand", "Demand to Guarantor"),
]
# Who reads the data snapshots of generated documents (loan_legal adds the legal team).
SNAPSHOT_GROUPS = "loan_collection.group_collection_manager"
MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def zip_download_action(record):
    """The download of ``record``'s zip_file (named by its zip_name): the bulk wizard's, a batch's."""
    return {"type": "ir.actions.act_url", "target": "self",
            "url": "/web/content/?model=%s&id=%s&field=zip_file&filename_field=zip_name&download=true"
                   % (record._name, record.id)}


def _json_default(value):
    if isinstance(value, (Decimal, datetime.date)):
        return str(value)
    raise TypeError(repr(value))


class LoanDocumentTemplate(models.Model):
    _name = "loan.document.template"
    _description = "Document Template"
    _order = "doc_type, id desc"

    name = fields.Char(required=True)
    doc_type = fields.Selection(DOC_TYPES, string="Document Type", required=True)
    datas = fields.Binary(string="Template (.docx)", required=True, attachment=True)
    filename = fields.Char()
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    active = fields.Boolean(default=True)
    placeholders = fields.Html(compute="_compute_placeholders", string="Available Placeholders", sanitize=False)

    @api.depends("doc_type")
    def _compute_placeholders(self):
        for template in self:
            template.placeholders = self._placeholder_guide(template.doc_type) if template.doc_type else ""

    @api.model
    def _document_types(self):
        """doc_type -> (addon holding the default template, schema of the data it provides: see
        docx_render). Other addons add their types by extending this (and the selection)."""
        return {doc_type: ("loan_collection", schema) for doc_type, schema in NOTICE_SCHEMAS.items()}

    @api.model
    def _doc_type_label(self, doc_type):
        """The label of doc_type in the current language (the key itself for an unknown type)."""
        return dict(self._fields["doc_type"]._description_selection(self.env)).get(doc_type, doc_type)

    @api.model
    def _doc_types_for_model(self, res_model):
        """The document types generated for records of res_model (what the document wizard offers
        there); loan_legal adds the court documents of a legal case."""
        return {"collection.case": ["overdue_notice", "guarantor_demand"]}.get(res_model, [])

    @api.model
    def _placeholders(self, doc_type):
        """The schema of doc_type's data."""
        return self._document_types()[doc_type][1]

    @api.model
    def _placeholder_meanings(self):
        """What each placeholder path holds, for the template author (a money amount's path stands
        for its .figures and .upper). loan_legal adds the court documents' paths."""
        return {
            "title": _("Title of the notice (e.g. 逾期催收通知书; empty on a guarantor demand)"),
            "number": _("Number of the notice"),
            "date": _("Date of the document (2026年3月1日)"),
            "company.name": _("Company name"),
            "company.address": _("Company address, from the province down"),
            "company.phone": _("Company phone"),
            "addressee.name": _("Name of the addressee (debtor or guarantor)"),
            "debtor.name": _("Name of the borrower"),
            "contract.number": _("Loan contract number"),
            "contract.date_signed": _("Date the loan contract was signed"),
            "contract.principal": _("Principal of the loan contract"),
            "contract.date_disbursed": _("Date the loan was disbursed"),
            "contract.date_maturity": _("Maturity date of the loan"),
            "days_overdue": _("Days overdue"),
            "amounts[]": _("Each amount still owed: one line per kind"),
            "amounts[].label": _("Kind of the amount (逾期本金, 利息, 罚息, 费用…)"),
            "total": _("Total owed: the sum of the lines"),
            "pay_within_days": _("Days given to pay from service"),
            "guaranteed": _("Present when the loan is guaranteed (use inside {% if guaranteed is defined %})"),
            "repayment.bank": _("Bank of the repayment account"),
            "repayment.account_name": _("Name of the repayment account"),
            "repayment.account_number": _("Number of the repayment account"),
            "guarantee.role": _("The addressee's role (保证人, 反担保人…)"),
            "guarantee.kind": _("Type of guarantee (连带责任保证…)"),
            "guarantee.contract_number": _("Guarantee contract number"),
            "guarantee.article": _("Article of the Civil Code for that type of guarantee"),
            "guarantee.request": _("What the guarantor is asked to do (pay within the days given; a general "
                                   "guarantor: his supplementary liability)"),
        }

    @api.model
    def _placeholder_aliases(self):
        """Lists whose items have the same fields as another's: {list: list whose meanings apply}."""
        return {}

    @api.model
    def _placeholder_rows(self, doc_type):
        """(placeholder as written in a template, meaning) for every path doc_type provides."""
        meanings = self._placeholder_meanings()
        aliases = self._placeholder_aliases()
        money = {"figures": _("in figures (¥1,234.50)"), "upper": _("in capital numerals (壹仟贰佰叁拾肆元伍角)")}
        rows = []
        for shown in docx_render.schema_paths(self._placeholders(doc_type)):
            head, bracket, rest = shown.partition("[]")
            path = aliases.get(head + bracket, head + bracket) + rest if bracket else shown
            base, _dot, leaf = path.rpartition(".")
            if path in meanings:
                meaning = meanings[path]
            elif leaf in money and base in meanings:
                meaning = _("%s, %s") % (meanings[base], money[leaf])
            else:
                meaning = ""
            rows.append((shown, meaning))
        return rows

    @api.model
    def _placeholder_guide(self, doc_type):
        """The form's guide: where to get the default template, then each placeholder and its meaning."""
        rows = "".join("<tr><td><code>{{ %s }}</code></td><td>%s</td></tr>" % (escape(path), escape(meaning))
                       for path, meaning in self._placeholder_rows(doc_type))
        return (
            '<p><a href="/loan_collection/default_template/%s" class="btn btn-default">%s</a> %s</p>'
            '<p>%s</p><table class="table table-condensed"><thead><tr><th>%s</th><th>%s</th></tr></thead>'
            "<tbody>%s</tbody></table>") % (
            escape(doc_type), escape(_("Download the default template")),
            escape(_("Start from it in Word or WPS: it has every placeholder in place and the document's styles.")),
            escape(_("A name with [] is a list: {%p for d in defendants %} … {{ d.name }} … {%p endfor %} "
                     "repeats the paragraph for each item ({%tr for … %} a table row).")),
            escape(_("Placeholder")), escape(_("Meaning")), rows)

    @api.constrains("datas", "doc_type")
    def _check_template(self):
        for template in self:
            try:
                docx_render.check_template(base64.b64decode(template.datas or b""),
                                           self._placeholders(template.doc_type))
            except docx_render.TemplateError as error:
                raise ValidationError(self._template_error_message(error, template.doc_type))

    @api.model
    def _template_error_message(self, error, doc_type):
        if error.code == "invalid":
            return _("The template is not a Word .docx file: save it as .docx and upload it again.")
        if error.code == "too_large":
            return _("The template is too large (%s): a template may have at most 5 MB, 20 MB uncompressed and "
                     "20,000 paragraphs. Remove what it does not need and upload it again.") % error.detail
        if error.code == "syntax":
            return _("The template has a malformed placeholder (%s): check the {{ }} and {%% %%} tags.") % error.detail
        if error.code == "forbidden":
            return _("The template uses what a template may not use: %s. A placeholder is a name the document "
                     "provides ({{ debtor.name }}), inside {%% if %%} or {%% for %%} at most; names with \"__\", "
                     "calls, assignments and macros are refused.") % (", ".join(error.names) or error.detail)
        if error.code == "unknown":
            return _("The template uses placeholders that a %s does not provide: %s. Use only: %s.") % (
                self._doc_type_label(doc_type), ", ".join(error.names),
                ", ".join(docx_render.schema_paths(self._placeholders(doc_type))))
        return _("The %s lacks: %s. Fill it in (the company's data in Settings > Companies, the debtor's on "
                 "the partner), then generate the document again.") % (
            self._doc_type_label(doc_type), "; ".join(self._unfilled_labels(error.names, doc_type)) or error.detail)

    @api.model
    def _unfilled_labels(self, names, doc_type):
        """What the user fills in, for each placeholder left without a value: Jinja names only
        the last part of its path (address), so every placeholder of doc_type ending with it is
        named by its meaning (公司地址（自省级起）); the bare name only where none has a meaning."""
        rows = self._placeholder_rows(doc_type)
        labels = []
        for name in names:
            meanings = [meaning for path, meaning in rows if meaning and path.rsplit(".", 1)[-1] == name]
            labels.append(_(" or ").join(meanings) if meanings else name)
        return labels

    @api.model
    def _template_bytes(self, doc_type, company):
        """The company's own template if one is active, else the default one shipped."""
        custom = self.search([("doc_type", "=", doc_type), ("company_id", "in", [company.id, False])],
                             order="company_id, id desc", limit=1)
        if custom:
            return base64.b64decode(custom.datas), custom
        return self._default_template_bytes(doc_type), custom

    @api.model
    def _default_template_bytes(self, doc_type):
        """The default template of doc_type shipped with its addon."""
        addon = self._document_types()[doc_type][0]
        path = os.path.join(get_module_path(addon), "data", "templates", doc_type + ".docx")
        with open(path, "rb") as template:
            return template.read()


class LoanDocument(models.Model):
    _name = "loan.document"
    _description = "Generated Document"
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True)
    doc_type = fields.Selection(DOC_TYPES, string="Document Type", required=True, readonly=True)
    res_model = fields.Char(required=True, readonly=True, index=True)
    res_id = fields.Integer(required=True, readonly=True, index=True)
    version = fields.Integer(required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=business_now)
    user_id = fields.Many2one("res.users", string="Author", readonly=True, default=lambda self: self.env.user)
    template_id = fields.Many2one("loan.document.template", readonly=True,
                                  help="Empty: the default template shipped with the product.")
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True, required=True)
    # The file as the user may read it (ir.attachment's own rules: loan_legal keeps the files of court
    # documents for the legal team), not as a related field, which Odoo reads as the superuser.
    datas = fields.Binary(compute="_compute_file", string="Download")
    filename = fields.Char(compute="_compute_file")
    # The data a document was filled with holds the parties' identity numbers (court documents):
    # for the managers (and, with loan_legal, the legal team) only.
    data_snapshot = fields.Text(readonly=True, groups=SNAPSHOT_GROUPS,
                                help="The data the document was filled with, as JSON.")
    company_id = fields.Many2one("res.company", readonly=True, default=lambda self: self.env.user.company_id)
    collection_case_id = fields.Many2one("collection.case", readonly=True, index=True, ondelete="set null",
                                         help="The collection case the document belongs to (for access rules).")

    def _compute_file(self):
        attachments = self.mapped("attachment_id")
        readable = self.env["ir.attachment"].search([("id", "in", attachments.ids)]) if attachments else attachments
        for document in self:
            attachment = document.attachment_id
            if attachment and attachment in readable:
                document.datas = attachment.sudo().datas
                document.filename = attachment.sudo().datas_fname
            else:
                document.datas = document.filename = False

    @api.model
    def generate(self, record, doc_type, context_data, filename):
        """Fill the template of doc_type with context_data for `record`; keep the file as an
        attachment of the record and a new version of the document. Returns the loan.document."""
        Template = self.env["loan.document.template"]
        schema = Template._placeholders(doc_type)
        content, template = Template._template_bytes(doc_type, record.company_id or self.env.user.company_id)
        try:
            # Checked again (a template stored before this check, or written around it) and sandboxed.
            output = docx_render.render(content, context_data, schema)
        except docx_render.TemplateError as error:
            raise UserError(Template._template_error_message(error, doc_type))
        previous = self.sudo().search([("res_model", "=", record._name), ("res_id", "=", record.id),
                                       ("doc_type", "=", doc_type)], order="version desc", limit=1)
        version = previous.version + 1
        name = "%s-v%s.docx" % (filename, version)
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas_fname": name, "datas": base64.b64encode(output),
            "res_model": record._name, "res_id": record.id, "mimetype": MIMETYPE})
        # The version is written past the public create, which refuses every caller.
        return super(LoanDocument, self).create({
            "name": name, "doc_type": doc_type, "res_model": record._name, "res_id": record.id,
            "version": version, "template_id": template.id, "attachment_id": attachment.id,
            "data_snapshot": json.dumps(context_data, ensure_ascii=False, indent=1, default=_json_default),
            "collection_case_id": (record if record._name == "collection.case"
                                   else getattr(record, "collection_case_id", self.env["collection.case"])).id,
        })

    @api.multi
    def _zip(self, doc_type):
        """(zip of these documents' files, its file name: the type's Chinese label) for a download."""
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in self:
                archive.writestr(document.name, base64.b64decode(document.attachment_id.datas))
        label = self.env["loan.document.template"].with_context(lang="zh_CN")._doc_type_label(doc_type)
        return stream.getvalue(), "%s.zip" % label

    @api.model
    def create(self, vals):
        # A document is a record of what was generated and sent: only generate() makes one.
        raise AccessError(_("Documents are made only by generating them from their case (Generate Collection "
                            "Notice, Generate Court Document): every generation is kept as a version."))

    @api.multi
    def write(self, vals):
        raise AccessError(_("A generated document is kept as it was made, with the data it used: generate a "
                            "new version instead."))

    @api.multi
    def unlink(self):
        raise AccessError(_("A generated document is kept as it was made, with the data it used: it cannot be "
                            "deleted."))

    @api.multi
    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form", "target": "current"}
