"""Grades out to a learning platform: files that Canvas and Moodle gradebooks import as they are.

``make grade`` writes ``grades.csv``: one row per submitted notebook, keyed
by the student's name as read from the file name, with the points of every
question and a ``total``. A gradebook needs more: who the student is in the
platform (an ID, a login, an e-mail address) and the assignment's column in
its own format. This module reads ``grades.csv`` and an optional roster and
writes one file per platform, one row per student.

Canvas (Grades → Import; Instructure's guide "How do I import grades in the
Gradebook?", and the columns its own gradebook export writes)
    Columns ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``,
    ``Section``, then one per assignment, titled ``Assignment name (ID)``
    with the Canvas assignment ID (or the bare name, which makes a new
    assignment). A second row whose first cell is ``Points Possible`` gives
    each assignment's points. Canvas finds each student by ``ID``, then
    ``SIS User ID``, then ``SIS Login ID``, then by name.

Moodle (Grades → Import → CSV file; MoodleDocs "Grade import")
    Any columns, with a header row; on import the teacher chooses one column
    to identify users by ("Map from") and what it holds ("Map to": username,
    ID number or e-mail address), and the grade item each other column goes
    to. The file uses the column names of Moodle's own export: ``First
    name``, ``Last name``, ``ID number``, ``Username``, ``Email address``,
    then the assignment. There is no points row: Moodle takes the maximum
    from the grade item.

The roster is a CSV file with a ``student`` column holding the names as
they appear in ``grades.csv`` and any of ``name`` (as the platform shows
it, e.g. ``Lopez, Ana``), ``first_name``, ``last_name``, ``canvas_id``,
``sis_user_id`` (Moodle's ID number), ``sis_login_id``, ``section``,
``email`` and ``username``. Without one, the only thing a row can carry is
the name from ``grades.csv``.

Every text cell is made safe for spreadsheets as ``grades.csv`` is (a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a quote in front); scores are written as bare numbers.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path

from helpers.grading import POINTS_ROW, read_grades, spreadsheet_safe

__all__ = [
    "CANVAS_COLUMNS",
    "CANVAS_POINTS_ROW",
    "MOODLE_COLUMNS",
    "GradebookError",
    "Grade",
    "Grades",
    "RosterEntry",
    "read_scores",
    "read_roster",
    "roster_problems",
    "canvas_rows",
    "moodle_rows",
    "write_gradebook_csv",
    "export_gradebooks",
]

#: The student columns of a Canvas gradebook file, in the order Canvas requires.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
#: The first cell of the row that gives each assignment's points in a Canvas file.
CANVAS_POINTS_ROW = "Points Possible"
#: The user columns of a Moodle grade file, named as Moodle's own export names them.
MOODLE_COLUMNS = ("First name", "Last name", "ID number", "Username", "Email address")


class GradebookError(Exception):
    """The gradebook files cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Grade:
    """One student's result, as read from ``grades.csv``."""

    student: str
    score: float
    status: str = "ok"
    written_marked: bool = True


@dataclass(frozen=True)
class Grades:
    """The results of one exercise set: the points possible and one grade per student."""

    points_possible: float
    grades: tuple[Grade, ...]
    written_points: float = 0.0


@dataclass(frozen=True)
class RosterEntry:
    """Who a student of ``grades.csv`` is in the learning platform."""

    student: str
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    email: str = ""
    username: str = ""

    def display_name(self) -> str:
        """The name as a gradebook shows it: ``name``, else ``Last, First``, else the student.

        Examples
        --------
        >>> RosterEntry("ana", first_name="Ana", last_name="Lopez").display_name()
        'Lopez, Ana'
        >>> RosterEntry("ana").display_name()
        'ana'
        """
        if self.name:
            return self.name
        if self.first_name or self.last_name:
            return ", ".join(p for p in (self.last_name, self.first_name) if p)
        return self.student

    def split_name(self) -> tuple[str, str]:
        """First and last name: as given, or split from ``name`` (``Last, First`` or ``First Last``).

        Examples
        --------
        >>> RosterEntry("a", name="Lopez, Ana").split_name()
        ('Ana', 'Lopez')
        >>> RosterEntry("b", name="Bob van Dijk").split_name()
        ('Bob', 'van Dijk')
        """
        if self.first_name or self.last_name:
            return self.first_name, self.last_name
        name = self.name or self.student
        if "," in name:
            last, first = (p.strip() for p in name.split(",", 1))
            return first, last
        first, _, last = name.strip().partition(" ")
        return first, last.strip()


_ROSTER_FIELDS = tuple(f.name for f in fields(RosterEntry))
_ROSTER_ALIASES = {
    "sis_id": "sis_user_id", "id_number": "sis_user_id", "idnumber": "sis_user_id",
    "login": "sis_login_id", "login_id": "sis_login_id", "email_address": "email",
    "canvas_user_id": "canvas_id", "firstname": "first_name", "lastname": "last_name",
}


