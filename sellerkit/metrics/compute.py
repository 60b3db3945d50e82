"""Every metric of every as-of day of a range, from the facts, through the window engine.

A pure computation on the caller's thread: no pool is started here (``sellerkit batch
--workers N`` already runs one process per account; see :mod:`sellerkit.metrics.facts`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sellerkit.metrics.engine import ALWAYS, NEVER, window_counts
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.rates import Rate, rates_from_counts
from sellerkit.rules import MetricRule
from sellerkit.vocabulary import OdrPart, Scope

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


def from_day_number(number: int) -> date:
    """The date of a day number."""
    return EPOCH + timedelta(days=int(number))


@dataclass(frozen=True)
class Series:
    """One metric and scope over a run of as-of days ``first..``: counts per day."""

    rule: MetricRule
    scope: str
    first: date
    numerators: np.ndarray
    denominators: np.ndarray
    components: dict[str, np.ndarray]
    note: str | None
    level: float
    prior: tuple[float, float]
    unknown: tuple[str, ...] = ()

    def rates(self) -> list[Rate]:
        """One :class:`Rate` per day (for a few days; use the arrays for many)."""
        days = [self.first + timedelta(days=i) for i in range(len(self.numerators))]
        return rates_from_counts(
            self.rule,
            self.scope,
            self.numerators,
            self.denominators,
            days,
            self.level,
            self.prior,
            self.components,
            self.note,
            self.unknown,
        )


def _count(
    rule: MetricRule,
    lo: int,
    hi: int,
    window_day: np.ndarray,
    arrays: dict[str, np.ndarray],
    group: np.ndarray | None = None,
    groups: int = 1,
    weights: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Window counts of ``rule`` for the as-of day numbers ``lo..hi``."""
    return window_counts(
        window_day, arrays, lo, hi, rule.window_days, rule.lag_days, group, groups, weights
    )


def _scoped(
    rule: MetricRule,
    counts: dict[str, np.ndarray],
    rows: list[int] | slice,
    scope: str,
    first: date,
    rules,
    note: str | None,
    unknown: tuple[str, ...] = (),
) -> Series:
    """Sum the given group rows of a count into one scope's series."""

    def total(name: str) -> np.ndarray:
        return counts[name][rows].sum(axis=0)

    components = {k: total(k) for k in counts if k not in ("num", "den")}
    return Series(
        rule,
        scope,
        first,
        total("num"),
        total("den"),
        components,
        note,
        rules.interval_level,
        rules.prior,
        unknown,
    )


def series(
    facts: Facts,
    first: date,
    last: date,
    *,
    known_until: date | None = None,
    categories: bool = False,
) -> Iterator[Series]:
    """Every metric for the as-of days ``first..last``.

    ``known_until`` ignores what happened after that day (for projections "if nothing new
    happens"); by default each as-of day sees what had happened by then. ``categories``
    adds the Valid Tracking Rate per product category.
    """
    lo, hi = day_number(first), day_number(last)
    cutoff = day_number(known_until) if known_until else None

    def known(values: np.ndarray) -> np.ndarray:
        return values if cutoff is None else np.where(values > cutoff, NEVER, values)

    yield from _order_metrics(facts, first, lo, hi, known)
    shipped, packages = facts.shipping(lo, hi)
    yield from _shipping_metrics(facts, first, lo, hi, known, shipped, packages, categories)


def _order_metrics(facts: Facts, first: date, lo: int, hi: int, known) -> Iterator[Series]:
    rules = facts.rules

    orders = facts.orders
    order_day = known(orders["order_day"])
    always = np.full(len(order_day), ALWAYS, dtype=np.int64)
    mfn = orders["mfn"]
    business = orders["business"]
    odr = rules.order_defect_rate
    counts = _count(
        odr,
        lo,
        hi,
        order_day,
        {
            "den": always,
            "num": known(orders["defect_day"]),
            OdrPart.NEGATIVE_FEEDBACK: known(orders["feedback_day"]),
            OdrPart.CLAIMS: known(orders["claim_day"]),
            OdrPart.CHARGEBACKS: known(orders["chargeback_day"]),
        },
        group=mfn * 2 + business,  # 0 FBA, 1 FBA business, 2 MFN, 3 MFN business
        groups=4,
    )
    odr_note = _missing(facts, tuple(ODR_PARTS.values()))
    unknown = unknown_parts(facts.present)
    for scope, rows in (
        (Scope.MFN, [2, 3]),
        (Scope.AFN, [0, 1]),
        (Scope.BUSINESS_MFN, [3]),
        (Scope.BUSINESS_AFN, [1]),
    ):
        yield _scoped(odr, counts, rows, scope, first, rules, odr_note, unknown)

    for rule in rules.cancellation:
        counts = _count(
            rule,
            lo,
            hi,
            order_day,
            {"den": always, "num": known(orders["seller_cancel_day"])},
            group=np.where(mfn, 0, -1),
        )
        yield _scoped(rule, counts, slice(None), "", first, rules, None)


