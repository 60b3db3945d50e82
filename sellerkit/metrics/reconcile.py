"""Amazon's seller performance report beside sellerkit's figures for the same windows, and
the difference explained in plain words where its cause can be seen in the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from sellerkit.account import Account
from sellerkit.metrics.compute import series
from sellerkit.metrics.facts import prepare
from sellerkit.metrics.rates import FIELDS, Rate
from sellerkit.rules import MetricRule, Rules, rules_for

_ODR_PARTS = {
    "negativeFeedback": (
        "negative feedback removed or struck through since Amazon's report, or missing from "
        "your feedback download",
        "negative feedback in your files that Amazon's report does not count (struck through, "
        "or received after the report)",
    ),
    "claims": (
        "claims missing from your claims CSV",
        "claims your CSV counts but Amazon did not (denied or withdrawn since? check their status)",
    ),
    "chargebacks": (
        "chargebacks missing from your chargebacks CSV",
        "chargebacks your CSV counts but Amazon did not (won on representment since? check "
        "their status)",
    ),
}


@dataclass(frozen=True)
class Reconciliation:
    """Amazon's figures and sellerkit's, field by field, with explanations.

    Attributes
    ----------
    source
        The performance report's file name.
    table
        One row per metric and field: ``metric, scope, field, first_day, last_day, amazon,
        sellerkit, difference``.
    explanations
        Plain sentences, one per difference whose cause the data shows (or a statement
        that the figures match).
    """

    source: str
    table: pd.DataFrame
    explanations: list[str]

    @property
    def matches(self) -> bool:
        """Whether every compared count is equal."""
        return bool((self.table["difference"] == 0).all())

    def to_dict(self) -> dict[str, Any]:
        """The ``"reconciliation"`` section of the JSON."""
        rows = self.table.assign(
            first_day=self.table["first_day"].astype(str),
            last_day=self.table["last_day"].astype(str),
        )
        return {
            "source": self.source,
            "matches": self.matches,
            "rows": rows.to_dict(orient="records"),
            "explanations": list(self.explanations),
        }

    def __str__(self) -> str:
        head = f"Reconciliation with Amazon's report ({self.source})"
        return "\n".join([head, *(f"  - {e}" for e in self.explanations)])


def _day(text: str) -> date:
    return date.fromisoformat(str(text)[:10])


def _report_day(document: dict[str, Any]) -> str:
    """The latest window end in a report (ISO text sorts by date): its as-of."""
    days = [""]
    for entry in document.get("performanceMetrics") or []:
        for value in entry.values():
            ranges = value.values() if isinstance(value, dict) else [value]
            for item in ranges:
                if isinstance(item, dict) and "reportingDateRange" in item:
                    days.append(str(item["reportingDateRange"].get("reportingDateTo", "")))
    return max(days)


def _entry(document: dict[str, Any], marketplace_id: str) -> dict[str, Any] | None:
    entries = document.get("performanceMetrics") or []
    for entry in entries:
        if entry.get("marketplaceId") == marketplace_id:
            return entry
    return entries[0] if len(entries) == 1 else None


def _count(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("count")
    return int(value) if isinstance(value, int | float) else None


def _ours(facts, rule: MetricRule, scope: str, last: date) -> Rate:
    as_of = rule.as_of_for_window_end(last)
    for s in series(facts, as_of, as_of):
        if s.rule == rule and s.scope == scope:
            return s.rates()[0]
    raise KeyError(rule.key)  # pragma: no cover - every rule yields a series


def _rule_for(rules: Rules, key: str, days: int) -> MetricRule | None:
    for rule in rules.all_metrics:
        if rule.key == key and rule.window_days == days:
            return rule
    return None


def _compare(
    account: Account,
    facts,
    key: str,
    scope: str,
    amazon: dict[str, Any],
    rows: list[dict[str, Any]],
    notes: list[str],
) -> None:
    window = amazon.get("reportingDateRange") or {}
    if "reportingDateFrom" not in window or "reportingDateTo" not in window:
        return
    first, last = _day(window["reportingDateFrom"]), _day(window["reportingDateTo"])
    days = (last - first).days + 1
    rule = _rule_for(facts.rules, key, days)
    label = f"{key}{' ' + scope if scope else ''} ({first} … {last})"
    if rule is None:
        rule = next(r for r in facts.rules.all_metrics if r.key == key)
        notes.append(
            f"{label}: Amazon's window is {days} days, sellerkit's rule {rule.window_days}; "
            f"compared over sellerkit's window ending the same day (a window shift)"
        )
    ours = _ours(facts, rule, scope, last)
    numerator, denominator, unit = FIELDS[key]
    fields = [
        (denominator, amazon.get(denominator), ours.denominator),
        (numerator, amazon.get(numerator), ours.numerator),
    ]
    if key == "orderDefectRate":
        fields += [(name, amazon.get(name), ours.components.get(name, 0)) for name in _ODR_PARTS]
    differences = []
    for name, theirs, mine in fields:
        value = _count(theirs)
        if value is None:
            continue
        rows.append(
            {
                "metric": key,
                "scope": scope,
                "field": name,
                "first_day": ours.first,
                "last_day": ours.last,
                "amazon": value,
                "sellerkit": mine,
                "difference": mine - value,
            }
        )
        if mine != value:
            differences.append((name, value, mine))
    if not differences:
        notes.append(f"{label}: sellerkit matches Amazon's report.")
        return
    for name, value, mine in differences:
        gap = abs(mine - value)
        if name == denominator:
            notes.append(f"{label}: {_denominator_reason(account, facts, ours, value, mine, unit)}")
        elif name in _ODR_PARTS:
            more, fewer = _ODR_PARTS[name]
            reason = more if value > mine else fewer
            notes.append(f"{label}: Amazon counts {value}, sellerkit {mine} — {gap} {reason}.")
        else:
            notes.append(
                f"{label}: Amazon counts {value} {name}, sellerkit {mine}; follows from the "
                "differences above"
                if len(differences) > 1
                else f"{label}: Amazon counts {value} {name}, sellerkit {mine}; the events behind "
                "it differ in your downloads (check the files for this window)."
            )


def _denominator_reason(
    account: Account, facts, ours: Rate, value: int, mine: int, unit: str
) -> str:
    gap = abs(mine - value)
    first_order = account.orders["order_date"].min()
    if value > mine:
        text = (
            f"Amazon counts {value:,} {unit}, sellerkit {mine:,}: {gap:,} {unit} of this "
            "window are missing from your downloads"
        )
        if pd.notna(first_order) and first_order.date() > ours.first:
            text += (
                f" (your orders files start on {first_order.date()}, after the window "
                f"starts on {ours.first}: download the All Orders report from "
                f"{ours.first})"
            )
        return text + "."
    return (
        f"Amazon counts {value:,} {unit}, sellerkit {mine:,}: {gap:,} more in your files "
        "(orders Amazon leaves out, or days taken in another time zone at the window's "
        "edges)."
    )


def reconcile(account: Account, document: dict[str, Any] | None = None) -> Reconciliation:
    """Compare Amazon's seller performance report with sellerkit for the same windows.

    Parameters
    ----------
    account
        A loaded account; its newest performance report is used unless ``document`` is
        given.
    document
        A ``GET_V2_SELLER_PERFORMANCE_REPORT`` document.

    Raises
    ------
    ValueError
        The account holds no performance report and none is given.
    """
    if document is None:
        if not account.performance:
            raise ValueError("the account holds no seller performance report")
        document = max(account.performance, key=_report_day)
    facts = prepare(account, rules_for(account.marketplace.code))
    entry = _entry(document, account.marketplace.marketplace_id)
    source = str(document.get("_source_file", "performance report"))
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    if entry is None:
        notes.append(
            f"the report has no figures for marketplace {account.marketplace.code} "
            f"({account.marketplace.marketplace_id})"
        )
    else:
        odr = entry.get("orderDefectRate") or {}
        for scope in ("mfn", "afn"):
            if scope in odr:
                _compare(account, facts, "orderDefectRate", scope, odr[scope], rows, notes)
        lsr = entry.get("lateShipmentRateList") or (
            [entry["lateShipmentRate"]] if "lateShipmentRate" in entry else []
        )
        for item in lsr:
            _compare(account, facts, "lateShipmentRate", "", item, rows, notes)
        for key in ("preFulfillmentCancellationRate", "validTrackingRate", "onTimeDeliveryRate"):
            if key in entry:
                _compare(account, facts, key, "", entry[key], rows, notes)
    columns = [
        "metric",
        "scope",
        "field",
        "first_day",
        "last_day",
        "amazon",
        "sellerkit",
        "difference",
    ]
    return Reconciliation(source, pd.DataFrame(rows, columns=columns), notes)
