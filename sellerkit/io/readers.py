"""Read one recognised file into a typed, normalized DataFrame.

One reader serves every tabular kind: the :class:`~sellerkit.io.schema.Layout` says which
columns exist and how each is read. Arrow parses the text (in parallel, all cells as strings),
:mod:`sellerkit.io.convert` types the columns, and errors are mapped back to the file's real
line numbers, which are computed only when something is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from sellerkit.errors import CellError, EncodingError, LayoutError
from sellerkit.io import convert, formats, typed
from sellerkit.io.encoding import check_decodes, choose_legacy, damaged_gzip, read_bytes
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.recognise import missing_columns_error, needed
from sellerkit.io.schema import Column, Kind, Layout, Type
from sellerkit.io.sniff import Sniffed
from sellerkit.marketplaces import Marketplace

BLOCK_SIZE = 1024 * 1024
"""Arrow's parse block (its default: fastest here). A row longer than this is retried with
the whole file as one block."""

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


class _NotUtf8(Exception):  # noqa: N818 - internal signal
    pass


def _names(sniffed: Sniffed) -> tuple[str, ...]:
    """The column names the table gets: the header's, or the ones sniffing gave by position
    (aliases, a translated header, a header after notes)."""
    return sniffed.columns or sniffed.header


def _snake(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lower()).strip("_") or "column"


_RAGGED = re.compile(r"Expected (\d+) columns, got (\d+)")
"""Arrow's message for a row with more or fewer fields than the header."""


def _source(sniffed: Sniffed, encoding: str) -> tuple[str | pa.NativeFile, int]:
    """What Arrow parses, and its size in bytes.

    A UTF-8 file is read by Arrow itself. Any other encoding is decoded here and handed over
    as UTF-8 bytes: Arrow would otherwise transcode through a Python codec that its reader
    threads call and hold. Such a thread may still hold it after ``read_csv`` has raised, and
    when it lets go during interpreter shutdown it cannot take the GIL, and the process
    aborts ("terminate called without an active exception", exit 134 instead of 2). For the
    same reason no ``invalid_row_handler`` is given (issue 11).
    """
    if encoding in ("utf-8", "utf8"):
        size = sniffed.path.stat().st_size
        if sniffed.compression:
            stream = pa.input_stream(str(sniffed.path), compression=sniffed.compression)
            return stream, size
        return str(sniffed.path), size
    try:
        text = read_bytes(sniffed.path, sniffed.compression).decode(encoding)
    except UnicodeDecodeError:
        raise _NotUtf8 from None  # the caller names the line and byte
    data = text.lstrip("\ufeff").encode("utf-8")
    return pa.BufferReader(data), len(data)


