# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading and checking a portfolio file: one row per installment (pure Python, no Odoo).

The rows of one contract repeat the contract's columns (borrower, amounts, dates, guarantor);
`group_rows` turns the table into one `ContractRows` per contract number with every problem
found, each as (row number, code, parameters). A contract with any problem is rejected as a
whole: the model writes nothing of it (all or nothing per contract) and reports every row of it.
The codes are turned into translated sentences by the model (models/loan_portfolio_import.py).

The columns (Chinese header, or the English key) are in COLUMNS; data/portfolio_sample.csv
has every one of them. A file with only the installment columns (合同编号, 期数, 到期日, 本金,
利息) schedules contracts that already exist (the interactive wizard's file).
"""
import datetime
from collections import OrderedDict
from decimal import Decimal, InvalidOperation

from . import identity

# key: (Chinese headers accepted, required in a portfolio file)
COLUMNS = OrderedDict([
    ("contract", (("合同编号",), True)),
    ("borrower", (("借款人",), True)),
    ("borrower_id_type", (("借款人证件类型",), False)),
    ("borrower_id", (("借款人证件号码",), True)),
    ("borrower_phone", (("借款人电话",), False)),
    ("borrower_address", (("借款人地址",), False)),
    ("product", (("产品代码", "产品"), True)),
    ("contract_principal", (("合同金额",), True)),
    ("annual_rate", (("年利率",), True)),
    ("overdue_rate", (("逾期利率",), False)),
    ("repayment_method", (("还款方式",), False)),
    ("date_disbursed", (("放款日",), True)),
    ("date_maturity", (("合同到期日",), True)),
    ("disbursed_amount", (("实际放款金额",), False)),
    ("disbursement_date", (("实际放款日",), False)),
    ("guarantor", (("保证人",), False)),
    ("guarantor_id_type", (("保证人证件类型",), False)),
    ("guarantor_id", (("保证人证件号码",), False)),
    ("guarantee_type", (("保证方式",), False)),
    ("number", (("期数",), True)),
    ("due_date", (("到期日", "应还日期"), True)),
    ("principal", (("本金", "应还本金"), True)),
    ("interest", (("利息", "应还利息"), True)),
    ("paid_principal", (("已还本金",), False)),
    ("paid_interest", (("已还利息",), False)),
    ("paid_date", (("还款日期",), False)),
])
# The installment columns: enough for a contract that already exists.
INSTALLMENT_KEYS = ("contract", "number", "due_date", "principal", "interest")
# Columns of the contract, the same on every row of one contract.
CONTRACT_KEYS = ("borrower", "borrower_id_type", "borrower_id", "borrower_phone", "borrower_address", "product",
                 "contract_principal", "annual_rate", "overdue_rate", "repayment_method", "date_disbursed",
                 "date_maturity", "disbursed_amount", "disbursement_date", "guarantor", "guarantor_id_type", "guarantor_id", "guarantee_type")
HEADERS = {}
for _key, (_names, _required) in COLUMNS.items():
    HEADERS[_key] = _key
    for _name in _names:
        HEADERS[_name] = _key

ID_TYPES = {"": None, "居民身份证": "resident_id", "身份证": "resident_id", "resident_id": "resident_id",
            "统一社会信用代码": "credit_code", "credit_code": "credit_code", "护照": "passport", "passport": "passport",
            "其他": "other", "other": "other"}
METHODS = {"": "equal_installment", "等额本息": "equal_installment", "equal_installment": "equal_installment",
           "等额本金": "equal_principal", "equal_principal": "equal_principal",
           "到期一次性还本付息": "bullet", "bullet": "bullet",
           "按月付息到期还本": "interest_only", "interest_only": "interest_only"}
GUARANTEE_TYPES = {"": "joint", "连带责任保证": "joint", "joint": "joint", "一般保证": "general", "general": "general"}
FEN = Decimal("0.01")


class ContractRows(object):
    """The rows of one contract: its columns (from its first row), installments and problems."""
    __slots__ = ("number", "first_row", "values", "raw", "installments", "errors", "rows")

    def __init__(self, number, first_row, values):
        self.number = number
        self.first_row = first_row
        self.values = values
        self.raw = dict(values)
        self.installments = []  # dicts: row, number, due_date, principal, interest, paid_*, paid_date
        self.errors = []        # (row, code, params)
        self.rows = []          # every row number of the contract

    @property
    def paid(self):
        return sum(i["paid_principal"] + i["paid_interest"] for i in self.installments)


def columns_of(header):
    """{key: column index} of a header row; unknown headers are ignored."""
    columns = {}
    for index, name in enumerate(header):
        key = HEADERS.get(str(name).strip()) or HEADERS.get(str(name).strip().lower())
        if key and key not in columns:
            columns[key] = index
    return columns


def missing_columns(columns, portfolio):
    """The required keys absent from `columns` (portfolio: the contract columns are needed too)."""
    wanted = [key for key, (_names, required) in COLUMNS.items() if required] if portfolio else INSTALLMENT_KEYS
    return [key for key in wanted if key not in columns]


def is_portfolio(columns):
    """Whether the file creates its contracts (it has a borrower column) or schedules existing ones."""
    return "borrower" in columns


def parse_date(value, to_date=None):
    """A date from a cell: a date, an Excel serial (converted by `to_date`), or YYYY-MM-DD text."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and to_date is not None:
        return to_date(value)
    text = str(value).strip().replace("/", "-").replace(".", "-")
    return datetime.datetime.strptime(text[:10], "%Y-%m-%d").date()


def parse_amount(value):
    text = str(value).strip().replace(",", "") if value not in (None, "") else "0"
    amount = Decimal(text or "0")
    if not amount.is_finite():
        raise InvalidOperation(text)
    return amount.quantize(FEN)


def _text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip()


def group_rows(header, body, to_date=None, today=None, first_row=2):
    """(columns, OrderedDict number -> ContractRows) of a table; row numbers as the user sees
    them (the header is row 1)."""
    columns = columns_of(header)
    portfolio = is_portfolio(columns)
    contracts = OrderedDict()
    for row_number, row in enumerate(body, start=first_row):
        if not any(_text(cell) for cell in row):
            continue

        def cell(key):
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""
        number = _text(cell("contract"))
        values = {key: cell(key) for key in CONTRACT_KEYS if key in columns} if portfolio else {}
        group = contracts.get(number)
        if group is None:
            group = contracts[number] = ContractRows(number, row_number, values)
            if portfolio:
                _check_contract(group, to_date, today)
        elif portfolio and any(_text(values.get(k)) != _text(group.raw.get(k)) for k in CONTRACT_KEYS
                               if k in values):
            group.errors.append((row_number, "contract_differs", {"contract": number}))
        group.rows.append(row_number)
        if not number:
            group.errors.append((row_number, "no_contract", {}))
            continue
        try:
            installment = {
                "row": row_number, "number": int(float(_text(cell("number")))),
                "due_date": parse_date(cell("due_date"), to_date),
                "principal": parse_amount(cell("principal")), "interest": parse_amount(cell("interest")),
                "paid_principal": parse_amount(cell("paid_principal")),
                "paid_interest": parse_amount(cell("paid_interest")),
                "paid_date": None,
            }
            if _text(cell("paid_date")):
                installment["paid_date"] = parse_date(cell("paid_date"), to_date)
        except (ValueError, InvalidOperation, TypeError):
            group.errors.append((row_number, "unreadable", {}))
            continue
        i = installment
        if i["principal"] < 0 or i["interest"] < 0 or i["principal"] + i["interest"] == 0:
            group.errors.append((row_number, "amounts_positive", {}))
        elif i["paid_principal"] < 0 or i["paid_interest"] < 0 or i["paid_principal"] > i["principal"] \
                or i["paid_interest"] > i["interest"]:
            group.errors.append((row_number, "paid_too_much", {}))
        elif (i["paid_principal"] or i["paid_interest"]) and not i["paid_date"]:
            group.errors.append((row_number, "paid_no_date", {}))
        elif i["paid_date"] and today and i["paid_date"] > today:
            group.errors.append((row_number, "paid_future", {"date": i["paid_date"]}))
        else:
            group.installments.append(installment)
    for group in contracts.values():
        numbers = [i["number"] for i in group.installments]
        if len(set(numbers)) != len(numbers):
            group.errors.append((group.first_row, "number_twice", {"contract": group.number}))
        if portfolio and group.values.get("principal") and group.installments and not group.errors:
            total = sum(i["principal"] for i in group.installments)
            if total != group.values["principal"]:
                group.errors.append((group.first_row, "principal_sum", {
                    "contract": group.number, "total": total, "principal": group.values["principal"]}))
    return columns, contracts


def _check_contract(group, to_date, today):
    """Turn the contract's cells into values (in place), recording what is wrong."""
    v, row = group.values, group.first_row
    errors = group.errors
    out = {}
    out["borrower"] = _text(v.get("borrower"))
    if not out["borrower"]:
        errors.append((row, "no_borrower", {}))
    for prefix in ("borrower", "guarantor"):
        kind_text = _text(v.get(prefix + "_id_type"))
        number = identity.normalize_identity(_text(v.get(prefix + "_id")))
        if prefix == "guarantor" and not _text(v.get("guarantor")):
            out["guarantor"] = None
            break
        if prefix == "guarantor":
            out["guarantor"] = _text(v.get("guarantor"))
        if kind_text not in ID_TYPES:
            errors.append((row, "id_type", {"value": kind_text}))
            continue
        kind = ID_TYPES[kind_text] or ("credit_code" if len(number) == 18 and not number[:17].isdigit()
                                       else "resident_id")
        if not number:
            errors.append((row, "no_identity", {"who": out[prefix]}))
            continue
        problem = (identity.resident_id_error(number, today=today) if kind == "resident_id"
                   else identity.credit_code_error(number) if kind == "credit_code" else None)
        if problem:
            errors.append((row, "identity", {"who": out[prefix], "number": number}))
        out[prefix + "_id_type"], out[prefix + "_id"] = kind, number
    out["borrower_phone"] = _text(v.get("borrower_phone")) or None
    out["borrower_address"] = _text(v.get("borrower_address")) or None
    out["product"] = _text(v.get("product"))
    for key, table, code in (("repayment_method", METHODS, "method"), ("guarantee_type", GUARANTEE_TYPES, "guarantee")):
        text = _text(v.get(key))
        if text not in table:
            errors.append((row, code, {"value": text}))
        out[key] = table.get(text)
    try:
        out["principal"] = parse_amount(v.get("contract_principal"))
        out["annual_rate"] = parse_amount(v.get("annual_rate") or 0)
        out["overdue_rate"] = parse_amount(v.get("overdue_rate")) if _text(v.get("overdue_rate")) else None
        out["date_disbursed"] = parse_date(v.get("date_disbursed"), to_date)
        out["date_maturity"] = parse_date(v.get("date_maturity"), to_date)
        # What was actually paid out (实际发放), from the bank's record: stated in a complaint, never
        # assumed to be the principal; empty when the file does not give it.
        out["disbursed_amount"] = (parse_amount(v.get("disbursed_amount"))
                                   if _text(v.get("disbursed_amount")) else None)
        out["disbursement_date"] = (parse_date(v.get("disbursement_date"), to_date)
                                    if _text(v.get("disbursement_date")) else None)
    except (ValueError, InvalidOperation, TypeError):
        errors.append((row, "contract_unreadable", {}))
    else:
        if out["principal"] <= 0 or out["annual_rate"] < 0 or (out["overdue_rate"] or 0) < 0 \
                or (out["disbursed_amount"] is not None
                    and not 0 < out["disbursed_amount"] <= out["principal"]):
            errors.append((row, "contract_amounts", {}))
        if out["date_maturity"] <= out["date_disbursed"]:
            errors.append((row, "contract_dates", {}))
    group.values = out
