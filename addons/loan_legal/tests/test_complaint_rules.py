"""The complaint's pure rules (services/complaint.py) and who answers to the company
(loan_collection services/guarantee.py): worked out by hand."""
import datetime
from decimal import Decimal

from odoo.addons.loan_collection.services import guarantee
from odoo.addons.loan_legal.services import complaint

D = datetime.date


def test_article_numbers():
    assert complaint.article_number(667) == "六百六十七"
    assert complaint.article_number(410) == "四百一十"
    assert complaint.article_number(122) == "一百二十二"
    assert complaint.article_number(700) == "七百"
    assert complaint.article_number(10) == "十"
    assert complaint.article_number(15) == "十五"
    assert complaint.article_number(1260) == "一千二百六十"
    assert complaint.article_number(1006) == "一千零六"


def test_statutes_per_guarantee_type():
    loan_only = complaint.statutes([])
    assert loan_only == ("《中华人民共和国民法典》第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条"
                         "及《中华人民共和国民事诉讼法》第一百二十二条")
    joint = complaint.statutes(["joint"])
    assert "第六百八十六条、第六百八十八条" in joint and "第六百八十七条" not in joint
    general = complaint.statutes(["general"])
    assert "第六百八十六条、第六百八十七条" in general and "第六百八十八条" not in general
    mortgage = complaint.statutes(["mortgage"])
    assert "第三百九十四条、第四百一十条" in mortgage and "第六百八十" not in mortgage
    pledge = complaint.statutes(["pledge"])
    assert "第四百二十五条、第四百三十六条" in pledge
    recourse = complaint.statutes(["joint"], recourse=True)
    assert "第三百八十七条" in recourse and "第七百条" in recourse


def test_repayments_from_the_ledger():
    rows = [
        # due, principal, interest, paid, principal recovered, interest recovered
        (D(2022, 4, 10), 9000.0, 1200.0, 10200.0, 0.0, 0.0),   # paid in full
        (D(2022, 5, 10), 9100.0, 1100.0, 1500.0, 0.0, 0.0),    # interest first, 400 to principal
        (D(2022, 6, 10), 9200.0, 1000.0, 0.0, 0.0, 0.0),
    ]
    assert complaint.repayments(rows) == (9400.0, 2300.0, D(2022, 5, 10))
    # A recovery's own split is kept (principal first by the contract's order).
    rows = [(D(2022, 4, 10), 9000.0, 1200.0, 5000.0, 5000.0, 0.0)]
    assert complaint.repayments(rows) == (5000.0, 0.0, None)
    assert complaint.repayments([]) == (0.0, 0.0, None)


def test_term():
    assert complaint.term_text("2022-03-10", "2023-03-10") == "12个月"
    assert complaint.term_text(D(2022, 3, 10), D(2022, 4, 20)) == "41天"


def test_who_answers_to_the_company():
    assert guarantee.answers_to_company("guarantor", guarantee.LENDER)
    assert not guarantee.answers_to_company("counter_guarantor", guarantee.LENDER)
    assert guarantee.answers_to_company("counter_guarantor", guarantee.GUARANTEE_COMPANY)
    assert not guarantee.answers_to_company("guarantor", guarantee.GUARANTEE_COMPANY)
    assert guarantee.liability("mortgage") == guarantee.liability("pledge") == "collateral"
    assert guarantee.liability("general") == "supplementary"
    assert guarantee.liability("joint") == "joint"
    assert guarantee.party_word("guarantor", "mortgage") == "抵押人"
    assert guarantee.party_word("guarantor", "pledge") == "出质人"
    assert guarantee.party_word("guarantor", "general") == "保证人"
    assert guarantee.party_word("counter_guarantor", "joint") == "反担保人"


def test_recourse_claim_from_the_payment():
    d = datetime.date
    # Paid 100,000 on 2026-01-10, agreed 12 % a year: to 2026-04-10 (90 days) 100,000 x 12 % x 90 / 360 = 3,000.
    assert complaint.recourse_claim(100000, d(2026, 1, 10), [], 12, d(2026, 4, 10)) == (100000, 3000)
    # 40,000 paid back on 2026-02-09: first the 1,000 of interest accrued by then (30 days on 100,000,
    # 民法典 第561条), then 39,000 of the amount paid; 60 days on 61,000: 1,220.
    assert complaint.recourse_claim(100000, d(2026, 1, 10), [(d(2026, 2, 9), 40000)], 12, d(2026, 4, 10)) \
        == (61000, 1220)
    # A repayment smaller than the interest accrued pays interest only: 500 of the 1,000.
    assert complaint.recourse_claim(100000, d(2026, 1, 10), [(d(2026, 2, 9), 500)], 12, d(2026, 4, 10)) \
        == (100000, 2500)
    # No agreed rate: the amount paid only; a repayment after the claim date is not counted.
    assert complaint.recourse_claim(100000, d(2026, 1, 10), [(d(2026, 5, 1), 10000)], 0, d(2026, 4, 10)) \
        == (100000, 0)
    # The amount paid repaid after 10 days: it first pays the 180 of interest (36,000 x 18 % x 10 / 360),
    # so 180 of the amount paid is left, with 80 days on it (7.20).
    assert complaint.recourse_claim(36000, d(2026, 1, 10), [(d(2026, 1, 20), 36000)], 18, d(2026, 4, 10)) \
        == (180, Decimal("7.20"))
    # The interest is paid in fen on the day of a repayment: 59 days on 100,000 is 1,966.67, so 8,033.33 of
    # 10,000 goes to the amount paid; 82 days on 91,966.67: 2,513.76.
    assert complaint.recourse_claim(100000, d(2025, 1, 10), [(d(2025, 3, 10), 10000)], 12, d(2025, 5, 31)) \
        == (Decimal("91966.67"), Decimal("2513.76"))
    # Repaid with its interest: nothing left.
    assert complaint.recourse_claim(36000, d(2026, 1, 10), [(d(2026, 1, 20), 36180)], 18, d(2026, 4, 10)) \
        == (0, 0)


def test_recourse_statutes():
    assert complaint.recourse_statutes(set()) == (
        "《中华人民共和国民法典》第七百条及《中华人民共和国民事诉讼法》第一百二十二条")
    assert complaint.recourse_statutes({"joint", "mortgage"}) == (
        "《中华人民共和国民法典》第三百八十七条、第三百九十四条、第四百一十条、第六百八十六条、第六百八十八条、第七百条"
        "及《中华人民共和国民事诉讼法》第一百二十二条")
