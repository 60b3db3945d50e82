"""A metric over the stored batch runs: its week-over-week change, whether it is
approaching its target, and a small line of its trend for the portfolio page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from sellerkit import present

WARN_AT = 0.8
"""Default of ``sellerkit batch --warn-at``: a metric is *approaching* its target once it is
80 % of the way there."""


def approaching(rate: float | None, target: float, condition: str, warn_at: float) -> bool:
    """Whether a rate on the good side of its target is at least ``warn_at`` of the way to
    it, in the target's direction: from 0 up to a "less than" target (ODR 1 %: from
    0.8 %), from 100 % down to a "greater than" one (Valid Tracking 95 %: from 96 %)."""
    if rate is None:
        return False
    if condition == "LESS_THAN":
        return warn_at * target <= rate < target
    return target < rate <= 1 - warn_at * (1 - target)


def week_ago(points: Sequence[tuple[str, float | None]], as_of: str) -> tuple[str, float] | None:
    """The stored point to compare ``as_of`` with: the latest one at least 7 days before it
    (a weekly run's previous week), else None. ``points`` are ``(as_of, rate)``."""
    try:
        limit = date.fromisoformat(as_of) - timedelta(days=7)
    except ValueError:
        return None
    older = [(day, rate) for day, rate in points if rate is not None and day <= limit.isoformat()]
    return max(older) if older else None


def change_text(
    now: float | None, before: tuple[str, float] | None, condition: str | None = None
) -> str:
    """``▲ 0.3 pp since 2026-11-22`` (percentage points), with ``worse`` or ``better`` when
    the target's direction (``condition``) is given; ``no change since …``, or ``–``."""
    if now is None or before is None:
        return present.MISSING
    day, rate = before
    points = round((now - rate) * 100, 2)
    if points == 0:
        return f"no change since {day}"
    arrow = "▲" if points > 0 else "▼"
    verdict = ""
    if condition is not None:
        worse = points > 0 if condition == "LESS_THAN" else points < 0
        verdict = ", worse" if worse else ", better"
    return f"{arrow} {abs(points):.2g} pp since {day}{verdict}"


def sparkline(values: Sequence[float | None], colour: str = "#57606a") -> str:
    """A small line of a metric's rate over the stored runs (oldest first) as inline SVG,
    its values in words for screen readers; empty with fewer than two values."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return ""
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    span = (high - low) or 1.0
    last = max(len(values) - 1, 1)
    coords = " ".join(
        f"{2 + 76 * i / last:.1f},{18 - 16 * (v - low) / span:.1f}" for i, v in points
    )
    label = "trend over the stored runs: " + ", ".join(present.percent(v) for _, v in points)
    return (
        f'<svg class="sk-spark" viewBox="0 0 80 20" width="80" height="20" role="img" '
        f'aria-label="{html.escape(label)}"><polyline points="{coords}" fill="none" '
        f'stroke="{colour}" stroke-width="1.5"/></svg>'
    )
