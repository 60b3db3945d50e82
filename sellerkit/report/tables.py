"""The report's tables for people: human headers with units, formatted numbers (percentages,
counts, days; never a raw float or a snake_case name), order ids redacted, and the technical
columns (q-values, shrunken rates) in a details element with their explanation.

Each table is described once, here, by the columns it shows (:class:`Column`); the report
notebook only displays what :func:`html_table` returns.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

import pandas as pd

from sellerkit import present
from sellerkit.causes.dimensions import DIMENSIONS
from sellerkit.causes.units import metric_info
from sellerkit.metrics.rates import SCOPE_NAMES

if TYPE_CHECKING:
    from sellerkit.metrics.snapshots import SnapshotHistory

Kind = Literal["text", "percent", "count", "day", "order", "yes/no", "small number"]


@dataclass(frozen=True)
class Column:
    """One column of a report table: the frame's column, its header for people (with the
    unit), and how its values are written."""

    name: str
    header: str
    kind: Kind = "text"


def _cell(value: object, kind: Kind, redact: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return present.MISSING
    if kind == "percent":
        return present.percent(float(value))  # type: ignore[arg-type]
    if kind == "count":
        return present.count(int(value))  # type: ignore[call-overload]
    if kind == "day":
        day = value.date() if isinstance(value, pd.Timestamp) else value
        return present.day(day) if isinstance(day, date) else str(value)
    if kind == "order":
        return present.redact_order_ids(str(value)) if redact else str(value)
    if kind == "yes/no":
        return "yes" if bool(value) else "no"
    if kind == "small number":
        return f"{float(value):.1e}" if float(value) < 0.001 else f"{float(value):.3f}"  # type: ignore[arg-type]
    return str(value)


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    caption: str,
    *,
    redact: bool = True,
    limit: int | None = None,
) -> str:
    """``frame`` as an accessible HTML table of ``columns`` (a caption, column headers with
    ``scope``, numbers right-aligned), every value formatted for people.

    Parameters
    ----------
    limit
        Show the first ``limit`` rows and say how many more there are.
    """
    shown = frame if limit is None else frame.head(limit)
    head = "".join(
        f'<th scope="col" class="sk-{c.kind.replace("/", "").replace(" ", "-")}">'
        f"{html.escape(c.header)}</th>"
        for c in columns
    )
    rows = []
    for record in shown.to_dict(orient="records"):
        cells = "".join(
            f'<td class="sk-{c.kind.replace("/", "").replace(" ", "-")}">'
            f"{html.escape(_cell(record.get(c.name), c.kind, redact))}</td>"
            for c in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    more = len(frame) - len(shown)
    note = f'<p class="sk-more">{more:,} more row(s) not shown.</p>' if more > 0 else ""
    return (
        f'<table class="sk-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"
    )


def details(summary: str, body: str) -> str:
    """``body`` folded away behind ``summary`` (printed unfolded)."""
    return f"<details><summary>{html.escape(summary)}</summary>{body}</details>"


# The report's tables -------------------------------------------------------------------

CAUSES = (
    Column("what", "What is high"),
    Column("where", "Where"),
    Column("units", "Orders or packages", "count"),
    Column("bad", "Of them with the problem", "count"),
    Column("rate", "Rate", "percent"),
    Column("low", "95 % interval from", "percent"),
    Column("high", "95 % interval to", "percent"),
)
CAUSES_DETAILS = (
    Column("what", "What is high"),
    Column("where", "Where"),
    Column("shrunken", "Rate pulled towards the account's average", "percent"),
    Column("q_value", "Chance this is luck (q-value)", "small number"),
)
CAUSES_EXPLAINED = (
    "The q-value is the share of groups flagged at this level that would be flagged by luck "
    "alone (false discovery rate, Benjamini–Hochberg); the pulled-in rate is the group's "
    "rate shrunk towards the account's average, so small groups do not look worse than "
    "the evidence allows."
)


def causes_frame(flags: pd.DataFrame) -> pd.DataFrame:
    """The flagged groups of :func:`sellerkit.causes.scan` in words: what is high
    (``claims``, ``late shipments`` …) and where (``SKU NW-002``)."""
    if flags.empty:
        return flags.assign(what=[], where=[])
    return flags.assign(
        what=[metric_info(m).bad for m in flags["metric"]],
        where=[
            f"{DIMENSIONS[d].title} {g}"
            for d, g in zip(flags["dimension"], flags["group"], strict=True)
        ],
    )


AGE_OUT = (
    Column("channel_name", "Channel"),
    Column("order_id", "Order", "order"),
    Column("order_date", "Ordered on", "day"),
    Column("kinds", "Defect"),
    Column("first_defect_date", "Defect received on", "day"),
    Column("last_day_counted", "Counts until", "day"),
    Column("leaves_on", "Leaves the window on", "day"),
    Column("days_left", "Days left", "count"),
)


def channel_names(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``channel_name``: ``seller-fulfilled`` / ``FBA`` for ``mfn``/``afn``."""
    return frame.assign(channel_name=[SCOPE_NAMES.get(c, c) for c in frame["channel"]])


TRIAGE = (
    Column("kind", "Defect"),
    Column("order_id", "Order", "order"),
    Column("channel_name", "Channel"),
    Column("date", "Received on", "day"),
    Column("rule", "Why Amazon's rules allow it"),
    Column("action", "What to do"),
    Column("deadline", "Deadline", "day"),
    Column("days_left", "Days left", "count"),
    Column("odr_now", "Order Defect Rate now", "percent"),
    Column("odr_if_removed", "Order Defect Rate if removed", "percent"),
)


SNAPSHOTS = (
    Column("date", "Report of", "day"),
    Column("source", "File"),
    Column("account_status", "Account status"),
    Column("ahr", "Account Health Rating"),
    Column("violations", "Policy violations"),
)


def snapshots_frame(history: SnapshotHistory) -> pd.DataFrame:
    """One row per kept performance report: its day, file, account status, rating (status
    and score) and policy violations with their counts (only those above 0)."""
    from sellerkit.metrics import amazon_report

    rows = []
    for snap in history.snapshots:
        figures = snap.figures
        score = "" if figures.ahr_score is None else f", score {figures.ahr_score:g}"
        counted = {k: v for k, v in figures.policy_violations.items() if v}
        rows.append(
            {
                "date": snap.day,
                "source": snap.source,
                "account_status": present.amazon_status(figures.account_status),
                "ahr": present.amazon_status(figures.ahr_status) + score,
                "violations": "; ".join(
                    f"{amazon_report.title(k)} {v:,}" for k, v in counted.items()
                )
                or ("none" if figures.policy_violations else present.MISSING),
            }
        )
    return pd.DataFrame(rows, columns=[c.name for c in SNAPSHOTS])
