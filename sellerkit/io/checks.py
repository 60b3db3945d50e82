"""The data-quality checks of a loaded account's tables.

Each check counts one kind of issue into the account's
:class:`~sellerkit.quality.DataQuality`, with a few example order ids and the files the rows
come from: rows naming an order no orders file holds, cancelled orders without a
cancellations row, cancellations rows of orders that are not cancelled, seller-fulfilled
orders without a shipment, rows dated after today, and the kinds of file the folder lacks.
A check never changes a table: what it finds is kept, and the metrics decide what counts.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # ships no stubs, no py.typed
import pyarrow.compute as pc  # type: ignore[import-untyped]  # ships no stubs, no py.typed

from sellerkit._arrow import as_array, isin
from sellerkit.io.combined import SOURCE
from sellerkit.io.derive import cancelled_rows, seller_fulfilled_rows
from sellerkit.io.schema import Kind
from sellerkit.quality import DataQuality, examples_of, with_examples

DATE_COLUMNS = {
    Kind.ORDERS: ("purchase_date",),
    Kind.FEEDBACK: ("date",),
    Kind.CLAIMS: ("claim_date",),
    Kind.CHARGEBACKS: ("chargeback_date",),
    Kind.SHIPMENTS: (
        "latest_ship_date",
        "ship_date",
        "first_scan_date",
        "promised_delivery_date",
        "delivery_date",
    ),
    Kind.CANCELLATIONS: ("cancel_date",),
}
"""Event dates checked against today. Ship-by and promised delivery days may lie ahead: they
are promises (an Order Report lists orders due in the coming days)."""

PROMISES = ("latest_ship_date", "promised_delivery_date")
"""The date columns that are promises, not events: never future-dated."""

OPTIONAL_KINDS = (Kind.FEEDBACK, Kind.CLAIMS, Kind.CHARGEBACKS, Kind.SHIPMENTS, Kind.CANCELLATIONS)
"""The kinds of data besides orders; an account without one gets a note."""

_ORPHAN_KINDS = (
    (Kind.FEEDBACK, "orphanFeedback", "feedback"),
    (Kind.CLAIMS, "orphanClaims", "claim"),
    (Kind.CHARGEBACKS, "orphanChargebacks", "chargeback"),
    (Kind.SHIPMENTS, "orphanShipments", "shipment"),
    (Kind.CANCELLATIONS, "orphanCancellations", "cancellation"),
)


def source_files(table: pd.DataFrame, rows: np.ndarray | None = None) -> tuple[str, ...]:
    """The files the ``rows`` of ``table`` (a boolean mask or positions; all rows when
    ``None``) come from (their ``source_file``), in file order. Only that column is read:
    selecting the rows of the whole table would copy every column."""
    if SOURCE not in table.columns:
        return ()
    column = table[SOURCE]
    if rows is not None:
        column = column[rows] if rows.dtype == bool else column.iloc[rows]
    return tuple(str(name) for name in pd.unique(column.astype(str)))


def check_orphans(
    tables: dict[Kind, pd.DataFrame], known: pd.Series | pa.Array, quality: DataQuality
) -> None:
    """Rows of the other kinds naming an order id absent from ``known`` (all order rows,
    in scope or not).

    ``known`` is the order id of every order row, or the distinct order ids as an Arrow
    array. The order ids are hashed once; the ids of every other kind are probed together.
    """
    probes = [as_array(tables[kind]["order_id"]).cast(pa.string()) for kind, _, _ in _ORPHAN_KINDS]
    sizes = [len(p) for p in probes]
    if not sum(sizes):
        return
    orders = as_array(known).cast(pa.string())
    if not isinstance(known, pa.Array):  # distinct ids given as an Arrow array
        orders = pc.unique(orders)
    found = pc.is_in(pa.chunked_array(probes, type=pa.string()), value_set=orders)
    orphan_all = ~pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    start = 0
    for (kind, code, what), size in zip(_ORPHAN_KINDS, sizes, strict=True):
        orphan = orphan_all[start : start + size]
        start += size
        count = int(orphan.sum())
        if not count:
            continue
        examples = examples_of(tables[kind].loc[orphan, "order_id"])
        quality.add(
            code,
            count,
            with_examples(
                f"{count} {what} row(s) name an order id that is not in the orders "
                "files; kept but not joined to an order",
                examples,
            ),
            examples,
            source_files(tables[kind], orphan),
        )


def check_assumed_cancellations(
    items: pd.DataFrame, cancelled_mfn: np.ndarray, recorded: pd.Series, quality: DataQuality
) -> None:
    """Cancelled seller-fulfilled orders (rows ``cancelled_mfn`` of ``items``) whose id is
    not among the cancellations rows' ``recorded`` ids: they count as the seller's."""
    ids = items["order_id"]
    cancelled = pd.Series(pd.unique(ids[cancelled_mfn]), dtype=ids.dtype)
    assumed = cancelled[~isin(cancelled, recorded)]
    examples = examples_of(assumed)
    quality.add(
        "assumedSellerCancellations",
        len(assumed),
        with_examples(
            f"{len(assumed)} cancelled seller-fulfilled order(s) have no cancellations row "
            "and count as cancelled by the seller",
            examples,
        ),
        examples,
        source_files(items, _rows_of(ids, cancelled_mfn, assumed)) if len(assumed) else (),
    )


def _rows_of(ids: pd.Series, among: np.ndarray, orders: pd.Series) -> np.ndarray:
    """A mask of the rows, among the rows ``among``, whose id is one of ``orders`` (only
    those rows are looked up: a few, not every item row)."""
    rows = np.flatnonzero(among)
    mask = np.zeros(len(ids), dtype=bool)
    mask[rows[isin(ids.iloc[rows], orders).to_numpy()]] = True
    return mask


def check_cancellations_of_open_orders(
    items: pd.DataFrame, cancelled: np.ndarray, cancellations: pd.DataFrame, quality: DataQuality
) -> None:
    """Cancellations rows naming an order none of whose rows (``cancelled``) is cancelled:
    the order status wins."""
    ids = items["order_id"]
    recorded = cancellations["order_id"]
    if len(recorded):
        open_ids = pd.unique(ids[isin(ids, recorded).to_numpy() & ~cancelled])
        not_cancelled = cancellations[isin(recorded, open_ids)]
    else:
        not_cancelled = cancellations
    examples = examples_of(not_cancelled["order_id"])
    quality.add(
        "cancellationsForOpenOrders",
        len(not_cancelled),
        with_examples(
            f"{len(not_cancelled)} cancellations row(s) name an order whose status is not "
            "Cancelled; the order status wins",
            examples,
        ),
        examples,
        source_files(not_cancelled),
    )


def check_orders_without_shipment(
    items: pd.DataFrame, open_mfn: np.ndarray, shipped_ids: pd.Series, quality: DataQuality
) -> None:
    """Open seller-fulfilled orders (rows ``open_mfn`` of ``items``) with no shipments row
    (none of ``shipped_ids``): left out of the shipping metrics."""
    open_ids = items["order_id"][open_mfn]
    shipped = isin(open_ids, shipped_ids).to_numpy()
    without = np.flatnonzero(open_mfn)[~shipped]
    missing = pd.unique(open_ids[~shipped])
    examples = examples_of(pd.Series(missing))
    quality.add(
        "ordersWithoutShipment",
        len(missing),
        with_examples(
            f"{len(missing)} seller-fulfilled order(s) have no shipments row; they are "
            "left out of the shipping metrics",
            examples,
        ),
        examples,
        source_files(items, without),
    )


def future_rows(kind: Kind, table: pd.DataFrame, today: date) -> np.ndarray:
    """Which rows have an event dated after ``today`` (day columns) or on a later local day
    (time stamps, which carry the marketplace's zone)."""
    tomorrow = pd.Timestamp(today) + pd.Timedelta(days=1)
    columns = [c for c in DATE_COLUMNS[kind] if c not in PROMISES]
    future = np.zeros(len(table), dtype=bool)
    for column in columns:
        values = table[column]
        limit = tomorrow
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            limit = tomorrow.tz_localize(values.dtype.tz)
        future |= (values >= limit).to_numpy()
    return future


def check_future_dates(tables: dict[Kind, pd.DataFrame], today: date, quality: DataQuality) -> None:
    """Rows of every kind dated after ``today``: kept, ignored by metrics until then."""
    for kind, table in tables.items():
        future = future_rows(kind, table, today)
        if not future.any():
            continue
        rows = table[future]
        examples = examples_of(rows["order_id"])
        quality.add(
            "futureDatedRows",
            len(rows),
            with_examples(
                f"{len(rows)} {kind} row(s) are dated after today ({today}); kept, and "
                "ignored by metrics until their day comes",
                examples,
            ),
            examples,
            source_files(rows),
        )


def check_tables(
    tables: dict[Kind, pd.DataFrame],
    all_ids: pd.Series | pa.Array,
    present: Set[str],
    today: date,
    quality: DataQuality,
) -> None:
    """Every check, on item rows (one order may have several).

    Parameters
    ----------
    tables
        The canonical tables, orders in scope only.
    all_ids
        Every order's id, in scope or not (orphans are judged against them).
    present
        The kinds of data the folder holds (:func:`~sellerkit.io.layouts.kinds_present`):
        orders without shipment are counted only where there is shipments data.
    today
        Rows dated after it are future-dated.
    quality
        Receives the counts.
    """
    check_orphans(tables, all_ids, quality)
    items = tables[Kind.ORDERS]
    cancelled = cancelled_rows(items)
    mfn = seller_fulfilled_rows(items)
    cancellations = tables[Kind.CANCELLATIONS]
    check_assumed_cancellations(items, mfn & cancelled, cancellations["order_id"], quality)
    check_cancellations_of_open_orders(items, cancelled, cancellations, quality)
    if Kind.SHIPMENTS in present:
        shipped_ids = tables[Kind.SHIPMENTS]["order_id"]
        check_orders_without_shipment(items, mfn & ~cancelled, shipped_ids, quality)
    check_future_dates(tables, today, quality)


def note_missing_kinds(present: Set[str], quality: DataQuality) -> None:
    """A note naming the kinds of data besides orders that no file gives."""
    missing = [k for k in OPTIONAL_KINDS if k not in present]
    if missing:
        quality.notes.append(
            "no " + ", ".join(str(k) for k in missing) + " file: metrics that need them will say so"
        )
