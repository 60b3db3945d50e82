"""What combining the downloads of one kind gives (:mod:`sellerkit.io.combine`,
:mod:`sellerkit.io.snapshots`): the table and what was removed, counted."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SOURCE = "source_file"
"""Column naming the file each row came from."""

EXAMPLES = 5
"""How many keys or orders a warning names."""


@dataclass(frozen=True)
class Combined:
    """The combined table and what combining removed.

    Attributes
    ----------
    table
        The rows, without repeats, in file order.
    identical_removed
        Rows dropped because another file held the same rows (for snapshots: rows of an
        order that a download with a newer or equal ``last-updated-date`` also holds).
    conflicts_removed
        Rows (for snapshots: orders) dropped because a row with the same key but other
        content won a tie.
    conflict_examples
        Keys of some conflicting rows (orders), as text.
    updated
        Orders whose rows changed between downloads (the newer download's rows are kept);
        always 0 for row-wise kinds.
    updated_examples
        Some of those order ids.
    row_codes
        For snapshots of several files: each kept row's order number (one numbering of
        the order ids of every file); else ``None``.
    removed_examples
        For snapshots: some orders whose rows were dropped from a download.
    removed_files, conflict_files, updated_files
        For snapshots: the files that lost rows, and the files holding the conflicting and
        the updated orders (empty: every file of the kind).
    undated, undated_examples, undated_files
        For snapshots of several files: rows without a ``last-updated-date`` (their
        download's version of the order counts as the oldest), some of their orders, and
        the files holding them.
    """

    table: pd.DataFrame
    identical_removed: int
    conflicts_removed: int
    conflict_examples: tuple[str, ...]
    updated: int = 0
    updated_examples: tuple[str, ...] = ()
    row_codes: np.ndarray | None = None
    removed_examples: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()
    conflict_files: tuple[str, ...] = ()
    updated_files: tuple[str, ...] = ()
    undated: int = 0
    undated_examples: tuple[str, ...] = ()
    undated_files: tuple[str, ...] = ()
