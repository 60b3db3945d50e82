"""The records the facts are made of, typed: named numpy columns of equal length.

Plain dictionaries of arrays (no DataFrame: no consolidation copies), typed so that a
misspelt column is a type error (mypy) rather than a KeyError at run time. Days are day
numbers (days since 1970-01-01), :data:`~sellerkit.metrics.engine.NEVER` for what did not
happen.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np


class OrderFacts(TypedDict):
    """Per order, aligned with ``account.orders``."""

    order_id: np.ndarray  # the orders' ids (an Arrow-backed pandas array)
    order_day: np.ndarray
    mfn: np.ndarray  # bool: seller-fulfilled
    business: np.ndarray  # bool: a business order
    cancelled: np.ndarray  # bool
    feedback_day: np.ndarray  # first counted negative feedback known
    claim_day: np.ndarray  # first counted A-to-z claim known
    chargeback_day: np.ndarray  # first counted chargeback known
    defect_day: np.ndarray  # the earliest of the three
    seller_cancel_day: np.ndarray  # a cancellation that counts (decisions 5, 6)
    seller_cancel_assumed: np.ndarray  # bool: cancelled, no file says who asked


class PackageRows(TypedDict):
    """Per shipments row, aligned with ``account.shipments``, before any join."""

    latest_day: np.ndarray  # latest ship day promised
    ship_day: np.ndarray
    valid_day: np.ndarray  # tracking valid (first scan or delivery, not before shipping)
    promised_day: np.ndarray  # promised delivery day
    on_time_day: np.ndarray  # delivered on time (by the promised day, tracked)
    category_code: np.ndarray  # index into Facts.categories
    units: np.ndarray  # 0: unknown
    ship_known: np.ndarray  # bool: the file can say whether and when it shipped
    scan_known: np.ndarray  # bool: the file can carry a carrier scan or a delivery
    assumed: np.ndarray  # bool: a download's row that states more than its file does


__all__ = ["OrderFacts", "PackageRows"]
