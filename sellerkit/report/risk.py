"""How much an account is at risk of what Amazon does: the portfolio's ranking.

Amazon acts on the figures it shows, not on a posterior belief about a "true" rate: a small
account with no defect at all must never rank above one whose figures are past target. So
the risk of an account is, in this order:

1. **past target**: a headline figure is past its target on enough orders for the figure to
   be acted on (not a small sample, data contract decision 8) — ranked first, the figure
   furthest past its target first;
2. **past target on few orders**: past target, but one order alone decides it;
3. otherwise the **chance that a figure Amazon shows will be past its target in the coming
   30 days**, from the Monte Carlo projection of the Order Defect Rate (defects leaving the
   window, new orders at the account's volume, new defects at its own propensity — see
   :func:`sellerkit.simulate.project`), for each channel with orders; other metrics have
   no projection and count only once past target. Said as a plain phrase: *likely*
   (50 % or more), *possible* (10 % or more), *unlikely*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sellerkit.account import Account
from sellerkit.metrics.health import AccountHealth
from sellerkit.vocabulary import Channel, MetricKey

HORIZON_DAYS = 30
"""How far ahead the chance of a figure past target is projected."""

LIKELY, POSSIBLE = 0.5, 0.1
"""Chances from which the phrase is "likely", and "possible"."""

_PATHS = 2000


@dataclass(frozen=True)
class Risk:
    """An account's place in the portfolio's ranking.

    Attributes
    ----------
    tier
        0 past target on enough orders, 1 past target on few orders, 2 projected, 3 no
        order in the Order Defect Rate's windows (nothing to judge: ranked last, said so).
    chance
        For tier 2, the chance (0–1) that an Order Defect Rate Amazon shows is past target
        on some day of the next :data:`HORIZON_DAYS` days; for tiers 0 and 1, 1.0.
    phrase
        What a reader is told: "past target", "past target on few orders", "likely",
        "possible" or "unlikely".
    metric
        The figure behind it (its title), or ``""``.
    excess
        How far the figure is past its target, as a fraction of the target (tiers 0, 1).
    """

    tier: int
    chance: float
    phrase: str
    metric: str
    excess: float = 0.0

    @property
    def sort_key(self) -> tuple[int, float]:
        """Most at risk first: lower tier, then the larger excess or chance."""
        return (self.tier, -(self.excess if self.tier < 2 else self.chance))

    def to_dict(self) -> dict[str, Any]:
        """The ``risk`` entry of ``summary.json``."""
        return {
            "tier": self.tier,
            "chance": round(self.chance, 4),
            "phrase": self.phrase,
            "metric": self.metric,
            "excess": round(self.excess, 4),
            "horizonDays": HORIZON_DAYS,
        }


def phrase(chance: float) -> str:
    """The plain phrase of a projected chance."""
    if chance >= LIKELY:
        return "likely"
    if chance >= POSSIBLE:
        return "possible"
    return "unlikely"


def _past(rate: Any) -> float:
    """How far past its target a figure is, relative to the target (0 when it is not)."""
    target = rate.rule.target
    if rate.rule.condition == "LESS_THAN":
        return (rate.rate - target) / target
    return (target - rate.rate) / target


def account_risk(account: Account, result: AccountHealth, *, seed: int = 0) -> Risk:
    """The account's risk (see the module's docstring).

    Parameters
    ----------
    account
        The loaded account.
    result
        Its :func:`~sellerkit.health` on the as-of day the portfolio reports.
    seed
        Seed of the projection: the same inputs give the same risk.
    """
    bad = [rate for rate in result.headline() if rate.status == "BAD"]
    for tier, chosen in (
        (0, [r for r in bad if not r.small_sample]),
        (1, [r for r in bad if r.small_sample]),
    ):
        if chosen:
            worst = max(chosen, key=_past)
            words = "past target" if tier == 0 else "past target on few orders"
            return Risk(tier, 1.0, words, worst.title, _past(worst))
    from sellerkit.simulate import project

    chance, metric = 0.0, ""
    for scope in Channel:
        rate = result.rate(MetricKey.ORDER_DEFECT_RATE, scope)
        if not rate.denominator:
            continue
        projection = project(
            account, scope, as_of=result.as_of, horizon=HORIZON_DAYS, paths=_PATHS, seed=seed
        )
        rates = projection.paths
        past = np.where(np.isnan(rates), False, rates >= projection.rule.target)
        scope_chance = float(past.any(axis=1).mean())
        if scope_chance > chance or not metric:
            chance, metric = scope_chance, rate.title
    if not metric:  # no order in either ODR window: nothing to project, and no comfort
        return Risk(3, 0.0, "no orders in the windows", "")
    return Risk(2, chance, phrase(chance), metric)
