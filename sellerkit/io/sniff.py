"""Recognise a file by its first bytes and header row (data contract, decisions 10, 11, 21).

Sniffing reads at most the first 64 KiB of a file (the whole file only for JSON) and decodes
them as the reader will decode the whole file (:func:`~sellerkit.io.encoding.decode_prefix`).
It decides the kind, the compression and the byte-order mark; which kind a header is comes
from :mod:`sellerkit.io.recognise`. Until the marketplace is known a legacy encoding is a
guess, and the file is sniffed again once it is (``Sniffed.guessed``).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sellerkit.errors import LayoutError
from sellerkit.io.encoding import (
    GZIP_ERRORS,
    LEGACY_ENCODINGS,
    bom_of,
    damaged_gzip,
    decode_prefix,
    read_bytes,
)
from sellerkit.io.layouts import TABLE_LAYOUTS
from sellerkit.io.recognise import (
    Match,
    a_title,
    header_language,
    localized_error,
    missing_columns_error,
    recognise,
    split_header,
)
from sellerkit.io.schema import Kind, Layout

PREFIX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sniffed:
    """What the first bytes of a file say.

    Attributes
    ----------
    path
        The file.
    kind
        The recognised kind, or ``None`` when the file is skipped.
    compression
        ``"gzip"`` for a gzip-compressed download, else ``None``.
    bom_encoding
        The encoding a byte-order mark decides, else ``None``.
    header
        The header fields as written (for a table kind).
    reason
        Why the file is not recognised (for ``kind is None``).
    columns
        The names the reader gives the columns, by position, where they differ from
        ``header``: a column under another name (``Your Response``) gets its layout's name,
        a translated header the English one. Empty: the header's own names.
    header_line
        The 0-based line of the header row: lines of notes may precede it (the Date Range
        Transaction report).
    language
        The language of a translated header read by position, else ``None``.
    encoding
        The encoding the first bytes were decoded with (``None`` for a binary file).
    guessed
        The encoding is a legacy one guessed before the marketplace was known.
    """

    path: Path
    kind: Kind | None
    compression: str | None = None
    bom_encoding: str | None = None
    header: tuple[str, ...] = ()
    reason: str | None = None
    columns: tuple[str, ...] = ()
    header_line: int = 0
    language: str | None = None
    encoding: str | None = None
    guessed: bool = False


def read_prefix(path: Path, size: int = PREFIX_BYTES) -> tuple[bytes, str | None]:
    """The first ``size`` bytes of a file, decompressed if it is gzip, and its compression."""
    with path.open("rb") as raw:
        head = raw.read(size)
    if head[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as unzipped:
            try:
                return unzipped.read(size), "gzip"
            except GZIP_ERRORS as exc:
                raise damaged_gzip(path, exc) from None
    return head, None


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def sniff(path: Path, *, declared: str | None = None, legacy: str | None = None) -> Sniffed:
    """Recognise one file.

    Returns a :class:`Sniffed` with ``kind=None`` and a reason for a file that is skipped
    (empty, binary, unknown header). Raises for a file that is meant to be a report but
    cannot be one: an HTML error page, a comma-separated Amazon report, a report without
    some of its columns, a localized header.

    Parameters
    ----------
    path
        The file.
    declared
        ``encoding`` from ``account.toml``.
    legacy
        The marketplace's legacy encoding, once the marketplace is known.

    Raises
    ------
    LayoutError
        The file looks like a report sellerkit reads but is broken.
    EncodingError
        A UTF-16 file whose header cannot be decoded.
    """
    if path.stat().st_size == 0:
        return Sniffed(path, None, reason="empty file (0 bytes)")
    head, compression = read_prefix(path)
    if not head:
        return Sniffed(path, None, compression, reason="empty file after decompression")
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(
            path,
            None,
            compression,
            reason="a ZIP archive or Excel workbook; save the report as tab-delimited text",
        )
    bom, _ = bom_of(head)
    decoded = decode_prefix(head, path, declared=declared, legacy=legacy)
    if "\x00" in decoded.text:
        return Sniffed(path, None, compression, reason="a binary file, not text")
    stripped = decoded.text.lstrip()
    lowered = stripped[:512].lower()
    if any("sellerkit" in tag for tag in re.findall(r"<meta\b[^>]*generator[^>]*>", decoded.text)):
        return Sniffed(path, None, compression, reason="a page sellerkit wrote, not a download")
    if lowered.startswith("<!doctype html") or lowered.startswith("<html") or "<html" in lowered:
        raise LayoutError(
            "is an HTML page (a failed download or a login page saved as a file), not a report",
            file=path,
            fix="download the report again and save the file Seller Central offers",
        )
    if stripped.startswith("{"):
        return _sniff_json(path, compression, declared, legacy)
    alternatives: tuple[str, ...] = ()
    if decoded.guessed:  # no mark, not UTF-8, marketplace unknown: any legacy encoding
        alternatives = tuple(
            _first_line(head.decode(other, "replace").lstrip())
            for other in LEGACY_ENCODINGS
            if other != decoded.encoding
        )
    found = _sniff_header(path, stripped, alternatives)
    return replace(
        found,
        compression=compression,
        bom_encoding=bom,
        encoding=decoded.encoding,
        guessed=decoded.guessed,
    )


def _sniff_json(
    path: Path, compression: str | None, declared: str | None, legacy: str | None
) -> Sniffed:
    data = read_bytes(path, compression)
    try:
        text = decode_prefix(data, path, declared=declared, legacy=legacy, final=True).text
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # ValueError: json.JSONDecodeError, and a number longer than Python reads (4300 digits)
        line = getattr(exc, "lineno", None)
        raise LayoutError(
            "is not valid JSON",
            file=path,
            line=line,
            value="nested too deeply"
            if isinstance(exc, RecursionError)
            else getattr(exc, "msg", str(exc)),
            expected="a seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT)",
            fix="download the report again",
        ) from None
    if isinstance(document, dict) and "performanceMetrics" in document:
        return Sniffed(path, Kind.PERFORMANCE, compression)
    return Sniffed(
        path, None, compression, reason="JSON without 'performanceMetrics' (not a V2 report)"
    )


def _recognised(path: Path, layout: Layout, fields: Sequence[str], header_line: int = 0) -> Sniffed:
    """A recognised table; columns under another name of theirs get the layout's name."""
    names = []
    for name in fields:
        column = layout.column(name)
        names.append(column.header if column is not None else name)
    renamed = [n.strip().lower() for n in names] != [f.strip().lower() for f in fields]
    return Sniffed(
        path,
        layout.kind,
        header=tuple(fields),
        columns=tuple(names) if renamed else (),
        header_line=header_line,
    )


