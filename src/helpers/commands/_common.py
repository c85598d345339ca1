"""What the commands share: reading their inputs and printing their results."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from helpers.corpus import ArticleError, Corpus, CorpusError, Problem, load_corpus, read_article, safe_name

__all__ = [
    "add_inputs_argument",
    "load_inputs",
    "print_json",
    "print_table",
    "fail",
    "problem_line",
    "safe_name",
    "safe_text",
]


def safe_text(text: str) -> str:
    """Text made safe to print, line by line: :func:`helpers.corpus.safe_name` on each line.

    Line breaks between lines are kept; everything else that could drive a
    terminal (escape sequences, bidirectional overrides) is escaped.
    """
    return "\n".join(safe_name(line) for line in str(text).split("\n"))


def problem_line(file: str, message: str) -> str:
    """``file: message``, safe to print, without naming the file twice when the message starts with it."""
    file, message = safe_name(file), safe_name(message)
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
    print(f"error: {safe_text(message)}", file=sys.stderr)
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
    from helpers.corpus import label_for

    return label_for(index)


def print_json(value) -> None:
    """Print a value as indented UTF-8 JSON.

    Characters that could drive a terminal (control characters, bidirectional
    overrides, lone surrogates from file names that are not UTF-8) are
    written as ``\\uXXXX`` escapes: the JSON means exactly the same.
    """
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if not text.replace("\n", " ").isprintable():  # checked in C: most output needs no escape at all
        text = _NOT_PLAIN_ASCII.sub(_json_escape, text)
    sys.stdout.write(text + "\n")


_NOT_PLAIN_ASCII = re.compile(r"[^\n\x20-\x7e]")


def _json_escape(match: re.Match) -> str:
    ch = match.group()
    if safe_name(ch) == ch:
        return ch  # an ordinary letter or symbol
    return json.dumps(ch)[1:-1]  # \uXXXX (a surrogate pair above U+FFFF)


def print_table(rows: list[list], header: list[str]) -> None:
    """Print rows as a plain-text table with aligned columns; every cell is shown with :func:`safe_name`."""
    cells = [[safe_name(str(c)) for c in header]] + [[safe_name(str(c)) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for number, row in enumerate(cells):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
