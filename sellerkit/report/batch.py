"""Render reports for many accounts: in parallel, fault-isolated, resumable.

Each sub-folder of the accounts root is an account. Reports are rendered in worker processes
(one Jupyter kernel each) or on a Dask distributed cluster's workers; a job whose kernel died
before it started (a known start-up race of parallel kernels) is retried. One account failing
never stops the others. Every file is written atomically. A re-run skips accounts whose inputs,
parameters and sellerkit version have not changed (content hash), unless ``force``. The run
ends with ``index.html`` (the portfolio) and ``summary.json``.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sellerkit._files import refuse_inside, write_atomic
from sellerkit.errors import AccountError, InputError, SellerkitError
from sellerkit.report.figures import AccountFigures
from sellerkit.report.render import Failure
from sellerkit.report.trend import WARN_AT

STATE = ".sellerkit-batch.json"
KERNEL_RETRIES = 2


@dataclass
class Job:
    """One account's outcome."""

    account: str
    folder: str
    report: str
    status: str = "pending"  # ok, skipped, failed
    reason: str = ""
    retries: int = 0
    seconds: float = 0.0
    digest: str = ""
    figures: AccountFigures = field(default_factory=lambda: AccountFigures())
    amazon: list[dict[str, Any]] = field(default_factory=list)  # snapshots, when it failed


def _digest(folder: Path, parameters: Mapping[str, Any]) -> str:
    """Content hash of the account's files, the parameters, the report notebook and the
    sellerkit version: what decides whether a report is still current."""
    from sellerkit import __version__
    from sellerkit.report.render import report_notebook

    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(json.dumps(dict(parameters), sort_keys=True, default=str).encode())
    digest.update(report_notebook().read_bytes())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _render(job: Job, as_of: str | None, parameters: Mapping[str, Any], pdf: bool = False) -> Job:
    """Render one account in a worker process; never raises. The figures come back from
    the report's own kernel (:mod:`sellerkit.report.figures`): the account is loaded and
    computed once. A kernel that died is tried again (:attr:`Failure.kernel_died`); a failed
    step is not."""
    import time

    from sellerkit.report.render import render

    start = time.perf_counter()
    for attempt in range(KERNEL_RETRIES + 1):
        try:
            done = render(
                job.folder, job.report, as_of=as_of, parameters=parameters, pdf=pdf, figures=True
            )
        except SellerkitError as error:  # refused before any kernel ran: write the page here
            job.status, job.reason = "failed", str(error)
            _failure_page(Path(job.report), job.account, str(error))
            break
        except Exception as error:
            job.status, job.reason = "failed", f"{type(error).__name__}: {error}".splitlines()[0]
            break
        failure = done.failure
        if isinstance(failure, Failure) and failure.kernel_died and attempt < KERNEL_RETRIES:
            job.retries += 1
            continue
        job.figures = done.figures
        job.status = "ok" if failure is None else "failed"
        if isinstance(failure, Failure) and failure.bad_input:
            job.reason = failure.evalue  # the input's one-line message, as the CLI says it
        elif failure is not None:
            job.reason = str(failure)[:300]
        else:
            job.reason = ""
        break
    if job.status == "failed" and not job.figures:
        from sellerkit.report.figures import amazon_only

        job.amazon = amazon_only(job.folder)  # what Amazon says, for the portfolio
    job.seconds = time.perf_counter() - start
    return job


def _failure_page(target: Path, account: str, reason: str) -> None:
    """The page of an account whose report could not start: the banner and the reason."""
    import html

    write_atomic(
        target,
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='generator' content='sellerkit'><title>"
        f"{html.escape(account)}: report failed</title></head><body>"
        "<div class='sellerkit-banner' style='background:#fff1f0;border:1px solid #cf222e;"
        "color:#82071e;padding:12px 16px;font-weight:600'>This report is incomplete: "
        f"{html.escape(reason)}</div></body></html>",
    )


RESERVED = frozenset({"index", "summary", "history"})
"""File stems of the batch's own outputs, never an account's report."""


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "account"


