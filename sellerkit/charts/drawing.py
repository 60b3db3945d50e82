"""Drawing a chart, offline: to SVG by vl-convert inside Python, or to HTML that the Vega
libraries (inlined once per page, never fetched) draw in the browser."""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import altair as alt

from sellerkit._files import write_atomic
from sellerkit.charts.theme import THEME


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from vl-convert (no CDN). Building it
    takes about a second, so it is kept in the user's cache folder per vl-convert version."""
    import vl_convert as vlc

    # The module has __version__; vl-convert's stub does not declare it.
    version = str(vars(vlc)["__version__"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sellerkit"
    cached = base / f"vega-bundle-{version}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    # vl-convert's stub makes ``snippet`` required; at run time it defaults to the snippet
    # that puts the libraries on ``window``, which is what the pages need.
    bundle = cast("Callable[[], str]", vlc.javascript_bundle)
    text = bundle()
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
"""What the page of this process holds so far: the Vega libraries, how many charts."""


def embed_html(spec: dict[str, Any], *, with_bundle: bool) -> str:
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


def embed_output(spec: dict[str, Any]) -> dict[str, str]:
    """A notebook output drawing ``spec`` in the browser; the first on the page carries the
    libraries."""
    first = not _PAGE["bundle_sent"]
    _PAGE["bundle_sent"] = True
    return {"text/html": embed_html(spec, with_bundle=first), "text/plain": "<sellerkit chart>"}


def chart_title(spec: Mapping[str, Any]) -> str:
    """The chart's title (for alt text), or a generic one."""
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else "Chart"


def to_svg(spec: dict[str, Any]) -> str:
    """A Vega-Lite spec drawn to SVG by vl-convert, with the Vega-Lite version the spec names
    and no data fetched from anywhere."""
    import vl_convert as vlc

    version = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    return vlc.vegalite_to_svg(
        spec,
        vl_version=version and f"v{version[1]}_{version[2]}",
        allowed_base_urls=[],
    )


def draw_svg(chart: alt.TopLevelMixin) -> str:
    """``chart`` drawn to SVG in the sellerkit theme, whatever the output mode (the theme
    is on while the spec is made, and the previous one is back after): for widgets, which
    draw their own pictures."""
    with alt.theme.enable(THEME):
        spec = chart.to_dict()
    return to_svg(spec)
