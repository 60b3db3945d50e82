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

from sellerkit._files import write_atomic
from sellerkit.errors import AccountError, InputError, SellerkitError

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
    figures: dict[str, Any] = field(default_factory=dict)


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


def _figures(folder: Path, as_of: str | None) -> dict[str, Any]:
    """The headline figures of an account for the portfolio page."""
    import sellerkit

    account = sellerkit.load_account(folder, warn=False)
    result = sellerkit.health(account, as_of or None)
    metrics = {}
    for rate in result.headline():
        key = (
            rate.rule.key
            + (f"/{rate.scope}" if rate.scope else "")
            + (f"/{rate.rule.window_days}d" if rate.rule.key == "lateShipmentRate" else "")
        )
        metrics[key] = {
            "title": rate.title,
            "rate": rate.rate,
            "status": rate.status,
            "numerator": rate.numerator,
            "denominator": rate.denominator,
            "probabilityPastTarget": None if rate.rate is None else rate.probability_past_target,
            "smallSample": rate.small_sample,
        }
    from sellerkit.report.risk import account_risk

    risk = account_risk(account, result)
    return {
        "name": account.name,
        "marketplace": account.marketplace.code,
        "asOf": str(result.as_of),
        "risk": risk.to_dict(),
        "metrics": metrics,
    }


def _render(job: Job, as_of: str | None, parameters: Mapping[str, Any]) -> Job:
    """Render one account in a worker process; never raises."""
    import time

    from sellerkit.report.render import ReportError, render_report

    start = time.perf_counter()
    for attempt in range(KERNEL_RETRIES + 1):
        try:
            job.figures = _figures(Path(job.folder), as_of)
            render_report(job.folder, job.report, as_of=as_of, parameters=parameters)
            job.status, job.reason = "ok", ""
            break
        except ReportError as error:
            job.status, job.reason = "failed", str(error)
            break
        except SellerkitError as error:  # bad input: no kernel ran, write the page here
            job.status, job.reason = "failed", str(error)
            _failure_page(Path(job.report), job.account, str(error))
            break
        except Exception as error:
            text = f"{type(error).__name__}: {error}"
            if "Kernel died before replying" in text and attempt < KERNEL_RETRIES:
                job.retries += 1
                continue
            job.status, job.reason = "failed", text.splitlines()[0][:300]
            break
    job.seconds = time.perf_counter() - start
    return job


def _failure_page(target: Path, account: str, reason: str) -> None:
    """The page of an account whose report could not start: the banner and the reason."""
    import html

    write_atomic(
        target,
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
        f"{html.escape(account)}: report failed</title></head><body>"
        "<div class='sellerkit-banner' style='background:#fff1f0;border:1px solid #cf222e;"
        "color:#82071e;padding:12px 16px;font-weight:600'>This report is incomplete: "
        f"{html.escape(reason)}</div></body></html>",
    )


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-") or "account"


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
) -> BatchResult:
    """Render a report for every account folder under ``root`` into ``out_dir``.

    ``workers`` processes on this machine render the reports, or, with ``scheduler`` (the
    address of a Dask distributed scheduler, e.g. ``tcp://10.0.0.5:8786``), the cluster's
    workers do: the same task per account, so failures, retries and atomic writes behave
    the same. The account folders and ``out_dir`` must then be at the same paths on every
    worker (shared storage), and sellerkit installed there in the same version.

    Raises
    ------
    AccountError
        ``root`` is not a folder or holds no account folder.
    InputError
        An unknown report parameter or a value of the wrong type (nothing is rendered).
    """
    from sellerkit.report.parameters import INTERNAL, check_parameters
    from sellerkit.report.portfolio import write_portfolio
    from sellerkit.report.render import report_notebook

    checked = check_parameters(parameters or {}, report_notebook(), internal=INTERNAL)
    folders = account_folders(Path(root))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state_path = out / STATE
    previous = json.loads(state_path.read_text()) if state_path.is_file() else {}
    jobs = plan_jobs(folders, out, {**checked, "as_of": as_of}, previous, force=force)
    todo = [job for job in jobs if job.status == "pending"]
    if todo:
        with _progress(len(todo), progress) as advance, _executor(workers, scheduler) as pool:
            for submitted, done in _rendered(pool, todo, as_of, checked):
                jobs[jobs.index(submitted)] = done
                advance()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    state = {"run": now, "accounts": {j.account: asdict(j) for j in jobs}}
    index, summary = write_portfolio(out, jobs, previous, now)
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
    for folder in folders:
        job = Job(folder.name, str(folder.resolve()), str(out_dir / f"{_slug(folder.name)}.html"))
        job.digest = _digest(folder, inputs)
        before = previous.get("accounts", {}).get(folder.name, {})
        if not force and _current(job, before):
            job.status, job.figures = "skipped", before.get("figures", {})
        jobs.append(job)
    return jobs


def _current(job: Job, before: Mapping[str, Any]) -> bool:
    """Whether the previous run's outcome ``before`` still holds for ``job``."""
    return (
        before.get("digest") == job.digest
        and before.get("status") in ("ok", "skipped")
        and Path(job.report).is_file()
    )


def _rendered(
    pool: Executor, todo: list[Job], as_of: str | None, parameters: Mapping[str, Any]
) -> Iterator[tuple[Job, Job]]:
    """Each job of ``todo`` and its outcome (a worker's copy), as ``pool``'s workers finish
    them."""
    futures = {pool.submit(_render, job, as_of, parameters): job for job in todo}
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
