"""Shipping-to-defect links and the appeal and removal triage."""

from __future__ import annotations

from datetime import date

import numpy as np

import sellerkit
from sellerkit.causes.shipping import shipping_links
from sellerkit.causes.triage import CODE_OF_CONDUCT, triage
from tests.conftest import feedback_tsv, order, tsv

CLAIMS = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
CHARGEBACKS = "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n"
SHIPMENTS = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)


def test_links_compare_orders_with_and_without_each_problem():
    account = sellerkit.datasets.load_sample("growing-brand", warn=False)
    links = shipping_links(account)
    assert list(links["link"].unique()) == [
        "shipped late",
        "without valid tracking",
        "delivered late",
    ]
    # Each link splits the same orders (seller-fulfilled, with a shipments row) in two.
    assert links.groupby("link")["orders"].sum().nunique() == 1
    assert links.groupby("link")["defects"].sum().nunique() == 1
    for _, pair in links.groupby("link"):
        assert set(pair["side"]) == {"yes", "no"}
        yes, no = pair.set_index("side").loc["yes"], pair.set_index("side").loc["no"]
        assert np.isclose(yes["ratio"], yes["rate"] / no["rate"])
        assert yes["low"] <= yes["rate"] <= yes["high"]
    delivered = links.set_index(["link", "side"]).loc[("delivered late", "yes")]
    assert delivered["ratio"] > 1.5  # the generator makes late deliveries draw feedback


def _account(account_dir, files):
    return sellerkit.load_account(account_dir(files), warn=False)


def test_triage_on_hand_built_defects(account_dir):
    rows = [order(i, purchase_date="2026-03-10T18:00:00+00:00") for i in range(1, 41)]
    rows += [order(99, purchase_date="2026-03-10T18:00:00+00:00", fulfillment_channel="Amazon")]
    feedback = feedback_tsv(
        [
            ("3/20/26", "1", "Stopped working after two days.", "", "111-0000001-0000001", ""),
            ("3/21/26", "1", "Call me on +1 555 123 4567 now", "", "111-0000002-0000001", ""),
            ("3/22/26", "2", "Late and the box was crushed", "", "111-0000099-0000001", ""),
            ("3/23/26", "1", "Meh.", "", "111-0000003-0000001", ""),
        ]
    )
    claims = CLAIMS + (
        "111-0000004-0000001,2026-03-25,not-received,granted-seller-funded,false,9\n"
        "111-0000001-0000001,2026-03-26,damaged,denied,false,9\n"
    )
    shipments = SHIPMENTS + (
        "111-0000004-0000001,2026-03-11,2026-03-11,UPS,1Z,Std,2026-03-11,2026-03-16,"
        "2026-03-15,1,K\n"
    )
    chargebacks = CHARGEBACKS + "111-0000005-0000001,2026-04-27,service,open,20\n"
    account = _account(
        account_dir,
        {
            "o.txt": tsv(rows),
            "f.txt": feedback,
            "c.csv": claims,
            "s.csv": shipments,
            "b.csv": chargebacks,
        },
    )
    result = triage(account, date(2026, 4, 30)).set_index(["kind", "order_id"])
    assert result.loc[("feedback", "111-0000001-0000001"), "rule"] == "entirely a product review"
    assert result.loc[("feedback", "111-0000002-0000001"), "rule"] == "personal contact details"
    assert result.loc[("feedback", "111-0000099-0000001"), "rule"] == (
        "about delivery on an FBA order"
    )
    assert result.loc[("claim", "111-0000004-0000001"), "rule"] == (
        "delivered with valid tracking before the claim"
    )
    chargeback = result.loc[("chargeback", "111-0000005-0000001")]
    assert chargeback["deadline"] == date(2026, 5, 4)  # 7 days
    assert chargeback["days_left"] == 4
    assert ("feedback", "111-0000003-0000001") not in result.index  # nothing to act on
    claim = result.loc[("claim", "111-0000004-0000001")]
    assert claim["deadline"] == date(2026, 4, 24)  # 30 days from the claim date
    assert claim["days_left"] == -6
    # MFN: 40 orders, defects on orders 1, 2, 3, 4, 5 → 5/40; removing one → 4/40.
    assert claim["odr_now"] == 5 / 40
    assert claim["odr_if_removed"] == 4 / 40


def test_removing_one_of_two_defects_of_an_order_changes_nothing(account_dir):
    rows = [order(i, purchase_date="2026-03-10T18:00:00+00:00") for i in range(1, 201)]
    feedback = feedback_tsv(
        [("3/20/26", "1", "Broke after a week.", "", "111-0000001-0000001", "")]
    )
    claims = CLAIMS + "111-0000001-0000001,2026-03-25,damaged,pending,false,9\n"
    account = _account(account_dir, {"o.txt": tsv(rows), "f.txt": feedback, "c.csv": claims})
    row = triage(account, date(2026, 4, 30)).iloc[0]
    assert row["rule"] == "entirely a product review"
    assert row["odr_if_removed"] == row["odr_now"] == 1 / 200
    assert bool(row["under_target_if_removed"]) is True  # 0.5 % already under 1 %


def test_the_small_seller_can_appeal_back_under_target():
    account = sellerkit.datasets.load_sample("small-seller", warn=False)
    result = triage(account)
    assert len(result) == 1
    row = result.iloc[0]
    assert (row["kind"], row["odr_if_removed"], bool(row["under_target_if_removed"])) == (
        "claim",
        0.0,
        True,
    )


def test_triage_never_suggests_contacting_the_buyer():
    for name in sellerkit.datasets.list_samples():
        result = triage(sellerkit.datasets.load_sample(name, warn=False))
        text = " ".join(result["action"].astype(str)).lower()
        for forbidden in (
            "contact the buyer",
            "ask the buyer",
            "refund the buyer",
            "offer",
            "incentive",
        ):
            assert forbidden not in text
    assert "forbids offering a buyer" in CODE_OF_CONDUCT
