"""The demo scenario works whatever the day `make run` or `make test` installs it on.

The demo contracts are dated relative to the day of installation (demo/loan_contract_demo.xml)
and the scenario needs the installment M of a contract disbursed "D days and M months ago"
overdue by D days (a few more at some month ends, never fewer): on 1 December, "a month and 2 days ago" taken month-first made the first installment due
yesterday, no case was opened and the installation failed. Here every expression is evaluated
for every day of four years, as Odoo's XML loader would (same names in the evaluation context).
"""
import calendar
import datetime
import importlib.util
import os
import re

import pytz
from dateutil.relativedelta import relativedelta
from lxml import etree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "addons", "loan_collection", "demo", "loan_contract_demo.xml")


def _amortization():
    path = os.path.join(ROOT, "addons", "loan_collection", "services", "amortization.py")
    source = open(path, encoding="utf-8").read()
    # add_months alone: the module's relative imports need the package.
    start = source.index("def add_months")
    namespace = {"datetime": datetime, "calendar": calendar}
    exec(source[start:source.index("\ndef ", start + 1)], namespace)
    return namespace["add_months"]


def _contracts():
    tree = etree.parse(DEMO)
    for record in tree.iterfind("//record[@model='loan.contract']"):
        disbursed = record.find("field[@name='date_disbursed']").get("eval")
        # "(now - relativedelta(days=D) - relativedelta(months=M))": installment M due D days ago.
        offset = re.search(r"relativedelta\(days=(-?\d+)\) - relativedelta\(months=(\d+)\)", disbursed)
        yield record.get("id"), disbursed, tuple(map(int, offset.groups())) if offset else (0, 0)


class _FrozenDateTime(datetime.datetime):
    moment = None

    @classmethod
    def now(cls, tz=None):
        return cls.moment.astimezone(tz) if tz else cls.moment.replace(tzinfo=None)


def test_first_installment_overdue_by_the_days_intended_on_every_day():
    add_months = _amortization()
    contracts = list(_contracts())
    assert sum(1 for _x, _e, (days, _m) in contracts if days > 0) >= 6
    wrong = []
    for offset in range(4 * 366):
        # 03:00 UTC is 11:00 in China, the same calendar day.
        _FrozenDateTime.moment = pytz.utc.localize(datetime.datetime(2026, 1, 1, 3) + datetime.timedelta(offset))
        today = _FrozenDateTime.moment.astimezone(pytz.timezone("Asia/Shanghai")).date()
        context = {"DateTime": _FrozenDateTime, "relativedelta": relativedelta, "pytz": pytz}
        for xmlid, expression, (days, months) in contracts:
            disbursed = datetime.datetime.strptime(eval(expression, context), "%Y-%m-%d").date()
            overdue = (today - add_months(disbursed, months)).days
            if days > 0 and not days <= overdue <= days + 3:
                wrong.append((str(today), xmlid, days, overdue))
    assert not wrong, wrong[:10]
