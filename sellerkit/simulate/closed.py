"""Closed forms: how many good orders bring a rate under its target, and how many more
defects an account can absorb and stay under.

Every windowed metric fits one form. Count the *bad* items (defects, late shipments,
cancellations; for the "greater than" metrics, the packages without valid tracking or not on
time): the metric is good when ``bad / total`` is under the bad-target (``target`` for
``LESS_THAN``, ``1 − target`` for ``GREATER_THAN``). Arithmetic is exact (fractions), so a
case that lands on the target is never rounded the wrong way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from sellerkit.metrics.rates import Rate
from sellerkit.present import percent
from sellerkit.rules import Condition


def _exact(value: float) -> Fraction:
    return Fraction(repr(float(value)))


def _bad(
    numerator: int, denominator: int, target: float, condition: Condition, new_rate: float
) -> tuple[int, Fraction, Fraction]:
    """(bad count, bad-target, bad rate of new items) for either kind of metric."""
    if condition == "LESS_THAN":
        return numerator, _exact(target), _exact(new_rate)
    return denominator - numerator, 1 - _exact(target), 1 - _exact(new_rate)


@dataclass(frozen=True)
class OrdersNeeded:
    """The answer to "how many more orders until the rate is under target?".

    Attributes
    ----------
    orders
        Extra orders needed (0 when already good); None when no number of them is enough.
    possible
        Whether extra orders can bring the rate to target at all.
    explanation
        The answer in a sentence.
    """

    orders: int | None
    possible: bool
    explanation: str


def orders_needed(
    numerator: int | Rate,
    denominator: int | None = None,
    target: float | None = None,
    condition: Condition = "LESS_THAN",
    new_rate: float = 0.0,
    unit: str = "orders",
) -> OrdersNeeded:
    """Extra orders (or packages) needed for the rate to be strictly on the good side.

    Parameters
    ----------
    numerator, denominator
        The metric's counts now, or a :class:`~sellerkit.metrics.rates.Rate`.
    target, condition
        The target (taken from the rate when one is given).
    new_rate
        The metric's expected rate on the new orders: their defect rate for the ODR (0 for
        defect-free orders), their valid-tracking rate for the Valid Tracking Rate …

    Examples
    --------
    >>> orders_needed(2, 120, 0.01).orders  # 2 defects in 120 orders, new orders clean
    81
    """
    if isinstance(numerator, Rate):
        rate = numerator
        numerator, denominator = rate.numerator, rate.denominator
        target, condition, unit = rate.rule.target, rate.rule.condition, rate.unit
    if denominator is None or target is None:
        raise TypeError("give a Rate, or numerator, denominator and target")
    bad, bad_target, new_bad = _bad(numerator, denominator, target, condition, new_rate)
    if denominator > 0 and bad < bad_target * denominator:
        return OrdersNeeded(0, True, "already on the good side of the target")
    if new_bad >= bad_target:
        return OrdersNeeded(
            None,
            False,
            f"impossible: new {unit} at a rate of {percent(float(new_rate))} are not better than "
            f"the target, so more of them cannot bring the rate there",
        )
    # bad + new_bad·m < bad_target·(denominator + m)  ⇔  m > (bad − t·n) / (t − r)
    bound = (bad - bad_target * denominator) / (bad_target - new_bad)
    extra = max(math.floor(bound) + 1, 0)
    clean = "defect-free " if new_bad == 0 else ""
    return OrdersNeeded(
        extra,
        True,
        f"{extra:,} more {clean}{unit} in the window bring the rate under target"
        if condition == "LESS_THAN"
        else f"{extra:,} more {unit} at {percent(float(new_rate))} bring the rate over target",
    )


@dataclass(frozen=True)
class Absorbable:
    """The answer to "how many more defects can the account take and stay good?".

    Attributes
    ----------
    defects
        The most extra bad items that keep the rate on the good side (0 if none can).
    already_past
        The rate is already on the wrong side.
    explanation
        The answer in a sentence.
    """

    defects: int
    already_past: bool
    explanation: str


def defects_absorbable(
    numerator: int | Rate,
    denominator: int | None = None,
    target: float | None = None,
    condition: Condition = "LESS_THAN",
    extra_orders: int = 0,
) -> Absorbable:
    """The most additional bad items (defects, late shipments …) the window can hold while
    the rate stays on the good side, with ``extra_orders`` more good orders in it."""
    if isinstance(numerator, Rate):
        rate = numerator
        numerator, denominator = rate.numerator, rate.denominator
        target, condition = rate.rule.target, rate.rule.condition
    if denominator is None or target is None:
        raise TypeError("give a Rate, or numerator, denominator and target")
    bad, bad_target, _ = _bad(numerator, denominator, target, condition, 0.0)
    room = bad_target * (denominator + extra_orders) - bad  # need extra < room
    if room <= 0:
        return Absorbable(0, True, "none: the rate is already past the target")
    most = math.ceil(room) - 1
    return Absorbable(
        most,
        False,
        f"{most:,} more defect(s) and the rate stays under target"
        if most
        else "not one more: the next defect puts it past the target",
    )
