"""``python -m helpers import SOURCE... -o DIR``: build a corpus from saved pages, URL lists and tables."""

from __future__ import annotations

import argparse
import logging
import sys

from helpers.commands._common import fail

HELP = "build a corpus folder from saved web pages, lists of web addresses, or CSV / JSON Lines files"


def add_arguments(parser) -> None:
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="saved pages (.html, .htm, .mhtml, .mht) or folders of them, a .txt list of web addresses, "
        "or a .csv / .jsonl file with one article per row",
    )
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the corpus folder to write (made if missing)")
    parser.add_argument("--fetch", action="store_true", help="download the pages of web address lists (the network is used only then)")
    parser.add_argument("--force", action="store_true", help="replace articles imported before from the same page")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server (default 20)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two downloads (default 1)")


def _show(outcome) -> None:
    if outcome.status == "imported":
        note = f"  ({outcome.message})" if outcome.message else ""
        print(f"imported  {outcome.source} → {outcome.file}{note}")
    elif outcome.status == "skipped":
        print(f"skipped   {outcome.source}: {outcome.message}")
    else:
        fail(outcome.message if outcome.message.startswith(outcome.source) else f"{outcome.source}: {outcome.message}")


def run(args) -> int:
    from helpers.commands.check_corpus import MAX_ARTICLE_BYTES
    from helpers.commands.check_corpus import run as check_run
    from helpers.importing.importer import import_sources

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        report = import_sources(
            args.sources, args.output, fetch=args.fetch, force=args.force, timeout=args.timeout, delay=args.delay, on_outcome=_show
        )
    except ImportError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"{args.output}: cannot write there ({error.strerror or error}).")
    for mapping in report.mappings:
        print(f"columns   {mapping}")
    imported, skipped, failed = (report.count(s) for s in ("imported", "skipped", "failed"))
    print(f"\n{imported} article(s) imported, {skipped} skipped, {failed} problem(s). Checking {args.output}:\n")
    sys.stdout.flush()
    if not any(report.folder.glob("*.txt")):
        print("NOT USABLE: no article in the folder yet.")
        return 1
    usable = check_run(argparse.Namespace(folder=str(report.folder), json=False, max_mb=MAX_ARTICLE_BYTES / 1e6))
    return 1 if failed or usable else 0
