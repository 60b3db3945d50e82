"""Shape the generator's order-level draws into file-shaped tables, and state the truth.

Tables keep the files' column names with typed values (days as ``datetime64[D]``,
booleans, floats); :mod:`sellerkit.datasets.write` formats them as text. The metric figures
in the truth and in the performance report are computed here straight from the contract's
rules, independently of sellerkit's metrics code, so tests can compare the two.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sellerkit.datasets.catalog import COMMENTS
from sellerkit.marketplaces import Marketplace

DAY = np.timedelta64(1, "D")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CURRENCY = {"US": "USD", "DE": "EUR", "UK": "GBP", "JP": "JPY"}
_TAX = {"US": 0.08, "DE": 0.19, "UK": 0.20, "JP": 0.10}
_CITIES = ("Springfield", "Riverside", "Fairview", "Greenville", "Madison", "Franklin")
_CANCEL_REASONS = ("Buyer cancelled", "Out of stock", "Pricing error", "Undeliverable address")


def _timestamps(day: np.ndarray, seconds: np.ndarray, market: Marketplace) -> np.ndarray:
    """Local (day, second) → Amazon's ISO text: UTC ``+00:00``, or local ``+09:00`` in JP."""
    local = pd.DatetimeIndex(day.astype("datetime64[s]") + seconds.astype("timedelta64[s]"))
    if market.code == "JP":
        return np.char.add(np.datetime_as_string(local.to_numpy(), unit="s"), "+09:00")
    aware = local.tz_localize(
        market.timezone, ambiguous=np.zeros(len(local), dtype=bool), nonexistent="shift_forward"
    )
    utc = aware.tz_convert("UTC").tz_localize(None).to_numpy()
    return np.char.add(np.datetime_as_string(utc, unit="s"), "+00:00")


def _catalogue(spec, catalogue, rng: np.random.Generator) -> pd.DataFrame:
    n = len(catalogue)
    code = {"en": "NW", "de": "KG", "ja": "SK"}[spec.language]
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
    asins = ["B0" + "".join(rng.choice(letters, size=8)) for _ in range(n)]
    if spec.marketplace == "JP":
        price = rng.integers(8, 80, size=n) * 100 - 20.0
    else:
        price = rng.integers(9, 80, size=n) + 0.99
    return pd.DataFrame(
        {
            "product-name": [name for name, _ in catalogue],
            "product-category": [category for _, category in catalogue],
            "sku": [f"{code}-{i + 1:03d}" for i in range(n)],
            "asin": asins,
            "price": price,
        }
    )


def shape(
    spec,
    frame: pd.DataFrame,
    items: pd.DataFrame,
    catalogue,
    market: Marketplace,
    rng: np.random.Generator,
) -> dict[str, pd.DataFrame]:
    """The file-shaped tables of one generated account."""
    start = np.datetime64(spec.start, "D")
    end = np.datetime64(spec.end, "D")
    products = _catalogue(spec, catalogue, rng)
    frame["sku_index"] = -1
    visible = frame["visible"].to_numpy()
    return {
        "items": _items(spec, frame, items, products, market, rng, end),
        "feedback": _feedback(spec, frame, rng, start, end),
        "claims": _claims(frame, start, end),
        "chargebacks": _chargebacks(frame, start, end),
        "shipments": _shipments(frame[visible], items, products, rng, end),
        "cancellations": _cancellations(spec, frame[visible], rng, end),
    }


def _status(frame: pd.DataFrame, end: np.datetime64) -> np.ndarray:
    cancelled = frame["cancelled"].to_numpy() & (frame["cancel_day"].to_numpy() <= end)
    afn = frame["afn"].to_numpy()
    day = frame["day"].to_numpy()
    shipped = np.where(afn, day < end, frame["ship"].to_numpy() <= end)
    waiting = np.where(day == end, "Pending", "Unshipped")
    return np.where(cancelled, "Cancelled", np.where(shipped, "Shipped", waiting))


