"""``load_account``: a folder of downloads → an :class:`Account` of clean tables.

The one-way flow: list the folder → recognise each file by its header → choose the
marketplace → read each file → combine the files of each kind → order-level table →
data-quality checks. Nothing here modifies or writes a user's file.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sellerkit._arrow import as_array, isin
from sellerkit.account import Account
from sellerkit.errors import AccountError, DataQualityWarning, LayoutError
from sellerkit.io import load_cache
from sellerkit.io.cache import cache_dir, cached_read
from sellerkit.io.combine import SOURCE, Combined, combine
from sellerkit.io.config import CONFIG_NAME, AccountConfig, read_config
from sellerkit.io.derive import (
    cancelled_rows,
    first_appearance,
    order_level,
    seller_fulfilled_rows,
)
from sellerkit.io.encoding import decode_prefix, read_bytes
from sellerkit.io.layouts import LAYOUTS, TABLE_LAYOUTS, kinds_present
from sellerkit.io.readers import empty_table, read_arrow, to_frame
from sellerkit.io.schema import Kind, Layout
from sellerkit.io.sniff import Sniffed, read_prefix, sniff
from sellerkit.io.sources import feed
from sellerkit.marketplaces import (
    BY_SALES_CHANNEL,
    DEFAULT,
    NON_AMAZON,
    Marketplace,
    get_marketplace,
)
from sellerkit.quality import DataQuality, examples_of, with_examples

_IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", CONFIG_NAME}


def _list_files(folder: Path, quality: DataQuality) -> list[Path]:
    files = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "~$")) or entry.name.lower() in _IGNORED_NAMES:
            continue
        if entry.is_dir():
            quality.notes.append(f"sub-folder {entry.name}/ ignored: an account is one folder")
            continue
        files.append(entry)
    return files


def _peek_sales_channels(sniffed: Sniffed, declared: str | None) -> Counter[str]:
    """``sales-channel`` values of the first rows, decoded as the reader will decode them.

    The marketplace, which decides a legacy encoding, is what this looks for: the values
    (``Amazon.co.uk``) are ASCII, the same in every legacy encoding.
    """
    head, _ = read_prefix(sniffed.path)
    text = decode_prefix(head, sniffed.path, declared=declared).text
    header = [h.strip().lower() for h in sniffed.header]
    if "sales-channel" not in header:
        return Counter()
    at = header.index("sales-channel")
    counts: Counter[str] = Counter()
    for line in text.lstrip().split("\n")[1:-1]:  # the last line may be cut by the prefix
        fields = line.rstrip("\r").split("\t")
        if len(fields) > at:
            counts[fields[at].strip().lower()] += 1
    return counts


def _given_marketplace(
    given: str | None, config: AccountConfig, folder: Path
) -> Marketplace | None:
    """The marketplace the caller or ``account.toml`` sets, if any."""
    if given:
        return get_marketplace(given)
    if config.marketplace:
        return get_marketplace(config.marketplace, source=folder / CONFIG_NAME)
    return None


def _choose_marketplace(
    orders: list[Sniffed], declared: str | None, quality: DataQuality
) -> Marketplace:
    """The marketplace the orders' ``sales-channel`` shows most, else the default."""
    seen: Counter[str] = Counter()
    for sniffed in orders:
        seen += _peek_sales_channels(sniffed, declared)
    for channel, _ in seen.most_common():
        if channel in BY_SALES_CHANNEL:
            return BY_SALES_CHANNEL[channel]
    names = ", ".join(s.path.name for s in orders)
    quality.notes.append(
        f"{names}: no sales-channel names a marketplace and {CONFIG_NAME} sets none: "
        f"{DEFAULT} assumed (set marketplace in {CONFIG_NAME})"
    )
    return get_marketplace(DEFAULT)


def _sniff_again(found: Sniffed, market: Marketplace, declared: str | None) -> Sniffed:
    """``found`` decoded with the marketplace's legacy encoding, if it was guessed otherwise."""
    if found.guessed and found.encoding != market.legacy_encoding:
        return sniff(found.path, declared=declared, legacy=market.legacy_encoding)
    return found


def _today(marketplace: Marketplace) -> date:
    return datetime.now(ZoneInfo(marketplace.timezone)).date()


