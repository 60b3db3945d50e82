"""Dimensions a metric can be broken down by, as integer codes attached to its units.

Order-level dimensions come from the order; item-level ones (SKU, ASIN) are multi-valued:
an order with two SKUs counts once for each. Package-level ones (carrier, ship method,
product category, handling time) come from the package itself for package metrics and from
the order's first package otherwise (``(no shipment)`` for FBA orders).

Every dimension is held as codes (one small integer per unit) and labels, derived once per
analysis (:class:`Codes`, built by the analysis and passed down, never kept between calls): a
breakdown is then a ``bincount``, not a group-by over text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sellerkit._arrow import as_array
from sellerkit.account import Account
from sellerkit.metrics.columns import positions
from sellerkit.order_ids import number_order_ids


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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HANDLING = ("0", "1", "2", "3", "4+")


@dataclass(frozen=True)
class Coded:
    """A dimension as codes (``-1``: no value) and the labels they index."""

    codes: np.ndarray
    labels: np.ndarray


def _coded(values: pd.Series) -> Coded:
    """Codes and labels of a text or categorical column; missing values get MISSING."""
    categorical = (
        values.astype("category") if not isinstance(values.dtype, pd.CategoricalDtype) else values
    )
    codes = categorical.cat.codes.to_numpy().astype(np.int64)
    labels = np.asarray([*categorical.cat.categories.astype(str), MISSING], dtype=object)
    return Coded(np.where(codes >= 0, codes, len(labels) - 1), labels)


class Codes:
    """The dimension codes of one account, each derived on first use and kept by this
    object only: build one per analysis (:class:`sellerkit.causes.basis.Basis` does), so a
    table edited in place is read again by the next analysis."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.order: dict[str, Coded] = {}
        self.rows: dict[str, Coded] = {}
        self.items: dict[str, tuple[np.ndarray, np.ndarray, Coded]] = {}
        self._first_package: np.ndarray | None = None
        self._item_orders: np.ndarray | None = None
        self._shipment_orders: np.ndarray | None = None

    def order_level(self, name: str) -> Coded:
        if name not in self.order:
            orders = self.account.orders
            if name == "fulfillment_channel":
                coded = _coded(orders["channel"])
            elif name == "business":
                codes = orders["is_business_order"].to_numpy(dtype=bool).astype(np.int64)
                coded = Coded(codes, np.array(["consumer", "business"], dtype=object))
            elif name == "order_weekday":
                coded = Coded(
                    orders["order_date"].dt.day_of_week.to_numpy().astype(np.int64),
                    np.array(WEEKDAYS, dtype=object),
                )
            elif name == "order_week":
                days = orders["order_date"].to_numpy().astype("datetime64[D]").view(np.int64)
                monday = days - (days + 3) % 7  # 1970-01-01 was a Thursday
                weeks, codes = np.unique(monday, return_inverse=True)
                labels = np.datetime_as_string(weeks.astype("datetime64[D]")).astype(object)
                coded = Coded(codes.astype(np.int64), labels)
            else:
                coded = _coded(orders[name])
            self.order[name] = coded
        return self.order[name]

    def shipment_orders(self) -> np.ndarray:
        """For each shipments row, its order's position in the orders (-1 without one)."""
        if self._shipment_orders is None:
            self._shipment_orders = positions(
                as_array(self.account.shipments["order_id"]),
                as_array(self.account.orders["order_id"]),
            )
        return self._shipment_orders

    def first_package(self) -> np.ndarray:
        """For each order, its first shipments row (-1 without one)."""
        if self._first_package is None:
            at = self.shipment_orders()
            first = np.full(len(self.account.orders), -1, dtype=np.int64)
            rows = np.flatnonzero(at >= 0)[::-1]  # later rows first: the first row wins
            first[at[rows]] = rows
            self._first_package = first
        return self._first_package

    def row_level(self, name: str) -> Coded:
        """A package-level dimension per shipments row."""
        if name not in self.rows:
            shipments = self.account.shipments
            if name == "handling_days":
                at = self.shipment_orders()
                ordered = self.account.orders["order_date"].to_numpy()[np.maximum(at, 0)]
                days = (shipments["ship_date"].to_numpy() - ordered) / np.timedelta64(1, "D")
                known = (at >= 0) & ~np.isnan(days)
                codes = np.where(known, np.clip(np.nan_to_num(days), 0, 4), len(HANDLING))
                coded = Coded(codes.astype(np.int64), np.array([*HANDLING, MISSING], dtype=object))
            else:
                coded = _coded(shipments[{"carrier": "carrier_name"}.get(name, name)])
            self.rows[name] = coded
        return self.rows[name]

    def item_orders(self) -> np.ndarray:
        """For each order item, its order's position in the orders (shared by SKU and
        ASIN)."""
        if self._item_orders is None:
            self._item_orders, _ = number_order_ids(self.account.order_items["order_id"])
        return self._item_orders

    def item_level(self, name: str) -> tuple[np.ndarray, np.ndarray, Coded]:
        """Distinct (order, value) pairs as a per-order index: (offsets, values, labels)."""
        if name not in self.items:
            items = self.account.order_items
            coded = _coded(items[name])
            size = len(coded.labels)
            pairs = _distinct(self.item_orders() * size + coded.codes)
            pair_order, pair_value = pairs // size, pairs % size
            counts = np.bincount(pair_order, minlength=len(self.account.orders))
            offsets = np.concatenate([[0], np.cumsum(counts)])
            self.items[name] = (offsets, pair_value, coded)
        return self.items[name]


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``np.unique`` by one sort (numpy 2's hash-based unique
    takes about a second on a million integers, five times the sort)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _explode(offsets: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For units of ``order``: the unit index and pair index of each (unit, item) pair."""
    starts, counts = offsets[order], offsets[order + 1] - offsets[order]
    unit = np.repeat(np.arange(order.size), counts)
    within = np.arange(unit.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return unit, np.repeat(starts, counts) + within


def codes_for(coder: Codes, units: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray, Coded]:
    """A dimension's codes for ``units``: (unit index, code) per row — several rows per unit
    for item-level dimensions — and the labels."""
    if name not in DIMENSIONS:
        raise KeyError(f"`by` must name dimensions among {', '.join(DIMENSIONS)}, got {name!r}")
    order = units["order"].to_numpy()
    index = np.arange(len(units))
    level = DIMENSIONS[name].level
    if level == "order":
        coded = coder.order_level(name)
        return index, coded.codes[order], coded
    if level == "item":
        offsets, values, coded = coder.item_level(name)
        unit, pair = _explode(offsets, order)
        return unit, values[pair], coded
    coded = coder.row_level(name)
    rows = units["row"].to_numpy() if "row" in units else coder.first_package()[order]
    labels = np.asarray([*coded.labels, NO_SHIPMENT], dtype=object)
    # NO_SHIPMENT's code appended: row -1 (no shipments row) picks it, also when the account
    # has no shipments row at all (an All Orders report alone).
    codes = np.append(coded.codes, len(labels) - 1)[rows]
    return index, codes, Coded(coded.codes, labels)


def group_counts(coder: Codes, units: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Units and bad units per group of one dimension or a pair, by ``bincount`` on codes."""
    bad = units["bad"].to_numpy()
    parts = [codes_for(coder, units, name) for name in by]
    exploded = [
        i
        for i, (unit, _, _) in enumerate(parts)
        if unit.size != len(units) or DIMENSIONS[by[i]].level == "item"
    ]
    if len(exploded) > 1:
        raise ValueError("two item-level dimensions (SKU, ASIN) cannot be paired")
    lead = exploded[0] if exploded else 0
    unit = parts[lead][0]
    combined = np.zeros(unit.size, dtype=np.int64)
    sizes = [len(coded.labels) for _, _, coded in parts]
    for i, (part_unit, codes, _) in enumerate(parts):
        per_row = codes if i == lead else codes[unit] if part_unit.size == len(units) else codes
        combined = combined * sizes[i] + per_row
    total = int(np.prod(sizes))
    counted = np.bincount(combined, minlength=total)
    bads = np.bincount(combined, weights=bad[unit], minlength=total)
    keep = np.flatnonzero(counted > 0)
    columns: dict[str, np.ndarray] = {}
    rest = keep.copy()
    for i in range(len(parts) - 1, -1, -1):
        columns[by[i]] = parts[i][2].labels[rest % sizes[i]]
        rest //= sizes[i]
    frame = pd.DataFrame({name: columns[name] for name in by})
    frame["units"] = counted[keep]
    frame["bad"] = bads[keep].astype(np.int64)
    return frame


def attach(coder: Codes, units: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``units`` with a label column per (non-item) dimension, or exploded for one item
    dimension: for reading and for plain pandas grouping."""
    out = units.reset_index(drop=True)
    for name in names:
        unit, codes, coded = codes_for(coder, out, name)
        out = out.iloc[unit].reset_index(drop=True)
        out[name] = coded.labels[codes]
    return out
