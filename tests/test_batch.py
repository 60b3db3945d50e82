"""Batch reports: parallel, fault-isolated, resumable, atomic, with a portfolio page."""

from __future__ import annotations

import json
import shutil

import pytest

from sellerkit import datasets
from sellerkit._files import write_atomic
from sellerkit.cli import main
from sellerkit.report.portfolio import _changes


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "accounts"
    folder.mkdir()
    for name in ("evergreen-tea", "fjord-knitwear"):
        shutil.copytree(datasets.sample_path(f"portfolio/{name}"), folder / name)
    broken = folder / "broken shop"
    broken.mkdir()
    (broken / "1.txt").write_text("amazon-order-id\tpurchase-date\tfulfillment-channel\n")
    return folder


@pytest.mark.slow
def test_one_broken_account_never_stops_the_others(root, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--workers", "2", "--quiet"]) == 1
    printed = capsys.readouterr().out
    assert "2 rendered, 0 unchanged (skipped), 1 failed" in printed
    assert "failed broken shop: 1.txt, line 1: is an All Orders report without" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        ".sellerkit-batch.json",
        "broken-shop.html",
        "evergreen-tea.html",
        "fjord-knitwear.html",
        "history.duckdb",
        "index.html",
        "summary.json",
    ]
    assert "This report is incomplete" in (out / "broken-shop.html").read_text()
    summary = json.loads((out / "summary.json").read_text())
    statuses = {a["account"]: a["status"] for a in summary["accounts"]}
    assert statuses == {"broken shop": "failed", "evergreen-tea": "ok", "fjord-knitwear": "ok"}
    risks = [a["risk"] for a in summary["accounts"] if a["status"] == "ok"]
    keys = [(r["tier"], -(r["excess"] if r["tier"] < 2 else r["chance"])) for r in risks]
    assert keys == sorted(keys)  # most at risk first
    index = (out / "index.html").read_text()
    assert 'href="evergreen-tea.html"' in index
    assert "first run" in index
    assert not list(out.glob("*.tmp"))
    assert not list(out.glob(".*.tmp"))

    # A re-run skips what has not changed, twice over; a changed account renders again,
    # and --force renders everything.
    assert main(["batch", str(root), "-o", str(out), "--quiet"]) == 1
    assert "0 rendered, 2 unchanged (skipped), 1 failed" in capsys.readouterr().out
    shutil.rmtree(root / "broken shop")
    (root / "evergreen-tea" / "account.toml").write_text('name = "Evergreen Tea Co"\n')
    assert main(["batch", str(root), "-o", str(out), "--quiet"]) == 0
    assert "1 rendered, 1 unchanged (skipped), 0 failed" in capsys.readouterr().out
    assert main(["batch", str(root), "-o", str(out), "--quiet", "--force"]) == 0
    assert "2 rendered, 0 unchanged (skipped), 0 failed" in capsys.readouterr().out


def test_changes_since_the_last_run():
    now = {
        "metrics": {
            "odr": {"title": "ODR", "status": "BAD"},
            "lsr": {"title": "LSR", "status": "GOOD"},
        }
    }
    before = {
        "figures": {
            "metrics": {
                "odr": {"title": "ODR", "status": "GOOD"},
                "lsr": {"title": "LSR", "status": "GOOD"},
            }
        }
    }
    assert _changes(now, before) == ["ODR: GOOD → BAD"]
    assert _changes(now, {}) == ["first run"]


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("the previous report")

    with pytest.raises(TypeError):
        write_atomic(target, None)  # type: ignore[arg-type]  # fails mid-write
    assert target.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_batch_needs_account_folders(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "none"), "-o", str(tmp_path / "o")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "o")]) == 2
    assert "holds no account folder" in capsys.readouterr().err


@pytest.mark.slow
def test_a_dask_cluster_renders_the_same_batch(root, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["batch", str(root), "-o", str(local), "--workers", "1", "--quiet"]) == 1
    capsys.readouterr()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        code = main(["batch", str(root), "-o", str(remote), "--scheduler", address, "--quiet"])
    assert code == 1  # the broken account fails there too; the others render
    assert "2 rendered, 0 unchanged (skipped), 1 failed" in capsys.readouterr().out
    same = json.loads((local / "summary.json").read_text())["accounts"]
    there = json.loads((remote / "summary.json").read_text())["accounts"]
    assert [(a["account"], a["status"], a.get("risk")) for a in there] == [
        (a["account"], a["status"], a.get("risk")) for a in same
    ]
    assert "This report is incomplete" in (remote / "broken-shop.html").read_text()


def test_an_unreachable_scheduler_is_one_clear_line(root, tmp_path, capsys):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    args = ["batch", str(root), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"]
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code = main(args)
    assert code == 2
    err = capsys.readouterr().err
    assert "no Dask scheduler answers at 'tcp://127.0.0.1:9'" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_the_store_across_two_batch_runs_gives_a_trend_and_flags(tmp_path, capsys):
    from sellerkit.report.store import read_figures

    root = tmp_path / "accounts"
    shutil.copytree(datasets.sample_path("growing-brand"), root / "growing-brand")
    out = tmp_path / "out"
    for day in ("2026-04-16", "2026-04-30"):
        args = ["batch", str(root), "-o", str(out), "--workers", "1", "--quiet"]
        assert main([*args, "--as-of", day, "--warn-at", "0.5", "--pdf"]) == 0
    capsys.readouterr()
    stored = read_figures(out / "history.duckdb")["growing-brand"]
    odr = [
        (f.as_of, f.numerator, f.denominator) for f in stored if f.metric == "orderDefectRate/mfn"
    ]
    summary = json.loads((out / "summary.json").read_text())
    (account,) = summary["accounts"]
    now = account["metrics"]["orderDefectRate/mfn"]
    assert odr[-1] == ("2026-04-30", now["numerator"], now["denominator"])
    assert [day for day, _, _ in odr] == ["2026-04-16", "2026-04-30"]
    assert summary["warnAt"] == 0.5
    # approaching, half way to the target: cancellations 1.4 % of the way from 0 to 2.5 %,
    # valid tracking 97.3 % of the way from 100 % down to 95 %
    assert account["approaching"] == ["preFulfillmentCancellationRate", "validTrackingRate"]
    page = (out / "index.html").read_text()
    assert page.count('class="sk-spark"') >= 8
    assert "pp since 2026-04-16" in page or "no change since 2026-04-16" in page
    assert (out / "growing-brand.pdf").read_bytes().startswith(b"%PDF-")
    assert account["snapshots"][0]["source"] == "68750632241.json"
    assert "vnd.sellerkit" not in (out / "growing-brand.html").read_text()
    assert main(["history", "--store", str(out / "history.duckdb"), "growing-brand"]) == 0
    assert "growing-brand: 2 stored run(s)" in capsys.readouterr().out
