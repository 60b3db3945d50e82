"""Every metric of every as-of day of a range, from the facts, through the window engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sellerkit.metrics.engine import ALWAYS, NEVER, Events, window_counts
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.rates import Rate, rates_from_counts
from sellerkit.rules import MetricRule

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
        )


def _always(n: int) -> np.ndarray:
    return np.full(n, ALWAYS, dtype=np.int64)


def _count(events: Events, rule: MetricRule, first: int, last: int) -> np.ndarray:
    return window_counts(events, first, last, rule.window_days, rule.lag_days)


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
    rules = facts.rules
    lo, hi = day_number(first), day_number(last)
    cutoff = day_number(known_until) if known_until else None

    def known(values: np.ndarray) -> np.ndarray:
        if cutoff is None:
            return values
        return np.where(values > cutoff, NEVER, values)

    def rates(rule, scope, num_events, den_events, components=None, note=None) -> Series:
        return Series(
            rule,
            scope,
            first,
            _count(num_events, rule, lo, hi),
            _count(den_events, rule, lo, hi),
            {k: _count(v, rule, lo, hi) for k, v in (components or {}).items()},
            note,
            rules.interval_level,
            rules.prior,
        )

    orders = facts.orders
    order_day = orders["order_day"].to_numpy()
    if cutoff is not None:
        order_day = np.where(order_day > cutoff, NEVER, order_day)
    all_orders = Events(order_day, _always(len(orders)))
    mfn = orders["mfn"].to_numpy()
    business = orders["business"].to_numpy()
    odr_note = _missing(facts, ("feedback", "claims", "chargebacks"))
    odr = rules.order_defect_rate
    for scope, mask in (
        ("mfn", mfn),
        ("afn", ~mfn),
        ("business-mfn", mfn & business),
        ("business-afn", ~mfn & business),
    ):
        den = all_orders.where(mask)
        num = Events(order_day, known(orders["defect_day"].to_numpy())).where(mask)
        parts = {
            name: Events(order_day, known(orders[column].to_numpy())).where(mask)
            for name, column in (
                ("negativeFeedback", "feedback_day"),
                ("claims", "claim_day"),
                ("chargebacks", "chargeback_day"),
            )
        }
        yield rates(odr, scope, num, den, parts, odr_note)

    no_shipments = None if "shipments" in facts.present else "no shipments file"
    shipped = facts.shipped_orders
    latest = shipped["latest_day"].to_numpy()
    late = shipped["late"].to_numpy()
    for rule in rules.late_shipment:
        den = Events(latest, _always(len(shipped)))
        yield rates(rule, "", den.where(late), den, note=no_shipments)

    for rule in rules.cancellation:
        den = all_orders.where(mfn)
        num = Events(order_day, known(orders["seller_cancel_day"].to_numpy())).where(mfn)
        yield rates(rule, "", num, den)

    packages = facts.packages
    promised = packages["promised_day"].to_numpy()
    ship_day = known(packages["ship_day"].to_numpy())
    valid_day = known(packages["valid_day"].to_numpy())
    on_time_day = known(packages["on_time_day"].to_numpy())
    vtr, otdr = rules.valid_tracking, rules.on_time_delivery
    vtr_den = Events(promised, ship_day)
    vtr_num = Events(promised, valid_day)
    yield rates(vtr, "", vtr_num, vtr_den, note=no_shipments)
    if categories:
        names = packages["category"].to_numpy()
        for category in sorted(set(names)):
            mask = names == category
            yield rates(vtr, category, vtr_num.where(mask), vtr_den.where(mask))
    yield rates(otdr, "", Events(promised, on_time_day), vtr_num, note=no_shipments)


def _missing(facts: Facts, kinds: tuple[str, ...]) -> str | None:
    absent = [k for k in kinds if k not in facts.present]
    if not absent:
        return None
    return f"without {', '.join(absent)} (no file): the rate may be higher"
