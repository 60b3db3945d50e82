"""A rate with everything that makes it honest: numerator, denominator, window, target,
interval, the probability that it is past the target, and a small-sample label."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from sellerkit import stats
from sellerkit.present import percent
from sellerkit.rules import MetricRule
from sellerkit.vocabulary import METRICS, SCOPES, MetricKey, OdrPart

FIELDS: dict[str, tuple[str, str, str]] = {
    key: (terms.numerator, terms.denominator, terms.unit) for key, terms in METRICS.items()
}
"""Amazon's field names for each metric's counts (numerator, denominator) and what is counted,
from :data:`sellerkit.vocabulary.METRICS`."""

UNKNOWN_PART = "no file in the folder gives it: unknown, not 0 (see coverage)"
"""What the JSON says of an ODR part no file can give."""

SCOPE_NAMES: dict[str, str] = {str(scope): terms.name for scope, terms in SCOPES.items()}
"""A scope's name for people ("seller-fulfilled", "business, FBA"), from
:data:`sellerkit.vocabulary.SCOPES`."""


@dataclass(frozen=True)
class Rate:
    """One metric for one scope on one as-of day.

    Attributes
    ----------
    rule
        The metric's rule (window, lag, target, condition).
    scope
        ``mfn``, ``afn``, ``business-mfn``, a product category …, or ``""``.
    numerator, denominator
        Counts of orders (or packages).
    first, last
        The window, both days included.
    interval
        Wilson interval ``(low, high)`` at ``level``; missing without a denominator.
    prior
        The Beta prior ``(a, b)`` of :attr:`probability_past_target` (the rules' prior).
    components
        Per-kind counts that make up the numerator (ODR: negativeFeedback, claims,
        chargebacks — an order with two kinds counts in both, and once in the numerator).
    note
        Why the figure is missing or incomplete, in plain words.
    unknown
        ODR parts no file of the account can give (``negativeFeedback`` without a feedback
        report …): their count is unknown, not 0, and the JSON says ``"count": null``
        (data contract R6, R7).
    """

    rule: MetricRule
    scope: str
    numerator: int
    denominator: int
    first: date
    last: date
    interval: tuple[float, float]
    prior: tuple[float, float] = (0.5, 0.5)
    level: float = 0.95
    components: dict[str, int] = field(default_factory=dict)
    note: str | None = None
    unknown: tuple[str, ...] = ()

    @functools.cached_property
    def probability_past_target(self) -> float:
        """Posterior probability that the true rate is on the wrong side of the target
        (NaN without a denominator). Computed when first asked for: the terminal text does
        not need it, and its special function is the costliest import of a CLI call."""
        past = stats.probability_past_target(
            self.numerator, self.denominator, self.rule.target, self.rule.condition, self.prior
        )
        return float(past)

    @property
    def rate(self) -> float | None:
        """numerator / denominator, or None without a denominator."""
        return self.numerator / self.denominator if self.denominator else None

    @property
    def status(self) -> str:
        """``GOOD``, ``BAD`` or ``NONE`` (no denominator)."""
        rate = np.nan if self.rate is None else self.rate
        return str(stats.status(rate, self.rule.target, self.rule.condition))

    @property
    def small_sample(self) -> bool:
        """One order alone could decide the status."""
        return bool(stats.small_sample(self.denominator, self.rule.target, self.rule.condition))

    @property
    def unit(self) -> str:
        """What is counted: ``orders`` or ``packages``."""
        return METRICS[self.rule.key].unit

    @property
    def title(self) -> str:
        """The metric's name with its scope."""
        scope = SCOPE_NAMES.get(self.scope, self.scope)
        return f"{self.rule.title} ({scope})" if scope else self.rule.title

    def describe(self) -> str:
        """One line for a person: the rate with its counts, interval, window and verdict."""
        target = f"{'<' if self.rule.condition == 'LESS_THAN' else '>'} {percent(self.rule.target)}"
        window = f"{self.first:%Y-%m-%d} … {self.last:%Y-%m-%d}"
        if self.rate is None:
            text = f"no {self.unit} in the window ({window})"
            return f"{text}; {self.note}" if self.note else text
        low, high = self.interval
        text = (
            f"{percent(self.rate)} ({self.numerator:,} of {self.denominator:,} {self.unit}; "
            f"{self.level * 100:.0f} % interval {percent(low)}–{percent(high)}) · {window} · "
            f"target {target} · {self.status}"
        )
        if self.small_sample:
            text += " · small sample: one order decides"
        if self.note:
            text += f" · {self.note}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Amazon's shape (data contract) with sellerkit's additions."""
        terms = METRICS[self.rule.key]
        out: dict[str, Any] = {
            "reportingDateRange": {
                "reportingDateFrom": self.first.isoformat(),
                "reportingDateTo": self.last.isoformat(),
            },
            terms.denominator: self.denominator,
        }
        if self.rule.key == MetricKey.ORDER_DEFECT_RATE:
            out[terms.numerator] = {"count": self.numerator}
            for name in (OdrPart.CLAIMS, OdrPart.CHARGEBACKS, OdrPart.NEGATIVE_FEEDBACK):
                if name in self.unknown:
                    out[name] = {"count": None, "note": UNKNOWN_PART}
                else:
                    out[name] = {"count": self.components.get(name, 0)}
        else:
            out[terms.numerator] = self.numerator
        low, high = self.interval
        out.update(
            {
                "rate": self.rate,
                "targetValue": self.rule.target,
                "targetCondition": self.rule.condition,
                "status": self.status,
                "enforced": self.rule.enforced,
                "interval": {
                    "low": None if np.isnan(low) else float(low),
                    "high": None if np.isnan(high) else float(high),
                    "method": "wilson",
                    "level": self.level,
                },
                "smallSample": self.small_sample,
                "probabilityPastTarget": None
                if np.isnan(self.probability_past_target)
                else float(self.probability_past_target),
                "windowDays": self.rule.window_days,
            }
        )
        if self.note:
            out["note"] = self.note
        return out


def rates_from_counts(
    rule: MetricRule,
    scope: str,
    numerators: np.ndarray,
    denominators: np.ndarray,
    as_of_days: list[date],
    level: float,
    prior: tuple[float, float],
    components: dict[str, np.ndarray] | None = None,
    note: str | None = None,
    unknown: tuple[str, ...] = (),
) -> list[Rate]:
    """Rates for a run of as-of days from their counts (intervals computed in one call)."""
    low, high = stats.wilson(numerators, denominators, level)
    out = []
    for i, day in enumerate(as_of_days):
        first, last = rule.window(day)
        out.append(
            Rate(
                rule=rule,
                scope=scope,
                numerator=int(numerators[i]),
                denominator=int(denominators[i]),
                first=first,
                last=last,
                interval=(float(low[i]), float(high[i])),
                prior=prior,
                level=level,
                components={k: int(v[i]) for k, v in (components or {}).items()},
                note=note,
                unknown=unknown,
            )
        )
    return out
