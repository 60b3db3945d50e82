"""The generator's own figures, straight from the data contract's rules: an independent
oracle.

:func:`metrics` computes the ODR, Late Shipment, Cancellation, Valid Tracking and On-Time
Delivery figures from the file-shaped tables (:mod:`sellerkit.datasets.tables`) without any
of sellerkit's metrics code, so tests can compare the two; :func:`performance_report` writes
them as Amazon's performance report would, and :func:`truth` says what was planted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sellerkit.datasets.tables import DAY


def _window(as_of: np.datetime64, days: int, lag: int = 0) -> tuple[np.datetime64, np.datetime64]:
    last = as_of - lag * DAY
    return last - (days - 1) * DAY, last


def _rate(num: int, den: int, target: float, condition: str) -> dict[str, Any]:
    rate = num / den if den else None
    if rate is None:
        status = "NONE"
    elif condition == "LESS_THAN":
        status = "GOOD" if rate < target else "BAD"
    else:
        status = "GOOD" if rate > target else "BAD"
    return {"rate": rate, "status": status, "targetValue": target, "targetCondition": condition}


def _range(first: np.datetime64, last: np.datetime64) -> dict[str, str]:
    return {
        "reportingDateFrom": f"{first}T00:00:00Z",
        "reportingDateTo": f"{last}T23:59:59Z",
    }


def metrics(
    spec, frame: pd.DataFrame, shaped: dict[str, pd.DataFrame], as_of: date
) -> dict[str, Any]:
    """ODR, late shipment, cancellation, valid tracking and on-time delivery at ``as_of``."""
    day_end = np.datetime64(as_of, "D")
    items = shaped["items"]
    orders = items.drop_duplicates("amazon-order-id")
    order_day = orders["_day"].to_numpy()
    afn = orders["fulfillment-channel"].to_numpy() == "Amazon"
    ids = orders["amazon-order-id"].to_numpy()
    feedback = shaped["feedback"]
    negative = feedback[(feedback["Rating"] <= 2) & (feedback["Date"] <= day_end)]
    claims = shaped["claims"]
    shipments = shaped["shipments"]
    on_time_ids = set(
        shipments.assign(ok=shipments["ship-date"] <= shipments["latest-ship-date"])
        .groupby("order-id")["ok"]
        .all()
        .loc[lambda s: s]
        .index
    )
    claim_counts = claims["claim-status"].isin(
        [
            "pending",
            "granted-seller-funded",
            "granted-amazon-funded",
            "refunded-after-claim",
            "withdrawn-after-grant",
        ]
    ) & (claims["claim-date"] <= day_end)
    exempt = (
        (claims["claim-reason"] == "not-received")
        & claims["buy-shipping"]
        & claims["order-id"].isin(on_time_ids)
    )
    counted_claims = claims[claim_counts & ~exempt]
    chargebacks = shaped["chargebacks"]
    counted_cb = chargebacks[
        (chargebacks["chargeback-reason"] == "service")
        & chargebacks["chargeback-status"].isin(["open", "refunded", "represented-lost"])
        & (chargebacks["chargeback-date"] <= day_end)
    ]
    first, last = _window(day_end, 60, 14)
    odr = {}
    for key, channel in (("mfn", ~afn), ("afn", afn)):
        in_window = ids[channel & (order_day >= first) & (order_day <= last)]
        window = pd.Index(in_window)
        f = set(negative["Order ID"]) & set(window)
        c = set(counted_claims["order-id"]) & set(window)
        b = set(counted_cb["order-id"]) & set(window)
        defects = f | c | b
        odr[key] = {
            "reportingDateRange": _range(first, last),
            "orderCount": len(window),
            "orderWithDefects": {"count": len(defects)},
            "claims": {"count": len(c)},
            "chargebacks": {"count": len(b)},
            "negativeFeedback": {"count": len(f)},
            **_rate(len(defects), len(window), 0.01, "LESS_THAN"),
        }
    not_cancelled = set(ids[orders["order-status"].to_numpy() != "Cancelled"])
    ships = shipments[shipments["order-id"].isin(not_cancelled)]
    per_order = ships.groupby("order-id").agg(
        latest=("latest-ship-date", "min"),
        last_ship=("ship-date", "max"),
        unshipped=("ship-date", lambda s: s.isna().any()),
    )
    lsr = []
    for days in (10, 30):
        lo, hi = _window(day_end, days)
        scope = per_order[(per_order["latest"] >= lo) & (per_order["latest"] <= hi)]
        late = (
            scope["unshipped"]
            | (scope["last_ship"] > day_end)
            | (scope["last_ship"] > scope["latest"])
        )
        lsr.append(
            {
                "reportingDateRange": _range(lo, hi),
                "orderCount": len(scope),
                "lateShipmentCount": int(late.sum()),
                **_rate(int(late.sum()), len(scope), 0.04, "LESS_THAN"),
            }
        )
    lo, hi = _window(day_end, 7)
    mfn_window = orders[~afn & (order_day >= lo) & (order_day <= hi)]
    cancels = shaped["cancellations"]
    buyer_ids = set(cancels.loc[cancels["buyer-requested"], "order-id"])
    # A cancellation counts from its day on (decision 1); cancelled orders were last
    # updated on the day they were cancelled.
    seller_cancelled = (
        (mfn_window["order-status"] == "Cancelled")
        & (mfn_window["_update_day"] <= day_end)
        & ~mfn_window["amazon-order-id"].isin(buyer_ids)
    )
    pfcr = {
        "reportingDateRange": _range(lo, hi),
        "orderCount": len(mfn_window),
        "cancellationCount": int(seller_cancelled.sum()),
        **_rate(int(seller_cancelled.sum()), len(mfn_window), 0.025, "LESS_THAN"),
    }
    shipped = ships[ships["ship-date"].notna() & (ships["ship-date"] <= day_end)]
    lo, hi = _window(day_end, 30)
    vt_scope = shipped[
        (shipped["promised-delivery-date"] >= lo) & (shipped["promised-delivery-date"] <= hi)
    ]
    valid = (vt_scope["tracking-number"] != "") & (
        (vt_scope["first-scan-date"] <= day_end) | (vt_scope["delivery-date"] <= day_end)
    )
    vtr = {
        "reportingDateRange": _range(lo, hi),
        "shipmentCount": len(vt_scope),
        "validTrackingCount": int(valid.sum()),
        **_rate(int(valid.sum()), len(vt_scope), 0.95, "GREATER_THAN"),
    }
    lo, hi = _window(day_end, 14, 7)
    od_scope = shipped[
        (shipped["promised-delivery-date"] >= lo) & (shipped["promised-delivery-date"] <= hi)
    ]
    od_valid = od_scope[
        (od_scope["tracking-number"] != "")
        & ((od_scope["first-scan-date"] <= day_end) | (od_scope["delivery-date"] <= day_end))
    ]
    on_time = (od_valid["delivery-date"] <= od_valid["promised-delivery-date"]) & (
        od_valid["delivery-date"] <= day_end
    )
    target = 0.90 if spec.marketplace == "US" else 0.97
    otdr = {
        "reportingDateRange": _range(lo, hi),
        "shipmentCountWithValidTracking": len(od_valid),
        "onTimeDeliveryCount": int(on_time.sum()),
        **_rate(int(on_time.sum()), len(od_valid), target, "GREATER_THAN"),
    }
    return {
        "orderDefectRate": odr,
        "lateShipmentRate": lsr[1],
        "lateShipmentRateList": lsr,
        "preFulfillmentCancellationRate": pfcr,
        "validTrackingRate": vtr,
        "onTimeDeliveryRate": otdr,
    }


def performance_report(spec, frame, shaped, as_of: date) -> dict[str, Any]:
    """A ``GET_V2_SELLER_PERFORMANCE_REPORT`` document as Amazon would write it at ``as_of``."""
    from sellerkit.marketplaces import get_marketplace

    market = get_marketplace(spec.marketplace)
    figures = metrics(spec, frame, shaped, as_of)
    bad = any(
        entry.get("status") == "BAD"
        for entry in [
            *figures["orderDefectRate"].values(),
            figures["lateShipmentRate"],
            figures["preFulfillmentCancellationRate"],
        ]
    )
    return {
        "accountStatuses": [
            {
                "marketplaceId": market.marketplace_id,
                "status": "AT_RISK" if bad else "NORMAL",
            }
        ],
        "performanceMetrics": [
            {
                "marketplaceId": market.marketplace_id,
                **figures,
                "accountHealthRating": {"ahrStatus": "GREAT"},
            }
        ],
    }


def truth(
    spec, frame: pd.DataFrame, items: pd.DataFrame, shaped: dict[str, pd.DataFrame]
) -> dict[str, Any]:
    """What was planted, with the effect measured on the generated orders."""
    visible = frame[frame["visible"]]
    planted = spec.planted
    causes: list[dict[str, Any]] = []
    if planted.bad_sku is not None:
        sku = (
            shaped["items"]
            .loc[shaped["items"]["product-name"] == _product_name(spec, planted.bad_sku), "sku"]
            .iloc[0]
        )
        holders = visible["bad_sku"]
        nad = visible["claim"] & (visible["claim_reason"] == "not-as-described")
        causes.append(
            {
                "cause": "sku-not-as-described-claims",
                "metric": "claims",
                "dimension": "sku",
                "value": sku,
                "reason": "not-as-described",
                "plantedRate": planted.bad_sku_claim_rate,
                "ordersWithIt": int(holders.sum()),
                "claimsOnIt": int((nad & holders).sum()),
            }
        )
    if planted.bad_carrier_no_scan:
        carrier = visible.loc[visible["carrier_index"] == 3, "carrier"]
        causes.append(
            {
                "cause": "carrier-missing-scans",
                "metric": "validTrackingRate",
                "dimension": "carrier",
                "value": str(carrier.iloc[0]) if len(carrier) else None,
                "plantedRate": planted.bad_carrier_no_scan,
                "baseRate": spec.rates.no_scan,
            }
        )
    if planted.weekend_late_rate is not None:
        causes.append(
            {
                "cause": "weekend-orders-ship-late",
                "metric": "lateShipmentRate",
                "dimension": "order_weekday",
                "value": ["Saturday", "Sunday"],
                "plantedRate": planted.weekend_late_rate,
                "baseRate": spec.rates.late_ship,
            }
        )
    if planted.spike:
        first, last, extra = planted.spike
        causes.append(
            {
                "cause": "damaged-item-feedback-spike",
                "metric": "negativeFeedback",
                "dimension": "order_date",
                "value": [first.isoformat(), last.isoformat()],
                "feedbackCategory": "damaged",
                "extraRate": extra,
            }
        )
    counts = {
        "orders": len(visible),
        "orderItems": len(shaped["items"]),
        "feedbackRows": len(shaped["feedback"]),
        "claims": len(shaped["claims"]),
        "chargebacks": len(shaped["chargebacks"]),
        "shipmentRows": len(shaped["shipments"]),
        "cancellationRows": len(shaped["cancellations"]),
    }
    return {
        "account": spec.name,
        "asOf": spec.end.isoformat(),
        "counts": counts,
        "planted": causes,
        "metricsAsOf": metrics(spec, frame, shaped, spec.end),
        "note": "metricsAsOf is computed by the generator from the data contract's rules, "
        "independently of sellerkit.metrics.",
    }


def _product_name(spec, index: int) -> str:
    from sellerkit.datasets.catalog import PRODUCTS

    return PRODUCTS[spec.language][index][0]
