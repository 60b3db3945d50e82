"""Combine several downloads of one kind and remove the rows they share (decisions 9, 18)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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


def combine(frames: list[tuple[str, pd.DataFrame]], layout: Layout) -> Combined:
    """Concatenate the files of one kind (sorted by name) and remove repeated rows.

    Identical rows are dropped. Rows with the same key but different content keep the one
    with the newest ``layout.newest`` value; ties go to the file whose name sorts last.
    Only rows whose key repeats are compared, so a file without repeats costs one hash pass.
    """
    frames = sorted(frames, key=lambda item: item[0])
    names = [name for name, _ in frames]
    parts = []
    for name, frame in frames:
        part = frame.copy(deep=False)
        part[SOURCE] = pd.Categorical.from_codes([names.index(name)] * len(frame), names)
        parts.append(part)
    table = parts[0] if len(parts) == 1 else _concat(parts)
    table = table.reset_index(drop=True)
    key = _key_columns(layout, table)
    repeated = table.duplicated(subset=key, keep=False)
    if not repeated.any():
        return Combined(table, 0, 0, ())
    content = [c for c in table.columns if c != SOURCE]
    candidates = table[repeated]
    unique = candidates.drop_duplicates(subset=content, keep="last")
    identical = len(candidates) - len(unique)
    order = [layout.newest] if layout.newest else []
    ranked = unique.assign(_rank=unique[SOURCE].cat.codes).sort_values(
        [*order, "_rank"], kind="stable"
    )
    winners = ranked.drop_duplicates(subset=key, keep="last").drop(columns="_rank")
    conflicts = len(unique) - len(winners)
    losers = unique.index.difference(winners.index)
    examples = tuple(
        " / ".join(str(v) for v in row)
        for row in table.loc[losers[:5], key].drop_duplicates().itertuples(index=False)
    )
    kept = pd.concat([table[~repeated], winners]).sort_index()
    return Combined(kept.reset_index(drop=True), identical, conflicts, examples)
