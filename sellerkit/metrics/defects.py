"""What counts as an order defect: the one place that decides it.

:func:`classify` reads every feedback, claim and chargeback row of an account and says, for
each, whether it counts towards the Order Defect Rate and which rule decided. The rows that
count are the account's **defect events** (:func:`events_of`; cached with the facts as
:func:`sellerkit.metrics.facts.defect_events`): one row per counting event. The per-order
facts behind every rate are built from them, and so are the cause breakdowns, the defect
reasons and their Pareto chart, the triage, the age-out calendar and the workshop's expected
answers. No other module applies these rules.

The rules (data contract decisions 4 and 17; ``/work/shared/amazon-metrics.md``, "Order
Defect Rate"), each applied once, with its values from :class:`~sellerkit.rules.Rules`:

1. feedback rated in ``negative_ratings`` (1 or 2) counts; 3 stars is neutral. Every such
   row in the feedback files counts (Amazon already leaves struck-through feedback out);
2. a claim counts when its status is in ``counting_claim_statuses`` — except a claim of
   reason ``buy_shipping_exempt_reason`` (``not-received``) with Buy Shipping on an order whose
   every package shipped by its latest ship date;
3. a chargeback counts when its reason is in ``counting_chargeback_reasons`` (``service``)
   and its status in ``counting_chargeback_statuses``;
4. a row whose order is not in the orders files counts nowhere: no order date places it in a
   window (the data-quality summary counts these orphans).

A claim or chargeback a download implied (Transaction, Settlement or Returns report: data
contract R3) is classified like a CSV row, on the status its source assumed; ``assumed``,
``source`` and ``source_rule`` say so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import as_array
from sellerkit.account import Account
from sellerkit.metrics.columns import day_numbers, positions, rows_of
from sellerkit.rules import Rules
from sellerkit.vocabulary import CHANNELS, Channel

KINDS = ("feedback", "claim", "chargeback")
"""The kinds of order defect, as the events' ``kind`` names them."""

COLUMNS = (
    "order_id",
    "kind",
    "reason",
    "status",
    "known_date",
    "order_date",
    "channel",
    "business",
    "order",
    "row",
    "source",
    "source_file",
    "assumed",
    "source_rule",
    "rule",
)
"""The columns of the defect events (:func:`classify` adds ``counts``)."""


def buy_shipping_on_time(account: Account) -> frozenset[str]:
    """Orders with Buy Shipping (as their claims rows say) whose every package shipped by its
    latest ship date (decision 17: a package without a ship date is not on time).

    Orders without any shipments row are not in it: nothing shows they shipped on time.
    """
    claims = account.claims
    bought = claims.loc[claims["buy_shipping"].to_numpy(dtype=bool), "order_id"]
    candidates = pd.unique(bought.astype(str).to_numpy())
    if len(candidates) == 0:
        return frozenset()
    shipments = account.shipments
    rows = positions(as_array(shipments["order_id"]).cast(pa.string()), pa.array(candidates)) >= 0
    subset = shipments[rows]
    late = pd.Series(
        day_numbers(subset["ship_date"]) > day_numbers(subset["latest_ship_date"])
    ).groupby(subset["order_id"].astype(str).to_numpy())
    per_order = late.any()
    return frozenset(per_order.index[~per_order.to_numpy()])


def _text(values: pd.Series) -> np.ndarray:
    return values.astype(str).to_numpy(dtype=object)


def _provenance(table: pd.DataFrame, default_source: str) -> dict[str, object]:
    """``source``, ``source_file``, ``assumed`` and ``source_rule`` of a canonical table's
    rows (a table without provenance columns is a stated CSV)."""
    rows = len(table)

    def column(name: str, fallback: str | None) -> np.ndarray:
        filled = np.full(rows, fallback, dtype=object)
        if name not in table.columns:
            return filled
        values = table[name].astype(object).to_numpy()
        return np.where(pd.isna(values), filled, values)

    return {
        "source": column("source", default_source),
        "source_file": column("source_file", None),
        "assumed": table["assumed"].to_numpy(dtype=bool)
        if "assumed" in table.columns
        else np.zeros(rows, dtype=bool),
        "source_rule": column("rule", None),
    }


def _feedback(account: Account, rules: Rules) -> pd.DataFrame:
    feedback = account.feedback
    rating = feedback["rating"].to_numpy()
    counts = np.isin(rating, rules.negative_ratings)
    allowed = " or ".join(str(r) for r in rules.negative_ratings)
    stars = pd.Series(rating, dtype="int64").astype(str).to_numpy(dtype=object)
    rule = np.where(
        counts,
        "negative feedback: rating " + stars + f" (ratings {allowed} count; decision 4)",
        "rating " + stars + f" is not negative (only {allowed} count; decision 4)",
    )
    return pd.DataFrame(
        {
            "order_id": _text(feedback["order_id"]),
            "kind": "feedback",
            "reason": stars + "-star",
            "status": None,
            "known_date": feedback["date"].to_numpy(),
            "row": np.arange(len(feedback)),
            **_provenance(feedback, "feedback"),
            "counts": counts,
            "rule": rule,
        }
    )


