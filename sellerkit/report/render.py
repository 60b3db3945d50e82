"""Render the account report: papermill executes the notebook, nbconvert exports one
self-contained HTML file without the code, and the file is written atomically.

The kernel sends each chart as its Vega-Lite spec; the exporter, in this long-lived process,
draws it as an SVG picture with its title as alt text, or (the dilution sliders, or every chart
with ``live_charts``) as a chart the Vega libraries draw in the page, inlined once. The page
loads nothing from the internet: the template drops the scripts nbconvert's default templates
fetch from a CDN (require.js, MathJax, the widget manager). A run that fails still writes its
page, with a banner naming the failing step, and then raises :class:`ReportError`.
"""

from __future__ import annotations

import copy
import functools
import html
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from sellerkit._files import refuse_inside, write_atomic
from sellerkit.errors import SellerkitError
from sellerkit.report.failure import Failure, failed_step, hide_tracebacks
from sellerkit.report.figures import AccountFigures

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "account_report.ipynb"
_PACKAGED = Path(__file__).resolve().parent / "account_report.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"


class ReportError(SellerkitError):
    """The report notebook failed; its page was written with a banner.

    Attributes
    ----------
    failure
        The :class:`Failure` (step, exception name and message), or the chart that could
        not be drawn.
    """

    def __init__(self, message: str, failure: Failure | str | None = None) -> None:
        super().__init__(message)
        self.failure = failure


def report_notebook() -> Path:
    """The report notebook: the repository's, or the copy packaged with sellerkit."""
    return NOTEBOOK if NOTEBOOK.is_file() else _PACKAGED


def _draw_charts(notebook: nbformat.NotebookNode, static: bool = False) -> tuple[bool, str | None]:
    """Replace every chart the kernel sent as a spec (``charts.enable(deferred=True)``) by
    its drawing, here in the long-lived rendering process where vl-convert stays warm from
    one report to the next. Returns whether any is drawn live (the page then needs the Vega
    libraries) and the first chart that could not be drawn. ``static`` draws every chart as
    a picture, sliders left out (for paper)."""
    from sellerkit import charts

    live, failed = False, None
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).pop(charts.SPEC_MIMETYPE, None)
            if payload is None:
                continue
            if static and payload.get("live"):
                # Paper has no sliders: a sentence where the live chart was.
                output["data"] = {
                    "text/html": '<p class="sk-note">The interactive chart of this section '
                    "(sliders for extra orders and their defect rate) is in the HTML report."
                    "</p>"
                }
                continue
            try:
                data, metadata = charts.draw_deferred(payload)
            except Exception as error:
                message = " ".join(line.strip() for line in str(error).splitlines()[:2])
                reason = f"{type(error).__name__}: {message}"
                failed = failed or f"step {index + 1}: a chart could not be drawn ({reason})"
                data = {
                    "text/html": '<div class="sellerkit-banner">This chart could not be '
                    f"drawn: {html.escape(reason)}</div>"
                }
                metadata = {}
            else:
                live = live or bool(payload.get("live"))
            output["data"].update(data)
            output.setdefault("metadata", {}).update(metadata)
    return live, failed


