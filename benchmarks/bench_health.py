"""health() and a 365-day history vs DuckDB on the same in-memory tables (issue 2).

Claims, on an account of 1,000,000 order items (all six kinds of file):
- one ``sellerkit.health()`` takes at most 1.0x the time DuckDB needs to compute the same
  metrics over the same in-memory tables, measured side by side in one run;
- a 365-day ``sellerkit.history()`` takes at most 3x one ``health()``;
- peak memory is reported.

    python benchmarks/bench_health.py [--items N] [--runs R]

``health()`` is timed from scratch: its per-order facts are derived on every call (sellerkit
keeps no cache between calls, issue 15). The DuckDB
queries implement the data contract's rules in SQL, independently of sellerkit.metrics, and
the script checks that both give the same figures before comparing times.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import account_folder, check_same, interleaved, median, peak_memory
from _metrics_sql import SQL

import sellerkit

_PEAK = """
import sys, sellerkit
account = sellerkit.load_account(sys.argv[1], warn=False, cache=False)
sellerkit.health(account)
sellerkit.history(account)
"""


def _arrow_tables(account: sellerkit.Account) -> dict[str, pa.Table]:
    return {
        name: pa.Table.from_pandas(getattr(account, name), preserve_index=False)
        for name in ("orders", "feedback", "claims", "chargebacks", "shipments", "cancellations")
    }


def _ours(result: sellerkit.AccountHealth) -> dict[tuple[str, str], tuple[int, int]]:
    out = {}
    for rate in result.rates:
        if rate.rule.key == "unitOnTimeDeliveryRate":
            continue  # the reference SQL counts packages only
        key = {
            "orderDefectRate": "odr",
            "lateShipmentRate": f"lsr{rate.rule.window_days}",
            "preFulfillmentCancellationRate": "pfcr",
            "validTrackingRate": "vtr",
            "onTimeDeliveryRate": "otdr",
        }[rate.rule.key]
        scope = {
            "mfn": "MFN",
            "afn": "AFN",
            "business-mfn": "MFN-business",
            "business-afn": "AFN-business",
        }.get(rate.scope, rate.scope)
        if rate.denominator:
            out[key, scope] = (rate.numerator, rate.denominator)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder = account_folder(args.items)
    account = sellerkit.load_account(folder, warn=False)
    as_of = account.last_order_day
    _ = account.orders  # an input table of both sides
    connection = duckdb.connect()
    connection.execute("SET threads TO 2")
    for name, table in _arrow_tables(account).items():
        connection.register(name, table)

    def reference():
        return connection.execute(SQL, {"as_of": as_of}).fetchall()

    def health_cold():
        return sellerkit.health(account, as_of)

    def history_cold():
        return sellerkit.history(account, as_of - timedelta(days=364), as_of)

    rows = reference()
    theirs = {(m, scope): (int(num), int(den)) for m, scope, num, den, *_ in rows if den}
    ours = _ours(health_cold())
    check_same(ours, theirs)

    times = interleaved(
        args.runs,
        duckdb=reference,
        health=health_cold,
        history=history_cold,
    )
    ref, cold = median(times["duckdb"]), median(times["health"])
    hist = median(times["history"])
    peak, _ = peak_memory(_PEAK, str(folder))
    print(
        json.dumps(
            {
                "benchmark": "health",
                "orderItems": len(account.order_items),
                "orders": len(account.orders),
                "asOf": str(as_of),
                "sameFiguresAsDuckDB": True,
                "duckdbSeconds": round(ref, 3),
                "healthSeconds": round(cold, 3),
                "healthRatio": round(cold / ref, 2),
                "healthTarget": "<= 1.0",
                "history365Seconds": round(hist, 3),
                "historyRatio": round(hist / cold, 2),
                "historyTarget": "<= 3.0",
                "peakMemoryMB": round(peak / 1e6),
                "meetsTargets": cold / ref <= 1.0 and hist / cold <= 3.0,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
