"""sellerkit: understand and repair Amazon Account Health metrics, offline.

The public face: :func:`load_account` reads a folder of a seller's downloads into an
:class:`Account`; :func:`health`, :func:`history`, :func:`age_out` and :func:`reconcile`
compute the Account Health metrics and :func:`defect_events` lists what counts as a defect;
:mod:`sellerkit.datasets` generates and loads samples. :func:`derive_facts` derives what
they all count from once, for a caller that runs several of them on one day (``facts=``).
"""

from __future__ import annotations

from sellerkit._version import __version__
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
from sellerkit.metrics import (
    AccountHealth,
    age_out,
    defect_events,
    derive_facts,
    health,
    history,
    reconcile,
)
from sellerkit.rules import RULES_VERSION, rules_for


def __getattr__(name: str) -> object:
    # sellerkit.datasets (the generator and the samples) is imported on first use: reading
    # a seller's own files, as every report does, does not need it.
    if name == "datasets":
        import importlib

        return importlib.import_module("sellerkit.datasets")
    raise AttributeError(f"module 'sellerkit' has no attribute {name!r}")


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
    "defect_events",
    "derive_facts",
    "health",
    "history",
    "load_account",
    "reconcile",
    "rules_for",
]
