"""Intervals, posteriors and tests for rates, vectorised over arrays of counts.

The numerics are scipy's special functions (``ndtri``, ``betainc``, Boost's hypergeometric
tail); the formulas are the textbook ones statsmodels and ``scipy.stats`` implement. They are
computed here rather than through those packages because importing ``scipy.stats`` (which
statsmodels imports too) costs about half a second — a quarter of a report's own work, paid
by every report and every CLI call. scipy.special itself is imported on first use only: the
Wilson interval's normal quantile comes from the standard library, so a CLI call that prints
text (no posterior probability) never imports scipy. The tests check every function against
statsmodels and ``scipy.stats`` as oracles.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from statistics import NormalDist
from types import ModuleType

import numpy as np
import numpy.typing as npt

from sellerkit.rules import Condition


@functools.cache
def _special() -> ModuleType:
    """scipy.special, imported when first needed: a CLI call that prints text never needs
    it, and it is the costliest import of one (about a third of a second)."""
    from scipy import special

    return special


@functools.cache
def _hypergeom_sf() -> Callable[..., np.ndarray] | None:
    """The Boost routine behind scipy.stats.hypergeom.sf, without importing scipy.stats (a
    ufunc), or None where scipy moved it."""
    _special()
    try:
        from scipy.special._ufuncs import _hypergeom_sf as routine
    except ImportError:  # pragma: no cover - a scipy that moved it: the public, slower import
        return None
    return routine  # type: ignore[no-any-return]  # a compiled ufunc, untyped


def wilson(
    successes: np.ndarray | int, trials: np.ndarray | int, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``successes / trials`` (missing where ``trials`` is 0), as
    statsmodels' ``proportion_confint(method="wilson")``."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    low = np.full(np.broadcast(k, n).shape, np.nan)
    high = low.copy()
    some = np.broadcast_to(n > 0, low.shape)
    if some.any():
        kk, nn = np.broadcast_to(k, low.shape)[some], np.broadcast_to(n, low.shape)[some]
        z = NormalDist().inv_cdf(
            1 - (1 - level) / 2
        )  # the normal quantile (scipy.special.ndtri to 1e-15)
        p, z2 = kk / nn, z * z
        denominator = 1 + z2 / nn
        centre = (p + z2 / (2 * nn)) / denominator
        half = z * np.sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator
        lo, hi = centre - half, centre + half
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
    with np.errstate(invalid="ignore"):  # no trials: missing
        if condition == "LESS_THAN":
            past = _special().betaincc(a + k, b + n - k, target)  # posterior sf
        else:
            past = _special().betainc(a + k, b + n - k, target)  # posterior cdf
    return np.where(n > 0, past, np.nan)


def small_sample(trials: np.ndarray | int, target: float, condition: Condition) -> np.ndarray:
    """Whether one order alone can decide the status (data contract, decisions 8 and 16):
    ``trials ≤ 1/target`` for ``LESS_THAN``, ``≤ 1/(1 − target)`` for ``GREATER_THAN``;
    never when there are no trials."""
    n = np.asarray(trials)
    limit = 1 / target if condition == "LESS_THAN" else 1 / (1 - target)
    return (n > 0) & (n <= limit + 1e-9)


def status(rate: npt.ArrayLike, target: float, condition: Condition) -> np.ndarray:
    """``GOOD``, ``BAD`` or ``NONE`` (no denominator); comparisons are strict."""
    rate = np.asarray(rate, dtype=float)
    good = rate < target if condition == "LESS_THAN" else rate > target
    return np.where(np.isnan(rate), "NONE", np.where(good, "GOOD", "BAD"))


def greater_than_rest(
    bad: np.ndarray, units: np.ndarray, total_bad: np.ndarray | int, total_units: np.ndarray | int
) -> np.ndarray:
    """One-sided Fisher exact test that a group's rate is higher than the rest's.

    The p-value is the hypergeometric tail P(X ≥ bad) for a group of ``units`` drawn from
    ``total_units`` holding ``total_bad`` bad ones (scipy, vectorised; the totals may be
    arrays too, one per group). A group that is the whole population has p = 1.
    """
    k = np.asarray(bad)
    n = np.asarray(units)
    routine = _hypergeom_sf()
    if routine is None:  # pragma: no cover
        from scipy import stats

        p = stats.hypergeom.sf(k - 1, total_units, total_bad, n)
    else:  # Boost's routine is defined on the support only: P(X ≥ k) is 1 below it, 0 above
        lowest = np.maximum(0, n - (total_units - total_bad))
        highest = np.minimum(n, total_bad)
        inside = np.clip(k, lowest + 1, np.maximum(highest, lowest + 1))
        with np.errstate(invalid="ignore"):
            tail = routine(inside - 1, total_bad, n, total_units)  # (k, K, draws, N)
        p = np.where(k <= lowest, 1.0, np.where(k > highest, 0.0, tail))
    return np.where(n >= total_units, 1.0, np.clip(p, 0.0, 1.0))


def false_discoveries(p_values: np.ndarray, level: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini–Hochberg: which of ``p_values`` are discoveries at false-discovery rate
    ``level``, and their adjusted q-values, as statsmodels'
    ``multipletests(method="fdr_bh")``: ``q_(i) = min over j ≥ i of p_(j)·m/j``."""
    p = np.asarray(p_values, dtype=float)
    if p.size == 0:
        return np.zeros(0, dtype=bool), np.zeros(0)
    order = np.argsort(p, kind="mergesort")
    ranked = p[order] * p.size / np.arange(1, p.size + 1)
    q = np.empty_like(p)
    q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return q <= level, q


def beta_binomial_prior(bad: npt.ArrayLike, units: npt.ArrayLike) -> tuple[float, float]:
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
