"""The reference of the end-to-end benchmark: DuckDB reads an account's files with its own
CSV reader and computes the data contract's metrics (issue 12).

    python benchmarks/duckdb_metrics.py FOLDER AS_OF

It is told which file is which (the benchmark wrote them), combines the All Orders downloads
as snapshots of whole orders (decision 9: each order's rows from the download with its
newest last-updated-date, ties to the name that sorts last; every row of that download
kept), takes days in the US marketplace's zone, and prints the rows of
``_metrics_sql.SQL`` as JSON. Written independently of sellerkit, which it never imports.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _metrics_sql import SQL

ZONE = "America/Los_Angeles"


def _files(folder: Path) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for path in sorted(folder.iterdir()):
        with path.open(encoding="utf-8") as handle:
            header = handle.readline().lower()
        for kind, marker in (
            ("orders", "amazon-order-id\t"),
            ("feedback", "rating\t"),
            ("claims", "claim-status"),
            ("chargebacks", "chargeback-status"),
            ("shipments", "latest-ship-date"),
            ("cancellations", "buyer-requested"),
        ):
            if marker in header:
                kinds.setdefault(kind, []).append(str(path))
                break
    return kinds


def _csv(files: list[str]) -> str:
    return f"read_csv({files!r}, header=true, all_varchar=true)"


def main() -> None:
    folder, as_of = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    files = _files(folder)
    db = duckdb.connect()
    db.execute("SET threads TO 2")
    db.execute(f"SET TimeZone = '{ZONE}'")
    tsv = "delim='\\t', quote='', escape='', header=true, all_varchar=true"
    db.execute(
        f"""
        CREATE TEMP TABLE items AS
        WITH raw AS (
            SELECT "amazon-order-id" AS order_id, filename,
                   "purchase-date"::TIMESTAMPTZ AS purchase,
                   "last-updated-date"::TIMESTAMPTZ AS updated,
                   "order-status" AS status, "fulfillment-channel" AS fulfilment,
                   "is-business-order" = 'true' AS business
            FROM read_csv({files["orders"]!r}, {tsv}, filename=true)),
        newest AS (
            SELECT order_id, arg_max(filename, (updated, filename)) AS filename
            FROM (SELECT order_id, filename, max(updated) AS updated FROM raw GROUP BY ALL)
            GROUP BY order_id)
        SELECT raw.* FROM raw JOIN newest USING (order_id, filename)
        """
    )
    db.execute(
        f"""
        CREATE TEMP VIEW orders AS
        SELECT order_id, (any_value(purchase) AT TIME ZONE '{ZONE}')::DATE AS order_date,
               CASE any_value(fulfilment) WHEN 'Merchant' THEN 'MFN' ELSE 'AFN' END AS channel,
               any_value(business) AS is_business_order,
               any_value(status) LIKE 'Cancelled%' AS is_cancelled,
               any_value(updated) AT TIME ZONE '{ZONE}' AS last_updated_date
        FROM items GROUP BY order_id
        """
    )
    fb = f"read_csv({files['feedback']!r}, {tsv})"
    db.execute(
        f"""CREATE TEMP VIEW feedback AS SELECT "Order ID" AS order_id,
            "Rating"::INT AS rating, strptime("Date", '%m/%d/%y')::DATE AS date FROM {fb}"""
    )
    db.execute(
        f"""CREATE TEMP VIEW claims AS SELECT "order-id" AS order_id,
            "claim-date"::DATE AS claim_date, "claim-reason" AS claim_reason,
            "claim-status" AS claim_status, "buy-shipping"::BOOLEAN AS buy_shipping
            FROM {_csv(files["claims"])}"""
    )
    db.execute(
        f"""CREATE TEMP VIEW chargebacks AS SELECT "order-id" AS order_id,
            "chargeback-date"::DATE AS chargeback_date,
            "chargeback-reason" AS chargeback_reason, "chargeback-status" AS chargeback_status
            FROM {_csv(files["chargebacks"])}"""
    )
    db.execute(
        f"""CREATE TEMP VIEW shipments AS SELECT "order-id" AS order_id,
            "latest-ship-date"::DATE AS latest_ship_date, "ship-date"::DATE AS ship_date,
            "tracking-number" AS tracking_number, "first-scan-date"::DATE AS first_scan_date,
            "promised-delivery-date"::DATE AS promised_delivery_date,
            "delivery-date"::DATE AS delivery_date, "product-category" AS product_category
            FROM {_csv(files["shipments"])}"""
    )
    db.execute(
        f"""CREATE TEMP VIEW cancellations AS SELECT "order-id" AS order_id,
            "cancel-date"::DATE AS cancel_date, "buyer-requested"::BOOLEAN AS buyer_requested
            FROM {_csv(files["cancellations"])}"""
    )
    rows = db.execute(SQL, {"as_of": as_of}).fetchall()
    print(json.dumps([[str(v) if isinstance(v, date) else v for v in row] for row in rows]))


if __name__ == "__main__":
    main()
