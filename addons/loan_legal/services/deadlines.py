# -*- coding: utf-8 -*-
"""Litigation and enforcement deadlines (pure Python, no ``odoo`` import).

How a period is counted (民法典 第200-204条, 民事诉讼法 第85条):

* 民法典 第201条 / 民诉法 第85条第二款: the day of the event that starts the
  period is not counted; the period starts the next day.  So "15 days after
  service on 1 March" ends on 16 March, i.e. simply ``d + 15 days``.
* 民法典 第202条: a period in months or years ends on the corresponding day of
  the final month; when that month has no such day, on its last day
  (31 January + 1 month -> 28/29 February).  See ``add_months``.
* 民法典 第203条 / 民诉法 第85条第三款: when the last day is a statutory rest
  day, the period ends on the first day after it.  Rest days are Saturdays,
  Sundays and China's public holidays; the weekend days the State Council
  turns into working days (调休上班日) are working days.  A ``CourtCalendar``
  holds them: by default China's statutory calendar (``statutory_calendar``,
  from the chinese-calendar package), which the addon extends with the days a
  legal manager records.  See ``roll_forward``.

Dates are ``datetime.date``.  Odoo 11 hands dates around as strings: convert
them with ``fields.Date.from_string`` before calling.

Functions that answer "by when must we act" roll the last day forward as the
law does.  ``preservation_renew_by`` is the exception: it is a latest-safe day
before another date, so it is rolled *back* (see its docstring).
"""
import datetime
from calendar import monthrange

import chinese_calendar

ONE_DAY = datetime.timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday is 0

# 民法典 第188条: 诉讼时效期间为三年 ... 自权利受到损害之日起超过二十年的，
# 人民法院不予保护.
LIMITATION_YEARS = 3
LIMITATION_ABSOLUTE_YEARS = 20

# 民诉法 (2023) 第164条: 简易程序 3 months, extendable once by 1 month;
# 第152条: 普通程序 6 months, extendable by 6 months (further extension needs
# the higher court's approval and is not modelled); 第168条: 小额诉讼 2 months,
# extendable by 1 month.
PROCEDURE_ORDINARY = 'ordinary'
PROCEDURE_SIMPLE = 'simple'
PROCEDURE_SMALL_CLAIMS = 'small_claims'
TRIAL_PERIOD_MONTHS = {
    # procedure: (months, months added by an extension)
    PROCEDURE_SIMPLE: (3, 1),
    PROCEDURE_ORDINARY: (6, 6),
    PROCEDURE_SMALL_CLAIMS: (2, 1),
}
# 民诉法 (2023) 第165条: a small-claims case is tried 一审终审 -- its judgment is
# final and cannot be appealed (only an application for retrial remains).
FINAL_PROCEDURES = frozenset([PROCEDURE_SMALL_CLAIMS])

# 民诉法 第171条: 不服判决 15 日, 不服裁定 10 日 from service.
KIND_JUDGMENT = 'judgment'
KIND_RULING = 'ruling'
APPEAL_DAYS = {KIND_JUDGMENT: 15, KIND_RULING: 10}

# 民诉法 第128条: the defendant answers within 15 days of receiving the complaint.
DEFENCE_DAYS = 15

# 民诉法 第250条: 申请执行的期间为二年.
ENFORCEMENT_APPLICATION_YEARS = 2

# Longest term of one preservation measure: 民诉法解释 第485条 (also restated in
# 财产保全规定 and 查封扣押冻结规定) -- 银行存款 1 year, 动产 2 years,
# 不动产 and 其他财产权 3 years (verify the article numbers).
PRESERVATION_YEARS = {
    'bank_deposit': 1,
    'movable': 2,
    'real_estate': 3,
    'other_right': 3,
}
# 财产保全规定 (法释〔2016〕22号) 第18条: 申请续行财产保全的，应当在保全期限届满
# 七日前向人民法院提出.
PRESERVATION_RENEWAL_NOTICE_DAYS = 7

# 民诉法 第104条: 申请人在人民法院采取保全措施后三十日内不依法提起诉讼或者申请
# 仲裁的，人民法院应当解除保全.
PRE_SUIT_PRESERVATION_DAYS = 30

