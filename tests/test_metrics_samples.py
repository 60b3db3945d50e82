"""``sellerkit metrics --json`` on every sample account, field by field, against the
generator's own figures (computed from the data contract's rules without sellerkit.metrics),
and reconciliation with Amazon's performance report."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.cli import main
from sellerkit.datasets import oracle
from sellerkit.datasets.generate import generate

ALL = [*datasets.list_samples(), *(f"portfolio/{n}" for n in datasets.PORTFOLIO)]
# real-downloads: its files show only part of what happened (data contract R3-R6), so the
# oracle of what happened is not its figures; tests/test_sample_real_downloads.py checks it.
ORACLE = [name for name in ALL if name != "real-downloads"]


def _oracle(name: str, as_of: date) -> dict:
    """The generator's figures at ``as_of`` (regenerated: the bytes are the committed ones)."""
    sample = datasets.SAMPLES.get(name) or datasets.PORTFOLIO[name.split("/", 1)[1]]
    generated = generate(sample.spec, seed=sample.seed)
    shaped = {
        k: getattr(generated, k)
        for k in ("items", "feedback", "claims", "chargebacks", "shipments", "cancellations")
    }
    return oracle.metrics(sample.spec, generated.orders, shaped, as_of)


def _same(ours: dict, theirs: dict, fields: list[str], where: str) -> None:
    got = ours["reportingDateRange"]
    want = theirs["reportingDateRange"]
    assert got["reportingDateFrom"] == want["reportingDateFrom"][:10], where
    assert got["reportingDateTo"] == want["reportingDateTo"][:10], where
    for field in fields:
        assert ours[field] == theirs[field], (where, field)
    if theirs["rate"] is None:
        assert ours["rate"] is None, where
    else:
        assert ours["rate"] == pytest.approx(theirs["rate"]), where
    assert ours["status"] == theirs["status"], where
    assert ours["targetValue"] == theirs["targetValue"], where


