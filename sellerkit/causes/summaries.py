"""Aggregated views for the charts: defects by reason, weekly rates with control limits, and
defects by dimension × reason. Charts get these small frames, never per-order rows."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.causes.basis import basis
from sellerkit.causes.dimensions import Codes, attach
from sellerkit.causes.units import event_reasons, metric_units, units
from sellerkit.metrics.compute import day_number
from sellerkit.metrics.facts import day_numbers
from sellerkit.rules import Rules
from sellerkit.vocabulary import MetricKey


def defect_reasons(
    account: Account,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """One row per counted defect of the period's orders: ``order``, ``reason`` — the
    feedback's category, the claim's reason or ``chargeback``.

    The defects are the account's defect events (:mod:`sellerkit.metrics.defects`) known by
    ``as_of`` on the orders :func:`~sellerkit.causes.units.units` counts for the ODR, so
    the table, its Pareto chart and the ODR count the same orders (a ``not-received`` claim
    on an order shipped on time with Buy Shipping is in none of them: decision 4).
    ``rules``: the rules to count with (default: the marketplace's rules in force on
    ``as_of``).
    """
    base = basis(account, as_of, rules)
    facts = base.facts
    counted = metric_units(base, MetricKey.ORDER_DEFECT_RATE, days)
    in_period = np.zeros(len(facts.orders["order_day"]), dtype=bool)
    in_period[counted["order"].to_numpy()] = True
    events = facts.events
    chosen = events[
        in_period[events["order"].to_numpy()]
        & (day_numbers(events["known_date"]) <= day_number(base.day))
    ]
    return pd.DataFrame(
        {
            "order": chosen["order"].to_numpy(),
            "reason": event_reasons(base, chosen).to_numpy(),
        }
    )


def pareto(reasons: pd.DataFrame) -> pd.DataFrame:
    """Defects by reason, largest first, with the cumulative share."""
    counts = reasons["reason"].value_counts()
    frame = pd.DataFrame({"reason": counts.index.astype(str), "defects": counts.to_numpy()})
    frame["cumulative_share"] = frame["defects"].cumsum() / max(frame["defects"].sum(), 1)
    return frame


def reason_heat(account: Account, reasons: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Defects by ``dimension`` × reason."""
    attached = attach(Codes(account), reasons, [dimension])
    return (
        attached.groupby([dimension, "reason"], observed=True)
        .size()
        .rename("defects")
        .reset_index()
    )


def weekly(
    account: Account,
    metric: str = MetricKey.ORDER_DEFECT_RATE,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    sigmas: float = 3.0,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """Weekly rate of ``metric`` (weeks of the window day) with p-chart control limits: the
    period's rate ± ``sigmas`` binomial standard errors for each week's volume. ``rules``:
    the rules to count with (default: the marketplace's rules in force on ``as_of``)."""
    counted = units(account, metric, as_of=as_of, days=days, rules=rules)
    days_ = counted["window_day"].to_numpy()
    monday = days_ - (days_ + 3) % 7
    frame = pd.DataFrame({"week": monday, "bad": counted["bad"].to_numpy()})
    grouped = frame.groupby("week")["bad"]
    table = pd.DataFrame({"units": grouped.size(), "bad": grouped.sum()}).reset_index()
    centre = table["bad"].sum() / max(table["units"].sum(), 1)
    spread = sigmas * np.sqrt(centre * (1 - centre) / table["units"])
    table["rate"] = table["bad"] / table["units"]
    table["centre"] = centre
    table["upper"] = np.minimum(centre + spread, 1.0)
    table["lower"] = np.maximum(centre - spread, 0.0)
    table["out_of_control"] = table["rate"] > table["upper"]
    table["week"] = pd.to_datetime(table["week"], unit="D")
    return table
