"""Real downloads → the canonical tables the metrics read (data contract R2–R5).

The metrics read four tables whatever files fed them: claims, chargebacks, shipments and
cancellations, with the columns of sellerkit's CSVs. This module fills them from the real
downloads (:mod:`sellerkit.io.layouts_real`) and marks every row with where it came from:

``source``
    The kind of file: ``claims`` (the sellerkit CSV), ``transactions``, ``settlement``,
    ``returns``, ``order-report``, ``unshipped-orders``, ``ship-confirmations``.
``source_file``
    The file's name (several, joined by ``" + "``, where a row joins two files).
``assumed``
    ``True`` where the row states more than its file does (a claim's status, a shipment
    that did not happen), ``False`` where it only restates it.
``rule``
    The rule that made the row, for a download's row (``None`` for a CSV row).

The rules (``/work/shared/data-contract.md``):

- **R3** A Transaction-report row of type ``A-to-z Guarantee Claim`` (Settlement:
  ``A-to-z Guarantee Refund``) is a claim, status assumed ``granted-seller-funded``, reason
  ``other``, no Buy Shipping, dated by its local day; ``Chargeback Refund`` is a service
  chargeback, status ``refunded``. A Returns row with ``A-to-Z Claim`` = ``Y`` is a claim of
  unknown status, assumed ``pending``, dated by its return request date.
- **R2** One claim (chargeback) per order, whatever the number of sources: the payments'
  row wins over the Returns report's (it knows the claim was granted), dated by the earliest
  source. A sellerkit CSV row for an order replaces whatever a download implied for it, so a
  ``denied`` claim there does not count.
- **R4** The ship-by day is the Order Report's ``latest-ship-date`` (else the Unshipped
  report's ``promise-date``) as a local day, the promised delivery day its
  ``latest-delivery-date``; ship dates, carriers and tracking numbers come from the
  shipping-confirmation files, one row per package. With confirmation files present, an
  order they do not confirm is not shipped (late once its ship-by day has passed; data
  contract decision 17); with none, ship dates are unknown (``ship_known`` false) and the
  Late Shipment Rate leaves the order out rather than count it late.
- **R5** ``is-buyer-requested-cancellation`` = ``true`` on a cancelled order makes a
  buyer-requested cancellations row (dated by the order's last update, the day the metrics
  already date an unmarked cancellation by).
- **R6** No download carries a carrier scan or a delivery: their shipments rows say so
  (``scan_known`` false) and Valid Tracking and On-Time Delivery leave them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

import numpy as np
import pandas as pd

from sellerkit._arrow import isin
from sellerkit.io.combine import SOURCE
from sellerkit.io.derive import cancelled_rows
from sellerkit.io.layouts import LAYOUTS
from sellerkit.io.layouts_canonical import CANONICAL_LAYOUTS
from sellerkit.io.schema import Kind
from sellerkit.quality import DataQuality, examples_of, with_examples

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

_CLAIM_TYPES = {
    Kind.TRANSACTIONS: ("a-to-z guarantee claim", "transactions-claim"),
    Kind.SETTLEMENT: ("a-to-z guarantee refund", "settlement-claim"),
}
_CHARGEBACK_TYPES = {
    Kind.TRANSACTIONS: ("chargeback refund", "transactions-chargeback"),
    Kind.SETTLEMENT: ("chargeback refund", "settlement-chargeback"),
}
_DEADLINE_TEXT = {
    Kind.ORDER_REPORT: "the Order Report's latest-ship-date",
    Kind.UNSHIPPED_ORDERS: "the Unshipped Orders report's promise-date",
}


def _among(values: pd.Series, ids: pd.Series) -> np.ndarray:
    """Which of ``values`` (order ids) are among ``ids``: one Arrow hash lookup, no Python
    set of a large table's ids; nothing to look up when either side is empty."""
    if values.empty or ids.empty:
        return np.zeros(len(values), dtype=bool)
    return isin(_text(values), _text(ids)).to_numpy()


def _text(values: pd.Series) -> pd.Series:
    """Text cells stripped, missing as ``""``."""
    return values.astype("string").fillna("").str.strip()


def _files(values: pd.Series) -> str:
    return " + ".join(dict.fromkeys(str(v) for v in values if pd.notna(v)))


def _names_in(files: pd.Series) -> tuple[str, ...]:
    """The distinct file names of a provenance column (``tr.csv + r.txt``), sorted: what a
    warning about these rows starts with."""
    values = files.dropna().astype(str)
    return tuple(sorted({n.strip() for v in values for n in v.split(" + ") if n.strip()}))


