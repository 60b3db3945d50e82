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

:func:`truth` counts what a reader of these files should find in each canonical table. The
columns are in :mod:`sellerkit.datasets.real_columns`, each file's table is shaped by
:mod:`sellerkit.datasets.real_tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sellerkit._files import write_atomic
from sellerkit.datasets.real_columns import (
    ALL_ORDERS_COLUMNS,
    CONFIRMATION_COLUMNS,
    FEEDBACK_COLUMNS,
    ORDER_REPORT_COLUMNS,
    RETURNS_COLUMNS,
)
from sellerkit.datasets.real_tables import (
    charged_chargebacks,
    charged_claims,
    confirmations,
    order_report,
    pair_same_sku,
    returned_claims,
    returns,
    transactions_text,
)
from sellerkit.datasets.spec import GeneratedAccount
from sellerkit.datasets.write import feedback_dates, split_orders, to_tsv
from sellerkit.marketplaces import get_marketplace


def blank_tsv(frame: pd.DataFrame, columns: tuple[str, ...]) -> str:
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
    parts = split_orders(items, 2)
    items = pair_same_sku(items, parts)
    for part in split_orders(items, 2):
        put(".txt", to_tsv(part, ALL_ORDERS_COLUMNS))
    feedback = generated.feedback.rename(columns={"Response": "Your Response"})
    feedback["Date"] = feedback_dates(feedback["Date"].astype("datetime64[s]"), market)
    put(".txt", to_tsv(feedback, FEEDBACK_COLUMNS))
    put(".txt", to_tsv(order_report(generated, items, market), ORDER_REPORT_COLUMNS))
    put(".txt", to_tsv(confirmations(generated), CONFIRMATION_COLUMNS))
    put(".csv", transactions_text(generated, items, market.timezone))
    put(".txt", blank_tsv(returns(generated), RETURNS_COLUMNS))
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
    packages = confirmations(generated)
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
