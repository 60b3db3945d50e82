"""Charts of where defects come from: by reason (Pareto), by group against its volume
(funnel), by dimension and reason (heat map), and week by week with control limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import numpy as np
import pandas as pd

from sellerkit.charts.theme import BAD, NEUTRAL, PALETTE, days_axis

if TYPE_CHECKING:
    from sellerkit.causes.breakdown import Breakdown


def pareto_chart(frame: pd.DataFrame, title: str = "Where the defects come from") -> alt.LayerChart:
    """Defects by reason (bars, largest first) and their cumulative share (line)."""
    order = list(frame["reason"])
    base = alt.Chart(frame).encode(
        x=alt.X("reason:N", sort=order, title=None, axis=alt.Axis(labelAngle=-35, labelLimit=180))
    )
    bars = base.mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("defects:Q", title="defects"), tooltip=["reason:N", "defects:Q"]
    )
    line = base.mark_line(color=PALETTE[1], point=True).encode(
        y=alt.Y("cumulative_share:Q", title="cumulative share", axis=alt.Axis(format="%"))
    )
    return alt.layer(bars, line).resolve_scale(y="independent").properties(title=title)


def funnel_chart(breakdown: Breakdown, title: str | None = None) -> alt.LayerChart:
    """Each group's rate against its volume, inside funnel limits around the account's rate:
    groups outside the funnel are unusual for their size; flagged ones are coloured."""
    table = breakdown.table
    label = breakdown.by[0]
    points = pd.DataFrame(
        {
            "group": table[list(breakdown.by)].astype(str).agg(" × ".join, axis=1),
            "units": table["units"],
            "rate": table["rate"],
            "status": np.where(
                table["flagged"], "flagged", np.where(table["small"], "small", "within")
            ),
        }
    )
    rate = breakdown.rate
    volume = np.unique(
        np.geomspace(max(points["units"].min(), 1), points["units"].max() + 1, 80).round()
    )
    limits = pd.concat(
        [
            pd.DataFrame(
                {
                    "units": volume,
                    "limit": np.clip(rate + z * np.sqrt(rate * (1 - rate) / volume), 0, 1),
                    "band": name,
                }
            )
            for z, name in ((1.96, "95 %"), (3.09, "99.8 %"))
        ]
    )
    funnel = (
        alt.Chart(limits)
        .mark_line(strokeDash=[4, 3])
        .encode(
            x=alt.X("units:Q", scale=alt.Scale(type="log"), title=f"orders / packages per {label}"),
            y=alt.Y("limit:Q"),
            color=alt.Color("band:N", title="upper limit", scale=alt.Scale(range=[NEUTRAL, BAD])),
        )
    )
    dots = (
        alt.Chart(points)
        .mark_circle(size=60)
        .encode(
            x="units:Q",
            y=alt.Y("rate:Q", title="rate", axis=alt.Axis(format="%")),
            shape=alt.Shape("status:N", title=None),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=["flagged", "within", "small"], range=[BAD, PALETTE[0], NEUTRAL]
                ),
            ),
            tooltip=["group:N", "units:Q", alt.Tooltip("rate:Q", format=".2%"), "status:N"],
        )
    )
    centre = alt.Chart(pd.DataFrame({"rate": [rate]})).mark_rule(color=NEUTRAL).encode(y="rate:Q")
    return (
        (funnel + centre + dots)
        .resolve_scale(color="independent")
        .properties(title=title or f"{breakdown.metric} by {label}: funnel plot")
    )


def heat_chart(frame: pd.DataFrame, dimension: str) -> alt.Chart:
    """Defects by dimension × reason."""
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("reason:N", title=None, axis=alt.Axis(labelAngle=-35, labelLimit=180)),
            y=alt.Y(f"{dimension}:N", title=None, sort="-x"),
            color=alt.Color("defects:Q", scale=alt.Scale(scheme="oranges"), title="defects"),
            tooltip=[f"{dimension}:N", "reason:N", "defects:Q"],
        )
        .properties(title=f"Defects by {dimension.replace('_', ' ')} and reason")
    )


def p_chart(frame: pd.DataFrame, title: str = "Weekly rate with control limits") -> alt.LayerChart:
    """Weekly rate, the period's rate and the 3-sigma limits for each week's volume."""
    base = alt.Chart(frame).encode(x=days_axis(field="week"))
    band = base.mark_area(opacity=0.15, color=NEUTRAL).encode(
        y=alt.Y("lower:Q", title="rate", axis=alt.Axis(format="%")), y2="upper:Q"
    )
    centre = base.mark_line(color=NEUTRAL, strokeDash=[4, 3]).encode(y="centre:Q")
    line = base.mark_line(color=PALETTE[0], point=True).encode(
        y="rate:Q",
        tooltip=[alt.Tooltip("week:T"), "units:Q", "bad:Q", alt.Tooltip("rate:Q", format=".2%")],
    )
    alarms = (
        base.transform_filter("datum.out_of_control")
        .mark_point(color=BAD, size=90, filled=True)
        .encode(y="rate:Q")
    )
    return (band + centre + line + alarms).properties(title=title)
