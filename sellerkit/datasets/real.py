"""Write a generated account as the downloads a seller really has (real-downloads.md).

No sellerkit CSV: two overlapping All Orders downloads in the real layout (no
``order-item-id``; one order holds two identical rows of one SKU), the MFN Order Report, the
seller's shipping-confirmation upload file, the Date Range Transaction report with its notes
before the header, the Returns report and the Seller Feedback report (API layout, ``Your
Response``). Values are synthetic and seeded; buyer and recipient columns hold made-up
placeholders that sellerkit must never read (data contract R8).

What the files can say is less than what happened (data contract R3–R6), and the writer
follows Amazon's reports, not sellerkit's reading of them:

- the Transaction report holds the claims charged to the seller (status
  ``granted-seller-funded``) as ``A-to-z Guarantee Claim`` rows and the chargebacks whose money
  left the account (status ``refunded`` or ``represented-lost``, fraud or service alike) as
  ``Chargeback Refund`` rows, besides one ``Order`` row per order;
- the Returns report holds a return with ``A-to-Z Claim`` = ``Y`` for every seller-fulfilled
  claim about the item itself (``not-as-described``, ``damaged``, ``return-refund``), whatever
  its outcome, dated by the claim's day, and an ordinary return (``N``) for one delivered
  seller-fulfilled order in 25;
- the Order Report holds every seller-fulfilled order, cancelled or not, with its ship-by and
  delivery-by days, and marks buyer-requested cancellations; the confirmation file holds every
  package shipped by the last day.

:func:`truth` counts what a reader of these files should find in each canonical table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sellerkit._files import write_atomic
from sellerkit.datasets.generate import DAY, GeneratedAccount
from sellerkit.datasets.tables import _timestamps
from sellerkit.datasets.write import ORDERS_COLUMNS, _feedback_dates, _split_orders, to_tsv
from sellerkit.marketplaces import Marketplace, get_marketplace

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

RETURNABLE = ("not-as-described", "damaged", "return-refund")
"""Claim reasons about the item itself: such a claim comes with a return request."""

CHARGED_CHARGEBACKS = ("refunded", "represented-lost")
"""Chargeback statuses whose money left the seller's account (a ``Chargeback Refund``)."""

RETURN_EVERY = 25
"""One delivered seller-fulfilled order in this many has an ordinary return."""

_PLACEHOLDER = {
    "buyer-name": "Sam Placeholder",
    "recipient-name": "Sam Placeholder",
    "buyer-phone-number": "+1 555 0100 222",
    "ship-phone-number": "+1 555 0100 222",
    "ship-address-1": "1 Sample Road",
    "buyer-company-name": "",
}
"""Made-up buyer data (R8: it must never reach a table)."""


def _pair(items: pd.DataFrame, rows_by_part: list[pd.DataFrame]) -> pd.DataFrame:
    """``items`` with one row of quantity 2 written as two identical rows of quantity 1 (two
    items of the same SKU, every field equal): a row of a seller-fulfilled order held by both
    downloads, if there is one."""
    both = set(rows_by_part[0]["amazon-order-id"]) & set(rows_by_part[1]["amazon-order-id"])
    mfn_pairs = (items["quantity"] == 2) & (items["fulfillment-channel"] == "Merchant")
    chosen = items[mfn_pairs & items["amazon-order-id"].isin(both)]
    if chosen.empty:
        chosen = items[mfn_pairs]
    if chosen.empty:
        raise ValueError("no row of quantity 2 to write as a same-SKU pair; change the seed")
    at = chosen.index[0]
    row = items.loc[[at]].copy()
    for column in ("item-price", "item-tax"):
        row[column] = round(float(row[column].iloc[0]) / 2, 2)
    row["quantity"] = 1
    top, bottom = items.loc[: at - 1], items.loc[at + 1 :]
    return pd.concat([top, row, row, bottom], ignore_index=True)


def _local_text(days: np.ndarray, seconds: int, zone: str) -> list[str]:
    """``Mar 25, 2026 10:00:00 AM PDT``: the Transaction report's US date/time."""
    stamps = pd.DatetimeIndex(days.astype("datetime64[s]") + np.timedelta64(seconds, "s"))
    local = stamps.tz_localize(zone)
    return [
        f"{t:%b} {t.day}, {t.year} {(t.hour % 12) or 12}:{t:%M:%S} {t:%p} {t.tzname()}"
        for t in local
    ]


def _quoted(lines: list[list[str]]) -> str:
    return "\r\n".join(",".join(f'"{c}"' for c in line) for line in lines) + "\r\n"


