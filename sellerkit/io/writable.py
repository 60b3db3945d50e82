"""Loaded tables a notebook can edit: a what-if such as
``account.feedback.loc[i, "rating"] = 5`` must change the next figures, not raise.

Arrow hands pandas its numbers, days and category codes without copying (and the load cache
maps them from disk): such columns are read-only views, and setting one cell raises
``ValueError: assignment destination is read-only`` (pandas-dev/pandas#62144). Only those
columns are copied here, once per load — a few megabytes for a million rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _read_only(column: pd.Series) -> bool:
    """Whether the column's values sit in a read-only buffer. Only numpy-backed columns and
    categorical codes are looked at: a view of them is free, while asking a text column
    for numpy values would build a Python object per row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.array.codes  # type: ignore[attr-defined]  # a Categorical's codes
        return not codes.flags.writeable
    if not isinstance(column.dtype, np.dtype):  # text and other extension types: immutable
        return False  # by design, and set by replacing, never in place
    # The array itself: Series.to_numpy() is always a read-only view under pandas'
    # copy-on-write, which made every column look read-only and be copied on every load.
    values = np.asarray(column.array)
    return not values.flags.writeable


def make_writable(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every read-only column replaced by a copy (the same frame, changed
    in place, returned for convenience)."""
    for name in [n for n in table.columns if _read_only(table[n])]:
        table[name] = table[name].copy(deep=True)
    return table
