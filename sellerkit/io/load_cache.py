"""A cache of whole loads: the clean tables of an account folder that has not changed.

Loading combines every download, feeds the canonical tables and checks the data; the result
depends only on the folder's files, ``account.toml``, the marketplace asked for, the day
(future-dated rows) and sellerkit's loading code. When all of these are the same as for an
earlier load, the tables and the data-quality summary of that load are read back (Arrow IPC,
memory-mapped) instead of being built again: the report notebook, ``sellerkit batch`` and a
second ``sellerkit metrics`` on the same folder pay for one load.

The key covers, for every entry of the folder: its name, size, modification and change
times, inode, and its content (whole for files under
:data:`~sellerkit.io.cache.MIN_BYTES`, else the first and last 64 KiB); the current day in
every marketplace's time zone (or the ``today`` given); the marketplace given; and the
digest of sellerkit's loading modules. Anything else — a new file, an edited one, a new day —
is a new key. It lives beside the parse cache (:func:`~sellerkit.io.cache.cache_dir`), holds
no buyer data (private columns are never read, free text is scrubbed on read), never
writes into the account folder, and a cache that cannot be read or written is passed over
silently. ``SELLERKIT_CACHE=off``,
``load_account(cache=False)`` or ``--no-cache`` turn it off with the parse cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.ipc as ipc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import to_frame
from sellerkit.account import Account
from sellerkit.io.cache import cache_dir, code_digest, hash_content, trim
from sellerkit.marketplaces import MARKETPLACES, get_marketplace
from sellerkit.quality import DataQuality, QualityIssue

_SUFFIX = ".load"
_TABLES = (
    "files",
    "order_items",
    "orders",
    "feedback",
    "claims",
    "chargebacks",
    "shipments",
    "cancellations",
)
_CODE = (
    "io",
    "account.py",
    "quality.py",
    "marketplaces.py",
    "errors.py",
    "rules.py",
    "vocabulary.py",
    "_arrow.py",
)
_code_digest: str | None = None


def _loading_code() -> str:
    """A digest of every module a load runs, so changed code never reads an old load."""
    global _code_digest
    if _code_digest is None:
        _code_digest = code_digest(_CODE)
    return _code_digest


def _entry(path: Path, digest: Any) -> None:
    stat = path.stat()
    digest.update(
        repr((path.name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)).encode()
    )
    if path.is_file():
        hash_content(digest, path, stat.st_size)


def key(folder: Path, marketplace: str | None, today: date | None) -> str | None:
    """The key of a load of ``folder``, or ``None`` when it cannot be formed (the folder is
    missing or a file cannot be read: the load itself will say why)."""
    digest = hashlib.sha256(_loading_code().encode())
    days = (
        [today.isoformat()]
        if today is not None
        else sorted(
            {datetime.now(ZoneInfo(m.timezone)).date().isoformat() for m in MARKETPLACES.values()}
        )
    )
    digest.update(repr((str(folder.resolve()), marketplace, days)).encode())
    try:
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            _entry(path, digest)
    except OSError:
        return None
    return digest.hexdigest()


def _write_table(frame: pd.DataFrame, target: Path) -> dict[str, Any]:
    """Write ``frame``; returns its text category columns' categories, which Arrow does not
    keep for a column without rows (an empty table still has its categories)."""
    # One record batch: read back, each column is then one buffer that pandas takes
    # without copying (a column in many chunks is concatenated on every read).
    table = pa.Table.from_pandas(frame, preserve_index=False).combine_chunks()
    with pa.OSFile(str(target), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    categories = {}
    for name, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and all(
            isinstance(value, str) for value in dtype.categories
        ):
            categories[str(name)] = {
                "values": list(dtype.categories),
                "dtype": str(dtype.categories.dtype),
                "ordered": bool(dtype.ordered),
            }
    return categories


def _read_table(source: Path, categories: dict[str, Any]) -> pd.DataFrame:
    table = ipc.open_file(pa.memory_map(str(source))).read_all()
    # Numbers and days stay views of the memory map (no 2-D block copy); load_account
    # copies them only for callers that set cells.
    frame = to_frame(table)
    for name, spec in categories.items():
        index = pd.Index(spec["values"], dtype=spec["dtype"])
        dtype = pd.CategoricalDtype(index, ordered=spec["ordered"])
        if frame[name].dtype != dtype:  # Arrow kept them unless the column had no rows
            frame[name] = frame[name].astype(dtype)
    return frame


def store(load_key: str | None, account: Account) -> None:
    """Keep ``account``'s tables and data quality under ``load_key`` (never raises)."""
    folder = cache_dir()
    if load_key is None or folder is None:
        return
    target = folder / f"{load_key}{_SUFFIX}"
    temp = folder / f".{load_key}.{os.getpid()}.tmp"
    try:
        temp.mkdir(parents=True, exist_ok=True)
        categories = {
            name: _write_table(getattr(account, name), temp / f"{name}.arrow") for name in _TABLES
        }
        quality = account.quality
        meta = {
            "name": account.name,
            "marketplace": account.marketplace.code,
            "seller_id": account.seller_id,
            "today": account.today.isoformat(),
            "performance": account.performance,
            "issues": [asdict(issue) for issue in quality.issues],
            "unrecognised_files": quality.unrecognised_files,
            "notes": quality.notes,
            "categories": categories,
        }
        (temp / "meta.json").write_text(json.dumps(meta, default=str), encoding="utf-8")
        os.replace(temp, target)
        trim(folder)
    except (OSError, TypeError, ValueError, pa.ArrowException):
        pass
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)


def lookup(load_key: str | None, path: Path) -> Account | None:
    """The account a load under ``load_key`` gave, or ``None``."""
    folder = cache_dir()
    if load_key is None or folder is None:
        return None
    source = folder / f"{load_key}{_SUFFIX}"
    if not source.is_dir():
        return None
    try:
        meta = json.loads((source / "meta.json").read_text(encoding="utf-8"))
        tables = {
            name: _read_table(source / f"{name}.arrow", meta["categories"][name])
            for name in _TABLES
        }
        os.utime(source)  # recently used
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None
    quality = DataQuality(
        issues=[
            QualityIssue(
                **{**issue, "examples": tuple(issue["examples"]), "files": tuple(issue["files"])}
            )
            for issue in meta["issues"]
        ],
        unrecognised_files=[tuple(item) for item in meta["unrecognised_files"]],
        notes=list(meta["notes"]),
    )
    orders = tables.pop("orders")
    account = Account(
        name=meta["name"],
        path=path,
        marketplace=get_marketplace(meta["marketplace"]),
        seller_id=meta["seller_id"],
        today=date.fromisoformat(meta["today"]),
        performance=meta["performance"],
        quality=quality,
        files=tables["files"],
        order_items=tables["order_items"],
        feedback=tables["feedback"],
        claims=tables["claims"],
        chargebacks=tables["chargebacks"],
        shipments=tables["shipments"],
        cancellations=tables["cancellations"],
    )
    account.__dict__["orders"] = orders  # Account.orders is a cached property
    return account
