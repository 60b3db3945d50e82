"""What one cause analysis is counted from, built once per public call and passed down.

A :class:`Basis` holds the account, the as-of day and the account's facts under the rules
(:mod:`sellerkit.metrics.facts`), and derives on first use what several breakdowns of one
call share: each negative feedback's comment category and the dimensions' codes. It lives
as long as the call that built it: nothing is kept between calls, so custom rules and tables
edited in place (a what-if in a notebook) are seen by the next call (issue 15).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd

from sellerkit.account import Account
from sellerkit.causes.dimensions import Codes
from sellerkit.causes.feedback_text import tag_feedback
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.given import facts_for
from sellerkit.rules import Rules
from sellerkit.vocabulary import Channel


def feedback_categories(account: Account, facts: Facts) -> pd.Series:
    """The comment category (:mod:`sellerkit.causes.feedback_text`) of each negative
    feedback event of ``facts.events``, indexed like the events. A delivery complaint on an
    FBA order is ``fba_fulfilment``."""
    events = facts.events
    feedback = events[(events["kind"] == "feedback").to_numpy()]
    comments = account.feedback["comments"].to_numpy()[feedback["row"].to_numpy()]
    rows = pd.DataFrame(
        {"order_id": feedback["order_id"].to_numpy(), "comments": comments},
        index=feedback.index,
    )
    return tag_feedback(
        rows, feedback.loc[(feedback["channel"] == Channel.AFN).to_numpy(), "order_id"]
    )


@dataclass(frozen=True, eq=False)
class Basis:
    """One cause analysis's inputs.

    Attributes
    ----------
    account
        The account, read as its tables are when the basis is built.
    day
        The as-of day.
    facts
        The account's facts under the analysis's rules (``facts.rules``).
    """

    account: Account
    day: date
    facts: Facts

    @property
    def rules(self) -> Rules:
        """The rules the facts were derived under."""
        return self.facts.rules

    @cached_property
    def feedback_categories(self) -> pd.Series:
        """:func:`feedback_categories` of the facts, tagged once (a scan asks for three
        categories)."""
        return feedback_categories(self.account, self.facts)

    @cached_property
    def codes(self) -> Codes:
        """The dimensions' codes, each derived on first use (a scan splits several metrics
        by the same dimension)."""
        return Codes(self.account)


def basis(
    account: Account,
    as_of: date | str | None = None,
    rules: Rules | None = None,
    *,
    facts: Facts | None = None,
) -> Basis:
    """The basis of an analysis of ``account`` on ``as_of`` (default: the latest order day)
    under ``rules`` (default: the marketplace's rules in force on that day), counted from
    ``facts`` when the caller already derived them (:func:`sellerkit.derive_facts`)."""
    day = as_of_day(account, as_of)
    return Basis(account, day, facts_for(account, day, rules, facts))


def given_or_new(
    account: Account, as_of: date | str | None, rules: Rules | None, given: Basis | None
) -> Basis:
    """The basis an analysis's ``basis=`` gives, checked against the call, or a new one of
    ``(account, as_of, rules)``.

    Raises
    ------
    ValueError
        The basis was derived for another account, or ``as_of``/``rules`` are given beside
        it (they belong to :func:`basis`).
    """
    if given is None:
        return basis(account, as_of, rules)
    if given.account is not account:
        raise ValueError("the basis was derived for another account")
    if as_of is not None or rules is not None:
        raise ValueError("give as_of and rules to causes.basis(), not beside basis=")
    return given


__all__ = ["Basis", "basis", "feedback_categories", "given_or_new"]
