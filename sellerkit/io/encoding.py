"""Decide a file's text encoding (data contract, decisions 11, 20).

:func:`decode_prefix` is the one way sellerkit looks at a file's text before reading it
(recognising its header, guessing the marketplace from ``sales-channel``): it decodes the
first bytes as the reader will decode the whole file. The reader's fast path reads strict
UTF-8 (or what a byte-order mark says) directly; :func:`choose_legacy` runs only when that
fails, reads the whole file once, and either names the legacy encoding to use or raises an
error that names the first line that cannot be decoded.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path

from sellerkit.errors import EncodingError, LayoutError

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Byte-order marks and the encoding each one decides (Python's ``utf-16`` reads either
byte order from the mark)."""

LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "cp932")
"""Every marketplace's legacy encoding (``Marketplace.legacy_encoding``), the default
marketplace's first: what a file that is not UTF-8 may be in before the marketplace is known."""


@dataclass(frozen=True)
class Decoded:
    """The text of a file's first bytes and how it was decoded.

    Attributes
    ----------
    text
        The decoded text, without a byte-order mark. A character cut by the end of the
        prefix is left out.
    encoding
        The encoding the reader will use for the file: the declared one, the byte-order
        mark's, ``utf-8``, or a legacy encoding.
    guessed
        ``True`` when the legacy encoding was guessed because the marketplace, which
        decides it, is not known yet: decode again once it is.
    """

    text: str
    encoding: str
    guessed: bool = False


def bom_of(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark decides and the mark's length."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None, 0


def _decode(data: bytes, encoding: str, errors: str, final: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    return decoder.decode(data, final=final)


def decode_prefix(
    data: bytes,
    path: Path,
    *,
    declared: str | None = None,
    legacy: str | None = None,
    final: bool = False,
) -> Decoded:
    """Decode a file's first bytes the way :func:`sellerkit.io.readers.read_table` decodes
    the whole file (decision 11).

    In order: the encoding declared in ``account.toml``; a byte-order mark (UTF-8, UTF-16
    LE or BE); strict UTF-8; the marketplace's ``legacy`` encoding. Without ``legacy`` (the
    marketplace is not known yet) the first of :data:`LEGACY_ENCODINGS` in which the bytes
    are valid is used and the result says it was guessed. Bytes the chosen encoding cannot
    decode are replaced (the reader names them exactly).

    Parameters
    ----------
    data
        The first bytes of the file (decompressed), or all of them with ``final=True``.
    path
        The file, for an error message.
    declared
        ``encoding`` from ``account.toml``.
    legacy
        The marketplace's legacy encoding, when the marketplace is known.
    final
        ``data`` is the whole file: a truncated last character is an error, not cut off.

    Raises
    ------
    EncodingError
        The file starts with a UTF-16 byte-order mark but is not UTF-16.
    """
    if declared:
        try:
            text = _decode(data, declared, "replace", final)
        except UnicodeError as exc:  # utf-16 or utf-32 without a byte-order mark
            raise EncodingError(
                f"cannot be read in the encoding account.toml declares ({declared}):",
                file=path,
                value=str(exc),
                fix="write the encoding with its byte order (utf-16-le, utf-16-be), or "
                "remove the key to let sellerkit detect it",
            ) from None
        return Decoded(text.lstrip("\ufeff"), declared)
    bom, skip = bom_of(data)
    if bom == "utf-16":
        try:
            text = _decode(data, "utf-16", "strict", final)
        except UnicodeDecodeError as exc:
            raise EncodingError(
                "starts with a UTF-16 byte-order mark but is not UTF-16 at byte",
                file=path,
                value=exc.start,
                fix="save the file again as UTF-8",
            ) from None
        return Decoded(text.lstrip("\ufeff"), bom)
    body = data[skip:]
    try:
        return Decoded(_decode(body, "utf-8", "strict", final), "utf-8")
    except UnicodeDecodeError:
        if bom:  # a UTF-8 mark on bytes that are not UTF-8: the reader names the line
            return Decoded(_decode(body, "utf-8", "replace", final), "utf-8")
    if legacy:
        return Decoded(_decode(body, legacy, "replace", final), legacy)
    for candidate in LEGACY_ENCODINGS:
        try:
            return Decoded(_decode(body, candidate, "strict", final), candidate, guessed=True)
        except UnicodeDecodeError:
            continue
    fallback = LEGACY_ENCODINGS[0]
    return Decoded(_decode(body, fallback, "replace", final), fallback, guessed=True)


GZIP_ERRORS: tuple[type[Exception], ...] = (gzip.BadGzipFile, EOFError, zlib.error)
"""What Python's gzip raises for a damaged or truncated stream."""


def damaged_gzip(path: Path, exc: BaseException) -> LayoutError:
    """The one-line error for a gzip download that cannot be decompressed (wherever the
    damage is: in the first bytes sniffed or further on, found by the reader)."""
    return LayoutError("is a damaged gzip file", file=path, fix=f"download it again ({exc})")


def read_bytes(path: Path, compression: str | None) -> bytes:
    """The whole file's bytes, decompressed when gzip.

    Raises
    ------
    LayoutError
        A gzip file that is damaged or truncated.
    """
    if compression == "gzip":
        try:
            with gzip.open(path, "rb") as handle:
                return handle.read()
        except GZIP_ERRORS as exc:
            raise damaged_gzip(path, exc) from None
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
    """Whether ``name`` is a text encoding sellerkit can decode files with: Python knows it,
    it turns bytes into text (not ``hex``, ``rot13``, ``zlib``) and it can replace bytes it
    cannot decode (not ``idna``)."""
    try:
        if not getattr(codecs.lookup(name), "_is_text_encoding", True):
            return False
        codecs.getincrementaldecoder(name)("replace").decode(b"\xff\xfea\x00", final=True)
    except (LookupError, UnicodeError, TypeError, ValueError, AssertionError):
        return False
    return True
