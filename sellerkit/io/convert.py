"""Turn one column of text cells into typed values, or say which cell is wrong.

Pure functions over Arrow string arrays (empty cells are ``""``). They return Arrow arrays and
raise :class:`BadCell` with the 0-based row of the first bad value; the reader turns that into
a :class:`~sellerkit.errors.CellError` with the file's real line number.

Columns with few distinct values (choices, booleans) are validated once per distinct value
through dictionary encoding, so a million rows cost one hash pass, not a million checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.marketplaces import Marketplace

TIME_UNIT = "s"


@dataclass
class BadCell(Exception):  # noqa: N818 - internal signal, converted to CellError by the reader
    """The first cell of a column that cannot be read."""

    row: int
    value: str
    problem: str
    expected: str
    fix: str | None = None


def _empty_mask(arr: pa.Array) -> pa.Array:
    return pc.equal(pc.utf8_trim_whitespace(arr), "")


def _first_true(mask: pa.Array) -> int:
    """The row of the first true value of ``mask``, which holds one (its ``any`` is true)."""
    return int(np.flatnonzero(mask.to_numpy(zero_copy_only=False))[0])


def reject_empty(arr: pa.Array, expected: str) -> pa.Array:
    """Raise :class:`BadCell` at the first empty or blank cell of ``arr`` (``expected``
    says what belongs there); without one, the mask of empty cells (all false)."""
    mask = _empty_mask(arr)
    if pc.any(mask).as_py():
        row = _first_true(mask)
        raise BadCell(row, "", "empty cell", expected, "fill in the value")
    return mask


def to_text(arr: pa.Array, *, allow_empty: bool) -> pa.Array:
    """Text kept as written; an empty cell becomes missing (or is an error)."""
    if not allow_empty:
        reject_empty(arr, "a value")
        return arr
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def to_category(arr: pa.Array, *, allow_empty: bool) -> pa.DictionaryArray:
    """Text with few distinct values, dictionary-encoded (a pandas category)."""
    return pc.dictionary_encode(to_text(arr, allow_empty=allow_empty))


def by_distinct(
    arr: pa.Array,
    read: Callable[[str], object],
    value_type: pa.DataType,
) -> pa.Array:
    """Apply ``read`` once per distinct cell; ``read`` raises ValueError for a bad one (its
    arguments: problem, expected, fix), which becomes a :class:`BadCell` at its first row."""
    encoded = pc.dictionary_encode(arr)
    dictionary = encoded.dictionary.to_pylist()
    mapped = []
    for position, text in enumerate(dictionary):
        try:
            mapped.append(read(text))
        except ValueError as exc:
            row = _first_true(pc.equal(encoded.indices, position))
            raise BadCell(row, text, *exc.args) from None
    return pa.array(mapped, type=value_type).take(encoded.indices)


def choice_reader(
    choices: tuple[str, ...],
    *,
    allow_empty: bool,
    aliases: dict[str, str] | None = None,
    detail_suffix: bool = False,
) -> Callable[[str], str | None]:
    """A function that reads one cell of a choice column, raising ValueError for a bad one."""
    canonical = {c.lower(): c for c in choices}
    canonical.update({k.lower(): v for k, v in (aliases or {}).items()})
    expected = "one of " + ", ".join(choices)

    def read(text: str) -> str | None:
        value = text.strip()
        if not value:
            if allow_empty:
                return None
            raise ValueError("empty cell", expected, "fill in the value")
        base, _, detail = value.partition(" - ") if detail_suffix else (value, "", "")
        found = canonical.get(base.strip().lower())
        if found is None:
            raise ValueError("unknown value", expected, "correct the value")
        return f"{found} - {detail.strip()}" if detail else found

    return read


def to_choice(
    arr: pa.Array,
    choices: tuple[str, ...],
    *,
    allow_empty: bool,
    aliases: dict[str, str] | None = None,
    detail_suffix: bool = False,
) -> pa.DictionaryArray:
    """One of ``choices`` (case-insensitive, surrounding blanks ignored), canonical spelling.

    With ``detail_suffix``, a value may carry detail after `` - `` (Amazon's
    ``Shipped - Delivered to Buyer``); the base decides, the full text is kept.
    """
    read = choice_reader(
        choices, allow_empty=allow_empty, aliases=aliases, detail_suffix=detail_suffix
    )
    return pc.dictionary_encode(by_distinct(arr, read, pa.string()))


def bool_reader(*, allow_empty: bool, empty_as_false: bool) -> Callable[[str], bool | None]:
    """A function that reads one boolean cell, raising ValueError for a bad one."""

    def read(text: str) -> bool | None:
        value = text.strip().lower()
        if value == "true":
            return True
        if value == "false":
            return False
        if not value and empty_as_false:
            return False
        if not value and allow_empty:
            return None
        raise ValueError("not a boolean", "true or false", "write true or false")

    return read


def to_bool(arr: pa.Array, *, allow_empty: bool, empty_as_false: bool) -> pa.Array:
    """``true``/``false`` (any case); an empty cell is false, missing or an error."""
    read = bool_reader(allow_empty=allow_empty, empty_as_false=empty_as_false)
    return by_distinct(arr, read, pa.bool_())


def _cast_or_locate(
    arr: pa.Array, target: pa.DataType, check: Callable[[str], bool], problem: str, expected: str
) -> pa.Array:
    try:
        return pc.cast(arr, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    texts = arr.to_pylist()
    for row, text in enumerate(texts):
        if text is not None and not check(text):
            raise BadCell(row, text, problem, expected, "correct the value") from None
    for row, text in enumerate(texts):  # ``check`` let through what Arrow refuses: ask Arrow
        try:
            pc.cast(pa.array([text], pa.string()), target)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise BadCell(row, text, problem, expected, "correct the value") from None
    raise AssertionError("cast failed but every value casts")  # pragma: no cover


WHOLE_NUMBER = r"^\s*-?[0-9]+\s*$"
"""A whole number as the files write it: ASCII digits, an optional minus (no ``0x``, ``+``,
``_`` or other scripts, all of which Arrow's integer parser would take or misread)."""

_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_INT64 = range(-(2**63), 2**63)


def _is_int(text: str) -> bool:
    """ASCII digits within int64, as Arrow casts them (no ``+``, ``_`` or other scripts)."""
    text = text.strip()
    return _INT.fullmatch(text) is not None and int(text) in _INT64


def _is_float(text: str) -> bool:
    """An ASCII decimal number, as Arrow casts it (no ``_``, ``nan`` or ``inf``)."""
    return _FLOAT.fullmatch(text.strip()) is not None


def to_int(
    arr: pa.Array,
    *,
    allow_empty: bool,
    minimum: int = 0,
    maximum: int | None = None,
    expected: str = "a whole number of 0 or more",
) -> pa.Array:
    """Whole numbers in ``[minimum, maximum]``; an empty cell is missing or an error."""
    if not allow_empty:
        reject_empty(arr, expected)
    stripped = pc.utf8_trim_whitespace(arr)
    cleaned = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    if pc.all(pc.match_substring_regex(cleaned, WHOLE_NUMBER)).as_py() is False:
        for row, text in enumerate(cleaned.to_pylist()):  # 0x10: Arrow would read 16
            if text is not None and not _is_int(text):
                raise BadCell(
                    row, arr[row].as_py(), "not a whole number", expected, "correct the value"
                )
    values = _cast_or_locate(cleaned, pa.int64(), _is_int, "not a whole number", expected)
    low = pc.less(values, minimum)
    high = pc.greater(values, maximum) if maximum is not None else None
    for mask, problem in ((low, "too small"), (high, "too large")):
        if mask is not None and pc.any(mask).as_py():
            row = _first_true(pc.fill_null(mask, False))
            raise BadCell(row, arr[row].as_py(), problem, expected, "correct the value")
    return values


def to_money(arr: pa.Array, *, allow_empty: bool) -> pa.Array:
    """Decimal numbers with a ``.`` (negative allowed: discounts); empty is missing."""
    expected = "a number such as 12.99 or -1.50"
    if not allow_empty:
        reject_empty(arr, expected)
    stripped = pc.utf8_trim_whitespace(arr)
    cleaned = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    values = _cast_or_locate(cleaned, pa.float64(), _is_float, "not a number", expected)
    bad = pc.invert(pc.is_finite(values))
    if pc.any(pc.fill_null(bad, False)).as_py():
        row = _first_true(pc.fill_null(bad, False))
        raise BadCell(row, arr[row].as_py(), "not a finite number", expected, "correct the value")
    return values


_OFFSET_PATTERN = r"(Z|z|[+-]\d\d:?\d\d)$"
_TIMESTAMP_EXPECTED = "an ISO 8601 date-time such as 2024-03-01T14:05:09+00:00"


def _is_timestamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def to_timestamp(arr: pa.Array, timezone: str, *, allow_empty: bool) -> pa.Array:
    """ISO 8601 date-times in the marketplace's zone (decision 2).

    With an offset, the instant is converted; without one it is already local time.
    Returns ``timestamp[s, tz=timezone]``.
    """
    if not allow_empty:
        reject_empty(arr, _TIMESTAMP_EXPECTED)
    stripped = pc.utf8_trim_whitespace(arr)
    cleaned = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    aware_type = pa.timestamp(TIME_UNIT, tz="UTC")
    try:
        return pc.cast(cleaned, aware_type).cast(pa.timestamp(TIME_UNIT, tz=timezone))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    has_offset = pc.match_substring_regex(cleaned, _OFFSET_PATTERN)
    try:
        aware = pc.cast(pc.if_else(has_offset, cleaned, None), aware_type)
        naive = pc.cast(pc.if_else(has_offset, None, cleaned), pa.timestamp(TIME_UNIT))
        local = pc.assume_timezone(
            naive, timezone=timezone, ambiguous="earliest", nonexistent="earliest"
        )
        return pc.if_else(has_offset, aware.cast(local.type), local)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    for row, text in enumerate(cleaned.to_pylist()):
        if text is not None and not _is_timestamp(text):
            raise BadCell(row, text, "not a date-time", _TIMESTAMP_EXPECTED, "correct the value")
    # Python accepts it but Arrow does not (e.g. fractional seconds of unusual length).
    values = [None if t is None else datetime.fromisoformat(t) for t in cleaned.to_pylist()]
    return to_timestamp(
        pa.array(["" if v is None else v.isoformat(timespec="seconds") for v in values]),
        timezone,
        allow_empty=allow_empty,
    )


def local_day(stamps: pa.Array) -> pa.Array:
    """The calendar day of zone-aware timestamps in their own zone, as naive midnight."""
    return pc.floor_temporal(pc.local_timestamp(stamps), unit="day")


_DAY_EXPECTED = "an ISO 8601 date such as 2024-03-01 (a date-time is also accepted)"


def to_day(arr: pa.Array, timezone: str, *, allow_empty: bool) -> pa.Array:
    """ISO dates or date-times → the marketplace's calendar day (naive midnight)."""
    if not allow_empty:
        reject_empty(arr, _DAY_EXPECTED)
    stripped = pc.utf8_trim_whitespace(arr)
    cleaned = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    plain = pc.equal(pc.utf8_length(cleaned), 10)
    day_type = pa.timestamp(TIME_UNIT)
    try:
        dates = pc.cast(pc.cast(pc.if_else(plain, cleaned, None), pa.date32()), day_type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        for row, text in enumerate(cleaned.to_pylist()):
            if text is not None and len(text) == 10 and not _is_timestamp(text):
                raise BadCell(row, text, "not a date", _DAY_EXPECTED, "correct the value") from None
        raise
    timed = pc.if_else(plain, None, cleaned)
    if pc.all(pc.is_null(timed)).as_py():
        return dates
    try:
        stamps = to_timestamp(timed.fill_null(""), timezone, allow_empty=True)
    except BadCell as bad:
        bad.expected = _DAY_EXPECTED
        raise
    return pc.if_else(plain, dates, local_day(stamps))


_FEEDBACK_PARTS = {"D": "%d", "M": "%m", "Y": "%y"}


def to_feedback_day(arr: pa.Array, marketplace: Marketplace) -> pa.Array:
    """Seller Feedback dates in the marketplace's short format (``M/D/YY`` in the US)."""
    expected = f"a date in {marketplace.code} feedback format {marketplace.feedback_date_example}"
    fix = 'if the file comes from another marketplace, set `marketplace = ".."` in account.toml'
    if marketplace.feedback_sep == "-":
        formats = ["%Y-%m-%d"]
    else:
        short = marketplace.feedback_sep.join(_FEEDBACK_PARTS[c] for c in marketplace.feedback_date)
        formats = [short, short.replace("%y", "%Y")]

    def read(text: str) -> datetime:
        value = text.strip()
        for fmt in formats:
            try:
                return datetime.strptime(value, fmt)
            except ValueError:
                continue
        raise ValueError("not a date", expected, fix)

    if pc.any(_empty_mask(arr)).as_py():
        row = _first_true(_empty_mask(arr))
        raise BadCell(row, "", "empty cell", expected, "fill in the date")
    return by_distinct(arr, read, pa.timestamp(TIME_UNIT))
