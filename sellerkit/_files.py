"""Writing files so that a reader never sees half of one.

Every file sellerkit writes (reports, the portfolio, exported tables, sample accounts) goes
to a temporary file beside its target and replaces the target only once complete; on any
error the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sellerkit.errors import InputError


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(
    target: str | Path,
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """A stream to a temporary file that replaces ``target`` when the block ends without
    error, with the permissions a new file gets (``0o666`` less the umask). The target's
    folder is created when missing."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if "b" in mode:
            stream = os.fdopen(handle, mode)
        else:
            stream = os.fdopen(handle, mode, encoding=encoding, newline=newline)
        with stream:
            yield stream
        os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_atomic(target: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``target`` atomically."""
    with atomic_open(target, "wb" if isinstance(data, bytes) else "w") as stream:
        stream.write(data)


def refuse_inside(target: str | Path, folder: str | Path, fix: str) -> None:
    """Stop when ``target`` is ``folder`` or lies inside it (links resolved): sellerkit
    never writes among a user's downloads.

    Raises
    ------
    InputError
        Naming ``target`` and saying how to fix it.
    """
    place, source = Path(target).resolve(), Path(folder).resolve()
    if place == source or source in place.parents:
        raise InputError(
            "is the account folder (or inside it); sellerkit never writes among your downloads",
            file=target,
            fix=fix,
        )
