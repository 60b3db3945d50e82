"""The versioned rules table: windows, lags, targets and what counts, per marketplace.

Every window, lag and target sellerkit uses comes from here (amazon-metrics.md, data
contract "Default rules"); no other module holds such a literal. Amazon changes its rules:
a change is one edit to :data:`DEFAULT` or :data:`OVERRIDES`, with :data:`RULES_VERSION`
bumped so reports say which rules they used.

Windows are whole days with both ends included. A metric's window for an as-of day ``d``
ends on ``d - lag`` and starts ``window - 1`` days earlier.

Rules change on dated days (:data:`CHANGES`, data contract decision 26): a figure for a day
uses the rules in force that day (:func:`rules_for` with ``day``), so a past as-of reproduces
what Amazon applied then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from sellerkit.vocabulary import METRICS, MetricKey

RULES_VERSION = "2026.11"
"""Version of the rules table; reported with every result."""

Condition = Literal["LESS_THAN", "GREATER_THAN"]


@dataclass(frozen=True)
class MetricRule:
    """One metric's window and target.

    Attributes
    ----------
    key
        Amazon's name of the metric (``orderDefectRate`` …); list entries add the window
        (``lateShipmentRate`` with ``window_days`` 10 and 30).
    title
        What a person calls it.
    window_days
        Length of the window in days, both ends included.
    lag_days
        The window ends this many days before the as-of day.
    target
        The threshold, as a fraction.
    condition
        ``LESS_THAN``: good when the rate is below the target; ``GREATER_THAN``: above it.
    enforced
        Whether Amazon enforces the target in this marketplace (or only recommends it).
    inferred
        The window or lag is inferred from Amazon's reports, not published (amazon-metrics.md).
    """

    key: MetricKey
    title: str
    window_days: int
    lag_days: int
    target: float
    condition: Condition
    enforced: bool = True
    inferred: bool = False

    def window(self, as_of: date) -> tuple[date, date]:
        """First and last day of the window for ``as_of``."""
        last = as_of - timedelta(days=self.lag_days)
        return last - timedelta(days=self.window_days - 1), last

    def as_of_for_window_end(self, last: date) -> date:
        """The as-of day whose window ends on ``last``."""
        return last + timedelta(days=self.lag_days)


@dataclass(frozen=True)
class Rules:
    """Everything that decides a metric in one marketplace.

    Attributes
    ----------
    version
        :data:`RULES_VERSION`.
    marketplace
        Marketplace code.
    order_defect_rate
        ODR, computed separately for MFN and FBA (and, as an extra, business orders).
    late_shipment
        Late Shipment Rate windows (10 and 30 days); the last is the headline figure.
    cancellation
        Pre-fulfillment Cancellation Rate windows (7 days; India adds 30).
    valid_tracking
        Valid Tracking Rate (30 days by promised delivery date, lag a setting, default 0).
    on_time_delivery
        On-Time Delivery Rate (14 days ending 7 days before as-of), in packages.
    unit_on_time_delivery
        Unit On-Time Delivery Rate (US only: Amazon's ``unitOnTimeDeliveryRate``): the same
        window and target as :attr:`on_time_delivery`, counted in units; None elsewhere.
    negative_ratings
        Feedback ratings that are defects.
    counting_claim_statuses
        A-to-z claim statuses that count.
    buy_shipping_exempt_reason
        Claim reason that does not count on an order shipped on time with Buy Shipping.
    counting_chargeback_reasons, counting_chargeback_statuses
        Chargebacks that count.
    interval_level
        Confidence level of the Wilson intervals.
    prior
        Beta prior ``(a, b)`` of the posterior behind the probability past target
        (Jeffreys: 0.5, 0.5).
    feedback_removal_days
        Days after feedback within which Amazon accepts a removal request (about 90).
    claim_appeal_days
        Days after a claim is granted within which it may be appealed.
    chargeback_response_days
        Days after a chargeback within which it may be answered (representment).
    effective_from
        The day the newest dated change in these rules took effect (:data:`CHANGES`), or
        ``None`` when no dated change applies (the baseline).
    sources
        Where each dated change in these rules comes from.
    """

    version: str
    marketplace: str
    order_defect_rate: MetricRule
    late_shipment: tuple[MetricRule, ...]
    cancellation: tuple[MetricRule, ...]
    valid_tracking: MetricRule
    on_time_delivery: MetricRule
    unit_on_time_delivery: MetricRule | None = None
    negative_ratings: tuple[int, ...] = (1, 2)
    counting_claim_statuses: frozenset[str] = field(
        default_factory=lambda: frozenset(
            {
                "pending",
                "granted-seller-funded",
                "granted-amazon-funded",
                "refunded-after-claim",
                "withdrawn-after-grant",
            }
        )
    )
    buy_shipping_exempt_reason: str = "not-received"
    counting_chargeback_reasons: frozenset[str] = frozenset({"service"})
    counting_chargeback_statuses: frozenset[str] = frozenset(
        {"open", "refunded", "represented-lost"}
    )
    interval_level: float = 0.95
    prior: tuple[float, float] = (0.5, 0.5)
    feedback_removal_days: int = 90
    claim_appeal_days: int = 30
    chargeback_response_days: int = 7
    effective_from: date | None = None
    sources: tuple[str, ...] = ()

    @property
    def all_metrics(self) -> tuple[MetricRule, ...]:
        """Every metric rule, ODR first."""
        return (
            self.order_defect_rate,
            *self.late_shipment,
            *self.cancellation,
            self.valid_tracking,
            self.on_time_delivery,
            *((self.unit_on_time_delivery,) if self.unit_on_time_delivery else ()),
        )


_ODR = METRICS[MetricKey.ORDER_DEFECT_RATE]
_LSR = METRICS[MetricKey.LATE_SHIPMENT_RATE]
_PFCR = METRICS[MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE]
_VTR = METRICS[MetricKey.VALID_TRACKING_RATE]
_OTDR = METRICS[MetricKey.ON_TIME_DELIVERY_RATE]
_UOTDR = METRICS[MetricKey.UNIT_ON_TIME_DELIVERY_RATE]

DEFAULT = Rules(
    version=RULES_VERSION,
    marketplace="US",
    order_defect_rate=MetricRule(_ODR.key, _ODR.title, 60, 14, 0.01, "LESS_THAN", inferred=True),
    late_shipment=(
        MetricRule(_LSR.key, f"{_LSR.title} (10 days)", 10, 0, 0.04, "LESS_THAN"),
        MetricRule(_LSR.key, f"{_LSR.title} (30 days)", 30, 0, 0.04, "LESS_THAN"),
    ),
    cancellation=(MetricRule(_PFCR.key, _PFCR.title, 7, 0, 0.025, "LESS_THAN"),),
    valid_tracking=MetricRule(_VTR.key, _VTR.title, 30, 0, 0.95, "GREATER_THAN"),
    on_time_delivery=MetricRule(
        _OTDR.key, _OTDR.title, 14, 7, 0.97, "GREATER_THAN", enforced=False
    ),
)
"""The baseline rules every marketplace starts from, before the dated :data:`CHANGES`
(On-Time Delivery: 97 % recommended, not enforced)."""


def _india(rules: Rules) -> Rules:
    seven = replace(rules.cancellation[0], target=0.02)
    thirty = replace(seven, title=f"{_PFCR.title} (30 days)", window_days=30)
    return replace(rules, cancellation=(seven, thirty))


def _unit_on_time(rules: Rules) -> Rules:
    """The US report's ``unitOnTimeDeliveryRate`` (amazon-metrics.md: "tracked units
    delivered by the promised date ÷ tracked units"; real-downloads.md §7: US, units, 14
    days): the package rule's window and target, counted in units."""
    unit = replace(rules.on_time_delivery, key=_UOTDR.key, title=_UOTDR.title)
    return replace(rules, unit_on_time_delivery=unit)


