"""The cache of whole loads (sellerkit.io.load_cache): the same account, table for table,
for the very same folder, day and code — and a fresh load for anything else."""

from __future__ import annotations

import os
import shutil
import warnings
from datetime import date

import pandas as pd
import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.io import load_cache
from tests.conftest import order, tree_fingerprint, tsv

TABLES = (
    "files",
    "order_items",
    "orders",
    "feedback",
    "claims",
    "chargebacks",
    "shipments",
    "cancellations",
)


@pytest.fixture
def cache_folder(monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.delenv("SELLERKIT_CACHE", raising=False)
    monkeypatch.setenv("SELLERKIT_CACHE_DIR", str(folder))
    return folder


def _refuse_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("loaded again although the cache holds this load")

    monkeypatch.setattr("sellerkit.io.load_steps.read_config", refuse)


def _same(first: sellerkit.Account, second: sellerkit.Account) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert first.quality == second.quality
    assert first.performance == second.performance
    assert (first.name, first.marketplace, first.seller_id, first.today) == (
        second.name,
        second.marketplace,
        second.seller_id,
        second.today,
    )


@pytest.mark.parametrize(
    "sample", ["growing-brand", "small-seller", "eu-seller", "jp-seller", "portfolio/juniper-baby"]
)
def test_a_cached_load_is_the_same_account(sample, cache_folder, tmp_path, monkeypatch):
    folder = tmp_path / "account"
    shutil.copytree(datasets.sample_path(sample), folder)
    fresh = sellerkit.load_account(folder, warn=False, cache=False)
    first = sellerkit.load_account(folder, warn=False)
    _same(fresh, first)
    _refuse_loading(monkeypatch)
    second = sellerkit.load_account(folder, warn=False)
    _same(fresh, second)
    assert sellerkit.health(second).to_dict() == sellerkit.health(fresh).to_dict()


def test_a_cached_load_warns_as_the_load_did(cache_folder, account_dir):
    old = order(2, order_status="Unshipped", last_updated_date="2026-03-10T19:00:00+00:00")
    new = order(2, order_status="Shipped", last_updated_date="2026-03-12T19:00:00+00:00")
    folder = account_dir({"a.txt": tsv([order(1), new]), "b.txt": tsv([old])})
    with warnings.catch_warnings(record=True) as first:
        warnings.simplefilter("always")
        sellerkit.load_account(folder)
    with warnings.catch_warnings(record=True) as second:
        warnings.simplefilter("always")
        sellerkit.load_account(folder)
    assert [str(w.message) for w in second] == [str(w.message) for w in first]
    assert any("changed between downloads" in str(w.message) for w in second)


@pytest.mark.parametrize(
    "change",
    ["edit a cell, same size", "add a file", "remove a file", "rename a file", "account.toml"],
)
def test_any_change_to_the_folder_loads_again(change, cache_folder, account_dir):
    folder = account_dir({"o.txt": tsv([order(1), order(2)]), "p.txt": tsv([order(3)])})
    assert len(sellerkit.load_account(folder, warn=False).orders) == 3
    path = folder / "o.txt"
    if change == "edit a cell, same size":
        stat = path.stat()
        path.write_text(tsv([order(1, quantity="7"), order(2)]))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        expected = [7, 1, 1]
    elif change == "add a file":
        (folder / "q.txt").write_text(tsv([order(4)]))
        expected = [1, 1, 1, 1]
    elif change == "remove a file":
        (folder / "p.txt").unlink()
        expected = [1, 1]
    elif change == "rename a file":
        (folder / "p.txt").rename(folder / "a.txt")
        expected = [1, 1, 1]
    else:
        (folder / "account.toml").write_text('name = "Renamed"\n')
        expected = [1, 1, 1]
    account = sellerkit.load_account(folder, warn=False)
    assert account.orders.sort_values("order_id")["quantity"].tolist() == expected
    if change == "rename a file":
        assert "a.txt" in set(account.files["file"])
    if change == "account.toml":
        assert account.name == "Renamed"


def test_another_day_or_marketplace_is_another_load(cache_folder, account_dir):
    folder = account_dir({"o.txt": tsv([order(1, purchase_date="2026-03-20T18:00:00+00:00")])})
    before = sellerkit.load_account(folder, warn=False, today=date(2026, 3, 19))
    after = sellerkit.load_account(folder, warn=False, today=date(2026, 3, 21))
    assert before.quality.to_dict()["futureDatedRows"] == 1
    assert after.quality.to_dict()["futureDatedRows"] == 0
    assert sellerkit.load_account(folder, warn=False, marketplace="CA").marketplace.code == "CA"
    assert load_cache.key(folder, None, None) != load_cache.key(folder, "CA", None)


def test_the_load_cache_leaves_the_folder_as_it_was_and_holds_no_buyer_data(
    cache_folder, account_dir
):
    folder = account_dir({"o.txt": tsv([order(1), order(2)])})
    before = tree_fingerprint(folder)
    sellerkit.load_account(folder, warn=False)
    sellerkit.load_account(folder, warn=False)
    assert tree_fingerprint(folder) == before
    stored = list(cache_folder.glob("*.load"))
    assert len(stored) == 1
    for file in stored[0].iterdir():
        data = file.read_bytes()
        assert b"Springfield" not in data
        assert b"90210" not in data


def test_off_and_a_damaged_load_are_passed_over(cache_folder, account_dir, monkeypatch):
    folder = account_dir({"o.txt": tsv([order(1)])})
    sellerkit.load_account(folder, warn=False, cache=False)
    assert not list(cache_folder.glob("*.load")) if cache_folder.exists() else True
    sellerkit.load_account(folder, warn=False)
    (stored,) = cache_folder.glob("*.load")
    (stored / "order_items.arrow").write_bytes(b"damaged")
    assert len(sellerkit.load_account(folder, warn=False).orders) == 1
    monkeypatch.setenv("SELLERKIT_CACHE", "off")
    _refuse_loading(monkeypatch)
    with pytest.raises(AssertionError, match="loaded again"):
        sellerkit.load_account(folder, warn=False)


def test_a_stored_load_is_one_record_batch_and_read_only_views_are_the_same_figures(
    cache_folder, tmp_path
):
    """Each stored table is one record batch (pandas takes its columns without
    concatenating chunks), and ``editable=False`` gives the same tables and figures as the
    writable default while leaving Arrow's read-only views in place."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    folder = tmp_path / "account"
    shutil.copytree(datasets.sample_path("growing-brand"), folder)
    writable = sellerkit.load_account(folder, warn=False)
    (stored,) = cache_folder.glob("*.load")
    for name in TABLES:
        table = ipc.open_file(pa.memory_map(str(stored / f"{name}.arrow"))).read_all()
        assert all(column.num_chunks <= 1 for column in table.columns), name
    views = sellerkit.load_account(folder, warn=False, editable=False)
    _same(writable, views)
    assert sellerkit.health(views).to_dict() == sellerkit.health(writable).to_dict()
    writable.order_items.loc[0, "quantity"] = 7  # a what-if sets a cell
    assert writable.order_items.loc[0, "quantity"] == 7
    with pytest.raises(ValueError, match="read-only"):  # no copy was made
        views.order_items.loc[0, "quantity"] = 7


def test_every_column_of_a_cached_load_takes_a_what_if(cache_folder, tmp_path):
    """On a load the cache holds (its columns are views of a memory-mapped file), a cell can
    be set in every kind of column — time stamps with a zone, days, numbers, booleans,
    categories, text — by .loc, .at and .iloc (time stamps with a zone were left read-only:
    found by a breaker)."""
    folder = tmp_path / "account"
    shutil.copytree(datasets.sample_path("small-seller"), folder)
    sellerkit.load_account(folder, warn=False)
    account = sellerkit.load_account(folder, warn=False)  # from the cache
    items, orders = account.order_items, account.orders
    when = pd.Timestamp("2026-07-01 09:00", tz=items["purchase_date"].dt.tz)
    items.loc[items.index[0], "purchase_date"] = when
    items.at[items.index[1], "last_updated_date"] = when
    items.iloc[0, items.columns.get_loc("quantity")] = 3
    items.loc[items.index[0], "is_business_order"] = True
    items.loc[items.index[0], "order_status"] = items["order_status"].iloc[1]
    items.loc[items.index[0], "sku"] = "SKU-WHAT-IF"
    orders.loc[0, "order_date"] = pd.Timestamp("2026-07-01")
    orders.loc[0, "is_cancelled"] = True
    assert items["purchase_date"].iloc[0] == when
    assert items["sku"].iloc[0] == "SKU-WHAT-IF"
    assert bool(orders["is_cancelled"].iloc[0])
