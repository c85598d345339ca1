"""How long each notebook takes to "restart and run all", and how much memory its kernel uses.

Run:  .venv/bin/python benchmarks/bench_notebooks.py [--corpus DIR] [--repeat N]

For every notebook in notebooks/ this starts a fresh kernel, runs all cells
on the corpus (the seeds by default) and reports the wall time including the
kernel start, and the kernel's peak resident memory. The baseline, measured
in the same run, is an empty notebook: the cost of a kernel start that no
notebook can go below.

Targets (2 cores): each notebook <= 10 s, the whole series <= 45 s.
The peak memory figures size a JupyterHub deployment (docs/jupyterhub.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
PEAK_CELL = "import resource as _r; print('PEAK_KB', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"


def run_once(notebook, folder: Path, corpus: Path) -> tuple[float, float]:
    """Run a notebook in a fresh kernel; return (seconds, peak MB of the kernel)."""
    import os

    notebook = nbformat.from_dict(notebook)
    notebook.cells.append(new_code_cell(PEAK_CELL))
    os.environ["CORPUS_DIR"] = str(corpus)
    started = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    seconds = time.perf_counter() - started
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    peak_kb = int(text.split("PEAK_KB")[1].split()[0])
    return seconds, peak_kb / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook; the median is reported")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus).resolve()
    folder = ROOT / "notebooks"
    paths = sorted(folder.glob("*.ipynb"))
    rows = []
    empty = new_notebook(cells=[new_code_cell("pass")])
    base = [run_once(empty, folder, corpus) for _ in range(args.repeat)]
    base_s, base_mb = statistics.median(b[0] for b in base), max(b[1] for b in base)
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        runs = [run_once(notebook, folder, corpus) for _ in range(args.repeat)]
        rows.append((path.name, statistics.median(r[0] for r in runs), max(r[1] for r in runs)))
    total = sum(r[1] for r in rows)
    print(f"corpus: {corpus}   notebooks: {len(rows)}   repeat: {args.repeat}")
    print(f"{'notebook':<34}{'seconds':>9}{'vs empty':>10}{'peak MB':>9}  target")
    print(f"{'(baseline: empty notebook)':<34}{base_s:>9.2f}{'':>10}{base_mb:>9.0f}")
    for name, seconds, peak in rows:
        verdict = "ok" if seconds <= 10 else "OVER 10 s"
        print(f"{name:<34}{seconds:>9.2f}{seconds - base_s:>+10.2f}{peak:>9.0f}  {verdict}")
    print(f"{'whole series':<34}{total:>9.2f}{'':>10}{max(r[2] for r in rows):>9.0f}  {'ok' if total <= 45 else 'OVER 45 s'}")
    print(f"all kernels open at once (sum of peaks): {sum(r[2] for r in rows):.0f} MB")
    return 0 if all(r[1] <= 10 for r in rows) and total <= 45 else 1


if __name__ == "__main__":
    sys.exit(main())
