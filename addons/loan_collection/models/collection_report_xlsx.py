# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""XLSX exports of the collection and finance reports (OCA report_xlsx).

Each export lists the records selected (or, when none is, every record the report shows) with
the report's columns, translated headers and a totals row, and some add a summary sheet: roll
rates as a matrix, recovery rates per channel and per legal stage.

The *Export XLSX* button of a report's pivot, graph and list views (static/src/js/
report_xlsx_export.js) calls export_action() with the view's domain and grouping: the workbook then
holds every record of the filtered report, not only the page on screen, ordered by the grouping,
with a sheet of the totals per group. Sheet titles are in the user's language.
"""
import re
from collections import OrderedDict

from odoo import _, api, models

from .res_company import business_today

# Characters Excel refuses in a sheet name; a name has at most 31 characters.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title):
    return _SHEET_NAME_FORBIDDEN.sub(" ", title or "")[:31] or "Sheet"


class CollectionXlsxBase(models.AbstractModel):
    _name = "report.loan_collection.xlsx_base"
    _inherit = "report.report_xlsx.abstract"
    _description = "Collection XLSX Export"

    # Field names shown, in order, and those summed in the totals row.
    _xlsx_columns = ()
    _xlsx_totals = ()

    def get_workbook_options(self):
        """Every value is written as what it is: a text starting with '=' (a debtor named
        =HYPERLINK(...)) stays a text, not a formula run when the file is opened, and a URL stays text."""
        options = dict(super(CollectionXlsxBase, self).get_workbook_options() or {})
        options.update({"strings_to_formulas": False, "strings_to_urls": False})
        return options

    @api.model
    def export_action(self, domain=None, group_by=None):
        """The report action that exports every record of `domain` (the report as the user has
        filtered it, whatever page the list shows), ordered and summed by `group_by` (the view's
        grouping, e.g. ["bucket", "date:month"]). Called by the views' Export XLSX button."""
        report = self.env["ir.actions.report"]._get_report_from_name(self._name[len("report."):])
        self.env[report.model].check_access_rights("read")
        data = {"domain": list(domain or []),
                "group_by": [name for name in (group_by or []) if isinstance(name, str)]}
        return report.report_action([], data=data, config=False)

    def _group_specs(self, model, data):
        """The grouping of the export as [(spec, field name)]: stored fields of the report only
        ('date:month' is the field date by month)."""
        specs = []
        for spec in (data or {}).get("group_by") or []:
            name = spec.split(":")[0]
            field = model._fields.get(name)
            if field and field.store and name not in [n for _s, n in specs]:
                specs.append((spec, name))
        return specs

    def _get_objs_for_report(self, docids, data):
        if not docids and data and "domain" in data:
            model = self.env[self.env.context["active_model"]]
            order = ", ".join([name for _spec, name in self._group_specs(model, data)] + [model._order])
            return model.search(data["domain"] or [], order=order)
        records = super(CollectionXlsxBase, self)._get_objs_for_report(docids, data)
        if not records:
            records = records.search([])
        return records

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "int": workbook.add_format({"num_format": "0"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
            "total_label": workbook.add_format({"bold": True, "top": 1}),
            "total_money": workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0.00"}),
            "total_percent": workbook.add_format({"bold": True, "top": 1, "num_format": "0.0%"}),
        }

    @api.model
    def _xlsx_file_name(self):
        """The downloaded file's name: the report's title in the user's language and the business day."""
        report = self.env["ir.actions.report"]._get_report_from_name(self._name[len("report."):])
        return "%s-%s.xlsx" % (self._title(self.env[report.model]), business_today(self))

    def _title(self, records):
        """The report's name in the user's language (the model's translated description)."""
        return self.env["ir.model"]._get(records._name).name or records._description

    def _cell(self, record, name, field_info):
        value = record[name]
        kind = field_info["type"]
        if kind == "many2one":
            return value.display_name or ""
        if kind == "selection":
            return dict(field_info["selection"]).get(value, value or "")
        if kind in ("float", "monetary", "integer"):
            return value or 0
        return value or ""

    def generate_xlsx_report(self, workbook, data, records):
        formats = self._formats(workbook)
        columns = list(self._xlsx_columns)
        info = records.fields_get(columns)
        sheet = workbook.add_worksheet(sheet_name(self._title(records)))
        sheet.write(0, 0, self._title(records), formats["title"])
        header_row = 2
        for col, name in enumerate(columns):
            sheet.write(header_row, col, info[name]["string"], formats["header"])
            sheet.set_column(col, col, 18 if info[name]["type"] in ("many2one", "char") else 14)
        row = header_row
        totals = {name: 0.0 for name in self._xlsx_totals}
        for record in records:
            row += 1
            for col, name in enumerate(columns):
                value = self._cell(record, name, info[name])
                kind = info[name]["type"]
                cell_format = formats["money"] if kind in ("float", "monetary") else (
                    formats["int"] if kind == "integer" else None)
                sheet.write(row, col, value, cell_format)
                if name in totals:
                    totals[name] += value
        row += 1
        sheet.write(row, 0, _("Total"), formats["total_label"])
        for col, name in enumerate(columns):
            if name in totals:
                sheet.write(row, col, round(totals[name], 2), formats["total_money"])
        sheet.freeze_panes(header_row + 1, 0)
        specs = self._group_specs(records, data)
        if specs and self._xlsx_totals and data.get("domain") is not None:
            self._group_totals_sheet(workbook, formats, records, data["domain"], specs)
        self._summary_sheets(workbook, formats, records)

    def _group_totals_sheet(self, workbook, formats, records, domain, specs):
        """A sheet of the totals per group of the view's grouping, as the pivot shows them."""
        group_fields = [name for _spec, name in specs]
        totals = list(self._xlsx_totals)
        info = records.fields_get(group_fields + totals)
        groups = records.read_group(domain, group_fields + totals, [spec for spec, _name in specs], lazy=False)
        sheet = workbook.add_worksheet(sheet_name(_("Totals by Group")))
        headers = [info[name]["string"] for name in group_fields] + [_("Count")] + [
            info[name]["string"] for name in totals]
        for col, label in enumerate(headers):
            sheet.write(0, col, label, formats["header"])
            sheet.set_column(col, col, 18)
        row = 0
        for group in groups:
            row += 1
            for col, (spec, name) in enumerate(specs):
                value = group.get(spec, group.get(name))
                if isinstance(value, (list, tuple)):
                    value = value[1]
                elif info[name]["type"] == "selection":
                    value = dict(info[name]["selection"]).get(value, value)
                sheet.write(row, col, value or "")
            sheet.write(row, len(group_fields), group.get("__count", 0))
            for col, name in enumerate(totals, start=len(group_fields) + 1):
                sheet.write(row, col, round(group.get(name) or 0.0, 2), formats["money"])
        return sheet

    def _summary_sheets(self, workbook, formats, records):
        """Extra sheets of a report (none by default)."""

    def _grouped_sheet(self, workbook, formats, title, records, group_field, sums, rate=None):
        """A sheet of `records` grouped by `group_field` (groups in the order of the records): count,
        the sums, and optionally a rate (numerator field, denominator field) per group and overall."""
        info = records.fields_get([group_field] + list(sums))
        sheet = workbook.add_worksheet(sheet_name(title))
        headers = [info[group_field]["string"], _("Count")] + [info[name]["string"] for name in sums]
        if rate:
            headers.append(_("Recovery Rate"))
        for col, label in enumerate(headers):
            sheet.write(0, col, label, formats["header"])
            sheet.set_column(col, col, 18)
        groups = OrderedDict()
        for record in records:
            key = self._cell(record, group_field, info[group_field])
            group = groups.setdefault(key, {"count": 0, **{name: 0.0 for name in sums}})
            group["count"] += 1
            for name in sums:
                group[name] += record[name]
        total = {"count": 0, **{name: 0.0 for name in sums}}
        row = 0
        for key in groups:
            row += 1
            group = groups[key]
            sheet.write(row, 0, key)
            sheet.write(row, 1, group["count"])
            for col, name in enumerate(sums, start=2):
                sheet.write(row, col, round(group[name], 2), formats["money"])
                total[name] += group[name]
            total["count"] += group["count"]
            if rate:
                sheet.write(row, len(headers) - 1,
                            group[rate[0]] / group[rate[1]] if group[rate[1]] else 0, formats["percent"])
        row += 1
        sheet.write(row, 0, _("Total"), formats["total_label"])
        sheet.write(row, 1, total["count"], formats["total_label"])
        for col, name in enumerate(sums, start=2):
            sheet.write(row, col, round(total[name], 2), formats["total_money"])
        if rate:
            sheet.write(row, len(headers) - 1, total[rate[0]] / total[rate[1]] if total[rate[1]] else 0,
                        formats["total_percent"])
        return sheet


class AgingXlsx(models.AbstractModel):
    _name = "report.loan_collection.aging_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Aging Report XLSX"
    _xlsx_columns = ("company_id", "product_id", "office_user_id", "field_user_id", "bucket", "contract_id",
                     "partner_id", "invoice_id", "date_due", "days_overdue", "principal", "interest",
                     "penalty_interest", "amount")
    _xlsx_totals = ("principal", "interest", "penalty_interest", "amount")

    def _summary_sheets(self, workbook, formats, records):
        records = records.sorted(lambda r: r.bucket or "")
        self._grouped_sheet(workbook, formats, _("By Bucket"), records, "bucket",
                            ("principal", "interest", "penalty_interest", "amount"))
        self._grouped_sheet(workbook, formats, _("By Collector"), records, "office_user_id", ("amount",))


class RollRateXlsx(models.AbstractModel):
    _name = "report.loan_collection.roll_rate_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Roll Rate Report XLSX"
    _xlsx_columns = ("date_from", "date_to", "company_id", "product_id", "office_user_id", "contract_id",
                     "partner_id", "bucket_from", "bucket_to", "amount_from", "amount_to")
    _xlsx_totals = ("amount_from", "amount_to")

    def _summary_sheets(self, workbook, formats, records):
        """One matrix per pair of month-ends: amounts and roll rates from each bucket (rows) to
        each bucket at the next month-end (columns)."""
        Report = self.env["collection.roll.rate.report"]
        from_labels = dict(Report._bucket_selection())
        to_labels = dict(Report._bucket_to_selection())
        for date_from in sorted(set(records.mapped("date_from"))):
            subset = records.filtered(lambda r: r.date_from == date_from)
            from_keys, to_keys, cells, totals = Report._matrix(subset)
            sheet = workbook.add_worksheet(sheet_name(_("Roll %s") % date_from[:7]))
            sheet.write(0, 0, _("Roll rates from %s to %s") % (date_from, subset[:1].date_to), formats["title"])
            sheet.write(2, 0, _("From \\ To"), formats["header"])
            sheet.set_column(0, 2 * len(to_keys) + 1, 14)
            for col, key in enumerate(to_keys, start=1):
                sheet.write(2, col, to_labels.get(key, key), formats["header"])
                sheet.write(2, len(to_keys) + 1 + col, "%s %%" % to_labels.get(key, key), formats["header"])
            sheet.write(2, len(to_keys) + 1, _("Total"), formats["header"])
            for row, key_from in enumerate(from_keys, start=3):
                sheet.write(row, 0, from_labels.get(key_from, key_from), formats["header"])
                for col, key_to in enumerate(to_keys, start=1):
                    amount = cells.get((key_from, key_to), 0.0)
                    sheet.write(row, col, round(amount, 2), formats["money"])
                    sheet.write(row, len(to_keys) + 1 + col,
                                amount / totals[key_from] if totals[key_from] else 0, formats["percent"])
                sheet.write(row, len(to_keys) + 1, round(totals[key_from], 2), formats["total_money"])


class PerformanceXlsx(models.AbstractModel):
    _name = "report.loan_collection.performance_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Collector Performance XLSX"
    _xlsx_columns = ("date", "user_id", "company_id", "contact_count", "rpc_count", "promise_count",
                     "promise_kept_count", "amount_promised", "amount_recovered")
    _xlsx_totals = ("contact_count", "rpc_count", "promise_count", "promise_kept_count", "amount_promised",
                    "amount_recovered")


class RecoveryRateXlsx(models.AbstractModel):
    _name = "report.loan_collection.recovery_rate_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Recovery Rate XLSX"
    _xlsx_columns = ("case_id", "partner_id", "company_id", "product_id", "office_user_id", "stage",
                     "last_channel", "legal_stage", "recovered_debtor", "recovered_guarantor",
                     "recovered_settlement", "recovered_court", "recovered", "outstanding", "written_off",
                     "exposure", "recovery_rate")
    _xlsx_totals = ("recovered_debtor", "recovered_guarantor", "recovered_settlement", "recovered_court",
                    "recovered", "outstanding", "written_off", "exposure")

    def _summary_sheets(self, workbook, formats, records):
        records = records.sorted(lambda r: (r.last_channel or "", r.legal_stage or ""))
        sums = ("recovered_debtor", "recovered_guarantor", "recovered_settlement", "recovered_court",
                "recovered", "exposure")
        self._grouped_sheet(workbook, formats, _("By Channel"), records, "last_channel", sums,
                            rate=("recovered", "exposure"))
        self._grouped_sheet(workbook, formats, _("By Legal Stage"), records.sorted(lambda r: r.legal_stage or ""),
                            "legal_stage", sums,
                            rate=("recovered", "exposure"))


class ReconciliationXlsx(models.AbstractModel):
    _name = "report.loan_collection.reconciliation_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Recovery Reconciliation XLSX"
    _xlsx_columns = ("date", "case_id", "contract_id", "partner_id", "company_id", "claimed", "awarded",
                     "recovered_debtor", "recovered_guarantor", "recovered_settlement", "recovered_court",
                     "other_payments", "recovered", "legal_costs_spent", "costs_recovered", "net_recovery",
                     "written_off", "outstanding")
    _xlsx_totals = ("claimed", "awarded", "recovered_debtor", "recovered_guarantor", "recovered_settlement",
                    "recovered_court", "other_payments", "recovered", "legal_costs_spent", "costs_recovered",
                    "net_recovery", "written_off", "outstanding")


class LegalPipelineXlsx(models.AbstractModel):
    """The legal pipeline: cases and value per legal stage, average days in the stage, court
    deadlines near. The rows come from collection.legal.figures._legal_pipeline_rows(), which
    loan_legal overrides with its stages and deadlines; the report action is registered here on
    collection cases (all cases when none is selected)."""
    _name = "report.loan_collection.legal_pipeline_xlsx"
    _inherit = "report.loan_collection.xlsx_base"
    _description = "Legal Pipeline XLSX"

    def _title(self, records):
        return _("Legal Pipeline")

    def generate_xlsx_report(self, workbook, data, records):
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(sheet_name(_("Legal Pipeline")))
        sheet.write(0, 0, _("Legal Pipeline"), formats["title"])
        headers = [_("Legal Stage"), _("Cases"), _("Value"), _("Average Days in Stage"),
                   _("Deadlines within 7 Days")]
        for col, label in enumerate(headers):
            sheet.write(2, col, label, formats["header"])
            sheet.set_column(col, col, 20)
        row, cases, value, deadlines = 2, 0, 0.0, 0
        for line in self.env["collection.legal.figures"]._legal_pipeline_rows():
            row += 1
            sheet.write(row, 0, line["stage"])
            sheet.write(row, 1, line["cases"])
            sheet.write(row, 2, round(float(line["value"]), 2), formats["money"])
            sheet.write(row, 3, line["avg_days"])
            sheet.write(row, 4, line["deadlines_near"])
            cases += line["cases"]
            value += float(line["value"])
            deadlines += line["deadlines_near"]
        row += 1
        sheet.write(row, 0, _("Total"), formats["total_label"])
        sheet.write(row, 1, cases, formats["total_label"])
        sheet.write(row, 2, round(value, 2), formats["total_money"])
        sheet.write(row, 4, deadlines, formats["total_label"])
