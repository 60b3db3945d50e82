"""A seeded generator of seller accounts: orders, shipping, defects and planted causes.

Everything is drawn with one :class:`numpy.random.Generator` in vectorised steps, so the same
spec and seed give the same account byte for byte, and a million order items take seconds.
The generator knows the truth it planted: :attr:`GeneratedAccount.truth` says which causes
were planted and with what effect, for tests of the analyses that must find them.

What to generate is an :class:`~sellerkit.datasets.spec.AccountSpec`
(:mod:`sellerkit.datasets.spec`). Tables come out in the shapes the files have (Amazon's
columns, the contract's CSVs: :mod:`sellerkit.datasets.tables`);
:mod:`sellerkit.datasets.write` turns them into files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from sellerkit.datasets.catalog import CARRIERS, PRODUCTS, SHIP_METHODS, STATES
from sellerkit.datasets.spec import AccountSpec, GeneratedAccount
from sellerkit.marketplaces import get_marketplace

DAY = np.timedelta64(1, "D")
CURRENCY = {"US": "USD", "DE": "EUR", "UK": "GBP", "JP": "JPY"}
TAX = {"US": 0.08, "DE": 0.19, "UK": 0.20, "JP": 0.10}
COUNTING_CLAIMS = (
    "pending",
    "granted-seller-funded",
    "granted-amazon-funded",
    "refunded-after-claim",
    "withdrawn-after-grant",
)
CLAIM_STATUS_WEIGHTS = {
    "granted-seller-funded": 0.33,
    "granted-amazon-funded": 0.10,
    "pending": 0.10,
    "refunded-after-claim": 0.07,
    "withdrawn-after-grant": 0.03,
    "denied": 0.25,
    "withdrawn-before-decision": 0.12,
}
CHARGEBACK_STATUS_WEIGHTS = {
    "open": 0.4,
    "refunded": 0.25,
    "represented-won": 0.2,
    "represented-lost": 0.15,
}


def _days(start: date, end: date) -> np.ndarray:
    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + DAY)


def _weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday)."""
    return (days.astype("int64") + 3) % 7


def _volume(spec: AccountSpec, days: np.ndarray) -> np.ndarray:
    weekly = np.asarray(spec.weekly, dtype=float)
    weekly = weekly / weekly.mean()
    position = np.linspace(0.0, 1.0, days.size)
    trend = 1.0 + (spec.growth - 1.0) * position
    rate = spec.orders_per_day * weekly[_weekday(days)] * trend
    if spec.peak:
        first, last, factor = spec.peak
        inside = (days >= np.datetime64(first)) & (days <= np.datetime64(last))
        rate = np.where(inside, rate * factor, rate)
    return rate


def _next_business_day(days: np.ndarray) -> np.ndarray:
    following = days + DAY
    weekday = _weekday(following)
    shift = np.where(weekday == 5, 2, np.where(weekday == 6, 1, 0))
    return following + shift * DAY


def _choice(rng: np.random.Generator, options: list[str], n: int, p=None) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]


def _weights(mapping: dict[str, float]) -> tuple[list[str], np.ndarray]:
    keys = list(mapping)
    values = np.asarray([mapping[k] for k in keys])
    return keys, values / values.sum()


@dataclass
class _Orders:
    """Order-level arrays, built step by step (all numpy, index = order)."""

    day: np.ndarray
    seconds: np.ndarray
    afn: np.ndarray
    business: np.ndarray
    level: np.ndarray
    state: np.ndarray
    visible: np.ndarray  # placed on or after spec.start (in the orders download)


def _draw_orders(spec: AccountSpec, rng: np.random.Generator) -> _Orders:
    lead_start = spec.start - timedelta(days=spec.lead_days)
    days = _days(lead_start, spec.end)
    counts = rng.poisson(_volume(spec, days))
    day = np.repeat(days, counts)
    n = day.size
    return _Orders(
        day=day,
        seconds=rng.integers(0, 86_400, size=n),
        afn=rng.random(n) < spec.afn_share,
        business=rng.random(n) < spec.business_share,
        level=_choice(rng, list(SHIP_METHODS), n, p=[0.8, 0.2]),
        state=_choice(rng, STATES.get(spec.marketplace, STATES["US"]), n),
        visible=day >= np.datetime64(spec.start),
    )