def _read_performance(sniffed: Sniffed, declared: str | None, legacy: str) -> dict[str, object]:
    data = read_bytes(sniffed.path, sniffed.compression)
    text = decode_prefix(data, sniffed.path, declared=declared, legacy=legacy, final=True).text
    document = json.loads(text)
    if not isinstance(document.get("performanceMetrics"), list):
        raise LayoutError(
            "is a seller performance report whose 'performanceMetrics' is not a list",
            file=sniffed.path,
            fix="download the report again (GET_V2_SELLER_PERFORMANCE_REPORT)",
        )
    document["_source_file"] = sniffed.path.name
    return document


def _scope(items: pd.DataFrame, market: Marketplace) -> tuple[np.ndarray, np.ndarray]:
    """Masks of Non-Amazon rows and of other marketplaces' rows, decided per category."""
    channel = items["sales_channel"].cat
    names = np.asarray(channel.categories.str.lower(), dtype=object)
    row_codes = channel.codes.to_numpy()
    non_amazon = (names == NON_AMAZON)[row_codes]
    other = ((names != NON_AMAZON) & (names != market.sales_channel.lower()))[row_codes]
    return non_amazon, other


def _orphans(
    tables: dict[Kind, pd.DataFrame], known: pd.Series | pa.Array, quality: DataQuality
) -> None:
    """Rows of the other kinds naming an order id absent from ``known`` (all order rows,
    in scope or not).

    ``known`` is the order id of every order row, or the distinct order ids as an Arrow
    array. The order ids are hashed once; the ids of every other kind are probed together.
    """
    kinds = [
        (Kind.FEEDBACK, "orphanFeedback", "feedback"),
        (Kind.CLAIMS, "orphanClaims", "claim"),
        (Kind.CHARGEBACKS, "orphanChargebacks", "chargeback"),
        (Kind.SHIPMENTS, "orphanShipments", "shipment"),
        (Kind.CANCELLATIONS, "orphanCancellations", "cancellation"),
    ]
    probes = [as_array(tables[kind]["order_id"]).cast(pa.string()) for kind, _, _ in kinds]
    sizes = [len(p) for p in probes]
    if not sum(sizes):
        return
    orders = as_array(known).cast(pa.string())
    if not isinstance(known, pa.Array):  # distinct ids given as an Arrow array
        orders = pc.unique(orders)
    found = pc.is_in(pa.chunked_array(probes, type=pa.string()), value_set=orders)
    orphan_all = ~pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    start = 0
    for (kind, code, what), size in zip(kinds, sizes, strict=True):
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
            _files(tables[kind][orphan]),
        )


_DATE_COLUMNS = {
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

_PROMISES = ("latest_ship_date", "promised_delivery_date")


def _files(rows: pd.DataFrame) -> tuple[str, ...]:
    """The files ``rows`` come from (their ``source_file``), in file order."""
    if rows.empty or SOURCE not in rows.columns:
        return ()
    return tuple(str(name) for name in pd.unique(rows[SOURCE].astype(str)))


def _future_rows(kind: Kind, table: pd.DataFrame, today: date) -> np.ndarray:
    """Which rows have an event dated after ``today`` (day columns) or on a later local day
    (time stamps, which carry the marketplace's zone)."""
    tomorrow = pd.Timestamp(today) + pd.Timedelta(days=1)
    columns = [c for c in _DATE_COLUMNS[kind] if c not in _PROMISES]
    future = np.zeros(len(table), dtype=bool)
    for column in columns:
        values = table[column]
        limit = tomorrow
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            limit = tomorrow.tz_localize(values.dtype.tz)
        future |= (values >= limit).to_numpy()
    return future


def _check(
    tables: dict[Kind, pd.DataFrame],
    all_ids: pd.Series | pa.Array,
    present: set[Kind],
    today: date,
    quality: DataQuality,
) -> None:
    """The data-quality checks, on item rows (one order may have several)."""
    _orphans(tables, all_ids, quality)

    items = tables[Kind.ORDERS]
    ids = items["order_id"]
    cancelled = cancelled_rows(items)
    mfn = seller_fulfilled_rows(items)
    recorded = tables[Kind.CANCELLATIONS]["order_id"]
    cancelled_mfn = pd.Series(pd.unique(ids[mfn & cancelled]), dtype=ids.dtype)
    assumed = cancelled_mfn[~isin(cancelled_mfn, recorded)]
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
        _files(items[isin(ids, assumed).to_numpy()]) if len(assumed) else (),
    )
    if len(recorded):
        open_ids = pd.unique(ids[isin(ids, recorded).to_numpy() & ~cancelled])
        not_cancelled = tables[Kind.CANCELLATIONS][isin(recorded, open_ids)]
    else:
        not_cancelled = tables[Kind.CANCELLATIONS]
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
        _files(not_cancelled),
    )
    if Kind.SHIPMENTS in present:
        open_mfn = ids[mfn & ~cancelled]
        shipped = isin(open_mfn, tables[Kind.SHIPMENTS]["order_id"]).to_numpy()
        without = np.flatnonzero(mfn & ~cancelled)[~shipped]
        missing = pd.unique(open_mfn[~shipped])
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
            _files(items.iloc[without]),
        )
    for kind, table in tables.items():
        future = _future_rows(kind, table, today)
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
            _files(rows),
        )


