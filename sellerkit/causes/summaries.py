"""Aggregated views for the charts: defects by reason, weekly rates with control limits, and
defects by dimension × reason. Charts get these small frames, never per-order rows."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.causes.dimensions import attach
from sellerkit.causes.feedback_text import tag_feedback
from sellerkit.causes.units import units
from sellerkit.metrics.health import _as_of
from sellerkit.rules import rules_for


def defect_reasons(
    account: Account, *, as_of: date | str | None = None, days: int = 365
) -> pd.DataFrame:
    """One row per counted defect of the period's orders: ``order``, ``reason`` — the
    feedback's category, the claim's reason or ``chargeback``."""
    day = _as_of(account, as_of)
    rules = rules_for(account.marketplace.code)
    base = units(account, "orderDefectRate", as_of=day, days=days)
    ids = account.orders["order_id"].iloc[base["order"].to_numpy()]
    position = pd.Series(base["order"].to_numpy(), index=ids.to_numpy())
    limit = pd.Timestamp(day)
    feedback = account.feedback
    negative = feedback[
        feedback["rating"].isin(rules.negative_ratings).to_numpy()
        & (feedback["date"] <= limit).to_numpy()
    ]
    fba = account.orders.loc[account.orders["channel"] == "AFN", "order_id"]
    parts = [
        pd.DataFrame(
            {
                "order_id": negative["order_id"].to_numpy(),
                "reason": "feedback: " + tag_feedback(negative, fba).astype(str),
            }
        )
    ]
    claims = account.claims
    counted = claims[
        claims["claim_status"].astype(str).isin(rules.counting_claim_statuses).to_numpy()
        & (claims["claim_date"] <= limit).to_numpy()
    ]
    parts.append(
        pd.DataFrame(
            {
                "order_id": counted["order_id"].to_numpy(),
                "reason": "claim: " + counted["claim_reason"].astype(str),
            }
        )
    )
    chargebacks = account.chargebacks
    service = chargebacks[
        chargebacks["chargeback_reason"]
        .astype(str)
        .isin(rules.counting_chargeback_reasons)
        .to_numpy()
        & chargebacks["chargeback_status"]
        .astype(str)
        .isin(rules.counting_chargeback_statuses)
        .to_numpy()
        & (chargebacks["chargeback_date"] <= limit).to_numpy()
    ]
    parts.append(pd.DataFrame({"order_id": service["order_id"].to_numpy(), "reason": "chargeback"}))
    reasons = pd.concat(parts, ignore_index=True)
    reasons = reasons[reasons["order_id"].isin(position.index)]
    reasons["order"] = position.loc[reasons["order_id"]].to_numpy()
    return reasons[["order", "reason"]].reset_index(drop=True)


def pareto(reasons: pd.DataFrame) -> pd.DataFrame:
    """Defects by reason, largest first, with the cumulative share."""
    counts = reasons["reason"].value_counts()
    frame = pd.DataFrame({"reason": counts.index.astype(str), "defects": counts.to_numpy()})
    frame["cumulative_share"] = frame["defects"].cumsum() / max(frame["defects"].sum(), 1)
    return frame


def reason_heat(account: Account, reasons: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Defects by ``dimension`` × reason."""
    attached = attach(account, reasons, [dimension])
    return (
        attached.groupby([dimension, "reason"], observed=True)
        .size()
        .rename("defects")
        .reset_index()
    )


def weekly(
    account: Account,
    metric: str = "orderDefectRate",
    *,
    as_of: date | str | None = None,
    days: int = 365,
    sigmas: float = 3.0,
) -> pd.DataFrame:
    """Weekly rate of ``metric`` (weeks of the window day) with p-chart control limits: the
    period's rate ± ``sigmas`` binomial standard errors for each week's volume."""
    base = units(account, metric, as_of=as_of, days=days)
    days_ = base["window_day"].to_numpy()
    monday = days_ - (days_ + 3) % 7
    frame = pd.DataFrame({"week": monday, "bad": base["bad"].to_numpy()})
    grouped = frame.groupby("week")["bad"]
    table = pd.DataFrame({"units": grouped.size(), "bad": grouped.sum()}).reset_index()
    centre = table["bad"].sum() / max(table["units"].sum(), 1)
    spread = sigmas * np.sqrt(centre * (1 - centre) / table["units"])
    table["rate"] = table["bad"] / table["units"]
    table["centre"] = centre
    table["upper"] = np.minimum(centre + spread, 1.0)
    table["lower"] = np.maximum(centre - spread, 0.0)
    table["out_of_control"] = table["rate"] > table["upper"]
    table["week"] = pd.to_datetime(table["week"], unit="D")
    return table
