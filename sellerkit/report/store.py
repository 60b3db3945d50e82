"""The history store of batch runs: every account's figures of every run — sellerkit's
metrics and Amazon's performance-report snapshots — in one embedded DuckDB database
(``history.duckdb`` in the batch's output folder by default).

Written only by the process that coordinates a run (never by workers, so a Dask cluster run
records the same way). The database carries its schema version; a store of another version
is migrated when sellerkit knows how, else refused with a message — never misread.

Tables (schema 1)
-----------------
``sellerkit_store(schema_version)``
    One row: the schema's version.
``runs(run, started, sellerkit_version)``
    One row per batch run (``run``: the run's ISO time stamp).
``figures(run, account, as_of, metric, title, rate, numerator, denominator, status, target,
condition, small_sample)``
    One row per account and headline metric of a run.
``snapshots(account, day, source, account_status, ahr_status, ahr_score, document)``
    One row per Amazon performance report seen (the snapshot's JSON in ``document``), kept
    once per account, day and source.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sellerkit.errors import InputError

SCHEMA_VERSION = 1
"""The store's schema version this sellerkit writes and reads."""

STORE_NAME = "history.duckdb"
"""The store's file name in a batch's output folder."""

_TABLES = """
CREATE TABLE IF NOT EXISTS sellerkit_store (schema_version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run VARCHAR PRIMARY KEY, started VARCHAR, sellerkit_version VARCHAR);
CREATE TABLE IF NOT EXISTS figures (
    run VARCHAR NOT NULL, account VARCHAR NOT NULL, as_of DATE, metric VARCHAR NOT NULL,
    title VARCHAR, rate DOUBLE, numerator BIGINT, denominator BIGINT, status VARCHAR,
    target DOUBLE, condition VARCHAR, small_sample BOOLEAN,
    PRIMARY KEY (run, account, metric));
CREATE TABLE IF NOT EXISTS snapshots (
    account VARCHAR NOT NULL, day DATE NOT NULL, source VARCHAR NOT NULL,
    account_status VARCHAR, ahr_status VARCHAR, ahr_score DOUBLE, document VARCHAR,
    PRIMARY KEY (account, day, source));
"""

MIGRATIONS: dict[int, str] = {}
"""SQL that brings a store of schema ``n`` to ``n + 1`` (none yet: schema 1 is the first)."""


class StoreError(InputError):
    """The history store cannot be used as it is (another schema, not a sellerkit store)."""


def _connect(path: Path, read_only: bool = False) -> Any:
    import duckdb

    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise StoreError(
            "cannot open the history store:",
            file=path,
            value=str(error).splitlines()[0][:300],
            expected="a DuckDB database written by sellerkit batch",
            fix="give --store the history.duckdb of a batch output folder, or a new path",
        ) from None


def check_store_path(path: Path) -> None:
    """Stop before a batch renders anything when its store cannot be written: a folder, a
    path in a missing folder, a place this user cannot write.

    Raises
    ------
    StoreError
        With the path and what to give instead.
    """
    if path.is_dir():
        raise StoreError(
            "--store names a folder, not a database file:",
            value=str(path),
            fix=f"give a file such as {path / STORE_NAME}",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(
            "the history store's folder does not exist:",
            value=str(parent),
            fix="create the folder, or give --store a path in an existing one",
        )
    target = path if path.exists() else parent
    if not os.access(target, os.W_OK):
        raise StoreError(
            "the history store cannot be written here:",
            value=str(path),
            fix="give --store a path you can write",
        )


def _version(connection: Any, path: Path) -> int | None:
    """The store's schema version, None for an empty database.

    Raises
    ------
    StoreError
        The database holds tables but is not a sellerkit store.
    """
    tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    if not tables:
        return None
    if "sellerkit_store" not in tables:
        raise StoreError(
            "is a DuckDB database but not a sellerkit history store:",
            file=path,
            value=", ".join(sorted(tables))[:80],
            expected="the tables sellerkit batch writes",
            fix="give --store a new path or the history.duckdb of a batch output folder",
        )
    row = connection.execute("SELECT max(schema_version) FROM sellerkit_store").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _checked(connection: Any, path: Path, writable: bool) -> None:
    """Create, migrate or refuse the store's schema."""
    version = _version(connection, path)
    if version is None:
        if writable:
            connection.execute(_TABLES)
            connection.execute("INSERT INTO sellerkit_store VALUES (?)", [SCHEMA_VERSION])
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"was written by a newer sellerkit (store schema {version}; this sellerkit "
            f"reads schema {SCHEMA_VERSION}):",
            file=path,
            fix="upgrade sellerkit (pip install -U sellerkit), or give --store a new path",
        )
    if version < SCHEMA_VERSION:
        missing = [v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS]
        if missing:
            raise StoreError(
                f"has store schema {version}, which this sellerkit cannot migrate to schema "
                f"{SCHEMA_VERSION}:",
                file=path,
                fix="keep the old store with the sellerkit that wrote it, and give --store a "
                "new path",
            )
        if not writable:
            raise StoreError(
                f"has store schema {version}; the next batch run migrates it to schema "
                f"{SCHEMA_VERSION}:",
                file=path,
                fix="run sellerkit batch with this --store once",
            )
        for step in range(version, SCHEMA_VERSION):
            connection.execute(MIGRATIONS[step])
        connection.execute("UPDATE sellerkit_store SET schema_version = ?", [SCHEMA_VERSION])


