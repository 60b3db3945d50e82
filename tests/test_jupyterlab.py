"""JupyterLab in a real browser: the dilution notebook runs, its widgets draw, and moving a
slider recomputes the chart and the headline figure — offline.

``sellerkit lab`` starts JupyterLab on 127.0.0.1 with a token and its offline settings;
headless Chromium (Debian's) driven by Playwright opens the notebook with every request to
anywhere but that server refused. A screenshot is saved in ``build/screenshots/`` for
inspection. Selected by ``-m browser`` (``make test-browser``).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sellerkit.lab import lab_command
from sellerkit.widgets import NEAR_DAYS
from tests.conftest import watch_offline

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "build" / "screenshots" / "jupyterlab-dilution.png"
NOTEBOOK = "02_dilution.ipynb"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebook (JupyterLab saves into the file)."""
    folder = tmp_path_factory.mktemp("lab")
    work = folder / "notebooks"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, work / NOTEBOOK)
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        # The user's own Jupyter settings and workspaces stay untouched.
        "JUPYTER_CONFIG_DIR": str(folder / "config"),
        "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces"),
    }
    command = lab_command(
        work,
        [
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, for the test only
        ],
    )
    log = (folder / "lab.log").open("w")
    server = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (folder / "lab.log").read_text())
            time.sleep(0.3)
    yield {"base": base, "token": token, "log": folder / "lab.log"}
    os.killpg(server.pid, signal.SIGTERM)  # the server shuts its kernels down
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    log.close()


def _median(headline: str) -> float:
    """The projected median a month ahead, from the headline."""
    return float(re.search(rf"In {NEAR_DAYS} days: median ([\d.]+) ?%", headline)[1])


def test_the_dilution_notebook_runs_and_its_sliders_recompute_offline(browser, lab):
    base = lab["base"]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside, errors = watch_offline(page, (base, "data:", "blob:"))
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={lab['token']}")
    kernel = "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
    page.wait_for_function(
        f"() => {{ try {{ return {kernel}.status === 'idle'; }} catch (e) {{ return false; }} }}",
        timeout=90_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # A fresh kernel numbers the cells 1, 2, …: done when the last has its number and the
    # kernel is idle again.
    page.wait_for_function(
        """kernel => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.model.cells;
            let code = 0, last = null;
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type === 'code') { code += 1; last = cell; }
            }
            return last.executionCount === code
                && panel.sessionContext.session.kernel.status === 'idle';
        }""",
        arg=None,
        timeout=240_000,
        polling=500,
    )
    notebook_errors = page.evaluate(
        """() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            const found = [];
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type !== 'code') continue;
                for (let j = 0; j < cell.outputs.length; j++) {
                    const output = cell.outputs.get(j).toJSON();
                    if (output.output_type === 'error') found.push(output.ename);
                }
            }
            return found;
        }"""
    )
    assert notebook_errors == []

    # The widgets drew: four sliders, the headline and the chart.
    page.wait_for_selector(".sellerkit-headline", timeout=60_000)
    assert page.locator(".widget-slider").count() == 4
    chart = ".widget-html-content svg"
    assert page.locator(chart).count() >= 1

    def changed(before: str, selector: str) -> str:
        page.wait_for_function(
            "([s, b]) => document.querySelector(s) && document.querySelector(s).innerHTML !== b",
            arg=[selector, before],
            timeout=60_000,
        )
        return page.inner_html(selector)

    # New orders free of defects (the checkbox off, their rate slider at 0 %) …
    headline, picture = page.inner_html(".sellerkit-headline"), page.inner_html(chart)
    page.locator(".widget-checkbox input").first.uncheck()
    headline, picture = changed(headline, ".sellerkit-headline"), changed(picture, chart)
    before = _median(page.inner_text(".sellerkit-headline"))

    # … then drag "extra orders/day" well to the right.
    slider = page.locator(".widget-slider").first
    slider.scroll_into_view_if_needed()
    track = slider.locator(".noUi-target").bounding_box()
    handle = slider.locator(".noUi-handle").bounding_box()
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.7, y, steps=8)
    page.mouse.up()
    assert float(slider.locator(".widget-readout").inner_text()) > 0
    changed(headline, ".sellerkit-headline")
    changed(picture, chart)
    # The slider sent values while it moved: let the kernel finish the last of them.
    page.wait_for_function(f"() => {kernel}.status === 'idle'", timeout=60_000)
    page.wait_for_timeout(1000)
    page.wait_for_function(f"() => {kernel}.status === 'idle'", timeout=60_000)
    after = _median(page.inner_text(".sellerkit-headline"))
    assert after < before, (before, after)  # more clean orders dilute the projected rate

    page.locator(".sellerkit-headline").scroll_into_view_if_needed()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert outside == []
    assert errors == []
    page.close()
    assert "Extension Manager is 'readonly'" in lab["log"].read_text(encoding="utf-8")
