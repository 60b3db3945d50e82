"""The bundled samples: they load, match their truth, and are exactly what the generator
writes (one source)."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

import sellerkit
from sellerkit import datasets
from tests.conftest import tree_fingerprint

ALL = [*datasets.list_samples(), *(f"portfolio/{n}" for n in datasets.PORTFOLIO)]


@pytest.mark.parametrize("name", ALL)
def test_every_sample_loads(name):
    account = datasets.load_sample(name, warn=False)
    assert len(account.orders) > 0
    assert account.last_order_day is not None
    assert account.quality.unrecognised_files == []


@pytest.mark.parametrize("name", datasets.list_samples())
def test_samples_match_the_generator_truth(name):
    account = datasets.load_sample(name, warn=False)
    counts = datasets.load_truth(name)["counts"]
    assert len(account.orders) == counts["orders"]
    assert len(account.order_items) == counts["orderItems"]
    assert len(account.feedback) == counts["feedbackRows"]
    assert len(account.claims) == counts["claims"]
    assert len(account.chargebacks) == counts["chargebacks"]
    assert len(account.shipments) == counts["shipmentRows"]
    assert len(account.cancellations) == counts["cancellationRows"]


def test_small_seller_is_the_feared_case():
    truth = datasets.load_truth("small-seller")["metricsAsOf"]["orderDefectRate"]["mfn"]
    assert 40 <= truth["orderCount"] <= 50
    assert truth["orderWithDefects"]["count"] == 1
    assert truth["claims"]["count"] == 1
    assert truth["status"] == "BAD"


def test_growing_brand_has_what_the_issue_asks():
    account = datasets.load_sample("growing-brand", warn=False)
    assert 2_000 <= len(account.orders) <= 6_000
    assert set(account.orders["channel"].astype(str)) == {"MFN", "AFN"}
    assert account.orders["is_business_order"].any()
    assert (account.orders["item_rows"] > 1).any()
    span = account.orders["order_date"].max() - account.orders["order_date"].min()
    assert 7 * 30 <= span.days <= 9 * 30
    weekly = account.orders.groupby(account.orders["order_date"].dt.to_period("W")).size()
    assert weekly.max() > 2 * weekly.median()  # the holiday peak
    causes = {c["cause"] for c in datasets.load_truth("growing-brand")["planted"]}
    assert causes == {
        "sku-not-as-described-claims",
        "carrier-missing-scans",
        "weekend-orders-ship-late",
        "damaged-item-feedback-spike",
    }
    quality = account.quality.to_dict()
    assert quality["duplicateRowsRemoved"] > 0
    assert quality["updatedOrders"] > 0  # orders shipped between the overlapping downloads
    assert quality["conflictingDuplicates"] == 0
    assert quality["orphanClaims"] > 0
    assert quality["assumedSellerCancellations"] == 2
    assert len(account.performance) == 1


def test_eu_and_jp_samples_use_their_encodings():
    eu = datasets.load_sample("eu-seller", warn=False)
    assert set(eu.files.loc[eu.files["kind"].isin(["orders", "feedback"]), "encoding"]) == {
        "cp1252"
    }
    assert eu.order_items["product_name"].str.contains("ü|ä|ö|ß").any()
    assert eu.marketplace.code == "DE"
    jp = datasets.load_sample("jp-seller", warn=False)
    assert jp.marketplace.code == "JP"
    assert "cp932" in set(jp.files["encoding"])
    assert jp.feedback["comments"].str.contains("届").any()


def test_performance_report_agrees_with_the_truth():
    account = datasets.load_sample("growing-brand", warn=False)
    report = account.performance[0]["performanceMetrics"][0]
    assert report["marketplaceId"] == account.marketplace.marketplace_id
    odr = report["orderDefectRate"]["mfn"]
    assert odr["orderCount"] > 0
    assert odr["rate"] == odr["orderWithDefects"]["count"] / odr["orderCount"]


def test_committed_samples_are_exactly_what_the_generator_writes(tmp_path):
    datasets.write_samples(tmp_path)
    committed = datasets.sample_root()
    for folder in [p for p in tmp_path.rglob("*") if p.is_dir()]:
        relative = folder.relative_to(tmp_path)
        comparison = filecmp.dircmp(folder, committed / relative)
        assert comparison.left_only == [], relative
        assert comparison.right_only == [] or comparison.right_only == ["README.md"], relative
        _, mismatch, errors = filecmp.cmpfiles(
            folder, committed / relative, comparison.common_files, shallow=False
        )
        assert mismatch == [], (relative, mismatch)
        assert errors == [], (relative, errors)


def test_write_samples_refuses_to_overwrite(tmp_path):
    datasets.write_samples(tmp_path, ["small-seller"])
    before = tree_fingerprint(tmp_path)
    with pytest.raises(sellerkit.InputError, match="already exists"):
        datasets.write_samples(tmp_path, ["small-seller"])
    assert tree_fingerprint(tmp_path) == before


def test_loading_samples_leaves_them_untouched():
    root = datasets.sample_root()
    before = tree_fingerprint(root)
    for name in datasets.list_samples():
        datasets.load_sample(name, warn=False)
    assert tree_fingerprint(root) == before


def test_sample_path_rejects_unknown_names():
    with pytest.raises(KeyError, match="must be one of"):
        datasets.sample_path("nope")
    assert Path(datasets.sample_path("portfolio/acme-outdoors")).is_dir()
