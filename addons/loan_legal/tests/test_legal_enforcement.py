"""Enforcement: the debtors' assets from lead to proceeds, and restrictions from application
to lifting (no minor on the dishonest-debtor list)."""
from odoo.exceptions import UserError, ValidationError

from odoo.addons.loan_collection.services import identity

from .common import LegalTestCase


class TestAssets(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestAssets, cls).setUpClass()
        cls.case = cls.make_legal_case()
        cls.asset = cls.env["legal.asset"].sudo(cls.lawyer).create({
            "case_id": cls.case.id, "partner_id": cls.borrower.id, "asset_type": "real_estate",
            "name": "杭州市西湖区文三路88号3幢1单元1502室", "estimated_value": 1850000.0,
            "prior_liens": 920000.0, "source": "own"})

    def test_life_cycle_from_lead_to_release(self):
        asset = self.asset
        self.assertEqual((asset.state, asset.value_left), ("lead", 930000.0))
        asset.action_request_search()
        self.assertEqual(asset.state, "search_requested")
        self.assertTrue(asset.search_date)
        asset.action_found()
        with self.assertRaisesRegex(UserError, "cannot be frozen without the court's order"):
            asset.action_freeze()
        self.assertEqual(asset.state, "found")
        self.assertFalse(self.deadline(self.case, "preservation_expiry", asset=asset))
        asset.write({"freeze_order_number": "（2025）浙0106执保45号", "freeze_date": "2025-08-15"})
        asset.action_freeze()
        self.assertEqual((asset.state, asset.freeze_expiry), ("frozen", "2028-08-15"))
        self.assertEqual(self.deadline(self.case, "preservation_expiry", asset=asset).state, "open")
        self.assertEqual(self.deadline(self.case, "preservation_renew_by", asset=asset).date, "2028-08-08")
        with self.assertRaisesRegex(UserError, "enter the amount realised"):
            asset.action_realise()
        asset.write({"realised_amount": 1500000.0, "realised_date": "2026-03-18"})
        asset.action_realise()
        asset.write({"paid_amount": 1600000.0, "paid_date": "2026-04-20"})
        with self.assertRaisesRegex(UserError, "cannot exceed the amount realised"):
            asset.action_paid()
        asset.paid_amount = 580000.0
        asset.action_paid()
        self.assertEqual(asset.state, "paid")
        # Once realised, the preservation deadlines are done.
        self.assertEqual(self.deadline(self.case, "preservation_expiry", asset=asset).state, "done")
        self.assertEqual(self.deadline(self.case, "preservation_renew_by", asset=asset).state, "done")
        asset.action_release()
        self.assertEqual(asset.state, "released")
        self.assertTrue(asset.release_date)

    def test_steps_out_of_order_refused(self):
        with self.assertRaisesRegex(UserError, "can become Realised only from Frozen or Seized"):
            self.asset.action_realise()
        with self.assertRaisesRegex(UserError, "can become Released only from"):
            self.asset.action_release()
        self.assertEqual(self.asset.state, "lead")

    def test_frozen_without_order_refused_on_any_write(self):
        with self.assertRaisesRegex(ValidationError, "cannot be frozen without the court's order"):
            self.asset.sudo()._write_state({"state": "frozen", "freeze_date": "2025-08-15"})
        self.assertEqual((self.asset.state, self.asset.freeze_date), ("lead", False))

    def test_owner_must_be_a_defendant(self):
        stranger = self.env["res.partner"].create({"name": "案外人"})
        with self.assertRaisesRegex(ValidationError, "is not a defendant of case"):
            self.asset.partner_id = stranger
        self.assertEqual(self.asset.partner_id, self.borrower)

    def test_court_expiry_prevails_and_must_follow_the_freeze(self):
        self.asset.write({"freeze_order_number": "（2025）浙0106执保45号", "freeze_date": "2025-08-15",
                          "freeze_expiry": "2027-08-14"})
        self.asset.action_freeze()
        self.assertEqual(self.deadline(self.case, "preservation_expiry", asset=self.asset).date, "2027-08-14")
        with self.assertRaisesRegex(ValidationError, "must be after the freeze date"):
            self.asset.freeze_expiry = "2025-08-01"
        # Cleared in the form: back to the estimate from the asset type.
        self.asset.write({"freeze_expiry": False})
        self.assertEqual(self.asset.freeze_expiry, "2028-08-15")


