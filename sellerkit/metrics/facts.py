"""The facts every metric is counted from, derived once per account.

Per order: its day, channel, business flag and the first day each kind of defect that counts
arrived (negative feedback, claim, chargeback) or its seller cancellation happened. Per
seller-fulfilled order with shipments: its latest ship date and whether it shipped late. Per
package: its promised delivery day, the day it shipped, the day its tracking became valid,
the day it was delivered on time. All as day numbers (days since 1970-01-01), with
:data:`~sellerkit.metrics.engine.NEVER` for what did not happen.

What counts follows the rules table and the data contract (decisions 4, 5, 6, 17):
ratings 1–2; the claim statuses that count, except a not-received claim with Buy Shipping on
an order whose every package shipped by its latest ship date; service chargebacks that are
open, refunded or represented-lost; seller cancellations (no cancellations row counts as the
seller's, dated by the order's last update).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sellerkit.account import Account
from sellerkit.metrics.engine import ALWAYS, NEVER
from sellerkit.rules import Rules, rules_for


def day_numbers(values: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 of a day column (missing → NEVER)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    days = values.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))
    numbers = days.astype(np.int64)
    return np.where(np.isnat(days), NEVER, numbers)


def _positions(ids: pd.Series, keys: pd.Series) -> np.ndarray:
    """For each of ``ids``, the position of the same value in ``keys`` (unique), or -1."""
    if len(keys) == 0:
        return np.full(len(ids), -1, dtype=np.int64)
    found = pc.index_in(pa.array(ids, from_pandas=True), value_set=pa.array(keys, from_pandas=True))
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks()
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _first_day_per_order(order_ids: pd.Series, ids: pd.Series, days: np.ndarray) -> np.ndarray:
    """The earliest of ``days`` per order (rows named by ``ids``), aligned to ``order_ids``."""
    if len(ids) == 0:
        return np.full(len(order_ids), NEVER, dtype=np.int64)
    earliest = pd.Series(days).groupby(ids.to_numpy()).min()
    at = _positions(order_ids, pd.Series(earliest.index, dtype=order_ids.dtype))
    values = earliest.to_numpy()
    return np.where(at >= 0, values[np.maximum(at, 0)], NEVER)


@dataclass(frozen=True, eq=False)
class Facts:
    """The per-order and per-package facts of one account under one set of rules."""

    rules: Rules
    orders: pd.DataFrame
    shipped_orders: pd.DataFrame
    packages: pd.DataFrame
    present: frozenset[str]

    @property
    def first_day(self) -> int | None:
        """First order day (day number), or None without orders."""
        return int(self.orders["order_day"].min()) if len(self.orders) else None


def _shipping(orders: pd.DataFrame, shipments: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-order shipping facts of seller-fulfilled, not-cancelled orders with shipments,
    and the packages joined to in-scope seller-fulfilled orders."""
    at = _positions(shipments["order_id"], orders["order_id"])
    joined = at >= 0
    mfn_order = orders["mfn"].to_numpy()
    ship = shipments[joined].reset_index(drop=True)
    position = at[joined]
    packages_of_mfn = mfn_order[position]
    ship = ship[packages_of_mfn].reset_index(drop=True)
    position = position[packages_of_mfn]
    latest = day_numbers(ship["latest_ship_date"])
    shipped = day_numbers(ship["ship_date"])
    per_order = pd.DataFrame({"position": position, "latest": latest, "shipped": shipped})
    grouped = per_order.groupby("position", sort=True)
    summary = pd.DataFrame(
        {
            "latest_day": grouped["latest"].min(),
            "last_ship_day": grouped["shipped"].max(),  # NEVER when any package is unshipped
        }
    )
    summary["late"] = summary["last_ship_day"] > summary["latest_day"]
    return summary, ship


def prepare(account: Account, rules: Rules | None = None) -> Facts:
    """Derive the facts of ``account`` (cached per account and rules version)."""
    rules = rules or rules_for(account.marketplace.code)
    key = (rules.version, rules.marketplace)
    cached = _CACHE.get(account, {}).get(key)
    if cached is not None:
        return cached
    facts = _derive(account, rules)
    _CACHE.setdefault(account, {})[key] = facts
    return facts


_CACHE: weakref.WeakKeyDictionary[Account, dict[tuple[str, str], Facts]] = (
    weakref.WeakKeyDictionary()
)


def clear_cache() -> None:
    """Forget every account's facts (benchmarks use it to time the whole work)."""
    _CACHE.clear()


