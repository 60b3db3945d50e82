"""The dilution simulator: closed forms on hand-worked cases, the projection against the
age-out calendar and the closed forms, reproducibility, and the post-holiday trap."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

import sellerkit
from sellerkit.simulate import (
    VolumePlan,
    defects_absorbable,
    explain,
    orders_needed,
    project,
    small_numbers,
)
from sellerkit.simulate.estimate import MAX_DELAY, Delays

# Closed forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "new_rate", "expected"),
    [
        (2, 120, 0.0, 81),  # the case: 2/201 < 1 % ≤ 2/200
        (1, 2, 0.0, 99),  # 1/101
        (1, 46, 0.0, 55),  # the small-seller sample
        (1, 98, 0.0, 3),
        (2, 120, 0.005, 161),  # 2 + 0.005·m < 0.01·(120 + m) ⇔ m > 160
        (0, 50, 0.0, 0),  # already under
        (1, 100, 0.0, 1),  # exactly 1 % is not under: one more order
    ],
)
def test_orders_needed_hand_worked(k, n, new_rate, expected):
    assert orders_needed(k, n, 0.01, new_rate=new_rate).orders == expected


def test_orders_needed_is_impossible_when_new_orders_are_not_better():
    answer = orders_needed(2, 120, 0.01, new_rate=0.01)
    assert (answer.orders, answer.possible) == (None, False)
    assert "impossible" in answer.explanation


def test_orders_needed_for_greater_than_metrics():
    # Valid Tracking 90 of 100, target > 95 %: all-valid packages → 10/(100+m) < 5 % ⇔ m > 100.
    assert orders_needed(90, 100, 0.95, "GREATER_THAN", new_rate=1.0).orders == 101
    assert orders_needed(90, 100, 0.95, "GREATER_THAN", new_rate=0.95).possible is False


@pytest.mark.parametrize(
    ("k", "n", "extra", "expected"),
    [(0, 100, 0, 0), (0, 101, 0, 1), (1, 300, 0, 1), (1, 300, 100, 2), (3, 100, 0, 0)],
)
def test_defects_absorbable(k, n, extra, expected):
    assert defects_absorbable(k, n, 0.01, extra_orders=extra).defects == expected
    # and once they have come, not one more:
    assert defects_absorbable(k + expected, n, 0.01, extra_orders=extra).defects == 0


def test_closed_forms_take_a_rate():
    account = sellerkit.datasets.load_sample("small-seller", warn=False)
    rate = sellerkit.health(account).rate("orderDefectRate", "mfn")
    assert orders_needed(rate).orders == 55
    assert defects_absorbable(rate).already_past is True


def test_small_numbers_say_what_they_cannot_say():
    table = small_numbers().set_index(["defects", "orders"])
    assert table.loc[(1, 2), "orders_needed"] == 99
    assert table.loc[(1, 2), "interval_width"] > 0.8
    assert bool(table.loc[(1, 2), "small_sample"]) is True
    assert bool(table.loc[(51, 5000), "small_sample"]) is False
    # From a typical seller, one in two is no worse placed than 1.02 % of thousands.
    assert (
        table.loc[(1, 2), "probability_past_target_typical"]
        <= table.loc[(51, 5000), "probability_past_target_typical"]
    )
    text = explain()
    assert "99 defect-free orders" in text
    assert "an assumption" in text


# Projection -------------------------------------------------------------------------------


def test_nothing_new_reproduces_the_age_out_calendar():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    calendar = sellerkit.age_out(account).projection
    for channel in ("mfn", "afn"):
        expected = calendar[calendar["channel"] == channel].reset_index(drop=True)
        result = project(
            account,
            channel,
            VolumePlan(series=[0], defect_rate=0.0),
            horizon=len(expected),
            paths=5,
        )
        assert (result.daily["orders_p50"].to_numpy() == expected["orders"].to_numpy()).all()
        assert (result.daily["defects_p50"].to_numpy() == expected["defects"].to_numpy()).all()


def test_the_mean_agrees_with_the_closed_form():
    # Fixed volume, fixed defect rate and same-day defects: the expected rate on each day is
    # (known defects in the window + r · new orders in the window) / (known + new orders).
    account = sellerkit.datasets.load_sample("small-seller", warn=False)
    horizon, volume, r = 100, 5, 0.02
    same_day = Delays(np.eye(MAX_DELAY + 1)[0], 0)
    result = project(
        account,
        "mfn",
        VolumePlan(series=[volume], defect_rate=r, random_volume=False),
        horizon=horizon,
        paths=20_000,
        seed=1,
        delays=same_day,
    )
    calendar = sellerkit.age_out(account).projection
    known = calendar[calendar["channel"] == "mfn"].set_index("date")
    rule = sellerkit.rules_for("US").order_defect_rate
    days = result.daily["date"]
    ahead = (days - pd.Timestamp(result.as_of)).dt.days.to_numpy()
    first_new = 1  # order days as_of+1 …
    new_in_window = np.array(
        [
            volume
            * max(
                0,
                min(a - rule.lag_days, horizon)
                - max(a - rule.lag_days - rule.window_days + 1, first_new)
                + 1,
            )
            for a in ahead
        ]
    )
    known_orders = known["orders"].reindex(days).fillna(0).to_numpy()
    known_defects = known["defects"].reindex(days).fillna(0).to_numpy()
    expected = (known_defects + r * new_in_window) / (known_orders + new_in_window)
    assert np.allclose(result.daily["orders_p50"], known_orders + new_in_window)
    mean = result.paths.mean(axis=0)
    standard_error = (
        np.sqrt(r * (1 - r) * np.maximum(new_in_window, 1))
        / (known_orders + new_in_window)
        / np.sqrt(20_000)
    )
    assert (np.abs(mean - expected) <= 5 * standard_error + 1e-12).all()
    # and the closed form says when the window is clean enough: 2 % new orders never get
    # the rate under 1 %
    assert orders_needed(1, 46, 0.01, new_rate=r).possible is False
    assert result.back_under_target is None


def test_projection_is_reproducible():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    one = project(account, paths=500, horizon=60, seed=7)
    two = project(account, paths=500, horizon=60, seed=7)
    three = project(account, paths=500, horizon=60, seed=8)
    pd.testing.assert_frame_equal(one.daily, two.daily)
    assert not one.daily.equals(three.daily)
    generator = np.random.default_rng(7)
    pd.testing.assert_frame_equal(
        project(account, paths=500, horizon=60, seed=generator).daily, one.daily
    )


def test_projection_reports_its_assumptions():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    result = project(
        account, "mfn", VolumePlan(extra_per_day=10, change=-0.2), paths=2_000, horizon=90
    )
    text = str(result)
    assert "orders a day now -20% +10 a day" in text
    assert "defect propensity" in text
    assert result.daily["rate_p10"].le(result.daily["rate_p50"]).all()
    assert result.daily["rate_p50"].le(result.daily["rate_p90"]).all()
    assert result.daily["p_under_target"].between(0, 1).all()


def test_more_orders_dilute_and_a_lower_defect_rate_helps():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    base = project(account, paths=2_000, horizon=90, seed=3)
    more = project(
        account,
        "mfn",
        VolumePlan(extra_per_day=20, defect_rate=0.002),
        paths=2_000,
        horizon=90,
        seed=3,
    )
    assert more.daily["rate_p50"].iloc[-1] < base.daily["rate_p50"].iloc[-1]
    assert more.daily["p_under_target"].iloc[-1] > base.daily["p_under_target"].iloc[-1]


def test_falling_volume_after_a_peak_raises_the_rate_with_no_new_defect(tmp_path):
    # A holiday peak, defects on the orders just after it (a post-holiday packing problem),
    # then volume falls by half. With no new defect at all, the rate still rises for weeks:
    # the peak's many defect-free orders leave the window and few orders replace them, while
    # the post-peak defects stay in it.
    sellerkit.datasets.write_scenario("post-holiday", tmp_path / "acct")
    account = sellerkit.load_account(tmp_path / "acct", warn=False)
    result = project(
        account, "mfn", VolumePlan(change=-0.5, defect_rate=0.0), horizon=45, paths=2_000
    )
    rates = result.daily["rate_p50"].to_numpy()
    assert rates[25:40].max() > 1.3 * rates[0]
    assert (result.daily["defects_p50"].diff().dropna() <= 0).all()  # no new defect
    calendar = sellerkit.age_out(account).projection
    mfn = calendar[calendar["channel"] == "mfn"]["rate"].to_numpy()
    assert mfn[25:40].max() > 1.3 * mfn[0]


def test_bad_arguments():
    account = sellerkit.datasets.load_sample("small-seller", warn=False)
    with pytest.raises(ValueError, match="channel"):
        project(account, "fba")
    with pytest.raises(ValueError, match="at least 1"):
        project(account, horizon=0)
    with pytest.raises(ValueError, match="series"):
        project(account, "mfn", VolumePlan(series=[-1]))


def test_projection_on_a_hand_built_window(hand_built_window):
    # 10 orders on 1 March and 10 on 20 March (Los Angeles), defects on one of each. As of
    # 30 April, an order placed on day D counts until D + 73: the March 1 orders leave on
    # 14 May, the March 20 ones on 2 June. New orders: 2 a day from 1 May, defect-free; they
    # enter the window 14 days after they are placed.
    folder = hand_built_window
    account = sellerkit.load_account(folder, warn=False)
    result = project(
        account,
        "mfn",
        VolumePlan(series=[2], defect_rate=0.0, random_volume=False),
        as_of="2026-04-30",
        horizon=40,
        paths=3,
    )
    daily = result.daily.set_index("date")
    expected = {
        "2026-05-01": (20, 2),
        "2026-05-13": (20, 2),
        "2026-05-14": (10, 1),  # the 1 March orders and their defect leave
        "2026-05-15": (12, 1),  # new orders of 1 May enter (14-day lag)
        "2026-05-16": (14, 1),
        "2026-06-01": (10 + 2 * 18, 1),
        "2026-06-02": (2 * 19, 0),  # the 20 March orders leave
    }
    for day, (orders, defects) in expected.items():
        assert (daily.loc[day, "orders_p50"], daily.loc[day, "defects_p50"]) == (orders, defects)
    assert result.back_under_target == date(2026, 6, 2)
