"""The report's first screen and tables as package functions (issue 14): a card per metric
with status in colour, icon and word, the ranked next steps, human tables, the white-label
title bar and its checks."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

import sellerkit
from sellerkit.errors import InputError
from sellerkit.metrics.rates import rates_from_counts
from sellerkit.report import page, tables
from sellerkit.report.parameters import check_parameters
from sellerkit.report.render import report_notebook
from sellerkit.rules import rules_for

ODR = rules_for("US").order_defect_rate
VTR = rules_for("US").valid_tracking


def rate(rule, k: int, n: int, scope: str = "mfn"):
    import numpy as np

    (one,) = rates_from_counts(
        rule, scope, np.array([k]), np.array([n]), [date(2026, 4, 30)], 0.95, (0.5, 0.5)
    )
    return one


def test_a_card_says_status_in_words_with_counts_window_target_and_interval():
    card = page.card(rate(ODR, 1, 45))
    assert "<h3>Order Defect Rate (seller-fulfilled)</h3>" in card
    assert "✗</span> Past target" in card
    assert "2.2 %" in card
    assert "1 of 45 orders" in card
    assert "target under 1 %" in card
    assert "Small sample: a single order can change this status." in card
    assert re.search(r'aria-label="95 % interval 0.39 % to 11.6 %; rate 2.2 %; target 1 %"', card)
    # in figures on the card too: paper has no tooltip
    assert '<p class="sk-interval">95 % interval 0.39 % to 11.6 %</p>' in card


def test_a_card_without_orders_shows_no_rate_and_no_bar():
    card = page.card(rate(ODR, 0, 0))
    assert "no orders in the window" in card
    assert "<svg" not in card
    assert "sk-interval" not in card
    assert "No orders" in card


def test_a_rate_that_should_be_high_is_drawn_from_below_its_target():
    start, end = page._axis(rate(VTR, 290, 300, ""))
    assert start < 0.95 < end == 1.0
    assert page.card(rate(VTR, 290, 300, "")).count("✓") == 1


def test_next_steps_put_what_brings_a_metric_back_under_target_first():
    result = sellerkit.health(
        sellerkit.load_account(sellerkit.datasets.sample_path("growing-brand"), warn=False)
    )
    calendar = sellerkit.age_out(
        sellerkit.load_account(sellerkit.datasets.sample_path("growing-brand"), warn=False)
    )
    actions = pd.DataFrame(
        {
            "kind": ["claim"],
            "order_id": ["111-1234567-7654321"],
            "channel": ["mfn"],
            "action": ["appeal the claim with the tracking record"],
            "deadline": [date(2026, 5, 3)],
            "days_left": [3],
            "odr_now": [0.016245],
            "odr_if_removed": [0.01444],
        }
    )
    steps = page.next_steps(result, calendar, actions, pd.DataFrame(), redact=True)
    texts = [s.text for s in steps]
    # a deadline in 3 days goes first; then what moves metrics past target, largest gap first
    assert texts[0].startswith("Appeal the claim with the tracking record — claim on order ")
    assert "order 111-XXXXXXX-7654321 (seller-fulfilled)" in texts[0]
    assert "Order Defect Rate 1.6 % → 1.4 %" in texts[0]
    assert texts[1].startswith("Late Shipment Rate (10 days): ")
    assert all(s.past for s in steps)
    assert all("impossible" not in t for t in texts)  # on-time metrics need on-time packages
    verdict = page.verdict(result, steps)
    assert "Amazon&#x27;s report: account at risk; Account Health Rating great" in verdict
    assert "6 metrics past target on 2026-04-30" in verdict
    assert "first: appeal the claim with the tracking record (deadline soon)" in verdict


def test_tables_have_human_headers_and_formatted_values():
    frame = pd.DataFrame(
        {
            "channel": ["mfn"],
            "order_id": ["111-1234567-7654321"],
            "order_date": [pd.Timestamp("2026-02-18")],
            "kinds": ["negative feedback"],
            "first_defect_date": [pd.Timestamp("2026-03-03")],
            "last_day_counted": [pd.Timestamp("2026-05-02")],
            "leaves_on": [pd.Timestamp("2026-05-03")],
            "days_left": [3],
        }
    )
    markup = tables.html_table(tables.channel_names(frame), tables.AGE_OUT, "Defects")
    assert "<caption>Defects</caption>" in markup
    assert '<th scope="col" class="sk-day">Leaves the window on</th>' in markup
    assert ">seller-fulfilled<" in markup
    assert ">111-XXXXXXX-7654321<" in markup
    assert ">2026-05-03<" in markup
    assert "00:00:00" not in markup
    flags = pd.DataFrame(
        {
            "metric": ["claims"],
            "dimension": ["sku"],
            "group": ["NW-002"],
            "units": [594],
            "bad": [31],
            "rate": [0.052189],
            "low": [0.037007],
            "high": [0.073125],
            "shrunken": [0.04903],
            "q_value": [2.49e-18],
        }
    )
    found = tables.causes_frame(flags)
    shown = tables.html_table(found, tables.CAUSES, "Causes") + tables.html_table(
        found, tables.CAUSES_DETAILS, "Details"
    )
    assert ">orders with a counted A-to-z claim<" in shown
    assert ">SKU NW-002<" in shown
    assert ">5.2 %<" in shown
    assert ">2.5e-18<" in shown
    assert "0.052189" not in shown
    long = tables.html_table(pd.concat([found] * 12), tables.CAUSES, "Causes", limit=10)
    assert "2 more row(s) not shown." in long


def test_the_title_bar_reads_on_a_light_brand_colour_and_inlines_the_logo(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    bar = page.title_bar("Account health: Shop", "Acme · US", "#ffd33d", str(logo))
    assert "color:#000000" in bar
    assert 'src="data:image/svg+xml;base64,' in bar
    with pytest.raises(InputError, match="the logo is not a picture"):
        page.logo_data_uri(tmp_path / "logo.txt")
    with pytest.raises(InputError, match="no such logo file"):
        page.logo_data_uri(tmp_path / "missing.png")


@pytest.mark.parametrize("colour", ["blue", "#12345", "#0969da;background:url(x)", ""])
def test_a_brand_colour_that_is_not_hex_stops_before_rendering(colour):
    with pytest.raises(InputError, match="'brand_colour' is not a colour"):
        check_parameters({"brand_colour": colour}, report_notebook())


def test_a_logo_parameter_is_checked_and_made_absolute(tmp_path, monkeypatch):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.chdir(tmp_path)
    checked = check_parameters({"logo": "logo.png", "brand": "Acme"}, report_notebook())
    assert checked["logo"] == str(tmp_path / "logo.png")
    with pytest.raises(InputError, match="logo"):
        check_parameters({"logo": "nope.png"}, report_notebook())


def test_a_custom_title_keeps_the_account_name_on_the_first_screen():
    branded = page.title_bar(
        "Weekly check", "Acme Agency · US marketplace", "#123456", account="Maple Street"
    )
    assert "<h1>Weekly check</h1>" in branded
    assert '<span class="sk-account">Maple Street</span> · Acme Agency' in branded
    default = page.title_bar(
        "Account health: Maple Street", "US marketplace", "#123456", account="Maple Street"
    )
    assert '<h1>Account health: <span class="sk-account">Maple Street</span></h1>' in default
    assert default.count("Maple Street") == 1
