"""Run one submitted notebook inside the sandbox and send out its answers as plain data.

Started by the grader as ``python -m helpers.grading.runner`` inside the
sandbox, with the job in ``HELPERS_GRADING_JOB``. It runs the notebook with
nbclient (each cell with a time limit), then, in the same kernel, the probes
(:func:`helpers.grading.probe.answer_probes`), and writes a summary to the
pipe the grader handed to this process alone::

    {"answers": {...} or null, "cells": [errors of cells], "catastrophic": null or text}

Nothing here decides a grade: the checks run on the grader's side, on the
answers. A submission that tampers with this process can at most misreport
its own answers.
"""

from __future__ import annotations

import json
import os
import sys


def _not_dumpable() -> None:
    """Keep other processes of the run from reading this one's memory or its pipe through /proc."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
    except Exception:
        pass


def probe_cell_source(job: dict) -> str:
    """The one call added at the end of the notebook: read the answers the probes ask for."""
    return (
        "from helpers.grading.probe import answer_probes\n"
        f"answer_probes(get_ipython().user_ns, {job['probes']!r}, {job['corpora']!r}, {job['call_timeout']!r})"
    )


def cell_errors(cells: list) -> list[dict]:
    """The errors shown by the notebook's own code cells, numbered as the student sees them."""
    found = []
    number = 0
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        number += 1
        source = cell.get("source", "")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append({
                    "cell": number,
                    "first_line": source.strip().splitlines()[0][:80] if source.strip() else "",
                    "ename": str(output.get("ename", ""))[:200],
                    "evalue": str(output.get("evalue", ""))[:300],
                })
    return found[:20]


def answers_from(cell, mime: str):
    """The answers the probe cell displayed, or None (and what went wrong)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return None, f"{output.get('ename', '')}: {output.get('evalue', '')}"[:300]
    for output in cell.get("outputs", []):
        if output.get("output_type") in ("display_data", "execute_result") and mime in output.get("data", {}):
            return output["data"][mime], None
    return None, "the answers could not be read after the notebook ran"


def run(job: dict) -> dict:
    """Run the notebook and its probes; the summary for the grader."""
    import nbformat
    from nbclient import NotebookClient

    from helpers.grading.probe import ANSWERS_MIME

    # The notebook runs in a folder it may write to (otter's own checks keep a log next to it).
    folder = job["workdir"]
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, os.path.basename(job["submission"]))
    with open(job["submission"], "rb") as source, open(copy, "wb") as target:
        target.write(source.read())
    notebook = nbformat.read(copy, as_version=4)
    own_cells = len(notebook.cells)
    notebook.cells.append(nbformat.v4.new_code_cell(probe_cell_source(job)))
    client = NotebookClient(
        notebook, timeout=job["cell_timeout"], allow_errors=True, interrupt_on_timeout=True,
        kernel_name="python3", resources={"metadata": {"path": folder}},
    )
    summary = {"answers": None, "cells": [], "catastrophic": None}
    try:
        client.execute()
    except Exception as error:  # a dead kernel, a cell that could not even be interrupted
        summary["catastrophic"] = f"{type(error).__name__}: {error}"[:300]
    summary["cells"] = cell_errors(notebook.cells[:own_cells])
    if summary["catastrophic"] is None:
        summary["answers"], problem = answers_from(notebook.cells[own_cells], ANSWERS_MIME)
        summary["catastrophic"] = problem
    return summary


def main() -> int:
    job = json.loads(os.environ["HELPERS_GRADING_JOB"])
    summary_fd = job["summary_fd"]
    os.set_inheritable(summary_fd, False)  # the kernel does not get the pipe
    _not_dumpable()
    summary = run(job)
    with os.fdopen(summary_fd, "wb") as handle:
        handle.write(json.dumps(summary, allow_nan=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
