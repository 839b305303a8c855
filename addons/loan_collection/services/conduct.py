# -*- coding: utf-8 -*-
"""Collection conduct rules: may this contact take place (or may it be logged as compliant)?

``check_contact`` returns a list of ``Refusal(rule, allowed_again)``; an empty list means the
contact is allowed. ``rule`` is one of these codes (the models map them to translated messages):

``'quiet_hours'``
    a phone call, SMS, WeChat message or visit between ``quiet_start`` (22:00) and ``quiet_end``
    (08:00) without consent to night contact. GB/T 45251—2025 and 中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》: no
    collection by phone, visit or otherwise from 22:00 to 08:00 unless the debtor agreed.
``'daily_connected_limit'``
    a connected phone call that would be more than ``max_connected_per_day`` (3) connected voice
    contacts with the same person that day (GB/T 45251—2025).
``'number_attempt_limit'``
    a phone call that would be more than ``max_attempts_per_number`` (6) attempts to the same
    number that day (银行业协会 指引: when the debtor does not answer, no more than 6 tries of the
    same number a day).
``'third_party_reachable'``
    a relative, employer or other third party contacted while the debtor can be reached
    (银行业协会 指引: unrelated third parties only when the debtor cannot be reached, and only to
    get contact details or pass on a message).
``'third_party_disclosure'``
    a third party contacted without the collector confirming that the debt is not disclosed to
    them (never tell a third party about the debt; 个人信息保护法 and 银行业协会 指引).
``'visit_staff'``
    a visit by fewer than ``min_visit_staff`` (2) staff (two-person field visits, domain rule).

``allowed_again`` is the datetime from which the same contact would be allowed: for quiet hours
the next end of the quiet period, for the daily limits the next day at ``quiet_end``, and None for
the rules that time does not cure.

Interpretations:

- Channels. Time-bound (quiet hours): phone, sms, wechat, visit — they reach the person at once.
  A letter is read when the addressee chooses, so it is not time-bound. 'agency' (handing the
  case to a collection agency) and 'authority' (a report to public security, a filing with a court)
  are not contacts with the person but steps taken with an institution; they are subject to none of
  the contact rules. The agency's own calls and visits are logged on their own channels.
- Third parties are 'relative', 'employer' and 'other'. Guarantors and counter-guarantors owe the
  debt under their own contracts and are contacted as obligors, never as third parties.
- Night consent (``debtor_consent_night``) is the consent of the obligor contacted (the debtor,
  or a guarantor for calls to him); it never lifts quiet hours for a third party, who has no
  reason to be called at night about someone else's debt.
- The connected-contact limit counts phone calls only (the voice channel) and only when this call
  is connected; visits are not voice contacts here.
- The attempt limit counts every attempt on the number that the caller reports in
  ``attempts_on_number_today``; whether the call connects does not matter. "The same number" is
  the number dialled, whatever contact-point record it was chosen from: callers count attempts by
  ``normalize_phone`` (digits only, without the +86 / 0086 country prefix), so recording the
  same number twice gives no more attempts.
- Whether a voice call was connected follows from its outcome (``is_connected``), never from
  what the collector ticks: a call that reached someone (right-party contact, promise, refusal,
  dispute, ...) is a connected voice contact for the daily limit; only no answer and a wrong
  number are not.
"""
import collections
import datetime
import re

ConductLimits = collections.namedtuple('ConductLimits', [
    'quiet_start',            # hour the quiet period starts (GB/T 45251—2025, 银行业协会 指引)
    'quiet_end',              # hour it ends
    'max_connected_per_day',  # connected voice contacts per person per day (GB/T 45251—2025)
    'max_attempts_per_number',  # call attempts per number per day (银行业协会 指引)
    'min_visit_staff',        # staff on a field visit
], defaults=(22, 8, 3, 6, 2))

Refusal = collections.namedtuple('Refusal', ['rule', 'allowed_again'])

CHANNELS = ('phone', 'sms', 'letter', 'visit', 'wechat', 'agency', 'authority')
PARTIES = ('debtor', 'guarantor', 'counter_guarantor', 'relative', 'employer', 'other')

TIME_BOUND_CHANNELS = ('phone', 'sms', 'wechat', 'visit')
# Channels by which a collector reaches a person; 'agency' and 'authority' are institutions.
CONTACT_CHANNELS = ('phone', 'sms', 'wechat', 'visit', 'letter')
VOICE_CHANNELS = ('phone',)
THIRD_PARTIES = ('relative', 'employer', 'other')
# Outcomes of a call that reached no one: every other outcome of a voice call is a connected contact.
NOT_CONNECTED_OUTCOMES = ('no_answer', 'wrong_number')
# The country prefix of China, written +86 or 0086 (ITU-T E.164).
_CHINA_PREFIX = re.compile(r'^\s*(?:\+\s*86|0086)')


