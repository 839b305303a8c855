"""Transfer to legal: one open legal case per contract on every path (the transfer again, a direct
create or write over RPC, reopening), and the lawyer chosen by rule and told by an activity."""
import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.loan_collection.tests.common import china_time

from .common import LegalTestCase


class TestOneLegalCasePerContract(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestOneLegalCasePerContract, cls).setUpClass()
        cls.contract = cls.make_contract()
        cls.run_on("2026-03-20")
        cls.collection = cls.contract.case_ids
        with china_time("2026-03-20 10:00"):
            action = cls.collection.sudo(cls.manager).action_transfer_to_legal()
        cls.legal = cls.LegalCase.browse(action["res_id"])

    def assertNamesTheCase(self, message):
        self.assertIn(self.legal.name, message)
        self.assertIn(self.contract.name, message)
        self.assertIn("already has an open legal case", message)

    def test_transfer_again_is_refused_naming_the_legal_case(self):
        # The collection case is active again (e.g. handed back), and a manager transfers it again.
        self.collection.sudo().write({"stage": "contacting"})
        with self.assertRaises(UserError) as refused:
            self.collection.sudo(self.manager).action_transfer_to_legal()
        self.assertNamesTheCase(refused.exception.name)
        self.assertEqual(self.LegalCase.search_count([("contract_id", "=", self.contract.id)]), 1)
        # Refused before anything was written: the case is still active.
        self.assertEqual(self.collection.stage, "contacting")

    def test_second_collection_case_on_the_contract_is_refused_too(self):
        # The first case left collection and its installments are no longer marked in litigation:
        # the next daily run opens a new collection case on the same contract.
        self.collection.sudo().write({"stage": "settled"})
        self.contract.invoice_ids.sudo().write({"in_litigation": False})
        self.run_on("2026-03-21")
        second = self.contract.case_ids.filtered("is_open")
        self.assertEqual(len(second), 1)
        with self.assertRaises(UserError) as refused:
            second.sudo(self.manager).action_transfer_to_legal()
        self.assertNamesTheCase(refused.exception.name)

    def test_direct_create_over_rpc_is_refused(self):
        for user in (self.lawyer, self.legal_manager):
            with self.assertRaises(ValidationError) as refused:
                self.LegalCase.sudo(user).create({"contract_id": self.contract.id, "court_id": self.court.id})
            self.assertNamesTheCase(refused.exception.name)
        self.assertEqual(self.LegalCase.search_count([("contract_id", "=", self.contract.id)]), 1)

    def test_moving_another_case_onto_the_contract_is_refused(self):
        other = self.make_legal_case()
        with self.assertRaises(ValidationError) as refused:
            other.sudo(self.lawyer).write({"contract_id": self.contract.id})
        self.assertNamesTheCase(refused.exception.name)
        self.assertNotEqual(other.contract_id, self.contract)

    def test_the_database_keeps_one_open_case_per_contract(self):
        # Two transfers at the same moment both pass the check: the partial unique index stops the second.
        other = self.make_legal_case()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE legal_case SET contract_id = %s WHERE id = %s", (self.contract.id, other.id))

    def test_after_closing_a_new_one_may_open_but_the_old_one_not_reopen(self):
        self.legal.sudo(self.lawyer).write({"closing_reason": "withdrawn"})
        self.legal.sudo(self.lawyer).action_close()
        second = self.LegalCase.sudo(self.lawyer).create({"contract_id": self.contract.id, "court_id": self.court.id})
        self.assertEqual(second.stage, "preparation")
        with self.assertRaises(ValidationError) as refused:
            self.legal.sudo(self.legal_manager).action_reopen()
        self.assertIn(second.name, refused.exception.name)
        self.assertEqual(self.legal.stage, "closed")


class TestLawyerByRule(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestLawyerByRule, cls).setUpClass()
        cls.contracts = [cls.make_contract() for _i in range(3)]
        cls.run_on("2026-03-20")

    def open_cases(self, user):
        return self.LegalCase.search_count([("lawyer_id", "=", user.id), ("stage", "!=", "closed")])

    def transfer(self, contract):
        with china_time("2026-03-20 10:00"):
            action = contract.case_ids.sudo(self.manager).action_transfer_to_legal()
        return self.LegalCase.browse(action["res_id"])

    def test_least_loaded_legal_user_then_spread(self):
        candidates = self.env.ref("loan_legal.group_legal_user").users - \
            self.env.ref("loan_legal.group_legal_manager").users - self.env.ref("base.user_root")
        loads = {user: self.open_cases(user) for user in candidates}
        legal = self.transfer(self.contracts[0])
        self.assertIn(legal.lawyer_id, candidates)
        self.assertEqual(loads[legal.lawyer_id], min(loads.values()))
        self.assertNotIn(legal.lawyer_id, self.env.ref("loan_legal.group_legal_manager").users)
        # Give t_lawyer2 the fewest open cases of all: the next transfer goes to him.
        self.env.ref("loan_legal.group_legal_user").users.filtered(
            lambda u: u not in (self.lawyer, self.lawyer2, self.legal_manager) and u.id != 1).write({"active": False})
        if self.open_cases(self.lawyer) <= self.open_cases(self.lawyer2):
            self.make_legal_case(lawyer_id=self.lawyer.id)
        second = self.transfer(self.contracts[1])
        self.assertEqual(second.lawyer_id, self.lawyer2)

    def test_company_default_lawyer_and_the_activity(self):
        self.env.user.company_id.legal_default_lawyer_id = self.lawyer2
        legal = self.transfer(self.contracts[2])
        self.assertEqual(legal.lawyer_id, self.lawyer2)
        activity = self.env["mail.activity"].search([("res_model", "=", "legal.case"), ("res_id", "=", legal.id),
                                                     ("activity_type_id", "=", self.env.ref(
                                                         "loan_legal.mail_activity_type_legal_handover").id)])
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.user_id, activity.date_deadline), (self.lawyer2, "2026-03-20"))
        self.assertIn(legal.name, activity.summary)
        self.assertIn(self.contracts[2].case_ids.name, activity.note)
        # The lawyer sees it among his own activities.
        self.assertIn(legal, self.LegalCase.sudo(self.lawyer2).search([("activity_user_id", "=", self.lawyer2.id)]))
