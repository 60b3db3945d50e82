"""No sellerkit module imports another's private names (issue #15): a helper two modules
share is public in its home. Private modules (``sellerkit._arrow``, ``sellerkit._files``)
are the package's own and may be imported; what they hold is public."""

from __future__ import annotations

import ast
from pathlib import Path

import sellerkit

PACKAGE = Path(sellerkit.__file__).parent

# Private imports still waiting for a public home (none: keep it so).
PENDING: set[tuple[str, str, str]] = set()


def _private_imports(package: Path = PACKAGE) -> set[tuple[str, str, str]]:
    """(importing file, module, name) for each private name imported from a sellerkit
    module, or reached as ``module._name`` through an imported sellerkit module."""
    found = set()
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sellerkit"):
                for alias in node.names:
                    name = alias.name
                    if name.startswith("_") and not name.startswith("__"):
                        found.add((where, node.module, name))
                    else:
                        modules[alias.asname or name] = f"{node.module}.{name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("sellerkit") and alias.asname:
                        modules[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.add((where, modules[node.value.id], node.attr))
    return found


def test_no_module_imports_another_modules_private_names():
    assert _private_imports() == PENDING


def test_the_check_sees_both_kinds_of_private_import(tmp_path):
    fake = tmp_path / "sellerkit"
    fake.mkdir()
    (fake / "a.py").write_text(
        "from sellerkit.metrics.health import _hidden\n"
        "from sellerkit.io import convert\n"
        "convert._helper(1)\n"
        "from sellerkit._arrow import as_array\n"
    )
    assert _private_imports(fake) == {
        ("sellerkit/a.py", "sellerkit.metrics.health", "_hidden"),
        ("sellerkit/a.py", "sellerkit.io.convert", "_helper"),
    }
