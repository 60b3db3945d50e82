"""Several downloads of one kind: shared rows removed, the newest version kept (decisions 9, 18)."""

from __future__ import annotations

import itertools

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import sellerkit
from sellerkit.io.combine import combine
from sellerkit.io.layouts import ORDERS
from tests.conftest import order, tsv


def test_identical_rows_across_files_are_removed(account_dir):
    folder = account_dir({"1.txt": tsv([order(1), order(2)]), "2.txt": tsv([order(2), order(3)])})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.order_items) == 3
    assert account.quality.to_dict()["duplicateRowsRemoved"] == 1
    assert account.quality.to_dict()["conflictingDuplicates"] == 0


def test_the_newest_version_wins(account_dir):
    old = order(2, order_status="Unshipped", last_updated_date="2026-03-10T19:00:00+00:00")
    new = order(2, order_status="Shipped", last_updated_date="2026-03-12T19:00:00+00:00")
    # The newer row is in the file whose name sorts first: the date decides, not the name.
    folder = account_dir({"a.txt": tsv([order(1), new]), "b.txt": tsv([old])})
    account = sellerkit.load_account(folder, warn=False)
    row = account.orders.set_index("order_id").loc["111-0000002-0000001"]
    assert row["order_status"] == "Shipped"
    assert account.quality.to_dict()["conflictingDuplicates"] == 1


def test_a_tie_goes_to_the_file_whose_name_sorts_last(account_dir):
    first = order(2, item_price="10.00")
    second = order(2, item_price="12.00")
    folder = account_dir({"2026-03.txt": tsv([first]), "2026-04.txt": tsv([second])})
    account = sellerkit.load_account(folder, warn=False)
    assert account.order_items["item_price"].tolist() == [12.0]
    assert account.order_items["source_file"].astype(str).tolist() == ["2026-04.txt"]


def test_same_order_different_items_are_not_duplicates(account_dir):
    rows = [order(1), order(1, order_item_id="99", sku="SKU-2")]
    account = sellerkit.load_account(account_dir({"1.txt": tsv(rows)}), warn=False)
    assert len(account.order_items) == 2
    assert account.quality.to_dict()["duplicateRowsRemoved"] == 0


def test_combine_does_not_mutate_its_input():
    frame = pd.DataFrame(
        {"order_id": ["a", "a"], "order_item_id": ["1", "1"], "last_updated_date": [1, 2]}
    )
    before = frame.copy()
    combine([("x.txt", frame)], ORDERS)
    pd.testing.assert_frame_equal(frame, before)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=30),
    cuts=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=3),
    overlap=st.integers(min_value=0, max_value=5),
)
def test_any_overlapping_split_reads_back_as_the_whole(tmp_path_factory, n, cuts, overlap):
    rows = [order(i + 1, quantity=str(1 + i % 3)) for i in range(n)]
    bounds = sorted({0, n, *(min(c, n) for c in cuts)})
    folder = tmp_path_factory.mktemp("split")
    for index, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        (folder / f"{index:02d}.txt").write_text(tsv(rows[max(0, lo - overlap) : hi]))
    whole = tmp_path_factory.mktemp("whole")
    (whole / "all.txt").write_text(tsv(rows))
    parts = sellerkit.load_account(folder, warn=False).orders
    reference = sellerkit.load_account(whole, warn=False).orders
    columns = ["order_id", "quantity", "order_date"]
    pd.testing.assert_frame_equal(
        parts[columns].sort_values("order_id").reset_index(drop=True),
        reference[columns].sort_values("order_id").reset_index(drop=True),
    )


SHIP_HEADER = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)
UNTRACKED = "111-0000001-0000001,2026-03-11,2026-03-11,USPS,,Standard,,2026-03-16,,1,K\n"


def test_identical_rows_within_one_file_are_two_packages(account_dir):
    shipments = SHIP_HEADER + UNTRACKED + UNTRACKED
    folder = account_dir({"o.txt": tsv([order(1)]), "s.csv": shipments})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.shipments) == 2
    assert account.quality.to_dict()["duplicateRowsRemoved"] == 0


def test_files_are_compared_as_multisets(account_dir):
    folder = account_dir(
        {
            "o.txt": tsv([order(1)]),
            "s1.csv": SHIP_HEADER + UNTRACKED + UNTRACKED,
            "s2.csv": SHIP_HEADER + UNTRACKED + UNTRACKED + UNTRACKED,
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.shipments) == 3
    assert account.quality.to_dict()["duplicateRowsRemoved"] == 2
