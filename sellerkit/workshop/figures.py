"""The figures the exercises are computed from: the bundled sample accounts (loaded once per
process), their ODR, and the counts several lessons share.

Every expected answer and every typical mistake is computed from these with sellerkit, never
typed in, so the exercises follow the rules table.
"""

from __future__ import annotations

import atexit
import functools
import math
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

import sellerkit
from sellerkit import simulate
from sellerkit.account import Account
from sellerkit.metrics.defects import classify
from sellerkit.metrics.facts import defect_events
from sellerkit.metrics.health import AccountHealth
from sellerkit.metrics.rates import Rate
from sellerkit.rules import rules_for
from sellerkit.vocabulary import CHANNELS, Channel, MetricKey

MFN_CODE = CHANNELS[Channel.MFN].code
"""The order table's code of seller-fulfilled orders."""

US_RULES = rules_for("US")
"""The samples' marketplace's rules: the figures the hints quote."""

ODR_RULE = US_RULES.order_defect_rate
"""The Order Defect Rate's rule (window, lag, target) the hints quote."""


@functools.cache
def account(name: str = "growing-brand") -> Account:
    """A bundled sample account (``growing-brand``, ``small-seller`` …) or the generated
    ``post-holiday`` scenario, loaded once."""
    from sellerkit import datasets  # the generator and the samples, imported on first use

    if name == "post-holiday":
        folder = Path(tempfile.mkdtemp(prefix="sellerkit-workshop-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = datasets.write_scenario("post-holiday", folder / "post-holiday")
        return sellerkit.load_account(path, warn=False)
    return sellerkit.load_account(datasets.sample_path(name), warn=False)


@functools.cache
def health(name: str = "growing-brand") -> AccountHealth:
    """The sample's Account Health, computed once."""
    return sellerkit.health(account(name))


def odr(name: str, channel: str = Channel.MFN) -> Rate:
    """The sample's Order Defect Rate in one channel (``mfn`` or ``afn``)."""
    return health(name).rate(MetricKey.ORDER_DEFECT_RATE, channel)


def mfn_orders(name: str, first: date | None = None, last: date | None = None) -> pd.DataFrame:
    """Seller-fulfilled orders placed from ``first`` to ``last`` (default: the ODR window)."""
    rate = odr(name)
    first, last = first or rate.first, last or rate.last
    orders = account(name).orders
    days = orders["order_date"].dt.date
    return orders[(orders["channel"] == MFN_CODE) & (days >= first) & (days <= last)]


def defect_rows(name: str, *, counting: bool) -> pd.DataFrame:
    """Order id and date of the feedback, claims and chargebacks: the defect events (what
    counts towards ODR, :mod:`sellerkit.metrics.defects`) when ``counting``, else every row
    as if each were a defect."""
    acct = account(name)
    rules = rules_for(acct.marketplace.code)
    rows = defect_events(acct, rules) if counting else classify(acct, rules)
    return rows[["order_id", "known_date"]].rename(columns={"known_date": "date"})


def defective_orders(
    name: str, first: date | None = None, last: date | None = None, *, counting: bool = True
) -> int:
    """Seller-fulfilled orders placed from ``first`` to ``last`` with a defect; with
    ``counting=False`` every feedback row (3 stars too) and every claim, whatever its
    outcome, as if each were a defect."""
    ids = set(defect_rows(name, counting=counting)["order_id"])
    return int(mfn_orders(name, first, last)["order_id"].isin(ids).sum())


def by_defect_date(name: str) -> int:
    """Counting defects dated in the window, whatever the order's date."""
    rate = odr(name)
    rows = defect_rows(name, counting=True)
    days = pd.to_datetime(rows["date"]).dt.date
    in_window = rows[(days >= rate.first) & (days <= rate.last)]
    orders = account(name).orders
    mfn = set(orders.loc[orders["channel"] == MFN_CODE, "order_id"])
    return len(set(in_window["order_id"]) & mfn)


def defect_free_orders_needed(name: str) -> int:
    """Defect-free seller-fulfilled orders the sample's window needs to be under target."""
    needed = simulate.orders_needed(odr(name))
    if needed.orders is None:  # defect-free orders always dilute: a sample never gets here
        raise ValueError(f"{name}: {needed.explanation}")
    return needed.orders


def strict_orders_needed(defects: int, orders: int, target: float) -> int:
    """Orders to add, all defect-free, for ``defects / total < target`` (strict)."""
    return max(0, math.floor(defects / target) + 1 - orders)


def loose_orders_needed(defects: int, orders: int, target: float) -> int:
    """The same, mistaking 'under' for 'at most'."""
    return max(0, math.ceil(defects / target) - orders)
