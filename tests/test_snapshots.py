"""Amazon's performance reports as dated snapshots (issue 16): dated by the latest
reportingDateTo, in date order, Amazon's figures exactly as the files say, sellerkit's
figures for the same windows beside them, unknown keys kept, a missing score left missing,
two reports of one date with different figures both kept with a warning naming both files.

The hand-built account: 10 seller-fulfilled orders placed on 2026-03-10 (US), one of them
with negative feedback on 2026-03-12.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import sellerkit
from sellerkit.cli import main
from sellerkit.errors import DataQualityWarning
from sellerkit.metrics.snapshots import snapshots
from sellerkit.metrics.snapshots_text import metric_title
from tests.conftest import feedback_tsv, order, tsv

US = "ATVPDKIKX0DER"
ORDERS = tsv([order(i, purchase_date="2026-03-10T18:00:00+00:00") for i in range(1, 11)])
FEEDBACK = feedback_tsv([("3/12/26", "1", "late", "", "111-0000001-0000001", "")])


def span(first: str, last: str) -> dict[str, str]:
    return {"reportingDateFrom": f"{first}T00:00:00Z", "reportingDateTo": f"{last}T23:59:59Z"}


def report(last: str, ahr: dict[str, Any] | None = None, **metrics: Any) -> str:
    """A report whose cancellation window is the 7 days ending ``last``."""
    entry: dict[str, Any] = {
        "marketplaceId": US,
        "preFulfillmentCancellationRate": {
            "reportingDateRange": span(
                f"2026-03-{int(last[-2:]) - 6:02d}" if int(last[-2:]) > 6 else last, last
            ),
            "orderCount": 10,
            "cancellationCount": 0,
            "rate": 0.0,
            "status": "GOOD",
        },
        **metrics,
    }
    if ahr is not None:
        entry["accountHealthRating"] = ahr
    return json.dumps(
        {
            "accountStatuses": [{"marketplaceId": US, "status": "NORMAL"}],
            "performanceMetrics": [entry],
        }
    )


def load(account_dir, reports: dict[str, str]) -> sellerkit.Account:
    folder = account_dir({"o.txt": ORDERS, "f.txt": FEEDBACK, **reports})
    return sellerkit.load_account(folder, warn=False)


def test_snapshots_are_dated_by_their_latest_window_end_and_sorted(account_dir):
    account = load(
        account_dir,
        {
            # the file names sort the other way round from the dates
            "a-newest.json": report("2026-03-24", {"ahrStatus": "GOOD", "ahrScore": 230}),
            "b-oldest.json": report("2026-03-10", {"ahrStatus": "AT_RISK", "ahrScore": 180}),
            "c-middle.json": report("2026-03-17", {"ahrStatus": "FAIR", "ahrScore": 199.5}),
        },
    )
    history = snapshots(account)
    got = [
        (s.day.isoformat(), s.source, s.figures.ahr_status, s.figures.ahr_score)
        for s in history.snapshots
    ]
    assert got == [
        ("2026-03-10", "b-oldest.json", "AT_RISK", 180),
        ("2026-03-17", "c-middle.json", "FAIR", 199.5),
        ("2026-03-24", "a-newest.json", "GOOD", 230),
    ]


def test_a_snapshot_shows_amazons_figures_and_sellerkits_for_the_same_window(account_dir):
    odr = {
        "mfn": {
            "reportingDateRange": span("2026-01-20", "2026-03-20"),
            "orderCount": 10,
            "orderWithDefects": {"count": 1},
            "negativeFeedback": {"count": 1},
            "rate": 0.1,
            "status": "BAD",
        }
    }
    violations = {
        "listingPolicyViolations": {"status": "WARNING", "defectsCount": 3},
        "foodAndProductSafetyIssues": {"status": "GOOD", "defectsCount": 0},
    }
    account = load(
        account_dir,
        {"p.json": report("2026-03-20", {"ahrStatus": "GOOD"}, orderDefectRate=odr, **violations)},
    )
    (snap,) = snapshots(account).snapshots
    out = snap.to_dict()
    assert out["date"] == "2026-03-20"
    assert out["accountStatus"] == "NORMAL"
    assert out["ahrStatus"] == "GOOD"
    assert out["ahrScore"] is None  # the file gives no score: missing, not 0
    assert out["policyViolations"] == {
        "listingPolicyViolations": 3,
        "foodAndProductSafetyIssues": 0,
    }
    mfn = out["metrics"]["orderDefectRate.mfn"]
    assert (mfn["rate"], mfn["status"]) == (0.1, "BAD")
    assert mfn["counts"] == {"orderCount": 10, "orderWithDefects": 1, "negativeFeedback": 1}
    # sellerkit's figure for the same 60 days: 1 defective order of the 10 orders
    ours = mfn["sellerkit"]
    assert (ours["orderWithDefects"]["count"], ours["orderCount"], ours["status"]) == (1, 10, "BAD")
    assert ours["reportingDateRange"] == {
        "reportingDateFrom": "2026-01-20",
        "reportingDateTo": "2026-03-20",
    }
    cancel = out["metrics"]["preFulfillmentCancellationRate"]
    assert cancel["sellerkit"]["orderCount"] == 0  # the week 14 … 20 March has no order
    assert (cancel["rate"], cancel["status"]) == (0.0, "GOOD")


def test_unknown_keys_are_kept_and_sellerkit_leaves_them_alone(account_dir):
    extra = {
        "brandNewRate": {
            "reportingDateRange": span("2026-03-01", "2026-03-10"),
            "rate": 0.3,
            "status": "FAIR",
        },
        "unitOnTimeDeliveryRate": {
            "reportingDateRange": span("2026-02-20", "2026-03-05"),
            "unitOnTimeDeliveryCount": 95,
            "totalUnitCount": 100,
            "rate": 0.95,
            "status": "GOOD",
        },
    }
    account = load(account_dir, {"p.json": report("2026-03-10", **extra)})
    (snap,) = snapshots(account).snapshots
    metrics = snap.to_dict()["metrics"]
    assert metrics["brandNewRate"]["rate"] == 0.3
    assert metrics["brandNewRate"]["status"] == "FAIR"
    assert metrics["brandNewRate"]["sellerkit"] is None
    assert metrics["unitOnTimeDeliveryRate"]["counts"] == {
        "unitOnTimeDeliveryCount": 95,
        "totalUnitCount": 100,
    }


def test_two_reports_of_one_date_with_different_figures_warn_naming_both(account_dir):
    account = load(
        account_dir,
        {
            "monday.json": report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 230}),
            "monday-again.json": report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 210}),
        },
    )
    with pytest.warns(DataQualityWarning, match="monday-again.json and monday.json"):
        history = snapshots(account)
    assert [s.figures.ahr_score for s in history.snapshots] == [210, 230]


def test_the_same_report_saved_twice_counts_once_without_a_warning(account_dir):
    text = report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 230})
    account = load(account_dir, {"one.json": text, "one (1).json": text})
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataQualityWarning)
        history = snapshots(account)
    assert [s.source for s in history.snapshots] == ["one (1).json"]
    assert history.notes == (
        "one.json: the same figures as one (1).json for 2026-03-17; counted once",
    )


def test_a_report_without_any_window_is_left_out_with_its_name(account_dir):
    undated = json.dumps(
        {
            "performanceMetrics": [
                {"marketplaceId": US, "accountHealthRating": {"ahrStatus": "GOOD"}}
            ]
        }
    )
    account = load(account_dir, {"dated.json": report("2026-03-17"), "undated.json": undated})
    with pytest.warns(DataQualityWarning, match="undated.json: no readable reportingDateTo"):
        history = snapshots(account)
    assert [s.source for s in history.snapshots] == ["dated.json"]


def test_history_command_prints_the_json_of_the_issue(account_dir, capsys):
    folder = account_dir(
        {
            "o.txt": ORDERS,
            "w1.json": report("2026-03-10", {"ahrStatus": "AT_RISK", "ahrScore": 150}),
            "w2.json": report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 210}),
        }
    )
    assert main(["history", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["account"] == "shop"
    assert [(s["date"], s["source"], s["ahrScore"]) for s in out["snapshots"]] == [
        ("2026-03-10", "w1.json", 150),
        ("2026-03-17", "w2.json", 210),
    ]
    assert set(out["snapshots"][0]) >= {
        "date",
        "source",
        "accountStatus",
        "ahrStatus",
        "ahrScore",
        "policyViolations",
        "metrics",
    }
    assert main(["history", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "2 snapshots, 2026-03-10 … 2026-03-17" in text
    assert "Account Health Rating: At risk (AT_RISK) · score 150" in text


def test_an_account_without_reports_says_how_to_build_a_history(account_dir, capsys):
    folder = account_dir({"o.txt": ORDERS})
    assert main(["history", str(folder)]) == 0
    assert "download Amazon's performance report" in capsys.readouterr().out


def test_sample_history_matches_the_file(capsys):
    path = sellerkit.datasets.sample_path("growing-brand")
    document = json.loads(next(Path(path).glob("*.json")).read_text())
    assert main(["history", str(path), "--json"]) == 0
    (snap,) = json.loads(capsys.readouterr().out)["snapshots"]
    entry = document["performanceMetrics"][0]
    assert snap["metrics"]["lateShipmentRate"]["rate"] == entry["lateShipmentRate"]["rate"]
    assert snap["accountStatus"] == document["accountStatuses"][0]["status"]


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("orderDefectRate.mfn", "Order Defect Rate (seller-fulfilled)"),
        ("orderDefectRate.afn", "Order Defect Rate (FBA)"),
        ("lateShipmentRateList[0]", "Late Shipment Rate (list item 1)"),
        ("unitOnTimeDeliveryRate", "Unit On-Time Delivery Rate"),
        ("brandNewRate", "Brand new rate"),
    ],
)
def test_metric_titles(key, title):
    assert metric_title(key) == title


def test_the_charts_over_time_carry_each_snapshot(account_dir):
    from sellerkit import charts
    from sellerkit.report import tables

    account = load(
        account_dir,
        {
            "w1.json": report("2026-03-10", {"ahrStatus": "AT_RISK", "ahrScore": 150}),
            "w2.json": report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 210}),
        },
    )
    history = snapshots(account)
    spec = charts.rating_chart(history).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [(v["score"], v["status"]) for v in values] == [(150, "AT_RISK"), (210, "GOOD")]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1000]
    rates = charts.amazon_rates_chart(history).to_dict()
    rows = next(iter(rates["datasets"].values()))
    amazon = [r for r in rows if r["source"] == "Amazon"]
    assert {r["metric"] for r in amazon} == {"Pre-fulfillment Cancellation Rate"}
    assert [r["rate"] for r in amazon] == [0.0, 0.0]
    assert rates["facet"]["field"] == "metric"
    frame = tables.snapshots_frame(history)
    assert frame.to_dict(orient="records")[1] == {
        "date": history.snapshots[1].day,
        "source": "w2.json",
        "account_status": "Normal",
        "ahr": "Good, score 210",
        "violations": "–",
    }
    assert frame["ahr"].iloc[0] == "At risk, score 150"  # Amazon's codes in words


def test_a_folder_of_performance_reports_alone_gives_amazons_history(account_dir, capsys):
    folder = account_dir(
        {
            "w2.json": report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 210}),
            "w1.json": report("2026-03-10", {"ahrStatus": "AT_RISK", "ahrScore": 150}),
        },
        name="reports-only",
    )
    assert main(["history", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(s["date"], s["ahrScore"]) for s in out["snapshots"]] == [
        ("2026-03-10", 150),
        ("2026-03-17", 210),
    ]
    cancel = out["snapshots"][0]["metrics"]["preFulfillmentCancellationRate"]
    assert cancel["sellerkit"] is None
    assert cancel["rate"] == 0.0
    assert "no All Orders report in the folder" in out["notes"][0]
    empty = account_dir({"notes.txt": "hello"}, name="empty")
    assert main(["history", str(empty)]) == 2
    assert "holds no All Orders report and no seller performance report" in capsys.readouterr().err


def test_reports_of_two_marketplaces_without_orders_ask_which(account_dir, capsys):
    uk = json.loads(report("2026-03-10"))
    uk["performanceMetrics"][0]["marketplaceId"] = "A1F83G8C2ARO7P"
    folder = account_dir({"us.json": report("2026-03-10"), "uk.json": json.dumps(uk)}, name="two")
    assert main(["history", str(folder)]) == 2
    assert "several marketplaces (UK, US)" in capsys.readouterr().err
    assert main(["history", str(folder), "--marketplace", "UK", "--json"]) == 0
    (snap,) = json.loads(capsys.readouterr().out)["snapshots"]
    assert snap["source"] == "uk.json"


def test_a_failed_account_still_shows_what_amazons_report_says_in_the_portfolio(account_dir):
    """An account whose report fails (here: no orders file) keeps Amazon's own status in
    the portfolio's "Amazon says" column, read from its performance reports alone."""
    from sellerkit.report.batch import Job
    from sellerkit.report.figures import amazon_only
    from sellerkit.report.portfolio import _account_row

    folder = account_dir(
        {"w1.json": report("2026-03-10", {"ahrStatus": "AT_RISK", "ahrScore": 150})},
        name="reports-only",
    )
    snaps = amazon_only(folder)
    assert [(s["ahrStatus"], s["ahrScore"]) for s in snaps] == [("AT_RISK", 150)]
    assert amazon_only(account_dir({}, name="empty")) == []
    job = Job("reports-only", str(folder), "r.html", status="failed", amazon=snaps)
    row, _ = _account_row(job, [], [], 0.8, [])
    assert "At risk" in row
    assert "no performance report" not in row
