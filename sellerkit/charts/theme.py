"""The one sellerkit chart theme: colours, fonts, axes, and the pieces every chart shares.

The theme is registered with Altair on import (not enabled: :func:`sellerkit.charts.enable`
or :func:`sellerkit.charts.draw_svg` turn it on).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

THEME = "sellerkit"
BAD = "#cf222e"
GOOD = "#1a7f37"
NEUTRAL = "#57606a"
PALETTE = ["#0969da", "#bf8700", "#8250df", "#1a7f37", "#cf222e", "#57606a"]


def days_axis(title: str | None = None, field: str = "date") -> alt.X:
    """A time axis of days (``Mar 05``)."""
    return alt.X(
        f"{field}:T", title=title, axis=alt.Axis(format="%b %d", labelOverlap=True, tickCount=8)
    )


def target_rule(target: float) -> alt.Chart:
    """The target as a dashed red line across the chart."""
    return (
        alt.Chart(pd.DataFrame({"target": [target]}))
        .mark_rule(color=BAD, strokeDash=[4, 3])
        .encode(y="target:Q")
    )


@alt.theme.register(THEME, enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 240},
            "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            "title": {
                "anchor": "start",
                "fontSize": 14,
                "fontWeight": 600,
                "subtitleColor": NEUTRAL,
            },
            "axis": {
                "labelColor": NEUTRAL,
                "titleColor": NEUTRAL,
                "gridColor": "#eaeef2",
                "domainColor": "#d0d7de",
                "tickColor": "#d0d7de",
            },
            "legend": {
                "labelColor": NEUTRAL,
                "titleColor": NEUTRAL,
                "orient": "bottom",
                "labelLimit": 360,
            },
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2},
        }
    }
