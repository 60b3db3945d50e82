"""Loading a large All Orders report vs pyarrow's CSV reader on the same file (issue 7).

Claim: ``sellerkit.load_account`` on a folder with one 1,000,000-item All Orders report takes
at most 1.5x the time ``pyarrow.csv.read_csv`` needs to read the same file, measured in the
same run; peak memory of a process that loads it stays under 2 GB.

    python benchmarks/bench_load_orders.py [--items N] [--runs R]

The reference reads the file as Amazon writes it (tab-separated, unquoted) with pyarrow's own
type inference. sellerkit does more: it validates every cell against the data contract, takes
days in the marketplace's time zone, removes repeated rows, builds the order-level table and
checks data quality. The order-level table (``Account.orders``) is derived on first use; its
cost is reported as well. Prints medians and ratios; it asserts nothing (machines are noisy).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import interleaved, median, orders_file, peak_memory

import sellerkit

TARGET = 1.5
MEMORY_LIMIT = 2 * 1024**3

_PEAK = """
import sys, sellerkit
account = sellerkit.load_account(sys.argv[1], warn=False, cache=False)
print(len(account.order_items))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder = orders_file(args.items)
    path = next(folder.glob("*.txt"))
    size = path.stat().st_size
    parse = pacsv.ParseOptions(delimiter="\t", quote_char=False)

    def reference() -> object:
        return pacsv.read_csv(path, parse_options=parse)

    # Parsing is what is compared: no parse or load cache (sellerkit.io.cache,
    # sellerkit.io.load_cache). The cached load is reported beside it.
    def ours() -> object:
        return sellerkit.load_account(folder, warn=False, cache=False)

    def ours_with_orders() -> object:
        return sellerkit.load_account(folder, warn=False, cache=False).orders

    def ours_cached() -> object:
        return sellerkit.load_account(folder, warn=False).orders

    times = interleaved(
        args.runs,
        pyarrow=reference,
        sellerkit=ours,
        sellerkit_orders=ours_with_orders,
        sellerkit_cached=ours_cached,
    )
    ref, sk = median(times["pyarrow"]), median(times["sellerkit"])
    sk_orders = median(times["sellerkit_orders"])
    peak, printed = peak_memory(_PEAK, str(folder))
    rows = int(printed)
    result = {
        "benchmark": "load_orders",
        "items": rows,
        "fileMB": round(size / 1e6, 1),
        "runs": args.runs,
        "pyarrowSeconds": round(ref, 3),
        "sellerkitSeconds": round(sk, 3),
        "ratio": round(sk / ref, 2),
        "target": f"<= {TARGET}",
        "withOrderTableSeconds": round(sk_orders, 3),
        "withOrderTableRatio": round(sk_orders / ref, 2),
        "cachedLoadSeconds": round(median(times["sellerkit_cached"]), 3),
        "peakMemoryMB": round(peak / 1e6),
        "memoryTarget": f"< {MEMORY_LIMIT / 1e6:.0f}",
        "meetsTargets": sk / ref <= TARGET and peak < MEMORY_LIMIT,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
