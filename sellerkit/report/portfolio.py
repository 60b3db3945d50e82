"""The portfolio page of a batch run and ``summary.json``: accounts × metrics, most at risk
first, each cell a metric's rate with its counts and status (icon and word, not colour
alone), its week-over-week change and trend over the stored runs, and a flag when it is
approaching its target; sortable, filterable by status and marketplace, readable on a phone,
each account linking its report. One offline file: its small script is inline.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sellerkit import present
from sellerkit._files import write_atomic
from sellerkit.report.trend import WARN_AT, approaching, change_text, sparkline, week_ago


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


def _rank(job: Any) -> tuple[bool, int, float, str]:
    """Failed accounts first, then by risk (:class:`sellerkit.report.risk.Risk`)."""
    risk = job.figures.get("risk") or {}
    tier = risk.get("tier", 3)
    size = risk.get("excess", 0.0) if tier < 2 else risk.get("chance", 0.0)
    return (job.status != "failed", tier, -size, job.account)


def _risk_text(risk: Mapping[str, Any], metrics: Mapping[str, Any]) -> str:
    """The figure behind an account's risk, in words: ``Late Shipment Rate (10 days) 11.1 %,
    target under 4 %``, or the projected chance."""
    if risk["tier"] >= 3:
        return "check the as-of day and the orders files"
    if risk["tier"] < 2:
        metric = next((m for m in metrics.values() if m.get("title") == risk["metric"]), None)
        if metric is None or metric.get("target") is None:
            return str(risk["metric"])
        side = "under" if metric.get("condition") == "LESS_THAN" else "over"
        return (
            f"{risk['metric']} {present.percent(metric['rate'])}, target {side} "
            f"{present.percent(metric['target'])}"
        )
    chance = present.percent(risk["chance"])
    behind = f" ({risk['metric']})" if risk.get("metric") else ""
    return f"{chance} chance in {risk['horizonDays']} days{behind}"


def _risk_cell(risk: Mapping[str, Any] | None, metrics: Mapping[str, Any]) -> str:
    if not risk:
        return '<td data-sort="9">–</td>'
    order = risk["tier"] * 2 + (1 - (risk["excess"] if risk["tier"] < 2 else risk["chance"]))
    return (
        f'<td data-sort="{order:.4f}"><strong>{html.escape(risk["phrase"])}</strong><br>'
        f"<small>{html.escape(_risk_text(risk, metrics))}</small></td>"
    )


def _amazon_cell(snapshots: Sequence[Mapping[str, Any]]) -> str:
    """What Amazon's newest kept performance report says: account status and rating."""
    if not snapshots:
        return '<td data-sort="">–<br><small>no performance report</small></td>'
    newest = snapshots[-1]
    rating = " · ".join(
        str(v)
        for v in (
            present.amazon_status(newest.get("ahrStatus")),
            newest.get("ahrScore") is not None and f"score {newest['ahrScore']:g}",
        )
        if v
    )
    status = present.amazon_status(newest.get("accountStatus"))
    return (
        f'<td data-sort="{html.escape(str(newest.get("ahrScore") or ""))}">'
        f"{html.escape(status)}<br><small>rating {html.escape(rating or '–')} · "
        f"{html.escape(str(newest.get('date', '')))}</small></td>"
    )


