"""Write a generated account as the files a seller would download, in their encodings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from sellerkit._files import write_atomic
from sellerkit.datasets.spec import GeneratedAccount
from sellerkit.marketplaces import Marketplace, get_marketplace

ORDERS_COLUMNS = (
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date",
    "order-status", "order-item-id", "fulfillment-channel", "sales-channel", "order-channel",
    "ship-service-level", "product-name", "sku", "asin", "item-status", "quantity",
    "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price",
    "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city",
    "ship-state", "ship-postal-code", "ship-country", "promotion-ids", "cpf",
    "is-business-order", "purchase-order-number", "price-designation",
    "signature-confirmation-recommended",
)  # fmt: skip
"""The current All Orders layout (amazon-metrics.md)."""

_CURRENT_ONLY = ("order-item-id", "cpf", "signature-confirmation-recommended")
_OLD_BASE = tuple(c for c in ORDERS_COLUMNS if c not in _CURRENT_ONLY)
OLD_ORDERS_COLUMNS = (*_OLD_BASE[:8], "url", *_OLD_BASE[8:])
"""The older layout: a ``url`` column, no order-item-id, cpf or signature column."""


def _text(values: pd.Series) -> pd.Series:
    """Cells as Amazon writes them: numbers plain, booleans lower-case, missing empty."""
    if pd.api.types.is_bool_dtype(values):
        return values.map({True: "true", False: "false"}).astype(str)
    if pd.api.types.is_float_dtype(values):
        return values.map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Series(
            np.where(values.isna(), "", values.dt.strftime("%Y-%m-%d")), index=values.index
        )
    return values.astype(str).replace({"nan": "", "None": ""})


def feedback_dates(days: pd.Series, market: Marketplace) -> pd.Series:
    """Days as the marketplace's Seller Feedback report writes them (``3/20/26``, …)."""
    if days.empty:
        return pd.Series([], dtype=str, index=days.index)
    year2 = (days.dt.year % 100).map("{:02d}".format)
    parts = {"D": days.dt.day.astype(str), "M": days.dt.month.astype(str), "Y": year2}
    if market.feedback_sep == "-":
        return days.dt.strftime("%Y-%m-%d")
    a, b, c = (parts[k] for k in market.feedback_date)
    sep = market.feedback_sep
    return a + sep + b + sep + c


def to_tsv(frame: pd.DataFrame, columns: tuple[str, ...], line_end: str = "\n") -> str:
    """Amazon's unquoted tab-separated text (a cell never holds a tab or newline)."""
    cells = [_text(frame[c]) if c in frame else pd.Series("", index=frame.index) for c in columns]
    # pandas joins a list of Series (documented); pandas-stubs lists only list[str].
    others = cast("list[str]", cells[1:])
    lines = cells[0].str.cat(others, sep="\t") if len(cells) > 1 else cells[0]
    return line_end.join(["\t".join(columns), *lines.tolist()]) + line_end


def to_csv(frame: pd.DataFrame, line_end: str = "\n") -> str:
    """sellerkit's CSVs: ordinary quoting, ISO dates, lower-case booleans."""
    text = pd.DataFrame({c: _text(frame[c]) for c in frame.columns if not c.startswith("_")})
    return text.to_csv(index=False, lineterminator=line_end)


def split_orders(items: pd.DataFrame, files: int) -> list[pd.DataFrame]:
    """Monthly downloads, each taken the day after its range and overlapping the next by a
    week: an order that changed after one download shows its old state there, and its new
    state in the next download (conflicting duplicates that the newest version settles)."""
    if files <= 1:
        return [items]
    days = items["_day"].to_numpy().astype("datetime64[D]")
    first, last = days.min(), days.max()
    span = int((last - first).astype(int))
    ends = [first + np.timedelta64(round(span * (i + 1) / files), "D") for i in range(files)]
    starts = [first] + [end - np.timedelta64(6, "D") for end in ends[:-1]]
    update = items["_update_day"].to_numpy().astype("datetime64[D]")
    parts = []
    for i in range(files):
        part = items[(days >= starts[i]) & (days <= ends[i])].copy()
        if i < files - 1:
            downloaded = ends[i] + np.timedelta64(1, "D")
            stale = (update[part.index] > downloaded) & (days[part.index] >= starts[i + 1])
            part.loc[stale, ["order-status", "item-status"]] = "Unshipped"
            part.loc[stale, "last-updated-date"] = part.loc[stale, "purchase-date"]
        parts.append(part)
    return parts


def write_account(
    generated: GeneratedAccount,
    folder: Path,
    *,
    encoding: str = "utf-8",
    line_end: str = "\n",
    layout: str = "current",
    report_ids: int = 0,
    write_config: bool = True,
    config_marketplace: bool = True,
) -> list[Path]:
    """Write ``generated`` into ``folder`` (created) and return the files written.

    Parameters
    ----------
    encoding
        Encoding of the tab-separated reports (``utf-8``, ``utf-8-sig``, ``cp1252``,
        ``cp932``); the CSVs are UTF-8 like what a spreadsheet exports.
    line_end
        ``"\\n"`` or ``"\\r\\n"``.
    layout
        ``current`` or ``old`` (with ``url``, without ``order-item-id``) All Orders layout,
        or ``real``: no sellerkit CSV, the real downloads of
        :mod:`sellerkit.datasets.real` (UTF-8, LF; ``encoding`` and ``line_end`` unused).
    report_ids
        Seed of the numeric file names, so samples keep their names across runs.
    write_config, config_marketplace
        Write ``account.toml``, with or without the ``marketplace`` key.
    """
    if layout == "real":
        from sellerkit.datasets.real import write_real_downloads

        return write_real_downloads(
            generated, folder, report_ids=report_ids, write_config=write_config
        )
    spec = generated.spec
    market = get_marketplace(spec.marketplace)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(report_ids)
    names = iter(rng.integers(10**10, 10**11, size=16).astype(str))
    written: list[Path] = []

    def put(suffix: str, data: bytes) -> None:
        path = folder / f"{next(names)}{suffix}"
        write_atomic(path, data)
        written.append(path)

    columns = OLD_ORDERS_COLUMNS if layout == "old" else ORDERS_COLUMNS
    for part in split_orders(generated.items, spec.order_files):
        if layout == "old":
            part = part.assign(url="")
        put(".txt", to_tsv(part, columns, line_end).encode(encoding))
    feedback = generated.feedback.copy()
    feedback["Date"] = feedback_dates(feedback["Date"].astype("datetime64[s]"), market)
    put(
        ".txt",
        to_tsv(
            feedback,
            ("Date", "Rating", "Comments", "Response", "Order ID", "Rater Email"),
            line_end,
        ).encode(encoding),
    )
    for table in ("claims", "chargebacks", "shipments", "cancellations"):
        frame = getattr(generated, table)
        put(".csv", to_csv(frame, line_end).encode("utf-8"))
    if generated.performance is not None:
        put(".json", (json.dumps(generated.performance, indent=2) + "\n").encode("utf-8"))
    if write_config:
        lines = [f"name = {json.dumps(spec.title, ensure_ascii=False)}"]
        if config_marketplace:
            lines.append(f'marketplace = "{spec.marketplace}"')
        path = folder / "account.toml"
        write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
        written.append(path)
    return written
