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


def median(values: list[float]) -> float:
    return statistics.median(values)
