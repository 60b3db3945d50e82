"""health() and a 365-day history vs DuckDB on the same in-memory tables (issue 2).

Claims, on an account of 1,000,000 order items (all six kinds of file):
- one ``sellerkit.health()`` takes at most 1.0x the time DuckDB needs to compute the same
  metrics over the same in-memory tables, measured side by side in one run;
- a 365-day ``sellerkit.history()`` takes at most 3x one ``health()``;
- peak memory is reported.

    python benchmarks/bench_health.py [--items N] [--runs R]

``health()`` is timed from scratch (its per-order facts are derived anew each run, as for a
freshly loaded account); the time with facts already derived is reported too. The DuckDB
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
from _common import account_folder, interleaved, median, peak_memory

import sellerkit
from sellerkit.metrics.facts import clear_cache

SQL = """
WITH
o AS (SELECT order_id, order_date::DATE AS d, channel::VARCHAR AS ch, is_business_order AS biz,
             is_cancelled AS cancelled, CAST(last_updated_date AS DATE) AS upd FROM orders),
pk AS (SELECT s.* FROM shipments s JOIN o USING (order_id) WHERE o.ch = 'MFN'),
ship AS (SELECT order_id, min(latest_ship_date)::DATE AS latest,
                max(coalesce(ship_date::DATE, DATE '9999-12-31')) AS last_ship
         FROM pk GROUP BY order_id),
f AS (SELECT DISTINCT order_id FROM feedback WHERE rating <= 2 AND date::DATE <= $as_of),
c AS (SELECT DISTINCT c.order_id FROM claims c LEFT JOIN ship USING (order_id)
      WHERE c.claim_date::DATE <= $as_of AND c.claim_status::VARCHAR IN ('pending',
        'granted-seller-funded', 'granted-amazon-funded', 'refunded-after-claim',
        'withdrawn-after-grant')
        AND NOT (c.claim_reason::VARCHAR = 'not-received' AND c.buy_shipping
                 AND coalesce(ship.last_ship <= ship.latest, false))),
b AS (SELECT DISTINCT order_id FROM chargebacks WHERE chargeback_date::DATE <= $as_of
      AND chargeback_reason::VARCHAR = 'service'
      AND chargeback_status::VARCHAR IN ('open', 'refunded', 'represented-lost')),
odr AS (SELECT o.ch, o.biz, f.order_id IS NOT NULL AS nf, c.order_id IS NOT NULL AS cl,
               b.order_id IS NOT NULL AS cb
        FROM o LEFT JOIN f USING (order_id) LEFT JOIN c USING (order_id)
               LEFT JOIN b USING (order_id)
        WHERE o.d BETWEEN $as_of - 73 AND $as_of - 14),
cx AS (SELECT order_id, bool_or(buyer_requested) AS buyer,
              min(CASE WHEN NOT buyer_requested THEN cancel_date::DATE END) AS seller_day
       FROM cancellations GROUP BY order_id),
late AS (SELECT s.latest, s.last_ship > s.latest AS is_late FROM ship s
         JOIN o USING (order_id) WHERE NOT o.cancelled),
pv AS (SELECT promised_delivery_date::DATE AS promised, ship_date::DATE AS shipped,
              CASE WHEN tracking_number IS NOT NULL AND trim(tracking_number) <> ''
                    AND coalesce(first_scan_date, delivery_date) IS NOT NULL
                   THEN greatest(least(coalesce(first_scan_date::DATE, DATE '9999-12-31'),
                                       coalesce(delivery_date::DATE, DATE '9999-12-31')),
                                 ship_date::DATE) END AS valid_day,
              delivery_date::DATE AS delivered,
              coalesce(product_category::VARCHAR, '(none)') AS category
       FROM pk WHERE promised_delivery_date IS NOT NULL)
SELECT 'odr' AS m, ch || CASE WHEN b THEN '-business' ELSE '' END AS scope,
       count(*) FILTER (WHERE nf OR cl OR cb) AS num, count(*) AS den,
       count(*) FILTER (WHERE nf) AS nf, count(*) FILTER (WHERE cl) AS cl,
       count(*) FILTER (WHERE cb) AS cb
FROM (SELECT ch, false AS b, nf, cl, cb FROM odr UNION ALL
      SELECT ch, true AS b, nf, cl, cb FROM odr WHERE biz) GROUP BY ALL
UNION ALL
SELECT 'lsr' || w, '', count(*) FILTER (WHERE is_late), count(*), 0, 0, 0
FROM late, (VALUES (10), (30)) t(w) WHERE latest BETWEEN $as_of - w + 1 AND $as_of GROUP BY w
UNION ALL
SELECT 'pfcr', '', count(*) FILTER (WHERE o.cancelled AND NOT coalesce(cx.buyer, false)
         AND coalesce(cx.seller_day, o.upd) <= $as_of), count(*), 0, 0, 0
FROM o LEFT JOIN cx USING (order_id) WHERE o.ch = 'MFN' AND o.d BETWEEN $as_of - 6 AND $as_of
UNION ALL
SELECT 'vtr', category, count(*) FILTER (WHERE valid_day <= $as_of), count(*), 0, 0, 0
FROM pv WHERE promised BETWEEN $as_of - 29 AND $as_of AND shipped <= $as_of GROUP BY ALL
UNION ALL
SELECT 'vtr', '', count(*) FILTER (WHERE valid_day <= $as_of), count(*), 0, 0, 0
FROM pv WHERE promised BETWEEN $as_of - 29 AND $as_of AND shipped <= $as_of
UNION ALL
SELECT 'otdr', '', count(*) FILTER (WHERE delivered <= promised AND delivered <= $as_of),
       count(*), 0, 0, 0
FROM pv WHERE promised BETWEEN $as_of - 20 AND $as_of - 7 AND valid_day <= $as_of
"""

_PEAK = """
import sys, sellerkit
account = sellerkit.load_account(sys.argv[1], warn=False)
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
        clear_cache()
        return sellerkit.health(account, as_of)

    def health_warm():
        return sellerkit.health(account, as_of)

    def history_cold():
        clear_cache()
        return sellerkit.history(account, as_of - timedelta(days=364), as_of)

    rows = reference()
    theirs = {(m, scope): (int(num), int(den)) for m, scope, num, den, *_ in rows if den}
    ours = _ours(health_cold())
    if ours != theirs:
        diff = {
            k: (ours.get(k), theirs.get(k))
            for k in set(ours) | set(theirs)
            if ours.get(k) != theirs.get(k)
        }
        raise SystemExit(f"sellerkit and DuckDB disagree: {diff}")

    times = interleaved(
        args.runs,
        duckdb=reference,
        health=health_cold,
        health_warm=health_warm,
        history=history_cold,
    )
    ref, cold = median(times["duckdb"]), median(times["health"])
    warm, hist = median(times["health_warm"]), median(times["history"])
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
                "healthWarmSeconds": round(warm, 4),
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
