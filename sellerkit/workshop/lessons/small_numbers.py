"""Lesson 2, small numbers: intervals that stay between 0 and 1, the posterior, and how many
defect-free orders a small window needs."""

from __future__ import annotations

import math

from sellerkit import stats
from sellerkit.rules import rules_for
from sellerkit.workshop.answers import Exercise, Mistake, same_number, same_numbers
from sellerkit.workshop.figures import defect_free_orders_needed, loose_orders_needed, odr

SELLER_A = (1, 2)
"""Seller A of the small-numbers lesson: 1 defective order of 2."""
SELLER_B = (102, 10_000)
"""Seller B: 102 defective orders of 10,000 (1.02 %)."""


def _wilson_a() -> tuple[float, float]:
    low, high = stats.wilson(*SELLER_A)
    return float(low), float(high)


def _wald_a() -> tuple[float, float]:
    k, n = SELLER_A
    p = k / n
    half = 1.959964 * math.sqrt(p * (1 - p) / n)
    return p - half, p + half


def _b_past_target() -> float:
    rule = rules_for("US").order_defect_rate  # sellers A and B sell in the US
    return float(stats.probability_past_target(*SELLER_B, rule.target, rule.condition))


def _small_seller_needed() -> int:
    return defect_free_orders_needed("small-seller")


def _small_seller_loose() -> int:
    rate = odr("small-seller")
    return loose_orders_needed(rate.numerator, rate.denominator, rate.rule.target)


def _small_seller_total() -> int:
    rate = odr("small-seller")
    return _small_seller_needed() + rate.denominator


EXERCISES = (
    Exercise(
        "2.1",
        2,
        "The 95 % interval of seller A's rate (1 defect in 2 orders), as (low, high).",
        _wilson_a,
        same_numbers(2e-3),
        "Use an interval that stays between 0 and 1 even with two orders.",
        (
            Mistake(
                "That is the normal (Wald) interval: with two orders it runs below 0 % "
                "and above 100 %. Use the Wilson interval (sellerkit.stats.wilson).",
                _wald_a,
            ),
        ),
    ),
    Exercise(
        "2.2",
        2,
        "How likely is it that seller B's true rate (102 of 10,000) is past the 1 % "
        "target? A probability between 0 and 1.",
        _b_past_target,
        same_number(0.01),
        "Ask the posterior, not the figure: sellerkit.stats.probability_past_target.",
        (
            Mistake(
                "1.02 % is above 1 %, but that is the figure, not the truth: 102 of "
                "10,000 is also what a true 0.95 % often gives.",
                lambda: 1.0,
            ),
        ),
    ),
    Exercise(
        "2.3",
        2,
        "small-seller has 1 defect in 46 orders. How many more defect-free orders "
        "must its window hold to be under 1 %?",
        _small_seller_needed,
        same_number(0),
        "Under 1 % means strictly below: find the smallest total that works.",
        (
            Mistake(
                "1 in 100 is exactly 1 %, and the target is strictly under 1 %.",
                _small_seller_loose,
            ),
            Mistake(
                "That is the total: the window already holds some orders.",
                _small_seller_total,
            ),
        ),
    ),
)
