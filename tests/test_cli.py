"""The thin CLI: what it prints, its exit codes, and that it never writes among the downloads."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.cli import main
from tests.conftest import order, tree_fingerprint, tsv


def test_summary_text_on_a_sample(capsys):
    assert main(["summary", str(datasets.sample_path("growing-brand"))]) == 0
    out = capsys.readouterr()
    assert "Northwind Home (US, Amazon.com)" in out.out
    assert "4,385 orders" in out.out
    assert "Data quality" in out.out
    assert "cancelled seller-fulfilled order(s) have no cancellations row" in out.out
    assert out.err == ""  # the text view already lists every issue


def test_summary_json_with_warnings_on_stderr(capsys):
    assert main(["summary", str(datasets.sample_path("growing-brand")), "--json"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["account"] == "Northwind Home"
    assert data["marketplace"] == "US"
    assert data["lastOrderDay"] == "2026-04-30"
    assert data["dataQuality"]["assumedSellerCancellations"] == 2
    warnings = out.err.strip().splitlines()
    assert warnings
    assert all(line.startswith("warning: ") for line in warnings)
    assert len(warnings) == len(data["issues"])


def test_summary_never_shows_buyer_data(capsys):
    for name in [*datasets.list_samples(), "portfolio/acme-outdoors"]:
        main(["summary", str(datasets.sample_path(name)), "--json"])
        main(["summary", str(datasets.sample_path(name))])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "@marketplace.amazon.com" not in text
    assert "Springfield" not in text


def test_export_is_spreadsheet_safe(account_dir, tmp_path, capsys):
    rows = [
        order(1, product_name="=1+2", item_promotion_discount="-2.50"),
        order(2, product_name="@SUM(A1)", sku="+SKU"),
    ]
    folder = account_dir({"o.txt": tsv(rows)})
    out_dir = tmp_path / "export"
    assert main(["export", str(folder), "-o", str(out_dir)]) == 0
    with (out_dir / "order_items.csv").open(newline="", encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert [r["product_name"] for r in exported] == ["'=1+2", "'@SUM(A1)"]
    assert exported[1]["sku"] == "'+SKU"
    assert exported[0]["item_promotion_discount"] == "-2.5"
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        f"{t}.csv" for t in sellerkit.account.TABLES
    )
    assert "rater" not in (out_dir / "feedback.csv").read_text()


def test_export_refuses_the_account_folder_and_existing_files(account_dir, tmp_path, capsys):
    folder = account_dir({"o.txt": tsv([order(1)])})
    before = tree_fingerprint(folder)
    assert main(["export", str(folder), "-o", str(folder)]) == 2
    assert main(["export", str(folder), "-o", str(folder / "sub")]) == 2
    assert "never writes among your downloads" in capsys.readouterr().err
    assert tree_fingerprint(folder) == before
    out_dir = tmp_path / "x"
    assert main(["export", str(folder), "-o", str(out_dir)]) == 0
    assert main(["export", str(folder), "-o", str(out_dir)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["export", str(folder), "-o", str(out_dir), "--force"]) == 0


def test_samples_lists_and_writes(tmp_path, capsys):
    assert main(["samples"]) == 0
    listing = capsys.readouterr().out
    assert "small-seller" in listing
    assert "jp-seller" in listing
    assert main(["samples", "small-seller", "--write", str(tmp_path)]) == 0
    assert (tmp_path / "small-seller" / "account.toml").is_file()
    assert main(["samples", "nope", "--write", str(tmp_path)]) == 2


def test_internal_errors_are_one_line(monkeypatch, capsys, account_dir):
    import sellerkit.io.account as module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "load_account", broken)
    assert main(["summary", "anything"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: RuntimeError: boom" in err


@pytest.mark.parametrize("args", [["--version"], ["summary", "--help"]])
def test_help_and_version(args, capsys):
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 0


def test_python_dash_m_and_console_script_agree():
    path = str(datasets.sample_path("small-seller"))
    by_module = subprocess.run(
        [sys.executable, "-m", "sellerkit", "summary", path, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(by_module.stdout)["account"] == "Maple Street Crafts"


def test_an_as_of_outside_the_orders_is_said(capsys):
    from sellerkit import datasets

    sample = str(datasets.sample_path("small-seller"))
    assert main(["metrics", sample, "--as-of", "2020-01-01"]) == 0
    assert "as-of 2020-01-01 is before the first order (2026-07-20)" in capsys.readouterr().err
    assert main(["metrics", sample, "--as-of", "2027-06-01"]) == 0
    assert "213 days after the last order (2026-10-31)" in capsys.readouterr().err
    assert main(["metrics", sample]) == 0
    assert "as-of" not in capsys.readouterr().err


def test_read_and_print_commands_end_at_once_with_all_their_output(tmp_path):
    """metrics, summary and history end without the interpreter's shutdown once their
    output is flushed (cli.run): every byte still arrives, through a file or a pipe, with
    the warnings on stderr and the exit status 0; a reader that goes away early is not an
    error."""
    sample = str(datasets.sample_path("growing-brand"))
    for args in (["metrics", sample, "--json"], ["summary", sample], ["history", sample]):
        done = subprocess.run(
            [sys.executable, "-m", "sellerkit", *args], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert main(args) == 0  # the same output as the in-process command
    whole = subprocess.run(
        [sys.executable, "-m", "sellerkit", "metrics", sample, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    document = json.loads(whole)
    assert document["performanceMetrics"][0]["orderDefectRate"]["mfn"]["orderCount"] > 0
    with_warnings = subprocess.run(
        [sys.executable, "-m", "sellerkit", "metrics", sample], capture_output=True, text=True
    )
    assert "warning:" in with_warnings.stderr
    assert "Order Defect Rate" in with_warnings.stdout
    # A pipe closed after the first bytes: no traceback, no "Exception ignored".
    piped = subprocess.run(
        f"{sys.executable} -m sellerkit metrics {sample} --json | head -c 20",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert piped.stdout == whole[:20]
    assert "Traceback" not in piped.stderr
    assert "Exception ignored" not in piped.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_an_error_not_a_cut_off_success(tmp_path):
    """A read-and-print command whose output cannot be flushed (a full disk) says so in one
    line and exits 2; a closed stdout has nothing to flush (exit 0); under a profiler the
    process ends normally, so the profile is written (all found by a breaker)."""
    import os

    sample = str(datasets.sample_path("small-seller"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "sellerkit", "metrics", sample]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, env=env)
    assert done.returncode == 2
    assert "error: cannot write the output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    closed = subprocess.run(
        f"{sys.executable} -m sellerkit metrics {sample} >&-", shell=True, env=env
    )
    assert closed.returncode == 0
    profile = tmp_path / "history.prof"
    profiled = ["-m", "cProfile", "-o", str(profile), "-m", "sellerkit", "history", sample]
    subprocess.run(
        [sys.executable, *profiled],
        capture_output=True,
        check=True,
        env=env,
    )
    assert profile.stat().st_size > 0


def test_age_out_is_in_the_json_when_asked(capsys):
    """``metrics --age-out --json`` adds the age-out calendar (it was silently left out):
    each counted defect with its days, and the day each channel is back under target."""
    sample = str(datasets.sample_path("growing-brand"))
    assert main(["metrics", sample, "--json"]) == 0
    assert "ageOut" not in json.loads(capsys.readouterr().out)
    assert main(["metrics", sample, "--age-out", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    calendar = sellerkit.age_out(sellerkit.load_account(sample, warn=False))
    expected = calendar.defects
    got = document["ageOut"]
    assert got["asOf"] == calendar.as_of.isoformat() == document["asOf"][:10]
    assert [d["orderId"] for d in got["defects"]] == list(expected["order_id"])
    assert [d["daysLeft"] for d in got["defects"]] == list(expected["days_left"])
    assert got["defects"][0]["leavesOn"] == f"{expected['leaves_on'].iloc[0]:%Y-%m-%d}"
    assert got["backUnderTarget"] == {
        "mfn": str(calendar.back_under_target("mfn")),
        "afn": str(calendar.back_under_target("afn")),
    }