def _order_report(
    generated: GeneratedAccount, items: pd.DataFrame, market: Marketplace
) -> pd.DataFrame:
    frame = generated.orders.set_index("order_id")
    mfn = items[items["fulfillment-channel"] == "Merchant"]
    item_ids = mfn["order-item-id"].astype(np.int64)
    # The same-SKU pair is two items: the Order Report gives each its own order-item-id.
    item_ids = item_ids + mfn["order-item-id"].duplicated().to_numpy()
    orders = frame.loc[mfn["amazon-order-id"]]
    end = np.datetime64(generated.spec.end, "D")
    cancelled = orders["cancelled"].to_numpy() & (orders["cancel_day"].to_numpy() <= end)
    buyer = cancelled & orders["buyer_requested"].to_numpy()
    ship_by = orders["latest_ship"].to_numpy()
    promised = orders["promised"].to_numpy()
    last_second = np.full(len(mfn), 86_399)
    quantity = np.maximum(mfn["quantity"].to_numpy(), 1)
    emails = [f"buyer{i:05d}@marketplace.amazon.com" for i in range(len(mfn))]
    return pd.DataFrame(
        {
            "order-id": mfn["amazon-order-id"].to_numpy(),
            "order-item-id": item_ids.astype(str).to_numpy(),
            "purchase-date": mfn["purchase-date"].to_numpy(),
            "payments-date": mfn["purchase-date"].to_numpy(),
            "buyer-email": emails,
            **_PLACEHOLDER,
            "sku": mfn["sku"].to_numpy(),
            "number-of-items": quantity,
            "product-name": mfn["product-name"].to_numpy(),
            "quantity-purchased": quantity,
            "currency": mfn["currency"].to_numpy(),
            "item-price": mfn["item-price"].to_numpy(),
            "item-tax": mfn["item-tax"].to_numpy(),
            "shipping-price": mfn["shipping-price"].to_numpy(),
            "shipping-tax": mfn["shipping-tax"].to_numpy(),
            "ship-service-level": mfn["ship-service-level"].to_numpy(),
            "ship-city": mfn["ship-city"].to_numpy(),
            "ship-state": mfn["ship-state"].to_numpy(),
            "ship-postal-code": mfn["ship-postal-code"].to_numpy(),
            "ship-country": mfn["ship-country"].to_numpy(),
            "earliest-ship-date": mfn["purchase-date"].to_numpy(),
            "latest-ship-date": _timestamps(ship_by, last_second, market),
            "earliest-delivery-date": _timestamps(promised - 2 * DAY, last_second * 0, market),
            "latest-delivery-date": _timestamps(promised, last_second, market),
            "is-business-order": mfn["is-business-order"].to_numpy(),
            "is-prime": False,
            "is-iba": False,
            "is-buyer-requested-cancellation": buyer,
            "buyer-requested-cancel-reason": np.where(buyer, "Buyer cancelled", ""),
        }
    )


def _confirmations(generated: GeneratedAccount) -> pd.DataFrame:
    packages = generated.shipments
    shipped = packages[packages["ship-date"].notna()]
    return pd.DataFrame(
        {
            "order-id": shipped["order-id"].to_numpy(),
            "order-item-id": "",
            "quantity": shipped["units"].to_numpy(),
            "ship-date": shipped["ship-date"].to_numpy(),
            "carrier-code": shipped["carrier-name"].to_numpy(),
            "carrier-name": shipped["carrier-name"].to_numpy(),
            "tracking-number": shipped["tracking-number"].to_numpy(),
            "ship-method": shipped["ship-method"].to_numpy(),
        }
    )


def charged_claims(generated: GeneratedAccount) -> pd.DataFrame:
    """The claims the Transaction report shows: those charged to the seller."""
    claims = generated.claims
    return claims[(claims["claim-status"] == "granted-seller-funded").to_numpy()]


def charged_chargebacks(generated: GeneratedAccount) -> pd.DataFrame:
    """The chargebacks the Transaction report shows: those whose money left the account."""
    chargebacks = generated.chargebacks
    return chargebacks[chargebacks["chargeback-status"].isin(CHARGED_CHARGEBACKS).to_numpy()]


def returned_claims(generated: GeneratedAccount) -> pd.DataFrame:
    """The claims the Returns report flags: seller-fulfilled claims about the item."""
    claims = generated.claims
    afn = set(generated.orders.loc[generated.orders["afn"], "order_id"])
    return claims[
        claims["claim-reason"].isin(RETURNABLE).to_numpy()
        & ~claims["order-id"].isin(afn).to_numpy()
    ]


