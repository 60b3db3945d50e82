"""Hand-computed oracle cases, one per rule of amazon-metrics.md and the data contract.

Each builds a tiny account whose answer is worked out by hand in the test's comments.
US marketplace (America/Los_Angeles); ODR window for as-of 2026-04-30 is 2026-02-16 …
2026-04-16 (60 days ending 14 days before as-of).
"""

from __future__ import annotations

from datetime import date

import pytest

import sellerkit
from tests.conftest import feedback_tsv, order, tsv

AS_OF = date(2026, 4, 30)
IN_WINDOW = "2026-03-10T18:00:00+00:00"  # 10 March in Los Angeles
CLAIMS = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
CHARGEBACKS = "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n"
SHIPMENTS = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)
CANCELS = "order-id,cancel-date,buyer-requested,reason\n"


def oid(n: int) -> str:
    return f"111-{n:07d}-0000001"


def orders(n: int, **cells) -> str:
    return tsv([order(i, purchase_date=IN_WINDOW, **cells) for i in range(1, n + 1)])


def odr(account_dir, files, scope="mfn", as_of=AS_OF):
    account = sellerkit.load_account(account_dir(files), warn=False)
    return sellerkit.health(account, as_of).rate("orderDefectRate", scope)


def test_order_with_feedback_and_claim_counts_once(account_dir):
    rate = odr(
        account_dir,
        {
            "o.txt": orders(10),
            "f.txt": feedback_tsv([("3/20/26", "1", "late", "", oid(1), "")]),
            "c.csv": CLAIMS + f"{oid(1)},2026-03-25,not-received,granted-seller-funded,false,9\n",
        },
    )
    # One order, two kinds: once in the numerator, once in each component.
    assert (rate.numerator, rate.denominator) == (1, 10)
    assert rate.components == {"negativeFeedback": 1, "claims": 1, "chargebacks": 0}


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        ("pending", True),
        ("granted-seller-funded", True),
        ("granted-amazon-funded", True),
        ("refunded-after-claim", True),
        ("withdrawn-after-grant", True),
        ("denied", False),
        ("withdrawn-before-decision", False),
    ],
)
def test_claim_statuses_that_count(account_dir, status, counts):
    rate = odr(
        account_dir,
        {
            "o.txt": orders(4),
            "c.csv": CLAIMS + f"{oid(2)},2026-03-25,damaged,{status},false,9\n",
        },
    )
    assert rate.numerator == (1 if counts else 0)
    assert rate.components["claims"] == (1 if counts else 0)


@pytest.mark.parametrize(("rating", "counts"), [("1", True), ("2", True), ("3", False)])
def test_only_one_and_two_star_feedback_counts(account_dir, rating, counts):
    rate = odr(
        account_dir,
        {
            "o.txt": orders(4),
            "f.txt": feedback_tsv([("3/20/26", rating, "meh", "", oid(3), "")]),
        },
    )
    assert rate.numerator == int(counts)


@pytest.mark.parametrize(
    ("reason", "status", "counts"),
    [
        ("service", "open", True),
        ("service", "refunded", True),
        ("service", "represented-lost", True),
        ("service", "represented-won", False),
        ("fraud", "open", False),
    ],
)
def test_chargebacks_that_count(account_dir, reason, status, counts):
    rate = odr(
        account_dir,
        {
            "o.txt": orders(4),
            "b.csv": CHARGEBACKS + f"{oid(1)},2026-04-01,{reason},{status},20\n",
        },
    )
    assert rate.numerator == int(counts)
    assert rate.components["chargebacks"] == int(counts)


@pytest.mark.parametrize(("ship_date", "counts"), [("2026-03-11", False), ("2026-03-13", True)])
def test_not_received_claim_with_buy_shipping_counts_only_if_shipped_late(
    account_dir, ship_date, counts
):
    shipments = SHIPMENTS + (
        f"{oid(1)},2026-03-11,{ship_date},UPS,1Z1,Standard,{ship_date},2026-03-16,,1,K\n"
    )
    rate = odr(
        account_dir,
        {
            "o.txt": orders(2),
            "s.csv": shipments,
            "c.csv": CLAIMS + f"{oid(1)},2026-03-30,not-received,granted-amazon-funded,true,9\n",
        },
    )
    assert rate.numerator == int(counts)


