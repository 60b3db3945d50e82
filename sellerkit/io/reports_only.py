"""Amazon's performance reports of a folder without any order file: what ``sellerkit
history`` needs when a seller keeps the weekly reports alone (Amazon's rating and figures
over time need no order file; sellerkit's own figures beside them do).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sellerkit.errors import AccountError
from sellerkit.io.account import check_folder
from sellerkit.io.choose_marketplace import given_marketplace
from sellerkit.io.config import read_config
from sellerkit.io.folder import list_files, recognised, sniff_files
from sellerkit.io.read_files import read_performance_files
from sellerkit.io.schema import Kind
from sellerkit.marketplaces import DEFAULT, MARKETPLACES, Marketplace
from sellerkit.quality import DataQuality


def _report_marketplaces(documents: list[dict[str, Any]]) -> set[str]:
    """The marketplace ids the reports' ``performanceMetrics`` entries name."""
    ids = set()
    for document in documents:
        entries = document.get("performanceMetrics")
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get("marketplaceId"):
                ids.add(str(entry["marketplaceId"]))
    return ids


def load_performance_reports(
    path: str | Path, marketplace: str | None = None
) -> tuple[str, Marketplace, list[dict[str, Any]]]:
    """The account's name, its marketplace and every performance report in the folder.

    The marketplace is the one given, else ``account.toml``'s, else the one the reports
    name (the default when they name none).

    Raises
    ------
    AccountError
        The folder does not exist, holds no performance report, or its reports name several
        marketplaces and none was given.
    """
    folder = check_folder(path)
    config = read_config(folder)
    quality = DataQuality()
    given = given_marketplace(marketplace, config, folder)
    candidates = sniff_files(list_files(folder, quality), config.encoding, given)
    market = given or MARKETPLACES[DEFAULT]
    sniffed = recognised(candidates, market, config.encoding, quality)
    documents, _ = read_performance_files(sniffed, config.encoding, market)
    if not any(s.kind is Kind.PERFORMANCE for s in sniffed):
        raise AccountError(
            "holds no All Orders report and no seller performance report",
            file=folder,
            expected="the account's downloads",
            fix="put the All Orders report and Amazon's performance reports in this folder",
        )
    if given is None:
        by_id = {m.marketplace_id: m for m in MARKETPLACES.values()}
        named = sorted(i for i in _report_marketplaces(documents) if i in by_id)
        if len(named) > 1:
            codes = ", ".join(by_id[i].code for i in named)
            raise AccountError(
                f"its performance reports hold several marketplaces ({codes})",
                file=folder,
                fix="give --marketplace CODE, or marketplace in account.toml",
            )
        market = by_id[named[0]] if named else market
    return config.name or folder.resolve().name, market, documents
