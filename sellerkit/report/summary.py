"""The report's plain-language summary, written from deterministic templates: every number
in it comes from a computed figure, so it can be traced and reproduced."""

from __future__ import annotations

import html
import re

import pandas as pd

from sellerkit.causes.dimensions import DIMENSIONS
from sellerkit.causes.units import metric_info
from sellerkit.metrics.ageout import AgeOut
from sellerkit.metrics.health import AccountHealth
from sellerkit.metrics.rates import SCOPE_NAMES
from sellerkit.present import percent
from sellerkit.vocabulary import Channel


def summary_text(
    result: AccountHealth, calendar: AgeOut, flags: pd.DataFrame, triage: pd.DataFrame
) -> list[str]:
    """Sentences for the top of the report."""
    headline = result.headline()
    bad = [r for r in headline if r.status == "BAD"]
    lines = []
    if not bad:
        lines.append(
            f"On {result.as_of} every Account Health metric of {result.account} is "
            "within its target."
        )
    else:
        names = "; ".join(f"{r.title} ({percent(r.rate)})" for r in bad)
        count = "1 metric" if len(bad) == 1 else f"{len(bad)} metrics"
        verb = "is" if len(bad) == 1 else "are"
        lines.append(f"On {result.as_of}, {count} of {result.account} {verb} past target: {names}.")
    small = [r.title for r in headline if r.small_sample and r.status != "NONE"]
    if small:
        lines.append(
            "Few orders stand behind " + ", ".join(small) + ": one order can change "
            "the status, so read these figures with their intervals."
        )
    for channel in Channel:
        scope = SCOPE_NAMES[channel]
        defects = calendar.defects[calendar.defects["channel"] == channel]
        if len(defects):
            back = calendar.back_under_target(channel)
            lines.append(
                f"{len(defects)} {scope} order defect(s) count now; the first leaves the window "
                f"on {defects['leaves_on'].min():%Y-%m-%d}"
                + (
                    f", and with no new order or defect the rate would be under target on {back}."
                    if back
                    else "."
                )
            )
    if len(flags):
        top = flags.head(3)
        causes = "; ".join(
            f"{metric_info(metric).bad} for {DIMENSIONS[dimension].title} {group} "
            f"({bad_units:,} of {units:,}, {percent(rate)})"
            for metric, dimension, group, bad_units, units, rate in zip(
                top["metric"],
                top["dimension"],
                top["group"],
                top["bad"],
                top["units"],
                top["rate"],
                strict=True,
            )
        )
        lines.append(f"{len(flags)} group(s) stand out beyond chance, first: {causes}.")
    if len(triage):
        soon = triage[triage["days_left"] >= 0]
        lines.append(
            f"{len(triage)} defect(s) may be removed, appealed or answered under "
            f"Amazon's rules; {len(soon)} still within their deadline."
        )
    return lines


def _markdown(text: str) -> str:
    """Text from Amazon's report made safe for Markdown: no HTML, no emphasis or links."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(text, quote=False))


def reconciliation_markdown(result: AccountHealth) -> str:
    """The report's "Amazon's report and sellerkit" section: what was compared, what was
    not and why, and Amazon's own figures that sellerkit does not compute."""
    if result.reconciliation is None:
        return "The folder holds no seller performance report to compare with."
    blocks = []
    for heading, sentences in result.reconciliation.sections():
        if heading:
            items = "\n".join(f"- {_markdown(s)}" for s in sentences)
            blocks.append(f"**{_markdown(heading)}**\n\n{items}")
        else:
            blocks += [_markdown(s) for s in sentences]
    return "\n\n".join(blocks)


def coverage_markdown(result: AccountHealth) -> str:
    """The report's "What each figure was computed from" section: per figure, the files it
    was computed from, what was assumed (counted on the as-of day), what no file gives and
    which download would add it (data contract R7)."""
    if result.coverage is None:
        return "No coverage was computed for these figures."
    return result.coverage.markdown()
