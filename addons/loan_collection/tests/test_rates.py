"""Rate caps (services/rates.py), no database: 4 x the one-year LPR for private lending
(民间借贷规定 法释〔2020〕17号 第25、29、31条), 24 % for licensed lenders (九民纪要 第51条)."""
import datetime
from decimal import Decimal

import pytest

from odoo.addons.loan_collection.services import rates

D = datetime.date


@pytest.mark.parametrize("contract_date, cap", [
    (D(2020, 8, 20), "15.40"),   # LPR 3.85 of 2020-08-20, published that day
    (D(2021, 12, 19), "15.40"),  # the day before the 3.80 publication
    (D(2021, 12, 20), "15.20"),
    (D(2022, 8, 21), "14.80"),   # a Sunday: the 3.70 of 2022-07-20 still applies (3.65 published on the 22nd)
    (D(2022, 8, 22), "14.60"),
    (D(2023, 8, 21), "13.80"),
    (D(2024, 7, 22), "13.40"),
    (D(2024, 10, 21), "12.40"),
    (D(2025, 5, 20), "12.00"),
    (D(2026, 3, 1), "12.00"),    # the latest known publication
])
def test_private_lending_cap_is_four_times_the_lpr_at_the_contract_date(contract_date, cap):
    assert rates.private_lending_cap(contract_date) == Decimal(cap)


def test_contract_before_2020_08_20_follows_the_transitional_rule():
    # 第31条: interest up to 2020-08-19 under the 2015 rule (24 %), from 2020-08-20 4 x the LPR at filing.
    assert rates.private_lending_cap(D(2019, 5, 1)) == Decimal(24)
    assert rates.private_lending_cap(D(2019, 5, 1), filed_on=D(2024, 11, 5)) == Decimal("12.40")
    assert rates.private_lending_cap(D(2020, 3, 1), filed_on=D(2020, 9, 1)) == Decimal("15.40")


def test_a_managers_row_extends_the_history():
    history = rates.LPR_HISTORY + ((D(2026, 6, 22), Decimal("2.90"), None),)
    assert rates.private_lending_cap(D(2026, 6, 22), history) == Decimal("11.60")
    assert rates.private_lending_cap(D(2026, 6, 21), history) == Decimal("12.00")


def test_no_lpr_before_its_first_publication():
    with pytest.raises(ValueError):
        rates.lpr_on(D(2019, 8, 19))


def test_history_is_monthly_from_august_2019():
    months = [(day.year, day.month) for day, _one, _five in rates.LPR_HISTORY]
    assert months[0] == (2019, 8) and len(set(months)) == len(months)
    assert all((b[0] * 12 + b[1]) - (a[0] * 12 + a[1]) == 1 for a, b in zip(months, months[1:]))
    assert all(day.day >= 20 and day.weekday() < 5 or day == D(2021, 2, 20) for day, _o, _f in rates.LPR_HISTORY)


def test_agreed_overdue_and_fees_checked_together():
    # Private loan of 2025-06-01 (cap 12.00): 9 % agreed, 12 % overdue + 2 % fees = 14 % -> refused.
    check = rates.check_rates("private", D(2025, 6, 1), 9, 12, 2)
    assert check == rates.RateCheck(Decimal(14), Decimal(12), Decimal(12), True, False)
    assert not rates.check_rates("private", D(2025, 6, 1), 9, 10, 2).refused


@pytest.mark.parametrize("lender_type, refused, flagged", [
    ("private", True, False), ("small_loan", False, True), ("financial", False, True)])
def test_a_contract_at_100_percent(lender_type, refused, flagged):
    check = rates.check_rates(lender_type, D(2025, 6, 1), 100, 100)
    assert (check.refused, check.flagged) == (refused, flagged)
    assert check.supported == (Decimal(12) if lender_type == "private" else Decimal(24))


def test_licensed_lender_at_24_percent_is_not_flagged():
    assert not rates.check_rates("small_loan", D(2025, 6, 1), 18, 24).flagged
    with pytest.raises(ValueError):
        rates.check_rates("pawnshop", D(2025, 6, 1), 18, 24)


def test_a_day_past_the_last_recorded_publication_is_flagged():
    # The shipped history ends with the publication of 2025-10-20: a day in November is still
    # under it, a day in 2026 may be under a later one nobody recorded.
    last = max(row[0] for row in rates.LPR_HISTORY)
    assert rates.lpr_outdated(last + datetime.timedelta(days=20)) is None
    assert rates.lpr_outdated(last + datetime.timedelta(days=60)) == last
