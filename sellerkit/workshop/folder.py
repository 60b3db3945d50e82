"""A participant's workshop folder: fresh copies of the lessons, and a reset that keeps the
participant's work aside instead of deleting it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sellerkit.errors import InputError

_REPOSITORY = Path(__file__).resolve().parents[2] / "notebooks" / "workshop"
_PACKAGED = Path(__file__).resolve().parent / "notebooks"


def lessons_folder() -> Path:
    """The pristine lessons: the repository's, or the copy packaged with sellerkit."""
    return _REPOSITORY if _REPOSITORY.is_dir() else _PACKAGED


def lesson_names() -> list[str]:
    """The lessons' file names, in order."""
    return sorted(p.name for p in lessons_folder().glob("*.ipynb"))


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to a new ``target``; never replaces an existing file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as reading, target.open("xb") as writing:
        shutil.copyfileobj(reading, writing)


def set_up(folder: str | Path, *, solutions: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy the lessons (and with ``solutions`` the solutions, for a facilitator) into
    ``folder``. Files already there are left alone. Returns (copied, kept)."""
    folder = Path(folder)
    sources = [(lessons_folder() / name, folder / name) for name in lesson_names()]
    if solutions:
        sources += [
            (path, folder / "solutions" / path.name)
            for path in sorted((lessons_folder() / "solutions").glob("*.ipynb"))
        ]
    copied, kept = [], []
    for source, target in sources:
        if target.exists():
            kept.append(target)
        else:
            _copy(source, target)
            copied.append(target)
    return copied, kept


def reset(folder: str | Path, lesson: str) -> tuple[Path, Path | None]:
    """Give ``lesson`` (a file name, its number like ``02``, or a name without ``.ipynb``)
    back its pristine content. The participant's copy is renamed, not deleted. Returns (the
    fresh lesson, where the old copy went)."""
    folder = Path(folder)
    wanted = f"{int(lesson):02d}" if lesson.isdigit() else lesson.removesuffix(".ipynb")
    matches = [name for name in lesson_names() if name.startswith(wanted)]
    if len(matches) != 1:
        names = ", ".join(lesson_names())
        raise InputError(
            f"lesson {lesson!r}: expected one of {names} (or its number, like 02). "
            "Fix: name the lesson to reset"
        )
    target = folder / matches[0]
    kept = None
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.stem}.before-reset-{stamp}{target.suffix}")
        target.rename(kept)
    _copy(lessons_folder() / matches[0], target)
    return target, kept
