"""``python -m helpers report DIR -o report.html``: a one-page HTML report of a corpus."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.commands._common import add_inputs_argument, fail, load_inputs
from helpers.corpus import CorpusError

HELP = "write a one-page HTML report of a corpus"


def add_arguments(parser) -> None:
    add_inputs_argument(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE",
        help="where to write the report (an .html file; '-' prints it instead)",
    )
    parser.add_argument("--title", help="a title for the report (default: names the folder)")
    parser.add_argument("--passages", type=int, default=5, metavar="N", help="how many shared passages to show (default 5)")
    parser.add_argument("--claims", type=int, default=8, metavar="N", help="how many claims to list per article (default 8)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE even if it is not an .html file")


def _check_output(output: Path, inputs: list[Path], force: bool) -> str | None:
    """Why the report must not be written to ``output`` (None if it may)."""
    if output.is_dir():
        return f"{output} is a folder; give a file name such as {output / 'report.html'}."
    resolved = output.resolve()
    for source in inputs:
        source = source.resolve()
        if resolved == source or (source.is_dir() and resolved.parent == source and output.suffix.lower() == ".txt"):
            return f"{output} is (or would become) an article of the corpus; write the report somewhere else."
    if output.exists() and output.suffix.lower() not in (".html", ".htm") and not force:
        return f"{output} exists and is not an .html file; choose another name or add --force to overwrite it."
    if not output.parent.exists():
        return f"the folder {output.parent} does not exist; create it first or choose another place."
    return None


def run(args) -> int:
    for name in ("passages", "claims"):
        if getattr(args, name) < 0:
            return fail(f"--{name} must be 0 or more (got {getattr(args, name)}).")
    output = None if args.output == "-" else Path(args.output)
    if output is not None:
        problem = _check_output(output, [Path(p) for p in args.inputs], args.force)
        if problem:
            return fail(problem)
    try:
        corpus = load_inputs(args.inputs)
    except CorpusError as error:
        return fail(str(error))
    from helpers.report import build_report, gather_evidence

    evidence = gather_evidence(corpus)
    page = build_report(evidence, title=args.title, strongest=args.passages, claims=args.claims)
    if output is None:
        sys.stdout.write(page)
        return 0
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        return fail(f"cannot write {output}: {error.strerror or error}.")
    print(f"Wrote {output} ({len(corpus)} article{'s' if len(corpus) != 1 else ''}, {len(page.encode('utf-8')) / 1024:.0f} KB). Open it in a browser.")
    return 0
