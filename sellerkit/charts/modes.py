"""How charts are output in a notebook: drawn to SVG in Python, drawn by the Vega libraries
in the browser, or sent as their spec for a report's exporter to draw.

:func:`enable` switches the mode and returns a :class:`ChartMode`, which, like Altair's
``PluginEnabler``, is also a context manager that restores the previous mode on exit.
Nothing else changes the mode: widgets draw their own SVG pictures (:func:`draw_svg`) and
leave the user's choice alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, cast

import altair as alt

from sellerkit.charts.drawing import chart_title, embed_html, embed_output, to_svg
from sellerkit.charts.theme import THEME

MODES = ("svg", "embed")
"""The output modes: ``svg`` drawn in Python, ``embed`` drawn in the browser."""

SPEC_MIMETYPE = "application/vnd.sellerkit.chart+json"
"""A chart sent as its Vega-Lite spec for the report's exporter to draw (see ``deferred``)."""

_MODE = {"deferred": False, "live": False}
"""The mode charts are output in (``live``: drawn in the browser)."""


def _embed_renderer(spec: dict[str, Any], **_: object) -> dict[str, str]:
    return embed_output(spec)


def _deferred_renderer(
    spec: dict[str, Any], *, live: bool | None = None, **_: object
) -> dict[str, Any]:
    drawn = _MODE["live"] if live is None else live
    return {
        SPEC_MIMETYPE: {"spec": spec, "live": drawn},
        "text/plain": f"<sellerkit chart: {chart_title(spec)}>",
    }


def _renderer(mode: str, deferred: bool) -> str:
    """The name of the Altair renderer of a mode (registered on first use)."""
    if deferred:
        alt.renderers.register("sellerkit-deferred", _deferred_renderer)
        return "sellerkit-deferred"
    if mode == "embed":
        alt.renderers.register("sellerkit-embed", _embed_renderer)
        return "sellerkit-embed"
    return "svg"


def _restoring(enabler: object) -> AbstractContextManager[object]:
    """Altair's ``PluginEnabler`` as the context manager it is: its ``__exit__`` annotates
    its arguments as never ``None``, so type checkers do not take it for one."""
    return cast("AbstractContextManager[object]", enabler)


class ChartMode:
    """The chart output mode :func:`enable` set, in effect from the call on.

    Used as a context manager, it restores on exit the mode, Altair renderer and Altair
    theme that were in effect before the call::

        with charts.enable("embed"):
            display(chart)  # drawn in the browser
        # the previous mode again
    """

    def __init__(self, mode: str, deferred: bool) -> None:
        self.mode = mode
        self.deferred = deferred
        self._restore = contextlib.ExitStack()
        before = dict(_MODE)
        self._restore.callback(_MODE.update, before)
        self._restore.enter_context(_restoring(alt.theme.enable(THEME)))
        _MODE.update(deferred=deferred, live=mode == "embed")
        self._restore.enter_context(_restoring(alt.renderers.enable(_renderer(mode, deferred))))

    def __enter__(self) -> ChartMode:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._restore.close()

    def __repr__(self) -> str:
        return f"charts.enable({self.mode!r}, deferred={self.deferred})"


def enable(mode: str = "svg", *, deferred: bool = False) -> ChartMode:
    """Use the sellerkit theme and draw charts offline.

    ``svg`` (notebooks in JupyterLab): each chart is drawn to SVG by vl-convert in Python.
    ``embed`` (exported pages): the page carries the Vega libraries once, inline, and each
    chart is drawn by them in the browser, so charts stay interactive (a slider bound to a
    parameter recomputes the chart) with nothing fetched from the internet.

    ``deferred`` (report notebooks run by :func:`sellerkit.report.render_report`): the kernel
    sends each chart as its Vega-Lite spec (:data:`SPEC_MIMETYPE`) marked with the mode, and
    the report's exporter draws it (:func:`draw_deferred`) in the long-lived rendering
    process, where vl-convert is already warm and the Vega libraries go into the page once.

    Returns
    -------
    ChartMode
        The mode is in effect from the call on; used in a ``with`` statement, the previous
        mode (and Altair's renderer and theme) is restored at its end.
    """
    if mode not in MODES:
        raise ValueError(f"chart mode {mode!r}: expected 'svg' or 'embed'")
    return ChartMode(mode, deferred)


def draw_deferred(payload: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Draw one deferred chart: ``(data, metadata)`` of the output that replaces it — an
    SVG picture drawn by vl-convert, or (``live``) HTML drawn by the Vega libraries, which
    the page must then carry once (:func:`~sellerkit.charts.bundle_script`)."""
    spec = payload["spec"]
    if payload.get("live"):
        return {"text/html": embed_html(spec, with_bundle=False)}, {}
    return {"image/svg+xml": to_svg(spec)}, {"alt": chart_title(spec)}


class Live:
    """One chart drawn in the browser whatever the renderer, for charts that need it (a
    slider bound to a parameter): the first one on a page carries the Vega libraries."""

    def __init__(self, chart: alt.TopLevelMixin) -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        if _MODE["deferred"]:
            return _deferred_renderer(self.chart.to_dict(), live=True)
        return _embed_renderer(self.chart.to_dict())


def live(chart: alt.TopLevelMixin) -> Live:
    """``chart`` drawn in the browser (see :class:`Live`), e.g. in a report of SVG charts."""
    return Live(chart)
