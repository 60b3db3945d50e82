"""The workshop's exercises: each expected answer is computed from the bundled samples with
sellerkit (never typed in), and each knows the typical mistakes participants make, computed
the way the mistake is made, with the hint that sets them right."""

from __future__ import annotations

import atexit
import functools
import math
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

import sellerkit
from sellerkit import causes, simulate, stats
from sellerkit.account import Account
from sellerkit.metrics.defects import classify
from sellerkit.metrics.facts import defect_events
from sellerkit.metrics.health import AccountHealth
from sellerkit.rules import rules_for
from sellerkit.workshop.answers import (
    Comparer,
    same_days,
    same_labels,
    same_number,
    same_numbers,
    same_text,
)

SELLER_A = (1, 2)
"""Seller A of the small-numbers lesson: 1 defective order of 2."""
SELLER_B = (102, 10_000)
"""Seller B: 102 defective orders of 10,000 (1.02 %)."""

RULE_CHOICES = {
    "a": "refund the buyer and then ask them to remove the feedback",
    "b": "offer a discount on the next order if they update their rating",
    "c": "reply to the feedback publicly, factually and politely",
    "d": "ask Amazon to remove it when it is entirely a product review",
    "e": "ask the buyer to remove it once the problem is solved",
}
"""The choices of exercise 5.3: what may a seller do about a 1-star feedback?"""


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, computed as participants compute it, and its hint."""

    hint: str
    answer: Callable[[], Any]


@dataclass(frozen=True)
class Exercise:
    """One exercise: its question, how to compute the expected answer, how to compare,
    the general hint and the recognised mistakes."""

    key: str
    lesson: int
    question: str
    expected: Callable[[], Any]
    compare: Comparer
    hint: str
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)


# The sample accounts, loaded once per process --------------------------------------------


@functools.cache
def account(name: str = "growing-brand") -> Account:
    """A bundled sample account (``growing-brand``, ``small-seller`` …) or the generated
    ``post-holiday`` scenario, loaded once."""
    if name == "post-holiday":
        folder = Path(tempfile.mkdtemp(prefix="sellerkit-workshop-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = sellerkit.datasets.write_scenario("post-holiday", folder / "post-holiday")
        return sellerkit.load_account(path, warn=False)
    return sellerkit.load_account(sellerkit.datasets.sample_path(name), warn=False)


@functools.cache
def health(name: str = "growing-brand") -> AccountHealth:
    return sellerkit.health(account(name))


def _odr(name: str, channel: str = "mfn"):
    return health(name).rate("orderDefectRate", channel)


def _mfn_orders(name: str, first: date | None = None, last: date | None = None) -> pd.DataFrame:
    """Seller-fulfilled orders placed from ``first`` to ``last`` (default: the ODR window)."""
    rate = _odr(name)
    first, last = first or rate.first, last or rate.last
    orders = account(name).orders
    days = orders["order_date"].dt.date
    return orders[(orders["channel"] == "MFN") & (days >= first) & (days <= last)]


def _defect_rows(name: str, *, counting: bool) -> pd.DataFrame:
    """Order id and date of the feedback, claims and chargebacks: the defect events (what
    counts towards ODR, :mod:`sellerkit.metrics.defects`) when ``counting``, else every row
    as if each were a defect."""
    acct = account(name)
    rules = rules_for(acct.marketplace.code)
    rows = defect_events(acct, rules) if counting else classify(acct, rules)
    return rows[["order_id", "known_date"]].rename(columns={"known_date": "date"})


def _defective_orders(
    name: str, first: date | None = None, last: date | None = None, *, counting: bool = True
) -> int:
    """Seller-fulfilled orders placed from ``first`` to ``last`` with a defect; with
    ``counting=False`` every feedback row (3 stars too) and every claim, whatever its
    outcome, as if each were a defect."""
    ids = set(_defect_rows(name, counting=counting)["order_id"])
    return int(_mfn_orders(name, first, last)["order_id"].isin(ids).sum())


def _by_defect_date(name: str) -> int:
    """Counting defects dated in the window, whatever the order's date."""
    rate = _odr(name)
    rows = _defect_rows(name, counting=True)
    days = pd.to_datetime(rows["date"]).dt.date
    in_window = rows[(days >= rate.first) & (days <= rate.last)]
    orders = account(name).orders
    mfn = set(orders.loc[orders["channel"] == "MFN", "order_id"])
    return len(set(in_window["order_id"]) & mfn)


