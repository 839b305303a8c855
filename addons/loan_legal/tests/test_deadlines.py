# -*- coding: utf-8 -*-
"""Litigation and enforcement deadlines; weekdays noted beside each date."""
import datetime

import chinese_calendar
import pytest

from odoo.addons.loan_legal.services import deadlines


def d(text):
    return datetime.date(*map(int, text.split('-')))


# 2024 National Day: 1-7 October are holidays (Tue-Mon); Sun 29 September and
# Sat 12 October are make-up working days (调休上班日).
NATIONAL_DAY_2024 = [d('2024-10-%02d' % day) for day in range(1, 8)]
MAKEUP_WORKDAYS_2024 = [d('2024-09-29'), d('2024-10-12')]
DRAGON_BOAT_2024 = [d('2024-06-10')]  # Monday
WEEKENDS = deadlines.WEEKENDS_ONLY


def cal(holidays=(), workdays=()):
    return deadlines.CourtCalendar(holidays, workdays)


# --- 民法典 第202条: months and years --------------------------------------

@pytest.mark.parametrize('start, months, expected', [
    ('2024-01-15', 1, '2024-02-15'),   # corresponding day
    ('2023-01-31', 1, '2023-02-28'),   # no 31 February: last day of the month
    ('2024-01-31', 1, '2024-02-29'),   # leap year
    ('2022-08-31', 6, '2023-02-28'),
    ('2023-08-31', 6, '2024-02-29'),   # leap year
    ('2024-03-31', 1, '2024-04-30'),
    ('2024-11-30', 3, '2025-02-28'),   # across the year end
    ('2024-03-31', -1, '2024-02-29'),
])
def test_add_months(start, months, expected):
    assert deadlines.add_months(d(start), months) == d(expected)


@pytest.mark.parametrize('start, years, expected', [
    ('2021-06-10', 3, '2024-06-10'),
    ('2024-02-29', 1, '2025-02-28'),   # no 29 February in 2025
    ('2024-02-29', 4, '2028-02-29'),
])
def test_add_years(start, years, expected):
    assert deadlines.add_years(d(start), years) == d(expected)


def test_add_months_does_not_roll_forward():
    # 2024-03-16 is a Saturday and stays so
    assert deadlines.add_months(d('2024-02-16'), 1) == d('2024-03-16')


# --- 民法典 第203条 / 民诉法 第85条: rest days --------------------------------

def test_roll_forward_weekend():
    assert deadlines.roll_forward(d('2024-03-16')) == d('2024-03-18')  # Sat -> Mon
    assert deadlines.roll_forward(d('2024-03-17')) == d('2024-03-18')  # Sun -> Mon
    assert deadlines.roll_forward(d('2024-03-18')) == d('2024-03-18')  # Mon stays


def test_roll_forward_holidays():
    # Tue 1 October 2024 is a holiday; so are the following days up to Mon 7 October
    assert deadlines.roll_forward(d('2024-10-01'), calendar=cal(NATIONAL_DAY_2024)) == d('2024-10-08')
    # on weekends alone: Tue stays
    assert deadlines.roll_forward(d('2024-10-01'), calendar=WEEKENDS) == d('2024-10-01')
    # the statutory calendar is the default
    assert deadlines.roll_forward(d('2024-10-01')) == d('2024-10-08')


def test_roll_forward_makeup_workday():
    # Sun 29 September 2024 was a working day
    assert deadlines.roll_forward(
        d('2024-09-29'), calendar=cal(NATIONAL_DAY_2024, MAKEUP_WORKDAYS_2024)) == d('2024-09-29')
    assert deadlines.roll_forward(d('2024-09-29')) == d('2024-09-29')
    assert deadlines.roll_forward(d('2024-09-29'), calendar=WEEKENDS) == d('2024-09-30')


