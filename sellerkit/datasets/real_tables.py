"""Each real download's table (or text), shaped from a generated account.

What a file says follows Amazon's reports, not sellerkit's reading of them: which claims the
Transaction report charges (:func:`charged_claims`), which chargebacks took money
(:func:`charged_chargebacks`), which claims come with a return request
(:func:`returned_claims`). :mod:`sellerkit.datasets.real` writes the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sellerkit.datasets.real_columns import PLACEHOLDER, TRANSACTION_COLUMNS, TRANSACTION_NOTES
from sellerkit.datasets.spec import GeneratedAccount
from sellerkit.datasets.tables import DAY, timestamps
from sellerkit.marketplaces import Marketplace

RETURNABLE = ("not-as-described", "damaged", "return-refund")
"""Claim reasons about the item itself: such a claim comes with a return request."""

CHARGED_CHARGEBACKS = ("refunded", "represented-lost")
"""Chargeback statuses whose money left the seller's account (a ``Chargeback Refund``)."""

RETURN_EVERY = 25
"""One delivered seller-fulfilled order in this many has an ordinary return."""


def pair_same_sku(items: pd.DataFrame, rows_by_part: list[pd.DataFrame]) -> pd.DataFrame:
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


def order_report(
    generated: GeneratedAccount, items: pd.DataFrame, market: Marketplace
) -> pd.DataFrame:
    """The MFN Order Report: every seller-fulfilled item row of ``items``, with its ship-by
    and deliver-by days and the buyer-requested cancellation mark."""
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
            **PLACEHOLDER,
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
            "latest-ship-date": timestamps(ship_by, last_second, market),
            "earliest-delivery-date": timestamps(promised - 2 * DAY, last_second * 0, market),
            "latest-delivery-date": timestamps(promised, last_second, market),
            "is-business-order": mfn["is-business-order"].to_numpy(),
            "is-prime": False,
            "is-iba": False,
            "is-buyer-requested-cancellation": buyer,
            "buyer-requested-cancel-reason": np.where(buyer, "Buyer cancelled", ""),
        }
    )


def confirmations(generated: GeneratedAccount) -> pd.DataFrame:
    """The shipping-confirmation upload file: one row per package shipped by the last day."""
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


def transactions_text(generated: GeneratedAccount, items: pd.DataFrame, zone: str) -> str:
    """The Date Range Transaction report's text: its notes, its header, one ``Order`` row per
    order that was not cancelled and a row per charged claim and chargeback, by day."""
    orders = items.drop_duplicates("amazon-order-id")
    orders = orders[orders["order-status"] != "Cancelled"]
    frame = generated.orders.set_index("order_id")
    rows: list[dict[str, object]] = []
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
                "type": str(row.type),
                "order id": str(row.order_id),
                "sku": "",
                "description": "",
                "quantity": "1" if row.type == "Order" else "",
                "marketplace": "amazon.com",
                "account type": "Standard Orders",
                "fulfillment": str(row.fulfillment),
                "order city": "PLACEVILLE",
                "order state": "",
                "order postal": "99999",
                "tax collection model": "MarketplaceFacilitator",
                "total": str(row.total),
            }
        )
        lines.append([cells[c] for c in TRANSACTION_COLUMNS])
    return _quoted(lines)


def returns(generated: GeneratedAccount) -> pd.DataFrame:
    """The Returns report: a return with ``A-to-Z Claim`` = ``Y`` per claim about the item,
    and an ordinary return for one delivered seller-fulfilled order in :data:`RETURN_EVERY`."""
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