OVERRIDES: dict[str, Callable[[Rules], Rules]] = {
    "IN": _india,
    "US": _unit_on_time,
}
"""Marketplaces whose undated rules differ from the baseline."""


@dataclass(frozen=True)
class RuleChange:
    """One dated change of Amazon's rules (data contract, decision 26).

    Attributes
    ----------
    marketplaces
        The marketplace codes it applies to.
    effective
        The first day it applies to.
    summary
        What changed, in a few words.
    source
        Where it is documented.
    apply
        Turns the rules in force the day before into the rules from ``effective`` on.
    """

    marketplaces: frozenset[str]
    effective: date
    summary: str
    source: str
    apply: Callable[[Rules], Rules]


def _on_time_enforced_90(rules: Rules) -> Rules:
    unit = rules.unit_on_time_delivery
    return replace(
        rules,
        on_time_delivery=replace(rules.on_time_delivery, target=0.90, enforced=True),
        unit_on_time_delivery=unit and replace(unit, target=0.90, enforced=True),
    )


CHANGES: tuple[RuleChange, ...] = (
    RuleChange(
        frozenset({"US"}),
        date(2024, 9, 25),
        "On-Time Delivery Rate target 90 %, enforced (before: 97 % recommended)",
        "Amazon Seller Central news, US, 2024-09 (data contract, decision 26)",
        _on_time_enforced_90,
    ),
)
"""Every dated rule change, oldest first. A new change is one entry here."""


