"""The facts every metric is counted from, derived once per account.

Per order: its day, channel, business flag and the first day each kind of defect that counts
arrived (negative feedback, claim, chargeback) or its seller cancellation happened. Per
seller-fulfilled order with shipments: its latest ship date and whether it shipped late. Per
package: its promised delivery day, the day it shipped, the day its tracking became valid,
the day it was delivered on time. All as day numbers (days since 1970-01-01), with
:data:`~sellerkit.metrics.engine.NEVER` for what did not happen.

What counts as an order defect is decided in one place, :mod:`sellerkit.metrics.defects`:
the facts keep its defect events (:attr:`Facts.events`, :func:`defect_events`) and take each
order's defect days from them. Cancellations follow the data contract (decisions 5, 6):
seller cancellations count (no cancellations row counts as the seller's, dated by the
order's last update).

Joins: the small tables (feedback, claims, chargebacks, cancellations) are found by probing
the orders against their few ids. Packages are joined to orders per range of as-of days
(:meth:`Facts.shipping`): only the packages those days' windows reach, probed the same way,
so one day's figures never join the whole shipments table.

No hidden cache (issue 15): :func:`prepare` derives the facts from ``(account, rules)`` each
time it is called, and keeps nothing. A public analysis derives them once and passes them
down explicitly: :func:`~sellerkit.metrics.health.health` hands its facts to the coverage and
the reconciliation, a cause scan hands one set to every metric's units, ``history`` derives
one set per stretch of rules. So custom rules (``rules=`` on every analysis) give their own
figures, and a table edited in place (a what-if in a notebook) is seen by the next call.
A memo across calls would need a key exact for in-place edits, that is a hash of the
tables' content: on an account of 870,000 orders that takes about 2 s, four times as long as
deriving its facts (about 0.45 s), so there is none. :meth:`Facts.shipping` keeps its joins
per range of days: that memo lives and dies with the facts, a value derived at one moment.

No thread either (``batch --workers N`` runs N processes: a pool in each would oversubscribe).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import as_array
from sellerkit.account import Account
from sellerkit.io.layouts import kinds_present
from sellerkit.metrics.columns import day_numbers, positions
from sellerkit.metrics.defects import classify, events_of
from sellerkit.metrics.engine import NEVER
from sellerkit.metrics.records import OrderFacts, PackageRows
from sellerkit.rules import Rules, rules_for
from sellerkit.vocabulary import CHANNELS, Channel


def _first_days(
    order_ids: pa.Array, sources: dict[str, tuple[pd.Series, np.ndarray]]
) -> dict[str, np.ndarray]:
    """The earliest day per order of each source (rows of order ids and their days),
    aligned to ``order_ids``. The orders probe the union of the sources' few ids once;
    each source then maps its own rows."""
    keys = [as_array(ids) for ids, _ in sources.values()]
    union = pc.unique(pa.concat_arrays([k.cast(pa.string()) for k in keys])) if keys else None
    if union is None or len(union) == 0:
        return {name: np.full(len(order_ids), NEVER, dtype=np.int64) for name in sources}
    at = positions(order_ids, union)
    hits = np.flatnonzero(at >= 0)  # the few orders with any event
    out = {}
    for (name, (_, days)), key in zip(sources.items(), keys, strict=True):
        earliest = np.full(len(union), NEVER, dtype=np.int64)
        np.minimum.at(earliest, positions(key.cast(pa.string()), union), days)
        column = np.full(len(order_ids), NEVER, dtype=np.int64)
        column[hits] = earliest[at[hits]]
        out[name] = column
    return out


Columns = dict[str, np.ndarray]
"""Named arrays of equal length: plain numpy, no DataFrame (no consolidation copies)."""


@dataclass(frozen=True, eq=False)
class Facts:
    """The per-order and per-package facts of one account under one set of rules.

    Attributes
    ----------
    events
        The defect events: one row per feedback, claim or chargeback that counts, with the
        rule that made it count (:mod:`sellerkit.metrics.defects`). Every per-order defect
        day below is the earliest ``known_date`` of the order's events of that kind.
    orders
        Per order (:class:`~sellerkit.metrics.records.OrderFacts`): its day, channel, flags
        and the first day each kind of defect or a seller cancellation counts.
    order_ids
        The orders' ids as an Arrow array (for joins).
    package_rows
        Per shipments row, before any join (:class:`~sellerkit.metrics.records.PackageRows`).
    package_ids
        The shipments rows' order ids (Arrow).
    categories
        Product category names by ``category_code``.
    present
        The kinds of data the account holds: its files' kinds and the tables they feed (an
        MFN Order Report gives shipments data; :func:`~sellerkit.io.layouts.kinds_present`).
    from_downloads_only
        Kinds among ``present`` that only downloads feed, with no sellerkit CSV of their own
        (claims known from payments only, …).
    ship_unknown_orders
        Orders whose shipments rows cannot say whether or when they shipped (an Order
        Report without confirmation files): left out of the Late Shipment Rate.
    scan_unknown_packages
        Shipments rows from files that never carry a carrier scan or a delivery (Order
        Report, confirmations): left out of Valid Tracking and On-Time Delivery (R6).
    origin
        The account's :meth:`~sellerkit.account.Account.shape` when the facts were derived.
    """

    rules: Rules
    events: pd.DataFrame
    orders: OrderFacts
    order_ids: pa.Array
    package_rows: PackageRows
    package_ids: pa.Array
    categories: tuple[str, ...]
    present: frozenset[str]
    from_downloads_only: frozenset[str] = frozenset()
    ship_unknown_orders: int = 0
    scan_unknown_packages: int = 0
    origin: tuple[str, tuple[int, ...]] = ("", ())  # Account.shape() when derived
    _shipping: dict[tuple[int, int], tuple[Columns, Columns]] = field(default_factory=dict)

    @property
    def first_day(self) -> int | None:
        """First order day (day number), or None without orders."""
        days = self.orders["order_day"]
        return int(days.min()) if len(days) else None

    def shipping(self, first: int, last: int) -> tuple[Columns, Columns]:
        """Shipping facts for the as-of days ``first..last`` (day numbers), cached.

        Returns ``(shipped_orders, packages)``: per seller-fulfilled, not-cancelled order
        with shipments, ``latest_day``, ``late`` and ``assumed`` (a shipments row of the
        order was assumed: no confirmation, taken as not shipped); per package of an in-scope
        seller-fulfilled order, ``promised_day``, ``ship_day``, ``valid_day``,
        ``on_time_day``, ``category_code``. Only packages the range's windows can reach are
        joined to their orders (all rows of those orders, so per-order figures are exact).
        """
        key = (first, last)
        if key not in self._shipping:
            self._shipping[key] = _shipping(self, first, last)
        return self._shipping[key]


def _known(shipments: pd.DataFrame, column: str, absent: bool = True) -> np.ndarray:
    """A shipments flag (``ship_known``, ``scan_known``, ``assumed``); ``absent`` where the
    table has no such column."""
    if column not in shipments.columns:
        return np.full(len(shipments), absent, dtype=bool)
    return shipments[column].to_numpy(dtype=bool)


def _units(shipments: pd.DataFrame) -> np.ndarray:
    """Units of each shipments row (the CSV's ``units``, or the Order Report's quantity);
    0 where no file gives them."""
    if "units" not in shipments.columns:
        return np.zeros(len(shipments), dtype=np.int64)
    units = pd.to_numeric(shipments["units"], errors="coerce")
    return units.fillna(0).clip(lower=0).to_numpy(dtype=np.int64)


def _package_columns(shipments: pd.DataFrame) -> tuple[PackageRows, tuple[str, ...]]:
    """Day numbers and flags of every shipments row; needs no join."""
    ship_day = day_numbers(shipments["ship_date"])
    scan = np.minimum(
        day_numbers(shipments["first_scan_date"]), day_numbers(shipments["delivery_date"])
    )
    tracking = as_array(shipments["tracking_number"])
    tracked = pc.fill_null(
        pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(tracking)), 0), False
    ).to_numpy(zero_copy_only=False)
    valid_day = np.where(tracked & (scan != NEVER), np.maximum(scan, ship_day), NEVER)
    promised = day_numbers(shipments["promised_delivery_date"])
    delivered = day_numbers(shipments["delivery_date"])
    category = shipments["product_category"].astype("category").cat
    codes = category.codes.to_numpy().astype(np.int64)
    columns: PackageRows = {
        "latest_day": day_numbers(shipments["latest_ship_date"]),
        "ship_day": ship_day,
        "valid_day": valid_day,
        "promised_day": promised,
        "on_time_day": np.where(
            (valid_day != NEVER) & (delivered <= promised),
            np.maximum(valid_day, delivered),
            NEVER,
        ),
        "category_code": np.where(codes >= 0, codes, len(category.categories)),
        "units": _units(shipments),
        "ship_known": _known(shipments, "ship_known"),
        "scan_known": _known(shipments, "scan_known"),
        "assumed": _known(shipments, "assumed", absent=False),
    }
    return columns, (*category.categories.astype(str), "(none)")


def _reach(rules: Rules, first: int, last: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Latest-ship days and promised days that the windows of as-of days first..last
    cover."""
    lsr = max(r.window_days for r in rules.late_shipment)
    latest = (first - lsr + 1, last)
    promised_rules = (rules.valid_tracking, rules.on_time_delivery)
    low = min(first - r.lag_days - r.window_days + 1 for r in promised_rules)
    high = max(last - r.lag_days for r in promised_rules)
    return latest, (low, high)


