"""The file kinds sellerkit reads, declared as data: columns, types, choices, keys.

Each :class:`Layout` is one row of the data contract's "An account = one folder" table. The
readers interpret these declarations; no reader hard-codes a column name of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sellerkit.marketplaces import MARKETPLACES


class Kind(StrEnum):
    """The kinds of file an account folder may hold."""

    ORDERS = "orders"
    FEEDBACK = "feedback"
    CLAIMS = "claims"
    CHARGEBACKS = "chargebacks"
    SHIPMENTS = "shipments"
    CANCELLATIONS = "cancellations"
    PERFORMANCE = "performance"
    # Real downloads that feed the tables above (data contract R1; layouts_real.py).
    ORDER_REPORT = "order-report"
    UNSHIPPED_ORDERS = "unshipped-orders"
    SHIP_CONFIRMATIONS = "ship-confirmations"
    TRANSACTIONS = "transactions"
    SETTLEMENT = "settlement"
    RETURNS = "returns"
    FBA_SHIPMENTS = "fba-shipments"


class Type(StrEnum):
    """How a column's text is read."""

    TEXT = "text"  # kept as text, whatever it starts with
    TIMESTAMP = "timestamp"  # ISO 8601 date-time, with or without offset
    DAY = "day"  # ISO 8601 date or date-time → the marketplace's calendar day
    FEEDBACK_DAY = "feedback_day"  # the marketplace's short date format
    INT = "int"  # whole number ≥ 0
    MONEY = "money"  # decimal number, may be negative
    BOOL = "bool"  # true / false
    CHOICE = "choice"  # one of `choices` (case-insensitive, stored in canonical spelling)
    RATING = "rating"  # whole number 1–5
    # Amazon's payment and returns reports (converters in sellerkit.io.formats):
    REPORT_DAY = "report_day"  # "Dec 1, 2017 12:38:23 AM PST", "10-Jul-2025" … → local day
    REPORT_MONEY = "report_money"  # "1,44,957.78", "-12,34" (decimal comma marketplaces)
    FLAG = "flag"  # Y / N, Yes / No, true / false


@dataclass(frozen=True)
class Column:
    """One column of a layout.

    Attributes
    ----------
    header
        The header name as Amazon or the contract spells it (matched case-insensitively).
    name
        The normalized column name in sellerkit's tables.
    type
        How the text is read.
    required
        The column must be in the header (else the file is broken).
    allow_empty
        An empty cell is allowed (it becomes missing, ``False`` for ``empty_as_false``).
    choices
        Allowed values of a ``CHOICE`` column, in canonical spelling.
    empty_as_false
        For ``BOOL`` and ``FLAG``: an empty cell reads as ``False`` (Amazon leaves it empty).
    aliases
        Other header names of the same column in other versions of the file (``Your
        Response`` for ``Response``); the reader gives the column its ``header`` name.
    """

    header: str
    name: str
    type: Type = Type.TEXT
    required: bool = True
    allow_empty: bool = True
    choices: tuple[str, ...] = ()
    empty_as_false: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """The shape of one kind of file.

    Attributes
    ----------
    kind
        Which kind of file this is.
    title
        What the user calls it ("All Orders report").
    identifying
        Header names that recognise the kind (data contract, decision 10).
    distinctive
        Header names no other file a seller keeps is likely to have: with one of them, a
        header that lacks some identifying columns is still this kind, with columns missing
        (:mod:`sellerkit.io.recognise`).
    columns
        Known columns. Columns not listed are kept as text, except `private`.
    delimiter
        ``"\\t"`` for Amazon's reports, ``","`` for sellerkit's CSVs.
    quoted
        Whether ``"`` quotes a field (sellerkit CSVs) or is a literal (Amazon reports).
    key
        Normalized columns that identify one row across repeated downloads (decision 9).
    newest
        Normalized column whose largest value wins among rows with the same key, if any.
    snapshot
        Normalized column that groups the rows of one snapshot (the order id of the All
        Orders report): each download holds whole orders as they stood, and an order's
        rows come from the download with its newest ``newest`` value (decision 9).
    private
        Header names of buyer personal data: dropped on reading, never stored.
    how_to_get
        Where the user gets a correct file, quoted in error messages.
    report_type
        The Selling Partner API report type, where there is one.
    feeds
        The canonical tables a download of this kind fills (:mod:`sellerkit.io.sources`);
        empty for the kinds that are canonical tables themselves.
    keep_unknown
        Whether columns the layout does not declare are kept as text (the All Orders
        report's new columns). ``False`` reads the declared columns only: wide downloads
        full of buyer data are never read beyond what sellerkit uses (R8).
    preamble
        The most lines of notes that may precede the header row (the Date Range
        Transaction report's quoted notes); the header is found by its identifying columns.
    blank_cells
        Whether a cell of blanks only (the Returns report's ``" "``) is an empty cell.
    positional
        Known column orders, in English, of this kind. A header in another language with as
        many columns as one of them is read by position (the Seller Feedback report is
        translated per marketplace, its column order unchanged: real-downloads.md §1).
    """

    kind: Kind
    title: str
    identifying: tuple[str, ...]
    columns: tuple[Column, ...]
    delimiter: str
    quoted: bool
    key: tuple[str, ...]
    distinctive: tuple[str, ...] = ()
    newest: str | None = None
    snapshot: str | None = None
    private: frozenset[str] = field(default_factory=frozenset)
    how_to_get: str = ""
    report_type: str = ""
    feeds: tuple[Kind, ...] = ()
    keep_unknown: bool = True
    preamble: int = 0
    blank_cells: bool = False
    positional: tuple[tuple[str, ...], ...] = ()

    def column(self, header: str) -> Column | None:
        """The declared column for a header name, if any (case-insensitive)."""
        return _COLUMN_INDEX[self.kind].get(header.strip().lower())


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

