"""Combine downloads that are snapshots of whole orders: the All Orders report (data
contract, decisions 9 and 18).

Each download holds every item row of each order it covers, as the order stood when it was
downloaded. An order's rows come from the download that holds its newest
``last-updated-date``; inside one download every row is kept, because two identical rows of
one order are two items of the same SKU (real downloads have no ``order-item-id``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import runs, to_frame
from sellerkit.io.combined import EXAMPLES, SOURCE, Combined
from sellerkit.io.schema import Layout
from sellerkit.io.ties import same_rows, tie_rows
from sellerkit.order_ids import number_order_ids

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


def _undated(
    parts: list[pa.Table], codes: list[np.ndarray], newest: str, orders: int
) -> tuple[int, np.ndarray, list[int]]:
    """Rows without a newest date: how many, their orders (a mask over order numbers), and
    the downloads holding them."""
    mask = np.zeros(orders, dtype=bool)
    rows, holding = 0, []
    for index, (part, part_codes) in enumerate(zip(parts, codes, strict=True)):
        stamps = part.column(newest)
        if stamps.null_count:
            missing = stamps.is_null().to_numpy()
            mask[part_codes[missing]] = True
            rows += int(missing.sum())
            holding.append(index)
    return rows, mask, holding


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
    kept = runs(np.flatnonzero(mask), _RUNS)
    if kept is None:
        return part.filter(mask)
    return pa.concat_tables([part.slice(start, length) for start, length in kept])


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
        The layout has no ``snapshot`` or ``newest`` column, or a row has no order id (a
        reader refuses such a file first: the id is required).

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
    if len(all_codes) and all_codes.min() < 0:
        raise ValueError(f"a row of {layout.title} has no {key}: it cannot be combined")
    orders = len(first)
    bounds = np.cumsum([0, *(p.num_rows for p in parts)])
    codes = [all_codes[bounds[i] : bounds[i + 1]] for i in range(len(parts))]
    latest = [
        _latest(part.column(newest), part_codes, orders)
        for part, part_codes in zip(parts, codes, strict=True)
    ]

    undated, undated_orders, undated_parts = _undated(parts, codes, newest, orders)
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
        undated=undated,
        undated_examples=_names(ids, first, undated_orders),
        undated_files=tuple(names[i] for i in undated_parts),
    )


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """The combined rows as pandas (dictionary columns of several files share one
    dictionary first, so each becomes one category column)."""
    return to_frame(table, self_destruct=True)


def _names(ids: pa.ChunkedArray, first: np.ndarray, mask: np.ndarray) -> tuple[str, ...]:
    """The ids of the first few orders of ``mask`` (over order numbers; ``first``: each
    order's first row in ``ids``)."""
    picked = first[np.flatnonzero(mask)[:EXAMPLES]]
    return tuple(str(value) for value in ids.take(pa.array(picked)).to_pylist())
