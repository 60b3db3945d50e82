"""Bad report outputs and parameters are refused before anything renders: one line, exit 2,
nothing written, and a user's download never replaced."""

from __future__ import annotations

import pytest

from sellerkit import datasets
from sellerkit.cli import main
from sellerkit.errors import InputError
from sellerkit.report import page
from sellerkit.report.parameters import INTERNAL, check_parameters
from sellerkit.report.render import report_notebook
from tests.conftest import order, tree_fingerprint, tsv


@pytest.fixture(autouse=True)
def nothing_renders(monkeypatch):
    """Every refusal here must come before the notebook runs."""
    import sellerkit.report.render as render

    def run(*args, **kwargs):
        raise AssertionError("the report was rendered")

    monkeypatch.setattr(render, "execute", run)


def _refused(args, capsys, *words):
    assert main(args) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("error: ")
    assert "Traceback" not in error
    for word in words:
        assert word in error
    return error


@pytest.mark.parametrize(
    "target",
    ["66258591994.txt", "report.html", "report.pdf", "sub/report.html", "."],
)
def test_a_report_never_writes_among_the_downloads(account_dir, capsys, target):
    folder = account_dir({"66258591994.txt": tsv([order(1)])})
    before = tree_fingerprint(folder)
    _refused(
        ["report", str(folder), "-o", str(folder / target)],
        capsys,
        "never writes among your downloads",
    )
    assert tree_fingerprint(folder) == before


def test_the_pdf_beside_the_page_is_checked_too(account_dir, tmp_path, capsys):
    folder = account_dir({"o.txt": tsv([order(1)])})
    link = tmp_path / "link"
    link.symlink_to(folder)
    before = tree_fingerprint(folder)
    _refused(
        ["report", str(folder), "-o", str(link / "r.html"), "--pdf"],
        capsys,
        "never writes among your downloads",
    )
    assert tree_fingerprint(folder) == before


def test_batch_output_inside_an_account_folder_is_refused(tmp_path, capsys):
    import shutil

    root = tmp_path / "accounts"
    shutil.copytree(datasets.sample_path("small-seller"), root / "shop")
    before = tree_fingerprint(root / "shop")
    out = root / "shop" / "reports"
    _refused(["batch", str(root), "-o", str(out), "--quiet"], capsys, "never writes among")
    store = root / "shop" / "h.duckdb"
    args = ["batch", str(root), "-o", str(tmp_path / "o"), "--store", str(store), "--quiet"]
    _refused(args, capsys, "never writes among")
    assert tree_fingerprint(root / "shop") == before


@pytest.mark.parametrize("name", ["r.txt", "r", "r.csv"])
def test_an_output_that_is_not_a_page_or_pdf_is_refused(tmp_path, capsys, name):
    sample = str(datasets.sample_path("small-seller"))
    _refused(["report", sample, "-o", str(tmp_path / name)], capsys, f"{name}: -o must name an")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-p", "paths", "-1"], ["-p paths must be at least 1: '-1'", "2000"]),
        (["-p", "horizon", "0"], ["-p horizon must be at least 1: '0'"]),
        (["-p", "history_days", "0"], ["-p history_days must be at least 1: '0'"]),
        (["-p", "as_of", "2026-13-01"], ["-p as_of is not a day: '2026-13-01'", "YYYY-MM-DD"]),
        (["-p", "as_of", "20261031"], ["-p as_of is not a day"]),
        (["--as-of", "2026-13-01"], ["--as-of is not a day: '2026-13-01'"]),
    ],
)
def test_bad_numbers_and_days_stop_before_rendering(tmp_path, capsys, args, words):
    out = tmp_path / "r.html"
    sample = str(datasets.sample_path("small-seller"))
    _refused(["report", sample, "-o", str(out), *args], capsys, *words)
    assert not out.exists()


def test_good_numbers_and_days_pass():
    checked = check_parameters(
        {"paths": "1", "horizon": "1", "history_days": "1", "as_of": "2026-10-31"},
        report_notebook(),
        internal=INTERNAL,
    )
    assert checked == {"paths": 1, "horizon": 1, "history_days": 1, "as_of": "2026-10-31"}


def test_batch_checks_the_as_of_day_first(tmp_path, capsys):
    root = str(datasets.sample_path("portfolio/acme-outdoors").parent)
    out = tmp_path / "o"
    _refused(["batch", root, "-o", str(out), "--as-of", "2026-02-30", "--quiet"], capsys, "--as-of")
    assert not out.exists()


def test_an_unwritable_output_is_said_before_rendering(tmp_path, capsys):
    sample = str(datasets.sample_path("small-seller"))
    error = _refused(["report", sample, "-o", "/proc/x.html"], capsys, "/proc/x.html", "Fix:")
    assert ".tmp" not in error
    afile = tmp_path / "afile"
    afile.write_text("keep")
    target = str(afile / "x.pdf")
    _refused(["report", sample, "-o", target], capsys, target, "is a file, not a folder")
    assert afile.read_text() == "keep"


def test_a_new_output_folder_is_still_made(tmp_path):
    from sellerkit.report.render import _check_output  # the check alone

    _check_output(tmp_path / "new" / "r.html", datasets.sample_path("small-seller"))


def test_a_logo_must_be_the_picture_its_name_says(tmp_path):
    fake = tmp_path / "fake.png"
    fake.write_text("not a picture")
    with pytest.raises(InputError, match=r"fake.png: the logo is named .png but its content"):
        page.logo_data_uri(fake)
    svg = tmp_path / "fake.svg"
    svg.write_text("<html><body/></html>")
    with pytest.raises(InputError, match=r"fake\.svg"):
        page.logo_data_uri(svg)
    svg.write_text("not xml <")
    with pytest.raises(InputError, match=r"fake\.svg"):
        page.logo_data_uri(svg)
    jpeg = tmp_path / "logo.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0rest")
    assert page.logo_data_uri(jpeg).startswith("data:image/jpeg;base64,")
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert page.logo_data_uri(svg).startswith("data:image/svg+xml;base64,")


def test_a_logo_over_1_mb_is_refused(tmp_path, capsys):
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(1_100_000))
    with pytest.raises(InputError, match=r"big.png: the logo is too large \(1.1 MB\)"):
        page.logo_data_uri(big)
    sample = str(datasets.sample_path("small-seller"))
    out = tmp_path / "r.html"
    _refused(["report", sample, "-o", str(out), "-p", "logo", str(big)], capsys, "1 MB")
    assert not out.exists()
