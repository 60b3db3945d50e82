"""The layouts of the account's own tables: the All Orders report, the Seller Feedback
report and sellerkit's four CSVs (claims, chargebacks, shipments, cancellations).

Each :class:`~sellerkit.io.schema.Layout` is one row of the data contract's "An account = one
folder" table; the allowed values of the choice columns are declared here with them. The
real downloads that feed the same tables are in :mod:`sellerkit.io.layouts_real`.
"""

from __future__ import annotations

from sellerkit.io.schema import Column, Kind, Layout, Type
from sellerkit.marketplaces import MARKETPLACES
from sellerkit.vocabulary import CHANNELS

ORDER_STATUSES = (
    "Pending",
    "Unshipped",
    "PartiallyShipped",
    "Shipped",
    "Shipping",
    "Cancelled",
    "InvoiceUnconfirmed",
    "Unfulfillable",
    "PendingAvailability",
    "Complete",
)
"""Base order statuses. Amazon may append detail: ``Shipped - Delivered to Buyer``."""

CANCELLED = "Cancelled"

FULFILLMENT_CHANNELS = tuple(sorted(t.fulfillment_channel for t in CHANNELS.values()))
"""The All Orders report's ``fulfillment-channel`` values (``Amazon``, ``Merchant``)."""

SALES_CHANNELS = (*(m.sales_channel for m in MARKETPLACES.values()), "Non-Amazon")
CLAIM_REASONS = ("not-received", "not-as-described", "damaged", "return-refund", "other")
CLAIM_STATUSES = (
    "pending",
    "granted-seller-funded",
    "granted-amazon-funded",
    "refunded-after-claim",
    "withdrawn-after-grant",
    "withdrawn-before-decision",
    "denied",
)
CHARGEBACK_REASONS = ("service", "fraud")
CHARGEBACK_STATUSES = ("open", "refunded", "represented-won", "represented-lost")

_PRIVATE_ORDER_COLUMNS = frozenset(
    {
        "ship-city",
        "ship-postal-code",
        "cpf",
        "buyer-email",
        "buyer-name",
        "buyer-phone-number",
        "recipient-name",
        "ship-address-1",
        "ship-address-2",
        "ship-address-3",
        "ship-phone-number",
        "bill-address-1",
        "bill-address-2",
        "bill-address-3",
        "bill-city",
        "bill-postal-code",
        "bill-name",
    }
)

