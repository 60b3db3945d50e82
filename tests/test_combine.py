"""Several downloads of one kind: shared rows removed, the newest version kept (decisions 9, 18)."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sellerkit
from sellerkit.datasets.write import ORDERS_COLUMNS
from sellerkit.io.combine import combine
from sellerkit.io.layouts_canonical import ORDERS
from tests.conftest import order, tsv

CASES = Path(__file__).parent / "data" / "cases"
REAL_COLUMNS = tuple(c for c in ORDERS_COLUMNS if c != "order-item-id")
"""The All Orders layout as real downloads have it: no order-item-id (real-downloads.md §0)."""


def real_tsv(rows: list[dict[str, str]]) -> str:
    return tsv(rows, REAL_COLUMNS)


def test_identical_orders_across_files_are_removed(account_dir):
    folder = account_dir({"1.txt": tsv([order(1), order(2)]), "2.txt": tsv([order(2), order(3)])})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.order_items) == 3
    quality = account.quality.to_dict()
    assert quality["duplicateRowsRemoved"] == 1
    assert quality["conflictingDuplicates"] == 0
    assert quality["updatedOrders"] == 0


def test_case_same_sku_one_file_keeps_both_items():
    """cases/same-sku-one-file: two identical rows of one order are two items."""
    account = sellerkit.load_account(CASES / "same-sku-one-file" / "account", warn=False)
    assert len(account.order_items) == 3
    quantity = account.orders.set_index("order_id")["quantity"]
    assert quantity["112-4400311-2093317"] == 2
    assert quantity["114-7751020-3358104"] == 1
    quality = account.quality.to_dict()
    assert quality["conflictingDuplicates"] == 0
    assert quality["duplicateRowsRemoved"] == 0
    assert not account.quality.issues


def test_same_download_saved_twice_counts_once(account_dir):
    rows = [order(1), order(1), order(2, sku="SKU-2"), order(3)]
    folder = account_dir({"48213955019.txt": real_tsv(rows), "48213955019 (1).txt": real_tsv(rows)})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.order_items) == 4  # both same-SKU items of order 1 stay
    assert account.orders.set_index("order_id")["quantity"].tolist() == [2, 1, 1]
    quality = account.quality.to_dict()
    assert quality["duplicateRowsRemoved"] == 4
    assert quality["conflictingDuplicates"] == 0
    assert quality["updatedOrders"] == 0


def test_an_order_shipped_between_downloads_takes_all_rows_of_the_newer(account_dir):
    """The older download shows two identical unshipped items; the newer shows the order
    shipped with three item rows: the newer snapshot's rows, all of them, and no conflict."""
    old = dict(order_status="Unshipped", item_status="Unshipped")
    old["last_updated_date"] = "2026-03-10T19:00:00+00:00"
    new = dict(order_status="Shipped", item_status="Shipped")
    new["last_updated_date"] = "2026-03-12T19:00:00+00:00"
    older = [order(1), order(2, **old), order(2, **old)]
    newer = [order(2, **new), order(2, **new), order(2, sku="SKU-9", **new), order(3)]
    # The newer snapshot is in the file whose name sorts first: the date decides, not the name.
    folder = account_dir({"a.txt": real_tsv(newer), "b.txt": real_tsv(older)})
    account = sellerkit.load_account(folder, warn=False)
    items = account.order_items
    two = items[items["order_id"] == "111-0000002-0000001"]
    assert len(two) == 3
    assert set(two["order_status"].astype(str)) == {"Shipped"}
    assert set(two["source_file"].astype(str)) == {"a.txt"}
    assert len(items) == 5
    quality = account.quality.to_dict()
    assert quality["updatedOrders"] == 1
    assert quality["conflictingDuplicates"] == 0
    assert quality["duplicateRowsRemoved"] == 2
    assert "111-0000002-0000001" in " ".join(account.quality.messages())


def test_a_tie_goes_to_the_file_whose_name_sorts_last_with_a_warning(account_dir):
    first = order(2, item_price="10.00")
    second = order(2, item_price="12.00")
    folder = account_dir({"2026-03.txt": tsv([order(1), first]), "2026-04.txt": tsv([second])})
    with pytest.warns(sellerkit.DataQualityWarning, match="111-0000002-0000001"):
        account = sellerkit.load_account(folder)
    two = account.order_items[account.order_items["order_id"] == "111-0000002-0000001"]
    assert two["item_price"].tolist() == [12.0]
    assert two["source_file"].astype(str).tolist() == ["2026-04.txt"]
    quality = account.quality.to_dict()
    assert quality["conflictingDuplicates"] == 1
    assert quality["updatedOrders"] == 0


def test_a_tie_with_the_same_rows_in_another_order_is_not_a_conflict(account_dir):
    rows = [order(1, sku="A"), order(1, sku="B"), order(1, sku="A")]
    folder = account_dir({"1.txt": real_tsv(rows), "2.txt": real_tsv(rows[::-1])})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.order_items) == 3
    assert account.quality.to_dict()["conflictingDuplicates"] == 0


def test_a_tie_with_one_more_identical_row_is_a_conflict(account_dir):
    folder = account_dir({"1.txt": real_tsv([order(1)]), "2.txt": real_tsv([order(1), order(1)])})
    account = sellerkit.load_account(folder, warn=False)
    assert len(account.order_items) == 2
    assert account.quality.to_dict()["conflictingDuplicates"] == 1


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


@pytest.mark.slow
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


_VERSION_STATES = ("Pending", "Unshipped", "Shipped")


