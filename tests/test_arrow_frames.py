"""sellerkit._arrow.to_frame gives what Arrow's own conversion gives, for every column kind
a reader produces (its category columns are built from their codes)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from sellerkit._arrow import to_frame

_CASES = {
    "text categories with a missing cell": pa.array(["a", None, "b", "a"]).dictionary_encode(),
    "only missing cells": pa.array([None, None, None, None], pa.string()).dictionary_encode(),
    "chunks with their own dictionaries": pa.chunked_array(
        [pa.array(["b", "a"]).dictionary_encode(), pa.array(["c", None]).dictionary_encode()]
    ),
    "no rows": pa.chunked_array([], pa.dictionary(pa.int32(), pa.string())),
    "ordered": pa.DictionaryArray.from_arrays(
        pa.array([0, 1, None, 0], pa.int8()), pa.array(["b", "a"]), ordered=True
    ),
    "unsigned indices": pa.DictionaryArray.from_arrays(
        pa.array([0, 1, None, 0], pa.uint8()), pa.array(["b", "a"])
    ),
    "numbers": pa.array([1.5, None, 2.0, 3.0]),
    "text": pa.array(["x", None, "y", "z"]),
}


@pytest.mark.parametrize("name", list(_CASES))
@pytest.mark.parametrize("destruct", [False, True])
def test_to_frame_is_arrows_conversion(name, destruct):
    column = _CASES[name]
    rows = len(column)
    table = pa.table({"n": pa.array(range(rows), pa.int64()), name: column, "z": [True] * rows})
    expected = table.unify_dictionaries().to_pandas()
    frame = to_frame(table, self_destruct=destruct)
    pd.testing.assert_frame_equal(frame, expected)
    assert list(frame.columns) == ["n", name, "z"]


def test_a_table_written_from_pandas_keeps_its_metadata():
    frame = pd.DataFrame({"c": pd.Categorical(["a", "b"], categories=["b", "a"], ordered=True)})
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pd.testing.assert_frame_equal(to_frame(table), frame)


def test_a_table_with_a_repeated_column_name_is_converted_by_arrow():
    """Found by a breaker: the names of the category columns must pick one column each."""
    table = pa.table([pa.array(["x", "y"]).dictionary_encode(), pa.array([1, 2])], ["a", "a"])
    pd.testing.assert_frame_equal(to_frame(table), table.to_pandas())
