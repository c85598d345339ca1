"""What the commands share: reading their inputs and printing their results."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers.corpus import ArticleError, Corpus, CorpusError, Problem, load_corpus, read_article

__all__ = ["add_inputs_argument", "load_inputs", "print_json", "print_table", "fail", "problem_line"]


def problem_line(file: str, message: str) -> str:
    """``file: message``, without naming the file twice when the message already starts with it."""
    return message if message.startswith(file) else f"{file}: {message}"


def add_inputs_argument(parser) -> None:
    """Add the positional DIR_OR_FILES argument shared by the analysis commands."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="DIR_OR_FILES",
        help="a corpus folder, or one or more .txt article files",
    )


def fail(message: str) -> int:
    """Print an error message (no traceback) and return exit code 1."""
    print(f"error: {message}", file=sys.stderr)
    return 1


def load_inputs(inputs: list[str]) -> Corpus:
    """Load a folder, or a list of files, as a corpus.

    Raises
    ------
    CorpusError
        When a folder cannot be loaded, a file is missing or unreadable, or the
        same file name is given twice.
    """
    paths = [Path(p) for p in inputs]
    if len(paths) == 1 and paths[0].is_dir():
        return load_corpus(paths[0])
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise CorpusError(f"Give either one folder or a list of files, not both ({', '.join(folders)} is a folder).")
    names = [p.name for p in paths]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise CorpusError(
            f"The file name(s) {', '.join(repeated)} appear more than once; results are keyed by file "
            "name, so give each file once (or rename copies)."
        )
    articles, problems = [], []
    for index, path in enumerate(paths):
        try:
            articles.append(read_article(path, _label(index)))
        except ArticleError as error:
            problems.append(Problem(path.name, str(error)))
    if problems:
        raise CorpusError("\n".join(problem_line(p.file, p.message) for p in problems))
    return Corpus(None, articles, [])


def _label(index: int) -> str:
    from helpers.corpus import _next_label

    return _next_label(index)


def print_json(value) -> None:
    """Print a value as indented UTF-8 JSON."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def print_table(rows: list[list], header: list[str]) -> None:
    """Print rows as a plain-text table with aligned columns."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for number, row in enumerate(cells):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
