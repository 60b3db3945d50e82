"""The fast path of the reader: let Arrow's parallel CSV parser type the columns.

Numbers, booleans and timestamps are parsed while the file is read, and text columns with
few distinct values arrive dictionary-encoded, so choices are validated once per distinct
value. Anything unusual (a blank-padded number, a local timestamp, a bad value) raises
:class:`Fallback`, and the reader re-reads the file on the string path of
:mod:`sellerkit.io.convert`, which accepts more and names the exact line of any error. So
this path only ever decides how fast a file loads, never what it loads to.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.io import convert, formats
from sellerkit.io.schema import Column, Type
from sellerkit.marketplaces import Marketplace

DICTIONARY = pa.dictionary(pa.int32(), pa.string())


class Fallback(Exception):  # noqa: N818 - a signal, not an error
    """The fast path cannot read this column; use the string path."""


def arrow_type(column: Column | None, category: bool, timezone: str) -> pa.DataType:
    """The type the CSV parser should produce for a column on the fast path. Timestamps
    are parsed straight into the marketplace's zone (the instant comes from the offset)."""
    if column is None:
        return pa.string()
    match column.type:
        case Type.TEXT:
            return DICTIONARY if category else pa.string()
        case Type.CHOICE:
            return DICTIONARY
        case Type.TIMESTAMP:
            return pa.timestamp(convert.TIME_UNIT, tz=timezone)
        case Type.INT | Type.RATING:
            return pa.string()  # Arrow's integer parser takes 0x10 for 16: checked below
        case Type.MONEY:
            return pa.float64()
        case Type.BOOL:
            return pa.bool_()
    return pa.string()  # days: parsed after reading


def _remap(
    arr: pa.ChunkedArray, read: Callable[[str], object], allow_empty: bool
) -> pa.ChunkedArray:
    """Map a unified dictionary column through ``read`` once per distinct value. Empty cells
    arrive as missing values (the fast path reads them so)."""
    if arr.null_count and not allow_empty:
        raise Fallback
    if arr.num_chunks == 0 or len(arr) == 0:
        return pa.chunked_array([], DICTIONARY)
    dictionary = arr.chunk(0).dictionary.to_pylist()
    try:
        mapped = [read(text) for text in dictionary]
    except ValueError:
        raise Fallback from None
    if mapped == dictionary:
        return arr  # already canonical: nothing to rewrite
    values = sorted({m for m in mapped if m is not None}, key=mapped.index)
    position = {v: i for i, v in enumerate(values)}
    lookup = np.array(
        [position.get(m, -1) if m is not None else -1 for m in mapped], dtype=np.int32
    )
    new_dictionary = pa.array(values, pa.string())
    chunks = []
    for chunk in arr.chunks:
        old = pc.fill_null(chunk.indices, 0).to_numpy(zero_copy_only=False)
        new = lookup[old]
        missing = (new < 0) | chunk.is_null().to_numpy(zero_copy_only=False)
        indices = pa.array(new, pa.int32(), mask=missing)
        chunks.append(pa.DictionaryArray.from_arrays(indices, new_dictionary))
    return pa.chunked_array(chunks, DICTIONARY)


def _no_nulls(arr: pa.ChunkedArray) -> None:
    if arr.null_count:
        raise Fallback


def _as_read(column: Column, arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text and timestamps: as Arrow read them, if no cell is missing that must not be."""
    if not column.allow_empty:
        _no_nulls(arr)
    return arr


def _whole_numbers(column: Column, arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Whole numbers ≥ 0 (ratings 1–5), checked as text first: Arrow's integer parser
    takes ``0x10`` for 16."""
    rating = column.type is Type.RATING
    if not column.allow_empty or rating:
        _no_nulls(arr)
    # ASCII digits only (a test ten times cheaper than the pattern); else the pattern,
    # which also takes blanks around the number and a minus sign (refused below).
    digits = pc.all(pc.ascii_is_decimal(arr)).as_py() is not False
    if not digits and pc.all(pc.match_substring_regex(arr, convert.WHOLE_NUMBER)).as_py() is False:
        raise Fallback  # 0x10 and the like: the exact path names the cell
    try:
        arr = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise Fallback from None
    _within(arr, 1 if rating else 0, 5 if rating else None)
    return arr


def _within(arr: pa.ChunkedArray, low: int, high: int | None) -> None:
    """Raise :class:`Fallback` unless every number is from ``low`` to ``high``."""
    if not len(arr):
        return
    if (pc.min(arr).as_py() or 0) < low:
        raise Fallback
    if high is not None and (pc.max(arr).as_py() or 0) > high:
        raise Fallback


def _money(column: Column, arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Amounts, every one finite."""
    if not column.allow_empty:
        _no_nulls(arr)
    # One pass: a sum is finite only if every value is (money never overflows).
    total = pc.sum(arr).as_py()
    if total is not None and not np.isfinite(total):
        raise Fallback
    return arr


def _booleans(column: Column, arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """``true`` / ``false``; an empty cell is ``False`` where the column says so."""
    if column.empty_as_false:
        return pc.fill_null(arr, False)
    return _as_read(column, arr)


_FINISH: dict[Type, Callable[[Column, pa.ChunkedArray], pa.ChunkedArray]] = {
    Type.TEXT: _as_read,
    Type.TIMESTAMP: _as_read,
    Type.INT: _whole_numbers,
    Type.RATING: _whole_numbers,
    Type.MONEY: _money,
    Type.BOOL: _booleans,
}
"""How each type Arrow parsed itself is checked (text with few values and choices aside)."""


def _from_text(column: Column, arr: pa.ChunkedArray, marketplace: Marketplace) -> pa.Array:
    """Days and the reports' formats, read as text by Arrow: the string converters."""
    text = pc.fill_null(arr.combine_chunks(), "")  # the string converters expect ""
    try:
        if column.type is Type.DAY:
            return convert.to_day(text, marketplace.timezone, allow_empty=column.allow_empty)
        if column.type in formats.CONVERTERS:  # payment and returns reports' formats
            return formats.CONVERTERS[column.type](text, column, marketplace)
        return convert.to_feedback_day(text, marketplace)
    except convert.BadCell:
        raise Fallback from None


def _empty_as_missing(text: str) -> str | None:
    return text if text else None


def convert_typed(
    column: Column,
    arr: pa.ChunkedArray,
    marketplace: Marketplace,
    category: bool,
    aliases: dict[str, str] | None,
) -> pa.ChunkedArray | pa.Array:
    """Finish one column read with :func:`arrow_type`; raise :class:`Fallback` if unsure."""
    if column.type is Type.TEXT and category:
        return _remap(arr, _empty_as_missing, column.allow_empty)
    if column.type is Type.CHOICE:
        read = convert.choice_reader(
            column.choices,
            allow_empty=column.allow_empty,
            aliases=aliases,
            detail_suffix=column.name == "order_status",
        )
        return _remap(arr, read, column.allow_empty)
    finish = _FINISH.get(column.type)
    if finish is not None:
        return finish(column, arr)
    return _from_text(column, arr, marketplace)
