# -*- coding: utf-8 -*-
"""RMB amounts in capital Chinese numerals (大写金额) and in figures, for documents.

Follows 中国人民银行《支付结算办法》(银发〔1997〕393号) 附件一《正确填写票据和结算凭证的基本规定》
(the same rules as 财政部《会计基础工作规范》第五十二条):

- 第一条: digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分, 整.
- 第二条: an amount that stops at 元 ends with 整; after 角 整 "may be omitted"; after 分 never.
  We write 整 after 角 as well (壹拾万元伍角整): 会计基础工作规范 第五十二条 requires it
  ("到元或者角为止的，在'元'或者'角'字之后应当写'整'字"), and a closed amount cannot be
  extended by a forger.
- 第三条: the text goes right after "人民币" — the caller prints that label, this returns the amount.
- 第四条 on zeros:
  (一) a zero between digits is written 零 (1,409.50 → 壹仟肆佰零玖元伍角整);
  (二) several zeros in a row are written as one 零 (6,007.14 → 陆仟零柒元壹角肆分);
  (三) when the 万 digit or the 元 digit is 0 (alone or ending a run of zeros) and the next digit
  (仟 / 角) is not, one 零 may be written or none: we write none, at both places
  (1,680.32 → 壹仟陆佰捌拾元叁角贰分; 107,000.53 → 壹拾万柒仟元伍角叁分, where the rule's
  examples show 壹拾万柒仟元零伍角叁分 and 壹拾万零柒仟元伍角叁分 as the one-零 forms);
  (四) 角 0 and 分 not 0 → 零 after 元 (16,409.02 → 壹万陆仟肆佰零玖元零贰分).
  Zeros that span a whole section, or that sit at the top of a section (its 仟 digit is 0) after
  a higher non-zero section, are one 零 (100,010,000 → 壹亿零壹万元整; 100,800 → 壹拾万零捌佰元整).
- 拾 always carries its digit, also at the head of the amount or of a section (10 → 壹拾元整,
  150,000 → 壹拾伍万元整), as banks write it, so that no digit can be put in front of it.

Amounts below one yuan have no 元 (0.05 → 伍分, 0.50 → 伍角整); zero is 零元整.

Amounts are rounded to the fen half up (``allocation.to_fen``: floats through their shortest repr).
``ValueError`` for no amount (None or False: missing, not zero), an amount negative after rounding (-0.004 rounds to 0.00: 零元整), an amount
of 1 000 000 000 000 (壹万亿) or more after rounding, or a value that is not a finite number.
"""
from decimal import Decimal

from .allocation import to_fen

DIGITS = '零壹贰叁肆伍陆柒捌玖'
# Units within a four-digit section, from its lowest digit up.
SECTION_UNITS = ('', '拾', '佰', '仟')
# Section units from the lowest section up: ones, 万, 亿.
SECTION_NAMES = ('', '万', '亿')
LIMIT = Decimal(10) ** 12  # 壹万亿: the first amount that would need a 万亿 unit


def _check(amount):
    # A missing amount is not zero: printing 零元整 on a court document for an amount nobody
    # entered would state a claim of nothing (issue 12, item 10).
    if amount is None or amount is False:
        raise ValueError('No amount given (%r): an empty amount is not 零元整.' % (amount,))
    value = to_fen(amount)
    if value < 0:
        raise ValueError('Negative amount: %r' % (amount,))
    if value >= LIMIT:
        raise ValueError('Amount too large for capital numerals: %r' % (amount,))
    return value


def _section_words(number):
    """Words for 1 <= number <= 9999 without leading zeros, e.g. 1005 → 壹仟零伍, 10 → 壹拾."""
    words = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = number // 10 ** position % 10
        if digit == 0:
            # A zero only matters if a non-zero digit follows it inside the section.
            pending_zero = bool(words)
            continue
        if pending_zero:
            words.append(DIGITS[0])
            pending_zero = False
        words.append(DIGITS[digit] + SECTION_UNITS[position])
    return ''.join(words)


def _yuan_words(yuan):
    """Words for a whole number of yuan, 1 <= yuan < 10**12, without the 元."""
    sections = []
    while yuan:
        sections.append(yuan % 10000)
        yuan //= 10000
    words = []
    zero_gap = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            # A whole section of zeros: one 零 if something non-zero follows (第四条(二)).
            zero_gap = bool(words)
            continue
        if words and (zero_gap or section < 1000):
            # Zeros between this section and the higher one (第四条(一)(二)); the trailing zeros
            # of the higher section alone, followed by a non-zero 仟, take no 零 (第四条(三)).
            words.append(DIGITS[0])
        zero_gap = False
        words.append(_section_words(section) + SECTION_NAMES[index])
    return ''.join(words)


def rmb_upper(amount):
    """Return ``amount`` in capital Chinese numerals, e.g. 150000 → '壹拾伍万元整'.

    See the module docstring for the rules and the choices made where they leave one.
    """
    value = _check(amount)
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if not fen_total:
        return DIGITS[0] + '元整'
    words = ''
    if yuan:
        words = _yuan_words(yuan) + '元'
    if jiao:
        words += DIGITS[jiao] + '角'
    elif fen and yuan:
        # 第四条(四): 角 is 0 and 分 is not — 零 after 元.
        words += DIGITS[0]
    if fen:
        words += DIGITS[fen] + '分'
    else:
        # 第二条: 整 after 元 (required) and after 角 (our choice, see the module docstring).
        words += '整'
    return words


def rmb_figures(amount):
    """Return ``amount`` in figures as on documents, e.g. 150000 → '¥150,000.00'.

    Same rounding and limits as ``rmb_upper``, so both forms of one amount always agree.
    """
    return '¥{:,.2f}'.format(_check(amount))
