"""Render the account report: papermill executes the notebook, nbconvert exports one
self-contained HTML file without the code, and the file is written atomically.

The page loads nothing from the internet: charts are inline SVG and the template drops the
scripts nbconvert's default templates fetch from a CDN (require.js, MathJax, the widget
manager). A run that fails still writes its page, with a banner naming the failing step, and
then raises :class:`ReportError`.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter

from sellerkit._files import write_atomic
from sellerkit.errors import SellerkitError

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "account_report.ipynb"
_PACKAGED = Path(__file__).resolve().parent / "account_report.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"


class ReportError(SellerkitError):
    """The report notebook failed; its page was written with a banner."""


def report_notebook() -> Path:
    """The report notebook: the repository's, or the copy packaged with sellerkit."""
    return NOTEBOOK if NOTEBOOK.is_file() else _PACKAGED


def _export(notebook: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(
        template_name="sellerkit_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _failure(notebook: nbformat.NotebookNode) -> str | None:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"step {index + 1}: {output.get('ename')}: {output.get('evalue')}"
    return None


def render_report(
    account_dir: str | Path,
    output: str | Path,
    *,
    as_of: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    notebook: str | Path | None = None,
    kernel_name: str = "python3",
) -> Path:
    """Execute the report notebook for one account and write its HTML page.

    Parameters
    ----------
    account_dir
        The account's folder.
    output
        The HTML file to write (replaced atomically).
    as_of
        The report's as-of day (default: the latest order day).
    parameters
        Further notebook parameters (``title``, ``brand_colour``, ``redact`` …).

    Raises
    ------
    ReportError
        A step of the notebook failed; the page was written with a banner.
    """
    import papermill

    output = Path(output)
    values = {
        "account_path": str(Path(account_dir).resolve()),
        "as_of": as_of or "",
        "interactive": False,
        **(parameters or {}),
    }
    with tempfile.TemporaryDirectory(prefix="sellerkit-report-") as work:
        executed = Path(work) / "report.ipynb"
        failed = None
        try:
            papermill.execute_notebook(
                str(notebook or report_notebook()),
                str(executed),
                parameters=values,
                kernel_name=kernel_name,
                progress_bar=False,
                cwd=work,
            )
        except papermill.PapermillExecutionError as error:
            failed = f"{error.ename}: {error.evalue}"
        result = nbformat.read(executed, as_version=4)
    failed = failed and (_failure(result) or failed)
    page = _export(result)
    if failed:
        banner = (
            f'<div class="sellerkit-banner">This report is incomplete: {html.escape(failed)}'
            ". The sections after it are missing.</div>"
        )
        page = re.sub(r"(<main>|<body[^>]*>)", lambda m: m.group(1) + banner, page, count=1)
    write_atomic(output, page)
    if failed:
        raise ReportError(f"{output.name}: the report failed at {failed}; its page shows where")
    return output
