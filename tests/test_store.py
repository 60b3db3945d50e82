"""The history store of batch runs (issue 16): figures of every run kept, read back in run
order, Amazon's snapshots kept once, a store of another schema migrated or refused with a
message; the portfolio's trend, week-over-week change and "approaching" flag from it."""

from __future__ import annotations

import json
from types import SimpleNamespace

import duckdb
import pytest

from sellerkit.report import store
from sellerkit.report.portfolio import portfolio_page
from sellerkit.report.store import StoreError, account_history, read_figures, record_run
from sellerkit.report.trend import approaching, change_text, sparkline, week_ago


def figures(as_of: str, odr: float, status: str = "GOOD", snapshots=()) -> dict:
    return {
        "name": "Shop",
        "marketplace": "US",
        "asOf": as_of,
        "metrics": {
            "orderDefectRate/mfn": {
                "title": "Order Defect Rate (seller-fulfilled)",
                "rate": odr,
                "numerator": round(odr * 1000),
                "denominator": 1000,
                "status": status,
                "target": 0.01,
                "condition": "LESS_THAN",
                "smallSample": False,
            }
        },
        "snapshots": list(snapshots),
    }


SNAP = {
    "date": "2026-11-20",
    "source": "perf.json",
    "accountStatus": "NORMAL",
    "ahrStatus": "GOOD",
    "ahrScore": 230,
    "policyViolations": {},
    "metrics": {},
}


def test_two_runs_give_a_trend_in_run_order(tmp_path):
    path = tmp_path / store.STORE_NAME
    record_run(path, "2026-11-15T06:00:00", "0.1", {"shop": figures("2026-11-14", 0.004)})
    record_run(
        path, "2026-11-22T06:00:00", "0.1", {"shop": figures("2026-11-21", 0.009, snapshots=[SNAP])}
    )
    stored = read_figures(path)["shop"]
    assert [(f.as_of, f.rate) for f in stored] == [("2026-11-14", 0.004), ("2026-11-21", 0.009)]
    history = account_history(path, "shop")
    assert [r["asOf"] for r in history["runs"]] == ["2026-11-14", "2026-11-21"]
    assert history["snapshots"] == [SNAP]
    # recording the same run again replaces it, and a snapshot is kept once
    record_run(
        path, "2026-11-22T06:00:00", "0.1", {"shop": figures("2026-11-21", 0.008, snapshots=[SNAP])}
    )
    assert [f.rate for f in read_figures(path)["shop"]] == [0.004, 0.008]
    assert len(account_history(path, "shop")["snapshots"]) == 1


def test_an_unknown_account_lists_the_known_ones(tmp_path):
    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    with pytest.raises(StoreError, match=r"holds no account named 'shopp'.*one of: shop"):
        account_history(path, "shopp")
    with pytest.raises(StoreError, match="no history store at"):
        account_history(tmp_path / "missing.duckdb", "shop")


def test_a_store_of_an_older_schema_without_migration_is_refused(tmp_path, monkeypatch):
    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE sellerkit_store SET schema_version = 0")
    with pytest.raises(StoreError, match="has store schema 0, which this sellerkit cannot migrate"):
        record_run(path, "r2", "0.1", {"shop": figures("2026-11-21", 0.004)})
    with pytest.raises(StoreError, match="schema 0"):
        read_figures(path)


def test_a_store_of_an_older_schema_is_migrated_when_sellerkit_knows_how(tmp_path, monkeypatch):
    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE sellerkit_store SET schema_version = 0")
        connection.execute("ALTER TABLE figures DROP COLUMN small_sample")
    migration = "ALTER TABLE figures ADD COLUMN small_sample BOOLEAN DEFAULT false"
    monkeypatch.setattr(store, "MIGRATIONS", {0: migration})
    with pytest.raises(StoreError, match="the next batch run migrates it"):
        read_figures(path)  # reading never changes the store
    record_run(path, "r2", "0.1", {"shop": figures("2026-11-21", 0.005)})
    assert [f.rate for f in read_figures(path)["shop"]] == [0.004, 0.005]


