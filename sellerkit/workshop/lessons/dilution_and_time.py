"""Lesson 4, dilution and time: orders needed, when a defect leaves the window, and which
orders leave it first after a peak."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import pandas as pd

import sellerkit
from sellerkit import simulate
from sellerkit.metrics.ageout import AgeOut
from sellerkit.workshop.answers import Exercise, Mistake, same_days, same_number, same_text
from sellerkit.workshop.figures import (
    ODR_RULE,
    account,
    defect_free_orders_needed,
    health,
    loose_orders_needed,
    odr,
)

HOLIDAY_DAYS = 30
"""How far ahead exercise 4.3 looks."""


def _growing_needed() -> int:
    return defect_free_orders_needed("growing-brand")


def _growing_loose() -> int:
    rate = odr("growing-brand")
    return loose_orders_needed(rate.numerator, rate.denominator, rate.rule.target)


@functools.cache
def _calendar() -> AgeOut:
    return sellerkit.age_out(account(), health().as_of)


def _last_leaves() -> date:
    defects = _calendar().defects
    return pd.Timestamp(defects.loc[defects["channel"] == "mfn", "leaves_on"].max()).date()


def _defect_date_plus_window() -> date:
    defects = _calendar().defects
    mfn = defects[defects["channel"] == "mfn"]
    days = ODR_RULE.window_days
    return pd.Timestamp(mfn["first_defect_date"].max()).date() + timedelta(days=days)


@functools.cache
def _holiday_direction() -> str:
    holiday = account("post-holiday")
    now = odr("post-holiday").rate
    plan = simulate.VolumePlan(defect_rate=0.0)
    projection = simulate.project(holiday, "mfn", plan, horizon=HOLIDAY_DAYS, paths=400, seed=0)
    return "higher" if projection.daily.iloc[-1]["rate_p50"] > now else "lower"


def _opposite_direction() -> str:
    return "lower" if _holiday_direction() == "higher" else "higher"


EXERCISES = (
    Exercise(
        "4.1",
        4,
        "How many more defect-free seller-fulfilled orders does growing-brand's window "
        "need to be under 1 %?",
        _growing_needed,
        same_number(0),
        "Solve defects ÷ (orders + x) < target for the smallest whole x.",
        (
            Mistake(
                "At exactly 1 % the account is still not under target: one more.",
                _growing_loose,
            ),
        ),
    ),
    Exercise(
        "4.2",
        4,
        "On which day does the last defect now counted in growing-brand's "
        "seller-fulfilled ODR stop counting?",
        _last_leaves,
        same_days,
        "A defect stays as long as its order is in the window.",
        (
            Mistake(
                "A defect leaves with its order — "
                f"{ODR_RULE.window_days + ODR_RULE.lag_days} days after the order date "
                f"({ODR_RULE.window_days}-day window, {ODR_RULE.lag_days}-day lag) — not "
                f"{ODR_RULE.window_days} days after the feedback or claim.",
                _defect_date_plus_window,
            ),
        ),
    ),
    Exercise(
        "4.3",
        4,
        f"post-holiday: with orders at the usual volume and no new defect at all, will "
        f"the ODR be 'higher' or 'lower' {HOLIDAY_DAYS} days from now?",
        _holiday_direction,
        same_text,
        "Think about which orders leave the window first: the peak's or the defects'.",
        (
            Mistake(
                "The peak's many defect-free orders leave the window first; the "
                "post-holiday defects stay. Project it and look.",
                _opposite_direction,
            ),
        ),
    ),
)
