"""The dilution explorer: live in JupyterLab, a default scenario with a note elsewhere."""

from __future__ import annotations

import re

import pytest

import sellerkit
from sellerkit.widgets import STATIC_NOTE, DilutionExplorer, dilution_explorer


@pytest.fixture(scope="module")
def account():
    return sellerkit.datasets.load_sample("growing-brand", warn=False)


def _controls(box):
    controls = box.children[0]
    extra, change, pair, horizon = controls.children
    own, rate = pair.children
    return extra, change, own, rate, horizon


def test_sliders_recompute_the_headline_and_the_chart(account):
    box = dilution_explorer(account, paths=300)
    extra, change, own, rate, horizon = _controls(box)
    headline, picture = box.children[1], box.children[2]
    before = headline.value
    assert rate.disabled  # the account's own rate until the user sets one
    assert "own defect rate" in before

    own.value = False
    rate.value = 0.002
    extra.value = 40
    assert not rate.disabled
    assert headline.value != before
    assert "assumed defect rate (0.20 %)" in headline.value
    assert picture.value.startswith("<svg")
    chart = picture.value

    horizon.value = 60
    assert re.search(r"In 60 days", headline.value)
    assert picture.value != chart
    shorter = headline.value
    change.value = -0.5
    assert headline.value != shorter


def test_explorer_scenarios_move_the_projection_the_right_way(account):
    explorer = DilutionExplorer(account, paths=500)
    slow = explorer.run(defect_rate=0.0, extra_per_day=0).daily["rate_p50"].iloc[-1]
    fast = explorer.run(defect_rate=0.0, extra_per_day=50).daily["rate_p50"].iloc[-1]
    assert fast <= slow
    with pytest.raises(TypeError, match="unknown scenario setting"):
        explorer.run(volume=3)


def test_static_view_shows_the_default_scenario_with_a_note(account):
    html = dilution_explorer(account, interactive=False, paths=300)._repr_html_()
    assert STATIC_NOTE in html.replace("&#x27;", "'")
    assert html.count("<svg") == 1
    assert "Now: 1.6 % (9 of 554 orders" in html
    assert not re.search(r"(src|href)=\"https?://", html)


def test_cause_picker_redraws_for_the_chosen_breakdown(account):
    from sellerkit.widgets import cause_explorer

    box = cause_explorer(account, "claims", "sku")
    metrics, dimensions = box.children[0].children
    table, picture = box.children[1], box.children[2]
    assert "NW-002" in table.value
    first = picture.value
    metrics.value = "validTrackingRate"
    dimensions.value = "carrier"
    assert "SwiftPost" in table.value
    assert picture.value != first
    assert picture.value.startswith("<svg")


def test_cause_picker_static_view(account):
    from sellerkit.widgets import CAUSES_NOTE, cause_explorer

    markup = cause_explorer(account, interactive=False)._repr_html_()
    assert CAUSES_NOTE in markup
    assert markup.count("<svg") == 1
