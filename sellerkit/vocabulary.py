"""The field's names, written once: Amazon's metric keys and count fields, the Order Defect
Rate's parts, the fulfilment channels and the scopes a figure is computed for.

Every other catalogue of sellerkit (the JSON's count fields, the report's titles, the cause
explorer's units, the layouts' allowed ``fulfillment-channel`` values …) derives from the
tables here, so a name changes in one place. Where each name comes from:

- metric keys, count fields and the ODR's parts: the keys of Amazon's seller performance
  report (Selling Partner API, ``GET_V2_SELLER_PERFORMANCE_REPORT``; amazon-metrics.md,
  "Data a seller can download"), which ``sellerkit metrics --json`` keeps (data contract);
- metric titles: Seller Central's names on the Account Health page;
- channel values: the All Orders report's ``fulfillment-channel`` (``Merchant``, ``Amazon``)
  and the codes Amazon's documentation and the report's ``orderDefectRate.{mfn,afn}`` use;
- the words for people ("seller-fulfilled", "FBA"): Seller Central's.

The keys are :class:`enum.StrEnum` members: each equals, hashes and formats like its string,
so JSON, dictionary look-ups and comparisons with Amazon's strings keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class MetricKey(StrEnum):
    """The metrics sellerkit computes, by their key in Amazon's performance report."""

    ORDER_DEFECT_RATE = "orderDefectRate"
    LATE_SHIPMENT_RATE = "lateShipmentRate"
    PRE_FULFILLMENT_CANCELLATION_RATE = "preFulfillmentCancellationRate"
    VALID_TRACKING_RATE = "validTrackingRate"
    ON_TIME_DELIVERY_RATE = "onTimeDeliveryRate"
    UNIT_ON_TIME_DELIVERY_RATE = "unitOnTimeDeliveryRate"


class OdrPart(StrEnum):
    """The per-kind counts of an Order Defect Rate entry, by Amazon's key (an order with two
    kinds of defect counts in both, and once in ``orderWithDefects``)."""

    NEGATIVE_FEEDBACK = "negativeFeedback"
    CLAIMS = "claims"
    CHARGEBACKS = "chargebacks"


LATE_SHIPMENT_RATE_LIST = "lateShipmentRateList"
"""Amazon's key of the Late Shipment Rate's 10- and 30-day entries (live reports; sellerkit's
JSON writes it too)."""


@dataclass(frozen=True)
class MetricTerms:
    """What the field calls one metric and its counts.

    Attributes
    ----------
    key
        Amazon's key in ``performanceMetrics``.
    title
        Its name on Seller Central's Account Health page.
    numerator, denominator
        Amazon's count fields (``orderWithDefects`` of ``orderCount`` …).
    unit
        What is counted: ``orders``, ``packages`` or ``units``.
    bad
        A counted unit that is bad for the seller, in words (a ``GREATER_THAN`` rate counts
        its successes; ``bad`` names its failures).
    spellings
        Amazon's other keys for the same metric (live reports, Amazon's example report).
    """

    key: MetricKey
    title: str
    numerator: str
    denominator: str
    unit: str
    bad: str
    spellings: tuple[str, ...] = ()


METRICS: dict[MetricKey, MetricTerms] = {
    t.key: t
    for t in (
        MetricTerms(
            MetricKey.ORDER_DEFECT_RATE,
            "Order Defect Rate",
            "orderWithDefects",
            "orderCount",
            "orders",
            "orders with a defect",
        ),
        MetricTerms(
            MetricKey.LATE_SHIPMENT_RATE,
            "Late Shipment Rate",
            "lateShipmentCount",
            "orderCount",
            "orders",
            "orders shipped late",
            spellings=(LATE_SHIPMENT_RATE_LIST,),
        ),
        MetricTerms(
            MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE,
            "Pre-fulfillment Cancellation Rate",
            "cancellationCount",
            "orderCount",
            "orders",
            "orders cancelled by the seller",
            spellings=("prefulfillmentCancelRate",),  # Amazon's example report
        ),
        MetricTerms(
            MetricKey.VALID_TRACKING_RATE,
            "Valid Tracking Rate",
            "validTrackingCount",
            "shipmentCount",
            "packages",
            "packages without valid tracking",
        ),
        MetricTerms(
            MetricKey.ON_TIME_DELIVERY_RATE,
            "On-Time Delivery Rate",
            "onTimeDeliveryCount",
            "shipmentCountWithValidTracking",
            "packages",
            "packages delivered late",
        ),
        MetricTerms(
            MetricKey.UNIT_ON_TIME_DELIVERY_RATE,
            "Unit On-Time Delivery Rate",
            "unitOnTimeDeliveryCount",
            "totalUnitCount",
            "units",
            "units delivered late",
        ),
    )
}
"""The terms of every metric sellerkit computes, ODR first (the report's order)."""


