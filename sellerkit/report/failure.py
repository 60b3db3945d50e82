"""How a report run failed, said as papermill's ``PapermillExecutionError`` says it (the
step, the exception's name and message), and the failed page cleaned of what only a
developer reads (tracebacks, papermill's error cells)."""

from __future__ import annotations

from dataclasses import dataclass

import nbformat

from sellerkit.errors import SellerkitError


@dataclass(frozen=True)
class Failure:
    """Where and how a report failed, as papermill's ``PapermillExecutionError`` says it.

    Attributes
    ----------
    step
        The notebook cell (1-based) that failed; 0 when the kernel itself died.
    ename, evalue
        The exception's class name and message (``AccountError``, ``DeadKernelError`` …).
    """

    step: int
    ename: str
    evalue: str

    @property
    def kernel_died(self) -> bool:
        """The kernel died before or while running (a start-up race of parallel kernels):
        worth one more try, unlike a failing step."""
        return self.ename == "DeadKernelError"

    @property
    def bad_input(self) -> bool:
        """The step failed on the user's input (a :class:`SellerkitError`), not on a bug."""
        from sellerkit import errors

        kind = getattr(errors, self.ename, None)
        return isinstance(kind, type) and issubclass(kind, SellerkitError)

    def __str__(self) -> str:
        where = f"step {self.step}: " if self.step else ""
        return f"{where}{self.ename}: {self.evalue}"


def papermills(cell: nbformat.NotebookNode) -> bool:
    """A cell papermill added (its parameters, its error markers), not one of the report
    notebook's."""
    tags = cell.get("metadata", {}).get("tags", [])
    return any(t == "injected-parameters" or "papermill-error" in t for t in tags)


def failed_step(notebook: nbformat.NotebookNode) -> Failure | None:
    """The first cell with an error, numbered as in the report notebook (1-based)."""
    for index, cell in enumerate(c for c in notebook.cells if not papermills(c)):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return Failure(index + 1, str(output.get("ename")), str(output.get("evalue")))
    return None


def hide_tracebacks(notebook: nbformat.NotebookNode) -> None:
    """A failed run's page shows the banner naming the step, not Python's traceback or
    papermill's error cells (code and paths mean nothing to the report's reader)."""
    notebook.cells = [
        cell
        for cell in notebook.cells
        if not any("papermill-error" in tag for tag in cell.get("metadata", {}).get("tags", []))
    ]
    for cell in notebook.cells:
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if o.get("output_type") != "error"]