def _transactions(generated: GeneratedAccount, items: pd.DataFrame, zone: str) -> str:
    orders = items.drop_duplicates("amazon-order-id")
    orders = orders[orders["order-status"] != "Cancelled"]
    frame = generated.orders.set_index("order_id")
    rows: list[dict[str, str]] = []
    for order_id, day, total, channel in zip(
        orders["amazon-order-id"],
        frame.loc[orders["amazon-order-id"], "day"].to_numpy(),
        items.groupby("amazon-order-id", sort=False)["item-price"]
        .sum()
        .loc[orders["amazon-order-id"]],
        orders["fulfillment-channel"],
        strict=True,
    ):
        rows.append(
            {"day": day, "type": "Order", "order_id": order_id, "total": f"{total:.2f}",
             "fulfillment": "Amazon" if channel == "Amazon" else "Seller"}
        )  # fmt: skip
    for table, kind, day_column in (
        (charged_claims(generated), "A-to-z Guarantee Claim", "claim-date"),
        (charged_chargebacks(generated), "Chargeback Refund", "chargeback-date"),
    ):
        for order_id, day, amount in zip(
            table["order-id"], table[day_column], table["amount"], strict=True
        ):
            rows.append(
                {"day": np.datetime64(day, "D"), "type": kind, "order_id": order_id,
                 "total": f"{-amount:.2f}", "fulfillment": ""}
            )  # fmt: skip
    body = pd.DataFrame(rows).sort_values("day", kind="stable")
    times = _local_text(body["day"].to_numpy().astype("datetime64[D]"), 10 * 3600, zone)
    lines = [[note] for note in TRANSACTION_NOTES] + [list(TRANSACTION_COLUMNS)]
    for time, row in zip(times, body.itertuples(index=False), strict=True):
        cells = dict.fromkeys(TRANSACTION_COLUMNS, "0")
        cells.update(
            {
                "date/time": time,
                "settlement id": "11877553011",
                "type": row.type,
                "order id": row.order_id,
                "sku": "",
                "description": "",
                "quantity": "1" if row.type == "Order" else "",
                "marketplace": "amazon.com",
                "account type": "Standard Orders",
                "fulfillment": row.fulfillment,
                "order city": "PLACEVILLE",
                "order state": "",
                "order postal": "99999",
                "tax collection model": "MarketplaceFacilitator",
                "total": row.total,
            }
        )
        lines.append([cells[c] for c in TRANSACTION_COLUMNS])
    return _quoted(lines)


def _returns(generated: GeneratedAccount) -> pd.DataFrame:
    frame = generated.orders
    end = np.datetime64(generated.spec.end, "D")
    claims = returned_claims(generated)
    delivered = frame[
        ~frame["afn"].to_numpy()
        & ~frame["cancelled"].to_numpy()
        & frame["visible"].to_numpy()
        & ~frame["lost"].to_numpy()
        & (frame["delivered"].to_numpy() < end - 3 * DAY)
        & ~frame["order_id"].isin(set(claims["order-id"])).to_numpy()
    ]
    plain = delivered.iloc[::RETURN_EVERY]
    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "Order ID": claims["order-id"].to_numpy(),
                    "day": claims["claim-date"].to_numpy().astype("datetime64[D]"),
                    "A-to-Z Claim": "Y",
                    "Return Reason": "Item defective or doesn't work",
                }
            ),
            pd.DataFrame(
                {
                    "Order ID": plain["order_id"].to_numpy(),
                    "day": plain["delivered"].to_numpy() + 2 * DAY,
                    "A-to-Z Claim": "N",
                    "Return Reason": "No longer needed",
                }
            ),
        ],
        ignore_index=True,
    ).sort_values("day", kind="stable")
    day = pd.DatetimeIndex(rows["day"].to_numpy())
    order_day = pd.DatetimeIndex(
        frame.set_index("order_id").loc[rows["Order ID"], "day"].to_numpy()
    )
    n = len(rows)
    return pd.DataFrame(
        {
            "Order ID": rows["Order ID"].to_numpy(),
            "Order date": order_day.strftime("%d-%b-%Y"),
            "Return request date": day.strftime("%d-%b-%Y"),
            "Return request status": "Approved",
            "Amazon RMA ID": [f"D{7000000 + i:07d}" for i in range(n)],
            "Label type": "AmazonPrePaidLabel",
            "Currency code": "USD",
            "Label to be paid by": "Seller",
            "A-to-Z Claim": rows["A-to-Z Claim"].to_numpy(),
            "Is prime": "N",
            "Return quantity": "1",
            "Return Reason": rows["Return Reason"].to_numpy(),
            "In policy": "Y",
            "Return type": "C-Returns",
            "Resolution": "StandardRefund",
        }
    )


