"""The steps of :func:`~sellerkit.io.account.load_account` that read a folder.

List the folder (:mod:`sellerkit.io.folder`; ``load_account`` checked that it exists) →
recognise each file by its header → choose the marketplace
(:mod:`sellerkit.io.choose_marketplace`) → read each file and combine the files of each kind
(:mod:`sellerkit.io.read_files`) → fill the canonical tables from the downloads
(:mod:`sellerkit.io.sources`) → keep the orders in scope (:mod:`sellerkit.io.scope`) →
data-quality checks (:mod:`sellerkit.io.checks`). A module of its own so that a load the
load cache holds never imports this pipeline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from sellerkit.account import Account
from sellerkit.io.checks import check_tables, note_missing_kinds
from sellerkit.io.choose_marketplace import choose_marketplace, given_marketplace, local_today
from sellerkit.io.config import CONFIG_NAME, AccountConfig, read_config
from sellerkit.io.derive import LoadedItems
from sellerkit.io.folder import list_files, orders_reports, recognised, sniff_files
from sellerkit.io.layouts import kinds_present
from sellerkit.io.read_files import FILE_COLUMNS, read_performance_files, read_tables
from sellerkit.io.schema import Kind
from sellerkit.io.scope import scope_orders
from sellerkit.io.sources import feed
from sellerkit.quality import DataQuality


def load_folder(
    folder: Path, marketplace: str | None, today: date | None, cache: bool | None
) -> Account:
    """Read the account ``folder`` (checked to exist) into an :class:`Account`: the steps of
    :func:`~sellerkit.io.account.load_account` after the load cache, with its parameters."""
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
    all_ids = tables[Kind.ORDERS]["order_id"]
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
    # Set by the load only (not an argument): an account made from this one with other
    # rows (dataclasses.replace) builds its order table from them.
    object.__setattr__(account, "loaded_items", LoadedItems.of(items, order_codes))
    return account


def note_unknown_keys(config: AccountConfig, quality: DataQuality) -> None:
    """A note naming the keys of ``account.toml`` sellerkit does not know (ignored)."""
    if config.unknown_keys:
        quality.notes.append(
            f"{CONFIG_NAME}: unknown key(s) {', '.join(config.unknown_keys)} ignored "
            "(known: name, marketplace, seller_id, encoding)"
        )
