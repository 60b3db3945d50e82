"""``health()``: every Account Health metric on one day; ``history()``: on every day."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.account import Account
from sellerkit.errors import InputError
from sellerkit.metrics.as_of import as_of_day, warn_outside_orders
from sellerkit.metrics.compute import series
from sellerkit.metrics.coverage import coverage
from sellerkit.metrics.coverage_result import AccountCoverage
from sellerkit.metrics.facts import Facts
from sellerkit.metrics.given import ByRules, facts_for
from sellerkit.metrics.rates import Rate
from sellerkit.rules import Rules, change_days, rules_for, rules_provenance
from sellerkit.vocabulary import LATE_SHIPMENT_RATE_LIST, Channel, MetricKey, Scope

if TYPE_CHECKING:
    from sellerkit.metrics.reconcile import Reconciliation


@dataclass(frozen=True, eq=False)
class AccountHealth:
    """Every metric of one account on one as-of day.

    Attributes
    ----------
    account
        The account's name.
    marketplace
        Marketplace code.
    as_of
        The last complete day the figures cover.
    rules
        The rules table used (its ``version`` is reported).
    rates
        One :class:`~sellerkit.metrics.rates.Rate` per metric and scope.
    data_quality
        The account's data-quality counters (data contract, decision 22).
    reconciliation
        Amazon's performance report beside sellerkit's figures, when the account has one:
        every entry compared or listed with the reason, and Amazon's own figures that
        sellerkit does not compute (account status, Account Health Rating, warning states,
        policy violations).
    coverage
        Per figure, which files it was computed from, what was assumed, what is missing
        and which download would add it (data contract R7).
    """

    account: str
    marketplace: str
    as_of: date
    rules: Rules
    rates: list[Rate]
    data_quality: dict[str, Any] = field(default_factory=dict)
    reconciliation: Reconciliation | None = None
    coverage: AccountCoverage | None = None

    def rate(self, key: str, scope: str = "", window_days: int | None = None) -> Rate:
        """The rate of a metric (``orderDefectRate``), scope (``mfn``) and window."""
        for rate in self.rates:
            if (
                rate.rule.key == key
                and rate.scope == scope
                and (window_days is None or rate.rule.window_days == window_days)
            ):
                return rate
        raise KeyError(f"no rate {key!r} with scope {scope!r} and window {window_days}")

    @property
    def summary(self) -> pd.DataFrame:
        """One row per metric and scope: counts, rate, interval, window, target, status."""
        rows = []
        for r in self.rates:
            low, high = r.interval
            rows.append(
                {
                    "metric": r.rule.key,
                    "title": r.title,
                    "scope": r.scope,
                    "window_days": r.rule.window_days,
                    "numerator": r.numerator,
                    "denominator": r.denominator,
                    "unit": r.unit,
                    "rate": r.rate,
                    "low": low,
                    "high": high,
                    "first_day": r.first,
                    "last_day": r.last,
                    "target": r.rule.target,
                    "condition": r.rule.condition,
                    "status": r.status,
                    "probability_past_target": r.probability_past_target,
                    "small_sample": r.small_sample,
                    "enforced": r.rule.enforced,
                    "note": r.note,
                }
            )
        return pd.DataFrame(rows)

    def headline(self) -> list[Rate]:
        """The figures Amazon shows (ODR per channel, each LSR and cancellation window,
        Valid Tracking, On-Time Delivery, and the US unit figure), in that order."""
        rules = self.rules
        out = [
            self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.MFN),
            self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.AFN),
        ]
        out += [r for r in self.rates if r.rule in rules.late_shipment]
        out += [r for r in self.rates if r.rule in rules.cancellation]
        out += [
            self.rate(MetricKey.VALID_TRACKING_RATE),
            self.rate(MetricKey.ON_TIME_DELIVERY_RATE),
        ]
        if rules.unit_on_time_delivery is not None:
            out.append(self.rate(MetricKey.UNIT_ON_TIME_DELIVERY_RATE))
        return out

    def __str__(self) -> str:
        lines = [
            f"{self.account} · {self.marketplace} · as of {self.as_of} · rules "
            f"{self.rules.version}",
            "",
        ]
        note = rules_provenance(self.rules, self.as_of)["note"]
        if note:
            lines[1:1] = [f"Rules: {note}."]
        for rate in self.headline():
            lines.append(f"{rate.title}")
            lines.append(f"  {rate.describe()}")
        small = [r.title for r in self.headline() if r.small_sample]
        if small:
            lines += [
                "",
                "Small samples (one order can change the status; Amazon says it takes order "
                "volume into account): " + "; ".join(small),
            ]
        if self.coverage is not None:
            lines += ["", str(self.coverage)]
        if self.reconciliation is not None:
            lines += ["", str(self.reconciliation)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from sellerkit import present

        esc = html.escape
        rows = "".join(
            f"<tr><td>{esc(r.title)}</td><td style='color:{present.STATUS_COLOURS[r.status]};"
            f"font-weight:600'>{esc(present.status(r.status))}</td>"
            f"<td>{esc(r.describe())}</td></tr>"
            for r in self.headline()
        )
        return (
            f"<div class='sellerkit-health'><h4>{esc(self.account)} "
            f"<small>{esc(self.marketplace)} · as of {self.as_of} · rules "
            f"{esc(self.rules.version)}</small></h4><table><thead><tr><th>metric</th>"
            f"<th>status</th><th>figure</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The ``sellerkit metrics --json`` document (data contract), with additions."""
        rules = self.rules
        lsr = [
            self.rate(MetricKey.LATE_SHIPMENT_RATE, "", r.window_days).to_dict()
            for r in rules.late_shipment
        ]
        pfcr = [
            self.rate(MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE, "", r.window_days).to_dict()
            for r in rules.cancellation
        ]
        metrics: dict[str, Any] = {
            MetricKey.ORDER_DEFECT_RATE: {
                Channel.MFN: self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.MFN).to_dict(),
                Channel.AFN: self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.AFN).to_dict(),
            },
            MetricKey.LATE_SHIPMENT_RATE: lsr[-1],
            LATE_SHIPMENT_RATE_LIST: lsr,
            MetricKey.PRE_FULFILLMENT_CANCELLATION_RATE: pfcr[0],
            MetricKey.VALID_TRACKING_RATE: self.rate(MetricKey.VALID_TRACKING_RATE).to_dict(),
            MetricKey.ON_TIME_DELIVERY_RATE: self.rate(MetricKey.ON_TIME_DELIVERY_RATE).to_dict(),
            **(
                {
                    MetricKey.UNIT_ON_TIME_DELIVERY_RATE: self.rate(
                        MetricKey.UNIT_ON_TIME_DELIVERY_RATE
                    ).to_dict()
                }
                if rules.unit_on_time_delivery is not None
                else {}
            ),
            "businessOrderDefectRate": {
                Channel.MFN: self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.BUSINESS_MFN).to_dict(),
                Channel.AFN: self.rate(MetricKey.ORDER_DEFECT_RATE, Scope.BUSINESS_AFN).to_dict(),
            },
            "validTrackingRateByCategory": {
                r.scope: r.to_dict()
                for r in self.rates
                if r.rule.key == MetricKey.VALID_TRACKING_RATE and r.scope
            },
        }
        if len(pfcr) > 1:
            metrics["preFulfillmentCancellationRateList"] = pfcr
        out: dict[str, Any] = {
            "account": self.account,
            "asOf": self.as_of.isoformat(),
            "marketplace": self.marketplace,
            "rulesVersion": rules.version,
            "rules": rules_provenance(rules, self.as_of),
            "performanceMetrics": [metrics],
            "dataQuality": self.data_quality,
        }
        if self.coverage is not None:
            out["coverage"] = self.coverage.to_dict()
        if self.reconciliation is not None:
            out["reconciliation"] = self.reconciliation.to_dict()
        return out