def test_both_window_ends_are_included(account_dir):
    # Window 2026-02-16 … 2026-04-16: the first and last days are in, the days around out.
    days = ["2026-02-15", "2026-02-16", "2026-04-16", "2026-04-17"]
    rows = [order(i + 1, purchase_date=f"{d}T12:00:00-07:00") for i, d in enumerate(days)]
    feedback = [(f"{4}/20/26", "1", "x", "", oid(i + 1), "") for i in range(4)]
    rate = odr(account_dir, {"o.txt": tsv(rows), "f.txt": feedback_tsv(feedback)})
    assert (rate.numerator, rate.denominator) == (2, 2)
    assert (rate.first, rate.last) == (date(2026, 2, 16), date(2026, 4, 16))


def test_late_evening_on_the_last_day_is_inside_and_just_after_midnight_is_not(account_dir):
    # 2026-04-16 23:30 in Los Angeles (PDT, UTC-7) = 2026-04-17T06:30Z: inside.
    # 2026-04-17 00:30 in Los Angeles = 2026-04-17T07:30Z: outside.
    rows = [
        order(1, purchase_date="2026-04-17T06:30:00+00:00"),
        order(2, purchase_date="2026-04-17T07:30:00+00:00"),
    ]
    rate = odr(account_dir, {"o.txt": tsv(rows)})
    assert rate.denominator == 1


def test_zero_orders_gives_status_none(account_dir):
    rate = odr(account_dir, {"o.txt": orders(3)}, scope="afn")
    assert (rate.numerator, rate.denominator, rate.rate, rate.status) == (0, 0, None, "NONE")
    assert rate.small_sample is False
    data = rate.to_dict()
    assert data["rate"] is None
    assert data["interval"]["low"] is None


def test_fba_orders_never_enter_seller_fulfilled_metrics(account_dir):
    rows = [
        order(
            i,
            purchase_date="2026-04-29T18:00:00+00:00",
            fulfillment_channel="Amazon",
            order_status="Cancelled",
        )
        for i in range(1, 4)
    ]
    rows += [order(9, purchase_date=IN_WINDOW, fulfillment_channel="Amazon")]
    account = sellerkit.load_account(account_dir({"o.txt": tsv(rows)}), warn=False)
    result = sellerkit.health(account, AS_OF)
    assert result.rate("orderDefectRate", "mfn").denominator == 0
    assert result.rate("orderDefectRate", "afn").denominator == 1
    assert result.rate("preFulfillmentCancellationRate").denominator == 0
    assert result.rate("lateShipmentRate", window_days=30).denominator == 0


def test_events_after_as_of_are_ignored(account_dir):
    files = {
        "o.txt": orders(5),
        "f.txt": feedback_tsv([("4/25/26", "1", "late", "", oid(1), "")]),
    }
    assert odr(account_dir, files, as_of=date(2026, 4, 24)).numerator == 0
    assert odr(account_dir, files, as_of=date(2026, 4, 25)).numerator == 1


def test_business_orders_have_their_own_odr_and_stay_in_the_main_one(account_dir):
    rows = [
        order(1, purchase_date=IN_WINDOW, is_business_order="true"),
        order(2, purchase_date=IN_WINDOW),
    ]
    account = sellerkit.load_account(
        account_dir(
            {
                "o.txt": tsv(rows),
                "f.txt": feedback_tsv([("3/20/26", "1", "x", "", oid(1), "")]),
            }
        ),
        warn=False,
    )
    result = sellerkit.health(account, AS_OF)
    assert result.rate("orderDefectRate", "mfn").denominator == 2
    business = result.rate("orderDefectRate", "business-mfn")
    assert (business.numerator, business.denominator) == (1, 1)


# Pre-fulfillment cancellation -----------------------------------------------------------


def test_buyer_requested_cancellations_do_not_count(account_dir):
    day = "2026-04-28T18:00:00+00:00"
    rows = [
        order(i, purchase_date=day, order_status="Cancelled" if i <= 3 else "Shipped")
        for i in range(1, 11)
    ]
    cancels = CANCELS + (
        f"{oid(1)},2026-04-28,true,Buyer cancelled\n{oid(2)},2026-04-28,false,Out of stock\n"
    )  # order 3: no row → assumed seller-cancelled, dated by its last update
    account = sellerkit.load_account(
        account_dir({"o.txt": tsv(rows), "x.csv": cancels}), warn=False
    )
    rate = sellerkit.health(account, AS_OF).rate("preFulfillmentCancellationRate")
    assert (rate.numerator, rate.denominator) == (2, 10)
    assert (rate.first, rate.last) == (date(2026, 4, 24), date(2026, 4, 30))


# Late shipment ---------------------------------------------------------------------------