def _strict_orders_needed(defects: int, orders: int, target: float) -> int:
    """Orders to add, all defect-free, for ``defects / total < target`` (strict)."""
    return max(0, math.floor(defects / target) + 1 - orders)


def _loose_orders_needed(defects: int, orders: int, target: float) -> int:
    """The same, mistaking 'under' for 'at most'."""
    return max(0, math.ceil(defects / target) - orders)


# Lesson 1: what ODR measures ---------------------------------------------------------------


def _window() -> tuple[date, date]:
    rate = _odr("growing-brand")
    return rate.first, rate.last


def _no_lag_window() -> tuple[date, date]:
    as_of = health("growing-brand").as_of
    return as_of - timedelta(days=_odr("growing-brand").rule.window_days - 1), as_of


def _afn_odr() -> float:
    return _odr("growing-brand", "afn").rate


def _both_channels_odr() -> float:
    mfn, afn = _odr("growing-brand", "mfn"), _odr("growing-brand", "afn")
    return (mfn.numerator + afn.numerator) / (mfn.denominator + afn.denominator)


# Lesson 2: small numbers ---------------------------------------------------------------------


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
    return simulate.orders_needed(_odr("small-seller")).orders


def _small_seller_loose() -> int:
    rate = _odr("small-seller")
    return _loose_orders_needed(rate.numerator, rate.denominator, rate.rule.target)


def _small_seller_total() -> int:
    rate = _odr("small-seller")
    return _small_seller_needed() + rate.denominator


# Lesson 3: finding causes --------------------------------------------------------------------


@functools.cache
def _state_breakdown():
    return causes.breakdown(account(), "orderDefectRate", "ship_state")


def _highest_raw_state() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset([str(table.loc[table["rate"].idxmax(), "ship_state"])])


def _busiest_state() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset([str(table.loc[table["units"].idxmax(), "ship_state"])])


def _flagged_states() -> frozenset[str]:
    table = _state_breakdown().table
    return frozenset(table.loc[table["flagged"], "ship_state"].astype(str))


@functools.cache
def _sku_breakdown():
    return causes.breakdown(account(), "orderDefectRate", "sku")


def _flagged_skus() -> frozenset[str]:
    table = _sku_breakdown().table
    return frozenset(table.loc[table["flagged"], "sku"].astype(str))


def _skus_above_target() -> frozenset[str]:
    table = _sku_breakdown().table
    target = _odr("growing-brand").rule.target
    return frozenset(table.loc[table["rate"] >= target, "sku"].astype(str))


# Lesson 4: dilution and time -----------------------------------------------------------------


def _growing_needed() -> int:
    return simulate.orders_needed(_odr("growing-brand")).orders


def _growing_loose() -> int:
    rate = _odr("growing-brand")
    return _loose_orders_needed(rate.numerator, rate.denominator, rate.rule.target)


@functools.cache
def _calendar():
    return sellerkit.age_out(account(), health().as_of)


def _last_leaves() -> date:
    defects = _calendar().defects
    return pd.Timestamp(defects.loc[defects["channel"] == "mfn", "leaves_on"].max()).date()


def _defect_date_plus_window() -> date:
    defects = _calendar().defects
    mfn = defects[defects["channel"] == "mfn"]
    days = _ODR.window_days
    return pd.Timestamp(mfn["first_defect_date"].max()).date() + timedelta(days=days)


HOLIDAY_DAYS = 30
"""How far ahead exercise 4.3 looks."""


@functools.cache
def _holiday_direction() -> str:
    holiday = account("post-holiday")
    now = _odr("post-holiday").rate
    plan = simulate.VolumePlan(defect_rate=0.0)
    projection = simulate.project(holiday, "mfn", plan, horizon=HOLIDAY_DAYS, paths=400, seed=0)
    return "higher" if projection.daily.iloc[-1]["rate_p50"] > now else "lower"


def _opposite_direction() -> str:
    return "lower" if _holiday_direction() == "higher" else "higher"


# Lesson 5: appeals and rules -----------------------------------------------------------------


@functools.cache
def _triage() -> pd.DataFrame:
    from sellerkit.causes.triage import triage

    return triage(account(), health().as_of)


def _actionable() -> frozenset[str]:
    return frozenset(_triage()["order_id"].astype(str))


def _all_negative_feedback() -> frozenset[str]:
    events = defect_events(account())
    return frozenset(events.loc[(events["kind"] == "feedback").to_numpy(), "order_id"])


