"""Issue 11, finding 8: a debtor named =HYPERLINK(...) is written as a text in every XLSX export,
never as a formula (or a link) run when the file is opened."""
import io
import re
import zipfile
from xml.etree import ElementTree

from .common import LoanCase

NAME = '=HYPERLINK("http://example.invalid","x")'
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheets(content):
    """{part name: xml} of the worksheets and the shared strings of an .xlsx."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
            if re.match(r"xl/(worksheets/sheet\d+|sharedStrings)\.xml$", name)}


class TestXlsxFormulas(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestXlsxFormulas, cls).setUpClass()
        cls.debtor = cls.env["res.partner"].create({"name": NAME})
        cls.contract = cls.make_contract(borrower=cls.debtor)
        cls.run_on("2026-02-23")
        cls.case = cls.contract.case_ids

    def assertText(self, content):
        parts = sheets(content)
        strings = ElementTree.fromstring(parts["xl/sharedStrings.xml"])
        texts = ["".join(node.itertext()) for node in strings.iter(MAIN + "si")]
        self.assertIn(NAME, texts)
        for name, xml in parts.items():
            root = ElementTree.fromstring(xml)
            self.assertFalse(list(root.iter(MAIN + "f")), "a formula in %s" % name)
            self.assertFalse(list(root.iter(MAIN + "hyperlink")), "a link in %s" % name)

    def test_debtor_name_is_a_text_in_the_recovery_rate_export(self):
        rows = self.env["collection.recovery.rate.report"].search([("case_id", "=", self.case.id)])
        self.assertEqual(rows.mapped("partner_id"), self.debtor)
        content, kind = self.env.ref("loan_collection.collection_recovery_rate_report_xlsx").render(rows.ids, {})
        self.assertEqual(kind, "xlsx")
        self.assertText(content)

    def test_every_xlsx_export_writes_strings_as_strings(self):
        reports = self.env["ir.actions.report"].search([("report_type", "=", "xlsx")])
        ours = reports.filtered(lambda r: r.report_name.split(".")[0] in ("loan_collection", "loan_legal"))
        self.assertTrue(ours)
        for report in ours:
            options = self.env["report.%s" % report.report_name].get_workbook_options()
            self.assertFalse(options.get("strings_to_formulas", True), report.report_name)
            self.assertFalse(options.get("strings_to_urls", True), report.report_name)
