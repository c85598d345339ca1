"""``python -m helpers check-corpus DIR [--json]``: is this folder usable?"""

from __future__ import annotations

from helpers.commands._common import fail, print_json, print_table, problem_line
from helpers.corpus import MAX_ARTICLE_BYTES, CorpusError, read_corpus

HELP = "check a folder of articles before using it (exit 0 usable, 1 not)"


def add_arguments(parser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder of .txt articles (with optional metadata.csv)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--max-mb", type=float, default=MAX_ARTICLE_BYTES / 1e6, help="largest article file in MB (default 5)"
    )


def check(folder: str, max_mb: float = MAX_ARTICLE_BYTES / 1e6) -> dict:
    """Check a corpus folder and return the result as plain data.

    Returns
    -------
    dict
        ``{"articles": [{"file", "label", "title", "date", "words", "warnings"}],
        "errors": [{"file", "message"}], "warnings": [{"file", "message"}]}``;
        the top-level ``warnings`` are about the folder: ``metadata.csv``
        and the entries that were skipped (with the reason). File names are
        given as they are; printing goes through
        :func:`helpers.corpus.safe_name`.
    """
    try:
        corpus = read_corpus(folder, max_bytes=int(max_mb * 1e6))
    except CorpusError as error:
        return {"articles": [], "errors": [{"file": folder, "message": str(error)}], "warnings": []}
    articles = [
        {
            "file": a.file,
            "label": a.label,
            "title": a.title,
            "date": a.date,
            "words": a.word_count,
            "warnings": list(a.warnings),
        }
        for a in corpus.articles
    ]
    errors = [{"file": p.file, "message": p.message} for p in corpus.errors]
    files = {a.file for a in corpus.articles}
    warnings = [{"file": p.file, "message": p.message} for p in corpus.warnings if p.file not in files]
    return {"articles": articles, "errors": errors, "warnings": warnings}


def run(args) -> int:
    result = check(args.folder, args.max_mb)
    usable = bool(result["articles"]) and not result["errors"]
    if args.json:
        print_json(result)
        return 0 if usable else 1
    if result["articles"]:
        rows = [
            [
                a["file"],
                a["label"],
                (a["title"] or "not stated")[:48],
                a["date"] or "not stated",
                a["words"],
                len(a["warnings"]),
            ]
            for a in result["articles"]
        ]
        print_table(rows, ["file", "label", "title", "date", "words", "warnings"])
    for a in result["articles"]:
        for warning in a["warnings"]:
            print(f"warning: {problem_line(a['file'], warning)}")
    for w in result["warnings"]:
        print(f"warning: {problem_line(w['file'], w['message'])}")
    for e in result["errors"]:
        fail(problem_line(e["file"], e["message"]))
    if usable:
        print(f"OK: {len(result['articles'])} article(s) ready to use.")
        return 0
    print("NOT USABLE: fix the errors above and run check-corpus again.")
    return 1