@dataclass(frozen=True)
class PartTerms:
    """What the field calls one part of the Order Defect Rate.

    Attributes
    ----------
    part
        Amazon's key of the count in an ``orderDefectRate`` entry.
    title
        Its name for people (Seller Central's words).
    event
        The kind of defect event in sellerkit's per-order facts (``feedback``, ``claim``,
        ``chargeback``).
    bad
        An order it counts, in words.
    unit
        What it counts: always ``orders``.
    """

    part: OdrPart
    title: str
    event: str
    bad: str
    unit: str = "orders"


ODR_PARTS: dict[OdrPart, PartTerms] = {
    t.part: t
    for t in (
        PartTerms(
            OdrPart.NEGATIVE_FEEDBACK,
            "negative feedback",
            "feedback",
            "orders with negative feedback",
        ),
        PartTerms(OdrPart.CLAIMS, "claims", "claim", "orders with a counted A-to-z claim"),
        PartTerms(
            OdrPart.CHARGEBACKS, "chargebacks", "chargeback", "orders with a counted chargeback"
        ),
    )
}
"""The ODR's parts, in the order reports and coverage list them."""


class Channel(StrEnum):
    """Who fulfils an order: the seller (``mfn``) or Amazon (``afn``, FBA)."""

    MFN = "mfn"
    AFN = "afn"


@dataclass(frozen=True)
class ChannelTerms:
    """The names of one fulfilment channel.

    Attributes
    ----------
    channel
        The scope's key (``orderDefectRate.mfn`` in Amazon's report).
    code
        The ``channel`` of sellerkit's order tables (``MFN``, ``AFN``).
    fulfillment_channel
        The All Orders report's ``fulfillment-channel`` value (``Merchant``, ``Amazon``).
    name
        Its name for people ("seller-fulfilled", "FBA").
    """

    channel: Channel
    code: str
    fulfillment_channel: str
    name: str


CHANNELS: dict[Channel, ChannelTerms] = {
    Channel.MFN: ChannelTerms(Channel.MFN, "MFN", "Merchant", "seller-fulfilled"),
    Channel.AFN: ChannelTerms(Channel.AFN, "AFN", "Amazon", "FBA"),
}
"""Both channels, seller-fulfilled first."""


class Scope(StrEnum):
    """The order populations an Order Defect Rate is computed for: each channel, and its
    Amazon Business (B2B, ``is-business-order=true``) orders."""

    MFN = "mfn"
    AFN = "afn"
    BUSINESS_MFN = "business-mfn"
    BUSINESS_AFN = "business-afn"


@dataclass(frozen=True)
class ScopeTerms:
    """One scope: its channel, whether only business orders, and its name for people."""

    scope: Scope
    channel: Channel
    business: bool

    @property
    def name(self) -> str:
        """ "seller-fulfilled", "business, FBA" …"""
        channel = CHANNELS[self.channel].name
        return f"business, {channel}" if self.business else channel


SCOPES: dict[Scope, ScopeTerms] = {
    t.scope: t
    for t in (
        ScopeTerms(Scope.MFN, Channel.MFN, business=False),
        ScopeTerms(Scope.AFN, Channel.AFN, business=False),
        ScopeTerms(Scope.BUSINESS_MFN, Channel.MFN, business=True),
        ScopeTerms(Scope.BUSINESS_AFN, Channel.AFN, business=True),
    )
}
"""Every scope, the channels' first."""


ORDER_ID_GROUPS = (3, 7, 7)
"""The digits of each ``-``-separated group of an Amazon order id: ``111-1234567-1234567``
(19 characters), the ``amazon-order-id`` / ``order-id`` / ``Order ID`` of every report
(real-downloads.md; Seller Central's order search takes it in this form). Orders of other
channels (a merchant's own ids on non-Amazon orders) may be any text."""

ORDER_ID = re.compile(r"\b" + "-".join(rf"(\d{{{n}}})" for n in ORDER_ID_GROUPS) + r"\b")
"""An Amazon order id in text, each group captured."""


__all__ = [
    "CHANNELS",
    "LATE_SHIPMENT_RATE_LIST",
    "METRICS",
    "ODR_PARTS",
    "ORDER_ID",
    "ORDER_ID_GROUPS",
    "SCOPES",
    "Channel",
    "ChannelTerms",
    "MetricKey",
    "MetricTerms",
    "OdrPart",
    "PartTerms",
    "Scope",
    "ScopeTerms",
]
