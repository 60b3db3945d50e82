"""Decide a file's text encoding when it is not plain UTF-8 (data contract, decisions 11, 20).

The fast path never comes here: a file that reads as strict UTF-8 (or carries a byte-order
mark) is read directly. This module runs only when that fails, reads the whole file once,
and either names the legacy encoding to use or raises an error that names the first line
that cannot be decoded.
"""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

from sellerkit.errors import EncodingError


def read_bytes(path: Path, compression: str | None) -> bytes:
    """The whole file's bytes, decompressed when gzip."""
    if compression == "gzip":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def choose_legacy(path: Path, compression: str | None, legacy: str) -> str:
    """Return ``legacy`` if the file is wholly in it; raise if it is mixed or undecodable.

    A file that fails strict UTF-8 but holds other lines that are valid multi-byte UTF-8 is
    a mix of encodings: the error names its first line that is not UTF-8 (decision 20).
    Lines, not single byte sequences, are compared, because legacy multi-byte text (cp932)
    can hold a short run that happens to be valid UTF-8.

    Raises
    ------
    EncodingError
        The file mixes encodings, or is not valid in ``legacy`` either.
    """
    data = read_bytes(path, compression)
    first_bad: tuple[int, int] | None = None
    has_utf8_line = False
    offset = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode("utf-8")
                has_utf8_line = True
            except UnicodeDecodeError as exc:
                if first_bad is None:
                    first_bad = (number, offset + exc.start)
        if first_bad is not None and has_utf8_line:
            break
        offset += len(line) + 1
    if first_bad is not None and has_utf8_line:
        number, byte = first_bad
        raise EncodingError(
            f"line {number} is not UTF-8 (byte {byte:,}) although other lines are",
            file=path,
            line=number,
            expected="one encoding for the whole file",
            fix="the file was edited with two encodings; download it again, or save it as "
            "UTF-8 in a text editor",
        )
    check_decodes(data, path, legacy)
    return legacy


def check_decodes(data: bytes, path: Path, encoding: str) -> None:
    """Raise :class:`EncodingError` naming the line and byte where ``data`` fails ``encoding``."""
    try:
        codecs.decode(data, encoding)
    except UnicodeDecodeError as exc:
        line = _line_of_offset(data, exc.start)
        raise EncodingError(
            f"byte {exc.start:,} is not valid {codecs.lookup(encoding).name}:",
            file=path,
            line=line,
            value=data[exc.start : exc.start + 4].hex(" "),
            expected=f"text in {codecs.lookup(encoding).name}",
            fix='set `encoding = "..."` in account.toml to the file\'s real encoding, or '
            "save the file as UTF-8",
        ) from None


def is_known_encoding(name: str) -> bool:
    """Whether Python knows the codec ``name``."""
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
