"""What each ``sellerkit`` command does: parse nothing, call one library function, print.

Each function takes the parsed arguments (:mod:`sellerkit.cli_parser`) and returns the exit
status; :mod:`sellerkit.cli` maps errors to statuses and ends the process.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sellerkit.errors import AccountError, InputError

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
"""Exit statuses: success, an internal error (a bug), bad input."""


def summary(args: argparse.Namespace) -> int:
    from sellerkit.io.account import load_account
    from sellerkit.metrics.coverage import coverage
    from sellerkit.views import account_to_dict

    # The text view lists every data-quality issue; JSON leaves them to stderr warnings.
    account = load_account(
        args.account, marketplace=args.marketplace, warn=args.json, editable=False
    )
    if args.json:
        print(json.dumps(account_to_dict(account), indent=2, ensure_ascii=False))
    else:
        print(account)
        print()
        print(coverage(account))
    return EXIT_OK


def metrics(args: argparse.Namespace) -> int:
    from sellerkit.io.account import load_account
    from sellerkit.metrics import age_out, health
    from sellerkit.metrics.as_of import parse_as_of

    # A bad day stops the command before the folder is read (and its warnings printed).
    as_of = parse_as_of(args.as_of) if args.as_of else None
    # The command line never sets a cell: the tables stay read-only views (no copy).
    account = load_account(args.account, marketplace=args.marketplace, warn=True, editable=False)
    result = health(account, as_of=as_of)
    if args.json:
        document = result.to_dict()
        if args.age_out:
            document["ageOut"] = age_out(account, as_of=result.as_of).to_dict()
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(result)
    if args.age_out:
        print()
        print(age_out(account, as_of=result.as_of))
    return EXIT_OK


def history(args: argparse.Namespace) -> int:
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
    from sellerkit.io.reports_only import load_performance_reports
    from sellerkit.metrics.snapshots import reports_history, snapshots

    try:
        account = load_account(
            args.account, marketplace=args.marketplace, warn=True, editable=False
        )
    except AccountError as error:
        if "holds no All Orders report" not in error.problem:
            raise
        # Amazon's reports alone still make a history (sellerkit's figures need the orders).
        name, market, documents = load_performance_reports(args.account, args.marketplace)
        history = reports_history(name, market, documents)
    else:
        history = snapshots(account)
    if args.json:
        print(json.dumps(history.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(history)
    return EXIT_OK


def report(args: argparse.Namespace) -> int:
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


def batch(args: argparse.Namespace) -> int:
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
        pdf=args.pdf,
        store=args.store,
        warn_at=args.warn_at,
    )
    print(result)
    return EXIT_INTERNAL if result.failed else EXIT_OK


def export(args: argparse.Namespace) -> int:
    from sellerkit.export import export_tables
    from sellerkit.io.account import load_account

    account = load_account(args.account, marketplace=args.marketplace)
    written = export_tables(account, Path(args.output), overwrite=args.force)
    for path in written:
        print(path)
    return EXIT_OK


def samples(args: argparse.Namespace) -> int:
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


def workshop(args: argparse.Namespace) -> int:
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


def lab(args: argparse.Namespace) -> int:  # pragma: no cover - replaces the process
    from sellerkit.lab import start_lab

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder. Fix: give the folder of your notebooks")
    start_lab(folder, args.jupyter_options)
    return EXIT_OK
