"""Count items in sliding windows for a range of as-of days, incrementally.

Every metric is the same question: how many items have their *window day* (order date,
latest ship date, promised delivery date) inside the as-of day's window, and their *known
day* (the day the defect, cancellation, scan or delivery happened) on or before the as-of
day? One histogram over (group, window day, known day) and two cumulative sums answer it for
every as-of day of a range and every group (scope) at once; a single day is the range of
length one, so the daily history and the single-day figures come from the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

NEVER = np.int64(2**40)
"""Known day of something that has not happened (a package never scanned)."""

ALWAYS = np.int64(-(2**40))
"""Known day of something true from the start (an order's presence in the denominator)."""


def window_counts(
    window_day: np.ndarray,
    known: Mapping[str, np.ndarray],
    first: int,
    last: int,
    window: int,
    lag: int,
    group: np.ndarray | None = None,
    groups: int = 1,
    weights: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """For each as-of day ``d`` in ``first..last`` and each group: the items with window
    day in ``[d - lag - window + 1, d - lag]`` and known day ``≤ d``.

    Parameters
    ----------
    window_day
        Day number that places each item in a window.
    known
        Named arrays of the day each item becomes countable (one count per name).
    group
        Group label of each item, ``0 … groups - 1`` (negative: left out).
    weights
        Whole-number weight of each item (the units of a package); each item counts once
        without it.

    Returns
    -------
    dict
        For each name of ``known``, an array of shape ``(groups, days)``.

    Cost: one pass over the items, plus ``groups × (days + window - 1) × days`` cells.
    """
    days = last - first + 1
    if days <= 0:
        return {name: np.zeros((groups, 0), dtype=np.int64) for name in known}
    low = first - lag - window + 1
    high = last - lag
    height = days + window - 1
    selected = np.flatnonzero((window_day >= low) & (window_day <= high))
    rows = window_day[selected] - low
    if group is not None:
        labels = group[selected]
        rows = np.where(labels >= 0, labels * height + rows, -1)
    j = np.arange(days)
    out = {}
    for name, known_day in known.items():
        k = known_day[selected]
        keep = (k <= last) & (rows >= 0)
        cols = np.clip(k[keep] - first, 0, None)
        bins = rows[keep] * days + cols
        if weights is None:
            grid = np.bincount(bins, minlength=groups * height * days)
        else:
            weight = weights[selected][keep].astype(np.float64)
            grid = np.rint(np.bincount(bins, weight, groups * height * days)).astype(np.int64)
        cumulative = grid.reshape(groups, height, days).cumsum(axis=2).cumsum(axis=1)
        top = cumulative[:, j + window - 1, j]
        below = np.where(j > 0, cumulative[:, np.maximum(j - 1, 0), j], 0)
        out[name] = top - below
    return out
