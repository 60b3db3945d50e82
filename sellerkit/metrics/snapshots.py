"""Amazon's seller performance reports kept over time: each report is a dated snapshot of
what Amazon showed (account status, Account Health Rating, policy violations, each metric's
rate and status), set beside sellerkit's reconstruction of the same windows.

Amazon's API returns the current windows only (amazon-metrics.md: "keeping dated snapshots
is the only way to get a trend from it"), so a seller who downloads the report every week
and keeps the files in the account folder has the only history of the Account Health Rating
there is: sellerkit cannot rebuild the rating from orders (it comes from policy
violations). Rules: data contract decision 26 (each day's figures under the rules in force
that day); issue 16.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sellerkit.account import Account
from sellerkit.errors import DataQualityWarning
from sellerkit.marketplaces import Marketplace
from sellerkit.metrics import amazon_report as amazon
from sellerkit.metrics.amazon_report import AmazonFigures
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.given import ByRules
from sellerkit.metrics.rates import Rate
from sellerkit.metrics.report_entries import COUNTS, date_range, items
from sellerkit.metrics.same_window import sellerkit_rate
from sellerkit.rules import Rules, rules_for

_NOT_METRICS = frozenset({"accountHealthRating", "warningStates", "warningState"})


@dataclass(frozen=True)
class AmazonMetric:
    """One rate as Amazon's report showed it, and sellerkit's figure for the same window.

    Attributes
    ----------
    key
        Where it sits in the marketplace's entry: ``orderDefectRate.mfn``,
        ``lateShipmentRate``, ``lateShipmentRateList[0]``, ``unitOnTimeDeliveryRate`` …;
        keys sellerkit does not know are kept as they stand.
    rate, status
        Amazon's ``rate`` (a fraction) and ``status`` (``GOOD``, ``BAD`` …), None when the
        entry has none.
    first_day, last_day
        Amazon's ``reportingDateRange``, None when missing or unreadable.
    counts
        Every count the entry gives (``orderCount``, ``lateShipmentCount`` …), by Amazon's
        field name.
    sellerkit
        sellerkit's rate for the same window from the account's order files, or None when
        sellerkit does not compute the metric or the entry has no readable window.
    """

    key: str
    rate: float | None
    status: str | None
    first_day: date | None = None
    last_day: date | None = None
    counts: dict[str, int] = field(default_factory=dict)
    sellerkit: Rate | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"rate", "status", "reportingDateRange", "counts", "sellerkit"}``."""
        span = date_range(self.first_day, self.last_day)
        return {
            "rate": self.rate,
            "status": self.status,
            "reportingDateRange": span,
            "counts": dict(self.counts),
            "sellerkit": None if self.sellerkit is None else self.sellerkit.to_dict(),
        }


