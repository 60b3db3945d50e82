"""The ``sellerkit`` command: parse, call one library function, print, exit.

This is the only module that knows about exit codes and the terminal: 0 success, 2 bad
input (one line on stderr, never a traceback), 1 an internal error (a bug: one line, and the
traceback only with ``SELLERKIT_DEBUG=1``). :func:`main` returns the status (tests call it);
:func:`run`, the program, ends the process with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sellerkit.errors import InputError, SellerkitError, SellerkitWarning

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2


def _summary(args: argparse.Namespace) -> int:
    from sellerkit.io.account import load_account
    from sellerkit.metrics.coverage import coverage
    from sellerkit.views import account_to_dict

    # The text view lists every data-quality issue; JSON leaves them to stderr warnings.
    account = load_account(args.account, marketplace=args.marketplace, warn=args.json)
    if args.json:
        print(json.dumps(account_to_dict(account), indent=2, ensure_ascii=False))
    else:
        print(account)
        print()
        print(coverage(account))
    return EXIT_OK


def _metrics(args: argparse.Namespace) -> int:
    from sellerkit.io.account import load_account
    from sellerkit.metrics import age_out, health

    account = load_account(args.account, marketplace=args.marketplace, warn=True)
    result = health(account, as_of=args.as_of)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(result)
    if args.age_out:
        print()
        print(age_out(account, as_of=result.as_of))
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    if args.store:
        from sellerkit.report.store import account_history
        from sellerkit.report.store_text import stored_history_text

        stored = account_history(Path(args.store), args.account)
        print(
            json.dumps(stored, indent=2, ensure_ascii=False)
            if args.json
            else stored_history_text(stored)
        )
        return EXIT_OK
    from sellerkit.io.account import load_account
    from sellerkit.metrics.snapshots import snapshots

    account = load_account(args.account, marketplace=args.marketplace, warn=True)
    history = snapshots(account)
    if args.json:
        print(json.dumps(history.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(history)
    return EXIT_OK


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


def _report(args: argparse.Namespace) -> int:
    from sellerkit.io.account import load_account
    from sellerkit.report import ReportError, render_report
    from sellerkit.report.parameters import INTERNAL, check_parameters
    from sellerkit.report.render import outputs_for, report_notebook

    # Bad parameters or input: one clear line and exit 2, before anything runs.
    parameters = check_parameters(dict(args.parameter), report_notebook(), internal=INTERNAL)
    load_account(args.account, warn=False)
    try:
        path = render_report(
            args.account, args.output, as_of=args.as_of, parameters=parameters, pdf=args.pdf
        )
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    for written in outputs_for(path, args.pdf):
        if written is not None:
            print(written)
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from sellerkit.report.batch import run_batch

    parameters = dict(args.parameter)  # checked and typed by run_batch
    result = run_batch(
        args.root,
        args.output,
        workers=args.workers,
        as_of=args.as_of,
        parameters=parameters,
        force=args.force,
        progress=not args.quiet,
        scheduler=args.scheduler,
    )
    print(result)
    return EXIT_INTERNAL if result.failed else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from sellerkit.export import export_tables
    from sellerkit.io.account import load_account

    account = load_account(args.account, marketplace=args.marketplace)
    written = export_tables(account, Path(args.output), overwrite=args.force)
    for path in written:
        print(path)
    return EXIT_OK


def _samples(args: argparse.Namespace) -> int:
    from sellerkit import datasets

    if args.write:
        written = datasets.write_samples(
            Path(args.write), names=args.names or None, overwrite=args.force
        )
        for path in written:
            print(path)
        return EXIT_OK
    for name in datasets.list_samples():
        print(f"{name:<16} {datasets.sample_path(name)}")
    return EXIT_OK


def _workshop(args: argparse.Namespace) -> int:
    from sellerkit.workshop.folder import reset, set_up

    if args.reset:
        fresh, old_copy = reset(args.folder, args.reset)
        print(
            f"{fresh}: a fresh copy"
            + (f"; your work is kept in {old_copy.name}" if old_copy else "")
        )
        return EXIT_OK
    copied, kept = set_up(args.folder, solutions=args.solutions)
    for path in copied:
        print(path)
    if kept:
        print(
            f"{len(kept)} file(s) already there were left as they are "
            "(--reset LESSON starts one lesson again)"
        )
    return EXIT_OK


def _lab(args: argparse.Namespace) -> int:  # pragma: no cover - replaces the process
    from sellerkit.lab import start_lab

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder. Fix: give the folder of your notebooks")
    start_lab(folder, args.jupyter_options)
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sellerkit",
        description="Understand Amazon Account Health metrics from a seller's downloads.",
    )
    from sellerkit import __version__

    parser.add_argument("--version", action="version", version=f"sellerkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = commands.add_parser(
        "summary", help="load an account folder and print its tables and data quality"
    )
    summary.add_argument("account", metavar="ACCOUNT_DIR", help="folder of the downloads")
    summary.add_argument("--marketplace", help="marketplace code (US, UK, DE, JP …)")
    summary.add_argument("--json", action="store_true", help="print JSON instead of text")
    _cache_option(summary)
    summary.set_defaults(run=_summary)

    metrics = commands.add_parser(
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
    metrics.set_defaults(run=_metrics)

    history = commands.add_parser(
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
    history.set_defaults(run=_history)

    report = commands.add_parser(
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
    report.set_defaults(run=_report)

    batch = commands.add_parser(
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
    _parameter_option(batch, "a report parameter for every account")
    _cache_option(batch)
    batch.set_defaults(run=_batch)

    export = commands.add_parser(
        "export",
        help="write the account's clean tables as CSV (spreadsheet-safe)",
    )
    export.add_argument("account", metavar="ACCOUNT_DIR")
    export.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    export.add_argument("--marketplace")
    export.add_argument("--force", action="store_true", help="replace existing CSV files")
    _cache_option(export)
    export.set_defaults(run=_export)

    samples = commands.add_parser("samples", help="list the bundled sample accounts, or write them")
    samples.add_argument("names", nargs="*", metavar="NAME", help="samples to write (default all)")
    samples.add_argument("--write", metavar="DIR", help="generate the samples into DIR")
    samples.add_argument("--force", action="store_true", help="replace existing samples")
    samples.set_defaults(run=_samples)

    workshop = commands.add_parser(
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
    workshop.set_defaults(run=_workshop)

    lab = commands.add_parser(
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
    lab.set_defaults(run=_lab)
    return parser


def _print_warning(message: warnings.WarningMessage) -> None:
    print(f"warning: {message.message}", file=sys.stderr)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SellerkitWarning)
        try:
            status = func(args)
        finally:
            for message in caught:
                if issubclass(message.category, SellerkitWarning):
                    _print_warning(message)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by ``python -m sellerkit``)."""
    args = _parser().parse_args(argv)
    if getattr(args, "no_cache", False):
        os.environ["SELLERKIT_CACHE"] = "off"  # also for the report's kernel and workers
    try:
        return _run(args.run, args)
    except SellerkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        name = Path(exc.filename).name if getattr(exc, "filename", None) else ""
        print(f"error: {name + ': ' if name else ''}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("SELLERKIT_DEBUG"):
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc} — please report it "
            "(set SELLERKIT_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The ``sellerkit`` program: :func:`main`, then end the process with its status.

    After bad input (status 2) the process ends at once, with ``os._exit`` once stdout and
    stderr are flushed, skipping the interpreter's shutdown. Why: Arrow's thread pools are
    never joined, so a task of a read that failed can still be finishing while Python shuts
    down; a native thread that then needs Python (it cannot take the GIL any more) or freed
    C++ state aborts the process — "terminate called without an active exception", exit
    134 instead of 2. The cause found (issue 11) is fixed in the reader, which hands Arrow
    no Python object (:func:`sellerkit.io.parse._source`); this keeps the documented
    status safe from any other native thread. Nothing is left to clean up at that point:
    the command has failed and its one line is written.
    """
    status = main()
    if status == EXIT_INPUT:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe or file
                stream.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
