"""Charts of rates day by day: the history, the age-out calendar, projections and the
dilution sliders. Each is built from aggregated frames (one row per day and series)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import altair as alt
import numpy as np
import pandas as pd

from sellerkit.charts.theme import NEUTRAL, PALETTE, days_axis, target_rule
from sellerkit.metrics.rates import SCOPE_NAMES
from sellerkit.vocabulary import CHANNELS, Channel, MetricKey

if TYPE_CHECKING:
    from sellerkit.metrics.ageout import AgeOut
    from sellerkit.simulate.projection import Projection


def projection_chart(projection: Projection, title: str | None = None) -> alt.LayerChart:
    """The projected rate: 80 % of paths as a band, the median as a line, the target."""
    daily = projection.daily
    frame = pd.DataFrame(
        {
            "date": daily["date"],
            "low": daily["rate_p10"],
            "median": daily["rate_p50"],
            "high": daily["rate_p90"],
            "under": daily["p_under_target"],
        }
    )
    target = projection.rule.target
    base = alt.Chart(frame).encode(x=days_axis())
    band = base.mark_area(opacity=0.25, color=PALETTE[0]).encode(
        y=alt.Y("low:Q", title="Order Defect Rate", axis=alt.Axis(format="%")),
        y2="high:Q",
        tooltip=[
            alt.Tooltip("date:T"),
            alt.Tooltip("low:Q", format=".2%", title="P10"),
            alt.Tooltip("median:Q", format=".2%", title="median"),
            alt.Tooltip("high:Q", format=".2%", title="P90"),
            alt.Tooltip("under:Q", format=".0%", title="P(under target)"),
        ],
    )
    line = base.mark_line(color=PALETTE[0]).encode(y="median:Q")
    rule = target_rule(target)
    scope = SCOPE_NAMES[projection.channel]
    return (band + line + rule).properties(
        title=alt.Title(
            title or f"Projected {scope} ODR",
            subtitle=f"median and 80 % of {projection.paths.shape[0]:,} simulated paths; "
            f"dashed: the {target:.0%} target",
        )
    )


def compare_chart(projections: Mapping[str, Projection], title: str) -> alt.LayerChart:
    """Median projected rates of several scenarios, with the target."""
    frames = []
    for name, projection in projections.items():
        daily = projection.daily
        frames.append(
            pd.DataFrame({"date": daily["date"], "rate": daily["rate_p50"], "scenario": name})
        )
    frame = pd.concat(frames, ignore_index=True)
    target = next(iter(projections.values())).rule.target
    lines = (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=days_axis(),
            y=alt.Y("rate:Q", title="median projected ODR", axis=alt.Axis(format="%")),
            color=alt.Color("scenario:N", title=None),
        )
    )
    rule = target_rule(target)
    return (lines + rule).properties(title=title)


def age_out_chart(calendar: AgeOut, channel: str = Channel.MFN) -> alt.LayerChart:
    """The rate on the coming days if nothing new happens, with the target."""
    rows = calendar.projection[calendar.projection["channel"] == channel]
    frame = rows[["date", "rate", "orders", "defects"]]
    line = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", color=NEUTRAL)
        .encode(
            x=days_axis(),
            y=alt.Y("rate:Q", title="ODR if nothing new happens", axis=alt.Axis(format="%")),
            tooltip=["date:T", alt.Tooltip("rate:Q", format=".2%"), "orders:Q", "defects:Q"],
        )
    )
    rule = target_rule(calendar.rule.target)
    scope = SCOPE_NAMES[channel]
    return (line + rule).properties(
        title=alt.Title(
            f"{scope} ODR as defects and orders leave the window",
            subtitle="no new order and no new defect",
        )
    )


def history_chart(
    history: pd.DataFrame,
    metric: str = MetricKey.ORDER_DEFECT_RATE,
    scopes: tuple[str, ...] = tuple(Channel),
    target: float | None = None,
    title: str = "Order Defect Rate, day by day",
) -> alt.LayerChart:
    """A metric's daily history (from :func:`sellerkit.history`) per scope, with the target."""
    rows = history[(history["metric"] == metric) & history["scope"].isin(scopes)]
    frame = rows[["date", "scope", "rate", "numerator", "denominator"]].assign(
        scope=rows["scope"].map({str(c): t.name for c, t in CHANNELS.items()}).fillna(rows["scope"])
    )
    lines = (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=days_axis(),
            y=alt.Y("rate:Q", title="rate", axis=alt.Axis(format="%")),
            color=alt.Color("scope:N", title=None),
            tooltip=[
                "date:T",
                "scope:N",
                alt.Tooltip("rate:Q", format=".2%"),
                "numerator:Q",
                "denominator:Q",
            ],
        )
    )
    layers: list[alt.Chart] = [lines]
    if target is not None:
        layers.append(target_rule(target))
    return alt.LayerChart(layer=layers).properties(title=title)


def dilution_slider_chart(
    calendar: AgeOut, channel: str, baseline: float, defect_rate: float, horizon: int = 90
) -> alt.LayerChart:
    """The expected rate on the coming days with sliders for extra orders a day and the new
    orders' defect rate, recomputed in the browser (no kernel needed).

    Expected values: the defects and orders already in the window leave it on their dates
    (the age-out calendar), and new orders, placed from tomorrow at the baseline plus the
    extra, bring their expected defects into the window 14 days later. Delays of new defects
    and uncertainty are left to the projection (:func:`sellerkit.simulate.project`).
    """
    rule = calendar.rule
    rows = calendar.projection[calendar.projection["channel"] == channel].head(horizon)
    ahead = np.arange(1, len(rows) + 1)
    last_day = ahead - rule.lag_days  # newest order day in the window, as days after as-of
    first_day = last_day - rule.window_days + 1
    new_days = np.clip(np.minimum(last_day, len(rows)) - np.maximum(first_day, 1) + 1, 0, None)
    frame = pd.DataFrame(
        {
            "date": rows["date"].dt.strftime("%Y-%m-%d"),
            "known_defects": rows["defects"].to_numpy(),
            "known_orders": rows["orders"].to_numpy(),
            "new_days": new_days,
        }
    )
    extra = alt.param(
        name="extra",
        value=0,
        bind=alt.binding_range(
            min=0, max=max(20, round(3 * baseline)), step=1, name="extra orders a day "
        ),
    )
    rate = alt.param(
        name="new_rate",
        value=round(defect_rate, 4),
        bind=alt.binding_range(
            min=0, max=max(0.03, 2 * defect_rate), step=0.001, name="new orders' defect rate "
        ),
    )
    volume = f"({baseline:.4f} + extra)"
    line = (
        alt.Chart(frame)
        .transform_calculate(
            orders=f"datum.known_orders + {volume} * datum.new_days",
            rate=f"(datum.known_defects + new_rate * {volume} * datum.new_days) / "
            f"max(datum.known_orders + {volume} * datum.new_days, 1)",
        )
        .mark_line(color=PALETTE[0])
        .encode(
            x=days_axis(),
            y=alt.Y("rate:Q", title="expected ODR", axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("date:T"),
                alt.Tooltip("rate:Q", format=".2%"),
                alt.Tooltip("orders:Q", format=",.0f"),
            ],
        )
        .add_params(extra, rate)
    )
    target = target_rule(rule.target)
    scope = SCOPE_NAMES[channel]
    return (line + target).properties(
        title=alt.Title(
            f"Dilution: the expected {scope} ODR ahead",
            subtitle="move the sliders: extra orders a day, and their defect rate",
        )
    )
