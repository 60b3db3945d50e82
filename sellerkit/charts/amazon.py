"""Amazon's figures over time, from the performance reports kept as snapshots
(:mod:`sellerkit.metrics.snapshots`): the Account Health Rating, and each metric's rate as
Amazon showed it beside sellerkit's reconstruction of the same window."""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import pandas as pd

from sellerkit.charts.theme import NEUTRAL, PALETTE, days_axis

if TYPE_CHECKING:
    from sellerkit.metrics.snapshots import SnapshotHistory


def snapshot_frames(history: SnapshotHistory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two tidy frames of a history: the rating (``date, score, status``, one row per
    snapshot with a score) and the rates (``date, metric, source, rate``: ``source`` is
    ``Amazon`` or ``sellerkit``, one row each per snapshot and metric with a rate)."""
    from sellerkit.metrics.snapshots_text import metric_title

    rating, rates = [], []
    for snap in history.snapshots:
        day = pd.Timestamp(snap.day)
        if snap.figures.ahr_score is not None:
            rating.append(
                {"date": day, "score": snap.figures.ahr_score, "status": snap.figures.ahr_status}
            )
        for key, metric in snap.metrics.items():
            if "[" in key:  # the late shipment list repeats lateShipmentRate's 30 days
                continue
            title = metric_title(key)
            if metric.rate is not None:
                rates.append(
                    {"date": day, "metric": title, "source": "Amazon", "rate": metric.rate}
                )
            ours = metric.sellerkit
            if ours is not None and ours.rate is not None:
                rates.append(
                    {"date": day, "metric": title, "source": "sellerkit", "rate": ours.rate}
                )
    return (
        pd.DataFrame(rating, columns=["date", "score", "status"]),
        pd.DataFrame(rates, columns=["date", "metric", "source", "rate"]),
    )


def rating_chart(history: SnapshotHistory) -> alt.Chart:
    """The Account Health Rating score (0–1000) of each snapshot, with its status."""
    rating, _ = snapshot_frames(history)
    return (
        alt.Chart(rating)
        .mark_line(point=True, color=PALETTE[0])
        .encode(
            x=days_axis(),
            y=alt.Y("score:Q", title="Account Health Rating", scale=alt.Scale(domain=[0, 1000])),
            tooltip=[alt.Tooltip("date:T"), alt.Tooltip("score:Q"), alt.Tooltip("status:N")],
        )
        .properties(
            title=alt.Title(
                "Account Health Rating, as Amazon's reports show it",
                subtitle="one point per kept performance report",
            )
        )
    )


def amazon_rates_chart(history: SnapshotHistory) -> alt.Chart:
    """Each metric's rate per snapshot: Amazon's (line) and sellerkit's for the same window
    (points), one small chart per metric."""
    _, rates = snapshot_frames(history)
    base = alt.Chart(rates).encode(
        x=days_axis(),
        y=alt.Y("rate:Q", title=None, axis=alt.Axis(format="%")),
        color=alt.Color(
            "source:N",
            title=None,
            scale=alt.Scale(domain=["Amazon", "sellerkit"], range=[PALETTE[0], NEUTRAL]),
        ),
        tooltip=[
            alt.Tooltip("date:T"),
            alt.Tooltip("metric:N"),
            alt.Tooltip("source:N"),
            alt.Tooltip("rate:Q", format=".2%"),
        ],
    )
    lines = base.transform_filter(alt.datum.source == "Amazon").mark_line(point=True)
    points = base.transform_filter(alt.datum.source == "sellerkit").mark_point(shape="diamond")
    return (
        alt.layer(lines, points)
        .properties(width=260, height=120)
        .facet(facet=alt.Facet("metric:N", title=None), columns=2)
        .resolve_scale(y="independent")
        .properties(
            title=alt.Title(
                "Each metric as Amazon's reports show it",
                subtitle="line: Amazon; diamonds: sellerkit for the same window",
            )
        )
    )
