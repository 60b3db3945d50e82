"""``load_account``: a folder of downloads → an :class:`Account` of clean tables.

:func:`load_account` is a pipeline of named steps, each a function of its own module that
can be tested alone: check and list the folder (:mod:`sellerkit.io.folder`) → recognise each
file by its header → choose the marketplace (:mod:`sellerkit.io.choose_marketplace`) → read
each file and combine the files of each kind (:mod:`sellerkit.io.read_files`) → fill the
canonical tables from the downloads (:mod:`sellerkit.io.sources`) → keep the orders in scope
(:mod:`sellerkit.io.scope`) → data-quality checks (:mod:`sellerkit.io.checks`) → warn. A
load is kept in the load cache (:mod:`sellerkit.io.load_cache`). Nothing here modifies or
writes a user's file.
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from sellerkit.account import Account
from sellerkit.errors import DataQualityWarning
from sellerkit.io import load_cache
from sellerkit.io.cache import cache_dir
from sellerkit.io.checks import check_tables, note_missing_kinds
from sellerkit.io.choose_marketplace import choose_marketplace, given_marketplace, local_today
from sellerkit.io.config import CONFIG_NAME, AccountConfig, read_config
from sellerkit.io.derive import first_appearance, order_level
from sellerkit.io.folder import check_folder, list_files, orders_reports, recognised, sniff_files
from sellerkit.io.layouts import kinds_present
from sellerkit.io.read_files import FILE_COLUMNS, read_performance_files, read_tables
from sellerkit.io.schema import Kind
from sellerkit.io.scope import scope_orders
from sellerkit.io.sources import feed
from sellerkit.io.writable import make_writable
from sellerkit.quality import DataQuality


def load_account(
    path: str | Path,
    *,
    marketplace: str | None = None,
    today: date | None = None,
    warn: bool = True,
    cache: bool | None = None,
    editable: bool = True,
) -> Account:
    """Load a folder of a seller's downloads into an :class:`~sellerkit.account.Account`.

    Parameters
    ----------
    path
        The account folder: All Orders report(s), and optionally Seller Feedback report(s),
        the real downloads of docs/input-files.md (MFN Order Report, Unshipped Orders,
        shipping confirmations, Transaction, Settlement and Returns reports, FBA shipments),
        claims, chargebacks, shipments and cancellations CSVs, performance JSON and
        ``account.toml``. Files are recognised by their header row, not their name.
    marketplace
        Marketplace code, overriding ``account.toml`` and the ``sales-channel`` inference.
    today
        The day the load happens in the marketplace (default: the real today); rows dated
        after it are counted as future-dated.
    warn
        Emit one :class:`~sellerkit.errors.DataQualityWarning` per data-quality issue.
    cache
        Use the parse cache of large downloads (:mod:`sellerkit.io.cache`); ``None``
        follows the ``SELLERKIT_CACHE`` environment variable (on unless ``off``), ``False``
        parses every file.
    editable
        Copy the columns Arrow hands over as read-only views (numbers, days, category codes)
        so that a what-if can set cells (:mod:`sellerkit.io.writable`). ``False`` keeps the
        views — cheaper, for callers that never set a cell, such as the command line;
        setting a cell of such a table raises ``ValueError``.

    Returns
    -------
    Account
        Normalized tables and the data-quality summary.

    Raises
    ------
    AccountError
        The folder does not exist or holds no All Orders report.
    InputError
        A recognised file is broken (the message names file, line, column and value).

    Examples
    --------
    >>> import sellerkit
    >>> account = sellerkit.load_account(sellerkit.datasets.sample_path("small-seller"))
    >>> account.marketplace.code
    'US'
    """
    folder = check_folder(path)
    caching = cache is not False and cache_dir() is not None
    load_key = load_cache.key(folder, marketplace, today) if caching else None
    stored = load_cache.lookup(load_key, folder)
    if stored is not None:  # the very same folder, day and code: the same tables
        _warn(stored.quality, warn)
        return _editable(stored) if editable else stored
    account = _load(folder, marketplace, today, cache)
    load_cache.store(load_key, account)
    _warn(account.quality, warn)
    return _editable(account) if editable else account


def _editable(account: Account) -> Account:
    """The account with tables a notebook's what-if can set cells in
    (:mod:`sellerkit.io.writable`)."""
    for table in (
        account.order_items,
        account.feedback,
        account.claims,
        account.chargebacks,
        account.shipments,
        account.cancellations,
        *([account.__dict__["orders"]] if "orders" in account.__dict__ else []),
    ):
        make_writable(table)
    return account


def _load(folder: Path, marketplace: str | None, today: date | None, cache: bool | None) -> Account:
    """The steps of :func:`load_account` after the load cache."""
    quality = DataQuality()
    config = read_config(folder)
    note_unknown_keys(config, quality)
    given = given_marketplace(marketplace, config, folder)
    candidates = sniff_files(list_files(folder, quality), config.encoding, given)
    orders_files = orders_reports(candidates, folder)
    market = given or choose_marketplace(orders_files, config.encoding, quality)
    sniffed = recognised(candidates, market, config.encoding, quality)
    read = read_tables(sniffed, market, config.encoding, cache, quality)
    file_kinds = {s.kind for s in sniffed if s.kind is not None}
    tables = feed(read.tables, file_kinds, quality)  # downloads → canonical tables (R2–R5)
    performance, performance_files = read_performance_files(sniffed, config.encoding, market)
    # Orphans are judged against every order, in scope or not.
    all_ids = tables[Kind.ORDERS]["order_id"] if read.order_keys is None else read.order_keys
    items, order_codes = scope_orders(tables[Kind.ORDERS], read.order_codes, market, quality)
    tables[Kind.ORDERS] = items
    present = kinds_present(file_kinds)  # an Order Report gives shipments data, …
    day = today or local_today(market)
    check_tables(tables, all_ids, present, day, quality)
    note_missing_kinds(present, quality)
    account = Account(
        name=config.name or folder.resolve().name,
        path=folder,
        marketplace=market,
        seller_id=config.seller_id,
        today=day,
        files=pd.DataFrame(read.files + performance_files, columns=FILE_COLUMNS),
        order_items=items,
        feedback=tables[Kind.FEEDBACK],
        claims=tables[Kind.CLAIMS],
        chargebacks=tables[Kind.CHARGEBACKS],
        shipments=tables[Kind.SHIPMENTS],
        cancellations=tables[Kind.CANCELLATIONS],
        performance=performance,
        quality=quality,
    )
    set_orders(account, order_codes)
    return account


def note_unknown_keys(config: AccountConfig, quality: DataQuality) -> None:
    """A note naming the keys of ``account.toml`` sellerkit does not know (ignored)."""
    if config.unknown_keys:
        quality.notes.append(
            f"{CONFIG_NAME}: unknown key(s) {', '.join(config.unknown_keys)} ignored "
            "(known: name, marketplace, seller_id, encoding)"
        )


def set_orders(account: Account, order_codes: np.ndarray | None) -> None:
    """Give ``account`` its order table from the orders' numbers (``order_codes``, one per
    item row) where combining numbered them: no hash pass over the ids is needed."""
    if order_codes is not None and len(order_codes) == len(account.order_items):
        # Account.orders is a cached property; this is its value.
        account.__dict__["orders"] = order_level(account.order_items, first_appearance(order_codes))


def _warn(quality: DataQuality, warn: bool) -> None:
    """One :class:`~sellerkit.errors.DataQualityWarning` per data-quality issue, pointing
    at the caller of :func:`load_account` (it calls this function itself)."""
    if warn:
        for message in quality.messages():
            warnings.warn(message, DataQualityWarning, stacklevel=3)
