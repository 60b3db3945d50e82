"""Invariants of the metrics, on generated accounts: rates are fractions, file row order
does not matter, and the incremental daily history equals the single-day result every day."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sellerkit
from sellerkit.datasets import AccountSpec, Rates, generate, write_account

SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _account(folder, seed: int, per_day: float = 4.0) -> sellerkit.Account:
    spec = AccountSpec(
        name="p",
        title="P",
        marketplace="US",
        start=date(2026, 1, 1),
        end=date(2026, 4, 30),
        orders_per_day=per_day,
        afn_share=0.4,
        business_share=0.2,
        products=8,
        rates=Rates(
            negative_feedback=0.04,
            claim=0.03,
            chargeback=0.02,
            cancel=0.05,
            late_ship=0.1,
            no_scan=0.1,
            lost=0.02,
            late_noise=0.2,
        ),
        lead_days=20,
    )
    write_account(generate(spec, seed=seed), folder, report_ids=seed)
    return sellerkit.load_account(folder, warn=False)


@SETTINGS
@given(
    seed=st.integers(0, 2**32 - 1),
    per_day=st.sampled_from([0.3, 2.0, 6.0]),
    offset=st.integers(0, 90),
)
def test_rates_are_fractions_of_their_counts(tmp_path_factory, seed, per_day, offset):
    account = _account(tmp_path_factory.mktemp("a"), seed, per_day)
    result = sellerkit.health(account, date(2026, 4, 30) - timedelta(days=offset))
    for rate in result.rates:
        assert 0 <= rate.numerator <= rate.denominator
        if rate.denominator:
            assert 0 <= rate.rate <= 1
            low, high = rate.interval
            assert 0 <= low <= rate.rate <= high <= 1
            assert 0 <= rate.probability_past_target <= 1
        else:
            assert rate.status == "NONE"
        if rate.rule.key == "orderDefectRate":
            assert max(rate.components.values()) <= rate.numerator <= sum(rate.components.values())


def _shuffle_files(folder, seed: int) -> None:
    rng = random.Random(seed)
    for path in folder.iterdir():
        if path.suffix not in (".txt", ".csv"):
            continue
        text = path.read_text(encoding="utf-8")
        header, *rows = text.splitlines(keepends=True)
        rng.shuffle(rows)
        path.write_text(header + "".join(rows), encoding="utf-8")


@pytest.mark.slow
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(tmp_path_factory, seed):
    first = _account(tmp_path_factory.mktemp("a"), seed)
    folder = tmp_path_factory.mktemp("b")
    _account(folder, seed)
    _shuffle_files(folder, seed)
    second = sellerkit.load_account(folder, warn=False)
    one, two = sellerkit.health(first).to_dict(), sellerkit.health(second).to_dict()
    assert one["performanceMetrics"] == two["performanceMetrics"]


@pytest.mark.slow
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_daily_history_equals_the_single_day_result(tmp_path_factory, seed):
    account = _account(tmp_path_factory.mktemp("a"), seed)
    start, end = date(2026, 2, 1), date(2026, 4, 30)
    daily = sellerkit.history(account, start, end)
    rng = np.random.default_rng(seed)
    days = [start, end, *(start + timedelta(days=int(d)) for d in rng.integers(0, 89, 6))]
    for day in days:
        result = sellerkit.health(account, day)
        rows = daily[daily["date"] == pd.Timestamp(day)]
        for row in rows.itertuples(index=False):
            rate = result.rate(row.metric, row.scope, row.window_days)
            assert (row.numerator, row.denominator) == (rate.numerator, rate.denominator)
            assert row.status == rate.status
            assert row.first_day.date() == rate.first
            assert row.last_day.date() == rate.last


def test_history_shape_and_defaults():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    daily = sellerkit.history(account)
    assert daily["date"].max() == pd.Timestamp("2026-04-30")
    assert daily["date"].min() == pd.Timestamp("2025-09-01")  # first order day
    per_day = daily.groupby("date").size()
    assert per_day.nunique() == 1  # every day has every metric
    assert set(daily["metric"]) == {
        "orderDefectRate",
        "lateShipmentRate",
        "preFulfillmentCancellationRate",
        "validTrackingRate",
        "onTimeDeliveryRate",
        "unitOnTimeDeliveryRate",  # a US account (growing-brand): Amazon's US unit figure
    }


def test_history_rejects_a_reversed_range():
    account = sellerkit.datasets.load_sample("small-seller", warn=False)
    with pytest.raises(sellerkit.InputError, match="start is after its end"):
        sellerkit.history(account, "2026-10-01", "2026-09-01")
