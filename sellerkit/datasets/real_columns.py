"""The columns and fixed texts of the real downloads the sample writer writes
(real-downloads.md; :mod:`sellerkit.datasets.real`), in Amazon's order and spelling."""

from __future__ import annotations

from sellerkit.datasets.write import ORDERS_COLUMNS

ALL_ORDERS_COLUMNS = (
    *(c for c in ORDERS_COLUMNS if c != "order-item-id"),
    "number-of-items",
)
"""The All Orders layout as real downloads have it: no ``order-item-id`` (real-downloads.md
§0), and a column Amazon added later that readers must accept."""

ORDER_REPORT_COLUMNS = (
    "order-id", "order-item-id", "purchase-date", "payments-date", "buyer-email", "buyer-name",
    "buyer-phone-number", "sku", "number-of-items", "product-name", "quantity-purchased",
    "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "ship-service-level",
    "recipient-name", "ship-address-1", "ship-address-2", "ship-address-3", "ship-city",
    "ship-state", "ship-postal-code", "ship-country", "ship-phone-number",
    "item-promotion-discount", "item-promotion-id", "ship-promotion-discount",
    "ship-promotion-id", "delivery-start-date", "delivery-end-date", "delivery-time-zone",
    "delivery-Instructions", "earliest-ship-date", "latest-ship-date", "earliest-delivery-date",
    "latest-delivery-date", "is-business-order", "purchase-order-number", "price-designation",
    "is-prime", "buyer-company-name", "is-iba", "is-buyer-requested-cancellation",
    "buyer-requested-cancel-reason",
)  # fmt: skip
"""MFN Order Report (real-downloads.md §2)."""

CONFIRMATION_COLUMNS = (
    "order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name",
    "tracking-number", "ship-method",
)  # fmt: skip
"""The shipping-confirmation upload file (§3)."""

TRANSACTION_COLUMNS = (
    "date/time", "settlement id", "type", "order id", "sku", "description", "quantity",
    "marketplace", "account type", "fulfillment", "order city", "order state", "order postal",
    "tax collection model", "product sales", "product sales tax", "shipping credits",
    "shipping credits tax", "gift wrap credits", "giftwrap credits tax", "promotional rebates",
    "promotional rebates tax", "marketplace withheld tax", "selling fees", "fba fees",
    "other transaction fees", "other", "total",
)  # fmt: skip
"""Date Range Transaction report, 2020s US header (§4)."""

TRANSACTION_NOTES = (
    "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
    "All amounts in USD, unless specified",
    "Definitions:",
    "Sales tax collected: Includes sales tax collected from buyers for product sales, "
    "shipping, and gift wrap.",
    "Selling fees: Includes variable closing fees and referral fees.",
    "Other transaction fees: Includes sales tax collection fees.",
    "Other: Includes non-order transaction amounts. For more details, see the Type and "
    "Description columns for each order ID.",
)
"""The quoted lines before the header (seven, as in 2017–2024 US files)."""

RETURNS_COLUMNS = (
    "Order ID", "Order date", "Return request date", "Return request status", "Amazon RMA ID",
    "Merchant RMA ID", "Label type", "Label cost", "Currency code", "Return carrier",
    "Tracking ID", "Label to be paid by", "A-to-Z Claim", "Is prime", "ASIN", "Merchant SKU",
    "Item Name", "Return quantity", "Return Reason", "In policy", "Return type", "Resolution",
    "Invoice number", "Return delivery date", "Order Amount", "Order quantity",
    "SafeT Action reason", "SafeT claim id", "SafeT claim state", "SafeT claim creation time",
    "SafeT claim reimbursement amount", "Refunded Amount",
)  # fmt: skip
"""Returns report, seller-fulfilled (§4)."""

FEEDBACK_COLUMNS = ("Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email")
"""Seller Feedback report, API layout (§1)."""

PLACEHOLDER = {
    "buyer-name": "Sam Placeholder",
    "recipient-name": "Sam Placeholder",
    "buyer-phone-number": "+1 555 0100 222",
    "ship-phone-number": "+1 555 0100 222",
    "ship-address-1": "1 Sample Road",
    "buyer-company-name": "",
}
"""Made-up buyer data (R8: it must never reach a table)."""
