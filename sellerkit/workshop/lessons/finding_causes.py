"""Lesson 3, finding causes: the raw rate, the busiest group, and what sellerkit flags as
worse than the rest beyond chance."""

from __future__ import annotations

import functools

from sellerkit import causes
from sellerkit.causes.breakdown import Breakdown
from sellerkit.workshop.answers import Exercise, Mistake, same_labels
from sellerkit.workshop.figures import account, odr


@functools.cache
def _state_breakdown() -> Breakdown:
    return causes.breakdown(account(), "orderDefectRate", "ship_state")


def _highest_raw_state() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset([str(table.set_index("ship_state")["rate"].idxmax())])


def _busiest_state() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset([str(table.set_index("ship_state")["units"].idxmax())])


def _flagged_states() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset(table.loc[table["flagged"], "ship_state"].astype(str))


@functools.cache
def _sku_breakdown() -> Breakdown:
    return causes.breakdown(account(), "orderDefectRate", "sku")


def _flagged_skus() -> frozenset[str]:
    table = _sku_breakdown().table
    return frozenset(table.loc[table["flagged"], "sku"].astype(str))


def _skus_above_target() -> frozenset[str]:
    table = _sku_breakdown().table
    target = odr("growing-brand").rule.target
    return frozenset(table.loc[table["rate"] >= target, "sku"].astype(str))


EXERCISES = (
    Exercise(
        "3.1",
        3,
        "Which ship state has the highest raw ODR (over the last 365 days)?",
        _highest_raw_state,
        same_labels,
        "Sort the breakdown by the raw rate, not by the shrunken rate or the counts.",
        (
            Mistake(
                "That is the state with the most orders; the rate divides defects by orders.",
                _busiest_state,
            ),
        ),
    ),
    Exercise(
        "3.2",
        3,
        "Which ship states does sellerkit flag as worse than the rest beyond chance? "
        "A list (empty if none).",
        _flagged_states,
        same_labels,
        "Read the flagged column (false discoveries controlled), not the raw rate.",
        (
            Mistake(
                "The biggest raw rate of many groups is usually noise: look at its "
                "interval and q-value in the funnel plot.",
                _highest_raw_state,
            ),
        ),
    ),
    Exercise(
        "3.3",
        3,
        "Which SKUs are flagged for ODR?",
        _flagged_skus,
        same_labels,
        "Break the ODR down by SKU and keep the flagged rows.",
        (
            Mistake(
                "Above the target is not the same as worse than the rest beyond "
                "chance: small SKUs above 1 % are within noise.",
                _skus_above_target,
            ),
        ),
    ),
)
