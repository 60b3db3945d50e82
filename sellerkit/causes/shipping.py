"""How shipping habits link to defects: the ODR of orders shipped late vs on time, untracked
vs tracked, delivered late vs on time, each with intervals (Amazon reports that untracked
shipments have about 1.7 times the ODR of tracked ones)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sellerkit import stats
from sellerkit.account import Account
from sellerkit.causes.basis import basis
from sellerkit.causes.units import metric_units
from sellerkit.metrics.compute import day_number
from sellerkit.metrics.engine import NEVER
from sellerkit.rules import Rules
from sellerkit.vocabulary import MetricKey

LINKS = (
    ("shipped late", "late_shipped"),
    ("without valid tracking", "untracked"),
    ("delivered late", "late_delivered"),
)


def shipping_links(
    account: Account,
    *,
    as_of: date | str | None = None,
    days: int = 365,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """The ODR of seller-fulfilled orders with and without each shipping problem.

    Returns one row per link and side: ``link``, ``side`` (``yes``/``no``), ``orders``,
    ``defects``, ``rate``, ``low``, ``high``, and per link the ``ratio`` of the rates and a
    two-sided Fisher exact ``p_value``. Orders without a shipments row are left out.
    ``rules``: the rules to count with (default: the marketplace's rules in force on
    ``as_of``).
    """
    from scipy.stats import fisher_exact  # here: scipy.stats takes half a second to import

    analysis = basis(account, as_of, rules)
    today = day_number(analysis.day)
    facts = analysis.facts
    base = metric_units(analysis, MetricKey.ORDER_DEFECT_RATE, days)
    base = base[facts.orders["mfn"][base["order"].to_numpy()]]
    first = int(base["window_day"].min()) if len(base) else today
    shipped, packages = facts.shipping(first, today)
    n = len(facts.orders["mfn"])
    has = np.zeros(n, dtype=bool)
    has[packages["order"]] = True
    flags = {name: np.zeros(n, dtype=bool) for _, name in LINKS}
    flags["late_shipped"][shipped["order"][shipped["late"]]] = True
    untracked = packages["valid_day"] > today
    flags["untracked"][packages["order"][untracked]] = True
    late = (
        (packages["valid_day"] <= today)
        & (packages["on_time_day"] == NEVER)
        & (packages["promised_day"] < today)
    )
    flags["late_delivered"][packages["order"][late]] = True

    order = base["order"].to_numpy()
    keep = has[order]
    order, bad = order[keep], base["bad"].to_numpy()[keep]
    rows = []
    for title, name in LINKS:
        side = flags[name][order]
        counts = []
        for label, mask in (("yes", side), ("no", ~side)):
            k, m = int(bad[mask].sum()), int(mask.sum())
            counts.append((k, m))
            low, high = stats.wilson(k, m)
            rows.append(
                {
                    "link": title,
                    "side": label,
                    "orders": m,
                    "defects": k,
                    "rate": k / m if m else np.nan,
                    "low": float(low),
                    "high": float(high),
                }
            )
        (k1, m1), (k0, m0) = counts
        ratio = (k1 / m1) / (k0 / m0) if m1 and m0 and k0 else np.nan
        p = fisher_exact(np.array([[k1, m1 - k1], [k0, m0 - k0]]))[1] if m1 and m0 else 1.0
        rows[-2].update(ratio=ratio, p_value=p)
        rows[-1].update(ratio=ratio, p_value=p)
    return pd.DataFrame(rows)
