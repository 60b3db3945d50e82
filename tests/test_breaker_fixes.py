"""Hostile inputs found by the breaker review of the reports, history and store (issues 14
and 16): each one a test."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sellerkit.cli import main
from sellerkit.export import mask_contacts
from sellerkit.metrics import amazon_report as amazon
from sellerkit.report.batch import report_names
from sellerkit.report.store import StoreError, check_store_path, read_figures
from tests.test_snapshots import ORDERS, US, report, span


def test_report_names_never_collide_nor_take_the_portfolios_name():
    names = report_names([Path("a b"), Path("a-b"), Path("index"), Path("shop"), Path("x!")])
    assert len(set(names.values())) == 5
    assert names["shop"] == "shop"
    assert names["x!"] == "x"
    assert names["index"].startswith("index-")
    assert names["a b"] != names["a-b"]


@pytest.mark.parametrize(
    "value", [20260102, "2026-W20", "2026-04-31", "0001-01-01", "9999-12-31", "zzz", None]
)
def test_only_readable_days_of_sensible_years_date_a_window(value):
    item = {"reportingDateRange": {"reportingDateFrom": "2026-04-01", "reportingDateTo": value}}
    assert amazon.window(item) is None


def test_a_report_is_dated_by_its_readable_windows_of_the_accounts_marketplace():
    good = {"reportingDateRange": span("2026-04-01", "2026-04-23"), "rate": 0.1}
    bad = {"reportingDateRange": {"reportingDateFrom": 1, "reportingDateTo": 20991231}}
    other = {"reportingDateRange": span("2026-07-01", "2026-07-23")}
    document = {
        "performanceMetrics": [
            {"marketplaceId": US, "lateShipmentRate": good, "validTrackingRate": bad},
            {"marketplaceId": "A2EUQ1WTGCTBG2", "lateShipmentRate": other},
        ]
    }
    assert amazon.report_day(document, US) == "2026-04-23"
    assert amazon.report_day(document) == "2026-07-23"


@pytest.mark.parametrize("digits", [400, 5000])
def test_numbers_too_long_for_a_float_are_no_figure_and_no_crash(account_dir, capsys, digits):
    text = report("2026-03-17", {"ahrStatus": "GOOD", "ahrScore": 1}).replace(
        '"ahrScore": 1', '"ahrScore": ' + "9" * digits
    )
    folder = account_dir({"o.txt": ORDERS, "p.json": text})
    status = main(["history", str(folder), "--json"])
    if digits == 400:  # read as JSON: the score is no number Amazon gives
        assert status == 0
        assert json.loads(capsys.readouterr().out)["snapshots"][0]["ahrScore"] is None
    else:  # longer than Python reads a number: the file is named, exit 2
        assert status == 2
        assert "p.json" in capsys.readouterr().err


def test_a_store_path_that_cannot_be_written_stops_before_rendering(tmp_path):
    with pytest.raises(StoreError, match="names a folder"):
        check_store_path(tmp_path)
    with pytest.raises(StoreError, match="folder does not exist"):
        check_store_path(tmp_path / "no" / "such" / "h.duckdb")
    check_store_path(tmp_path / "h.duckdb")  # a new file in a writable folder: fine


def test_an_empty_duckdb_file_is_a_store_without_runs(tmp_path):
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    assert read_figures(path) == {}


def test_sellerkits_own_pages_in_an_account_folder_are_skipped(account_dir, capsys):
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        '<meta content="sellerkit" name="generator"/></head><body>report</body></html>'
    )
    folder = account_dir({"o.txt": ORDERS, "report.html": page})
    assert main(["metrics", str(folder)]) == 0
    assert "skipped report.html: a page sellerkit wrote" in capsys.readouterr().err


def test_an_output_inside_the_accounts_folder_is_refused(tmp_path, capsys):
    root = tmp_path / "accounts"
    (root / "shop").mkdir(parents=True)
    assert main(["batch", str(root), "-o", str(root / "reports")]) == 2
    assert "inside the accounts folder" in capsys.readouterr().err


def test_contact_details_in_free_text_are_masked_on_export():
    frame = pd.DataFrame({"comments": ["Call +1 555 123 4567 or a.b@example.com", "ok"]})
    masked = mask_contacts(frame)
    assert masked["comments"].tolist() == ["Call [phone] or [e-mail]", "ok"]
    assert frame["comments"][0].startswith("Call +1")  # the input is not changed