def health(
    account: Account,
    as_of: date | str | None = None,
    rules: Rules | None = None,
    *,
    facts: Facts | None = None,
) -> AccountHealth:
    """Every Account Health metric of ``account`` as it stood at the end of ``as_of``.

    Parameters
    ----------
    account
        A loaded account (:func:`sellerkit.load_account`), read as its tables are now (an
        edit made in place is seen: nothing is cached between calls).
    as_of
        The last complete day the figures cover (default: the latest order day). Events
        dated after it are ignored, so a past day reproduces what that day showed.
    rules
        The rules to count with (default: the marketplace's rules in force on ``as_of``,
        :func:`sellerkit.rules.rules_for`); the coverage and the reconciliation use them
        too.
    facts
        The account's facts when the caller already derived them for several analyses
        (:func:`sellerkit.derive_facts`; see :mod:`sellerkit.metrics.given`); their rules
        are the ones counted with.

    Returns
    -------
    AccountHealth
        ``.summary`` (DataFrame), ``.to_dict()`` (the contract's JSON), a text view
        (``print``) and an HTML view (notebooks).
    """
    day = as_of_day(account, as_of)
    warn_outside_orders(account, day)
    # The facts are derived once here and handed to every part of the result.
    facts = facts_for(account, day, rules, facts)
    rates = [s.rates()[0] for s in series(facts, day, day, categories=True)]
    reconciliation = None
    if account.performance:
        from sellerkit.metrics.reconcile import reconcile

        reconciliation = reconcile(account, rules=facts.rules, facts=facts)
    return AccountHealth(
        account=account.name,
        marketplace=account.marketplace.code,
        as_of=day,
        rules=facts.rules,
        rates=rates,
        data_quality=account.quality.to_dict(),
        reconciliation=reconciliation,
        coverage=coverage(account, day, facts=facts),
    )


