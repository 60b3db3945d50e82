"""Shape the generator's order-level draws into file-shaped tables.

Tables keep the files' column names with typed values (days as ``datetime64[D]``,
booleans, floats); :mod:`sellerkit.datasets.write` formats them as text. The truth and the
performance report's figures are computed from these tables by
:mod:`sellerkit.datasets.oracle`.
"""

from __future__ import annotations

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


def timestamps(day: np.ndarray, seconds: np.ndarray, market: Marketplace) -> np.ndarray:
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
    purchase = timestamps(day, seconds, market)
    updated = timestamps(update_day, update_seconds, market)
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
