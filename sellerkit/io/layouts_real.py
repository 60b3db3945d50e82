"""The real downloads that carry what sellerkit's own CSVs carry (data contract R1).

Each layout follows ``/work/shared/real-downloads.md`` (section given in its docstring) and
declares only the columns sellerkit uses: the rest of these wide files — buyer and recipient
names, e-mails, phones, addresses, ``bill-*`` — is never read (``keep_unknown=False``; R8).
The ``private`` sets name those columns anyway, so a reader, a test or a reviewer can see
what is left out and why. What each download feeds is :mod:`sellerkit.io.sources`' job.
"""

from __future__ import annotations

from sellerkit.io.schema import Column, Kind, Layout, Type

PERSONAL_COLUMNS = frozenset(
    {
        "buyer-email",
        "buyer-name",
        "buyer-phone-number",
        "buyer-company-name",
        "recipient-name",
        "ship-address-1",
        "ship-address-2",
        "ship-address-3",
        "ship-city",
        "ship-postal-code",
        "ship-phone-number",
        "delivery-instructions",
        "cpf",
        "bill-name",
        "bill-address-1",
        "bill-address-2",
        "bill-address-3",
        "bill-city",
        "bill-state",
        "bill-postal-code",
        "bill-country",
        "order city",
        "order postal",
    }
)
"""Buyer and recipient data of these downloads (R8): never read into a table."""

_ORDER_REPORTS = "Seller Central > Orders > Order Reports"