def _shipping(facts: Facts, first: int, last: int) -> tuple[Columns, Columns]:
    rows = facts.package_rows
    (lat_lo, lat_hi), (pro_lo, pro_hi) = _reach(facts.rules, first, last)
    reached = ((rows["latest_day"] >= lat_lo) & (rows["latest_day"] <= lat_hi)) | (
        (rows["promised_day"] >= pro_lo) & (rows["promised_day"] <= pro_hi)
    )
    if 2 * int(reached.sum()) > len(reached):
        # Most packages are reached (a long history): one join of every row is cheaper.
        rows_of = np.arange(len(reached))
        at = positions(facts.package_ids, facts.order_ids)
    else:
        involved_ids = pc.unique(facts.package_ids.filter(pa.array(reached)))
        # Every row of the involved orders (an order's latest ship date is its earliest).
        row_in = positions(facts.package_ids, involved_ids)
        rows_of = np.flatnonzero(row_in >= 0)
        order_of_id = np.full(len(involved_ids), -1, dtype=np.int64)
        at_order = positions(facts.order_ids, involved_ids)
        hits = np.flatnonzero(at_order >= 0)
        order_of_id[at_order[hits]] = hits
        at = order_of_id[row_in[rows_of]]
    orders = facts.orders
    mfn, cancelled = orders["mfn"], orders["cancelled"]
    keep = at >= 0
    keep[keep] = mfn[at[keep]]
    position = at[keep]
    selected = rows_of[keep]
    # Rows that cannot say when the order shipped are no evidence of lateness (R4, R6).
    shown = rows["ship_known"][selected]
    earliest_latest = np.full(len(mfn), NEVER, dtype=np.int64)
    last_ship = np.full(len(mfn), -NEVER, dtype=np.int64)
    np.minimum.at(earliest_latest, position[shown], rows["latest_day"][selected[shown]])
    # NEVER if one package is unshipped.
    np.maximum.at(last_ship, position[shown], rows["ship_day"][selected[shown]])
    has = np.zeros(len(mfn), dtype=bool)
    has[position[shown]] = True
    assumed = np.zeros(len(mfn), dtype=bool)
    assumed[position[shown & rows["assumed"][selected]]] = True
    active = has & ~cancelled
    shipped_orders = {
        "latest_day": earliest_latest[active],
        "late": last_ship[active] > earliest_latest[active],
        "assumed": assumed[active],
        "order": np.flatnonzero(active),  # position in the orders
    }
    packages = {
        name: rows[name][selected]
        for name in (
            "promised_day",
            "ship_day",
            "valid_day",
            "on_time_day",
            "category_code",
            "units",
        )
    }
    packages["order"] = position  # position in the orders
    packages["row"] = selected  # row of the shipments table
    # Valid Tracking and On-Time Delivery need a source that can show a scan (R6).
    with_promise = (packages["promised_day"] != NEVER) & rows["scan_known"][selected]
    return shipped_orders, {name: values[with_promise] for name, values in packages.items()}


