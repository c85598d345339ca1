"""``python -m helpers.commands.student_release [--out DIR]``: build the copy students get, and check it.

Writes the student release (see ``helpers.release``) into DIR (default
``build/student-release``), then reads every file of it for anything only
the masters, the grading bundles or the second corpus hold. Exit 0 when the
release is clean, 1 when something leaked (the release must not be
published), 2 when it could not be built. ``make student-release`` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.commands._common import fail
from helpers.release import EXCLUDED, INCLUDED, build_release, find_leaks

HELP = "build the student copy of the module (no masters, bundles or tests) and check it for solutions"
DEFAULT_OUT = Path("build") / "student-release"


def add_arguments(parser) -> None:
    parser.add_argument("--out", "-o", metavar="DIR", default=str(DEFAULT_OUT),
                        help=f"where to write the release (default {DEFAULT_OUT}); an empty folder, "
                        "a clone of the release branch, or an earlier release")
    parser.add_argument("--second-corpus", metavar="DIR",
                        help="the corpus the hidden checks use, whose text must not be in the release "
                        "(default tests/corpora/harbor)")


def run(args) -> int:
    try:
        files = build_release(args.out)
    except (ValueError, OSError) as error:
        fail(str(error))
        return 2
    print(f"wrote {len(files)} files to {args.out}")
    print("holds:      " + ", ".join(sorted(INCLUDED)))
    print("leaves out: " + ", ".join(sorted(EXCLUDED)) + ", and the grading, gradebook and release modules")
    leaks = find_leaks(args.out, second_corpus=args.second_corpus)
    if leaks:
        print(f"\n{len(leaks)} problem(s): this release holds what students must not see. Do not publish it.",
              file=sys.stderr)
        for leak in leaks:
            print("  " + leak, file=sys.stderr)
        return 1
    print("checked: no solution, hidden check, bundle or second-corpus text in it")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own (it is not registered in ``python -m helpers``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.commands.student_release", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