def _cell(
    metric: Mapping[str, Any] | None,
    trend: Sequence[tuple[str, float | None]],
    as_of: str,
    warn_at: float,
) -> tuple[str, bool]:
    """A metric's cell and whether it is approaching its target."""
    if not metric:
        return '<td data-sort="-1">–</td>', False
    status = metric["status"]
    rate = metric["rate"]
    near = status == "GOOD" and approaching(
        rate, metric.get("target") or 0.0, metric.get("condition") or "LESS_THAN", warn_at
    )
    word = "⚠ approaching target" if near else present.status_word(status)
    counts = f"{present.count(metric['numerator'])} of {present.count(metric['denominator'])}"
    small = "<br><small>small sample</small>" if metric.get("smallSample") else ""
    change = change_text(rate, week_ago(trend, as_of), metric.get("condition"))
    colour = present.STATUS_BACKGROUNDS[status]
    spark = sparkline([r for _, r in trend] if trend else [], present.STATUS_COLOURS[status])
    return (
        f'<td data-sort="{-1 if rate is None else rate:.6f}" style="background:{colour}" '
        f'class="sk-{"near" if near else status.lower()}">'
        f"<strong>{present.percent(rate)}</strong> <small>{counts}</small><br>"
        f"{html.escape(word)}{small}<br><small>{html.escape(change)}</small>{spark}</td>",
        near,
    )


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:16px;color:#1f2328}
main{max-width:100%}h1{font-size:22px}
.sk-controls{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 12px}
.sk-controls label{font-weight:600}
.sk-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse}
td,th{border:1px solid #d0d7de;padding:6px 8px;font-size:13px;vertical-align:top;text-align:left}
th{background:#f6f8fa;position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;
color:#1f2328;text-align:left;width:100%;min-height:2em}
td:first-child,th:first-child{position:sticky;left:0;background:#ffffff;z-index:1}
th:first-child{background:#f6f8fa}
td.sk-near{outline:2px solid #9a6700;outline-offset:-2px}
.sk-spark{display:block;margin-top:2px}
small{color:#424a53}
@media (max-width:600px){body{margin:8px}td,th{font-size:12px;padding:4px}}
"""

_SCRIPT = """
(function(){
  const table=document.querySelector('#portfolio'),body=table.tBodies[0];
  const rows=[...body.rows];
  function apply(){
    const status=document.querySelector('#status-filter').value;
    const market=document.querySelector('#market-filter').value;
    let shown=0;
    for(const row of rows){
      const ok=(!status||row.dataset.status===status)&&
               (!market||row.dataset.market===market);
      row.hidden=!ok; shown+=ok;
    }
    document.querySelector('#shown').textContent=shown+' of '+rows.length+' account(s) shown';
  }
  document.querySelector('#status-filter').addEventListener('change',apply);
  document.querySelector('#market-filter').addEventListener('change',apply);
  table.querySelectorAll('th button').forEach((button,index)=>{
    button.addEventListener('click',()=>{
      const th=button.parentElement,up=th.getAttribute('aria-sort')!=='ascending';
      table.querySelectorAll('th').forEach(h=>h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort',up?'ascending':'descending');
      const key=r=>{const c=r.cells[index],v=c.dataset.sort??c.textContent.trim();
                    const n=parseFloat(v);return isNaN(n)?v.toLowerCase():n;};
      rows.sort((a,b)=>{const x=key(a),y=key(b);return (x>y)-(x<y);});
      if(!up)rows.reverse();
      rows.forEach(r=>body.appendChild(r));
    });
  });
  apply();
})();
"""

EXPLAINED = (
    "<p><strong>Risk</strong> says what Amazon is likely to act on: <em>past target</em> — a "
    "figure Amazon shows is past its target on enough orders to count; <em>past target on "
    "few orders</em> — one order alone decides it; otherwise the chance that the Order Defect "
    "Rate Amazon shows goes past its target in the next 30 days, projected from the "
    "account's own volume and defects: <em>likely</em> (50 % or more), <em>possible</em> "
    "(10 % or more), <em>unlikely</em>. An account without defects never ranks above one "
    "past target. <strong>Amazon says</strong>: the account status and Account Health Rating "
    "of the newest kept performance report. Each metric shows its rate with its counts, "
    "its status in words, the "
    "change since the run a week before (pp: percentage points) and its trend over the "
    "stored runs; <em>⚠ approaching target</em> marks a rate on the good side but {warn} of "
    "the way to its target.</p>"
)


def _select(name: str, label: str, options: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<option value="{html.escape(v)}">{html.escape(t)}</option>' for v, t in options
    )
    return (
        f'<label for="{name}">{html.escape(label)}</label> '
        f'<select id="{name}"><option value="">all</option>{items}</select>'
    )


def _metric_columns(jobs: Sequence[Any]) -> tuple[list[str], dict[str, str]]:
    """Every metric any account shows, in first-seen order, and its title."""
    keys: list[str] = []
    titles: dict[str, str] = {}
    for job in jobs:
        for key, metric in job.figures.get("metrics", {}).items():
            if key not in keys:
                keys.append(key)
                titles[key] = metric["title"]
    return keys, titles


def _level(status: str, statuses: set[str]) -> str:
    """An account's place in the status filter: its worst metric."""
    if status == "failed":
        return "FAILED"
    for level in ("BAD", "NEAR"):
        if level in statuses:
            return level
    return "GOOD" if statuses == {"GOOD"} else "NONE"


def _account_row(
    job: Any, keys: list[str], stored: Sequence[Any], warn_at: float, changes: Sequence[str]
) -> tuple[str, list[str]]:
    """One account's row of the table, and its metrics approaching their target."""
    figures = job.figures
    as_of = str(figures.get("asOf", ""))
    cells, statuses, near = [], set(), []
    for key in keys:
        metric = figures.get("metrics", {}).get(key)
        trend = [(f.as_of, f.rate) for f in stored if f.metric == key]
        cell, is_near = _cell(metric, trend, as_of, warn_at)
        cells.append(cell)
        if metric:
            statuses.add(metric["status"])
        if is_near:
            near.append(key)
            statuses.add("NEAR")
    name = html.escape(figures.get("name", job.account))
    failed = (
        f'<br><strong style="color:#a40e26">failed: {html.escape(job.reason)}</strong>'
        if job.status == "failed"
        else ""
    )
    market = html.escape(str(figures.get("marketplace", "")))
    row = (
        f'<tr data-status="{_level(job.status, statuses)}" data-market="{market}">'
        f'<td><a href="{html.escape(Path(job.report).name)}">{name}</a>'
        f"<br><small>{market or '–'} · as of {html.escape(as_of or '–')}</small>{failed}</td>"
        f"{_risk_cell(figures.get('risk'), figures.get('metrics', {}))}"
        f"{_amazon_cell(figures.get('snapshots') or getattr(job, 'amazon', []))}{''.join(cells)}"
        f"<td>{html.escape('; '.join(changes)) or '–'}</td></tr>"
    )
    return row, near


def portfolio_page(
    jobs: Sequence[Any],
    run: str,
    history: Mapping[str, Sequence[Any]] | None = None,
    warn_at: float = WARN_AT,
    changes: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, dict[str, list[str]]]:
    """The page, and each account's metrics approaching their target (for ``summary.json``).

    ``history`` holds each account's stored figures (:func:`sellerkit.report.store.
    read_figures`), oldest run first, this run's included.
    """
    history = history or {}
    keys, titles = _metric_columns(jobs)
    rows: list[str] = []
    near_by_account: dict[str, list[str]] = {}
    markets = sorted({str(j.figures.get("marketplace", "")) for j in jobs} - {""})
    for job in sorted(jobs, key=_rank):
        row, near_by_account[job.account] = _account_row(
            job, keys, history.get(job.account, []), warn_at, (changes or {}).get(job.account, [])
        )
        rows.append(row)
    head = (
        "".join(
            f'<th scope="col"><button type="button">{html.escape(titles[k])}</button></th>'
            for k in keys
        )
        + '<th scope="col"><button type="button">Changed since the last run</button></th>'
    )
    controls = (
        '<div class="sk-controls" role="search">'
        + _select(
            "status-filter",
            "Status",
            [
                ("BAD", "a metric past target"),
                ("NEAR", "a metric approaching target, none past"),
                ("GOOD", "every metric meets target"),
                ("NONE", "no orders in a window, none past target"),
                ("FAILED", "report failed"),
            ],
        )
        + _select("market-filter", "Marketplace", [(m, m) for m in markets])
        + '<span id="shown" aria-live="polite"></span></div>'
    )
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='generator' content='sellerkit'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Account health portfolio</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>Account health portfolio</h1><p>Run of {html.escape(present.timestamp(run))}: "
        f"{len(jobs)} account(s), most at risk first. Click a column's name to sort by it.</p>"
        + '<details class="sk-how"><summary>How to read this page</summary>'
        + EXPLAINED.format(warn=present.percent(warn_at))
        + "</details>"
        + controls
        + '<div class="sk-wrap"><table id="portfolio"><caption class="sk-caption">Accounts and '
        "their metrics</caption><thead><tr>"
        '<th scope="col"><button type="button">Account</button></th>'
        f'<th scope="col"><button type="button">Risk</button></th>'
        f'<th scope="col"><button type="button">Amazon says</button></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></main>"
        f"<script>{_SCRIPT}</script></body></html>"
    )
    return page, near_by_account


def write_portfolio(
    out_dir: Path,
    jobs: list,
    previous: dict[str, Any],
    run: str,
    history: Mapping[str, Sequence[Any]] | None = None,
    warn_at: float = WARN_AT,
) -> tuple[Path, Path]:
    """Write ``index.html`` and ``summary.json`` (atomically) and return their paths."""
    before = previous.get("accounts", {})
    changes = {
        job.account: _changes(job.figures, before.get(job.account, {})) if job.figures else []
        for job in jobs
    }
    page, near = portfolio_page(jobs, run, history, warn_at, changes)
    accounts = [
        {
            "account": job.account,
            "status": job.status,
            "reason": job.reason,
            "report": Path(job.report).name,
            "retries": job.retries,
            "changes": changes[job.account],
            "approaching": near.get(job.account, []),
            **job.figures,
        }
        for job in sorted(jobs, key=_rank)
    ]
    index, summary = out_dir / "index.html", out_dir / "summary.json"
    write_atomic(index, page)
    summary_doc = {"run": run, "warnAt": warn_at, "accounts": accounts}
    write_atomic(summary, json.dumps(summary_doc, indent=2, default=str))
    return index, summary
