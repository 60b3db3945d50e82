"""The ``sellerkit`` command line's arguments: each command, its options and its help (the
report's parameters are read from its notebook only when help is asked for)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sellerkit import commands


def _cache_option(parser: argparse.ArgumentParser) -> None:
    """``--no-cache``: parse every download again (see sellerkit.io.cache)."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every download again instead of reading the parse cache of large files",
    )


def _parameters_help() -> str:
    """The report notebook's parameters, for ``--help``."""
    from sellerkit.report.parameters import INTERNAL, notebook_parameters
    from sellerkit.report.render import report_notebook

    lines = ["report parameters (-p NAME VALUE):"]
    for parameter in notebook_parameters(report_notebook()).values():
        if parameter.name not in INTERNAL:
            lines.append(
                f"  {parameter.name} ({parameter.type}, default {parameter.default!r}): "
                f"{parameter.help}"
            )
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """A parser whose epilog may be computed when help is asked for (``epilog_factory``),
    so building the parser never imports what only ``--help`` needs."""

    epilog_factory: Callable[[], str] | None = None

    def format_help(self) -> str:
        if self.epilog_factory is not None:
            self.epilog = self.epilog_factory()
        return super().format_help()


def _parameter_option(parser: argparse.ArgumentParser, description: str) -> None:
    """``-p NAME VALUE``, repeatable: a parameter of the report notebook."""
    if isinstance(parser, _Parser):
        parser.epilog_factory = _parameters_help
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=description,
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``sellerkit`` command line: every command, its options and help."""
    parser = _Parser(
        prog="sellerkit",
        description="Understand Amazon Account Health metrics from a seller's downloads.",
    )
    from sellerkit import __version__

    parser.add_argument("--version", action="version", version=f"sellerkit {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = subparsers.add_parser(
        "summary", help="load an account folder and print its tables and data quality"
    )
    summary.add_argument("account", metavar="ACCOUNT_DIR", help="folder of the downloads")
    summary.add_argument("--marketplace", help="marketplace code (US, UK, DE, JP …)")
    summary.add_argument("--json", action="store_true", help="print JSON instead of text")
    _cache_option(summary)
    summary.set_defaults(run=commands.summary)

    metrics = subparsers.add_parser(
        "metrics", help="every Account Health metric with its counts, interval and status"
    )
    metrics.add_argument("account", metavar="ACCOUNT_DIR", help="folder of the downloads")
    metrics.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="last complete day covered (default: the latest order day)",
    )
    metrics.add_argument(
        "--json", action="store_true", help="the JSON document of the data contract"
    )
    metrics.add_argument(
        "--age-out", action="store_true", help="also list when each order defect leaves the window"
    )
    metrics.add_argument("--marketplace", help="marketplace code (US, UK, DE, JP …)")
    _cache_option(metrics)
    metrics.set_defaults(run=commands.metrics)

    history = subparsers.add_parser(
        "history",
        help="every Amazon performance report in the folder as a dated snapshot, beside "
        "sellerkit's figures for the same windows",
    )
    history.add_argument(
        "account",
        metavar="ACCOUNT_DIR|ACCOUNT_NAME",
        help="folder of the downloads; with --store, the account's name in the store",
    )
    history.add_argument(
        "--store",
        metavar="PATH",
        help="read the history store of batch runs (OUT_DIR/history.duckdb) instead",
    )
    history.add_argument("--json", action="store_true", help="print JSON instead of text")
    history.add_argument("--marketplace", help="marketplace code (US, UK, DE, JP …)")
    _cache_option(history)
    history.set_defaults(run=commands.history)

    report = subparsers.add_parser(
        "report", help="render the account's health report as one offline HTML page"
    )
    report.add_argument("account", metavar="ACCOUNT_DIR", help="folder of the downloads")
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="REPORT.html|REPORT.pdf",
        help="the page (.html) or the PDF (.pdf) to write",
    )
    report.add_argument(
        "--pdf", action="store_true", help="also write the PDF beside the page (report.pdf)"
    )
    report.add_argument("--as-of", metavar="YYYY-MM-DD", help="last complete day covered")
    _parameter_option(report, "a report parameter: title, brand_colour, redact, horizon …")
    _cache_option(report)
    report.set_defaults(run=commands.report)

    batch = subparsers.add_parser(
        "batch", help="render a report for every account folder, and a portfolio page"
    )
    batch.add_argument("root", metavar="ACCOUNTS_ROOT", help="folder of account folders")
    batch.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    batch.add_argument("--workers", type=int, default=2, help="parallel worker processes")
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="render on a Dask distributed cluster (tcp://host:8786) instead of local workers",
    )
    batch.add_argument("--as-of", metavar="YYYY-MM-DD", help="last complete day covered")
    batch.add_argument("--force", action="store_true", help="render unchanged accounts too")
    batch.add_argument("--quiet", action="store_true", help="no progress bar")
    batch.add_argument("--pdf", action="store_true", help="also write a PDF of every report")
    batch.add_argument(
        "--store",
        metavar="PATH",
        help="the history store of the runs (default: OUT_DIR/history.duckdb)",
    )
    batch.add_argument(
        "--warn-at",
        type=float,
        default=0.8,
        metavar="FRACTION",
        help="flag a metric this far on its way to its target (default 0.8)",
    )
    _parameter_option(batch, "a report parameter for every account")
    _cache_option(batch)
    batch.set_defaults(run=commands.batch)

    export = subparsers.add_parser(
        "export",
        help="write the account's clean tables as CSV (spreadsheet-safe)",
    )
    export.add_argument("account", metavar="ACCOUNT_DIR")
    export.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    export.add_argument("--marketplace")
    export.add_argument("--force", action="store_true", help="replace existing CSV files")
    _cache_option(export)
    export.set_defaults(run=commands.export)

    samples = subparsers.add_parser(
        "samples", help="list the bundled sample accounts, or write them"
    )
    samples.add_argument("names", nargs="*", metavar="NAME", help="samples to write (default all)")
    samples.add_argument("--write", metavar="DIR", help="generate the samples into DIR")
    samples.add_argument("--force", action="store_true", help="replace existing samples")
    samples.set_defaults(run=commands.samples)

    workshop = subparsers.add_parser(
        "workshop", help="copy the workshop's lessons into a folder, or reset one lesson"
    )
    workshop.add_argument("folder", metavar="DIR", help="the participant's folder")
    workshop.add_argument(
        "--reset",
        metavar="LESSON",
        help="give one lesson (file name or number, e.g. 02) its fresh content; "
        "your copy is renamed, never deleted",
    )
    workshop.add_argument(
        "--solutions", action="store_true", help="also copy the solutions (facilitators)"
    )
    workshop.set_defaults(run=commands.workshop)

    lab = subparsers.add_parser(
        "lab",
        help="start JupyterLab on a folder, on this machine only, with no internet look-ups",
    )
    lab.add_argument("folder", nargs="?", default=".", metavar="DIR")
    lab.add_argument(
        "jupyter_options",
        nargs=argparse.REMAINDER,
        metavar="...",
        help="more JupyterLab options, e.g. --ServerApp.port=8899",
    )
    lab.set_defaults(run=commands.lab)
    return parser
