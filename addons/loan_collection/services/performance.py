# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What counts for a collector's performance: right-party contacts, and who a recovery is
credited to. Pure Python; the performance report (collection.performance.report) applies the same
rules in SQL, from the constants below.

Right-party contact (RPC, 有效接触): a conversation about the debt with a person liable for it —
the debtor, a guarantor or a counter-guarantor — by phone, visit or WeChat, whatever was agreed:
a call where the debtor promised to pay (a connected promise call), refused, disputed, said he paid
or acknowledged the debt is a right-party contact as much as one logged as such. A call nobody
answered, a wrong number, a third party (relative, employer) or a one-way message (SMS, letter)
is not.

Attribution of a recovery (回款归属): each recovery is credited whole to one collector, so the
collectors' amounts add up to exactly what was recovered:

1. the collector who made the last right-party contact on the case in the ATTRIBUTION_DAYS days up
   to the recovery (its date included; a corrected log counts through its correction), then
2. else the case's office collector (who owns the case), then its field collector,
3. else nobody: the report shows the amount without a collector, so the total still adds up.
"""
RPC_CHANNELS = ('phone', 'visit', 'wechat')
RPC_PARTIES = ('debtor', 'guarantor', 'counter_guarantor')
RPC_OUTCOMES = ('rpc', 'promise', 'refused', 'dispute', 'paid', 'acknowledged')
ATTRIBUTION_DAYS = 30


def is_right_party_contact(channel, party, outcome):
    """True if a contact on `channel` with `party` ending in `outcome` is a right-party contact."""
    return channel in RPC_CHANNELS and party in RPC_PARTIES and outcome in RPC_OUTCOMES


def credited_collector(recovery_date, contacts, office_user, field_user):
    """The collector a recovery on `recovery_date` (a date) is credited to.

    `contacts`: (date, sequence, user, is_rpc) of the case's contacts (uncorrected), `date` a date
    in the company's day, `sequence` breaking ties (later logged wins). Returns a user or None."""
    from datetime import timedelta
    start = recovery_date - timedelta(days=ATTRIBUTION_DAYS)
    eligible = [(date, sequence, user) for date, sequence, user, is_rpc in contacts
                if is_rpc and user and start <= date <= recovery_date]
    if eligible:
        return max(eligible, key=lambda c: (c[0], c[1]))[2]
    return office_user or field_user or None


def sql_in(values):
    """A SQL list literal of module constants (never user input), for the report views."""
    return "(%s)" % ", ".join("'%s'" % value for value in values if value.isidentifier())


def rpc_sql(alias):
    """The SQL condition of is_right_party_contact on the contact log `alias`."""
    return "({a}.channel IN {c} AND {a}.party IN {p} AND {a}.outcome IN {o})".format(
        a=alias, c=sql_in(RPC_CHANNELS), p=sql_in(RPC_PARTIES), o=sql_in(RPC_OUTCOMES))
