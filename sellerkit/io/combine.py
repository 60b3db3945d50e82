"""Combine several downloads of one kind (data contract, decisions 9 and 18).

Two ways, chosen by the layout:

- **Snapshots of whole orders** (:func:`~sellerkit.io.snapshots.combine_snapshots`, the
  All Orders report): an order's rows come from the download that holds its newest
  ``last-updated-date``; inside one download every row is kept.
- **Rows** (:func:`combine`, every other kind): identical rows repeated across files count
  once (files compared as multisets), rows with the same key and other content keep the
  newest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sellerkit._arrow import duplicated_keys, has_unique_column
from sellerkit.io.combined import EXAMPLES, SOURCE, Combined
from sellerkit.io.schema import Layout
from sellerkit.io.snapshots import combine_snapshots


def _with_source(frames: list[tuple[str, pd.DataFrame]]) -> list[pd.DataFrame]:
    """Each frame (shallow copy) with a categorical ``source_file`` column of every name."""
    names = [name for name, _ in frames]
    parts = []
    for code, (_, frame) in enumerate(frames):
        part = frame.copy(deep=False)
        part[SOURCE] = pd.Categorical.from_codes(
            np.full(len(frame), code, np.int16), pd.Index(names)
        )
        parts.append(part)
    return parts


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, keeping category columns categories (pandas drops them on a mismatch)."""
    if len(parts) == 1:
        return parts[0].reset_index(drop=True)
    table = pd.concat(parts, ignore_index=True)
    for name, dtype in parts[0].dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and not isinstance(
            table[name].dtype, pd.CategoricalDtype
        ):
            table[name] = table[name].astype("category")
    return table


# --- rows -----------------------------------------------------------------------------------


def _key_columns(layout: Layout, table: pd.DataFrame) -> list[str]:
    return [c for c in layout.key if c in table.columns]


def _shared_rows(table: pd.DataFrame, content: list[str]) -> pd.Series:
    """Rows that an earlier file already holds as often (files compared as multisets).

    Two identical rows in one file stay two rows (two untracked packages of one order);
    the same two rows in a later, overlapping download are removed.
    """
    occurrence = table.groupby([SOURCE, *content], sort=False, dropna=False, observed=True)
    numbered = table[content].assign(_n=occurrence.cumcount())
    return numbered.duplicated(keep="first")


def combine(frames: list[tuple[str, pd.DataFrame]], layout: Layout) -> Combined:
    """Concatenate the files of one kind (sorted by name) and remove repeated rows.

    Rows another file already holds are dropped (decision 9). Rows whose key (say order and
    claim date) repeats with other content keep the one with the newest ``layout.newest``
    value; ties go to the file whose name sorts last (decision 18). Rows with an empty key
    part (a package without tracking number) cannot be matched and are kept. Only rows
    whose key repeats are compared, so a file without repeats costs one hash pass. A layout
    with a ``snapshot`` column is combined by :func:`combine_snapshots` instead.
    """
    if layout.snapshot is not None:
        return combine_snapshots(frames, layout)
    frames = sorted(frames, key=lambda item: item[0])
    parts = _with_source(frames)
    table = _concat(parts)
    content = [c for c in table.columns if c != SOURCE]
    identical = 0
    if len(parts) > 1:
        shared = _shared_rows(table, content)
        identical = int(shared.sum())
        table = table[~shared].reset_index(drop=True)
    key = _key_columns(layout, table)
    if not key or has_unique_column(table, key):  # no key (payments): only repeats go
        return Combined(table, identical, 0, ())
    repeated = duplicated_keys(table, key)
    if not repeated.any():
        return Combined(table, identical, 0, ())
    candidates = table[repeated]
    order = [layout.newest] if layout.newest else []
    ranked = candidates.assign(_rank=candidates[SOURCE].cat.codes).sort_values(
        [*order, "_rank"], kind="stable"
    )
    winners = ranked.drop_duplicates(subset=key, keep="last").drop(columns="_rank")
    losers = candidates.index.difference(winners.index)
    examples = tuple(
        " / ".join(str(v) for v in row)
        for row in table.loc[losers, key].drop_duplicates().head(EXAMPLES).itertuples(index=False)
    )
    kept = table.drop(index=losers)
    return Combined(kept.reset_index(drop=True), identical, len(losers), examples)
