"""What to generate and what comes out: :class:`AccountSpec` (with its :class:`Rates` and
:class:`Planted` causes) and :class:`GeneratedAccount`.

:func:`sellerkit.datasets.generate.generate` turns a spec and a seed into an account; the
bundled samples are specs (:mod:`sellerkit.datasets.samples`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Rates:
    """Base probabilities per order (or package) when no planted cause applies."""

    negative_feedback: float = 0.004
    neutral_feedback: float = 0.004
    claim: float = 0.0015
    chargeback: float = 0.0005
    late_ship: float = 0.02
    cancel: float = 0.012
    buyer_cancel_share: float = 0.6
    no_tracking: float = 0.004
    no_scan: float = 0.01
    lost: float = 0.004
    late_noise: float = 0.06


@dataclass(frozen=True)
class Planted:
    """Causes planted in an account, each with its effect (none by default).

    Attributes
    ----------
    bad_sku
        Index in the catalogue of a product that draws not-as-described claims.
    bad_sku_claim_rate
        Probability of such a claim on an order holding that product.
    bad_carrier_no_scan
        Probability that a package of the marketplace's fourth carrier gets no scan.
    weekend_late_rate
        Late-shipment probability of orders placed on Saturday or Sunday.
    spike
        ``(first day, last day, extra probability)`` of damaged-item negative feedback on
        orders placed in that period (a warehouse packing problem).
    """

    bad_sku: int | None = None
    bad_sku_claim_rate: float = 0.0
    bad_carrier_no_scan: float = 0.0
    weekend_late_rate: float | None = None
    spike: tuple[date, date, float] | None = None


@dataclass(frozen=True)
class AccountSpec:
    """What kind of account to generate.

    Attributes
    ----------
    name
        Folder name of the sample.
    title
        Display name written to ``account.toml``.
    marketplace
        Marketplace code.
    start, end
        First and last order day of the downloads (``end`` is the default as-of).
    orders_per_day
        Mean orders a day before the weekly rhythm, trend and peak.
    growth
        Volume at ``end`` relative to ``start`` (1.0 flat, 2.0 doubling).
    weekly
        Monday…Sunday volume multipliers.
    peak
        ``(first day, last day, multiplier)`` of a seasonal peak.
    afn_share
        Share of orders fulfilled by Amazon (FBA).
    business_share
        Share of Amazon Business orders.
    multi_item
        Probability that an order holds more than one item row.
    products
        How many products of the catalogue the seller sells.
    language
        Language of product names and comments (``en``, ``de``, ``ja``).
    rates, planted
        Defect and shipping probabilities, planted causes.
    lead_days
        Days of orders before ``start`` that appear only through their feedback and claims
        (the orders download did not reach back that far), as in real accounts.
    forced_claims
        Exact granted claims placed on orders in the ODR window (for the small seller).
    order_files
        How many overlapping monthly downloads the orders are split into.
    omit_cancellation_rows
        Seller-cancelled orders left out of the cancellations CSV.
    performance_lag
        Days before ``end`` of a seller performance report snapshot to write, or ``None``.
    """

    name: str
    title: str
    marketplace: str
    start: date
    end: date
    orders_per_day: float
    growth: float = 1.0
    weekly: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    peak: tuple[date, date, float] | None = None
    afn_share: float = 0.0
    business_share: float = 0.05
    multi_item: float = 0.12
    products: int = 12
    language: str = "en"
    rates: Rates = field(default_factory=Rates)
    planted: Planted = field(default_factory=Planted)
    lead_days: int = 0
    forced_claims: int = 0
    order_files: int = 1
    omit_cancellation_rows: int = 0
    performance_lag: int | None = None


@dataclass
class GeneratedAccount:
    """A generated account: its tables in file shape, and the truth behind them."""

    spec: AccountSpec
    orders: pd.DataFrame  # order level, with internal columns for the writer and the truth
    items: pd.DataFrame  # All Orders rows (Amazon columns)
    feedback: pd.DataFrame
    claims: pd.DataFrame
    chargebacks: pd.DataFrame
    shipments: pd.DataFrame
    cancellations: pd.DataFrame
    truth: dict[str, Any]
    performance: dict[str, Any] | None