def report_names(folders: list[Path]) -> dict[str, str]:
    """Each account folder's report file stem: its name made safe for a file, unique and
    never one of the batch's own files (``index``, ``summary``); two folders whose names
    differ only in punctuation (``a b`` and ``a-b``) each get a short hash of their name."""
    slugs = {f.name: _slug(f.name) for f in folders}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug.lower()] = counts.get(slug.lower(), 0) + 1
    out = {}
    for name, slug in slugs.items():
        if counts[slug.lower()] > 1 or slug.lower() in RESERVED:
            slug = f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        out[name] = slug
    return out


@dataclass
class BatchResult:
    """What a batch run did."""

    jobs: list[Job]
    index: Path
    summary: Path

    @property
    def failed(self) -> list[Job]:
        return [j for j in self.jobs if j.status == "failed"]

    def __str__(self) -> str:
        counts = {s: sum(j.status == s for j in self.jobs) for s in ("ok", "skipped", "failed")}
        lines = [
            f"{counts['ok']} rendered, {counts['skipped']} unchanged (skipped), "
            f"{counts['failed']} failed; portfolio: {self.index}"
        ]
        lines += [f"  failed {j.account}: {j.reason}" for j in self.failed]
        retried = [j for j in self.jobs if j.retries]
        lines += [f"  {j.account}: kernel restarted {j.retries} time(s)" for j in retried]
        return "\n".join(lines)


@contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[Executor]:
    """Local worker processes, or a Dask distributed cluster's workers behind the same
    ``concurrent.futures`` interface."""
    if scheduler is None:
        # Fresh interpreters, not forks: a fork of a process whose vl-convert (or any other
        # library) already runs threads inherits their locks without the threads, and hangs.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError as error:
        raise InputError(
            "--scheduler needs Dask distributed",
            fix="pip install 'sellerkit[dask]'",
        ) from error
    try:
        client = Client(scheduler)  # waits distributed.comm.timeouts.connect (30 s)
    except OSError as error:
        raise InputError(
            f"no Dask scheduler answers at {scheduler!r} ({error})",
            fix="give the scheduler's address, e.g. tcp://host:8786",
        ) from error
    try:
        with client.get_executor(pure=False) as pool:
            yield pool
    finally:
        client.close()


def run_batch(
    root: str | Path,
    out_dir: str | Path,
    *,
    workers: int = 2,
    as_of: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    force: bool = False,
    progress: bool = True,
    scheduler: str | None = None,
    pdf: bool = False,
    store: str | Path | None = None,
    warn_at: float = WARN_AT,
) -> BatchResult:
    """Render a report for every account folder under ``root`` into ``out_dir``.

    ``workers`` processes on this machine render the reports, or, with ``scheduler`` (the
    address of a Dask distributed scheduler, e.g. ``tcp://10.0.0.5:8786``), the cluster's
    workers do: the same task per account, so failures, retries and atomic writes behave
    the same. The account folders and ``out_dir`` must then be at the same paths on every
    worker (shared storage), and sellerkit installed there in the same version.

    Every run is recorded in the history store (``out_dir/history.duckdb``, or ``store``)
    by this process, never by the workers (:mod:`sellerkit.report.store`); the portfolio
    shows each metric's trend and week-over-week change from it, and flags a metric on the
    good side of its target but ``warn_at`` of the way to it. ``pdf`` adds a PDF beside each
    report.

    Raises
    ------
    AccountError
        ``root`` is not a folder or holds no account folder.
    InputError
        An unknown report parameter or a value of the wrong type, a ``warn_at`` outside
        0–1, or a history store of another schema (nothing is rendered).
    """
    from sellerkit import __version__
    from sellerkit.report.parameters import INTERNAL, check_as_of, check_parameters
    from sellerkit.report.portfolio import write_portfolio
    from sellerkit.report.render import report_notebook
    from sellerkit.report.store import STORE_NAME, check_store_path, read_figures, record_run

    checked = check_parameters(parameters or {}, report_notebook(), internal=INTERNAL)
    check_as_of(as_of or "", "--as-of")
    if not 0 < warn_at < 1:
        raise InputError(
            "--warn-at must be between 0 and 1:",
            value=warn_at,
            expected="a fraction of the way to the target, such as 0.8",
            fix="give --warn-at 0.8",
        )
    out = Path(out_dir)
    if out.resolve().parent == Path(root).resolve():
        raise InputError(
            "the output folder is inside the accounts folder, where it would be read as an "
            "account:",
            value=str(out),
            fix="write the reports beside the accounts folder (-o reports, not accounts/reports)",
        )
    folders = account_folders(Path(root))
    for folder in folders:  # the reports, the portfolio and the store: never among downloads
        refuse_inside(out, folder, fix="give -o a folder outside every account folder")
        if store is not None:
            refuse_inside(store, folder, fix="give --store a path outside every account folder")
    out.mkdir(parents=True, exist_ok=True)
    history_path = Path(store) if store is not None else out / STORE_NAME
    check_store_path(history_path)  # before rendering: a bad store wastes no run
    read_figures(history_path)
    state_path = out / STATE
    previous = json.loads(state_path.read_text()) if state_path.is_file() else {}
    jobs = plan_jobs(folders, out, {**checked, "as_of": as_of, "pdf": pdf}, previous, force=force)
    todo = [job for job in jobs if job.status == "pending"]
    if todo:
        with _progress(len(todo), progress) as advance, _executor(workers, scheduler) as pool:
            for submitted, done in _rendered(pool, todo, as_of, checked, pdf):
                jobs[jobs.index(submitted)] = done
                advance()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    state = {"run": now, "accounts": {j.account: asdict(j) for j in jobs}}
    record_run(history_path, now, __version__, {j.account: j.figures for j in jobs if j.figures})
    history = read_figures(history_path, [j.account for j in jobs])
    index, summary = write_portfolio(out, jobs, previous, now, history, warn_at)
    write_atomic(state_path, json.dumps(state, indent=2, default=str))
    return BatchResult(jobs, index, summary)