def _history_frames(facts: Facts, first: date, last: date) -> list[pd.DataFrame]:
    """The long-format rows of :func:`history` for ``first``…``last`` under ``facts.rules``."""
    dates = pd.date_range(first, last, freq="D")
    frames = []
    for s in series(facts, first, last):
        rule = s.rule
        k, n = s.numerators, s.denominators
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(n > 0, k / np.maximum(n, 1), np.nan)
        low, high = stats.wilson(k, n, s.level)
        ends = dates - pd.Timedelta(days=rule.lag_days)
        frames.append(
            pd.DataFrame(
                {
                    "date": dates,
                    "metric": rule.key,
                    "scope": s.scope,
                    "window_days": rule.window_days,
                    "numerator": k,
                    "denominator": n,
                    "rate": rate,
                    "low": low,
                    "high": high,
                    "status": stats.status(rate, rule.target, rule.condition),
                    "probability_past_target": stats.probability_past_target(
                        k, n, rule.target, rule.condition, s.prior
                    ),
                    "small_sample": stats.small_sample(n, rule.target, rule.condition),
                    "first_day": ends - pd.Timedelta(days=rule.window_days - 1),
                    "last_day": ends,
                }
            )
        )
    return frames


def history(
    account: Account,
    start: date | str | None = None,
    end: date | str | None = None,
    rules: Rules | None = None,
    *,
    facts: Facts | None = None,
) -> pd.DataFrame:
    """Every metric on every as-of day from ``start`` to ``end`` (both included).

    Computed incrementally: one pass over the facts per metric for the whole range (see
    :mod:`sellerkit.metrics.engine`), not one computation per day. Defaults: ``end`` is the
    default as-of day, ``start`` 364 days earlier or the first order day. ``rules``: the
    rules for every day (default: each day's rules in force, so a stretch of days on each
    side of a dated rule change gets its own rules). ``facts``: facts the caller already
    derived (:func:`sellerkit.derive_facts`), used for every stretch of days counted under
    their rules (the others derive their own; pass ``rules=facts.rules`` to count every day
    under them).

    Returns
    -------
    DataFrame
        Long format, one row per day, metric and scope: ``date, metric, scope,
        window_days, numerator, denominator, rate, low, high, status,
        probability_past_target, small_sample, first_day, last_day``.
    """
    last = as_of_day(account, end)
    market = account.marketplace.code
    by_rules = ByRules(account, facts, rules)  # the caller's facts, for their stretch
    facts = by_rules(rules or rules_for(market, last))
    if start is None:
        first_order = facts.first_day
        first = last - timedelta(days=364)
        if first_order is not None:
            from sellerkit.metrics.compute import from_day_number

            first = max(first, from_day_number(first_order))
    else:
        first = as_of_day(account, start)
    if first > last:
        raise InputError(
            "history start is after its end:",
            value=f"{first} > {last}",
            fix="give a start day on or before the end day",
        )
    # Each stretch of days between two dated rule changes uses the rules in force then
    # (given rules: one stretch); the facts of the last stretch are those derived above.
    starts = [first, *([] if rules else change_days(market, first, last))]
    ends = [day - timedelta(days=1) for day in starts[1:]] + [last]
    frames = []
    for seg_first, seg_last in zip(starts, ends, strict=True):
        seg_rules = rules or rules_for(market, seg_last)
        frames += _history_frames(by_rules(seg_rules), seg_first, seg_last)
    return pd.concat(frames, ignore_index=True)
