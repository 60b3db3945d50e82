"""Volume-fair breakdowns: which products, carriers, days or habits produce the defects.

Each group of a breakdown gets its units, bad units, rate and Wilson interval, an
empirical-Bayes (beta-binomial) shrunken rate, a one-sided exact test against the rest of the
account, and a flag controlled for false discoveries (Benjamini–Hochberg) across every row
tested. Groups too small to tell (fewer than ``min_expected`` bad units expected at the
account's rate) are labelled and listed after the others; within each part rows are ranked on
the shrunken rate. So a group of three orders with one defect never tops the list on its raw
33 %, even when too few groups exist for the shrinkage to be strong.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.account import Account
from sellerkit.causes.basis import Basis, given_or_new
from sellerkit.causes.dimensions import DIMENSIONS, group_counts
from sellerkit.causes.units import metric_info, metric_units, window_period
from sellerkit.present import percent
from sellerkit.rules import Rules
from sellerkit.vocabulary import MetricKey, OdrPart

STATISTICS = (
    "units",
    "bad",
    "rate",
    "low",
    "high",
    "shrunken",
    "p_value",
    "q_value",
    "flagged",
    "small",
)
"""The statistics every group of a breakdown carries."""

LEVEL = 0.01
"""Default false-discovery level. Conservative on purpose: a scan tests hundreds of groups,
and a flag invites action against a product, carrier or habit, so a false one costs the
seller. Pass ``level=0.05`` to explore more widely."""


@dataclass(frozen=True, eq=False)
class Breakdown:
    """One metric split by one dimension (or a pair).

    Attributes
    ----------
    metric
        The metric's key.
    by
        The dimension names.
    first, last
        The period of window days covered.
    bad, units
        The account's totals over the period.
    table
        One row per group: first those large enough to judge, then the small ones, each
        ranked by shrunken rate; the dimension columns, ``units``,
        ``bad``, ``rate``, ``low``, ``high``, ``shrunken``, ``p_value``, ``q_value``,
        ``flagged``, ``small``.
    level
        The false-discovery level of the flags.
    """

    metric: str
    by: tuple[str, ...]
    first: date
    last: date
    bad: int
    units: int
    table: pd.DataFrame
    level: float = LEVEL

    @property
    def rate(self) -> float:
        """The account's rate over the period."""
        return self.bad / self.units if self.units else float("nan")

    @property
    def flagged(self) -> pd.DataFrame:
        """The groups flagged as worse than the rest of the account."""
        return self.table[self.table["flagged"]]

    def __str__(self) -> str:
        metric = metric_info(self.metric)
        by = " × ".join(DIMENSIONS[b].title for b in self.by)
        lines = [
            f"{metric.bad} by {by}, {self.first} … {self.last}: {self.bad:,} of "
            f"{self.units:,} {metric.unit} ({percent(self.rate)})"
        ]
        for row in self.table.head(10).itertuples(index=False):
            label = " × ".join(str(getattr(row, b)) for b in self.by)
            mark = "FLAG " if row.flagged else ("small" if row.small else "     ")
            lines.append(
                f"  {mark} {label:<28} {row.bad:>6,} of {row.units:>7,}  "
                f"{row.rate:7.2%}  ({percent(row.low)}–{percent(row.high)})  shrunken "
                f"{percent(row.shrunken)}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = html.escape(str(self).splitlines()[0])
        return f"<p>{head}</p>" + self.table.to_html(index=False, float_format="{:.4f}".format)


def _statistics(
    tables: list[pd.DataFrame], bads: list[int], totals: list[int], min_expected: float
) -> dict[str, np.ndarray]:
    """Every statistic but the q-values, for the groups of all ``tables`` at once."""
    sizes = [len(table) for table in tables]
    k = np.concatenate([t["bad"].to_numpy() for t in tables] or [np.zeros(0, np.int64)])
    n = np.concatenate([t["units"].to_numpy() for t in tables] or [np.zeros(0, np.int64)])
    bad, total = np.repeat(bads, sizes), np.repeat(totals, sizes)
    priors = [stats.beta_binomial_prior(t["bad"], t["units"]) for t in tables]
    alpha = np.repeat([a for a, _ in priors], sizes)
    beta = np.repeat([b for _, b in priors], sizes)
    low, high = stats.wilson(k, n)
    return {
        "units": n,
        "bad": k,
        "rate": k / np.maximum(n, 1),
        "low": low,
        "high": high,
        "shrunken": (k + alpha) / (n + alpha + beta),
        "p_value": stats.greater_than_rest(k, n, bad, total),
        "small": n * (bad / np.maximum(total, 1)) < min_expected,
    }


def breakdown(
    account: Account,
    metric: str,
    by: str | Sequence[str],
    *,
    as_of: date | str | None = None,
    days: int = 365,
    level: float = LEVEL,
    min_expected: float = 5.0,
    rules: Rules | None = None,
    basis: Basis | None = None,
) -> Breakdown:
    """Split ``metric`` by a dimension (or a pair) over the last ``days`` of its windows.

    Parameters
    ----------
    metric
        One of :data:`sellerkit.causes.units.METRICS` (``orderDefectRate``, ``claims``,
        ``lateShipmentRate``, ``validTrackingRate`` …) or ``feedback:<category>``
        (``feedback:damaged`` …, from the comments' tags).
    by
        A dimension of :data:`sellerkit.causes.dimensions.DIMENSIONS` or a pair of them.
    level
        False-discovery level of the flags (Benjamini–Hochberg over this breakdown's rows;
        :func:`scan` controls it over many breakdowns at once).
    min_expected
        Groups expected to hold fewer bad units than this are labelled small.
    rules
        The rules to count with (default: the marketplace's rules in force on ``as_of``).
    basis
        What the analysis counts from, derived beforehand with
        :func:`sellerkit.causes.basis` (its day and rules; ``as_of`` and ``rules`` are then
        not given): several breakdowns of one unchanged account share one derivation. A
        basis reads the tables as they were when it was built: build another after editing
        them.
    """
    names = tuple([by] if isinstance(by, str) else by)
    metric_info(metric)
    base = given_or_new(account, as_of, rules, basis)
    tested = _test(base, [(metric, names)], days, level, min_expected)
    (rows,) = tested.order
    table = tested.groups[0][list(names)].iloc[rows].reset_index(drop=True)
    for name in STATISTICS:
        table[name] = tested.statistics[name][rows]
    first, last = window_period(base.rules, metric, base.day, days)
    return Breakdown(metric, names, first, last, tested.bads[0], tested.totals[0], table, level)


@dataclass(frozen=True)
class _Tested:
    """The groups of every breakdown of a scan, tested together: ``groups`` holds each
    breakdown's group counts (its dimension columns, units, bad), ``statistics`` every
    row's statistics (breakdowns one after the other), ``order`` each breakdown's row order
    (judgeable groups first, then small ones, each by shrunken rate)."""

    pairs: list[tuple[str, tuple[str, ...]]]
    bads: list[int]
    totals: list[int]
    groups: list[pd.DataFrame]
    statistics: dict[str, np.ndarray]
    order: list[np.ndarray]


def _test(
    base: Basis,
    pairs: Sequence[tuple[str, tuple[str, ...]]],
    days: int,
    level: float,
    min_expected: float,
) -> _Tested:
    per_metric: dict[str, pd.DataFrame] = {}
    tables, bads, totals = [], [], []
    for metric, by in pairs:
        if metric not in per_metric:
            per_metric[metric] = metric_units(base, metric, days)
        counted = per_metric[metric]
        bads.append(int(counted["bad"].sum()))
        totals.append(len(counted))
        tables.append(group_counts(base.codes, counted, list(by)))
    columns = _statistics(tables, bads, totals, min_expected)
    columns["flagged"], columns["q_value"] = stats.false_discoveries(columns["p_value"], level)
    order, start = [], 0
    for table in tables:
        end = start + len(table)
        part = slice(start, end)
        # lexsort: the last key sorts first; ties keep the group order.
        keys = (-columns["units"][part], -columns["shrunken"][part], columns["small"][part])
        order.append(start + np.lexsort(keys))
        start = end
    return _Tested(list(pairs), bads, totals, tables, columns, order)


def scan(
    account: Account,
    plan: Mapping[str, Sequence[str]] | None = None,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    level: float = LEVEL,
    min_expected: float = 5.0,
    rules: Rules | None = None,
    basis: Basis | None = None,
) -> pd.DataFrame:
    """Many breakdowns at once, with false discoveries controlled across all their rows.

    ``plan`` maps each metric to the dimensions to split it by (default
    :data:`DEFAULT_PLAN`). ``rules``: the rules to count with (default: the marketplace's
    rules in force on ``as_of``). Returns one row per group of every breakdown: ``metric``,
    ``dimension``, ``group`` and the statistics of :class:`Breakdown`.

    The account's facts are derived once for the whole scan and shared by its breakdowns;
    nothing is kept for the next call. ``basis`` (see :func:`breakdown`) passes a derivation
    made beforehand, for repeated scans of an unchanged account.
    """
    plan = plan or DEFAULT_PLAN
    pairs = [(metric, (dimension,)) for metric, names in plan.items() for dimension in names]
    for metric in plan:
        metric_info(metric)
    tested = _test(given_or_new(account, as_of, rules, basis), pairs, days, level, min_expected)
    rows = np.concatenate(tested.order or [np.zeros(0, np.int64)])
    sizes = [len(order) for order in tested.order]
    groups = np.empty(len(rows), dtype=object)
    start = 0
    for (_, (name,)), table, order in zip(tested.pairs, tested.groups, tested.order, strict=True):
        end = start + len(order)
        groups[start:end] = table[name].to_numpy(dtype=object)[order - start]
        start = end
    frame = {
        "metric": np.repeat([metric for metric, _ in tested.pairs], sizes).astype(object),
        "dimension": np.repeat([by[0] for _, by in tested.pairs], sizes).astype(object),
        "group": groups,
    }
    frame.update({name: tested.statistics[name][rows] for name in STATISTICS})
    return pd.DataFrame(frame)


DEFAULT_PLAN: dict[str, tuple[str, ...]] = {
    # Each metric with the dimensions that can explain it (handling time is left out of the
    # late shipment rate, which it defines).
    MetricKey.ORDER_DEFECT_RATE: (
        "sku",
        "fulfillment_channel",
        "carrier",
        "ship_state",
        "order_weekday",
        "order_week",
        "business",
    ),
    OdrPart.NEGATIVE_FEEDBACK: ("sku", "carrier", "order_weekday", "order_week"),
    OdrPart.CLAIMS: ("sku", "carrier", "ship_state", "order_week"),
    MetricKey.LATE_SHIPMENT_RATE: (
        "sku",
        "carrier",
        "ship_service_level",
        "order_weekday",
        "order_week",
    ),
    MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE: ("sku", "order_weekday", "order_week"),
    MetricKey.VALID_TRACKING_RATE: ("carrier", "ship_method", "product_category", "order_week"),
    MetricKey.ON_TIME_DELIVERY_RATE: ("carrier", "ship_method", "ship_state", "handling_days"),
    "feedback:damaged": ("sku", "carrier", "order_week"),
    "feedback:late": ("carrier", "order_weekday"),
    "feedback:not_as_described": ("sku",),
    "claims:not-as-described": ("sku",),
    "claims:not-received": ("carrier", "ship_state"),
}