def _read_file(
    found: Sniffed, market: Marketplace, encoding: str | None, cache: bool | None
) -> pa.Table:
    """One recognised file's typed table, from the parse cache where it holds this file."""
    if cache is False:
        return read_arrow(found, market, encoding=encoding)
    return cached_read(
        found, market, encoding, lambda: read_arrow(found, market, encoding=encoding)
    )


def _record_combined(
    quality: DataQuality, layout: Layout, combined: Combined, files: list[str]
) -> None:
    """Count what combining the downloads of one kind (``files``) removed (decisions 9, 18)."""
    kind = layout.kind
    if layout.snapshot is not None:
        removed = (
            f"{combined.identical_removed} {kind} row(s) of older or repeated downloads "
            "dropped: a download with the same or a newer last-updated-date holds their "
            "orders (files overlap)"
        )
        conflict = (
            f"{combined.conflicts_removed} order(s) appear in two downloads with the same "
            "last-updated-date but different rows; the rows of the file whose name sorts "
            "last were kept"
        )
    else:
        removed = f"{combined.identical_removed} repeated {kind} row(s) removed (files overlap)"
        conflict = (
            f"{combined.conflicts_removed} {kind} row(s) repeated the key of another row "
            "with other content; the newest version was kept"
        )
    quality.add("duplicateRowsRemoved", combined.identical_removed, removed, files=files)
    quality.add(
        "conflictingDuplicates",
        combined.conflicts_removed,
        with_examples(conflict, combined.conflict_examples),
        combined.conflict_examples,
        files,
    )
    quality.add(
        "updatedOrders",
        combined.updated,
        with_examples(
            f"{combined.updated} order(s) changed between downloads (shipped, cancelled or "
            "edited since the older one); the newest download's rows were kept",
            combined.updated_examples,
        ),
        combined.updated_examples,
        files,
    )


