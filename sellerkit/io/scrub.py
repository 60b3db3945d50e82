"""Drop buyers' personal data from free text as a file is read (data contract R8).

Two rules, applied by :func:`scrub_columns` to every table :mod:`sellerkit.io.readers` reads,
so no table, cache, export, report or log ever holds the text:

- **Coded columns** (a buyer's cancellation reason): no metric needs the text, only that the
  buyer asked. A value is kept only when it is one of :data:`CANCEL_REASONS`; any other text
  becomes :data:`NOT_KEPT`.
- **Free-text columns** (feedback comments and the seller's responses, which the cause
  explorer tags by their words; return reasons, settlement descriptions and any column a
  layout keeps unread): :func:`scrub` masks contact details, addresses and cued names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""An e-mail address."""
PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
"""A phone number: nine or more digits, spaces, dots, dashes and brackets."""
_SUFFIX = (
    r"St|ST|Street|Ave|AVE|Avenue|Rd|RD|Road|Blvd|Boulevard|Lane|Ln|Dr|Drive|Way|Ct|Court|"
    r"Pl|Place|Ter|Terrace|Cir|Circle|Hwy|Highway|Pkwy|Parkway|Sq|Square|Str|Straße|Strasse"
)
ADDRESS = re.compile(
    r"\b\d{1,6}[A-Za-z]?,?\s+(?:[A-Za-zÀ-ÿ][\w'’.-]*\s+){1,3}(?:" + _SUFFIX + r")\b\.?"
)
"""A street address: a house number, one to three words, then a capitalized street suffix
(``12 Elm St``, ``99 Oak Ave``, ``4 North Lake Drive``)."""
_NAME = r"[A-Z][a-zà-ÿ'’-]+\.?(?:\s+[A-Z][a-zà-ÿ'’-]+)?"
NAME = re.compile(
    r"((?i:\bdear|\bmy name is|\bi am|\bi'm|\bi’m|\bcall me|\bsincerely|\bregards|"
    r"\bsigned)[\s,:]+)" + _NAME
)
"""One or two capitalized words after a cue (``Dear``, ``my name is``, ``I am``, ``I'm``,
``Call me``, ``Sincerely``, ``Regards``, ``Signed``)."""
SIGNATURE = re.compile(r"((?:^|\s)[-–—~]\s*)" + _NAME + r"\s*$", re.MULTILINE)
"""One or two capitalized words after a dash at the end of a line (``- John``)."""

NOT_KEPT = "buyer's text (not kept)"
"""What a coded column holds in place of text that is not a known code."""
CANCEL_REASONS = (
    "Buyer cancelled",
    "Ordered by mistake",
    "Found a better price",
    "Item would not arrive on time",
    "Shipping cost too high",
    "Need to change shipping address",
    "Need to change payment method",
    "No longer needed",
    "Out of stock",
    "Pricing error",
    "Undeliverable address",
    "Other",
)
"""Cancellation reasons kept as written (compared case-insensitively, stored in this
spelling). real-downloads.md §2 calls ``buyer-requested-cancel-reason`` free text and names no
codes, so these are the short choices sellerkit's samples and tests use; anything else a
buyer wrote is replaced by :data:`NOT_KEPT`."""
CODED = {"cancel_reason": CANCEL_REASONS, "reason": CANCEL_REASONS}
"""Table columns kept only as one of a fixed set of codes."""
FREE_TEXT = frozenset({"comments", "response", "return_reason", "amount_description"})
"""Declared table columns whose text is scrubbed (unread columns a layout keeps are too)."""


def scrub(text: str) -> str:
    """``text`` with buyers' contact details, addresses and cued names masked.

    Replaces, in this order: e-mail addresses by ``[e-mail]``; phone numbers (nine or more
    digits with spaces, dots, dashes or brackets) by ``[phone]``; street addresses (a house
    number, up to three words, a street suffix such as St, Ave, Rd, Blvd, Ln, Dr, Way, Ct) by
    ``[address]``; one or two capitalized words after ``Dear``, ``my name is``, ``I am``,
    ``I'm``, ``Call me``, ``Sincerely``, ``Regards`` or ``Signed``, or after a dash ending a
    line (a signature such as ``- John``), by ``[name]``.

    It does not catch every name: a name without one of these cues ("Jane Doe here") stays,
    and a capitalized word after a cue ("I am Very upset") is masked though it is no name.
    Lower-case words such as "late" or "damaged" are never masked after a cue.
    """
    text = EMAIL.sub("[e-mail]", text)
    text = PHONE.sub("[phone]", text)
    text = ADDRESS.sub("[address]", text)
    text = NAME.sub(r"\1[name]", text)
    return SIGNATURE.sub(r"\1[name]", text)


MASKS = ("[e-mail]", "[phone]", "[address]", "[name]")
"""What :func:`scrub` leaves where it masked something."""


def has_personal(text: str) -> bool:
    """Whether ``text`` held a buyer's personal details: a mask :func:`scrub` left (tables
    are scrubbed on read), or an e-mail address or phone number still there (text that did
    not come through a reader)."""
    return any(mask in text for mask in MASKS) or bool(EMAIL.search(text) or PHONE.search(text))


def coded(text: str, codes: tuple[str, ...]) -> str:
    """``text`` in its code's spelling if it is one of ``codes``, else :data:`NOT_KEPT`."""
    known = {code.casefold(): code for code in codes}
    return known.get(" ".join(text.split()).casefold(), NOT_KEPT)


def _map_text(
    array: pa.Array | pa.ChunkedArray, change: Callable[[str], str]
) -> pa.Array | pa.ChunkedArray:
    """``array`` with every distinct string passed through ``change`` (once per value)."""
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    values = [change(v) if v else v for v in encoded.dictionary.to_pylist()]
    return pa.chunked_array([pc.take(pa.array(values, pa.string()), encoded.indices)])


def scrub_columns(arrays: dict[str, pa.Array | pa.ChunkedArray], unread: set[str]) -> None:
    """Apply the coded and free-text rules to a table's columns, in place.

    ``arrays`` maps table column names to Arrow columns; ``unread`` names the columns kept
    from the file though no layout declares them (scrubbed as free text).
    """
    for name, array in arrays.items():
        if name in CODED:
            arrays[name] = _map_text(array, partial(coded, codes=CODED[name]))
        elif name in FREE_TEXT or name in unread:
            arrays[name] = _map_text(array, scrub)
