"""Plain data views of loaded objects, for JSON output and machines."""

from __future__ import annotations

from typing import Any

from sellerkit.account import Account
from sellerkit.metrics.coverage import coverage


def account_to_dict(account: Account) -> dict[str, Any]:
    """The account's summary as JSON-ready data: files, tables, data quality, notes, and
    the coverage of each figure (assumptions counted on the latest order day)."""
    summary = account.summary()
    tables = {
        table: {
            "rows": int(rows),
            "orders": int(orders),
            "firstDay": None if first_day is None else str(first_day),
            "lastDay": None if last_day is None else str(last_day),
        }
        for table, rows, orders, first_day, last_day in zip(
            summary["table"],
            summary["rows"],
            summary["orders"],
            summary["first_day"],
            summary["last_day"],
            strict=True,
        )
    }
    last = account.last_order_day
    return {
        "account": account.name,
        "marketplace": account.marketplace.code,
        "salesChannel": account.marketplace.sales_channel,
        "lastOrderDay": None if last is None else last.isoformat(),
        "orders": account.channel_counts(),
        "files": account.files.to_dict(orient="records"),
        "tables": tables,
        "dataQuality": account.quality.to_dict(),
        "issues": account.quality.messages(),
        "notes": list(account.quality.notes),
        "coverage": coverage(account).to_dict(),
    }
