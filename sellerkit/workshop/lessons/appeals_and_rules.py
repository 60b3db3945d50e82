"""Lesson 5, appeals and rules: which defects may be appealed or removed, the claim's
deadline, and what a seller may do about feedback."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import pandas as pd

from sellerkit.metrics.facts import defect_events
from sellerkit.workshop.answers import Exercise, Mistake, same_days, same_labels
from sellerkit.workshop.figures import US_RULES, account, health

RULE_CHOICES = {
    "a": "refund the buyer and then ask them to remove the feedback",
    "b": "offer a discount on the next order if they update their rating",
    "c": "reply to the feedback publicly, factually and politely",
    "d": "ask Amazon to remove it when it is entirely a product review",
    "e": "ask the buyer to remove it once the problem is solved",
}
"""The choices of exercise 5.3: what may a seller do about a 1-star feedback?"""


@functools.cache
def _triage() -> pd.DataFrame:
    from sellerkit.causes.triage import triage

    return triage(account(), health().as_of)


def _actionable() -> frozenset[str]:
    return frozenset(_triage()["order_id"].astype(str))


def _all_negative_feedback() -> frozenset[str]:
    events = defect_events(account())
    return frozenset(events.loc[(events["kind"] == "feedback").to_numpy(), "order_id"])


def _claim_row() -> pd.Series:
    claims = _triage()[_triage()["kind"] == "claim"]
    return claims.iloc[0]


def _claim_deadline() -> date:
    return pd.Timestamp(_claim_row()["deadline"]).date()


def _claim_plus_removal_days() -> date:
    days = US_RULES.feedback_removal_days
    return pd.Timestamp(_claim_row()["date"]).date() + timedelta(days=days)


EXERCISES = (
    Exercise(
        "5.1",
        5,
        "Which orders' defects may growing-brand appeal or have removed under Amazon's "
        "rules? A list of order ids.",
        _actionable,
        same_labels,
        "sellerkit's triage applies Amazon's rules to each counted defect.",
        (
            Mistake(
                "Negative feedback cannot be removed because it hurts: only feedback "
                "that breaks Amazon's rules (or FBA delivery feedback) can.",
                _all_negative_feedback,
            ),
        ),
    ),
    Exercise(
        "5.2",
        5,
        "By which day must the claim that triage lists be appealed?",
        _claim_deadline,
        same_days,
        "Appeals of claims have a shorter deadline than feedback removal requests.",
        (
            Mistake(
                f"{US_RULES.feedback_removal_days} days is for feedback removal requests; a "
                f"claim is appealed within {US_RULES.claim_appeal_days} days.",
                _claim_plus_removal_days,
            ),
        ),
    ),
    Exercise(
        "5.3",
        5,
        "Which of RULE_CHOICES may a seller do about a 1-star feedback? A list of letters.",
        lambda: frozenset({"c", "d"}),
        same_labels,
        "Amazon's Code of Conduct forbids influencing feedback in any way.",
        (
            Mistake(
                "Asking a buyer to remove feedback is forbidden even after the problem "
                "is solved, and even without an incentive.",
                lambda: frozenset({"c", "d", "e"}),
            ),
            Mistake(
                "A refund, discount or anything else in exchange for changing or "
                "removing feedback breaks Amazon's Code of Conduct.",
                lambda: frozenset({"a", "c", "d"}),
            ),
        ),
    ),
)
