"""``python -m helpers reuse DIR_OR_FILES [--n N] [--min-words N] [--json]``.

Finds the pairs of articles that share passages word for word, or
sentences in other words (paraphrases). Candidate pairs come from an
inverted index of shingle hashes, so a folder of thousands of articles
takes seconds, with the same results as comparing every pair.

JSON output::

    {"pairs": [{"a", "b", "jaccard", "containment",
                "passages": [{"a_start", "a_end", "b_start", "b_end", "words", "kind"}],
                "paraphrases": [{"a_start", "a_end", "b_start", "b_end", "score"}]}]}

Pairs are sorted by containment (highest first); ``a`` and ``b`` are file
names; offsets are Python string indices into each file's text as stored.
"""

from __future__ import annotations

import argparse
import sys

from helpers.commands._common import add_inputs_argument, fail, load_inputs, print_json, print_table, safe_name
from helpers.corpus import CorpusError
from helpers.reuse import (
    DEFAULT_MAX_GAP,
    DEFAULT_MIN_WORDS,
    DEFAULT_N,
    KIND_HINTS,
    PARAPHRASE_THRESHOLD,
    compare_corpus,
    matching_words,
    paraphrase_scope,
    reports_to_json,
)

HELP = "find copied passages and paraphrases between articles"


def _whole(low: int, high: int | None = None):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < low or (high is not None and number > high):
            limits = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"{number} is out of range; give a number {limits}")
        return number

    return parse


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"{number} is out of range; give a number above 0 and at most 1")
    return number


def add_arguments(parser) -> None:
    add_inputs_argument(parser)
    parser.add_argument(
        "--n", type=_whole(1, 16), default=DEFAULT_N, metavar="N", help=f"words per shingle (default {DEFAULT_N})"
    )
    parser.add_argument(
        "--min-words",
        type=_whole(1),
        default=DEFAULT_MIN_WORDS,
        metavar="N",
        help=f"shortest passage reported, in matching words (default {DEFAULT_MIN_WORDS})",
    )
    parser.add_argument(
        "--max-gap",
        type=_whole(0),
        default=DEFAULT_MAX_GAP,
        metavar="N",
        help=f"most changed or added words bridged inside one passage (default {DEFAULT_MAX_GAP})",
    )
    parser.add_argument(
        "--paraphrase-threshold",
        type=_share,
        default=PARAPHRASE_THRESHOLD,
        metavar="S",
        help=f"smallest share of content words two sentences must have in common (default {PARAPHRASE_THRESHOLD})",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-paraphrases", action="store_true", help="skip the (slower) search for paraphrases")
    group.add_argument(
        "--all-paraphrases",
        action="store_true",
        help="search every pair for paraphrases even in a large corpus (by default only pairs that share "
        "a passage are searched above 400,000 words)",
    )
    parser.add_argument(
        "--winnow",
        type=_whole(2, 64),
        default=None,
        metavar="W",
        help="index only winnowed fingerprints (smaller; sure to find shared runs of W+N-1 words)",
    )
    parser.add_argument(
        "--top", type=_whole(1), default=20, metavar="N", help="pairs shown in detail in the text output (default 20)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (every pair) instead of text")


def run(args) -> int:
    try:
        corpus = load_inputs(args.inputs)
    except CorpusError as error:
        return fail(str(error))
    if len(corpus.articles) < 2:
        found = "no article" if not corpus.articles else f"only one article ({corpus.articles[0].file})"
        return fail(f"{found} could be read; comparing needs at least two. Add articles, or check the folder "
                    "with `python -m helpers check-corpus`.")
    if args.min_words < args.n:
        print(f"note: --min-words {args.min_words} is below --n {args.n}; passages start at {args.n} words.", file=sys.stderr)
    for article in corpus.articles:
        if len(article.text.split(None, 3 * args.n - 1)) >= 3 * args.n:
            continue  # surely long enough; only short texts are counted exactly
        count = len(matching_words(article.text, offsets=False).forms)
        if count < args.n:
            print(f"note: {safe_name(article.file)} has {count} words, fewer than --n {args.n}: it cannot share a passage.", file=sys.stderr)
    paraphrases = "none" if args.no_paraphrases else ("all" if args.all_paraphrases else True)
    if paraphrase_scope(corpus, paraphrases) == "related":
        print(
            "note: large corpus: paraphrases are searched only between articles that share a passage "
            "(use --all-paraphrases to search every pair; it is much slower).",
            file=sys.stderr,
        )
    try:
        reports = compare_corpus(
            corpus,
            n=args.n,
            min_words=args.min_words,
            max_gap=args.max_gap,
            paraphrases=paraphrases,
            paraphrase_threshold=args.paraphrase_threshold,
            window=args.winnow,
        )
    except (ValueError, TypeError, MemoryError) as error:
        return fail(str(error))
    if args.json:
        print_json(reports_to_json(reports))
        return 0
    _print_text(corpus, reports, args)
    return 0


def _excerpt(text: str, start: int, end: int, width: int = 160) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= width else piece[: width - 20] + " … " + piece[-16:]


def _print_text(corpus, reports, args) -> None:
    size = len(corpus.articles)
    print(
        f"Compared {size} articles ({size * (size - 1) // 2:,} pairs) with {args.n}-word shingles; "
        f"passages of at least {args.min_words} matching words."
    )
    if not reports:
        print("No pair shares a passage or a paraphrased sentence.")
        return
    print(f"{len(reports)} pair(s) share passages or paraphrases (highest containment first):\n")
    rows = [
        [r.a, r.b, f"{r.jaccard:.4f}", f"{r.containment:.4f}", len(r.passages), r.copied_words, len(r.paraphrases)]
        for r in reports
    ]
    print_table(rows, ["a", "b", "jaccard", "containment", "passages", "copied words", "paraphrases"])
    texts = {a.file: a.text for a in corpus.articles}
    for report in reports[: args.top]:
        print(f"\n{safe_name(report.a)}  <->  {safe_name(report.b)}")
        for p in report.passages:
            print(f"  passage: {p.kind}, {p.words} matching words  (a {p.a_start}-{p.a_end}, b {p.b_start}-{p.b_end})")
            print(f"    \"{safe_name(_excerpt(texts[report.a], p.a_start, p.a_end))}\"")
        for p in report.paraphrases:
            print(f"  paraphrase: score {p.score:.2f}  (a {p.a_start}-{p.a_end}, b {p.b_start}-{p.b_end})")
            print(f"    a: \"{safe_name(_excerpt(texts[report.a], p.a_start, p.a_end))}\"")
            print(f"    b: \"{safe_name(_excerpt(texts[report.b], p.b_start, p.b_end))}\"")
    if len(reports) > args.top:
        print(f"\n... {len(reports) - args.top} more pair(s); use --top or --json to see them.")
    print("\nKinds: " + "; ".join(f"{kind} = {hint}" for kind, hint in KIND_HINTS.items()))
