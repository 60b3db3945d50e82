"""The report notebook's parameters: read from its ``parameters`` cell, and checked before
anything runs (an unknown name or a value of the wrong type is an error listing what the
notebook takes, as papermill users expect — never a silent ignore).

The parameters cell is parsed with Python's own parser (:mod:`ast`): each line
``name: type = default  # help`` declares one parameter.
"""

from __future__ import annotations

import ast
import difflib
import io
import json
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sellerkit.errors import InputError

_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}

INTERNAL = ("account_path", "interactive", "figures")
"""Report parameters sellerkit sets itself (the account's folder; static pages)."""


@dataclass(frozen=True)
class Parameter:
    """One parameter of a notebook.

    Attributes
    ----------
    name
        The variable's name.
    type
        ``str``, ``int``, ``float`` or ``bool``.
    default
        Its value in the notebook.
    help
        The comment after it.
    """

    name: str
    type: str
    default: Any
    help: str


def _parameters_source(notebook: Path) -> str:
    document = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in document.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else str(source)
    return ""


def _comments(source: str) -> dict[int, str]:
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
    return comments


def notebook_parameters(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, in order.

    Parameters
    ----------
    notebook
        An ``.ipynb`` file with a cell tagged ``parameters``.

    Returns
    -------
    dict
        Name → :class:`Parameter`; empty when the notebook has no parameters cell.
    """
    source = _parameters_source(Path(notebook))
    comments = _comments(source)
    found: dict[str, Parameter] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            kind = ast.unparse(node.annotation)
            default = ast.literal_eval(node.value) if node.value is not None else None
            name = node.target.id
            found[name] = Parameter(name, kind, default, comments.get(node.lineno, ""))
    return found


def _convert(parameter: Parameter, value: Any) -> Any:
    """``value`` as the parameter's type; text from the command line is converted."""
    kind = _TYPES.get(parameter.type)
    if kind is None or (isinstance(value, kind) and not (kind is int and isinstance(value, bool))):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if kind is bool and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
        if kind is str:
            return value
    raise InputError(
        f"report parameter '{parameter.name}' must be {_a(parameter.type)}:",
        value=value,
        expected=f"{_a(parameter.type)} ({parameter.help})" if parameter.help else None,
        fix=f"give -p {parameter.name} a value such as {_shown(parameter.default)}",
    )


def _shown(value: Any) -> str:
    """A default as a user types it after ``-p NAME`` (``true``, not ``True``)."""
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _a(kind: str) -> str:
    return {"int": "a whole number", "float": "a number", "bool": "true or false"}.get(kind, "text")


_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_AT_LEAST_ONE = {
    "paths": ("simulated paths", 2000),
    "horizon": ("days", 90),
    "history_days": ("days", 180),
}
"""Parameters that count something, 1 or more: what they count, and an example value."""


def check_as_of(value: str, option: str) -> None:
    """Stop before anything runs unless ``value`` is empty or a real ``YYYY-MM-DD`` day;
    the error names ``option`` (``--as-of`` or ``-p as_of``).

    Raises
    ------
    InputError
        ``2026-13-01``, ``31/10/2026`` and the like.
    """
    if not value:
        return
    try:
        real = bool(_DAY.fullmatch(value)) and bool(date.fromisoformat(value))
    except ValueError:
        real = False
    if not real:
        raise InputError(
            f"{option} is not a day:",
            value=value,
            expected="a real day as YYYY-MM-DD, or nothing for the latest order day",
            fix=f"give {option} a day such as 2026-10-31",
        )


def _check_value(name: str, value: Any) -> Any:
    """The report's own rules for some values, checked before anything runs: a colour is
    ``#rgb`` or ``#rrggbb`` (it goes into the page's style), counts of days and paths are 1
    or more, ``as_of`` is a real day, a logo is an existing picture (its path made absolute:
    the notebook runs in another folder)."""
    if name == "brand_colour" and not _COLOUR.fullmatch(str(value)):
        raise InputError(
            "report parameter 'brand_colour' is not a colour:",
            value=value,
            expected="#rrggbb or #rgb",
            fix="give -p brand_colour a hex colour such as '#0969da'",
        )
    if name in _AT_LEAST_ONE and isinstance(value, int) and value < 1:
        counted, example = _AT_LEAST_ONE[name]
        raise InputError(
            f"-p {name} must be at least 1:",
            value=value,
            expected=f"a whole number of {counted}, 1 or more",
            fix=f"give -p {name} a value such as {example}",
        )
    if name == "as_of":
        check_as_of(value, "-p as_of")
    if name == "logo" and value:
        from sellerkit.report.logo import logo_data_uri

        logo_data_uri(value)  # raises InputError for a missing file or another kind
        return str(Path(value).resolve())
    return value


def check_parameters(
    parameters: Mapping[str, Any], notebook: str | Path, *, internal: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The parameters, checked against what ``notebook`` declares and converted to its types.

    Parameters
    ----------
    parameters
        Name → value; values may be text (from ``-p NAME VALUE``).
    notebook
        The notebook they are for.
    internal
        Declared names the caller sets itself (``account_path``): refused from users.

    Raises
    ------
    InputError
        An unknown or internal name (the message lists the known ones), or a value that is
        not of the declared type.
    """
    declared = notebook_parameters(notebook)
    known = [name for name in declared if name not in internal]
    checked: dict[str, Any] = {}
    for name, value in parameters.items():
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            raise InputError(
                "unknown report parameter:",
                value=name,
                expected="one of " + ", ".join(known),
                fix=(f"did you mean {close[0]}? " if close else "")
                + "check the spelling (sellerkit report --help lists them)",
            )
        checked[name] = _check_value(name, _convert(declared[name], value))
    return checked
