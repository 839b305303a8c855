"""Interest-rate legality: the LPR caps of private lending and the 24 % reference of licensed lenders.

Rate caps
---------
- Private lending (民间借贷): interest above four times the one-year LPR at the time the contract
  is formed is not supported (民间借贷规定 法释〔2020〕17号 第25条); the overdue rate, penalty
  (违约金) and other fees claimed together are capped at the same figure (第29条; 第28条 for an
  agreed overdue rate alone). "One-year LPR" is the rate the National Interbank Funding Center
  (全国银行间同业拆借中心) publishes monthly since 2019-08-20 (第25条第2款).
- A contract formed before 2020-08-20 (第31条): interest up to 2020-08-19 follows the rule in force
  when it was formed, 24% a year (民间借贷规定 法释〔2015〕18号 第26条、第30条); interest from
  2020-08-20 is capped at four times the one-year LPR at the time the suit is filed. Without a
  filing date the cap returned is the 24% of the formation rule.
- Licensed lenders (small-loan companies and the other local financial organisations, 法释〔2020〕27号)
  and financial institutions are not bound by the private-lending cap; a court reduces the
  interest, compound interest, penalty interest, 违约金 and other fees claimed together to 24% a
  year when the borrower asks (九民纪要 第51条): charges above 24% are flagged, not refused.

All rates are annual percentages as Decimal (Decimal("15.4") is 15.4 % a year).
The day-count bases of interest are in services/amortization.py.
"""
import datetime
from collections import namedtuple
from decimal import Decimal

from .money import to_decimal

D = datetime.date

# The one-year and five-year LPR (% a year) as published by the National Interbank Funding
# Center (全国银行间同业拆借中心, chinamoney.com.cn, 贷款市场报价利率历史数据), one row a month on
# the 20th or the next working day. Cross-checked against an independent embedded data set of
# the same history (2019-08 to 2025-01, identical dates and one-year figures; its five-year figure
# for 2024-02-20 reads 4.20 where the Center published 3.95, the 25-point cut of that day) and the
# press reports of each change (2019-09, 2019-11, 2020-02, 2020-04, 2021-12, 2022-01, 2022-05,
# 2022-08, 2023-06, 2023-08, 2024-02, 2024-07, 2024-10, 2025-05). Publication dates follow the
# Center's rule "the 20th, postponed to the next working day", checked with chinese-calendar
# (2021-02-20 was a make-up working Saturday). Later months: Collection > Configuration > LPR.
LPR_HISTORY = tuple((D(*map(int, day.split("-"))), Decimal(one), Decimal(five)) for day, one, five in (
    ("2019-08-20", "4.25", "4.85"), ("2019-09-20", "4.20", "4.85"), ("2019-10-21", "4.20", "4.85"),
    ("2019-11-20", "4.15", "4.80"), ("2019-12-20", "4.15", "4.80"), ("2020-01-20", "4.15", "4.80"),
    ("2020-02-20", "4.05", "4.75"), ("2020-03-20", "4.05", "4.75"), ("2020-04-20", "3.85", "4.65"),
    ("2020-05-20", "3.85", "4.65"), ("2020-06-22", "3.85", "4.65"), ("2020-07-20", "3.85", "4.65"),
    ("2020-08-20", "3.85", "4.65"), ("2020-09-21", "3.85", "4.65"), ("2020-10-20", "3.85", "4.65"),
    ("2020-11-20", "3.85", "4.65"), ("2020-12-21", "3.85", "4.65"), ("2021-01-20", "3.85", "4.65"),
    ("2021-02-20", "3.85", "4.65"), ("2021-03-22", "3.85", "4.65"), ("2021-04-20", "3.85", "4.65"),
    ("2021-05-20", "3.85", "4.65"), ("2021-06-21", "3.85", "4.65"), ("2021-07-20", "3.85", "4.65"),
    ("2021-08-20", "3.85", "4.65"), ("2021-09-22", "3.85", "4.65"), ("2021-10-20", "3.85", "4.65"),
    ("2021-11-22", "3.85", "4.65"), ("2021-12-20", "3.80", "4.65"), ("2022-01-20", "3.70", "4.60"),
    ("2022-02-21", "3.70", "4.60"), ("2022-03-21", "3.70", "4.60"), ("2022-04-20", "3.70", "4.60"),
    ("2022-05-20", "3.70", "4.45"), ("2022-06-20", "3.70", "4.45"), ("2022-07-20", "3.70", "4.45"),
    ("2022-08-22", "3.65", "4.30"), ("2022-09-20", "3.65", "4.30"), ("2022-10-20", "3.65", "4.30"),
    ("2022-11-21", "3.65", "4.30"), ("2022-12-20", "3.65", "4.30"), ("2023-01-20", "3.65", "4.30"),
    ("2023-02-20", "3.65", "4.30"), ("2023-03-20", "3.65", "4.30"), ("2023-04-20", "3.65", "4.30"),
    ("2023-05-22", "3.65", "4.30"), ("2023-06-20", "3.55", "4.20"), ("2023-07-20", "3.55", "4.20"),
    ("2023-08-21", "3.45", "4.20"), ("2023-09-20", "3.45", "4.20"), ("2023-10-20", "3.45", "4.20"),
    ("2023-11-20", "3.45", "4.20"), ("2023-12-20", "3.45", "4.20"), ("2024-01-22", "3.45", "4.20"),
    ("2024-02-20", "3.45", "3.95"), ("2024-03-20", "3.45", "3.95"), ("2024-04-22", "3.45", "3.95"),
    ("2024-05-20", "3.45", "3.95"), ("2024-06-20", "3.45", "3.95"), ("2024-07-22", "3.35", "3.85"),
    ("2024-08-20", "3.35", "3.85"), ("2024-09-20", "3.35", "3.85"), ("2024-10-21", "3.10", "3.60"),
    ("2024-11-20", "3.10", "3.60"), ("2024-12-20", "3.10", "3.60"), ("2025-01-20", "3.10", "3.60"),
    ("2025-02-20", "3.10", "3.60"), ("2025-03-20", "3.10", "3.60"), ("2025-04-21", "3.10", "3.60"),
    ("2025-05-20", "3.00", "3.50"), ("2025-06-20", "3.00", "3.50"), ("2025-07-21", "3.00", "3.50"),
    ("2025-08-20", "3.00", "3.50"), ("2025-09-22", "3.00", "3.50"), ("2025-10-20", "3.00", "3.50"),
))