def is_connected(channel, outcome):
    """Return True if a contact on ``channel`` with ``outcome`` is a connected voice contact.

    Only voice channels connect; on them every outcome but no answer and a wrong number means the
    call was answered (GB/T 45251—2025 counts connected voice contacts).
    """
    return channel in VOICE_CHANNELS and outcome not in NOT_CONNECTED_OUTCOMES


def normalize_phone(value):
    """Return the phone number ``value`` as digits only, without the +86 / 0086 prefix.

    '+86 138-0000-1111', '0086 13800001111' and '138 0000 1111' are all '13800001111'; a
    landline keeps its area code ('0571-8888 1234' is '057188881234'). Empty for no digits.
    """
    value = _CHINA_PREFIX.sub('', value or '')
    return re.sub(r'\D', '', value)


def _at_hour(when, day_offset, hour):
    """``when``'s date moved by ``day_offset`` days, at ``hour``:00 (tzinfo kept)."""
    return when.replace(hour=hour, minute=0, second=0, microsecond=0) \
        + datetime.timedelta(days=day_offset)


def is_quiet_time(when, limits=None):
    """Return True if ``when`` (local wall-clock time) falls in the quiet period.

    The period runs from ``quiet_start``:00 inclusive to ``quiet_end``:00 exclusive and may wrap
    around midnight (22 → 8); equal hours mean no quiet period.
    """
    limits = limits or ConductLimits()
    start = datetime.time(limits.quiet_start)
    end = datetime.time(limits.quiet_end)
    now = when.time()
    if start > end:
        return now >= start or now < end
    return start <= now < end


def next_allowed_time(when, limits=None):
    """Return the next ``quiet_end``:00 at or after ``when``: the same day before it, else the next.

    This is when contact becomes possible again for a time-bound channel refused for quiet hours.
    """
    limits = limits or ConductLimits()
    today_end = _at_hour(when, 0, limits.quiet_end)
    if when <= today_end:
        return today_end
    return _at_hour(when, 1, limits.quiet_end)


def check_contact(when, channel, party, limits=None, *, debtor_consent_night=False,
                  connected=False, connected_today=0, attempts_on_number_today=0,
                  debtor_unreachable=False, no_disclosure_confirmed=False, staff_count=1):
    """Return the conduct rules a collection contact breaks, as a list of ``Refusal``.

    ``when`` is the local wall-clock time of the contact (naive; an aware datetime is read in its
    own time zone, so convert UTC values from the database with ``clock.to_local`` first).
    ``channel`` is one of CHANNELS, ``party`` one of PARTIES. ``connected_today`` counts connected
    voice contacts with the same person earlier that day and ``attempts_on_number_today`` calls to
    the same number earlier that day, neither counting this contact. An empty list means allowed.
    See the module docstring for the rule codes and the interpretations made.
    """
    if channel not in CHANNELS:
        raise ValueError('Unknown channel: %r' % (channel,))
    if party not in PARTIES:
        raise ValueError('Unknown party: %r' % (party,))
    if not isinstance(when, datetime.datetime):
        raise ValueError('A date and time is needed, got %r' % (when,))
    limits = limits or ConductLimits()
    third_party = party in THIRD_PARTIES and channel in CONTACT_CHANNELS
    tomorrow_start = _at_hour(when, 1, limits.quiet_end)
    refusals = []

    if channel in TIME_BOUND_CHANNELS and is_quiet_time(when, limits) \
            and (third_party or not debtor_consent_night):
        refusals.append(Refusal('quiet_hours', next_allowed_time(when, limits)))
    if channel in VOICE_CHANNELS and connected \
            and connected_today + 1 > limits.max_connected_per_day:
        refusals.append(Refusal('daily_connected_limit', tomorrow_start))
    if channel == 'phone' and attempts_on_number_today + 1 > limits.max_attempts_per_number:
        refusals.append(Refusal('number_attempt_limit', tomorrow_start))
    if third_party and not debtor_unreachable:
        refusals.append(Refusal('third_party_reachable', None))
    if third_party and not no_disclosure_confirmed:
        refusals.append(Refusal('third_party_disclosure', None))
    if channel == 'visit' and staff_count < limits.min_visit_staff:
        refusals.append(Refusal('visit_staff', None))
    return refusals
