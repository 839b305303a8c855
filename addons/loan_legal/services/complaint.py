"""Rules of the element-style complaint (民事起诉状（要素式）金融借款合同纠纷), pure (no Odoo)."""
import datetime
from decimal import Decimal

from .claim import fen, to_decimal

DIGITS = "零一二三四五六七八九"


def article_number(number):
    """1 <= number <= 9999 in Chinese numerals as statutes are cited: 667 -> 六百六十七,
    410 -> 四百一十, 122 -> 一百二十二, 700 -> 七百, 10 -> 十."""
    if not 0 < number < 10000:
        raise ValueError("article number out of range: %s" % number)
    if number < 20 and number >= 10:
        return "十" + (DIGITS[number - 10] if number > 10 else "")
    words, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero and words:
                words += "零"
            words += DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return words


# The articles the claims rest on, by what is claimed.
LOAN_ARTICLES = (667, 674, 675, 676)      # 民法典: the loan contract, interest, repayment, default interest
GUARANTEE_ARTICLES = {
    "general": (686, 687),                # 保证方式; 一般保证 (先诉抗辩权)
    "joint": (686, 688),                  # 保证方式; 连带责任保证
    "mortgage": (394, 410),               # 抵押权; 实现抵押权
    "pledge": (425, 436),                 # 动产质权; 实现质权
}
RECOURSE_ARTICLES = (387, 700)            # 反担保; 保证人的追偿权
SUIT_ARTICLES = (122,)                    # 民事诉讼法: 起诉的条件


def statutes(guarantee_types, recourse=False):
    """The statute sentence of the complaint: 民法典 articles for the loan and for each kind of
    guarantee actually claimed on (a general guarantee 第687条, a joint one 第688条, never both by
    default), then 民事诉讼法 第122条 for the suit. `recourse`: the company is the guarantee company
    claiming back what it paid (民法典 第387条第二款、第700条)."""
    articles = set(LOAN_ARTICLES)
    for kind in guarantee_types:
        articles.update(GUARANTEE_ARTICLES.get(kind, GUARANTEE_ARTICLES["joint"]))
    if recourse:
        articles.update(RECOURSE_ARTICLES)
    return _statute_sentence(articles)


def _statute_sentence(articles):
    """《中华人民共和国民法典》第…条、…及《中华人民共和国民事诉讼法》第一百二十二条, the civil-code articles in order."""
    civil = "、".join("第%s条" % article_number(a) for a in sorted(articles))
    suit = "、".join("第%s条" % article_number(a) for a in SUIT_ARTICLES)
    return "《中华人民共和国民法典》%s及《中华人民共和国民事诉讼法》%s" % (civil, suit)


def rate_text(value):
    """A rate as contracts write it: 12.0 -> '12', 10.8 -> '10.8'."""
    return ("%.4f" % value).rstrip("0").rstrip(".")


def recourse_statutes(guarantee_types):
    """The statute sentence of a guarantee company's recourse complaint (追偿权纠纷): its right of
    recourse as the guarantor that paid (民法典 第700条), and when counter-guarantees are claimed on,
    反担保 (第387条第二款) with the articles of each kind; 民事诉讼法 第122条 for the suit."""
    articles = {700}
    for kind in guarantee_types:
        articles.update(GUARANTEE_ARTICLES.get(kind, GUARANTEE_ARTICLES["joint"]))
        articles.add(387)
    return _statute_sentence(articles)


def recourse_claim(paid, paid_date, repaid, annual_rate, claim_date):
    """What a guarantee company that paid the lender claims back as of ``claim_date`` (民法典
    第700条: within what it paid): ``(outstanding, interest)`` in yuan, rounded to the fen.

    ``paid``: what it paid the lender on ``paid_date``; ``repaid``: ``[(date, amount)]`` the debtor
    paid it back since, each going to the interest accrued by its day first, then to what was paid
    (民法典 第五百六十一条, the order when none is agreed), so the interest runs on what is left;
    ``annual_rate``: the rate the guarantee agreement sets on the amount paid, percent a year (0: no
    interest claimed), a day being a 360th of a year (日利率＝年利率÷360). Repayments after
    ``claim_date`` are not counted (the claim is as of that day)."""
    if claim_date < paid_date:
        raise ValueError("The claim date (%s) is before the payment (%s)." % (claim_date, paid_date))
    rate = to_decimal(annual_rate) / 100
    base, start, interest = fen(paid), paid_date, Decimal(0)
    for day, amount in sorted(r for r in repaid if paid_date <= r[0] <= claim_date):
        interest = fen(interest + base * rate * (day - start).days / 360)  # in fen, as it is paid
        to_interest = min(fen(amount), interest)
        interest -= to_interest
        base, start = max(base - (fen(amount) - to_interest), fen(0)), day
    interest += base * rate * (claim_date - start).days / 360
    return base, fen(interest)


def repayments(installments):
    """What the debtor repaid, from the ledger: (principal repaid, interest repaid, interest paid
    up to), interest paid up to being the due date of the last installment up to which every
    installment's interest is paid in full (None when none is).

    `installments`: (due date, principal, interest, paid, principal recovered, interest recovered)
    in any order, the amounts in yuan. A recovery records its own split; what was paid otherwise
    goes to interest first, then principal (民法典 第561条)."""
    principal_paid = interest_paid = 0.0
    paid_to, unbroken = None, True
    for due, principal, interest, paid, principal_recovered, interest_recovered in sorted(
            installments, key=lambda row: row[0]):
        rest = max(paid - principal_recovered - interest_recovered, 0.0)
        interest_part = min(interest_recovered + rest, interest)
        rest -= interest_part - interest_recovered
        principal_part = min(principal_recovered + max(rest, 0.0), principal)
        principal_paid += principal_part
        interest_paid += interest_part
        unbroken = unbroken and interest_part >= interest - 0.005
        if unbroken:
            paid_to = due
    return round(principal_paid, 2), round(interest_paid, 2), paid_to


def term_text(start, end):
    """The loan term as a complaint states it: whole months when the day of month matches
    (2022-03-10 to 2023-03-10: 12个月), else days."""
    if isinstance(start, str):
        start = datetime.datetime.strptime(start, "%Y-%m-%d").date()
    if isinstance(end, str):
        end = datetime.datetime.strptime(end, "%Y-%m-%d").date()
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day == start.day:
        return "%s个月" % months
    return "%s天" % (end - start).days
