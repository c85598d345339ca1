"""``python -m helpers words DIR_OR_FILES [--top N] [--keep-stopwords] [--json]``.

Counts words per article and for the whole corpus. ``tokens`` are running
words (every word and number of the prose and headings, stopwords included;
the denominator of ``per_1000``), ``types`` the different words among them.
Stopwords are left out of the top lists unless ``--keep-stopwords`` is given.
"""

from __future__ import annotations

import argparse

from helpers.commands._common import add_inputs_argument, fail, load_inputs, print_json, print_table, safe_name
from helpers.corpus import CorpusError
from helpers.frequency import summarize_words

HELP = "count words per article and for the corpus"


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is too small; give 1 or more")
    return number


def add_arguments(parser) -> None:
    add_inputs_argument(parser)
    parser.add_argument("--top", type=_positive, default=10, metavar="N", help="how many top words (default 10)")
    parser.add_argument(
        "--keep-stopwords", action="store_true", help="keep stopwords (the, and, of, ...) in the top lists"
    )
    parser.add_argument("--stem", action="store_true", help="count stems (Porter), grouping deported/deportation")
    parser.add_argument(
        "--lines",
        choices=("counted", "prose", "all"),
        default="counted",
        help="which lines to count: prose and headings (counted, the default), prose only, or all lines "
        "including bylines, dates and page furniture",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")


def run(args) -> int:
    try:
        corpus = load_inputs(args.inputs)
    except CorpusError as error:
        return fail(str(error))
    if not corpus.articles:
        return fail("no article could be read; run `python -m helpers check-corpus` on the folder to see why.")
    try:
        summary = summarize_words(
            corpus,
            top=args.top,
            keep_stopwords=args.keep_stopwords,
            stemmer="porter" if args.stem else None,
            lines=args.lines,
        )
    except (ValueError, TypeError, OSError) as error:
        return fail(str(error))
    if args.json:
        print_json(summary)
        return 0
    kept = "stopwords kept" if args.keep_stopwords else "stopwords left out"
    for article, row in zip(corpus.articles, summary["articles"]):
        print(f"{safe_name(row['file'])} ({safe_name(article.label)}): {row['tokens']} running words, {row['types']} different words")
        if row["top"]:
            print_table(_rows(row["top"]), ["rank", "word", "count", "per 1,000"])
        else:
            print("  (no words to count)")
        print()
    whole = summary["corpus"]
    print(f"Whole corpus ({len(corpus.articles)} articles): {whole['tokens']} running words ({kept})")
    if whole["top"]:
        print_table(_rows(whole["top"]), ["rank", "word", "count", "per 1,000"])
    return 0


def _rows(top: list[dict]) -> list[list]:
    return [[rank, item["word"], item["count"], f"{item['per_1000']:.2f}"] for rank, item in enumerate(top, 1)]
