"""How figures are shown to people (sellerkit.present): one format for percentages, counts,
days and statuses, missing values as an en dash, never ``nan``."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from sellerkit import present


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.022222, "2.2 %"),
        (0.0038, "0.38 %"),
        (0.113, "11.3 %"),
        (1.0, "100 %"),
        (0.0, "0 %"),
        (np.float64(0.0125), "1.2 %"),  # rounds half to even at 1.25 → shown as 1.2 %
        (np.float32(0.5), "50 %"),
        (None, "–"),
        (float("nan"), "–"),
        (pd.NA, "–"),
    ],
)
def test_percent(value, shown):
    assert present.percent(value) == shown


def test_percent_refuses_what_is_not_a_number():
    with pytest.raises(TypeError, match="not a number: 'abc'"):
        present.percent("abc")
    with pytest.raises(TypeError):
        present.percent(date(2026, 1, 1))


def test_counts_days_spans_and_statuses():
    assert present.count(1234567) == "1,234,567"
    assert present.count(np.int64(12)) == "12"
    assert present.count(None) == "–"
    assert present.day(date(2026, 3, 1)) == "2026-03-01"
    assert present.span(date(2026, 3, 1), date(2026, 3, 30)) == "2026-03-01 … 2026-03-30"
    assert present.span(None, date(2026, 3, 30)) == "–"
    assert present.status("BAD") == "✗ past target (BAD)"
    assert present.status("GOOD") == "✓ meets target (GOOD)"
    assert present.status("AT_RISK") == "AT_RISK"
    # every status has a word, an icon and a colour: never colour alone
    assert set(present.STATUS_WORDS) == set(present.STATUS_ICONS) == set(present.STATUS_COLOURS)


@pytest.mark.parametrize(
    ("background", "text"),
    [("#0969da", "#ffffff"), ("#ffd33d", "#000000"), ("#fff", "#000000"), ("#000", "#ffffff")],
)
def test_the_title_text_reads_on_any_brand_colour(background, text):
    assert present.text_colour_on(background) == text


def test_one_redaction_masks_the_middle_of_every_order_id():
    text = "orders 111-1234567-7654321 and 202-0000001-0000002; not 12-1234567-1234567"
    assert present.redact_order_ids(text) == (
        "orders 111-XXXXXXX-7654321 and 202-XXXXXXX-0000002; not 12-1234567-1234567"
    )


def test_amazon_codes_and_time_stamps_in_words():
    assert present.amazon_status("AT_RISK") == "At risk"
    assert present.amazon_status("GREAT") == "Great"
    assert present.amazon_status("NEW_CODE") == "New code"
    assert present.amazon_status(None) == "–"
    assert present.timestamp("2026-11-29T23:22:30+00:00") == "2026-11-29 23:22 UTC"
    assert present.timestamp("r2") == "r2"
