"""What a header row says before a file is read: its fields, and whether it is a report in
another language (data contract, decision 10)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sellerkit.errors import LayoutError
from sellerkit.io.layouts import LOCALIZED_HEADERS


def a_title(title: str) -> str:
    """``title`` with its article: "an All Orders report", "a chargebacks CSV"."""
    return f"{'an' if title[0].lower() in 'aeiou' else 'a'} {title}"


def split_header(line: str, delimiter: str) -> list[str]:
    """The header's fields: tabs split plainly (Amazon's reports are unquoted), the others
    as CSV."""
    if delimiter == "\t":
        return line.split("\t")
    return next(csv.reader([line], delimiter=delimiter))


def _listed_language(line: str) -> str | None:
    """A language whose header words (:data:`LOCALIZED_HEADERS`) the line holds twice."""
    for delimiter in ("\t", ","):
        names = {f.strip().lower() for f in split_header(line, delimiter)}
        for language, words in LOCALIZED_HEADERS.items():
            if len(names & set(words)) >= 2:
                return language
    return None


def header_language(line: str, alternatives: Iterable[str] = ()) -> str | None:
    """Why a header line is a localized report ("a German header"), or ``None``.

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
    return None


def localized_error(path: Path, language: str, line: str) -> LayoutError:
    """The one-line error for a report with a header in another language."""
    preview = ", ".join(f.strip() for f in line.split("\t")[:4])[:80]
    return LayoutError(
        f"has {language} ('{preview}'); sellerkit reads reports with English headers",
        file=path,
        line=1,
        fix="set the report language to English (en_US) in Seller Central and download it again",
    )