def _after_notes(path: Path, text: str) -> Sniffed | None:
    """A layout whose header may follow lines of notes (the Date Range Transaction report),
    found on a later line. Like a header on the first line, one that shows clear evidence
    of the kind but lacks columns or is split on another delimiter (re-saved by a
    spreadsheet) is that kind, broken — never skipped: its claims would silently vanish."""
    layouts = tuple(layout for layout in TABLE_LAYOUTS if layout.preamble)
    lines = text.split("\n")
    deepest = max((layout.preamble for layout in layouts), default=0)
    for number in range(1, min(len(lines) - 1, deepest) + 1):
        found = recognise(lines[number].rstrip("\r"), layouts)
        if found is None:
            continue
        if not (found.identified and found.separated_right):
            _raise_broken(path, found, line=number + 1)
        return _recognised(path, found.layout, found.fields, header_line=number)
    return None


def _raise_broken(path: Path, found: Match, line: int = 1) -> None:
    """Raise for a header of a known kind split on the wrong delimiter or missing columns."""
    layout = found.layout
    if not found.separated_right:
        wanted = "tab-separated" if layout.delimiter == "\t" else "comma-separated"
        raise LayoutError(
            f"looks like {a_title(layout.title)} but is separated by "
            f"{_name(found.delimiter)}; it must be {wanted}",
            file=path,
            line=line,
            fix=(
                layout.how_to_get
                if layout.delimiter == "\t"
                else f"save it as CSV with commas ({layout.how_to_get})"
            ),
        )
    if found.missing:
        raise missing_columns_error(path, layout, found.missing, found.fields, line)


def _by_position(path: Path, fields: list[str], language: str) -> Sniffed | None:
    """A translated header with as many columns as a known column order of a layout: the
    columns are that layout's, in that order (real-downloads.md §1: the Seller Feedback
    report is translated per marketplace, its column order unchanged)."""
    for layout in TABLE_LAYOUTS:
        for order in layout.positional:
            if len(order) == len(fields):
                return Sniffed(
                    path, layout.kind, header=tuple(fields), columns=order, language=language
                )
    return None


def _sniff_header(path: Path, text: str, alternatives: tuple[str, ...]) -> Sniffed:
    """The kind of the header row at the start of ``text`` (or after notes); raises for a
    report that is broken (wrong delimiter, columns missing) or localized."""
    line = _first_line(text)
    if "\r" in line:  # lines ended by a carriage return alone (classic Mac OS text)
        line = line.split("\r", 1)[0]
        if recognise(line) is not None:
            raise LayoutError(
                "has lines ended by a carriage return alone (old Mac OS text)",
                file=path,
                line=1,
                expected="lines ended by LF or CRLF",
                fix="save the file again as ordinary text (Windows or Unix line ends), or "
                "download it again",
            )
        return _sniff_header(path, line, ())
    found = recognise(line)
    if found is not None and found.identified and found.separated_right:
        return _recognised(path, found.layout, found.fields)
    after = _after_notes(path, text)
    if after is not None:
        return after
    if found is not None:
        _raise_broken(path, found)
        return _recognised(path, found.layout, found.fields)
    language = header_language(line, alternatives)
    if language:
        positional = _by_position(path, split_header(line, "\t"), language)
        if positional is not None:
            return positional
        raise localized_error(path, language, line)
    preview = ", ".join(f.strip() for f in split_header(line, "\t")[:4])[:80]
    return Sniffed(path, None, reason=f"header not recognised (starts: {preview!r})")


def _name(delimiter: str) -> str:
    return {"\t": "tabs", ",": "commas", ";": "semicolons", "|": "pipes"}[delimiter]