def _draw_items(spec: AccountSpec, rng: np.random.Generator, n_orders: int) -> pd.DataFrame:
    extra = (rng.random(n_orders) < spec.multi_item) * rng.integers(1, 3, size=n_orders)
    per_order = 1 + extra
    order = np.repeat(np.arange(n_orders), per_order)
    popularity = 1.0 / np.arange(1, spec.products + 1) ** 0.8
    product = rng.choice(spec.products, size=order.size, p=popularity / popularity.sum())
    quantity = rng.choice([1, 2, 3], size=order.size, p=[0.85, 0.12, 0.03])
    rows = pd.DataFrame({"order": order, "product": product, "quantity": quantity})
    # One row per product in an order, as Amazon writes it: repeats add to the quantity.
    return rows.groupby(["order", "product"], sort=False)["quantity"].sum().reset_index()


def generate(spec: AccountSpec, seed: int = 0) -> GeneratedAccount:
    """Generate one account from ``spec``; the same spec and seed give the same account."""
    rng = np.random.default_rng(seed)
    market = get_marketplace(spec.marketplace)
    rates, planted = spec.rates, spec.planted
    orders = _draw_orders(spec, rng)
    n = orders.day.size
    end = np.datetime64(spec.end, "D")
    items = _draw_items(spec, rng, n)
    catalogue = PRODUCTS[spec.language][: spec.products]
    if len(catalogue) < spec.products:
        raise ValueError(f"the {spec.language} catalogue has only {len(catalogue)} products")

    # Cancellations.
    cancel_rate = np.where(orders.afn, rates.cancel / 3, rates.cancel)
    cancelled = rng.random(n) < cancel_rate
    buyer_requested = rng.random(n) < rates.buyer_cancel_share
    cancel_day = orders.day + rng.integers(0, 2, size=n) * DAY

    # Seller-fulfilled shipping: one package, some multi-item orders in two.
    mfn = ~orders.afn & ~cancelled
    latest_ship = _next_business_day(orders.day)
    weekday = _weekday(orders.day)
    late_rate = np.full(n, rates.late_ship)
    if planted.weekend_late_rate is not None:
        late_rate = np.where(weekday >= 5, planted.weekend_late_rate, late_rate)
    late = rng.random(n) < late_rate
    ship = np.where(
        late,
        latest_ship + rng.integers(1, 4, size=n) * DAY,
        np.maximum(latest_ship - rng.integers(0, 2, size=n) * DAY, orders.day),
    )
    carriers = CARRIERS.get(spec.marketplace, CARRIERS["US"])
    carrier_index = rng.choice(len(carriers), size=n, p=[0.4, 0.3, 0.2, 0.1])
    tracked = rng.random(n) >= rates.no_tracking
    no_scan_rate = np.where(
        carrier_index == 3, max(planted.bad_carrier_no_scan, rates.no_scan), rates.no_scan
    )
    scanned = tracked & (rng.random(n) >= no_scan_rate)
    transit = np.where(orders.level == "Expedited", 2, 5)
    promised = latest_ship + transit * DAY
    lost = rng.random(n) < rates.lost
    # Days a delivery takes beyond the transit time (a share `late_noise` is 1–3 days more).
    noise_p = [0.3, 0.7 - rates.late_noise, *(rates.late_noise * np.array([0.5, 0.3, 0.2]))]
    noise = rng.choice([-1, 0, 1, 2, 3], size=n, p=noise_p)
    delivered = ship + (transit + noise) * DAY
    delivered_late = (delivered > promised) | lost

    # Defects on every order that was not cancelled (both channels).
    active = ~cancelled
    neg_rate = rates.negative_feedback * np.where(mfn & delivered_late, 4.0, 1.0)
    spike = np.zeros(n, dtype=bool)
    if planted.spike:
        first, last, extra = planted.spike
        spike = (orders.day >= np.datetime64(first)) & (orders.day <= np.datetime64(last))
        neg_rate = neg_rate + np.where(spike, extra, 0.0)
    negative = active & (rng.random(n) < neg_rate)
    neutral = active & ~negative & (rng.random(n) < rates.neutral_feedback)
    category_pool = [
        "damaged",
        "wrong_item",
        "not_as_described",
        "product_review",
        "customer_service",
    ]
    category = _choice(rng, category_pool, n)
    category = np.where(mfn & delivered_late, "late", category)
    category = np.where(mfn & lost, "not_received", category)
    category = np.where(spike & negative & ~(mfn & delivered_late), "damaged", category)
    category = np.where(neutral, "neutral", category)
    settled = np.where(mfn, np.where(lost, ship + 10 * DAY, delivered), orders.day + 3 * DAY)
    feedback_day = settled + rng.integers(1, 15, size=n) * DAY
    rating = np.where(neutral, 3, np.where(rng.random(n) < 0.6, 1, 2))

    has_bad_sku = np.zeros(n, dtype=bool)
    if planted.bad_sku is not None:
        holders = items.loc[items["product"] == planted.bad_sku, "order"].to_numpy()
        has_bad_sku[holders] = True
    claim_reason = _choice(rng, ["damaged", "return-refund", "other", "not-as-described"], n)
    claim = active & (rng.random(n) < rates.claim)
    lost_claim = active & mfn & lost & (rng.random(n) < 0.35)
    sku_claim = active & has_bad_sku & (rng.random(n) < planted.bad_sku_claim_rate)
    claim_reason = np.where(lost_claim, "not-received", claim_reason)
    claim_reason = np.where(sku_claim & ~lost_claim, "not-as-described", claim_reason)
    claim = claim | lost_claim | sku_claim
    statuses, weights = _weights(CLAIM_STATUS_WEIGHTS)
    claim_status = _choice(rng, statuses, n, p=weights)
    claim_day = orders.day + rng.integers(14, 46, size=n) * DAY
    buy_shipping = mfn & (rng.random(n) < 0.35)
    if spec.forced_claims:
        window_end = end - 14 * DAY
        window = (orders.day >= window_end - 59 * DAY) & (orders.day <= window_end)
        candidates = np.flatnonzero(window & active & orders.visible & (claim_day <= end))
        forced = rng.choice(candidates, size=spec.forced_claims, replace=False)
        claim[forced] = True
        claim_status[forced] = "granted-seller-funded"
        claim_reason[forced] = "not-as-described"

    chargeback = active & (rng.random(n) < rates.chargeback)
    chargeback_reason = np.where(rng.random(n) < 0.75, "service", "fraud")
    cb_statuses, cb_weights = _weights(CHARGEBACK_STATUS_WEIGHTS)
    chargeback_status = _choice(rng, cb_statuses, n, p=cb_weights)
    chargeback_day = orders.day + rng.integers(20, 61, size=n) * DAY

    ids = _amazon_ids(rng, n)
    frame = pd.DataFrame(
        {
            "order_id": ids,
            "day": orders.day,
            "seconds": orders.seconds,
            "afn": orders.afn,
            "business": orders.business,
            "level": orders.level,
            "state": orders.state,
            "visible": orders.visible,
            "cancelled": cancelled,
            "buyer_requested": buyer_requested,
            "cancel_day": cancel_day,
            "latest_ship": latest_ship,
            "ship": ship,
            "carrier": np.asarray(carriers, dtype=object)[carrier_index],
            "carrier_index": carrier_index,
            "tracked": tracked,
            "scanned": scanned,
            "promised": promised,
            "delivered": delivered,
            "lost": lost,
            "negative": negative,
            "neutral": neutral,
            "category": category,
            "feedback_day": feedback_day,
            "rating": rating,
            "claim": claim,
            "claim_reason": claim_reason,
            "claim_status": claim_status,
            "claim_day": claim_day,
            "buy_shipping": buy_shipping,
            "chargeback": chargeback,
            "chargeback_reason": chargeback_reason,
            "chargeback_status": chargeback_status,
            "chargeback_day": chargeback_day,
            "spike": spike,
            "weekend": weekday >= 5,
            "bad_sku": has_bad_sku,
        }
    )
    from sellerkit.datasets import oracle, tables  # the file-shaped tables, their figures

    shaped = tables.shape(spec, frame, items, catalogue, market, rng)
    truth = oracle.truth(spec, frame, items, shaped)
    performance = None
    if spec.performance_lag is not None:
        as_of = spec.end - timedelta(days=spec.performance_lag)
        performance = oracle.performance_report(spec, frame, shaped, as_of)
        truth["performanceReportAsOf"] = as_of.isoformat()
    truth["spec"] = _jsonable(asdict(spec))
    return GeneratedAccount(spec=spec, orders=frame, truth=truth, performance=performance, **shaped)


def _amazon_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique ids shaped like Amazon's: ``111-1234567-1234567``."""
    numbers = rng.integers(10**13, 10**14, size=n)
    unique, first = np.unique(numbers, return_index=True)
    while unique.size < n:
        clash = np.setdiff1d(np.arange(n), first)
        numbers[clash] = rng.integers(10**13, 10**14, size=clash.size)
        unique, first = np.unique(numbers, return_index=True)
    text = pd.Series(numbers.astype(str))
    prefix = pd.Series((111 + (numbers % 3) * 100).astype(str))
    return (prefix + "-" + text.str[:7] + "-" + text.str[7:14]).to_numpy()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
