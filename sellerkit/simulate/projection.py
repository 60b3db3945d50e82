"""Day-by-day projection of the Order Defect Rate: old orders and their defects leave the
window on their dates, new orders arrive from a volume plan, new defects are drawn with the
account's own propensity (and its uncertainty), and defects still on their way to recent
orders arrive after the delays the account has shown.

The Monte Carlo is vectorised: every simulated defect adds one to a contiguous run of
evaluation days (from the day it arrives, or enters the window, to the day its order leaves
the window), so all paths are counted with difference arrays and cumulative sums, never a
loop over paths or days.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.compute import day_number, from_day_number
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.given import facts_for
from sellerkit.metrics.rates import SCOPE_NAMES
from sellerkit.present import percent
from sellerkit.rules import MetricRule, Rules
from sellerkit.simulate.estimate import (
    MAX_DELAY,
    Delays,
    Propensity,
    estimate_delays,
    estimate_propensity,
)
from sellerkit.vocabulary import Channel

BASELINE_DAYS = 28
"""Days of recent orders that set the baseline daily volume."""


@dataclass(frozen=True)
class VolumePlan:
    """How many orders a day arrive from tomorrow on.

    Attributes
    ----------
    extra_per_day
        Orders added to the baseline every day (a promotion, a new listing).
    change
        Relative change of the baseline: ``-0.3`` is a 30 % fall (after the holidays).
    series
        Daily volumes given outright (the last value repeats); overrides the others.
    defect_rate
        Assumed defect rate of the new orders; default: the account's own propensity,
        drawn with its uncertainty.
    random_volume
        Draw each day's orders from a Poisson distribution around the plan (default), or
        use the plan's numbers exactly.
    """

    extra_per_day: float = 0.0
    change: float = 0.0
    series: Sequence[float] | None = None
    defect_rate: float | None = None
    random_volume: bool = True

    def volumes(self, baseline: float, horizon: int) -> np.ndarray:
        """Expected orders on each of the next ``horizon`` days."""
        if self.series is not None:
            values = np.asarray(list(self.series), dtype=float)
            if values.size == 0 or (values < 0).any():
                raise ValueError("`series` must hold at least one volume, none negative")
            values = np.concatenate([values, np.repeat(values[-1:], max(horizon - values.size, 0))])
            return values[:horizon]
        volume = max(baseline * (1 + self.change) + self.extra_per_day, 0.0)
        return np.full(horizon, volume)


@dataclass(frozen=True, eq=False)
class Projection:
    """A projected Order Defect Rate.

    Attributes
    ----------
    as_of
        The day the projection starts after.
    channel
        ``mfn`` or ``afn``.
    rule
        The ODR rule (window, lag, target).
    daily
        One row per future day: ``date, orders_p50, defects_p50, rate_p10, rate_p50,
        rate_p90, rate_mean, p_under_target``.
    back_under_target
        The first day the median projected rate is under target (None within the horizon).
    propensity, delays
        What the projection assumed about future defects.
    baseline
        Orders a day in the last 28 days.
    plan
        The volume plan.
    paths
        The simulated rates, one row per path (for charts and checks).
    """

    as_of: date
    channel: str
    rule: MetricRule
    daily: pd.DataFrame
    back_under_target: date | None
    propensity: Propensity
    delays: Delays
    baseline: float
    plan: VolumePlan
    paths: np.ndarray = field(repr=False)

    def __str__(self) -> str:
        scope = SCOPE_NAMES[self.channel]
        first, last = self.daily.iloc[0], self.daily.iloc[-1]
        if self.back_under_target:
            when = f"the median projection is back under target on {self.back_under_target}"
        else:
            best = self.daily.iloc[int(self.daily["p_under_target"].argmax())]
            when = (
                "the median projection stays over target for the whole horizon; the chance "
                f"of being under peaks at {percent(best.p_under_target)} on {best.date:%Y-%m-%d}"
            )
        return (
            f"{scope} ODR projected from {self.as_of} over {len(self.daily)} days "
            f"({self.paths.shape[0]:,} paths): {percent(first.rate_p50)} tomorrow, "
            f"{percent(last.rate_p50)} (80 % of paths {percent(last.rate_p10)}–"
            f"{percent(last.rate_p90)}) at the end; {when}. Assumed: {self.plan_text()}, "
            f"defect propensity {percent(self.propensity.mean)} per order, defects arriving "
            f"{self.delays.mean:.0f} days after the order on average."
        )

    def plan_text(self) -> str:
        """The volume plan in words."""
        if self.plan.series is not None:
            return "the given daily volumes"
        parts = [f"{self.baseline:.1f} orders a day now"]
        if self.plan.change:
            parts.append(f"{self.plan.change:+.0%}")
        if self.plan.extra_per_day:
            parts.append(f"{self.plan.extra_per_day:+g} a day")
        return " ".join(parts)


def _runs(
    counts: np.ndarray, start: np.ndarray, stop: np.ndarray, rows: np.ndarray, days: int
) -> None:
    """Add 1 to ``counts[row, start:stop]`` for each item (difference array, in place)."""
    ok = start < stop
    width = days + 1
    np.add.at(counts.reshape(-1), rows[ok] * width + start[ok], 1)
    np.add.at(counts.reshape(-1), rows[ok] * width + stop[ok], -1)


def _sample_delays(
    rng: np.random.Generator, cdf: np.ndarray, size: int, after: np.ndarray | None = None
) -> np.ndarray:
    """Delays drawn from ``cdf``; with ``after``, conditioned on being greater than it."""
    if after is None:
        u = rng.random(size)
        return np.minimum(np.searchsorted(cdf, u * cdf[-1], side="right"), MAX_DELAY)
    low = cdf[np.clip(after, 0, MAX_DELAY)]
    u = low + rng.random(size) * (cdf[-1] - low)
    return np.minimum(np.searchsorted(cdf, u, side="right"), MAX_DELAY)


def project(
    account: Account,
    channel: str = Channel.MFN,
    plan: VolumePlan | None = None,
    *,
    as_of: date | str | None = None,
    horizon: int = 120,
    paths: int = 10_000,
    seed: int | np.random.Generator | None = 0,
    delays: Delays | None = None,
    rules: Rules | None = None,
    facts: Facts | None = None,
) -> Projection:
    """Project the channel's Order Defect Rate day by day for ``horizon`` days.

    Parameters
    ----------
    account
        A loaded account.
    channel
        ``mfn`` (seller-fulfilled) or ``afn`` (FBA).
    plan
        Future daily volume and, optionally, an assumed defect rate (:class:`VolumePlan`).
    as_of
        The day the projection starts after (default: the latest order day).
    horizon, paths
        Days to project and Monte Carlo paths.
    seed
        Seed or generator: the same inputs and seed give the same projection.
    delays
        Delay distribution to use instead of the one estimated from the account.
    rules
        The rules to count with (default: the marketplace's rules in force on ``as_of``).
    facts
        The account's facts when the caller already derived them
        (:func:`sellerkit.derive_facts`; see :mod:`sellerkit.metrics.given`).
    """
    if channel not in tuple(Channel):
        raise ValueError(f"`channel` must be one of {', '.join(Channel)}, got {str(channel)!r}")
    if horizon < 1 or paths < 1:
        raise ValueError("`horizon` and `paths` must be at least 1")
    plan = plan or VolumePlan()
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    day = as_of_day(account, as_of)
    facts = facts_for(account, day, rules, facts)
    rule = facts.rules.order_defect_rate
    today = day_number(day)
    in_channel = facts.orders["mfn"] == (channel == Channel.MFN)
    order_day = facts.orders["order_day"][in_channel]
    defect_day = facts.orders["defect_day"][in_channel]
    placed = order_day <= today
    order_day, defect_day = order_day[placed], defect_day[placed]

    delays = delays or estimate_delays(order_day, defect_day, today)
    propensity = estimate_propensity(order_day, defect_day, today, delays)
    baseline = float((order_day > today - BASELINE_DAYS).sum()) / BASELINE_DAYS
    volumes = plan.volumes(baseline, horizon)
    p = (
        np.full(paths, plan.defect_rate)
        if plan.defect_rate is not None
        else propensity.draw(rng, paths)
    )

    lag, window = rule.lag_days, rule.window_days
    first = today + 1  # evaluation day index 0

    # For an order placed on day j, the evaluation days that count it: [j+lag, j+lag+window).
    def span(order: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        start = np.clip(np.maximum(known, order + lag) - first, 0, horizon)
        stop = np.clip(order + lag + window - first, 0, horizon)
        return start, stop

    # Orders: the known ones (the same on every path) and the new ones (per path).
    shared = np.zeros((1, horizon + 1), dtype=np.int64)
    start, stop = span(order_day, order_day)
    _runs(shared, start, stop, np.zeros(start.size, dtype=np.int64), horizon)
    new_orders = (
        rng.poisson(volumes, size=(paths, horizon))
        if plan.random_volume
        else np.broadcast_to(np.round(volumes).astype(np.int64), (paths, horizon))
    )
    new_day = first + np.arange(horizon)
    window_sum = np.zeros((paths, horizon + 1), dtype=np.int64)
    starts = np.clip(new_day + lag - first, 0, horizon)
    stops = np.clip(new_day + lag + window - first, 0, horizon)
    # numpy's stubs type ufunc.at's indices as integers only; a tuple of a slice and an
    # array (every row, these columns) is documented and works.
    np.add.at(window_sum, (slice(None), starts), new_orders)  # type: ignore[arg-type]
    np.add.at(window_sum, (slice(None), stops), -new_orders)  # type: ignore[arg-type]
    orders = (shared + window_sum).cumsum(axis=1)[:, :horizon]

    # Defects: known ones leave on their dates (shared); pending ones on recent orders and
    # new ones on new orders are drawn per path.
    known_defect = defect_day <= today
    defects = np.zeros((paths, horizon + 1), dtype=np.int64)
    start, stop = span(order_day[known_defect], defect_day[known_defect])
    shared_defects = np.zeros((1, horizon + 1), dtype=np.int64)
    _runs(shared_defects, start, stop, np.zeros(start.size, dtype=np.int64), horizon)

    cdf = delays.cdf
    ages = today - order_day[~known_defect]
    waiting = np.bincount(np.clip(ages, 0, MAX_DELAY + 1), minlength=MAX_DELAY + 2)[:MAX_DELAY]
    for age in np.flatnonzero(waiting):  # recent order days, at most MAX_DELAY of them
        seen = cdf[age]
        chance = p * (1 - seen) / np.maximum(1 - p * seen, 1e-12)  # P(defect still coming)
        counts = rng.binomial(waiting[age], chance)
        rows = np.repeat(np.arange(paths), counts)
        delay = _sample_delays(rng, cdf, rows.size, after=np.full(rows.size, age))
        placed_on = today - age
        start, stop = span(np.full(rows.size, placed_on), placed_on + delay)
        _runs(defects, start, stop, rows, horizon)

    new_defects = rng.binomial(new_orders, p[:, None])
    rows = np.repeat(np.arange(paths), new_defects.sum(axis=1))
    new_placed_on = np.repeat(np.tile(new_day, paths), new_defects.reshape(-1))
    delay = _sample_delays(rng, cdf, rows.size)
    start, stop = span(new_placed_on, new_placed_on + delay)
    _runs(defects, start, stop, rows, horizon)
    defects = (defects + shared_defects).cumsum(axis=1)[:, :horizon]

    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(orders > 0, defects / np.maximum(orders, 1), np.nan)
    under = rate < rule.target
    dates = pd.date_range(from_day_number(first), periods=horizon, freq="D")
    with warnings.catch_warnings():  # days whose window holds no order on any path
        warnings.simplefilter("ignore", RuntimeWarning)
        low, mid, high = np.nanpercentile(rate, [10, 50, 90], axis=0)
        mean = np.nanmean(rate, axis=0)
    daily = pd.DataFrame(
        {
            "date": dates,
            "orders_p50": np.median(orders, axis=0),
            "defects_p50": np.median(defects, axis=0),
            "rate_p10": low,
            "rate_p50": mid,
            "rate_p90": high,
            "rate_mean": mean,
            "p_under_target": under.mean(axis=0),
        }
    )
    median_under = np.flatnonzero(mid < rule.target)
    return Projection(
        as_of=day,
        channel=channel,
        rule=rule,
        daily=daily,
        back_under_target=(dates[median_under[0]].date() if median_under.size else None),
        propensity=propensity,
        delays=delays,
        baseline=baseline,
        plan=plan,
        paths=rate,
    )


__all__ = ["Projection", "VolumePlan", "project"]
