"""The report's logo: a picture file checked (its kind by content, not only by name, and its
size) and inlined as a ``data:`` URI, so the page and the PDF carry it and fetch nothing."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from sellerkit.errors import InputError

_LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"}
_LOGO_MAX_BYTES = 1_000_000
_LOGO_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}


def _is_picture(kind: str, data: bytes) -> bool:
    """Whether ``data`` is what its extension says: magic bytes, or XML with an svg root."""
    if kind == "image/webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if kind != "image/svg+xml":
        return data.startswith(_LOGO_MAGIC[kind])
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return False
    return root.tag.rpartition("}")[2] == "svg"


def logo_data_uri(path: str | Path) -> str:
    """A logo file inlined as a ``data:`` URI (the page stays one offline file).

    Raises
    ------
    InputError
        The file is missing, is not a PNG, JPEG, SVG, GIF or WebP picture (by its extension
        and by its content), or is over 1 MB (the page would be sent to clients that big).
    """
    file = Path(path)
    kind = mimetypes.guess_type(file.name)[0]
    if kind not in _LOGO_TYPES:
        raise InputError(
            "the logo is not a picture:",
            file=file.name,
            value=kind or file.suffix or "no extension",
            expected="a .png, .jpg, .svg, .gif or .webp file",
            fix="give -p logo PATH the brand's picture file",
        )
    if not file.is_file():
        raise InputError(
            "no such logo file:",
            value=str(file.resolve()),
            expected="the path of a picture file",
            fix="give -p logo the path of an existing .png, .jpg or .svg file",
        )
    size = file.stat().st_size
    if size > _LOGO_MAX_BYTES:
        raise InputError(
            f"the logo is too large ({size / 1e6:.1f} MB), it would be inlined in every page:",
            file=file,
            expected="a picture of 1 MB or less",
            fix="give -p logo a smaller or compressed picture (a title-bar logo needs ~50 KB)",
        )
    data = file.read_bytes()
    if not _is_picture(kind, data):
        raise InputError(
            f"the logo is named {file.suffix} but its content is not a {file.suffix} picture",
            file=file,
            expected=f"a real {file.suffix} file",
            fix="give -p logo the brand's picture file, or save it again in that format",
        )
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


__all__ = ["logo_data_uri"]
