"""The vocabulary that declares a file kind as data: :class:`Kind`, :class:`Type`,
:class:`Column` and :class:`Layout`.

The layouts themselves are data built from these classes: the account's own tables in
:mod:`sellerkit.io.layouts_canonical`, the real downloads in :mod:`sellerkit.io.layouts_real`,
all of them together in :mod:`sellerkit.io.layouts`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of file an account folder may hold."""

    ORDERS = "orders"
    FEEDBACK = "feedback"
    CLAIMS = "claims"
    CHARGEBACKS = "chargebacks"
    SHIPMENTS = "shipments"
    CANCELLATIONS = "cancellations"
    PERFORMANCE = "performance"
    # Real downloads that feed the tables above (data contract R1; layouts_real.py).
    ORDER_REPORT = "order-report"
    UNSHIPPED_ORDERS = "unshipped-orders"
    SHIP_CONFIRMATIONS = "ship-confirmations"
    TRANSACTIONS = "transactions"
    SETTLEMENT = "settlement"
    RETURNS = "returns"
    FBA_SHIPMENTS = "fba-shipments"


class Type(StrEnum):
    """How a column's text is read."""

    TEXT = "text"  # kept as text, whatever it starts with
    TIMESTAMP = "timestamp"  # ISO 8601 date-time, with or without offset
    DAY = "day"  # ISO 8601 date or date-time → the marketplace's calendar day
    FEEDBACK_DAY = "feedback_day"  # the marketplace's short date format
    INT = "int"  # whole number ≥ 0
    MONEY = "money"  # decimal number, may be negative
    BOOL = "bool"  # true / false
    CHOICE = "choice"  # one of `choices` (case-insensitive, stored in canonical spelling)
    RATING = "rating"  # whole number 1–5
    # Amazon's payment and returns reports (converters in sellerkit.io.formats):
    REPORT_DAY = "report_day"  # "Dec 1, 2017 12:38:23 AM PST", "10-Jul-2025" … → local day
    REPORT_MONEY = "report_money"  # "1,44,957.78", "-12,34" (decimal comma marketplaces)
    FLAG = "flag"  # Y / N, Yes / No, true / false


@dataclass(frozen=True)
class Column:
    """One column of a layout.

    Attributes
    ----------
    header
        The header name as Amazon or the contract spells it (matched case-insensitively).
    name
        The normalized column name in sellerkit's tables.
    type
        How the text is read.
    required
        The column must be in the header (else the file is broken).
    allow_empty
        An empty cell is allowed (it becomes missing, ``False`` for ``empty_as_false``).
    choices
        Allowed values of a ``CHOICE`` column, in canonical spelling.
    empty_as_false
        For ``BOOL`` and ``FLAG``: an empty cell reads as ``False`` (Amazon leaves it empty).
    aliases
        Other header names of the same column in other versions of the file (``Your
        Response`` for ``Response``); the reader gives the column its ``header`` name.
    """

    header: str
    name: str
    type: Type = Type.TEXT
    required: bool = True
    allow_empty: bool = True
    choices: tuple[str, ...] = ()
    empty_as_false: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """The shape of one kind of file.

    Attributes
    ----------
    kind
        Which kind of file this is.
    title
        What the user calls it ("All Orders report").
    identifying
        Header names that recognise the kind (data contract, decision 10).
    distinctive
        Header names no other file a seller keeps is likely to have: with one of them, a
        header that lacks some identifying columns is still this kind, with columns missing
        (:mod:`sellerkit.io.recognise`).
    columns
        Known columns. Columns not listed are kept as text, except `private`.
    delimiter
        ``"\\t"`` for Amazon's reports, ``","`` for sellerkit's CSVs.
    quoted
        Whether ``"`` quotes a field (sellerkit CSVs) or is a literal (Amazon reports).
    key
        Normalized columns that identify one row across repeated downloads (decision 9).
    newest
        Normalized column whose largest value wins among rows with the same key, if any.
    snapshot
        Normalized column that groups the rows of one snapshot (the order id of the All
        Orders report): each download holds whole orders as they stood, and an order's
        rows come from the download with its newest ``newest`` value (decision 9).
    private
        Header names of buyer personal data: dropped on reading, never stored.
    how_to_get
        Where the user gets a correct file, quoted in error messages.
    report_type
        The Selling Partner API report type, where there is one.
    feeds
        The canonical tables a download of this kind fills (:mod:`sellerkit.io.sources`);
        empty for the kinds that are canonical tables themselves.
    keep_unknown
        Whether columns the layout does not declare are kept as text (the All Orders
        report's new columns). ``False`` reads the declared columns only: wide downloads
        full of buyer data are never read beyond what sellerkit uses (R8).
    preamble
        The most lines of notes that may precede the header row (the Date Range
        Transaction report's quoted notes); the header is found by its identifying columns.
    blank_cells
        Whether a cell of blanks only (the Returns report's ``" "``) is an empty cell.
    positional
        Known column orders, in English, of this kind. A header in another language with as
        many columns as one of them is read by position (the Seller Feedback report is
        translated per marketplace, its column order unchanged: real-downloads.md §1).
    """

    kind: Kind
    title: str
    identifying: tuple[str, ...]
    columns: tuple[Column, ...]
    delimiter: str
    quoted: bool
    key: tuple[str, ...]
    distinctive: tuple[str, ...] = ()
    newest: str | None = None
    snapshot: str | None = None
    private: frozenset[str] = field(default_factory=frozenset)
    how_to_get: str = ""
    report_type: str = ""
    feeds: tuple[Kind, ...] = ()
    keep_unknown: bool = True
    preamble: int = 0
    blank_cells: bool = False
    positional: tuple[tuple[str, ...], ...] = ()

    def column(self, header: str) -> Column | None:
        """The declared column for a header name, if any (case-insensitive)."""
        return self._by_header.get(header.strip().lower())

    @functools.cached_property
    def _by_header(self) -> dict[str, Column]:
        """Every declared column by its header and aliases, lower case."""
        return {name.lower(): c for c in self.columns for name in (c.header, *c.aliases)}
