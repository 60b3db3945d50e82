"""Facts about Amazon marketplaces that reading a seller's files depends on.

Time zone (which calendar day a timestamp falls on), the short date format of the Seller
Feedback report, the legacy text encoding of downloads, and the ``sales-channel`` value that
names the marketplace in the All Orders report (data contract, decisions 2, 11 and 24).
"""

from __future__ import annotations

from dataclasses import dataclass

from sellerkit.errors import ConfigError


@dataclass(frozen=True)
class Marketplace:
    """One Amazon marketplace.

    Attributes
    ----------
    code
        Short code used in ``account.toml`` (``US``, ``UK``, ``DE``, …).
    sales_channel
        The ``sales-channel`` value of the All Orders report (``Amazon.com``).
    timezone
        IANA zone in which order and event days are taken.
    feedback_date
        Day-month-year order of the Seller Feedback report's ``Date``: ``MDY``, ``DMY``,
        ``YMD``; with the separator in ``feedback_sep``.
    feedback_sep
        Separator of the feedback date (``/``, ``.`` or ``-``).
    legacy_encoding
        Encoding tried when a file is neither BOM-marked nor valid UTF-8.
    marketplace_id
        Amazon's marketplace id, as in the seller performance report.
    """

    code: str
    sales_channel: str
    timezone: str
    feedback_date: str
    feedback_sep: str
    legacy_encoding: str
    marketplace_id: str

    @property
    def feedback_date_example(self) -> str:
        """A human-readable pattern of the feedback date, e.g. ``M/D/YY``."""
        parts = {"M": "M", "D": "D", "Y": "YY"}
        if self.feedback_sep == "-":
            return "YYYY-MM-DD"
        return self.feedback_sep.join(parts[c] for c in self.feedback_date)


_ROWS = [
    # code, sales-channel, time zone, feedback order, separator, legacy encoding, id
    ("US", "Amazon.com", "America/Los_Angeles", "MDY", "/", "cp1252", "ATVPDKIKX0DER"),
    ("CA", "Amazon.ca", "America/Los_Angeles", "DMY", "/", "cp1252", "A2EUQ1WTGCTBG2"),
    ("MX", "Amazon.com.mx", "America/Mexico_City", "DMY", "/", "cp1252", "A1AM78C64UM0Y8"),
    ("BR", "Amazon.com.br", "America/Sao_Paulo", "DMY", "/", "cp1252", "A2Q3Y263D00KWC"),
    ("UK", "Amazon.co.uk", "Europe/London", "DMY", "/", "cp1252", "A1F83G8C2ARO7P"),
    ("DE", "Amazon.de", "Europe/Berlin", "DMY", ".", "cp1252", "A1PA6795UKMFR9"),
    ("FR", "Amazon.fr", "Europe/Berlin", "DMY", "/", "cp1252", "A13V1IB3VIYZZH"),
    ("IT", "Amazon.it", "Europe/Berlin", "DMY", "/", "cp1252", "APJ6JRA9NG5V4"),
    ("ES", "Amazon.es", "Europe/Berlin", "DMY", "/", "cp1252", "A1RKKUPIHCS9HS"),
    ("NL", "Amazon.nl", "Europe/Berlin", "DMY", "/", "cp1252", "A1805IZSGTT6HS"),
    ("SE", "Amazon.se", "Europe/Berlin", "YMD", "-", "cp1252", "A2NODRKZP88ZB9"),
    ("PL", "Amazon.pl", "Europe/Berlin", "DMY", "/", "cp1252", "A1C3SOZRARQ6R3"),
    ("BE", "Amazon.com.be", "Europe/Berlin", "DMY", "/", "cp1252", "AMEN7PMS3EDWL"),
    ("JP", "Amazon.co.jp", "Asia/Tokyo", "YMD", "/", "cp932", "A1VC38T7YXB528"),
    ("IN", "Amazon.in", "Asia/Kolkata", "DMY", "/", "cp1252", "A21TJRUUN4KGV"),
    ("AU", "Amazon.com.au", "Australia/Sydney", "DMY", "/", "cp1252", "A39IBJ37TRP1C6"),
]

MARKETPLACES: dict[str, Marketplace] = {row[0]: Marketplace(*row) for row in _ROWS}
"""Every supported marketplace by code."""

BY_SALES_CHANNEL: dict[str, Marketplace] = {
    m.sales_channel.lower(): m for m in MARKETPLACES.values()
}
"""Marketplaces by lower-cased ``sales-channel`` value."""

NON_AMAZON = "non-amazon"
"""``sales-channel`` of multi-channel fulfilment orders, left out of every metric."""

DEFAULT = "US"


def get_marketplace(code: str, *, source: str | None = None) -> Marketplace:
    """Return the marketplace for a code such as ``"UK"`` (case-insensitive; ``GB`` = ``UK``).

    Raises
    ------
    ConfigError
        The code is not a marketplace sellerkit knows.
    """
    key = code.strip().upper()
    key = {"GB": "UK"}.get(key, key)
    try:
        return MARKETPLACES[key]
    except KeyError:
        raise ConfigError(
            "unknown marketplace",
            file=source,
            column="marketplace" if source else None,
            value=code,
            expected="one of " + ", ".join(MARKETPLACES),
            fix="use one of these codes",
        ) from None
