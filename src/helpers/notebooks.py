"""Run the course notebooks headless and check how they are stored.

Used by the test suite and by ``make notebooks``: a notebook is executed in
a fresh kernel (so a "restart and run all"), optionally against another
corpus through ``CORPUS_DIR``, and any error is reported with the notebook,
the cell number and the first lines of that cell.
"""

from __future__ import annotations

import json
import re
import os
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NotebookError", "NotebookRun", "ReadingLoad", "cells_with_outputs", "reading_load", "run_notebook", "strip_outputs"]


class NotebookError(Exception):
    """A notebook failed; the message names the notebook and the cell."""


@dataclass
class NotebookRun:
    """What running a notebook produced."""

    path: Path
    seconds: float
    notebook: object  # nbformat.NotebookNode

    def outputs_of_type(self, output_type: str) -> list[dict]:
        """Every output of this type (``"error"``, ``"display_data"``, ...)."""
        return [
            output
            for cell in self.notebook.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if output.get("output_type") == output_type
        ]


def _cell_summary(cell) -> str:
    lines = cell.source.strip().splitlines()
    head = "\n".join(f"    {line}" for line in lines[:4])
    return head + ("\n    ..." if len(lines) > 4 else "")


def run_notebook(
    path: str | os.PathLike,
    *,
    corpus_dir: str | os.PathLike | None = None,
    timeout: int = 120,
    output_path: str | os.PathLike | None = None,
    allow_errors: bool = False,
    kernel_name: str = "python3",
    extra_env: dict | None = None,
) -> NotebookRun:
    """Execute a notebook from top to bottom in a fresh kernel.

    The notebook file itself is never changed; pass ``output_path`` to save
    the executed copy elsewhere.

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` file.
    corpus_dir : str or Path, optional
        Run against this corpus (sets ``CORPUS_DIR`` for the kernel).
    timeout : int
        Seconds one cell may take before the run is stopped.
    output_path : str or Path, optional
        Where to write the executed notebook.
    allow_errors : bool
        Keep going after a failing cell (errors stay in the outputs).
    kernel_name : str
    extra_env : dict, optional
        More environment variables for the kernel.

    Returns
    -------
    NotebookRun

    Raises
    ------
    NotebookError
        Naming the notebook, the cell number and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except (OSError, ValueError, json.JSONDecodeError) as error:
        raise NotebookError(f"{path.name}: cannot be read as a notebook ({error}).") from error
    env = dict(os.environ)
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    if corpus_dir is not None:
        env["CORPUS_DIR"] = str(Path(corpus_dir).resolve())
    env.update(extra_env or {})
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    started = time.perf_counter()
    saved_env = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the kernel inherits the environment of this process
    try:
        client.execute()
    except CellTimeoutError as error:
        index = _failing_cell(notebook)
        raise NotebookError(
            f"{path.name}, cell {index}: took longer than {timeout} s and was stopped.\n"
            f"{_cell_summary(notebook.cells[index]) if index is not None else ''}"
        ) from error
    except DeadKernelError as error:
        raise NotebookError(f"{path.name}: the kernel died ({error}). Is memory short?") from error
    except CellExecutionError as error:
        index = _failing_cell(notebook)
        where = f"cell {index}" if index is not None else "a cell"
        cell = _cell_summary(notebook.cells[index]) if index is not None else ""
        raise NotebookError(f"{path.name}, {where} failed:\n{cell}\n{error.ename}: {error.evalue}") from error
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        if output_path is not None:
            Path(output_path).parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, output_path)
    return NotebookRun(path, time.perf_counter() - started, notebook)


def _failing_cell(notebook) -> int | None:
    """Index of the first code cell with an error output, else the last executed one."""
    last = None
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
        if cell.get("execution_count"):
            last = index
    if last is None:
        return None
    # With a timeout the running cell has no execution count yet: the next code cell.
    for index in range(last + 1, len(notebook.cells)):
        if notebook.cells[index].cell_type == "code":
            return index
    return last


def cells_with_outputs(path: str | os.PathLike) -> list[int]:
    """Indexes of code cells that carry outputs or execution counts.

    Notebooks are committed without outputs; the test suite uses this check.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    list of int

    Examples
    --------
    >>> import json, tempfile, os
    >>> cell = {"cell_type": "code", "source": "1", "metadata": {}, "outputs": [], "execution_count": 3}
    >>> path = os.path.join(tempfile.mkdtemp(), "n.ipynb")
    >>> _ = open(path, "w").write(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    >>> cells_with_outputs(path)
    [0]
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        index
        for index, cell in enumerate(data.get("cells", []))
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def strip_outputs(path: str | os.PathLike) -> bool:
    """Remove outputs and execution counts from a notebook file, in place.

    Only for notebooks you mean to commit (``make strip`` calls it).

    Returns
    -------
    bool
        True if the file changed.
    """
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":
            if cell.get("outputs") or cell.get("execution_count") is not None:
                changed = True
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for key in ("execution", "collapsed", "scrolled"):
            if key in metadata:
                metadata.pop(key)
                changed = True
    if changed:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


# ---------------------------------------------------------------------------
# Reading load: is the stated time honest?
# ---------------------------------------------------------------------------

#: Reading speed of a first-year student on instructional prose with new terms.
WORDS_PER_MINUTE = 130
#: Running a code cell, reading its output and relating it to the prose.
MINUTES_PER_CODE_CELL = 1.0
#: A "Your turn" task: thinking, typing, a wrong try and a second one.
MINUTES_PER_TASK = 5.0

_FOLDED = re.compile(r"<details>.*?</details>", re.DOTALL)
_FURTHER = re.compile(r"^## Further reading.*", re.DOTALL | re.MULTILINE)
_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")
_ACTIVITY = re.compile(r"<!--\s*activity:\s*(\d+)\s*min")
_STATED = re.compile(r"\*\*Time\*\*\s*\|([^\n]*)")


@dataclass(frozen=True)
class ReadingLoad:
    """What a notebook asks of a student, and the time that takes.

    ``minutes`` = prose words / :data:`WORDS_PER_MINUTE` + code cells ×
    :data:`MINUTES_PER_CODE_CELL` + tasks × :data:`MINUTES_PER_TASK` +
    activities, where an activity the formula cannot see (reading an article
    closely, annotating sentences) is stated in its cell as an HTML comment,
    ``<!-- activity: 10 minutes -->``, invisible to students.
    Worked solutions (folded ``<details>``) and further reading are left out:
    they are read after the lesson, if at all.
    """

    prose_words: int
    code_cells: int
    tasks: int
    stated_minutes: int | None
    activity_minutes: int = 0

    @property
    def minutes(self) -> float:
        return (
            self.prose_words / WORDS_PER_MINUTE
            + self.code_cells * MINUTES_PER_CODE_CELL
            + self.tasks * MINUTES_PER_TASK
            + self.activity_minutes
        )


def reading_load(path: str | os.PathLike) -> ReadingLoad:
    """Measure a notebook's reading load and read the time it states.

    Parameters
    ----------
    path : str or Path
        A notebook whose first cell has a ``| **Time** | ... |`` row: "About N
        minutes: ..." states N; otherwise every "N minutes" in the row is
        added up ("20 minutes teaching, 15 minutes practice").

    Returns
    -------
    ReadingLoad

    Examples
    --------
    >>> import json, tempfile, os
    >>> cells = [{"cell_type": "markdown", "metadata": {}, "source": "| **Time** | 10 minutes teaching, 5 minutes practice |"},
    ...          {"cell_type": "markdown", "metadata": {}, "source": "### Your turn\\nWhy?"},
    ...          {"cell_type": "code", "metadata": {}, "source": "1", "outputs": [], "execution_count": None}]
    >>> path = os.path.join(tempfile.mkdtemp(), "n.ipynb")
    >>> _ = open(path, "w").write(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    >>> load = reading_load(path)
    >>> load.tasks, load.code_cells, load.stated_minutes
    (1, 1, 15)
    >>> round(load.minutes, 1)
    6.1
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    words = code = tasks = activities = 0
    for cell in cells:
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "code":
            code += 1
        elif cell.get("cell_type") == "markdown":
            prose = _FURTHER.sub("", _FOLDED.sub("", source))
            words += len(_WORDS.findall(prose))
            tasks += len(re.findall(r"^#+\s*Your turn", prose, re.MULTILINE))
            activities += sum(int(n) for n in _ACTIVITY.findall(source))
    stated = None
    if cells:
        row = _STATED.search("".join(cells[0].get("source", [])))
        if row:
            total = re.match(r"\s*about\s+(\d+)\s*min", row.group(1), re.IGNORECASE)
            minutes = [int(n) for n in re.findall(r"(\d+)\s*min", row.group(1))]
            stated = int(total.group(1)) if total else sum(minutes)
    return ReadingLoad(words, code, tasks, stated, activities)
