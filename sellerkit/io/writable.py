"""Loaded tables a notebook can edit: a what-if such as
``account.feedback.loc[i, "rating"] = 5`` must change the next figures, not raise.

Arrow hands pandas its numbers, days, time stamps and category codes without copying (and
the load cache maps them from disk): such columns are read-only views, and setting one cell
raises ``ValueError: assignment destination is read-only`` (pandas-dev/pandas#62144). Only
those columns are copied here, once per load — a few megabytes for a million rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _buffers(column: pd.Series) -> list[np.ndarray]:
    """The numpy arrays a column's values are set in.

    pandas' public accessors cannot tell: under copy-on-write ``Series.to_numpy()`` and
    ``Categorical.codes`` are always read-only views, which made every column look
    read-only. So the arrays behind them are read: ``_ndarray`` of the numpy-backed arrays
    (plain numbers and booleans, days, time stamps with a zone, a category column's codes)
    and ``_data``/``_mask`` of the nullable ones. Arrow-backed text has neither: it is
    immutable by design and set by replacing, never in place.
    """
    array = column.array
    backed = getattr(array, "_ndarray", None)
    if isinstance(backed, np.ndarray):
        return [backed]
    return [
        part
        for part in (getattr(array, "_data", None), getattr(array, "_mask", None))
        if isinstance(part, np.ndarray)
    ]


def _read_only(column: pd.Series) -> bool:
    """Whether setting a cell of the column would write into a read-only buffer."""
    return any(not part.flags.writeable for part in _buffers(column))


def make_writable(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every read-only column replaced by a copy (the same frame, changed
    in place, returned for convenience)."""
    for name in [n for n in table.columns if _read_only(table[n])]:
        table[name] = table[name].copy(deep=True)
    return table