LPR_START = D(2019, 8, 20)           # first publication of the reformed LPR (法释〔2020〕17号 第25条)
NEW_RULE_START = D(2020, 8, 20)      # 法释〔2020〕17号 第31条
OLD_PRIVATE_CAP = Decimal(24)        # 法释〔2015〕18号 第26条、第30条
LICENSED_REFERENCE_CAP = Decimal(24)  # 九民纪要 第51条

LENDER_TYPES = ("private", "small_loan", "financial")

RateCheck = namedtuple("RateCheck", "charged cap supported refused flagged")


def lpr_on(day, lpr_history=LPR_HISTORY):
    """The one-year LPR (% a year) in force on ``day``: the last publication on or before it.

    ``lpr_history``: (date, one_year, ...) rows in any order. Raises ValueError before the first
    publication (2019-08-20), which has no LPR.
    """
    known = [row for row in lpr_history if row[0] <= day]
    if not known:
        raise ValueError("no one-year LPR was published on or before %s (the first is of 2019-08-20)" % day)
    return to_decimal(max(known, key=lambda row: row[0])[1])


# The LPR is published monthly (the 20th, or the next working day): a day more than this past the
# last recorded publication may fall under a newer rate nobody recorded yet.
LPR_PUBLICATION_GAP_DAYS = 35


def lpr_outdated(day, lpr_history=LPR_HISTORY):
    """The date of the last recorded publication when ``day`` may be under a later one that is not
    recorded (more than LPR_PUBLICATION_GAP_DAYS after it), else None."""
    last = max(row[0] for row in lpr_history)
    return last if (day - last).days > LPR_PUBLICATION_GAP_DAYS else None


def private_lending_cap(contract_date, lpr_history=LPR_HISTORY, filed_on=None):
    """The annual cap in percent (Decimal) on a private loan formed on ``contract_date``.

    4 x the one-year LPR at formation (法释〔2020〕17号 第25条); for a contract formed before
    2020-08-20, 24 % (法释〔2015〕18号 第26条), or with ``filed_on`` (the suit's filing date) the cap
    on the interest from 2020-08-20: 4 x the LPR at filing (法释〔2020〕17号 第31条).
    """
    if contract_date >= NEW_RULE_START:
        return 4 * lpr_on(contract_date, lpr_history)
    if filed_on is not None:
        return 4 * lpr_on(max(filed_on, NEW_RULE_START), lpr_history)
    return OLD_PRIVATE_CAP


def check_rates(lender_type, contract_date, annual_rate, overdue_rate=0, fee_rate=0,
                lpr_history=LPR_HISTORY, filed_on=None):
    """The legality of a contract's charges, as RateCheck(charged, cap, supported, refused, flagged).

    charged: the highest annual charge of the contract, the agreed rate or the overdue rate
    (rates in % a year), plus the fees as an annual rate, counted together (法释〔2020〕17号
    第29条; 九民纪要 第51条); cap: the private-lending cap or, for a licensed lender or a financial
    institution, the 24 % of 九民纪要 第51条; supported: what a court would likely support, the
    lower of the two; refused: private lending above its cap; flagged: another lender above 24 %.
    """
    if lender_type not in LENDER_TYPES:
        raise ValueError("lender type must be one of %s" % ", ".join(LENDER_TYPES))
    charged = max(to_decimal(annual_rate), to_decimal(overdue_rate)) + to_decimal(fee_rate)
    if lender_type == "private":
        cap = private_lending_cap(contract_date, lpr_history, filed_on)
    else:
        cap = LICENSED_REFERENCE_CAP
    above = charged > cap
    return RateCheck(charged, cap, min(charged, cap), above and lender_type == "private",
                     above and lender_type != "private")
