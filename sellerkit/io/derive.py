"""Tables derived from the All Orders rows: one row per order."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sellerkit._arrow import group_sum
from sellerkit.io.layouts_canonical import CANCELLED
from sellerkit.order_ids import first_rows, number_order_ids
from sellerkit.vocabulary import CHANNELS, Channel

ORDER_LEVEL = (
    "merchant_order_id",
    "purchase_date",
    "last_updated_date",
    "order_status",
    "fulfillment_channel",
    "sales_channel",
    "order_channel",
    "ship_service_level",
    "ship_state",
    "ship_country",
    "is_business_order",
    "currency",
)
"""Order-level columns of the All Orders report (the same on every item row of an order)."""


def cancelled_rows(items: pd.DataFrame) -> np.ndarray:
    """Item rows whose ``order-status`` is Cancelled (decided once per category)."""
    status = items["order_status"].cat
    flags = np.asarray(status.categories.str.startswith(CANCELLED), dtype=bool)
    codes = status.codes.to_numpy()
    return np.where(codes >= 0, flags[codes], False)


def seller_fulfilled_rows(items: pd.DataFrame) -> np.ndarray:
    """Item rows fulfilled by the seller (``fulfillment-channel`` Merchant, MFN)."""
    channel = items["fulfillment_channel"].cat
    merchant = CHANNELS[Channel.MFN].fulfillment_channel
    flags = np.asarray(channel.categories == merchant, dtype=bool)
    codes = channel.codes.to_numpy()
    return np.where(codes >= 0, flags[codes], False)


def first_appearance(codes: np.ndarray) -> np.ndarray:
    """Renumber group codes (any numbering, all ≥ 0) ``0…k-1`` in order of first
    appearance, as :func:`~sellerkit._arrow.factorize` numbers them."""
    if not len(codes):
        return codes.astype(np.int64)
    size = int(codes.max()) + 1
    first = np.full(size, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    present = np.flatnonzero(first < len(codes))
    renumber = np.empty(size, dtype=np.int64)
    renumber[present[np.argsort(first[present], kind="stable")]] = np.arange(len(present))
    return renumber[codes]


def order_level(items: pd.DataFrame, group: np.ndarray | None = None) -> pd.DataFrame:
    """One row per order, in order of first appearance.

    Order-level fields come from the order's first item row; ``order_date`` is its local
    calendar day; ``item_rows``, ``quantity`` and ``item_price`` (missing when no item has
    a price) add up its items; ``channel`` is ``MFN`` or ``AFN``; ``is_cancelled`` follows
    ``order-status``.

    ``group`` may give each row's order number, ``0…k-1`` in order of first appearance
    (the combine step knows it), sparing a hash pass over the order ids.
    """
    if group is None:
        group, first = number_order_ids(items["order_id"])
    else:
        first = first_rows(group)
    groups = len(first)
    orders = items[list(ORDER_LEVEL)].iloc[first].reset_index(drop=True)
    orders.insert(0, "order_id", items["order_id"].iloc[first].reset_index(drop=True))
    orders.insert(2, "order_date", orders["purchase_date"].dt.tz_localize(None).dt.normalize())
    orders["item_rows"] = np.bincount(group, minlength=groups)
    orders["quantity"] = np.bincount(
        group, weights=items["quantity"].to_numpy(), minlength=groups
    ).astype(np.int64)
    orders["item_price"] = group_sum(group, groups, items["item_price"].to_numpy(), min_count=1)
    orders["is_cancelled"] = cancelled_rows(orders)
    orders["channel"] = pd.Categorical.from_codes(
        np.where(seller_fulfilled_rows(orders), 0, 1),
        categories=pd.Index([CHANNELS[Channel.MFN].code, CHANNELS[Channel.AFN].code]),
    )
    return orders


@dataclass(frozen=True, eq=False)
class LoadedItems:
    """The order items as loaded, which the order table is built from on first use.

    ``rows`` is a copy-on-write copy of the account's ``order_items`` (no data is copied:
    pandas copies a column only when one side sets a cell in it), so the order table is
    that of the rows as loaded whatever a what-if sets in ``order_items`` later, as when
    the load cache restores the table. Combining downloads numbers the orders once;
    ``numbers`` keeps them, sparing the order table a hash pass over the ids.

    Attributes
    ----------
    rows
        The order items as loaded.
    numbers
        Each row's order number (any numbering ≥ 0) where the load made them, else ``None``.
    """

    rows: pd.DataFrame
    numbers: np.ndarray | None

    @classmethod
    def of(cls, items: pd.DataFrame, numbers: np.ndarray | None) -> LoadedItems:
        """``items`` as loaded, with the order ``numbers`` of its rows if any."""
        if numbers is not None and len(numbers) != len(items):
            numbers = None
        return cls(items.copy(deep=False), numbers)

    def orders(self) -> pd.DataFrame:
        """The order table of the rows as loaded (:func:`order_level`)."""
        group = None if self.numbers is None else first_appearance(self.numbers)
        return order_level(self.rows, group)