def _blank_tsv(frame: pd.DataFrame, columns: tuple[str, ...]) -> str:
    """The Returns report's text: empty cells hold a single blank, as in real files."""
    cells = frame.reindex(columns=list(columns)).astype(object)
    cells = cells.where(cells.notna() & (cells.astype(str) != ""), " ")
    lines = ["\t".join(columns), *("\t".join(map(str, r)) for r in cells.itertuples(False))]
    return "\n".join(lines) + "\n"


def write_real_downloads(
    generated: GeneratedAccount,
    folder: Path,
    *,
    report_ids: int = 0,
    write_config: bool = True,
) -> list[Path]:
    """Write ``generated`` into ``folder`` as the real downloads (module docstring) and
    return the files written, named by numeric report id like Amazon's (UTF-8, LF)."""
    spec = generated.spec
    market = get_marketplace(spec.marketplace)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(report_ids)
    names = iter(rng.integers(10**10, 10**11, size=16).astype(str))
    written: list[Path] = []

    def put(suffix: str, text: str) -> None:
        path = folder / f"{next(names)}{suffix}"
        write_atomic(path, text.encode("utf-8"))
        written.append(path)

    items = generated.items.assign(**{"number-of-items": generated.items["quantity"]})
    parts = _split_orders(items, 2)
    items = _pair(items, parts)
    for part in _split_orders(items, 2):
        put(".txt", to_tsv(part, ALL_ORDERS_COLUMNS))
    feedback = generated.feedback.rename(columns={"Response": "Your Response"})
    feedback["Date"] = _feedback_dates(feedback["Date"].astype("datetime64[s]"), market)
    put(".txt", to_tsv(feedback, FEEDBACK_COLUMNS))
    put(".txt", to_tsv(_order_report(generated, items, market), ORDER_REPORT_COLUMNS))
    put(".txt", to_tsv(_confirmations(generated), CONFIRMATION_COLUMNS))
    put(".csv", _transactions(generated, items, market.timezone))
    put(".txt", _blank_tsv(_returns(generated), RETURNS_COLUMNS))
    if write_config:
        path = folder / "account.toml"
        text = f'name = "{spec.title}"\nmarketplace = "{spec.marketplace}"\n'
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


def truth(generated: GeneratedAccount) -> dict[str, Any]:
    """The generator's truth for these files: ``counts`` says how many rows a reader of the
    files should find in each canonical table (one claim or chargeback per order; one
    shipments row per package of an order the Order Report holds, or one for an order no
    confirmation ships; a buyer-requested cancellation per marked cancelled order), the rest
    is the generator's own truth (``metricsAsOf``: what happened, which the files only
    partly show)."""
    out = dict(generated.truth)
    frame = generated.orders
    visible = frame[frame["visible"].to_numpy()]
    end = np.datetime64(generated.spec.end, "D")
    claims = set(charged_claims(generated)["order-id"]) | set(
        returned_claims(generated)["order-id"]
    )
    packages = _confirmations(generated)
    per_order = packages.groupby("order-id")["tracking-number"].nunique()
    mfn = visible[~visible["afn"].to_numpy()]
    shipment_rows = int(per_order.reindex(mfn["order_id"]).fillna(1).clip(lower=1).sum())
    cancelled = mfn["cancelled"].to_numpy() & (mfn["cancel_day"].to_numpy() <= end)
    out["counts"] = {
        **generated.truth["counts"],
        "orderItems": len(generated.items) + 1,  # the same-SKU pair
        "claims": len(claims),
        "chargebacks": len(set(charged_chargebacks(generated)["order-id"])),
        "shipmentRows": shipment_rows,
        "cancellationRows": int((cancelled & mfn["buyer_requested"].to_numpy()).sum()),
    }
    out["note"] = (
        "counts: the rows a reader of these downloads should find in each table. "
        "metricsAsOf: what happened, computed by the generator from the data contract's "
        "rules independently of sellerkit.metrics; the downloads show only part of it "
        "(data contract R3-R6), so sellerkit's figures for this folder differ, as "
        "data/sample/README.md explains."
    )
    return out
