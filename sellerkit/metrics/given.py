"""The facts an analysis counts from: derived for it, or handed to it by the caller.

Every public analysis (``health``, ``age_out``, ``history``, ``project``, ``triage``, the
cause scans, ``snapshots``) derives the facts of ``(account, rules)`` itself when called
alone. A caller that runs several analyses of one account on one day — a report runs seven —
derives them once with :func:`derive_facts` and passes them as ``facts=``: the same figures,
one derivation. Nothing is cached behind the caller's back (issue 15): the facts are a value
the caller holds, derived from the tables as they were at that moment; a table edited since
needs a new :func:`derive_facts`.
"""

from __future__ import annotations

from datetime import date

from sellerkit.account import Account
from sellerkit.metrics.as_of import as_of_day
from sellerkit.metrics.facts import Facts, prepare
from sellerkit.rules import Rules, rules_for


def derive_facts(
    account: Account, as_of: date | str | None = None, rules: Rules | None = None
) -> Facts:
    """The facts of ``account`` under ``rules`` (default: the marketplace's rules in force
    on ``as_of``, itself defaulting to the latest order day), to pass as ``facts=`` to the
    analyses of that day.

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
        ``facts`` and ``rules`` are both given and disagree, or ``facts`` were derived from
        an account with another number of orders (another account, or a table changed since).
    """
    if facts is None:
        return prepare(account, rules or rules_for(account.marketplace.code, day))
    return checked(account, facts, rules)


def checked(account: Account, facts: Facts, rules: Rules | None = None) -> Facts:
    """``facts``, once checked to fit ``account`` (and ``rules`` when given).

    Raises
    ------
    ValueError
        As :func:`facts_for`.
    """
    if rules is not None and rules != facts.rules:
        raise ValueError(
            "`facts` were derived under other rules than `rules`: pass one of them, or derive "
            "the facts under these rules (sellerkit.derive_facts(account, rules=rules))"
        )
    if len(facts.order_ids) != len(account.orders):
        raise ValueError(
            f"`facts` hold {len(facts.order_ids)} orders, account {account.name!r} has "
            f"{len(account.orders)}: derive them from this account as it is now "
            "(sellerkit.derive_facts(account))"
        )
    return facts


__all__ = ["checked", "derive_facts", "facts_for"]
