"""Breakdowns over 10 dimensions vs plain pandas group sizes on the same rows (issue 3).

Claim: on a 1,000,000-item account, ``sellerkit.causes.scan`` of the Order Defect Rate by
10 dimensions takes at most 3x a plain ``groupby(dimension).size()`` over the same 10
dimensions, measured in the same run.

    python benchmarks/bench_causes.py [--items N]

The reference groups a frame that already holds the 10 dimension columns (attached once,
outside the timing); sellerkit's time includes deriving the account's facts and the
dimensions' codes (nothing is kept between calls, issue 15), finding the units, attaching
the dimensions, the intervals, shrinkage, exact tests and false-discovery control.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import account_folder, interleaved, median

import sellerkit
from sellerkit import causes
from sellerkit.causes.dimensions import Codes, attach
from sellerkit.causes.units import units

DIMENSIONS = (
    "sku",
    "asin",
    "fulfillment_channel",
    "carrier",
    "ship_service_level",
    "ship_state",
    "ship_country",
    "order_weekday",
    "order_week",
    "business",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    account = sellerkit.load_account(account_folder(args.items), warn=False)
    _ = account.orders
    plan = {"orderDefectRate": DIMENSIONS}
    base = units(account, "orderDefectRate")
    codes = Codes(account)
    frames = {name: attach(codes, base, [name]) for name in DIMENSIONS}

    def reference():
        return [frames[name].groupby(name, observed=True).size() for name in DIMENSIONS]

    def ours():
        return causes.scan(account, plan)

    prepared = causes.basis(account)

    def ours_prepared():  # the widget's case: many picks on one unchanged account
        return causes.scan(account, plan, basis=prepared)

    ours_prepared()  # its codes, derived on first use
    times = interleaved(args.runs, pandas=reference, sellerkit=ours, prepared=ours_prepared)
    ref, sk = median(times["pandas"]), median(times["sellerkit"])
    warm = median(times["prepared"])
    print(
        json.dumps(
            {
                "benchmark": "causes",
                "orderItems": len(account.order_items),
                "units": len(base),
                "dimensions": len(DIMENSIONS),
                "rows": len(ours()),
                "pandasSeconds": round(ref, 3),
                "sellerkitSeconds": round(sk, 3),
                "ratio": round(sk / ref, 2),
                "withBasisSeconds": round(warm, 3),
                "withBasisRatio": round(warm / ref, 2),
                "target": "<= 3.0",
                "meetsTargets": sk / ref <= 3.0,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
