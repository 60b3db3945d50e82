"""The ``sellerkit`` command: parse, call one library function, print, exit.

This is the only module that knows about exit codes and the terminal: 0 success, 2 bad
input (one line on stderr, never a traceback), 1 an internal error (a bug: one line, and the
traceback only with ``SELLERKIT_DEBUG=1``). :func:`main` returns the status (tests call it);
:func:`run`, the program, ends the process with it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sellerkit.cli_parser import build_parser
from sellerkit.commands import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK
from sellerkit.errors import SellerkitError, SellerkitWarning

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main", "run"]


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


READ_AND_PRINT = frozenset({"summary", "metrics", "history"})
"""Commands that only read an account and print: they end at once when done (:func:`run`)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by ``python -m sellerkit``)."""
    return _main(argv)[0]


def _main(argv: Sequence[str] | None) -> tuple[int, str]:
    """The exit status, and the command that ran (argparse itself exits on bad arguments,
    ``--help`` and ``--version``)."""
    args = build_parser().parse_args(argv)
    return _status(args), args.command


def _status(args: argparse.Namespace) -> int:
    if getattr(args, "no_cache", False):
        os.environ["SELLERKIT_CACHE"] = "off"  # also for the report's kernel and workers
    try:
        return _run(args.run, args)
    except SellerkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader went away (``sellerkit metrics … | head``): nothing left to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
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

    A command of :data:`READ_AND_PRINT` that succeeded ends the same way once its output is
    flushed: it has no file still open for writing, no process started and no temporary
    file, so the interpreter's shutdown (collecting the objects of every module pandas,
    Arrow and scipy loaded, and the account's tables) would change nothing but the time:
    0.2 to 0.45 s of a 2 s ``sellerkit metrics --json`` on the 1M-row account of
    ``benchmarks/bench_metrics_e2e.py`` (timed with ``os._exit`` and without). Commands that
    write files, run notebooks or start workers end normally, and so does any command run
    under a tracer or profiler (coverage, cProfile), whose results are written at exit.
    Output that could not be flushed is an error (:func:`_flushed`), never a silent success.
    """
    status, command = _main(None)
    traced = sys.gettrace() is not None or sys.getprofile() is not None
    if status == EXIT_INPUT or (status == EXIT_OK and command in READ_AND_PRINT and not traced):
        os._exit(_flushed(status))
    sys.exit(status)


def _flushed(status: int) -> int:
    """Flush stdout and stderr before ``os._exit``; the status to end with.

    A reader that went away (a closed pipe) is not an error. Output that could not be
    written (a full disk, a file-size limit) is: one line on stderr and status 2 instead of
    a success with cut-off output. A stream that is closed or absent (``>&-``, pythonw) has
    nothing to flush.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away; a closed stream
        pass
    except OSError as exc:
        status = EXIT_INPUT
        with contextlib.suppress(OSError, ValueError, AttributeError):
            print(f"error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    return status


if __name__ == "__main__":  # pragma: no cover
    run()
