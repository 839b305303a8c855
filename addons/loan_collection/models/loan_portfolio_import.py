# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A lender's book imported in the background: contracts, borrowers, guarantors and installments
(already-paid ones with what was paid) from one .xlsx/.csv row per installment.

Finance uploads the file on an import record and starts it; OCA queue_job runs it: one job reads
and checks the file (services/portfolio_import.py) and cuts the contracts that pass into chunks
of about CHUNK_ROWS rows, then one job per chunk writes its contracts and commits. The form shows
the progress; the requester is told in his inbox when it is done. A contract with any bad row
is rejected as a whole and written nowhere; its rows are listed with the reason in the report
of rejected rows (a .csv to download). A chunk that fails is rolled back as a whole, marked
failed with the error, and *Resume* runs it again; a contract already in the database (same
contract number) is skipped, so resuming or importing the same file twice writes nothing twice.
"""
import base64
import csv
import datetime
import io
import json
import time
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.queue_job.job import job

from ..services import identity, spreadsheet
from ..services import portfolio_import as engine
from .base_input_guard import LONG_FIELDS
from .res_company import business_now, business_today

# Rows per background job: each job commits its contracts, the progress moves in steps of this
# size and a failure costs at most one chunk.
CHUNK_ROWS = 2000
IMPORTER_GROUPS = ("loan_collection.group_loan_finance",)
STATES = [("draft", "Draft"), ("queued", "Queued"), ("running", "Running"), ("done", "Done"),
          ("failed", "Failed")]
# What a user may write on his import: the file and the journal, before it starts.
USER_FIELDS = {"file", "filename", "payment_journal_id"}
# A chunk's rows, written by the server (the text guard bounds what users type).
LONG_FIELDS[("loan.portfolio.import.chunk", "payload")] = 50000000


def reason_text(self, code, params):
    """The sentence of a problem found by services/portfolio_import.py, in the language of
    `self`'s environment (a record: _() finds the language through the name `self`)."""
    texts = {
        "no_contract": _("the contract number is empty"),
        "contract_differs": _("the contract columns differ from the first row of contract %(contract)s"),
        "unreadable": _("installment number, due date (YYYY-MM-DD) or amounts unreadable"),
        "amounts_positive": _("amounts must be positive"),
        "paid_too_much": _("the amount paid is negative or more than the amount due"),
        "paid_no_date": _("an amount paid needs its payment date (还款日期)"),
        "paid_future": _("the payment date %(date)s is in the future"),
        "number_twice": _("contract %(contract)s: an installment number appears twice"),
        "principal_sum": _("contract %(contract)s: the principal parts add up to %(total)s but the contract "
                           "principal is %(principal)s"),
        "no_borrower": _("the borrower's name is empty"),
        "id_type": _("unknown ID type \"%(value)s\" (居民身份证, 统一社会信用代码, 护照 or 其他)"),
        "no_identity": _("%(who)s has no ID number"),
        "identity": _("the ID number %(number)s of %(who)s is not valid"),
        "method": _("unknown repayment method \"%(value)s\" (等额本息, 等额本金, 到期一次性还本付息 or 按月付息到期还本)"),
        "guarantee": _("unknown guarantee type \"%(value)s\" (连带责任保证 or 一般保证)"),
        "contract_unreadable": _("the contract amount, rates or dates are unreadable"),
        "contract_amounts": _("the contract amount must be positive, the rates not negative, and the amount "
                              "actually disbursed (实际放款金额) positive and not more than the contract amount"),
        "contract_dates": _("the contract's maturity must be after its disbursement date"),
        "no_product": _("no loan product with the code \"%(value)s\" (Configuration > Loan Products)"),
        "other_row": _("contract %(contract)s is rejected because of row %(row)s"),
        "not_written": _("contract %(contract)s could not be written: %(error)s"),
    }
    return texts[code] % params if params else texts[code]


def read_table(content, filename):
    """(header, body rows, to_date) of an .xlsx/.xls or .csv file; to_date converts Excel serials."""
    if (filename or "").lower().endswith(".csv"):
        text = content.decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(text)))
        return (table[0] if table else []), table[1:], None
    try:
        table, to_date = spreadsheet.read_first_sheet(content)
    except ValueError:
        raise UserError(_("The file could not be read as a spreadsheet: upload an .xlsx, .xls or .csv file "
                          "like data/portfolio_sample.csv."))
    return (table[0] if table else []), table[1:], to_date


