"""The units each metric counts (orders, shipped orders, packages) over a period, each with
its bad flag and its order, so any order-, item- or package-level attribute can be attached.

Counted from a :class:`~sellerkit.causes.basis.Basis` (the facts under the analysis's rules),
built once per public call: nothing is kept between calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.causes.basis import Basis, basis
from sellerkit.causes.feedback_text import CATEGORIES
from sellerkit.io.layouts_canonical import CLAIM_REASONS
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.compute import day_number
from sellerkit.metrics.facts import Facts, day_numbers
from sellerkit.rules import Rules, rules_for
from sellerkit.vocabulary import METRICS as TERMS
from sellerkit.vocabulary import ODR_PARTS, MetricKey, OdrPart


@dataclass(frozen=True)
class Metric:
    """A metric the cause explorer can break down.

    Attributes
    ----------
    key
        ``orderDefectRate``, ``negativeFeedback``, ``claims``, ``chargebacks``,
        ``lateShipmentRate``, ``preFulfillmentCancellationRate``, ``validTrackingRate``,
        ``onTimeDeliveryRate``.
    unit
        What is counted: ``orders`` or ``packages``.
    bad
        What a bad unit is, in words (a rate "greater than" target counts its failures).
    """

    key: str
    unit: str
    bad: str


_ODR = MetricKey.ORDER_DEFECT_RATE
_LSR = MetricKey.LATE_SHIPMENT_RATE
_PFCR = MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE
_VTR = MetricKey.VALID_TRACKING_RATE
_OTDR = MetricKey.ON_TIME_DELIVERY_RATE

METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(_ODR, TERMS[_ODR].unit, TERMS[_ODR].bad),
        *(Metric(part, terms.unit, terms.bad) for part, terms in ODR_PARTS.items()),
        *(Metric(key, TERMS[key].unit, TERMS[key].bad) for key in (_LSR, _PFCR, _VTR, _OTDR)),
    )
}
"""The metrics the cause explorer breaks down, with their units and bad words from
:mod:`sellerkit.vocabulary` (the unit On-Time Delivery Rate is not among them: its units are
not attached to orders)."""


def metric_info(key: str) -> Metric:
    """The :class:`Metric` of a key, including ``feedback:<category>`` (orders with a
    negative feedback of that category, see :mod:`sellerkit.causes.feedback_text`)."""
    if key in METRICS:
        return METRICS[key]
    category = key.removeprefix("feedback:")
    if key.startswith("feedback:") and category in CATEGORIES:
        return Metric(key, "orders", f"orders with {category.replace('_', ' ')} feedback")
    reason = key.removeprefix("claims:")
    if key.startswith("claims:") and reason in CLAIM_REASONS:
        return Metric(key, "orders", f"orders with a counted {reason} claim")
    raise KeyError(
        f"`metric` must be one of {', '.join(METRICS)}, feedback:<category> with a category "
        f"among {', '.join(CATEGORIES)}, or claims:<reason> with a reason among "
        f"{', '.join(CLAIM_REASONS)}, got {key!r}"
    )


_DEFECT_DAY: dict[str, Literal["defect_day", "feedback_day", "claim_day", "chargeback_day"]] = {
    _ODR: "defect_day",
    OdrPart.NEGATIVE_FEEDBACK: "feedback_day",
    OdrPart.CLAIMS: "claim_day",
    OdrPart.CHARGEBACKS: "chargeback_day",
}


def units(
    account: Account,
    metric: str,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """The units of ``metric`` whose window day falls in the ``days`` before the period's
    end, with ``bad`` (bool), ``order`` (position in ``account.orders``) and, for packages,
    ``row`` (of ``account.shipments``).

    The period ends where the metric's own window ends (ODR: 14 days before ``as_of``, so
    defects had time to arrive; On-Time Delivery: 7 days), and only what happened by
    ``as_of`` counts. ``rules``: the rules to count with (default: the marketplace's rules
    in force on ``as_of``).
    """
    metric_info(metric)
    return metric_units(basis(account, as_of, rules), metric, days)


def metric_units(base: Basis, metric: str, days: int = 365) -> pd.DataFrame:
    """:func:`units` from a basis already built (an analysis of several metrics builds one)."""
    metric_info(metric)
    facts = base.facts
    today = day_number(base.day)
    last = today - _lag(facts.rules, metric)
    first = last - days + 1
    if metric.startswith("feedback:"):
        category = metric.removeprefix("feedback:")
        return _feedback_units(base, category, first, last, today)
    if metric.startswith("claims:"):
        return _claim_units(facts, metric.removeprefix("claims:"), first, last, today)
    if metric in _DEFECT_DAY or metric == _PFCR:
        return _order_units(facts, metric, first, last, today)
    if metric == _LSR:
        shipped, _ = facts.shipping(first, today)
        latest = shipped["latest_day"]
        keep = (latest >= first) & (latest <= last)
        return pd.DataFrame(
            {
                "order": shipped["order"][keep],
                "bad": shipped["late"][keep],
                "window_day": latest[keep],
            }
        )
    if metric not in (_VTR, _OTDR):  # pragma: no cover
        raise AssertionError(f"no units for {metric!r}")  # metric_info admitted it: a bug
    _, packages = facts.shipping(first, today)
    promised = packages["promised_day"]
    keep = (promised >= first) & (promised <= last)
    if metric == _VTR:
        keep &= packages["ship_day"] <= today
        bad = packages["valid_day"] > today
    else:
        keep &= packages["valid_day"] <= today
        bad = packages["on_time_day"] > today
    return pd.DataFrame(
        {
            "order": packages["order"][keep],
            "row": packages["row"][keep],
            "bad": bad[keep],
            "window_day": promised[keep],
        }
    )


def _order_units(facts: Facts, metric: str, first: int, last: int, today: int) -> pd.DataFrame:
    orders = facts.orders
    day = orders["order_day"]
    keep = (day >= first) & (day <= last)
    if metric == _PFCR:
        keep &= orders["mfn"]
        bad = orders["seller_cancel_day"] <= today
    else:
        bad = orders[_DEFECT_DAY[metric]] <= today
    positions = np.flatnonzero(keep)
    return pd.DataFrame({"order": positions, "bad": bad[keep], "window_day": day[keep]})


def event_reasons(base: Basis, events: pd.DataFrame) -> pd.Series:
    """Why each of ``events`` (rows of ``base.facts.events``) is a defect, for people and
    charts: ``feedback: <category>`` (the comment's category), ``claim: <reason>`` or
    ``chargeback``."""
    reasons = pd.Series("chargeback", index=events.index, dtype=object)
    claim = (events["kind"] == "claim").to_numpy()
    reasons[claim] = "claim: " + events.loc[claim, "reason"].astype(str)
    feedback = (events["kind"] == "feedback").to_numpy()
    tags = base.feedback_categories
    reasons[feedback] = "feedback: " + tags.loc[events.index[feedback]].astype(str)
    return reasons


def _orders_with(facts: Facts, events: pd.DataFrame, today: int) -> np.ndarray:
    """Per order of the account: whether one of ``events`` was known by ``today``."""
    known = events[day_numbers(events["known_date"]) <= today]
    flags = np.zeros(len(facts.orders["order_day"]), dtype=bool)
    flags[known["order"].to_numpy()] = True
    return flags


def _feedback_units(base: Basis, category: str, first: int, last: int, today: int) -> pd.DataFrame:
    """Orders of the period; bad when a negative feedback of ``category`` arrived by today."""
    facts, tags = base.facts, base.feedback_categories
    chosen = facts.events.loc[tags.index[(tags == category).to_numpy()]]
    day = facts.orders["order_day"]
    keep = (day >= first) & (day <= last)
    positions = np.flatnonzero(keep)
    bad = _orders_with(facts, chosen, today)[positions]
    return pd.DataFrame({"order": positions, "bad": bad, "window_day": day[keep]})


def _claim_units(facts: Facts, reason: str, first: int, last: int, today: int) -> pd.DataFrame:
    """Orders of the period; bad when a counted claim of ``reason`` was filed by today (the
    claim events of the ODR facts, so the Buy Shipping exemption applies)."""
    events = facts.events
    chosen = events[((events["kind"] == "claim") & (events["reason"] == reason)).to_numpy()]
    day = facts.orders["order_day"]
    keep = (day >= first) & (day <= last)
    positions = np.flatnonzero(keep)
    bad = _orders_with(facts, chosen, today)[positions]
    return pd.DataFrame({"order": positions, "bad": bad, "window_day": day[keep]})


def _lag(rules: Rules, metric: str) -> int:
    """Days between the as-of day and the end of the metric's window."""
    lags: dict[str, int] = {
        _LSR: 0,
        _PFCR: 0,
        _VTR: rules.valid_tracking.lag_days,
        _OTDR: rules.on_time_delivery.lag_days,
    }
    return lags.get(metric, rules.order_defect_rate.lag_days)


def period(
    account: Account,
    metric: str,
    as_of: date | str | None,
    days: int,
    rules: Rules | None = None,
) -> tuple[date, date]:
    """First and last window day of the period :func:`units` covers (``rules``: default,
    the marketplace's rules in force on ``as_of``)."""
    day = as_of_day(account, as_of)
    return window_period(rules or rules_for(account.marketplace.code, day), metric, day, days)


def window_period(rules: Rules, metric: str, day: date, days: int) -> tuple[date, date]:
    """First and last window day of the ``days`` of ``metric``'s windows up to as-of ``day``."""
    last = day - timedelta(days=_lag(rules, metric))
    return last - timedelta(days=days - 1), last
