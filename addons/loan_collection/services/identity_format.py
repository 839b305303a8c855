# -*- coding: utf-8 -*-
"""Identity numbers other than the resident ID and the credit code, and how numbers are masked.

Pure Python, no Odoo import.

``other_identity_error(number, kind)`` returns ``None`` when the number is acceptable, else:

``'length'``
    a passport number outside 5-17 characters, or another ID outside 4-30;
``'characters'``
    anything but the letters A-Z and the digits 0-9 (another ID may also hold a hyphen), once
    whitespace is removed and the letters upper-cased: no markup, no punctuation.
"""
import re

PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,17}$")
OTHER_ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,28}[A-Z0-9]$")
PASSPORT_CHARS = re.compile(r"^[A-Z0-9]*$")
OTHER_CHARS = re.compile(r"^[A-Z0-9-]*$")


def other_identity_error(number, kind):
    """Check a normalised passport (``kind='passport'``) or other ID number (``kind='other'``)."""
    number = number or ""
    if kind == "passport":
        if not PASSPORT_CHARS.match(number):
            return "characters"
        return None if PASSPORT_RE.match(number) else "length"
    if not OTHER_CHARS.match(number):
        return "characters"
    if not 4 <= len(number) <= 30:
        return "length"
    return None if OTHER_ID_RE.match(number) else "characters"


def mask_identity(number):
    """Keep what is needed to recognise a number: ``330106197503120031`` -> ``3301**********0031``.

    The first and last four characters stay for numbers of 12 characters or more; shorter ones keep
    only their last two."""
    if not number:
        return ""
    if len(number) >= 12:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    return "*" * max(len(number) - 2, 0) + number[-2:]
