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
from sellerkit.causes.basis import Basis, given_or_new
from sellerkit.io.scrub import has_personal
from sellerkit.metrics.compute import day_number
from sellerkit.metrics.defects import buy_shipping_on_time
from sellerkit.metrics.facts import day_numbers
from sellerkit.rules import Rules

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


def _delivered_before(account: Account) -> dict[str, pd.Timestamp]:
    """Per order, the last delivery day of its packages with valid tracking."""
    shipments = account.shipments
    tracked = shipments["tracking_number"].notna() & shipments["delivery_date"].notna()
    rows = shipments[tracked.to_numpy()]
    latest = rows.groupby(rows["order_id"].to_numpy())["delivery_date"].max()
    return {str(order_id): day for order_id, day in latest.items()}


COLUMNS = (
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
)
"""The triage table's columns."""


def _feedback_rules(
    account: Account, events: pd.DataFrame, categories: pd.Series, buy_on_time: frozenset[str]
) -> list[tuple[int, str, str]]:
    """(event, rule, action) for each negative feedback Amazon may remove or strike."""
    found = []
    comments = account.feedback["comments"].to_numpy()
    for index, at, order_id in zip(events.index, events["row"], events["order_id"], strict=True):
        text = comments[at]
        text = "" if pd.isna(text) else str(text)
        category = categories.loc[index]
        if category == "product_review":
            found.append(
                (
                    index,
                    "entirely a product review",
                    "ask Amazon to remove it (feedback is about the seller, not the product)",
                )
            )
        elif category == "fba_fulfilment":
            found.append(
                (
                    index,
                    "about delivery on an FBA order",
                    "Amazon strikes it through: ask Seller Support if it still counts",
                )
            )
        elif category in ("late", "not_received") and order_id in buy_on_time:
            found.append(
                (
                    index,
                    "late or undelivered on an order shipped on time with Buy Shipping",
                    "ask Amazon to strike it through (Buy Shipping protection)",
                )
            )
        if OBSCENE.search(text):
            found.append((index, "obscene words", "ask Amazon to remove it"))
        if has_personal(text):
            found.append((index, "personal contact details", "ask Amazon to remove it"))
    return found


def _claim_rules(account: Account, events: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(event, rule, action) for each granted claim the tracking record may overturn. (A
    not-received claim on an order shipped on time with Buy Shipping is no event: it does
    not count, decision 4.)"""
    delivered = _delivered_before(account)
    found = []
    for index, order_id, status, known in zip(
        events.index, events["order_id"], events["status"], events["known_date"], strict=True
    ):
        reached = delivered.get(order_id)
        granted = str(status).startswith("granted")
        if granted and reached is not None and reached <= known:
            found.append(
                (
                    index,
                    "delivered with valid tracking before the claim",
                    "appeal the claim with the tracking record",
                )
            )
    return found


def triage(
    account: Account,
    as_of: date | str | None = None,
    rules: Rules | None = None,
    *,
    basis: Basis | None = None,
) -> pd.DataFrame:
    """Every counted defect in today's ODR window that Amazon's rules let the seller act on.

    The defects are the account's defect events (:mod:`sellerkit.metrics.defects`) on orders
    of today's ODR window, known by today: exactly what the ODR counts.

    ``rules``: the rules to count with (default: the marketplace's rules in force on
    ``as_of``); the account is read as its tables are now (nothing is cached between calls).
    ``basis``: a :func:`sellerkit.causes.basis` the caller already derived (a report shares
    one with its cause scan), instead of ``as_of`` and ``rules``.

    Returns
    -------
    DataFrame
        One row per defect and rule: ``kind`` (feedback, claim, chargeback), ``order_id``,
        ``channel``, ``date`` (the day the defect became known), ``rule``, ``action``,
        ``deadline``, ``days_left`` (negative: the deadline has passed), ``odr_now``,
        ``odr_if_removed`` and ``under_target_if_removed`` for the order's channel (an order
        with another defect still counts once that one is removed). Order ids only: no
        buyer data.
    """
    base = given_or_new(account, as_of, rules, basis)
    day, facts, rules = base.day, base.facts, base.rules
    odr = rules.order_defect_rate
    first, last = odr.window(day)
    today = day_number(day)
    orders = facts.orders
    in_window = (orders["order_day"] >= day_number(first)) & (
        orders["order_day"] <= day_number(last)
    )
    events = facts.events
    known = day_numbers(events["known_date"]) <= today
    counted = events[known & in_window[events["order"].to_numpy()]]
    per_order = counted.groupby("order").size()

    feedback = counted[(counted["kind"] == "feedback").to_numpy()]
    claims = counted[(counted["kind"] == "claim").to_numpy()]
    chargebacks = counted[(counted["kind"] == "chargeback").to_numpy()]
    found = _feedback_rules(
        account, feedback, base.feedback_categories, buy_shipping_on_time(account)
    )
    found += _claim_rules(account, claims)
    found += [
        (
            index,
            "open service chargeback",
            "answer it with proof of delivery and the order's details",
        )
        for index in chargebacks.index[(chargebacks["status"] == "open").to_numpy()]
    ]
    days_for = {
        "feedback": rules.feedback_removal_days,
        "claim": rules.claim_appeal_days,
        "chargeback": rules.chargeback_response_days,
    }
    defective = np.zeros(len(orders["order_day"]), dtype=bool)
    defective[per_order.index.to_numpy()] = True
    rows: list[dict[str, object]] = []
    for index, rule, action in found:
        event = counted.loc[index]
        order = int(event["order"])
        scope = orders["mfn"] == orders["mfn"][order]
        n = int((in_window & scope).sum())
        k = int((defective & in_window & scope).sum())
        # The order stays defective while another of its defects still counts.
        after = k if per_order.loc[order] > 1 else k - 1
        when = event["known_date"].date()
        deadline = when + timedelta(days=days_for[str(event["kind"])])
        rows.append(
            {
                "kind": str(event["kind"]),
                "order_id": event["order_id"],
                "channel": event["channel"],
                "date": when,
                "rule": rule,
                "action": action,
                "deadline": deadline,
                "days_left": (deadline - day).days,
                "odr_now": k / n,
                "odr_if_removed": after / n,
                "under_target_if_removed": after / n < odr.target,
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).sort_values(
        ["days_left", "kind"], ignore_index=True
    )