@functools.lru_cache(maxsize=1)
def _exporter():  # -> nbconvert.HTMLExporter; built once per process: its template compiles
    from nbconvert import HTMLExporter  # imported here: report notebooks import this package

    return HTMLExporter(
        template_name="sellerkit_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


_LIBRARIES = "<!-- sellerkit: the Vega libraries go here -->"


def _export(notebook: nbformat.NotebookNode, static: bool = False) -> tuple[str, str | None]:
    """The page of an executed report notebook — charts drawn (in ``notebook``, which is
    changed), no code, nothing fetched — and the first chart that could not be drawn."""
    from sellerkit import charts

    live, failed = _draw_charts(notebook, static)
    body, _ = _exporter().from_notebook_node(notebook)
    # The libraries (1 MB) go in after nbconvert's own passes over the page.
    return body.replace(_LIBRARIES, charts.bundle_script() if live else "", 1), failed


def execute(
    source: str | Path, parameters: Mapping[str, Any], kernel_name: str, cwd: str | Path
) -> tuple[nbformat.NotebookNode, Failure | None]:
    """Run ``source`` through papermill, in memory (the executed notebook is not written to
    disk). Returns the executed notebook and, when a cell failed or the kernel died, the
    :class:`Failure` (the notebook then holds the cells up to the failing one, with its
    error).

    The kernel talks to this process over Unix sockets in ``cwd`` (IPC), not TCP ports:
    nothing listens on the network, parallel launches cannot race for a port, and the kernel
    has no reason to warn about unencrypted TCP."""
    import papermill  # type: ignore[import-untyped]  # ships no stubs, no py.typed
    from nbclient.exceptions import DeadKernelError
    from traitlets.config import Config

    started: dict[str, nbformat.NotebookNode] = {}
    try:
        executed = papermill.execute_notebook(
            str(source),
            None,
            parameters=dict(parameters),
            kernel_name=kernel_name,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd),
            # nbclient's hook hands over the notebook it runs: the one left when a cell fails.
            on_notebook_start=lambda notebook, **_: started.update(notebook=notebook),
            config=Config({"KernelManager": {"transport": "ipc", "ip": str(Path(cwd) / "kernel")}}),
            # The kernel logs the interrupt nbclient sends when it shuts it down as an ERROR
            # line on the terminal ("KeyboardInterrupt caught in kernel"): not one of ours.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as error:
        notebook = started["notebook"]
        return notebook, failed_step(notebook) or Failure(0, error.ename, error.evalue)
    except DeadKernelError as error:
        notebook = started.get("notebook") or nbformat.read(str(source), as_version=4)
        return notebook, Failure(0, "DeadKernelError", str(error).splitlines()[0][:300])
    return executed, None


def _with_banner(page: str, failed: Failure | str | None) -> str:
    if not failed:
        return page
    banner = (
        f'<div class="sellerkit-banner">This report is incomplete: {html.escape(str(failed))}'
        ". The sections after it are missing.</div>"
    )
    return re.sub(r"(<main>|<body[^>]*>)", lambda m: m.group(1) + banner, page, count=1)


def outputs_for(output: str | Path, pdf: bool = False) -> tuple[Path | None, Path | None]:
    """The HTML and PDF files a report writes: the format follows ``output``'s extension
    (``.pdf``: the PDF only; ``.html`` or ``.htm``: the page), and ``pdf`` adds a PDF beside
    the page (``report.html`` → ``report.pdf``).

    Raises
    ------
    InputError
        ``output`` ends otherwise (``-o report.txt`` would write a page under a name no
        browser opens, or replace a download).
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".pdf":
        return None, output
    if suffix not in (".html", ".htm"):
        from sellerkit.errors import InputError

        raise InputError(
            "-o must name an .html or .pdf file",
            file=output,
            expected="a page (.html, .htm) or a PDF (.pdf)",
            fix=f"give -o {output.with_suffix('.html').name} or {output.with_suffix('.pdf').name}",
        )
    return output, (output.with_suffix(".pdf") if pdf else None)


@dataclass(frozen=True)
class Rendered:
    """What rendering one account's report gave.

    Attributes
    ----------
    page, pdf
        The files written (None for a format not asked for).
    figures
        The account's figures as the report computed them
        (:func:`sellerkit.report.figures.account_figures`), when asked for and the run got
        that far; else empty.
    failure
        Where and how the run failed (the page and PDF were still written, with a banner),
        or None.
    """

    page: Path | None
    pdf: Path | None
    figures: AccountFigures
    failure: Failure | str | None

    @property
    def ok(self) -> bool:
        """No step failed and every chart was drawn."""
        return self.failure is None


def render(
    account_dir: str | Path,
    output: str | Path,
    *,
    as_of: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    notebook: str | Path | None = None,
    kernel_name: str = "python3",
    pdf: bool = False,
    figures: bool = False,
) -> Rendered:
    """Execute the report notebook for one account, write its page and/or PDF, and return
    what happened instead of raising on a failed step (see :func:`render_report`, which
    raises). ``figures`` also brings back the figures the kernel computed (batch runs).

    Raises
    ------
    InputError
        An unknown parameter or a value of the wrong type (nothing is run).
    PdfError
        A PDF was asked for and this machine cannot make one (nothing is run).
    """
    from sellerkit.report.figures import extract
    from sellerkit.report.parameters import INTERNAL, check_as_of, check_parameters

    refuse_inside(output, account_dir, fix="give -o a path outside the account folder")
    page_path, pdf_path = outputs_for(output, pdf)
    for path in (page_path, pdf_path):
        if path is not None:
            _check_output(path, account_dir)
    check_as_of(as_of or "", "--as-of")
    if pdf_path is not None:
        _check_pdf()
    source = notebook or report_notebook()
    values = {
        "account_path": str(Path(account_dir).resolve()),
        "as_of": as_of or "",
        "interactive": False,
        **check_parameters(parameters or {}, source, internal=INTERNAL),
        **({"figures": True} if figures else {}),
    }
    with tempfile.TemporaryDirectory(prefix="sellerkit-report-") as work:
        result, failure = execute(source, values, kernel_name, work)
    found = extract(result)
    if failure is not None:
        hide_tracebacks(result)
    failed: Failure | str | None = failure
    paper = copy.deepcopy(result) if pdf_path is not None else None
    if page_path is not None:
        page, chart_failed = _export(result)
        failed = failed or chart_failed
        write_atomic(page_path, _with_banner(page, failed))
    if paper is not None and pdf_path is not None:
        from sellerkit.report.pdf import write_pdf

        page, chart_failed = _export(paper, static=True)
        failed = failed or chart_failed
        write_pdf(_with_banner(page, failed), pdf_path)
    return Rendered(page_path, pdf_path, found, failed)


def render_report(
    account_dir: str | Path,
    output: str | Path,
    *,
    as_of: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    notebook: str | Path | None = None,
    kernel_name: str = "python3",
    pdf: bool = False,
) -> Path:
    """Execute the report notebook for one account and write its HTML page, its PDF, or
    both.

    Parameters
    ----------
    account_dir
        The account's folder.
    output
        The file to write (replaced atomically): ``report.html`` for the page,
        ``report.pdf`` for the PDF (:mod:`sellerkit.report.pdf`).
    as_of
        The report's as-of day (default: the latest order day).
    parameters
        Further notebook parameters (``title``, ``brand``, ``brand_colour``, ``logo``,
        ``redact`` …).
    pdf
        Also write the PDF beside the page (``report.html`` → ``report.pdf``).

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    InputError
        An unknown parameter or a value of the wrong type (nothing is run).
    ReportError
        A step of the notebook failed; the page was written with a banner. Its ``failure``
        says which step and how.
    PdfError
        A PDF was asked for and this machine cannot make one (nothing is run).
    """
    done = render(
        account_dir,
        output,
        as_of=as_of,
        parameters=parameters,
        notebook=notebook,
        kernel_name=kernel_name,
        pdf=pdf,
    )
    if done.failure is not None:
        name = Path(output).name
        raise ReportError(
            f"{name}: the report failed at {done.failure}; its page shows where", done.failure
        )
    return Path(output)


def _check_output(path: Path, account_dir: str | Path) -> None:
    """Stop before the notebook runs when the report cannot be written where asked: among
    the account's downloads (never), on a folder, or in a folder that cannot hold it."""
    from sellerkit.errors import InputError

    refuse_inside(path, account_dir, fix="give -o a path outside the account folder")
    if path.is_dir():
        raise InputError(
            "-o names a folder, not a file:",
            value=str(path),
            fix=f"give a file name such as {path / 'report.html'}",
        )
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
    if not folder.is_dir():
        raise InputError(
            f"the report cannot be written to {path}: {folder} is a file, not a folder",
            fix="give -o a path in an existing folder",
        )
    try:  # os.access says yes to root on read-only or virtual file systems (/proc): try it
        with tempfile.TemporaryFile(dir=folder, prefix=".sellerkit-probe-"):
            pass
    except OSError as error:
        raise InputError(
            f"the report cannot be written to {path} "
            f"({error.strerror or type(error).__name__} in {folder})",
            fix="give -o a path in a folder you can write",
        ) from None


def _check_pdf() -> None:
    """Fail before running anything when this machine cannot make a PDF."""
    from sellerkit.report.pdf import PdfError

    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401  # no stubs
    except (ImportError, OSError) as error:
        raise PdfError(
            f"cannot make a PDF on this machine ({type(error).__name__}). Fix: pip install "
            "weasyprint, and install the Pango library (Debian/Ubuntu: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango)"
        ) from None