def test_late_shipment(account_dir):
    rows = [order(i, purchase_date="2026-04-20T18:00:00+00:00") for i in range(1, 6)]
    shipments = SHIPMENTS + "".join(
        [
            f"{oid(1)},2026-04-21,2026-04-21,UPS,1,Std,2026-04-21,2026-04-26,2026-04-25,1,K\n",
            f"{oid(2)},2026-04-21,2026-04-22,UPS,2,Std,2026-04-22,2026-04-26,2026-04-26,1,K\n",
            # Two packages, one shipped a day late: the order is late.
            f"{oid(3)},2026-04-21,2026-04-21,UPS,3,Std,2026-04-21,2026-04-26,2026-04-25,1,K\n",
            f"{oid(3)},2026-04-21,2026-04-22,UPS,4,Std,2026-04-22,2026-04-26,2026-04-26,1,K\n",
            # Not shipped by the end of as-of, latest ship date passed: late.
            f"{oid(4)},2026-04-21,,,,Std,,2026-04-26,,1,K\n",
            # Latest ship date after as-of: not in the window yet.
            f"{oid(5)},2026-05-01,,,,Std,,2026-05-06,,1,K\n",
        ]
    )
    account = sellerkit.load_account(
        account_dir({"o.txt": tsv(rows), "s.csv": shipments}), warn=False
    )
    result = sellerkit.health(account, AS_OF)
    for days in (10, 30):
        rate = result.rate("lateShipmentRate", window_days=days)
        assert (rate.numerator, rate.denominator) == (3, 4)


# Valid tracking and on-time delivery ----------------------------------------------------


def test_valid_tracking_and_on_time_delivery(account_dir):
    # As-of 2026-04-30: VTR window 2026-04-01 … 04-30 by promised date; OTDR window
    # 2026-04-10 … 04-23 (14 days ending 7 days before as-of).
    rows = [order(i, purchase_date="2026-04-05T18:00:00+00:00") for i in range(1, 6)]
    shipments = SHIPMENTS + "".join(
        [
            # scanned, delivered on the promised day: valid and on time
            f"{oid(1)},2026-04-06,2026-04-06,UPS,T1,Std,2026-04-06,2026-04-11,2026-04-11,1,Kitchen\n",
            # delivered a day late: valid, not on time
            f"{oid(2)},2026-04-06,2026-04-06,UPS,T2,Std,2026-04-07,2026-04-11,2026-04-12,1,Kitchen\n",
            # no tracking number: not valid (and not in OTDR's denominator)
            f"{oid(3)},2026-04-06,2026-04-06,USPS,,Std,,2026-04-11,,1,Garden\n",
            # tracking but no scan at all: not valid
            f"{oid(4)},2026-04-06,2026-04-06,USPS,T4,Std,,2026-04-11,,1,Garden\n",
            # only a delivery scan: valid; delivered early
            f"{oid(5)},2026-04-06,2026-04-06,UPS,T5,Std,,2026-04-11,2026-04-10,1,Garden\n",
        ]
    )
    account = sellerkit.load_account(
        account_dir({"o.txt": tsv(rows), "s.csv": shipments}), warn=False
    )
    result = sellerkit.health(account, AS_OF)
    vtr = result.rate("validTrackingRate")
    assert (vtr.numerator, vtr.denominator) == (3, 5)
    assert (
        result.rate("validTrackingRate", "Kitchen").numerator,
        result.rate("validTrackingRate", "Garden").numerator,
    ) == (2, 1)
    otdr = result.rate("onTimeDeliveryRate")
    assert (otdr.numerator, otdr.denominator) == (2, 3)
    assert (otdr.first, otdr.last) == (date(2026, 4, 10), date(2026, 4, 23))


def test_a_scan_after_as_of_is_not_yet_valid(account_dir):
    rows = [order(1, purchase_date="2026-04-25T18:00:00+00:00")]
    shipments = SHIPMENTS + (
        f"{oid(1)},2026-04-27,2026-04-27,UPS,T1,Std,2026-05-02,2026-04-30,,1,K\n"
    )
    account = sellerkit.load_account(
        account_dir({"o.txt": tsv(rows), "s.csv": shipments}), warn=False
    )
    vtr = sellerkit.health(account, AS_OF).rate("validTrackingRate")
    assert (vtr.numerator, vtr.denominator) == (0, 1)


def test_shipping_metrics_say_none_without_a_shipments_file(account_dir):
    account = sellerkit.load_account(account_dir({"o.txt": orders(3)}), warn=False)
    result = sellerkit.health(account, AS_OF)
    for rate in (
        result.rate("lateShipmentRate", window_days=30),
        result.rate("validTrackingRate"),
        result.rate("onTimeDeliveryRate"),
    ):
        assert rate.status == "NONE"
        assert rate.note == "no shipments file"
    odr_rate = result.rate("orderDefectRate", "mfn")
    assert "without feedback, claims, chargebacks" in odr_rate.note