def test_roll_back():
    assert deadlines.roll_back(d('2024-03-17')) == d('2024-03-15')  # Sun -> Fri
    assert deadlines.roll_back(d('2024-10-07'), calendar=cal(NATIONAL_DAY_2024)) == d('2024-09-30')
    # statutory: Sun 2024-09-29 was a make-up working day
    assert deadlines.roll_back(d('2024-10-07')) == d('2024-09-30')


# --- 诉讼时效 ---------------------------------------------------------------

def test_limitation_three_years():
    # due Sun 2020-05-10: period starts the next day, ends Wed 2023-05-10 (第188条)
    assert deadlines.limitation_expiry(d('2020-05-10')) == d('2023-05-10')


def test_limitation_rolled_past_holiday():
    # due 2021-06-10 + 3 years = Mon 2024-06-10, Dragon Boat Festival -> Tue
    assert deadlines.limitation_expiry(
        d('2021-06-10'), calendar=cal(DRAGON_BOAT_2024)) == d('2024-06-11')
    assert deadlines.limitation_expiry(d('2021-06-10')) == d('2024-06-11')
    assert deadlines.limitation_expiry(d('2021-06-10'), calendar=WEEKENDS) == d('2024-06-10')


def test_limitation_restarted_by_served_notice():
    # notice served 2022-03-15 restarts the period (第195条):
    # 2025-03-15 is a Saturday -> Mon 2025-03-17
    assert deadlines.limitation_expiry(
        d('2020-05-10'), interruptions=[d('2022-03-15')]) == d('2025-03-17')


def test_limitation_restarted_by_partial_payment():
    # partial payment 2021-08-20 -> Tue 2024-08-20
    assert deadlines.limitation_expiry(
        d('2020-05-10'), interruptions=[d('2021-08-20')]) == d('2024-08-20')


def test_limitation_restarted_repeatedly_in_any_order():
    # payment 2021-08-20 (-> 2024-08-20), then notice 2024-06-01 within it -> Tue 2027-06-01
    assert deadlines.limitation_expiry(
        d('2020-05-10'), interruptions=[d('2024-06-01'), d('2021-08-20')],
    ) == d('2027-06-01')


def test_limitation_not_revived_after_expiry():
    # expired Wed 2023-05-10; a notice served 2023-06-01 comes too late
    assert deadlines.limitation_expiry(
        d('2020-05-10'), interruptions=[d('2023-06-01')]) == d('2023-05-10')


def test_limitation_interruption_on_rolled_last_day_counts():
    # due 2020-05-13: 2023-05-13 is a Saturday, so the period runs to Mon 2023-05-15;
    # a notice served that Monday restarts it -> Fri 2026-05-15
    assert deadlines.limitation_expiry(
        d('2020-05-13'), interruptions=[d('2023-05-15')]) == d('2026-05-15')


def test_limitation_ignores_interruption_before_due_date():
    assert deadlines.limitation_expiry(
        d('2020-05-10'), interruptions=[d('2019-01-01')]) == d('2023-05-10')


def test_limitation_capped_at_twenty_years():
    # due 2004-03-10, absolute limit 2024-03-10 (Sun). Each interruption falls
    # inside the running period; the last one (2023-09-01) would give 2026-09-01,
    # but the 20-year cap stops at 2024-03-10 -> rolled to Mon 2024-03-11.
    interruptions = [d(x) for x in (
        '2006-03-01', '2009-02-01', '2012-01-01', '2014-12-01',
        '2017-11-01', '2020-10-01', '2023-09-01')]
    assert deadlines.limitation_expiry(
        d('2004-03-10'), interruptions=interruptions) == d('2024-03-11')


# --- 审理期限 ---------------------------------------------------------------

@pytest.mark.parametrize('procedure, extended, expected', [
    ('simple', False, '2024-04-15'),    # 3 months (第164条), Mon
    ('simple', True, '2024-05-15'),     # 3 + 1 months, Wed
    ('ordinary', False, '2024-07-15'),  # 6 months (第152条), Mon
    ('ordinary', True, '2025-01-15'),   # 6 + 6 months, Wed
    ('small_claims', False, '2024-03-15'),  # 2 months (第168条), Fri
    ('small_claims', True, '2024-04-15'),   # 2 + 1 months, Mon
])
def test_trial_period_end(procedure, extended, expected):
    assert deadlines.trial_period_end(
        d('2024-01-15'), procedure=procedure, extended=extended) == d(expected)


