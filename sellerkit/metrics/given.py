"""The facts an analysis counts from: derived for it, or handed to it by the caller.

Every public analysis (``health``, ``age_out``, ``history``, ``project``, ``triage``, the
cause scans, ``snapshots``) derives the facts of ``(account, rules)`` itself when called
alone. A caller that runs several analyses of one account on one day — a report runs seven —
derives them once with :func:`derive_facts` and passes them as ``facts=``: the same figures,
one derivation. Nothing is cached behind the caller's back (issue 15): the facts are a value
the caller holds, derived from the tables as they were at that moment.

What is checked when facts are handed over: that they come from this account as it is shaped
now (its folder and every table's row count, :meth:`Account.shape`), that they agree with
``rules=`` when both are given, and that they were not derived under the marketplace's rules
of another day (a dated change, such as the US On-Time Delivery target of 2024-09-25, would
give the wrong target). What cannot be checked cheaply: a value edited in place (a rating
changed, a row replaced) keeps the shape — derive the facts again after such an edit.
"""

from __future__ import annotations

from datetime import date, timedelta

from sellerkit.account import Account
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.facts import Facts, prepare
from sellerkit.rules import CHANGES, Rules, rules_for


def derive_facts(
    account: Account, as_of: date | str | None = None, rules: Rules | None = None
) -> Facts:
    """The facts of ``account`` under ``rules`` (default: the marketplace's rules in force
    on ``as_of``, itself defaulting to the latest order day), to pass as ``facts=`` to the
    analyses of that day. Derive them again after editing a table.

    Raises
    ------
    InputError
        ``as_of`` is not a day (:func:`sellerkit.metrics.as_of.as_of_day`), or the account
        has no orders and no ``as_of`` is given.
    """
    day = as_of_day(account, as_of)
    return prepare(account, rules or rules_for(account.marketplace.code, day))


def facts_for(account: Account, day: date, rules: Rules | None, facts: Facts | None) -> Facts:
    """What an analysis of ``account`` on ``day`` counts from: ``facts`` when the caller
    gives them (their rules are the analysis's), else the facts derived under ``rules``
    (default: the marketplace's rules in force on ``day``).

    Raises
    ------
    ValueError
        As :func:`checked`, or ``facts`` were derived under the marketplace's rules of
        another day than ``day`` (and no ``rules`` say to count with them).
    """
    if facts is None:
        return prepare(account, rules or rules_for(account.marketplace.code, day))
    checked(account, facts, rules)
    in_force = rules_for(account.marketplace.code, day)
    if rules is None and facts.rules != in_force and _dated(facts.rules):
        raise ValueError(
            f"`facts` were derived under the rules in force on another day than {day} "
            f"(effective from {facts.rules.effective_from or 'the baseline'}, while "
            f"{in_force.effective_from or 'the baseline'} applies on {day}): derive them for "
            f"this day (sellerkit.derive_facts(account, '{day}'))"
        )
    return facts


def _dated(rules: Rules) -> bool:
    """Whether ``rules`` are the marketplace's rules of some day (not custom rules)."""
    days = [None, *(change.effective - timedelta(days=1) for change in CHANGES)]
    return any(rules == rules_for(rules.marketplace, day) for day in days)


class ByRules:
    """The facts of one account under each rules value one analysis meets (the stretches of
    a history, the snapshots of several rules periods), derived on first use, seeded with
    the caller's facts (checked, as :func:`checked`), and dropped with the analysis."""

    def __init__(
        self, account: Account, given: Facts | None = None, rules: Rules | None = None
    ) -> None:
        self.account = account
        self.facts: dict[Rules, Facts] = {}
        if given is not None:
            self.facts[given.rules] = checked(account, given, rules)

    def __call__(self, rules: Rules) -> Facts:
        if rules not in self.facts:
            self.facts[rules] = prepare(self.account, rules)
        return self.facts[rules]


def checked(account: Account, facts: Facts, rules: Rules | None = None) -> Facts:
    """``facts``, once checked to come from ``account`` as it is shaped now (and to agree
    with ``rules`` when given).

    Raises
    ------
    ValueError
        ``facts`` and ``rules`` are both given and disagree; or ``facts`` come from another
        account's folder, or from this account before rows were added or dropped.
    """
    if rules is not None and rules != facts.rules:
        raise ValueError(
            "`facts` were derived under other rules than `rules`: pass one of them, or derive "
            "the facts under these rules (sellerkit.derive_facts(account, rules=rules))"
        )
    folder, rows = account.shape()
    if facts.origin[0] != folder:
        raise ValueError(
            f"`facts` were derived from the account in {facts.origin[0] or 'another folder'}, "
            f"not {folder}: derive them from this account (sellerkit.derive_facts(account))"
        )
    if facts.origin[1] != rows:
        raise ValueError(
            f"`facts` were derived when account {account.name!r} had other row counts "
            f"({facts.origin[1]}; now {rows}, tables in the order of Account.table): derive "
            "them again from the account as it is now (sellerkit.derive_facts(account))"
        )
    return facts


__all__ = ["ByRules", "checked", "derive_facts", "facts_for"]