def _claims(account: Account, rules: Rules) -> pd.DataFrame:
    claims = account.claims
    status = _text(claims["claim_status"])
    reason = _text(claims["claim_reason"])
    counting = np.isin(status, list(rules.counting_claim_statuses))
    candidate = (
        counting
        & (reason == rules.buy_shipping_exempt_reason)
        & claims["buy_shipping"].to_numpy(dtype=bool)
    )
    on_time = buy_shipping_on_time(account) if candidate.any() else frozenset()
    # A set lookup per claim: np.isin of text against text sorts objects (tens of ms).
    exempt = candidate & np.fromiter(
        (order_id in on_time for order_id in _text(claims["order_id"])), bool, len(claims)
    )
    counts = counting & ~exempt
    rule = np.where(
        exempt,
        f"{rules.buy_shipping_exempt_reason} claim with Buy Shipping on an order whose every "
        "package shipped by its latest ship date: does not count (decision 4)",
        np.where(
            counting,
            "A-to-z claim, status " + status + " (counts; decision 4)",
            "A-to-z claim, status " + status + " does not count (decision 4)",
        ),
    )
    return pd.DataFrame(
        {
            "order_id": _text(claims["order_id"]),
            "kind": "claim",
            "reason": reason,
            "status": status,
            "known_date": claims["claim_date"].to_numpy(),
            "row": np.arange(len(claims)),
            **_provenance(claims, "claims"),
            "counts": counts,
            "rule": rule,
        }
    )


def _chargebacks(account: Account, rules: Rules) -> pd.DataFrame:
    chargebacks = account.chargebacks
    reason = _text(chargebacks["chargeback_reason"])
    status = _text(chargebacks["chargeback_status"])
    right_reason = np.isin(reason, list(rules.counting_chargeback_reasons))
    right_status = np.isin(status, list(rules.counting_chargeback_statuses))
    counts = right_reason & right_status
    rule = np.where(
        counts,
        reason + " chargeback, status " + status + " (counts; decision 4)",
        np.where(
            right_reason,
            reason + " chargeback, status " + status + " does not count (decision 4)",
            reason + " chargeback does not count (decision 4)",
        ),
    )
    return pd.DataFrame(
        {
            "order_id": _text(chargebacks["order_id"]),
            "kind": "chargeback",
            "reason": reason,
            "status": status,
            "known_date": chargebacks["chargeback_date"].to_numpy(),
            "row": np.arange(len(chargebacks)),
            **_provenance(chargebacks, "chargebacks"),
            "counts": counts,
            "rule": rule,
        }
    )


def classify(account: Account, rules: Rules) -> pd.DataFrame:
    """Every feedback, claim and chargeback row of ``account``, and whether it counts.

    Parameters
    ----------
    account
        A loaded account; its tables are read, never modified.
    rules
        The rules that decide (ratings, claim statuses, chargeback reasons and statuses,
        the Buy Shipping exemption).

    Returns
    -------
    DataFrame
        One row per feedback, claims and chargebacks row (in that order, each table's rows
        in their order), with :data:`COLUMNS` and ``counts`` (bool):

        ``order_id``; ``kind`` (:data:`KINDS`); ``reason`` (feedback: ``1-star``,
        ``2-star`` …; a claim's reason; a chargeback's reason); ``status`` (a claim's or
        chargeback's status, ``None`` for feedback); ``known_date`` (the day it became known:
        feedback date, claim date, chargeback date; naive day); ``order_date`` (the order's
        day, ``NaT`` for an orphan); ``channel`` (``mfn``/``afn``, ``None`` for an orphan);
        ``business``; ``order`` (position in ``account.orders``, -1 for an orphan); ``row``
        (position in ``account.feedback``, ``.claims`` or ``.chargebacks``); ``source`` (the
        kind of file), ``source_file``, ``assumed`` (the row states more than its file does)
        and ``source_rule`` (the rule of :mod:`sellerkit.io.sources` that made the row, for
        a download's row); ``rule`` (the rule that made it count, or not).
    """
    table = pd.concat(
        [_feedback(account, rules), _claims(account, rules), _chargebacks(account, rules)],
        ignore_index=True,
    )
    orders = account.orders
    order = rows_of(as_array(orders["order_id"]), pa.array(table["order_id"], pa.string()))
    found = order >= 0
    at = np.where(found, order, 0)
    table["known_date"] = pd.to_datetime(table["known_date"]).astype("datetime64[s]")
    # Without a single order every row is an orphan: placeholders of the table's length.
    rows = len(table)
    order_date = orders["order_date"].to_numpy()[at] if len(orders) else np.zeros(rows, "M8[s]")
    table["order_date"] = pd.Series(order_date, dtype="datetime64[s]").where(found)
    mfn = (
        (orders["channel"] == CHANNELS[Channel.MFN].code).to_numpy()[at]
        if len(orders)
        else np.zeros(rows, bool)
    )
    channel = np.where(mfn, Channel.MFN, Channel.AFN).astype(object)
    channel[~found] = None
    table["channel"] = channel
    business = orders["is_business_order"].to_numpy(dtype=bool)[at] if len(orders) else mfn
    table["business"] = found & business
    table["order"] = order
    orphan = table["counts"].to_numpy() & ~found
    table["rule"] = np.where(
        orphan,
        "order not in the orders files: counts in no window (an orphan, data quality)",
        table["rule"].to_numpy(dtype=object),
    )
    table["counts"] = table["counts"].to_numpy() & found
    table["kind"] = pd.Categorical(table["kind"], categories=KINDS)
    table["assumed"] = table["assumed"].astype(bool)
    return table[[*COLUMNS, "counts"]]


def events_of(classified: pd.DataFrame) -> pd.DataFrame:
    """The defect events: the rows of :func:`classify` that count, with :data:`COLUMNS`."""
    events = classified[classified["counts"].to_numpy()]
    return events[list(COLUMNS)].reset_index(drop=True)


__all__ = ["COLUMNS", "KINDS", "buy_shipping_on_time", "classify", "events_of"]
