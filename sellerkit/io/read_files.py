"""Read every recognised file of an account folder, and combine the downloads of each kind.

Each table file is read into a typed Arrow table (from the parse cache where it holds the
file, :mod:`sellerkit.io.cache`); the files of one kind are combined
(:mod:`sellerkit.io.combine`: overlapping and repeated downloads), and what combining
removed is counted. Performance reports are JSON documents, kept as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.errors import LayoutError
from sellerkit.io.cache import cached_read
from sellerkit.io.combine import combine
from sellerkit.io.combined import Combined
from sellerkit.io.encoding import decode_prefix, read_bytes
from sellerkit.io.layouts import TABLE_LAYOUTS
from sellerkit.io.readers import empty_table, read_arrow, to_frame
from sellerkit.io.schema import Kind, Layout
from sellerkit.io.sniff import Sniffed
from sellerkit.marketplaces import Marketplace
from sellerkit.quality import DataQuality, with_examples

FILE_COLUMNS = ["file", "kind", "encoding", "rows"]
"""The columns of :attr:`ReadTables.files` rows, as ``Account.files`` has them."""


@dataclass
class ReadTables:
    """Every table kind's combined table, and what reading them found.

    Attributes
    ----------
    tables
        One table per tabular kind (a zero-row table for a kind without a file).
    order_codes
        Each order row's order number from combining, else ``None``.
    files
        One ``(file, kind, encoding, rows)`` row per file read.
    """

    tables: dict[Kind, pd.DataFrame] = field(default_factory=dict)
    order_codes: np.ndarray | None = None
    files: list[tuple[str, str, str, int]] = field(default_factory=list)


def read_file(
    found: Sniffed, market: Marketplace, encoding: str | None, cache: bool | None
) -> pa.Table:
    """One recognised file's typed table, from the parse cache where it holds this file."""
    if cache is False:
        return read_arrow(found, market, encoding=encoding)
    return cached_read(
        found, market, encoding, lambda: read_arrow(found, market, encoding=encoding)
    )


def record_combined(
    quality: DataQuality, layout: Layout, combined: Combined, files: list[str]
) -> None:
    """Count what combining the downloads of one kind (``files``) removed (decisions 9, 18)."""
    kind = layout.kind
    if layout.snapshot is not None:
        removed = with_examples(
            f"{combined.identical_removed} {layout.title} row(s) of older or repeated "
            "downloads dropped: a download with the same or a newer last-updated-date holds "
            "their orders (files overlap)",
            combined.removed_examples,
        )
        conflict = (
            f"{combined.conflicts_removed} order(s) appear in two downloads with the same "
            "last-updated-date but different rows; the rows of the file whose name sorts "
            "last were kept"
        )
    else:
        removed = f"{combined.identical_removed} repeated {kind} row(s) removed (files overlap)"
        conflict = (
            f"{combined.conflicts_removed} {kind} row(s) repeated the key of another row "
            "with other content; the newest version was kept"
        )
    quality.add(
        "duplicateRowsRemoved",
        combined.identical_removed,
        removed,
        combined.removed_examples,
        combined.removed_files or files,
    )
    quality.add(
        "conflictingDuplicates",
        combined.conflicts_removed,
        with_examples(conflict, combined.conflict_examples),
        combined.conflict_examples,
        combined.conflict_files or files,
    )
    if combined.undated:
        quality.add(
            "undatedOrderRows",
            combined.undated,
            with_examples(
                f"{combined.undated} {layout.title} row(s) have no last-updated-date: where "
                "downloads overlap, their download's version of the order counts as the "
                "oldest",
                combined.undated_examples,
            ),
            combined.undated_examples,
            combined.undated_files,
        )
    quality.add(
        "updatedOrders",
        combined.updated,
        with_examples(
            f"{combined.updated} order(s) changed between downloads (shipped, cancelled or "
            "edited since the older one); the newest download's rows were kept",
            combined.updated_examples,
        ),
        combined.updated_examples,
        combined.updated_files or files,
    )


def _read_kind(
    layout: Layout,
    files: list[Sniffed],
    reader: Callable[[Sniffed], pa.Table],
    read: ReadTables,
    quality: DataQuality,
) -> list[tuple[str, pd.DataFrame | pa.Table]]:
    """The ``files`` of ``layout``'s kind, each read by ``reader`` and named; each file gets
    its row in ``read.files``."""
    frames: list[tuple[str, pd.DataFrame | pa.Table]] = []
    for found in files:
        table = reader(found)
        used = (table.schema.metadata or {}).get(b"encoding", b"utf-8").decode()
        read.files.append((found.path.name, str(layout.kind), used, table.num_rows))
        if table.num_rows == 0:
            quality.add(
                "emptyFiles",
                1,
                f"{layout.title} with a header and no rows",
                files=(found.path.name,),
            )
        # Snapshots combine in Arrow (one conversion at the end); rows in pandas.
        frames.append((found.path.name, table if layout.snapshot else to_frame(table)))
    return frames


def read_tables(
    sniffed: list[Sniffed],
    market: Marketplace,
    encoding: str | None,
    cache: bool | None,
    quality: DataQuality,
) -> ReadTables:
    """Every tabular kind's files read and combined, in the order of
    :data:`~sellerkit.io.layouts.TABLE_LAYOUTS`.

    Parameters
    ----------
    sniffed
        The recognised files.
    market
        Decides the time zone, the feedback date format and the legacy encoding.
    encoding
        The encoding ``account.toml`` declares, if any.
    cache
        Use the parse cache (``None``: as ``SELLERKIT_CACHE`` says; ``False``: never).
    quality
        Receives ``emptyFiles`` and what combining removed.
    """
    read = ReadTables()

    def reader(found: Sniffed) -> pa.Table:
        return read_file(found, market, encoding, cache)

    for layout in TABLE_LAYOUTS:
        files = [s for s in sniffed if s.kind is layout.kind]
        frames = _read_kind(layout, files, reader, read, quality)
        if not frames:
            read.tables[layout.kind] = empty_table(layout.kind, market)
            continue
        combined = combine(frames, layout)
        read.tables[layout.kind] = combined.table
        if layout.kind is Kind.ORDERS:
            read.order_codes = combined.row_codes
        record_combined(quality, layout, combined, [name for name, _ in frames])
    return read


def read_performance(sniffed: Sniffed, declared: str | None, legacy: str) -> dict[str, object]:
    """A seller performance report's JSON document, with its file's name in
    ``_source_file``."""
    data = read_bytes(sniffed.path, sniffed.compression)
    text = decode_prefix(data, sniffed.path, declared=declared, legacy=legacy, final=True).text
    document = json.loads(text)
    if not isinstance(document.get("performanceMetrics"), list):
        raise LayoutError(
            "is a seller performance report whose 'performanceMetrics' is not a list",
            file=sniffed.path,
            fix="download the report again (GET_V2_SELLER_PERFORMANCE_REPORT)",
        )
    document["_source_file"] = sniffed.path.name
    return document


def read_performance_files(
    sniffed: list[Sniffed], declared: str | None, market: Marketplace
) -> tuple[list[dict[str, object]], list[tuple[str, str, str, int]]]:
    """Every performance report's document, and one ``(file, kind, encoding, rows)`` row
    per report."""
    documents = []
    rows = []
    for found in (s for s in sniffed if s.kind is Kind.PERFORMANCE):
        documents.append(read_performance(found, declared, market.legacy_encoding))
        rows.append((found.path.name, str(Kind.PERFORMANCE), "utf-8", 1))
    return documents, rows