def test_trial_period_end_month_end():
    # filed 2023-08-31, ordinary: 6 months -> Thu 2024-02-29 (leap year)
    assert deadlines.trial_period_end(d('2023-08-31')) == d('2024-02-29')
    # filed 2022-08-31: 2023-02-28 is a Tuesday
    assert deadlines.trial_period_end(d('2022-08-31')) == d('2023-02-28')


def test_trial_period_unknown_procedure_refused():
    with pytest.raises(ValueError) as info:
        deadlines.trial_period_end(d('2024-01-15'), procedure='summary')
    assert "'ordinary'" in str(info.value) and "'simple'" in str(info.value)
    assert "'small_claims'" in str(info.value)


def test_small_claims_judgment_cannot_be_appealed():
    # 民诉法 (2023) 第165条: 一审终审.
    assert deadlines.appeal_allowed('small_claims') is False
    assert deadlines.appeal_allowed('simple') is True
    assert deadlines.appeal_allowed('ordinary') is True
    with pytest.raises(ValueError):
        deadlines.appeal_allowed('summary')


# --- 上诉、答辩 -------------------------------------------------------------

def test_appeal_deadline_judgment_rolled_over_weekend():
    # served Fri 2024-03-01 + 15 days = Sat 2024-03-16 -> Mon 2024-03-18
    assert deadlines.appeal_deadline(d('2024-03-01')) == d('2024-03-18')


def test_appeal_deadline_ruling():
    # served Fri 2024-03-01 + 10 days = Mon 2024-03-11
    assert deadlines.appeal_deadline(d('2024-03-01'), kind='ruling') == d('2024-03-11')


def test_appeal_deadline_rolled_over_national_day():
    # served Fri 2024-09-20 + 15 = Sat 2024-10-05; 5-7 October are holidays -> Tue 10-08
    assert deadlines.appeal_deadline(
        d('2024-09-20'), calendar=cal(NATIONAL_DAY_2024)) == d('2024-10-08')
    assert deadlines.appeal_deadline(d('2024-09-20')) == d('2024-10-08')
    # weekend only: Sat 10-05 -> Mon 10-07
    assert deadlines.appeal_deadline(d('2024-09-20'), calendar=WEEKENDS) == d('2024-10-07')


def test_appeal_deadline_unknown_kind_refused():
    with pytest.raises(ValueError) as info:
        deadlines.appeal_deadline(d('2024-03-01'), kind='order')
    assert "'judgment'" in str(info.value) and "'ruling'" in str(info.value)


def test_defence_deadline():
    # served Fri 2024-03-01 + 15 days = Sat 2024-03-16 -> Mon 2024-03-18
    assert deadlines.defence_deadline(d('2024-03-01')) == d('2024-03-18')
    # served Wed 2024-06-05 + 15 = Thu 2024-06-20
    assert deadlines.defence_deadline(d('2024-06-05')) == d('2024-06-20')


# --- 履行期间、申请执行 -------------------------------------------------------

def test_performance_deadline():
    # effective Wed 2024-06-05 + 10 days = Sat 2024-06-15 -> Mon 2024-06-17
    assert deadlines.performance_deadline(d('2024-06-05'), 10) == d('2024-06-17')
    # no period granted: counted from the effective date itself
    assert deadlines.performance_deadline(d('2024-06-15'), 0) == d('2024-06-15')


def test_performance_deadline_negative_days_refused():
    with pytest.raises(ValueError):
        deadlines.performance_deadline(d('2024-06-05'), -1)


