"""Where each row of a canonical table came from, and the helpers every source shares.

Every row of the claims, chargebacks, shipments and cancellations tables carries its
provenance (``source``, ``source_file``, ``assumed``, ``rule``: :mod:`sellerkit.io.sources`).
A sellerkit CSV's rows state what they say (:func:`stated_rows`); a download's rows are
implied by a rule and appended after them (:func:`append_implied`). Order ids are compared,
and file names joined, the same way for every table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sellerkit._arrow import isin
from sellerkit.io.combined import SOURCE
from sellerkit.io.schema import Kind

PROVENANCE = ("source", "assumed", "rule")
"""Columns every canonical table of events gets (besides ``source_file``)."""

EVIDENCE = ("ship_known", "scan_known")
"""Shipments columns: whether the row's source can show the ship date, and a carrier scan
or delivery (a shipments CSV can show both; an Order Report neither; a confirmation file
the ship date only)."""

RULES = {
    "transactions-claim": "R3: Transaction report type 'A-to-z Guarantee Claim' → claim; "
    "status assumed granted-seller-funded, reason other",
    "settlement-claim": "R3: Settlement report transaction-type 'A-to-z Guarantee Refund' → "
    "claim; status assumed granted-seller-funded, reason other",
    "returns-claim": "R3: Returns report 'A-to-Z Claim' = Y → claim of unknown status, "
    "assumed pending, dated by its return request date",
    "transactions-chargeback": "R3: Transaction report type 'Chargeback Refund' → service "
    "chargeback, status refunded",
    "settlement-chargeback": "R3: Settlement report transaction-type 'Chargeback Refund' → "
    "service chargeback, status refunded",
    "confirmed": "R4: ship-by day from {deadline}; ship date, carrier and tracking from the "
    "shipping-confirmation file",
    "unconfirmed": "R4: ship-by day from {deadline}; no shipping confirmation: taken as not "
    "shipped (late once its ship-by day has passed)",
    "unknown": "R4: ship-by day from {deadline}; no shipping-confirmation file: ship date "
    "unknown, left out of the Late Shipment Rate",
    "buyer-cancel": "R5: {report} is-buyer-requested-cancellation = true → buyer-requested "
    "cancellation, dated by the order's last update",
}
"""The text of each rule, as the ``rule`` column states it."""


def among(values: pd.Series, ids: pd.Series) -> np.ndarray:
    """Which of ``values`` (order ids) are among ``ids``: one Arrow hash lookup, no Python
    set of a large table's ids; nothing to look up when either side is empty."""
    if values.empty or ids.empty:
        return np.zeros(len(values), dtype=bool)
    return isin(stripped_text(values), stripped_text(ids)).to_numpy()


def stripped_text(values: pd.Series) -> pd.Series:
    """Text cells stripped, missing as ``""``."""
    return values.astype("string").fillna("").str.strip()


def join_files(values: pd.Series) -> str:
    """The distinct file names of ``values``, in order, joined by ``" + "``."""
    return " + ".join(dict.fromkeys(str(v) for v in values if pd.notna(v)))


def names_in(files: pd.Series) -> tuple[str, ...]:
    """The distinct file names of a provenance column (``tr.csv + r.txt``), sorted: what a
    warning about these rows starts with."""
    values = files.dropna().astype(str)
    return tuple(sorted({n.strip() for v in values for n in v.split(" + ") if n.strip()}))


def stated_rows(table: pd.DataFrame, kind: Kind) -> pd.DataFrame:
    """A sellerkit CSV's rows with their provenance (a copy; the input is not modified)."""
    out = table.copy(deep=False)
    rows = len(out)
    none = pd.Categorical.from_codes(np.full(rows, -1, dtype=np.int8), pd.Index([], dtype=object))
    if SOURCE not in out.columns:
        out[SOURCE] = none
    # Categories from codes: a million CSV rows cost no string per row.
    out["source"] = pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), pd.Index([str(kind)]))
    out["assumed"] = np.zeros(rows, dtype=bool)
    out["rule"] = none
    if kind is Kind.SHIPMENTS:
        for name in EVIDENCE:
            out[name] = np.ones(len(out), dtype=bool)
    return out


def append_implied(stated: pd.DataFrame, implied: pd.DataFrame) -> pd.DataFrame:
    """``stated`` then ``implied`` rows, typed as ``stated`` (the CSV's table, which has
    every column even when empty); provenance columns as categories."""
    if implied.empty:
        return stated.reset_index(drop=True)  # already typed: nothing to convert
    implied = implied.reindex(columns=[*stated.columns, *(c for c in implied if c not in stated)])
    parts = [stated, implied] if len(stated) else [implied]
    table = pd.concat(parts, ignore_index=True)
    for name, dtype in stated.dtypes.items():
        if name in (SOURCE, "source", "rule") or isinstance(dtype, pd.CategoricalDtype):
            table[name] = table[name].astype("category")
        elif table[name].dtype != dtype:
            try:
                table[name] = table[name].astype(dtype)
            except (TypeError, ValueError):  # whole numbers with gaps stay floats
                table[name] = pd.to_numeric(table[name], errors="coerce")
    return table
