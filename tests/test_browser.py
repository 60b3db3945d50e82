"""Reports in a real browser (headless Chromium) with every non-file request refused.

Run with ``make test-browser`` (installs Debian's chromium and Playwright for Python when
missing; never downloads a browser). Selected by ``-m browser``; off in the default run.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from sellerkit import datasets
from sellerkit.report import render_report
from sellerkit.report.batch import run_batch
from tests.conftest import watch_offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    sample = datasets.sample_path("growing-brand")
    static = render_report(sample, folder / "static.html")
    live = render_report(sample, folder / "live.html", parameters={"live_charts": True})
    root = folder / "accounts"
    for name in ("growing-brand", "small-seller"):
        shutil.copytree(datasets.sample_path(name), root / name)
    run_batch(root, folder / "out", workers=1, progress=False)
    return {"static": static, "live": live, "index": folder / "out" / "index.html"}


def open_offline(browser, path):
    """The page, the URLs it tried to fetch from elsewhere, and its errors."""
    page = browser.new_page()
    outside, errors = watch_offline(page, ("file:", "data:"))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, outside, errors


def test_the_static_report_draws_every_chart_offline(browser, pages):
    page, outside, errors = open_offline(browser, pages["static"])
    charts = page.locator(".jp-RenderedSVG img")  # vl-convert's SVG, inline as data: URIs
    assert charts.count() >= 3  # history, age-out, projection
    sizes = charts.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert all(width > 200 for width in sizes), sizes  # decoded pictures, not broken icons
    page.wait_for_function("document.querySelector('.sellerkit-chart svg') !== null")
    assert page.locator(".sellerkit-chart").count() == 1  # the dilution sliders' chart
    assert page.locator(".sellerkit-chart input[type=range]").count() == 2
    assert outside == []
    assert errors == []


def test_the_live_report_draws_in_the_browser_and_the_slider_recomputes(browser, pages):
    page, outside, errors = open_offline(browser, pages["live"])
    page.wait_for_function(
        "document.querySelectorAll('.sellerkit-chart svg').length >= 4", timeout=20_000
    )
    assert page.locator(".sellerkit-chart").count() == page.locator(".sellerkit-chart svg").count()
    assert outside == []
    assert errors == []

    def rates() -> list[float]:
        """The expected rate on each day of the slider chart, read from its Vega view."""
        return page.evaluate(
            """() => {
                const el = [...document.querySelectorAll('.sellerkit-chart')].pop();
                for (const name of ['data_0', 'data_1', 'data_2', 'data_3', 'source_0']) {
                    let rows = [];
                    try { rows = el.sellerkitView.data(name); } catch (e) { continue; }
                    if (rows.length && 'rate' in rows[0]) return rows.map(r => r.rate);
                }
                return null;
            }"""
        )

    page.wait_for_function(
        "[...document.querySelectorAll('.sellerkit-chart')].pop().sellerkitView !== undefined"
    )
    extra, new_rate = page.locator(".sellerkit-chart").last.locator("input[type=range]").all()
    new_rate.fill("0")  # new orders without defects
    page.wait_for_timeout(300)  # Vega reruns its dataflow on the input event
    before = rates()
    extra.fill(extra.get_attribute("max"))  # the most extra orders a day
    page.wait_for_timeout(300)
    after = rates()
    assert len(after) == len(before) > 30
    assert all(a <= b for a, b in zip(after, before, strict=True))
    lag = 14  # ODR counts an order 14 days after it is placed: no change before that
    assert after[:lag] == before[:lag]
    assert sum(a < b for a, b in zip(after, before, strict=True)) >= 20  # then diluted


def test_the_portfolio_page_opens_offline_and_links_every_report(browser, pages):
    page, outside, errors = open_offline(browser, pages["index"])
    links = page.locator("a[href$='.html']").evaluate_all("links => links.map(a => a.href)")
    assert len(links) >= 2
    for link in links:
        assert Path(unquote(urlparse(link).path)).is_file()  # each row's report exists
    assert outside == []
    assert errors == []


ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "test-artifacts"


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on ``page`` (axe-playwright-python carries
    axe-core itself: nothing is fetched)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} element(s), first "
        f"{v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_report_has_no_serious_accessibility_violation(browser, pages):
    page, outside, errors = open_offline(browser, pages["static"])
    assert axe_violations(page) == []
    assert outside == []
    assert errors == []


def test_the_first_screen_answers_am_i_in_trouble_and_is_saved(browser, pages):
    page, _, _ = open_offline(browser, pages["static"])
    page.set_viewport_size({"width": 1280, "height": 900})
    first = page.locator(".sk-card")
    assert first.count() == 8
    box = first.first.bounding_box()
    assert box is not None
    assert box["y"] < 900  # the first card is on the first screen
    statuses = page.locator(".sk-card .sk-status").all_inner_texts()
    assert all(s.split(" ", 1)[1] in ("Past target", "Meets target", "No orders") for s in statuses)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-first-screen.png"))
    assert (ARTIFACTS / "report-first-screen.png").stat().st_size > 10_000


def test_the_portfolio_is_accessible_sortable_filterable_and_reads_on_a_phone(browser, pages):
    page, outside, errors = open_offline(browser, pages["index"])
    assert axe_violations(page) == []
    rows = page.locator("#portfolio tbody tr")
    assert rows.count() == 2
    names = lambda: page.locator("#portfolio tbody tr td:first-child a").all_inner_texts()  # noqa: E731
    page.locator("#portfolio th button", has_text="Account").click()
    ascending = names()
    assert ascending == sorted(ascending)
    page.locator("#portfolio th button", has_text="Account").click()
    assert names() == sorted(ascending, reverse=True)
    page.select_option("#status-filter", "BAD")
    shown = page.locator("#portfolio tbody tr:not([hidden])").count()
    assert 1 <= shown <= 2
    assert page.locator("#shown").inner_text() == f"{shown} of 2 account(s) shown"
    page.select_option("#status-filter", "")
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380  # the table scrolls inside its box, the page does not
    assert outside == []
    assert errors == []