@pytest.mark.parametrize("name", ORACLE)
def test_metrics_json_matches_the_generator_oracle(name, capsys):
    assert main(["metrics", str(datasets.sample_path(name)), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    oracle = _oracle(name, date.fromisoformat(document["asOf"]))
    metrics = document["performanceMetrics"][0]
    for scope in ("mfn", "afn"):
        _same(
            metrics["orderDefectRate"][scope],
            oracle["orderDefectRate"][scope],
            ["orderCount", "orderWithDefects", "claims", "chargebacks", "negativeFeedback"],
            f"{name} ODR {scope}",
        )
    for ours, theirs in zip(
        metrics["lateShipmentRateList"], oracle["lateShipmentRateList"], strict=True
    ):
        _same(ours, theirs, ["orderCount", "lateShipmentCount"], f"{name} LSR")
    _same(
        metrics["preFulfillmentCancellationRate"],
        oracle["preFulfillmentCancellationRate"],
        ["orderCount", "cancellationCount"],
        f"{name} PFCR",
    )
    _same(
        metrics["validTrackingRate"],
        oracle["validTrackingRate"],
        ["shipmentCount", "validTrackingCount"],
        f"{name} VTR",
    )
    _same(
        metrics["onTimeDeliveryRate"],
        oracle["onTimeDeliveryRate"],
        ["shipmentCountWithValidTracking", "onTimeDeliveryCount"],
        f"{name} OTDR",
    )


@pytest.mark.parametrize("name", ALL)
def test_every_rate_in_the_json_carries_its_evidence(name, capsys):
    main(["metrics", str(datasets.sample_path(name)), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert set(document) >= {
        "account",
        "asOf",
        "marketplace",
        "performanceMetrics",
        "dataQuality",
        "rulesVersion",
    }
    metrics = document["performanceMetrics"][0]
    entries = [
        *metrics["orderDefectRate"].values(),
        *metrics["lateShipmentRateList"],
        metrics["preFulfillmentCancellationRate"],
        metrics["validTrackingRate"],
        metrics["onTimeDeliveryRate"],
        *metrics["validTrackingRateByCategory"].values(),
    ]
    for entry in entries:
        assert {
            "reportingDateRange",
            "rate",
            "targetValue",
            "targetCondition",
            "status",
            "enforced",
            "interval",
            "smallSample",
            "probabilityPastTarget",
        } <= set(entry)
        assert entry["interval"]["method"] == "wilson"
        assert entry["interval"]["level"] == 0.95
        if entry["rate"] is not None:
            assert entry["interval"]["low"] <= entry["rate"] <= entry["interval"]["high"]


def test_truth_files_hold_the_oracle_at_the_samples_end():
    for name in datasets.list_samples():
        truth = datasets.load_truth(name)
        assert truth["metricsAsOf"] == _oracle(name, date.fromisoformat(truth["asOf"]))


def test_small_seller_figures(capsys):
    main(["metrics", str(datasets.sample_path("small-seller")), "--json"])
    odr = json.loads(capsys.readouterr().out)["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    assert (odr["orderCount"], odr["orderWithDefects"]["count"], odr["status"]) == (46, 1, "BAD")
    assert odr["smallSample"] is True
    assert 0.5 < odr["probabilityPastTarget"] < 0.9


def test_eu_on_time_delivery_is_recommended_not_enforced(capsys):
    main(["metrics", str(datasets.sample_path("eu-seller")), "--json"])
    otdr = json.loads(capsys.readouterr().out)["performanceMetrics"][0]["onTimeDeliveryRate"]
    assert (otdr["targetValue"], otdr["enforced"]) == (0.97, False)


# Reconciliation -------------------------------------------------------------------------


def test_growing_brand_reconciles_exactly_with_amazons_report():
    account = datasets.load_sample("growing-brand", warn=False)
    result = sellerkit.reconcile(account)
    assert result.matches
    assert len(result.table) == 20
    compared = [e for e in result.entries if e.compared]
    assert len(compared) == 7
    assert all(e.notes[-1].endswith("sellerkit matches Amazon's report.") for e in compared)
    as_of = date.fromisoformat(datasets.load_truth("growing-brand")["performanceReportAsOf"])
    assert result.table["last_day"].max() == as_of


def test_reconciliation_explains_what_it_can_see():
    account = datasets.load_sample("growing-brand", warn=False)
    document = copy.deepcopy(account.performance[0])
    entry = document["performanceMetrics"][0]
    entry["orderDefectRate"]["mfn"]["negativeFeedback"]["count"] += 2
    entry["orderDefectRate"]["afn"]["orderCount"] += 15
    entry["orderDefectRate"]["afn"]["claims"]["count"] -= 1
    window = entry["lateShipmentRateList"][0]["reportingDateRange"]
    window["reportingDateFrom"] = "2026-04-13T00:00:00Z"  # 11 days, not 10
    result = sellerkit.reconcile(account, document)
    assert not result.matches
    text = "\n".join(result.explanations)
    assert "2 negative feedback removed or struck through since Amazon's report" in text
    assert "15 orders of this window are missing from your downloads" in text
    assert "claims your CSV counts but Amazon did not" in text
    assert "Amazon's window is 11 days, sellerkit's rule 10" in text


def test_orders_download_starting_late_is_named():
    account = datasets.load_sample("growing-brand", warn=False)
    document = copy.deepcopy(account.performance[0])
    odr = document["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    odr["reportingDateRange"] = {
        "reportingDateFrom": "2025-08-01T00:00:00Z",
        "reportingDateTo": "2025-09-29T23:59:59Z",
    }
    odr["orderCount"] = 999
    text = "\n".join(sellerkit.reconcile(account, document).explanations)
    assert "your orders files start on 2025-09-01, after the window starts on 2025-08-01" in text


def test_metrics_json_carries_reconciliation_and_quality(capsys):
    main(["metrics", str(datasets.sample_path("growing-brand")), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert document["reconciliation"]["matches"] is True
    assert document["dataQuality"]["assumedSellerCancellations"] == 2


def test_metrics_cli_text_and_errors(capsys, tmp_path):
    path = str(datasets.sample_path("small-seller"))
    assert main(["metrics", path, "--age-out"]) == 0
    out = capsys.readouterr().out
    assert "2.2 % (1 of 46 orders; 95 % interval" in out
    assert "small sample" in out
    assert "counts until" in out
    assert main(["metrics", path, "--as-of", "yesterday"]) == 2
    assert "as-of is not a date" in capsys.readouterr().err
    # A bad day stops the command before the folder is read: one line, no load warnings
    # before it (found by a new-user trial).
    assert (
        main(["metrics", str(datasets.sample_path("growing-brand")), "--as-of", "2026-02-30"]) == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "as-of is not a date" in err[0]
    assert "2026-02-30" in err[0]


def test_the_figures_quoted_in_the_docs():
    """docs/metrics.md and the README quote the small seller; keep them true."""
    account = datasets.load_sample("small-seller", warn=False)
    rate = sellerkit.health(account).rate("orderDefectRate", "mfn")
    assert rate.describe().startswith("2.2 % (1 of 46 orders; 95 % interval 0.38 %–11.3 %)")
    assert round(100 * (1 - rate.probability_past_target)) == 18
