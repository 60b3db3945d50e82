"""The workshop: every self-check accepts the right answer, rejects each typical mistake with
its hint (never the answer), and every lesson runs — as handed out, and with its solutions."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest

from sellerkit import workshop
from tests.conftest import first_then_slow

LESSONS = Path(__file__).resolve().parents[1] / "notebooks" / "workshop"
NOTEBOOKS = sorted(LESSONS.glob("*.ipynb"))
SOLUTIONS = LESSONS / "solutions"


def _key(cell: nbformat.NotebookNode) -> str | None:
    return cell.metadata.get("sellerkit", {}).get("exercise")


def _keys(path: Path) -> list[str]:
    return [k for c in nbformat.read(path, as_version=4).cells if (k := _key(c))]


@pytest.mark.parametrize("key", list(workshop.EXERCISES))
def test_the_check_accepts_the_answer_and_rejects_each_typical_mistake(key):
    exercise = workshop.EXERCISES[key]
    expected = exercise.expected()
    assert workshop.check(key, expected).status == "right"
    assert exercise.mistakes, "every exercise knows at least one typical mistake"
    for mistake in exercise.mistakes:
        wrong = mistake.answer()
        assert wrong != expected, "a 'mistake' equal to the answer teaches nothing"
        result = workshop.check(key, wrong)
        assert result.status == "wrong"
        assert result.message == mistake.hint
        assert str(expected) not in result.message
    unanswered = workshop.check(key, ...)
    assert unanswered.status == "unanswered"
    assert exercise.question in unanswered.message


def test_an_unknown_answer_gets_the_general_hint_and_what_is_off():
    result = workshop.check("1.3", 1.2072)  # a percentage for a fraction
    assert result.status == "wrong"
    assert "fraction" in result.message
    sets = workshop.check("3.3", ["NW-002", "NW-001"])
    assert "1 right, 1 that should not be there" in sets.message
    assert "NW-002" not in sets.message
    assert workshop.check("1.1", "2026-02-16").status == "wrong"  # one day, not a pair
    with pytest.raises(KeyError, match=r"no exercise '9\.9'"):
        workshop.check("9.9", 1)


def test_a_check_shows_in_a_notebook_and_hands_its_status_to_the_tests():
    bundle = workshop.check("6.1", 150)._repr_mimebundle_()
    assert bundle[workshop.CHECK_MIMETYPE] == {"exercise": "6.1", "status": "wrong"}
    assert "folklore" in bundle["text/html"]


def test_every_exercise_has_one_exercise_cell_and_one_solution():
    lessons = [k for path in NOTEBOOKS for k in _keys(path)]
    solutions = [k for path in NOTEBOOKS for k in _keys(SOLUTIONS / path.name)]
    assert lessons == list(workshop.EXERCISES)
    assert solutions == lessons
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if _key(cell):
                assert "answer = ..." in cell.source  # no solution in the handout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    for notebook in (path, SOLUTIONS / path.name):
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type == "code":
                assert cell.outputs == []
                assert cell.execution_count is None


def _statuses(notebook: nbformat.NotebookNode) -> dict[str, str]:
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            status = output.get("data", {}).get(workshop.CHECK_MIMETYPE)
            if status:
                found[status["exercise"]] = status["status"]
    return found


def _execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    source = folder / "lesson.ipynb"
    nbformat.write(notebook, source)
    return papermill.execute_notebook(
        str(source), None, cwd=str(LESSONS), progress_bar=False, kernel_name="python3"
    )


@pytest.mark.parametrize("path", first_then_slow(NOTEBOOKS, [p.stem for p in NOTEBOOKS]))
def test_the_lesson_runs_as_handed_out_and_with_its_solutions(path, tmp_path):
    lesson = nbformat.read(path, as_version=4)
    keys = _keys(path)
    handed_out = _execute(lesson, tmp_path)
    assert _statuses(handed_out) == dict.fromkeys(keys, "unanswered")

    solutions = {_key(c): c for c in nbformat.read(SOLUTIONS / path.name, as_version=4).cells}
    lesson.cells = [solutions[k] if (k := _key(c)) else c for c in lesson.cells]
    solved = _execute(lesson, tmp_path)
    assert _statuses(solved) == dict.fromkeys(keys, "right")


def test_the_cli_copies_the_lessons_and_resets_one_without_losing_work(tmp_path, capsys):
    from sellerkit.cli import main

    folder = tmp_path / "participant"
    assert main(["workshop", str(folder)]) == 0
    assert sorted(p.name for p in folder.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    assert not (folder / "solutions").exists()
    work = folder / "02_small_numbers.ipynb"
    work.write_text("my work", encoding="utf-8")
    assert main(["workshop", str(folder), "--solutions"]) == 0
    assert work.read_text(encoding="utf-8") == "my work"  # never overwritten
    assert len(list((folder / "solutions").glob("*.ipynb"))) == len(NOTEBOOKS)
    assert "left as they are" in capsys.readouterr().out

    assert main(["workshop", str(folder), "--reset", "2"]) == 0
    assert work.read_bytes() == (LESSONS / work.name).read_bytes()
    (kept,) = folder.glob("02_small_numbers.before-reset-*.ipynb")
    assert kept.read_text(encoding="utf-8") == "my work"

    assert main(["workshop", str(folder), "--reset", "lesson-nine"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: lesson 'lesson-nine': expected one of 01_what_odr_measures")
    assert "\n" not in error.strip()
