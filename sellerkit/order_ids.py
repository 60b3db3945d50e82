"""Numbering a column of order ids.

Numbering the order ids of a table (each row's order as a dense code) is the one hash pass
a load needs over them. An Amazon order id's seventeen digits
(:data:`~sellerkit.vocabulary.ORDER_ID_GROUPS`) fit a 64-bit integer, so a column of ids in
Amazon's shape is numbered by hashing integers read straight from Arrow's text buffer;
any other column takes Arrow's ``dictionary_encode``. Both give the same codes. On the
1,009,189 ids of ``benchmarks/bench_metrics_e2e.py`` (2 cores): reading the digits
0.04-0.05 s, hashing them 0.12-0.17 s, against 0.23-0.30 s for hashing the text — and the
distinct ids are not written out (0.01-0.06 s more): callers take the few they name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import as_array, factorize
from sellerkit.vocabulary import ORDER_ID_GROUPS

_WIDTH = sum(ORDER_ID_GROUPS) + len(ORDER_ID_GROUPS) - 1
_DASHES = np.cumsum(ORDER_ID_GROUPS)[:-1] + np.arange(len(ORDER_ID_GROUPS) - 1)
_DIGITS = np.setdiff1d(np.arange(_WIDTH), _DASHES)
_HEAD = len(_DIGITS) - ORDER_ID_GROUPS[-1]
_HEAD_WEIGHTS = 10.0 ** np.arange(_HEAD - 1, -1, -1)
_TAIL_WEIGHTS = 10.0 ** np.arange(ORDER_ID_GROUPS[-1] - 1, -1, -1)


def _chunk_numbers(chunk: pa.Array) -> np.ndarray | None:
    """Each id of a text ``chunk`` as the integer of its digits, or ``None`` when one is
    missing or not in Amazon's shape."""
    rows = len(chunk)
    if rows == 0:
        return np.zeros(0, dtype=np.int64)
    if chunk.null_count or not (
        pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
    ):
        return None
    offset_type = np.int32 if pa.types.is_string(chunk.type) else np.int64
    _, offsets_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(
        offsets_buffer,
        dtype=offset_type,
        count=rows + 1,
        offset=chunk.offset * np.dtype(offset_type).itemsize,
    )
    start = int(offsets[0])
    if int(offsets[-1]) - start != _WIDTH * rows or (np.diff(offsets) != _WIDTH).any():
        return None
    text = np.frombuffer(data_buffer, dtype=np.uint8, count=_WIDTH * rows, offset=start)
    text = text.reshape(rows, _WIDTH)
    if (text[:, _DASHES] != ord("-")).any():
        return None
    digits = text[:, _DIGITS] - np.uint8(ord("0"))  # below "0" wraps above 9
    if (digits > 9).any():
        return None
    # Two exact float64 dot products (each part < 10**10 < 2**53), joined as integers.
    values = digits.astype(np.float64)
    head = (values[:, :_HEAD] @ _HEAD_WEIGHTS).astype(np.int64)
    tail = (values[:, _HEAD:] @ _TAIL_WEIGHTS).astype(np.int64)
    return head * 10 ** len(_TAIL_WEIGHTS) + tail


def number_order_ids(ids: pd.Series | pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's order as a code ``0…k-1`` in order of first appearance (-1 for a missing
    id), and each order's first row: order ``c``'s id is ``ids[first[c]]``.

    The codes are those of :func:`sellerkit._arrow.factorize` (Arrow's
    ``dictionary_encode``); ids all in Amazon's shape are hashed as integers (see the
    module's docstring). The distinct ids are not written out: a caller takes the few it
    names.
    """
    array = ids if isinstance(ids, pa.ChunkedArray) else pa.chunked_array([as_array(ids)])
    parts = []
    for chunk in array.chunks:
        part = _chunk_numbers(chunk)
        if part is None:  # not every id is in Amazon's shape: hash the text
            codes = factorize(array)[0]
            break
        parts.append(part)
    else:
        numbers = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        codes = pd.factorize(numbers)[0].astype(np.int64, copy=False)
    return codes, first_rows(codes)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The row of each code's first appearance, for codes ``0…k-1`` numbered in order of
    first appearance (-1, missing, is no code): a row is a first one where its code
    exceeds every code before it."""
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    before = np.maximum.accumulate(codes)
    new = np.empty(len(codes), dtype=bool)
    new[0] = codes[0] >= 0
    new[1:] = codes[1:] > before[:-1]
    return np.flatnonzero(new)
