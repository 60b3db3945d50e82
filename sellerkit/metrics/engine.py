"""Count items in sliding windows for a range of as-of days, incrementally.

Every metric is the same question: how many items have their *window day* (order date,
latest ship date, promised delivery date) inside the as-of day's window, and their *known
day* (the day the defect, cancellation, scan or delivery happened) on or before the as-of
day? One 2-D histogram over (window day, known day) and two cumulative sums answer it for
every as-of day of a range at once; a single day is the range of length one, so the daily
history and the single-day figures come from the same arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEVER = np.int64(2**40)
"""Known day of something that has not happened (a package never scanned)."""

ALWAYS = np.int64(-(2**40))
"""Known day of something true from the start (an order's presence in the denominator)."""


@dataclass(frozen=True)
class Events:
    """Items of one count: their window days and known days, as day numbers."""

    window_day: np.ndarray
    known_day: np.ndarray

    def __post_init__(self) -> None:
        if self.window_day.shape != self.known_day.shape:
            raise ValueError("window_day and known_day must have the same length")

    def where(self, mask: np.ndarray) -> Events:
        """The items selected by ``mask``."""
        return Events(self.window_day[mask], self.known_day[mask])

    def __len__(self) -> int:
        return int(self.window_day.size)


def window_counts(events: Events, first: int, last: int, window: int, lag: int) -> np.ndarray:
    """For each as-of day ``d`` in ``first..last``: the items with window day in
    ``[d - lag - window + 1, d - lag]`` and known day ``≤ d``.

    Cost: one pass over the items plus ``(last - first + window) × (last - first + 1)``
    cells, whatever the number of items.
    """
    days = last - first + 1
    if days <= 0:
        return np.zeros(0, dtype=np.int64)
    low = first - lag - window + 1
    high = last - lag
    w, k = events.window_day, events.known_day
    keep = (w >= low) & (w <= high) & (k <= last)
    rows = (w[keep] - low).astype(np.int64)
    cols = np.clip(k[keep] - first, 0, None).astype(np.int64)
    height = days + window - 1
    grid = np.bincount(rows * days + cols, minlength=height * days).reshape(height, days)
    cumulative = grid.cumsum(axis=1).cumsum(axis=0)  # [w, j]: window day ≤ w, known ≤ day j
    j = np.arange(days)
    top = cumulative[j + window - 1, j]
    below = np.where(j > 0, cumulative[np.maximum(j - 1, 0), j], 0)
    return top - below
