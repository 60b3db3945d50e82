"""The portfolio page of a batch run: accounts × metrics, coloured by status, sorted by risk,
each linking its report, with what changed since the previous run; and ``summary.json``."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from sellerkit._files import write_atomic

COLOURS = {"GOOD": "#dafbe1", "BAD": "#ffebe9", "NONE": "#f6f8fa"}


def _changes(figures: dict[str, Any], before: dict[str, Any]) -> list[str]:
    """Status changes of an account's metrics since the previous run."""
    old = before.get("figures", {}).get("metrics", {})
    out = []
    for key, metric in figures.get("metrics", {}).items():
        previous = old.get(key)
        if previous and previous.get("status") != metric["status"]:
            out.append(f"{metric['title']}: {previous['status']} → {metric['status']}")
    if not old and figures:
        out.append("first run")
    return out


def _cell(metric: dict[str, Any] | None) -> str:
    if not metric:
        return "<td></td>"
    rate = "–" if metric["rate"] is None else f"{metric['rate']:.2%}"
    small = " · small sample" if metric.get("smallSample") else ""
    colour, title = COLOURS[metric["status"]], html.escape(metric["title"])
    counts = f"{metric['numerator']:,}/{metric['denominator']:,}"
    return (
        f'<td style="background:{colour}" title="{title}">{rate}<br>'
        f"<small>{counts}{small}</small></td>"
    )


def _rank(job: Any) -> tuple[bool, int, float, str]:
    """Failed accounts first, then by risk (:class:`sellerkit.report.risk.Risk`)."""
    risk = job.figures.get("risk") or {}
    tier = risk.get("tier", 3)
    size = risk.get("excess", 0.0) if tier < 2 else risk.get("chance", 0.0)
    return (job.status != "failed", tier, -size, job.account)


def _risk_cell(risk: dict[str, Any] | None) -> str:
    if not risk:
        return "<td></td>"
    if risk["tier"] < 2:
        detail = f"{risk['metric']}: {risk['excess']:.0%} past its target"
    else:
        detail = f"{risk['chance']:.0%} chance in {risk['horizonDays']} days ({risk['metric']})"
    return (
        f'<td title="{html.escape(detail)}"><b>{html.escape(risk["phrase"])}</b><br>'
        f"<small>{html.escape(detail)}</small></td>"
    )


def write_portfolio(
    out_dir: Path, jobs: list, previous: dict[str, Any], run: str
) -> tuple[Path, Path]:
    """Write ``index.html`` and ``summary.json`` (atomically) and return their paths."""
    before = previous.get("accounts", {})
    keys: list[str] = []
    titles: dict[str, str] = {}
    for job in jobs:
        for key, metric in job.figures.get("metrics", {}).items():
            if key not in keys:
                keys.append(key)
                titles[key] = metric["title"]
    ranked = sorted(jobs, key=_rank)
    rows, accounts = [], []
    for job in ranked:
        changes = _changes(job.figures, before.get(job.account, {})) if job.figures else []
        link = Path(job.report).name
        name = html.escape(job.figures.get("name", job.account))
        status = (
            ""
            if job.status != "failed"
            else f'<br><b style="color:#cf222e">failed: {html.escape(job.reason)}</b>'
        )
        cells = "".join(_cell(job.figures.get("metrics", {}).get(k)) for k in keys)
        rows.append(
            f'<tr><td><a href="{html.escape(link)}">{name}</a>{status}</td>'
            f"{_risk_cell(job.figures.get('risk'))}{cells}"
            f"<td>{html.escape('; '.join(changes))}</td></tr>"
        )
        accounts.append(
            {
                "account": job.account,
                "status": job.status,
                "reason": job.reason,
                "report": link,
                "retries": job.retries,
                "changes": changes,
                **job.figures,
            }
        )
    head = "".join(f"<th>{html.escape(titles[k])}</th>" for k in keys)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Account health portfolio</title><style>"
        "body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse}"
        "td,th{border:1px solid #d0d7de;padding:6px 8px;font-size:13px;vertical-align:top}"
        "th{background:#f6f8fa}</style></head><body>"
        f"<h1>Account health portfolio</h1><p>Run {html.escape(run)}: {len(jobs)} account(s), "
        "most at risk first. <b>Risk</b> says what Amazon is likely to act on: "
        "<i>past target</i> — a figure Amazon shows is past its target on enough orders to "
        "count; <i>past target on few orders</i> — one order alone decides it; otherwise the "
        "chance that the Order Defect Rate Amazon shows goes past its target in the next 30 "
        "days (projected from the account's own volume and defects): <i>likely</i> (50 % or "
        "more), <i>possible</i> (10 % or more), <i>unlikely</i>. An account without defects "
        "never ranks above one past target.</p>"
        f"<table><thead><tr><th>account</th><th>risk</th>{head}<th>changed since the last run"
        f"</th></tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )
    index, summary = out_dir / "index.html", out_dir / "summary.json"
    write_atomic(index, page)
    write_atomic(summary, json.dumps({"run": run, "accounts": accounts}, indent=2, default=str))
    return index, summary