def _snapshot(number: int, version: int, items: int) -> list[dict[str, str]]:
    """Order ``number`` as it stood at ``version`` (0, 1, 2): ``items`` item rows, of which
    the first two are identical (two items of one SKU)."""
    status = _VERSION_STATES[version]
    stamp = f"2026-03-{11 + version:02d}T18:00:00+00:00"
    return [
        order(number, sku=f"SKU-{max(0, i - 1)}", order_status=status, last_updated_date=stamp)
        for i in range(items + version % 2)  # the order gains an item in version 1
    ]


@settings(max_examples=30, deadline=None)
@given(
    data=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=3),  # item rows of the order
            st.lists(  # for each download: which version of the order it holds, or none
                st.one_of(st.none(), st.integers(min_value=0, max_value=2)),
                min_size=3,
                max_size=3,
            ),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_any_split_of_snapshots_into_downloads_gives_the_newest(tmp_path_factory, data):
    """Property (decision 9): whatever downloads hold which version of which order, the
    tables are those of one download holding each order's newest version."""
    files: list[list[dict[str, str]]] = [[], [], []]
    newest: list[dict[str, str]] = []
    for number, (items, versions) in enumerate(data, start=1):
        held = [v for v in versions if v is not None]
        if not held:
            continue
        for file_rows, version in zip(files, versions, strict=True):
            if version is not None:
                file_rows.extend(_snapshot(number, version, items))
        newest.extend(_snapshot(number, max(held), items))
    if not newest:
        return
    folder = tmp_path_factory.mktemp("downloads")
    for index, file_rows in enumerate(files):
        if file_rows:
            (folder / f"{index:02d}.txt").write_text(real_tsv(file_rows))
    whole = tmp_path_factory.mktemp("newest")
    (whole / "all.txt").write_text(real_tsv(newest))
    parts = sellerkit.load_account(folder, warn=False)
    reference = sellerkit.load_account(whole, warn=False)
    columns = ["order_id", "sku", "order_status", "quantity", "last_updated_date"]
    for got, want in ((parts.order_items, reference.order_items), (parts.orders, reference.orders)):
        names = [c for c in columns if c in want.columns]
        pd.testing.assert_frame_equal(
            got[names].astype({"order_status": str}).sort_values(names).reset_index(drop=True),
            want[names].astype({"order_status": str}).sort_values(names).reset_index(drop=True),
        )
    assert parts.quality.to_dict()["conflictingDuplicates"] == 0


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


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["x", "y", None]),
            st.sampled_from(["1", "2", "3", None]),
            st.sampled_from([1.0, 2.0, float("nan")]),
        ),
        max_size=25,
    )
)
def test_duplicated_keys_is_pandas_duplicated_among_complete_keys(rows):
    from sellerkit._arrow import duplicated_keys

    frame = pd.DataFrame(rows, columns=["a", "b", "c"])
    want = frame.duplicated(keep=False).to_numpy() & frame.notna().all(axis=1).to_numpy()
    assert duplicated_keys(frame, ["a", "b", "c"]).tolist() == want.tolist()


def test_each_overlap_warning_names_the_files_and_orders_it_is_about(account_dir):
    """Rows dropped are said of the download that lost them, with example orders; an
    updated order names the downloads that hold it; a header-only download is in none of
    those warnings (a new-user trial found it named as a source of dropped rows)."""
    old = dict(order_status="Unshipped", item_status="Unshipped")
    old["last_updated_date"] = "2026-03-10T19:00:00+00:00"
    new = dict(order_status="Shipped", item_status="Shipped")
    new["last_updated_date"] = "2026-03-12T19:00:00+00:00"
    older = [order(1), order(2, **old), order(4)]
    newer = [order(1), order(2, **new), order(3)]
    folder = account_dir(
        {"000.txt": real_tsv([]), "100.txt": real_tsv(older), "200.txt": real_tsv(newer)}
    )
    account = sellerkit.load_account(folder, warn=False)
    issues = {issue.code: issue for issue in account.quality.issues}
    dropped = issues["duplicateRowsRemoved"]
    assert dropped.files == ("100.txt",)
    assert dropped.count == 2
    assert set(dropped.examples) == {"111-0000001-0000001", "111-0000002-0000001"}
    assert dropped.message.startswith("100.txt: 2 All Orders report row(s) of older")
    updated = issues["updatedOrders"]
    assert updated.files == ("100.txt", "200.txt")
    assert updated.examples == ("111-0000002-0000001",)


def test_downloads_that_hold_only_their_header_are_an_empty_account_not_a_crash(account_dir):
    """Two header-only All Orders downloads read as no orders, as one does (exit 2 at the
    command line: no default as-of day), not an internal error (found by a breaker)."""
    from sellerkit.cli import main

    folder = account_dir({"1.txt": real_tsv([]), "2.txt": real_tsv([])})
    account = sellerkit.load_account(folder, warn=False)
    assert account.order_items.empty
    assert account.orders.empty
    assert main(["metrics", str(folder)]) == 2


def test_an_empty_last_updated_date_is_said_where_downloads_overlap(account_dir):
    """The newer download's row of order 2 has no last-updated-date: the older download's
    version wins (an undated row counts as the oldest) and the load names the row's order
    and file instead of staying silent."""
    shipped = order(2, order_status="Shipped", item_status="Shipped", last_updated_date="")
    pending = order(2, order_status="Pending", item_status="Pending")
    folder = account_dir({"a.txt": real_tsv([order(1), pending]), "b.txt": real_tsv([shipped])})
    with pytest.warns(sellerkit.DataQualityWarning) as caught:
        account = sellerkit.load_account(folder, today=date(2026, 4, 1))
    assert any("no last-updated-date" in str(w.message) for w in caught)
    issue = next(i for i in account.quality.issues if i.code == "undatedOrderRows")
    assert (issue.count, issue.examples, issue.files) == (1, ("111-0000002-0000001",), ("b.txt",))
    assert account.quality.to_dict()["undatedOrderRows"] == 1
