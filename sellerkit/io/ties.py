"""Whether two overlapping All Orders downloads hold the same rows for the orders of a tie
(the same order with the same newest ``last-updated-date`` in both; data contract, decision
18): such an order with other rows is a conflict the load warns about.

The columns are compared one at a time; the combine runs the comparison on a thread of its
own, beside its other work (Arrow's kernels release the GIL). The tied rows are usually a
few runs of consecutive rows in both downloads (their overlap, less the orders updated
since), compared as slices: no copy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import dictionary_codes, runs


def _equal_columns(left: pa.ChunkedArray, right: pa.ChunkedArray) -> np.ndarray:
    """Row-by-row equality of two aligned columns (any chunking); two missing cells are
    equal; category columns compare their values."""
    codes = _category_codes(left, right)
    if codes is not None:
        return codes[0] == codes[1]
    a, b = _plain(left), _plain(right)
    if pa.types.is_null(a.type) or pa.types.is_null(b.type):
        return _numpy(pc.and_(pc.is_null(a), pc.is_null(b)))
    if a.type != b.type:
        try:
            b = b.cast(a.type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            a, b = a.cast(pa.string()), b.cast(pa.string())
    same = pc.equal(a, b)
    if not a.null_count and not b.null_count:
        return _numpy(same)
    both_missing = pc.and_(pc.is_null(a), pc.is_null(b))
    return _numpy(pc.or_kleene(pc.fill_null(same, False), both_missing))


def _category_codes(
    left: pa.ChunkedArray, right: pa.ChunkedArray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Two category columns as codes into one list of values (-1: missing), compared
    without writing out their text; ``None`` unless each column's chunks share one
    dictionary of text."""
    values = [_dictionary(left), _dictionary(right)]
    if values[0] is None or values[1] is None:
        return None
    # Each left value's position among the right values; a value only the left has gets
    # a code of its own after them.
    found = pc.index_in(values[0], value_set=values[1]).to_numpy(zero_copy_only=False)
    found = np.where(np.isnan(found), len(values[1]) + np.arange(len(found)), found)
    lookup = np.append(found.astype(np.int64), -1)  # index -1 (missing) stays missing
    return lookup[dictionary_codes(left)], dictionary_codes(right)


def _dictionary(column: pa.ChunkedArray) -> pa.Array | None:
    """The one dictionary of distinct text values every chunk of ``column`` has, if so
    (a missing or repeated value in it would make equal values unequal codes)."""
    if not pa.types.is_dictionary(column.type) or not column.num_chunks:
        return None
    if not pa.types.is_string(column.type.value_type):
        return None
    first = column.chunk(0).dictionary
    if first.null_count or len(pc.unique(first)) != len(first):
        return None
    if any(not chunk.dictionary.equals(first) for chunk in column.chunks[1:]):
        return None
    return first


def _plain(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A category column's values (other columns as they are)."""
    if pa.types.is_dictionary(column.type):
        return column.cast(column.type.value_type)
    return column


def _numpy(mask: pa.ChunkedArray) -> np.ndarray:
    return mask.to_numpy() if mask.num_chunks != 1 else mask.chunk(0).to_numpy(zero_copy_only=False)


_RUNS = 1024
"""Rows in up to this many runs of consecutive rows are picked as slices, more by a take."""


def _pick(
    column: pa.ChunkedArray, positions: pa.Array, pieces: list[tuple[int, int]] | None
) -> pa.ChunkedArray:
    """The rows of ``column`` at ``positions``: slices of their runs ``pieces`` (no copy),
    else a take."""
    if pieces is None:
        return column.take(positions)
    chunks = [chunk for start, length in pieces for chunk in column.slice(start, length).chunks]
    return pa.chunked_array(chunks, type=column.type)


def _hashed(table: pa.Table, groups: np.ndarray) -> pd.DataFrame:
    """Order number and a 64-bit hash of each row's content, sorted by both."""
    frame = table.to_pandas()
    hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return pd.DataFrame({"g": groups, "h": hashes}).sort_values(["g", "h"], kind="stable")


def same_rows(
    older: pa.Table,
    newer: pa.Table,
    rows: tuple[np.ndarray, np.ndarray],
    groups: tuple[np.ndarray, np.ndarray],
    size: int,
) -> np.ndarray:
    """Whether two downloads hold the same rows for each order of a tie.

    ``older`` and ``newer`` hold the columns to compare (the same names on both sides).
    ``rows`` are the positions of the tied orders' rows in each download, grouped by order
    in the same order of orders on both sides (:func:`tie_rows`), and ``groups`` each such
    row's order number. Returns a boolean array indexed by order number (``True`` also for
    orders neither side holds). Rows are compared position by position first (the common
    case: Amazon writes an unchanged order the same way); orders that differ there are
    compared as multisets of row hashes, so a reordering is not a difference.
    """
    columns = newer.column_names
    rows_old, rows_new = rows
    groups_old, groups_new = groups
    same_count = np.bincount(groups_old, minlength=size) == np.bincount(groups_new, minlength=size)
    pick_old, pick_new = same_count[groups_old], same_count[groups_new]
    picked_old, picked_new = rows_old[pick_old], rows_new[pick_new]
    runs_old, runs_new = runs(picked_old, _RUNS), runs(picked_new, _RUNS)
    take_old, take_new = pa.array(picked_old), pa.array(picked_new)
    equal = np.ones(len(take_new), dtype=bool)

    for column in columns:
        equal &= _equal_columns(
            _pick(older.column(column), take_old, runs_old),
            _pick(newer.column(column), take_new, runs_new),
        )
    differ = np.bincount(groups_new[pick_new][~equal], minlength=size) > 0
    if differ.any():
        # Same count, some position differs: compare the rows as multisets.
        recheck_old, recheck_new = differ[groups_old], differ[groups_new]
        sorted_old = _hashed(older.take(pa.array(rows_old[recheck_old])), groups_old[recheck_old])
        sorted_new = _hashed(newer.take(pa.array(rows_new[recheck_new])), groups_new[recheck_new])
        unequal = sorted_old["h"].to_numpy() != sorted_new["h"].to_numpy()
        differ = np.bincount(sorted_new["g"].to_numpy()[unequal], minlength=size) > 0
    return same_count & ~differ


def tie_rows(codes: np.ndarray, orders: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the rows whose order is in ``orders`` (a mask over order numbers),
    grouped by order number (stable), and each such row's order number."""
    positions = np.flatnonzero(orders[codes])
    positions = positions[np.argsort(codes[positions], kind="stable")]
    return positions, codes[positions]
