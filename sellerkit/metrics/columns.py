"""Column helpers the facts and the defect events share: day numbers and id lookups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.metrics.engine import NEVER


def day_numbers(values: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of a day column (missing → NEVER); time stamps with a zone
    give their local day."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    numbers = values.to_numpy().astype("datetime64[D]").view(np.int64)
    return np.where(numbers == np.iinfo(np.int64).min, NEVER, numbers)  # NaT


def positions(ids: pa.Array, keys: pa.Array) -> np.ndarray:
    """For each of ``ids``, the position of the same value in ``keys`` (unique), or -1."""
    if len(keys) == 0:
        return np.full(len(ids), -1, dtype=np.int64)
    found = pc.index_in(ids, value_set=keys)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def rows_of(order_ids: pa.Array, ids: pa.Array) -> np.ndarray:
    """For each of the few ``ids``, the position of its order among the many, unique
    ``order_ids``, or -1. The orders probe the ids' distinct values (a small hash table);
    the ids are never a hash table of every order."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    ids = ids.cast(pa.string())
    union = pc.unique(ids)
    at = positions(order_ids.cast(pa.string()), union)
    hits = np.flatnonzero(at >= 0)
    order_of = np.full(len(union), -1, dtype=np.int64)
    order_of[at[hits]] = hits
    return order_of[positions(ids, union)]
