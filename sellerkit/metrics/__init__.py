"""Account Health metrics as Amazon defines them, with intervals, history and age-out."""

from sellerkit.metrics.ageout import AgeOut, age_out
from sellerkit.metrics.as_of import default_as_of
from sellerkit.metrics.facts import defect_events
from sellerkit.metrics.given import derive_facts
from sellerkit.metrics.health import AccountHealth, health, history
from sellerkit.metrics.rates import Rate
from sellerkit.metrics.reconcile import Reconciliation, reconcile

__all__ = [
    "AccountHealth",
    "AgeOut",
    "Rate",
    "Reconciliation",
    "age_out",
    "default_as_of",
    "defect_events",
    "derive_facts",
    "health",
    "history",
    "reconcile",
]
