# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading a bank statement export of a Chinese bank's corporate online banking (pure Python).

Each bank names its columns its own way (交易日期 / 交易时间 / 交易日, 贷方发生额 / 收入金额 /
贷方金额, ...), writes a few lines about the account above the table (账号, 户名, 起止日期) and
saves the file as GB18030 or UTF-8. A `Layout` says, for one bank, which header names mean what;
`parse` finds the header row, reads every transaction and checks it. The first problem refuses
the whole file (nothing of it is imported) with the row number as the user sees it in the file
and a code the model turns into a sentence (models/loan_bank_layout.py), like the portfolio
import (services/portfolio_import.py).

Checked: every required column is there; each row has a date, exactly one of an income and an
expense amount (a positive number of yuan, at most two decimals), and the bank's serial number
(流水号), which is unique in the file: it is what makes a line already imported recognisable.
"""
import datetime
import re
from collections import namedtuple
from decimal import Decimal, InvalidOperation

FEN = Decimal("0.01")

Layout = namedtuple("Layout", [
    "date", "payer_name", "payer_account", "credit", "debit", "memo", "serial", "balance",
    "account_label", "date_formats",
])
"""Header names per meaning, each a tuple of the names the bank may use (the first found wins);
memo: every column found is joined (摘要, 附言, 用途...); debit and balance may be empty;
account_label: the label of the statement's own account number in the lines above the table."""

Transaction = namedtuple("Transaction", [
    "row", "date", "amount", "payer_name", "payer_account", "memo", "serial", "balance",
])
"""One line of the statement: amount positive for money in, negative for money out."""


class StatementError(Exception):
    """A file that cannot be imported: (row number or None, code, parameters)."""

    def __init__(self, row, code, params=()):
        super(StatementError, self).__init__(row, code, params)
        self.row, self.code, self.params = row, code, tuple(params)


def split_names(text):
    """'交易日期,交易日' -> ('交易日期', '交易日')."""
    return tuple(name.strip() for name in (text or "").replace("，", ",").split(",") if name.strip())


def _cell(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip().strip("\t").strip()


def digits(text):
    """An account number as the bank compares it: its digits and letters only."""
    return re.sub(r"[^0-9A-Za-z]", "", text or "").upper()


def find_header(rows, layout):
    """(index of the header row, {meaning: [column indexes]}): the first row holding the date,
    the income and the serial columns."""
    wanted = ("date", "credit", "serial")
    for index, row in enumerate(rows[:50]):
        cells = [_cell(c) for c in row]
        if all(any(name in cells for name in getattr(layout, key)) for key in wanted):
            columns = {}
            for key in Layout._fields:
                names = getattr(layout, key)
                if key in ("account_label", "date_formats") or not names:
                    continue
                found = [cells.index(name) for name in names if name in cells]
                if found:
                    columns[key] = found if key == "memo" else found[:1]
            return index, columns
    return None, None


def account_number(rows, header_index, layout):
    """The statement's own account number, from the lines above the table ('账号：1202...')."""
    for row in rows[:header_index]:
        cells = [_cell(c) for c in row]
        for position, cell in enumerate(cells):
            for label in layout.account_label:
                if cell.startswith(label):
                    rest = cell[len(label):].lstrip(":：").strip()
                    if not rest and position + 1 < len(cells):
                        rest = cells[position + 1]
                    if digits(rest):
                        return digits(rest)
    return None


# A positive amount of yuan as a bank writes it: digits, at most two decimals, at most a hundred
# billion (no exponent, no sign, no NaN).
_AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
EARLIEST = datetime.date(1990, 1, 1)  # before any bank's online banking, so a mistyped year
SAFE_INTEGER = 2 ** 53  # a spreadsheet number beyond this has lost digits


def parse_amount(text):
    """A positive amount of yuan from a cell ('1,234.50', '¥1234.5'); None when empty or zero;
    InvalidOperation (with the cell's text) otherwise."""
    if isinstance(text, bool):
        raise InvalidOperation(str(text))
    raw = _cell(text)
    cleaned = raw.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    if cleaned in ("", "-"):
        return None
    if not _AMOUNT.match(cleaned):
        raise InvalidOperation(raw)
    return Decimal(cleaned).quantize(FEN) or None


def parse_date(text, formats, to_date=None):
    """A date from a cell: a date, an Excel serial (converted by `to_date`), or text in one of
    `formats` (only the date part of '2026-11-28 10:15:02' is read)."""
    if isinstance(text, datetime.datetime):
        return text.date()
    if isinstance(text, datetime.date):
        return text
    if isinstance(text, float) and to_date is not None:
        return to_date(text)
    value = _cell(text)
    for fmt in formats:
        length = len(datetime.date(2026, 12, 31).strftime(fmt))
        try:
            date = datetime.datetime.strptime(value[:length], fmt).date()
        except ValueError:
            continue
        if date < EARLIEST:
            raise ValueError(value)
        return date
    raise ValueError(value)


def parse(rows, layout, to_date=None, today=None):
    """(own account number or None, [Transaction]) of a statement's rows (lists of cells), or
    StatementError on the first problem. `today`: a date after which no transaction can be."""
    header_index, columns = find_header(rows, layout)
    if header_index is None:
        raise StatementError(None, "no_header", (
            "、".join(layout.date), "、".join(layout.credit), "、".join(layout.serial)))
    for key in ("payer_name", "payer_account"):
        if key not in columns:
            raise StatementError(header_index + 1, "missing_column", ("、".join(getattr(layout, key)),))
    own_account = account_number(rows, header_index, layout)
    transactions, serials = [], {}

    def cell(row, key):
        index = columns.get(key, [None])[0]
        return row[index] if index is not None and index < len(row) else ""

    for offset, row in enumerate(rows[header_index + 1:]):
        number = header_index + 2 + offset
        if not any(_cell(c) for c in row):
            continue
        first = _cell(row[0]) if row else ""
        # The banks end the table with totals (合计 / 总计) or a note about the export.
        if first.startswith(("合计", "总计", "本页合计", "说明", "注：")):
            continue
        try:
            date = parse_date(cell(row, "date"), layout.date_formats, to_date)
        except (ValueError, OverflowError, TypeError):
            raise StatementError(number, "bad_date", (_cell(cell(row, "date")),))
        if today and date > today:
            raise StatementError(number, "future_date", (date.isoformat(),))
        amounts = {}
        for key in ("credit", "debit"):
            try:
                amounts[key] = parse_amount(cell(row, key)) if key in columns else None
            except InvalidOperation:
                raise StatementError(number, "bad_amount", (_cell(cell(row, key)),))
        credit, debit = amounts["credit"], amounts["debit"]
        if bool(credit) == bool(debit):
            raise StatementError(number, "one_amount" if credit else "no_amount", ())
        if isinstance(cell(row, "serial"), float) and abs(cell(row, "serial")) >= SAFE_INTEGER:
            raise StatementError(number, "serial_as_number", (_cell(cell(row, "serial")),))
        serial = _cell(cell(row, "serial"))
        if not serial:
            raise StatementError(number, "no_serial", ())
        if serial in serials:
            raise StatementError(number, "repeated_serial", (serial, serials[serial]))
        serials[serial] = number
        memo = " ".join(_cell(row[i]) for i in columns.get("memo", []) if i < len(row) and _cell(row[i]))
        balance = None
        if "balance" in columns:
            try:
                balance = parse_amount(cell(row, "balance"))
            except InvalidOperation:
                raise StatementError(number, "bad_amount", (_cell(cell(row, "balance")),))
        transactions.append(Transaction(
            number, date, credit if credit else -debit, _cell(cell(row, "payer_name")),
            digits(_cell(cell(row, "payer_account"))), memo, serial, balance))
    if not transactions:
        raise StatementError(None, "no_transaction", ())
    return own_account, transactions


# Identifiers a payer writes in the memo (附言): a contract or case number, an ID number, a court
# case number. The matching compares whole tokens, set-based, never a substring search per pair.
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-/]{4,}[0-9A-Za-z]")
# （2026）浙0106执1234号, with ASCII or full-width brackets: 最高人民法院《关于人民法院案件案号的若干规定》
# 第三条 (收案年度 + 法院代字 + 类型代字 + 案件编号 + 号).
_COURT_NUMBER = re.compile(r"[（(]\s*(\d{4})\s*[)）]\s*([\u4e00-\u9fff]{0,2}\d{0,4}[\u4e00-\u9fff]{1,4}\d*?)\s*(\d+)\s*号")


