"""The notebooks: committed clean, parameterised, and executed on the sample accounts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from sellerkit import datasets
from tests.conftest import first_then_slow

NOTEBOOKS = sorted(
    (Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")
)  # lessons: test_workshop
ACCOUNTS = [*datasets.list_samples(), "portfolio/fjord-knitwear"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs_with_a_typed_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        assert re.match(r"^\w+: [\w |]+ = .+  # .+$", line), line


def _run(
    tmp_path: Path, name: str, notebook: str = "02_dilution.ipynb", **parameters
) -> nbformat.NotebookNode:
    output = tmp_path / f"{notebook}-{name.replace('/', '-')}.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS[0].parent / notebook),
        str(output),
        parameters=parameters,
        cwd=str(tmp_path),
        progress_bar=False,
        kernel_name="python3",
    )
    return nbformat.read(output, as_version=4)


def _outputs(notebook: nbformat.NotebookNode) -> str:
    return json.dumps([c.get("outputs", []) for c in notebook.cells if c.cell_type == "code"])


@pytest.mark.parametrize("name", first_then_slow(ACCOUNTS))
def test_dilution_notebook_runs_on_every_sample(tmp_path, name):
    notebook = _run(
        tmp_path, name, account_path=str(datasets.sample_path(name)), paths=300, interactive=False
    )
    text = _outputs(notebook)
    assert "More orders:" in text
    assert "image/svg+xml" in text
    assert "Open the notebook in JupyterLab to move the" in text  # the static explorer
    assert "After the peak" in text
    assert '"output_type": "error"' not in text
    # offline and private: nothing to fetch, no buyer data
    assert not re.search(r"(src|href)=\\\\?\"https?://", text)
    assert "@marketplace.amazon.com" not in text


@pytest.mark.slow
def test_dilution_notebook_builds_live_widgets(tmp_path):
    notebook = _run(tmp_path, "live", paths=300, interactive=True)
    text = _outputs(notebook)
    assert "application/vnd.jupyter.widget-view+json" in text


@pytest.mark.parametrize("name", first_then_slow(ACCOUNTS))
def test_cause_notebook_runs_on_every_sample(tmp_path, name):
    notebook = _run(
        tmp_path,
        name,
        "01_defect_causes.ipynb",
        account_path=str(datasets.sample_path(name)),
        interactive=False,
    )
    text = _outputs(notebook)
    assert "groups tested" in text
    assert "image/svg+xml" in text
    assert "forbids offering a buyer" in text
    assert "Open the notebook in JupyterLab to pick any metric" in text
    assert '"output_type": "error"' not in text
    assert not re.search(r"(src|href)=\\\\?\"https?://", text)
    assert "@marketplace.amazon.com" not in text


@pytest.mark.slow
def test_cause_notebook_flags_the_planted_causes(tmp_path):
    text = _outputs(_run(tmp_path, "brand", "01_defect_causes.ipynb", interactive=True))
    for planted in ("NW-002", "SwiftPost", "Saturday", "Sunday", "2026-02-09"):
        assert planted in text
    assert "application/vnd.jupyter.widget-view+json" in text


@pytest.mark.slow
def test_amazon_history_notebook_shows_each_snapshot(tmp_path):
    notebook = _run(tmp_path, "growing-brand", "03_amazon_history.ipynb")
    text = _outputs(notebook)
    assert "1 snapshot, 2026-04-23" in text
    assert "68750632241.json" in text
    assert "No history store given" in text
