"""The figures a batch run keeps of each account — headline metrics with their counts and
targets, the risk, Amazon's performance-report snapshots — computed once, in the report's
kernel, and handed back to the rendering process in the executed notebook (a hidden output
of its own type, taken out before the page is made).

So a batch worker does not load the account and compute its health a second time beside the
notebook (issue 15).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from sellerkit.account import Account
from sellerkit.metrics.health import AccountHealth
from sellerkit.metrics.rates import Rate
from sellerkit.vocabulary import MetricKey

if TYPE_CHECKING:  # the kernel side (publish) never needs nbformat
    import nbformat


class MetricFigures(TypedDict):
    """One headline metric as ``summary.json``, the portfolio and the history store keep it."""

    title: str
    rate: float | None
    status: str  # GOOD, BAD, NONE
    numerator: int
    denominator: int
    target: float
    condition: str  # LESS_THAN, GREATER_THAN
    probabilityPastTarget: float | None
    smallSample: bool


class AccountFigures(TypedDict, total=False):
    """One account's figures, computed once in the report's kernel (empty: none came back)."""

    name: str
    marketplace: str
    asOf: str
    risk: dict[str, Any]  # sellerkit.report.risk.AccountRisk.to_dict()
    metrics: dict[str, MetricFigures]  # by metric_key()
    snapshots: list[dict[str, Any]]  # Amazon's performance reports, oldest first


MIMETYPE = "application/vnd.sellerkit.figures+json"
"""The output type that carries the figures from the kernel to the rendering process."""


def metric_key(rate: Rate) -> str:
    """A headline metric's key in ``summary.json`` and the history store:
    ``orderDefectRate/mfn``, ``lateShipmentRate/10d``, ``validTrackingRate`` …"""
    scope = f"/{rate.scope}" if rate.scope else ""
    days = f"/{rate.rule.window_days}d" if rate.rule.key == MetricKey.LATE_SHIPMENT_RATE else ""
    return rate.rule.key + scope + days


def _snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot as the store keeps it: Amazon's figures, not sellerkit's reconstruction."""
    metrics = {
        key: {k: v for k, v in metric.items() if k != "sellerkit"}
        for key, metric in snapshot["metrics"].items()
    }
    return {**snapshot, "metrics": metrics}


def account_figures(account: Account, result: AccountHealth) -> AccountFigures:
    """The figures of one account for the portfolio page, ``summary.json`` and the history
    store: name, marketplace, as-of, risk, each headline metric (title, rate, counts,
    status, target, condition, small sample) and Amazon's snapshots."""
    from sellerkit.metrics.snapshots import snapshots
    from sellerkit.report.risk import account_risk

    metrics: dict[str, MetricFigures] = {
        metric_key(rate): {
            "title": rate.title,
            "rate": rate.rate,
            "status": rate.status,
            "numerator": rate.numerator,
            "denominator": rate.denominator,
            "target": rate.rule.target,
            "condition": rate.rule.condition,
            "probabilityPastTarget": (
                None if rate.rate is None else float(rate.probability_past_target)
            ),
            "smallSample": rate.small_sample,
        }
        for rate in result.headline()
    }
    history = snapshots(account, warn=False).to_dict()
    return {
        "name": account.name,
        "marketplace": account.marketplace.code,
        "asOf": str(result.as_of),
        "risk": account_risk(account, result).to_dict(),
        "metrics": metrics,
        "snapshots": [_snapshot(s) for s in history["snapshots"]],
    }


def amazon_only(folder: str | Path) -> list[dict[str, Any]]:
    """Amazon's snapshots from the performance reports of a folder whose report failed (no
    orders file, a bad download), read alone, so the portfolio still says what Amazon says;
    ``[]`` when the folder holds none or they cannot be read."""
    from sellerkit.errors import SellerkitError
    from sellerkit.io.reports_only import load_performance_reports
    from sellerkit.metrics.snapshots import reports_history

    try:
        name, market, documents = load_performance_reports(folder)
    except SellerkitError:
        return []
    history = reports_history(name, market, documents, warn=False).to_dict()
    return [_snapshot(s) for s in history["snapshots"]]


class Published:
    """Figures displayed in the kernel as an output only the rendering process reads."""

    def __init__(self, figures: AccountFigures) -> None:
        self.figures = figures

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {MIMETYPE: self.figures}


def publish(account: Account, result: AccountHealth) -> Published:
    """The account's figures, to display in the report notebook (``display(publish(...))``)."""
    return Published(account_figures(account, result))


def extract(notebook: nbformat.NotebookNode) -> AccountFigures:
    """Take the published figures out of an executed notebook (the output is removed, so it
    never reaches the page); empty when none was published (the run failed before)."""
    found = AccountFigures()
    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        for output in list(outputs):
            data = output.get("data", {})
            if MIMETYPE in data:
                found = AccountFigures(**data[MIMETYPE])  # JSON back from the kernel
                outputs.remove(output)
    return found