def test_enforcement_application_deadline():
    # performance period ended Mon 2024-06-17 + 2 years = Wed 2026-06-17 (第250条)
    assert deadlines.enforcement_application_deadline(d('2024-06-17')) == d('2026-06-17')
    # 2022-06-10 + 2 years = Mon 2024-06-10, a holiday -> Tue 2024-06-11
    assert deadlines.enforcement_application_deadline(
        d('2022-06-10'), calendar=cal(DRAGON_BOAT_2024)) == d('2024-06-11')
    assert deadlines.enforcement_application_deadline(d('2022-06-10')) == d('2024-06-11')
    # corresponding day, not the leap day: 2022-02-28 + 2 years = Wed 2024-02-28
    assert deadlines.enforcement_application_deadline(d('2022-02-28')) == d('2024-02-28')


# --- 财产保全 ---------------------------------------------------------------

@pytest.mark.parametrize('start, kind, expected', [
    ('2024-03-10', 'bank_deposit', '2025-03-10'),  # 1 year
    ('2023-03-09', 'movable', '2025-03-09'),       # 2 years (a Sunday, not rolled)
    ('2022-03-09', 'real_estate', '2025-03-09'),   # 3 years
    ('2022-03-09', 'other_right', '2025-03-09'),   # 3 years
    ('2024-02-29', 'bank_deposit', '2025-02-28'),  # leap day
])
def test_preservation_expiry(start, kind, expected):
    assert deadlines.preservation_expiry(d(start), kind) == d(expected)


def test_preservation_expiry_unknown_kind_refused():
    with pytest.raises(ValueError) as info:
        deadlines.preservation_expiry(d('2024-03-10'), 'vehicle')
    message = str(info.value)
    for kind in ('bank_deposit', 'movable', 'real_estate', 'other_right'):
        assert kind in message


def test_preservation_renew_by_weekday():
    # Mon 2025-03-10 - 7 days = Mon 2025-03-03
    assert deadlines.preservation_renew_by(d('2025-03-10')) == d('2025-03-03')


def test_preservation_renew_by_rolled_back_from_sunday():
    # Sun 2025-03-09 - 7 days = Sun 2025-03-02 -> back to Fri 2025-02-28, never forward
    assert deadlines.preservation_renew_by(d('2025-03-09')) == d('2025-02-28')


def test_preservation_renew_by_rolled_back_over_holidays():
    # Tue 2024-10-08 - 7 = Tue 2024-10-01 (holiday) -> Mon 2024-09-30
    assert deadlines.preservation_renew_by(
        d('2024-10-08'), calendar=cal(NATIONAL_DAY_2024)) == d('2024-09-30')
    # Sun 2024-10-06 - 7 = Sun 2024-09-29, a make-up working day: stays
    assert deadlines.preservation_renew_by(
        d('2024-10-06'), calendar=cal(NATIONAL_DAY_2024, MAKEUP_WORKDAYS_2024)) == d('2024-09-29')
    assert deadlines.preservation_renew_by(d('2024-10-06')) == d('2024-09-29')
    # without the make-up day it falls back to Fri 2024-09-27
    assert deadlines.preservation_renew_by(d('2024-10-06'), calendar=WEEKENDS) == d('2024-09-27')


def test_pre_suit_preservation_lapse():
    # ruling Fri 2024-03-01 + 30 days = Sun 2024-03-31 -> Mon 2024-04-01
    assert deadlines.pre_suit_preservation_lapse(d('2024-03-01')) == d('2024-04-01')


# --- 失信名单 ---------------------------------------------------------------

def test_listing_end():
    assert deadlines.listing_end(d('2023-05-10')) == d('2025-05-10')           # 2 years
    assert deadlines.listing_end(d('2024-02-29')) == d('2026-02-28')           # leap day
    assert deadlines.listing_end(d('2024-02-29'), years=5) == d('2029-02-28')  # 2 + 3