def _stated(table: pd.DataFrame, kind: Kind) -> pd.DataFrame:
    """A sellerkit CSV's rows with their provenance (a copy; the input is not modified)."""
    out = table.copy(deep=False)
    rows = len(out)
    none = pd.Categorical.from_codes(np.full(rows, -1, dtype=np.int8), categories=[])
    if SOURCE not in out.columns:
        out[SOURCE] = none
    # Categories from codes: a million CSV rows cost no string per row.
    out["source"] = pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), [str(kind)])
    out["assumed"] = np.zeros(rows, dtype=bool)
    out["rule"] = none
    if kind is Kind.SHIPMENTS:
        for name in EVIDENCE:
            out[name] = np.ones(len(out), dtype=bool)
    return out


def _append(stated: pd.DataFrame, implied: pd.DataFrame) -> pd.DataFrame:
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


def _events(
    tables: Mapping[Kind, pd.DataFrame],
    types: dict[Kind, tuple[str, str]],
    priority: int,
) -> list[pd.DataFrame]:
    """Per order, the payment rows of the given types: earliest day, amount charged."""
    found = []
    for kind, (wanted, rule) in types.items():
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        day = table["posted_date"]
        if "posted_date_time" in table.columns:  # the settlement's date-time, when given
            day = table["posted_date_time"].fillna(day)
        rows = pd.DataFrame(
            {
                "order_id": _text(table["order_id"]),
                "day": day,
                "amount": table["amount"],
                SOURCE: table[SOURCE].astype(str),
            }
        )[(_text(table["type"]).str.lower() == wanted).to_numpy()]
        rows = rows[(rows["order_id"] != "").to_numpy() & rows["day"].notna().to_numpy()]
        if rows.empty:
            continue
        per_order = rows.groupby("order_id", sort=False).agg(
            day=("day", "min"), amount=("amount", "sum"), files=(SOURCE, _files)
        )
        per_order["amount"] = per_order["amount"].abs()  # debits: the amount charged
        per_order = per_order.reset_index()
        per_order["source"] = str(kind)
        per_order["rule"] = RULES[rule]
        per_order["priority"] = priority
        found.append(per_order)
    return found


def _returns_claims(returns: pd.DataFrame | None) -> list[pd.DataFrame]:
    if returns is None or returns.empty:
        return []
    rows = returns[
        returns["a_to_z_claim"].fillna(False).to_numpy(dtype=bool)
        & returns["return_date"].notna().to_numpy()
    ]
    if rows.empty:
        return []
    per_order = (
        pd.DataFrame(
            {
                "order_id": _text(rows["order_id"]),
                "day": rows["return_date"],
                SOURCE: rows[SOURCE].astype(str),
            }
        )
        .groupby("order_id", sort=False)
        .agg(day=("day", "min"), files=(SOURCE, _files))
        .reset_index()
    )
    per_order["amount"] = np.nan
    per_order["source"] = str(Kind.RETURNS)
    per_order["rule"] = RULES["returns-claim"]
    per_order["priority"] = 1
    return [per_order]


def _one_per_order(
    candidates: list[pd.DataFrame], stated_ids: pd.Series
) -> tuple[pd.DataFrame, int]:
    """One row per order: the highest-priority source's row, dated by the earliest source;
    orders the CSV states are left out (returned: how many)."""
    if not candidates:
        return pd.DataFrame(columns=["order_id", "day", "amount", "files", "source", "rule"]), 0
    every = pd.concat(candidates, ignore_index=True)
    earliest = every.groupby("order_id")["day"].min()
    chosen = every.sort_values(["priority", "day"], kind="stable").drop_duplicates("order_id")
    chosen = chosen.assign(day=chosen["order_id"].map(earliest).to_numpy())
    overridden = _among(chosen["order_id"], stated_ids)
    return chosen[~overridden].reset_index(drop=True), int(overridden.sum())