ORDER_REPORT = Layout(
    kind=Kind.ORDER_REPORT,
    title="MFN Order Report",
    identifying=("order-id", "order-item-id", "purchase-date", "latest-ship-date"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("order-item-id", "order_item_id"),
        Column("purchase-date", "purchase_date", Type.TIMESTAMP, allow_empty=False),
        Column("quantity-purchased", "quantity", Type.INT, required=False),
        Column("latest-ship-date", "latest_ship_date", Type.DAY),
        Column("latest-delivery-date", "latest_delivery_date", Type.DAY, required=False),
        Column(
            "is-buyer-requested-cancellation",
            "buyer_requested",
            Type.BOOL,
            required=False,
            empty_as_false=True,
        ),
        Column("buyer-requested-cancel-reason", "cancel_reason", required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "order_item_id"),
    private=PERSONAL_COLUMNS,
    how_to_get=(
        f"download it again from {_ORDER_REPORTS} (New Orders, tab-delimited) or with the "
        "SP-API report GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING"
    ),
    report_type="GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING",
    feeds=(Kind.SHIPMENTS, Kind.CANCELLATIONS),
    keep_unknown=False,
)
"""§2: every seller-fulfilled order of the period, one row per item. ``latest-ship-date`` is
the ship-by deadline, ``latest-delivery-date`` the promised delivery, and
``is-buyer-requested-cancellation`` says who asked for a cancellation."""

UNSHIPPED_ORDERS = Layout(
    kind=Kind.UNSHIPPED_ORDERS,
    title="Unshipped Orders report",
    identifying=("order-id", "order-item-id", "promise-date", "quantity-to-ship"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("order-item-id", "order_item_id"),
        Column("purchase-date", "purchase_date", Type.TIMESTAMP, allow_empty=False),
        Column("promise-date", "latest_ship_date", Type.DAY),
        Column("quantity-to-ship", "quantity", Type.INT, required=False),
        Column(
            "is-buyer-requested-cancellation",
            "buyer_requested",
            Type.BOOL,
            required=False,
            empty_as_false=True,
        ),
        Column("buyer-requested-cancel-reason", "cancel_reason", required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "order_item_id"),
    private=PERSONAL_COLUMNS,
    how_to_get=(
        f"download it again from {_ORDER_REPORTS} > Unshipped Orders or with the SP-API "
        "report GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING"
    ),
    report_type="GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING",
    feeds=(Kind.SHIPMENTS, Kind.CANCELLATIONS),
    keep_unknown=False,
)
"""§2: orders not yet shipped; ``promise-date`` (``2025-09-26T06:59:59+00:00``, 23:59:59
Pacific) is the ship-by deadline. Orders leave it once shipped or cancelled."""

SHIP_CONFIRMATIONS = Layout(
    kind=Kind.SHIP_CONFIRMATIONS,
    title="shipping-confirmation file",
    identifying=("order-id", "ship-date", "carrier-code", "tracking-number"),
    columns=(
        Column("order-id", "order_id", allow_empty=False),
        Column("order-item-id", "order_item_id", required=False),
        Column("quantity", "quantity", Type.INT, required=False),
        Column("ship-date", "ship_date", Type.DAY),
        Column("carrier-code", "carrier_code", required=False),
        Column("carrier-name", "carrier_name", required=False),
        Column("tracking-number", "tracking_number"),
        Column("ship-method", "ship_method", required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "order_item_id", "tracking_number"),
    how_to_get=(
        "keep the tab-delimited shipping-confirmation file you (or your shipping software) "
        "upload in Seller Central > Orders > Upload Order Related Files"
    ),
    report_type="POST_FLAT_FILE_FULFILLMENT_DATA (a feed you upload, not a report)",
    feeds=(Kind.SHIPMENTS,),
    keep_unknown=False,
)
"""§3: the seller's own confirmation upload: ship date (``yyyy-mm-dd``), carrier, tracking.
No Amazon report gives these for seller-fulfilled orders."""

TRANSACTIONS = Layout(
    kind=Kind.TRANSACTIONS,
    title="Date Range Transaction report",
    identifying=("date/time", "settlement id", "type", "order id"),
    columns=(
        Column("date/time", "posted_date", Type.REPORT_DAY, allow_empty=False),
        Column("settlement id", "settlement_id", required=False),
        Column("type", "type"),
        Column("order id", "order_id"),
        Column("marketplace", "marketplace", required=False),
        Column("fulfillment", "fulfillment", required=False),
        Column("total", "amount", Type.REPORT_MONEY, required=False),
    ),
    delimiter=",",
    quoted=True,
    key=(),
    private=PERSONAL_COLUMNS,
    how_to_get=(
        "download it again from Seller Central > Payments > Reports Repository > "
        "Transaction (Date Range report, CSV)"
    ),
    feeds=(Kind.CLAIMS, Kind.CHARGEBACKS),
    keep_unknown=False,
    preamble=12,
)
"""§4: every payment of a date range; comma-separated, every field quoted, several quoted
lines of notes before the header. ``type`` ``A-to-z Guarantee Claim`` and ``Chargeback
Refund`` are the claims and chargebacks charged to the seller. ``date/time`` is
``Dec 1, 2017 12:38:23 AM PST`` (US) or ``1 Jul 2026 4:24:44 am UTC`` (IN); amounts may
use Indian digit grouping (``1,44,957.78``). Rows have no key: two equal rows are two
payments, and only files that repeat each other's rows lose them."""

SETTLEMENT = Layout(
    kind=Kind.SETTLEMENT,
    title="Settlement report V2",
    identifying=("settlement-id", "transaction-type", "order-id", "amount-type"),
    columns=(
        Column("settlement-id", "settlement_id"),
        Column("transaction-type", "type"),
        Column("order-id", "order_id"),
        Column("marketplace-name", "marketplace", required=False),
        Column("amount-type", "amount_type"),
        Column("amount-description", "amount_description", required=False),
        Column("amount", "amount", Type.REPORT_MONEY, required=False),
        Column("posted-date", "posted_date", Type.REPORT_DAY, required=False),
        Column("posted-date-time", "posted_date_time", Type.REPORT_DAY, required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=(),
    how_to_get=(
        "download it again from Seller Central > Payments > All Statements (flat file V2) "
        "or with the SP-API report GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"
    ),
    report_type="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2",
    feeds=(Kind.CLAIMS, Kind.CHARGEBACKS),
    keep_unknown=False,
)
"""§4: one settlement period; the first row is a summary with empty order columns. DE files
write ``03.05.2018 09:10:07 UTC`` and decimal commas. ``transaction-type`` ``A-to-z
Guarantee Refund`` and ``Chargeback Refund`` are claims and chargebacks."""

RETURNS = Layout(
    kind=Kind.RETURNS,
    title="Returns report",
    identifying=("order id", "return request date", "return request status"),
    columns=(
        Column("Order ID", "order_id", allow_empty=False),
        Column("Return request date", "return_date", Type.REPORT_DAY),
        Column("Return request status", "return_status", required=False),
        Column("Amazon RMA ID", "amazon_rma_id", required=False),
        Column("A-to-Z Claim", "a_to_z_claim", Type.FLAG, empty_as_false=True),
        Column("Return quantity", "quantity", Type.INT, required=False),
        Column("Return Reason", "return_reason", required=False),
        Column("Resolution", "resolution", required=False),
        Column("Order Item ID", "order_item_id", required=False),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "amazon_rma_id", "order_item_id"),
    how_to_get=(
        "download it again from Seller Central > Reports > Return Reports (seller-fulfilled "
        "returns, tab-delimited) or with the SP-API report "
        "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE"
    ),
    report_type="GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE",
    feeds=(Kind.CLAIMS,),
    keep_unknown=False,
    blank_cells=True,
)
"""§4: seller-fulfilled returns; dates ``10-Jul-2025``, empty cells often a single blank,
``A-to-Z Claim`` ``Y``/``N`` (also spelled ``A-to-z claim``; ``Return reason`` likewise —
headers compare case-insensitively)."""

FBA_SHIPMENTS = Layout(
    kind=Kind.FBA_SHIPMENTS,
    title="Amazon Fulfilled Shipments report",
    identifying=("amazon-order-id", "shipment-id", "shipment-date", "fulfillment-center-id"),
    columns=(
        Column("amazon-order-id", "order_id", allow_empty=False),
        Column("shipment-id", "shipment_id"),
    ),
    delimiter="\t",
    quoted=False,
    key=("order_id", "shipment_id"),
    private=PERSONAL_COLUMNS,
    how_to_get=(
        "download it again from Seller Central > Reports > Fulfillment > Amazon Fulfilled "
        "Shipments or with the SP-API report GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL"
    ),
    report_type="GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL",
    keep_unknown=False,
)
"""§6: Amazon's own shipments of FBA orders. Recognised so it is not reported as unknown;
it feeds no seller metric, so only the order and shipment ids are read."""

REAL_LAYOUTS: tuple[Layout, ...] = (
    UNSHIPPED_ORDERS,
    ORDER_REPORT,
    SHIP_CONFIRMATIONS,
    TRANSACTIONS,
    SETTLEMENT,
    RETURNS,
    FBA_SHIPMENTS,
)
"""The downloads of data contract R1, besides the All Orders and Seller Feedback reports."""
