"""Combine several downloads of one kind (data contract, decisions 9 and 18).

Two ways, chosen by the layout:

- **Snapshots of whole orders** (:func:`combine_snapshots`, the All Orders report): each
  download holds every item row of each order it covers, as the order stood when it was
  downloaded. An order's rows come from the download that holds its newest
  ``last-updated-date``; inside one download every row is kept, because two identical rows of
  one order are two items of the same SKU (real downloads have no ``order-item-id``).
- **Rows** (:func:`combine`, every other kind): identical rows repeated across files count
  once (files compared as multisets), rows with the same key and other content keep the
  newest.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import duplicated_keys, has_unique_column, to_frame
from sellerkit.io.schema import Layout
from sellerkit.io.ties import same_rows, tie_rows
from sellerkit.order_ids import number_order_ids

SOURCE = "source_file"
"""Column naming the file each row came from."""

_EXAMPLES = 5


@dataclass(frozen=True)
class Combined:
    """The combined table and what combining removed.

    Attributes
    ----------
    table
        The rows, without repeats, in file order.
    identical_removed
        Rows dropped because another file held the same rows (for snapshots: rows of an
        order that a download with a newer or equal ``last-updated-date`` also holds).
    conflicts_removed
        Rows (for snapshots: orders) dropped because a row with the same key but other
        content won a tie.
    conflict_examples
        Keys of some conflicting rows (orders), as text.
    updated
        Orders whose rows changed between downloads (the newer download's rows are kept);
        always 0 for row-wise kinds.
    updated_examples
        Some of those order ids.
    row_codes
        For snapshots of several files: each kept row's order number (one numbering of
        the order ids of every file); else ``None``.
    removed_examples
        For snapshots: some orders whose rows were dropped from a download.
    removed_files, conflict_files, updated_files
        For snapshots: the files that lost rows, and the files holding the conflicting and
        the updated orders (empty: every file of the kind).
    """

    table: pd.DataFrame
    identical_removed: int
    conflicts_removed: int
    conflict_examples: tuple[str, ...]
    updated: int = 0
    updated_examples: tuple[str, ...] = ()
    row_codes: np.ndarray | None = None
    removed_examples: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()
    conflict_files: tuple[str, ...] = ()
    updated_files: tuple[str, ...] = ()


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


# --- snapshots of whole orders ------------------------------------------------------------

Frame: TypeAlias = pd.DataFrame | pa.Table
"""One file's rows: a DataFrame, or the Arrow table a reader returns (cheaper to combine)."""


def _arrow(frame: Frame) -> pa.Table:
    if isinstance(frame, pa.Table):
        return frame.replace_schema_metadata(None)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for position, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type) and pa.types.is_null(field.type.value_type):
            # A category column with no category: Arrow cannot unify null dictionaries.
            empty = pa.DictionaryArray.from_arrays(
                pa.nulls(table.num_rows, pa.int32()), pa.array([], pa.string())
            )
            table = table.set_column(position, field.name, empty)
    return table


_ABSENT = np.iinfo(np.int64).min
"""The newest date of an order a download does not hold (below every real date)."""


def _latest(stamps: pa.ChunkedArray, part_codes: np.ndarray, orders: int) -> np.ndarray:
    """Per order number, the newest date among one download's rows (``_ABSENT`` where the
    download does not hold the order; a missing date counts as the oldest possible)."""
    values = stamps.to_numpy().astype("datetime64[ns]").view(np.int64)  # NaT: int64 minimum
    values = np.where(values == _ABSENT, _ABSENT + 1, values)  # held, oldest
    latest = np.full(orders, _ABSENT, dtype=np.int64)
    np.maximum.at(latest, part_codes, values)
    return latest


def _source_column(code: int, names: list[str], rows: int) -> pa.DictionaryArray:
    indices = pa.array(np.full(rows, code, dtype=np.int16))
    return pa.DictionaryArray.from_arrays(indices, pa.array(names, pa.string()))


