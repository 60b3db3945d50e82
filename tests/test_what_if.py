"""Custom rules and tables edited in place are seen by the next call (issue 15, item 1).

sellerkit used to keep each account's facts, feedback tags and dimension codes in module
caches keyed by the account object: computing with custom rules returned the default rules'
facts, and a notebook's what-if edit kept the old figures until a cache was cleared by
hand. Each test below failed then.

The account: 10 seller-fulfilled orders on 1 March 2026 (Los Angeles day), five shipped to
CA and five to NY. Order 1: 1-star feedback (a personal phone number in it); order 2: 3-star
feedback; order 3: 4-star feedback; order 4: a pending A-to-z claim. As of 30 April the ODR
window is 16 Feb … 16 Apr, so every order is in it, and the defects counted by default are
orders 1 and 4: 2 of 10.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

import sellerkit
from sellerkit import causes
from sellerkit.causes.summaries import defect_reasons
from sellerkit.causes.triage import triage
from sellerkit.rules import rules_for
from sellerkit.simulate import project
from tests.conftest import feedback_tsv, order, tsv

AS_OF = date(2026, 4, 30)
CLAIMS = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"


def _id(n: int) -> str:
    return f"111-{n:07d}-0000001"


@pytest.fixture
def account(account_dir) -> sellerkit.Account:
    rows = [
        order(i, purchase_date="2026-03-01T20:00:00+00:00", ship_state="CA" if i <= 5 else "NY")
        for i in range(1, 11)
    ]
    feedback = feedback_tsv(
        [
            ("3/10/26", "1", "Call me on +1 555 123 4567", "", _id(1), ""),
            ("3/11/26", "3", "Arrived damaged", "", _id(2), ""),
            ("3/12/26", "4", "Fine", "", _id(3), ""),
        ]
    )
    claims = CLAIMS + f"{_id(4)},2026-03-15,damaged,pending,false,9\n"
    folder = account_dir({"o.txt": tsv(rows), "f.txt": feedback, "c.csv": claims})
    return sellerkit.load_account(folder, warn=False)


@pytest.fixture
def three_stars_count():
    """The US rules in force on the as-of day, with 3-star feedback counted as negative."""
    return replace(rules_for("US", AS_OF), negative_ratings=(1, 2, 3))


def _odr(result: sellerkit.AccountHealth) -> tuple[int, int]:
    rate = result.rate("orderDefectRate", "mfn")
    return rate.numerator, rate.denominator


def _set(table: pd.DataFrame, column: str, order_id: str, value: object) -> None:
    """A notebook's what-if: set ``column`` on the rows of one order, in the account's own
    table (the same DataFrame object, changed in place). Column assignment rather than
    ``.loc[i, column] = value``: a loaded table's numeric and category columns can be views
    of Arrow's read-only buffers (see the xfail test at the end)."""
    before = id(table)
    table[column] = table[column].mask((table["order_id"] == order_id).to_numpy(), value)
    assert id(table) == before


# Custom rules ------------------------------------------------------------------------------


def test_custom_rules_change_health_and_the_default_comes_back(account, three_stars_count):
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)
    custom = sellerkit.health(account, AS_OF, rules=three_stars_count)
    assert _odr(custom) == (3, 10)  # order 2's 3-star feedback now counts
    assert custom.rules == three_stars_count
    assert custom.rate("orderDefectRate", "mfn").components["negativeFeedback"] == 2
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)


def test_custom_rules_first_do_not_leak_into_the_default(account, three_stars_count):
    assert _odr(sellerkit.health(account, AS_OF, rules=three_stars_count)) == (3, 10)
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)


def test_custom_rules_reach_history_age_out_and_the_projection(account, three_stars_count):
    day = sellerkit.history(account, AS_OF, AS_OF, rules=three_stars_count)
    odr = day[(day["metric"] == "orderDefectRate") & (day["scope"] == "mfn")]
    assert odr[["numerator", "denominator"]].values.tolist() == [[3, 10]]
    assert len(sellerkit.age_out(account, AS_OF).defects) == 2
    calendar = sellerkit.age_out(account, AS_OF, rules=three_stars_count)
    assert sorted(calendar.defects["order_id"]) == [_id(1), _id(2), _id(4)]
    projection = project(account, as_of=AS_OF, horizon=1, paths=1, rules=three_stars_count)
    # Tomorrow's window (17 Feb … 17 Apr) still holds every order: 3 of 10, nothing new.
    assert projection.daily["defects_p50"].iloc[0] >= 3


