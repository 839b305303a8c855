"""Shared fixtures: staff in each role, a borrower with a guarantor, and a helper to make an
active loan contract with its installments."""
import datetime

from odoo.tests.common import SavepointCase

from ..services import clock


def china_time(local):
    """Freeze the product's clock (services/clock.py) at ``local`` China time, 'YYYY-MM-DD HH:MM'.

    A context manager: within it "now" and "today" are what they would be at that moment in China,
    whatever the hour the suite runs at and whatever the machine's time zone.
    """
    moment = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M")
    return clock.frozen(clock.to_utc(moment, "Asia/Shanghai"))


class LoanCase(SavepointCase):

    # Odoo's runner: after both addons are loaded (loan_legal extends the collection models).
    at_install = False
    post_install = True

    @classmethod
    def setUpClass(cls):
        super(LoanCase, cls).setUpClass()
        # English messages in assertions (the admin's language is Chinese, which _() would use otherwise).
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="Asia/Shanghai", lang="en_US"))
        # Allocation by rules is tested on its own (test_case_allocation.py); elsewhere the cases keep
        # their contract's collectors, as in a company without rules (the demo data has some).
        cls.env["collection.allocation.rule"].search([]).write({"active": False})
        user = cls.make_user
        cls.office = user("t_office", "loan_collection.group_collector_office")
        cls.office2 = user("t_office2", "loan_collection.group_collector_office")
        cls.field = user("t_field", "loan_collection.group_collector_field")
        cls.manager = user("t_manager", "loan_collection.group_collection_manager")
        cls.finance = user("t_finance", "loan_collection.group_loan_finance")
        cls.plain = user("t_plain", "base.group_user")
        cls.borrower = cls.env["res.partner"].create({
            "name": "测试借款人甲", "identity_type": "resident_id", "identity_number": "110105198503120012"})
        cls.guarantor = cls.env["res.partner"].create({"name": "测试担保人乙"})
        cls.product = cls.env.ref("loan_collection.loan_product_guaranteed")
        cls.bank_journal = cls.env["account.journal"].search([("type", "=", "bank")], limit=1)

    @classmethod
    def make_user(cls, login, *groups):
        """A user with these groups (xml ids) only."""
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "email": "%s@example.com" % login, "tz": "Asia/Shanghai",
            "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
        })

    @classmethod
    def make_contract(cls, principal=120000, method="equal_installment", disbursed="2026-01-15",
                      maturity="2027-01-15", rate=12.0, borrower=None, office=None, field=None, activate=True,
                      guarantor_role="counter_guarantor"):
        """An active contract of the borrower, guaranteed jointly by cls.guarantor (a counter-guarantor
        by default, who answers to the guarantor and not to the lender; guarantor_role="guarantor" for
        a guarantor the lender sues and sends demands to)."""
        contract = cls.env["loan.contract"].create({
            "partner_id": (borrower or cls.borrower).id,
            "product_id": cls.product.id,
            "principal": principal,
            "date_disbursed": disbursed,
            # The bank's transfer record (实际发放): the whole principal, that day.
            "disbursed_amount": principal,
            "disbursement_date": disbursed,
            "date_maturity": maturity,
            "annual_rate": rate,
            "repayment_method": method,
            "office_user_id": (office or cls.office).id,
            "field_user_id": (field or cls.field).id,
            "guarantee_ids": [(0, 0, {"partner_id": cls.guarantor.id, "role": guarantor_role,
                                      "guarantee_type": "joint"})],
        })
        if activate:
            contract.action_activate()
        return contract

    @classmethod
    def run_on(cls, date):
        return cls.env["collection.case"].run_daily(date)


def pdf_page_counts(documents):
    """{name: pages} of each .docx in ``documents`` ({name: bytes}) as LibreOffice lays it out on
    A4 — how a reader's word processor paginates it. One LibreOffice run for all of them."""
    import os
    import shutil
    import subprocess
    import tempfile

    import PyPDF2

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed to count pages: `make test` installs it (tools/lib.sh)."
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in documents.items():
            paths.append(os.path.join(folder, name + ".docx"))
            with open(paths[-1], "wb") as stream:
                stream.write(content)
        subprocess.run([soffice, "-env:UserInstallation=file://%s/profile" % folder, "--headless",
                        "--convert-to", "pdf", "--outdir", folder] + paths,
                       check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        counts = {}
        for name in documents:
            with open(os.path.join(folder, name + ".pdf"), "rb") as stream:
                counts[name] = PyPDF2.PdfFileReader(stream).getNumPages()
        return counts


def assert_rendered_as_docxtpl(test, template_bytes, data, name):
    """The prepared rendering of docx_render (a template parsed once, its filled parts added to a
    zip of the rest) gives the package docxtpl makes from the same template and data: every part
    byte for byte, and the document properties (which docxtpl writes back even when empty) the
    same."""
    import io
    import zipfile
    from docx import Document
    from ..services import docx_render
    prepared = docx_render.render(template_bytes, data)
    reference = docx_render._render_docxtpl(template_bytes, data)
    ours, theirs = zipfile.ZipFile(io.BytesIO(prepared)), zipfile.ZipFile(io.BytesIO(reference))
    test.assertEqual(sorted(ours.namelist()), sorted(theirs.namelist()), name)
    for member in theirs.namelist():
        if member != "docProps/core.xml":
            test.assertEqual(ours.read(member), theirs.read(member), "%s: %s" % (name, member))
    properties = [Document(io.BytesIO(content)).core_properties for content in (prepared, reference)]
    for attribute in ("author", "title", "subject", "comments", "created", "revision"):
        test.assertEqual(*[getattr(p, attribute) or None for p in properties], msg="%s: %s" % (name, attribute))
    test.assertEqual(docx_render.document_text(prepared), docx_render.document_text(reference), name)
    return prepared