def test_listing_term_end_by_ground():
    # 失信名单规定 第二条: no fixed term for 第一条第一项 (able to perform but refuses) ...
    assert deadlines.listing_term_end(d('2025-12-10'), 'able_refuses') is None
    assert deadlines.listing_term_end(d('2025-12-10'), 'able_refuses', years=5) is None
    # ... 2 years for the other grounds, 3 to 5 with an aggravation.
    assert deadlines.listing_term_end(d('2025-12-10'), 'evades') == d('2027-12-10')
    assert deadlines.listing_term_end(d('2025-12-10'), 'obstructs', 3, aggravated=True) == d('2028-12-10')
    assert deadlines.listing_term_end(d('2024-02-29'), 'asset_report', 5, aggravated=True) == d('2029-02-28')


def test_listing_term_longer_than_two_years_needs_an_aggravation():
    with pytest.raises(ValueError) as info:
        deadlines.listing_term_end(d('2025-12-10'), 'evades', 3)
    assert 'violence or threats' in str(info.value)
    with pytest.raises(ValueError):
        deadlines.listing_term_end(d('2025-12-10'), 'evades', 6, aggravated=True)


@pytest.mark.parametrize('years', [1, 6, 0])
def test_listing_end_years_out_of_range_refused(years):
    with pytest.raises(ValueError):
        deadlines.listing_end(d('2023-05-10'), years=years)


# --- reminders and input checks ---------------------------------------------

def test_reminder_date():
    assert deadlines.reminder_date(d('2024-10-08'), 7) == d('2024-10-01')
    assert deadlines.reminder_date(d('2024-10-08'), 0) == d('2024-10-08')
    assert deadlines.reminder_date(d('2024-03-01'), 1) == d('2024-02-29')
    with pytest.raises(ValueError):
        deadlines.reminder_date(d('2024-10-08'), -3)


def test_odoo_date_string_refused():
    with pytest.raises(TypeError):
        deadlines.appeal_deadline('2024-03-01')


def test_datetime_accepted_as_its_date():
    assert deadlines.defence_deadline(
        datetime.datetime(2024, 3, 1, 16, 30)) == d('2024-03-18')


# --- China's statutory calendar (chinese-calendar's data as the reference) ----------

