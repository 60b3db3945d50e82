"""Coverage: per metric, which files it was computed from, what was assumed, what is missing
and which download would add it (data contract R7).

A figure without its evidence is ``NONE`` with a note (R6), and a part of the ODR no file can
give is unknown, not 0; coverage says the same thing per metric, in one place, for the text of
``sellerkit summary`` and ``sellerkit metrics``, the ``"coverage"`` of the JSON and the
report. What was assumed is counted where it changes the figure: among the defects, orders or
cancellations the metric counts on the as-of day, in its window.

Which kinds of file feed which metric follows ``docs/input-files.md`` ("Which download feeds
which metric") and :mod:`sellerkit.io.sources`; the downloads' names and where to get them
follow ``/work/shared/real-downloads.md``. The result objects (:class:`Coverage`,
:class:`AccountCoverage`) are in :mod:`sellerkit.metrics.coverage_result`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from sellerkit.account import Account
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.schema import Kind
from sellerkit.metrics.compute import day_number, from_day_number
from sellerkit.metrics.coverage_result import PARTS, AccountCoverage, Coverage, sum_counts
from sellerkit.metrics.facts import Facts, day_numbers, prepare
from sellerkit.rules import Rules, rules_for
from sellerkit.vocabulary import ODR_PARTS, Channel, MetricKey, OdrPart

ORDERS = ("orders",)
FEEDS: dict[str, tuple[str, ...]] = {
    OdrPart.NEGATIVE_FEEDBACK: ("feedback",),
    OdrPart.CLAIMS: ("claims", "transactions", "settlement", "returns"),
    OdrPart.CHARGEBACKS: ("chargebacks", "transactions", "settlement"),
    MetricKey.LATE_SHIPMENT_RATE: (
        "shipments",
        "order-report",
        "unshipped-orders",
        "ship-confirmations",
    ),
    MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE: (
        "cancellations",
        "order-report",
        "unshipped-orders",
    ),
    MetricKey.VALID_TRACKING_RATE: ("shipments",),
    MetricKey.ON_TIME_DELIVERY_RATE: ("shipments",),
}
"""The kinds of file each figure is computed from, besides the All Orders reports."""

ASSUMED_EVENTS = {
    ("claim", "transactions"): "claim(s) taken as granted against you (Transaction report)",
    ("claim", "settlement"): "claim(s) taken as granted against you (Settlement report)",
    ("claim", "returns"): "claim(s) of unknown status taken as pending (Returns report)",
    ("chargeback", "transactions"): "chargeback(s) taken as service (Transaction report)",
    ("chargeback", "settlement"): "chargeback(s) taken as service (Settlement report)",
}
"""What a counted defect from a download assumes, by kind and source (R3)."""

NOT_SHIPPED = "order(s) with no shipping confirmation taken as not shipped ({days}-day window)"
SELLER_CANCELLED = "cancellation(s) taken as the seller's (no file says who asked)"

GET = {
    "feedback": "the Seller Feedback report (Performance › Feedback Manager, or "
    "GET_SELLER_FEEDBACK_DATA)",
    "transactions": "the Date Range Transaction report (Payments › Reports Repository)",
    "returns": "the Returns report (Reports › Return Reports)",
    "claims": "claims.csv (copied from Seller Central's A-to-z claims page)",
    "chargebacks": "chargebacks.csv (copied from Seller Central's chargeback claims page)",
    "order-report": "the MFN Order Report (Orders › Order Reports)",
    "confirmations": "the shipping-confirmation files you upload",
    "scans": "shipments.csv with first-scan-date and delivery-date (your carrier's or "
    "shipping software's tracking events)",
    "cancellations": "cancellations.csv",
}
"""Where to get each download or file, as the ``wouldAdd`` text names it."""


def _files(account: Account, kinds: tuple[str, ...]) -> tuple[str, ...]:
    files = account.files
    chosen = files[files["kind"].isin(kinds).to_numpy()]
    order = {kind: i for i, kind in enumerate(kinds)}
    ranked = sorted(
        zip(chosen["kind"], chosen["file"], strict=True), key=lambda kf: (order[kf[0]], kf[1])
    )
    return tuple(str(f) for _, f in ranked)


def _join(*parts: str | None) -> str | None:
    kept = list(dict.fromkeys(p for p in parts if p))
    return "; ".join(kept) if kept else None


@dataclass(frozen=True)
class _Window:
    """What the as-of day's windows count, for the assumed counts (None: no as-of day)."""

    facts: Facts
    today: int | None


