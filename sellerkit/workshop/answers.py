"""What an exercise is, comparing a participant's answer with the expected one, and the
result they see.

An :class:`Exercise` knows how to compute its expected answer, how to compare, its general
hint and the typical :class:`Mistake` s. A check never shows the expected answer: it says
right, or gives a hint — the hint of a recognised typical mistake when the answer matches
one, else the exercise's general hint and what is off (a percentage given for a fraction, a
set with some right and some missing).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

CHECK_MIMETYPE = "application/vnd.sellerkit.check+json"
"""The machine-readable result of a check in a notebook (invisible in JupyterLab and HTML):
``{"exercise": "1.1", "status": "right" | "wrong" | "unanswered"}``."""


@dataclass(frozen=True)
class Result:
    """What a check says: ``status`` is ``right``, ``wrong`` or ``unanswered``."""

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "right"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        mark = {"right": "✔ Right", "wrong": "✘ Not yet", "unanswered": "… Exercise"}
        return f"{mark[self.status]} ({self.exercise}): {self.message}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        colour = {"right": "#1a7f37", "wrong": "#cf222e", "unanswered": "#57606a"}[self.status]
        return {
            "text/plain": str(self),
            "text/html": (
                f'<div class="sellerkit-check" style="border-left:4px solid {colour};'
                f'padding:6px 10px;margin:4px 0">{html.escape(str(self))}</div>'
            ),
            CHECK_MIMETYPE: {"exercise": self.exercise, "status": self.status},
        }


Comparer = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, computed as participants compute it, and its hint."""

    hint: str
    answer: Callable[[], Any]


@dataclass(frozen=True)
class Exercise:
    """One exercise: its question, how to compute the expected answer, how to compare,
    the general hint and the recognised mistakes."""

    key: str
    lesson: int
    question: str
    expected: Callable[[], Any]
    compare: Comparer
    hint: str
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)


def as_day(value: Any) -> date | None:
    """A day from a date, datetime, Timestamp or ``YYYY-MM-DD`` text; None if it is not one."""
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str | np.datetime64):
        try:
            return pd.Timestamp(value).date()
        except ValueError:
            return None
    return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    return None


def as_labels(value: Any) -> frozenset[str] | None:
    """A set of labels from a string, a list/tuple/set/Series of them, or None for 'none'."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value.strip().lower()])
    if isinstance(value, pd.Series | pd.Index | np.ndarray):
        value = value.tolist()
    if isinstance(value, Iterable) and not isinstance(value, dict):
        return _labels(value)
    return None


def _labels(values: Iterable[Any]) -> frozenset[str]:
    """Each of ``values`` as a label: text, stripped, in lower case."""
    return frozenset(str(v).strip().lower() for v in values)


def same_number(tolerance: float, relative: float = 0.0) -> Comparer:
    def compare(answer: Any, expected: Any) -> bool:
        got = as_number(answer)
        return got is not None and math.isclose(
            got, float(expected), abs_tol=tolerance, rel_tol=relative
        )

    return compare


def same_days(answer: Any, expected: Any) -> bool:
    if isinstance(expected, tuple):
        if not isinstance(answer, tuple | list) or len(answer) != len(expected):
            return False
        return all(as_day(a) == e for a, e in zip(answer, expected, strict=True))
    return as_day(answer) == expected


def same_numbers(tolerance: float) -> Comparer:
    def compare(answer: Any, expected: Any) -> bool:
        if not isinstance(answer, tuple | list | np.ndarray) or len(answer) != len(expected):
            return False
        numbers = [as_number(a) for a in answer]
        return all(
            n is not None and math.isclose(n, float(e), abs_tol=tolerance)
            for n, e in zip(numbers, expected, strict=True)
        )

    return compare


def same_labels(answer: Any, expected: Any) -> bool:
    return as_labels(answer) == as_labels(expected)


def same_text(answer: Any, expected: Any) -> bool:
    return isinstance(answer, str) and answer.strip().lower() == str(expected).lower()


def what_is_off(answer: Any, expected: Any, compare: Comparer) -> str | None:
    """A hint about the answer's form, without giving the expected value away."""
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        got = as_number(answer)
        if got is None:
            return f"give a number (your answer is {type(answer).__name__})"
        if expected and compare(got / 100, expected):
            return "give a fraction (0.016), not a percentage (1.6)"
        return None
    if isinstance(expected, frozenset | set):
        labels = as_labels(answer)
        if labels is None:
            return "give a list of names, or None for none"
        wanted = _labels(expected)
        right, extra = len(labels & wanted), len(labels - wanted)
        missing = len(wanted - labels)
        if not wanted and labels:
            return "check the flags again: is anything flagged at all?"
        parts = [f"{right} right"]
        if extra:
            parts.append(f"{extra} that should not be there")
        if missing:
            parts.append(f"{missing} missing")
        return ", ".join(parts)
    if isinstance(expected, tuple) and not isinstance(answer, tuple | list):
        return f"give a pair, like ({', '.join('…' for _ in expected)})"
    return None