def rules_for(marketplace: str, day: date | None = None) -> Rules:
    """The rules of a marketplace in force on ``day``.

    Parameters
    ----------
    marketplace
        Marketplace code such as ``"US"``, ``"UK"``, ``"IN"``.
    day
        The as-of day; ``None`` for the rules in force now (every change applied).

    Returns
    -------
    Rules
        With ``effective_from`` and ``sources`` naming the dated changes applied. A day
        before every dated change gets the baseline (``effective_from`` ``None``).
    """
    code = marketplace.upper()
    rules = replace(DEFAULT, marketplace=code)
    if code in OVERRIDES:
        rules = OVERRIDES[code](rules)
    for change in CHANGES:
        if code in change.marketplaces and (day is None or change.effective <= day):
            rules = replace(
                change.apply(rules),
                effective_from=change.effective,
                sources=(*rules.sources, f"{change.effective}: {change.summary} ({change.source})"),
            )
    return rules


BASELINE_SOURCE = (
    "amazon-metrics.md: the windows and targets Amazon's Seller Central help publishes, "
    "in force before every dated change sellerkit records"
)
"""Where the undated baseline rules come from."""


def rules_provenance(rules: Rules, day: date) -> dict[str, object]:
    """Where the rules used for ``day`` come from, for the JSON and the text.

    Returns
    -------
    dict
        ``{"version", "effectiveFrom", "sources", "note"}``: ``effectiveFrom`` is the day
        of the newest dated change applied (None for the baseline); ``sources`` lists the
        baseline's source and each change applied; ``note`` says when ``day`` is before the
        earliest dated change of the marketplace, so the baseline is used (sellerkit
        records no earlier change), else None.
    """
    code = rules.marketplace
    dated = sorted(c.effective for c in CHANGES if code in c.marketplaces)
    note = None
    if dated and day < dated[0]:
        note = (
            f"{day} is before {dated[0]}, the earliest dated rule change sellerkit records for "
            f"{code}: the baseline rules are used (sellerkit knows no earlier change)"
        )
    return {
        "version": rules.version,
        "effectiveFrom": None if rules.effective_from is None else rules.effective_from.isoformat(),
        "sources": [BASELINE_SOURCE, *rules.sources],
        "note": note,
    }


def change_days(marketplace: str, first: date, last: date) -> list[date]:
    """The days in ``first``…``last`` (``first`` excluded) on which a dated change of the
    marketplace's rules takes effect, oldest first."""
    code = marketplace.upper()
    return sorted(
        {c.effective for c in CHANGES if code in c.marketplaces and first < c.effective <= last}
    )
