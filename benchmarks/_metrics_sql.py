"""The data contract's metrics in DuckDB SQL, written independently of sellerkit.metrics.

The reference of the health and end-to-end benchmarks. It reads six tables (or views):
``orders(order_id, order_date, channel 'MFN'|'AFN', is_business_order, is_cancelled,
last_updated_date)`` with local days, ``feedback(order_id, rating, date)``,
``claims(order_id, claim_date, claim_reason, claim_status, buy_shipping)``,
``chargebacks(order_id, chargeback_date, chargeback_reason, chargeback_status)``,
``shipments(order_id, latest_ship_date, ship_date, tracking_number, first_scan_date,
promised_delivery_date, delivery_date, product_category)`` and
``cancellations(order_id, cancel_date, buyer_requested)``; ``$as_of`` is the report day.
Rows: ``(metric, scope, numerator, denominator, negative feedback, claims, chargebacks)``.
"""

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
