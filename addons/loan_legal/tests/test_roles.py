"""Issue 11, finding 9: each role can do its job (and no more). Fixture users have the groups
of the demo users: finance opens a collection case (its tasks included) and registers a
recovery from it; the collection manager follows the legal cases (Litigation menu); the legal
manager has the Reports menu with the legal pipeline; collection managers and finance record
debtors, collectors do not."""
from odoo.exceptions import AccessError

from .common import LegalTestCase


class TestRoles(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestRoles, cls).setUpClass()
        cls.contract = cls.make_contract()
        cls.run_on("2026-02-28")
        cls.case = cls.contract.case_ids
        cls.legal_case = cls.make_legal_case(contract=cls.contract, collection_case_id=cls.case.id,
                                             lawyer_id=cls.lawyer.id)

    def form_fields(self, records, user):
        view = records.sudo(user).fields_view_get(view_type="form")
        return list(view["fields"])

    def visible_menus(self, user):
        return self.env["ir.ui.menu"].sudo(user)._visible_menu_ids()

    # Finance ------------------------------------------------------------------------------

    def test_finance_opens_a_collection_case_and_registers_a_recovery(self):
        self.assertTrue(self.case.task_ids, "the daily run gives the case a task")
        case = self.case.sudo(self.finance)
        fields = self.form_fields(self.case, self.finance)
        self.assertIn("task_ids", fields)
        values = case.read(fields)[0]
        self.assertEqual(values["task_ids"], self.case.task_ids.ids)
        tasks = case.task_ids
        tasks.read(self.form_fields(tasks, self.finance))
        # Finance reads every case's tasks (not only its own), but changes none.
        self.assertEqual(self.env["collection.task"].sudo(self.finance).search([("case_id", "=", self.case.id)]),
                         self.case.task_ids)
        with self.assertRaises(AccessError):
            tasks[:1].sudo(self.finance).write({"note": "x"} if "note" in tasks._fields else {"user_id": False})
        action = case.action_register_recovery()
        self.assertEqual((action["res_model"], action["context"]["default_case_id"]),
                         ("collection.recovery.register", self.case.id))
        action = case.action_request_writeoff()
        self.assertEqual(action["res_model"], "collection.writeoff")

    # Collection manager -------------------------------------------------------------------

    def test_collection_manager_reads_legal_cases_from_the_litigation_menu(self):
        menus = self.visible_menus(self.manager)
        self.assertIn(self.env.ref("loan_legal.menu_legal").id, menus)
        self.assertIn(self.env.ref("loan_legal.legal_case_menu").id, menus)
        # The legal team's own records stay with the legal team.
        for xml_id in ("loan_legal.legal_deadline_menu", "loan_legal.legal_asset_menu",
                       "loan_legal.legal_cost_menu", "loan_legal.menu_legal_configuration"):
            self.assertNotIn(self.env.ref(xml_id).id, menus, xml_id)
        case = self.legal_case.sudo(self.manager)
        values = case.read(self.form_fields(self.legal_case, self.manager))[0]
        self.assertEqual(values["stage"], "preparation")
        self.assertTrue(values["party_ids"])
        case.party_ids.read(["partner_id", "role"])
        self.assertEqual(self.env["legal.case"].sudo(self.manager).search([("id", "=", self.legal_case.id)]),
                         self.legal_case)
        with self.assertRaises(AccessError):
            case.write({"judge": "x"})
        # Collectors keep no Litigation menu: they read their case's legal status on it.
        self.assertNotIn(self.env.ref("loan_legal.menu_legal").id, self.visible_menus(self.office))

    # Legal manager ------------------------------------------------------------------------

    def test_legal_manager_has_the_reports_he_needs(self):
        menus = self.visible_menus(self.legal_manager)
        self.assertIn(self.env.ref("loan_collection.menu_reports").id, menus)
        self.assertIn(self.env.ref("loan_legal.legal_case_pipeline_menu").id, menus)
        self.assertIn(self.env.ref("loan_collection.legal_pipeline_xlsx_menu").id, menus)
        # Not the collection reports (aging, collectors' performance, the dashboard).
        for xml_id in ("loan_collection.collection_dashboard_menu", "loan_collection.collection_aging_report_menu",
                       "loan_collection.collection_performance_report_menu"):
            self.assertNotIn(self.env.ref(xml_id).id, menus, xml_id)
        figures = self.env["collection.legal.figures"].sudo(self.legal_manager)
        figures.search_read([], limit=5)
        self.assertTrue(figures._legal_pipeline_rows() is not None)
        # A lawyer has no Reports menu.
        self.assertNotIn(self.env.ref("loan_collection.menu_reports").id, self.visible_menus(self.lawyer))

    # Debtors ------------------------------------------------------------------------------

    def test_manager_and_finance_record_debtors_collectors_do_not(self):
        Partner = self.env["res.partner"]
        for user in (self.manager, self.finance):
            debtor = Partner.sudo(user).create({"name": "新债务人%s" % user.login, "mobile": "13800009999"})
            debtor.sudo(user).write({"street": "文三路1号", "city": "杭州市"})
            self.assertEqual(debtor.city, "杭州市")
            with self.assertRaises(AccessError):  # debtors are never deleted by them
                debtor.sudo(user).unlink()
        count = Partner.search_count([])
        for user in (self.office, self.field, self.lawyer, self.plain):
            with self.assertRaises(AccessError):
                Partner.sudo(user).create({"name": "不该有的债务人"})
            with self.assertRaises(AccessError):
                self.borrower.sudo(user).write({"street": "伪造地址"})
        self.assertEqual(Partner.search_count([]), count)
        self.assertNotEqual(self.borrower.street, "伪造地址")