def load_account(
    path: str | Path,
    *,
    marketplace: str | None = None,
    today: date | None = None,
    warn: bool = True,
    cache: bool | None = None,
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
    caching = cache is not False and cache_dir() is not None
    load_key = load_cache.key(folder, marketplace, today) if caching else None
    stored = load_cache.lookup(load_key, folder)
    if stored is not None:  # the very same folder, day and code: the same tables
        _warn(stored.quality, warn)
        return stored
    quality = DataQuality()
    config = read_config(folder)
    if config.unknown_keys:
        quality.notes.append(
            f"{CONFIG_NAME}: unknown key(s) {', '.join(config.unknown_keys)} ignored "
            "(known: name, marketplace, seller_id, encoding)"
        )
    given = _given_marketplace(marketplace, config, folder)
    legacy = given.legacy_encoding if given else None
    candidates = [
        sniff(file, declared=config.encoding, legacy=legacy)
        for file in _list_files(folder, quality)
    ]
    orders_files = [s for s in candidates if s.kind is Kind.ORDERS]
    if not orders_files:
        skipped = "; ".join(
            f"{s.path.name}: {s.reason or 'not recognised'}" for s in candidates if s.kind is None
        )
        raise AccountError(
            "holds no All Orders report" + (f" (skipped {skipped})" if skipped else ""),
            file=folder,
            expected="at least one tab-delimited All Orders report",
            fix=LAYOUTS[Kind.ORDERS].how_to_get + " and put it in this folder",
        )
    market = given or _choose_marketplace(orders_files, config.encoding, quality)
    sniffed: list[Sniffed] = []
    for each in candidates:
        each = _sniff_again(each, market, config.encoding)
        if each.kind is None:
            quality.unrecognised_files.append((each.path.name, each.reason or "not recognised"))
        else:
            sniffed.append(each)
            if each.language:
                quality.notes.append(
                    f"{each.path.name}: {each.language} read by its column order as "
                    f"the {LAYOUTS[each.kind].title}'s ({', '.join(each.columns)})"
                )
    today = today or _today(market)

    tables: dict[Kind, pd.DataFrame] = {}
    order_keys: pa.Array | None = None
    order_codes: np.ndarray | None = None
    file_rows = []
    for layout in TABLE_LAYOUTS:
        frames: list[tuple[str, pd.DataFrame | pa.Table]] = []
        for found in (s for s in sniffed if s.kind is layout.kind):
            table = _read_file(found, market, config.encoding, cache)
            encoding = (table.schema.metadata or {}).get(b"encoding", b"utf-8").decode()
            file_rows.append((found.path.name, str(layout.kind), encoding, table.num_rows))
            if table.num_rows == 0:
                quality.add(
                    "emptyFiles",
                    1,
                    f"{layout.title} with a header and no rows",
                    files=(found.path.name,),
                )
            # Snapshots combine in Arrow (one conversion at the end); rows in pandas.
            frames.append((found.path.name, table if layout.snapshot else to_frame(table)))
        if not frames:
            tables[layout.kind] = empty_table(layout.kind, market)
            continue
        combined = combine(frames, layout)
        tables[layout.kind] = combined.table
        if layout.kind is Kind.ORDERS:
            order_keys, order_codes = combined.keys, combined.row_codes
        _record_combined(quality, layout, combined, [name for name, _ in frames])
    file_kinds = {s.kind for s in sniffed if s.kind is not None}
    tables = feed(tables, file_kinds, quality)  # downloads → canonical tables (R2–R5)
    performance = []
    for found in (s for s in sniffed if s.kind is Kind.PERFORMANCE):
        performance.append(_read_performance(found, config.encoding, market.legacy_encoding))
        file_rows.append((found.path.name, str(Kind.PERFORMANCE), "utf-8", 1))

    items = tables[Kind.ORDERS]
    # Orphans are judged against every order, in scope or not.
    all_ids: pd.Series | pa.Array = items["order_id"] if order_keys is None else order_keys
    non_amazon, other = _scope(items, market)
    for mask, code, text in (
        (
            non_amazon,
            "nonAmazonOrders",
            "Non-Amazon (multi-channel fulfilment) order(s) left out of every metric",
        ),
        (
            other,
            "otherMarketplaceOrders",
            f"order(s) from other marketplaces than "
            f"{market.sales_channel} left out (one folder per marketplace)",
        ),
    ):
        if mask.any():
            excluded = items.loc[mask, "order_id"]
            count = excluded.nunique()
            quality.add(
                code,
                count,
                with_examples(f"{count} {text}", examples_of(excluded)),
                examples_of(excluded),
                _files(items[mask]),
            )
    out_of_scope = non_amazon | other
    if out_of_scope.any():
        items = items[~out_of_scope].reset_index(drop=True)
        if order_codes is not None:
            order_codes = order_codes[~out_of_scope]
    tables[Kind.ORDERS] = items
    present = kinds_present(file_kinds)  # an Order Report gives shipments data, …
    _check(tables, all_ids, present, today, quality)
    missing = [
        k
        for k in (Kind.FEEDBACK, Kind.CLAIMS, Kind.CHARGEBACKS, Kind.SHIPMENTS, Kind.CANCELLATIONS)
        if k not in present
    ]
    if missing:
        quality.notes.append(
            "no " + ", ".join(str(k) for k in missing) + " file: metrics that need them will say so"
        )
    account = Account(
        name=config.name or folder.resolve().name,
        path=folder,
        marketplace=market,
        seller_id=config.seller_id,
        today=today,
        files=pd.DataFrame(file_rows, columns=["file", "kind", "encoding", "rows"]),
        order_items=items,
        feedback=tables[Kind.FEEDBACK],
        claims=tables[Kind.CLAIMS],
        chargebacks=tables[Kind.CHARGEBACKS],
        shipments=tables[Kind.SHIPMENTS],
        cancellations=tables[Kind.CANCELLATIONS],
        performance=performance,
        quality=quality,
    )
    if order_codes is not None and len(order_codes) == len(items):
        # The combine step already numbered the orders: the order table needs no hash pass
        # over the ids (Account.orders is a cached property; this is its value).
        account.__dict__["orders"] = order_level(items, first_appearance(order_codes))
    load_cache.store(load_key, account)
    _warn(quality, warn)
    return account


def _warn(quality: DataQuality, warn: bool) -> None:
    """One :class:`~sellerkit.errors.DataQualityWarning` per data-quality issue."""
    if warn:
        for message in quality.messages():
            warnings.warn(message, DataQualityWarning, stacklevel=3)