def test_a_store_of_a_newer_sellerkit_or_another_database_is_refused(tmp_path):
    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE sellerkit_store SET schema_version = 7")
    with pytest.raises(StoreError, match="written by a newer sellerkit"):
        read_figures(path)
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as connection:
        connection.execute("CREATE TABLE sales (x INTEGER)")
    with pytest.raises(StoreError, match="not a sellerkit history store"):
        record_run(other, "r1", "0.1", {})
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open the history store"):
        read_figures(text)


@pytest.mark.parametrize(
    ("rate", "target", "condition", "expected"),
    [
        (0.0079, 0.01, "LESS_THAN", False),  # 79 % of the way to 1 %
        (0.008, 0.01, "LESS_THAN", True),  # 80 %
        (0.0099, 0.01, "LESS_THAN", True),
        (0.01, 0.01, "LESS_THAN", False),  # at target: past it, not approaching
        (0.961, 0.95, "GREATER_THAN", False),  # from 100 %: 78 % of the way to 95 %
        (0.96, 0.95, "GREATER_THAN", True),  # 80 %
        (0.951, 0.95, "GREATER_THAN", True),
        (None, 0.95, "GREATER_THAN", False),
    ],
)
def test_approaching_is_measured_in_the_targets_direction(rate, target, condition, expected):
    assert approaching(rate, target, condition, 0.8) is expected


def test_week_over_week_compares_with_the_run_a_week_before():
    points = [("2026-11-07", 0.004), ("2026-11-14", 0.006), ("2026-11-18", 0.007)]
    assert week_ago(points, "2026-11-21") == ("2026-11-14", 0.006)
    assert week_ago(points, "2026-11-10") is None
    assert change_text(0.009, ("2026-11-14", 0.006)) == "▲ 0.3 pp since 2026-11-14"
    assert change_text(0.006, ("2026-11-14", 0.006)) == "no change since 2026-11-14"
    assert change_text(0.009, None) == "–"


def test_sparkline_says_its_values_in_words():
    assert sparkline([0.01]) == ""
    line = sparkline([0.004, None, 0.009])
    assert 'aria-label="trend over the stored runs: 0.40 %, 0.90 %"' in line
    assert line.count(",") == 3  # two points


def test_the_portfolio_flags_approaching_metrics_and_shows_the_trend(tmp_path):
    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    record_run(path, "r2", "0.1", {"shop": figures("2026-11-21", 0.009)})
    job = SimpleNamespace(
        account="shop",
        status="ok",
        reason="",
        report="shop.html",
        retries=0,
        figures=figures("2026-11-21", 0.009),
    )
    page, near = portfolio_page([job], "r2", read_figures(path), warn_at=0.8)
    assert near == {"shop": ["orderDefectRate/mfn"]}
    assert "⚠ approaching target" in page
    assert "▲ 0.5 pp since 2026-11-14, worse" in page
    assert 'class="sk-spark"' in page
    assert 'data-status="NEAR"' in page  # the filter's place: its worst metric
    assert "no performance report" in page  # the "Amazon says" column
    page, near = portfolio_page([job], "r2", read_figures(path), warn_at=0.95)
    assert near == {"shop": []}


def test_history_command_reads_the_store(tmp_path, capsys):
    from sellerkit.cli import main

    path = tmp_path / store.STORE_NAME
    record_run(path, "r1", "0.1", {"shop": figures("2026-11-14", 0.004)})
    record_run(path, "r2", "0.1", {"shop": figures("2026-11-21", 0.012, "BAD", [SNAP])})
    assert main(["history", "--store", str(path), "shop"]) == 0
    text = capsys.readouterr().out
    assert "shop: 2 stored run(s)" in text
    assert "Order Defect Rate (seller-fulfilled): 1.2 % (12 of 1,000) · ✗ past target (BAD)" in text
    assert "2026-11-20 (perf.json): account NORMAL · Account Health Rating GOOD · score 230" in text
    assert main(["history", "--store", str(path), "shop", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["run"] for r in document["runs"]] == ["r1", "r2"]
    assert main(["history", "--store", str(path), "nope"]) == 2
    assert capsys.readouterr().err.startswith("error: ")