@dataclass(frozen=True)
class Figure:
    """One account's headline metric in one run, as the store keeps it."""

    run: str
    as_of: str
    metric: str
    title: str
    rate: float | None
    numerator: int
    denominator: int
    status: str
    target: float | None
    condition: str | None
    small_sample: bool


def record_run(
    path: Path, run: str, version: str, accounts: Mapping[str, Mapping[str, Any]]
) -> None:
    """Record one batch run: each account's headline figures and the Amazon snapshots in its
    figures (``summary.json``'s ``metrics`` and ``snapshots``). Recording a run twice
    replaces its rows."""
    connection = _connect(path)
    try:
        _checked(connection, path, writable=True)
        connection.execute("BEGIN TRANSACTION")
        connection.execute("DELETE FROM figures WHERE run = ?", [run])
        connection.execute("DELETE FROM runs WHERE run = ?", [run])
        connection.execute("INSERT INTO runs VALUES (?, ?, ?)", [run, run, version])
        rows, snaps = [], []
        for account, figures in accounts.items():
            as_of = figures.get("asOf")
            for key, metric in (figures.get("metrics") or {}).items():
                rows.append(
                    [
                        run,
                        account,
                        as_of,
                        key,
                        metric.get("title"),
                        metric.get("rate"),
                        metric.get("numerator"),
                        metric.get("denominator"),
                        metric.get("status"),
                        metric.get("target"),
                        metric.get("condition"),
                        bool(metric.get("smallSample")),
                    ]
                )
            for snap in figures.get("snapshots") or []:
                snaps.append(
                    [
                        account,
                        snap["date"],
                        snap["source"],
                        snap.get("accountStatus"),
                        snap.get("ahrStatus"),
                        snap.get("ahrScore"),
                        json.dumps(snap, sort_keys=True),
                    ]
                )
        if rows:
            connection.executemany(
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
        if snaps:
            connection.executemany(
                "INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?)", snaps
            )
        connection.execute("COMMIT")
    finally:
        connection.close()


def read_figures(path: Path, accounts: Iterable[str] | None = None) -> dict[str, list[Figure]]:
    """Every stored figure by account, oldest run first (an absent store: nothing)."""
    if not Path(path).is_file():
        return {}
    connection = _connect(path, read_only=True)
    try:
        _checked(connection, path, writable=False)
        if _version(connection, path) is None:  # an empty database: no run yet
            return {}
        rows = connection.execute(
            "SELECT account, run, CAST(as_of AS VARCHAR), metric, title, rate, numerator, "
            "denominator, status, target, condition, small_sample FROM figures "
            "ORDER BY account, run, rowid"
        ).fetchall()
    finally:
        connection.close()
    wanted = None if accounts is None else set(accounts)
    out: dict[str, list[Figure]] = {}
    for account, *values in rows:
        if wanted is None or account in wanted:
            out.setdefault(account, []).append(Figure(*values))
    return out


def read_snapshots(path: Path, account: str) -> list[dict[str, Any]]:
    """The Amazon snapshots stored for ``account``, in date order (then file name)."""
    connection = _connect(path, read_only=True)
    try:
        _checked(connection, path, writable=False)
        if _version(connection, path) is None:
            return []
        rows = connection.execute(
            "SELECT document FROM snapshots WHERE account = ? ORDER BY day, source", [account]
        ).fetchall()
    finally:
        connection.close()
    return [json.loads(row[0]) for row in rows]


def account_history(path: Path, account: str) -> dict[str, Any]:
    """What ``sellerkit history --store PATH ACCOUNT`` prints: the account's runs (each
    metric's rate, counts and status) and Amazon's snapshots.

    Raises
    ------
    StoreError
        The store is missing, not a sellerkit store, of another schema, or does not hold the
        account (the message lists the accounts it holds).
    """
    if not Path(path).is_file():
        raise StoreError(
            "no history store at",
            value=str(path),
            expected="the history.duckdb a batch run writes in its output folder",
            fix="run sellerkit batch first, or give --store the right path",
        )
    figures = read_figures(path)
    if account not in figures:
        known = ", ".join(sorted(figures)) or "none"
        raise StoreError(
            "the history store holds no account named",
            file=path,
            value=account,
            expected=f"one of: {known}"[:300],
            fix="give the account's folder name as batch saw it",
        )
    runs: dict[str, dict[str, Any]] = {}
    for figure in figures[account]:
        run = runs.setdefault(figure.run, {"run": figure.run, "asOf": figure.as_of, "metrics": {}})
        run["metrics"][figure.metric] = {
            "title": figure.title,
            "rate": figure.rate,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "status": figure.status,
            "smallSample": figure.small_sample,
        }
    return {
        "account": account,
        "runs": list(runs.values()),
        "snapshots": read_snapshots(path, account),
    }
