"""The :class:`Account`: a seller's downloads as clean tables, with their data quality."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from sellerkit.io.derive import LoadedItems, order_level
from sellerkit.marketplaces import Marketplace
from sellerkit.quality import DataQuality
from sellerkit.vocabulary import CHANNELS, Channel

TABLES = (
    "order_items",
    "orders",
    "feedback",
    "claims",
    "chargebacks",
    "shipments",
    "cancellations",
)
"""The account's tables, in the order views show them."""

_DAY_COLUMN = {
    "order_items": "purchase_date",
    "orders": "order_date",
    "feedback": "date",
    "claims": "claim_date",
    "chargebacks": "chargeback_date",
    "shipments": "latest_ship_date",
    "cancellations": "cancel_date",
}


@dataclass(frozen=True, eq=False)
class Account:
    """One seller account in one marketplace, as loaded by :func:`sellerkit.load_account`.

    Every table is a pandas DataFrame with sellerkit's normalized snake_case column names.
    Day columns (``order_date``, ``claim_date`` …) are naive midnights of the marketplace's
    calendar day; timestamps (``purchase_date``) carry the marketplace's time zone.
    Buyer e-mails, names and street addresses are never read into any table.

    Attributes
    ----------
    name
        Display name (``account.toml`` ``name``, else the folder's name).
    path
        The folder it was loaded from.
    marketplace
        The marketplace whose rules, days and formats apply.
    seller_id
        Amazon's merchant token, if ``account.toml`` gives one.
    today
        The day of the load in the marketplace; later-dated rows count as future-dated.
    files
        One row per recognised file: file, kind, encoding, rows.
    order_items
        One row per order item (All Orders report), Non-Amazon and other marketplaces' rows
        removed.
    feedback
        Seller feedback rows (1–3 stars as Amazon reports them), without rater e-mail.
    claims, chargebacks, shipments, cancellations
        The sellerkit CSVs' rows, typed and validated, then the rows the real downloads
        imply (Transaction, Settlement and Returns reports; MFN Order Report, Unshipped
        Orders report and shipping confirmations: :mod:`sellerkit.io.sources`), each with
        ``source_file``, ``source``, ``assumed`` and ``rule``; shipments also with
        ``ship_known`` and ``scan_known``. Empty tables when nothing feeds them.
    performance
        Amazon's seller performance report snapshots (parsed JSON), oldest file first.
    quality
        What the load assumed, skipped or repaired.
    loaded_items
        The order items as loaded (:class:`~sellerkit.io.derive.LoadedItems`), which
        :attr:`orders` is built from; set by the load only (an account made with
        ``dataclasses.replace`` has none).
    """

    name: str
    path: Path
    marketplace: Marketplace
    seller_id: str | None
    today: date
    files: pd.DataFrame
    order_items: pd.DataFrame
    feedback: pd.DataFrame
    claims: pd.DataFrame
    chargebacks: pd.DataFrame
    shipments: pd.DataFrame
    cancellations: pd.DataFrame
    performance: list[dict[str, Any]] = field(default_factory=list)
    quality: DataQuality = field(default_factory=DataQuality)
    loaded_items: LoadedItems | None = field(default=None, init=False, repr=False)

    @cached_property
    def orders(self) -> pd.DataFrame:
        """One row per order: order-level fields, ``order_date``, ``channel``
        (``MFN``/``AFN``), ``is_cancelled``, ``item_rows``, ``quantity``, ``item_price``.

        The order table of :attr:`order_items` as loaded, built on first use and kept (see
        :func:`sellerkit.io.derive.order_level`; the load cache restores it). A what-if that
        sets cells of ``order_items`` does not change it; an order-level what-if sets cells
        of this table. An account made with other item rows
        (``dataclasses.replace(account, order_items=rows)``) builds it from them.
        """
        if self.loaded_items is not None:
            return self.loaded_items.orders()
        return order_level(self.order_items)

    @property
    def last_order_day(self) -> date | None:
        """The latest order day not after :attr:`today` (the default as-of, decision 19)."""
        days = self.orders["order_date"]
        days = days[days <= pd.Timestamp(self.today)]
        return None if days.empty else days.max().date()

    def table(self, name: str) -> pd.DataFrame:
        """One of :data:`TABLES` by name."""
        if name not in TABLES:
            raise KeyError(f"`name` must be one of {', '.join(TABLES)}, got {name!r}")
        return getattr(self, name)

    def summary(self) -> pd.DataFrame:
        """Rows, distinct orders and the first and last day of each table."""
        rows = []
        for name in TABLES:
            frame = self.table(name)
            day = _DAY_COLUMN[name]
            first = last = None
            if day and not frame.empty:
                days = frame[day]
                if isinstance(days.dtype, pd.DatetimeTZDtype):
                    days = days.dt.tz_localize(None).dt.normalize()
                first, last = days.min(), days.max()
                first = None if pd.isna(first) else first.date()
                last = None if pd.isna(last) else last.date()
            rows.append((name, len(frame), frame["order_id"].nunique(), first, last))
        return pd.DataFrame(rows, columns=["table", "rows", "orders", "first_day", "last_day"])

    def shape(self) -> tuple[str, tuple[int, ...]]:
        """The folder and each table's row count (:data:`TABLES` order): what tells facts
        derived from this account (:func:`sellerkit.derive_facts`) from another account's,
        or from this one's before rows were added or dropped. An edit of values in place
        keeps the shape: derive the facts again after one."""
        return str(self.path), tuple(len(self.table(name)) for name in TABLES)

    def channel_counts(self) -> dict[str, int]:
        """Orders by fulfilment channel: ``{"MFN": n, "AFN": m}``."""
        counts = self.orders["channel"].value_counts()
        return {str(k): int(v) for k, v in counts.items()}

    def _headline(self) -> str:
        counts = self.channel_counts()
        mfn, afn = CHANNELS[Channel.MFN], CHANNELS[Channel.AFN]
        return (
            f"{len(self.orders):,} orders ({counts.get(mfn.code, 0):,} {mfn.name}, "
            f"{counts.get(afn.code, 0):,} {afn.name}), {self.summary().iloc[1]['first_day']} … "
            f"{self.summary().iloc[1]['last_day']}"
        )

    def __repr__(self) -> str:
        return (
            f"<Account {self.name!r} {self.marketplace.code}: {len(self.orders):,} orders, "
            f"{len(self.quality.issues)} data-quality issue(s)>"
        )

    def __str__(self) -> str:
        lines = [
            f"Account   {self.name} ({self.marketplace.code}, {self.marketplace.sales_channel})",
            f"Folder    {self.path}",
            f"Orders    {self._headline()}",
            "",
            "Files",
        ]
        for row in self.files.itertuples(index=False):
            lines.append(f"  {row.file:<28} {row.kind:<14} {row.encoding:<8} {row.rows:>9,} rows")
        for name, why in self.quality.unrecognised_files:
            lines.append(f"  {name:<28} skipped: {why}")
        lines += ["", "Tables", _indent(self.summary().to_string(index=False))]
        problems = [i.message for i in self.quality.issues]
        lines += ["", "Data quality"]
        lines += [f"  - {m}" for m in problems] or ["  no issues"]
        if self.quality.notes:
            lines += ["", "Notes"] + [f"  - {n}" for n in self.quality.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        files = self.files.to_html(index=False, border=0)
        tables = self.summary().to_html(index=False, border=0, na_rep="")
        issues = "".join(f"<li>{esc(m)}</li>" for m in self.quality.messages())
        notes = "".join(f"<li>{esc(n)}</li>" for n in self.quality.notes)
        return (
            f"<div class='sellerkit-account'><h4>{esc(self.name)} "
            f"<small>{esc(self.marketplace.code)} · {esc(self.marketplace.sales_channel)}"
            f"</small></h4><p>{esc(self._headline())}</p>"
            f"<details open><summary>Tables</summary>{tables}</details>"
            f"<details><summary>Files</summary>{files}</details>"
            f"<details open><summary>Data quality</summary><ul>{issues or '<li>no issues</li>'}"
            f"</ul>{'<p>Notes</p><ul>' + notes + '</ul>' if notes else ''}</details></div>"
        )


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
