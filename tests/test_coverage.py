"""Coverage (data contract R7): per figure, the files it was computed from, what was assumed,
what is missing and which download would add it — and no count presented as a fact when no
file can give it (R6)."""

from __future__ import annotations

import json
from datetime import date

import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.cli import main
from sellerkit.metrics.coverage import GET, NOT_SHIPPED, SELLER_CANCELLED, coverage
from sellerkit.report.summary import coverage_markdown
from tests.conftest import order, tsv
from tests.test_real_downloads import (
    APRIL_20,
    SHIP_BY_22,
    confirmations,
    oid,
    order_report,
    report_row,
    transactions,
)

AS_OF = date(2026, 4, 30)


def test_the_real_downloads_sample_says_what_each_figure_rests_on():
    account = datasets.load_sample("real-downloads", warn=False)
    found = coverage(account).to_dict()
    orders = ["24393307046.txt", "33068262204.txt"]
    claims = found["orderDefectRate"]["mfn"]["parts"]["claims"]
    assert claims == {
        "files": ["35968087185.csv", "68508193821.txt"],
        "assumed": {
            "claim(s) taken as granted against you (Transaction report)": 1,
            "claim(s) of unknown status taken as pending (Returns report)": 1,
        },
        "missing": [
            "no claims.csv: claim status, reason and Buy Shipping unknown; claims Amazon "
            "funded, denied or withdrawn are in no download"
        ],
        "wouldAdd": GET["claims"],
    }
    afn = found["orderDefectRate"]["afn"]
    assert afn["assumed"] == {
        "claim(s) taken as granted against you (Transaction report)": 1,
        "chargeback(s) taken as service (Transaction report)": 1,
    }
    assert afn["files"] == [*orders, "98366264952.txt", "35968087185.csv", "68508193821.txt"]
    assert found["lateShipmentRate"] == {
        "files": [*orders, "54594837837.txt", "16412703037.txt"],
        "assumed": {},  # the two unconfirmed orders are due on 1 May: not counted yet
        "missing": [],
        "wouldAdd": None,
    }
    assert found["preFulfillmentCancellationRate"]["assumed"] == {SELLER_CANCELLED: 1}
    for key in ("validTrackingRate", "onTimeDeliveryRate"):
        assert found[key] == {
            "files": orders,
            "assumed": {},
            "missing": [
                "no carrier scans or deliveries in these files (the Order Report and "
                "shipping confirmations carry none)"
            ],
            "wouldAdd": GET["scans"],
        }


def test_a_sample_with_every_csv_misses_nothing():
    account = datasets.load_sample("growing-brand", warn=False)
    found = coverage(account)
    for entry in found.entries:
        assert (entry.missing, entry.would_add) == ((), None), entry.metric
    # two cancelled orders have no cancellations row; one is in the 7-day window
    assert found.get("preFulfillmentCancellationRate").assumed == {SELLER_CANCELLED: 1}
    assert found.get("claims", "mfn").files == ("41942560087.csv",)


