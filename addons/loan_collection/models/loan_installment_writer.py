# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installments written set-based: the portfolio import and the schedule generation at scale.

Through the ORM, creating and validating one installment invoice costs about 0.65 s (hundreds
of queries: onchanges, computed fields, the move's checks, the partner subscribed, the no-gap
sequence locked row by row). Here the same rows are written with a handful of INSERTs per batch
(psycopg2's execute_values), exactly as action_invoice_open leaves them for an invoice without
taxes in the company currency: the invoice with its amounts and residuals, its principal and
interest lines, the posted move named from the journal's sequence, the move lines (income
credits, one receivable debit due on the due date) — tests/test_portfolio_import.py compares
them column by column with an invoice made by the ORM. What is left out on purpose: the chatter
(no message, no follower per installment: they are the contract's schedule, not documents of
their own).

Installments already paid before the import (with what was paid) are settled by one journal
entry per contract in the payment journal (bank debit, one receivable credit per paid
installment), each credit reconciled with its installment as account.move.line.reconcile()
would (a partial reconcile, a full reconcile when nothing is left), so residuals, states and
the payments' widget are right.

The journal's no-gap sequence is taken in one block per batch, at the end of the batch (lock the
date-range row, read its next number, advance it by n): held for milliseconds, released when
the batch's transaction commits, never for a whole import.
"""
from collections import OrderedDict, defaultdict

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from .res_company import business_today

AUDIT = ("create_uid", "create_date", "write_uid", "write_date")


class LoanInstallmentWriter(models.AbstractModel):
    _name = "loan.installment.writer"
    _description = "Installments Written in Bulk"

    # Generic helpers -------------------------------------------------------------------------

    def _defaults(self, model, given, context=None):
        """{column: value} of the ORM defaults of `model`'s stored columns not in `given`."""
        Model = self.env[model].with_context(**(context or {}))
        wanted = [name for name, field in Model._fields.items()
                  if field.store and field.column_type and name not in given and name != "id"
                  and name not in AUDIT]
        defaults = {}
        for name, value in Model.default_get(wanted).items():
            field = Model._fields[name]
            if field.type in ("one2many", "many2many"):
                continue
            if field.type == "many2one" and isinstance(value, (tuple, list)):
                value = value[0]
            defaults[name] = None if value is False and field.type not in ("boolean",) else value
        # The ORM stores False for a boolean it is not given.
        for name in wanted:
            if Model._fields[name].type == "boolean" and defaults.get(name) is None:
                defaults[name] = False
        return defaults

    def _insert(self, model, rows, context=None, per_row=()):
        """INSERT the dicts `rows` (same keys) into `model`'s table, with the ORM defaults for the
        other stored columns and the audit columns; returns the new ids in the order of `rows`.
        `per_row`: (column, SQL expression) evaluated for each row (e.g. a fresh token)."""
        if not rows:
            return []
        Model = self.env[model]
        keys = list(rows[0])
        defaults = self._defaults(model, set(keys) | {c for c, _e in per_row}, context)
        columns = keys + list(defaults) + list(AUDIT) + [c for c, _e in per_row]
        template = "(%s)" % ", ".join(
            ["%s"] * (len(keys) + len(defaults)) + ["%(uid)s", "(now() at time zone 'UTC')"] * 2
            + [expression for _c, expression in per_row])
        template = template.replace("%(uid)s", str(int(self.env.uid)))
        default_values = [defaults[name] for name in defaults]
        values = [tuple(row[key] for key in keys) + tuple(default_values) for row in rows]
        query = 'INSERT INTO "%s" (%s) VALUES %%s RETURNING id' % (
            Model._table, ", ".join('"%s"' % column for column in columns))
        result = execute_values(self.env.cr, query, values, template=template, page_size=1000, fetch=True)
        return [row[0] for row in result]

    def _take_numbers(self, sequence, dates):
        """The names of len(dates) documents dated `dates` (YYYY-MM-DD), taken from `sequence` in
        one block per date range: each no-gap counter is locked, read and advanced by its count
        once, in the calling transaction (so a failed batch leaves no gap, and the lock lasts
        until its commit only)."""
        sequence = sequence.sudo()
        ranges = sequence.date_range_ids if sequence.use_date_range else None

        def range_of(date):
            for date_range in ranges:
                if date_range.date_from <= date <= date_range.date_to:
                    return date_range
            return None
        groups = OrderedDict()
        for index, date in enumerate(dates):
            key = None
            if sequence.use_date_range:
                key = range_of(date)
                if key is None:
                    key = sequence._create_date_range_seq(date)
                    ranges = sequence.date_range_ids
            groups.setdefault(key, []).append(index)
        names = [None] * len(dates)
        cr = self.env.cr
        step = sequence.number_increment
        for date_range, indexes in groups.items():
            count = len(indexes)
            if sequence.implementation == "standard":
                name = ("ir_sequence_%03d_%03d" % (sequence.id, date_range.id) if date_range
                        else "ir_sequence_%03d" % sequence.id)
                cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", (name, count))
                numbers = [row[0] for row in cr.fetchall()]
            else:
                table = "ir_sequence_date_range" if date_range else "ir_sequence"
                record_id = date_range.id if date_range else sequence.id
                cr.execute("SELECT number_next FROM %s WHERE id = %%s FOR UPDATE" % table, (record_id,))
                start = cr.fetchone()[0]
                cr.execute("UPDATE %s SET number_next = number_next + %%s WHERE id = %%s" % table,
                           (step * count, record_id))
                numbers = [start + step * k for k in range(count)]
            prefixes = {}
            for index, number in zip(indexes, numbers):
                date = dates[index]
                if date not in prefixes:
                    context = {"ir_sequence_date": date}
                    if date_range:
                        context["ir_sequence_date_range"] = date_range.date_from
                    prefixes[date] = sequence.with_context(**context)._get_prefix_suffix()
                prefix, suffix = prefixes[date]
                names[index] = prefix + "%%0%sd" % sequence.padding % number + suffix
        self.env["ir.sequence"].invalidate_cache(["number_next"], [sequence.id])
        self.env["ir.sequence.date_range"].invalidate_cache(["number_next"], [r.id for r in groups if r])
        return names

    # Installments --------------------------------------------------------------------------

    @api.model
    def _write_installments(self, plans, payment_journal=None):
        """Write the installments of `plans`, a list of (contract, installments) where each
        installment is a dict with number, due_date, principal, interest (Decimal or float) and,
        optionally, paid_principal, paid_interest and paid_date: validated customer invoices as
        action_invoice_open makes them, the paid parts settled from `payment_journal`.
        Returns the ids of the invoices, in order. Run as superuser (the caller checks rights)."""
        if not plans:
            return []
        env = self.env
        cr = env.cr
        invoices, lines, meta = [], [], []
        # Translated once per batch, not once per installment (_() looks the term up each time).
        name_format = _("%s installment %s")
        principal_format, interest_format = _("Installment %s principal"), _("Installment %s interest")
        partners = env["res.partner"].browse({contract.partner_id.id for contract, _rows in plans})
        receivables = {}
        for company in {contract.company_id for contract, _rows in plans}:
            receivables.update({
                (company.id, partner_id): account.id for partner_id, account in env["ir.property"].with_context(
                    force_company=company.id).get_multi("property_account_receivable_id", "res.partner",
                                                        partners.ids).items()})
        for contract, rows in plans:
            product = contract.product_id
            if not (product.journal_id and product.principal_account_id and product.interest_account_id):
                product._setup_accounting()
            if not (product.journal_id and product.principal_account_id and product.interest_account_id):
                raise UserError(_("Loan product %s has no installment journal or accounts: set them on the "
                                  "product (Configuration > Loan Products).") % product.name)
            partner = contract.partner_id
            company = contract.company_id
            fixed = {"origin": contract.name, "type": "out_invoice", "state": "open", "partner_id": partner.id,
                     "commercial_partner_id": partner.commercial_partner_id.id,
                     "account_id": receivables[(company.id, partner.id)], "journal_id": product.journal_id.id,
                     "company_id": company.id, "currency_id": company.currency_id.id, "loan_contract_id": contract.id,
                     "amount_tax": 0.0, "reconciled": False}
            accounts = (product.principal_account_id.id, product.interest_account_id.id)
            journal = product.journal_id
            rounding = company.currency_id.rounding
            for row in sorted(rows, key=lambda r: r["number"]):
                due = row["due_date"] if isinstance(row["due_date"], str) else fields.Date.to_string(row["due_date"])
                principal = float_round(float(row["principal"]), precision_rounding=rounding)
                interest = float_round(float(row["interest"]), precision_rounding=rounding)
                total = float_round(principal + interest, precision_rounding=rounding)
                paid = float_round(float(row.get("paid_principal") or 0) + float(row.get("paid_interest") or 0),
                                   precision_rounding=rounding)
                name = name_format % (contract.name, row["number"])
                invoices.append(dict(
                    fixed, name=name, date_invoice=due, date_due=due, date=due, installment_number=row["number"],
                    principal_amount=principal, interest_amount=interest, amount_untaxed=total,
                    amount_untaxed_signed=total, amount_total=total, amount_total_signed=total,
                    amount_total_company_signed=total, residual=total, residual_signed=total,
                    residual_company_signed=total))
                parts = [(amount, label % row["number"], account) for amount, label, account in (
                    (principal, principal_format, accounts[0]), (interest, interest_format, accounts[1])) if amount]
                meta.append({"contract": contract, "partner": fixed["commercial_partner_id"],
                             "currency": fixed["currency_id"], "journal": journal, "due": due, "total": total,
                             "name": name, "parts": parts, "paid": paid, "paid_date": row.get("paid_date"),
                             "company": company.id, "account": fixed["account_id"]})
        context = {"type": "out_invoice", "journal_type": "sale"}
        invoice_ids = self._insert("account.invoice", invoices, context=context,
                                   per_row=[("access_token", "gen_random_uuid()::text")])
        for invoice_id, info in zip(invoice_ids, meta):
            info["invoice"] = invoice_id
            for sequence, (amount, label, account) in enumerate(info["parts"]):
                lines.append({
                    "name": label, "invoice_id": invoice_id, "account_id": account, "quantity": 1.0,
                    "price_unit": amount, "price_subtotal": amount, "price_total": amount,
                    "price_subtotal_signed": amount, "discount": 0.0, "sequence": 10,
                    "company_id": info["company"], "partner_id": info["partner"], "currency_id": info["currency"],
                })
        self._insert("account.invoice.line", lines, context={"type": "out_invoice", "journal_id": False})
        # The posted moves, named at the end (see _take_numbers).
        moves = [{"name": "/", "ref": None, "journal_id": info["journal"].id, "date": info["due"], "state": "posted",
                  "company_id": info["company"], "currency_id": info["currency"], "amount": info["total"],
                  "partner_id": info["partner"], "narration": None, "matched_percentage": 0.0}
                 for info in meta]
        move_ids = self._insert("account.move", moves)
        move_lines, user_types = [], self._user_types({a for i in meta for _x, _l, a in i["parts"]}
                                                      | {i["account"] for i in meta})
        for move_id, info in zip(move_ids, meta):
            info["move"] = move_id
            common = {"move_id": move_id, "journal_id": info["journal"].id, "date": info["due"], "ref": None,
                      "company_id": info["company"], "company_currency_id": info["currency"],
                      "partner_id": info["partner"], "invoice_id": info["invoice"], "currency_id": None,
                      "amount_currency": 0.0, "amount_residual_currency": 0.0, "product_id": None,
                      "product_uom_id": None, "analytic_account_id": None, "tax_line_id": None,
                      "tax_exigible": True, "blocked": False, "quantity": 1.0, "reconciled": False,
                      "full_reconcile_id": None, "payment_id": None, "statement_id": None}
            for amount, label, account in info["parts"]:
                move_lines.append(dict(common, name=label[:64], account_id=account, user_type_id=user_types[account],
                                       debit=0.0, credit=amount, balance=-amount, debit_cash_basis=0.0,
                                       credit_cash_basis=0.0, balance_cash_basis=0.0, amount_residual=0.0,
                                       date_maturity=info["due"], tax_base_amount=0.0))
            move_lines.append(dict(common, name=info["name"], account_id=info["account"],
                                   user_type_id=user_types[info["account"]], debit=info["total"], credit=0.0,
                                   balance=info["total"], debit_cash_basis=0.0, credit_cash_basis=0.0,
                                   balance_cash_basis=0.0, amount_residual=info["total"],
                                   date_maturity=info["due"], tax_base_amount=0.0))
        line_ids = self._insert("account.move.line", move_lines)
        # The receivable line of each invoice is its last one.
        position = 0
        for info in meta:
            position += len(info["parts"]) + 1
            info["receivable_line"] = line_ids[position - 1]
        if any(info["paid"] for info in meta):
            self._settle_paid([info for info in meta if info["paid"]], payment_journal, user_types)
        # Names last: the no-gap counters are locked only from here to the commit.
        by_journal = defaultdict(list)
        for info in meta:
            by_journal[info["journal"]].append(info)
        for journal, infos in by_journal.items():
            names = self._take_numbers(journal.sequence_id, [info["due"] for info in infos])
            execute_values(cr, """
                UPDATE account_move m SET name = v.name FROM (VALUES %s) AS v(id, name) WHERE m.id = v.id
            """, [(info["move"], name) for info, name in zip(infos, names)], page_size=1000)
            execute_values(cr, """
                UPDATE account_invoice i SET number = v.name, move_name = v.name, move_id = v.move
                  FROM (VALUES %s) AS v(id, name, move) WHERE i.id = v.id
            """, [(info["invoice"], name, info["move"]) for info, name in zip(infos, names)], page_size=1000)
        env["account.invoice"].invalidate_cache(ids=invoice_ids)
        env["account.move"].invalidate_cache(ids=move_ids)
        env["account.move.line"].invalidate_cache(ids=line_ids)
        env["loan.contract"].invalidate_cache(["invoice_ids"], [c.id for c, _r in plans])
        return invoice_ids

    def _user_types(self, account_ids):
        self.env.cr.execute("SELECT id, user_type_id FROM account_account WHERE id IN %s", (tuple(account_ids),))
        return dict(self.env.cr.fetchall())

    def _settle_paid(self, infos, journal, user_types):
        """One entry per contract in `journal` for what was paid before the import: the bank
        debit, one receivable credit per paid installment, each reconciled with its installment
        (a partial reconcile; a full reconcile and the invoice paid when nothing is left)."""
        if not journal:
            raise UserError(_("Some installments were already paid: choose the journal the repayments were "
                              "received in (Payment Journal) and import again."))
        cr = self.env.cr
        account = journal.default_debit_account_id
        if not account:
            raise UserError(_("The payment journal %s has no default debit account: set it on the journal.")
                            % journal.name)
        by_contract = OrderedDict()
        for info in infos:
            by_contract.setdefault(info["contract"], []).append(info)
        label = _("Repayments before the import")
        moves, heads = [], []
        for contract, rows in by_contract.items():
            date = max(fields.Date.to_string(r["paid_date"]) if not isinstance(r["paid_date"], str)
                       else r["paid_date"] for r in rows)
            total = sum(r["paid"] for r in rows)
            heads.append((contract, rows, date, total))
            moves.append({"name": "/", "ref": contract.name, "journal_id": journal.id, "date": date,
                          "state": "posted", "company_id": contract.company_id.id,
                          "currency_id": contract.company_id.currency_id.id, "amount": total,
                          "partner_id": rows[0]["partner"], "narration": None, "matched_percentage": 1.0})
        move_ids = self._insert("account.move", moves)
        user_types.update(self._user_types([account.id]))
        move_lines, pairs = [], []
        for move_id, (contract, rows, date, total) in zip(move_ids, heads):
            common = {"move_id": move_id, "journal_id": journal.id, "date": date, "ref": contract.name,
                      "company_id": contract.company_id.id, "company_currency_id": contract.company_id.currency_id.id,
                      "partner_id": rows[0]["partner"], "invoice_id": None, "currency_id": None,
                      "amount_currency": 0.0, "amount_residual_currency": 0.0, "product_id": None,
                      "product_uom_id": None, "analytic_account_id": None, "tax_line_id": None,
                      "tax_exigible": True, "blocked": False, "quantity": None, "full_reconcile_id": None,
                      "payment_id": None, "statement_id": None, "date_maturity": date, "tax_base_amount": 0.0,
                      "debit_cash_basis": 0.0, "credit_cash_basis": 0.0, "balance_cash_basis": 0.0}
            move_lines.append(dict(common, name=label, account_id=account.id, user_type_id=user_types[account.id],
                                   debit=total, credit=0.0, balance=total, amount_residual=total, reconciled=False,
                                   debit_cash_basis=total, balance_cash_basis=total))
            for row in rows:
                left = round(row["total"] - row["paid"], 2)
                move_lines.append(dict(common, name=label, account_id=row["account"],
                                       user_type_id=user_types[row["account"]], debit=0.0, credit=row["paid"],
                                       balance=-row["paid"], amount_residual=0.0, reconciled=True,
                                       credit_cash_basis=row["paid"], balance_cash_basis=-row["paid"]))
                pairs.append((row, date, left))
        line_ids = self._insert("account.move.line", move_lines)
        credit_ids = [line_id for line_id, line in zip(line_ids, move_lines) if line["credit"]]
        partials = [{"debit_move_id": row["receivable_line"], "credit_move_id": credit_id, "amount": row["paid"],
                     "amount_currency": 0.0, "currency_id": None, "company_id": row["company"],
                     "max_date": max(row["due"], date),
                     "full_reconcile_id": None}
                    for (row, date, _left), credit_id in zip(pairs, credit_ids)]
        partial_ids = self._insert("account.partial.reconcile", partials)
        full = [(row, credit_id, partial_id) for (row, _d, left), credit_id, partial_id
                in zip(pairs, credit_ids, partial_ids) if not left]
        if full:
            names = self._full_reconcile_names(len(full))
            full_ids = self._insert("account.full.reconcile", [
                {"name": name, "exchange_move_id": None} for name in names])
            execute_values(cr, """
                UPDATE account_partial_reconcile p SET full_reconcile_id = v.full_id FROM (VALUES %s) AS v(id, full_id)
                 WHERE p.id = v.id
            """, [(partial_id, full_id) for (_r, _c, partial_id), full_id in zip(full, full_ids)], page_size=1000)
            execute_values(cr, """
                UPDATE account_move_line l SET full_reconcile_id = v.full_id FROM (VALUES %s) AS v(id, full_id)
                 WHERE l.id = v.id
            """, [(line, full_id) for (row, credit_id, _p), full_id in zip(full, full_ids)
                  for line in (row["receivable_line"], credit_id)], page_size=1000)
        # What is left on each installment (the invoice side of the ORM's _compute_residual).
        execute_values(cr, """
            UPDATE account_move_line l SET amount_residual = v.rest, reconciled = v.rest = 0
              FROM (VALUES %s) AS v(id, rest) WHERE l.id = v.id
        """, [(row["receivable_line"], left) for row, _d, left in pairs], page_size=1000)
        execute_values(cr, """
            UPDATE account_invoice i SET residual = v.rest, residual_signed = v.rest, residual_company_signed = v.rest,
                   reconciled = v.rest = 0, state = CASE WHEN v.rest = 0 THEN 'paid' ELSE i.state END
              FROM (VALUES %s) AS v(id, rest) WHERE i.id = v.id
        """, [(row["invoice"], left) for row, _d, left in pairs], page_size=1000)
        execute_values(cr, """
            UPDATE account_move m SET matched_percentage = v.paid / v.total FROM (VALUES %s) AS v(id, paid, total)
             WHERE m.id = v.id
        """, [(row["move"], row["paid"], row["total"]) for row, _d, _l in pairs], page_size=1000)
        # The invoice moves' cash basis follows the part matched (sale journal: _compute_cash_basis).
        execute_values(cr, """
            UPDATE account_move_line l SET debit_cash_basis = round(l.debit * v.paid / v.total, 2),
                   credit_cash_basis = round(l.credit * v.paid / v.total, 2),
                   balance_cash_basis = round(l.debit * v.paid / v.total, 2) - round(l.credit * v.paid / v.total, 2)
              FROM (VALUES %s) AS v(move, paid, total) WHERE l.move_id = v.move
        """, [(row["move"], row["paid"], row["total"]) for row, _d, _l in pairs], page_size=1000)
        execute_values(cr, """
            INSERT INTO account_invoice_account_move_line_rel (account_invoice_id, account_move_line_id) VALUES %s
        """, [(row["invoice"], credit_id) for (row, _d, _l), credit_id in zip(pairs, credit_ids)], page_size=1000)
        names = self._take_numbers(journal.sequence_id, [date for _c, _r, date, _t in heads])
        execute_values(cr, "UPDATE account_move m SET name = v.name FROM (VALUES %s) AS v(id, name) WHERE m.id = v.id",
                       list(zip(move_ids, names)), page_size=1000)

    def _full_reconcile_names(self, count):
        """`count` names of account.full.reconcile, as its create() takes them (sequence
        account.reconcile.full), in one query."""
        sequence = self.env["ir.sequence"].sudo().search([("code", "=", "account.reconcile.full")], limit=1)
        if not sequence:
            return ["/"] * count
        dates = [business_today(self)] * count
        return self._take_numbers(sequence, dates)
