"""Reading Amazon's seller performance report (``GET_V2_SELLER_PERFORMANCE_REPORT``) without
trusting its shape: its windows, counts and rates, the marketplace's entry, and the figures
Amazon computes that sellerkit does not (account status, Account Health Rating, warning
states, policy-violation counts).

Every reader here accepts anything JSON can hold (a string where an object is expected,
``null``, a list) and answers ``None`` or an empty value instead of raising; the caller
decides what to say about it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sellerkit.vocabulary import METRICS, MetricKey

COMPUTED: dict[str, MetricKey] = {
    spelling: key for key, terms in METRICS.items() for spelling in (str(key), *terms.spellings)
}
"""Keys of a ``performanceMetrics`` entry that sellerkit computes, under every spelling
(``lateShipmentRateList``, ``prefulfillmentCancelRate`` …), with the sellerkit metric each is
compared with."""

NOT_COMPUTED: frozenset[str] = frozenset(
    {
        "invoiceDefectRate",
        "accountHealthRating",
        "warningStates",
        "warningState",
    }
)
"""Keys Amazon documents that sellerkit does not compute (besides policy violations, which
are recognised by their ``defectsCount``)."""

TITLES: dict[str, str] = {
    **{str(key): terms.title for key, terms in METRICS.items()},
    "invoiceDefectRate": "Invoice Defect Rate",
    "accountHealthRating": "Account Health Rating",
    "warningStates": "Warning states",
    "warningState": "Warning states",
}
"""What a person calls each of Amazon's keys; other keys are spelled out from camelCase."""


def title(key: str) -> str:
    """A person's name for one of Amazon's keys (``listingPolicyViolations`` → "Listing
    policy violations")."""
    if key in TITLES:
        return TITLES[key]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).lower()
    return words[:1].upper() + words[1:]


def count(value: Any) -> int | None:
    """A count as Amazon writes it (``12`` or ``{"count": 12}``), or None when it is not a
    whole number of 0 or more (``NaN``, ``Infinity``, ``-1``, ``2.5``)."""
    if isinstance(value, dict):
        value = value.get("count")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        finite = math.isfinite(value)
    except OverflowError:  # a whole number too long for a float: no count Amazon gives
        return None
    if not finite or value < 0 or value != int(value):
        return None
    return int(value)


def number(value: Any) -> float | None:
    """A rate or score, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value) if math.isfinite(value) else None
    except OverflowError:  # a whole number too long for a float
        return None


def text(value: Any) -> str | None:
    """A status or name, or None when it is not a non-empty string."""
    return value if isinstance(value, str) and value else None


EARLIEST_YEAR, LATEST_YEAR = 1995, 2100
"""Days outside these years are no day of an Amazon report (a typo, a placeholder)."""


def _day(value: Any) -> date | None:
    """A report's day: ``YYYY-MM-DD`` text, optionally with its time (``…T23:59:59Z``);
    anything else (a number, an ISO week, a year outside :data:`EARLIEST_YEAR` …
    :data:`LATEST_YEAR`) is no day."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None


def window(item: Any) -> tuple[date, date] | None:
    """The ``reportingDateRange`` of an entry as days, or None when missing or unreadable
    (a window that ends before it starts is unreadable too)."""
    span = item.get("reportingDateRange") if isinstance(item, dict) else None
    if not isinstance(span, dict):
        return None
    first, last = _day(span.get("reportingDateFrom")), _day(span.get("reportingDateTo"))
    if first is None or last is None or last < first:
        return None
    return first, last


def _items(value: Any) -> list[Any]:
    """An entry and what it holds one level down (ODR's mfn/afn, a list's items)."""
    if isinstance(value, dict):
        return [value, *value.values()]
    return list(value) if isinstance(value, list) else []


def report_day(document: dict[str, Any], marketplace_id: str | None = None) -> str:
    """The latest readable window end in a report (``YYYY-MM-DD``; empty when none): its
    as-of. With ``marketplace_id``, the latest of that marketplace's entry (a report of
    several marketplaces is dated by the account's own). Unreadable or reversed windows
    are left out, so one bad entry does not undate the report."""
    days: list[date] = []
    entries = document.get("performanceMetrics")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        if marketplace_id is not None and entry.get("marketplaceId") not in (
            marketplace_id,
            None,
            "",
        ):
            continue
        for value in entry.values():
            for item in _items(value):
                span = window(item)
                if span is not None:
                    days.append(span[1])
    return max(days).isoformat() if days else ""


def marketplace_entry(
    document: dict[str, Any], marketplace_id: str
) -> tuple[dict[str, Any] | None, list[str]]:
    """The ``performanceMetrics`` entry of a marketplace, and the ids of the others.

    A report with one entry that names no marketplace is taken as the account's.
    """
    entries = document.get("performanceMetrics")
    entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    others = sorted(
        {str(e["marketplaceId"]) for e in entries if e.get("marketplaceId") not in (None, "")}
        - {marketplace_id}
    )
    for entry in entries:
        if entry.get("marketplaceId") == marketplace_id:
            return entry, others
    if len(entries) == 1 and entries[0].get("marketplaceId") in (None, ""):
        return entries[0], others
    return None, others