FULFILLMENT_CHANNELS = ("Amazon", "Merchant")
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

# The real downloads (data contract R1) are declared in their own module, which needs the
# classes above: imported here, at the end, so that `TABLE_LAYOUTS` holds every layout.
from sellerkit.io.layouts_real import REAL_LAYOUTS  # noqa: E402

TABLE_LAYOUTS: tuple[Layout, ...] = (*CANONICAL_LAYOUTS, *REAL_LAYOUTS)
"""Every tabular layout. A header matching several is the one with most identifying
columns (the Amazon Fulfilled Shipments report also has the All Orders report's three)."""

LAYOUTS: dict[Kind, Layout] = {layout.kind: layout for layout in TABLE_LAYOUTS}

_COLUMN_INDEX: dict[Kind, dict[str, Column]] = {
    layout.kind: {name.lower(): c for c in layout.columns for name in (c.header, *c.aliases)}
    for layout in TABLE_LAYOUTS
}


def kinds_present(file_kinds: Iterable[str]) -> frozenset[str]:
    """The kinds of data an account holds: its files' kinds and the tables they feed.

    An MFN Order Report feeds the shipments and cancellations tables, so an account with
    one has shipments data although it has no shipments CSV.
    """
    kinds = set(file_kinds)
    for layout in TABLE_LAYOUTS:
        if layout.kind in kinds:
            kinds.update(str(k) for k in layout.feeds)
    return frozenset(str(k) for k in kinds)


LOCALIZED_HEADERS: dict[str, tuple[str, ...]] = {
    # Feedback and order header words as Seller Central writes them in other languages. Two
    # of them reveal a translated header; the exact wording varies, so a translated feedback
    # header is read by its column order (Layout.positional), never by these words.
    "German": (
        "datum",
        "bewertung",
        "kommentare",
        "ihre antwort",
        "bestellnummer",
        "bestell-id",
    ),
    "French": (
        "évaluation",
        "commentaires",
        "votre réponse",
        "numéro de commande",
    ),
    "Italian": (
        "data",
        "valutazione",
        "commenti",
        "la tua risposta",
        "numero ordine",
        "id ordine",
    ),
    "Spanish": (
        "fecha",
        "calificación",
        "valoración",
        "comentarios",
        "tu respuesta",
        "número de pedido",
        "id. del pedido",
    ),
    "Japanese": ("日付", "評価", "コメント", "返信", "注文番号"),
}
"""Header words that reveal a localized report, so it is reported as such, not as unknown."""
