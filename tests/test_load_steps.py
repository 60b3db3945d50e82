"""The steps of ``load_account``, each on its own: tiny hand-built folders and frames."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from sellerkit.account import Account
from sellerkit.errors import AccountError, ConfigError
from sellerkit.io.account import check_folder
from sellerkit.io.checks import (
    check_assumed_cancellations,
    check_future_dates,
    check_orders_without_shipment,
    future_rows,
    note_missing_kinds,
    source_files,
)
from sellerkit.io.choose_marketplace import choose_marketplace, given_marketplace
from sellerkit.io.config import AccountConfig
from sellerkit.io.derive import order_level
from sellerkit.io.folder import list_files, orders_reports, recognised, sniff_files
from sellerkit.io.read_files import read_tables
from sellerkit.io.schema import Kind
from sellerkit.io.scope import scope_masks, scope_orders
from sellerkit.marketplaces import get_marketplace
from sellerkit.quality import DataQuality
from tests.conftest import feedback_tsv, order, tsv

US = get_marketplace("US")


def _items(ids: list[str], channels: list[str], **columns: list[object]) -> pd.DataFrame:
    """Item rows as a read gives them: ``sales_channel`` a category, a ``source_file``."""
    return pd.DataFrame(
        {
            "order_id": ids,
            "sales_channel": pd.Categorical(channels),
            "source_file": pd.Categorical(["o.txt"] * len(ids)),
            **columns,
        }
    )


# list files, recognise kinds ---------------------------------------------------------------


def test_check_folder_names_what_is_wrong(tmp_path):
    with pytest.raises(AccountError, match="folder not found"):
        check_folder(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(AccountError, match="is a file, not a folder"):
        check_folder(tmp_path / "a.txt")
    assert check_folder(str(tmp_path)) == tmp_path


def test_list_files_leaves_out_system_files_and_notes_sub_folders(account_dir):
    folder = account_dir(
        {
            "b.txt": "x",
            "a.txt": "x",
            ".hidden": "x",
            "~$open.xlsx": "x",
            "Thumbs.db": "x",
            "account.toml": 'name = "x"\n',
        }
    )
    (folder / "old").mkdir()
    quality = DataQuality()
    assert [p.name for p in list_files(folder, quality)] == ["a.txt", "b.txt"]
    assert quality.notes == ["sub-folder old/ ignored: an account is one folder"]


def test_orders_reports_are_required_and_skipped_files_named(account_dir):
    folder = account_dir({"notes.txt": "hello\n", "o.txt": tsv([order(1)])})
    candidates = sniff_files(list_files(folder, DataQuality()), None, None)
    assert [s.path.name for s in orders_reports(candidates, folder)] == ["o.txt"]
    with pytest.raises(AccountError, match=r"holds no All Orders report \(skipped notes.txt: "):
        orders_reports([s for s in candidates if s.path.name == "notes.txt"], folder)


def test_recognised_keeps_known_kinds_and_lists_the_others(account_dir):
    folder = account_dir(
        {
            "notes.txt": "hello\n",
            "o.txt": tsv([order(1)]),
            "f.txt": feedback_tsv([("3/20/26", "1", "x", "", "111-0000001-0000001", "")]),
        }
    )
    quality = DataQuality()
    candidates = sniff_files(list_files(folder, quality), None, None)
    kept = recognised(candidates, US, None, quality)
    assert {s.path.name: s.kind for s in kept} == {"f.txt": Kind.FEEDBACK, "o.txt": Kind.ORDERS}
    assert [name for name, _ in quality.unrecognised_files] == ["notes.txt"]


# choose marketplace ------------------------------------------------------------------------


def test_the_caller_wins_over_account_toml_and_a_bad_code_names_the_file(tmp_path):
    config = AccountConfig(marketplace="DE")
    assert given_marketplace("uk", config, tmp_path).code == "UK"
    assert given_marketplace(None, config, tmp_path).code == "DE"
    assert given_marketplace(None, AccountConfig(), tmp_path) is None
    with pytest.raises(ConfigError, match=r"account\.toml.*unknown marketplace.*XX"):
        given_marketplace(None, AccountConfig(marketplace="XX"), tmp_path)


def test_the_sales_channel_seen_most_chooses_the_marketplace(account_dir):
    rows = [order(1, sales_channel="Amazon.co.uk"), order(2, sales_channel="Amazon.co.uk")]
    rows.append(order(3, sales_channel="Amazon.com"))
    folder = account_dir({"o.txt": tsv(rows)})
    quality = DataQuality()
    orders = sniff_files(list_files(folder, quality), None, None)
    assert choose_marketplace(orders, None, quality).code == "UK"
    assert quality.notes == []


def test_no_sales_channel_means_the_default_with_a_note(account_dir):
    folder = account_dir({"o.txt": tsv([order(1, sales_channel="Non-Amazon")])})
    quality = DataQuality()
    orders = sniff_files(list_files(folder, quality), None, None)
    assert choose_marketplace(orders, None, quality).code == "US"
    assert quality.notes == [
        "o.txt: no sales-channel names a marketplace and account.toml sets none: US assumed "
        "(set marketplace in account.toml)"
    ]


# read and combine --------------------------------------------------------------------------


def test_read_tables_combines_overlapping_downloads_and_lists_every_file(account_dir):
    folder = account_dir({"1.txt": tsv([order(1), order(2)]), "2.txt": tsv([order(2), order(3)])})
    quality = DataQuality()
    sniffed = sniff_files(list_files(folder, quality), None, US)
    read = read_tables(sniffed, US, None, False, quality)
    assert sorted(read.tables[Kind.ORDERS]["order_id"]) == [
        "111-0000001-0000001",
        "111-0000002-0000001",
        "111-0000003-0000001",
    ]
    assert read.files == [("1.txt", "orders", "utf-8", 2), ("2.txt", "orders", "utf-8", 2)]
    assert quality.count("duplicateRowsRemoved") == 1
    assert read.order_codes is not None
    assert read.order_codes.tolist() == [0, 1, 2]
    assert read.tables[Kind.CLAIMS].empty  # a kind without a file: an empty table
    assert "claim_status" in read.tables[Kind.CLAIMS].columns


# scope -------------------------------------------------------------------------------------


def test_scope_masks_decide_per_category():
    items = _items(["a", "b", "c", "d"], ["Amazon.com", "Non-Amazon", "Amazon.de", "amazon.com"])
    non_amazon, other = scope_masks(items, US)
    assert non_amazon.tolist() == [False, True, False, False]
    assert other.tolist() == [False, False, True, False]


def test_scope_orders_keeps_the_marketplace_and_counts_the_rest():
    items = _items(["a", "b", "b", "c"], ["Amazon.com", "Non-Amazon", "Non-Amazon", "Amazon.de"])
    before = items.copy()
    quality = DataQuality()
    kept, codes = scope_orders(items, np.array([0, 1, 1, 2]), US, quality)
    assert kept["order_id"].tolist() == ["a"]
    assert codes is not None
    assert codes.tolist() == [0]
    assert quality.count("nonAmazonOrders") == 1  # one order of two rows
    assert quality.count("otherMarketplaceOrders") == 1
    issue = next(i for i in quality.issues if i.code == "otherMarketplaceOrders")
    assert issue.message.startswith("o.txt: 1 order(s) from other marketplaces than Amazon.com")
    pd.testing.assert_frame_equal(items, before)  # the input is not modified


def test_scope_orders_in_scope_returns_the_same_rows():
    items = _items(["a"], ["Amazon.com"])
    quality = DataQuality()
    kept, codes = scope_orders(items, None, US, quality)
    assert kept is items
    assert codes is None
    assert quality.count("nonAmazonOrders") == quality.count("otherMarketplaceOrders") == 0


# check -------------------------------------------------------------------------------------


def test_cancelled_seller_orders_without_a_row_are_assumed_the_sellers():
    items = _items(["a", "a", "b", "c"], ["Amazon.com"] * 4)
    quality = DataQuality()
    cancelled_mfn = np.array([True, True, True, False])
    check_assumed_cancellations(items, cancelled_mfn, pd.Series(["b"]), quality)
    issue = next(i for i in quality.issues if i.code == "assumedSellerCancellations")
    assert (issue.count, issue.examples, issue.files) == (1, ("a",), ("o.txt",))


def test_open_seller_orders_without_a_shipments_row_are_counted():
    items = _items(["a", "b", "b", "c"], ["Amazon.com"] * 4)
    quality = DataQuality()
    open_mfn = np.array([True, True, True, False])
    check_orders_without_shipment(items, open_mfn, pd.Series(["a"]), quality)
    assert quality.count("ordersWithoutShipment") == 1  # b, once for its two rows


def test_future_rows_compare_local_days_and_leave_promises_alone():
    stamps = pd.to_datetime(["2026-03-10 23:30", "2026-03-11 00:30"]).tz_localize(
        "America/Los_Angeles"
    )
    orders = pd.DataFrame({"order_id": ["a", "b"], "purchase_date": stamps})
    assert future_rows(Kind.ORDERS, orders, date(2026, 3, 10)).tolist() == [False, True]
    shipments = pd.DataFrame(
        {
            "order_id": ["a"],
            **{
                c: pd.to_datetime(["2026-04-01"])
                for c in ("latest_ship_date", "promised_delivery_date")
            },
            **{
                c: pd.to_datetime([None]) for c in ("ship_date", "first_scan_date", "delivery_date")
            },
        }
    )
    assert not future_rows(Kind.SHIPMENTS, shipments, date(2026, 3, 10)).any()
    quality = DataQuality()
    check_future_dates({Kind.ORDERS: orders, Kind.SHIPMENTS: shipments}, date(2026, 3, 10), quality)
    issue = next(i for i in quality.issues if i.code == "futureDatedRows")
    assert issue.message.startswith("1 orders row(s) are dated after today (2026-03-10)")
    assert issue.files == ()  # these rows carry no source_file


def test_source_files_in_file_order():
    rows = pd.DataFrame({"source_file": ["b.txt", "a.txt", "b.txt"]})
    assert source_files(rows) == ("b.txt", "a.txt")
    assert source_files(rows.iloc[:0]) == ()
    assert source_files(pd.DataFrame({"x": [1]})) == ()


def test_a_note_names_the_kinds_no_file_gives():
    quality = DataQuality()
    note_missing_kinds(frozenset({"orders", "feedback", "claims", "shipments"}), quality)
    assert quality.notes == [
        "no chargebacks, cancellations file: metrics that need them will say so"
    ]
    quality = DataQuality()
    note_missing_kinds({"feedback", "claims", "chargebacks", "shipments", "cancellations"}, quality)
    assert quality.notes == []


# the pipeline: every step together ---------------------------------------------------------


def test_the_steps_make_the_account_load_account_makes(account_dir):
    import sellerkit

    folder = account_dir(
        {
            "1.txt": tsv([order(1), order(2, sales_channel="Non-Amazon")]),
            "2.txt": tsv([order(1), order(3)]),
        }
    )
    account = sellerkit.load_account(folder, warn=False, today=date(2026, 4, 1), cache=False)
    assert isinstance(account, Account)
    ids = account.order_items["order_id"].tolist()
    assert ids == ["111-0000001-0000001", "111-0000003-0000001"]
    assert account.quality.count("nonAmazonOrders") == 1
    assert account.files.to_dict("records") == [
        {"file": "1.txt", "kind": "orders", "encoding": "utf-8", "rows": 2},
        {"file": "2.txt", "kind": "orders", "encoding": "utf-8", "rows": 2},
    ]
    # Two downloads: the orders were numbered while combining; the order table is built on
    # first use from those numbers, and equals the one a hash pass over the ids gives.
    assert "orders" not in account.__dict__
    assert account.loaded_items is not None
    assert account.loaded_items.numbers is not None
    pd.testing.assert_frame_equal(account.orders, order_level(account.order_items))


@pytest.mark.parametrize("cache", [True, False])
def test_the_order_table_is_that_of_the_rows_as_loaded_with_or_without_the_load_cache(
    account_dir, cache
):
    """account.orders is the order table of the item rows as loaded, whether the load cache
    restored it or it is built on first use: setting cells of order_items (an order's
    status, an id, a quantity) before or after never changes it. An account made with
    the edited rows builds its table from them."""
    import dataclasses

    import sellerkit

    folder = account_dir(
        {
            "1.txt": tsv([order(1), order(2), order(2, sku="B")]),
            "2.txt": tsv([order(1), order(3)]),
        }
    )
    day = date(2026, 4, 1)
    sellerkit.load_account(folder, warn=False, today=day, cache=cache)  # stores it
    expected = sellerkit.load_account(folder, warn=False, today=day, cache=False).orders
    account = sellerkit.load_account(folder, warn=False, today=day, cache=cache)
    items = account.order_items
    items.loc[items["order_id"] == "111-0000003-0000001", "order_id"] = "111-0000001-0000001"
    items["order_status"] = items["order_status"].cat.add_categories(["Cancelled"])
    items.loc[items["order_id"] == "111-0000002-0000001", "order_status"] = "Cancelled"
    items.loc[:, "quantity"] = 5
    pd.testing.assert_frame_equal(account.orders, expected)
    assert account.orders["quantity"].tolist() == [2, 1, 1]
    orders = account.orders  # built from read-only rows, it takes an order-level what-if
    orders.loc[0, "order_date"] = pd.Timestamp("2026-07-01")
    orders.loc[0, "is_cancelled"] = True
    orders.loc[0, "quantity"] = 9
    orders.loc[0, "channel"] = "AFN"
    assert (bool(orders.loc[0, "is_cancelled"]), orders.loc[0, "channel"]) == (True, "AFN")
    edited = dataclasses.replace(account, order_items=items)
    pd.testing.assert_frame_equal(edited.orders, order_level(items))
    assert sorted(edited.orders["order_id"]) == ["111-0000001-0000001", "111-0000002-0000001"]
    assert edited.orders["is_cancelled"].tolist() == [True, False]
