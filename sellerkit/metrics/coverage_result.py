"""The result of :func:`~sellerkit.metrics.coverage.coverage`: what each figure was computed
from, as text for the terminal, JSON, Markdown for the report and HTML for a notebook.

:class:`Coverage` is one figure in one scope; :class:`AccountCoverage` holds every figure
of an account on one as-of day.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sellerkit.vocabulary import METRICS, ODR_PARTS, MetricKey, OdrPart

TITLES: dict[str, str] = {
    MetricKey.ORDER_DEFECT_RATE: METRICS[MetricKey.ORDER_DEFECT_RATE].title,
    **{part: f"ODR {terms.title}" for part, terms in ODR_PARTS.items()},
    **{
        key: METRICS[key].title
        for key in (
            MetricKey.LATE_SHIPMENT_RATE,
            MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE,
            MetricKey.VALID_TRACKING_RATE,
            MetricKey.ON_TIME_DELIVERY_RATE,
        )
    },
}
"""Each figure's name for people (:data:`sellerkit.vocabulary.METRICS`; an ODR part is
"ODR claims" …), in the order coverage lists them."""

PARTS: tuple[OdrPart, ...] = tuple(ODR_PARTS)
"""The ODR's parts, each with a coverage of its own, in this order."""


def sum_counts(counts: list[dict[str, int]]) -> dict[str, int]:
    """The counts added up by what they count; zeros left out."""
    total: dict[str, int] = {}
    for one in counts:
        for what, n in one.items():
            total[what] = total.get(what, 0) + n
    return {what: n for what, n in total.items() if n}


@dataclass(frozen=True)
class Coverage:
    """What one figure, in one scope, was computed from.

    Attributes
    ----------
    metric
        ``orderDefectRate``, an ODR part (``negativeFeedback``, ``claims``,
        ``chargebacks``), ``lateShipmentRate``, ``preFulfillmentCancellationRate``,
        ``validTrackingRate`` or ``onTimeDeliveryRate``.
    scope
        ``mfn`` or ``afn`` for the ODR and its parts, else ``""``.
    files
        The files it was computed from (All Orders reports first).
    assumed
        What was assumed, with how many of the counted units it concerns on the as-of day.
    missing
        What no file gives, in words.
    would_add
        Which download or file would add what is missing, or ``None``.
    parts
        For the ODR: the coverage of each part.
    """

    metric: str
    scope: str
    files: tuple[str, ...]
    assumed: dict[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    would_add: str | None = None
    parts: tuple[Coverage, ...] = ()

    @property
    def title(self) -> str:
        """The figure's name for people (``ODR claims``)."""
        return TITLES[self.metric]

    def to_dict(self) -> dict[str, Any]:
        """``{"files": [...], "assumed": {what: count}, "missing": [...], "wouldAdd": ...}``
        (and ``"parts"`` for the ODR)."""
        out: dict[str, Any] = {
            "files": list(self.files),
            "assumed": dict(self.assumed),
            "missing": list(self.missing),
            "wouldAdd": self.would_add,
        }
        if self.parts:
            out["parts"] = {p.metric: p.to_dict() for p in self.parts}
        return out

    def describe(
        self, orders_files: tuple[str, ...] = (), titles: dict[str, str] | None = None
    ) -> str:
        """One compact line: files (leaving out ``orders_files``; each with its kind from
        ``titles``), assumptions, what is missing and what would add it."""
        titles = titles or {}
        own = [
            f"{f} ({titles[f]})" if f in titles else f for f in self.files if f not in orders_files
        ]
        parts = [", ".join(own) if own else "no file"]
        if self.assumed:
            parts.append("assumed: " + ", ".join(f"{n} {what}" for what, n in self.assumed.items()))
        if self.missing:
            parts.append("; ".join(self.missing))
        text = "; ".join(parts)
        if self.would_add:
            text += f" → add {self.would_add}"
        return text


@dataclass(frozen=True)
class AccountCoverage:
    """The coverage of every figure of one account on one as-of day.

    Attributes
    ----------
    as_of
        The day the assumed counts are for (``None``: the account has no orders).
    orders_files
        The All Orders reports every figure is counted over.
    entries
        One :class:`Coverage` per figure: the ODR per channel (with its parts), the Late
        Shipment, Cancellation, Valid Tracking and On-Time Delivery Rates.
    titles
        What kind of file each file is, for people (``Date Range Transaction report``).
    """

    as_of: date | None
    orders_files: tuple[str, ...]
    entries: tuple[Coverage, ...]
    titles: dict[str, str] = field(default_factory=dict)

    def get(self, metric: str, scope: str = "") -> Coverage:
        """The coverage of a figure (``get("claims", "mfn")`` for an ODR part)."""
        for entry in self.entries:
            if entry.metric == metric and entry.scope == scope:
                return entry
            for part in entry.parts:
                if part.metric == metric and part.scope == scope:
                    return part
        raise KeyError(f"no coverage of {str(metric)!r} with scope {str(scope)!r}")

    def to_dict(self) -> dict[str, Any]:
        """The ``"coverage"`` of the JSON: per metric key (and, for the ODR, per scope)."""
        out: dict[str, Any] = {}
        for entry in self.entries:
            if entry.scope:
                out.setdefault(entry.metric, {})[entry.scope] = entry.to_dict()
            else:
                out[entry.metric] = entry.to_dict()
        return out

    def lines(self) -> list[str]:
        """Compact lines for people: the orders files once, then each figure (the ODR's
        parts with both channels' assumptions added up)."""
        out = [f"Orders: {', '.join(self.orders_files) or 'none'} (All Orders report)"]
        channels = [e for e in self.entries if e.metric == MetricKey.ORDER_DEFECT_RATE]
        for index, part in enumerate(PARTS):
            both = [c.parts[index] for c in channels]
            merged = Coverage(
                part,
                "",
                both[0].files,
                sum_counts([c.assumed for c in both]),
                both[0].missing,
                both[0].would_add,
            )
            out.append(f"{merged.title}: {merged.describe(self.orders_files, self.titles)}")
        for entry in self.entries:
            if entry.metric != MetricKey.ORDER_DEFECT_RATE:
                out.append(f"{entry.title}: {entry.describe(self.orders_files, self.titles)}")
        return out

    def __str__(self) -> str:
        day = f" (assumptions counted as of {self.as_of})" if self.as_of else ""
        return "\n".join(
            [f"Coverage: what each figure was computed from{day}"]
            + [f"  {line}" for line in self.lines()]
        )

    def markdown(self) -> str:
        """The report's section: one bullet per figure, file names as code."""
        items = []
        for line in self.lines():
            name, _, rest = line.partition(": ")
            items.append(f"- **{_md(name)}**: {_md(rest)}")
        intro = (
            "Which files each figure was computed from, what sellerkit assumed where a "
            "download says less than it needs (counted"
            + (f" as of {self.as_of}" if self.as_of else "")
            + "), what no file gives and which download would add it."
        )
        return intro + "\n\n" + "\n".join(items)

    def _repr_html_(self) -> str:
        rows = "".join(f"<li>{html.escape(line)}</li>" for line in self.lines())
        return f"<div class='sellerkit-coverage'><h4>Coverage</h4><ul>{rows}</ul></div>"


def _md(text: str) -> str:
    """Text safe in Markdown: no HTML, no emphasis or links."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(text, quote=False))