def is_policy_violation(value: Any) -> bool:
    """An entry that carries a ``defectsCount`` (listing policy, authenticity, IP, …)."""
    return isinstance(value, dict) and "defectsCount" in value


@dataclass(frozen=True)
class AmazonFigures:
    """What Amazon's report shows that sellerkit does not compute, as Amazon shows it.

    Attributes
    ----------
    account_status
        This marketplace's ``accountStatuses[].status`` (``NORMAL``, ``AT_RISK``,
        ``DEACTIVATED``), or None.
    account_statuses
        Every marketplace's status in the report, by marketplace id.
    ahr_status, ahr_score
        ``accountHealthRating.ahrStatus`` and ``ahrScore`` (0–1000; live reports only).
    warning_states
        ``(warningType, status)`` pairs of ``warningStates``.
    policy_violations
        ``defectsCount`` of every entry that has one, by Amazon's key.
    """

    account_status: str | None = None
    account_statuses: dict[str, str] = field(default_factory=dict)
    ahr_status: str | None = None
    ahr_score: float | None = None
    warning_states: tuple[tuple[str, str], ...] = ()
    policy_violations: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether the report shows none of these figures."""
        return self == AmazonFigures()

    def to_dict(self) -> dict[str, Any]:
        """The ``"amazonFigures"`` part of the reconciliation JSON."""
        return {
            "accountStatus": self.account_status,
            "accountStatuses": dict(self.account_statuses),
            "ahrStatus": self.ahr_status,
            "ahrScore": self.ahr_score,
            "warningStates": [{"warningType": w, "status": s} for w, s in self.warning_states],
            "policyViolations": dict(self.policy_violations),
        }

    def lines(self) -> list[str]:
        """One sentence per figure (empty when the report shows none)."""
        out = []
        from sellerkit.present import amazon_status

        def code(value: str) -> str:  # Amazon's word, then its code as the report writes it
            return f"{amazon_status(value)} ({value})"

        if self.account_status is not None:
            out.append(f"Account status: {code(self.account_status)}")
        if self.ahr_status is not None or self.ahr_score is not None:
            score = "" if self.ahr_score is None else f"{self.ahr_score:g}"
            status = None if self.ahr_status is None else code(self.ahr_status)
            shown = " · ".join(v for v in (status, score and f"score {score}") if v)
            out.append(f"Account Health Rating: {shown}")
        if self.warning_states:
            out.append("Warning states: " + "; ".join(f"{w} {s}" for w, s in self.warning_states))
        if self.policy_violations:
            out.append(
                "Policy violations: "
                + "; ".join(f"{title(k)} {v:,}" for k, v in self.policy_violations.items())
            )
        return out


def _statuses(document: dict[str, Any]) -> dict[str, str]:
    statuses = document.get("accountStatuses")
    out = {}
    for item in statuses if isinstance(statuses, list) else []:
        if not isinstance(item, dict):
            continue
        # Amazon's schema says ``status``; samples written by sellerkit before 2026-12 said
        # ``accountStatus``.
        status = text(item.get("status")) or text(item.get("accountStatus"))
        if status is not None:
            out[str(item.get("marketplaceId") or "")] = status
    return out


def warning_states(value: Any) -> tuple[tuple[str, str], ...]:
    """``(warningType, status)`` of each readable item of ``warningStates``."""
    items = value if isinstance(value, list) else []
    return tuple(
        (str(item.get("warningType") or "?"), str(item.get("status") or "?"))
        for item in items
        if isinstance(item, dict)
    )


def amazon_figures(
    document: dict[str, Any], entry: dict[str, Any] | None, marketplace_id: str
) -> AmazonFigures:
    """Account status, Account Health Rating, warning states and policy-violation counts of
    one marketplace, read from a report (missing or malformed parts are left out)."""
    statuses = _statuses(document)
    status = statuses.get(marketplace_id)
    if status is None and len(statuses) == 1 and "" in statuses:
        status = statuses[""]
    entry = entry or {}
    rating = entry.get("accountHealthRating")
    rating = rating if isinstance(rating, dict) else {}
    warnings = entry.get("warningStates", entry.get("warningState"))
    violations = {
        key: n
        for key, value in entry.items()
        if is_policy_violation(value) and (n := count(value["defectsCount"])) is not None
    }
    return AmazonFigures(
        account_status=status,
        account_statuses=statuses,
        ahr_status=text(rating.get("ahrStatus")),
        ahr_score=rating["ahrScore"] if number(rating.get("ahrScore")) is not None else None,
        warning_states=warning_states(warnings),
        policy_violations=violations,
    )
