"""Claims and chargebacks from the payments and returns downloads (rules R2, R3).

A Transaction-report row of type ``A-to-z Guarantee Claim`` (Settlement: ``A-to-z Guarantee
Refund``) is a claim granted against the seller, ``Chargeback Refund`` a service chargeback
refunded to the buyer; a Returns row with ``A-to-Z Claim`` = ``Y`` a claim of unknown status,
taken as pending. One claim (chargeback) per order whatever the number of sources, and a
sellerkit CSV row for the order replaces whatever the downloads imply.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from sellerkit.io.combined import SOURCE
from sellerkit.io.schema import Kind
from sellerkit.io.sources.provenance import (
    RULES,
    among,
    append_implied,
    join_files,
    names_in,
    stated_rows,
    stripped_text,
)
from sellerkit.quality import DataQuality, examples_of, with_examples

_CLAIM_TYPES = {
    Kind.TRANSACTIONS: ("a-to-z guarantee claim", "transactions-claim"),
    Kind.SETTLEMENT: ("a-to-z guarantee refund", "settlement-claim"),
}
_CHARGEBACK_TYPES = {
    Kind.TRANSACTIONS: ("chargeback refund", "transactions-chargeback"),
    Kind.SETTLEMENT: ("chargeback refund", "settlement-chargeback"),
}


def _events(
    tables: Mapping[Kind, pd.DataFrame],
    types: dict[Kind, tuple[str, str]],
    priority: int,
) -> list[pd.DataFrame]:
    """Per order, the payment rows of the given types: earliest day, amount charged."""
    found = []
    for kind, (wanted, rule) in types.items():
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        day = table["posted_date"]
        if "posted_date_time" in table.columns:  # the settlement's date-time, when given
            day = table["posted_date_time"].fillna(day)
        rows = pd.DataFrame(
            {
                "order_id": stripped_text(table["order_id"]),
                "day": day,
                "amount": table["amount"],
                SOURCE: table[SOURCE].astype(str),
            }
        )[(stripped_text(table["type"]).str.lower() == wanted).to_numpy()]
        rows = rows[(rows["order_id"] != "").to_numpy() & rows["day"].notna().to_numpy()]
        if rows.empty:
            continue
        per_order = rows.groupby("order_id", sort=False).agg(
            day=("day", "min"), amount=("amount", "sum"), files=(SOURCE, join_files)
        )
        per_order["amount"] = per_order["amount"].abs()  # debits: the amount charged
        per_order = per_order.reset_index()
        per_order["source"] = str(kind)
        per_order["rule"] = RULES[rule]
        per_order["priority"] = priority
        found.append(per_order)
    return found


def _returns_claims(returns: pd.DataFrame | None) -> list[pd.DataFrame]:
    if returns is None or returns.empty:
        return []
    rows = returns[
        returns["a_to_z_claim"].fillna(False).to_numpy(dtype=bool)
        & returns["return_date"].notna().to_numpy()
    ]
    if rows.empty:
        return []
    per_order = (
        pd.DataFrame(
            {
                "order_id": stripped_text(rows["order_id"]),
                "day": rows["return_date"],
                SOURCE: rows[SOURCE].astype(str),
            }
        )
        .groupby("order_id", sort=False)
        .agg(day=("day", "min"), files=(SOURCE, join_files))
        .reset_index()
    )
    per_order["amount"] = np.nan
    per_order["source"] = str(Kind.RETURNS)
    per_order["rule"] = RULES["returns-claim"]
    per_order["priority"] = 1
    return [per_order]


def _one_per_order(
    candidates: list[pd.DataFrame], stated_ids: pd.Series
) -> tuple[pd.DataFrame, int]:
    """One row per order: the highest-priority source's row, dated by the earliest source;
    orders the CSV states are left out (returned: how many)."""
    if not candidates:
        return pd.DataFrame(columns=["order_id", "day", "amount", "files", "source", "rule"]), 0
    every = pd.concat(candidates, ignore_index=True)
    earliest = every.groupby("order_id")["day"].min()
    chosen = every.sort_values(["priority", "day"], kind="stable").drop_duplicates("order_id")
    chosen = chosen.assign(day=chosen["order_id"].map(earliest).to_numpy())
    overridden = among(chosen["order_id"], stated_ids)
    return chosen[~overridden].reset_index(drop=True), int(overridden.sum())


def claims(tables: Mapping[Kind, pd.DataFrame], quality: DataQuality) -> pd.DataFrame:
    """The claims table: the claims CSV's rows, then one row per other order the payments or
    the Returns report show a claim for; ``quality`` counts what was assumed."""
    stated = stated_rows(tables[Kind.CLAIMS], Kind.CLAIMS)
    candidates = _events(tables, _CLAIM_TYPES, 0) + _returns_claims(tables.get(Kind.RETURNS))
    chosen, overridden = _one_per_order(candidates, stated["order_id"])
    payments = chosen["source"] != str(Kind.RETURNS)
    implied = pd.DataFrame(
        {
            "order_id": chosen["order_id"].astype(object),
            "claim_date": chosen["day"],
            "claim_reason": "other",
            "claim_status": np.where(payments, "granted-seller-funded", "pending"),
            "buy_shipping": False,
            "amount": chosen["amount"].astype(float),
            SOURCE: chosen["files"],
            "source": chosen["source"],
            "assumed": True,
            "rule": chosen["rule"],
        }
    )
    for code, mask, text in (
        (
            "assumedClaimsFromPayments",
            payments,
            "order(s) have an A-to-z claim only in the payments (Transaction or Settlement "
            "report): counted as claims granted against the seller",
        ),
        (
            "assumedClaimsFromReturns",
            ~payments,
            "order(s) have an A-to-z claim only in the Returns report: counted as pending "
            "claims (a claims CSV row for the order would say its real status)",
        ),
    ):
        ids = implied.loc[mask.to_numpy(), "order_id"]
        quality.add(
            code,
            len(ids),
            with_examples(f"{len(ids)} {text}", examples_of(ids)),
            files=names_in(chosen.loc[mask, "files"]),
        )
    if overridden:
        quality.notes.append(
            f"{overridden} claim(s) that downloads imply are replaced by the claims CSV's "
            "rows for the same orders (R2)"
        )
    return append_implied(stated, implied)


def chargebacks(tables: Mapping[Kind, pd.DataFrame], quality: DataQuality) -> pd.DataFrame:
    """The chargebacks table: the chargebacks CSV's rows, then one row per other order the
    payments show a chargeback for; ``quality`` counts what was assumed."""
    stated = stated_rows(tables[Kind.CHARGEBACKS], Kind.CHARGEBACKS)
    chosen, overridden = _one_per_order(_events(tables, _CHARGEBACK_TYPES, 0), stated["order_id"])
    implied = pd.DataFrame(
        {
            "order_id": chosen["order_id"].astype(object),
            "chargeback_date": chosen["day"],
            "chargeback_reason": "service",
            "chargeback_status": "refunded",
            "amount": chosen["amount"].astype(float),
            SOURCE: chosen["files"],
            "source": chosen["source"],
            "assumed": True,
            "rule": chosen["rule"],
        }
    )
    ids = implied["order_id"]
    quality.add(
        "assumedChargebacksFromPayments",
        len(ids),
        with_examples(
            f"{len(ids)} order(s) have a chargeback only in the payments (Transaction or "
            "Settlement report): counted as service chargebacks refunded to the buyer",
            examples_of(ids),
        ),
        files=names_in(chosen["files"]),
    )
    if overridden:
        quality.notes.append(
            f"{overridden} chargeback(s) that downloads imply are replaced by the chargebacks "
            "CSV's rows for the same orders (R2)"
        )
    return append_implied(stated, implied)