def _counted_events(window: _Window, scope: str) -> pd.DataFrame:
    events = window.facts.events
    if window.today is None:
        return events.iloc[:0]
    first, last = window.facts.rules.order_defect_rate.window(from_day_number(window.today))
    order_day = day_numbers(events["order_date"])
    keep = (
        (order_day >= day_number(first))
        & (order_day <= day_number(last))
        & (day_numbers(events["known_date"]) <= window.today)
        & (events["channel"] == scope).to_numpy()
    )
    return events[keep]


def _part(account: Account, counted: pd.DataFrame, part: str, scope: str) -> Coverage:
    """One part of the ODR; ``counted`` are the scope's events the window counts."""
    present = set(account.files["kind"])
    files = _files(account, FEEDS[part])
    kind = ODR_PARTS[OdrPart(part)].event
    events = counted[(counted["kind"] == kind).to_numpy() & counted["assumed"].to_numpy()]
    assumed = sum_counts(
        [
            {ASSUMED_EVENTS.get((kind, str(source)), f"{kind}(s) assumed ({source})"): 1}
            for source in events["source"]
        ]
    )
    missing: list[str] = []
    would_add = None
    if part == OdrPart.NEGATIVE_FEEDBACK and not files:
        missing.append(
            "no Seller Feedback report: negative feedback unknown, not 0 (Amazon makes no "
            "file when there is no 1–3 star feedback)"
        )
        would_add = GET["feedback"]
    if part == OdrPart.CLAIMS and "claims" not in present:
        if files:
            missing.append(
                "no claims.csv: claim status, reason and Buy Shipping unknown; claims Amazon "
                "funded, denied or withdrawn are in no download"
            )
            would_add = GET["claims"]
        else:
            missing.append("no claims file or payments report: claims unknown, not 0")
            would_add = f"{GET['transactions']}, {GET['returns']} and {GET['claims']}"
    if part == OdrPart.CHARGEBACKS and "chargebacks" not in present:
        if files:
            missing.append("no chargebacks.csv: service or fraud, open or won chargebacks unknown")
            would_add = GET["chargebacks"]
        else:
            missing.append("no chargebacks file or payments report: chargebacks unknown, not 0")
            would_add = f"{GET['transactions']} and {GET['chargebacks']}"
    return Coverage(part, scope, files, assumed, tuple(missing), would_add)


def _odr(account: Account, window: _Window, scope: str) -> Coverage:
    counted = _counted_events(window, scope)
    parts = tuple(_part(account, counted, part, scope) for part in PARTS)
    files = _files(account, ORDERS) + tuple(dict.fromkeys(f for p in parts for f in p.files))
    return Coverage(
        MetricKey.ORDER_DEFECT_RATE,
        scope,
        files,
        sum_counts([p.assumed for p in parts]),
        tuple(m for p in parts for m in p.missing),
        _join(*(p.would_add for p in parts)),
        parts,
    )


def _late_shipment(account: Account, window: _Window) -> Coverage:
    present = set(account.files["kind"])
    files = _files(account, ORDERS + FEEDS[MetricKey.LATE_SHIPMENT_RATE])
    facts = window.facts
    assumed: dict[str, int] = {}
    if window.today is not None:
        shipped, _ = facts.shipping(window.today, window.today)
        latest = shipped["latest_day"]
        for rule in facts.rules.late_shipment:
            low = window.today - rule.window_days + 1
            inside = (latest >= low) & (latest <= window.today)
            assumed[NOT_SHIPPED.format(days=rule.window_days)] = int(
                (inside & shipped["assumed"]).sum()
            )
    missing: list[str] = []
    would_add = None
    deadlines = present & {"order-report", "unshipped-orders"}
    if "shipments" not in present and not deadlines:
        missing.append("no ship-by days: no MFN Order Report or shipments.csv")
        would_add = f"{GET['order-report']} and {GET['confirmations']}"
    elif facts.ship_unknown_orders:
        missing.append(
            f"no ship dates for {facts.ship_unknown_orders} order(s): no shipping-confirmation "
            "file (left out)"
        )
        would_add = GET["confirmations"]
    return Coverage(
        MetricKey.LATE_SHIPMENT_RATE, "", files, sum_counts([assumed]), tuple(missing), would_add
    )


