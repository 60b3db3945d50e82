"""Dates, amounts and flags as Amazon's payment and returns reports write them.

The All Orders report writes ISO 8601 (:mod:`sellerkit.io.convert`); the downloads of
``real-downloads.md`` §4 do not:

============================  ==============================================  ============
report                        date / time                                     amount
============================  ==============================================  ============
Transaction report, US        ``Dec 1, 2017 12:38:23 AM PST``                  ``1,234.56``
Transaction report, IN        ``1 Jul 2026 4:24:44 am UTC``                    ``1,44,957.78``
Settlement report V2, DE      ``03.05.2018 09:10:07 UTC``, ``03.05.2018``      ``-1.234,56``
Returns report                ``10-Jul-2025``                                  —
============================  ==============================================  ============

Each converter is a pure function over an Arrow string array (empty cells ``""``) that
returns an Arrow array or raises :class:`~sellerkit.io.convert.BadCell` with the row of the
first value it cannot read; values are read once per distinct text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit.io import convert
from sellerkit.io.schema import Column, Type
from sellerkit.marketplaces import Marketplace

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
"""English month names by their first three letters (``Sept``, ``July`` included)."""

ZONE_OFFSETS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "PST": -8 * 60,
    "PDT": -7 * 60,
    "MST": -7 * 60,
    "MDT": -6 * 60,
    "CST": -6 * 60,
    "CDT": -5 * 60,
    "EST": -5 * 60,
    "EDT": -4 * 60,
    "BRT": -3 * 60,
    "BST": 60,
    "CET": 60,
    "MEZ": 60,
    "CEST": 2 * 60,
    "MESZ": 2 * 60,
    "IST": 5 * 60 + 30,  # India (Amazon.in), not Ireland
    "JST": 9 * 60,
    "AEST": 10 * 60,
    "AEDT": 11 * 60,
}
"""Minutes east of UTC of the zone names these reports end a date-time with."""

DECIMAL_COMMA = frozenset({"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "BR"})
"""Marketplaces whose reports write a decimal comma (``-12,34``; real-downloads.md §4: the
DE settlement report). They decide only ``1,234`` and ``1.234``; every other amount says
which mark is the decimal one."""

_MONTH_DAY_YEAR = re.compile(r"(?P<mon>[A-Za-z]{3,9})\.? +(?P<d>\d{1,2}), *(?P<y>\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})\.?[ -](?P<y>\d{2,4})")
_DOTTED = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_TIME = re.compile(
    r"(?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r" *(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r" *(?P<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?"
)

REPORT_DAY_EXPECTED = (
    "a date such as 'Dec 1, 2017 12:38:23 AM PST', '1 Jul 2026 4:24:44 am UTC', "
    "'03.05.2018 09:10:07 UTC', '10-Jul-2025' or 2025-07-10"
)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _date_part(text: str) -> tuple[int, int, int, str] | None:
    """(year, month, day, rest of the text) of a date at the start of ``text``."""
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _DOTTED, _ISO_DATE):
        found = pattern.match(text)
        if found is None:
            continue
        parts = found.groupdict()
        if "mon" in parts:
            month = MONTHS.get(parts["mon"][:3].lower())
            if month is None:
                return None
        else:
            month = int(parts["m"])
        rest = text[found.end() :].lstrip(" T,")
        return _year(parts["y"]), month, int(parts["d"]), rest
    return None


def _offset(zone: str) -> timezone:
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    named = ZONE_OFFSETS.get(zone.upper())
    if named is None:
        raise ValueError("unknown time zone", REPORT_DAY_EXPECTED, "correct the value")
    return timezone(timedelta(minutes=named))


def report_day_reader(zone: str) -> Callable[[str], datetime | None]:
    """A function that reads one date or date-time cell into the marketplace's calendar day
    (naive midnight) in the zone named ``zone``; it raises ``ValueError`` for a bad cell.

    A date-time with a zone (``PST``, ``UTC``, ``+05:30``) is converted to ``zone`` first
    (data contract, decision 2); one without a zone is already local; a plain date is that
    day. ``12 AM`` is midnight, ``12 PM`` noon.
    """
    local = ZoneInfo(zone)

    def read(text: str) -> datetime | None:
        value = text.strip()
        if not value:
            return None
        found = _date_part(value)
        if found is None:
            raise ValueError("not a date", REPORT_DAY_EXPECTED, "correct the value")
        year, month, day, rest = found
        try:
            moment = datetime(year, month, day)
        except ValueError:
            raise ValueError("not a date", REPORT_DAY_EXPECTED, "correct the value") from None
        if not rest:
            return moment
        clock = _TIME.fullmatch(rest)
        if clock is None:
            raise ValueError("not a date-time", REPORT_DAY_EXPECTED, "correct the value")
        hour, ampm = int(clock["h"]), clock["ampm"]
        if ampm:
            if not 1 <= hour <= 12:
                raise ValueError("not a date-time", REPORT_DAY_EXPECTED, "correct the value")
            hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
        try:
            moment = moment.replace(
                hour=hour, minute=int(clock["min"]), second=int(clock["s"] or 0)
            )
        except ValueError:
            raise ValueError("not a date-time", REPORT_DAY_EXPECTED, "correct the value") from None
        if clock["zone"]:
            moment = moment.replace(tzinfo=_offset(clock["zone"])).astimezone(local)
        return datetime(moment.year, moment.month, moment.day)

    return read


def to_report_day(arr: pa.Array, column: Column, marketplace: Marketplace) -> pa.Array:
    """A column of :data:`~sellerkit.io.schema.Type.REPORT_DAY` cells → calendar days
    (``timestamp[s]``, naive midnight); empty cells are missing, or an error when the column
    does not allow them."""
    if not column.allow_empty:
        convert.reject_empty(arr, REPORT_DAY_EXPECTED)
    return convert.by_distinct(
        arr, report_day_reader(marketplace.timezone), pa.timestamp(convert.TIME_UNIT)
    )


REPORT_MONEY_EXPECTED = "an amount such as -12.99, 1,234.56, 1,44,957.78 or (in the EU) -12,99"
_AMOUNT = re.compile(r"[+-]?(\d[\d.,]*)?\d")


def money_reader(decimal_comma: bool) -> Callable[[str], float | None]:
    """A function that reads one amount cell; it raises ``ValueError`` for a bad one.

    With both ``,`` and ``.`` the later one is the decimal mark (``1,44,957.78``,
    ``1.234,56``). With one kind only, digits after it that are not a group of three make it
    the decimal mark (``-12,34``, ``9.5``); a single mark followed by three digits is the
    decimal mark where the marketplace writes decimal commas (``decimal_comma``: ``1,234``
    is 1.234 in Germany) for a comma, and the other way round for a dot (``1.234`` is
    1234 there, 1.234 in the US); several are groups (``1,234,567``).
    """

    def read(text: str) -> float | None:
        value = text.strip().replace("\u00a0", "").replace(" ", "")
        if not value:
            return None
        if not _AMOUNT.fullmatch(value):
            raise ValueError("not an amount", REPORT_MONEY_EXPECTED, "correct the value")
        if "," in value and "." in value:
            decimal = "," if value.rfind(",") > value.rfind(".") else "."
        elif "," in value or "." in value:
            mark = "," if "," in value else "."
            groups = value.split(mark)
            if any(len(g) != 3 for g in groups[1:]):
                decimal = mark
            elif len(groups) == 2:
                decimal = mark if (mark == ",") == decimal_comma else ""
            else:
                decimal = ""
        else:
            decimal = ""
        group = {"": ",.", ",": ".", ".": ","}[decimal]
        for char in group:
            value = value.replace(char, "")
        value = value.replace(",", ".")
        try:
            number = float(value)
        except ValueError:
            raise ValueError("not an amount", REPORT_MONEY_EXPECTED, "correct the value") from None
        if not math.isfinite(number):
            raise ValueError("not an amount", REPORT_MONEY_EXPECTED, "correct the value")
        return number

    return read


def to_report_money(arr: pa.Array, column: Column, marketplace: Marketplace) -> pa.Array:
    """A column of :data:`~sellerkit.io.schema.Type.REPORT_MONEY` cells → ``float64``, in
    the report's currency; empty cells are missing, or an error when not allowed."""
    if not column.allow_empty:
        convert.reject_empty(arr, REPORT_MONEY_EXPECTED)
    read = money_reader(marketplace.code in DECIMAL_COMMA)
    return convert.by_distinct(arr, read, pa.float64())


