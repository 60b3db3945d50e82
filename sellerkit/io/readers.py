"""Read one recognised file into a typed, normalized DataFrame.

One reader serves every tabular kind: the :class:`~sellerkit.io.schema.Layout` says which
columns exist and how each is read. Arrow parses the text (:mod:`sellerkit.io.parse`): first
with the types the fast path asks for (:mod:`sellerkit.io.typed`), else all cells as strings,
which :mod:`sellerkit.io.convert` types column by column, naming the line, column and value of
any bad cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import to_frame as arrow_to_frame
from sellerkit.errors import CellError, LayoutError
from sellerkit.io import convert, formats, typed
from sellerkit.io.encoding import choose_legacy
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.parse import NotUtf8, column_names, line_of_row, parse, parse_text
from sellerkit.io.recognise import missing_columns_error, needed
from sellerkit.io.schema import Column, Kind, Layout, Type
from sellerkit.io.scrub import scrub_columns
from sellerkit.io.sniff import Sniffed
from sellerkit.marketplaces import Marketplace

_CATEGORY_COLUMNS = frozenset(
    {
        "sales_channel",
        "order_channel",
        "ship_service_level",
        "item_status",
        "currency",
        "ship_state",
        "ship_country",
        "price_designation",
        "carrier_name",
        "ship_method",
        "product_category",
    }
)
"""Text columns with few distinct values, stored as pandas categories."""

_ORDER_STATUS_ALIASES = {"canceled": "Cancelled"}


def _snake(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_") or "column"


def _check_header(sniffed: Sniffed, layout: Layout) -> None:
    seen: dict[str, str] = {}
    for header in column_names(sniffed):
        key = header.strip().lower()
        if key in seen:
            raise LayoutError(
                "has the column twice:",
                file=sniffed.path,
                line=1,
                value=header,
                fix="remove the repeated column",
            )
        seen[key] = header
    missing = [name for name in needed(layout) if name.lower() not in seen]
    if missing:
        raise missing_columns_error(sniffed.path, layout, missing, sniffed.header)


def _converter(column: Column, marketplace: Marketplace) -> Callable[[pa.Array], pa.Array]:
    tz = marketplace.timezone
    match column.type:
        case Type.TEXT if column.name in _CATEGORY_COLUMNS:
            return lambda a: convert.to_category(a, allow_empty=column.allow_empty)
        case Type.TEXT:
            return lambda a: convert.to_text(a, allow_empty=column.allow_empty)
        case Type.TIMESTAMP:
            return lambda a: convert.to_timestamp(a, tz, allow_empty=column.allow_empty)
        case Type.DAY:
            return lambda a: convert.to_day(a, tz, allow_empty=column.allow_empty)
        case Type.FEEDBACK_DAY:
            return lambda a: convert.to_feedback_day(a, marketplace)
        case Type.INT:
            return lambda a: convert.to_int(a, allow_empty=column.allow_empty)
        case Type.MONEY:
            return lambda a: convert.to_money(a, allow_empty=column.allow_empty)
        case Type.BOOL:
            return lambda a: convert.to_bool(
                a, allow_empty=column.allow_empty, empty_as_false=column.empty_as_false
            )
        case Type.RATING:
            return lambda a: convert.to_int(
                a, allow_empty=False, minimum=1, maximum=5, expected="a rating from 1 to 5"
            )
        case Type.CHOICE:
            return lambda a: convert.to_choice(
                a,
                column.choices,
                allow_empty=column.allow_empty,
                aliases=_ORDER_STATUS_ALIASES if column.name == "order_status" else None,
                detail_suffix=column.name == "order_status",
            )
        case _ if column.type in formats.CONVERTERS:
            return lambda a: formats.CONVERTERS[column.type](a, column, marketplace)
    raise AssertionError(f"no converter for {column.type}")  # pragma: no cover


_EMPTY_TYPES = {
    Type.TEXT: pa.string(),
    Type.TIMESTAMP: pa.timestamp(convert.TIME_UNIT, tz="UTC"),
    Type.DAY: pa.timestamp(convert.TIME_UNIT),
    Type.FEEDBACK_DAY: pa.timestamp(convert.TIME_UNIT),
    Type.INT: pa.int64(),
    Type.MONEY: pa.float64(),
    Type.BOOL: pa.bool_(),
    Type.RATING: pa.int64(),
    Type.CHOICE: pa.string(),
    **formats.ARROW_TYPES,
}


def _absent(column: Column, rows: int, marketplace: Marketplace) -> pa.Array:
    if column.type in (Type.BOOL, Type.FLAG) and column.empty_as_false:
        return pa.array([False] * rows, pa.bool_()) if rows else pa.array([], pa.bool_())
    kind = _EMPTY_TYPES[column.type]
    if column.type is Type.TIMESTAMP:
        kind = pa.timestamp(convert.TIME_UNIT, tz=marketplace.timezone)
    if column.type is Type.CHOICE or column.name in _CATEGORY_COLUMNS:
        kind = pa.dictionary(pa.int32(), pa.string())
    return pa.nulls(rows, kind)


def empty_table(kind: Kind, marketplace: Marketplace) -> pd.DataFrame:
    """A zero-row table of ``kind`` with the columns and types a read would give."""
    layout = LAYOUTS[kind]
    arrays = {c.name: _absent(c, 0, marketplace) for c in layout.columns}
    return pa.table(arrays).to_pandas()


def _fast_columns(
    sniffed: Sniffed, layout: Layout, declared: str | None, marketplace: Marketplace
) -> tuple[dict[str, pa.Array | pa.ChunkedArray], pa.Table, str]:
    """Typed read (see :mod:`sellerkit.io.typed`); raises Fallback or NotUtf8."""
    encoding = declared or sniffed.bom_encoding or "utf-8"
    types = {}
    for header in column_names(sniffed):
        column = layout.column(header)
        category = column is not None and column.name in _CATEGORY_COLUMNS
        types[header] = typed.arrow_type(column, category, marketplace.timezone)
    try:
        table = parse(sniffed, layout, encoding, types)
    except NotUtf8:
        if declared or sniffed.bom_encoding:
            raise
        encoding = choose_legacy(sniffed.path, sniffed.compression, marketplace.legacy_encoding)
        table = parse(sniffed, layout, encoding, types)
    table = table.unify_dictionaries()
    by_header = {h.strip().lower(): h for h in table.column_names}
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {}
    for column in layout.columns:
        raw_name = by_header.get(column.header.lower())
        if raw_name is None:
            arrays[column.name] = _absent(column, table.num_rows, marketplace)
            continue
        converted = typed.convert_typed(
            column,
            table.column(raw_name),
            marketplace,
            category=column.name in _CATEGORY_COLUMNS,
            aliases=_ORDER_STATUS_ALIASES if column.name == "order_status" else None,
        )
        arrays[column.name] = converted
    return arrays, table, encoding


def _exact_columns(
    sniffed: Sniffed, layout: Layout, declared: str | None, marketplace: Marketplace
) -> tuple[dict[str, pa.Array | pa.ChunkedArray], pa.Table, str]:
    """Strings first, then typed cell by column: accepts more, and names the exact line,
    column and value of anything wrong."""
    table, used_encoding = parse_text(sniffed, layout, declared, marketplace)
    rows = table.num_rows
    by_header = {h.strip().lower(): h for h in table.column_names}
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {}
    for column in layout.columns:
        raw_name = by_header.get(column.header.lower())
        if raw_name is None:
            arrays[column.name] = _absent(column, rows, marketplace)
            continue
        raw = table.column(raw_name).combine_chunks()
        if layout.blank_cells:  # a cell of blanks is an empty cell
            raw = pc.if_else(pc.equal(pc.utf8_trim_whitespace(raw), ""), "", raw)
        try:
            arrays[column.name] = _converter(column, marketplace)(raw)
        except convert.BadCell as bad:
            raise CellError(
                bad.problem,
                file=sniffed.path,
                line=line_of_row(sniffed, layout, used_encoding, bad.row),
                column=raw_name.strip(),
                value=bad.value,
                expected=bad.expected,
                fix=bad.fix,
            ) from None
    return arrays, table, used_encoding


def read_arrow(
    sniffed: Sniffed, marketplace: Marketplace, *, encoding: str | None = None
) -> pa.Table:
    """Read one recognised table file into a typed, normalized Arrow table.

    Parameters
    ----------
    sniffed
        The file as :func:`~sellerkit.io.sniff.sniff` recognised it.
    marketplace
        Decides the time zone, the feedback date format and the legacy encoding.
    encoding
        An encoding declared in ``account.toml``; overrides detection.

    Returns
    -------
    pyarrow.Table
        One column per known column of the layout (absent optional ones as missing values),
        in the layout's order, then unknown columns as text. Private columns (buyer e-mail,
        names, addresses) are dropped and never stored; free text is scrubbed of contact details,
        addresses and cued names, and a buyer's cancellation reason is kept only as a known
        code (:mod:`sellerkit.io.scrub`). The encoding used is in the schema
        metadata (``b"encoding"``).

    Raises
    ------
    LayoutError, CellError, EncodingError
        The file is broken; the message names the file, line, column and value.
    """
    if sniffed.kind is None:
        raise ValueError(f"{sniffed.path.name} was not recognised as a table")
    layout = LAYOUTS[sniffed.kind]
    _check_header(sniffed, layout)
    try:
        arrays, table, used_encoding = _fast_columns(sniffed, layout, encoding, marketplace)
    except (typed.Fallback, NotUtf8):
        arrays, table, used_encoding = _exact_columns(sniffed, layout, encoding, marketplace)
    known = {c.header.lower() for c in layout.columns}
    unread: set[str] = set()
    for raw_name in table.column_names:
        key = raw_name.strip().lower()
        if key in known or key in layout.private:
            continue
        name = _snake(raw_name)
        if name not in arrays:
            raw = table.column(raw_name)
            if raw.null_count == 0:  # the exact path keeps empty cells as ""
                raw = pc.if_else(pc.equal(raw, ""), pa.scalar(None, pa.string()), raw)
            arrays[name] = raw
            unread.add(name)
    # A feedback file's unread columns may be free text; other layouts' are Amazon's values.
    scrub_columns(arrays, unread if layout.kind is Kind.FEEDBACK else set())
    result = pa.table(arrays)
    return result.replace_schema_metadata({"encoding": used_encoding})


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table from :func:`read_arrow` as a DataFrame (``attrs["encoding"]`` set).

    Dictionary columns become categories; the table's buffers are released as the columns
    move (``self_destruct``), so the data never exists twice: do not use ``table`` after.
    """
    metadata = table.schema.metadata or {}
    encoding = metadata.get(b"encoding", b"utf-8").decode()
    frame = arrow_to_frame(table.replace_schema_metadata(None), self_destruct=True)
    frame.attrs["encoding"] = encoding
    return frame


def read_table(
    sniffed: Sniffed, marketplace: Marketplace, *, encoding: str | None = None
) -> pd.DataFrame:
    """Read one recognised table file into a normalized DataFrame.

    The DataFrame form of :func:`read_arrow` (same parameters, columns and errors), with the
    encoding used in ``attrs["encoding"]``.
    """
    return to_frame(read_arrow(sniffed, marketplace, encoding=encoding))