def _arrow_read(
    sniffed: Sniffed,
    layout: Layout,
    encoding: str,
    types: dict[str, pa.DataType] | None = None,
    block_size: int = BLOCK_SIZE,
) -> pa.Table:
    """Parse the file with Arrow: all cells as strings, or with ``types`` (fast path).

    Nothing Python is passed to Arrow's reader threads (:func:`_source`): a row of the
    wrong width comes back as Arrow's error, and the line is found here.
    """
    source, size = _source(sniffed, encoding)
    names = _names(sniffed)
    renamed = bool(sniffed.columns) or sniffed.header_line > 0
    try:
        return pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(
                encoding="utf8",
                block_size=block_size,
                # Names given by position: skip the notes and the header row itself.
                column_names=list(names) if renamed else None,
                skip_rows=sniffed.header_line + 1 if renamed else 0,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=layout.delimiter,
                quote_char='"' if layout.quoted else False,
                double_quote=layout.quoted,
                escape_char=False,
                newlines_in_values=layout.quoted,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=types or dict.fromkeys(names, pa.string()),
                # Declared columns only, where the layout says so: the rest is never read.
                include_columns=None
                if layout.keep_unknown
                else [n for n in names if layout.column(n) is not None],
                null_values=["", " "] if layout.blank_cells else [""],
                true_values=["true", "True", "TRUE"],
                false_values=["false", "False", "FALSE"],
                # The fast path reads empty cells as missing; the exact path keeps "" to
                # tell an empty cell from a bad one.
                strings_can_be_null=types is not None,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        message = str(exc)
        ragged = _RAGGED.search(message)
        if ragged:
            expected, actual = int(ragged[1]), int(ragged[2])
            raise _ragged(sniffed, layout, encoding, expected, actual, message) from None
        if "straddle" in message and block_size <= size:
            return _arrow_read(sniffed, layout, encoding, types, size + 1)
        if "UTF8" in message or "utf8" in message.lower():
            raise _NotUtf8 from None
        if types is not None:
            raise typed.Fallback from None
        raise LayoutError(
            "cannot be read as a table",
            file=sniffed.path,
            value=message.splitlines()[0][:120],
            fix=layout.how_to_get,
        ) from None
    except UnicodeDecodeError as exc:
        raise _NotUtf8 from exc
    except OSError as exc:  # Arrow's gzip stream: damage past the bytes sniffing read
        if sniffed.compression and exc.errno is None:
            raise damaged_gzip(sniffed.path, exc) from None
        raise


def _text_lines(sniffed: Sniffed, encoding: str) -> str:
    data = read_bytes(sniffed.path, sniffed.compression)
    return data.decode(encoding if encoding != "utf-8" else "utf-8-sig", errors="replace")


def _records(sniffed: Sniffed, layout: Layout, encoding: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every data record, as Arrow counts records. Error path only."""
    text = _text_lines(sniffed, encoding).lstrip("\ufeff")
    records: list[tuple[int, list[str]]] = []
    if layout.quoted:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
        start = 1
        for fields in reader:
            if fields:
                records.append((start, fields))
            start = reader.line_num + 1
    else:
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")
            if line:
                records.append((number, line.split(layout.delimiter)))
    return records[1 + sniffed.header_line :]  # notes and the header are not records


def _line_of_row(sniffed: Sniffed, layout: Layout, encoding: str, row: int) -> int | None:
    records = _records(sniffed, layout, encoding)
    return records[row][0] if 0 <= row < len(records) else None


def _ragged(
    sniffed: Sniffed, layout: Layout, encoding: str, expected: int, actual: int, message: str
) -> LayoutError:
    """The error for the file's first row whose width is not the header's (Arrow reports
    the first row one of its threads met)."""
    line = None
    text = message.split(": ", 2)[-1]
    for number, fields in _records(sniffed, layout, encoding):
        if len(fields) != expected:
            line, actual, text = number, len(fields), layout.delimiter.join(fields)
            break
    fewer = actual < expected
    problem = f"has {actual} fields where the header has {expected}" + (
        " (a truncated or cut-off line?)" if fewer else ""
    )
    return LayoutError(
        problem,
        file=sniffed.path,
        line=line,
        value=text[:200],
        expected=f"{expected} {_delimiter_name(layout)}-separated fields",
        fix=layout.how_to_get
        if not layout.quoted
        else "put quotes around values that contain commas, or remove the extra fields",
    )


def _delimiter_name(layout: Layout) -> str:
    return "tab" if layout.delimiter == "\t" else "comma"


def _read_text_table(
    sniffed: Sniffed, layout: Layout, declared: str | None, marketplace: Marketplace
) -> tuple[pa.Table, str]:
    encoding = declared or sniffed.bom_encoding or "utf-8"
    try:
        return _arrow_read(sniffed, layout, encoding), encoding
    except _NotUtf8:
        pass
    data = read_bytes(sniffed.path, sniffed.compression)
    if declared or sniffed.bom_encoding:
        check_decodes(data, sniffed.path, encoding)
        raise EncodingError(  # pragma: no cover - decodes in Python but not in Arrow
            "cannot be decoded", file=sniffed.path, expected=encoding
        )
    legacy = choose_legacy(sniffed.path, sniffed.compression, marketplace.legacy_encoding)
    try:
        return _arrow_read(sniffed, layout, legacy), legacy
    except _NotUtf8:  # pragma: no cover - choose_legacy already decoded the whole file
        check_decodes(data, sniffed.path, legacy)
        raise


def _check_header(sniffed: Sniffed, layout: Layout) -> None:
    seen: dict[str, str] = {}
    for header in _names(sniffed):
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
    """Typed read (see :mod:`sellerkit.io.typed`); raises Fallback or _NotUtf8."""
    encoding = declared or sniffed.bom_encoding or "utf-8"
    types = {}
    for header in _names(sniffed):
        column = layout.column(header)
        category = column is not None and column.name in _CATEGORY_COLUMNS
        types[header] = typed.arrow_type(column, category, marketplace.timezone)
    try:
        table = _arrow_read(sniffed, layout, encoding, types)
    except _NotUtf8:
        if declared or sniffed.bom_encoding:
            raise
        encoding = choose_legacy(sniffed.path, sniffed.compression, marketplace.legacy_encoding)
        table = _arrow_read(sniffed, layout, encoding, types)
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
        if isinstance(converted, pa.ChunkedArray) and pa.types.is_dictionary(converted.type):
            # One chunk of indices (the dictionary is already shared): pandas builds a
            # Categorical from it in half the time it needs for one per parse block.
            converted = converted.combine_chunks()
        arrays[column.name] = converted
    return arrays, table, encoding


def _exact_columns(
    sniffed: Sniffed, layout: Layout, declared: str | None, marketplace: Marketplace
) -> tuple[dict[str, pa.Array | pa.ChunkedArray], pa.Table, str]:
    """Strings first, then typed cell by column: accepts more, and names the exact line,
    column and value of anything wrong."""
    table, used_encoding = _read_text_table(sniffed, layout, declared, marketplace)
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
                line=_line_of_row(sniffed, layout, used_encoding, bad.row),
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
        names, addresses) are dropped and never stored. The encoding used is in the schema
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
    except (typed.Fallback, _NotUtf8):
        arrays, table, used_encoding = _exact_columns(sniffed, layout, encoding, marketplace)
    known = {c.header.lower() for c in layout.columns}
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
    result = pa.table(arrays)
    return result.replace_schema_metadata({"encoding": used_encoding})


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table from :func:`read_arrow` as a DataFrame (``attrs["encoding"]`` set).

    Dictionary columns become categories; the table's buffers are released as the columns
    move (``self_destruct``), so the data never exists twice: do not use ``table`` after.
    """
    metadata = table.schema.metadata or {}
    encoding = metadata.get(b"encoding", b"utf-8").decode()
    table = table.replace_schema_metadata(None)
    # split_blocks: no copy into 2-D blocks; self_destruct: Arrow's buffers are released
    # as the columns move to pandas, so the table never exists twice.
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
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