def test_custom_rules_reach_the_causes_and_the_triage(account, three_stars_count):
    plan = {"negativeFeedback": ("ship_state",)}
    default = causes.scan(account, plan, as_of=AS_OF).set_index("group")["bad"]
    assert default.to_dict() == {"CA": 1, "NY": 0}
    custom = causes.scan(account, plan, as_of=AS_OF, rules=three_stars_count)
    assert custom.set_index("group")["bad"].to_dict() == {"CA": 2, "NY": 0}
    split = causes.breakdown(account, "orderDefectRate", "ship_state", as_of=AS_OF)
    assert split.bad == 2
    assert (
        causes.breakdown(
            account, "orderDefectRate", "ship_state", as_of=AS_OF, rules=three_stars_count
        ).bad
        == 3
    )
    reasons = defect_reasons(account, as_of=AS_OF, rules=three_stars_count)
    assert sorted(reasons["reason"]) == [
        "claim: damaged",
        "feedback: damaged",
        "feedback: other",
    ]
    # Triage: only order 1's feedback (a phone number) can be removed; with 3 stars counted
    # the ODR it starts from is 3 of 10.
    assert triage(account, AS_OF)["odr_now"].tolist() == [0.2]
    assert triage(account, AS_OF, rules=three_stars_count)["odr_now"].tolist() == [0.3]


def test_defect_events_take_custom_rules(account, three_stars_count):
    assert sorted(sellerkit.defect_events(account)["order_id"]) == [_id(1), _id(4)]
    events = sellerkit.defect_events(account, three_stars_count)
    assert sorted(events["order_id"]) == [_id(1), _id(2), _id(4)]


# In-place edits ------------------------------------------------------------------------------


def test_an_edited_rating_changes_health_on_the_next_call(account):
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)
    _set(account.feedback, "rating", _id(1), 5)
    assert _odr(sellerkit.health(account, AS_OF)) == (1, 10)


def test_a_claim_dropped_in_place_changes_health_on_the_next_call(account):
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)
    with warnings.catch_warnings():  # pandas 3.1 deprecates inplace; notebooks still use it
        warnings.simplefilter("ignore", pd.errors.Pandas4Warning)
        account.claims.drop(index=account.claims.index[0], inplace=True)  # noqa: PD002  # the what-if
    assert _odr(sellerkit.health(account, AS_OF)) == (1, 10)


def test_an_edit_changes_age_out_on_the_next_call(account):
    assert sorted(sellerkit.age_out(account, AS_OF).defects["order_id"]) == [_id(1), _id(4)]
    _set(account.feedback, "rating", _id(1), 5)
    assert sellerkit.age_out(account, AS_OF).defects["order_id"].tolist() == [_id(4)]


def test_an_edit_changes_the_triage_on_the_next_call(account):
    assert triage(account, AS_OF)["order_id"].tolist() == [_id(1)]
    _set(account.feedback, "rating", _id(1), 5)
    assert triage(account, AS_OF).empty


def test_an_edit_changes_the_scan_on_the_next_call(account):
    plan = {"negativeFeedback": ("ship_state",), "orderDefectRate": ("ship_state",)}

    def bad() -> dict[tuple[str, str], int]:
        table = causes.scan(account, plan, as_of=AS_OF)
        rows = zip(table["metric"], table["group"], table["bad"], strict=True)
        return {(metric, group): int(bad) for metric, group, bad in rows}

    assert bad() == {
        ("negativeFeedback", "CA"): 1,
        ("negativeFeedback", "NY"): 0,
        ("orderDefectRate", "CA"): 2,
        ("orderDefectRate", "NY"): 0,
    }
    _set(account.feedback, "rating", _id(1), 5)
    # An order's dimension edited in place is read again too: order 4 moves to NY.
    _set(account.orders, "ship_state", _id(4), "NY")
    assert bad() == {
        ("negativeFeedback", "CA"): 0,
        ("negativeFeedback", "NY"): 0,
        ("orderDefectRate", "CA"): 0,
        ("orderDefectRate", "NY"): 1,
    }


