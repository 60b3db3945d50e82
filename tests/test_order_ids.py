"""Numbering order ids: Amazon-shaped ids are hashed as integers, anything else as text,
and both give what Arrow's dictionary_encode gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerkit._arrow import factorize
from sellerkit.order_ids import number_order_ids
from sellerkit.present import redact_order_ids
from sellerkit.vocabulary import ORDER_ID


def _expected(chunks: list[list[str | None]], kind: pa.DataType) -> tuple[list[int], list[str]]:
    array = pa.chunked_array([pa.array(c, kind) for c in chunks], kind)
    encoded = pc.dictionary_encode(array).combine_chunks()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).tolist()
    return codes, encoded.dictionary.to_pylist()


def _check(chunks: list[list[str | None]], kind: pa.DataType | None = None) -> None:
    kind = kind or pa.string()
    array = pa.chunked_array([pa.array(c, kind) for c in chunks], kind)
    codes, first = number_order_ids(array)
    assert codes.dtype == np.int64
    distinct = array.take(pa.array(first, pa.int64())).to_pylist()
    assert (codes.tolist(), distinct) == _expected(chunks, kind)


def test_amazon_ids_are_numbered_in_order_of_first_appearance():
    ids = ["111-0000002-0000001", "111-0000001-0000001", "111-0000002-0000001"]
    _check([ids, ["702-1234567-7654321", "111-0000001-0000001"]])
    _check([ids], pa.large_string())


def test_ids_of_another_shape_are_numbered_as_text():
    """Shapes that would give the same digits as an Amazon id, a missing id, other widths:
    never merged with an Amazon id that has the same digits."""
    _check([["111-0000001-0000001", "1110-000001-0000001"]])  # a dash moved
    _check([["111-0000001-0000001", "111 0000001 0000001"]])
    _check([["111-0000001-0000001", None, "111-0000001-0000001"]])
    _check([["111-0000001-0000001", "S01-1234567-1234567"]])  # a letter
    _check([["111-0000001-0000001", "/11-0000001-0000001"]])  # the byte below "0"
    _check([["111-0000001-0000001"], ["ABC"]])  # one chunk of each
    _check([["111-0000001-00000011"]])
    _check([[]])


def test_sliced_chunks_and_pandas_columns():
    values = pa.array([f"111-{i:07d}-{i % 3:07d}" for i in range(20)])
    sliced = pa.chunked_array([values.slice(3, 10), values.slice(0, 5)])
    codes, first = number_order_ids(sliced)
    expected, expected_values = factorize(sliced)
    assert codes.tolist() == expected.tolist()
    assert sliced.take(pa.array(first)).to_pylist() == expected_values.to_pylist()
    series = pd.Series(sliced.to_pylist(), dtype="str")
    assert number_order_ids(series)[0].tolist() == expected.tolist()


_DIGIT = st.sampled_from("0123456789")
_AMAZON = st.builds(
    lambda a, b, c: f"{a}-{b}-{c}",
    st.text(_DIGIT, min_size=3, max_size=3),
    st.text(_DIGIT, min_size=7, max_size=7),
    st.text(_DIGIT, min_size=7, max_size=7),
)
_NEAR = st.text(st.sampled_from("0123456789-/:A "), min_size=17, max_size=21)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(_AMAZON, _AMAZON, _NEAR, st.none()), max_size=12), max_size=4))
def test_any_ids_give_what_dictionary_encode_gives(chunks):
    _check(chunks)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "111-0000001-0000001",
                    "111-0000001-0000002",
                    "999-9999999-9999999",
                    "000-0000000-0000000",
                ]
            ),
            max_size=12,
        ),
        max_size=4,
    )
)
def test_amazon_ids_only_give_what_dictionary_encode_gives(chunks):
    _check(chunks)


def test_the_order_id_shape_is_written_once():
    assert ORDER_ID.fullmatch("111-1234567-7654321")
    assert not ORDER_ID.fullmatch("1111-234567-7654321")
    assert redact_order_ids("see 111-1234567-7654321.") == "see 111-XXXXXXX-7654321."
