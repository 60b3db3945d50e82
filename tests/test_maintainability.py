"""The maintainability bar of issue 15, kept: no module over 400 lines, no function graded D
or worse by radon (cyclomatic complexity over 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sellerkit

PACKAGE = Path(sellerkit.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines():
    long = {
        str(m.relative_to(PACKAGE)): n
        for m in MODULES
        if (n := len(m.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_no_function_is_graded_d_or_worse():
    complexity = pytest.importorskip("radon.complexity", reason="radon is a dev dependency")

    def functions(source: str) -> list:
        """Every function and method, as ``radon cc`` grades them."""
        out = []
        for block in complexity.cc_visit(source):
            out += getattr(block, "methods", None) or [block]
        return out

    graded = {
        f"{m.relative_to(PACKAGE)}:{block.name}": block.complexity
        for m in MODULES
        for block in functions(m.read_text(encoding="utf-8"))
        if block.complexity > 20  # radon's D starts at 21
    }
    assert graded == {}