def test_an_edited_comment_changes_the_defect_reasons_on_the_next_call(account):
    assert sorted(defect_reasons(account, as_of=AS_OF)["reason"]) == [
        "claim: damaged",
        "feedback: other",
    ]
    _set(account.feedback, "comments", _id(1), "It never arrived")
    assert sorted(defect_reasons(account, as_of=AS_OF)["reason"]) == [
        "claim: damaged",
        "feedback: not_received",
    ]


# No thread pool inside a computation (issue 15, item 3) -------------------------------------


def test_health_and_history_start_no_thread(account, monkeypatch):
    def refuse(self):
        raise AssertionError(f"a computation started a thread: {self!r}")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    assert _odr(sellerkit.health(account, AS_OF)) == (2, 10)
    assert not sellerkit.history(account, "2026-04-01", AS_OF).empty


def test_a_cell_set_with_loc_changes_health(account):
    rows = account.feedback.index[(account.feedback["order_id"] == _id(1)).to_numpy()]
    account.feedback.loc[rows[0], "rating"] = 5
    assert _odr(sellerkit.health(account, AS_OF)) == (1, 10)


def test_a_basis_derived_once_serves_many_breakdowns_until_rebuilt(account):
    from sellerkit import causes

    prepared = causes.basis(account, AS_OF)
    once = causes.breakdown(account, "orderDefectRate", "ship_state", basis=prepared)
    again = causes.scan(account, {"orderDefectRate": ("ship_state",)}, basis=prepared)
    fresh = causes.breakdown(account, "orderDefectRate", "ship_state", as_of=AS_OF)
    assert once.table.equals(fresh.table)
    assert int(again["bad"].sum()) == int(fresh.table["bad"].sum())
    with pytest.raises(ValueError, match="not beside basis="):
        causes.scan(account, basis=prepared, as_of=AS_OF)


# Facts derived once and passed on (what the report notebook does) -------------------------


def test_facts_derived_once_give_every_analysis_its_own_figures(account, three_stars_count):
    """Each analysis given ``facts=`` counts what it counts when it derives them itself,
    and derives nothing more."""
    from sellerkit.metrics import facts as facts_module
    from sellerkit.metrics.snapshots import snapshots

    for rules in (None, three_stars_count):
        given = sellerkit.derive_facts(account, AS_OF, rules)
        real = facts_module._derive
        calls = []

        def counting(*args, _real=real, _calls=calls, **kwargs):
            _calls.append(args)
            return _real(*args, **kwargs)

        facts_module._derive = counting
        try:
            shared = sellerkit.health(account, AS_OF, facts=given)
            calendar = sellerkit.age_out(account, AS_OF, facts=given)
            base = causes.basis(account, AS_OF, facts=given)
            actions = triage(account, basis=base)
            day = sellerkit.history(account, AS_OF, AS_OF, rules=rules, facts=given)
            projection = project(account, as_of=AS_OF, horizon=1, paths=1, facts=given)
            snapshots(account, warn=False, facts=given)
        finally:
            facts_module._derive = real
        assert calls == []  # nothing derived again
        alone = sellerkit.health(account, AS_OF, rules=rules)
        assert _odr(shared) == _odr(alone) == ((3, 10) if rules else (2, 10))
        assert shared.to_dict() == alone.to_dict()
        assert calendar.defects.equals(sellerkit.age_out(account, AS_OF, rules=rules).defects)
        assert actions.equals(triage(account, AS_OF, rules=rules))
        odr = day[(day["metric"] == "orderDefectRate") & (day["scope"] == "mfn")]
        assert odr["numerator"].tolist() == [3 if rules else 2]
        alone_projection = project(account, as_of=AS_OF, horizon=1, paths=1, rules=rules)
        assert projection.baseline == alone_projection.baseline


