"""Chart output modes: ``charts.enable`` sets one, restores the previous one as a context
manager (as Altair's ``PluginEnabler`` does), and nothing else changes it behind the user."""

from __future__ import annotations

import gc

import altair as alt
import pandas as pd
import pytest

import sellerkit
from sellerkit import charts
from sellerkit.charts import modes
from sellerkit.widgets import CauseExplorer, DilutionExplorer


@pytest.fixture(autouse=True)
def _altair_state_restored():
    """Whatever a test enables, Altair and sellerkit's mode are as before afterwards."""
    mode = dict(modes._MODE)
    renderer = alt.renderers.enable(alt.renderers.active, **alt.renderers.options)
    theme = alt.theme.enable(alt.theme.active)
    with renderer, theme:
        yield
    modes._MODE.update(mode)


@pytest.fixture(scope="module")
def account():
    return sellerkit.datasets.load_sample("small-seller", warn=False)


def _chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")


def _drawn_in_the_browser(chart: alt.Chart) -> bool:
    bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    return "vegaEmbed" in data.get("text/html", "")


def test_a_widget_redraw_keeps_the_mode_the_user_chose(account):
    charts.enable("embed")
    gc.collect()  # the mode outlives the object enable() returned
    explorer = DilutionExplorer(account, paths=50)
    assert explorer.svg().startswith("<svg")  # the widget's own picture, drawn offline
    _, svg = CauseExplorer(account).view("orderDefectRate", "sku")
    assert svg.startswith("<svg")
    assert alt.renderers.active == "sellerkit-embed"
    assert _drawn_in_the_browser(_chart())  # the user's next chart: still embed


def test_enable_as_a_context_manager_restores_the_previous_mode():
    alt.renderers.enable("default")
    alt.theme.enable("default")
    charts.enable("svg")
    assert (alt.renderers.active, alt.theme.active) == ("svg", "sellerkit")
    with charts.enable("embed") as mode:
        assert isinstance(mode, charts.ChartMode)
        assert alt.renderers.active == "sellerkit-embed"
        assert _drawn_in_the_browser(_chart())
        with charts.enable("svg", deferred=True):
            bundle = _chart()._repr_mimebundle_()
            data = bundle[0] if isinstance(bundle, tuple) else bundle
            assert data[charts.SPEC_MIMETYPE]["live"] is False
        assert alt.renderers.active == "sellerkit-embed"
        assert not modes._MODE["deferred"]
    assert (alt.renderers.active, alt.theme.active) == ("svg", "sellerkit")
    assert modes._MODE == {"deferred": False, "live": False}


def test_enable_restores_even_after_an_error():
    alt.renderers.enable("default")
    alt.theme.enable("default")
    with pytest.raises(RuntimeError), charts.enable("embed", deferred=True):
        raise RuntimeError("the cell failed")
    assert (alt.renderers.active, alt.theme.active) == ("default", "default")
    assert modes._MODE == {"deferred": False, "live": False}


def test_enable_called_plainly_sets_the_mode_and_checks_it():
    mode = charts.enable("embed", deferred=True)
    assert repr(mode) == "charts.enable('embed', deferred=True)"
    assert alt.renderers.active == "sellerkit-deferred"
    assert modes._MODE == {"deferred": True, "live": True}
    with pytest.raises(ValueError, match="chart mode 'png': expected 'svg' or 'embed'"):
        charts.enable("png")
    assert alt.renderers.active == "sellerkit-deferred"  # a refused mode changes nothing


def test_draw_svg_uses_the_theme_and_leaves_the_active_one():
    alt.theme.enable("default")
    svg = charts.draw_svg(_chart().properties(title="x"))
    assert svg.startswith("<svg")
    assert "system-ui" in svg  # the sellerkit theme's font
    assert alt.theme.active == "default"