def test_orders_alone_leave_every_odr_part_unknown_not_zero(account_dir):
    account = sellerkit.load_account(
        account_dir({"o.txt": tsv([order(i, purchase_date=APRIL_20) for i in range(1, 6)])}),
        warn=False,
    )
    result = sellerkit.health(account, AS_OF)
    document = result.to_dict()
    odr = document["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    for part in ("negativeFeedback", "claims", "chargebacks"):
        assert odr[part] == {
            "count": None,
            "note": "no file in the folder gives it: unknown, not 0 (see coverage)",
        }
    assert odr["orderWithDefects"] == {"count": 0}  # a lower bound, with its note
    assert "the rate may be higher" in odr["note"]
    parts = document["coverage"]["orderDefectRate"]["mfn"]["parts"]
    assert parts["negativeFeedback"]["missing"] == [
        "no Seller Feedback report: negative feedback unknown, not 0 (Amazon makes no file "
        "when there is no 1–3 star feedback)"
    ]
    assert parts["negativeFeedback"]["wouldAdd"] == GET["feedback"]
    assert parts["claims"]["missing"] == [
        "no claims file or payments report: claims unknown, not 0"
    ]
    assert parts["chargebacks"]["wouldAdd"] == f"{GET['transactions']} and {GET['chargebacks']}"
    assert document["coverage"]["lateShipmentRate"]["missing"] == [
        "no ship-by days: no MFN Order Report or shipments.csv"
    ]
    assert document["coverage"]["preFulfillmentCancellationRate"]["missing"] == [
        "who asked for each cancellation: no cancellations.csv or MFN Order Report (every "
        "cancelled order counts as the seller's)"
    ]
    assert document["coverage"]["validTrackingRate"]["missing"] == [
        "no carrier scans or deliveries in these files"
    ]


def _shipping(account_dir, with_confirmations: bool) -> sellerkit.Account:
    """Orders 1–4 due 22 April; order 1 confirmed on time, 2–4 not confirmed; order 5 due
    1 May, not confirmed; a payment charges an A-to-z claim on order 1."""
    rows = [order(i, purchase_date=APRIL_20) for i in range(1, 5)]
    rows.append(order(5, purchase_date="2026-04-29T18:00:00+00:00"))
    report = order_report(
        [report_row(i, APRIL_20, SHIP_BY_22) for i in range(1, 5)]
        + [report_row(5, "2026-04-29T18:00:00+00:00", "2026-05-02T06:59:59+00:00")]
    )
    files = {"o.txt": tsv(rows), "report.txt": report}
    if with_confirmations:
        files["confirm.txt"] = confirmations([(oid(1), "2026-04-22", "UPS", "1Z001")])
    return sellerkit.load_account(account_dir(files), warn=False)


def test_unconfirmed_orders_are_counted_as_assumed_in_each_window(account_dir):
    found = coverage(_shipping(account_dir, True), AS_OF).get("lateShipmentRate")
    assert found.assumed == {
        NOT_SHIPPED.format(days=10): 3,
        NOT_SHIPPED.format(days=30): 3,
    }
    assert found.files == ("o.txt", "report.txt", "confirm.txt")
    assert found.missing == ()


def test_without_confirmations_ship_dates_are_missing(account_dir):
    found = coverage(_shipping(account_dir, False), AS_OF).get("lateShipmentRate")
    assert found.assumed == {}
    assert found.missing == (
        "no ship dates for 5 order(s): no shipping-confirmation file (left out)",
    )
    assert found.would_add == GET["confirmations"]


def test_the_report_section_is_markdown_of_the_same_lines(account_dir):
    files = {
        "o.txt": tsv([order(i, purchase_date="2026-03-10T18:00:00+00:00") for i in (1, 2)]),
        "my_payments.csv": transactions(
            [
                {
                    "date/time": "Mar 25, 2026 10:00:00 AM PDT",
                    "type": "A-to-z Guarantee Claim",
                    "order id": oid(1),
                    "total": "-19.99",
                }
            ]
        ),
    }
    account = sellerkit.load_account(account_dir(files), warn=False)
    result = sellerkit.health(account, AS_OF)
    text = coverage_markdown(result)
    lines = text.split("\n\n", 1)[1].splitlines()
    assert lines[:3] == [
        "- **Orders**: o.txt (All Orders report)",
        "- **ODR negative feedback**: no file; no Seller Feedback report: negative feedback "
        "unknown, not 0 (Amazon makes no file when there is no 1–3 star feedback) → add the "
        "Seller Feedback report (Performance › Feedback Manager, or "
        "GET\\_SELLER\\_FEEDBACK\\_DATA)",
        "- **ODR claims**: my\\_payments.csv (Date Range Transaction report); assumed: 1 "
        "claim(s) taken as granted against you (Transaction report); no claims.csv: claim "
        "status, reason and Buy Shipping unknown; claims Amazon funded, denied or withdrawn "
        "are in no download → add claims.csv (copied from Seller Central's A-to-z claims "
        "page)",
    ]
    assert len(lines) == 8
    assert text.startswith("Which files each figure was computed from")
    assert "as of 2026-04-30" in text


@pytest.mark.parametrize("argv", [["summary"], ["summary", "--json"], ["metrics", "--json"]])
def test_the_cli_shows_coverage(argv, capsys):
    path = str(datasets.sample_path("real-downloads"))
    assert main([argv[0], path, *argv[1:]]) == 0
    out = capsys.readouterr().out
    if "--json" in argv:
        found = json.loads(out)["coverage"]
        assert set(found) == {
            "orderDefectRate",
            "lateShipmentRate",
            "preFulfillmentCancellationRate",
            "validTrackingRate",
            "onTimeDeliveryRate",
        }
        assert set(found["orderDefectRate"]) == {"mfn", "afn"}
    else:
        assert "Coverage: what each figure was computed from" in out
        assert "  Valid Tracking Rate: no file; no carrier scans" in out
