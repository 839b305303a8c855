"""Issue 11, finding 2 (and the identity checks of finding 10): the debtor's private profile is
kept in loan.debtor.profile where access is ruled; every RPC path a collector has (read_group,
search domains and orders, read, export_data, loan.document, ir.attachment) is refused or empty,
and the roles that need the data still get it; full reads are logged."""
from odoo.exceptions import AccessError, ValidationError

from .common import LoanCase

BORROWER_ID = "110105198503120012"


class TestPrivateData(LoanCase):

    @classmethod
    def setUpClass(cls):
        super(TestPrivateData, cls).setUpClass()
        cls.borrower.write({"household_address": "北京市朝阳区", "employer_name": "某公司", "monthly_income": 9000,
                            "temperament_note": "性格急躁"})
        cls.contract = cls.make_contract()
        # Another collector's debtor.
        cls.other_field = cls.make_user("t_field2", "loan_collection.group_collector_field")
        cls.stranger = cls.env["res.partner"].create({
            "name": "测试借款人丙", "identity_type": "resident_id", "identity_number": "330106197908060022",
            "household_address": "浙江省杭州市西湖区", "temperament_note": "失联"})
        cls.other_contract = cls.make_contract(borrower=cls.stranger, office=cls.office2, field=cls.other_field)
        cls.run_on("2026-02-23")
        cls.Partner = cls.env["res.partner"]
        cls.Profile = cls.env["loan.debtor.profile"]
        cls.Log = cls.env["loan.identity.access.log"]

    # read_group and search domains on restricted fields ------------------------------------

    def test_read_group_on_identity_number_is_refused_to_a_collector(self):
        for model in (self.Partner, self.Profile):
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).read_group([("identity_number", "!=", False)], ["identity_number"],
                                                   ["identity_number"])
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).read_group([], ["birth_date"], ["birth_date:year"])
        # The profile's number is not stored on res.partner any more: nothing there to group.
        self.assertFalse(self.Partner._fields["identity_number"].store)
        groups = self.Profile.sudo(self.manager).read_group(
            [("identity_number", "=", BORROWER_ID)], ["identity_number"], ["identity_number"])
        self.assertEqual([g["identity_number"] for g in groups], [BORROWER_ID])

    def test_search_domain_oracle_is_refused(self):
        for model in (self.Partner, self.Profile):
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).search([("identity_number", "=like", "110105%")])
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).search_count([("birth_date", "<", "1990-01-01")])
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).search([], order="identity_number")
        # name_search takes a domain too (the many2one drop-downs): the same refusal.
        for model in (self.Partner, self.Profile):
            with self.assertRaisesRegex(AccessError, "cannot read it"):
                model.sudo(self.office).name_search("", [("identity_number", "=like", "110105%")])
        self.assertTrue(self.Partner.sudo(self.office).name_search("测试借款人甲"))
        # Through a relation too.
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            self.env["loan.contract"].sudo(self.office).search([("partner_id.identity_number", "=like", "1101%")])
        # Managers and finance find a debtor by the number.
        for user in (self.manager, self.finance):
            self.assertEqual(self.Partner.sudo(user).search([("identity_number", "=like", "110105%")]),
                             self.borrower)

    # Profiles: own cases only ------------------------------------------------------------------

    def test_collector_reads_the_profiles_of_her_own_cases_only(self):
        mine = self.borrower.sudo(self.office)
        self.assertEqual(mine.household_address, "北京市朝阳区")
        self.assertEqual(mine.identity_number_masked, "1101**********0012")
        theirs = self.stranger.sudo(self.office).read(["household_address", "temperament_note",
                                                       "identity_number_masked", "monthly_income"])[0]
        self.assertFalse(theirs["household_address"] or theirs["temperament_note"]
                         or theirs["identity_number_masked"] or theirs["monthly_income"])
        self.assertFalse(self.Profile.sudo(self.office).search([("partner_id", "=", self.stranger.id)]))
        profile = self.stranger.debtor_profile_ids
        with self.assertRaises(AccessError):
            profile.sudo(self.office).read(["household_address"])
        with self.assertRaises(AccessError):
            profile.sudo(self.office).write({"temperament_note": "改写"})
        self.assertEqual(profile.temperament_note, "失联")
        # The other collector sees it; a user without a loan role sees no profile at all.
        self.assertEqual(self.stranger.sudo(self.office2).household_address, "浙江省杭州市西湖区")
        self.assertFalse(self.stranger.sudo(self.plain).household_address)

    def test_identity_number_is_not_readable_by_a_collector(self):
        with self.assertRaises(AccessError):
            self.borrower.sudo(self.office).read(["identity_number"])
        with self.assertRaises(AccessError):
            self.borrower.debtor_profile_ids.sudo(self.office).read(["identity_number"])
        exported = self.borrower.sudo(self.office).export_data(["name", "identity_number"])["datas"]
        self.assertEqual(exported, [["测试借款人甲", ""]])
        rows = self.Partner.sudo(self.office).browse(self.stranger.id).export_data(
            ["name", "household_address"])["datas"]
        self.assertEqual(rows[0][1], "")
        # Nor writable: the number stays.
        with self.assertRaisesRegex(AccessError, "identity numbers"):
            self.borrower.sudo(self.office).write({"identity_number": "330106197908060022"})
        self.assertEqual(self.borrower.identity_number, BORROWER_ID)

    # The access log -----------------------------------------------------------------------------

    def test_full_read_is_logged_and_the_log_is_immutable(self):
        before = self.Log.search_count([])
        self.borrower.sudo(self.office).read(["household_address", "identity_number_masked"])
        self.assertEqual(self.Log.search_count([]), before, "masked reads are not logged")
        values = self.borrower.sudo(self.manager).read(["identity_number"])[0]
        self.assertEqual(values["identity_number"], BORROWER_ID)
        log = self.Log.search([], limit=1)
        self.assertEqual(self.Log.search_count([]), before + 1)
        self.assertEqual((log.user_id, log.partner_id, log.channel), (self.manager, self.borrower, "read"))
        self.assertTrue(log.sudo(self.manager).read(["user_id"]))
        for user in (self.office, self.finance):
            with self.assertRaises(AccessError):
                log.sudo(user).read(["partner_id"])
        with self.assertRaisesRegex(AccessError, "cannot be changed"):
            log.write({"user_id": self.office.id})
        with self.assertRaisesRegex(AccessError, "cannot be deleted"):
            log.unlink()
        with self.assertRaises(AccessError):
            self.Log.sudo(self.manager).create({"user_id": self.manager.id, "channel": "read"})
        self.assertEqual(log.user_id, self.manager)

    # Documents ---------------------------------------------------------------------------------

    def test_document_snapshot_is_for_managers(self):
        case = self.contract.case_ids
        case.sudo(self.office).action_generate_notice()
        document = case.document_ids
        with self.assertRaises(AccessError):
            document.sudo(self.office).read(["data_snapshot"])
        with self.assertRaisesRegex(AccessError, "cannot read it"):
            self.env["loan.document"].sudo(self.office).search([("data_snapshot", "ilike", "1101")])
        # The collector still downloads the notice of her own case.
        self.assertTrue(document.sudo(self.office).read(["datas"])[0]["datas"])
        self.assertTrue(document.attachment_id.sudo(self.office).read(["datas"])[0]["datas"])
        self.assertIn("days_overdue", document.sudo(self.manager).read(["data_snapshot"])[0]["data_snapshot"])

    # Identity checks (finding 10) -----------------------------------------------------------------

    def test_two_partners_cannot_share_one_resident_id(self):
        with self.assertRaisesRegex(ValidationError, "already recorded for 测试借款人甲"), self.env.cr.savepoint():
            self.Partner.create({"name": "重复者", "identity_type": "resident_id", "identity_number": BORROWER_ID})
        self.assertFalse(self.Partner.search([("name", "=", "重复者")]))
        other = self.Partner.create({"name": "另一公司", "is_company": True, "identity_type": "credit_code",
                                     "identity_number": "91350100M000100Y43"})
        with self.assertRaisesRegex(ValidationError, "already recorded for 另一公司"), self.env.cr.savepoint():
            self.guarantor.write({"identity_type": "credit_code", "identity_number": "91350100 m000100y43"})
        self.guarantor.invalidate_cache()
        self.assertFalse(self.guarantor.identity_number)
        self.assertEqual(other.identity_number, "91350100M000100Y43")

    def test_passport_and_other_ids_have_a_sane_format(self):
        for kind, number in (("passport", "<SCRIPT>alert(1)</SCRIPT>"), ("other", "<b>x</b>"),
                             ("passport", "E12"), ("other", "--12--")):
            with self.assertRaises(ValidationError) as refused, self.env.cr.savepoint():
                self.guarantor.write({"identity_type": kind, "identity_number": number})
            self.assertNotIn("<", str(refused.exception))
            self.guarantor.invalidate_cache()
            self.assertFalse(self.guarantor.identity_number)
        self.guarantor.write({"identity_type": "passport", "identity_number": "e 1234 5678"})
        self.assertEqual(self.guarantor.identity_number, "E12345678")
        self.guarantor.write({"identity_type": "other", "identity_number": "HK-A123456"})
        self.assertEqual(self.guarantor.identity_number, "HK-A123456")
