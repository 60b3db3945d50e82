"""Which orders an account's metrics count: the folder's marketplace's Amazon orders.

Non-Amazon orders (multi-channel fulfilment) and the orders of other marketplaces are left
out of every metric, and counted in the data-quality summary (one folder per marketplace).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sellerkit.io.checks import source_files
from sellerkit.marketplaces import NON_AMAZON, Marketplace
from sellerkit.quality import DataQuality, examples_of, with_examples


def scope_masks(items: pd.DataFrame, market: Marketplace) -> tuple[np.ndarray, np.ndarray]:
    """Masks of Non-Amazon rows and of other marketplaces' rows, decided per category."""
    channel = items["sales_channel"].cat
    names = np.asarray(channel.categories.str.lower(), dtype=object)
    row_codes = channel.codes.to_numpy()
    non_amazon = (names == NON_AMAZON)[row_codes]
    other = ((names != NON_AMAZON) & (names != market.sales_channel.lower()))[row_codes]
    return non_amazon, other


def _count_left_out(
    items: pd.DataFrame, mask: np.ndarray, code: str, text: str, quality: DataQuality
) -> None:
    """Count the orders of the rows ``mask`` under ``code`` (``text`` says what they are)."""
    if not mask.any():
        return
    excluded = items.loc[mask, "order_id"]
    count = excluded.nunique()
    quality.add(
        code,
        count,
        with_examples(f"{count} {text}", examples_of(excluded)),
        examples_of(excluded),
        source_files(items, mask),
    )


def scope_orders(
    items: pd.DataFrame,
    order_codes: np.ndarray | None,
    market: Marketplace,
    quality: DataQuality,
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The item rows in scope (and their order codes, if given), the others counted.

    Parameters
    ----------
    items
        Every item row of the orders files (not modified).
    order_codes
        Each row's order number from combining the downloads, or ``None``.
    market
        The account's marketplace.
    quality
        Receives ``nonAmazonOrders`` and ``otherMarketplaceOrders``.
    """
    non_amazon, other = scope_masks(items, market)
    _count_left_out(
        items,
        non_amazon,
        "nonAmazonOrders",
        "Non-Amazon (multi-channel fulfilment) order(s) left out of every metric",
        quality,
    )
    _count_left_out(
        items,
        other,
        "otherMarketplaceOrders",
        f"order(s) from other marketplaces than {market.sales_channel} left out "
        "(one folder per marketplace)",
        quality,
    )
    out_of_scope = non_amazon | other
    if not out_of_scope.any():
        return items, order_codes
    kept = items[~out_of_scope].reset_index(drop=True)
    return kept, None if order_codes is None else order_codes[~out_of_scope]
