"""sellerkit.stats against the libraries whose formulas it computes: statsmodels and
scipy.stats are the oracles here (sellerkit itself does not import them, for speed)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from sellerkit import stats

counts = st.integers(min_value=1, max_value=200_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@settings(max_examples=300, deadline=None)
@given(counts, st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_is_statsmodels_wilson(kn, level):
    k, n = kn
    low, high = stats.wilson(k, n, level)
    expected = proportion_confint(k, n, alpha=1 - level, method="wilson")
    assert float(low) == pytest.approx(max(expected[0], 0.0), abs=1e-12)
    assert float(high) == pytest.approx(min(expected[1], 1.0), abs=1e-12)


def test_wilson_is_missing_without_trials_and_vectorised():
    low, high = stats.wilson(np.array([0, 1, 3]), np.array([0, 2, 3]))
    assert np.isnan(low[0])
    assert np.isnan(high[0])
    assert high[2] == 1.0
    assert low[1] > 0


@settings(max_examples=300, deadline=None)
@given(counts, st.sampled_from([0.01, 0.025, 0.04, 0.9, 0.97]))
def test_probability_past_target_is_the_beta_posterior_tail(kn, target):
    k, n = kn
    posterior = scipy_stats.beta(0.5 + k, 0.5 + n - k)
    for condition, expected in (
        ("LESS_THAN", posterior.sf(target)),
        ("GREATER_THAN", posterior.cdf(target)),
    ):
        got = float(stats.probability_past_target(k, n, target, condition))
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-300)
    assert np.isnan(stats.probability_past_target(0, 0, target, "LESS_THAN"))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=1_000_000).flatmap(
        lambda total: st.tuples(
            st.just(total),
            st.integers(min_value=0, max_value=total),
            st.integers(min_value=1, max_value=total),
        )
    ),
    st.data(),
)
def test_greater_than_rest_is_the_hypergeometric_tail(sizes, data):
    total, total_bad, units = sizes
    low, high = max(0, units - (total - total_bad)), min(units, total_bad)
    bad = data.draw(st.integers(min_value=low, max_value=high))
    got = float(stats.greater_than_rest(np.array([bad]), np.array([units]), total_bad, total)[0])
    expected = 1.0 if units >= total else scipy_stats.hypergeom.sf(bad - 1, total, total_bad, units)
    assert got == pytest.approx(min(max(expected, 0.0), 1.0), rel=1e-9, abs=1e-300)


def test_greater_than_rest_matches_fishers_exact_test():
    # 12 bad of 40 in the group, 30 bad of 960 in the rest: Fisher's one-sided test.
    got = stats.greater_than_rest(np.array([12]), np.array([40]), 42, 1000)[0]
    expected = scipy_stats.fisher_exact([[12, 28], [30, 930]], alternative="greater")[1]
    assert got == pytest.approx(expected, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=60),
    st.sampled_from([0.01, 0.05, 0.2]),
)
def test_false_discoveries_are_statsmodels_benjamini_hochberg(p_values, level):
    p = np.array(p_values)
    reject, q = stats.false_discoveries(p, level)
    expected_reject, expected_q, _, _ = multipletests(p, alpha=level, method="fdr_bh")
    np.testing.assert_allclose(q, expected_q, rtol=1e-12, atol=1e-15)
    # Decisions agree except for a q-value within rounding of the level itself.
    near = np.isclose(expected_q, level, rtol=1e-12, atol=0)
    np.testing.assert_array_equal(reject[~near], expected_reject[~near])


def test_false_discoveries_of_nothing():
    reject, q = stats.false_discoveries(np.array([]))
    assert reject.size == 0
    assert q.size == 0


def test_report_imports_leave_scipy_stats_and_statsmodels_out():
    import subprocess
    import sys

    code = (
        "import sys, sellerkit, sellerkit.causes, sellerkit.simulate, sellerkit.charts,"
        " sellerkit.report.summary, sellerkit.causes.triage;"
        "print(sorted(m for m in sys.modules if m in"
        " ('scipy.stats', 'statsmodels', 'nbconvert')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