def _winners(latest: list[np.ndarray], held: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per order number, the winning download's newest date and its index (-1: none holds
    it); of downloads with the same newest date, the later name wins."""
    best = np.full(len(latest[0]), _ABSENT, dtype=np.int64)
    winner = np.full(len(latest[0]), -1, dtype=np.int64)
    for index, (stamps, holds) in enumerate(zip(latest, held, strict=True)):
        take = (stamps >= best) & holds
        best = np.where(take, stamps, best)
        winner = np.where(take, index, winner)
    return best, winner


def _conflicts(
    parts: list[pa.Table],
    codes: list[np.ndarray],
    latest: list[np.ndarray],
    held: list[np.ndarray],
    best: np.ndarray,
    winner: np.ndarray,
) -> np.ndarray:
    """Per order number, whether a download the winner tied with holds other rows."""
    conflict = np.zeros(len(best), dtype=bool)
    for other, (stamps, holds) in enumerate(zip(latest, held, strict=True)):
        for index in range(other + 1, len(parts)):
            tied = holds & (winner == index) & (stamps == best)
            if not tied.any():
                continue
            rows_old, groups_old = tie_rows(codes[other], tied)
            rows_new, groups_new = tie_rows(codes[index], tied)
            # Columns only one download has (another layout's extras) are not compared.
            columns = [
                c
                for c in parts[index].column_names
                if c in parts[other].column_names and c != SOURCE
            ]
            same = same_rows(
                parts[other].select(columns),
                parts[index].select(columns),
                (rows_old, rows_new),
                (groups_old, groups_new),
                len(best),
            )
            conflict |= tied & ~same
    return conflict


_RUNS = 64
"""Up to this many runs of kept rows are cut out as slices (no copy), more are filtered."""


def _rows(part: pa.Table, mask: np.ndarray) -> pa.Table:
    """The rows of ``part`` where ``mask`` is true. A download loses the orders a newer one
    also holds: with downloads sorted by date (as Amazon writes them), a few runs of rows,
    kept as slices of the parsed table instead of copied by a filter."""
    if mask.all():
        return part
    edges = np.flatnonzero(np.diff(mask, prepend=False, append=False))
    if len(edges) > 2 * _RUNS:
        return part.filter(mask)
    starts, ends = edges[0::2], edges[1::2]
    return pa.concat_tables([part.slice(a, b - a) for a, b in zip(starts, ends, strict=True)])


def _kept(
    parts: list[pa.Table],
    codes: list[np.ndarray],
    held: list[np.ndarray],
    winner: np.ndarray,
    names: list[str],
) -> tuple[list[pa.Table], list[np.ndarray], np.ndarray, list[str]]:
    """Each download's winning rows (with ``source_file``) and their order numbers; the
    orders a download lost to another, and the downloads that lost rows."""
    kept, kept_codes = [], []
    removed = np.zeros(len(winner), dtype=bool)
    removed_from = []
    for index, (part, part_codes) in enumerate(zip(parts, codes, strict=True)):
        mask = winner[part_codes] == index
        if mask.any():
            chosen = _rows(part, mask)
            kept.append(chosen.append_column(SOURCE, _source_column(index, names, len(chosen))))
            kept_codes.append(part_codes[mask])
        if not mask.all():
            removed_from.append(names[index])
            removed |= held[index] & (winner != index)
    if not kept:  # every download holds only its header
        empty = parts[-1].slice(0, 0)
        kept = [empty.append_column(SOURCE, _source_column(len(parts) - 1, names, 0))]
        kept_codes = [np.zeros(0, dtype=np.int64)]
    return kept, kept_codes, removed, removed_from


def combine_snapshots(frames: list[tuple[str, Frame]], layout: Layout) -> Combined:
    """Combine downloads that each hold whole orders as they stood (decisions 9 and 18).

    Parameters
    ----------
    frames
        ``(file name, table)`` pairs of one kind, in any order; each table (a DataFrame or
        the Arrow table :func:`~sellerkit.io.readers.read_arrow` returns) has the layout's
        ``snapshot`` column (the order id) and ``newest`` column (``last_updated_date``).
    layout
        The kind's layout.

    Returns
    -------
    Combined
        Every row of each order's winning download, in file-name order, then row order,
        with a ``source_file`` category column. The winner holds the order's newest
        ``last-updated-date``; on a tie the file whose name sorts last wins.
        ``identical_removed`` counts the rows dropped from other downloads; ``updated``
        counts orders whose rows changed between downloads (newer date);
        ``conflicts_removed`` counts orders of a tie whose rows differ (up to five named in
        ``conflict_examples``).

    Raises
    ------
    ValueError
        The layout has no ``snapshot`` or ``newest`` column.

    Notes
    -----
    The work is done on Arrow tables, converted to pandas once at the end: one hash pass
    over the order ids of all files (:func:`~sellerkit.order_ids.number_order_ids`), the
    kept rows of each file cut out as slices (or filtered, when scattered), and row
    comparisons only for orders that two downloads hold with the same newest date (on a
    second thread). Inputs are not modified.
    """
    if layout.snapshot is None or layout.newest is None:
        raise ValueError(f"the {layout.title} layout declares no snapshot and newest column")
    frames = sorted(frames, key=lambda item: item[0])
    names = [name for name, _ in frames]
    parts = [_arrow(frame) for _, frame in frames]
    if len(parts) == 1:
        only = parts[0].append_column(SOURCE, _source_column(0, names, parts[0].num_rows))
        return Combined(_to_pandas(only), 0, 0, ())
    key, newest = layout.snapshot, layout.newest
    ids = pa.chunked_array(
        [chunk for part in parts for chunk in part.column(key).cast(pa.string()).chunks],
        type=pa.string(),
    )
    all_codes, first = number_order_ids(ids)
    orders = len(first)
    bounds = np.cumsum([0, *(p.num_rows for p in parts)])
    codes = [all_codes[bounds[i] : bounds[i + 1]] for i in range(len(parts))]
    latest = [
        _latest(part.column(newest), part_codes, orders)
        for part, part_codes in zip(parts, codes, strict=True)
    ]

    held = [stamps > _ABSENT for stamps in latest]  # per download: the orders it holds
    best, winner = _winners(latest, held)
    updated = np.zeros(orders, dtype=bool)
    for stamps, holds in zip(latest, held, strict=True):
        updated |= holds & (stamps < best)
    # The tie comparison (Arrow kernels, GIL released) runs beside choosing and converting
    # the kept rows, on the second core.
    with ThreadPoolExecutor(1) as pool:
        ties = pool.submit(_conflicts, parts, codes, latest, held, best, winner)
        kept, kept_codes, removed, removed_from = _kept(parts, codes, held, winner, names)
        table = pa.concat_tables(kept, promote_options="permissive")
        frame = _to_pandas(table)
        conflict = ties.result()

    def holding(chosen: np.ndarray) -> tuple[str, ...]:
        """The files that hold rows of the ``chosen`` orders."""
        return tuple(n for n, holds in zip(names, held, strict=True) if holds[chosen].any())

    return Combined(
        frame,
        int(bounds[-1]) - len(frame),
        int(conflict.sum()),
        _names(ids, first, conflict),
        int(updated.sum()),
        _names(ids, first, updated),
        np.concatenate(kept_codes),
        removed_examples=_names(ids, first, removed),
        removed_files=tuple(removed_from),
        conflict_files=holding(conflict),
        updated_files=holding(updated),
    )


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """The combined rows as pandas (dictionary columns of several files share one
    dictionary first, so each becomes one category column)."""
    return to_frame(table, self_destruct=True)


def _names(ids: pa.ChunkedArray, first: np.ndarray, mask: np.ndarray) -> tuple[str, ...]:
    """The ids of the first few orders of ``mask`` (over order numbers; ``first``: each
    order's first row in ``ids``)."""
    picked = first[np.flatnonzero(mask)[:_EXAMPLES]]
    return tuple(str(value) for value in ids.take(pa.array(picked)).to_pylist())


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
        for row in table.loc[losers, key].drop_duplicates().head(_EXAMPLES).itertuples(index=False)
    )
    kept = table.drop(index=losers)
    return Combined(kept.reset_index(drop=True), identical, len(losers), examples)
