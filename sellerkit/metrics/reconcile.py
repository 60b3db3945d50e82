"""Amazon's seller performance report beside sellerkit's figures for the same windows, and
the difference explained in plain words where its cause can be seen in the data.

Every entry of the marketplace's ``performanceMetrics`` entry is accounted for (each scope
of ``orderDefectRate``, each item of ``lateShipmentRateList``): either **compared** field by
field, or listed as **not compared** with the reason (no counts, no window, only a status, a
metric sellerkit does not compute, a key unknown to sellerkit, a malformed entry). Figures
Amazon computes and sellerkit does not (account status, Account Health Rating, warning
states, policy violations) are shown as Amazon's report shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from sellerkit.account import Account
from sellerkit.metrics import amazon_report as amazon
from sellerkit.metrics.amazon_report import AmazonFigures
from sellerkit.metrics.facts import Facts, prepare
from sellerkit.metrics.rates import FIELDS, Rate
from sellerkit.metrics.report_entries import (
    AGREES,
    DIFFERS,
    DUPLICATE,
    Entry,
    items,
    listed,
    malformed,
    metric_name,
    not_comparable,
    not_computed,
    span_text,
    unknown,
)
from sellerkit.metrics.same_window import rate_ending, rule_for
from sellerkit.rules import Rules, rules_for
from sellerkit.vocabulary import LATE_SHIPMENT_RATE_LIST, Channel, MetricKey, OdrPart

_ODR_PARTS: dict[str, tuple[str, str]] = {
    OdrPart.NEGATIVE_FEEDBACK: (
        "negative feedback removed or struck through since Amazon's report, or missing from "
        "your feedback download",
        "negative feedback in your files that Amazon's report does not count (struck through, "
        "or received after the report)",
    ),
    OdrPart.CLAIMS: (
        "claims missing from your claims CSV",
        "claims your CSV counts but Amazon did not (denied or withdrawn since? check their status)",
    ),
    OdrPart.CHARGEBACKS: (
        "chargebacks missing from your chargebacks CSV",
        "chargebacks your CSV counts but Amazon did not (won on representment since? check "
        "their status)",
    ),
}


@dataclass(frozen=True)
class Reconciliation:
    """Amazon's figures and sellerkit's, entry by entry and field by field, explained.

    Attributes
    ----------
    source
        The performance report's file name.
    table
        One row per compared field: ``metric, scope, field, first_day, last_day, amazon,
        sellerkit, difference``.
    explanations
        Plain sentences: what the report holds that sellerkit could not use, then one per
        entry (it matches, or each difference whose cause the data shows, or why it was not
        compared).
    entries
        Every entry of Amazon's report for the marketplace, compared or not.
    figures
        What Amazon's report shows that sellerkit does not compute.
    """

    source: str
    table: pd.DataFrame
    explanations: list[str]
    entries: tuple[Entry, ...] = ()
    figures: AmazonFigures = field(default_factory=AmazonFigures)

    @property
    def matches(self) -> bool:
        """Whether at least one field was compared and every compared field agrees."""
        return bool(len(self.table)) and bool((self.table["difference"] == 0).all())

    def headline(self) -> str:
        """One sentence: matches, differs, or nothing was compared and why."""
        compared = [e for e in self.entries if e.compared]
        left = len(self.entries) - len(compared)
        rest = f"; {left} entr{'y' if left == 1 else 'ies'} not compared" if left else ""
        if not compared:
            if not self.entries:
                return "Nothing was compared."
            return (
                "Nothing was compared: no entry of Amazon's report gives counts for a window "
                "of a metric sellerkit computes (each entry and why below)."
            )
        fields = len(self.table)
        differ = int((self.table["difference"] != 0).sum())
        counted = f"{fields} field{'s' if fields != 1 else ''} compared in {len(compared)} " + (
            "entry" if len(compared) == 1 else "entries"
        )
        if self.matches:
            return f"sellerkit matches Amazon's report on all {counted}{rest}."
        return f"sellerkit differs from Amazon's report on {differ} of {counted}{rest}."

    def sections(self) -> list[tuple[str, list[str]]]:
        """The text in parts: (heading, sentences), empty parts left out."""
        parts = [
            ("Compared", [n for e in self.entries if e.compared for n in e.notes]),
            ("Not compared", [n for e in self.entries if not e.compared for n in e.notes]),
            (
                "As Amazon's report shows them (sellerkit does not compute these)",
                self.figures.lines(),
            ),
        ]
        general = [n for n in self.explanations if not any(n in e.notes for e in self.entries)]
        return [("", [self.headline(), *general]), *((h, ls) for h, ls in parts if ls)]

    def to_dict(self) -> dict[str, Any]:
        """The ``"reconciliation"`` section of the JSON."""
        rows = self.table.assign(
            first_day=self.table["first_day"].astype(str),
            last_day=self.table["last_day"].astype(str),
        )
        return {
            "source": self.source,
            "matches": self.matches,
            "fieldsCompared": len(self.table),
            "rows": rows.to_dict(orient="records"),
            "explanations": list(self.explanations),
            "entries": [e.to_dict() for e in self.entries],
            "amazonFigures": self.figures.to_dict(),
        }

    def __str__(self) -> str:
        lines = [f"Reconciliation with Amazon's report ({self.source})"]
        for heading, sentences in self.sections():
            if heading:
                lines.append(f"  {heading}:")
                lines += [f"  - {s}" for s in sentences]
            else:
                lines += [f"  {s}" for s in sentences]
        return "\n".join(lines)


def _compare(
    account: Account, facts: Facts, key: str, metric: str, scope: str, item: dict[str, Any]
) -> tuple[Entry, list[dict[str, Any]]]:
    """Each count Amazon gives beside sellerkit's for the same window, explained."""
    first, last = amazon.window(item) or (date.min, date.min)
    days = (last - first).days + 1
    label = f"{metric_name(metric, scope)}, {first} … {last}"
    notes: list[str] = []
    rule = rule_for(facts.rules, metric, days)
    if rule is None:
        rule = next(r for r in facts.rules.all_metrics if r.key == metric)
        notes.append(
            f"{label}: Amazon's window is {days} days, sellerkit's rule {rule.window_days}; "
            f"compared over sellerkit's window ending the same day (a window shift)"
        )
    ours = rate_ending(facts, rule, scope, last)
    numerator, denominator, unit = FIELDS[metric]
    fields = [
        (denominator, item.get(denominator), ours.denominator),
        (numerator, item.get(numerator), ours.numerator),
    ]
    if metric == MetricKey.ORDER_DEFECT_RATE:
        fields += [(name, item.get(name), ours.components.get(name, 0)) for name in _ODR_PARTS]
    rows: list[dict[str, Any]] = []
    differences: list[tuple[str, int, int]] = []
    absent: list[str] = []
    for name, theirs, mine in fields:
        value = amazon.count(theirs)
        if value is None:
            absent.append(name)
            continue
        rows.append(
            {
                "metric": metric,
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
        given = "; " + ", ".join(absent) + " not in Amazon's entry" if absent else ""
        notes.append(f"{label}: sellerkit matches Amazon's report{given}.")
    for name, value, mine in differences:
        gap = abs(mine - value)
        if name == denominator:
            notes.append(f"{label}: {_denominator_reason(account, ours, value, mine, unit)}")
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
    entry = Entry(
        key=key,
        metric=metric,
        scope=scope,
        compared=True,
        reason=DIFFERS if differences else AGREES,
        rate=amazon.number(item.get("rate")),
        status=amazon.text(item.get("status")),
        first_day=first,
        last_day=last,
        notes=tuple(notes),
    )
    return entry, rows


def _denominator_reason(account: Account, ours: Rate, value: int, mine: int, unit: str) -> str:
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


def _check(
    account: Account, facts: Facts, entry: dict[str, Any]
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """Every entry of a marketplace's ``performanceMetrics`` entry, compared or listed."""
    in_list = entry.get(LATE_SHIPMENT_RATE_LIST)
    in_list = in_list if isinstance(in_list, list) else []
    entries: list[Entry] = []
    rows: list[dict[str, Any]] = []
    for key, amazon_key, scope, value in items(entry):
        metric = amazon.COMPUTED.get(amazon_key)
        if metric is None:
            known = amazon_key in amazon.NOT_COMPUTED or amazon.is_policy_violation(value)
            entries.append(not_computed(key, value) if known else unknown(key, value))
        elif amazon_key == MetricKey.ORDER_DEFECT_RATE and scope not in tuple(Channel):
            entries.append(
                malformed(key, metric, scope, value, "an object with mfn and afn")
                if not scope
                else unknown(key, value)
            )
        elif not isinstance(value, dict):
            entries.append(malformed(key, metric, scope, value, "an object"))
        elif key == MetricKey.LATE_SHIPMENT_RATE and value in in_list:
            note = (
                f"{metric_name(metric, scope)}, {span_text(amazon.window(value))}: the same "
                "figures as an entry of lateShipmentRateList, compared there."
            )
            entries.append(listed(key, metric, scope, DUPLICATE, value, note))
        elif (reason := not_comparable(key, metric, scope, value)) is not None:
            entries.append(reason)
        else:
            compared, found = _compare(account, facts, key, metric, scope, value)
            entries.append(compared)
            rows += found
    return entries, rows


def _report_date(document: dict[str, Any]) -> date | None:
    """The report's day (its latest window end), for the rules in force then."""
    try:
        return date.fromisoformat(amazon.report_day(document)[:10])
    except ValueError:
        return None


def reconcile(
    account: Account,
    document: dict[str, Any] | None = None,
    *,
    rules: Rules | None = None,
    facts: Facts | None = None,
) -> Reconciliation:
    """Compare Amazon's seller performance report with sellerkit for the same windows.

    Every entry of the marketplace's figures is accounted for: compared field by field, or
    listed with the reason it was not (see :class:`Entry`). ``matches`` is true only when
    at least one field was compared and every compared field agrees.

    Parameters
    ----------
    account
        A loaded account; its newest performance report is used unless ``document`` is
        given.
    document
        A ``GET_V2_SELLER_PERFORMANCE_REPORT`` document.
    rules
        The rules for sellerkit's figures (default: the marketplace's rules in force on the
        report's day).
    facts
        The account's facts if the caller has derived them already (``health`` does): used
        when they were derived under the same rules, else the facts are derived here.

    Raises
    ------
    ValueError
        The account holds no performance report and none is given.
    """
    if document is None:
        if not account.performance:
            raise ValueError("the account holds no seller performance report")
        document = max(account.performance, key=amazon.report_day)
    rules = rules or rules_for(account.marketplace.code, _report_date(document))
    if facts is None or facts.rules != rules:
        facts = prepare(account, rules)
    market = account.marketplace
    entry, others = amazon.marketplace_entry(document, market.marketplace_id)
    source = str(document.get("_source_file", "performance report"))
    notes: list[str] = []
    entries, rows = ([], []) if entry is None else _check(account, facts, entry)
    if entry is None:
        notes.append(
            f"The report has no figures for marketplace {market.code} ({market.marketplace_id})."
        )
    elif not entries:
        notes.append(f"The report's entry for marketplace {market.code} holds no figures.")
    if others:
        notes.append(
            f"The report also holds marketplace(s) {', '.join(others)}, not compared: this "
            f"account is {market.code} ({market.marketplace_id})."
        )
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
    return Reconciliation(
        source=source,
        table=pd.DataFrame(rows, columns=columns),
        explanations=notes + [n for e in entries for n in e.notes],
        entries=tuple(entries),
        figures=amazon.amazon_figures(document, entry, market.marketplace_id),
    )
