"""Every exercise of the workshop, by its key (``lesson.number``).

Each expected answer is computed from the bundled samples with sellerkit (never typed in),
and each exercise knows the typical mistakes participants make, computed the way the mistake
is made, with the hint that sets them right. The exercises live with their lesson
(:mod:`sellerkit.workshop.lessons`); this table gathers them in lesson order.
"""

from __future__ import annotations

from sellerkit.workshop.answers import Exercise
from sellerkit.workshop.lessons import (
    appeals_and_rules,
    dilution_and_time,
    finding_causes,
    myths,
    small_numbers,
    what_odr_measures,
)

LESSONS = (
    what_odr_measures,
    small_numbers,
    finding_causes,
    dilution_and_time,
    appeals_and_rules,
    myths,
)
"""The lessons' modules, in the order of ``notebooks/workshop/``."""

EXERCISES: dict[str, Exercise] = {e.key: e for lesson in LESSONS for e in lesson.EXERCISES}
"""Every exercise, by its key (lesson.number)."""