def prepare(account: Account, rules: Rules | None = None) -> Facts:
    """Derive the facts of ``account`` under ``rules`` (default: the marketplace's rules in
    force now), from its tables as they are now. Nothing is cached: derive them once per
    analysis and pass them on (see the module's docstring)."""
    return _derive(account, rules or rules_for(account.marketplace.code))


def defect_events(account: Account, rules: Rules | None = None) -> pd.DataFrame:
    """The defect events of ``account`` under ``rules`` (default: the marketplace's rules in
    force now): one row per feedback, claim or chargeback that counts towards the Order
    Defect Rate, whichever window it falls in.

    Returns
    -------
    DataFrame
        The columns of :data:`sellerkit.metrics.defects.COLUMNS`: ``order_id, kind, reason,
        status, known_date, order_date, channel, business, order, row, source, source_file,
        assumed, source_rule, rule``. The events the facts are built from (so the ODR and
        every analysis of defects count the same rows), derived anew from the account's
        tables as they are now: a new frame, the caller's to change. An event counts for an
        as-of day when its order date is in that day's window and its ``known_date`` is on
        or before the as-of day (decision 1).
    """
    return events_of(classify(account, rules or rules_for(account.marketplace.code)))


def _derive(account: Account, rules: Rules) -> Facts:
    source = account.orders
    order_ids = as_array(source["order_id"])
    mfn = (source["channel"] == CHANNELS[Channel.MFN].code).to_numpy()
    cancelled = source["is_cancelled"].to_numpy(dtype=bool)
    package_rows, categories = _package_columns(account.shipments)
    events = events_of(classify(account, rules))
    orders = _order_facts(account, events, order_ids, mfn, cancelled)
    files = frozenset(account.files["kind"])
    present = kinds_present(files)
    shipments = account.shipments
    return Facts(
        rules,
        events,
        orders,
        order_ids,
        package_rows,
        as_array(shipments["order_id"]),
        categories,
        present,
        from_downloads_only=present - files,
        ship_unknown_orders=shipments.loc[~package_rows["ship_known"], "order_id"].nunique(),
        scan_unknown_packages=int((~package_rows["scan_known"]).sum()),
        origin=account.shape(),
    )


