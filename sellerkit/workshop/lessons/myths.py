"""Lesson 6, myths: "1 in 150 is 1 %", "ODR resets", "response time counts", "a refund
makes the claim go away" — each recomputed from the samples."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

import sellerkit
from sellerkit.metrics.facts import defect_events
from sellerkit.rules import rules_for
from sellerkit.workshop.answers import Exercise, Mistake, same_number
from sellerkit.workshop.figures import (
    ODR_RULE,
    account,
    defective_orders,
    health,
    strict_orders_needed,
)

HISTORY_DAYS = 180
"""How many days of history exercise 6.2 looks at."""


def _one_defect_orders() -> int:
    return strict_orders_needed(1, 0, rules_for("US").order_defect_rate.target)


def _days_at_zero() -> int:
    as_of = health().as_of
    daily = sellerkit.history(account(), as_of - timedelta(days=HISTORY_DAYS - 1), as_of)
    odr = daily[(daily["metric"] == "orderDefectRate") & (daily["scope"] == "mfn")]
    return int((odr["numerator"] == 0).sum())


def _amazon_report() -> tuple[int, date, date]:
    """Amazon's count of seller-fulfilled orders with defects, and its window."""
    odr = account().performance[-1]["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    window = odr["reportingDateRange"]
    first = pd.Timestamp(window["reportingDateFrom"]).date()
    last = pd.Timestamp(window["reportingDateTo"]).date()
    return int(odr["orderWithDefects"]["count"]), first, last


def _amazon_defective_orders() -> int:
    return _amazon_report()[0]


def _amazon_window_known_today() -> int:
    _, first, last = _amazon_report()
    return defective_orders("growing-brand", first, last)


def _amazon_window_naive() -> int:
    _, first, last = _amazon_report()
    return defective_orders("growing-brand", first, last, counting=False)


def refunded_claims_counted() -> int:
    """growing-brand's claims refunded by the seller after they were filed that count."""
    events = defect_events(account())
    refunded = (events["kind"] == "claim") & (events["status"] == "refunded-after-claim")
    return int(refunded.sum())


EXERCISES = (
    Exercise(
        "6.1",
        6,
        "Myth: '1 defect in 150 orders is 1 %'. With 1 defect, how many orders must "
        "the window hold to be under 1 %?",
        _one_defect_orders,
        same_number(0),
        "Solve 1 ÷ n < 1 % for the smallest whole n.",
        (
            Mistake("1 ÷ 150 is 0.67 %; 150 is folklore, not the rule.", lambda: 150),
            Mistake(
                "1 in 100 is exactly 1 %, which is not under 1 %.",
                lambda: _one_defect_orders() - 1,
            ),
        ),
    ),
    Exercise(
        "6.2",
        6,
        f"Myth: 'ODR resets every two months'. On how many of the last {HISTORY_DAYS} days was "
        "growing-brand's seller-fulfilled ODR numerator zero?",
        _days_at_zero,
        same_number(0),
        "Compute the daily history (sellerkit.history) and count.",
        (
            Mistake(
                "The window rolls one day at a time: nothing resets on a calendar date.",
                lambda: 3,
            ),
        ),
    ),
    Exercise(
        "6.3",
        6,
        "Myth: 'ODR includes response time'. Recompute, from feedback, claims and "
        "chargebacks alone, the number of seller-fulfilled orders with defects that "
        "Amazon's performance report gives for its own window.",
        _amazon_defective_orders,
        same_number(0),
        "Take the report's window (account.performance), the orders placed in it, and "
        "the defects that count.",
        (
            Mistake(
                "Only three things make a defect: 1–2 star feedback, a claim that is not "
                "denied, a service chargeback — no messages, no 3-star feedback.",
                _amazon_window_naive,
            ),
            Mistake(
                "Amazon's report only knew the defects that had arrived by the day it "
                f"was made ({ODR_RULE.lag_days} days after its window's last day): leave "
                "out feedback and claims dated after that.",
                _amazon_window_known_today,
            ),
        ),
    ),
    Exercise(
        "6.4",
        6,
        "Myth: 'refund the buyer and the claim goes away'. How many of growing-brand's "
        "claims refunded by the seller after they were filed still count?",
        refunded_claims_counted,
        same_number(0),
        "Look at the claim statuses that count in the rules table.",
        (
            Mistake(
                "A refund after the claim was filed does not remove it: "
                "refunded-after-claim claims count towards ODR.",
                lambda: 0,
            ),
        ),
    ),
)
