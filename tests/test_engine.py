"""The window engine (sellerkit.metrics.engine.window_counts) on items whose counts are
worked out by hand, and against a day-by-day loop written here.

The items of most tests: five items with window days 10, 11, 12, 13 and 20, and known days
11, never, 15, 13 and 20. A window of 5 days with a lag of 2: as-of day d counts window days
d-6 … d-2.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerkit.metrics.engine import ALWAYS, NEVER, window_counts

WINDOW_DAY = np.array([10, 11, 12, 13, 20], dtype=np.int64)
KNOWN = {
    "den": np.full(5, ALWAYS, dtype=np.int64),
    "num": np.array([11, NEVER, 15, 13, 20], dtype=np.int64),
}


def _lists(counts: dict[str, np.ndarray]) -> dict[str, list[list[int]]]:
    return {name: values.tolist() for name, values in counts.items()}


def test_a_single_day():
    # As of day 15: window days 9 … 13 hold items 0-3; known by 15: items 0, 2 and 3.
    counts = window_counts(WINDOW_DAY, KNOWN, 15, 15, window=5, lag=2)
    assert _lists(counts) == {"den": [[4]], "num": [[3]]}


def test_a_range_of_days_with_a_lag():
    # Day 14: window 8 … 12 (items 0-2), item 0 known (11), item 2 only on 15: 1 of 3.
    # Day 15: window 9 … 13 (items 0-3), items 0, 2, 3 known: 3 of 4.
    # Day 16: window 10 … 14 (items 0-3), the same: 3 of 4.
    counts = window_counts(WINDOW_DAY, KNOWN, 14, 16, window=5, lag=2)
    assert _lists(counts) == {"den": [[3, 4, 4]], "num": [[1, 3, 3]]}


def test_without_a_lag_the_window_ends_on_the_day():
    # Day 20, window 5, lag 0: window days 16 … 20 hold item 4 only, known on 20.
    counts = window_counts(WINDOW_DAY, KNOWN, 19, 20, window=5, lag=0)
    # Day 19: window 15 … 19 holds nothing.
    assert _lists(counts) == {"den": [[0, 1]], "num": [[0, 1]]}


def test_something_known_before_the_range_counts_on_every_day_and_never_never_counts():
    window_day = np.array([5, 5], dtype=np.int64)
    known = {"num": np.array([-100, NEVER], dtype=np.int64)}
    counts = window_counts(window_day, known, 5, 7, window=3, lag=0)
    assert _lists(counts) == {"num": [[1, 1, 1]]}


def test_groups_and_a_left_out_label():
    # Labels 0, 1, 0, -1, 1. Day 15 (window 9 … 13): group 0 holds items 0 and 2 (both
    # known by 15), group 1 holds item 1 (never known); item 3 is left out (-1) and item 4
    # is outside the window.
    group = np.array([0, 1, 0, -1, 1], dtype=np.int64)
    counts = window_counts(WINDOW_DAY, KNOWN, 15, 15, 5, 2, group=group, groups=2)
    assert _lists(counts) == {"den": [[2], [1]], "num": [[2], [0]]}


def test_weights_count_units_instead_of_items():
    # Weights 3, 1, 2, 5, 7. Day 15: in the window items 0-3 weigh 3 + 1 + 2 + 5 = 11;
    # known by 15: items 0, 2, 3, so 3 + 2 + 5 = 10.
    weights = np.array([3, 1, 2, 5, 7], dtype=np.int64)
    counts = window_counts(WINDOW_DAY, KNOWN, 15, 15, 5, 2, weights=weights)
    assert _lists(counts) == {"den": [[11]], "num": [[10]]}


def test_weights_with_groups_and_a_zero_weight():
    # Weights 3, 0, 2, 5, 7; labels 0, 1, 0, 1, 1. Day 16 (window 10 … 14): group 0 holds
    # items 0 and 2 (3 + 2, both known); group 1 items 1 and 3 (0 + 5; item 3 known).
    weights = np.array([3, 0, 2, 5, 7], dtype=np.int64)
    group = np.array([0, 1, 0, 1, 1], dtype=np.int64)
    counts = window_counts(WINDOW_DAY, KNOWN, 16, 16, 5, 2, group, 2, weights)
    assert _lists(counts) == {"den": [[5], [5]], "num": [[5], [5]]}


def test_an_empty_range_and_no_items():
    empty = window_counts(WINDOW_DAY, KNOWN, 16, 15, 5, 2, groups=3)
    assert {name: values.shape for name, values in empty.items()} == {
        "den": (3, 0),
        "num": (3, 0),
    }
    none = np.zeros(0, dtype=np.int64)
    counts = window_counts(none, {"den": none}, 1, 2, window=3, lag=1)
    assert _lists(counts) == {"den": [[0, 0]]}


def _by_loop(window_day, known, first, last, window, lag, group, groups, weights):
    """The definition, one as-of day and one item at a time."""
    out = np.zeros((groups, last - first + 1), dtype=np.int64)
    for column, day in enumerate(range(first, last + 1)):
        for item, placed in enumerate(window_day):
            label = group[item]
            in_window = day - lag - window + 1 <= placed <= day - lag
            if label >= 0 and in_window and known[item] <= day:
                out[label, column] += weights[item]
    return out


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(
        st.tuples(
            st.integers(0, 30),  # window day
            st.one_of(st.integers(-5, 35), st.just(int(NEVER))),  # known day
            st.integers(-1, 2),  # group
            st.integers(0, 4),  # weight
        ),
        max_size=30,
    ),
    first=st.integers(0, 30),
    days=st.integers(1, 10),
    window=st.integers(1, 8),
    lag=st.integers(0, 5),
)
def test_the_engine_agrees_with_the_definition(data, first, days, window, lag):
    window_day, known, group, weights = (
        np.array([row[i] for row in data], dtype=np.int64) for i in range(4)
    )
    last = first + days - 1
    counts = window_counts(window_day, {"k": known}, first, last, window, lag, group, 3, weights)
    expected = _by_loop(window_day, known, first, last, window, lag, group, 3, weights)
    assert counts["k"].tolist() == expected.tolist()
