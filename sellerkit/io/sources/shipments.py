"""Shipments from the order and shipping-confirmation downloads (rules R4, R6).

The ship-by day is the Order Report's ``latest-ship-date`` (else the Unshipped report's
``promise-date``), the promised delivery day its ``latest-delivery-date``; ship dates,
carriers and tracking numbers come from the shipping-confirmation files, one row per package.
With confirmation files present, an order they do not confirm is not shipped; with none, ship
dates are unknown. No download carries a carrier scan or a delivery.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

import numpy as np
import pandas as pd

from sellerkit.io.combined import SOURCE
from sellerkit.io.schema import Kind
from sellerkit.io.sources.provenance import (
    RULES,
    among,
    append_implied,
    join_files,
    names_in,
    stated_rows,
    stripped_text,
)
from sellerkit.quality import DataQuality, examples_of, with_examples

_DEADLINE_TEXT = {
    Kind.ORDER_REPORT: "the Order Report's latest-ship-date",
    Kind.UNSHIPPED_ORDERS: "the Unshipped Orders report's promise-date",
}


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
                "order_id": stripped_text(table["order_id"]),
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
            files=("files", join_files),
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
    carrier = carrier.where(
        stripped_text(carrier) != "", confirmations["carrier_code"].astype("string")
    )
    rows = pd.DataFrame(
        {
            "order_id": stripped_text(confirmations["order_id"]),
            "tracking_number": stripped_text(confirmations["tracking_number"]),
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
        package_files=("package_files", join_files),
    )
    packages = packages.reset_index()
    packages["tracking_number"] = packages["tracking_number"].replace("", None)
    return packages


def shipments(
    tables: Mapping[Kind, pd.DataFrame],
    files: Set[Kind],
    cancelled_ids: pd.Series,
    quality: DataQuality,
) -> pd.DataFrame:
    """The shipments table: the shipments CSV's rows, then one row per package of every other
    order with a ship-by day (``files``: the kinds of file the folder holds; orders of
    ``cancelled_ids`` are not counted as unconfirmed)."""
    stated = stated_rows(tables[Kind.SHIPMENTS], Kind.SHIPMENTS)
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
    rows = rows[~among(rows["order_id"], stated["order_id"])]
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
    unconfirmed_rows = implied["assumed"].to_numpy() & ~among(implied["order_id"], cancelled_ids)
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
        files=names_in(implied.loc[unconfirmed_rows, SOURCE]),
    )
    if len(implied) and not confirming:
        quality.notes.append(
            f"{implied['order_id'].nunique()} order(s) have a ship-by day but no "
            "shipping-confirmation file says when they shipped: the Late Shipment Rate "
            "leaves them out (add the confirmation files you upload, or a shipments CSV)"
        )
    return append_implied(stated, implied)