FLAG_VALUES = {"y": True, "yes": True, "true": True, "n": False, "no": False, "false": False}
"""The spellings of a yes/no cell (the Returns report's ``A-to-Z Claim`` is ``Y``/``N``)."""


def to_flag(arr: pa.Array, column: Column, marketplace: Marketplace) -> pa.Array:
    """A column of :data:`~sellerkit.io.schema.Type.FLAG` cells → ``bool``; an empty cell
    (or a single blank, or ``-``) is ``False`` with ``empty_as_false``, else missing, or an
    error when the column does not allow it."""
    expected = "Y or N"

    def read(text: str) -> bool | None:
        value = text.strip().lower()
        if value in FLAG_VALUES:
            return FLAG_VALUES[value]
        if value in ("", "-"):
            if column.empty_as_false:
                return False
            if column.allow_empty:
                return None
            raise ValueError("empty cell", expected, "fill in Y or N")
        raise ValueError("not Y or N", expected, "write Y or N")

    return convert.by_distinct(arr, read, pa.bool_())


CONVERTERS: dict[Type, Callable[[pa.Array, Column, Marketplace], pa.Array]] = {
    Type.REPORT_DAY: to_report_day,
    Type.REPORT_MONEY: to_report_money,
    Type.FLAG: to_flag,
}
"""The converter of each type this module reads; the reader looks types up here."""

ARROW_TYPES: dict[Type, pa.DataType] = {
    Type.REPORT_DAY: pa.timestamp(convert.TIME_UNIT),
    Type.REPORT_MONEY: pa.float64(),
    Type.FLAG: pa.bool_(),
}
"""The Arrow type each converter returns (for a declared column the file does not have)."""
