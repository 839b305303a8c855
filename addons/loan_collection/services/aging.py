"""Days overdue, aging buckets and penalty interest of an installment.

Day counting: an installment due on D and unpaid is overdue from D + 1, which is day 1
overdue; on D itself it is day 0 (due today) and before D the days are negative (pre-due).
"""
from .money import fen, to_decimal

DEFAULT_EDGES = (3, 6, 30, 60, 90)


def parse_edges(text):
    """Bucket upper edges from configuration text such as '3,6,30,60,90'.

    Raises ValueError unless they are positive whole numbers in increasing order.
    """
    try:
        edges = tuple(int(part) for part in str(text).replace(" ", "").split(",") if part)
    except ValueError:
        raise ValueError("bucket edges must be whole numbers separated by commas")
    if not edges or edges[0] < 1 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError("bucket edges must be positive and increasing, e.g. 3,6,30,60,90")
    return edges


def bucket_labels(edges=DEFAULT_EDGES):
    """['current', '1-3', '4-6', '7-30', '31-60', '61-90', '90+'] for the default edges."""
    labels, low = ["current"], 1
    for edge in edges:
        labels.append("%d-%d" % (low, edge))
        low = edge + 1
    labels.append("%d+" % edges[-1])
    return labels


def days_overdue(due_date, today):
    """Days past the due date (negative before it, 0 on it)."""
    return (today - due_date).days


def bucket(days, edges=DEFAULT_EDGES):
    """The aging bucket label of an installment `days` overdue ('current' when not overdue)."""
    if days <= 0:
        return "current"
    low = 1
    for edge in edges:
        if days <= edge:
            return "%d-%d" % (low, edge)
        low = edge + 1
    return "%d+" % edges[-1]


def penalty_interest(amount, annual_rate, days):
    """Penalty (overdue) interest on `amount` for `days` at an annual rate, 360-day year.

    罚息 accrues on the overdue amount at the contract's overdue rate from the first day
    overdue until paid (人民银行《人民币利率管理规定》第二十五条); the daily rate is the annual
    rate / 360 (the same regulation's rate conversion; verify the article number).
    """
    if days <= 0:
        return fen(0)
    return fen(to_decimal(amount) * to_decimal(annual_rate) * days / 360)