def memo_tokens(text):
    """The identifiers in a memo, upper-cased: 'DK202600002', '110105198503120012', ..."""
    return sorted({token.upper().strip("-/") for token in _TOKEN.findall(text or "")})


def court_numbers(text):
    """Court case numbers in a memo, normalised with full-width brackets: '（2026）浙0106执1234号'."""
    return sorted({"（%s）%s%s号" % (year, court, number) for year, court, number in _COURT_NUMBER.findall(text or "")})


def normalise_court_number(text):
    """A court case number as court_numbers() writes it, or None."""
    found = court_numbers(text)
    return found[0] if found else None


def from_camt(statements, today=None):
    """(balance_start, balance_end or None, [Transaction]) of the statements OCA's CAMT.053 parser
    read (dicts with 'transactions': date, amount, name, note, ref, partner_name, account_number),
    checked like a table's rows: the n-th transaction of the file is "row" n. The serial number
    is the transaction's reference (the bank's AcctSvcrRef or the payer's EndToEndId)."""
    transactions, serials = [], {}
    number = 0
    for statement in statements:
        for values in statement.get("transactions", []):
            number += 1
            try:
                date = datetime.datetime.strptime(str(values.get("date") or "")[:10], "%Y-%m-%d").date()
                if date < EARLIEST:
                    raise ValueError(date)
            except ValueError:
                raise StatementError(number, "bad_date", (values.get("date") or "",))
            if today and date > today:
                raise StatementError(number, "future_date", (date.isoformat(),))
            text = str(values.get("amount") or 0)
            try:
                amount = parse_amount(text.lstrip("-"))
            except InvalidOperation:
                raise StatementError(number, "bad_amount", (text,))
            if not amount:
                raise StatementError(number, "no_amount", ())
            if text.startswith("-"):
                amount = -amount
            serial = (values.get("ref") or "").strip()
            if not serial or serial.upper() == "NOTPROVIDED":
                raise StatementError(number, "no_serial", ())
            if serial in serials:
                raise StatementError(number, "repeated_serial", (serial, serials[serial]))
            serials[serial] = number
            memo = " ".join(part for part in (values.get("name"), values.get("note")) if part and part != "/")
            transactions.append(Transaction(number, date, amount, (values.get("partner_name") or "").strip(),
                                            digits(values.get("account_number") or ""), memo, serial, None))
    if not transactions:
        raise StatementError(None, "no_transaction", ())
    balances = []
    for value in (statements[0].get("balance_start"), statements[-1].get("balance_end_real")):
        try:
            balances.append(None if value is None else parse_amount(str(value).lstrip("-")) or Decimal("0.00"))
        except InvalidOperation:
            raise StatementError(None, "bad_amount", (str(value),))
        if value is not None and str(value).startswith("-"):
            balances[-1] = -balances[-1]
    return balances[0], balances[1], transactions
