"""``python -m helpers notebooks [--corpus DIR]``: run the whole series headless.

The corpus is checked first (as ``check-corpus`` does); if it is not usable
nothing is executed. Then every notebook runs in a fresh kernel against the
corpus, and the executed copies go to ``build/<corpus name>/``. The first
error stops the run with the notebook, the cell and the message.
"""

from __future__ import annotations

import time
from pathlib import Path

from helpers.commands._common import fail, print_table, problem_line, safe_name
from helpers.commands.check_corpus import check
from helpers.corpus import default_corpus_dir
from helpers.notebooks import NotebookError, run_notebook

HELP = "run every notebook headless against a corpus, saving executed copies in build/"


def add_arguments(parser) -> None:
    parser.add_argument("--corpus", metavar="DIR", help="corpus folder (default: CORPUS_DIR, else seeds/)")
    parser.add_argument("--notebooks", metavar="DIR", default="notebooks", help="folder of notebooks (default notebooks/)")
    parser.add_argument("--out", metavar="DIR", default="build", help="where executed copies go (default build/)")
    parser.add_argument("--only", metavar="PREFIX", action="append", help="run only notebooks whose name starts with this (repeatable)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds a single cell may take (default 300)")


def run(args) -> int:
    corpus = default_corpus_dir(args.corpus)
    result = check(str(corpus))
    if not result["articles"] or result["errors"]:
        for error in result["errors"]:
            fail(problem_line(error["file"], error["message"]))
        print(f"The corpus {safe_name(str(corpus))} is not usable; no notebook was run. Fix it "
              f"(see `python -m helpers check-corpus {safe_name(str(corpus))}`).")
        return 1
    folder = Path(args.notebooks)
    notebooks = sorted(folder.glob("*.ipynb"))
    if args.only:
        notebooks = [p for p in notebooks if any(p.name.startswith(prefix) for prefix in args.only)]
    if not notebooks:
        return fail(f"no notebooks found in {folder}" + (f" starting with {', '.join(args.only)}" if args.only else ""))
    out = Path(args.out) / corpus.resolve().name
    print(f"Corpus: {safe_name(str(corpus))} ({len(result['articles'])} articles). "
          f"Executed notebooks go to {safe_name(str(out))}/")
    rows = []
    started = time.perf_counter()
    for path in notebooks:
        try:
            run_result = run_notebook(path, corpus_dir=corpus, timeout=args.timeout, output_path=out / path.name)
        except NotebookError as error:
            fail(str(error))
            print(f"Stopped at {safe_name(path.name)}; the partly executed copy is in {safe_name(str(out / path.name))}.")
            return 1
        rows.append([path.name, f"{run_result.seconds:.1f}"])
        print(f"  ok  {safe_name(path.name)}  {run_result.seconds:.1f} s", flush=True)
    print_table(rows, ["notebook", "seconds"])
    print(f"All {len(rows)} notebooks ran in {time.perf_counter() - started:.1f} s.")
    return 0


__all__ = ["HELP", "add_arguments", "run"]
