"""Results and outputs: scores, ``grades.csv``, feedback files and the class summary.

:func:`results_from_checks` turns the trusted checker's results into scores
and feedback for one :class:`GradeResult`; :func:`grades_rows`,
:func:`write_grades` and :func:`update_totals` write and update the
spreadsheet (every cell made safe to open, :func:`spreadsheet_safe`);
:func:`feedback_text` is what a student reads; :func:`class_summary` is
``summary.md``, for the teacher.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.grading.assignment import Assignment

__all__ = [
    "POINTS_ROW",
    "STATUSES",
    "TAMPERED",
    "GradeResult",
    "class_summary",
    "feedback_file_name",
    "feedback_text",
    "grades_rows",
    "read_grades",
    "results_from_checks",
    "spreadsheet_safe",
    "update_totals",
    "write_grades",
]


#: The statuses a row of ``grades.csv`` can have.
STATUSES = ("ok", "timeout", "error", "wrong assignment")

#: The flag given to results that cannot be trusted.
TAMPERED = "what came out of the run was not valid: grade this notebook by hand"


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class GradeResult:
    """The grade of one submission."""

    student: str
    file: str
    status: str
    scores: dict[str, float] = field(default_factory=dict)
    feedback: dict[str, list[str]] = field(default_factory=dict)  # question -> messages
    messages: list[str] = field(default_factory=list)  # about the submission as a whole
    flags: list[str] = field(default_factory=list)  # for the teacher's review
    seconds: float = 0.0
    answered: dict[str, str] = field(default_factory=dict)  # question -> "answered" or "unanswered"

    @property
    def auto_score(self) -> float:
        return sum(self.scores.values())


def _scrubbed(text: str, hidden: tuple[str, ...]) -> str:
    """``text`` as it is, unless it quotes one of the ``hidden`` texts (then a note instead)."""
    if not hidden or not text:
        return text
    flat = " ".join(text.split()).lower()
    for start in range(0, max(len(flat) - _QUOTE + 1, 1)):
        window = flat[start:start + _QUOTE]
        if len(window) == _QUOTE and any(window in other for other in hidden):
            return "(not shown: the message quotes what the hidden checks use)"
    return text


_NOT_ANSWERED = "not answered: "
#: A run of this many characters shared with a hidden article counts as quoting it.
_QUOTE = 24


def results_from_checks(
    checks: dict, assignment: Assignment, hidden_texts: tuple[str, ...] = (), untouched: set[str] = frozenset()
) -> tuple[dict[str, float], dict[str, list[str]], dict[str, str]]:
    """Turn the trusted checker's results into scores and feedback.

    Parameters
    ----------
    checks : dict
        From :func:`helpers.grading.checker.check_answers`.
    assignment : Assignment
    hidden_texts : tuple of str
        Texts no feedback may quote (the second corpus, flattened and lower-cased).
    untouched : set of str
        Questions whose answer cells are still as handed out (see :meth:`Assignment.untouched`).

    Returns
    -------
    scores : dict
        Question → points earned (only the set's auto-graded questions).
    feedback : dict
        Question → messages for the student (never the text of a check).
    answered : dict
        Question → ``"answered"`` or ``"unanswered"``: no points, and its
        answer cells are as handed out or every check it lost needed an
        answer the notebook never defined.

    Examples
    --------
    >>> from helpers.grading.assignment import Question
    >>> demo = Assignment("d", "d.ipynb", "D", (Question("q1", 3), Question("q2", 1)))
    >>> checks = {"q1": {"score": 1.0, "possible": 3.0, "cases": [
    ...     {"hidden": False, "points": 1.0, "passed": True, "message": "", "missing": []},
    ...     {"hidden": True, "points": 2.0, "passed": False, "message": "not per 1,000", "missing": []}]},
    ...     "q2": {"score": 0.0, "possible": 1.0, "cases": [
    ...     {"hidden": False, "points": 1.0, "passed": False, "message": "not answered: x is not defined",
    ...      "missing": ["x"]}]}}
    >>> scores, feedback, answered = results_from_checks(checks, demo)
    >>> scores, feedback["q1"], answered
    ({'q1': 1.0, 'q2': 0.0}, ['hidden check (2 points): not per 1,000'], {'q1': 'answered', 'q2': 'unanswered'})
    >>> feedback["q2"]
    ['not answered (x is not defined)']
    """
    scores: dict[str, float] = {}
    feedback: dict[str, list[str]] = {}
    answered: dict[str, str] = {}
    for question in assignment.auto_questions:
        data = checks.get(question.name)
        if data is None:
            scores[question.name] = 0.0
            feedback[question.name] = ["not graded: this question has no checks in the bundle"]
            answered[question.name] = "answered"
            continue
        scores[question.name] = round(min(float(data["score"]), question.points), 4)
        failed = [case for case in data["cases"] if not case["passed"]]
        missing = sorted({part for case in failed if case["message"].startswith(_NOT_ANSWERED)
                          for part in case["message"][len(_NOT_ANSWERED):].split(", ")})
        if failed and not scores[question.name] and (
                question.name in untouched or all(case["missing"] for case in failed)):
            answered[question.name] = "unanswered"
            why = ", ".join(missing) or "its answer cell is as it was handed out"
            feedback[question.name] = [f"not answered ({why})"]
            continue
        answered[question.name] = "answered"
        notes = []
        for case in failed:
            kind = "hidden check" if case["hidden"] else "check"
            points = case["points"]
            shown = f"{points:g} point{'s' if points != 1 else ''}"
            notes.append(f"{kind} ({shown}): " + _scrubbed(case["message"] or "did not pass", hidden_texts))
        if notes:
            feedback[question.name] = notes
    return scores, feedback, answered


# ---------------------------------------------------------------------------
# grades.csv and feedback
# ---------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return ""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _header(assignment: Assignment) -> list[str]:
    return (
        ["student", "file", "status"]
        + [q.column for q in assignment.questions]
        + ["autograded", "written", "total", "flags", "messages"]
    )


POINTS_ROW = "(points possible)"


def grades_rows(results: list[GradeResult], assignment: Assignment, manual: dict[str, dict[str, str]] | None = None) -> list[list[str]]:
    """The rows of ``grades.csv``: header, points possible, then one row per student.

    Parameters
    ----------
    results : list of GradeResult
    assignment : Assignment
    manual : dict, optional
        Student → column → score already entered by hand (kept when
        grading again).

    Returns
    -------
    list of list of str

    Examples
    --------
    >>> from helpers.grading.assignment import Question
    >>> demo = Assignment("d", "d.ipynb", "D", (Question("q1", 3), Question("q2", 2, manual=True)))
    >>> rows = grades_rows([GradeResult("ana", "ana.ipynb", "ok", {"q1": 2.0})], demo)
    >>> rows[0]
    ['student', 'file', 'status', 'q1', 'q2 (written)', 'autograded', 'written', 'total', 'flags', 'messages']
    >>> rows[1][:8]
    ['(points possible)', '', '', '3', '2', '3', '2', '5']
    >>> rows[2][:8]
    ['ana', 'ana.ipynb', 'ok', '2', '', '2', '', '2']
    """
    manual = manual or {}
    rows = [_header(assignment)]
    rows.append(
        [POINTS_ROW, "", ""]
        + [_number(q.points) for q in assignment.questions]
        + [_number(assignment.auto_points), _number(assignment.manual_points), _number(assignment.points), "", ""]
    )
    for result in results:
        entered = manual.get(result.student, {})
        written_values = []
        cells = []
        for q in assignment.questions:
            if q.manual:
                value = entered.get(q.column, "")
                cells.append(value)
                try:
                    written_values.append(float(value))
                except ValueError:
                    pass
            else:
                cells.append(_number(result.scores.get(q.name, 0.0)))
        written = sum(written_values) if written_values else None
        rows.append(
            [result.student, result.file, result.status]
            + cells
            + [_number(result.auto_score), _number(written), _number(result.auto_score + (written or 0)),
               "; ".join(result.flags), "; ".join(result.messages)]
        )
    return rows


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = re.compile("'*[=+\\-@\t\r]")


def spreadsheet_safe(cell: str) -> str:
    """A cell of ``grades.csv`` that a spreadsheet shows as text, never runs as a formula.

    Student names and file names come from the students: a notebook handed
    in as ``=HYPERLINK(...).ipynb`` would otherwise put a live formula in
    the teacher's spreadsheet. As OWASP advises, a cell that starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single
    quote in front (so do cells that start with quotes followed by one of
    those, so that :func:`read_grades` can take exactly one quote off
    again). Grades are never negative, so no number is changed.

    Examples
    --------
    >>> print(spreadsheet_safe('=HYPERLINK("http://example.com","x")'))
    '=HYPERLINK("http://example.com","x")
    >>> spreadsheet_safe("+1+2"), spreadsheet_safe("@SUM(1,2)"), spreadsheet_safe("ana"), spreadsheet_safe("3.5")
    ("'+1+2", "'@SUM(1,2)", 'ana', '3.5')
    """
    return "'" + cell if _FORMULA_START.match(cell) else cell


def _from_spreadsheet(cell: str) -> str:
    """Undo :func:`spreadsheet_safe` (a cell that was not changed is returned as it is)."""
    return cell[1:] if cell.startswith("'") and _FORMULA_START.match(cell[1:]) else cell


def _read_csv(path: str | os.PathLike) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [[_from_spreadsheet(cell) for cell in row] for row in csv.reader(handle)]


def read_grades(path: str | os.PathLike) -> list[dict[str, str]]:
    """Read a ``grades.csv`` back as one dict per student row (the points row left out).

    Cells neutralised for spreadsheets (see :func:`spreadsheet_safe`) are
    given back as they were: a student called ``=A1`` reads back as ``=A1``.
    """
    rows = _read_csv(path)
    if not rows:
        return []
    header = rows[0]
    return [
        dict(zip(header, row + [""] * (len(header) - len(row))))
        for row in rows[1:]
        if row and row[0] != POINTS_ROW
    ]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    # Every cell quoted as well, so that a spreadsheet set to split on ";" (as
    # in many European locales) cannot cut a cell in two and start a formula.
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows([[spreadsheet_safe(str(c)) for c in row] for row in rows])


def feedback_text(result: GradeResult, assignment: Assignment) -> str:
    """The feedback file of one student, in Markdown.

    It gives the score of each question, what the checks found for the
    questions that lost points (the misconception each failed check points
    at, never the text of a hidden test), what went wrong while running the
    notebook, and which questions the teacher marks by hand.

    Examples
    --------
    >>> from helpers.grading.assignment import Question
    >>> demo = Assignment("d", "d.ipynb", "Demo set", (Question("q1", 3, title="Count"), Question("q2", 2, True)))
    >>> text = feedback_text(GradeResult("ana", "ana.ipynb", "ok", {"q1": 1.0},
    ...                                  {"q1": ["hidden check (2 points): not per 1,000"]}), demo)
    >>> print(text.splitlines()[0])
    # Demo set: feedback for ana
    >>> "not per 1,000" in text and "marked by your teacher" in text
    True
    """
    lines = [f"# {assignment.title}: feedback for {result.student}", ""]
    status_words = {
        "ok": "graded",
        "timeout": "stopped: it ran longer than the time limit",
        "error": "could not be graded",
        "wrong assignment": "not graded: this is the notebook of another exercise set",
    }
    lines.append(f"**Notebook:** {result.file or '(none)'} ({status_words.get(result.status, result.status)})")
    lines.append(
        f"**Auto-graded score:** {_number(result.auto_score)} / {_number(assignment.auto_points)} points"
        + (f" (written answers, {_number(assignment.manual_points)} points, are marked by your teacher)"
           if assignment.manual_questions else "")
    )
    lines.append("")
    if result.messages:
        lines.append("## About the notebook")
        lines.append("")
        lines += [f"- {message}" for message in result.messages]
        lines.append("")
    lines.append("## Question by question")
    lines.append("")
    lines.append("| question | points | |")
    lines.append("|---|---|---|")
    for q in assignment.questions:
        if q.manual:
            lines.append(f"| {q.name} | – / {_number(q.points)} | written answer, marked by your teacher |")
        else:
            score = result.scores.get(q.name, 0.0)
            mark = "full marks" if score >= q.points else ("partly right" if score > 0 else "")
            lines.append(f"| {q.name} | {_number(score)} / {_number(q.points)} | {mark} |")
    lines.append("")
    details = [q for q in assignment.auto_questions if result.feedback.get(q.name)]
    if details and result.status == "ok":
        lines.append("## What the checks found")
        lines.append("")
        for q in details:
            lines.append(f"**{q.name}**" + (f": {q.title}" if q.title else ""))
            lines.append("")
            lines += [f"- {message}" for message in result.feedback[q.name]]
            lines.append("")
    if result.flags:
        lines.append("## Noted for your teacher")
        lines.append("")
        lines += [f"- {flag}" for flag in result.flags]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def feedback_file_name(student: str) -> str:
    """The name of a student's feedback file: the student's name as it is, made safe as a file name.

    The name stays recognisable (the teacher matches files to rows of
    ``grades.csv`` by it), but it can neither leave the feedback folder nor
    hide: path separators and control characters become ``_``, leading dots
    and spaces are dropped, and it is cut to fit any file system.

    Examples
    --------
    >>> feedback_file_name("Bob Lee")
    'Bob Lee.md'
    >>> feedback_file_name("=SUM(1,2)")
    '=SUM(1,2).md'
    >>> feedback_file_name("../../etc/passwd"), feedback_file_name("..")
    ('_.._etc_passwd.md', 'student.md')
    """
    name = re.sub(r"[/\\\x00-\x1f\x7f]", "_", student)
    name = name.lstrip(". ").rstrip(". ") or "student"
    encoded = name.encode("utf-8")[:200]
    return encoded.decode("utf-8", errors="ignore") + ".md"


def class_summary(results: list[GradeResult], assignment: Assignment, top: int = 3) -> str:
    """What the class got right and wrong, question by question, in Markdown.

    For each auto-graded question: the mean score of the graded notebooks,
    how many got full marks, how many left it unanswered, and the messages of
    the checks that failed most often **among those who answered it** (an
    unanswered question says nothing about a misconception). Those messages
    name misconceptions, so the list says what to go over again in class.
    Notebooks of another exercise set are listed apart, with the command
    that grades them.

    Parameters
    ----------
    results : list of GradeResult
    assignment : Assignment
    top : int
        How many of the most frequent messages to show per question.

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.grading.assignment import Question
    >>> demo = Assignment("d", "d.ipynb", "Demo", (Question("q1", 2),))
    >>> results = [GradeResult("a", "a.ipynb", "ok", {"q1": 2.0}),
    ...            GradeResult("b", "b.ipynb", "ok", {"q1": 0.0}, {"q1": ["check (1 point): not per 1,000"]}),
    ...            GradeResult("c", "c.ipynb", "timeout", {"q1": 0.0})]
    >>> print(class_summary(results, demo).splitlines()[2])
    3 notebooks: 2 ok, 1 timeout. Scores below are over the 2 graded ones.
    >>> "| q1 | 1 / 2 | 1 of 2 | 0 | check: not per 1,000 (1 of 2) |" in class_summary(results, demo)
    True
    """
    from collections import Counter

    graded = [r for r in results if r.status == "ok"]
    statuses = Counter(r.status for r in results)
    lines = [f"# {assignment.title}: class summary", ""]
    lines.append(
        f"{len(results)} notebooks: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        + f". Scores below are over the {len(graded)} graded ones."
    )
    lines += ["", "| question | mean | full marks | unanswered | most frequent failed checks, among those who answered |",
              "|---|---|---|---|---|"]
    for q in assignment.auto_questions:
        scores = [r.scores.get(q.name, 0.0) for r in graded]
        mean = sum(scores) / len(scores) if scores else 0.0
        full = sum(score >= q.points for score in scores)
        answered = [r for r in graded if r.answered.get(q.name) != "unanswered"]
        messages = Counter()
        for r in answered:
            for message in set(r.feedback.get(q.name, [])):
                messages[re.sub(r" \([\d.]+ points?\)", "", message)] += 1
        common = "; ".join(f"{text} ({count} of {len(answered)})" for text, count in messages.most_common(top)) or "–"
        lines.append(f"| {q.name} | {_number(mean)} / {_number(q.points)} | {full} of {len(scores)} "
                     f"| {len(graded) - len(answered)} | {common} |")
    if assignment.manual_questions:
        lines += ["", "Written answers (" + ", ".join(q.column for q in assignment.manual_questions)
                  + ") are not included: mark them in grades.csv."]
    flagged = [r.student for r in results if r.flags]
    if flagged:
        lines += ["", f"Flagged for review ({len(flagged)}): " + ", ".join(flagged) + "."]
    skipped = [r for r in results if r.status == "wrong assignment"]
    if skipped:
        lines += ["", f"Skipped: {len(skipped)} notebook(s) of another exercise set, not graded here "
                  "and given no feedback file:"]
        lines += [f"- {r.student} ({r.file}): {'; '.join(r.messages)}" for r in skipped]
    return "\n".join(lines) + "\n"


def write_grades(results: list[GradeResult], assignment: Assignment, out_dir: str | os.PathLike) -> tuple[Path, list[str]]:
    """Write ``grades.csv``, ``summary.md`` and ``feedback/<student>.md`` into ``out_dir``.

    Written-answer scores already typed into an existing ``grades.csv``
    there are kept (matched by student), so grading again never loses the
    teacher's marking.

    Returns
    -------
    path : Path
        The ``grades.csv`` written.
    notes : list of str
        What was kept from the earlier file.
    """
    out = Path(out_dir)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    path = out / "grades.csv"
    manual: dict[str, dict[str, str]] = {}
    notes = []
    if path.is_file():
        try:
            for row in read_grades(path):
                kept = {q.column: row.get(q.column, "") for q in assignment.manual_questions if row.get(q.column, "").strip()}
                if kept:
                    manual[row["student"]] = kept
        except (OSError, csv.Error, KeyError):
            pass
        if manual:
            notes.append(f"kept the written-answer scores already entered for {len(manual)} student(s)")
    _write_csv(path, grades_rows(results, assignment, manual))
    (out / "summary.md").write_text(class_summary(results, assignment), encoding="utf-8")
    used = set()
    for result in results:
        if result.status == "wrong assignment":  # not graded here: listed in summary.md with its command
            continue
        name = feedback_file_name(result.student)
        while name.lower() in used:  # file systems that ignore case would merge them
            name = name[:-3] + "_.md"
        used.add(name.lower())
        (out / "feedback" / name).write_text(feedback_text(result, assignment), encoding="utf-8")
    return path, notes


def update_totals(path: str | os.PathLike, assignment: Assignment) -> list[str]:
    """Recompute the written and total columns of a ``grades.csv`` after marking by hand.

    Parameters
    ----------
    path : str or Path
    assignment : Assignment

    Returns
    -------
    list of str
        Problems found (a score that is not a number, or out of range); the
        file is rewritten only if there are none.
    """
    path = Path(path)
    rows = _read_csv(path)
    if not rows:
        return [f"{path} is empty."]
    header = rows[0]
    problems = []
    missing = [c for c in ("autograded", "written", "total") if c not in header]
    if missing:
        return [f"{path} has no column(s) {', '.join(missing)}: is it a grades.csv made by this grader?"]
    index = {name: header.index(name) for name in header}
    for number, row in enumerate(rows[1:], start=2):
        if not row or row[0] == POINTS_ROW:
            continue
        row += [""] * (len(header) - len(row))
        written = []
        for q in assignment.manual_questions:
            if q.column not in index:
                problems.append(f"column {q.column!r} is missing")
                continue
            value = row[index[q.column]].strip()
            if not value:
                continue
            try:
                score = float(value)
            except ValueError:
                problems.append(f"row {number} ({row[0]}), {q.column}: {value!r} is not a number")
                continue
            if not 0 <= score <= q.points or math.isnan(score):
                problems.append(f"row {number} ({row[0]}), {q.column}: {value} is outside 0–{_number(q.points)}")
                continue
            written.append(score)
        try:
            auto = float(row[index["autograded"]] or 0)
        except ValueError:
            problems.append(f"row {number} ({row[0]}): the autograded column was changed to {row[index['autograded']]!r}")
            continue
        row[index["written"]] = _number(sum(written)) if written else ""
        row[index["total"]] = _number(auto + sum(written))
    if problems:
        return problems
    _write_csv(path, rows)
    return []


