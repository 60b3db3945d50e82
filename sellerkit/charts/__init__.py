"""Altair charts with one sellerkit theme, drawn offline.

:func:`enable` registers the theme and turns on Altair's ``svg`` renderer, which draws every
chart with vl-convert inside Python: the notebook (in JupyterLab and in exported HTML) holds
the finished picture and loads nothing from the internet. ``enable`` returns a
:class:`ChartMode` that, used in a ``with`` statement, restores the previous mode. Charts are
built from aggregated frames (one row per day and series), never from per-order rows.

The modules: :mod:`~sellerkit.charts.theme` (the theme and colours),
:mod:`~sellerkit.charts.modes` (output modes), :mod:`~sellerkit.charts.drawing` (SVG and
HTML, offline), :mod:`~sellerkit.charts.timelines` (rates day by day) and
:mod:`~sellerkit.charts.causes` (where defects come from).
"""

from __future__ import annotations

# Altair first, straight from this package: in a Jupyter kernel, its import (jsonschema
# compiles some 40 URI grammars on import) measured 1.5–2 s slower when reached one level
# deeper (this package → amazon → altair) than from here — the largest cost of a report's
# first cell (benchmarks/bench_report.py). Outside a kernel both take the same time.
import altair  # noqa: F401

from sellerkit.charts.amazon import amazon_rates_chart, rating_chart
from sellerkit.charts.causes import funnel_chart, heat_chart, p_chart, pareto_chart
from sellerkit.charts.drawing import (
    bundle_script,
    chart_title,
    draw_svg,
    embed_html,
    to_svg,
    vega_bundle,
)
from sellerkit.charts.modes import (
    SPEC_MIMETYPE,
    ChartMode,
    Live,
    draw_deferred,
    enable,
    live,
)
from sellerkit.charts.theme import BAD, GOOD, NEUTRAL, PALETTE, THEME
from sellerkit.charts.timelines import (
    age_out_chart,
    compare_chart,
    dilution_slider_chart,
    history_chart,
    projection_chart,
)

__all__ = [
    "BAD",
    "GOOD",
    "NEUTRAL",
    "PALETTE",
    "SPEC_MIMETYPE",
    "THEME",
    "ChartMode",
    "Live",
    "age_out_chart",
    "amazon_rates_chart",
    "bundle_script",
    "chart_title",
    "compare_chart",
    "dilution_slider_chart",
    "draw_deferred",
    "draw_svg",
    "embed_html",
    "enable",
    "funnel_chart",
    "heat_chart",
    "history_chart",
    "live",
    "p_chart",
    "pareto_chart",
    "projection_chart",
    "rating_chart",
    "to_svg",
    "vega_bundle",
]
