"""One exception hierarchy and the typed warnings of sellerkit.

Every error a user can cause carries *where* (file, line, column), *what* (the value),
what was *expected* and how to *fix* it, and renders as one line: the CLI prints that line
and exits 2. Nothing here knows about exit codes or terminals.
"""

from __future__ import annotations

from pathlib import Path

_MAX_VALUE_CHARS = 60


def _short(value: object) -> str:
    """Render a cell value for a one-line message: quoted, single-line, truncated."""
    text = str(value)
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > _MAX_VALUE_CHARS:
        text = f"{text[:_MAX_VALUE_CHARS]}… ({len(str(value)):,} characters)"
    return f"'{text}'"


class SellerkitError(Exception):
    """Base class of every error sellerkit raises on purpose."""


class InputError(SellerkitError):
    """Something in the user's input is wrong and the load cannot go on.

    Parameters
    ----------
    problem
        What is wrong, in a few words ("unknown claim-status").
    file
        The file (its name is shown, not its full path).
    line
        1-based line number; the header is line 1.
    column
        The column's header name.
    value
        The offending value, shown quoted and truncated.
    expected
        What a valid value or file looks like.
    fix
        How the user can fix it.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = Path(file) if file is not None else None
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
        self.fix = fix
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file.name or str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        text = f"{text}: {self.problem}" if text else self.problem
        if self.value is not None:
            text += f" {_short(self.value)}"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.fix:
            text += f". Fix: {self.fix}"
        return " ".join(text.split("\n"))


class EncodingError(InputError):
    """A file's bytes are not in the encoding it declares or that was detected."""


class LayoutError(InputError):
    """A recognised file's shape is wrong: missing column, wrong delimiter, ragged row."""


class CellError(InputError):
    """One cell holds a value that cannot be read: a date, number, boolean or choice."""


class ConfigError(InputError):
    """``account.toml`` is not valid TOML or holds an invalid setting."""


class AccountError(InputError):
    """The account folder as a whole cannot be used (missing, no orders file, …)."""


class SellerkitWarning(UserWarning):
    """Base class of sellerkit's warnings."""


class DataQualityWarning(SellerkitWarning):
    """Something in the input was assumed, skipped or repaired; it is counted in the summary."""
