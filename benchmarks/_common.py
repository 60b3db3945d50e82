"""Helpers shared by the benchmark scripts: cached inputs and interleaved timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sellerkit.datasets import AccountSpec

DATA = Path(__file__).resolve().parent / ".data"


def _spec(items: float, **kwargs: object) -> AccountSpec:
    """A year of a US account with about ``items`` order items (~1.15 per order)."""
    return AccountSpec(
        name="bench",
        title="Bench",
        marketplace="US",
        start=date(2025, 11, 1),
        end=date(2026, 10, 31),
        orders_per_day=items / 365 / 1.15,
        afn_share=0.4,
        products=20,
        **kwargs,
    )


def orders_file(items: int, seed: int = 1) -> Path:
    """A folder holding one All Orders report of exactly ``items`` rows (cached)."""
    from sellerkit.datasets import generate
    from sellerkit.datasets.write import ORDERS_COLUMNS, to_tsv

    folder = DATA / f"orders-{items}-{seed}"
    path = folder / "50000000001.txt"
    if path.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    spec = _spec(items * 1.02)  # a little spare, cut to exactly `items` below
    generated = generate(spec, seed=seed)
    rows = generated.items.iloc[:items]
    if len(rows) < items:
        raise RuntimeError(f"generated {len(rows)} rows, fewer than {items}")
    temp = path.with_suffix(".tmp")
    temp.write_text(to_tsv(rows, ORDERS_COLUMNS), encoding="utf-8")
    temp.rename(path)
    return folder


def account_folder(items: int, seed: int = 1) -> Path:
    """A folder holding a whole generated account of about ``items`` order items (cached):
    orders, feedback, claims, chargebacks, shipments, cancellations."""
    from sellerkit.datasets import Rates, generate, write_account

    folder = DATA / f"account-{items}-{seed}"
    if (folder / "account.toml").exists():
        return folder
    spec = _spec(items, business_share=0.06, rates=Rates(claim=0.003, chargeback=0.001))
    staging = DATA / f".account-{items}-{seed}.tmp"
    write_account(generate(spec, seed=seed), staging, report_ids=seed)
    staging.rename(folder)
    return folder


def interleaved(runs: int, **candidates: Callable[[], object]) -> dict[str, list[float]]:
    """Time each candidate ``runs`` times, alternating, after one warm-up each."""
    for func in candidates.values():
        func()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(runs):
        for name, func in candidates.items():
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    return times


PEAK_SUFFIX = """
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("PEAK", int(line.split()[1]) * 1024)
"""


def peak_memory(code: str, *args: str) -> tuple[int, str]:
    """Run ``code`` in a fresh Python process; return its peak resident memory in bytes
    (VmHWM: ru_maxrss would report the parent's peak, as it survives execve) and what it
    printed before."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code + PEAK_SUFFIX, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    return int(lines[-1].split()[1]), "\n".join(lines[:-1])


def check_same(ours: dict, theirs: dict, reference: str = "DuckDB") -> None:
    """Stop the benchmark when sellerkit's figures differ from the reference's."""
    if ours != theirs:
        diff = {
            k: (ours.get(k), theirs.get(k))
            for k in set(ours) | set(theirs)
            if ours.get(k) != theirs.get(k)
        }
        raise SystemExit(f"sellerkit and {reference} disagree: {diff}")


def median(values: list[float]) -> float:
    return statistics.median(values)


REAL_ORDERS_COLUMNS_NOTE = "All Orders layout without order-item-id (real-downloads.md §0)"


def overlapping_account(items: int, seed: int = 1, overlap: float = 0.2) -> Path:
    """A folder with about ``items`` All Orders rows in **two overlapping downloads** as
    sellers have them (cached), plus feedback, claims, chargebacks, shipments and
    cancellations.

    The downloads have no ``order-item-id`` (real-downloads.md §0); about 3 % of orders
    hold two identical rows (two items of one SKU); the first download covers the first
    ``0.5 + overlap / 2`` of the year and the second the rest with ``overlap`` of the year in
    common, taken the day after its range ends: orders of the overlap that changed after the
    first download show their old state there (Unshipped, older last-updated-date).
    """
    import dataclasses

    import numpy as np
    import pandas as pd

    from sellerkit.datasets import Rates, generate, write_account
    from sellerkit.datasets.write import ORDERS_COLUMNS, to_tsv

    folder = DATA / f"overlap-{items}-{seed}"
    if (folder / "account.toml").exists():
        return folder
    unique_items = items / (1 + overlap) / 1.03
    spec = _spec(unique_items, business_share=0.06, rates=Rates(claim=0.003, chargeback=0.001))
    generated = generate(spec, seed=seed)
    rows = generated.items
    rng = np.random.default_rng(seed)
    twice = rows.index[rng.random(len(rows)) < 0.03]
    rows = pd.concat([rows, rows.loc[twice]]).sort_index(kind="stable")
    staging = DATA / f".overlap-{items}-{seed}.tmp"
    write_account(dataclasses.replace(generated, items=rows.iloc[:0]), staging, report_ids=seed)
    for path in staging.glob("*.txt"):
        if path.read_text(encoding="utf-8").startswith("amazon-order-id"):
            path.unlink()  # the empty orders file: the two downloads are written below
    columns = tuple(c for c in ORDERS_COLUMNS if c != "order-item-id")
    days = rows["_day"].to_numpy().astype("datetime64[D]")
    first, last = days.min(), days.max()
    span = (last - first).astype(int)
    first_end = first + np.timedelta64(int(span * (0.5 + overlap / 2)), "D")
    second_start = first + np.timedelta64(int(span * (0.5 - overlap / 2)), "D")
    older = rows[days <= first_end].copy()
    downloaded = first_end + np.timedelta64(1, "D")
    update = older["_update_day"].to_numpy().astype("datetime64[D]")
    stale = update > downloaded
    older.loc[stale, ["order-status", "item-status"]] = "Unshipped"
    older.loc[stale, "last-updated-date"] = older.loc[stale, "purchase-date"]
    newer = rows[days >= second_start]
    for name, part in (("71000000001.txt", older), ("71000000002.txt", newer)):
        (staging / name).write_text(to_tsv(part, columns), encoding="utf-8")
    staging.rename(folder)
    return folder
