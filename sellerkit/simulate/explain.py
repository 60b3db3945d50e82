"""The small-seller explainer: what a rate from a handful of orders can and cannot say."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.present import percent
from sellerkit.rules import DEFAULT
from sellerkit.simulate.closed import orders_needed

CASES = ((1, 2), (1, 45), (1, 98), (51, 5_000))
"""1 defect in 2, 45 and 98 orders, and a large seller at 1.02 %."""

TYPICAL_PRIOR = (1.0, 199.0)
"""An *assumed* typical seller before any order: a defect rate around 0.5 %, held with the
weight of 200 orders. Labelled as an assumption wherever it is used."""


def small_numbers(
    cases: Sequence[tuple[int, int]] = CASES, target: float | None = None
) -> pd.DataFrame:
    """For each (defects, orders): the rate, its 95 % Wilson interval, the probability that
    the true rate is past the target, and the defect-free orders that bring it under.

    Examples
    --------
    >>> small_numbers([(1, 2)])[["defects", "orders", "orders_needed"]].to_dict("records")
    [{'defects': 1, 'orders': 2, 'orders_needed': 99}]
    """
    rule = DEFAULT.order_defect_rate
    target = rule.target if target is None else target
    defects = np.array([k for k, _ in cases])
    orders = np.array([n for _, n in cases])
    low, high = stats.wilson(defects, orders)
    return pd.DataFrame(
        {
            "defects": defects,
            "orders": orders,
            "rate": defects / orders,
            "low": low,
            "high": high,
            "interval_width": high - low,
            "probability_past_target": stats.probability_past_target(
                defects, orders, target, rule.condition
            ),
            "probability_past_target_typical": stats.probability_past_target(
                defects, orders, target, rule.condition, TYPICAL_PRIOR
            ),
            "small_sample": stats.small_sample(orders, target, rule.condition),
            "orders_needed": [orders_needed(int(k), int(n), target).orders for k, n in cases],
        }
    )


def explain(cases: Sequence[tuple[int, int]] = CASES, target: float | None = None) -> str:
    """The table of :func:`small_numbers` in plain words."""
    table = small_numbers(cases, target)
    target = DEFAULT.order_defect_rate.target if target is None else target
    lines = []
    for row in table.itertuples(index=False):
        lines.append(
            f"{row.defects} defect(s) in {row.orders:,} orders is {percent(row.rate)}. The true "
            f"rate could be anywhere from {percent(row.low)} to {percent(row.high)} "
            "(95 % interval). "
            f"Taking every rate from 0 to 100 % as equally likely beforehand, the chance it is "
            f"really over {percent(target)} is {percent(row.probability_past_target)}; "
            "starting instead "
            f"from a typical seller (an assumption: around 0.5 %, as sure as 200 orders), it "
            f"is {percent(row.probability_past_target_typical)}. {row.orders_needed:,} defect-free "
            "orders bring it under."
        )
    lines.append(
        "With a handful of orders the interval covers most of what is possible: the figure "
        "says more about what one assumes than about the seller, and the verdict flips with "
        "the assumption. Amazon says it takes order volume into account. Starting from what "
        "is typical, one defect in two orders leaves the question about as open as 1.02 % of "
        "thousands does, so in practice that seller is no worse placed. What any seller can "
        "do is the same: keep defects out of the next orders, appeal what the rules allow, "
        "and let orders and time dilute the rest."
    )
    return "\n".join(lines)