def test_facts_under_other_rules_or_of_another_account_are_refused(account, three_stars_count):
    given = sellerkit.derive_facts(account, AS_OF)
    with pytest.raises(ValueError, match="other rules"):
        sellerkit.health(account, AS_OF, rules=three_stars_count, facts=given)
    _set(account.orders, "order_status", _id(1), "Shipped")  # same orders: accepted
    sellerkit.age_out(account, AS_OF, facts=given)
    items = account.order_items
    other = replace(account, order_items=items[(items["order_id"] != _id(1)).to_numpy()])
    with pytest.raises(ValueError, match="had other row counts"):
        sellerkit.health(other, AS_OF, facts=given)
    feedback = replace(account, feedback=account.feedback.iloc[1:])  # a row dropped
    with pytest.raises(ValueError, match="had other row counts"):
        triage(feedback, basis=causes.basis(feedback, AS_OF, facts=given))


def test_facts_of_another_folder_are_refused(account, tmp_path):
    import shutil

    twin_folder = shutil.copytree(account.path, tmp_path / "twin")
    twin = sellerkit.load_account(twin_folder, warn=False)
    with pytest.raises(ValueError, match="derived from the account in"):
        sellerkit.age_out(twin, AS_OF, facts=sellerkit.derive_facts(account, AS_OF))


def test_facts_of_another_days_rules_are_refused_and_history_uses_them_where_they_apply(
    account,
):
    """US: the On-Time Delivery target changed on 2024-09-25 (97 % recommended → 90 %
    enforced). Facts derived for a day before the change would give the old target."""
    before = sellerkit.derive_facts(account, date(2024, 9, 1))
    assert before.rules.on_time_delivery.target == 0.97
    with pytest.raises(ValueError, match="rules in force on another day"):
        sellerkit.health(account, AS_OF, facts=before)
    with pytest.raises(ValueError, match="rules in force on another day"):
        project(account, as_of=AS_OF, horizon=1, paths=1, facts=before)
    now = sellerkit.health(account, AS_OF, facts=sellerkit.derive_facts(account, AS_OF))
    assert now.rate("onTimeDeliveryRate", "").rule.target == 0.90
    days = sellerkit.history(account, date(2024, 9, 20), date(2024, 9, 30), facts=before)
    assert days["date"].nunique() == 11  # both sides of the change, each under its own rules
    pd.testing.assert_frame_equal(
        days, sellerkit.history(account, date(2024, 9, 20), date(2024, 9, 30))
    )


def test_only_read_only_columns_are_copied_to_make_a_table_editable():
    """make_writable copies the columns Arrow hands over as read-only views and leaves the
    arrays pandas owns alone (Series.to_numpy() is a read-only view under copy-on-write, so
    it cannot be what decides)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from sellerkit.io.writable import make_writable

    owned = np.arange(5, dtype=np.int64)
    table = pa.table({"view": pa.array([1.0, 2.0, 3.0, 4.0, 5.0])}).to_pandas(split_blocks=True)
    table["owned"] = pd.Series(owned, copy=False)
    before = np.asarray(table["owned"].array)
    make_writable(table)
    assert np.shares_memory(np.asarray(table["owned"].array), before)  # not copied
    table.loc[0, "view"] = 9.0  # the view was copied, so a cell can be set
    table.loc[0, "owned"] = 9
    assert table.loc[0, "view"] == 9.0
    assert table.loc[0, "owned"] == 9


def test_an_as_of_after_the_loads_today_is_said():
    """Windows that end on days that have not come count only what is known today: said,
    once, naming both days (the load's ``today`` is given, so the test does not age)."""
    import datetime
    import warnings

    folder = sellerkit.datasets.sample_path("small-seller")
    account = sellerkit.load_account(folder, warn=False, today=datetime.date(2026, 11, 1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sellerkit.health(account, as_of="2026-11-20")
        sellerkit.health(account, as_of="2026-10-31")
    said = [str(w.message) for w in caught if "after today" in str(w.message)]
    assert said == [
        "as-of 2026-11-20 is after today (2026-11-01): the windows end on days that have not "
        "come, so they count only what is known today; check the day"
    ]
