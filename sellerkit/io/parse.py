"""Parse a recognised file's text into an Arrow table: Arrow's parallel CSV reader.

Every cell is read as a string (the exact path of :mod:`sellerkit.io.readers`), or with the
types the fast path asks for (:mod:`sellerkit.io.typed`). The layout says the delimiter and
the quoting; the sniffed header says the column names. Arrow's errors are mapped back to the
file: a row of the wrong width is found and named by its line, which is computed only when
something is wrong (:func:`line_of_row`).
"""

from __future__ import annotations

import csv
import io
import re

import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.csv as pacsv  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.errors import EncodingError, LayoutError
from sellerkit.io import typed
from sellerkit.io.encoding import check_decodes, choose_legacy, damaged_gzip, read_bytes
from sellerkit.io.schema import Layout
from sellerkit.io.sniff import Sniffed
from sellerkit.marketplaces import Marketplace

BLOCK_SIZE = 1024 * 1024
"""Arrow's parse block (its default: fastest here). A row longer than this is retried with
the whole file as one block."""

_RAGGED = re.compile(r"Expected (\d+) columns, got (\d+)")
"""Arrow's message for a row with more or fewer fields than the header."""


class NotUtf8(Exception):  # noqa: N818 - a signal, not an error
    """The text is not valid in the encoding tried: the caller tries a legacy one."""


def column_names(sniffed: Sniffed) -> tuple[str, ...]:
    """The column names the table gets: the header's, or the ones sniffing gave by position
    (aliases, a translated header, a header after notes)."""
    return sniffed.columns or sniffed.header


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
        raise NotUtf8 from None  # the caller names the line and byte
    data = text.lstrip("\ufeff").encode("utf-8")
    return pa.BufferReader(data), len(data)


def _read_options(sniffed: Sniffed, block_size: int) -> pacsv.ReadOptions:
    """Where the rows start, and their names when the header's own are not used."""
    renamed = bool(sniffed.columns) or sniffed.header_line > 0
    return pacsv.ReadOptions(
        encoding="utf8",
        block_size=block_size,
        # Names given by position: skip the notes and the header row itself.
        column_names=list(column_names(sniffed)) if renamed else None,
        skip_rows=sniffed.header_line + 1 if renamed else 0,
    )


def _parse_options(layout: Layout) -> pacsv.ParseOptions:
    """The layout's delimiter; quotes only in sellerkit's CSVs (literal in Amazon's reports)."""
    return pacsv.ParseOptions(
        delimiter=layout.delimiter,
        quote_char='"' if layout.quoted else False,
        double_quote=layout.quoted,
        escape_char=False,
        newlines_in_values=layout.quoted,
    )


def _convert_options(
    names: tuple[str, ...], layout: Layout, types: dict[str, pa.DataType] | None
) -> pacsv.ConvertOptions:
    """Every column as a string, or as ``types`` says (the fast path)."""
    return pacsv.ConvertOptions(
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
    )


def parse(
    sniffed: Sniffed,
    layout: Layout,
    encoding: str,
    types: dict[str, pa.DataType] | None = None,
    block_size: int = BLOCK_SIZE,
) -> pa.Table:
    """Parse the file with Arrow: all cells as strings, or with ``types`` (fast path).

    Nothing Python is passed to Arrow's reader threads (:func:`_source`): a row of the
    wrong width comes back as Arrow's error, and the line is found here.

    Raises
    ------
    NotUtf8
        The text is not valid in ``encoding``.
    sellerkit.io.typed.Fallback
        With ``types``: Arrow cannot read a column as asked.
    LayoutError
        The file is not a table of the layout (a row of the wrong width names its line).
    """
    source, size = _source(sniffed, encoding)
    try:
        return pacsv.read_csv(
            source,
            read_options=_read_options(sniffed, block_size),
            parse_options=_parse_options(layout),
            convert_options=_convert_options(column_names(sniffed), layout, types),
        )
    except pa.ArrowInvalid as exc:
        error = _invalid(str(exc), sniffed, layout, encoding, types, retry=block_size <= size)
        if error is None:  # a row longer than a block: the whole file as one block
            return parse(sniffed, layout, encoding, types, size + 1)
        raise error from None
    except UnicodeDecodeError as exc:
        raise NotUtf8 from exc
    except OSError as exc:  # Arrow's gzip stream: damage past the bytes sniffing read
        if sniffed.compression and exc.errno is None:
            raise damaged_gzip(sniffed.path, exc) from None
        raise


def _invalid(
    message: str,
    sniffed: Sniffed,
    layout: Layout,
    encoding: str,
    types: dict[str, pa.DataType] | None,
    *,
    retry: bool,
) -> Exception | None:
    """What Arrow's complaint about the text means: a ragged row, a row longer than the
    block (``None``: read again in one block, if ``retry``), text that is not UTF-8, a
    column the fast path cannot type (with ``types``), or a file that is no table."""
    ragged = _RAGGED.search(message)
    if ragged:
        expected, actual = int(ragged[1]), int(ragged[2])
        return _ragged(sniffed, layout, encoding, expected, actual, message)
    if "straddle" in message and retry:
        return None
    if "UTF8" in message or "utf8" in message.lower():
        return NotUtf8()
    if types is not None:
        return typed.Fallback()
    return LayoutError(
        "cannot be read as a table",
        file=sniffed.path,
        value=message.splitlines()[0][:120],
        fix=layout.how_to_get,
    )


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


def line_of_row(sniffed: Sniffed, layout: Layout, encoding: str, row: int) -> int | None:
    """The file's line number of data row ``row`` (0-based), if there is such a row."""
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


def parse_text(
    sniffed: Sniffed, layout: Layout, declared: str | None, marketplace: Marketplace
) -> tuple[pa.Table, str]:
    """Every cell as a string, and the encoding used: the ``declared`` one, the byte-order
    mark's, UTF-8, else the marketplace's legacy encoding that decodes the whole file."""
    encoding = declared or sniffed.bom_encoding or "utf-8"
    try:
        return parse(sniffed, layout, encoding), encoding
    except NotUtf8:
        pass
    data = read_bytes(sniffed.path, sniffed.compression)
    if declared or sniffed.bom_encoding:
        check_decodes(data, sniffed.path, encoding)
        raise EncodingError(  # pragma: no cover - decodes in Python but not in Arrow
            "cannot be decoded", file=sniffed.path, expected=encoding
        )
    legacy = choose_legacy(sniffed.path, sniffed.compression, marketplace.legacy_encoding)
    try:
        return parse(sniffed, layout, legacy), legacy
    except NotUtf8:  # pragma: no cover - choose_legacy already decoded the whole file
        check_decodes(data, sniffed.path, legacy)
        raise
