"""``python -m helpers.commands.gradebook GRADES_CSV``: files that Canvas and Moodle gradebooks import.

Reads the ``grades.csv`` that ``make grade`` wrote and writes ``canvas.csv``
and ``moodle.csv`` (by default beside it), one row per student. A roster
(``--roster``) says who each student is in the platform; every student
without a roster entry is named in a message. See ``helpers.gradebook`` for
the formats and docs/classroom.md for importing them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.commands._common import fail

HELP = "write Canvas and Moodle gradebook files from a grades.csv"


def add_arguments(parser) -> None:
    parser.add_argument("grades", metavar="GRADES_CSV", help="the grades.csv written by make grade")
    parser.add_argument("--canvas", metavar="OUT", help="write the Canvas file here (default: canvas.csv beside GRADES_CSV)")
    parser.add_argument("--moodle", metavar="OUT", help="write the Moodle file here (default: moodle.csv beside GRADES_CSV)")
    parser.add_argument("--roster", metavar="ROSTER_CSV",
                        help="student (as in grades.csv), name, canvas_id, sis_user_id, sis_login_id, section, email, username")
    parser.add_argument("--assignment", "-a", metavar="NAME",
                        help="the assignment's name in the gradebook (default: the set's title from summary.md)")
    parser.add_argument("--canvas-id", metavar="ID", default="",
                        help="the Canvas assignment ID, the number in its address (default: match by name)")


def run(args) -> int:
    from helpers.gradebook import GradebookError, export_gradebooks

    grades = Path(args.grades)
    canvas, moodle = args.canvas, args.moodle
    if not canvas and not moodle:
        canvas, moodle = grades.parent / "canvas.csv", grades.parent / "moodle.csv"
    try:
        written, problems = export_gradebooks(grades, canvas=canvas, moodle=moodle, roster=args.roster,
                                              assignment=args.assignment, assignment_id=args.canvas_id)
    except (GradebookError, OSError) as error:
        return fail(str(error))
    for path in written:
        print("wrote", path)
    if problems:
        print(f"\nCheck before importing ({len(problems)}):")
        for problem in problems:
            print("  " + problem)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own (it is not registered in ``python -m helpers``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers.commands.gradebook", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
