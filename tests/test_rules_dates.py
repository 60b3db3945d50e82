"""Rules with effective dates (data contract, decision 26): a figure for a day uses the rules
in force that day — the US On-Time Delivery target is 90 % and enforced from 2024-09-25,
97 % and only recommended before, and elsewhere."""

from __future__ import annotations

from datetime import date

import pytest

import sellerkit
from sellerkit.rules import CHANGES, change_days, rules_for
from tests.conftest import order, tsv

SHIP_HEADER = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)


@pytest.mark.parametrize(
    ("marketplace", "day", "target", "enforced"),
    [
        ("US", date(2024, 9, 24), 0.97, False),
        ("US", date(2024, 9, 25), 0.90, True),
        ("US", None, 0.90, True),
        ("UK", date(2024, 9, 25), 0.97, False),
        ("UK", None, 0.97, False),
        ("IN", None, 0.97, False),
    ],
)
def test_on_time_delivery_target_by_day(marketplace, day, target, enforced):
    rule = rules_for(marketplace, day).on_time_delivery
    assert (rule.target, rule.enforced) == (target, enforced)


def test_each_change_records_its_day_and_source():
    after = rules_for("US", date(2024, 9, 25))
    assert after.effective_from == date(2024, 9, 25)
    assert len(after.sources) == 1
    assert "2024-09-25" in after.sources[0]
    assert rules_for("US", date(2024, 9, 24)).effective_from is None
    assert all(change.source for change in CHANGES)
    assert change_days("US", date(2024, 9, 1), date(2024, 10, 1)) == [date(2024, 9, 25)]
    assert change_days("US", date(2024, 9, 25), date(2024, 10, 1)) == []  # first excluded
    assert change_days("UK", date(2024, 9, 1), date(2024, 10, 1)) == []


@pytest.fixture
def us_deliveries(account_dir):
    """40 seller-fulfilled orders, one a day from 2024-08-20; each package promised 5 days
    after its order and delivered that day, except the orders of 08-20, 08-30, 09-09 and
    09-19 (a day late)."""
    rows, packages = [], []
    for i in range(40):
        day = date(2024, 8, 20).toordinal() + i
        ordered = date.fromordinal(day)
        rows.append(order(i + 1, purchase_date=f"{ordered}T18:00:00+00:00"))
        promised = date.fromordinal(day + 5)
        delivered = date.fromordinal(day + 5 + (1 if i % 10 == 0 else 0))
        packages.append(
            f"111-{i + 1:07d}-0000001,{date.fromordinal(day + 1)},{date.fromordinal(day + 1)},"
            f"UPS,1Z{i:08d},Standard,{date.fromordinal(day + 1)},{promised},{delivered},1,Home\n"
        )
    return account_dir({"o.txt": tsv(rows), "s.csv": SHIP_HEADER + "".join(packages)})


def _otdr(account, as_of):
    return sellerkit.health(account, as_of).to_dict()["performanceMetrics"][0]["onTimeDeliveryRate"]


def test_health_uses_the_rules_in_force_on_its_as_of(us_deliveries):
    account = sellerkit.load_account(us_deliveries, warn=False)
    before, after = _otdr(account, "2024-09-24"), _otdr(account, "2024-09-30")
    assert (before["targetValue"], before["enforced"]) == (0.97, False)
    assert (after["targetValue"], after["enforced"]) == (0.90, True)
    # Window 14 days ending as-of - 7: 2024-09-04 … 2024-09-17 (before), 09-10 … 09-23 after;
    # packages promised on those days: orders of 08-30 … 09-12 and 09-05 … 09-18; late ones
    # are orders 1, 11, 21, 31 (08-20, 08-30, 09-09, 09-19).
    assert (before["onTimeDeliveryCount"], before["shipmentCountWithValidTracking"]) == (12, 14)
    assert (after["onTimeDeliveryCount"], after["shipmentCountWithValidTracking"]) == (13, 14)
    assert before["status"] == "BAD"  # 85.7 % < 97 %
    assert after["status"] == "GOOD"  # 92.9 % > 90 %


def test_history_across_the_change_uses_each_days_rules(us_deliveries):
    account = sellerkit.load_account(us_deliveries, warn=False)
    frame = sellerkit.history(account, "2024-09-20", "2024-09-30")
    otd = frame[frame["metric"] == "onTimeDeliveryRate"].set_index("date")
    assert otd.loc["2024-09-24", "status"] == "BAD"  # 12 of 14 = 85.7 % < 97 %
    assert otd.loc["2024-09-25", "status"] == "GOOD"  # 92.9 % > 90 %
    assert list(otd.index) == list(sorted(otd.index))
    assert len(otd) == 11


def test_a_day_before_the_earliest_change_uses_the_baseline_and_says_so(us_deliveries):
    account = sellerkit.load_account(us_deliveries, warn=False)
    before = sellerkit.health(account, as_of="2024-09-20")
    rules = before.to_dict()["rules"]
    assert rules["effectiveFrom"] is None
    assert "before 2024-09-25, the earliest dated rule change" in rules["note"]
    assert rules["sources"][0].startswith("amazon-metrics.md")
    assert "Rules: 2024-09-20 is before 2024-09-25" in str(before)
    otd = before.to_dict()["performanceMetrics"][0]["onTimeDeliveryRate"]
    assert (otd["targetValue"], otd["enforced"]) == (0.97, False)
    after = sellerkit.health(account, as_of="2024-09-28").to_dict()
    assert after["rules"]["note"] is None
    assert after["rules"]["effectiveFrom"] == "2024-09-25"
    assert "2024-09-25" in after["rules"]["sources"][1]
    otd = after["performanceMetrics"][0]["onTimeDeliveryRate"]
    assert (otd["targetValue"], otd["enforced"]) == (0.90, True)