def _claims(tables: Mapping[Kind, pd.DataFrame], quality: DataQuality) -> pd.DataFrame:
    stated = _stated(tables[Kind.CLAIMS], Kind.CLAIMS)
    candidates = _events(tables, _CLAIM_TYPES, 0) + _returns_claims(tables.get(Kind.RETURNS))
    chosen, overridden = _one_per_order(candidates, stated["order_id"])
    payments = chosen["source"] != str(Kind.RETURNS)
    implied = pd.DataFrame(
        {
            "order_id": chosen["order_id"].astype(object),
            "claim_date": chosen["day"],
            "claim_reason": "other",
            "claim_status": np.where(payments, "granted-seller-funded", "pending"),
            "buy_shipping": False,
            "amount": chosen["amount"].astype(float),
            SOURCE: chosen["files"],
            "source": chosen["source"],
            "assumed": True,
            "rule": chosen["rule"],
        }
    )
    for code, mask, text in (
        (
            "assumedClaimsFromPayments",
            payments,
            "order(s) have an A-to-z claim only in the payments (Transaction or Settlement "
            "report): counted as claims granted against the seller",
        ),
        (
            "assumedClaimsFromReturns",
            ~payments,
            "order(s) have an A-to-z claim only in the Returns report: counted as pending "
            "claims (a claims CSV row for the order would say its real status)",
        ),
    ):
        ids = implied.loc[mask.to_numpy(), "order_id"]
        quality.add(
            code,
            len(ids),
            with_examples(f"{len(ids)} {text}", examples_of(ids)),
            files=_names_in(chosen.loc[mask, "files"]),
        )
    if overridden:
        quality.notes.append(
            f"{overridden} claim(s) that downloads imply are replaced by the claims CSV's "
            "rows for the same orders (R2)"
        )
    return _append(stated, implied)


def _chargebacks(tables: Mapping[Kind, pd.DataFrame], quality: DataQuality) -> pd.DataFrame:
    stated = _stated(tables[Kind.CHARGEBACKS], Kind.CHARGEBACKS)
    chosen, overridden = _one_per_order(_events(tables, _CHARGEBACK_TYPES, 0), stated["order_id"])
    implied = pd.DataFrame(
        {
            "order_id": chosen["order_id"].astype(object),
            "chargeback_date": chosen["day"],
            "chargeback_reason": "service",
            "chargeback_status": "refunded",
            "amount": chosen["amount"].astype(float),
            SOURCE: chosen["files"],
            "source": chosen["source"],
            "assumed": True,
            "rule": chosen["rule"],
        }
    )
    ids = implied["order_id"]
    quality.add(
        "assumedChargebacksFromPayments",
        len(ids),
        with_examples(
            f"{len(ids)} order(s) have a chargeback only in the payments (Transaction or "
            "Settlement report): counted as service chargebacks refunded to the buyer",
            examples_of(ids),
        ),
        files=_names_in(chosen["files"]),
    )
    if overridden:
        quality.notes.append(
            f"{overridden} chargeback(s) that downloads imply are replaced by the chargebacks "
            "CSV's rows for the same orders (R2)"
        )
    return _append(stated, implied)


def _deadlines(tables: Mapping[Kind, pd.DataFrame]) -> pd.DataFrame:
    """Per order: ship-by day, promised delivery day, units, and the file that says so."""
    parts = []
    for kind in (Kind.ORDER_REPORT, Kind.UNSHIPPED_ORDERS):
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        promised = (
            table["latest_delivery_date"]
            if "latest_delivery_date" in table.columns
            else pd.Series(pd.NaT, index=table.index, dtype=table["latest_ship_date"].dtype)
        )
        rows = pd.DataFrame(
            {
                "order_id": _text(table["order_id"]),
                "latest_ship_date": table["latest_ship_date"],
                "promised_delivery_date": promised,
                "units": table["quantity"],
                "files": table[SOURCE].astype(str),
            }
        )
        rows = rows[rows["latest_ship_date"].notna().to_numpy()]
        per_order = rows.groupby("order_id", sort=False).agg(
            latest_ship_date=("latest_ship_date", "min"),  # decision 17: the earliest
            promised_delivery_date=("promised_delivery_date", "min"),
            units=("units", lambda u: u.sum(min_count=1)),
            files=("files", _files),
        )
        per_order["kind"] = kind
        parts.append(per_order.reset_index())
    if not parts:
        return pd.DataFrame(
            columns=[
                "order_id",
                "latest_ship_date",
                "promised_delivery_date",
                "units",
                "files",
                "kind",
            ]
        )
    # The Order Report first: the Unshipped report adds the orders it does not hold.
    return pd.concat(parts, ignore_index=True).drop_duplicates("order_id", keep="first")


