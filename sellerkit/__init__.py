"""sellerkit: understand and repair Amazon Account Health metrics, offline.

The public face: :func:`load_account` reads a folder of a seller's downloads into an
:class:`Account`; :func:`health`, :func:`history`, :func:`age_out` and :func:`reconcile`
compute the Account Health metrics; :mod:`sellerkit.datasets` generates and loads samples.
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
from sellerkit.metrics import AccountHealth, age_out, health, history, reconcile
from sellerkit.rules import RULES_VERSION, rules_for

try:
    __version__ = version("sellerkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "RULES_VERSION",
    "Account",
    "AccountError",
    "AccountHealth",
    "CellError",
    "ConfigError",
    "DataQualityWarning",
    "EncodingError",
    "InputError",
    "LayoutError",
    "SellerkitError",
    "SellerkitWarning",
    "__version__",
    "age_out",
    "datasets",
    "health",
    "history",
    "load_account",
    "reconcile",
    "rules_for",
]
