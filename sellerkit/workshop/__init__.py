"""The workshop's self-checks: ``check("1.2", answer)`` says right, or gives a hint.

Lessons live in ``notebooks/workshop/``; each exercise cell ends with a check::

    from sellerkit import workshop
    answer = ...  # your code here
    workshop.check("1.2", answer)

A check never reveals the expected answer. When the answer matches a typical mistake, the
hint names that mistake; otherwise it gives the exercise's general hint and what is off in
the answer's form. The expected answers are computed from the bundled samples by sellerkit
itself, so they follow the rules table.
"""

from __future__ import annotations

from typing import Any

from sellerkit.workshop.answers import CHECK_MIMETYPE, Exercise, Result, what_is_off
from sellerkit.workshop.exercises import EXERCISES
from sellerkit.workshop.figures import account, health
from sellerkit.workshop.lessons.appeals_and_rules import RULE_CHOICES

__all__ = [
    "CHECK_MIMETYPE",
    "EXERCISES",
    "RULE_CHOICES",
    "Exercise",
    "Result",
    "account",
    "check",
    "health",
    "question",
]


def _exercise(key: str) -> Exercise:
    try:
        return EXERCISES[key]
    except KeyError:
        known = ", ".join(EXERCISES)
        raise KeyError(f"no exercise {key!r}; the exercises are {known}") from None


def question(key: str) -> str:
    """The question of exercise ``key``."""
    return _exercise(key).question


def check(key: str, answer: Any) -> Result:
    """Check ``answer`` to exercise ``key``: right, or a hint (never the answer)."""
    exercise = _exercise(key)
    if answer is Ellipsis:
        return Result(key, "unanswered", f"replace ... with your answer. {exercise.question}")
    expected = exercise.expected()
    try:
        if exercise.compare(answer, expected):
            return Result(key, "right", "well done.")
    except (TypeError, ValueError):
        pass  # an answer of the wrong kind: the hints below say what kind is wanted
    for mistake in exercise.mistakes:
        wrong = mistake.answer()
        if wrong != expected and _matches(exercise, answer, wrong):
            return Result(key, "wrong", mistake.hint)
    off = what_is_off(answer, expected, exercise.compare)
    return Result(key, "wrong", exercise.hint + (f" ({off})" if off else ""))


def _matches(exercise: Exercise, answer: Any, wrong: Any) -> bool:
    try:
        return bool(exercise.compare(answer, wrong))
    except (TypeError, ValueError):
        return False
