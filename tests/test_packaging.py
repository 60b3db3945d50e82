"""The wheel carries the samples: ``load_sample`` works after ``pip install``, far from the
source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_samples_and_loads_them(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("sellerkit-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "sellerkit/_sample_data/small-seller/account.toml" in names
    assert "sellerkit/_sample_data/truth/growing-brand.json" in names
    assert any(n.startswith("sellerkit/_sample_data/portfolio/juniper-baby/") for n in names)
    assert not any("tests/" in n or ".data/" in n for n in names)
    assert "sellerkit/report/account_report.ipynb" in names
    assert "sellerkit/workshop/notebooks/01_what_odr_measures.ipynb" in names
    assert "sellerkit/workshop/notebooks/solutions/06_myths.ipynb" in names
    code = (
        "import sellerkit, sys;"
        "root = sellerkit.datasets.sample_root();"
        "assert '_sample_data' in str(root), root;"
        "a = sellerkit.datasets.load_sample('jp-seller', warn=False);"
        "from sellerkit.workshop.folder import lessons_folder, lesson_names;"
        "assert 'site' in str(lessons_folder()) and len(lesson_names()) == 6;"
        "print(a.marketplace.code, len(a.orders))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split()[0] == "JP"