# 失信名单规定 (法释〔2017〕7号) 第2条: a debtor listed under 第1条第2项至第6项 is
# listed for 2 years, extended by 1 to 3 years (so 2 to 5 in all) when he
# obstructed enforcement by violence or threats and the circumstances are
# serious, or committed several dishonest acts.  A debtor listed under 第1条第1项
# (able to perform but refuses) has no fixed term: he stays listed until he
# performs (第10条).
LISTING_GROUND_ABLE_REFUSES = 'able_refuses'
LISTING_YEARS_DEFAULT = 2
LISTING_YEARS_MIN = 2
LISTING_YEARS_MAX = 5


def _check_date(value, name='date'):
    """Return ``value`` as a ``datetime.date`` (a datetime loses its time)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if not isinstance(value, datetime.date):
        raise TypeError(
            "%s must be a datetime.date, got %r (convert Odoo date strings with "
            "fields.Date.from_string)." % (name, value))
    return value


def _check_count(value, name, minimum=None):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be a whole number, got %r." % (name, value))
    if minimum is not None and value < minimum:
        raise ValueError("%s must be at least %d, got %d." % (name, minimum, value))
    return value


def _check_choice(value, accepted, name):
    if value not in accepted:
        raise ValueError(
            "Unknown %s %r; accepted values: %s."
            % (name, value, ", ".join(repr(a) for a in sorted(accepted))))
    return value


def _date_set(dates, name):
    return frozenset(_check_date(d, name) for d in dates)


class CourtCalendar(object):
    """The rest days of the courts (民法典 第203条, 民诉法 第85条): Saturdays,
    Sundays and the public holidays in ``holidays``; a day in ``workdays``
    (调休上班日, a make-up working day) is a working day.

    ``known_years``: the years whose holidays the calendar holds (None: every
    year, for a calendar given in full, e.g. ``WEEKENDS_ONLY``).  In any other
    year only Saturdays and Sundays are rest days, and each such year looked at
    is added to ``unknown_years``: the caller marks its result "holidays of
    YEAR not yet published".  The days never change; ``unknown_years`` fills as
    the calendar is used, so take a fresh ``tracking()`` copy per computation.
    """

    def __init__(self, holidays=(), workdays=(), known_years=None):
        self.holidays = _date_set(holidays, 'holiday')
        self.workdays = _date_set(workdays, 'workday')
        self.known_years = None if known_years is None else frozenset(known_years)
        self.unknown_years = set()

    def tracking(self):
        """The same calendar with an empty ``unknown_years``."""
        copy = object.__new__(CourtCalendar)
        copy.__dict__.update(self.__dict__, unknown_years=set())
        return copy

    def with_days(self, holidays=(), workdays=()):
        """This calendar with days recorded on top of it (a court's own
        announcement, next year's holidays before the package has them): each
        day given is a holiday or a working day whatever this calendar says,
        and the year of each day given becomes known."""
        holidays = _date_set(holidays, 'holiday')
        workdays = _date_set(workdays, 'workday')
        known = self.known_years
        if known is not None:
            known = known | {d.year for d in holidays | workdays}
        return CourtCalendar((self.holidays - workdays) | holidays,
                             (self.workdays - holidays) | workdays, known)

    def is_rest_day(self, d):
        if self.known_years is not None and d.year not in self.known_years:
            self.unknown_years.add(d.year)
            return d.weekday() >= _SATURDAY
        if d in self.workdays:
            return False
        return d.weekday() >= _SATURDAY or d in self.holidays


# Saturdays and Sundays only, every year taken as known (tests, comparisons).
WEEKENDS_ONLY = CourtCalendar()
_STATUTORY = []


def statutory_calendar():
    """China's statutory calendar: the public holidays and make-up working days
    that the State Council's General Office announces each year (国务院办公厅
    关于部分节假日安排的通知, under 全国年节及纪念日放假办法 第2条), as the
    chinese-calendar package ships them, for the years it covers."""
    if not _STATUTORY:
        holidays = chinese_calendar.constants.holidays
        years = {d.year for d in holidays}
        _STATUTORY.append(CourtCalendar(
            holidays, chinese_calendar.constants.workdays,
            range(min(years), max(years) + 1)))
    return _STATUTORY[0]


def _calendar(calendar):
    """``calendar``, or a fresh copy of the statutory one."""
    return statutory_calendar().tracking() if calendar is None else calendar


def add_months(d, months):
    """Return the last day of a period of ``months`` months starting after ``d``.

    民法典 第202条: the corresponding day of the final month, or that month's
    last day when it has no such day (31 August + 6 months -> 28 February, or
    29 February in a leap year).  ``months`` may be negative.  No roll-forward.
    """
    d = _check_date(d, 'd')
    months = _check_count(months, 'months')
    month_index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError("%s + %d months is outside the calendar." % (d, months))
    day = min(d.day, monthrange(year, month)[1])
    return datetime.date(year, month, day)


def add_years(d, years):
    """Return the last day of a period of ``years`` years starting after ``d``.

    民法典 第202条, as ``add_months``: 29 February + 1 year -> 28 February.
    No roll-forward.
    """
    years = _check_count(years, 'years')
    return add_months(d, 12 * years)


def roll_forward(d, calendar=None):
    """Return the first day on or after ``d`` that is not a rest day.

    民法典 第203条 / 民诉法 第85条: a period whose last day is a statutory rest
    day ends on the first day after it.  The rest days are those of
    ``calendar`` (a ``CourtCalendar``, by default ``statutory_calendar()``): a
    make-up working day (调休上班日) is a working day.
    """
    d = _check_date(d, 'd')
    calendar = _calendar(calendar)
    while calendar.is_rest_day(d):
        d += ONE_DAY
    return d


def roll_back(d, calendar=None):
    """Return the last day on or before ``d`` that is not a rest day.

    For latest-safe days that must not move later (see
    ``preservation_renew_by``); same rest days as ``roll_forward``.
    """
    d = _check_date(d, 'd')
    calendar = _calendar(calendar)
    while calendar.is_rest_day(d):
        d -= ONE_DAY
    return d


def _days_period_end(start, days, calendar):
    # 民法典 第201条: the start day is not counted, so the last day of an
    # n-day period is start + n; 第203条 then rolls it past rest days.
    return roll_forward(start + datetime.timedelta(days=days), calendar)


def limitation_expiry(due_date, interruptions=(), calendar=None):
    """Return the last day of the limitation period (诉讼时效) for a debt.

    :param due_date: the day the debt fell due; the creditor knows of the
        breach from the next day (民法典 第188条, 第201条).
    :param interruptions: dates of events that interrupt the limitation
        (民法典 第195条): a demand that reached the debtor (诉讼时效规定 第8条:
        signed for, or otherwise provably received), a partial payment or other
        acknowledgment by the debtor, a claim filed.  For a claim filed or
        other proceedings the period restarts when that procedure ends
        (第195条 "从中断、有关程序终结时起"), so pass that end date.
    :returns: the last day: 3 years (第188条) after the latest effective
        interruption or after ``due_date``, never beyond 20 years after
        ``due_date`` (第188条), rolled forward past rest days (第203条).

    An interruption only counts while the period is still running: one dated
    after the period has run out does not revive it (民法典 第192条 lets the
    debtor refuse to perform).  Whether a debtor's later acknowledgment waives
    that defence (诉讼时效规定 第19条) is a legal assessment, not a date
    computation, and is left to the legal team.  Interruptions before
    ``due_date`` are ignored.
    """
    due_date = _check_date(due_date, 'due_date')
    events = sorted(_check_date(e, 'interruption') for e in interruptions)
    absolute_end = add_years(due_date, LIMITATION_ABSOLUTE_YEARS)

    def last_day(start):
        return roll_forward(
            min(add_years(start, LIMITATION_YEARS), absolute_end), calendar)

    expiry = last_day(due_date)
    for event in events:
        if event <= due_date:
            continue
        if event > expiry:
            break  # the period had already run out; later events cannot restart it
        expiry = last_day(event)
    return expiry


def trial_period_end(filing_date, procedure=PROCEDURE_ORDINARY, extended=False,
                     calendar=None):
    """Return the last day of the first-instance trial period (审理期限).

    Counted from the day the case was docketed (立案之日): 简易程序 3 months,
    plus 1 when the court president extends it (民诉法 2023 第164条); 普通程序
    6 months, plus 6 when extended (第152条).  Periods the law excludes from
    the trial period (公告、鉴定 etc., 民诉法解释 第243条) are not deducted.
    """
    filing_date = _check_date(filing_date, 'filing_date')
    _check_choice(procedure, TRIAL_PERIOD_MONTHS, 'procedure')
    months, extension = TRIAL_PERIOD_MONTHS[procedure]
    if extended:
        months += extension
    return roll_forward(add_months(filing_date, months), calendar)


def appeal_deadline(service_date, kind=KIND_JUDGMENT, calendar=None):
    """Return the last day to appeal a first-instance decision (民诉法 第171条).

    :param service_date: the day the decision was served (送达).
    :param kind: ``'judgment'`` (判决, 15 days) or ``'ruling'`` (裁定, 10 days).

    A filing posted before the period ends is in time (民诉法 第85条: 诉讼文书
    在期满前交邮的，不算过期).
    """
    service_date = _check_date(service_date, 'service_date')
    _check_choice(kind, APPEAL_DAYS, 'kind')
    return _days_period_end(service_date, APPEAL_DAYS[kind], calendar)


def defence_deadline(service_date, calendar=None):
    """Return the last day for the defence (答辩状): 15 days after the
    complaint was served (民诉法 第128条)."""
    service_date = _check_date(service_date, 'service_date')
    return _days_period_end(service_date, DEFENCE_DAYS, calendar)


def performance_deadline(effective_date, days, calendar=None):
    """Return the last day of the performance period set by a judgment.

    :param effective_date: the day the judgment or mediation statement took
        effect (生效).
    :param days: days granted ("于本判决生效之日起十日内履行"); 0 when the
        document sets no period, in which case the effective date itself is
        returned, not rolled (民诉法 第250条 then counts from that date).
    """
    effective_date = _check_date(effective_date, 'effective_date')
    days = _check_count(days, 'days', minimum=0)
    if days == 0:
        return effective_date
    return _days_period_end(effective_date, days, calendar)


def enforcement_application_deadline(performance_deadline, calendar=None):
    """Return the last day to apply for enforcement (申请执行期间).

    民诉法 第250条: 2 years, counted from the last day of the performance
    period the document sets (for instalments, from each instalment's last
    day -- call once per instalment; with no period, from the effective date).
    Interruption and suspension follow the limitation rules and are not
    modelled here.
    """
    performance_deadline = _check_date(performance_deadline, 'performance_deadline')
    return roll_forward(
        add_years(performance_deadline, ENFORCEMENT_APPLICATION_YEARS),
        calendar)


def preservation_expiry(start_date, asset_kind):
    """Return the last day of a preservation measure of the longest term.

    :param start_date: the day the court froze, seized or sealed the asset.
    :param asset_kind: ``'bank_deposit'`` (1 year), ``'movable'`` (2 years),
        ``'real_estate'`` or ``'other_right'`` (3 years) -- 民诉法解释 第485条,
        财产保全规定 (verify).

    Counted like any period (民法典 第201-202条), and not rolled forward: the
    measure lapses on its own date, it is not a period for a party to act.
    The court's ruling or notice states the end date (财产保全规定 第18条第二款);
    when it does, that date prevails over this estimate.
    """
    start_date = _check_date(start_date, 'start_date')
    _check_choice(asset_kind, PRESERVATION_YEARS, 'asset_kind')
    return add_years(start_date, PRESERVATION_YEARS[asset_kind])


def preservation_renew_by(expiry, calendar=None):
    """Return the latest day to apply for renewal of a preservation measure.

    财产保全规定 第18条: the application is due at least 7 days before the
    measure expires, so the latest day is ``expiry - 7 days``.  This is a
    latest-safe day, not the end of a period running forward, so rolling it
    forward past a weekend would make it too late; it is rolled *back* to the
    previous working day instead.
    """
    expiry = _check_date(expiry, 'expiry')
    return roll_back(
        expiry - datetime.timedelta(days=PRESERVATION_RENEWAL_NOTICE_DAYS),
        calendar)


def pre_suit_preservation_lapse(ruling_date, calendar=None):
    """Return the last day to sue after pre-suit preservation (诉前保全).

    民诉法 第104条: the preservation is lifted when no suit (or arbitration) is
    filed within 30 days after the court took the measure.  ``ruling_date`` is
    that day (the ruling is executed at once).  A procedural period, so rolled
    forward (第85条).
    """
    ruling_date = _check_date(ruling_date, 'ruling_date')
    return _days_period_end(ruling_date, PRE_SUIT_PRESERVATION_DAYS, calendar)


def listing_end(start_date, years=LISTING_YEARS_DEFAULT):
    """Return the last day of a dishonest-debtor listing (失信被执行人名单).

    失信名单规定 2017 第2条: 2 years, extendable by 1 to 3 years, so ``years``
    is 2 to 5.  Not rolled forward: the listing simply ends, nobody has to act.
    Listing ends earlier on performance (removal within 3 working days).
    """
    start_date = _check_date(start_date, 'start_date')
    years = _check_count(years, 'years')
    if not LISTING_YEARS_MIN <= years <= LISTING_YEARS_MAX:
        raise ValueError(
            "A listing lasts %d to %d years (2 years, extendable by 1 to 3); got %d."
            % (LISTING_YEARS_MIN, LISTING_YEARS_MAX, years))
    return add_years(start_date, years)


def reminder_date(deadline, days_before):
    """Return the day to remind staff of ``deadline``: ``days_before`` days
    earlier (0: on the day).  Not rolled to a working day."""
    deadline = _check_date(deadline, 'deadline')
    days_before = _check_count(days_before, 'days_before', minimum=0)
    return deadline - datetime.timedelta(days=days_before)


def appeal_allowed(procedure):
    """Whether a first-instance judgment given under ``procedure`` can be
    appealed: not in the small-claims procedure (民诉法 2023 第165条: 一审终审)."""
    _check_choice(procedure, TRIAL_PERIOD_MONTHS, 'procedure')
    return procedure not in FINAL_PROCEDURES


def listing_term_end(start_date, ground, years=LISTING_YEARS_DEFAULT, aggravated=False):
    """Return the last day of a dishonest-debtor listing for its ``ground``, or None.

    失信名单规定 (法释〔2017〕7号) 第2条:
    * ground ``'able_refuses'`` (第1条第1项, able to perform but refuses): no
      fixed term -- None; the listing ends when the debtor performs (第10条);
    * any other ground (第1条第2-6项): 2 years, or up to 5 (``years``) when
      ``aggravated`` (violence or threats with serious circumstances, or
      several dishonest acts).  ``ValueError`` for more than 2 years without
      aggravation.
    """
    start_date = _check_date(start_date, 'start_date')
    if ground == LISTING_GROUND_ABLE_REFUSES:
        return None
    years = _check_count(years, 'years')
    if years > LISTING_YEARS_DEFAULT and not aggravated:
        raise ValueError(
            "A listing is extended beyond %d years only for violence or threats with serious "
            "circumstances or several dishonest acts; got %d years without either."
            % (LISTING_YEARS_DEFAULT, years))
    return listing_end(start_date, years)


# 民法典 第692条第二款: 没有约定或者约定不明确的，保证期间为主债务履行期限届满之日起六个月;
# an agreed period ending on or before the main debt's due date counts as none (约定的保证期间早于
# 主债务履行期限或者与主债务履行期限同时届满的，视为没有约定).
GUARANTEE_PERIOD_MONTHS = 6


def guarantee_period_end(main_debt_due, agreed_end=None):
    """Return the last day of the guarantee period (保证期间) of a general or joint guarantee.

    :param main_debt_due: the day the main debt's term of performance expires (主债务履行期限届满之日).
    :param agreed_end: the end of the period agreed in the guarantee contract, or None.
    :returns: ``agreed_end`` when it is after ``main_debt_due``; else six months from
        ``main_debt_due`` (民法典 第692条第二款), counted per 第201-202条 (31 August -> 28/29
        February, ``add_months``).

    Not rolled forward past rest days: the lender must claim within the period (第693条: else the
    guarantor is released), so the deadline shown is the last safe day.
    """
    main_debt_due = _check_date(main_debt_due, 'main_debt_due')
    if agreed_end is not None:
        agreed_end = _check_date(agreed_end, 'agreed_end')
        if agreed_end > main_debt_due:
            return agreed_end
    return add_months(main_debt_due, GUARANTEE_PERIOD_MONTHS)
