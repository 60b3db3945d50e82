"""sellerkit: understand and repair Amazon Account Health metrics, offline.

The public face: :func:`load_account` reads a folder of a seller's downloads into an
:class:`Account`; :mod:`sellerkit.datasets` generates and loads sample accounts.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from sellerkit import datasets
from sellerkit.account import Account
from sellerkit.errors import (
    AccountError,
    CellError,
    ConfigError,
    DataQualityWarning,
    EncodingError,
    InputError,
    LayoutError,
    SellerkitError,
    SellerkitWarning,
)
from sellerkit.io.account import load_account

try:
    __version__ = version("sellerkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Account",
    "AccountError",
    "CellError",
    "ConfigError",
    "DataQualityWarning",
    "EncodingError",
    "InputError",
    "LayoutError",
    "SellerkitError",
    "SellerkitWarning",
    "__version__",
    "datasets",
    "load_account",
]
