"""The value converters (sellerkit.io.convert), one column of text cells at a time: typed
values worked out by hand, and the first bad cell named with its 0-based row."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest

from sellerkit.io import convert
from sellerkit.io.convert import BadCell
from sellerkit.marketplaces import get_marketplace

LA = "America/Los_Angeles"


def cells(*texts: str) -> pa.Array:
    return pa.array(list(texts), pa.string())


def bad(call) -> tuple[int, str, str]:
    """(row, value, problem) of the BadCell ``call`` raises."""
    with pytest.raises(BadCell) as raised:
        call()
    return raised.value.row, raised.value.value, raised.value.problem


def test_text_keeps_what_is_written_and_empty_is_missing_or_an_error():
    assert convert.to_text(cells("a", "", " b "), allow_empty=True).to_pylist() == [
        "a",
        None,
        " b ",
    ]
    assert bad(lambda: convert.to_text(cells("a", "  "), allow_empty=False)) == (
        1,
        "",
        "empty cell",
    )


def test_category_is_dictionary_encoded():
    values = convert.to_category(cells("x", "y", "x", ""), allow_empty=True)
    assert pa.types.is_dictionary(values.type)
    assert values.to_pylist() == ["x", "y", "x", None]
    assert values.dictionary.to_pylist() == ["x", "y"]


def test_whole_numbers():
    assert convert.to_int(cells("1", " 2 ", ""), allow_empty=True).to_pylist() == [1, 2, None]
    assert bad(lambda: convert.to_int(cells("1", ""), allow_empty=False)) == (1, "", "empty cell")
    assert bad(lambda: convert.to_int(cells("5", "-1"), allow_empty=False)) == (
        1,
        "-1",
        "too small",
    )
    assert bad(lambda: convert.to_int(cells("2", "3"), allow_empty=False, maximum=2)) == (
        1,
        "3",
        "too large",
    )
    assert convert.to_int(cells("-3"), allow_empty=False, minimum=-5).to_pylist() == [-3]


@pytest.mark.parametrize("text", ["0x10", "+1", "1_000", "٣", "1.0", "9223372036854775808"])
def test_what_arrow_would_read_or_misread_is_not_a_whole_number(text):
    # 0x10 would be 16, ٣ (Arabic-Indic three) 3, 1_000 a thousand; 2**63 overflows int64.
    assert bad(lambda: convert.to_int(cells("7", text), allow_empty=True)) == (
        1,
        text,
        "not a whole number",
    )


def test_money():
    values = convert.to_money(cells("12.99", "-1.50", "", " 3 ", ".5"), allow_empty=True)
    assert values.to_pylist() == [12.99, -1.5, None, 3.0, 0.5]
    assert bad(lambda: convert.to_money(cells("1", "1,5"), allow_empty=True)) == (
        1,
        "1,5",
        "not a number",
    )
    for text in ("inf", "nan"):
        assert bad(lambda t=text: convert.to_money(cells("1", t), allow_empty=True)) == (
            1,
            text,
            "not a finite number",
        )
    assert bad(lambda: convert.to_money(cells(""), allow_empty=False))[2] == "empty cell"


def test_booleans():
    read = convert.to_bool(
        cells("TRUE", "false", "", " True "), allow_empty=False, empty_as_false=True
    )
    assert read.to_pylist() == [True, False, False, True]
    missing = convert.to_bool(cells("true", ""), allow_empty=True, empty_as_false=False)
    assert missing.to_pylist() == [True, None]
    # The first row of the first bad distinct value.
    assert bad(
        lambda: convert.to_bool(
            cells("true", "yes", "no", "yes"), allow_empty=True, empty_as_false=False
        )
    ) == (1, "yes", "not a boolean")
    assert bad(
        lambda: convert.to_bool(cells("true", ""), allow_empty=False, empty_as_false=False)
    ) == (1, "", "not a boolean")


def test_choices_take_the_canonical_spelling_aliases_and_a_detail_suffix():
    read = convert.to_choice(
        cells("shipped - Delivered to Buyer", " CANCELLED ", "Shipped"),
        ("Shipped", "Cancelled"),
        allow_empty=False,
        detail_suffix=True,
    )
    assert read.to_pylist() == ["Shipped - Delivered to Buyer", "Cancelled", "Shipped"]
    aliased = convert.to_choice(
        cells("gone", ""), ("Shipped",), allow_empty=True, aliases={"Gone": "Shipped"}
    )
    assert aliased.to_pylist() == ["Shipped", None]
    assert bad(
        lambda: convert.to_choice(cells("Shipped", "Lost", "Lost"), ("Shipped",), allow_empty=False)
    ) == (1, "Lost", "unknown value")
    # Without detail_suffix the whole text must be a choice.
    assert bad(
        lambda: convert.to_choice(cells("Shipped - late"), ("Shipped",), allow_empty=False)
    ) == (0, "Shipped - late", "unknown value")


def test_timestamps_with_an_offset_are_converted_and_without_one_are_local():
    values = convert.to_timestamp(
        cells("2024-03-01T14:05:09+00:00", "2024-03-01T06:05:09", "2024-03-01T14:05:09Z", ""),
        LA,
        allow_empty=True,
    )
    assert values.type == pa.timestamp("s", tz=LA)
    six_am = datetime(2024, 3, 1, 6, 5, 9, tzinfo=ZoneInfo(LA))  # 14:05 UTC is 06:05 PST
    assert values.to_pylist() == [six_am, six_am, six_am, None]
    assert bad(
        lambda: convert.to_timestamp(cells("2024-03-01", "yesterday"), LA, allow_empty=True)
    ) == (1, "yesterday", "not a date-time")


def test_a_local_time_in_the_spring_gap_takes_the_instant_before_it():
    # 2026-03-08 02:30 does not exist in Los Angeles (clocks jump from 02:00 to 03:00).
    (value,) = convert.to_timestamp(cells("2026-03-08T02:30:00"), LA, allow_empty=False).to_pylist()
    assert value == datetime(2026, 3, 8, 1, 59, 59, tzinfo=ZoneInfo(LA))


def test_days_are_the_marketplace_calendar_day():
    # 07:30 UTC on 2 March is 23:30 on 1 March in Los Angeles.
    values = convert.to_day(
        cells("2024-03-01", "2024-03-02T07:30:00+00:00", "2024-03-02T08:30:00+00:00", ""),
        LA,
        allow_empty=True,
    )
    assert values.type == pa.timestamp("s")
    assert values.to_pylist() == [
        datetime(2024, 3, 1),
        datetime(2024, 3, 1),
        datetime(2024, 3, 2),
        None,
    ]
    assert bad(lambda: convert.to_day(cells("2024-03-01", "2024-13-01"), LA, allow_empty=True)) == (
        1,
        "2024-13-01",
        "not a date",
    )
    stamps = convert.to_timestamp(cells("2024-03-02T07:30:00+00:00"), LA, allow_empty=False)
    assert convert.local_day(stamps).to_pylist() == [datetime(2024, 3, 1)]


def test_feedback_days_follow_the_marketplace_format():
    us, uk = get_marketplace("US"), get_marketplace("UK")
    read = convert.to_feedback_day(cells("3/10/26", "03/10/2026"), us)
    assert read.to_pylist() == [datetime(2026, 3, 10), datetime(2026, 3, 10)]
    assert convert.to_feedback_day(cells("10/03/26"), uk).to_pylist() == [datetime(2026, 3, 10)]
    with pytest.raises(BadCell) as raised:
        convert.to_feedback_day(cells("3/10/26", "2026-03-10"), us)
    assert (raised.value.row, raised.value.problem) == (1, "not a date")
    assert "US feedback format M/D/YY" in raised.value.expected
    assert bad(lambda: convert.to_feedback_day(cells("3/10/26", ""), us)) == (1, "", "empty cell")
