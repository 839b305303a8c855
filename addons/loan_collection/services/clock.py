# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The business clock: what "now" and "today" mean for a lender in China.

A business date (days overdue, penalty accrual, a promise due, a recovery "not in the future",
a court deadline) is the company's calendar day in the company's time zone, never the server's
UTC date nor the caller's preference: between 16:00 and 24:00 UTC the two calendars differ by a
day. The conduct rules are judged on the debtor's wall clock (the debtor's time zone, else the
company's), because they protect the debtor.

``utcnow`` is the one place the product reads the wall clock, so tests can freeze it (see
``frozen``) and behaviour around midnight in China is pinned, not left to the hour CI runs at.
"""
import contextlib
import datetime

import pytz

DEFAULT_TZ = "Asia/Shanghai"

_frozen = []  # a stack of naive UTC datetimes set by ``frozen``


def utcnow():
    """The current time in UTC, naive (the way Odoo stores datetimes)."""
    if _frozen:
        return _frozen[-1]
    return datetime.datetime.utcnow().replace(microsecond=0)


@contextlib.contextmanager
def frozen(utc):
    """Within the block, ``utcnow`` returns ``utc`` (a naive UTC datetime or 'YYYY-MM-DD HH:MM:SS')."""
    if isinstance(utc, str):
        utc = datetime.datetime.strptime(utc, "%Y-%m-%d %H:%M:%S")
    _frozen.append(utc)
    try:
        yield utc
    finally:
        _frozen.pop()


def timezone(name):
    """The pytz zone of ``name``; the default (China) for an empty or unknown name."""
    try:
        return pytz.timezone(name or DEFAULT_TZ)
    except pytz.UnknownTimeZoneError:
        return pytz.timezone(DEFAULT_TZ)


def to_local(utc, tz_name):
    """A naive UTC datetime as the naive wall-clock time in ``tz_name``."""
    return pytz.utc.localize(utc).astimezone(timezone(tz_name)).replace(tzinfo=None)


def to_utc(local, tz_name):
    """A naive wall-clock time in ``tz_name`` as a naive UTC datetime."""
    return timezone(tz_name).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def local_now(tz_name, utc=None):
    """The wall-clock time now (or at ``utc``) in ``tz_name``, naive."""
    return to_local(utc or utcnow(), tz_name)


def local_today(tz_name, utc=None):
    """The calendar day now (or at ``utc``) in ``tz_name``, a ``datetime.date``."""
    return local_now(tz_name, utc).date()


def day_bounds_utc(day, tz_name):
    """The UTC start (inclusive) and end (exclusive) of calendar ``day`` in ``tz_name``."""
    start = to_utc(datetime.datetime.combine(day, datetime.time.min), tz_name)
    end = to_utc(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min), tz_name)
    return start, end
