"""How sellerkit shows figures to people: percentages, counts, days and statuses, defined
once and read by the terminal text, the reports and the notebooks' HTML.

Every function is pure and total: a missing value (None or NaN) is shown as an en dash,
never as ``nan`` or ``None``.
"""

from __future__ import annotations

import math
from datetime import date

from sellerkit.vocabulary import ORDER_ID

MISSING = "–"
"""What a missing figure is shown as."""

STATUS_WORDS: dict[str, str] = {
    "GOOD": "meets target",
    "BAD": "past target",
    "NONE": "no orders",
}
"""A status in words (never shown by colour alone)."""

STATUS_ICONS: dict[str, str] = {"GOOD": "✓", "BAD": "✗", "NONE": "–"}
"""A status's icon, beside its word."""

STATUS_COLOURS: dict[str, str] = {"GOOD": "#1a7f37", "BAD": "#cf222e", "NONE": "#6e7781"}
"""A status's text colour (WCAG AA contrast on white)."""

STATUS_BACKGROUNDS: dict[str, str] = {"GOOD": "#dafbe1", "BAD": "#ffebe9", "NONE": "#f6f8fa"}
"""A status's background colour for table cells."""


def _number(value: object) -> float | None:
    """A real number from a float, an int, a numpy or pandas scalar; None when missing
    (None, NaN, ``pd.NA``, ``NaT``).

    Raises
    ------
    TypeError
        ``value`` is not a number (a text, a date …).
    """
    if value is None or isinstance(value, str | bytes):
        if value is None:
            return None
        raise TypeError(f"not a number: {value!r}")
    try:
        number = float(value)  # type: ignore[arg-type]  # checked at run time, below
    except (TypeError, ValueError):
        if str(value) in ("<NA>", "NaT"):
            return None
        raise TypeError(f"not a number: {value!r}") from None
    return None if math.isnan(number) else number


def percent(value: object) -> str:
    """A fraction (a float, or a numpy or pandas number) as a percentage with sensible
    precision: ``2.2 %``, ``0.38 %``, ``11.3 %``, ``100 %``; a missing value (None, NaN) as
    ``–``.

    Raises
    ------
    TypeError
        ``value`` is not a number.
    """
    number = _number(value)
    if number is None:
        return MISSING
    shown = round(number * 100, 2)
    if shown == round(shown):
        return f"{shown:.0f} %"
    if shown < 1:
        return f"{shown:.2f} %"
    return f"{shown:.1f} %"


def count(value: object) -> str:
    """A count with thousands separators (``1,234``), or ``–`` when missing.

    Raises
    ------
    TypeError
        ``value`` is not a number.
    """
    number = _number(value)
    return MISSING if number is None else f"{int(number):,}"


def day(value: date | None) -> str:
    """A day as ``YYYY-MM-DD`` (ISO 8601: every reader's locale reads it the same), or ``–``."""
    return MISSING if value is None else value.isoformat()


def span(first: date | None, last: date | None) -> str:
    """A window, both days included: ``2026-03-01 … 2026-03-30``, or ``–``."""
    if first is None or last is None:
        return MISSING
    return f"{first.isoformat()} … {last.isoformat()}"


def status_word(value: str | None) -> str:
    """A status as its icon and word alone: ``✗ past target``; an unknown status as it
    stands, a missing one as ``–``."""
    if value is None:
        return MISSING
    if value in STATUS_WORDS:
        return f"{STATUS_ICONS[value]} {STATUS_WORDS[value]}"
    return value


def status(value: str | None) -> str:
    """A status as its icon and word with Amazon's term: ``✗ past target (BAD)``; an
    unknown status (Amazon's ``FAIR``, ``AT_RISK`` …) as it stands."""
    if value in STATUS_WORDS:
        return f"{status_word(value)} ({value})"
    return status_word(value)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#rrggbb``), by the WCAG
    contrast ratio: a brand colour of any lightness keeps its title readable."""
    value = background.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return "#ffffff"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    on_white = 1.05 / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return "#ffffff" if on_white >= on_black else "#000000"


def redact_order_ids(text: str) -> str:
    """Every Amazon order id in ``text`` with its middle group masked:
    ``111-XXXXXXX-1234567`` (enough to find the order in Seller Central, not to read it
    out whole). The one redaction of the report, its tables and its notes."""
    return ORDER_ID.sub(r"\1-XXXXXXX-\3", text)


AMAZON_STATUS_WORDS: dict[str, str] = {
    "NORMAL": "Normal",
    "AT_RISK": "At risk",
    "DEACTIVATED": "Deactivated",
    "GREAT": "Great",
    "GOOD": "Good",
    "FAIR": "Fair",
    "POOR": "Poor",
    "CRITICAL": "Critical",
    "BAD": "Bad",
    "NONE": "None",
}
"""Amazon's status codes (account status, Account Health Rating) in words."""


def amazon_status(code: object) -> str:
    """An account status or rating code of Amazon's report in words (``AT_RISK`` → "At
    risk"); an unknown code as it stands, a missing one as ``–``."""
    if code is None or code == "":
        return MISSING
    text = str(code)
    return AMAZON_STATUS_WORDS.get(text, text.replace("_", " ").capitalize())


def timestamp(value: str) -> str:
    """An ISO time stamp as people read it: ``2026-11-29T23:22:30+00:00`` → "2026-11-29
    23:22 UTC" (text that is not a time stamp as it stands)."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    return f"{moment:%Y-%m-%d %H:%M}"
