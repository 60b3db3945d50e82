"""What a load had to assume, skip or repair, counted and shown by example (decision 22)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

COUNTS = (
    "orphanFeedback",
    "orphanClaims",
    "orphanChargebacks",
    "assumedSellerCancellations",
    "ordersWithoutShipment",
    "duplicateRowsRemoved",
    "conflictingDuplicates",
    "futureDatedRows",
    "nonAmazonOrders",
)
"""The contract's counters, always present (0 when nothing happened)."""

EXTRA_COUNTS = (
    "orphanShipments",
    "orphanCancellations",
    "cancellationsForOpenOrders",
    "otherMarketplaceOrders",
    "updatedOrders",
    "undatedOrderRows",
    "assumedClaimsFromPayments",
    "assumedChargebacksFromPayments",
    "assumedClaimsFromReturns",
    "assumedUnconfirmedShipments",
    "emptyFiles",
)
"""sellerkit's additions to the contract's counters."""


@dataclass(frozen=True)
class QualityIssue:
    """One thing the load assumed, skipped or repaired.

    Attributes
    ----------
    code
        The counter it adds to (``orphanFeedback``, ``unrecognisedFiles`` …).
    count
        How many rows, orders or files.
    message
        One line for a person: the file(s) it comes from, what happened, examples.
    examples
        A few order ids or file names, never buyer data.
    files
        The files the rows or orders come from.
    """

    code: str
    count: int
    message: str
    examples: tuple[str, ...] = ()
    files: tuple[str, ...] = ()


@dataclass
class DataQuality:
    """The data-quality summary of one account load."""

    issues: list[QualityIssue] = field(default_factory=list)
    unrecognised_files: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        code: str,
        count: int,
        message: str,
        examples: tuple[str, ...] = (),
        files: Sequence[str] = (),
    ) -> None:
        """Record an issue when ``count`` is not zero; its message starts with ``files``."""
        if count:
            text = f"{in_files(files)}: {message}" if files else message
            self.issues.append(QualityIssue(code, int(count), text, tuple(examples), tuple(files)))

    def count(self, code: str) -> int:
        """The total of one counter."""
        if code == "unrecognisedFiles":
            return len(self.unrecognised_files)
        return sum(issue.count for issue in self.issues if issue.code == code)

    def to_dict(self) -> dict[str, object]:
        """The ``"dataQuality"`` section of the JSON (decision 22), plus sellerkit's extras."""
        out: dict[str, object] = {code: self.count(code) for code in (*COUNTS, *EXTRA_COUNTS)}
        out["unrecognisedFiles"] = [name for name, _ in self.unrecognised_files]
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: code, count, message."""
        rows = [(i.code, i.count, i.message) for i in self.issues]
        rows += [
            ("unrecognisedFiles", 1, f"{name}: {why}") for name, why in self.unrecognised_files
        ]
        return pd.DataFrame(rows, columns=["code", "count", "message"])

    def messages(self) -> list[str]:
        """Every issue and skipped file as one line each, for a terminal or a log."""
        lines = [issue.message for issue in self.issues]
        lines += [f"skipped {name}: {why}" for name, why in self.unrecognised_files]
        return lines


def examples_of(values: pd.Series, limit: int = 3) -> tuple[str, ...]:
    """A few distinct values as text, for a message."""
    return tuple(str(v) for v in pd.unique(values.dropna())[:limit])


def with_examples(text: str, examples: tuple[str, ...]) -> str:
    """``text`` followed by ``(e.g. a, b, c)`` when there are examples."""
    return f"{text} (e.g. {', '.join(examples)})" if examples else text


def in_files(names: Sequence[str], limit: int = 3) -> str:
    """File names for a message: ``a.txt, b.txt and 4 more``."""
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
