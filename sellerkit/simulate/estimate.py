"""What the account's history says about its future defects: how long defects take to
arrive after an order (the delay distribution), and how likely an order is to get one (the
propensity, with its uncertainty)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sellerkit.metrics.engine import NEVER

MAX_DELAY = 90
"""Defects later than this after the order are folded into the last day (amazon-metrics.md:
defects keep arriving for up to ~90 days)."""

PRIOR_MEAN_DELAY = 21.0
"""Mean delay of the weak prior used when an account has few defects to learn from."""

PRIOR_WEIGHT = 5.0
"""How many defects' worth of weight the prior delay distribution carries."""


@dataclass(frozen=True)
class Delays:
    """The distribution of days from order to first counted defect.

    Attributes
    ----------
    pmf
        Probability of each delay 0 … MAX_DELAY days.
    observed
        How many defects it was estimated from (the rest is the prior).
    """

    pmf: np.ndarray
    observed: int

    @property
    def cdf(self) -> np.ndarray:
        """P(delay ≤ a) for a = 0 … MAX_DELAY."""
        return np.cumsum(self.pmf)

    def observed_by(self, age: np.ndarray) -> np.ndarray:
        """Share of an order's eventual defects that have arrived at ``age`` days."""
        cdf = self.cdf
        return np.where(age < 0, 0.0, cdf[np.clip(age, 0, MAX_DELAY)])

    @property
    def mean(self) -> float:
        """Mean delay in days."""
        return float(np.arange(MAX_DELAY + 1) @ self.pmf)


def prior_delays() -> np.ndarray:
    """A discretised exponential with mean :data:`PRIOR_MEAN_DELAY`, cut at MAX_DELAY."""
    days = np.arange(MAX_DELAY + 1)
    pmf = np.exp(-days / PRIOR_MEAN_DELAY)
    return pmf / pmf.sum()


def estimate_delays(order_day: np.ndarray, defect_day: np.ndarray, as_of: int) -> Delays:
    """Delays of the defects known at ``as_of``, from orders old enough that their late
    defects could have arrived (else from all), shrunk towards :func:`prior_delays`.

    Using only mature orders avoids the censoring bias of recent ones, whose slow defects
    have not arrived yet.
    """
    known = (defect_day <= as_of) & (defect_day != NEVER)
    mature = known & (order_day <= as_of - MAX_DELAY)
    chosen = mature if mature.sum() >= 10 else known
    delays = np.clip(defect_day[chosen] - order_day[chosen], 0, MAX_DELAY)
    counts = np.bincount(delays, minlength=MAX_DELAY + 1).astype(float)
    pmf = (counts + PRIOR_WEIGHT * prior_delays()) / (counts.sum() + PRIOR_WEIGHT)
    return Delays(pmf, int(chosen.sum()))


@dataclass(frozen=True)
class Propensity:
    """The probability that an order gets a counted defect, as a Beta posterior.

    ``exposure`` counts each order by the share of its defects that had time to arrive, so
    recent orders, whose defects are still on their way, do not pull the estimate down.
    """

    defects: int
    exposure: float
    prior: tuple[float, float] = (0.5, 0.5)

    @property
    def alpha(self) -> float:
        return self.prior[0] + self.defects

    @property
    def beta(self) -> float:
        return self.prior[1] + max(self.exposure - self.defects, 0.0)

    @property
    def mean(self) -> float:
        """Posterior mean of the propensity."""
        return self.alpha / (self.alpha + self.beta)

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """One propensity per simulated path: the uncertainty travels into the projection."""
        return rng.beta(self.alpha, self.beta, size=size)


def estimate_propensity(
    order_day: np.ndarray,
    defect_day: np.ndarray,
    as_of: int,
    delays: Delays,
    history_days: int = 120,
) -> Propensity:
    """Defects per order over the last ``history_days`` of orders, censoring-adjusted."""
    recent = (order_day <= as_of) & (order_day > as_of - history_days)
    known = recent & (defect_day <= as_of)
    exposure = delays.observed_by(as_of - order_day[recent]).sum()
    return Propensity(int(known.sum()), float(exposure))
