"""Combine several downloads of one kind and remove the rows they share (decisions 9, 18)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sellerkit._arrow import duplicated_keys, has_unique_column
from sellerkit.io.layouts import Layout

SOURCE = "source_file"
"""Column naming the file each row came from."""


@dataclass(frozen=True)
class Combined:
    """The combined table and what combining removed.

    Attributes
    ----------
    table
        The rows, without repeats, in file order.
    identical_removed
        Rows dropped because another file (or line) held exactly the same row.
    conflicts_removed
        Rows dropped because a row with the same key but other content won.
    conflict_examples
        Keys of some conflicting rows, as text.
    """

    table: pd.DataFrame
    identical_removed: int
    conflicts_removed: int
    conflict_examples: tuple[str, ...]


def _key_columns(layout: Layout, table: pd.DataFrame) -> list[str]:
    key = [c for c in layout.key if c in table.columns]
    if "order_item_id" in key and table["order_item_id"].isna().all():
        # The older All Orders layout has no order-item-id: the SKU identifies the item.
        key[key.index("order_item_id")] = "sku"
    return key


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate, keeping category columns categories (pandas drops them on a mismatch)."""
    table = pd.concat(parts, ignore_index=True)
    for name, dtype in parts[0].dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and not isinstance(
            table[name].dtype, pd.CategoricalDtype
        ):
            table[name] = table[name].astype("category")
    return table


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
    item) repeats with other content keep the one with the newest ``layout.newest`` value;
    ties go to the file whose name sorts last (decision 18). Rows with an empty key part
    (a package without tracking number) cannot be matched and are kept. Only rows whose key
    repeats are compared, so a file without repeats costs one hash pass.
    """
    frames = sorted(frames, key=lambda item: item[0])
    names = [name for name, _ in frames]
    parts = []
    for code, (_, frame) in enumerate(frames):
        part = frame.copy(deep=False)
        part[SOURCE] = pd.Categorical.from_codes(np.full(len(frame), code, np.int16), names)
        parts.append(part)
    table = parts[0] if len(parts) == 1 else _concat(parts)
    table = table.reset_index(drop=True)
    content = [c for c in table.columns if c != SOURCE]
    identical = 0
    if len(parts) > 1:
        shared = _shared_rows(table, content)
        identical = int(shared.sum())
        table = table[~shared].reset_index(drop=True)
    key = _key_columns(layout, table)
    if has_unique_column(table, key):
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
        for row in table.loc[losers, key].drop_duplicates().head(5).itertuples(index=False)
    )
    kept = table.drop(index=losers)
    return Combined(kept.reset_index(drop=True), identical, len(losers), examples)
