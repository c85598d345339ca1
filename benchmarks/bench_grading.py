"""Grading time: one submission, and a folder of 30, with the sandbox and time limits.

Run:  .venv/bin/python benchmarks/bench_grading.py [--set 02-word-frequencies] [--n 30] [--jobs 2] [--repeat 3]

1. Baseline, measured in the same run: ``otter run`` on one full-marks
   submission, as otter's own command does it (no sandbox, no guard, one at
   a time). This is the floor: a kernel starts, the notebook runs, the tests
   run.
2. One submission through ``helpers.grading.grade_submission``: the
   notebook runs in the bubblewrap sandbox (when available) with the
   in-Python guard, the probes read its answers as plain data, and the
   checks run on them in a process of the grader's, outside the sandbox.
   The difference with the baseline is the cost of the isolation.
3. A folder of ``--n`` submissions (a mix of full-marks, untouched and partly
   right notebooks, as a real class hands in) graded with ``--jobs`` at once:
   wall time, time per submission and the slowest one.

For each, the median of ``--repeat`` runs is printed (the folder is graded
once). Timings are noisy on a shared machine: compare the rows of one run,
not runs made at different times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.grading import (
    Submission,
    fill_answers,
    find_sandbox,
    grade_folder,
    grade_submission,
    load_assignment,
    solution_answers,
)

ROOT = Path(__file__).resolve().parents[1]


def notebooks(name: str) -> tuple[dict, dict, list]:
    master = json.loads((ROOT / "exercises" / "source" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    student = json.loads((ROOT / "exercises" / "student" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    return master, student, solution_answers(master)


def otter_run_baseline(notebook: Path, bundle: Path, work: Path) -> float:
    out = work / "otter-out"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "otter", "run", "-a", str(bundle), "-o", str(out), "--no-logo", str(notebook)],
        check=True, capture_output=True, env=dict(os.environ, CORPUS_DIR=str(ROOT / "seeds")),
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="02-word-frequencies")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    assignment = load_assignment(ROOT / "exercises" / "autograder" / f"{args.set}.zip")
    sandbox = find_sandbox()
    _, student, answers = notebooks(args.set)
    full = fill_answers(student, answers)
    first_question = answers[0][0]
    partial = fill_answers(student, answers, {first_question: ["..."]})
    print(f"set {args.set}; sandbox: {sandbox.kind}; cores: {os.cpu_count()}; jobs: {args.jobs}")

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        work = Path(tmp)
        solution = work / f"{args.set}.ipynb"
        solution.write_text(json.dumps(full), encoding="utf-8")

        baseline, ours = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same load
            baseline.append(otter_run_baseline(solution, assignment.bundle, work))
            result = grade_submission(Submission("bench", solution), assignment, sandbox=sandbox)
            assert result.status == "ok" and result.auto_score == assignment.auto_points, result
            ours.append(result.seconds)
        print()
        print("| what | median s | min s | max s |")
        print("|---|---|---|---|")
        print(f"| baseline: `otter run`, one submission, no sandbox | {statistics.median(baseline):.1f} | {min(baseline):.1f} | {max(baseline):.1f} |")
        print(f"| ours: one submission, {sandbox.kind} sandbox + guard | {statistics.median(ours):.1f} | {min(ours):.1f} | {max(ours):.1f} |")

        folder = work / "class"
        folder.mkdir()
        kinds = [("full", full), ("untouched", student), ("partial", partial)]
        for index in range(args.n):
            kind, notebook = kinds[index % len(kinds)]
            (folder / f"student{index:02d}_{kind}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        started = time.perf_counter()
        results, _ = grade_folder(folder, assignment, sandbox=sandbox, jobs=args.jobs)
        wall = time.perf_counter() - started
        statuses = {r.status for r in results}
        each = [r.seconds for r in results]
        print()
        print(f"| folder of {args.n} submissions, {args.jobs} at a time | value |")
        print("|---|---|")
        print(f"| wall time | {wall:.1f} s ({wall / 60:.1f} min) |")
        print(f"| wall time per submission | {wall / args.n:.1f} s |")
        print(f"| one submission, median (slowest) | {statistics.median(each):.1f} s ({max(each):.1f} s) |")
        print(f"| statuses | {', '.join(sorted(statuses))} |")
        print(f"| estimate with `otter run` one at a time (baseline × {args.n}) | {statistics.median(baseline) * args.n:.1f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
