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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.account import Account
from sellerkit.causes.dimensions import DIMENSIONS, group_counts
from sellerkit.causes.units import metric_info, period, units

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
            f"{self.units:,} {metric.unit} ({self.rate:.2%})"
        ]
        for row in self.table.head(10).itertuples(index=False):
            label = " × ".join(str(getattr(row, b)) for b in self.by)
            mark = "FLAG " if row.flagged else ("small" if row.small else "     ")
            lines.append(
                f"  {mark} {label:<28} {row.bad:>6,} of {row.units:>7,}  "
                f"{row.rate:7.2%}  ({row.low:.2%}–{row.high:.2%})  shrunken "
                f"{row.shrunken:.2%}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = html.escape(str(self).splitlines()[0])
        return f"<p>{head}</p>" + self.table.to_html(index=False, float_format="{:.4f}".format)


def _statistics(table: pd.DataFrame, bad: int, total: int, min_expected: float) -> pd.DataFrame:
    k, n = table["bad"].to_numpy(), table["units"].to_numpy()
    low, high = stats.wilson(k, n)
    alpha, beta = stats.beta_binomial_prior(k, n)
    out = table.assign(
        rate=k / np.maximum(n, 1),
        low=low,
        high=high,
        shrunken=(k + alpha) / (n + alpha + beta),
        p_value=stats.greater_than_rest(k, n, bad, total),
        small=n * (bad / max(total, 1)) < min_expected,
    )
    return out


def breakdown(
    account: Account,
    metric: str,
    by: str | Sequence[str],
    *,
    as_of: date | str | None = None,
    days: int = 365,
    level: float = LEVEL,
    min_expected: float = 5.0,
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
    """
    return _scan(
        account,
        [(metric, tuple([by] if isinstance(by, str) else by))],
        as_of,
        days,
        level,
        min_expected,
    )[0]


def _scan(account, pairs, as_of, days, level, min_expected) -> list[Breakdown]:
    parts = []
    cache: dict[str, pd.DataFrame] = {}
    for metric, by in pairs:
        if metric not in cache:
            cache[metric] = units(account, metric, as_of=as_of, days=days)
        base = cache[metric]
        bad, total = int(base["bad"].sum()), len(base)
        table = _statistics(group_counts(account, base, list(by)), bad, total, min_expected)
        parts.append((metric, by, bad, total, table))
    p_values = np.concatenate([table["p_value"].to_numpy() for *_, table in parts] or [[]])
    flags, q_values = stats.false_discoveries(p_values, level)
    results, start = [], 0
    for metric, by, bad, total, table in parts:
        end = start + len(table)
        # Groups that can be judged first, then the small ones; each by shrunken rate.
        ranked = table.assign(q_value=q_values[start:end], flagged=flags[start:end])
        ranked = ranked.sort_values(
            ["small", "shrunken", "units"], ascending=[True, False, False], ignore_index=True
        )
        first, last = period(account, metric, as_of, days)
        results.append(Breakdown(metric, by, first, last, bad, total, ranked, level))
        start = end
    return results


def scan(
    account: Account,
    plan: dict[str, Sequence[str]] | None = None,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    level: float = LEVEL,
    min_expected: float = 5.0,
) -> pd.DataFrame:
    """Many breakdowns at once, with false discoveries controlled across all their rows.

    ``plan`` maps each metric to the dimensions to split it by (default
    :data:`DEFAULT_PLAN`). Returns one row per group of every breakdown: ``metric``,
    ``dimension``, ``group`` and the statistics of :class:`Breakdown`.
    """
    plan = plan or DEFAULT_PLAN
    pairs = [(metric, (dimension,)) for metric, names in plan.items() for dimension in names]
    results = _scan(account, pairs, as_of, days, level, min_expected)
    frames = []
    for result in results:
        (name,) = result.by
        table = result.table.rename(columns={name: "group"})
        frames.append(table.assign(metric=result.metric, dimension=name))
    columns = ["metric", "dimension", "group", *STATISTICS]
    return pd.concat(frames, ignore_index=True)[columns]


DEFAULT_PLAN: dict[str, tuple[str, ...]] = {
    # Each metric with the dimensions that can explain it (handling time is left out of the
    # late shipment rate, which it defines).
    "orderDefectRate": (
        "sku",
        "fulfillment_channel",
        "carrier",
        "ship_state",
        "order_weekday",
        "order_week",
        "business",
    ),
    "negativeFeedback": ("sku", "carrier", "order_weekday", "order_week"),
    "claims": ("sku", "carrier", "ship_state", "order_week"),
    "lateShipmentRate": ("sku", "carrier", "ship_service_level", "order_weekday", "order_week"),
    "preFulfillmentCancellationRate": ("sku", "order_weekday", "order_week"),
    "validTrackingRate": ("carrier", "ship_method", "product_category", "order_week"),
    "onTimeDeliveryRate": ("carrier", "ship_method", "ship_state", "handling_days"),
    "feedback:damaged": ("sku", "carrier", "order_week"),
    "feedback:late": ("carrier", "order_weekday"),
    "feedback:not_as_described": ("sku",),
    "claims:not-as-described": ("sku",),
    "claims:not-received": ("carrier", "ship_state"),
}
