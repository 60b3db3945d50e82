"""Dilution and age-out: orders needed, defects absorbable, and day-by-day projections."""

from sellerkit.simulate.closed import Absorbable, OrdersNeeded, defects_absorbable, orders_needed
from sellerkit.simulate.estimate import Delays, Propensity
from sellerkit.simulate.explain import explain, small_numbers
from sellerkit.simulate.projection import Projection, VolumePlan, project

__all__ = [
    "Absorbable",
    "Delays",
    "OrdersNeeded",
    "Projection",
    "Propensity",
    "VolumePlan",
    "defects_absorbable",
    "explain",
    "orders_needed",
    "project",
    "small_numbers",
]