@dataclass(frozen=True)
class Snapshot:
    """One performance report of the account's marketplace, dated by its latest
    ``reportingDateTo`` (the day it describes).

    Attributes
    ----------
    day
        The latest ``reportingDateTo`` in the report.
    source
        The report's file name.
    figures
        Account status, Account Health Rating (status and score), warning states and
        policy-violation counts as Amazon's report shows them.
    metrics
        Every rate of the marketplace's entry, by key (see :class:`AmazonMetric`).
    notes
        What could not be read, in plain words.
    """

    day: date
    source: str
    figures: AmazonFigures
    metrics: dict[str, AmazonMetric]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The snapshot as ``sellerkit history --json`` prints it (issue 16)."""
        return {
            "date": self.day.isoformat(),
            "source": self.source,
            "accountStatus": self.figures.account_status,
            "ahrStatus": self.figures.ahr_status,
            "ahrScore": self.figures.ahr_score,
            "policyViolations": dict(self.figures.policy_violations),
            "warningStates": [
                {"warningType": w, "status": s} for w, s in self.figures.warning_states
            ],
            "metrics": {key: m.to_dict() for key, m in self.metrics.items()},
            "notes": list(self.notes),
        }

    def same_figures(self, other: Snapshot) -> bool:
        """Whether two snapshots show the same figures (sources aside)."""
        mine, theirs = self.to_dict(), other.to_dict()
        mine.pop("source")
        theirs.pop("source")
        return json.dumps(mine, sort_keys=True, default=str) == json.dumps(
            theirs, sort_keys=True, default=str
        )


def _counts(item: dict[str, Any]) -> dict[str, int]:
    """Every count of an entry: plain numbers and ``{"count": n}`` objects."""
    out = {}
    for name, value in item.items():
        if name in ("rate", "targetValue") or isinstance(value, bool):
            continue
        if isinstance(value, dict) and "count" not in value:
            continue
        if isinstance(value, int | float | dict) and (n := amazon.count(value)) is not None:
            out[name] = n
    return out


def _metric(
    key: str,
    amazon_key: str,
    scope: str,
    item: dict[str, Any],
    rules: Rules,
    derived: ByRules | None,
) -> AmazonMetric:
    span = amazon.window(item)
    ours = None
    known = amazon.COMPUTED.get(amazon_key)
    if known is not None and span is not None and derived is not None:
        ours = sellerkit_rate(derived(rules), known, scope, span)
    return AmazonMetric(
        key=key,
        rate=amazon.number(item.get("rate")),
        status=amazon.text(item.get("status")),
        first_day=None if span is None else span[0],
        last_day=None if span is None else span[1],
        counts=_counts(item),
        sellerkit=ours,
    )


def read_snapshot(
    document: dict[str, Any],
    account: Account | None,
    rules: Rules | None = None,
    market: Marketplace | None = None,
) -> Snapshot | None:
    """One performance report as a snapshot of ``account``'s marketplace, or None when the
    report holds no readable ``reportingDateTo`` (it cannot be dated).

    Parameters
    ----------
    document
        A ``GET_V2_SELLER_PERFORMANCE_REPORT`` document (``_source_file`` names its file).
    account
        The account: its marketplace picks the entry, its orders give sellerkit's figures;
        None (with ``market``) for Amazon's figures alone.
    rules
        The rules for sellerkit's figures (default: the marketplace's rules in force on the
        snapshot's day).
    market
        The marketplace, when no account is given.
    """
    derived = None if account is None else ByRules(account)
    return _read_snapshot(document, market or getattr(account, "marketplace", None), rules, derived)


def _read_snapshot(
    document: dict[str, Any],
    market: Marketplace | None,
    rules: Rules | None,
    derived: ByRules | None,
) -> Snapshot | None:
    if market is None:
        raise TypeError("give an account or a marketplace")
    try:
        day = date.fromisoformat(amazon.report_day(document, market.marketplace_id))
    except ValueError:
        return None
    rules = rules or rules_for(market.code, day)
    entry, _others = amazon.marketplace_entry(document, market.marketplace_id)
    notes: list[str] = []
    metrics: dict[str, AmazonMetric] = {}
    if entry is None:
        notes.append(f"no figures for marketplace {market.code} ({market.marketplace_id})")
    for key, amazon_key, scope, value in items(entry or {}):
        if amazon_key in _NOT_METRICS or amazon.is_policy_violation(value):
            continue
        if not isinstance(value, dict):
            notes.append(f"{key} is not an object; left out")
            continue
        if (
            amazon_key not in amazon.COMPUTED
            and amazon_key not in COUNTS
            and not ("rate" in value or "status" in value)
        ):
            notes.append(f"{key} shows no rate or status; left out")
            continue
        metrics[key] = _metric(key, amazon_key, scope, value, rules, derived)
    return Snapshot(
        day=day,
        source=str(document.get("_source_file", "performance report")),
        figures=amazon.amazon_figures(document, entry, market.marketplace_id),
        metrics=metrics,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class SnapshotHistory:
    """Every performance report of an account, in date order.

    Attributes
    ----------
    account
        The account's name.
    snapshots
        One per report (a report saved twice under two names counts once), by date, then
        file name.
    notes
        Reports left out (undated, or the same figures as another file) and dates shown by
        two reports with different figures, naming the files.
    with_orders
        Whether sellerkit's figures were computed beside Amazon's (the folder has orders).
    """

    account: str
    snapshots: tuple[Snapshot, ...]
    notes: tuple[str, ...] = ()
    with_orders: bool = True

    def to_dict(self) -> dict[str, Any]:
        """``{"account", "snapshots": [...], "notes"}``, snapshots in date order."""
        return {
            "account": self.account,
            "snapshots": [s.to_dict() for s in self.snapshots],
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        from sellerkit.metrics.snapshots_text import history_text

        return history_text(self)


def snapshots(
    account: Account,
    rules: Rules | None = None,
    warn: bool = True,
    *,
    facts: Facts | None = None,
) -> SnapshotHistory:
    """Every seller performance report in ``account`` as a dated snapshot, oldest first.

    A snapshot is dated by the latest ``reportingDateTo`` in its report; two reports of one
    date sort by file name. Reports that cannot be dated are left out, and two reports of one
    date with different figures are both kept; each case is a :class:`DataQualityWarning`
    naming the files (when ``warn``) and a note.

    Parameters
    ----------
    account
        A loaded account (:func:`sellerkit.load_account`).
    rules
        Rules for sellerkit's figures (default: each snapshot day's rules in force).
    warn
        Also raise the notes as warnings.
    facts
        Facts the caller already derived (:func:`sellerkit.derive_facts`), used for the
        snapshots counted under their rules (the others derive their own).
    """
    return _history(account.name, account.performance, account, None, rules, warn, facts)


def reports_history(
    name: str, market: Marketplace, documents: list[dict[str, Any]], warn: bool = True
) -> SnapshotHistory:
    """The snapshots of performance reports read without an account (a folder with no order
    file: :func:`sellerkit.io.reports_only.load_performance_reports`): Amazon's figures
    alone, with a note that sellerkit's need the orders."""
    history = _history(name, documents, None, market, None, warn)
    note = (
        "no All Orders report in the folder: Amazon's figures only (add the orders to see "
        "sellerkit's figures for the same windows)"
    )
    return SnapshotHistory(history.account, history.snapshots, (note, *history.notes), False)


