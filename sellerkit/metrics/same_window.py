"""sellerkit's figure for a window Amazon's report names: the rule of the metric with the
same window length (or the metric's first rule, over its own window ending the same day)."""

from __future__ import annotations

from datetime import date

from sellerkit.metrics.compute import series
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.rates import Rate
from sellerkit.rules import MetricRule, Rules


def rate_ending(facts: Facts, rule: MetricRule, scope: str, last: date) -> Rate:
    as_of = rule.as_of_for_window_end(last)
    for s in series(facts, as_of, as_of):
        if s.rule == rule and s.scope == scope:
            return s.rates()[0]
    raise KeyError(rule.key)  # pragma: no cover - every rule yields a series


def rule_for(rules: Rules, key: str, days: int) -> MetricRule | None:
    for rule in rules.all_metrics:
        if rule.key == key and rule.window_days == days:
            return rule
    return None


def sellerkit_rate(facts: Facts, metric: str, scope: str, span: tuple[date, date]) -> Rate:
    """sellerkit's figure for one of Amazon's windows: the rule of that metric whose window
    has the same length (else the metric's first rule, over its own window ending the same
    day), for ``scope`` (``mfn``/``afn`` for the Order Defect Rate, ``""`` otherwise).

    Raises
    ------
    KeyError
        ``metric`` is not one sellerkit computes.
    """
    first, last = span
    rule = rule_for(facts.rules, metric, (last - first).days + 1)
    if rule is None:
        rule = next((r for r in facts.rules.all_metrics if r.key == metric), None)
        if rule is None:
            raise KeyError(metric)
    return rate_ending(facts, rule, scope, last)
