"""Lesson 1, what ODR measures: the window, which orders count, FBA's own rate."""

from __future__ import annotations

from datetime import date, timedelta

from sellerkit.workshop.answers import Exercise, Mistake, same_days, same_number
from sellerkit.workshop.figures import ODR_RULE, by_defect_date, defective_orders, health, odr


def _window() -> tuple[date, date]:
    rate = odr("growing-brand")
    return rate.first, rate.last


def _no_lag_window() -> tuple[date, date]:
    as_of = health("growing-brand").as_of
    return as_of - timedelta(days=odr("growing-brand").rule.window_days - 1), as_of


def _afn_odr() -> float | None:
    return odr("growing-brand", "afn").rate


def _both_channels_odr() -> float:
    mfn, afn = odr("growing-brand", "mfn"), odr("growing-brand", "afn")
    return (mfn.numerator + afn.numerator) / (mfn.denominator + afn.denominator)


EXERCISES = (
    Exercise(
        "1.1",
        1,
        "growing-brand's seller-fulfilled ODR on its as-of day counts orders placed "
        "between which two days? Answer (first, last).",
        _window,
        same_days,
        f"The window covers {ODR_RULE.window_days} days of order dates, both ends included. "
        "Where does it end?",
        (
            Mistake(
                "The window does not end on the as-of day: it ends "
                f"{ODR_RULE.lag_days} days earlier, because feedback and claims arrive weeks "
                "after the order.",
                _no_lag_window,
            ),
        ),
    ),
    Exercise(
        "1.2",
        1,
        "How many seller-fulfilled orders in that window have at least one defect?",
        lambda: odr("growing-brand").numerator,
        same_number(0),
        "Count orders (each once), placed in the window, with a defect that counts.",
        (
            Mistake(
                "Not every row is a defect: 3-star feedback is neutral, and denied or "
                "withdrawn-before-decision claims do not count.",
                lambda: defective_orders("growing-brand", counting=False),
            ),
            Mistake(
                "A defect counts on the day its order was placed, not the day the "
                "feedback or claim arrived.",
                lambda: by_defect_date("growing-brand"),
            ),
        ),
    ),
    Exercise(
        "1.3",
        1,
        "What is growing-brand's FBA (afn) ODR, as a fraction?",
        _afn_odr,
        same_number(5e-5),
        "FBA orders have an ODR of their own.",
        (
            Mistake(
                "That mixes both channels: seller-fulfilled and FBA orders each have "
                "their own ODR, with their own orders and defects.",
                _both_channels_odr,
            ),
        ),
    ),
)