def _derive(account: Account, rules: Rules) -> Facts:
    source = account.orders
    ids = source["order_id"]
    orders = pd.DataFrame(
        {
            "order_id": ids,
            "order_day": day_numbers(source["order_date"]),
            "mfn": (source["channel"] == "MFN").to_numpy(),
            "business": source["is_business_order"].to_numpy(dtype=bool),
            "cancelled": source["is_cancelled"].to_numpy(dtype=bool),
        }
    )
    present = frozenset(account.files["kind"])

    feedback = account.feedback
    negative = feedback[feedback["rating"].isin(rules.negative_ratings).to_numpy()]
    orders["feedback_day"] = _first_day_per_order(
        ids, negative["order_id"], day_numbers(negative["date"])
    )

    shipping, packages = _shipping(orders, account.shipments)
    on_time_shipped = np.zeros(len(orders), dtype=bool)
    on_time_shipped[shipping.index.to_numpy()] = ~shipping["late"].to_numpy()

    claims = account.claims
    counting = claims["claim_status"].astype(str).isin(rules.counting_claim_statuses).to_numpy()
    claim_at = _positions(claims["order_id"], ids)
    exempt = (
        (claims["claim_reason"].astype(str) == rules.buy_shipping_exempt_reason).to_numpy()
        & claims["buy_shipping"].to_numpy(dtype=bool)
        & np.where(claim_at >= 0, on_time_shipped[np.maximum(claim_at, 0)], False)
    )
    counted = claims[counting & ~exempt]
    orders["claim_day"] = _first_day_per_order(
        ids, counted["order_id"], day_numbers(counted["claim_date"])
    )

    chargebacks = account.chargebacks
    counts = (
        chargebacks["chargeback_reason"].astype(str).isin(rules.counting_chargeback_reasons)
        & chargebacks["chargeback_status"].astype(str).isin(rules.counting_chargeback_statuses)
    ).to_numpy()
    counted = chargebacks[counts]
    orders["chargeback_day"] = _first_day_per_order(
        ids, counted["order_id"], day_numbers(counted["chargeback_date"])
    )
    orders["defect_day"] = orders[["feedback_day", "claim_day", "chargeback_day"]].min(axis=1)

    cancellations = account.cancellations
    buyer = cancellations[cancellations["buyer_requested"].to_numpy(dtype=bool)]
    seller = cancellations[~cancellations["buyer_requested"].to_numpy(dtype=bool)]
    buyer_day = _first_day_per_order(ids, buyer["order_id"], day_numbers(buyer["cancel_date"]))
    seller_day = _first_day_per_order(ids, seller["order_id"], day_numbers(seller["cancel_date"]))
    updated = day_numbers(source["last_updated_date"])
    recorded = (buyer_day != NEVER) | (seller_day != NEVER)
    orders["seller_cancel_day"] = np.where(
        orders["mfn"] & orders["cancelled"],
        np.where(buyer_day != NEVER, NEVER, np.where(recorded, seller_day, updated)),
        NEVER,
    )

    shipped_orders = pd.DataFrame(
        {
            "latest_day": shipping["latest_day"].to_numpy(),
            "late": shipping["late"].to_numpy(),
        }
    )
    active = ~orders["cancelled"].to_numpy()[shipping.index.to_numpy()]
    shipped_orders = shipped_orders[active].reset_index(drop=True)

    ship_day = day_numbers(packages["ship_date"])
    scan = np.minimum(
        day_numbers(packages["first_scan_date"]), day_numbers(packages["delivery_date"])
    )
    tracked = (
        packages["tracking_number"].notna().to_numpy()
        & (packages["tracking_number"].astype(str).str.strip() != "").to_numpy()
    )
    valid_day = np.where(tracked & (scan != NEVER), np.maximum(scan, ship_day), NEVER)
    promised = day_numbers(packages["promised_delivery_date"])
    delivered = day_numbers(packages["delivery_date"])
    on_time_day = np.where(
        (valid_day != NEVER) & (delivered <= promised), np.maximum(valid_day, delivered), NEVER
    )
    package_facts = pd.DataFrame(
        {
            "promised_day": promised,
            "ship_day": ship_day,
            "valid_day": valid_day,
            "on_time_day": on_time_day,
            "category": packages["product_category"]
            .astype(str)
            .where(packages["product_category"].notna(), "(none)"),
        }
    )
    package_facts = package_facts[promised != NEVER].reset_index(drop=True)
    return Facts(rules, orders, shipped_orders, package_facts, present)


__all__ = ["ALWAYS", "NEVER", "Facts", "clear_cache", "day_numbers", "prepare"]