def _claim_row() -> pd.Series:
    claims = _triage()[_triage()["kind"] == "claim"]
    return claims.iloc[0]


def _claim_deadline() -> date:
    return pd.Timestamp(_claim_row()["deadline"]).date()


def _claim_plus_removal_days() -> date:
    days = _US.feedback_removal_days
    return pd.Timestamp(_claim_row()["date"]).date() + timedelta(days=days)


# Lesson 6: myths -----------------------------------------------------------------------------


def _one_defect_orders() -> int:
    return _strict_orders_needed(1, 0, rules_for("US").order_defect_rate.target)


HISTORY_DAYS = 180
"""How many days of history exercise 6.2 looks at."""


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
    return _defective_orders("growing-brand", first, last)


def _amazon_window_naive() -> int:
    _, first, last = _amazon_report()
    return _defective_orders("growing-brand", first, last, counting=False)


def _refunded_claims_counted() -> int:
    events = defect_events(account())
    refunded = (events["kind"] == "claim") & (events["status"] == "refunded-after-claim")
    return int(refunded.sum())


_US = rules_for("US")  # the samples' marketplace: the figures the hints quote
_ODR = _US.order_defect_rate

EXERCISES: dict[str, Exercise] = {
    e.key: e
    for e in (
        Exercise(
            "1.1",
            1,
            "growing-brand's seller-fulfilled ODR on its as-of day counts orders placed "
            "between which two days? Answer (first, last).",
            _window,
            same_days,
            f"The window covers {_ODR.window_days} days of order dates, both ends included. "
            "Where does it end?",
            (
                Mistake(
                    "The window does not end on the as-of day: it ends "
                    f"{_ODR.lag_days} days earlier, because feedback and claims arrive weeks "
                    "after the order.",
                    _no_lag_window,
                ),
            ),
        ),
        Exercise(
            "1.2",
            1,
            "How many seller-fulfilled orders in that window have at least one defect?",
            lambda: _odr("growing-brand").numerator,
            same_number(0),
            "Count orders (each once), placed in the window, with a defect that counts.",
            (
                Mistake(
                    "Not every row is a defect: 3-star feedback is neutral, and denied or "
                    "withdrawn-before-decision claims do not count.",
                    lambda: _defective_orders("growing-brand", counting=False),
                ),
                Mistake(
                    "A defect counts on the day its order was placed, not the day the "
                    "feedback or claim arrived.",
                    lambda: _by_defect_date("growing-brand"),
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
                    f"{_ODR.window_days + _ODR.lag_days} days after the order date "
                    f"({_ODR.window_days}-day window, {_ODR.lag_days}-day lag) — not "
                    f"{_ODR.window_days} days after the feedback or claim.",
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
        Exercise(
            "5.1",
            5,
            "Which orders' defects may growing-brand appeal or have removed under Amazon's "
            "rules? A list of order ids.",
            _actionable,
            same_labels,
            "sellerkit's triage applies Amazon's rules to each counted defect.",
            (
                Mistake(
                    "Negative feedback cannot be removed because it hurts: only feedback "
                    "that breaks Amazon's rules (or FBA delivery feedback) can.",
                    _all_negative_feedback,
                ),
            ),
        ),
        Exercise(
            "5.2",
            5,
            "By which day must the claim that triage lists be appealed?",
            _claim_deadline,
            same_days,
            "Appeals of claims have a shorter deadline than feedback removal requests.",
            (
                Mistake(
                    f"{_US.feedback_removal_days} days is for feedback removal requests; a "
                    f"claim is appealed within {_US.claim_appeal_days} days.",
                    _claim_plus_removal_days,
                ),
            ),
        ),
        Exercise(
            "5.3",
            5,
            "Which of RULE_CHOICES may a seller do about a 1-star feedback? A list of letters.",
            lambda: frozenset({"c", "d"}),
            same_labels,
            "Amazon's Code of Conduct forbids influencing feedback in any way.",
            (
                Mistake(
                    "Asking a buyer to remove feedback is forbidden even after the problem "
                    "is solved, and even without an incentive.",
                    lambda: frozenset({"c", "d", "e"}),
                ),
                Mistake(
                    "A refund, discount or anything else in exchange for changing or "
                    "removing feedback breaks Amazon's Code of Conduct.",
                    lambda: frozenset({"a", "c", "d"}),
                ),
            ),
        ),
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
                    f"was made ({_ODR.lag_days} days after its window's last day): leave "
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
            _refunded_claims_counted,
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
}
"""Every exercise, by its key (lesson.number)."""
