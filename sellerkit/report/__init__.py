"""Account health reports: a parameterised notebook rendered to one offline HTML page.

:func:`render_report` (and :class:`ReportError`, :func:`report_notebook`) are imported on
first use: the report notebook's kernel imports this package's page, tables and figures
modules, and has no use for the renderer's nbformat and papermill.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sellerkit.report.render import ReportError, render_report, report_notebook

_LAZY = {"ReportError", "render_report", "report_notebook"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module("sellerkit.report.render"), name)
    raise AttributeError(f"module 'sellerkit.report' has no attribute {name!r}")


__all__ = ["ReportError", "render_report", "report_notebook"]
