"""Every public function meets every awkward-but-valid account of the catalogue."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import sellerkit
from sellerkit.account import TABLES
from sellerkit.cli import main
from sellerkit.export import export_tables, neutralize_formulas
from sellerkit.views import account_to_dict
from tests.edge_cases import EDGE_CASES


@pytest.fixture(params=sorted(EDGE_CASES), ids=sorted(EDGE_CASES))
def edge_account(request, account_dir) -> sellerkit.Account:
    folder = account_dir(EDGE_CASES[request.param], name=request.param)
    return sellerkit.load_account(folder, warn=False)


def test_tables_have_their_columns_and_types(edge_account):
    assert set(edge_account.orders.columns) >= {
        "order_id",
        "order_date",
        "channel",
        "is_cancelled",
        "quantity",
    }
    for name in TABLES:
        table = edge_account.table(name)
        assert "order_id" in table.columns
        assert table["order_id"].notna().all()
    assert edge_account.orders["order_date"].dtype == "datetime64[s]"


def test_views(edge_account):
    text = str(edge_account)
    assert text.startswith(f"Account   {edge_account.name} (US, Amazon.com)\n")
    assert "\nTables\n" in text
    assert "\nData quality\n" in text
    assert "<div" in edge_account._repr_html_()
    assert repr(edge_account).startswith("<Account")
    summary = edge_account.summary()
    assert list(summary["table"]) == list(TABLES)
    json.dumps(account_to_dict(edge_account))


def test_export_and_cli(edge_account, tmp_path, capsys):
    export_tables(edge_account, tmp_path / "out")
    frame = pd.read_csv(tmp_path / "out" / "order_items.csv", dtype=str, keep_default_na=False)
    for column in frame.columns:
        assert not frame[column].str.match(r"^[=+\-@]").any(), column
    assert main(["summary", str(edge_account.path)]) == 0
    assert main(["summary", str(edge_account.path), "--json"]) == 0


def test_order_table_agrees_with_items(edge_account):
    orders, items = edge_account.orders, edge_account.order_items
    assert len(orders) == items["order_id"].nunique()
    assert orders["quantity"].sum() == items["quantity"].sum()
    assert orders["order_id"].is_unique


def test_pure_functions_do_not_mutate(edge_account):
    items = edge_account.order_items
    before = items.copy()
    neutralize_formulas(items)
    pd.testing.assert_frame_equal(items, before)


def test_unicode_name(account_dir):
    folder = account_dir(EDGE_CASES["unicode-everywhere"])
    account = sellerkit.load_account(folder, warn=False)
    assert account.name == "Ünïcødé Shop ☕"
    assert account.order_items["product_name"].iloc[0] == "Çay bardağı 🍵 – 6 adet"


def test_metrics_meet_every_edge_case(edge_account, capsys):
    if edge_account.last_order_day is None:
        with pytest.raises(sellerkit.InputError, match="no orders"):
            sellerkit.health(edge_account)
        assert main(["metrics", str(edge_account.path)]) == 2
        err = capsys.readouterr().err.splitlines()
        assert [line for line in err if not line.startswith("warning: ")] == [
            line for line in err if line.startswith("error: ")
        ]
        assert sum(line.startswith("error: ") for line in err) == 1
        result = sellerkit.health(edge_account, "2026-03-31")
    else:
        result = sellerkit.health(edge_account)
        assert main(["metrics", str(edge_account.path), "--json"]) == 0
        json.loads(capsys.readouterr().out)
    assert str(result).startswith(
        f"{edge_account.name} · US · as of {result.as_of} · rules {result.rules.version}"
    )
    assert "<table>" in result._repr_html_()
    json.dumps(result.to_dict())
    assert len(result.summary) == len(result.rates)
    daily = sellerkit.history(edge_account, "2026-03-01", "2026-03-31")
    assert len(daily["date"].unique()) == 31
    calendar = sellerkit.age_out(edge_account, result.as_of)
    # No edge account holds a counted defect (the only feedback is on an unknown order).
    assert calendar.defects.empty
    assert str(calendar) == f"No counted order defect in the ODR window as of {result.as_of}."