ORDERS = Layout(
    kind=Kind.ORDERS,
    title="All Orders report",
    identifying=("amazon-order-id", "purchase-date", "fulfillment-channel"),
    distinctive=("amazon-order-id", "last-updated-date", "order-status", "fulfillment-channel"),
    columns=(
        Column("amazon-order-id", "order_id", allow_empty=False),
        Column("merchant-order-id", "merchant_order_id", required=False),
        Column("purchase-date", "purchase_date", Type.TIMESTAMP, allow_empty=False),
        Column("last-updated-date", "last_updated_date", Type.TIMESTAMP),
        Column("order-status", "order_status", Type.CHOICE, choices=ORDER_STATUSES),
        Column("order-item-id", "order_item_id", required=False),
        Column(
            "fulfillment-channel",
            "fulfillment_channel",
            Type.CHOICE,
            allow_empty=False,
            choices=FULFILLMENT_CHANNELS,
        ),
        Column(
            "sales-channel",
            "sales_channel",
            Type.CHOICE,
            allow_empty=False,
            choices=SALES_CHANNELS,
        ),
        Column("order-channel", "order_channel", required=False),
        Column("ship-service-level", "ship_service_level", required=False),
        Column("product-name", "product_name", required=False),
        Column("sku", "sku"),
        Column("asin", "asin"),
        Column("item-status", "item_status", required=False),
        Column("quantity", "quantity", Type.INT, allow_empty=False),
        Column("currency", "currency", required=False),
        Column("item-price", "item_price", Type.MONEY, required=False),
        Column("item-tax", "item_tax", Type.MONEY, required=False),
        Column("shipping-price", "shipping_price", Type.MONEY, required=False),
        Column("shipping-tax", "shipping_tax", Type.MONEY, required=False),
        Column("gift-wrap-price", "gift_wrap_price", Type.MONEY, required=False),
        Column("gift-wrap-tax", "gift_wrap_tax", Type.MONEY, required=False),
        Column("item-promotion-discount", "item_promotion_discount", Type.MONEY, required=False),
        Column("ship-promotion-discount", "ship_promotion_discount", Type.MONEY, required=False),
        Column("ship-state", "ship_state", required=False),
        Column("ship-country", "ship_country", required=False),
        Column("promotion-ids", "promotion_ids", required=False),
        Column(
            "is-business-order",
            "is_business_order",
            Type.BOOL,
            required=False,
            empty_as_false=True,
        ),
        Column("purchase-order-number", "purchase_order_number", required=False),
        Column("price-designation", "price_designation", required=False),
        Column(
            "signature-confirmation-recommended",
            "signature_confirmation_recommended",
            Type.BOOL,
            required=False,
            empty_as_false=True,
        ),
        Column("url", "url", required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "order_item_id"),
    newest="last_updated_date",
    snapshot="order_id",
    private=_PRIVATE_ORDER_COLUMNS,
    how_to_get=(
        "download it again from Seller Central > Reports > Fulfillment > All Orders "
        "(tab-delimited, English headers)"
    ),
)

FEEDBACK_API_COLUMNS = ("Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email")
"""The ``GET_SELLER_FEEDBACK_DATA`` report's columns, in order (real-downloads.md §1)."""

FEEDBACK_UI_COLUMNS = (
    "Date",
    "Rating",
    "Comments",
    "Arrived on Time",
    "Item as Described",
    "Customer Service",
    "Order ID",
    "Rater Email",
    "Rater Role",
)
"""Seller Central's older feedback table (2011), in order (real-downloads.md §1)."""

FEEDBACK_RESPONSE_UI_COLUMNS = (*FEEDBACK_UI_COLUMNS[:3], "Your Response", *FEEDBACK_UI_COLUMNS[3:])
"""The ~2018 download: ``Your Response`` after ``Comments`` (inferred, real-downloads.md §1)."""

FEEDBACK = Layout(
    kind=Kind.FEEDBACK,
    title="Seller Feedback report",
    identifying=("date", "rating", "order id"),
    distinctive=("rating",),
    columns=(
        Column("Date", "date", Type.FEEDBACK_DAY, allow_empty=False),
        Column("Rating", "rating", Type.RATING, allow_empty=False),
        Column("Comments", "comments", required=False),
        Column("Response", "response", required=False, aliases=("Your Response",)),
        Column("Order ID", "order_id", allow_empty=False),
        # The longer layouts' Yes/No answers ("Arrived on Time", …; a cell may hold "-")
        # are not declared: kept as text where a file has them (arrived_on_time, …).
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id",),
    private=frozenset({"rater email", "rater name", "rater role", "buyer name", "buyer email"}),
    how_to_get=(
        "download it again from Seller Central > Performance > Feedback > Feedback Manager "
        "(tab-delimited, English headers)"
    ),
    report_type="GET_SELLER_FEEDBACK_DATA",
    positional=(FEEDBACK_API_COLUMNS, FEEDBACK_UI_COLUMNS, FEEDBACK_RESPONSE_UI_COLUMNS),
)

_CSV_HINT = "see docs/input-files.md for its columns and allowed values"

CLAIMS = Layout(
    kind=Kind.CLAIMS,
    title="A-to-z claims CSV",
    identifying=("order-id", "claim-status"),
    distinctive=("claim-date", "claim-reason", "claim-status", "buy-shipping"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("claim-date", "claim_date", Type.DAY, allow_empty=False),
        Column("claim-reason", "claim_reason", Type.CHOICE, choices=CLAIM_REASONS),
        Column(
            "claim-status", "claim_status", Type.CHOICE, allow_empty=False, choices=CLAIM_STATUSES
        ),
        Column("buy-shipping", "buy_shipping", Type.BOOL, allow_empty=False),
        Column("amount", "amount", Type.MONEY, required=False),
    ),
    delimiter=",",
    quoted=True,
    key=("order_id", "claim_date"),
    how_to_get=_CSV_HINT,
)

CHARGEBACKS = Layout(
    kind=Kind.CHARGEBACKS,
    title="chargebacks CSV",
    identifying=("order-id", "chargeback-status"),
    distinctive=("chargeback-date", "chargeback-reason", "chargeback-status"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("chargeback-date", "chargeback_date", Type.DAY, allow_empty=False),
        Column(
            "chargeback-reason",
            "chargeback_reason",
            Type.CHOICE,
            allow_empty=False,
            choices=CHARGEBACK_REASONS,
        ),
        Column(
            "chargeback-status",
            "chargeback_status",
            Type.CHOICE,
            allow_empty=False,
            choices=CHARGEBACK_STATUSES,
        ),
        Column("amount", "amount", Type.MONEY, required=False),
    ),
    delimiter=",",
    quoted=True,
    key=("order_id", "chargeback_date"),
    how_to_get=_CSV_HINT,
)

SHIPMENTS = Layout(
    kind=Kind.SHIPMENTS,
    title="shipments CSV",
    identifying=("order-id", "latest-ship-date"),
    distinctive=("latest-ship-date", "first-scan-date", "promised-delivery-date"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("latest-ship-date", "latest_ship_date", Type.DAY, allow_empty=False),
        Column("ship-date", "ship_date", Type.DAY),
        Column("carrier-name", "carrier_name"),
        Column("tracking-number", "tracking_number"),
        Column("ship-method", "ship_method"),
        Column("first-scan-date", "first_scan_date", Type.DAY),
        Column("promised-delivery-date", "promised_delivery_date", Type.DAY),
        Column("delivery-date", "delivery_date", Type.DAY),
        Column("units", "units", Type.INT),
        Column("product-category", "product_category"),
    ),
    delimiter=",",
    quoted=True,
    key=("order_id", "tracking_number", "latest_ship_date"),
    how_to_get=_CSV_HINT,
)

CANCELLATIONS = Layout(
    kind=Kind.CANCELLATIONS,
    title="cancellations CSV",
    identifying=("order-id", "buyer-requested"),
    distinctive=("cancel-date", "buyer-requested"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("cancel-date", "cancel_date", Type.DAY, allow_empty=False),
        Column("buyer-requested", "buyer_requested", Type.BOOL, allow_empty=False),
        Column("reason", "reason", required=False),
    ),
    delimiter=",",
    quoted=True,
    key=("order_id",),
    how_to_get=_CSV_HINT,
)

CANONICAL_LAYOUTS: tuple[Layout, ...] = (
    ORDERS,
    FEEDBACK,
    CLAIMS,
    CHARGEBACKS,
    SHIPMENTS,
    CANCELLATIONS,
)
"""The layouts of the account's own tables (the All Orders report, feedback, the CSVs)."""