class LoanPortfolioImport(models.Model):
    _name = "loan.portfolio.import"
    _description = "Portfolio Import"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default=lambda self: _("New import"))
    user_id = fields.Many2one("res.users", string="Requested By", required=True, readonly=True, index=True,
                              default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 default=lambda self: self.env.user.company_id)
    file = fields.Binary(string="File", attachment=True, required=True,
                         help="One row per installment, .xlsx or .csv: see data/portfolio_sample.csv.")
    filename = fields.Char()
    payment_journal_id = fields.Many2one(
        "account.journal", string="Payment Journal", domain=[("type", "in", ("bank", "cash"))],
        default=lambda self: self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)], limit=1),
        help="Where the repayments made before the import were received: the paid installments are settled "
             "from it.")
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, track_visibility="onchange")
    message = fields.Text(readonly=True)
    total_rows = fields.Integer(string="Rows", readonly=True)
    total_contracts = fields.Integer(string="Contracts in the File", readonly=True)
    rows_to_write = fields.Integer(readonly=True)
    processed_rows = fields.Integer(readonly=True)
    imported_contracts = fields.Integer(string="Contracts Imported", readonly=True)
    imported_installments = fields.Integer(string="Installments Imported", readonly=True)
    skipped_contracts = fields.Integer(string="Already Imported (Skipped)", readonly=True)
    rejected_contracts = fields.Integer(string="Contracts Rejected", readonly=True)
    rejected_rows = fields.Integer(string="Rows Rejected", readonly=True)
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    chunk_ids = fields.One2many("loan.portfolio.import.chunk", "import_id", string="Chunks", readonly=True)
    failed_chunks = fields.Integer(compute="_compute_progress")
    rejection_ids = fields.One2many("loan.portfolio.import.rejection", "import_id", string="Rejected Rows",
                                    readonly=True)
    report_file = fields.Binary(string="Rejected Rows Report", attachment=True, readonly=True)
    report_name = fields.Char(readonly=True)
    date_started = fields.Datetime(string="Started", readonly=True, copy=False,
                                   help="When Start Import was pressed (the import may have been created earlier).")
    date_done = fields.Datetime(string="Finished", readonly=True)
    seconds = fields.Float(string="Seconds Spent", readonly=True, help="Wall-clock seconds of the import's jobs.")

    @api.depends("processed_rows", "rows_to_write", "state", "chunk_ids.state")
    def _compute_progress(self):
        for record in self:
            if record.state == "done":
                record.progress = 100.0
            else:
                record.progress = 100.0 * record.processed_rows / record.rows_to_write if record.rows_to_write else 0.0
            record.failed_chunks = len(record.chunk_ids.filtered(lambda c: c.state == "failed"))

    # Protection: only the server moves an import; the user gives the file and the journal.

    def _check_importer(self):
        if self.env.uid == 1:
            return
        if not any(self.env.user.has_group(group) for group in IMPORTER_GROUPS):
            raise AccessError(_("Only finance imports a portfolio."))

    @api.model
    def create(self, vals):
        if self.env.uid != 1:
            self._check_importer()
            vals = {key: value for key, value in vals.items() if key in USER_FIELDS}
        return super(LoanPortfolioImport, self).create(vals)

    @api.multi
    def write(self, vals):
        if self.env.uid != 1:
            self._check_importer()
            if set(vals) - USER_FIELDS or any(record.state != "draft" for record in self):
                raise AccessError(_("An import is moved by the server: only the file and the payment journal of a "
                                    "draft import can be changed."))
        return super(LoanPortfolioImport, self).write(vals)

    @api.multi
    def unlink(self):
        if self.env.uid != 1 and any(record.state != "draft" for record in self):
            raise UserError(_("Only a draft import can be deleted: a started one keeps what it imported."))
        return super(LoanPortfolioImport, self).unlink()

    # Actions -----------------------------------------------------------------------------

    @api.multi
    def action_start(self):
        """Queue the reading of the file; it queues the chunks."""
        self.ensure_one()
        self._check_importer()
        if self.state != "draft":
            raise UserError(_("This import has already been started."))
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        record = self.sudo()
        record.write({"state": "queued", "name": _("Import of %s") % (self.filename or _("a file")),
                      "date_started": business_now(self)})
        record.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        record.sudo(self.env.user).with_delay(description=_("%s: reading the file") % record.name)._prepare()
        return True

    @api.multi
    def action_resume(self):
        """Run again every chunk not done (a failed one, or one whose job was lost)."""
        self.ensure_one()
        self._check_importer()
        chunks = self.chunk_ids.filtered(lambda c: c.state != "done")
        if not chunks:
            raise UserError(_("Every chunk of this import is done: there is nothing to resume."))
        self.sudo().write({"state": "running", "message": False})
        chunks.sudo().write({"state": "pending", "error": False})
        for chunk in chunks:
            self.sudo(self.env.user).with_delay(description=_("%s: rows of chunk %s") % (self.name, chunk.sequence))\
                ._run_chunk(chunk.id)
        return True

    @api.multi
    def action_download_report(self):
        self.ensure_one()
        self._make_report()
        if not self.report_file:
            raise UserError(_("No row was rejected."))
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/%s/%s/report_file/%s?download=true" % (self._name, self.id, self.report_name)}

    # Jobs ----------------------------------------------------------------------------------

    def _in_requester_language(self):
        """The import in its requester's language, in which the reasons and messages are written: the
        job runner's request carries en_US (no browser, no Accept-Language), not the user's."""
        return self.with_context(lang=self.sudo().user_id.lang or self.env.user.lang)

    @job(default_channel="root.import")  # [queue_job] channels in tools/lib.sh
    @api.multi
    def _prepare(self):
        """Read and check the file, record the rejected contracts, cut the others into chunks."""
        self.ensure_one()
        self = self._in_requester_language()
        self._check_importer()
        record = self.sudo()
        started = time.time()
        try:
            header, body, to_date = read_table(base64.b64decode(record.file), record.filename)
            columns = engine.columns_of(header)
            missing = engine.missing_columns(columns, portfolio=True)
            if missing:
                raise UserError(_("The file has no column for: %s. The first row must hold the headers of "
                                  "data/portfolio_sample.csv.") % ", ".join(missing))
        except UserError as error:
            record.write({"state": "failed", "message": error.name})
            record._notify(error.name)
            return error.name
        _columns, contracts = engine.group_rows(header, body, to_date=to_date,
                                                today=fields.Date.from_string(business_today(self)))
        rejections, good, rows = [], [], 0
        for group in contracts.values():
            rows += len(group.rows)
            if group.errors:
                rejections.extend(self._rejection_rows(group))
            else:
                good.append(group)
        record._add_rejections(rejections)
        chunks, current, size = [], [], 0
        for group in good:
            current.append(self._payload(group))
            size += len(group.rows)
            if size >= CHUNK_ROWS:
                chunks.append((current, size))
                current, size = [], 0
        if current:
            chunks.append((current, size))
        record.write({
            "state": "running", "total_rows": rows, "total_contracts": len(contracts),
            "rows_to_write": sum(size for _payload, size in chunks),
            "rejected_contracts": len(contracts) - len(good), "rejected_rows": len(rejections),
            "seconds": time.time() - started,
            "chunk_ids": [(0, 0, {"sequence": n + 1, "payload": json.dumps(payload), "row_count": size,
                                  "contract_count": len(payload)})
                          for n, (payload, size) in enumerate(chunks)]})
        if not chunks:
            record._finish()
            return _("nothing to write")
        for chunk in record.chunk_ids:
            self.with_delay(description=_("%s: rows of chunk %s") % (record.name, chunk.sequence))._run_chunk(chunk.id)
        return _("%s chunks queued") % len(chunks)

    @job(default_channel="root.import")  # [queue_job] channels in tools/lib.sh
    @api.multi
    def _run_chunk(self, chunk_id):
        """Write the contracts of one chunk; all of the chunk or nothing of it (a failure is
        recorded on the chunk for *Resume*). The last chunk to finish closes the import."""
        self.ensure_one()
        self = self._in_requester_language()
        self._check_importer()
        cr = self.env.cr
        # One chunk at a time updates the import (the jobs of one import may run in parallel).
        cr.execute("SELECT id FROM loan_portfolio_import WHERE id = %s FOR UPDATE", (self.id,))
        chunk = self.env["loan.portfolio.import.chunk"].sudo().browse(chunk_id)
        if chunk.state == "done":
            return _("already done")
        record = self.sudo()
        started = time.time()
        try:
            with cr.savepoint():
                counts, rejections = record._import_contracts(json.loads(chunk.payload))
        except Exception as error:
            text = getattr(error, "name", None) or str(error)
            chunk.write({"state": "failed", "error": text})
            record.write({"state": "failed", "seconds": record.seconds + time.time() - started,
                          "message": _("Chunk %s failed and nothing of it was written: %s. Correct the cause, "
                                       "then Resume.") % (chunk.sequence, text)})
            record._notify(record.message)
            return text
        record._add_rejections(rejections)
        chunk.write({"state": "done", "error": False})
        record.write({
            "processed_rows": record.processed_rows + chunk.row_count,
            "imported_contracts": record.imported_contracts + counts["imported"],
            "imported_installments": record.imported_installments + counts["installments"],
            "skipped_contracts": record.skipped_contracts + counts["skipped"],
            "rejected_contracts": record.rejected_contracts + counts["rejected"],
            "rejected_rows": record.rejected_rows + len(rejections),
            "seconds": record.seconds + time.time() - started,
        })
        if all(c.state == "done" for c in record.chunk_ids):
            record._finish()
        return _("%(imported)s contracts imported, %(skipped)s skipped, %(rejected)s rejected") % counts

    # The engine ------------------------------------------------------------------------------

    @staticmethod
    def _payload(group):
        """A checked contract as JSON-able data."""
        def plain(value):
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, datetime.date):
                return fields.Date.to_string(value)
            return value
        return {"number": group.number, "rows": group.rows,
                "values": {key: plain(value) for key, value in group.values.items()},
                "installments": [{key: plain(value) for key, value in i.items()} for i in group.installments]}

    def _rejection_rows(self, group):
        """(row, contract, reason) of every row of a rejected contract: its own problem, or the
        row that made the contract rejected."""
        own = {}
        for row, code, params in group.errors:
            own.setdefault(row, []).append(reason_text(self, code, params))
        first_bad = min(own)
        return [(row, group.number, "; ".join(own[row]) if row in own
                 else reason_text(self, "other_row", {"contract": group.number, "row": first_bad}))
                for row in sorted(set(group.rows) | set(own))]

    def _add_rejections(self, rejections):
        if rejections:
            self.env["loan.installment.writer"].sudo()._insert("loan.portfolio.import.rejection", [
                {"import_id": self.id, "row_number": row, "contract": contract, "reason": reason}
                for row, contract, reason in rejections])
            self.invalidate_cache(["rejection_ids"], self.ids)

    def _import_contracts(self, payloads):
        """Write the contracts of `payloads` (see _payload) as superuser, set-based: the borrowers
        and guarantors (found by ID number, else inserted with their private profile), the
        active contracts and their guarantees, then every installment of the chunk
        (models/loan_installment_writer.py). Through the ORM a new debtor cost 0.2 s here
        (res.partner's create: properties, followers, commercial fields...); the columns it
        would fill are filled the same way (display_name, commercial_partner_id, partner_share,
        the profile's birth date) and the contracts' constraints (rate caps, dates) are run on
        the inserted rows: a contract they refuse is deleted with the debtors made for it only.
        Returns (counts, rejections)."""
        env = self.env(user=1, context=dict(self.env.context, tracking_disable=True, mail_create_nolog=True,
                                            mail_create_nosubscribe=True, mail_notrack=True))
        cr = env.cr
        writer = env["loan.installment.writer"]
        counts = {"imported": 0, "skipped": 0, "rejected": 0, "installments": 0}
        rejections = []
        company = self.company_id
        cr.execute("SELECT name FROM loan_contract WHERE company_id = %s AND name IN %s",
                   (company.id, tuple(p["number"] for p in payloads)))
        existing = {row[0] for row in cr.fetchall()}
        products = {p.code: p for p in env["loan.product"].search([])}
        todo = []
        for payload in payloads:
            if payload["number"] in existing:
                counts["skipped"] += 1
            elif payload["values"]["product"] not in products:
                counts["rejected"] += 1
                reason = reason_text(self, "no_product", {"value": payload["values"]["product"]})
                rejections.extend((row, payload["number"], reason) for row in payload["rows"])
            else:
                todo.append(payload)
        if not todo:
            return counts, rejections
        # The debtors: found by their ID number, else inserted (one per person, however many contracts).
        partners = self._partners_by_identity(env, todo)
        new = {}
        for payload in todo:
            values = payload["values"]
            for prefix, extra in (("borrower", ("borrower_phone", "borrower_address")), ("guarantor", ())):
                if not values.get(prefix):
                    continue
                key = (values[prefix + "_id_type"], values[prefix + "_id"])
                if key not in partners and key not in new:
                    new[key] = {"name": values[prefix], "display_name": values[prefix], "customer": True,
                                "active": True, "type": "contact", "is_company": False, "partner_share": True,
                                "phone": values.get("borrower_phone") if extra else None,
                                "street": values.get("borrower_address") if extra else None}
        keys = list(new)
        partner_ids = writer._insert("res.partner", [new[key] for key in keys])
        if partner_ids:
            cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s", (tuple(partner_ids),))
            writer._insert("loan.debtor.profile", [{
                "partner_id": partner_id, "identity_type": kind, "identity_number": number,
                "birth_date": identity.birth_date_from_resident_id(number) if kind == "resident_id" else None}
                for partner_id, (kind, number) in zip(partner_ids, keys)])
        ids = dict(zip(keys, partner_ids))
        ids.update({key: partner.id for key, partner in partners.items()})
        rows = []
        for payload in todo:
            values = payload["values"]
            product = products[values["product"]]
            principal = float(values["principal"])
            annual = float(values["annual_rate"])
            overdue = (float(values["overdue_rate"]) if values.get("overdue_rate")
                       else annual * product.default_overdue_rate_factor)
            rows.append({
                "name": payload["number"], "partner_id": ids[(values["borrower_id_type"], values["borrower_id"])],
                "product_id": product.id, "product_type": product.product_type, "company_id": company.id,
                "state": "active", "principal": principal,
                "disbursed_amount": float(values["disbursed_amount"]) if values.get("disbursed_amount") else None,
                "date_disbursed": values["date_disbursed"], "disbursement_date": values.get("disbursement_date"),
                "date_maturity": values["date_maturity"], "annual_rate": annual, "overdue_rate": overdue,
                "repayment_method": values["repayment_method"]})
        contract_ids = writer._insert("loan.contract", rows)
        guarantees = [{"contract_id": contract_id, "partner_id": ids[(p["values"]["guarantor_id_type"],
                                                                      p["values"]["guarantor_id"])],
                       "role": "guarantor", "guarantee_type": p["values"]["guarantee_type"], "sequence": 10}
                      for contract_id, p in zip(contract_ids, todo) if p["values"].get("guarantor")]
        writer._insert("loan.guarantee", guarantees)
        Contract = env["loan.contract"]
        contracts = Contract.browse(contract_ids)
        checked = ["principal", "disbursed_amount", "date_disbursed", "date_maturity", "annual_rate", "overdue_rate",
                   "product_id"]
        refused = {}
        try:
            contracts._validate_fields(checked)
        except (UserError, ValidationError):
            for contract in contracts:
                try:
                    contract._validate_fields(checked)
                except (UserError, ValidationError) as error:
                    refused[contract.id] = error.name
        if refused:
            self._delete_refused(env, list(refused), partner_ids)
        plans = []
        for contract, payload in zip(contracts, todo):
            if contract.id in refused:
                counts["rejected"] += 1
                reason = reason_text(self, "not_written", {"contract": payload["number"],
                                                           "error": refused[contract.id]})
                rejections.extend((row, payload["number"], reason) for row in payload["rows"])
                continue
            plans.append((contract, payload["installments"]))
            counts["imported"] += 1
            counts["installments"] += len(payload["installments"])
        writer._write_installments(plans, payment_journal=self.payment_journal_id)
        return counts, rejections

    @staticmethod
    def _delete_refused(env, contract_ids, new_partner_ids):
        """Remove contracts their constraints refused, and the debtors made for them alone."""
        cr = env.cr
        cr.execute("DELETE FROM loan_contract WHERE id IN %s", (tuple(contract_ids),))
        if new_partner_ids:
            cr.execute("""
                DELETE FROM res_partner p WHERE p.id IN %s
                   AND NOT EXISTS (SELECT 1 FROM loan_contract c WHERE c.partner_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM loan_guarantee g WHERE g.partner_id = p.id)
            """, (tuple(new_partner_ids),))
        env["loan.contract"].invalidate_cache()

    @staticmethod
    def _partners_by_identity(env, payloads):
        """{(ID type, number): partner} of the debtors of `payloads` already in the database."""
        keys = set()
        for payload in payloads:
            values = payload["values"]
            for prefix in ("borrower", "guarantor"):
                if values.get(prefix + "_id"):
                    keys.add((values[prefix + "_id_type"], values[prefix + "_id"]))
        if not keys:
            return {}
        env.cr.execute("""
            SELECT DISTINCT ON (identity_type, identity_number) identity_type, identity_number, partner_id
              FROM loan_debtor_profile WHERE (identity_type, identity_number) IN %s ORDER BY identity_type,
                   identity_number, id
        """, (tuple(keys),))
        return {(kind, number): env["res.partner"].browse(partner_id) for kind, number, partner_id in env.cr.fetchall()}

    # The end ---------------------------------------------------------------------------------

    def _finish(self):
        self._make_report()
        self.write({"state": "done", "date_done": business_now(self)})
        self._notify(_("The import is done: %s contracts and %s installments imported, %s contracts already there "
                       "(skipped), %s contracts rejected (%s rows: download the report of rejected rows).")
                     % (self.imported_contracts, self.imported_installments, self.skipped_contracts,
                        self.rejected_contracts, self.rejected_rows))

    def _make_report(self):
        """The rejected rows as a .csv (行号, 合同编号, 原因), attached to the import."""
        rejections = self.env["loan.portfolio.import.rejection"].sudo().search(
            [("import_id", "=", self.id)], order="row_number, id")
        if not rejections:
            return
        stream = io.StringIO()
        writer = csv.writer(stream)
        writer.writerow([_("Row"), _("Contract No."), _("Reason")])
        for rejection in rejections:
            # Written as text: a cell starting with = + - @ would be a formula in a spreadsheet.
            writer.writerow([rejection.row_number] + ["'" + v if v[:1] in "=+-@" else v
                                                      for v in (rejection.contract or "", rejection.reason)])
        self.sudo().write({"report_file": base64.b64encode(stream.getvalue().encode("utf-8-sig")),
                           "report_name": "rejected_rows_%s.csv" % self.id})

    def _notify(self, body):
        self.sudo().message_post(body=body, partner_ids=self.user_id.partner_id.ids, subtype="mail.mt_comment")


class LoanPortfolioImportChunk(models.Model):
    _name = "loan.portfolio.import.chunk"
    _description = "Portfolio Import Chunk"
    _order = "import_id, sequence"

    import_id = fields.Many2one("loan.portfolio.import", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(readonly=True)
    state = fields.Selection([("pending", "Pending"), ("done", "Done"), ("failed", "Failed")], default="pending",
                             required=True, readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    contract_count = fields.Integer(string="Contracts", readonly=True)
    payload = fields.Text(readonly=True)
    error = fields.Text(readonly=True)


class LoanPortfolioImportRejection(models.Model):
    _name = "loan.portfolio.import.rejection"
    _description = "Rejected Import Row"
    _order = "import_id, row_number, id"

    import_id = fields.Many2one("loan.portfolio.import", required=True, ondelete="cascade", index=True)
    row_number = fields.Integer(string="Row", readonly=True)
    contract = fields.Char(string="Contract No.", readonly=True)
    reason = fields.Char(readonly=True)
