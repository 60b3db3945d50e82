"""Reconciliation with Amazon's seller performance report: every entry is compared or listed
with the reason, "matches" only when something was compared and agreed, and Amazon's own
figures (account status, Account Health Rating, warnings, policy violations) are shown.

The hand-built reports sit beside 10 seller-fulfilled orders placed on 2026-03-10 (US), so a
7-day cancellation window 2026-03-04 … 2026-03-10 holds 10 orders and no cancellation.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.cli import main
from sellerkit.metrics.reconcile import Reconciliation
from sellerkit.report.summary import reconciliation_markdown
from tests.conftest import order, tsv

CASE = Path(__file__).parent / "data" / "cases" / "perf-no-counts" / "account"
US = "ATVPDKIKX0DER"
ORDERS = tsv([order(i, purchase_date="2026-03-10T18:00:00+00:00") for i in range(1, 11)])


def span(first: str, last: str) -> dict[str, str]:
    return {"reportingDateFrom": f"{first}T00:00:00Z", "reportingDateTo": f"{last}T23:59:59Z"}


CANCEL_WEEK = span("2026-03-04", "2026-03-10")


def reconcile(account_dir, metrics: dict[str, Any], **document: Any) -> Reconciliation:
    """Reconcile a report holding ``metrics`` for the US with the 10 orders."""
    report = {"performanceMetrics": [{"marketplaceId": US, **metrics}], **document}
    folder = account_dir({"o.txt": ORDERS, "perf.json": json.dumps(report)})
    return sellerkit.reconcile(sellerkit.load_account(folder, warn=False))


def only(result: Reconciliation) -> dict[str, Any]:
    (entry,) = result.to_dict()["entries"]
    return entry


# The case: a window, a rate, a status and no counts -------------------------------------


def test_perf_no_counts_compares_nothing_and_says_so():
    result = sellerkit.health(sellerkit.load_account(CASE, warn=False))
    section = result.to_dict()["reconciliation"]
    assert section["matches"] is False
    assert section["fieldsCompared"] == 0
    assert section["rows"] == []
    assert section["entries"] == [
        {
            "key": "lateShipmentRate",
            "metric": "lateShipmentRate",
            "scope": "",
            "compared": False,
            "reason": "no counts",
            "amazon": {
                "rate": 0.5,
                "status": "BAD",
                "reportingDateRange": {
                    "reportingDateFrom": "2026-07-01",
                    "reportingDateTo": "2026-07-30",
                },
            },
            "notes": [
                "Late Shipment Rate: Amazon shows 50 % BAD for 2026-07-01 … 2026-07-30 without "
                "counts, so sellerkit cannot compare it."
            ],
        }
    ]
    text = str(result.reconciliation)
    assert "matches" not in text
    assert text.splitlines()[1] == (
        "  Nothing was compared: no entry of Amazon's report gives counts for a window of a "
        "metric sellerkit computes (each entry and why below)."
    )
    assert (
        "  - Late Shipment Rate: Amazon shows 50 % BAD for 2026-07-01 … 2026-07-30 without "
        "counts, so sellerkit cannot compare it."
    ) in str(result).splitlines()


def test_perf_no_counts_through_the_cli(capsys):
    assert main(["metrics", str(CASE), "--json"]) == 0
    section = json.loads(capsys.readouterr().out)["reconciliation"]
    assert section["matches"] is False
    assert [e["reason"] for e in section["entries"]] == ["no counts"]
    assert main(["metrics", str(CASE)]) == 0
    out = capsys.readouterr().out
    assert "sellerkit matches" not in out
    assert "without counts, so sellerkit cannot compare it" in out


# What is compared -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["preFulfillmentCancellationRate", "prefulfillmentCancelRate"])
def test_both_spellings_of_the_cancellation_rate_are_compared(account_dir, key):
    figures = {"reportingDateRange": CANCEL_WEEK, "orderCount": 10, "cancellationCount": 0}
    result = reconcile(account_dir, {key: {**figures, "rate": 0.0, "status": "GOOD"}})
    assert result.matches
    entry = only(result)
    assert (entry["key"], entry["metric"], entry["compared"], entry["reason"]) == (
        key,
        "preFulfillmentCancellationRate",
        True,
        "agrees",
    )
    assert result.table[["field", "amazon", "sellerkit"]].values.tolist() == [
        ["orderCount", 10, 10],
        ["cancellationCount", 0, 0],
    ]
    assert entry["notes"] == [
        "Pre-fulfillment Cancellation Rate, 2026-03-04 … 2026-03-10: sellerkit matches "
        "Amazon's report."
    ]


def test_one_differing_field_means_no_match(account_dir):
    figures = {"reportingDateRange": CANCEL_WEEK, "orderCount": 10, "cancellationCount": 2}
    result = reconcile(account_dir, {"prefulfillmentCancelRate": figures})
    assert not result.matches
    assert only(result)["reason"] == "differs"
    assert result.headline() == (
        "sellerkit differs from Amazon's report on 1 of 2 fields compared in 1 entry."
    )


def test_a_match_on_some_fields_names_the_fields_amazon_left_out(account_dir):
    figures = {"reportingDateRange": CANCEL_WEEK, "orderCount": 10}
    result = reconcile(account_dir, {"preFulfillmentCancellationRate": figures})
    assert result.matches
    assert only(result)["notes"] == [
        "Pre-fulfillment Cancellation Rate, 2026-03-04 … 2026-03-10: sellerkit matches "
        "Amazon's report; cancellationCount not in Amazon's entry."
    ]


def test_growing_brand_matches_on_every_compared_entry():
    account = datasets.load_sample("growing-brand", warn=False)
    section = sellerkit.health(account).to_dict()["reconciliation"]
    assert section["matches"] is True
    assert section["fieldsCompared"] == 20
    assert [(e["key"], e["reason"]) for e in section["entries"]] == [
        ("orderDefectRate.mfn", "agrees"),
        ("orderDefectRate.afn", "agrees"),
        ("lateShipmentRate", "duplicate"),
        ("lateShipmentRateList[0]", "agrees"),
        ("lateShipmentRateList[1]", "agrees"),
        ("preFulfillmentCancellationRate", "agrees"),
        ("validTrackingRate", "agrees"),
        ("onTimeDeliveryRate", "agrees"),
        ("accountHealthRating", "not computed by sellerkit"),
    ]
    assert section["amazonFigures"]["accountStatus"] == "AT_RISK"
    assert section["amazonFigures"]["ahrStatus"] == "GREAT"


def test_the_readme_quotes_the_growing_brand_reconciliation_as_it_is():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    quoted = readme[readme.index("Reconciliation with") : readme.index("Order defects in")]
    lines = [line for line in quoted.splitlines() if line.strip() not in ("…", "")]
    text = str(sellerkit.health(datasets.load_sample("growing-brand", warn=False))).splitlines()
    assert len(lines) == 10
    assert [line for line in lines if line not in text] == []


# What is listed, and why ------------------------------------------------------------------


def test_an_entry_without_a_window_is_listed(account_dir):
    figures = {"orderCount": 10, "cancellationCount": 0, "rate": 0.0, "status": "GOOD"}
    result = reconcile(account_dir, {"preFulfillmentCancellationRate": figures})
    assert not result.matches
    entry = only(result)
    assert (entry["compared"], entry["reason"]) == (False, "no window")
    assert entry["notes"] == [
        "Pre-fulfillment Cancellation Rate: Amazon shows 0 % GOOD (0 of 10 orders) without a "
        "readable window (reportingDateRange), so sellerkit cannot tell which days to compare."
    ]
    assert "Nothing was compared" in str(result)


def test_a_status_alone_is_listed(account_dir):
    result = reconcile(
        account_dir, {"validTrackingRate": {"reportingDateRange": CANCEL_WEEK, "status": "GOOD"}}
    )
    assert only(result)["reason"] == "status only"
    assert only(result)["notes"] == [
        "Valid Tracking Rate: Amazon shows only a status, GOOD for 2026-03-04 … 2026-03-10; "
        "nothing to compare."
    ]


def test_unit_on_time_delivery_is_compared_in_units(account_dir):
    figures = {
        "reportingDateRange": span("2026-02-20", "2026-03-05"),
        "unitOnTimeDeliveryCount": 146,
        "totalUnitCount": 165,
        "rate": 0.8848,
        "status": "GOOD",
    }
    result = reconcile(account_dir, {"unitOnTimeDeliveryRate": figures})
    entry = only(result)
    assert (entry["metric"], entry["compared"], entry["reason"]) == (
        "unitOnTimeDeliveryRate",
        True,
        "differs",
    )
    # the 10 orders have no shipments file: no tracked unit in sellerkit's window
    rows = result.table.set_index("field")
    assert rows.loc["totalUnitCount", ["amazon", "sellerkit"]].tolist() == [165, 0]
    assert rows.loc["unitOnTimeDeliveryCount", ["amazon", "sellerkit"]].tolist() == [146, 0]
    assert "Amazon counts 165 units, sellerkit 0" in entry["notes"][0]
    assert not result.matches


def test_invoice_defect_rate_is_listed_as_not_computed(account_dir):
    figures = {
        "reportingDateRange": span("2026-02-20", "2026-03-05"),
        "invoiceDefect": {"count": 2},
        "orderCount": 40,
        "rate": 0.05,
        "status": "BAD",
    }
    entry = only(reconcile(account_dir, {"invoiceDefectRate": figures}))
    assert (entry["metric"], entry["compared"], entry["reason"]) == (
        "invoiceDefectRate",
        False,
        "not computed by sellerkit",
    )
    assert entry["notes"] == [
        "Invoice Defect Rate: Amazon shows 5 % BAD (2 of 40 orders) for "
        "2026-02-20 … 2026-03-05; sellerkit does not compute this metric."
    ]


def test_unknown_keys_are_kept_and_listed(account_dir):
    result = reconcile(account_dir, {"sellerTrustScore": {"rate": 0.1, "status": "BAD"}})
    entry = only(result)
    assert (entry["key"], entry["reason"]) == ("sellerTrustScore", "unknown to sellerkit")
    assert entry["notes"] == [
        "sellerTrustScore: unknown to sellerkit, not compared (Amazon's report shows 10 % BAD)."
    ]


@pytest.mark.parametrize(
    ("metrics", "key", "reason"),
    [
        ({"lateShipmentRate": "n/a"}, "lateShipmentRate", "malformed"),
        ({"validTrackingRate": None}, "validTrackingRate", "malformed"),
        ({"onTimeDeliveryRate": [1, 2]}, "onTimeDeliveryRate", "malformed"),
        ({"orderDefectRate": "GOOD"}, "orderDefectRate", "malformed"),
        ({"orderDefectRate": {"mfn": 0.01}}, "orderDefectRate.mfn", "malformed"),
        (
            {"orderDefectRate": {"b2b": {"rate": 0.0}}},
            "orderDefectRate.b2b",
            "unknown to sellerkit",
        ),
        ({"lateShipmentRateList": "x"}, "lateShipmentRateList", "malformed"),
        ({"lateShipmentRateList": [None]}, "lateShipmentRateList[0]", "malformed"),
        (
            {"listingPolicyViolations": {"defectsCount": "86"}},
            "listingPolicyViolations",
            "malformed",
        ),
        ({"accountHealthRating": "GREAT"}, "accountHealthRating", "malformed"),
        ({"warningStates": {"warningType": "x"}}, "warningStates", "malformed"),
        ({"somethingNew": 3}, "somethingNew", "unknown to sellerkit"),
        (
            {"prefulfillmentCancelRate": {"reportingDateRange": "last week", "orderCount": 3}},
            "prefulfillmentCancelRate",
            "no window",
        ),
        (
            {"validTrackingRate": {"reportingDateRange": span("2026-03-10", "2026-03-01")}},
            "validTrackingRate",
            "no figures",
        ),
    ],
)
def test_odd_shapes_are_listed_never_a_crash(account_dir, metrics, key, reason):
    result = reconcile(account_dir, metrics)
    entry = only(result)
    assert (entry["key"], entry["compared"], entry["reason"]) == (key, False, reason)
    assert not result.matches
    assert "Nothing was compared" in str(result)
    json.dumps(result.to_dict())  # the JSON can be written


def test_odd_documents_are_read_without_a_crash(account_dir):
    result = reconcile(
        account_dir,
        {"orderDefectRate": {"mfn": {"reportingDateRange": None, "rate": "high"}}},
        accountStatuses="NORMAL",
    )
    assert only(result)["reason"] == "no figures"
    assert result.figures.to_dict()["accountStatus"] is None
    folder = account_dir({"o.txt": ORDERS})
    account = sellerkit.load_account(folder, warn=False)
    junk = {"performanceMetrics": ["junk", None, {"marketplaceId": "A1F83G8C2ARO7P"}]}
    result = sellerkit.reconcile(account, junk)
    assert result.entries == ()
    assert not result.matches
    assert result.explanations == [
        "The report has no figures for marketplace US (ATVPDKIKX0DER).",
        "The report also holds marketplace(s) A1F83G8C2ARO7P, not compared: this account is "
        "US (ATVPDKIKX0DER).",
    ]


def test_the_report_document_is_not_modified(account_dir):
    account = sellerkit.load_account(account_dir({"o.txt": ORDERS}), warn=False)
    document = {
        "performanceMetrics": [
            {
                "marketplaceId": US,
                "prefulfillmentCancelRate": {"reportingDateRange": CANCEL_WEEK, "orderCount": 10},
                "accountHealthRating": {"ahrStatus": "GREAT"},
            }
        ]
    }
    before = copy.deepcopy(document)
    sellerkit.reconcile(account, document)
    assert document == before


# Amazon's own figures ---------------------------------------------------------------------


AMAZONS_FIGURES = {
    "accountHealthRating": {
        "ahrStatus": "WARNED",
        "ahrScore": 180,
        "reportingDateRange": span("2025-09-12", "2026-03-10"),
    },
    "warningStates": [{"warningType": "spammingSellerMessaging", "status": "BAD"}],
    "listingPolicyViolations": {
        "reportingDateRange": span("2025-09-12", "2026-03-10"),
        "defectsCount": 2,
        "status": "BAD",
        "targetValue": 0,
        "targetCondition": "EQUALS",
    },
    "productAuthenticityCustomerComplaints": {
        "reportingDateRange": span("2025-09-12", "2026-03-10"),
        "defectsCount": 0,
        "status": "GOOD",
    },
}
STATUSES = [{"marketplaceId": US, "status": "AT_RISK"}, {"marketplaceId": "X", "status": "NORMAL"}]


@pytest.fixture
def with_figures(account_dir) -> sellerkit.AccountHealth:
    report = {
        "accountStatuses": STATUSES,
        "performanceMetrics": [{"marketplaceId": US, **AMAZONS_FIGURES}],
    }
    folder = account_dir({"o.txt": ORDERS, "perf.json": json.dumps(report)})
    return sellerkit.health(sellerkit.load_account(folder, warn=False))


def test_amazons_figures_are_in_the_json(with_figures):
    section = with_figures.to_dict()["reconciliation"]
    assert section["amazonFigures"] == {
        "accountStatus": "AT_RISK",
        "accountStatuses": {US: "AT_RISK", "X": "NORMAL"},
        "ahrStatus": "WARNED",
        "ahrScore": 180,
        "warningStates": [{"warningType": "spammingSellerMessaging", "status": "BAD"}],
        "policyViolations": {
            "listingPolicyViolations": 2,
            "productAuthenticityCustomerComplaints": 0,
        },
    }
    assert [(e["key"], e["reason"]) for e in section["entries"]] == [
        (key, "not computed by sellerkit") for key in AMAZONS_FIGURES
    ]
    assert section["matches"] is False


def test_amazons_figures_are_in_the_text(with_figures):
    text = str(with_figures)
    block = text[text.index("  As Amazon's report shows them") :].splitlines()
    assert block == [
        "  As Amazon's report shows them (sellerkit does not compute these):",
        "  - Account status: At risk (AT_RISK)",
        "  - Account Health Rating: Warned (WARNED) · score 180",
        "  - Warning states: spammingSellerMessaging BAD",
        "  - Policy violations: Listing policy violations 2; Product authenticity customer "
        "complaints 0",
    ]
    assert (
        "  - Listing policy violations: Amazon shows 2 BAD for 2025-09-12 … 2026-03-10; "
        "sellerkit does not compute policy violations."
    ) in text.splitlines()


def test_the_account_report_section_shows_amazons_figures(with_figures):
    markdown = reconciliation_markdown(with_figures)
    assert "**As Amazon's report shows them (sellerkit does not compute these)**" in markdown
    assert "- Account status: At risk (AT\\_RISK)" in markdown
    assert "- Account Health Rating: Warned (WARNED) · score 180" in markdown


def test_the_report_section_escapes_what_the_report_holds(account_dir):
    report = {"performanceMetrics": [{"marketplaceId": US, "<b>x</b>": {"rate": 0.1}}]}
    folder = account_dir({"o.txt": ORDERS, "perf.json": json.dumps(report)})
    markdown = reconciliation_markdown(sellerkit.health(sellerkit.load_account(folder, warn=False)))
    assert "<b>" not in markdown
    assert "&lt;b&gt;x&lt;/b&gt;: unknown to sellerkit" in markdown


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1, 2.5])
def test_a_count_that_is_no_count_is_not_compared(account_dir, bad):
    """NaN, Infinity (Python's JSON reads both), a negative or a fractional count is no
    count: listed, never compared, never a crash."""
    entry = {"reportingDateRange": CANCEL_WEEK, "cancellationCount": bad, "orderCount": bad}
    result = reconcile(account_dir, {"preFulfillmentCancellationRate": entry})
    assert only(result)["compared"] is False
    assert not result.matches
    json.dumps(result.to_dict())
