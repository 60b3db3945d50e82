"""Which kind of file a header row belongs to (data contract, decisions 10 and 21).

Every layout is scored against the header, split on each delimiter: which of the names the
layout needs (its identifying and required columns) the header has. In order of evidence:

1. every identifying column, split on the layout's own delimiter: that kind;
2. every identifying column, split on another delimiter: that kind, wrongly separated;
3. clear evidence of a kind — at least two of its column names, of which one only that kind
   has (:attr:`~sellerkit.io.schema.Layout.distinctive`) or which make up half the names it
   needs: that kind with columns missing. An unrelated file (a CSV with an ``order-id``
   column, an inventory list with ``sku`` and ``quantity``, a note) shows no such evidence.

A recognised kind that lacks a needed column, identifying or not, is a broken file: the
error names every missing column, never "not recognised" (a skipped claims file silently
lowers the ODR). A header in another language is reported as such, from a list of words
Seller Central writes, or generically when it is mostly in a non-Latin script.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sellerkit.errors import LayoutError
from sellerkit.io.layouts import LOCALIZED_HEADERS, TABLE_LAYOUTS
from sellerkit.io.schema import Layout

DELIMITERS = ("\t", ",", ";", "|")
"""Delimiters a header is split on: every layout's own, and what a spreadsheet writes."""

_MIN_LOCALIZED_FIELDS = 3
"""A header needs this many named columns to be taken for a report in a non-Latin script."""

_SCRIPT_LANGUAGES = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "GREEK": "Greek",
    "THAI": "Thai",
    "DEVANAGARI": "Hindi",
}
"""The first word of a letter's Unicode name → the language a header in it is written in."""


def a_title(title: str) -> str:
    """``title`` with its article: "an All Orders report", "a chargebacks CSV", "an MFN
    Order Report" (an acronym is read letter by letter)."""
    first = title.split(" ", 1)[0]
    acronym = len(first) > 1 and first.isupper()
    vowel_sound = first[0] in "AEFHILMNORSX" if acronym else first[0].lower() in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {title}"


def split_header(line: str, delimiter: str) -> list[str]:
    """The header's fields: tabs split plainly (Amazon's reports are unquoted), the others
    as CSV."""
    if delimiter == "\t":
        return line.split("\t")
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except csv.Error:  # a carriage return or NUL inside the line: no header of ours
        return line.split(delimiter)


def needed(layout: Layout) -> tuple[str, ...]:
    """The column names a file of ``layout`` must have, spelled as the layout spells them:
    its identifying columns and every required column, in the layout's order."""
    identifying = set(layout.identifying)
    return tuple(c.header for c in layout.columns if c.required or c.header.lower() in identifying)


@dataclass(frozen=True)
class Match:
    """How well one layout fits a header split on one delimiter.

    Attributes
    ----------
    layout
        The layout scored.
    delimiter
        The delimiter the header was split on.
    fields
        The header's fields as written.
    found
        The layout's column names the header has (lower case).
    missing
        Names the layout needs that the header lacks, as the layout spells them.
    """

    layout: Layout
    delimiter: str
    fields: tuple[str, ...]
    found: frozenset[str]
    missing: tuple[str, ...]

    @property
    def identified(self) -> bool:
        """Every identifying column is there (decision 10)."""
        return all(name in self.found for name in self.layout.identifying)

    @property
    def score(self) -> float:
        """The share of the needed names the header has."""
        total = len(needed(self.layout))
        return (total - len(self.missing)) / total

    @property
    def evident(self) -> bool:
        """Clear evidence that the header is this kind, with or without missing columns."""
        if self.identified:
            return True
        if len(self.found) < 2:
            return False
        distinctive = any(name in self.found for name in self.layout.distinctive)
        return distinctive or 2 * (len(needed(self.layout)) - len(self.missing)) >= len(
            needed(self.layout)
        )

    @property
    def separated_right(self) -> bool:
        """Split on the layout's own delimiter."""
        return self.delimiter == self.layout.delimiter


def match(layout: Layout, fields: Sequence[str], delimiter: str) -> Match:
    """Score ``layout`` against a header's ``fields``."""
    names = {f.strip().lower() for f in fields}
    known = {c.header.lower() for c in layout.columns} | set(layout.identifying)
    missing = tuple(name for name in needed(layout) if name.lower() not in names)
    return Match(layout, delimiter, tuple(fields), frozenset(names & known), missing)