def _order_facts(
    account: Account,
    events: pd.DataFrame,
    order_ids: pa.Array,
    mfn: np.ndarray,
    cancelled: np.ndarray,
) -> OrderFacts:
    source = account.orders

    def first_known(kind: str) -> np.ndarray:
        # The first day an event of the kind that counts became known (defects.py decides).
        chosen = (events["kind"] == kind).to_numpy()
        first = np.full(len(mfn), NEVER, dtype=np.int64)
        np.minimum.at(
            first, events["order"].to_numpy()[chosen], day_numbers(events["known_date"][chosen])
        )
        return first

    feedback, claim, chargeback = (
        first_known("feedback"),
        first_known("claim"),
        first_known("chargeback"),
    )
    cancellations = account.cancellations
    buyer = cancellations["buyer_requested"].to_numpy(dtype=bool)
    days = _first_days(
        order_ids,
        {
            "buyer": (
                cancellations.loc[buyer, "order_id"],
                day_numbers(cancellations.loc[buyer, "cancel_date"]),
            ),
            "seller": (
                cancellations.loc[~buyer, "order_id"],
                day_numbers(cancellations.loc[~buyer, "cancel_date"]),
            ),
        },
    )
    buyer_day, seller_day = days["buyer"], days["seller"]
    # Seller cancellations: the cancellations row's day, or, with no row, the day the order
    # was last updated (its cancellation); buyer-requested ones never count.
    seller_cancel = np.full(len(mfn), NEVER, dtype=np.int64)
    cancelled_mfn = np.flatnonzero(mfn & cancelled)
    no_row = cancelled_mfn[
        (buyer_day[cancelled_mfn] == NEVER) & (seller_day[cancelled_mfn] == NEVER)
    ]
    with_row = cancelled_mfn[seller_day[cancelled_mfn] != NEVER]
    seller_cancel[with_row] = seller_day[with_row]
    seller_cancel[no_row] = day_numbers(source["last_updated_date"].iloc[no_row])
    seller_cancel[buyer_day != NEVER] = NEVER
    assumed = np.zeros(len(mfn), dtype=bool)
    assumed[no_row] = True
    return {
        "order_id": source["order_id"].array,  # no copy
        "order_day": day_numbers(source["order_date"]),
        "mfn": mfn,
        "business": source["is_business_order"].to_numpy(dtype=bool),
        "cancelled": cancelled,
        "feedback_day": feedback,
        "claim_day": claim,
        "chargeback_day": chargeback,
        "defect_day": np.minimum(np.minimum(feedback, claim), chargeback),
        "seller_cancel_day": seller_cancel,
        "seller_cancel_assumed": assumed,
    }


__all__ = ["Facts", "day_numbers", "defect_events", "prepare"]
