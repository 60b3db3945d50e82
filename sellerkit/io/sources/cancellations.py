"""Buyer-requested cancellations from the order downloads (rule R5).

``is-buyer-requested-cancellation`` = ``true`` on a cancelled order makes a buyer-requested
cancellations row, dated by the order's last update (the day the metrics already date an
unmarked cancellation by).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from sellerkit.io.combined import SOURCE
from sellerkit.io.derive import cancelled_rows
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.schema import Kind
from sellerkit.io.sources.provenance import (
    RULES,
    among,
    append_implied,
    stated_rows,
    stripped_text,
)
from sellerkit.quality import DataQuality, examples_of, with_examples


def cancellations(
    tables: Mapping[Kind, pd.DataFrame], items: pd.DataFrame, quality: DataQuality
) -> pd.DataFrame:
    """The cancellations table: the cancellations CSV's rows, then a buyer-requested row per
    other cancelled order (of ``items``) an order download marks so."""
    stated = stated_rows(tables[Kind.CANCELLATIONS], Kind.CANCELLATIONS)
    parts = []
    for kind in (Kind.ORDER_REPORT, Kind.UNSHIPPED_ORDERS):
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        flagged = table[table["buyer_requested"].fillna(False).to_numpy(dtype=bool)]
        parts.append(
            pd.DataFrame(
                {
                    "order_id": stripped_text(flagged["order_id"]),
                    "reason": flagged["cancel_reason"].astype("string"),
                    "files": flagged[SOURCE].astype(str),
                    "kind": kind,
                }
            )
        )
    if not parts:
        return append_implied(stated, pd.DataFrame())
    flagged = pd.concat(parts, ignore_index=True).drop_duplicates("order_id", keep="first")
    cancelled = cancelled_rows(items)
    last = items.loc[cancelled, ["order_id", "last_updated_date", "purchase_date"]]
    last = last.drop_duplicates("order_id").set_index("order_id")
    day = last["last_updated_date"].fillna(last["purchase_date"])
    day = day.dt.tz_localize(None).dt.normalize().astype("datetime64[s]")
    open_ids = flagged.loc[~flagged["order_id"].isin(day.index), "order_id"]
    if len(open_ids):
        quality.notes.append(
            with_examples(
                f"{len(open_ids)} order(s) the Order Report marks buyer-requested for "
                "cancellation are not cancelled in the All Orders report: nothing to count",
                examples_of(open_ids),
            )
        )
    rows = flagged[flagged["order_id"].isin(day.index).to_numpy()]
    rows = rows[~among(rows["order_id"], stated["order_id"])]
    implied = pd.DataFrame(
        {
            "order_id": rows["order_id"].astype(object),
            "cancel_date": day.reindex(rows["order_id"]).to_numpy(),
            "buyer_requested": True,
            "reason": rows["reason"].astype(object),
            SOURCE: rows["files"],
            "source": rows["kind"].astype(str),
            "assumed": False,
            "rule": [RULES["buyer-cancel"].format(report=LAYOUTS[k].title) for k in rows["kind"]],
        }
    )
    return append_implied(stated, implied)
