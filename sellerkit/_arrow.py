"""Small Arrow-backed helpers where pandas is slow on Arrow strings."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed


def as_array(
    values: pd.Series | pd.Index | np.ndarray | pa.Array | pa.ChunkedArray,
) -> pa.Array:
    """One contiguous Arrow array of plain values (dictionaries decoded), mostly no copy."""
    if isinstance(values, pa.ChunkedArray):  # pa.array() would convert it through Python
        array = values.combine_chunks()
    elif isinstance(values, pa.Array):
        array = values
    else:
        array = pa.array(values, from_pandas=True)
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    return array


def to_frame(table: pa.Table, *, self_destruct: bool = False) -> pd.DataFrame:
    """``table`` as a DataFrame: one 1-D block per column (``split_blocks``: no copy into
    2-D blocks; numbers and days stay views of Arrow's buffers), converted on this thread.

    Arrow's thread pool (``use_threads=True``) makes the conversion slower here, not
    faster: pandas builds each text and category column in Python, and the pool's threads
    take turns holding the GIL. Measured on the combined two overlapping 1M-row All Orders
    downloads of ``benchmarks/bench_metrics_e2e.py`` (2 cores, 3 runs each): 0.42-0.48 s
    with the pool, 0.36-0.43 s without (most of it is writing new memory); converting the
    same table a second time, 0.43 s with the pool, 0.12 s without.
    With ``self_destruct`` Arrow's buffers are released as the columns move, so the data
    never exists twice: do not use ``table`` after.

    Text category columns of a table without pandas metadata (what the readers parse; its
    column names unique) become categoricals from their codes (:func:`categorical`), at
    half the cost of Arrow's conversion and with its result; a table written from pandas
    (the load cache) is converted by Arrow alone.
    """
    if table.schema.pandas_metadata is not None:
        return table.to_pandas(split_blocks=True, self_destruct=self_destruct, use_threads=False)
    table = table.unify_dictionaries()
    categories = {}
    if len(set(table.column_names)) == table.num_columns:
        for field in table.schema:
            values = categorical(table.column(field.name))
            if values is not None:
                categories[field.name] = values
    order = table.column_names
    frame = table.drop_columns(list(categories)).to_pandas(
        split_blocks=True, self_destruct=self_destruct, use_threads=False
    )
    for name, values in categories.items():
        frame[name] = values
    return frame[order] if categories else frame


def categorical(column: pa.ChunkedArray) -> pd.Categorical[Any] | None:
    """A text dictionary column whose chunks share one dictionary (``unify_dictionaries``)
    as a pandas categorical built from its codes (-1 for missing), with the categories
    Arrow's own conversion gives that dictionary; ``None`` for any other column (other
    values, unsigned indices, a dictionary holding a missing value): Arrow converts it."""
    kind = column.type
    if not pa.types.is_dictionary(kind) or not pa.types.is_string(kind.value_type):
        return None
    if not pa.types.is_signed_integer(kind.index_type) or not column.num_chunks:
        return None
    first = column.chunk(0)
    if first.dictionary.null_count:
        return None
    dtype = first.slice(0, 0).to_pandas().dtype  # Arrow's categories (and order flag)
    return pd.Categorical.from_codes(dictionary_codes(column), dtype=dtype)


def dictionary_codes(column: pa.ChunkedArray) -> np.ndarray:
    """A dictionary column's indices as one integer array, -1 where a cell is missing
    (unsigned indices widened first: -1 does not fit them)."""
    kind = column.type.index_type
    indices = pa.chunked_array([chunk.indices for chunk in column.chunks], kind)
    if pa.types.is_unsigned_integer(kind):
        indices = indices.cast(pa.int64())
    return pc.fill_null(indices, -1).to_numpy()


def runs(positions: np.ndarray, most: int) -> list[tuple[int, int]] | None:
    """Ascending ``positions`` as ``(start, length)`` runs of consecutive rows, if there are
    at most ``most`` runs; else (or when they do not ascend) ``None``. Rows taken as slices
    of their runs are not copied."""
    if not len(positions):
        return []
    steps = np.diff(positions)
    if (steps <= 0).any():
        return None
    breaks = np.flatnonzero(steps != 1) + 1
    if len(breaks) >= most:
        return None
    bounds = [0, *breaks.tolist(), len(positions)]
    return [(int(positions[a]), b - a) for a, b in pairwise(bounds)]


def isin(series: pd.Series, values: pd.Series | pd.Index | np.ndarray | pa.Array) -> pd.Series:
    """``series.isin(values)`` computed by Arrow's hash lookup (pandas loops in Python on
    Arrow strings). Missing values are never in ``values``."""
    if len(series) == 0:
        return pd.Series(False, index=series.index, dtype=bool)
    found = pc.is_in(as_array(series), value_set=as_array(values), skip_nulls=True)
    mask = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return pd.Series(mask, index=series.index, dtype=bool)


def codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes of ``values`` in order of first appearance (-1 for missing), and how
    many distinct values there are: one C++ hash pass, shared by every later step."""
    indices, dictionary = factorize(values)
    return indices, len(dictionary)


def factorize(values: pd.Series | pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Codes (first-appearance order, -1 for missing) and the distinct values they index."""
    encoded = pc.dictionary_encode(as_array(values))
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return indices.astype(np.int64, copy=False), encoded.dictionary


def has_unique_column(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Whether one of ``columns`` has no missing and no repeated value (then no combination
    of them can repeat either)."""
    for column in reversed(columns):
        array = pa.array(frame[column], from_pandas=True)  # chunked is fine here: no copy
        if pa.types.is_dictionary(array.type) or array.null_count:
            continue
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            # Amazon's item ids are digits: equal text gives equal numbers, so unique
            # numbers prove unique text (the cheap way); anything else hashes the text.
            try:
                numbers = pc.cast(array, pa.int64()).to_numpy()
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                numbers = None
            if numbers is not None and pd.Index(numbers).is_unique:
                return True
        if len(pc.unique(array)) == len(array):
            return True
    return False


def duplicated_keys(frame: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Rows whose key repeats (every occurrence) among rows whose key parts are all present.

    A key can repeat only where each of its parts repeats, so the columns narrow the
    candidates one after another (in key order: an order id repeats only for orders of
    several rows) and the whole key is compared on the few rows left.
    """
    rows = np.arange(len(frame))
    for column in key:
        if not len(rows):
            break
        values = frame[column] if len(rows) == len(frame) else frame[column].iloc[rows]
        part, _ = codes(values)
        present = part >= 0
        repeated = pd.Series(part).duplicated(keep=False).to_numpy() & present
        rows = rows[repeated]
    combined = np.zeros(len(rows), dtype=np.int64)
    for column in key:
        part, size = codes(frame[column].iloc[rows])
        combined = combined * (size + 1) + (part + 1)
    mask = np.zeros(len(frame), dtype=bool)
    mask[rows[pd.Series(combined).duplicated(keep=False).to_numpy()]] = True
    return mask


def group_sum(group: np.ndarray, groups: int, values: np.ndarray, min_count: int = 0) -> np.ndarray:
    """Per-group sums of ``values``, ignoring missing; missing where fewer than ``min_count``
    values are present."""
    values = np.asarray(values, dtype=float)
    present = ~np.isnan(values)
    total = np.bincount(group, weights=np.where(present, values, 0.0), minlength=groups)
    if min_count:
        count = np.bincount(group, weights=present, minlength=groups)
        total = np.where(count >= min_count, total, np.nan)
    return total