def account_folders(root: Path) -> list[Path]:
    """The account folders under ``root`` (sub-folders not starting with a dot), sorted.

    Raises
    ------
    AccountError
        ``root`` is not a folder or holds no account folder.
    """
    if not root.is_dir():
        raise AccountError("folder not found", file=root, fix="give the folder of accounts")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise AccountError(
            "holds no account folder",
            file=root,
            fix="put one folder of downloads per account under it",
        )
    return folders


def plan_jobs(
    folders: list[Path],
    out_dir: Path,
    inputs: Mapping[str, Any],
    previous: Mapping[str, Any],
    *,
    force: bool,
) -> list[Job]:
    """One job per account folder: ``skipped`` (with its previous figures) when the
    previous run's state holds the same digest of its files and ``inputs`` (the parameters
    and as-of day) and its report is still there, unless ``force``; else ``pending``."""
    jobs = []
    names = report_names(folders)
    for folder in folders:
        job = Job(folder.name, str(folder.resolve()), str(out_dir / f"{names[folder.name]}.html"))
        job.digest = _digest(folder, inputs)
        before = previous.get("accounts", {}).get(folder.name, {})
        if not force and _current(job, before, bool(inputs.get("pdf"))):
            job.status, job.figures = "skipped", before.get("figures", {})
        jobs.append(job)
    return jobs


def _current(job: Job, before: Mapping[str, Any], pdf: bool = False) -> bool:
    """Whether the previous run's outcome ``before`` still holds for ``job`` (its page, and
    its PDF when one is asked for, still there)."""
    return (
        before.get("digest") == job.digest
        and before.get("status") in ("ok", "skipped")
        and Path(job.report).is_file()
        and (not pdf or Path(job.report).with_suffix(".pdf").is_file())
    )


def _rendered(
    pool: Executor,
    todo: list[Job],
    as_of: str | None,
    parameters: Mapping[str, Any],
    pdf: bool = False,
) -> Iterator[tuple[Job, Job]]:
    """Each job of ``todo`` and its outcome (a worker's copy), as ``pool``'s workers finish
    them."""
    futures = {pool.submit(_render, job, as_of, parameters, pdf): job for job in todo}
    for future in as_completed(futures):
        yield futures[future], future.result()


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[], None]]:
    """A function that advances a terminal progress bar of ``total`` reports (tqdm's), or
    does nothing when no bar is to be shown."""
    if not show:
        yield lambda: None
        return
    from tqdm import tqdm  # type: ignore[import-untyped]  # ships no stubs, no py.typed

    bar = tqdm(total=total, unit="report", desc="reports")
    yield lambda: bar.update(1)
    bar.close()
