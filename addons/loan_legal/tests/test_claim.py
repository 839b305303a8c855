# -*- coding: utf-8 -*-
"""The claim as of a date from the ledger (services/claim.py): overdue part or accelerated, interest
to acceleration, penalty and compound interest, what was repaid."""
import datetime
from decimal import Decimal

import pytest

from odoo.addons.loan_legal.services import claim


def d(text):
    return datetime.date(*map(int, text.split('-')))


def inst(due, principal, interest, paid_principal=0, paid_interest=0, penalty=0, penalty_date=None,
         penalty_recovered=0):
    return claim.Installment(d(due), Decimal(principal), Decimal(interest),
                             Decimal(principal) - Decimal(paid_principal),
                             Decimal(interest) - Decimal(paid_interest),
                             Decimal(penalty), penalty_date and d(penalty_date), Decimal(penalty_recovered))


# Three monthly installments of 10,000 principal and 1,000 interest; the first two overdue.
LEDGER = [
    inst('2025-01-10', 10000, 1000, penalty='150.00', penalty_date='2025-03-01'),
    inst('2025-02-10', 10000, 1000, penalty='30.00', penalty_date='2025-03-01'),
    inst('2025-03-10', 10000, 1000),
]


def amounts(lines):
    return {line.code: line.amount for line in lines}


def test_overdue_part_only():
    lines = claim.claim_lines(LEDGER, d('2025-03-01'), annual_rate=12, overdue_rate=18, costs=800)
    assert amounts(lines) == {'principal': Decimal('20000.00'), 'interest': Decimal('2000.00'),
                              'penalty': Decimal('180.00'), 'costs': Decimal('800.00')}
    penalty = [line for line in lines if line.code == 'penalty'][0]
    assert (penalty.rate, penalty.start, penalty.end) == (Decimal(18), d('2025-01-10'), d('2025-03-01'))
    assert claim.totals(lines)['total'] == Decimal('22980.00')


def test_accelerated_whole_principal_interest_to_acceleration_and_penalty_after():
    lines = claim.claim_lines(LEDGER, d('2025-03-01'), basis='accelerated', annual_rate=12, overdue_rate=18,
                              acceleration_date=d('2025-02-20'))
    by_code = {line.code: line for line in lines}
    assert by_code['principal'].amount == Decimal('30000.00')
    # Interest of the two installments due before the acceleration; none of the third's schedule ...
    assert by_code['interest'].amount == Decimal('2000.00')
    # ... but 10 days of contract interest on its 10,000 principal (2025-02-10 to 02-20, 12%/360).
    accrued = by_code['interest_accrued']
    assert (accrued.amount, accrued.base, accrued.start, accrued.end) == (
        Decimal('33.33'), Decimal('10000.00'), d('2025-02-10'), d('2025-02-20'))
    # Penalty on that principal from the acceleration to the claim date: 9 days at 18%/360.
    assert by_code['penalty_accelerated'].amount == Decimal('45.00')
    assert claim.totals(lines)['penalty'] == Decimal('225.00')


def test_compound_interest_on_overdue_interest_at_the_penalty_rate():
    lines = claim.claim_lines(LEDGER, d('2025-03-01'), annual_rate=12, overdue_rate=18, compound=True)
    compound = [line for line in lines if line.code == 'compound'][0]
    # 1,000 x 18% / 360 x 50 days + 1,000 x 18% / 360 x 19 days = 25.00 + 9.50
    assert compound.amount == Decimal('34.50')
    assert (compound.base, compound.start) == (Decimal('2000.00'), d('2025-01-10'))


def test_after_a_recovery_the_claim_is_what_the_ledger_still_owes():
    ledger = [
        inst('2025-01-10', 10000, 1000, paid_principal=10000, paid_interest=1000, penalty_recovered='150.00'),
        inst('2025-02-10', 10000, 1000, paid_principal=2000, paid_interest=1000, penalty='30.00',
             penalty_date='2025-03-01'),
        inst('2025-03-10', 10000, 1000),
    ]
    lines = claim.claim_lines(ledger, d('2025-03-01'), annual_rate=12, overdue_rate=18)
    assert amounts(lines) == {'principal': Decimal('8000.00'), 'penalty': Decimal('30.00')}
    assert claim.repaid(ledger) == {'principal': Decimal('12000.00'), 'interest': Decimal('2000.00'),
                                    'penalty': Decimal('150.00')}


def test_bad_input():
    with pytest.raises(ValueError):
        claim.claim_lines(LEDGER, d('2025-03-01'), basis='whatever')
    with pytest.raises(ValueError):
        claim.claim_lines(LEDGER, d('2025-03-01'), basis='accelerated')
    with pytest.raises(ValueError):
        claim.claim_lines(LEDGER, d('2025-03-01'), basis='accelerated', acceleration_date=d('2025-04-01'))


@pytest.mark.parametrize('day_count', ['actual_365', 'pboc', 'actual_360', '30e_360'])
def test_penalty_taken_back_to_the_claim_date_by_the_products_day_count(day_count):
    """The ledger's penalty, accrued by the daily run past the claim date, is claimed as of the
    claim date: what the run's own accrual (loan_collection aging.accrue_penalty, by the product's
    day count) gives at the claim date."""
    from odoo.addons.loan_collection.services import aging
    # Across the end of February: 29 actual days back, 31 days of 30/360.
    due, claim_date, accrued_to = d('2025-01-10'), d('2025-02-20'), d('2025-03-21')
    ledger_penalty = claim.fen(aging.accrue_penalty(None, Decimal(11000), Decimal('0.18'), due, accrued_to,
                                                    day_count).total)
    at_claim = claim.fen(aging.accrue_penalty(None, Decimal(11000), Decimal('0.18'), due, claim_date,
                                              day_count).total)
    ledger = [inst('2025-01-10', 10000, 1000, penalty=ledger_penalty, penalty_date='2025-03-21')]
    basis = aging.PENALTY_BASIS.get(day_count, day_count)
    lines = claim.claim_lines(ledger, claim_date, annual_rate=12, overdue_rate=18, day_count=basis)
    assert abs(amounts(lines)['penalty'] - at_claim) <= Decimal('0.01')
    at_360_actual = claim.fen(ledger_penalty - Decimal(11000) * Decimal('0.18') * 29 / 360)
    if day_count in ('actual_365', '30e_360'):  # not the 29 days at 1/360 of before
        assert amounts(lines)['penalty'] != at_360_actual
    else:
        assert amounts(lines)['penalty'] == at_360_actual