class TestRestrictions(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestRestrictions, cls).setUpClass()
        cls.case = cls.make_legal_case()
        cls.Restriction = cls.env["legal.restriction"].sudo(cls.lawyer)

    def test_life_cycle_applied_effective_lifted(self):
        restriction = self.Restriction.create({
            "case_id": self.case.id, "kind": "consumption", "debtor_id": self.borrower.id,
            "partner_id": self.borrower.id, "application_date": "2025-12-01"})
        self.assertEqual(restriction.state, "applied")
        with self.assertRaisesRegex(UserError, "enter the order number and the effective date"):
            restriction.action_effective()
        restriction.write({"order_number": "（2025）浙0106执890号", "effective_date": "2025-12-05"})
        restriction.action_effective()
        self.assertEqual(restriction.state, "effective")
        self.assertFalse(restriction.end_date)  # a consumption restriction has no fixed term
        with self.assertRaisesRegex(UserError, "without the lift date and the reason"):
            restriction.action_lift()
        restriction.write({"lift_date": "2026-05-10", "lift_reason": "performance"})
        restriction.action_lift()
        self.assertEqual(restriction.state, "lifted")

    def test_listing_ends_after_two_years_and_its_deadline_is_done_when_lifted(self):
        listing = self.Restriction.create({
            "case_id": self.case.id, "kind": "dishonest", "debtor_id": self.borrower.id,
            "partner_id": self.borrower.id, "ground": "evades", "application_date": "2025-12-01",
            "order_number": "（2025）浙0106执890号之二", "effective_date": "2025-12-10"})
        listing.action_effective()
        self.assertEqual(listing.end_date, "2027-12-10")
        end = self.deadline(self.case, "restriction_end", restriction=listing)
        self.assertEqual(end.date, "2027-12-10")
        listing.write({"lift_date": "2026-02-01", "lift_reason": "consent"})
        listing.action_lift()
        self.assertEqual(end.state, "done")

    def test_listing_needs_a_ground_and_a_period_of_two_to_five_years(self):
        values = {"case_id": self.case.id, "kind": "dishonest", "debtor_id": self.borrower.id,
                  "partner_id": self.borrower.id, "application_date": "2025-12-01"}
        with self.assertRaisesRegex(ValidationError, "Choose the ground"):
            self.Restriction.create(values)
        with self.assertRaisesRegex(ValidationError, "enter 2 to 5 years"):
            self.Restriction.create(dict(values, ground="evades", listing_years=6,
                                         listing_aggravation="several_acts"))
        # 失信名单规定 第二条: more than 2 years only for violence or threats, or several dishonest acts.
        with self.assertRaisesRegex(ValidationError, "needs the ground for the longer listing"):
            self.Restriction.create(dict(values, ground="evades", listing_years=3))

    def test_minor_never_listed(self):
        number = "33010620120315002"
        minor = self.env["res.partner"].create({
            "name": "未成年被执行人", "identity_type": "resident_id",
            "identity_number": number + identity.resident_id_check_char(number)})
        self.assertEqual(minor.birth_date, "2012-03-15")
        self.case.party_ids = [(0, 0, {"partner_id": minor.id, "role": "other", "note": "继承人"})]
        values = {"case_id": self.case.id, "kind": "dishonest", "debtor_id": minor.id, "partner_id": minor.id,
                  "ground": "able_refuses", "application_date": "2026-03-01"}
        with self.assertRaisesRegex(ValidationError,
                                    "is a minor on 2026-03-01 .* never put on the dishonest-debtor list"):
            self.Restriction.create(values)
        self.assertFalse(self.env["legal.restriction"].search([("partner_id", "=", minor.id)]))
        # A high-consumption restriction is not a listing.
        restriction = self.Restriction.create(dict(values, kind="consumption"))
        with self.assertRaisesRegex(ValidationError, "is a minor"):
            restriction.kind = "dishonest"
        self.assertEqual(restriction.kind, "consumption")
        # An adult on the date of the listing may be listed (the 18th birthday has passed).
        self.Restriction.create(dict(values, application_date="2030-03-16"))

    def test_restriction_only_against_a_defendant(self):
        stranger = self.env["res.partner"].create({"name": "案外人"})
        with self.assertRaisesRegex(ValidationError, "is not a defendant of case"):
            self.Restriction.create({"case_id": self.case.id, "kind": "consumption", "debtor_id": stranger.id,
                                     "partner_id": stranger.id, "application_date": "2025-12-01"})

    def test_company_debtor_binds_its_legal_representative(self):
        company = self.env["res.partner"].create({"name": "杭州某某贸易有限公司", "is_company": True,
                                                  "legal_representative": "钱某"})
        representative = self.env["res.partner"].create({"name": "钱某"})
        self.case.party_ids = [(0, 0, {"partner_id": company.id, "role": "guarantor"})]
        restriction = self.Restriction.create({
            "case_id": self.case.id, "kind": "consumption", "debtor_id": company.id,
            "partner_id": representative.id, "person_role": "legal_representative",
            "application_date": "2025-12-01"})
        self.assertEqual(restriction.display_name, "High-consumption Restriction: 钱某")
        self.assertEqual(restriction.debtor_id, company)
