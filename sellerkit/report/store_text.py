"""The terminal text of ``sellerkit history --store PATH ACCOUNT``: each stored run's
figures of one account, then Amazon's snapshots seen by the runs."""

from __future__ import annotations

from typing import Any

from sellerkit import present


def stored_history_text(stored: dict[str, Any]) -> str:
    """The runs in order, one line per metric (rate, counts, status), then the snapshots
    (:func:`sellerkit.report.store.account_history`'s document)."""
    runs = stored["runs"]
    lines = [f"{stored['account']}: {len(runs)} stored run(s)"]
    for run in runs:
        lines.append(f"  run {run['run']} · as of {run['asOf']}")
        for metric in run["metrics"].values():
            counts = (
                f"{present.count(metric['numerator'])} of {present.count(metric['denominator'])}"
            )
            small = " · small sample" if metric.get("smallSample") else ""
            lines.append(
                f"    {metric['title']}: {present.percent(metric['rate'])} ({counts}) · "
                f"{present.status(metric['status'])}{small}"
            )
    snaps = stored["snapshots"]
    if snaps:
        lines.append(f"  Amazon's performance reports ({len(snaps)}):")
        for snap in snaps:
            rating = " · ".join(
                str(v)
                for v in (
                    snap.get("ahrStatus"),
                    snap.get("ahrScore") and f"score {snap['ahrScore']:g}",
                )
                if v
            )
            lines.append(
                f"    {snap['date']} ({snap['source']}): account {snap.get('accountStatus') or '–'}"
                f" · Account Health Rating {rating or '–'}"
            )
    return "\n".join(lines)
