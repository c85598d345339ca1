"""Command line: ``python -m helpers COMMAND [options]``.

Each command lives in its own module in ``helpers/commands`` and defines
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
Only the module of the command asked for is imported, so one command's
dependencies never slow down or break another. Commands print; the modules
they call only compute.
"""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["COMMANDS", "build_parser", "main"]

#: Command name → (module in ``helpers.commands``, one-line help).
COMMANDS = {
    "import": ("import_articles", "build a corpus folder from saved web pages, lists of web addresses, or CSV / JSON Lines files"),
    "check-corpus": ("check_corpus", "check a folder of articles before using it (exit 0 usable, 1 not)"),
    "words": ("words", "count words per article and for the corpus"),
    "sources": ("sources", "find who is quoted or cited, and how"),
    "reuse": ("reuse", "find copied passages and paraphrases between articles"),
    "report": ("report", "write a one-page HTML report of a corpus"),
    "grade": ("grade", "grade a folder of submitted exercise notebooks"),
    "gradebook": ("gradebook", "write Canvas and Moodle gradebook files from a grades.csv"),
    "student-release": ("student_release", "build the student copy of the module and check it for solutions"),
    "notebooks": ("run_notebooks", "run every notebook headless against a corpus (make notebooks)"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the parser; only ``command``'s module is imported to add its options."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Tools for reading news coverage critically.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(f"helpers.commands.{module_name}")
            module.add_arguments(child)
            child.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command and return its exit code (0 ok, 1 problem found, 2 usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
