"""The age-out calendar on a hand-built window whose dates are known."""

from __future__ import annotations

from datetime import date

import pandas as pd

import sellerkit
from tests.conftest import feedback_tsv, order, tsv


def test_each_defect_leaves_on_its_day_and_the_rate_follows(hand_built_window):
    folder = hand_built_window
    account = sellerkit.load_account(folder, warn=False)
    calendar = sellerkit.age_out(account, "2026-04-30")
    defects = calendar.defects.set_index("order_id")
    # An order dated D counts until D + 14 + 59 and leaves the day after.
    assert defects.loc["111-0000001-0000001", "last_day_counted"] == pd.Timestamp("2026-05-13")
    assert defects.loc["111-0000001-0000001", "leaves_on"] == pd.Timestamp("2026-05-14")
    assert defects.loc["111-0000011-0000001", "leaves_on"] == pd.Timestamp("2026-06-02")
    assert defects.loc["111-0000011-0000001", "kinds"] == "negative feedback, A-to-z claim"
    assert defects.loc["111-0000001-0000001", "days_left"] == 14

    mfn = calendar.projection[calendar.projection["channel"] == "mfn"].set_index("date")
    assert (mfn.loc["2026-05-13", "defects"], mfn.loc["2026-05-13", "orders"]) == (2, 20)
    # 14 May: the 1 March orders and their defect are gone; nothing new arrives.
    assert (mfn.loc["2026-05-14", "defects"], mfn.loc["2026-05-14", "orders"]) == (1, 10)
    assert (mfn.loc["2026-06-02", "defects"], mfn.loc["2026-06-02", "orders"]) == (0, 0)
    assert calendar.back_under_target("mfn") is None  # 0 of 0 is NONE, never GOOD
    assert "counts until 2026-05-13" in str(calendar)


def test_nothing_new_means_no_later_defect_either(account_dir):
    rows = [order(i, purchase_date="2026-03-01T20:00:00+00:00") for i in range(1, 5)]
    folder = account_dir(
        {
            "o.txt": tsv(rows),
            "f.txt": feedback_tsv([("5/10/26", "1", "late", "", "111-0000002-0000001", "")]),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    calendar = sellerkit.age_out(account, date(2026, 4, 30))
    assert calendar.defects.empty  # the feedback comes after the as-of day
    assert calendar.projection["defects"].max() == 0


def test_post_holiday_volume_fall_raises_the_rate_without_a_new_defect(account_dir):
    # Many orders early, few late; one old defect stays while old orders leave: the rate
    # rises with no new defect (the post-holiday trap).
    rows = [order(i, purchase_date="2026-02-20T20:00:00+00:00") for i in range(1, 91)]
    rows += [order(i, purchase_date="2026-04-10T20:00:00+00:00") for i in range(91, 101)]
    folder = account_dir(
        {
            "o.txt": tsv(rows),
            "f.txt": feedback_tsv([("4/20/26", "1", "x", "", "111-0000095-0000001", "")]),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    calendar = sellerkit.age_out(account, "2026-04-30")
    mfn = calendar.projection[calendar.projection["channel"] == "mfn"].set_index("date")
    assert mfn.loc["2026-05-01", "rate"] == 1 / 100
    assert mfn.loc["2026-05-07", "rate"] == 1 / 10  # the February orders have left