def _packages(confirmations: pd.DataFrame | None) -> pd.DataFrame:
    """Per package (order and tracking number): ship day, carrier, method, units."""
    if confirmations is None or confirmations.empty:
        return pd.DataFrame(
            columns=[
                "order_id",
                "tracking_number",
                "ship_date",
                "carrier_name",
                "ship_method",
                "package_units",
                "package_files",
            ]
        )
    carrier = confirmations["carrier_name"].astype("string")
    carrier = carrier.where(_text(carrier) != "", confirmations["carrier_code"].astype("string"))
    rows = pd.DataFrame(
        {
            "order_id": _text(confirmations["order_id"]),
            "tracking_number": _text(confirmations["tracking_number"]),
            "ship_date": confirmations["ship_date"],
            "carrier_name": carrier,
            "ship_method": confirmations["ship_method"].astype("string"),
            "package_units": confirmations["quantity"],
            "package_files": confirmations[SOURCE].astype(str),
        }
    )
    packages = rows.groupby(["order_id", "tracking_number"], sort=False).agg(
        ship_date=("ship_date", "max"),
        carrier_name=("carrier_name", "first"),
        ship_method=("ship_method", "first"),
        package_units=("package_units", lambda u: u.sum(min_count=1)),
        package_files=("package_files", _files),
    )
    packages = packages.reset_index()
    packages["tracking_number"] = packages["tracking_number"].replace("", None)
    return packages


def _shipments(
    tables: Mapping[Kind, pd.DataFrame],
    files: Set[Kind],
    cancelled_ids: pd.Series,
    quality: DataQuality,
) -> pd.DataFrame:
    stated = _stated(tables[Kind.SHIPMENTS], Kind.SHIPMENTS)
    deadlines = _deadlines(tables)
    packages = _packages(tables.get(Kind.SHIP_CONFIRMATIONS))
    confirming = Kind.SHIP_CONFIRMATIONS in files
    without = sorted(set(packages["order_id"]) - set(deadlines["order_id"]))
    if without:
        quality.notes.append(
            with_examples(
                f"{len(without)} order(s) in the shipping-confirmation file(s) have no ship-by "
                "date (not in an Order Report or Unshipped Orders report): left out of the "
                "shipping metrics",
                tuple(without[:3]),
            )
        )
    rows = deadlines.merge(packages, on="order_id", how="left", sort=False)
    rows = rows[~_among(rows["order_id"], stated["order_id"])]
    confirmed = rows["package_files"].notna().to_numpy()
    deadline_text = rows["kind"].map(_DEADLINE_TEXT)
    rule = np.where(
        confirmed,
        "confirmed",
        np.where(confirming, "unconfirmed", "unknown"),
    )
    implied = pd.DataFrame(
        {
            "order_id": rows["order_id"].astype(object),
            "latest_ship_date": rows["latest_ship_date"],
            "ship_date": rows["ship_date"],
            "carrier_name": rows["carrier_name"],
            "tracking_number": rows["tracking_number"].astype(object),
            "ship_method": rows["ship_method"],
            "first_scan_date": pd.NaT,
            "promised_delivery_date": rows["promised_delivery_date"],
            "delivery_date": pd.NaT,
            "units": pd.to_numeric(
                rows["package_units"].where(confirmed, rows["units"]), errors="coerce"
            ),
            "product_category": None,
            SOURCE: np.where(
                confirmed,
                rows["files"] + " + " + rows["package_files"].fillna(""),
                rows["files"],
            ),
            "source": np.where(
                confirmed,
                rows["kind"].astype(str) + " + " + str(Kind.SHIP_CONFIRMATIONS),
                rows["kind"].astype(str),
            ),
            "assumed": rule == "unconfirmed",
            "rule": [
                RULES[name].format(deadline=text)
                for name, text in zip(rule, deadline_text, strict=True)
            ],
            "ship_known": confirmed | confirming,
            "scan_known": False,
        }
    )
    unconfirmed_rows = implied["assumed"].to_numpy() & ~_among(implied["order_id"], cancelled_ids)
    unconfirmed = implied.loc[unconfirmed_rows, "order_id"]
    quality.add(
        "assumedUnconfirmedShipments",
        len(unconfirmed),
        with_examples(
            f"{len(unconfirmed)} seller-fulfilled order(s) with a ship-by day have no "
            "shipping confirmation: taken as not shipped, late once their ship-by day has "
            "passed",
            examples_of(unconfirmed),
        ),
        files=_names_in(implied.loc[unconfirmed_rows, SOURCE]),
    )
    if len(implied) and not confirming:
        quality.notes.append(
            f"{implied['order_id'].nunique()} order(s) have a ship-by day but no "
            "shipping-confirmation file says when they shipped: the Late Shipment Rate "
            "leaves them out (add the confirmation files you upload, or a shipments CSV)"
        )
    return _append(stated, implied)


