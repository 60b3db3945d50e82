"""The US Unit On-Time Delivery Rate (``unitOnTimeDeliveryRate``, issue 16): tracked units
delivered by their promised day over tracked units, in the On-Time Delivery window (14 days
ending 7 days before the as-of day), the package figure beside it.

Hand-built window, as of 2026-03-15 (window 2026-02-23 … 2026-03-08), four packages of four
seller-fulfilled orders, every one scanned on 2026-03-02 and promised for 2026-03-06:

=====  =====  ==============  ========================================
order  units  delivered       counts
=====  =====  ==============  ========================================
1      3      2026-03-05      3 units on time
2      1      2026-03-08      1 unit late
3      2      never           2 units not on time
4      –      2026-03-05      no units in the file: left out of units
=====  =====  ==============  ========================================

Packages: 2 on time of 4 → 50 %. Units: 3 on time of 6 → 50 %, with a note naming the
package left out.
"""

from __future__ import annotations

from datetime import date

import pytest

import sellerkit
from sellerkit.rules import rules_for
from tests.conftest import order, tsv

SHIP_HEADER = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)
PACKAGES = [(1, "3", "2026-03-05"), (2, "1", "2026-03-08"), (3, "2", ""), (4, "", "2026-03-05")]


@pytest.fixture
def account(account_dir):
    rows = [order(i, purchase_date="2026-03-01T18:00:00+00:00") for i in range(1, 5)]
    shipments = SHIP_HEADER + "".join(
        f"111-{i:07d}-0000001,2026-03-03,2026-03-02,UPS,1Z{i:08d},Standard,2026-03-02,"
        f"2026-03-06,{delivered},{units},Home\n"
        for i, units, delivered in PACKAGES
    )
    folder = account_dir({"o.txt": tsv(rows), "s.csv": shipments})
    return sellerkit.load_account(folder, warn=False)


def test_units_on_time_over_tracked_units(account):
    result = sellerkit.health(account, as_of="2026-03-15")
    units = result.rate("unitOnTimeDeliveryRate")
    packages = result.rate("onTimeDeliveryRate")
    assert (units.numerator, units.denominator) == (3, 6)
    assert (packages.numerator, packages.denominator) == (2, 4)
    assert (units.first, units.last) == (date(2026, 2, 23), date(2026, 3, 8))
    assert units.unit == "units"
    assert "1 tracked package(s) with no units" in (units.note or "")
    out = result.to_dict()["performanceMetrics"][0]["unitOnTimeDeliveryRate"]
    assert (out["unitOnTimeDeliveryCount"], out["totalUnitCount"]) == (3, 6)
    assert out["interval"]["low"] < 0.5 < out["interval"]["high"]
    assert out["status"] == "BAD"
    assert "Unit On-Time Delivery Rate" in str(result)


@pytest.mark.parametrize(
    ("day", "target", "enforced"),
    [(date(2024, 9, 24), 0.97, False), (date(2024, 9, 25), 0.90, True)],
)
def test_the_unit_rule_follows_the_on_time_delivery_change(day, target, enforced):
    rule = rules_for("US", day).unit_on_time_delivery
    assert rule is not None
    assert (rule.window_days, rule.lag_days) == (14, 7)
    assert (rule.target, rule.enforced) == (target, enforced)


@pytest.mark.parametrize("marketplace", ["UK", "DE", "JP", "IN"])
def test_only_the_us_has_the_unit_metric(marketplace):
    assert rules_for(marketplace).unit_on_time_delivery is None
    assert all(r.key != "unitOnTimeDeliveryRate" for r in rules_for(marketplace).all_metrics)