def _cancellation(account: Account, window: _Window) -> Coverage:
    present = set(account.files["kind"])
    files = _files(account, ORDERS + FEEDS[MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE])
    facts = window.facts
    assumed: dict[str, int] = {}
    if window.today is not None:
        orders = facts.orders
        low = window.today - max(r.window_days for r in facts.rules.cancellation) + 1
        day = orders["order_day"]
        counted = (
            orders["mfn"]
            & (day >= low)
            & (day <= window.today)
            & (orders["seller_cancel_day"] <= window.today)
            & orders["seller_cancel_assumed"]
        )
        assumed[SELLER_CANCELLED] = int(counted.sum())
    missing: list[str] = []
    would_add = None
    if not present & {"cancellations", "order-report", "unshipped-orders"}:
        missing.append(
            "who asked for each cancellation: no cancellations.csv or MFN Order Report "
            "(every cancelled order counts as the seller's)"
        )
        would_add = (
            f"{GET['order-report']} (is-buyer-requested-cancellation) or " + GET["cancellations"]
        )
    return Coverage(
        MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE,
        "",
        files,
        sum_counts([assumed]),
        tuple(missing),
        would_add,
    )


def _tracking(account: Account, window: _Window, metric: str) -> Coverage:
    present = set(account.files["kind"])
    files = _files(account, ORDERS + FEEDS[metric])
    facts = window.facts
    missing: list[str] = []
    would_add = None
    if "shipments" not in present:
        downloads = present & {"order-report", "unshipped-orders", "ship-confirmations"}
        missing.append(
            "no carrier scans or deliveries in these files"
            + (" (the Order Report and shipping confirmations carry none)" if downloads else "")
        )
        would_add = GET["scans"]
    elif facts.scan_unknown_packages:
        missing.append(
            f"{facts.scan_unknown_packages} package(s) of downloads without scans left out"
        )
        would_add = GET["scans"]
    return Coverage(metric, "", files, {}, tuple(missing), would_add)


def coverage(
    account: Account,
    as_of: date | None = None,
    rules: Rules | None = None,
    *,
    facts: Facts | None = None,
) -> AccountCoverage:
    """The coverage of every figure of ``account``, with assumptions counted on ``as_of``.

    Parameters
    ----------
    account
        A loaded account; nothing in it is modified.
    as_of
        The day whose windows the assumed counts are for (default: the latest order day;
        none when the account has no orders in scope).
    rules
        The rules (default: the marketplace's rules in force on ``as_of``).
    facts
        The account's facts, when the caller derived them (``health`` does, under its rules).

    Returns
    -------
    AccountCoverage
        ``str()`` for the terminal, ``.to_dict()`` for the JSON's ``"coverage"``,
        ``.markdown()`` for the report.
    """
    day = as_of or account.last_order_day
    if facts is None:
        facts = prepare(account, rules or rules_for(account.marketplace.code, day))
    window = _Window(facts, None if day is None else day_number(day))
    entries = (
        _odr(account, window, Channel.MFN),
        _odr(account, window, Channel.AFN),
        _late_shipment(account, window),
        _cancellation(account, window),
        _tracking(account, window, MetricKey.VALID_TRACKING_RATE),
        _tracking(account, window, MetricKey.ON_TIME_DELIVERY_RATE),
    )
    titles = {
        str(file): LAYOUTS[Kind(kind)].title
        for file, kind in zip(account.files["file"], account.files["kind"], strict=True)
        if kind in {str(k) for k in LAYOUTS}
    }
    return AccountCoverage(day, _files(account, ORDERS), entries, titles)


__all__ = ["AccountCoverage", "Coverage", "coverage"]