def _shipping_metrics(
    facts: Facts, first: date, lo: int, hi: int, known, shipped, packages, categories: bool
) -> Iterator[Series]:
    rules = facts.rules

    no_shipments = None if "shipments" in facts.present else "no shipments file"
    lsr_note = _join(no_shipments, _ship_unknown(facts))
    tracking_note = _join(no_shipments, _scan_unknown(facts))
    latest = shipped["latest_day"]
    late = np.where(shipped["late"], ALWAYS, NEVER)
    for rule in rules.late_shipment:
        counts = _count(rule, lo, hi, latest, {"den": np.full(len(latest), ALWAYS), "num": late})
        yield _scoped(rule, counts, slice(None), "", first, rules, lsr_note)

    promised = packages["promised_day"]
    ship_day = known(packages["ship_day"])
    valid_day = known(packages["valid_day"])
    vtr, otdr = rules.valid_tracking, rules.on_time_delivery
    counts = _count(vtr, lo, hi, promised, {"den": ship_day, "num": valid_day})
    yield _scoped(vtr, counts, slice(None), "", first, rules, tracking_note)
    if categories and len(promised):
        names = facts.categories
        labels = packages["category_code"]
        counts = _count(
            vtr, lo, hi, promised, {"den": ship_day, "num": valid_day}, labels, len(names)
        )
        for index in np.flatnonzero(counts["den"].sum(axis=1) > 0):
            yield _scoped(vtr, counts, [int(index)], names[index], first, rules, None)
    on_time = {"den": valid_day, "num": known(packages["on_time_day"])}
    counts = _count(otdr, lo, hi, promised, on_time)
    yield _scoped(otdr, counts, slice(None), "", first, rules, tracking_note)
    unit_rule = rules.unit_on_time_delivery
    if unit_rule is not None:
        units = packages["units"]
        counted = np.where(units > 0, promised, NEVER)  # a package without units: left out
        counts = _count(unit_rule, lo, hi, counted, on_time, weights=np.maximum(units, 0))
        unitless = np.where(units > 0, NEVER, promised)
        missing = _count(unit_rule, lo, hi, unitless, {"den": valid_day})["den"]
        note = _join(tracking_note, _units_unknown(int(missing.max(initial=0))))
        yield _scoped(unit_rule, counts, slice(None), "", first, rules, note)


ODR_PARTS = {
    OdrPart.NEGATIVE_FEEDBACK: "feedback",
    OdrPart.CLAIMS: "claims",
    OdrPart.CHARGEBACKS: "chargebacks",
}
"""Each ODR part and the kind of data it needs."""


def unknown_parts(present: frozenset[str]) -> tuple[str, ...]:
    """The ODR parts no file of the account gives (``present``: the kinds of data it holds,
    :attr:`~sellerkit.metrics.facts.Facts.present`): their counts are unknown, not 0."""
    return tuple(part for part, kind in ODR_PARTS.items() if kind not in present)


def _join(*notes: str | None) -> str | None:
    present = [n for n in notes if n]
    return "; ".join(present) if present else None


def _missing(facts: Facts, kinds: tuple[str, ...]) -> str | None:
    absent = [k for k in kinds if k not in facts.present]
    partial = [k for k in kinds if k in facts.from_downloads_only]
    return _join(
        f"without {', '.join(absent)} (no file): the rate may be higher" if absent else None,
        f"{', '.join(partial)} from payments and returns only (no CSV): claims Amazon funded "
        "or denied, and fraud chargebacks, are not in any download"
        if partial
        else None,
    )


def _ship_unknown(facts: Facts) -> str | None:
    """R4: orders whose ship date no file can give are left out, not counted late."""
    count = facts.ship_unknown_orders
    if not count:
        return None
    return (
        f"{count} order(s) with a ship-by day but no ship date source (Order Report without "
        "shipping-confirmation files) left out"
    )


def _units_unknown(missing: int) -> str | None:
    """Tracked packages of the window whose units no file gives are left out of the unit
    figure, never taken as one unit."""
    if not missing:
        return None
    return (
        f"{missing} tracked package(s) with no units in any file left out (add units to the "
        "shipments CSV, or the Order Report's quantity)"
    )


def _scan_unknown(facts: Facts) -> str | None:
    """R6: no figure from tracking numbers alone."""
    count = facts.scan_unknown_packages
    if not count:
        return None
    return (
        f"{count} package(s) with no carrier scan or delivery date in any file (the Order "
        "Report and shipping confirmations carry none) left out: add first-scan-date and "
        "delivery-date in a shipments CSV"
    )
