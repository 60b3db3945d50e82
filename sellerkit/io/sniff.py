"""Recognise a file by its first bytes and header row (data contract, decisions 10, 11, 21).

Sniffing reads at most the first 64 KiB of a file (the whole file only for JSON). It decides
the kind, the compression and the byte-order mark; it never decides a legacy encoding, which
needs the whole file (:mod:`sellerkit.io.encoding`).
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from sellerkit.errors import EncodingError, LayoutError
from sellerkit.io.layouts import LOCALIZED_HEADERS, TABLE_LAYOUTS, Kind, Layout

PREFIX_BYTES = 64 * 1024

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Byte-order marks and the encoding each one decides."""


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


def _a(title: str) -> str:
    """``title`` with its article: "an All Orders report", "a chargebacks CSV"."""
    return f"{'an' if title[0].lower() in 'aeiou' else 'a'} {title}"


def read_prefix(path: Path, size: int = PREFIX_BYTES) -> tuple[bytes, str | None]:
    """The first ``size`` bytes of a file, decompressed if it is gzip, and its compression."""
    with path.open("rb") as raw:
        head = raw.read(size)
    if head[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as unzipped:
            try:
                return unzipped.read(size), "gzip"
            except (OSError, EOFError) as exc:
                raise LayoutError(
                    "is a damaged gzip file",
                    file=path,
                    fix=f"download it again ({exc})",
                ) from None
    return head, None


def bom_of(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark decides and the mark's length."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None, 0


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    return next(csv.reader([line], delimiter=delimiter))


def _matches(layout: Layout, fields: list[str]) -> bool:
    names = {f.strip().lower() for f in fields}
    return all(name in names for name in layout.identifying)


def _localized_language(fields: list[str]) -> str | None:
    names = {f.strip().lower() for f in fields}
    for language, words in LOCALIZED_HEADERS.items():
        if len(names & set(words)) >= 2:
            return language
    return None


def sniff(path: Path) -> Sniffed:
    """Recognise one file.

    Returns a :class:`Sniffed` with ``kind=None`` and a reason for a file that is skipped
    (empty, binary, unknown header). Raises for a file that is meant to be a report but
    cannot be one: an HTML error page, a comma-separated Amazon report, a localized header.

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
    bom, skip = bom_of(head)
    body = head[skip:]
    if bom == "utf-16":
        try:
            text = head.decode("utf-16", errors="strict")
        except UnicodeDecodeError:
            # A prefix may end inside a character: decode only whole code units.
            try:
                text = head[: len(head) - len(head) % 2].decode("utf-16")
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    "starts with a UTF-16 byte-order mark but is not UTF-16 at byte",
                    file=path,
                    value=exc.start,
                    fix="save the file again as UTF-8",
                ) from None
        text = text.lstrip("\ufeff")
    else:
        if b"\x00" in body:
            return Sniffed(path, None, compression, reason="a binary file, not text")
        text = body.decode("utf-8", errors="replace")
    stripped = text.lstrip()
    lowered = stripped[:512].lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html") or "<html" in lowered:
        raise LayoutError(
            "is an HTML page (a failed download or a login page saved as a file), not a report",
            file=path,
            fix="download the report again and save the file Seller Central offers",
        )
    if stripped.startswith("{"):
        return _sniff_json(path, compression)
    return _sniff_header(path, stripped, compression, bom)


def _sniff_json(path: Path, compression: str | None) -> Sniffed:
    opener = gzip.open if compression == "gzip" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise LayoutError(
            "is not valid JSON",
            file=path,
            line=line,
            value=getattr(exc, "msg", str(exc)),
            expected="a seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT)",
            fix="download the report again",
        ) from None
    if isinstance(document, dict) and "performanceMetrics" in document:
        return Sniffed(path, Kind.PERFORMANCE, compression)
    return Sniffed(
        path, None, compression, reason="JSON without 'performanceMetrics' (not a V2 report)"
    )


def _best(line: str, layouts: tuple[Layout, ...]) -> tuple[Layout, list[str]] | None:
    """The layout whose identifying columns ``line`` holds, the most specific one (most
    identifying columns; the Amazon Fulfilled Shipments report holds the All Orders
    report's three) if several; and the line's fields."""
    found = [
        (layout, fields)
        for layout in layouts
        if _matches(layout, fields := _split(line, layout.delimiter))
    ]
    return max(found, key=lambda item: len(item[0].identifying)) if found else None


def _recognised(
    path: Path,
    layout: Layout,
    fields: list[str],
    compression: str | None,
    bom: str | None,
    header_line: int = 0,
) -> Sniffed:
    """A recognised table; columns under another name of theirs get the layout's name."""
    names = []
    for name in fields:
        column = layout.column(name)
        names.append(column.header if column is not None else name)
    renamed = [n.strip().lower() for n in names] != [f.strip().lower() for f in fields]
    return Sniffed(
        path,
        layout.kind,
        compression,
        bom,
        tuple(fields),
        columns=tuple(names) if renamed else (),
        header_line=header_line,
    )


def _after_notes(path: Path, text: str, compression: str | None, bom: str | None) -> Sniffed | None:
    """A layout whose header may follow lines of notes, found on a later line."""
    layouts = tuple(layout for layout in TABLE_LAYOUTS if layout.preamble)
    lines = text.split("\n")
    for number in range(1, min(len(lines) - 1, max((x.preamble for x in layouts), default=0)) + 1):
        best = _best(lines[number].rstrip("\r"), layouts)
        if best is not None:
            return _recognised(path, *best, compression, bom, header_line=number)
    return None


def _by_position(
    path: Path, fields: list[str], language: str, compression: str | None, bom: str | None
) -> Sniffed | None:
    """A translated header with as many columns as a known column order of a layout: the
    columns are that layout's, in that order (real-downloads.md §1: the Seller Feedback
    report is translated per marketplace, its column order unchanged)."""
    for layout in TABLE_LAYOUTS:
        for order in layout.positional:
            if len(order) == len(fields):
                return Sniffed(
                    path,
                    layout.kind,
                    compression,
                    bom,
                    tuple(fields),
                    columns=order,
                    language=language,
                )
    return None


def _sniff_header(path: Path, text: str, compression: str | None, bom: str | None) -> Sniffed:
    line = _first_line(text)
    best = _best(line, TABLE_LAYOUTS)
    if best is not None:
        return _recognised(path, *best, compression, bom)
    after = _after_notes(path, text, compression, bom)
    if after is not None:
        return after
    for layout in TABLE_LAYOUTS:
        for other in ("\t", ",", ";", "|"):
            if other == layout.delimiter:
                continue
            if _matches(layout, _split(line, other)):
                wanted = "tab-separated" if layout.delimiter == "\t" else "comma-separated"
                raise LayoutError(
                    f"looks like {_a(layout.title)} but is separated by {_name(other)}; "
                    f"it must be {wanted}",
                    file=path,
                    line=1,
                    fix=(
                        layout.how_to_get
                        if layout.delimiter == "\t"
                        else f"save it as CSV with commas ({layout.how_to_get})"
                    ),
                )
    for delimiter in ("\t", ","):
        fields = _split(line, delimiter)
        language = _localized_language(fields)
        if language and delimiter == "\t":
            positional = _by_position(path, fields, language, compression, bom)
            if positional is not None:
                return positional
        if language:
            raise LayoutError(
                f"has a {language} header; sellerkit reads reports with English headers",
                file=path,
                line=1,
                fix="set the report language to English (en_US) in Seller Central and download "
                "it again",
            )
    preview = ", ".join(f.strip() for f in _split(line, "\t")[:4])[:80]
    return Sniffed(
        path, None, compression, bom, reason=f"header not recognised (starts: {preview!r})"
    )


def _name(delimiter: str) -> str:
    return {"\t": "tabs", ",": "commas", ";": "semicolons", "|": "pipes"}[delimiter]