def _items(spec, frame, items, products, market, rng, end) -> pd.DataFrame:
    visible = frame["visible"].to_numpy()
    rows = items[visible[items["order"].to_numpy()]].reset_index(drop=True)
    order = rows["order"].to_numpy()
    status = _status(frame, end)
    update_day = np.where(
        status == "Cancelled",
        frame["cancel_day"].to_numpy(),
        np.where(
            status == "Shipped", np.minimum(frame["ship"].to_numpy(), end), frame["day"].to_numpy()
        ),
    )
    day = frame["day"].to_numpy()
    seconds = frame["seconds"].to_numpy()
    update_seconds = np.minimum(seconds + 7200, 86_399)
    purchase = _timestamps(day, seconds, market)
    updated = _timestamps(update_day, update_seconds, market)
    catalogue_rows = products.iloc[rows["product"].to_numpy()].reset_index(drop=True)
    quantity = rows["quantity"].to_numpy()
    price = catalogue_rows["price"].to_numpy() * quantity
    item_status = np.where(
        status == "Cancelled", "Cancelled", np.where(status == "Shipped", "Shipped", "Unshipped")
    )[order]
    cancelled_row = item_status == "Cancelled"
    afn = frame["afn"].to_numpy()[order]
    expedited = frame["level"].to_numpy()[order] == "Expedited"
    shipping = np.where(afn, 0.0, np.where(expedited, 9.99, 4.99))
    if spec.marketplace == "JP":
        shipping = np.where(afn, 0.0, np.where(expedited, 800.0, 500.0))
    first_item = np.r_[True, order[1:] != order[:-1]]
    shipping = np.where(first_item, shipping, 0.0)
    promo = rng.random(order.size) < 0.08
    tax = _TAX.get(spec.marketplace, 0.1)
    n = order.size
    out = pd.DataFrame(
        {
            "amazon-order-id": frame["order_id"].to_numpy()[order],
            "merchant-order-id": "",
            "purchase-date": purchase[order],
            "last-updated-date": updated[order],
            "order-status": status[order],
            "order-item-id": rng.integers(10**13, 10**14, size=n).astype(str),
            "fulfillment-channel": np.where(afn, "Amazon", "Merchant"),
            "sales-channel": market.sales_channel,
            "order-channel": "",
            "ship-service-level": frame["level"].to_numpy()[order],
            "product-name": catalogue_rows["product-name"].to_numpy(),
            "sku": catalogue_rows["sku"].to_numpy(),
            "asin": catalogue_rows["asin"].to_numpy(),
            "item-status": item_status,
            "quantity": np.where(cancelled_row, 0, quantity),
            "currency": _CURRENCY.get(spec.marketplace, "USD"),
            "item-price": np.where(cancelled_row, np.nan, price),
            "item-tax": np.where(cancelled_row, np.nan, np.round(price * tax, 2)),
            "shipping-price": np.where(cancelled_row, np.nan, shipping),
            "shipping-tax": np.where(cancelled_row, np.nan, np.round(shipping * tax, 2)),
            "gift-wrap-price": np.nan,
            "gift-wrap-tax": np.nan,
            "item-promotion-discount": np.where(
                promo & ~cancelled_row, -np.round(price * 0.1, 2), np.nan
            ),
            "ship-promotion-discount": np.where(afn | cancelled_row, np.nan, -shipping * 0),
            "ship-city": np.asarray(_CITIES)[order % len(_CITIES)],
            "ship-state": frame["state"].to_numpy()[order],
            "ship-postal-code": (10000 + order * 7919 % 89999).astype(str),
            "ship-country": {"UK": "GB"}.get(spec.marketplace, spec.marketplace),
            "promotion-ids": np.where(promo, "Core Free Shipping 2026/10/01", ""),
            "cpf": "",
            "is-business-order": frame["business"].to_numpy()[order],
            "purchase-order-number": "",
            "price-designation": np.where(frame["business"].to_numpy()[order], "BusinessPrice", ""),
            "signature-confirmation-recommended": False,
        }
    )
    out["_day"] = day[order]
    out["_update_day"] = update_day[order]
    return out


def _feedback(spec, frame, rng, start, end) -> pd.DataFrame:
    given = (frame["negative"] | frame["neutral"]).to_numpy()
    day = frame["feedback_day"].to_numpy()
    keep = given & (day >= start) & (day <= end)
    rows = frame[keep]
    texts = COMMENTS[spec.language]
    categories = rows["category"].to_numpy()
    comments = np.array(
        [texts[c][i % len(texts[c])] for i, c in enumerate(categories)], dtype=object
    )
    respond = rng.random(len(rows)) < 0.3
    response = {
        "en": "We are sorry and have contacted you to help.",
        "de": "Es tut uns leid, wir haben Ihnen geschrieben.",
        "ja": "ご不便をおかけし申し訳ございません。",
    }[spec.language]
    tokens = rng.integers(36**7, 36**8, size=len(rows))
    emails = [f"{np.base_repr(t, 36).lower()}@marketplace.amazon.com" for t in tokens]
    return (
        pd.DataFrame(
            {
                "Date": rows["feedback_day"].to_numpy(),
                "Rating": rows["rating"].to_numpy(),
                "Comments": comments,
                "Response": np.where(respond, response, ""),
                "Order ID": rows["order_id"].to_numpy(),
                "Rater Email": emails,
                "_category": categories,
            }
        )
        .sort_values("Date", kind="stable")
        .reset_index(drop=True)
    )


