"""One home for what counts as a defect (sellerkit.metrics.defects): every consumer of defects
counts the orders the ODR counts, and each rule of decision 4 is applied once."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.causes.summaries import defect_reasons, pareto
from sellerkit.causes.triage import triage
from sellerkit.causes.units import units
from sellerkit.io.layouts_canonical import CLAIM_REASONS
from sellerkit.metrics.defects import COLUMNS, classify
from sellerkit.rules import rules_for
from tests.conftest import feedback_tsv, order, tsv

ALL = [*datasets.list_samples(), *(f"portfolio/{n}" for n in datasets.PORTFOLIO)]
PARTS = {"feedback": "negativeFeedback", "claim": "claims", "chargeback": "chargebacks"}


def _counted(account: sellerkit.Account, as_of: date) -> pd.DataFrame:
    """The defect events the ODR counts on ``as_of``: order in the window, known by then."""
    events = sellerkit.defect_events(account)
    first, last = rules_for(account.marketplace.code, as_of).order_defect_rate.window(as_of)
    days = events["order_date"].dt.date
    return events[
        (days >= first).to_numpy()
        & (days <= last).to_numpy()
        & (events["known_date"].dt.date <= as_of).to_numpy()
    ]


def _ids(account: sellerkit.Account, positions, channel: str) -> set[str]:
    orders = account.orders.iloc[list(positions)]
    wanted = "MFN" if channel == "mfn" else "AFN"
    return set(orders.loc[(orders["channel"] == wanted).to_numpy(), "order_id"].astype(str))


def _bad_ids(account: sellerkit.Account, metric: str, as_of: date, days: int, channel: str):
    table = units(account, metric, as_of=as_of, days=days)
    return _ids(account, table.loc[table["bad"].to_numpy(), "order"], channel)


@pytest.mark.parametrize("name", ALL)
def test_every_consumer_of_defects_counts_the_orders_the_odr_counts(name):
    account = datasets.load_sample(name, warn=False)
    result = sellerkit.health(account)
    as_of = result.as_of
    days = result.rules.order_defect_rate.window_days
    counted = _counted(account, as_of)
    reasons = defect_reasons(account, as_of=as_of, days=days)
    calendar = sellerkit.age_out(account, as_of)
    for channel in ("mfn", "afn"):
        rate = result.rate("orderDefectRate", channel)
        mine = counted[(counted["channel"] == channel).to_numpy()]
        expected = set(mine["order_id"])
        # the ODR and each of its parts
        assert len(expected) == rate.numerator, (name, channel)
        for kind, part in PARTS.items():
            ids = set(mine.loc[(mine["kind"] == kind).to_numpy(), "order_id"])
            assert len(ids) == rate.components[part], (name, channel, part)
            # the cause explorer's units of that part
            assert _bad_ids(account, part, as_of, days, channel) == ids, (name, part)
        assert _bad_ids(account, "orderDefectRate", as_of, days, channel) == expected
        claims = set(mine.loc[(mine["kind"] == "claim").to_numpy(), "order_id"])
        by_reason = set().union(
            *(_bad_ids(account, f"claims:{r}", as_of, days, channel) for r in CLAIM_REASONS)
        )
        assert by_reason == claims, name
        # the defect reasons table and its Pareto chart
        assert _ids(account, reasons["order"], channel) == expected, (name, channel)
        # the age-out calendar
        defects = calendar.defects[(calendar.defects["channel"] == channel).to_numpy()]
        assert set(defects["order_id"].astype(str)) == expected, (name, channel)
    assert len(reasons) == len(counted)
    assert int(pareto(reasons)["defects"].sum()) == len(counted)
    # the triage: only counted defects, each of the kind that counts
    actions = triage(account, as_of)
    pairs = set(zip(counted["kind"].astype(str), counted["order_id"], strict=True))
    assert set(zip(actions["kind"], actions["order_id"], strict=True)) <= pairs, name


def test_the_workshop_counts_the_defects_the_odr_counts():
    from sellerkit.workshop import exercises, figures
    from sellerkit.workshop.lessons import myths

    result = figures.health("growing-brand")
    rate = result.rate("orderDefectRate", "mfn")
    assert figures.defective_orders("growing-brand") == rate.numerator == 9
    assert exercises.EXERCISES["1.2"].expected() == rate.numerator
    counted = _counted(figures.account("growing-brand"), result.as_of)
    refunded = (counted["kind"] == "claim") & (counted["status"] == "refunded-after-claim")
    assert myths.refunded_claims_counted() >= int(refunded.sum())


CLAIMS = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
CHARGEBACKS = "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n"
SHIPMENTS = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)
MARCH_10 = "2026-03-10T18:00:00+00:00"
AS_OF = date(2026, 4, 30)


def _oid(n: int) -> str:
    return f"111-{n:07d}-0000001"


@pytest.fixture
def buy_shipping(account_dir) -> sellerkit.Account:
    """20 seller-fulfilled orders of 10 March. Order 1: a granted not-received claim with Buy
    Shipping, shipped on its ship-by day (does not count). Order 2: the same claim, shipped a
    day late (counts). Order 3: 1-star feedback. Order 4: a denied claim. Order 5: a fraud
    chargeback. Order 6: 3-star feedback. Order 99 (not in the orders): 1-star feedback."""
    rows = [order(i, purchase_date=MARCH_10) for i in range(1, 21)]
    feedback = feedback_tsv(
        [
            ("3/20/26", "1", "Never arrived, terrible seller.", "", _oid(3), ""),
            ("3/21/26", "3", "OK.", "", _oid(6), ""),
            ("3/22/26", "1", "Late.", "", _oid(99), ""),
        ]
    )
    claims = CLAIMS + (
        f"{_oid(1)},2026-03-25,not-received,granted-seller-funded,true,19.99\n"
        f"{_oid(2)},2026-03-25,not-received,granted-seller-funded,true,19.99\n"
        f"{_oid(4)},2026-03-26,damaged,denied,false,19.99\n"
    )
    shipments = SHIPMENTS + (
        f"{_oid(1)},2026-03-11,2026-03-11,UPS,1Z1,Ground,2026-03-11,2026-03-16,,1,Kitchen\n"
        f"{_oid(2)},2026-03-11,2026-03-12,UPS,1Z2,Ground,2026-03-12,2026-03-16,,1,Kitchen\n"
    )
    chargebacks = CHARGEBACKS + f"{_oid(5)},2026-04-01,fraud,open,19.99\n"
    files = {
        "o.txt": tsv(rows),
        "f.txt": feedback,
        "c.csv": claims,
        "s.csv": shipments,
        "b.csv": chargebacks,
    }
    return sellerkit.load_account(account_dir(files), warn=False)


def test_a_not_received_claim_on_an_on_time_buy_shipping_order_counts_nowhere(buy_shipping):
    account = buy_shipping
    rate = sellerkit.health(account, AS_OF).rate("orderDefectRate", "mfn")
    assert (rate.numerator, rate.denominator) == (2, 20)  # orders 2 (claim) and 3 (feedback)
    assert rate.components == {"negativeFeedback": 1, "claims": 1, "chargebacks": 0}
    reasons = defect_reasons(account, as_of=AS_OF, days=60)
    ids = account.orders["order_id"].iloc[reasons["order"]].tolist()
    assert sorted(zip(ids, reasons["reason"], strict=True)) == [
        (_oid(2), "claim: not-received"),
        (_oid(3), "feedback: not_received"),
    ]
    chart = pareto(reasons)
    assert chart.set_index("reason")["defects"].to_dict() == {
        "claim: not-received": 1,
        "feedback: not_received": 1,
    }
    assert _oid(1) not in set(triage(account, AS_OF)["order_id"])
    assert _oid(1) not in set(sellerkit.age_out(account, AS_OF).defects["order_id"])
    claims = units(account, "claims:not-received", as_of=AS_OF, days=60)
    bad = claims.loc[claims["bad"], "order"]
    assert account.orders["order_id"].iloc[bad].tolist() == [_oid(2)]


def test_each_row_says_whether_it_counts_and_which_rule_decided(buy_shipping):
    table = classify(buy_shipping, rules_for("US"))
    assert list(table.columns) == [*COLUMNS, "counts"]
    table = table.set_index(["kind", "order_id"])
    expected = {
        ("feedback", _oid(3)): (True, "negative feedback: rating 1 (ratings 1 or 2 count; "
                                "decision 4)"),
        ("feedback", _oid(6)): (False, "rating 3 is not negative (only 1 or 2 count; "
                                "decision 4)"),
        ("feedback", _oid(99)): (False, "order not in the orders files: counts in no window "
                                 "(an orphan, data quality)"),
        ("claim", _oid(1)): (False, "not-received claim with Buy Shipping on an order whose "
                             "every package shipped by its latest ship date: does not count "
                             "(decision 4)"),
        ("claim", _oid(2)): (True, "A-to-z claim, status granted-seller-funded (counts; "
                             "decision 4)"),
        ("claim", _oid(4)): (False, "A-to-z claim, status denied does not count (decision 4)"),
        ("chargeback", _oid(5)): (False, "fraud chargeback does not count (decision 4)"),
    }  # fmt: skip
    got = {key: (bool(row["counts"]), row["rule"]) for key, row in table.iterrows()}
    assert got == expected
    event = table.loc[("claim", _oid(2))]
    assert (event["channel"], event["order"], event["row"], event["source"]) == (
        "mfn",
        1,
        1,
        "claims",
    )
    assert (event["source_file"], bool(event["assumed"]), event["source_rule"]) == (
        "c.csv",
        False,
        None,
    )
    assert event["known_date"] == pd.Timestamp("2026-03-25")
    assert event["order_date"] == pd.Timestamp("2026-03-10")


def test_defect_events_are_a_copy_and_the_account_is_not_modified(buy_shipping):
    before = {name: buy_shipping.table(name).copy() for name in sellerkit.account.TABLES}
    events = sellerkit.defect_events(buy_shipping)
    events["order_id"] = "changed"
    assert "changed" not in set(sellerkit.defect_events(buy_shipping)["order_id"])
    for name, frame in before.items():
        pd.testing.assert_frame_equal(buy_shipping.table(name), frame)


def test_feedback_on_an_account_whose_orders_report_has_no_rows_is_all_orphans(account_dir):
    # An All Orders report with its header only, beside a feedback report: classify used
    # to fail ("Array conditional must be same shape as self", an internal error in
    # `sellerkit metrics`) on placeholders of no rows for the missing orders.
    folder = account_dir(
        {
            "o.txt": tsv([]),
            "f.txt": feedback_tsv(
                [
                    ("3/10/26", "1", "x", "", _oid(1), ""),
                    ("3/12/26", "4", "y", "", _oid(2), ""),
                ]
            ),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    table = classify(account, rules_for("US"))
    assert len(table) == 2
    assert table["order"].tolist() == [-1, -1]
    assert table["order_date"].isna().all()
    assert table["channel"].tolist() == [None, None]
    assert not table["business"].any()
    assert not table["counts"].any()
    assert set(table["rule"]) == {
        "order not in the orders files: counts in no window (an orphan, data quality)",
        "rating 4 is not negative (only 1 or 2 count; decision 4)",
    }
    assert sellerkit.defect_events(account).empty
    rate = sellerkit.health(account, "2026-04-30").rate("orderDefectRate", "mfn")
    assert rate.denominator == 0
