"""What a Chinese user reads (issue 15, items 8 and 9): no English word, technical key or seconds
where the product composes, labels or lists something."""
import re

from lxml import etree

from odoo.exceptions import AccessError

from .common import LoanCase

CJK = re.compile(r"[\u4e00-\u9fff]")


class TestChineseLabels(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestChineseLabels, cls).setUpClass()
        cls.phone = cls.env["collection.contact.point"].create(
            {"partner_id": cls.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        cls.contract = cls.make_contract()
        cls.env["collection.case"].run_daily("2026-02-16")
        cls.case = cls.contract.case_ids
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def log(self, local_time, user, **values):
        """A connected call at `local_time` China time on 2026-02-16 (UTC+8)."""
        hour, minute = map(int, local_time.split(":"))
        vals = {"case_id": self.case.id, "date": "2026-02-16 %02d:%02d:00" % (hour - 8, minute), "channel": "phone",
                "party": "debtor", "contact_point_id": self.phone.id, "connected": True, "outcome": "rpc"}
        vals.update(values)
        return self.env["collection.contact.log"].sudo(user).create(vals)

    def selection(self, model, field):
        return dict(self.zh[model].fields_get([field])[field]["selection"])

    def view_node(self, xmlid, xpath):
        view = self.env.ref(xmlid)
        arch = self.zh[view.model].fields_view_get(view.id, view.type)["arch"]
        nodes = etree.fromstring(arch).xpath(xpath)
        self.assertEqual(len(nodes), 1, xpath)
        return nodes[0]

    def test_recovery_rate_rows_by_channel_and_stage_in_chinese(self):
        channels = self.selection("collection.recovery.rate.report", "last_channel")
        self.assertEqual((channels["phone"], channels["visit"]), ("电话", "上门"))
        stages = self.selection("collection.recovery.rate.report", "stage")
        self.assertEqual(stages, self.selection("collection.case", "stage"))
        self.assertTrue(all(CJK.search(label) for label in stages.values()), stages)

    def test_aging_bucket_current_in_chinese(self):
        for model in ("collection.case", "account.invoice", "collection.aging.report"):
            labels = self.selection(model, "aging_bucket" if model != "collection.aging.report" else "bucket")
            self.assertEqual(labels.get("current", labels.get("b000")), "未逾期", model)
        installment = self.contract.invoice_ids.filtered(lambda i: i.aging_bucket == "current")[:1]
        self.assertTrue(installment)
        self.assertEqual(dict(installment._fields["aging_bucket"]._description_selection(self.zh))[
            installment.aging_bucket], "未逾期")

    def test_overridden_rule_named_in_chinese(self):
        for hour in ("09:00", "10:00", "11:00"):
            self.log(hour, self.office)
        log = self.log("12:00", self.manager, override_reason="借款人要求中午回电")
        self.assertEqual(log.overridden_rules, "daily_connected_limit")
        self.assertEqual(log.with_context(lang="zh_CN").overridden_rules_label, "同一人每日接通次数上限")
        form = self.view_node("loan_collection.collection_contact_log_view_form",
                              "//field[@name='overridden_rules_label']")
        self.assertNotEqual(form.get("invisible"), "1")

    def test_access_error_names_the_groups_in_chinese(self):
        with self.assertRaises(AccessError) as refusal:
            self.env["collection.aging.report"].sudo(self.office).with_context(lang="zh_CN").search([])
        message = str(refusal.exception)
        manager = self.env.ref("loan_collection.group_collection_manager")
        self.assertIn(manager.with_context(lang="zh_CN").full_name, message)
        self.assertTrue(CJK.search(manager.with_context(lang="zh_CN").full_name))
        self.assertNotIn(manager.with_context(lang="en_US").full_name, message)

    def test_record_rule_refusal_names_the_record_in_chinese(self):
        """Another collector's case: the refusal named it "Collection Case" and the operation "read"."""
        with self.assertRaises(AccessError) as refusal:
            self.case.sudo(self.office2).with_context(lang="zh_CN").read(["name"])
        message = str(refusal.exception)
        model = self.zh["ir.model"]._get("collection.case").name
        self.assertTrue(CJK.search(model))
        self.assertIn(model, message)
        self.assertIn("查看", message)
        self.assertNotIn("Collection Case", message)

    def test_worklist_icons_say_what_they_do(self):
        """The icons' tooltips were the states' words: 未结 (Open) and 已完成 (Done)."""
        tree = "loan_collection.collection_task_view_tree"
        self.assertEqual(self.view_node(tree, "//button[@name='action_open_case']").get("string"), "打开案件")
        self.assertEqual(self.view_node(tree, "//button[@name='action_done']").get("string"), "标记完成")

    def test_template_column_in_chinese(self):
        for xmlid in ("loan_collection.loan_document_view_tree", "loan_collection.loan_document_view_form"):
            self.assertEqual(self.view_node(xmlid, "//field[@name='template_id']").get("string"), "模板")

    def test_notice_file_named_in_chinese(self):
        self.case.sudo(self.field).with_context(lang="en_US").action_generate_notice()
        notice = self.case.notice_ids
        self.assertTrue(notice.attachment_id.name.startswith("逾期催收通知书-"), notice.attachment_id.name)

    def test_demo_texts_composed_in_chinese(self):
        """The demo history is composed once the addon's translations are loaded: file names,
        installments and activities read in Chinese."""
        documents = self.env["loan.document"].search([("doc_type", "=", "overdue_notice")])
        self.assertTrue(documents)
        self.assertFalse([d.name for d in documents if not d.name.startswith("逾期催收通知书-")])
        demo = self.env.ref("loan_collection.loan_contract_c1_demo")
        self.assertFalse([i.name for i in demo.invoice_ids if "installment" in (i.name or "")])
        cases = self.env["collection.case"].browse()
        for key in ("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"):
            cases |= self.env.ref("loan_collection.loan_contract_%s_demo" % key).case_ids
        summaries = self.env["mail.activity"].search([("res_model", "=", "collection.case"),
                                                      ("res_id", "in", cases.ids)]).mapped("summary")
        self.assertTrue(summaries)
        self.assertFalse([s for s in summaries if s and not CJK.search(s)])

    def test_times_to_the_minute_and_dates_where_time_means_nothing(self):
        """Item 9: a date and time in a list fits on one line (no seconds), and where the time
        means nothing the list shows the day only."""
        self.assertEqual(self.env.ref("base.lang_zh_CN").time_format, "%H:%M")
        self.assertEqual(self.view_node("loan_collection.loan_document_view_tree", "//field[@name='date']")
                         .get("widget"), "date")
        self.assertEqual(self.view_node("loan_collection.loan_document_template_view_tree",
                                        "//field[@name='write_date']").get("widget"), "date")
        # Every date and time a list of the product shows has been judged: the time matters there
        # (contacts and the conduct rules, the identity-number audit, when a run, a batch or an import started).
        time_matters = {("collection.contact.log", "date"), ("loan.identity.access.log", "date"),
                        ("collection.run", "create_date"), ("loan.document.batch", "create_date"),
                        ("loan.portfolio.import", "date_started")}
        shown = set()
        for view in self.env["ir.ui.view"].search([("type", "=", "tree")]):
            if not view.get_external_id()[view.id].startswith(("loan_collection.", "loan_legal.")):
                continue
            fields = self.env[view.model].fields_get()
            arch = etree.fromstring(self.env[view.model].fields_view_get(view.id, "tree")["arch"])
            for node in arch.iter("field"):
                if fields.get(node.get("name"), {}).get("type") == "datetime" and node.get("invisible") != "1" \
                        and node.get("widget") != "date":
                    shown.add((view.model, node.get("name")))
        self.assertEqual(shown - time_matters, set())
