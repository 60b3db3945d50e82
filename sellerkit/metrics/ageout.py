"""When each Order Defect leaves the window, and the rate on the coming days if nothing new
happens (no new orders, no new defects)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.account import Account
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.compute import day_number, series
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.given import facts_for
from sellerkit.metrics.rates import SCOPE_NAMES
from sellerkit.rules import MetricRule, Rules
from sellerkit.vocabulary import Channel

_KINDS = (
    ("negative feedback", "feedback_day"),
    ("A-to-z claim", "claim_day"),
    ("chargeback", "chargeback_day"),
)


@dataclass(frozen=True, eq=False)
class AgeOut:
    """The age-out calendar of one account on one as-of day.

    Attributes
    ----------
    as_of
        The day the calendar starts from.
    rule
        The Order Defect Rate rule (window, lag, target).
    defects
        One row per order with a counted defect in today's ODR window: ``channel,
        order_id, order_date, kinds, first_defect_date, last_day_counted, leaves_on,
        days_left``. Order ids only: no buyer data.
    projection
        One row per coming day and channel until the last of these defects has left:
        ``date, channel, orders, defects, rate, low, high, status``. New orders and new
        defects are assumed not to happen, so the order count falls as old orders leave
        the window; a falling order count alone can raise the rate.
    """

    as_of: date
    defects: pd.DataFrame
    projection: pd.DataFrame
    rule: MetricRule

    def back_under_target(self, channel: str) -> date | None:
        """First projected day the channel's rate is under target (None if never)."""
        rows = self.projection[
            (self.projection["channel"] == channel) & (self.projection["status"] == "GOOD")
        ]
        return None if rows.empty else rows["date"].min().date()

    def __str__(self) -> str:
        if self.defects.empty:
            return f"No counted order defect in the ODR window as of {self.as_of}."
        lines = [f"Order defects in the window as of {self.as_of}:"]
        table = self.defects
        for channel, order_id, kinds, ordered, until, days_left in zip(
            table["channel"],
            table["order_id"],
            table["kinds"],
            table["order_date"],
            table["last_day_counted"],
            table["days_left"],
            strict=True,
        ):
            lines.append(
                f"  {channel.upper()} {order_id}: {kinds}, ordered "
                f"{ordered:%Y-%m-%d}, counts until {until:%Y-%m-%d} ({days_left} days)"
            )
        for channel in Channel:
            name = SCOPE_NAMES[channel]
            if not (self.defects["channel"] == channel).any():
                continue
            back = self.back_under_target(channel)
            lines.append(
                f"If no order and no defect came in, the {name} ODR would be back under target "
                + (f"on {back}." if back else "only when no order is left in the window.")
                + " New orders dilute it sooner; fewer orders (after a peak) delay it."
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The calendar for ``sellerkit metrics --age-out --json``: ``asOf``; ``defects``,
        one object per counted defect (``channel``, ``orderId``, ``orderDate``, ``kinds``,
        ``firstDefectDate``, ``lastDayCounted``, ``leavesOn``, ``daysLeft``; days as
        ``YYYY-MM-DD``); ``backUnderTarget`` per channel with a defect (the first projected
        day under target if no order and no defect came in, ``null`` if never)."""
        table = self.defects

        def day(values: pd.Series) -> list[str]:
            return [f"{value:%Y-%m-%d}" for value in values]

        rows = zip(
            table["channel"],
            table["order_id"],
            day(table["order_date"]),
            table["kinds"],
            day(table["first_defect_date"]),
            day(table["last_day_counted"]),
            day(table["leaves_on"]),
            table["days_left"],
            strict=True,
        )
        keys = (
            "channel",
            "orderId",
            "orderDate",
            "kinds",
            "firstDefectDate",
            "lastDayCounted",
            "leavesOn",
            "daysLeft",
        )
        back = {
            str(channel): self.back_under_target(channel)
            for channel in Channel
            if (table["channel"] == channel).any()
        }
        return {
            "asOf": self.as_of.isoformat(),
            "defects": [
                {
                    key: (int(value) if key == "daysLeft" else str(value))
                    for key, value in zip(keys, row, strict=True)
                }
                for row in rows
            ],
            "backUnderTarget": {k: v.isoformat() if v else None for k, v in back.items()},
        }

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>" + self.defects.to_html(index=False)


def age_out(
    account: Account,
    as_of: date | str | None = None,
    rules: Rules | None = None,
    *,
    facts: Facts | None = None,
) -> AgeOut:
    """The age-out calendar: each counted defect and the day it leaves the ODR window.

    ``rules``: the rules to count with (default: the marketplace's rules in force on
    ``as_of``). The account is read as its tables are now: nothing is cached between calls.
    ``facts``: the account's facts when the caller already derived them
    (:func:`sellerkit.derive_facts`; see :mod:`sellerkit.metrics.given`).
    """
    day = as_of_day(account, as_of)
    facts = facts_for(account, day, rules, facts)
    rule = facts.rules.order_defect_rate
    first, last = rule.window(day)
    orders = facts.orders
    today = day_number(day)
    in_window = (orders["order_day"] >= day_number(first)) & (
        orders["order_day"] <= day_number(last)
    )
    counted = in_window & (orders["defect_day"] <= today)
    columns: dict[str, Any] = dict(orders)  # each column indexed alike (the ids: no copy)
    rows = pd.DataFrame({name: values[counted] for name, values in columns.items()})
    kinds = [
        ", ".join(name for name, column in _KINDS if getattr(r, column) <= today)
        for r in rows.itertuples(index=False)
    ]
    order_date = pd.to_datetime(rows["order_day"].to_numpy(), unit="D")
    last_counted = order_date + pd.Timedelta(days=rule.lag_days + rule.window_days - 1)
    defects = pd.DataFrame(
        {
            "channel": np.where(rows["mfn"], Channel.MFN, Channel.AFN),
            "order_id": rows["order_id"].to_numpy(),
            "order_date": order_date,
            "kinds": kinds,
            "first_defect_date": pd.to_datetime(
                np.minimum(rows["defect_day"].to_numpy(), today), unit="D"
            ),
            "last_day_counted": last_counted,
            "leaves_on": last_counted + pd.Timedelta(days=1),
            "days_left": (last_counted - pd.Timestamp(day)).days + 1,
        }
    ).sort_values(["leaves_on", "channel", "order_id"], ignore_index=True)

    horizon = day + timedelta(days=rule.lag_days + rule.window_days)
    if not defects.empty:
        horizon = max(horizon, defects["leaves_on"].max().date())
    start = day + timedelta(days=1)
    frames = []
    for s in series(facts, start, horizon, known_until=day):
        if s.rule is not rule or s.scope not in tuple(Channel):
            continue
        k, n = s.numerators, s.denominators
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(n > 0, k / np.maximum(n, 1), np.nan)
        low, high = stats.wilson(k, n, s.level)
        frames.append(
            pd.DataFrame(
                {
                    "date": pd.date_range(start, horizon, freq="D"),
                    "channel": s.scope,
                    "orders": n,
                    "defects": k,
                    "rate": rate,
                    "low": low,
                    "high": high,
                    "status": stats.status(rate, rule.target, rule.condition),
                }
            )
        )
    projection = pd.concat(frames, ignore_index=True)
    return AgeOut(day, defects, projection, rule)


__all__ = ["AgeOut", "age_out"]
