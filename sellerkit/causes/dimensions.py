"""Dimensions a metric can be broken down by, attached to its units.

Order-level dimensions come from the order; item-level ones (SKU, ASIN) are multi-valued:
an order with two SKUs counts once for each. Package-level ones (carrier, ship method,
product category, handling time) come from the package itself for package metrics and from
the order's first package otherwise (``(no shipment)`` for FBA orders).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sellerkit._arrow import as_array, factorize
from sellerkit.account import Account
from sellerkit.metrics.facts import _positions


@dataclass(frozen=True)
class Dimension:
    """A way to split a metric's units."""

    name: str
    level: str  # "order", "item" or "package"
    title: str


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        Dimension("sku", "item", "SKU"),
        Dimension("asin", "item", "ASIN"),
        Dimension("product_category", "package", "product category"),
        Dimension("fulfillment_channel", "order", "fulfilment channel"),
        Dimension("carrier", "package", "carrier"),
        Dimension("ship_method", "package", "ship method"),
        Dimension("ship_service_level", "order", "ship service level"),
        Dimension("ship_state", "order", "ship-to state"),
        Dimension("ship_country", "order", "ship-to country"),
        Dimension("order_weekday", "order", "order weekday"),
        Dimension("order_week", "order", "order week"),
        Dimension("handling_days", "package", "handling time (days from order to ship)"),
        Dimension("business", "order", "business or consumer"),
    )
}

NO_SHIPMENT = "(no shipment)"
MISSING = "(unknown)"

_ITEMS: weakref.WeakKeyDictionary[Account, pd.DataFrame] = weakref.WeakKeyDictionary()
_FIRST_PACKAGE: weakref.WeakKeyDictionary[Account, np.ndarray] = weakref.WeakKeyDictionary()


def _text(values: pd.Series | np.ndarray) -> np.ndarray:
    series = pd.Series(values).astype("string").fillna(MISSING)
    return series.to_numpy(dtype=object)


def _item_pairs(account: Account) -> pd.DataFrame:
    """(order position, sku, asin) once per distinct item of each order (cached)."""
    if account not in _ITEMS:
        items = account.order_items
        order, _ = factorize(items["order_id"])  # the positions of account.orders
        pairs = pd.DataFrame(
            {"order": order, "sku": _text(items["sku"]), "asin": _text(items["asin"])}
        )
        _ITEMS[account] = pairs
    return _ITEMS[account]


def _first_package(account: Account) -> np.ndarray:
    """For each order, the row of its first shipments row (-1 without one), cached."""
    if account not in _FIRST_PACKAGE:
        shipments = account.shipments
        at = _positions(as_array(shipments["order_id"]), as_array(account.orders["order_id"]))
        first = np.full(len(account.orders), -1, dtype=np.int64)
        rows = np.flatnonzero(at >= 0)[::-1]  # later rows first, so the first row wins
        first[at[rows]] = rows
        _FIRST_PACKAGE[account] = first
    return _FIRST_PACKAGE[account]


def _handling(days: np.ndarray) -> np.ndarray:
    labels = np.array(["0", "1", "2", "3", "4+"], dtype=object)
    out = np.full(days.shape, NO_SHIPMENT, dtype=object)
    known = ~np.isnan(days)
    out[known] = labels[np.clip(days[known], 0, 4).astype(int)]
    return out


def _package_values(account: Account, name: str, rows: np.ndarray, order: np.ndarray) -> np.ndarray:
    shipments = account.shipments
    has = rows >= 0
    out = np.full(rows.shape, NO_SHIPMENT, dtype=object)
    if name == "handling_days":
        ship = shipments["ship_date"].to_numpy()[np.maximum(rows, 0)]
        ordered = account.orders["order_date"].to_numpy()[order]
        days = ((ship - ordered) / np.timedelta64(1, "D")).astype(float)
        days[~has] = np.nan
        return _handling(days)
    column = {"carrier": "carrier_name"}.get(name, name)
    values = _text(shipments[column])
    out[has] = values[rows[has]]
    return out


def attach(account: Account, units: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``units`` with one column per dimension in ``names`` (item-level ones explode the
    units: one row per distinct item of the order)."""
    unknown = [n for n in names if n not in DIMENSIONS]
    if unknown:
        raise KeyError(
            f"`by` must name dimensions among {', '.join(DIMENSIONS)}, got {unknown[0]!r}"
        )
    out = units.reset_index(drop=True)
    orders = account.orders
    for name in names:
        level = DIMENSIONS[name].level
        order = out["order"].to_numpy()
        if level == "item":
            pairs = _item_pairs(account)[["order", name]].drop_duplicates()
            out = out.merge(pairs, on="order", how="left")
            out[name] = out[name].fillna(MISSING)
            continue
        if level == "package":
            rows = out["row"].to_numpy() if "row" in out else _first_package(account)[order]
            out[name] = _package_values(account, name, rows, order)
            continue
        if name == "fulfillment_channel":
            values = orders["channel"].astype(str).to_numpy()
        elif name == "business":
            values = np.where(
                orders["is_business_order"].to_numpy(dtype=bool), "business", "consumer"
            )
        elif name == "order_weekday":
            values = orders["order_date"].dt.day_name().to_numpy()
        elif name == "order_week":
            start = orders["order_date"] - pd.to_timedelta(
                orders["order_date"].dt.day_of_week, unit="D"
            )
            values = start.dt.strftime("%Y-%m-%d").to_numpy()
        else:
            values = _text(orders[name])
        out[name] = np.asarray(values, dtype=object)[order]
    return out
