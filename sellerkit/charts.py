"""Altair charts with one sellerkit theme, drawn offline.

:func:`enable` registers the theme and turns on Altair's ``svg`` renderer, which draws every
chart with vl-convert inside Python: the notebook (in JupyterLab and in exported HTML) holds
the finished picture and loads nothing from the internet. Charts are built from aggregated
frames (one row per day and series), never from per-order rows.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from sellerkit._files import write_atomic
from sellerkit.metrics.rates import SCOPE_NAMES

THEME = "sellerkit"
BAD = "#cf222e"
GOOD = "#1a7f37"
NEUTRAL = "#57606a"
PALETTE = ["#0969da", "#bf8700", "#8250df", "#1a7f37", "#cf222e", "#57606a"]


def _days(title: str | None = None, field: str = "date") -> alt.X:
    return alt.X(
        f"{field}:T", title=title, axis=alt.Axis(format="%b %d", labelOverlap=True, tickCount=8)
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


SPEC_MIMETYPE = "application/vnd.sellerkit.chart+json"
"""A chart sent as its Vega-Lite spec for the report's exporter to draw (see ``deferred``)."""

_MODE = {"deferred": False, "live": False}


def enable(mode: str = "svg", *, deferred: bool = False) -> None:
    """Use the sellerkit theme and draw charts offline.

    ``svg`` (notebooks in JupyterLab): each chart is drawn to SVG by vl-convert in Python.
    ``embed`` (exported pages): the page carries the Vega libraries once, inline, and each
    chart is drawn by them in the browser, so charts stay interactive (a slider bound to a
    parameter recomputes the chart) with nothing fetched from the internet.

    ``deferred`` (report notebooks run by :func:`sellerkit.report.render_report`): the kernel
    sends each chart as its Vega-Lite spec (:data:`SPEC_MIMETYPE`) marked with the mode, and
    the report's exporter draws it (:func:`draw_deferred`) in the long-lived rendering
    process, where vl-convert is already warm and the Vega libraries go into the page once.
    """
    if mode not in ("svg", "embed"):
        raise ValueError(f"chart mode {mode!r}: expected 'svg' or 'embed'")
    alt.theme.enable(THEME)
    _MODE.update(deferred=deferred, live=mode == "embed")
    if deferred:
        alt.renderers.register("sellerkit-deferred", _deferred_renderer)
        alt.renderers.enable("sellerkit-deferred")
    elif mode == "embed":
        alt.renderers.register("sellerkit-embed", _embed_renderer)
        alt.renderers.enable("sellerkit-embed")
    else:
        alt.renderers.enable("svg")


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from vl-convert (no CDN). Building it
    takes about a second, so it is kept in the user's cache folder per vl-convert version."""
    import vl_convert as vlc

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sellerkit"
    cached = base / f"vega-bundle-{vlc.__version__}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = vlc.javascript_bundle()
    with contextlib.suppress(OSError):  # a read-only home: build it each time
        write_atomic(cached, text)
    return text


def bundle_script() -> str:
    """The Vega libraries as one inline ``<script>`` element."""
    return (
        '<script type="text/javascript">'
        + vega_bundle().replace("</script", "<\\/script")
        + "</script>"
    )


_PAGE = {"bundle_sent": False, "charts": 0}


def embed_html(spec: dict, *, with_bundle: bool) -> str:
    """HTML that draws ``spec`` in the browser; ``with_bundle`` carries the libraries."""
    _PAGE["charts"] += 1
    target = f"sellerkit-chart-{_PAGE['charts']}"
    data = json.dumps(spec).replace("</", "<\\/")
    return (
        f"{bundle_script() if with_bundle else ''}"
        f'<div class="sellerkit-chart" id="{target}" role="img"'
        f' aria-label="{html.escape(chart_title(spec))}"></div>'
        '<script type="text/javascript">(function () {'
        f'var el = document.getElementById("{target}"); var spec = {data};'
        "function draw() { window.vegaEmbed(el, spec, {actions: false, renderer: 'svg'})"
        ".then(function (r) { el.sellerkitView = r.view; })"
        ".catch(function (e) { el.textContent = 'This chart could not be drawn: ' + e; }); }"
        "if (window.vegaEmbed) { draw(); } else { window.addEventListener('load', draw); }"
        "})();</script>"
    )


def chart_title(spec: Mapping) -> str:
    """The chart's title (for alt text), or a generic one."""
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else "Chart"


def _embed_renderer(spec: dict, **_: object) -> dict[str, str]:
    first = not _PAGE["bundle_sent"]
    _PAGE["bundle_sent"] = True
    return {"text/html": embed_html(spec, with_bundle=first), "text/plain": "<sellerkit chart>"}


def _deferred_renderer(spec: dict, *, live: bool | None = None, **_: object) -> dict:
    drawn = _MODE["live"] if live is None else live
    return {
        SPEC_MIMETYPE: {"spec": spec, "live": drawn},
        "text/plain": f"<sellerkit chart: {chart_title(spec)}>",
    }


