"""The entries of Amazon's seller performance report, one by one, and what sellerkit did
with each: compared (see :mod:`sellerkit.metrics.reconcile`), or listed with the reason it
was not, in a record (:class:`Entry`) and a sentence for people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sellerkit.metrics import amazon_report as amazon
from sellerkit.metrics.rates import FIELDS, SCOPE_NAMES
from sellerkit.present import percent
from sellerkit.vocabulary import LATE_SHIPMENT_RATE_LIST, ODR_PARTS, MetricKey

COUNTS: dict[str, tuple[str, str, str]] = {
    **FIELDS,
    "invoiceDefectRate": ("invoiceDefect", "orderCount", "orders"),  # Amazon's; not computed
}
"""Amazon's count fields of every rate it reports, sellerkit's or not: (numerator,
denominator, unit)."""

AGREES = "agrees"
DIFFERS = "differs"
NO_COUNTS = "no counts"
NO_WINDOW = "no window"
STATUS_ONLY = "status only"
NO_FIGURES = "no figures"
NOT_COMPUTED = "not computed by sellerkit"
UNKNOWN = "unknown to sellerkit"
MALFORMED = "malformed"
DUPLICATE = "duplicate"
"""The reasons an :class:`Entry` gives: the first two for compared entries, the rest for
entries that were not compared."""


def date_range(first: date | None, last: date | None) -> dict[str, str] | None:
    """A window as Amazon's ``reportingDateRange`` (``YYYY-MM-DD``), or None without one."""
    if first is None or last is None:
        return None
    return {"reportingDateFrom": first.isoformat(), "reportingDateTo": last.isoformat()}


@dataclass(frozen=True)
class Entry:
    """One entry of Amazon's report and what sellerkit did with it.

    Attributes
    ----------
    key
        Where it sits in the marketplace's ``performanceMetrics`` entry:
        ``orderDefectRate.mfn``, ``lateShipmentRateList[0]``, ``prefulfillmentCancelRate`` …
    metric
        sellerkit's metric key when sellerkit computes it (both spellings of the
        cancellation rate give ``preFulfillmentCancellationRate``), else Amazon's key.
    scope
        ``mfn``, ``afn`` or ``""``.
    compared
        Whether at least one of its counts was set beside sellerkit's.
    reason
        ``agrees`` or ``differs`` when compared; otherwise why not: ``no counts``,
        ``no window``, ``status only``, ``no figures``, ``not computed by sellerkit``,
        ``unknown to sellerkit``, ``malformed``, ``duplicate``.
    rate, status, first_day, last_day
        Amazon's rate, status and window as the report gives them (None when absent or
        unreadable).
    notes
        Sentences for people: what was found, and why it differs or was not compared.
    """

    key: str
    metric: str
    scope: str
    compared: bool
    reason: str
    rate: float | None = None
    status: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """One item of the reconciliation's ``"entries"`` (dates ``YYYY-MM-DD``)."""
        span = date_range(self.first_day, self.last_day)
        return {
            "key": self.key,
            "metric": self.metric,
            "scope": self.scope,
            "compared": self.compared,
            "reason": self.reason,
            "amazon": {"rate": self.rate, "status": self.status, "reportingDateRange": span},
            "notes": list(self.notes),
        }


def metric_name(metric: str, scope: str) -> str:
    """``Order Defect Rate (seller-fulfilled)``."""
    scope_name = SCOPE_NAMES.get(scope, scope)
    return f"{amazon.title(metric)} ({scope_name})" if scope_name else amazon.title(metric)


def span_text(span: tuple[date, date] | None) -> str:
    """``2026-07-01 … 2026-07-30``, or empty without a window."""
    return "" if span is None else f"{span[0]} … {span[1]}"


def json_kind(value: Any) -> str:
    """What a JSON value is, for a person: ``a string ('n/a')``, ``null`` …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    names = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}
    shown = repr(value) if len(repr(value)) <= 30 else repr(value)[:27] + "…"
    return f"{names.get(type(value), type(value).__name__)} ({shown})"


def amazon_shows(item: dict[str, Any], metric: str) -> str:
    """What Amazon shows in an entry: ``4.4 % BAD (12 of 275 orders) for 2026-03-25 …``."""
    rate, status = amazon.number(item.get("rate")), amazon.text(item.get("status"))
    parts = [p for p in (None if rate is None else percent(rate), status) if p]
    numerator, denominator, unit = COUNTS.get(metric, ("", "", ""))
    k, n = amazon.count(item.get(numerator)), amazon.count(item.get(denominator))
    if k is not None and n is not None:
        parts.append(f"({k:,} of {n:,} {unit})")
    elif n is not None:
        parts.append(f"({n:,} {unit}, no {numerator})")
    elif k is not None:
        parts.append(f"({k:,} {numerator}, no {denominator})")
    span = amazon.window(item)
    if span is not None:
        parts.append(f"for {span_text(span)}")
    return " ".join(parts) or "no figure"


def listed(key: str, metric: str, scope: str, reason: str, item: Any, note: str) -> Entry:
    """A not-compared entry with Amazon's rate, status and window."""
    span = amazon.window(item)
    found = item if isinstance(item, dict) else {}
    return Entry(
        key=key,
        metric=metric,
        scope=scope,
        compared=False,
        reason=reason,
        rate=amazon.number(found.get("rate")),
        status=amazon.text(found.get("status")),
        first_day=None if span is None else span[0],
        last_day=None if span is None else span[1],
        notes=(note,),
    )


