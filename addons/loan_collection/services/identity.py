# -*- coding: utf-8 -*-
"""Checks for Chinese identifiers: resident ID numbers and unified social credit codes.

Pure Python, no Odoo import: models call these from their ``_check_*`` constraints and map the
problem codes below to translated messages.

Resident ID number (公民身份号码, GB 11643-1999), ``resident_id_error`` returns:

``'length'``
    not 18 characters once spaces are removed;
``'characters'``
    the first 17 characters are not all digits, or the last one is neither a digit nor X
    (a lowercase x is accepted and normalised to X);
``'birth_date'``
    positions 7-14 (YYYYMMDD) are not a real calendar date, are before 1900-01-01 or are in the
    future;
``'checksum'``
    the 18th character is not the check character computed from the first 17 (ISO 7064 MOD 11-2
    as used by GB 11643-1999).

Unified social credit code (统一社会信用代码, GB 32100-2015), ``credit_code_error`` returns:

``'length'``
    not 18 characters once spaces are removed;
``'characters'``
    a character outside "0123456789ABCDEFGHJKLMNPQRTUWXY" (I, O, S, V and Z are never used;
    lowercase letters are accepted and normalised to uppercase);
``'checksum'``
    the 18th character is not the check character computed from the first 17.

Checks run in the order listed, and the first problem found is the one returned.
"""
import datetime

from . import clock

# GB 11643-1999: weight of position i (1-based) is 2**(18 - i) mod 11.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = '10X98765432'
RESIDENT_ID_MIN_BIRTH_DATE = datetime.date(1900, 1, 1)

# GB 32100-2015: 31 characters, value = index; weight of position i is 3**(i - 1) mod 31.
CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize_identity(number):
    """Return ``number`` without any whitespace and in upper case ('' for None).

    People type ID numbers in groups ("110105 19850312 123x"); removing all whitespace (not only
    at the ends) lets such input through while the stored value stays canonical.
    """
    if not number:
        return ''
    return ''.join(str(number).split()).upper()


def resident_id_check_char(first17):
    """Return the GB 11643-1999 check character for the first 17 digits of a resident ID."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, RESIDENT_ID_WEIGHTS))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def _birth_date(number):
    """Return the date encoded in positions 7-14 of a normalised ID, or None if not a real date."""
    text = number[6:14]
    try:
        return datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def resident_id_error(number, today=None):
    """Return None if ``number`` is a valid resident ID number, else a problem code.

    ``today`` (a date, default: the system date) is the limit for the birth date; pass the user's
    local date when it matters. See the module docstring for the codes.
    """
    number = normalize_identity(number)
    if len(number) != 18:
        return 'length'
    # Not str.isdigit(): it also accepts other scripts' digits (full-width ０-９, superscripts).
    if not all('0' <= char <= '9' for char in number[:17]):
        return 'characters'
    if not ('0' <= number[17] <= '9' or number[17] == 'X'):
        return 'characters'
    birth = _birth_date(number)
    if birth is None or birth < RESIDENT_ID_MIN_BIRTH_DATE \
            or birth > (today or clock.local_today(clock.DEFAULT_TZ)):
        return 'birth_date'
    if resident_id_check_char(number[:17]) != number[17]:
        return 'checksum'
    return None


def is_valid_resident_id(number, today=None):
    """Return True if ``number`` is a valid resident ID number (see ``resident_id_error``)."""
    return resident_id_error(number, today=today) is None


def birth_date_from_resident_id(number, today=None):
    """Return the holder's birth date, or None unless ``number`` is a valid resident ID number.

    An invalid number gives None even when its date part happens to be readable, so that a typo
    never produces a plausible but wrong birth date.
    """
    if not is_valid_resident_id(number, today=today):
        return None
    return _birth_date(normalize_identity(number))


def credit_code_check_char(first17):
    """Return the GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(CREDIT_CODE_ALPHABET.index(char) * weight
                for char, weight in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code):
    """Return None if ``code`` is a valid unified social credit code, else a problem code.

    See the module docstring for the codes.
    """
    code = normalize_identity(code)
    if len(code) != 18:
        return 'length'
    if any(char not in CREDIT_CODE_ALPHABET for char in code):
        return 'characters'
    if credit_code_check_char(code[:17]) != code[17]:
        return 'checksum'
    return None


def is_valid_credit_code(code):
    """Return True if ``code`` is a valid unified social credit code (see ``credit_code_error``)."""
    return credit_code_error(code) is None