def draw_deferred(payload: Mapping) -> tuple[dict[str, str], dict[str, str]]:
    """Draw one deferred chart: ``(data, metadata)`` of the output that replaces it — an
    SVG picture drawn by vl-convert, or (``live``) HTML drawn by the Vega libraries, which
    the page must then carry once (:func:`bundle_script`)."""
    spec = payload["spec"]
    if payload.get("live"):
        return {"text/html": embed_html(spec, with_bundle=False)}, {}
    return {"image/svg+xml": to_svg(spec)}, {"alt": chart_title(spec)}


def to_svg(spec: Mapping) -> str:
    """A Vega-Lite spec drawn to SVG by vl-convert, with the Vega-Lite version the spec names
    and no data fetched from anywhere."""
    import vl_convert as vlc

    version = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    return vlc.vegalite_to_svg(
        spec,
        vl_version=version and f"v{version[1]}_{version[2]}",
        allowed_base_urls=[],
    )


class Live:
    """One chart drawn in the browser whatever the renderer, for charts that need it (a
    slider bound to a parameter): the first one on a page carries the Vega libraries."""

    def __init__(self, chart: alt.TopLevelMixin) -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        if _MODE["deferred"]:
            return _deferred_renderer(self.chart.to_dict(), live=True)
        return _embed_renderer(self.chart.to_dict())


def live(chart: alt.TopLevelMixin) -> Live:
    """``chart`` drawn in the browser (see :class:`Live`), e.g. in a report of SVG charts."""
    return Live(chart)


def _target_rule(target: float) -> alt.Chart:
    """The target as a dashed red line across the chart."""
    return (
        alt.Chart(pd.DataFrame({"target": [target]}))
        .mark_rule(color=BAD, strokeDash=[4, 3])
        .encode(y="target:Q")
    )


def projection_chart(projection, title: str | None = None) -> alt.LayerChart:
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
    base = alt.Chart(frame).encode(x=_days())
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
    rule = _target_rule(target)
    scope = SCOPE_NAMES[projection.channel]
    return (band + line + rule).properties(
        title=alt.Title(
            title or f"Projected {scope} ODR",
            subtitle=f"median and 80 % of {projection.paths.shape[0]:,} simulated paths; "
            f"dashed: the {target:.0%} target",
        )
    )


def compare_chart(projections: Mapping[str, object], title: str) -> alt.LayerChart:
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
            x=_days(),
            y=alt.Y("rate:Q", title="median projected ODR", axis=alt.Axis(format="%")),
            color=alt.Color("scenario:N", title=None),
        )
    )
    rule = _target_rule(target)
    return (lines + rule).properties(title=title)


def age_out_chart(calendar, channel: str = "mfn") -> alt.LayerChart:
    """The rate on the coming days if nothing new happens, with the target."""
    rows = calendar.projection[calendar.projection["channel"] == channel]
    frame = rows[["date", "rate", "orders", "defects"]]
    line = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", color=NEUTRAL)
        .encode(
            x=_days(),
            y=alt.Y("rate:Q", title="ODR if nothing new happens", axis=alt.Axis(format="%")),
            tooltip=["date:T", alt.Tooltip("rate:Q", format=".2%"), "orders:Q", "defects:Q"],
        )
    )
    rule = _target_rule(calendar.rule.target)
    scope = SCOPE_NAMES[channel]
    return (line + rule).properties(
        title=alt.Title(
            f"{scope} ODR as defects and orders leave the window",
            subtitle="no new order and no new defect",
        )
    )


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


def funnel_chart(breakdown, title: str | None = None) -> alt.LayerChart:
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
    base = alt.Chart(frame).encode(x=_days(field="week"))
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


def history_chart(
    history: pd.DataFrame,
    metric: str = "orderDefectRate",
    scopes: tuple[str, ...] = ("mfn", "afn"),
    target: float | None = None,
    title: str = "Order Defect Rate, day by day",
) -> alt.LayerChart:
    """A metric's daily history (from :func:`sellerkit.history`) per scope, with the target."""
    rows = history[(history["metric"] == metric) & history["scope"].isin(scopes)]
    frame = rows[["date", "scope", "rate", "numerator", "denominator"]].assign(
        scope=rows["scope"].map({"mfn": "seller-fulfilled", "afn": "FBA"}).fillna(rows["scope"])
    )
    lines = (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=_days(),
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
    layers = [lines]
    if target is not None:
        layers.append(_target_rule(target))
    return alt.layer(*layers).properties(title=title)


def dilution_slider_chart(
    calendar, channel: str, baseline: float, defect_rate: float, horizon: int = 90
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
            x=_days(),
            y=alt.Y("rate:Q", title="expected ODR", axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("date:T"),
                alt.Tooltip("rate:Q", format=".2%"),
                alt.Tooltip("orders:Q", format=",.0f"),
            ],
        )
        .add_params(extra, rate)
    )
    target = _target_rule(rule.target)
    scope = SCOPE_NAMES[channel]
    return (line + target).properties(
        title=alt.Title(
            f"Dilution: the expected {scope} ODR ahead",
            subtitle="move the sliders: extra orders a day, and their defect rate",
        )
    )