def recognise(line: str, layouts: Sequence[Layout] = TABLE_LAYOUTS) -> Match | None:
    """The best match for a header line, or ``None`` when no layout shows clear evidence.

    Among matches of the same strength the higher score wins, then the layout listed first.
    """
    matches = [
        match(layout, split_header(line, delimiter), delimiter)
        for layout in layouts
        for delimiter in (layout.delimiter, *(d for d in DELIMITERS if d != layout.delimiter))
    ]
    for strength in (
        lambda m: m.identified and m.separated_right and not m.missing,
        # A report saved with the wrong delimiter, whole, before a kind it only shares
        # identifying columns with (an Order Report saved as CSV is no shipments CSV).
        lambda m: m.identified and not m.missing,
        lambda m: m.identified and m.separated_right,
        lambda m: m.identified,
        lambda m: m.evident and m.separated_right,
        lambda m: m.evident,
    ):
        hits = [m for m in matches if strength(m)]
        if hits:
            return max(hits, key=lambda m: m.score)  # the first of the best, in layout order
    return None


def missing_columns_error(
    path: Path, layout: Layout, missing: Sequence[str], fields: Sequence[str], line: int = 1
) -> LayoutError:
    """The one-line error for a file of ``layout`` without the columns ``missing``, whose
    header is on ``line`` (1-based; notes may come first)."""
    plural = "s" if len(missing) > 1 else ""
    names = ", ".join(f"'{name}'" for name in missing)
    found = ", ".join(f.strip() for f in fields[:12]) + (", …" if len(fields) > 12 else "")
    fix = layout.how_to_get
    if layout.quoted:  # sellerkit's own CSV: the user writes it, so say what to write
        header = ",".join(c.header for c in layout.columns)
        fix = f"add the column{plural}: its header row is {header} ({layout.how_to_get})"
    return LayoutError(
        f"is {a_title(layout.title)} without its required column{plural} {names}",
        file=path,
        line=line,
        expected=f"a header with {', '.join(missing)} (found: {found})",
        fix=fix,
    )


def _listed_language(line: str) -> str | None:
    """A language whose header words (:data:`LOCALIZED_HEADERS`) the line holds twice."""
    for delimiter in ("\t", ","):
        names = {f.strip().lower() for f in split_header(line, delimiter)}
        for language, words in LOCALIZED_HEADERS.items():
            if len(names & set(words)) >= 2:
                return language
    return None


def _script_of(field: str) -> str | None:
    """The non-Latin script most of a field's letters are in, ``"LATIN"`` when they are
    mostly Latin, ``None`` without letters."""
    scripts: Counter[str] = Counter()
    for char in field:
        if char.isalpha():
            name = "LATIN" if char.isascii() else unicodedata.name(char, "?").split(" ")[0]
            scripts[name] += 1
    if not scripts:
        return None
    latin = scripts.pop("LATIN", 0)
    if 2 * latin >= latin + sum(scripts.values()):
        return "LATIN"
    return scripts.most_common(1)[0][0]


def _script_language(line: str) -> str | None:
    """A phrase for a tab-separated header that is not English: mostly in a non-Latin
    script, or without a single ASCII letter (text in an encoding sellerkit does not read)."""
    fields = [f for f in line.split("\t") if any(c.isalpha() for c in f)]
    if len(fields) < _MIN_LOCALIZED_FIELDS:
        return None
    scripts = [_script_of(f) for f in fields]  # never None: each field has a letter
    foreign = [s for s in scripts if s is not None and s != "LATIN"]
    if 2 * len(foreign) >= len(fields):
        if any(s in ("HIRAGANA", "KATAKANA") for s in foreign):
            return "a Japanese header"
        script = Counter(foreign).most_common(1)[0][0]
        language = _SCRIPT_LANGUAGES.get(script or "")
        return f"a {language} header" if language else f"a header in {script.title()} script"
    if not any(c.isascii() and c.isalpha() for f in fields for c in f):
        return "a header that is not in English"
    return None


def header_language(line: str, alternatives: Iterable[str] = ()) -> str | None:
    """Why a header line is a localized report ("a German header", "a Chinese header"), or
    ``None``.

    Parameters
    ----------
    line
        The header line as decoded.
    alternatives
        The same line decoded in other encodings it may be in (the marketplace, which
        decides a legacy encoding, is not known yet): a listed word in any of them counts.
    """
    for text in (line, *alternatives):
        language = _listed_language(text)
        if language:
            return f"a {language} header"
    return _script_language(line)


def localized_error(path: Path, language: str, line: str) -> LayoutError:
    """The one-line error for a report with a header in another language."""
    preview = ", ".join(f.strip() for f in line.split("\t")[:4])[:80]
    return LayoutError(
        f"has {language} ('{preview}'); sellerkit reads reports with English headers",
        file=path,
        line=1,
        fix="set the report language to English (en_US) in Seller Central and download it again",
    )
