"""``load_account``: a folder of downloads → an :class:`Account` of clean tables.

A load the load cache holds (:mod:`sellerkit.io.load_cache`) is read back; otherwise the
folder is read by the pipeline of :mod:`sellerkit.io.load_steps` (list and recognise the
files, choose the marketplace, read and combine each kind, fill the canonical tables, keep
the orders in scope, check the data) and the load is stored. Then each data-quality issue is
a warning. Nothing here modifies or writes a user's file.
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from sellerkit.account import Account
from sellerkit.errors import AccountError, DataQualityWarning
from sellerkit.io import load_cache
from sellerkit.io.cache import cache_dir
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
        Copy the columns Arrow hands over as read-only views (numbers, days, time stamps,
        category codes) so that a what-if can set cells (:mod:`sellerkit.io.writable`).
        ``False`` keeps the views — cheaper, for callers that never set a cell, such as the
        command line; setting a cell of such a table raises ``ValueError``.

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
    # The reading pipeline (CSV parser, sniffing, combining, checks) is imported only when
    # the folder is read: a load the cache holds never needs it (about 40 ms of imports).
    from sellerkit.io.load_steps import load_folder

    account = load_folder(folder, marketplace, today, cache)
    load_cache.store(load_key, account)
    _warn(account.quality, warn)
    return _editable(account) if editable else account


def check_folder(path: str | Path) -> Path:
    """``path`` as a folder that exists; raises :class:`~sellerkit.errors.AccountError`."""
    folder = Path(path)
    if not folder.exists():
        raise AccountError(
            "folder not found", file=folder, fix="give the path of a folder of downloads"
        )
    if not folder.is_dir():
        raise AccountError(
            "is a file, not a folder",
            file=folder,
            fix="give the folder that holds the account's downloads",
        )
    return folder


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
    loaded = account.loaded_items
    if loaded is not None:  # the rows as loaded are now the copies: not each column twice
        object.__setattr__(account, "loaded_items", loaded.of(account.order_items, loaded.numbers))
    return account


def _warn(quality: DataQuality, warn: bool) -> None:
    """One :class:`~sellerkit.errors.DataQualityWarning` per data-quality issue, pointing
    at the caller of :func:`load_account` (it calls this function itself)."""
    if warn:
        for message in quality.messages():
            warnings.warn(message, DataQualityWarning, stacklevel=3)
