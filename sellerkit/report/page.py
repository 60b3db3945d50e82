"""The first screen of the account report, as HTML fragments: the title bar (white-label
brand name, colour and logo), one status card per metric, the next steps ranked by their
effect on the rates, and how to read the report.

A status is always colour **and** icon **and** word (never colour alone); every figure
carries its counts, window, target and interval; a small sample says so in words. Pure
functions of the computed results: the notebook only displays what they return.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from sellerkit import present
from sellerkit.metrics.ageout import AgeOut
from sellerkit.metrics.health import AccountHealth
from sellerkit.metrics.rates import SCOPE_NAMES, Rate
from sellerkit.report.logo import logo_data_uri
from sellerkit.simulate.closed import orders_needed
from sellerkit.vocabulary import Channel, MetricKey


def title_bar(heading: str, subtitle: str, colour: str, logo: str = "", account: str = "") -> str:
    """The report's title bar in the brand's colour, its text black or white (whichever
    reads better), with the logo (a path, inlined) when given. The ``account`` name is
    marked where it shows (the printed page's margin repeats it) and leads the subtitle when
    a custom heading leaves it out."""
    text = present.text_colour_on(colour)
    image = f'<img class="sk-logo" src="{logo_data_uri(logo)}" alt="" height="40">' if logo else ""
    name = f'<span class="sk-account">{html.escape(account)}</span>' if account else ""
    title, sub = html.escape(heading), html.escape(subtitle)
    if account and account in heading:
        before, _, after = heading.partition(account)
        title = f"{html.escape(before)}{name}{html.escape(after)}"
    elif account:
        sub = f"{name} · {sub}" if sub else name
    return (
        f'<header class="sk-title" style="background:{html.escape(colour)};color:{text}">'
        f"{image}<h1>{title}</h1></header>"
        f'<p class="sk-subtitle">{sub}</p>'
    )


def _axis(rate: Rate) -> tuple[float, float]:
    """The stretch of the 0–100 % scale a card's bar shows: from 0 for rates that should be
    low, up to 100 % for rates that should be high, wide enough for the interval and the
    target."""
    low, high = rate.interval
    values = [v for v in (rate.rate, low, high, rate.rule.target) if v is not None and v == v]
    if rate.rule.condition == "LESS_THAN":
        return 0.0, min(max(values) * 1.25, 1.0) or 1.0
    bottom = max(min(values) - 0.05, 0.0)
    return bottom, 1.0


def interval_bar(rate: Rate) -> str:
    """A small bar: the 95 % interval as a band, the rate as a dot, the target as a dashed
    line; its text alternative says the same in words."""
    if rate.rate is None:
        return ""
    low, high = rate.interval
    start, end = _axis(rate)

    def x(value: float) -> float:
        return round(4 + 192 * (min(max(value, start), end) - start) / (end - start), 1)

    label = (
        f"{rate.level * 100:.0f} % interval {present.percent(low)} to {present.percent(high)}; "
        f"rate {present.percent(rate.rate)}; target {present.percent(rate.rule.target)}"
    )
    colour = present.STATUS_COLOURS[rate.status]
    return (
        f'<svg class="sk-bar" viewBox="0 0 200 24" width="100%" height="24" role="img" '
        f'aria-label="{html.escape(label)}"><title>{html.escape(label)}</title>'
        '<rect x="4" y="10" width="192" height="4" fill="#d0d7de"/>'
        f'<rect x="{x(low)}" y="7" width="{max(x(high) - x(low), 2)}" height="10" rx="3" '
        f'fill="{colour}" fill-opacity="0.35"/>'
        f'<circle cx="{x(rate.rate)}" cy="12" r="4" fill="{colour}"/>'
        f'<line x1="{x(rate.rule.target)}" x2="{x(rate.rule.target)}" y1="2" y2="22" '
        'stroke="#24292f" stroke-dasharray="3 2"/></svg>'
    )


def _target_text(rate: Rate) -> str:
    side = "under" if rate.rule.condition == "LESS_THAN" else "over"
    enforced = "" if rate.rule.enforced else " (recommended, not enforced)"
    return f"target {side} {present.percent(rate.rule.target)}{enforced}"


def card(rate: Rate) -> str:
    """One metric's card: name, status (icon, word and colour), value, n of N, interval
    bar and the interval in figures (paper shows no tooltip), window, target, and a
    small-sample label in words."""
    status = rate.status
    interval = ""
    if rate.rate is None:
        value, counts = present.MISSING, f"no {rate.unit} in the window"
    else:
        value = present.percent(rate.rate)
        counts = f"{present.count(rate.numerator)} of {present.count(rate.denominator)} {rate.unit}"
        low, high = rate.interval
        interval = (
            f'<p class="sk-interval">{rate.level * 100:.0f} % interval '
            f"{present.percent(low)} to {present.percent(high)}</p>"
        )
    small = (
        '<p class="sk-small">Small sample: a single order can change this status.</p>'
        if rate.small_sample and rate.rate is not None
        else ""
    )
    note = f'<p class="sk-note">{html.escape(rate.note)}</p>' if rate.note else ""
    return (
        f'<article class="sk-card sk-{status.lower()}">'
        f"<h3>{html.escape(rate.title)}</h3>"
        f'<p class="sk-status" style="color:{present.STATUS_COLOURS[status]}">'
        f'<span aria-hidden="true">{present.STATUS_ICONS[status]}</span> '
        f"{html.escape(present.STATUS_WORDS[status].capitalize())}</p>"
        f'<p class="sk-value">{value}</p><p class="sk-counts">{html.escape(counts)}</p>'
        f"{interval_bar(rate)}{interval}"
        f'<p class="sk-window">{present.span(rate.first, rate.last)} · '
        f"{html.escape(_target_text(rate))}</p>{small}{note}</article>"
    )


def cards(result: AccountHealth) -> str:
    """Every headline metric's card, metrics past target first."""
    rates = sorted(result.headline(), key=lambda r: r.status != "BAD")
    return (
        '<section class="sk-cards" aria-label="Status of each metric">'
        + "".join(card(r) for r in rates)
        + "</section>"
    )


@dataclass(frozen=True)
class Step:
    """One thing to do, with its effect: ``effect`` is how far it moves a rate towards its
    target, in fractions (0.002 is 0.2 percentage points); ``past`` whether that rate is
    past its target now; ``urgent`` whether its deadline is within :data:`URGENT_DAYS`."""

    text: str
    effect: float
    past: bool
    urgent: bool = False


def _dilution_steps(result: AccountHealth, calendar: AgeOut) -> list[Step]:
    steps = []
    for rate in result.headline():
        if rate.status != "BAD":
            continue
        # New orders without a defect, or packages tracked and on time.
        needed = orders_needed(rate, new_rate=0.0 if rate.rule.condition == "LESS_THAN" else 1.0)
        gap = abs((rate.rate or 0.0) - rate.rule.target)
        text = f"{rate.title}: {needed.explanation}"
        if rate.rule.key == MetricKey.ORDER_DEFECT_RATE and rate.scope in tuple(Channel):
            back = calendar.back_under_target(rate.scope)
            if back is not None:
                text += f"; with no new defect it is back under target on {back} as defects age out"
        steps.append(Step(text + ".", gap, True))
    return steps


URGENT_DAYS = 7
"""An action whose deadline is this close ranks first: the chance goes before the effect."""


def _action_steps(actions: pd.DataFrame, redact: bool) -> list[Step]:
    steps = []
    for row in actions.to_dict(orient="records"):
        if row["days_left"] < 0:
            continue
        order = str(row["order_id"])
        order = present.redact_order_ids(order) if redact else order
        channel = SCOPE_NAMES.get(str(row["channel"]), str(row["channel"]))
        now, after = float(row["odr_now"]), float(row["odr_if_removed"])
        text = (
            f"{str(row['action']).capitalize()} — {row['kind']} on order {order} ({channel}), "
            f"by {row['deadline']} ({row['days_left']} days left): Order Defect Rate "
            f"{present.percent(now)} → {present.percent(after)}"
        )
        urgent = int(row["days_left"]) <= URGENT_DAYS
        steps.append(Step(text + ".", now - after, now >= after, urgent))
    return steps


def _cause_steps(flags: pd.DataFrame) -> list[Step]:
    from sellerkit.report.tables import causes_frame

    steps = []
    for row in causes_frame(flags).head(3).to_dict(orient="records"):
        text = (
            f"Look into {row['where']}: {row['what']} at {present.percent(float(row['rate']))} "
            f"({present.count(int(row['bad']))} of {present.count(int(row['units']))}), more "
            "than chance explains."
        )
        steps.append(Step(text, 0.0, False))
    return steps


def next_steps(
    result: AccountHealth,
    calendar: AgeOut,
    actions: pd.DataFrame,
    flags: pd.DataFrame,
    *,
    redact: bool = True,
    limit: int = 8,
) -> list[Step]:
    """What to do next: removals, appeals and answers whose deadline is within
    :data:`URGENT_DAYS` first (a chance that passes), then by effect on the rates — what
    brings a metric past target back under it (good orders needed, the day defects age
    out) and the removals, appeals and answers Amazon's rules allow (largest effect on the
    Order Defect Rate first) — then the causes worth fixing. Never a step Amazon forbids
    (no incentive for a buyer to change feedback)."""
    ranked = sorted(
        _dilution_steps(result, calendar) + _action_steps(actions, redact),
        key=lambda s: (not s.urgent, not s.past, -s.effect),
    )
    return (ranked + _cause_steps(flags))[:limit]


def next_steps_html(steps: list[Step]) -> str:
    """The ranked steps as an ordered list, or a sentence when there is nothing to do."""
    if not steps:
        return "<p>Nothing to do now: no metric is past its target.</p>"
    items = "".join(f"<li>{html.escape(s.text)}</li>" for s in steps)
    return f'<ol class="sk-steps">{items}</ol>'


HOW_TO_READ = """<details class="sk-how" open><summary>How to read this report</summary>
<ul>
<li><strong>Each card</strong> is one of Amazon's Account Health metrics: its rate, how many
orders (or packages, or units) it is computed from, the days it covers (its window), and
Amazon's target. The status is shown by colour, icon and word: ✓ meets target, ✗ past
target, – no orders in the window.</li>
<li><strong>The bar</strong> under each rate shows its 95 % interval: the range the true rate
is likely in, given how few orders there are. A dot is the rate, the dashed line the
target. A wide bar means few orders: one more defect can move the rate a lot.</li>
<li><strong>Small sample</strong> means a single order can change the status; Amazon says it
takes order volume into account, so such a figure is weak evidence of a real problem.</li>
<li><strong>Next steps</strong> put first what cannot wait: a removal, appeal or answer whose
deadline is within a week. Then the metrics past target, the largest gap (or the largest
drop in the Order Defect Rate) first: how many good orders or days bring each back under,
and the removals and appeals Amazon's rules allow. Then the causes worth fixing. sellerkit
never suggests offering a buyer anything to change feedback: Amazon forbids it.</li>
<li>Every figure is computed from the downloads in the account folder; the last sections say
which files, what was assumed and what is missing.</li>
</ul></details>"""
"""The report's short guide for a reader who has never seen it."""


def verdict(result: AccountHealth, steps: list[Step]) -> str:
    """One sentence on top: what Amazon's newest report says (account status, rating), how
    many metrics are past target, and the most urgent step; or that the windows hold no
    order (an as-of before the first order or long after the last)."""
    headline = result.headline()
    parts = []
    if result.reconciliation is not None:
        figures = result.reconciliation.figures
        if figures.account_status is not None:
            parts.append(
                f"Amazon's report: account {present.amazon_status(figures.account_status).lower()}"
            )
        if figures.ahr_status is not None or figures.ahr_score is not None:
            score = "" if figures.ahr_score is None else f", score {figures.ahr_score:g}"
            parts.append(
                f"Account Health Rating {present.amazon_status(figures.ahr_status).lower()}{score}"
            )
    if all(r.rate is None for r in headline):
        parts.append(f"no order falls in any window on {result.as_of}: check the as-of day")
    else:
        bad = [r for r in headline if r.status == "BAD"]
        if bad:
            count = "1 metric" if len(bad) == 1 else f"{len(bad)} metrics"
            parts.append(f"{count} past target on {result.as_of}")
        else:
            parts.append(f"every metric within target on {result.as_of}")
    urgent = [s for s in steps if s.urgent]
    if urgent:
        parts.append(f"first: {urgent[0].text.split(' — ')[0].lower()} (deadline soon)")
    text = "; ".join(parts)
    return f'<p class="sk-verdict"><strong>{html.escape(text[:1].upper() + text[1:])}.</strong></p>'


def first_screen(
    result: AccountHealth,
    calendar: AgeOut,
    actions: pd.DataFrame,
    flags: pd.DataFrame,
    *,
    heading: str,
    subtitle: str,
    colour: str = "#0969da",
    logo: str = "",
    redact: bool = True,
) -> str:
    """What a reader sees first: "am I in trouble, and what do I do" — the title bar, the
    status cards, the ranked next steps, and how to read the report."""
    from sellerkit.report.summary import summary_text

    sentences = "".join(
        f"<li>{html.escape(present.redact_order_ids(s) if redact else s)}</li>"
        for s in summary_text(result, calendar, flags, actions)
    )
    steps = next_steps(result, calendar, actions, flags, redact=redact)
    return (
        title_bar(heading, subtitle, colour, logo, account=result.account)
        + verdict(result, steps)
        + '<h2 id="status">Status at a glance</h2>'
        + cards(result)
        + '<h2 id="next-steps">Next steps</h2>'
        + next_steps_html(steps)
        + '<h2 id="in-short">In short</h2>'
        + f'<ul class="sk-summary">{sentences}</ul>'
        + HOW_TO_READ
    )


def quality_html(lines: list[str], redact: bool = True) -> str:
    """The data-quality notes as a list (order ids redacted), or a sentence."""
    if not lines:
        return "<p>No data-quality issue.</p>"
    items = "".join(
        f"<li>{html.escape(present.redact_order_ids(line) if redact else line)}</li>"
        for line in lines
    )
    return f"<ul>{items}</ul>"


def history_start(first_order: date | None, as_of: date, days: int) -> date | None:
    """The first day of the report's daily history: ``days`` before ``as_of``, not before
    the first order; None when no order was placed on or before ``as_of`` (nothing to
    chart)."""
    if first_order is None or first_order > as_of:
        return None
    return max(as_of - timedelta(days=days - 1), first_order)
