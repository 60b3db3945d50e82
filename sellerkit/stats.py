"""Intervals and posteriors for rates: thin, vectorised wrappers over statsmodels and scipy."""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from sellerkit.rules import Condition


def wilson(
    successes: np.ndarray | int, trials: np.ndarray | int, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``successes / trials`` (missing where ``trials`` is 0)."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    low = np.full(np.broadcast(k, n).shape, np.nan)
    high = low.copy()
    some = np.broadcast_to(n > 0, low.shape)
    if some.any():
        kk, nn = np.broadcast_to(k, low.shape)[some], np.broadcast_to(n, low.shape)[some]
        lo, hi = proportion_confint(kk, nn, alpha=1 - level, method="wilson")
        # Exact ends where the formula's rounding would leave 1e-17 off: the interval of
        # 0 of n starts at 0, of n of n ends at 1.
        lo = np.where(kk == 0, 0.0, np.clip(lo, 0, 1))
        hi = np.where(kk == nn, 1.0, np.clip(hi, 0, 1))
        low[some], high[some] = lo, hi
    return low, high


def probability_past_target(
    successes: np.ndarray | int,
    trials: np.ndarray | int,
    target: float,
    condition: Condition,
    prior: tuple[float, float] = (0.5, 0.5),
) -> np.ndarray:
    """Posterior probability that the true rate is on the wrong side of the target.

    With a Beta(``prior``) prior and ``successes`` of ``trials``, the rate's posterior is
    Beta(a + k, b + n - k). For ``LESS_THAN`` targets this is P(rate ≥ target), for
    ``GREATER_THAN`` P(rate ≤ target). With no trials it is missing.
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    a, b = prior
    posterior = stats.beta(a + k, b + n - k)
    past = posterior.sf(target) if condition == "LESS_THAN" else posterior.cdf(target)
    return np.where(n > 0, past, np.nan)


def small_sample(trials: np.ndarray | int, target: float, condition: Condition) -> np.ndarray:
    """Whether one order alone can decide the status (data contract, decisions 8 and 16):
    ``trials ≤ 1/target`` for ``LESS_THAN``, ``≤ 1/(1 − target)`` for ``GREATER_THAN``;
    never when there are no trials."""
    n = np.asarray(trials)
    limit = 1 / target if condition == "LESS_THAN" else 1 / (1 - target)
    return (n > 0) & (n <= limit + 1e-9)


def status(rate: np.ndarray, target: float, condition: Condition) -> np.ndarray:
    """``GOOD``, ``BAD`` or ``NONE`` (no denominator); comparisons are strict."""
    rate = np.asarray(rate, dtype=float)
    good = rate < target if condition == "LESS_THAN" else rate > target
    return np.where(np.isnan(rate), "NONE", np.where(good, "GOOD", "BAD"))


def greater_than_rest(
    bad: np.ndarray, units: np.ndarray, total_bad: int, total_units: int
) -> np.ndarray:
    """One-sided Fisher exact test that a group's rate is higher than the rest's.

    The p-value is the hypergeometric tail P(X ≥ bad) for a group of ``units`` drawn from
    ``total_units`` holding ``total_bad`` bad ones (scipy, vectorised). A group that is the
    whole population has p = 1.
    """
    k = np.asarray(bad)
    n = np.asarray(units)
    p = stats.hypergeom.sf(k - 1, total_units, total_bad, n)
    return np.where(n >= total_units, 1.0, np.clip(p, 0.0, 1.0))


def false_discoveries(p_values: np.ndarray, level: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini–Hochberg: which of ``p_values`` are discoveries at false-discovery rate
    ``level``, and their adjusted q-values (statsmodels)."""
    from statsmodels.stats.multitest import multipletests

    p = np.asarray(p_values, dtype=float)
    if p.size == 0:
        return np.zeros(0, dtype=bool), np.zeros(0)
    reject, q, _, _ = multipletests(p, alpha=level, method="fdr_bh")
    return reject, q


def beta_binomial_prior(bad: np.ndarray, units: np.ndarray) -> tuple[float, float]:
    """Empirical-Bayes Beta prior of group rates, by the method of moments.

    The spread of the group rates beyond what binomial noise explains (a DerSimonian–Laird
    type moment estimate) sets how strongly groups are pulled towards the overall rate; with
    no extra spread the pull is complete. Returns ``(alpha, beta)``.
    """
    k = np.asarray(bad, dtype=float)
    n = np.asarray(units, dtype=float)
    keep = n > 0
    k, n = k[keep], n[keep]
    total = n.sum()
    if total == 0 or k.size < 2:
        return 1.0, 1.0
    mean = k.sum() / total
    if mean in (0.0, 1.0):
        return (1e-3, 1e3) if mean == 0 else (1e3, 1e-3)
    spread = (n * (k / n - mean) ** 2).sum() - (k.size - 1) * mean * (1 - mean)
    between = spread / (total - (n**2).sum() / total)
    weight = 1e6 if between <= 0 else max(mean * (1 - mean) / between - 1, 1e-3)
    return mean * weight, (1 - mean) * weight
