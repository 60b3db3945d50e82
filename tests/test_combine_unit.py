"""The combiner (sellerkit.io.combine) called directly on small frames whose outcome is
worked out by hand; tests/test_combine.py checks the same rules through load_account."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from sellerkit.io.combine import combine
from sellerkit.io.layouts_canonical import CLAIMS, ORDERS, SHIPMENTS
from sellerkit.io.snapshots import combine_snapshots


def claims(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["order_id", "claim_date", "claim_status"])


def test_rows_another_file_holds_go_and_a_key_with_other_content_keeps_the_last_file():
    # b.csv repeats a.csv's o1 row (removed) and holds o2's claim with another status: the
    # key (o2, 2 March) repeats, no column says which is newer, so b.csv (last) wins.
    result = combine(
        [
            ("b.csv", claims(("o1", "2026-03-01", "pending"), ("o2", "2026-03-02", "denied"))),
            ("a.csv", claims(("o1", "2026-03-01", "pending"), ("o2", "2026-03-02", "pending"))),
        ],
        CLAIMS,
    )
    table = result.table
    assert table[["order_id", "claim_status"]].values.tolist() == [
        ["o1", "pending"],
        ["o2", "denied"],
    ]
    assert table["source_file"].astype(str).tolist() == ["a.csv", "b.csv"]
    assert (result.identical_removed, result.conflicts_removed) == (1, 1)
    assert result.conflict_examples == ("o2 / 2026-03-02",)


def test_files_are_compared_as_multisets_and_repeats_in_one_file_stay():
    # Two identical untracked packages in one file are two packages; a later download
    # with three of them adds one.
    untracked = {"order_id": "o1", "tracking_number": None, "latest_ship_date": "2026-03-02"}
    one = pd.DataFrame([untracked, untracked])
    three = pd.DataFrame([untracked, untracked, untracked])
    alone = combine([("s1.csv", one)], SHIPMENTS)
    assert (len(alone.table), alone.identical_removed) == (2, 0)
    both = combine([("s1.csv", one), ("s2.csv", three)], SHIPMENTS)
    assert (len(both.table), both.identical_removed, both.conflicts_removed) == (3, 2, 0)
    assert both.table["source_file"].astype(str).tolist() == ["s1.csv", "s1.csv", "s2.csv"]


def items(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """All Orders rows: order id, SKU, last-updated day."""
    frame = pd.DataFrame(rows, columns=["order_id", "sku", "last_updated_date"])
    frame["last_updated_date"] = pd.to_datetime(frame["last_updated_date"])
    return frame


def test_each_order_comes_whole_from_the_download_with_its_newest_update():
    # o1 only in 1.txt; o2 updated on 5 March in 2.txt, where it has two items; o3 only in
    # 2.txt. The 1.txt row of o2 goes: 5 rows in, 4 kept, 1 removed, o2 updated.
    result = combine_snapshots(
        [
            (
                "2.txt",
                items(
                    ("o2", "B", "2026-03-05"), ("o2", "C", "2026-03-05"), ("o3", "D", "2026-03-05")
                ),
            ),
            ("1.txt", items(("o1", "A", "2026-03-01"), ("o2", "B", "2026-03-01"))),
        ],
        ORDERS,
    )
    table = result.table
    assert table[["order_id", "sku"]].values.tolist() == [
        ["o1", "A"],
        ["o2", "B"],
        ["o2", "C"],
        ["o3", "D"],
    ]
    assert table["source_file"].astype(str).tolist() == ["1.txt", "2.txt", "2.txt", "2.txt"]
    assert (result.identical_removed, result.conflicts_removed) == (1, 0)
    assert (result.updated, result.updated_examples) == (1, ("o2",))
    # Each kept row's order, numbered over every file (files by name, then rows).
    assert result.row_codes is not None
    assert result.row_codes.tolist() == [0, 1, 1, 2]


def test_a_tie_goes_to_the_last_file_and_differing_rows_are_a_conflict():
    # Same newest date in both files: y.txt (sorting last) wins; its two rows of o1 against
    # x.txt's one row are a conflict; o2's same rows in another order are not.
    result = combine_snapshots(
        [
            (
                "x.txt",
                items(
                    ("o1", "A", "2026-03-01"), ("o2", "B", "2026-03-01"), ("o2", "C", "2026-03-01")
                ),
            ),
            (
                "y.txt",
                items(
                    ("o1", "A", "2026-03-01"),
                    ("o1", "A", "2026-03-01"),
                    ("o2", "C", "2026-03-01"),
                    ("o2", "B", "2026-03-01"),
                ),
            ),
        ],
        ORDERS,
    )
    assert result.table[["order_id", "sku"]].values.tolist() == [
        ["o1", "A"],
        ["o1", "A"],
        ["o2", "C"],
        ["o2", "B"],
    ]
    assert set(result.table["source_file"].astype(str)) == {"y.txt"}
    assert (result.identical_removed, result.conflicts_removed) == (3, 1)
    assert result.conflict_examples == ("o1",)
    assert result.updated == 0


def test_one_download_keeps_every_row_and_other_layouts_are_refused():
    one = items(("o1", "A", "2026-03-01"), ("o1", "A", "2026-03-01"))
    result = combine_snapshots([("1.txt", one)], ORDERS)
    assert (len(result.table), result.identical_removed, result.row_codes) == (2, 0, None)
    with pytest.raises(ValueError, match="declares no snapshot and newest column"):
        combine_snapshots([("c.csv", claims(("o1", "2026-03-01", "pending")))], CLAIMS)


@pytest.mark.parametrize("every", [1, 2, 3, 7])
def test_the_rows_an_older_download_keeps_come_out_in_file_order_in_runs_or_scattered(every):
    """An older download keeps the orders no newer one holds: as a few runs of rows (cut
    out as slices) or scattered (more than 64 runs: filtered); the same rows either way."""
    old = [(f"o{i}", f"S{i}", "2026-03-01") for i in range(300)]
    newer = [(f"o{i}", f"T{i}", "2026-03-02") for i in range(0, 300, every)]
    if every == 1:
        newer = newer[100:200]  # one run lost in the middle: two runs kept
    result = combine_snapshots([("1.txt", items(*old)), ("2.txt", items(*newer))], ORDERS)
    taken = {order for order, _, _ in newer}
    expected_old = [sku for order, sku, _ in old if order not in taken]
    assert result.table["sku"].tolist() == expected_old + [sku for _, sku, _ in newer]
    assert result.table["source_file"].astype(str).tolist() == ["1.txt"] * len(expected_old) + [
        "2.txt"
    ] * len(newer)
    assert (result.identical_removed, result.updated) == (len(newer), len(newer))


@pytest.mark.parametrize("layout", ["runs", "scattered", "reversed"])
def test_a_tie_with_other_rows_is_found_however_the_tied_rows_lie(layout):
    """Tied orders are compared as slices of a few runs of rows, or picked one by one when
    they are scattered (over 1024 runs) or listed in another order; one tied order with
    another SKU is the one conflict each way."""
    orders = range(2400)
    old = [(f"o{i}", f"S{i}", "2026-03-01") for i in orders]
    updated = set(range(0, 2400, 2)) if layout == "scattered" else {5, 700}
    newer = [(f"o{i}", f"S{i}", "2026-03-02" if i in updated else "2026-03-01") for i in orders]
    newer[1001] = ("o1001", "OTHER", "2026-03-01")  # tied, other content
    if layout == "reversed":
        newer.reverse()
    result = combine_snapshots([("1.txt", items(*old)), ("2.txt", items(*newer))], ORDERS)
    assert (result.conflicts_removed, result.conflict_examples) == (1, ("o1001",))
    assert result.updated == len(updated)
    assert len(result.table) == 2400


def test_rows_without_a_last_updated_date_are_counted_and_named():
    """A row without a last-updated-date makes its download's version of the order the
    oldest: the older download's Pending row wins here, and the load says why (found by a
    new-user trial: it was silent)."""
    older = items(("o1", "A", "2026-03-01"), ("o2", "B", "2026-03-01"))
    newer = items(("o1", "A", None), ("o3", "C", "2026-03-02"))
    result = combine_snapshots([("1.txt", older), ("2.txt", newer)], ORDERS)
    assert result.table["source_file"].astype(str).tolist() == ["1.txt", "1.txt", "2.txt"]
    assert (result.undated, result.undated_examples, result.undated_files) == (
        1,
        ("o1",),
        ("2.txt",),
    )
    alone = combine_snapshots([("2.txt", newer)], ORDERS)  # nothing to choose between
    assert alone.undated == 0


def _arrow_items(ids: list[str], status: pa.Array) -> pa.Table:
    day = pa.array([pd.Timestamp("2026-03-01")] * len(ids), pa.timestamp("s"))
    return pa.table({"order_id": ids, "last_updated_date": day, "order_status": status})


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # A missing value in a dictionary against a missing index (found by a breaker).
        (([0, 1], [None, "Shipped"], pa.int32()), ([None, 0], ["Shipped"], pa.int32())),
        # Unsigned indices, and the two dictionaries in other orders.
        (
            ([0, 1], ["Shipped", "Pending"], pa.uint8()),
            ([1, 0], ["Pending", "Shipped"], pa.uint8()),
        ),
    ],
)
def test_tied_category_columns_compare_their_values_whatever_their_dictionaries(left, right):
    def status(spec):
        indices, values, kind = spec
        return pa.DictionaryArray.from_arrays(pa.array(indices, kind), pa.array(values))

    ids = ["o1", "o2"]
    result = combine_snapshots(
        [("1.txt", _arrow_items(ids, status(left))), ("2.txt", _arrow_items(ids, status(right)))],
        ORDERS,
    )
    assert (result.conflicts_removed, result.identical_removed) == (0, 2)


def test_a_row_without_an_order_id_is_refused_not_merged_into_another_order():
    """Found by a breaker: a missing id numbered -1 indexed the last order."""
    older = items(("o1", "A", "2026-03-01"), ("o2", "B", "2026-03-01"))
    newer = items((None, "C", "2026-03-05"))
    with pytest.raises(ValueError, match="has no order_id"):
        combine_snapshots([("1.txt", older), ("2.txt", newer)], ORDERS)