def _each_day(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _reference_next_working_day(day):
    # chinese_calendar.is_workday: weekdays that are not holidays, and 调休上班日
    while not chinese_calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def _reference_previous_working_day(day):
    while not chinese_calendar.is_workday(day):
        day -= datetime.timedelta(days=1)
    return day


def test_statutory_calendar_covers_2024_to_2026():
    known = deadlines.statutory_calendar().known_years
    assert {2024, 2025, 2026} <= known


@pytest.mark.parametrize('kind', ['judgment', 'ruling'])
def test_appeal_deadline_matches_the_reference_2024_2026(kind):
    # 民诉法 第85条, 第171条: every service date of 2024-2026 whose deadline stays in 2026
    days = deadlines.APPEAL_DAYS[kind]
    for served in _each_day(d('2024-01-01'), d('2026-12-10')):
        expected = _reference_next_working_day(served + datetime.timedelta(days=days))
        assert deadlines.appeal_deadline(served, kind) == expected, served


def test_renew_by_matches_the_reference_2024_2026():
    # 财产保全规定 第18条: the last working day on or before expiry - 7 days
    for expiry in _each_day(d('2024-01-10'), d('2026-12-31')):
        expected = _reference_previous_working_day(expiry - datetime.timedelta(days=7))
        assert deadlines.preservation_renew_by(expiry) == expected, expiry


def test_weekends_alone_give_the_wrong_appeal_deadline_108_times():
    # issue 12: 108 service dates of 2024-2026 whose 15-day deadline is wrong on weekends alone,
    # 29 of them later than the law (make-up working weekends counted as rest days)
    wrong = later = 0
    for served in _each_day(d('2024-01-01'), d('2026-12-10')):
        law = deadlines.appeal_deadline(served)
        weekends = deadlines.appeal_deadline(served, calendar=WEEKENDS)
        wrong += weekends != law
        later += weekends > law
    assert (wrong, later) == (108, 29)


def test_makeup_working_sunday_is_the_appeal_deadline():
    # served Sat 2024-01-20 + 15 = Sun 2024-02-04, a make-up working day before the Spring Festival
    assert deadlines.appeal_deadline(d('2024-01-20')) == d('2024-02-04')
    assert deadlines.appeal_deadline(d('2024-01-20'), calendar=WEEKENDS) == d('2024-02-05')


def test_appeal_deadline_in_the_spring_festival_moves_after_it():
    # served Mon 2024-01-29 + 15 = Tue 2024-02-13, Spring Festival (10-17 February) -> Sun 02-18,
    # a make-up working day
    assert deadlines.appeal_deadline(d('2024-01-29')) == d('2024-02-18')


def test_renew_by_never_inside_the_spring_festival():
    # expiry Fri 2024-02-23 - 7 = Fri 2024-02-16, a holiday -> back to Fri 2024-02-09
    assert deadlines.preservation_renew_by(d('2024-02-23')) == d('2024-02-09')
    assert deadlines.preservation_renew_by(d('2024-02-23'), calendar=WEEKENDS) == d('2024-02-16')


def test_known_year_reports_nothing():
    calendar = deadlines.statutory_calendar().tracking()
    deadlines.appeal_deadline(d('2025-09-20'), calendar=calendar)
    assert calendar.unknown_years == set()


def test_unknown_year_computed_on_weekends_and_reported():
    first_unknown = max(deadlines.statutory_calendar().known_years) + 1
    # 20 December of the last known year + 15 days falls in the unknown year
    served = datetime.date(first_unknown - 1, 12, 20)
    calendar = deadlines.statutory_calendar().tracking()
    result = deadlines.appeal_deadline(served, calendar=calendar)
    assert result == deadlines.appeal_deadline(served, calendar=WEEKENDS)
    assert calendar.unknown_years == {first_unknown}
    # the statutory calendar itself is never changed by use
    assert deadlines.statutory_calendar().unknown_years == set()


def test_days_recorded_on_top_of_the_statutory_calendar():
    base = deadlines.statutory_calendar()
    # Sun 2024-02-04 was a make-up working day; a court announcing it closed makes it a rest day
    closed = base.with_days(holidays=[d('2024-02-04')])
    assert deadlines.appeal_deadline(d('2024-01-20'), calendar=closed.tracking()) == d('2024-02-05')
    # a make-up working day recorded in an unpublished year: the year becomes known
    year = max(base.known_years) + 1
    saturday = datetime.date(year, 1, 1)
    while saturday.weekday() != 5:
        saturday += datetime.timedelta(days=1)
    extended = base.with_days(holidays=[datetime.date(year, 1, 1)], workdays=[saturday])
    assert year in extended.known_years and year not in base.known_years
    calendar = extended.tracking()
    assert deadlines.roll_forward(saturday, calendar=calendar) == saturday
    assert deadlines.roll_forward(datetime.date(year, 1, 1), calendar=calendar) > datetime.date(year, 1, 1)
    assert calendar.unknown_years == set()

# --- 民法典 第692条: guarantee period ---------------------------------------

@pytest.mark.parametrize('due, agreed, expected', [
    ('2025-03-10', None, '2025-09-10'),          # six months from the main debt's due date
    ('2024-08-31', None, '2025-02-28'),          # no 31 February: its last day (第202条)
    ('2023-08-31', None, '2024-02-29'),          # leap year
    ('2025-03-10', '2026-03-10', '2026-03-10'),  # the agreed end
    ('2025-03-10', '2025-03-10', '2025-09-10'),  # agreed to end with the main debt: none (第692条第二款)
    ('2025-03-10', '2025-01-31', '2025-09-10'),  # agreed to end before it: none
])
def test_guarantee_period_end(due, agreed, expected):
    assert deadlines.guarantee_period_end(d(due), agreed and d(agreed)) == d(expected)


def test_guarantee_period_end_needs_dates():
    with pytest.raises(TypeError):
        deadlines.guarantee_period_end('2025-03-10')
