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

import pandas as pd

from sellerkit.io.derive import cancelled_rows
from sellerkit.io.layouts_canonical import CANONICAL_LAYOUTS
from sellerkit.io.schema import Kind
from sellerkit.io.sources.cancellations import cancellations
from sellerkit.io.sources.claims import chargebacks, claims
from sellerkit.io.sources.shipments import shipments
from sellerkit.quality import DataQuality


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
    out[Kind.CLAIMS] = claims(tables, quality)
    out[Kind.CHARGEBACKS] = chargebacks(tables, quality)
    out[Kind.SHIPMENTS] = shipments(tables, files, cancelled_ids, quality)
    out[Kind.CANCELLATIONS] = cancellations(tables, items, quality)
    if Kind.FBA_SHIPMENTS in files:
        quality.notes.append(
            "Amazon Fulfilled Shipments report: Amazon's own shipments of FBA orders feed no "
            "seller metric; recognised and not used"
        )
    return out
