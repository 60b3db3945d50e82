"""The terminal text of ``sellerkit history``: Amazon's performance reports over time, each
rate beside sellerkit's reconstruction of the same window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sellerkit import present
from sellerkit.metrics import amazon_report as amazon
from sellerkit.metrics.rates import SCOPE_NAMES

if TYPE_CHECKING:
    from sellerkit.metrics.snapshots import AmazonMetric, Snapshot, SnapshotHistory


def metric_title(key: str, days: int | None = None) -> str:
    """A snapshot key for people: ``orderDefectRate.mfn`` → "Order Defect Rate
    (seller-fulfilled)", ``lateShipmentRateList[0]`` of a 10-day window → "Late Shipment
    Rate (10 days)" (without its window: "(list item 1)")."""
    name, _, scope = key.partition(".")
    if "[" in name:
        name, _, index = name.partition("[")
        base = amazon.title(name.removesuffix("List"))
        if days is not None:
            return f"{base} ({days} days)"
        return f"{base} (list item {int(index.rstrip(']')) + 1})"
    title = amazon.title(name)
    return f"{title} ({SCOPE_NAMES.get(scope, scope)})" if scope else title


def _title(metric: AmazonMetric) -> str:
    days = None
    if metric.first_day is not None and metric.last_day is not None:
        days = (metric.last_day - metric.first_day).days + 1
    return metric_title(metric.key, days)


def _metric_line(metric: AmazonMetric, with_orders: bool = True) -> str:
    shown = present.status_word(metric.status) if metric.status else "no status"
    theirs = f"Amazon {present.percent(metric.rate)} {shown}"
    window = present.span(metric.first_day, metric.last_day)
    ours = metric.sellerkit
    if ours is None and not with_orders:
        return f"    {_title(metric)}, {window}: {theirs}"
    if ours is None:
        mine = "sellerkit: not computed"
    elif ours.rate is None:
        mine = f"sellerkit: no {ours.unit} in your files for this window"
    else:
        mine = (
            f"sellerkit {present.percent(ours.rate)} {present.status_word(ours.status)} "
            f"({present.count(ours.numerator)} of {present.count(ours.denominator)} {ours.unit})"
        )
    return f"    {_title(metric)}, {window}: {theirs} · {mine}"


def _snapshot_lines(snap: Snapshot, with_orders: bool = True) -> list[str]:
    lines = [f"  {snap.day}  ({snap.source})"]
    lines += [f"    {line}" for line in snap.figures.lines()] or [
        "    Account status and Account Health Rating: not in this report"
    ]
    lines += [_metric_line(m, with_orders) for m in snap.metrics.values()]
    lines += [f"    note: {n}" for n in snap.notes]
    return lines


def history_text(history: SnapshotHistory) -> str:
    """Every snapshot in date order, then the notes."""
    snaps = history.snapshots
    if not snaps:
        head = (
            f"No seller performance report in {history.account}: download Amazon's "
            "performance report (Account Health, or GET_V2_SELLER_PERFORMANCE_REPORT) each "
            "week and keep every file in the account folder to build a history."
        )
        return "\n".join([head, *(f"  note: {n}" for n in history.notes)])
    plural = "s" if len(snaps) != 1 else ""
    head = (
        f"Amazon's performance reports for {history.account}: {len(snaps)} snapshot{plural}, "
        f"{snaps[0].day} … {snaps[-1].day} (Amazon's figures as the files show them"
        + (
            ", sellerkit's for the same windows from your order files)"
            if history.with_orders
            else ")"
        )
    )
    lines = [head]
    for snap in snaps:
        lines += _snapshot_lines(snap, history.with_orders)
    lines += [f"  note: {n}" for n in history.notes]
    return "\n".join(lines)
