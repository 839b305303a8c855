# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import quote

from odoo import http
from odoo.addons.report_xlsx.controllers.main import ReportController
from odoo.http import content_disposition, request


class DocumentTemplates(http.Controller):

    @http.route("/loan_collection/default_template/<string:doc_type>", type="http", auth="user")
    def default_template(self, doc_type):
        """The default .docx of a document type, for a template author to start from. For those who
        may read the templates (every internal user; managers change them)."""
        templates = request.env["loan.document.template"]
        templates.check_access_rights("read")
        if doc_type not in templates._document_types():
            return request.not_found()
        filename = "%s.docx" % templates._doc_type_label(doc_type)
        return request.make_response(templates._default_template_bytes(doc_type), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("Content-Disposition", "attachment; filename*=UTF-8''%s" % quote(filename))])


class CollectionXlsxReports(ReportController):

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        """The XLSX exports of the collection reports are named in the user's language with the
        business day (账龄报表-2026-03-20.xlsx), not by the report's technical file name (aging.xlsx)."""
        response = super(CollectionXlsxReports, self).report_routes(reportname, docids=docids, converter=converter,
                                                                    **data)
        report_model = request.env.get("report.%s" % reportname)
        if converter == "xlsx" and report_model is not None and hasattr(report_model, "_xlsx_file_name"):
            response.headers["Content-Disposition"] = content_disposition(report_model._xlsx_file_name())
        return response