def _key(student: str) -> str:
    """How students are matched between ``grades.csv`` and the roster: case and spacing ignored."""
    return re.sub(r"\s+", " ", student).strip().casefold()


def _number(value: str, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise GradebookError(f"{what}: {value!r} is not a number.") from None
    if number != number or number < 0:
        raise GradebookError(f"{what}: {value!r} is not a score.")
    return number


def read_scores(path: str | os.PathLike) -> Grades:
    """Read a ``grades.csv`` written by ``make grade``: the points possible and each student's total.

    Raises
    ------
    GradebookError
        When the file lacks the columns ``make grade`` writes or a total is
        not a number.
    """
    path = Path(path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows or "total" not in rows[0] or "student" not in rows[0]:
        raise GradebookError(f"{path} has no 'student' and 'total' columns: is it a grades.csv made by `make grade`?")
    header = rows[0]
    points_row = next((row for row in rows[1:] if row and row[0] == POINTS_ROW), None)
    if points_row is None:
        raise GradebookError(f"{path} has no {POINTS_ROW!r} row: is it a grades.csv made by `make grade`?")
    possible = dict(zip(header, points_row))
    points = _number(possible.get("total", ""), f"{path}, points possible")
    written_points = float(possible.get("written") or 0)
    grades = tuple(
        Grade(
            row["student"],
            _number(row["total"] or "0", f"{path}, {row['student']}'s total"),
            row.get("status", ""),
            bool(row.get("written", "").strip()) or not written_points,
        )
        for row in read_grades(path)
    )
    return Grades(points, grades, written_points)


def read_roster(path: str | os.PathLike) -> dict[str, RosterEntry]:
    """Read a roster CSV: who each student of ``grades.csv`` is in the platform.

    Column names are matched without regard to case, spaces or hyphens
    (``SIS User ID`` is ``sis_user_id``); ``sis_id`` and ``id_number`` mean
    ``sis_user_id``, ``login`` means ``sis_login_id``.

    Returns
    -------
    dict
        Student (case and spacing folded) → :class:`RosterEntry`.

    Raises
    ------
    GradebookError
        When there is no ``student`` column, or a student appears twice.
    """
    path = Path(path)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise GradebookError(f"{path} is empty.")
    columns = []
    for name in rows[0]:
        column = re.sub(r"[\s\-]+", "_", name.strip().lower())
        columns.append(_ROSTER_ALIASES.get(column, column))
    if "student" not in columns:
        raise GradebookError(
            f"{path} has no 'student' column (the names as grades.csv has them). "
            f"Its columns: {', '.join(rows[0])}. Known columns: {', '.join(_ROSTER_FIELDS)}."
        )
    roster: dict[str, RosterEntry] = {}
    for number, row in enumerate(rows[1:], start=2):
        values = {c: v.strip() for c, v in zip(columns, row) if c in _ROSTER_FIELDS}
        if not values.get("student"):
            continue
        key = _key(values["student"])
        if key in roster:
            raise GradebookError(f"{path}, row {number}: {values['student']!r} is in the roster twice.")
        roster[key] = RosterEntry(**values)
    return roster


def roster_problems(grades: Grades, roster: dict[str, RosterEntry] | None) -> list[str]:
    """What an instructor should know before importing: each problem names the student.

    Examples
    --------
    >>> grades = Grades(20, (Grade("ana", 18), Grade("bob", 12)))
    >>> for problem in roster_problems(grades, {"ana": RosterEntry("ana"), "cy": RosterEntry("cy")}):
    ...     print(problem)
    bob is in grades.csv but not in the roster: the row carries only that name, which the platform may not match
    cy is in the roster but has no grade (no notebook handed in?)
    """
    problems = []
    seen = set()
    for grade in grades.grades:
        key = _key(grade.student)
        if key in seen:
            problems.append(f"{grade.student} has more than one row in grades.csv: each is exported; keep one")
        seen.add(key)
        if roster is not None and key not in roster:
            problems.append(f"{grade.student} is in grades.csv but not in the roster: "
                            "the row carries only that name, which the platform may not match")
        if grade.status and grade.status != "ok":
            problems.append(f"{grade.student}: status {grade.status!r} in grades.csv; check the score before importing")
        if not grade.written_marked:
            problems.append(f"{grade.student}: written answers not marked yet; the score holds the autograded points only")
    for key, entry in (roster or {}).items():
        if key not in seen:
            problems.append(f"{entry.student} is in the roster but has no grade (no notebook handed in?)")
    return problems


def _entry(grade: Grade, roster: dict[str, RosterEntry] | None) -> RosterEntry:
    return (roster or {}).get(_key(grade.student)) or RosterEntry(grade.student)


def _score(value: float) -> float | int:
    value = round(value, 2)
    return int(value) if value == int(value) else value


def canvas_rows(grades: Grades, roster: dict[str, RosterEntry] | None, assignment: str,
                assignment_id: str = "") -> list[list]:
    """The rows of a Canvas gradebook file: header, ``Points Possible``, one row per student.

    Examples
    --------
    >>> rows = canvas_rows(Grades(20, (Grade("ana", 17.5),)),
    ...                    {"ana": RosterEntry("ana", "Lopez, Ana", canvas_id="101", sis_user_id="S1")},
    ...                    "02 Word frequencies", "5512")
    >>> rows[0]
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', '02 Word frequencies (5512)']
    >>> rows[1]
    ['Points Possible', '', '', '', '', 20]
    >>> rows[2]
    ['Lopez, Ana', '101', 'S1', '', '', 17.5]
    """
    title = f"{assignment} ({assignment_id})" if assignment_id else assignment
    rows: list[list] = [list(CANVAS_COLUMNS) + [title], [CANVAS_POINTS_ROW, "", "", "", "", _score(grades.points_possible)]]
    for grade in grades.grades:
        who = _entry(grade, roster)
        rows.append([who.display_name(), who.canvas_id, who.sis_user_id, who.sis_login_id, who.section,
                     _score(grade.score)])
    return rows


def moodle_rows(grades: Grades, roster: dict[str, RosterEntry] | None, assignment: str) -> list[list]:
    """The rows of a Moodle grade file: header, then one row per student (no points row).

    Examples
    --------
    >>> rows = moodle_rows(Grades(20, (Grade("ana", 17),)),
    ...                    {"ana": RosterEntry("ana", "Lopez, Ana", email="ana@example.edu")}, "02 Word frequencies")
    >>> rows[0]
    ['First name', 'Last name', 'ID number', 'Username', 'Email address', '02 Word frequencies']
    >>> rows[1]
    ['Ana', 'Lopez', '', '', 'ana@example.edu', 17]
    """
    rows: list[list] = [list(MOODLE_COLUMNS) + [assignment]]
    for grade in grades.grades:
        who = _entry(grade, roster)
        first, last = who.split_name()
        rows.append([first, last, who.sis_user_id, who.username, who.email, _score(grade.score)])
    return rows


def write_gradebook_csv(path: str | os.PathLike, rows: list[list]) -> Path:
    """Write rows as CSV: text quoted and made safe for spreadsheets, numbers bare.

    Every text cell goes through :func:`helpers.grading.spreadsheet_safe`, so
    a student called ``=HYPERLINK(...)`` is shown as text, never run.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerows([[c if isinstance(c, (int, float)) else spreadsheet_safe(str(c)) for c in row] for row in rows])
    return path


def _assignment_title(grades_csv: Path) -> str | None:
    """The set's title from the ``summary.md`` that ``make grade`` writes beside ``grades.csv``."""
    summary = grades_csv.parent / "summary.md"
    try:
        first = summary.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    match = re.fullmatch(r"#\s+(.+?)(: class summary)?\s*", first)
    return match.group(1) if match else None


def export_gradebooks(grades_csv: str | os.PathLike, *, canvas: str | os.PathLike | None = None,
                      moodle: str | os.PathLike | None = None, roster: str | os.PathLike | None = None,
                      assignment: str | None = None, assignment_id: str = "") -> tuple[list[Path], list[str]]:
    """Write the Canvas and/or Moodle files for a ``grades.csv``.

    Parameters
    ----------
    grades_csv : path
        The file ``make grade`` wrote.
    canvas, moodle : path, optional
        Where to write each platform's file (at least one).
    roster : path, optional
        The roster CSV (see the module's description).
    assignment : str, optional
        The assignment's name in the gradebook; default: the set's title,
        read from the ``summary.md`` beside ``grades.csv``.
    assignment_id : str
        The Canvas assignment ID (the number in the assignment's address),
        so Canvas updates that assignment instead of matching by name.

    Returns
    -------
    written : list of Path
    problems : list of str
        What to check before importing (see :func:`roster_problems`).
    """
    grades_csv = Path(grades_csv)
    if not canvas and not moodle:
        raise GradebookError("Say which file to write: canvas=..., moodle=... or both.")
    assignment = assignment or _assignment_title(grades_csv)
    if not assignment:
        raise GradebookError("Give the assignment's name as the gradebook should show it (--assignment NAME).")
    grades = read_scores(grades_csv)
    entries = read_roster(roster) if roster else None
    written = []
    if canvas:
        written.append(write_gradebook_csv(canvas, canvas_rows(grades, entries, assignment, assignment_id)))
    if moodle:
        written.append(write_gradebook_csv(moodle, moodle_rows(grades, entries, assignment)))
    return written, roster_problems(grades, entries)
