"""Appeal and removal triage: which counted defects Amazon's own rules let the seller
remove, appeal or answer, by when, and what removing each would do to the ODR.

Only what Amazon allows (amazon-metrics.md): removal requests for feedback that is entirely a
product review, holds obscene words or personal contact details; feedback Amazon strikes
through itself (delivery complaints on FBA orders; late or undelivered complaints on orders
shipped on time with Buy Shipping); appeals of claims (within 30 days of the grant); answers
to chargebacks (within 7 days). Never contacting the buyer: offering a buyer anything to
change or remove feedback, or asking them to, breaks Amazon's Seller Code of Conduct, and no
row of this table suggests it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.causes.feedback_text import tag_feedback
from sellerkit.metrics.compute import day_number
from sellerkit.metrics.facts import prepare
from sellerkit.metrics.health import _as_of
from sellerkit.rules import rules_for

CODE_OF_CONDUCT = (
    "Amazon's Seller Code of Conduct forbids offering a buyer a refund, a free item, credit "
    "or any incentive to change or remove feedback, and asking a buyer to remove it, even "
    "after the problem is solved. sellerkit proposes only what Amazon's own rules allow: "
    "removal requests, appeals and answers within their deadlines, and prevention."
)

OBSCENE = re.compile(
    r"\b(?:fuck\w*|shit\w*|bitch\w*|bastard\w*|asshole\w*|crap|scheiße|scheisse|arschloch)\b",
    re.IGNORECASE,
)
"""Words Amazon removes feedback for (a short list; extend it for other languages)."""

PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{7,}\d",
)
"""E-mail addresses and phone numbers: personal contact details."""


def _on_time_buy_shipping(account: Account) -> set[str]:
    """Orders with Buy Shipping (known from their claims rows) whose every package shipped
    by its latest ship date."""
    claims = account.claims
    buy = set(claims.loc[claims["buy_shipping"].to_numpy(dtype=bool), "order_id"])
    shipments = account.shipments[account.shipments["order_id"].isin(buy)]
    late = shipments["ship_date"].isna() | (shipments["ship_date"] > shipments["latest_ship_date"])
    per_order = late.groupby(shipments["order_id"].to_numpy()).any()
    return set(per_order.index[~per_order.to_numpy()])


def _delivered_before(account: Account) -> dict[str, pd.Timestamp]:
    """Per order, the last delivery day of its packages with valid tracking."""
    shipments = account.shipments
    tracked = shipments["tracking_number"].notna() & shipments["delivery_date"].notna()
    rows = shipments[tracked.to_numpy()]
    return rows.groupby(rows["order_id"].to_numpy())["delivery_date"].max().to_dict()


def triage(account: Account, as_of: date | str | None = None) -> pd.DataFrame:
    """Every counted defect in today's ODR window that Amazon's rules let the seller act on.

    Returns one row per defect and rule: ``kind`` (feedback, claim, chargeback), ``order_id``,
    ``channel``, ``date``, ``rule``, ``action``, ``deadline``, ``days_left`` (negative: the
    deadline has passed), ``odr_now``, ``odr_if_removed`` and ``under_target_if_removed``
    for the order's channel. Order ids only: no buyer data.
    """
    day = _as_of(account, as_of)
    rules = rules_for(account.marketplace.code)
    facts = prepare(account, rules)
    odr = rules.order_defect_rate
    first, last = odr.window(day)
    today = day_number(day)
    orders = facts.orders
    in_window = (orders["order_day"] >= day_number(first)) & (
        orders["order_day"] <= day_number(last)
    )
    counted = in_window & (orders["defect_day"] <= today)
    ids = pd.Series(account.orders["order_id"].to_numpy())
    position = {order_id: i for i, order_id in enumerate(ids[counted])}
    channel_of = np.where(orders["mfn"], "mfn", "afn")

    kind_day = {"feedback": "feedback_day", "claim": "claim_day", "chargeback": "chargeback_day"}

    def impact(order_id: str, kind: str) -> tuple[float, float, bool]:
        i = np.flatnonzero(ids.to_numpy() == order_id)[0]
        scope = orders["mfn"] == orders["mfn"][i]
        n = int((in_window & scope).sum())
        k = int((counted & scope).sum())
        # The order stays defective when another kind of defect still counts against it.
        others = [c for name, c in kind_day.items() if name != kind]
        still = any(orders[c][i] <= today for c in others)
        after = k if still else k - 1
        return k / n, after / n, after / n < odr.target

    rows: list[dict[str, object]] = []

    def add(kind, order_id, when, rule, action, days):
        if order_id not in position:
            return
        deadline = when.date() + timedelta(days=days)
        now, removed, under = impact(order_id, kind)
        rows.append(
            {
                "kind": kind,
                "order_id": order_id,
                "channel": channel_of[np.flatnonzero(ids.to_numpy() == order_id)[0]],
                "date": when.date(),
                "rule": rule,
                "action": action,
                "deadline": deadline,
                "days_left": (deadline - day).days,
                "odr_now": now,
                "odr_if_removed": removed,
                "under_target_if_removed": under,
            }
        )

    feedback = account.feedback
    negative = feedback[
        feedback["rating"].isin(rules.negative_ratings).to_numpy()
        & (feedback["date"] <= pd.Timestamp(day)).to_numpy()
    ]
    fba = account.orders.loc[account.orders["channel"] == "AFN", "order_id"]
    tags = tag_feedback(negative, fba)
    buy_on_time = _on_time_buy_shipping(account)
    for row, category in zip(negative.itertuples(index=False), tags, strict=True):
        text = row.comments or ""
        if category == "product_review":
            add(
                "feedback",
                row.order_id,
                row.date,
                "entirely a product review",
                "ask Amazon to remove it (feedback is about the seller, not the product)",
                rules.feedback_removal_days,
            )
        elif category == "fba_fulfilment":
            add(
                "feedback",
                row.order_id,
                row.date,
                "about delivery on an FBA order",
                "Amazon strikes it through: ask Seller Support if it still counts",
                rules.feedback_removal_days,
            )
        elif category in ("late", "not_received") and row.order_id in buy_on_time:
            add(
                "feedback",
                row.order_id,
                row.date,
                "late or undelivered on an order shipped on time with Buy Shipping",
                "ask Amazon to strike it through (Buy Shipping protection)",
                rules.feedback_removal_days,
            )
        if OBSCENE.search(text):
            add(
                "feedback",
                row.order_id,
                row.date,
                "obscene words",
                "ask Amazon to remove it",
                rules.feedback_removal_days,
            )
        if PERSONAL.search(text):
            add(
                "feedback",
                row.order_id,
                row.date,
                "personal contact details",
                "ask Amazon to remove it",
                rules.feedback_removal_days,
            )

    claims = account.claims
    counting = claims["claim_status"].astype(str).isin(rules.counting_claim_statuses)
    delivered = _delivered_before(account)
    for row in claims[counting.to_numpy()].itertuples(index=False):
        granted = str(row.claim_status).startswith("granted")
        reached = delivered.get(row.order_id)
        if granted and reached is not None and reached <= row.claim_date:
            add(
                "claim",
                row.order_id,
                row.claim_date,
                "delivered with valid tracking before the claim",
                "appeal the claim with the tracking record",
                rules.claim_appeal_days,
            )
        if (
            granted
            and str(row.claim_reason) == "not-received"
            and row.buy_shipping
            and row.order_id in buy_on_time
        ):
            add(
                "claim",
                row.order_id,
                row.claim_date,
                "not received, shipped on time with Buy Shipping",
                "appeal: Buy Shipping protection applies",
                rules.claim_appeal_days,
            )

    chargebacks = account.chargebacks
    open_ones = chargebacks[
        (chargebacks["chargeback_status"].astype(str) == "open").to_numpy()
        & chargebacks["chargeback_reason"]
        .astype(str)
        .isin(rules.counting_chargeback_reasons)
        .to_numpy()
    ]
    for row in open_ones.itertuples(index=False):
        add(
            "chargeback",
            row.order_id,
            row.chargeback_date,
            "open service chargeback",
            "answer it with proof of delivery and the order's details",
            rules.chargeback_response_days,
        )

    columns = [
        "kind",
        "order_id",
        "channel",
        "date",
        "rule",
        "action",
        "deadline",
        "days_left",
        "odr_now",
        "odr_if_removed",
        "under_target_if_removed",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(["days_left", "kind"], ignore_index=True)
