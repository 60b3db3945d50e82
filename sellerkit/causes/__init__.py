"""The defect cause explorer: which products, carriers, days or habits produce the defects."""

from sellerkit.causes.basis import Basis, basis
from sellerkit.causes.breakdown import DEFAULT_PLAN, LEVEL, Breakdown, breakdown, scan
from sellerkit.causes.dimensions import DIMENSIONS
from sellerkit.causes.units import METRICS

__all__ = [
    "DEFAULT_PLAN",
    "DIMENSIONS",
    "LEVEL",
    "METRICS",
    "Basis",
    "Breakdown",
    "basis",
    "breakdown",
    "scan",
]