def _history(
    name: str,
    documents: list[dict[str, Any]],
    account: Account | None,
    market: Marketplace | None,
    rules: Rules | None,
    warn: bool,
    facts: Facts | None = None,
) -> SnapshotHistory:
    """Dated snapshots of ``documents`` (see :func:`snapshots`), oldest first."""
    found: list[Snapshot] = []
    notes: list[str] = []
    derived = None if account is None else ByRules(account, facts)  # one derivation per rules
    if account is not None:
        market = account.marketplace
    for document in documents:
        snap = _read_snapshot(document, market, rules, derived)
        source = str(document.get("_source_file", "performance report"))
        if snap is None:
            notes.append(
                f"{source}: no readable reportingDateTo (YYYY-MM-DD) for this marketplace, so "
                "it cannot be dated; left out"
            )
        elif not snap.metrics and snap.figures.account_status is None and snap.notes:
            notes.append(f"{source}: {snap.notes[0]}; left out (another marketplace's report)")
        else:
            found.append(snap)
    found.sort(key=lambda s: (s.day, s.source))
    kept: list[Snapshot] = []
    for snap in found:
        same_day = [k for k in kept if k.day == snap.day]
        twin = next((k for k in same_day if k.same_figures(snap)), None)
        if twin is not None:
            notes.append(
                f"{snap.source}: the same figures as {twin.source} for {snap.day}; counted once"
            )
            continue
        if same_day:
            notes.append(
                f"{same_day[-1].source} and {snap.source}: two performance reports of "
                f"{snap.day} with different figures; both kept, in file-name order (check "
                "which one Seller Central shows)"
            )
        kept.append(snap)
    if warn:
        for note in notes:
            if "different figures" in note or "cannot be dated" in note:
                warnings.warn(note, DataQualityWarning, stacklevel=3)
    return SnapshotHistory(account=name, snapshots=tuple(kept), notes=tuple(notes))
