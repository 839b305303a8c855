# -*- coding: utf-8 -*-
"""Stage requirements, date order and age of majority (services/litigation.py, no database)."""
import datetime

import pytest

from odoo.addons.loan_legal.services import litigation


def d(text):
    return datetime.date(*map(int, text.split('-')))


def case(**values):
    data = {key: None for key in litigation.DATE_ORDER}
    data.update(court=True, missing_evidence=[], closing_reason=None)
    data.update(values)
    return data


def test_preparation_needs_nothing():
    assert litigation.missing_for_stage('preparation', case(court=False), check_evidence=True) == []


def test_filing_needs_court_date_and_evidence():
    data = case(court=False, missing_evidence=['Loan Contract'])
    assert litigation.missing_for_stage('filed', data, check_evidence=True) == [
        'court', 'filing_date', 'evidence']
    # The evidence is only checked when asked (when the case leaves preparation).
    assert litigation.missing_for_stage('filed', data) == ['court', 'filing_date']
    assert litigation.missing_for_stage('filed', case(filing_date=d('2025-06-02')), check_evidence=True) == []


def test_requirements_accumulate_along_the_path():
    # Dragging a new case straight to "effective" lists everything it lacks.
    assert litigation.missing_for_stage('effective', case(court=False)) == [
        'court', 'filing_date', 'judgment_date', 'judgment_served_date', 'effective_date']
    data = case(filing_date=d('2025-06-02'), judgment_date=d('2025-10-20'),
                judgment_served_date=d('2025-11-03'), effective_date=d('2025-11-19'))
    assert litigation.missing_for_stage('effective', data) == []
    assert litigation.missing_for_stage('enforcement', data) == ['enforcement_date']
    # Asset control and restriction need what enforcement needs.
    assert litigation.missing_for_stage('restriction', data) == ['enforcement_date']


def test_appeal_is_optional_for_later_stages():
    data = case(filing_date=d('2025-06-02'), judgment_date=d('2025-10-20'), judgment_served_date=d('2025-11-03'))
    assert litigation.missing_for_stage('appeal', data) == ['appeal_date']
    assert 'appeal_date' not in litigation.missing_for_stage('effective', data)


def test_closing_needs_a_reason_and_termination_an_enforcement():
    assert litigation.missing_for_stage('closed', case(court=False)) == ['closing_reason']
    assert litigation.missing_for_stage('closed', case(closing_reason='withdrawn')) == []
    assert litigation.missing_for_stage('closed', case(closing_reason='terminated')) == ['enforcement_date']


def test_unknown_stage_refused():
    with pytest.raises(ValueError):
        litigation.missing_for_stage('hearing', case())


def test_dates_in_order_with_equal_days_allowed():
    assert litigation.dates_out_of_order(case(
        filing_date=d('2025-06-02'), judgment_date=d('2025-06-02'), judgment_served_date=d('2025-06-10'),
        effective_date=d('2025-06-26'), enforcement_date=d('2025-07-10'))) == []


def test_judgment_before_filing():
    assert litigation.dates_out_of_order(case(filing_date=d('2025-06-02'), judgment_date=d('2025-05-30'))) == [
        ('filing_date', 'judgment_date')]


def test_gap_in_the_chain_hides_no_error():
    # No judgment date: the service date is still compared with the filing date.
    assert litigation.dates_out_of_order(case(
        filing_date=d('2025-06-02'), judgment_served_date=d('2025-05-01'))) == [
        ('filing_date', 'judgment_served_date')]


def test_enforcement_before_effect():
    assert litigation.dates_out_of_order(case(
        effective_date=d('2025-11-19'), enforcement_date=d('2025-11-18'))) == [('effective_date', 'enforcement_date')]


def test_odoo_date_strings_compare_too():
    assert litigation.dates_out_of_order(case(filing_date='2025-06-02', judgment_date='2025-05-30')) == [
        ('filing_date', 'judgment_date')]


def test_furthest_stage():
    assert litigation.furthest_stage(case(court=False)) == 'preparation'
    assert litigation.furthest_stage(case(filing_date=d('2025-06-02'))) == 'filed'
    assert litigation.furthest_stage(case(
        filing_date=d('2025-06-02'), judgment_date=d('2025-10-20'), judgment_served_date=d('2025-11-03'),
        effective_date=d('2025-11-19'), enforcement_date=d('2025-12-05'))) == 'enforcement'


@pytest.mark.parametrize('birth, on, minor', [
    ('2008-03-15', '2026-03-14', True),
    ('2008-03-15', '2026-03-15', True),    # the 18th birthday itself: still treated as a minor
    ('2008-03-15', '2026-03-16', False),
    ('2008-02-29', '2026-02-28', True),    # 民法典 第202条: 29 February -> 28 February
    ('2008-02-29', '2026-03-01', False),
    ('1985-03-12', '2026-01-01', False),
])
def test_is_minor(birth, on, minor):
    assert litigation.is_minor(d(birth), d(on)) is minor


def test_is_minor_refuses_strings():
    with pytest.raises(TypeError):
        litigation.is_minor('2008-03-15', d('2026-01-01'))


# Case numbers (最高人民法院关于人民法院案件案号的若干规定 第四条): numbers of the forms courts publish —
# a basic court's first instance, an intermediate court's appeal, the financial courts of Shanghai and
# Beijing (沪74, 京74), the Supreme People's Court's retrial, enforcement, its resumption and a split-off
# number, a pre-suit preservation.
@pytest.mark.parametrize('number', [
    '（2026）浙0106民初1234号', '（2026）浙01民终567号', '（2024）沪74民终123号', '（2024）京74民初1号',
    '（2023）最高法民再12号', '（2025）浙0106执999号', '（2025）浙0106执恢33号', '（2025）浙0106执999号之一',
    '（2026）浙0106财保12号',
])
def test_case_numbers_as_courts_write_them(number):
    assert litigation.case_number(number) == (number, True)


def test_case_number_typed_with_ascii_brackets_or_spaces_is_written_as_courts_do():
    assert litigation.case_number(' (2026)浙0106 民初1234号') == ('（2026）浙0106民初1234号', True)


@pytest.mark.parametrize('number', [
    '（（2026）浙0106民初1234号）',  # bracketed twice (issue 13)
    '2026浙0106民初1234号', '（26）浙0106民初1234号', '（2026）浙0106民初1234', '浙0106民初1234号', '1234',
])
def test_what_is_not_a_case_number(number):
    assert litigation.case_number(number)[1] is False
