"""Money helpers shared by the services: amounts are Decimal yuan rounded to the fen."""
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def to_decimal(value):
    """Decimal from an int, str, float (through its shortest repr) or Decimal; None is 0."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def fen(value):
    """Round to the fen, half up, as Chinese lenders and courts round."""
    return to_decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)
