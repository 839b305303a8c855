"""The reports' Export XLSX button (issue 15, item 5): the workbook holds every row of the report
as the user has filtered it, not the 80 rows of the page on screen, ordered and summed by the
view's grouping, with sheet titles in the user's language."""
import xlrd

from odoo.exceptions import AccessError

from ..models.res_company import business_today
from .common import LoanCase

PAGE = 80  # rows a list view shows on its first page


class TestReportExport(LoanCase):

    def export(self, user, report, domain, group_by=(), lang="zh_CN"):
        """What the button downloads: the action export_action() returns, rendered as the
        report_xlsx controller renders it."""
        env = self.env(user=user.id, context=dict(self.env.context, lang=lang))
        action = env["report." + report].export_action(domain, list(group_by))
        self.assertEqual((action["type"], action["report_type"]), ("ir.actions.report", "xlsx"))
        content, kind = env["ir.actions.report"]._get_report_from_name(report).render(None, data=action["data"])
        self.assertEqual(kind, "xlsx")
        return xlrd.open_workbook(file_contents=content)

    def test_aging_export_has_every_filtered_row_and_chinese_sheets(self):
        Aging = self.env["collection.aging.report"]
        excluded = Aging.search([], limit=1).contract_id
        domain = [("contract_id", "!=", excluded.id)]
        expected = Aging.sudo(self.finance).search(domain)
        self.assertGreater(len(expected), PAGE, "the demo portfolio has more aging rows than a page")
        self.assertLess(len(expected), Aging.search_count([]), "the filter leaves some rows out")

        book = self.export(self.finance, "loan_collection.aging_xlsx", domain, group_by=["bucket"])
        self.assertEqual(book.sheet_names(), ["账龄报表", "分组合计", "按账龄区间", "按催收员"])
        sheet = book.sheet_by_index(0)
        self.assertEqual(sheet.cell_value(0, 0), "账龄报表")
        self.assertEqual(sheet.row_values(2)[4], "账龄区间")
        rows = [sheet.row_values(r) for r in range(3, sheet.nrows - 1)]
        self.assertEqual(len(rows), len(expected))
        self.assertIn(sheet.cell_value(sheet.nrows - 1, 0), ("合计", "总计"))  # "Total": other addons translate it too
        self.assertAlmostEqual(sheet.cell_value(sheet.nrows - 1, 13), sum(expected.mapped("amount")), places=2)
        # Ordered by the grouping: the buckets come in order, the not-yet-due first ("未逾期").
        labels = dict(Aging.with_context(lang="zh_CN").fields_get(["bucket"])["bucket"]["selection"])
        order = [labels[key] for key in sorted(set(expected.mapped("bucket")))]
        seen = []
        for row in rows:
            if not seen or seen[-1] != row[4]:
                seen.append(row[4])
        self.assertEqual(seen, order)
        self.assertEqual(seen[0], "未逾期")
        # The totals of each group of the view's grouping, as the pivot shows them.
        groups = book.sheet_by_name("分组合计")
        self.assertEqual(groups.cell_value(0, 0), "账龄区间")
        self.assertEqual([groups.cell_value(r, 0) for r in range(1, groups.nrows)], order)
        self.assertEqual(sum(groups.cell_value(r, 1) for r in range(1, groups.nrows)), len(expected))

    def test_export_without_filter_or_grouping_has_every_row(self):
        count = self.env["collection.aging.report"].search_count([])
        book = self.export(self.manager, "loan_collection.aging_xlsx", [])
        self.assertEqual(book.sheet_by_index(0).nrows, 3 + count + 1)
        self.assertNotIn("分组合计", book.sheet_names())

    def test_every_report_action_offers_the_button(self):
        """Each report's window action names its XLSX report (the JS button reads the context key)
        and the export renders with Chinese sheet titles."""
        titles = {
            "collection_aging_report_action": "账龄报表",
            "collection_roll_rate_report_action": "迁徙率报表",
            "collection_performance_report_action": "催收员绩效",
            "collection_recovery_rate_report_action": "回收率",
            "collection_reconciliation_report_action": "回款对账",
        }
        for xmlid, title in titles.items():
            action = self.env.ref("loan_collection." + xmlid)
            report = eval(action.context)["xlsx_export_report"]
            book = self.export(self.manager, report, [], group_by=["company_id"])
            self.assertEqual(book.sheet_names()[0], title[:31], xmlid)
            self.assertEqual(book.sheet_names()[1], "分组合计", xmlid)

    def test_export_keeps_the_access_rules(self):
        with self.assertRaises(AccessError):
            self.export(self.office, "loan_collection.aging_xlsx", [])

    def test_file_names_in_chinese(self):
        Aging = self.env["report.loan_collection.aging_xlsx"].with_context(lang="zh_CN")
        today = business_today(Aging)
        self.assertEqual(Aging._xlsx_file_name(), "账龄报表-%s.xlsx" % today)
        pipeline = self.env["report.loan_collection.legal_pipeline_xlsx"].with_context(lang="zh_CN")
        self.assertEqual(pipeline._xlsx_file_name(), "诉讼进度-%s.xlsx" % today)
