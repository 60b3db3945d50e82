"""Choose an account folder's marketplace, and its local day.

The caller's code wins, then ``account.toml``'s; else the marketplace that the All Orders
reports' ``sales-channel`` names most often, else the default (with a note). The marketplace
decides the time zone, the feedback date format and the legacy encoding of every file.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sellerkit.io.config import CONFIG_NAME, AccountConfig
from sellerkit.io.encoding import decode_prefix
from sellerkit.io.sniff import Sniffed, read_prefix
from sellerkit.marketplaces import BY_SALES_CHANNEL, DEFAULT, Marketplace, get_marketplace
from sellerkit.quality import DataQuality


def peek_sales_channels(sniffed: Sniffed, declared: str | None) -> Counter[str]:
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


def given_marketplace(given: str | None, config: AccountConfig, folder: Path) -> Marketplace | None:
    """The marketplace the caller or ``account.toml`` sets, if any."""
    if given:
        return get_marketplace(given)
    if config.marketplace:
        return get_marketplace(config.marketplace, source=str(folder / CONFIG_NAME))
    return None


def choose_marketplace(
    orders: list[Sniffed], declared: str | None, quality: DataQuality
) -> Marketplace:
    """The marketplace the orders' ``sales-channel`` shows most, else the default."""
    seen: Counter[str] = Counter()
    for sniffed in orders:
        seen += peek_sales_channels(sniffed, declared)
    for channel, _ in seen.most_common():
        if channel in BY_SALES_CHANNEL:
            return BY_SALES_CHANNEL[channel]
    names = ", ".join(s.path.name for s in orders)
    quality.notes.append(
        f"{names}: no sales-channel names a marketplace and {CONFIG_NAME} sets none: "
        f"{DEFAULT} assumed (set marketplace in {CONFIG_NAME})"
    )
    return get_marketplace(DEFAULT)


def local_today(marketplace: Marketplace) -> date:
    """Today's date in the marketplace's time zone."""
    return datetime.now(ZoneInfo(marketplace.timezone)).date()