def _claims(frame, start, end) -> pd.DataFrame:
    day = frame["claim_day"].to_numpy()
    rows = frame[frame["claim"].to_numpy() & (day >= start) & (day <= end)]
    return (
        pd.DataFrame(
            {
                "order-id": rows["order_id"].to_numpy(),
                "claim-date": rows["claim_day"].to_numpy(),
                "claim-reason": rows["claim_reason"].to_numpy(),
                "claim-status": rows["claim_status"].to_numpy(),
                "buy-shipping": rows["buy_shipping"].to_numpy(),
                "amount": np.round(20 + (rows["seconds"].to_numpy() % 6000) / 100, 2),
            }
        )
        .sort_values("claim-date", kind="stable")
        .reset_index(drop=True)
    )


def _chargebacks(frame, start, end) -> pd.DataFrame:
    day = frame["chargeback_day"].to_numpy()
    rows = frame[frame["chargeback"].to_numpy() & (day >= start) & (day <= end)]
    return (
        pd.DataFrame(
            {
                "order-id": rows["order_id"].to_numpy(),
                "chargeback-date": rows["chargeback_day"].to_numpy(),
                "chargeback-reason": rows["chargeback_reason"].to_numpy(),
                "chargeback-status": rows["chargeback_status"].to_numpy(),
                "amount": np.round(15 + (rows["seconds"].to_numpy() % 5000) / 100, 2),
            }
        )
        .sort_values("chargeback-date", kind="stable")
        .reset_index(drop=True)
    )


def _shipments(frame, items, products, rng, end) -> pd.DataFrame:
    mfn = frame[~frame["afn"].to_numpy() & ~frame["cancelled"].to_numpy()]
    position = mfn.index.to_numpy()
    counts = items.groupby("order")["quantity"].agg(["sum", "size"])
    first_product = items.drop_duplicates("order").set_index("order")["product"]
    units = counts["sum"].reindex(position).to_numpy()
    split = (counts["size"].reindex(position).to_numpy() > 1) & (rng.random(len(mfn)) < 0.25)
    package = np.repeat(np.arange(len(mfn)), np.where(split, 2, 1))
    second = np.r_[False, package[1:] == package[:-1]]
    rows = mfn.iloc[package].reset_index(drop=True)
    ship = rows["ship"].to_numpy() + np.where(second, rng.integers(0, 2, package.size), 0) * DAY
    transit = np.where(rows["level"].to_numpy() == "Expedited", 2, 5)
    delivered = np.where(second, ship + transit * DAY, rows["delivered"].to_numpy())
    tracked = rows["tracked"].to_numpy()
    scanned = rows["scanned"].to_numpy()
    lost = rows["lost"].to_numpy()
    shipped = ship <= end
    first_scan = ship + rng.integers(0, 2, package.size) * DAY
    carrier = rows["carrier"].to_numpy()
    digits = rng.integers(10**11, 10**12, size=package.size).astype(str)
    tracking = np.char.add(
        np.asarray([c[:2].upper() if c.isascii() else "JP" for c in carrier]), digits
    )
    package_units = np.where(split[package], np.maximum(units[package] // 2, 1), units[package])
    package_units = np.where(second, units[package] - package_units, package_units)
    nat = np.datetime64("NaT")
    return pd.DataFrame(
        {
            "order-id": rows["order_id"].to_numpy(),
            "latest-ship-date": rows["latest_ship"].to_numpy(),
            "ship-date": np.where(shipped, ship, nat),
            "carrier-name": np.where(shipped, carrier, ""),
            "tracking-number": np.where(shipped & tracked, tracking, ""),
            "ship-method": rows["level"].to_numpy(),
            "first-scan-date": np.where(shipped & scanned & (first_scan <= end), first_scan, nat),
            "promised-delivery-date": rows["promised"].to_numpy(),
            "delivery-date": np.where(
                shipped & scanned & ~lost & (delivered <= end), delivered, nat
            ),
            "units": np.maximum(package_units, 1),
            "product-category": products["product-category"].to_numpy()[
                first_product.reindex(position[package]).to_numpy()
            ],
        }
    )


def _cancellations(spec, frame, rng, end) -> pd.DataFrame:
    rows = frame[
        ~frame["afn"].to_numpy()
        & frame["cancelled"].to_numpy()
        & (frame["cancel_day"].to_numpy() <= end)
    ]
    if spec.omit_cancellation_rows:
        seller = np.flatnonzero(~rows["buyer_requested"].to_numpy())
        drop = rng.choice(seller, size=min(spec.omit_cancellation_rows, seller.size), replace=False)
        rows = rows.drop(rows.index[drop])
    buyer = rows["buyer_requested"].to_numpy()
    reason = np.where(
        buyer, _CANCEL_REASONS[0], np.asarray(_CANCEL_REASONS[1:])[rng.integers(0, 3, len(rows))]
    )
    return pd.DataFrame(
        {
            "order-id": rows["order_id"].to_numpy(),
            "cancel-date": rows["cancel_day"].to_numpy(),
            "buyer-requested": buyer,
            "reason": reason,
        }
    )


# ---------------------------------------------------------------------------------------
# The generator's own figures, straight from the contract's rules (an independent oracle).


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
