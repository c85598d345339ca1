"""``python -m helpers grade DIR``: grade a folder of submitted exercise notebooks.

Every notebook is graded with otter in its own throwaway folder, inside a
sandbox when the machine has one, several at a time and each with a time
limit. Writes ``grades.csv`` and ``feedback/<student>.md`` into the output
folder (default: ``DIR-graded`` next to ``DIR``). After marking the written
answers by hand in ``grades.csv``, ``--totals`` adds them up.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from helpers.commands._common import fail, print_table
from helpers.grading import (
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_TEST_TIMEOUT,
    DEFAULT_TIMEOUT,
    GradingError,
    find_assignments,
    find_sandbox,
    find_submissions,
    grade_folder,
    load_assignment,
    update_totals,
    write_grades,
)

HELP = "grade a folder of submitted exercise notebooks"


def add_arguments(parser) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", help="folder of submitted notebooks (one per student)")
    parser.add_argument(
        "--assignment", "-a", metavar="SET",
        help="exercise set: its name (02-word-frequencies), number (2) or bundle (.zip); "
        "default: read from the notebooks",
    )
    parser.add_argument("--out", "-o", metavar="OUT", help="where to write grades.csv and feedback/ (default: DIR-graded)")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="submissions graded at once (default: number of cores)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds allowed for one submission (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT,
                        help=f"seconds allowed for one cell before it is interrupted (default {DEFAULT_CELL_TIMEOUT})")
    parser.add_argument("--test-timeout", type=float, default=DEFAULT_TEST_TIMEOUT,
                        help=f"seconds allowed for one test case (default {DEFAULT_TEST_TIMEOUT})")
    parser.add_argument("--sandbox", choices=["auto", "bubblewrap", "user", "none"], default="auto",
                        help="how to isolate submissions (default: the best available)")
    parser.add_argument("--require-sandbox", action="store_true", help="refuse to grade without a sandbox")
    parser.add_argument("--corpus", metavar="CORPUS_DIR", help="the corpus the notebooks load (default: the seeds)")
    parser.add_argument("--totals", metavar="GRADES_CSV",
                        help="add up the written-answer scores typed into this grades.csv, then stop")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")


def _resolve_assignment(choice: str | None, folder: Path | None):
    if choice and (choice.endswith(".zip") or Path(choice).is_file()):
        return load_assignment(choice)
    known = find_assignments()
    if choice:
        wanted = choice.strip()
        matches = [a for name, a in known.items() if name == wanted or name.split("-")[0].lstrip("0") == wanted.lstrip("0")]
        if len(matches) == 1:
            return matches[0]
        names = ", ".join(known) or "none: run `make exercises`"
        raise GradingError(f"No exercise set {choice!r}. Known sets: {names}.")
    if not known:
        raise GradingError("No grading bundles found: run `make exercises`, or give --assignment path/to/bundle.zip.")
    if folder is None:
        raise GradingError("Give a folder of submissions.")
    submissions, _ = find_submissions(folder)
    seen = Counter()
    for sub in submissions:
        try:
            meta = json.loads(sub.path.read_text(encoding="utf-8-sig")).get("metadata", {})
            seen[meta.get("otter", {}).get("assignment_name")] += 1
        except (OSError, ValueError, AttributeError):
            continue
    candidates = [(count, name) for name, count in seen.items() if name in known]
    if not candidates:
        raise GradingError(
            f"Cannot tell which exercise set the notebooks in {folder} belong to; "
            f"give --assignment (one of: {', '.join(known)})."
        )
    return known[max(candidates)[1]]


def _totals(args) -> int:
    if not args.assignment:
        return fail("--totals needs --assignment (the set the grades.csv belongs to).")
    try:
        assignment = _resolve_assignment(args.assignment, None)
    except GradingError as error:
        return fail(str(error))
    path = Path(args.totals)
    if not path.is_file():
        return fail(f"{path} does not exist: give the grades.csv written by `python -m helpers grade`.")
    problems = update_totals(path, assignment)
    if problems:
        for problem in problems:
            print(f"error: {path.name}: {problem}", file=sys.stderr)
        print("Nothing was changed: fix the scores above and run --totals again.")
        return 1
    print(f"Totals updated in {path}.")
    return 0


def run(args) -> int:
    if args.totals:
        return _totals(args)
    if not args.folder:
        return fail("give the folder of submitted notebooks: python -m helpers grade DIR")
    folder = Path(args.folder)
    if not folder.is_dir():
        return fail(f"{folder} is not a folder: give the folder that holds the submitted notebooks.")
    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs must be 1 or more.")
    if min(args.timeout, args.cell_timeout, args.test_timeout) <= 0:
        return fail("the time limits must be more than 0 seconds.")
    if args.corpus and not Path(args.corpus).is_dir():
        return fail(f"--corpus {args.corpus} is not a folder of articles.")
    try:
        assignment = _resolve_assignment(args.assignment, folder)
        sandbox = find_sandbox(args.sandbox)
    except GradingError as error:
        return fail(str(error))
    out = Path(args.out) if args.out else folder.resolve().parent / f"{folder.resolve().name}-graded"
    if not sandbox.isolated:
        print(f"WARNING: {sandbox.description}.", file=sys.stderr)
        if args.require_sandbox:
            return fail("--require-sandbox was given and there is no sandbox here; nothing was graded.")
    said = sys.stderr if args.json else sys.stdout  # with --json, standard output holds the JSON alone
    print(f"Grading {folder} as {assignment.name} ({assignment.title}).", file=said)
    print(f"Sandbox: {sandbox.description}.", file=said)
    print(f"Time limits: {args.timeout:g} s per submission, {args.cell_timeout:g} s per cell, {args.test_timeout:g} s per test.",
          file=said)
    submissions, notes = find_submissions(folder, assignment, skip=(out,))
    for note in notes:
        print(f"note: {note}", file=said)
    if not submissions:
        return fail(f"No notebooks (.ipynb) in {folder}.")
    total = len(submissions)
    done = [0]
    started = time.perf_counter()

    def progress(result):
        done[0] += 1
        score = f"{result.auto_score:g}/{assignment.auto_points:g}"
        print(f"  [{done[0]}/{total}] {result.student}: {result.status}, {score} ({result.seconds:.1f} s)", flush=True)

    try:
        results, _ = grade_folder(
            folder, assignment, sandbox=sandbox, jobs=args.jobs, timeout=args.timeout,
            cell_timeout=args.cell_timeout, test_timeout=args.test_timeout, corpus_dir=args.corpus,
            skip=(out,), progress=None if args.json else progress,
        )
        path, kept = write_grades(results, assignment, out)
    except GradingError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"cannot write the grades into {out}: {error.strerror}.")
    elapsed = time.perf_counter() - started
    if args.json:
        from dataclasses import asdict

        print(json.dumps({"grades": str(path), "results": [asdict(r) for r in results]}, indent=2, ensure_ascii=False))
        return 0
    statuses = Counter(r.status for r in results)
    print()
    print_table(
        [[r.student, r.status, f"{r.auto_score:g}", len(r.flags)] for r in results],
        ["student", "status", f"score /{assignment.auto_points:g}", "flags"],
    )
    print()
    print(", ".join(f"{count} {status}" for status, count in sorted(statuses.items())) + f"; {elapsed:.1f} s in all.")
    for note in kept:
        print(f"note: {note}")
    print(f"Wrote {path}, a class summary in {path.parent / 'summary.md'} "
          f"and {len(results)} feedback file(s) in {path.parent / 'feedback'}.")
    if assignment.manual_questions:
        columns = ", ".join(q.column for q in assignment.manual_questions)
        print(
            f"Next: mark the written answers ({columns}) in grades.csv with the rubric in exercises/README.md, then "
            f"run: python -m helpers grade --totals {path} --assignment {assignment.name}"
        )
    return 0
