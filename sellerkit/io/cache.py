"""A parse cache for large downloads: each file's typed table, kept between runs.

Sellers and agencies download overlapping reports every week and run sellerkit again on a
folder whose big files mostly have not changed. Parsing and validating a 100 MB All Orders
download costs about a second; reading back its typed table from an Arrow IPC file costs a
few milliseconds (memory-mapped, no copy). So a file of at least :data:`MIN_BYTES` that read
without error is stored as the table :func:`~sellerkit.io.readers.read_arrow` returned, and
the next run that meets the *same* file (same path, size, modification and change times,
inode, first and last 64 KiB, marketplace, declared encoding, and the same reader code) reads
the table back instead of parsing again.

What the cache never does: it never writes into the account folder or touches a user's
file; it never holds buyer data (private columns are dropped and free text scrubbed by
:mod:`sellerkit.io.scrub` before a table is stored); it
never hides a bad file (only files that read without error are stored, and any change to a
file changes its key); a cache that cannot be read or written is passed over silently and
the file is parsed as usual.

Where: ``$SELLERKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sellerkit``, else
``~/.cache/sellerkit``. ``SELLERKIT_CACHE=off`` (or ``load_account(cache=False)``, or
``--no-cache``) turns it off. The folder is kept under :data:`MAX_BYTES`: the least recently
used tables are removed first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.ipc as ipc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._version import __version__
from sellerkit.marketplaces import Marketplace

if TYPE_CHECKING:  # the reading pipeline; a load the load cache holds never imports it
    from sellerkit.io.sniff import Sniffed

MIN_BYTES = 1024 * 1024
"""Files smaller than this are parsed every time (they parse in milliseconds)."""

MAX_BYTES = 4 * 1024**3
"""The cache folder's size limit; least recently used tables go first."""

_EDGE = 64 * 1024
_SUFFIX = ".arrow"
_CODE_MODULES = (
    "io/readers.py",
    "io/parse.py",
    "io/convert.py",
    "io/typed.py",
    "io/layouts.py",
    "io/cache.py",
    "io/sniff.py",
    "io/layouts_real.py",
    "io/layouts_canonical.py",
    "io/schema.py",
    "io/formats.py",
)
_code_digest: str | None = None


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    if os.environ.get("SELLERKIT_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    explicit = os.environ.get("SELLERKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sellerkit"


def code_digest(names: tuple[str, ...]) -> str:
    """A digest of sellerkit's version and the source of ``names`` (modules, or folders of
    modules, relative to the package), so changed code never reads what older code stored."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for name in names:
        path = root / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def hash_content(digest: Any, path: Path, size: int) -> None:
    """Feed a file's content to ``digest``: whole below :data:`MIN_BYTES`, else its first
    and last 64 KiB (with its size and times, enough to tell an edited file)."""
    with path.open("rb") as handle:
        if size < MIN_BYTES:
            digest.update(handle.read())
            return
        digest.update(handle.read(_EDGE))
        handle.seek(max(0, size - _EDGE))
        digest.update(handle.read(_EDGE))


def _reader_code() -> str:
    """A digest of the reading code, so a changed reader never reads an old table."""
    global _code_digest
    if _code_digest is None:
        _code_digest = code_digest(_CODE_MODULES)
    return _code_digest


def _key(sniffed: Sniffed, marketplace: Marketplace, encoding: str | None) -> str | None:
    """The file's cache key, or ``None`` for a file too small to be worth caching."""
    stat = sniffed.path.stat()
    if stat.st_size < MIN_BYTES:
        return None
    identity = (
        _reader_code(),
        str(sniffed.path.resolve()),
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
        stat.st_ino,
        str(sniffed.kind),
        sniffed.compression,
        marketplace.code,
        encoding,
    )
    digest = hashlib.sha256(repr(identity).encode())
    hash_content(digest, sniffed.path, stat.st_size)
    return digest.hexdigest()


def _load(path: Path) -> pa.Table | None:
    try:
        table = ipc.open_file(pa.memory_map(str(path))).read_all()
        os.utime(path)  # recently used
    except (OSError, pa.ArrowException):
        return None
    return table


def _store(folder: Path, path: Path, table: pa.Table) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with pa.OSFile(str(temp), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(temp, path)
        trim(folder)
    except (OSError, pa.ArrowException):
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def trim(folder: Path) -> None:
    """Remove the least recently used entries (parsed tables, and the loads of
    :mod:`sellerkit.io.load_cache`) until the folder is under :data:`MAX_BYTES`."""
    entries = []
    for entry in [*folder.glob(f"*{_SUFFIX}"), *folder.glob("*.load")]:
        try:
            stat = entry.stat()
            size = (
                sum(f.stat().st_size for f in entry.iterdir()) if entry.is_dir() else stat.st_size
            )
        except OSError:
            continue
        entries.append((stat.st_mtime, size, entry))
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries):
        if total <= MAX_BYTES:
            break
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        total -= size


def cached_read(
    sniffed: Sniffed,
    marketplace: Marketplace,
    encoding: str | None,
    read: Callable[[], pa.Table],
) -> pa.Table:
    """``read()``, or the table it returned for this very file on an earlier run.

    Parameters
    ----------
    sniffed
        The recognised file.
    marketplace, encoding
        What the reading depends on besides the file (part of the key).
    read
        Parses the file (:func:`~sellerkit.io.readers.read_arrow`); its errors propagate
        and nothing is stored for a file that fails.
    """
    folder = cache_dir()
    key = _key(sniffed, marketplace, encoding) if folder is not None else None
    if folder is None or key is None:
        return read()
    path = folder / f"{key}{_SUFFIX}"
    if path.exists():
        table = _load(path)
        if table is not None:
            return table
    table = read()
    _store(folder, path, table)
    return table