# Marketplace rules ------------------------------------------------------------------------


def test_india_cancellation_rule_and_on_time_delivery_outside_the_us():
    india = sellerkit.rules_for("IN")
    assert [(r.window_days, r.target) for r in india.cancellation] == [(7, 0.02), (30, 0.02)]
    assert (india.on_time_delivery.target, india.on_time_delivery.enforced) == (0.97, False)
    uk = sellerkit.rules_for("UK")
    assert [r.window_days for r in uk.cancellation] == [7]
    assert (uk.on_time_delivery.target, uk.on_time_delivery.enforced) == (0.97, False)
    us = sellerkit.rules_for("US")
    assert (us.on_time_delivery.target, us.on_time_delivery.enforced) == (0.90, True)


# Intervals, posteriors, small samples --------------------------------------------------


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson's score interval from its textbook formula (Wilson 1927), independently."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(1, 2), (1, 45), (1, 46), (10, 980), (0, 120), (7, 7)])
def test_wilson_interval_matches_the_formula(k, n):
    from sellerkit import stats

    low, high = stats.wilson(k, n)
    expected = _wilson(k, n)
    assert low == pytest.approx(max(expected[0], 0), abs=1e-12)
    assert high == pytest.approx(min(expected[1], 1), abs=1e-12)


def test_probability_past_target_tells_small_numbers_apart():
    from sellerkit import stats

    one_in_two = stats.probability_past_target(1, 2, 0.01, "LESS_THAN")
    one_in_a_thousand = stats.probability_past_target(1, 1000, 0.01, "LESS_THAN")
    thirty_in_a_thousand = stats.probability_past_target(30, 1000, 0.01, "LESS_THAN")
    assert 0.5 < one_in_two < 1
    assert one_in_a_thousand < 0.02
    assert thirty_in_a_thousand > 0.999
    # Jeffreys posterior mean (k + ½)/(n + 1) sits above the target for 1 of 2 and below it
    # for 1 of 1000, as the probabilities say.


@pytest.mark.parametrize(
    ("n", "target", "condition", "small"),
    [
        (100, 0.01, "LESS_THAN", True),
        (101, 0.01, "LESS_THAN", False),
        (40, 0.025, "LESS_THAN", True),
        (41, 0.025, "LESS_THAN", False),
        (20, 0.95, "GREATER_THAN", True),
        (21, 0.95, "GREATER_THAN", False),
        (0, 0.01, "LESS_THAN", False),
    ],
)
def test_small_sample_thresholds(n, target, condition, small):
    from sellerkit import stats

    assert bool(stats.small_sample(n, target, condition)) is small


def test_status_compares_strictly():
    from sellerkit import stats

    assert str(stats.status(0.01, 0.01, "LESS_THAN")) == "BAD"
    assert str(stats.status(0.95, 0.95, "GREATER_THAN")) == "BAD"
    assert str(stats.status(0.0099, 0.01, "LESS_THAN")) == "GOOD"


def test_india_json_lists_both_cancellation_windows(account_dir):
    rows = [
        order(i, purchase_date="2026-04-28T10:00:00+05:30", sales_channel="Amazon.in")
        for i in range(1, 4)
    ]
    account = sellerkit.load_account(account_dir({"o.txt": tsv(rows)}), warn=False)
    metrics = sellerkit.health(account, AS_OF).to_dict()["performanceMetrics"][0]
    windows = [m["windowDays"] for m in metrics["preFulfillmentCancellationRateList"]]
    assert windows == [7, 30]
    assert metrics["preFulfillmentCancellationRate"]["targetValue"] == 0.02


def test_the_newest_performance_report_is_reconciled(account_dir):
    import json

    def report(last: str, count: int) -> str:
        odr = {
            "reportingDateRange": {
                "reportingDateFrom": "2026-01-01T00:00:00Z",
                "reportingDateTo": last,
            },
            "orderCount": count,
        }
        return json.dumps(
            {
                "performanceMetrics": [
                    {"marketplaceId": "ATVPDKIKX0DER", "orderDefectRate": {"mfn": odr}}
                ]
            }
        )

    folder = account_dir(
        {
            "o.txt": orders(3),
            "9.json": report("2026-02-28T23:59:59Z", 7),  # sorts last, but older
            "1.json": report("2026-03-31T23:59:59Z", 3),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    result = sellerkit.reconcile(account)
    assert result.source == "1.json"