def malformed(key: str, metric: str, scope: str, value: Any, expected: str) -> Entry:
    """An entry of an odd shape (a string, null, a list where an object belongs)."""
    note = (
        f"{metric_name(metric, scope)} ({key}): Amazon's entry is {json_kind(value)}, not "
        f"{expected}; sellerkit cannot read it, so it was not compared."
    )
    return listed(key, metric, scope, MALFORMED, value, note)


def not_comparable(key: str, metric: str, scope: str, item: dict[str, Any]) -> Entry | None:
    """Why a computed metric's entry cannot be compared, or None when it can."""
    numerator, denominator, _ = FIELDS[metric]
    counts = [amazon.count(item.get(f)) for f in (numerator, denominator)]
    name = metric_name(metric, scope)
    if metric == MetricKey.ORDER_DEFECT_RATE:
        counts += [amazon.count(item.get(part)) for part in ODR_PARTS]
    has_counts = any(c is not None for c in counts)
    status = amazon.text(item.get("status"))
    if not has_counts and amazon.number(item.get("rate")) is None:
        if status is None:
            note = f"{name}: Amazon's entry holds no rate, status or counts; nothing to compare."
            return listed(key, metric, scope, NO_FIGURES, item, note)
        span = amazon.window(item)
        during = f" for {span_text(span)}" if span else ""
        note = f"{name}: Amazon shows only a status, {status}{during}; nothing to compare."
        return listed(key, metric, scope, STATUS_ONLY, item, note)
    if amazon.window(item) is None:
        note = (
            f"{name}: Amazon shows {amazon_shows(item, metric)} without a readable window "
            "(reportingDateRange), so sellerkit cannot tell which days to compare."
        )
        return listed(key, metric, scope, NO_WINDOW, item, note)
    if not has_counts:
        note = (
            f"{name}: Amazon shows {amazon_shows(item, metric)} without counts, so sellerkit "
            "cannot compare it."
        )
        return listed(key, metric, scope, NO_COUNTS, item, note)
    return None


def items(entry: dict[str, Any]) -> Iterator[tuple[str, str, str, Any]]:
    """``(key, Amazon's key, scope, value)`` of every entry: ODR per scope, the late
    shipment list per item, anything else as it stands (``marketplaceId`` names the entry
    and is not one)."""
    for name, value in entry.items():
        if name == "marketplaceId":
            continue
        if name == MetricKey.ORDER_DEFECT_RATE and isinstance(value, dict) and value:
            for scope, item in value.items():
                yield f"{name}.{scope}", name, str(scope), item
        elif name == LATE_SHIPMENT_RATE_LIST and isinstance(value, list):
            for i, item in enumerate(value):
                yield f"{name}[{i}]", name, "", item
        else:
            yield name, name, "", value


def not_computed(key: str, value: Any) -> Entry:
    """An entry Amazon computes and sellerkit does not: a rate (units on time, invoices), the
    Account Health Rating, warning states, a policy-violation count."""
    name = amazon.title(key)
    if amazon.is_policy_violation(value):
        defects = amazon.count(value["defectsCount"])
        if defects is None:
            return malformed(key, key, "", value["defectsCount"], "a count (defectsCount)")
        status = amazon.text(value.get("status"))
        span = amazon.window(value)
        shown = " ".join(
            p for p in (f"{defects:,}", status, span and f"for {span_text(span)}") if p
        )
        note = f"{name}: Amazon shows {shown}; sellerkit does not compute policy violations."
    elif key == "accountHealthRating":
        if not isinstance(value, dict):
            return malformed(key, key, "", value, "an object")
        shown = amazon.text(value.get("ahrStatus")) or "no status"
        score = amazon.number(value.get("ahrScore"))
        shown += "" if score is None else f", score {score:g}"
        note = (
            f"{name}: Amazon shows {shown}; sellerkit does not compute it (it comes from "
            "policy violations)."
        )
        return listed(key, key, "", NOT_COMPUTED, {**value, "status": value.get("ahrStatus")}, note)
    elif key in ("warningStates", "warningState"):
        if not isinstance(value, list):
            return malformed(key, key, "", value, "a list")
        shown = "; ".join(f"{w} {s}" for w, s in amazon.warning_states(value)) or "none"
        note = f"{name}: Amazon shows {shown}; sellerkit does not compute them."
    else:
        if not isinstance(value, dict):
            return malformed(key, key, "", value, "an object")
        shown = amazon_shows(value, key)
        note = f"{name}: Amazon shows {shown}; sellerkit does not compute this metric."
    return listed(key, key, "", NOT_COMPUTED, value, note)


def unknown(key: str, value: Any) -> Entry:
    """An entry sellerkit does not know, kept and listed with what it shows."""
    shown = amazon_shows(value, key) if isinstance(value, dict) else json_kind(value)
    note = f"{key}: unknown to sellerkit, not compared (Amazon's report shows {shown})."
    return listed(key, key, "", UNKNOWN, value, note)