def _cancellations(
    tables: Mapping[Kind, pd.DataFrame], items: pd.DataFrame, quality: DataQuality
) -> pd.DataFrame:
    stated = _stated(tables[Kind.CANCELLATIONS], Kind.CANCELLATIONS)
    parts = []
    for kind in (Kind.ORDER_REPORT, Kind.UNSHIPPED_ORDERS):
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        flagged = table[table["buyer_requested"].fillna(False).to_numpy(dtype=bool)]
        parts.append(
            pd.DataFrame(
                {
                    "order_id": _text(flagged["order_id"]),
                    "reason": flagged["cancel_reason"].astype("string"),
                    "files": flagged[SOURCE].astype(str),
                    "kind": kind,
                }
            )
        )
    if not parts:
        return _append(stated, pd.DataFrame())
    flagged = pd.concat(parts, ignore_index=True).drop_duplicates("order_id", keep="first")
    cancelled = cancelled_rows(items)
    last = items.loc[cancelled, ["order_id", "last_updated_date", "purchase_date"]]
    last = last.drop_duplicates("order_id").set_index("order_id")
    day = last["last_updated_date"].fillna(last["purchase_date"])
    day = day.dt.tz_localize(None).dt.normalize().astype("datetime64[s]")
    open_ids = flagged.loc[~flagged["order_id"].isin(day.index), "order_id"]
    if len(open_ids):
        quality.notes.append(
            with_examples(
                f"{len(open_ids)} order(s) the Order Report marks buyer-requested for "
                "cancellation are not cancelled in the All Orders report: nothing to count",
                examples_of(open_ids),
            )
        )
    rows = flagged[flagged["order_id"].isin(day.index).to_numpy()]
    rows = rows[~_among(rows["order_id"], stated["order_id"])]
    implied = pd.DataFrame(
        {
            "order_id": rows["order_id"].astype(object),
            "cancel_date": day.reindex(rows["order_id"]).to_numpy(),
            "buyer_requested": True,
            "reason": rows["reason"].astype(object),
            SOURCE: rows["files"],
            "source": rows["kind"].astype(str),
            "assumed": False,
            "rule": [RULES["buyer-cancel"].format(report=LAYOUTS[k].title) for k in rows["kind"]],
        }
    )
    return _append(stated, implied)


def feed(
    tables: Mapping[Kind, pd.DataFrame], files: Set[Kind], quality: DataQuality
) -> dict[Kind, pd.DataFrame]:
    """The account's canonical tables, filled from the real downloads (R2–R5).

    Parameters
    ----------
    tables
        Every kind's combined table as read (empty tables for kinds without a file); the
        orders table holds every item row, before any is left out of scope.
    files
        The kinds of file the folder holds (a header-only confirmation file still says
        "these orders were not confirmed").
    quality
        Receives the counters of what was assumed (``assumedClaimsFromPayments``,
        ``assumedChargebacksFromPayments``, ``assumedClaimsFromReturns``,
        ``assumedUnconfirmedShipments``) and notes on what was overridden or left out.

    Returns
    -------
    dict
        The canonical kinds only (orders, feedback, claims, chargebacks, shipments,
        cancellations): the downloads' own tables are not kept. Claims, chargebacks,
        shipments and cancellations have the CSV's columns, then ``source_file``,
        ``source``, ``assumed``, ``rule`` (and for shipments ``ship_known``,
        ``scan_known``): the CSV's rows first, then the downloads'. Inputs are not modified.
    """
    items = tables[Kind.ORDERS]
    cancelled_ids = items.loc[cancelled_rows(items), "order_id"]
    out = {layout.kind: tables[layout.kind] for layout in CANONICAL_LAYOUTS}
    out[Kind.CLAIMS] = _claims(tables, quality)
    out[Kind.CHARGEBACKS] = _chargebacks(tables, quality)
    out[Kind.SHIPMENTS] = _shipments(tables, files, cancelled_ids, quality)
    out[Kind.CANCELLATIONS] = _cancellations(tables, items, quality)
    if Kind.FBA_SHIPMENTS in files:
        quality.notes.append(
            "Amazon Fulfilled Shipments report: Amazon's own shipments of FBA orders feed no "
            "seller metric; recognised and not used"
        )
    return out
