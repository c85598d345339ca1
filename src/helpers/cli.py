"""Command line: ``python -m helpers COMMAND [options]``.

Each command lives in its own module in ``helpers/commands`` and defines
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
Commands print; the modules they call only compute.
"""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["COMMANDS", "build_parser", "main"]

#: Command name → module in ``helpers.commands``.
COMMANDS = {
    "check-corpus": "check_corpus",
}


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with one sub-command per entry of ``COMMANDS``."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Tools for reading news coverage critically.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"helpers.commands.{module_name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command and return its exit code (0 ok, 1 problem found, 2 usage error)."""
    parser = build_parser()
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
