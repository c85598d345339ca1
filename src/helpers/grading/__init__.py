"""Grade a class's exercise notebooks with otter-grader, one sandboxed run per student.

The exercise sets in ``exercises/`` are written as otter-grader master
notebooks. ``make exercises`` turns each master into a student notebook and
a grading bundle (:func:`build_exercises`). This module then grades a folder
of submitted notebooks (:func:`grade_folder`): every notebook is copied into a
throwaway folder and run there (:mod:`.runner`), several at a time, each with
a time limit, inside a sandbox when one is available; the probes
(:mod:`.probe`) read its answers as plain data (:mod:`.plain`), and the
checks run on them outside the sandbox (:mod:`.checker`). The results go into ``grades.csv`` (one row per student) and one
feedback file per student.

Why a wrapper of our own: ``otter grade`` runs each submission in a Docker
container, which classrooms rarely have. ``otter run`` needs no Docker, but
it runs the student's code as the instructor, with the hidden tests next to
it, one notebook at a time. The wrapper adds what Docker would have given:

==========================  ==============================================
layer                       what it does
==========================  ==============================================
throwaway folder            each submission is graded in a fresh folder,
                            deleted afterwards; nothing is shared
sandbox (bubblewrap)        nothing of the real file system is writable:
                            the submission's folder and a private ``/tmp``
                            are memory file systems with one disk quota
                            for both; no network; other students' files,
                            the instructor's home and the tests of other
                            sets are not even visible; a process namespace
                            of its own, so every process, detached or not,
                            dies with the run
checks outside              the checks and the bundle never enter the
                            sandbox; it gets the notebook, the corpora and
                            a probe spec, and sends out the answers as
                            plain data, which the checks compare in a
                            process of the grader's (:mod:`.checker`)
untrusted results           what comes out (the answers, stdout, stderr)
                            comes through pipes, capped in size, and the
                            summary is accepted only as plain JSON of the
                            expected fields and types; files are read
                            only as regular files, never through a link
throwaway user              when grading as root, the sandbox runs as
                            ``nobody``, so root-only files stay unreadable
resource limits             memory, file size and process count
time limits                 per test case, per cell, per submission
in-Python guard             a courtesy, not a wall: flags obvious attempts
                            (reading the tests, shell commands, writes
                            outside the folder) and blocks them in the
                            notebook's own thread; nothing rests on it
review flags                code that reaches for the grader, the tests,
                            the network or the file system is listed
==========================  ==============================================

What none of this covers is written in ``exercises/README.md`` (section
"What the sandbox does and does not cover").

The computing parts (reading bundles, inspecting and auditing notebooks,
building sandbox command lines, turning results into rows and feedback)
are pure functions; only :func:`grade_submission`, :func:`grade_folder`,
:func:`write_grades` and :func:`build_exercises` touch files or start
processes.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import re
import secrets
import shutil
import selectors
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = [
    "DEFAULT_CELL_TIMEOUT",
    "DEFAULT_DISK_MB",
    "DEFAULT_TEST_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "MAX_NOTEBOOK_BYTES",
    "MAX_SUMMARY_BYTES",
    "Assignment",
    "GradeResult",
    "GradingError",
    "Inspection",
    "Question",
    "Sandbox",
    "STATUSES",
    "Submission",
    "audit_code",
    "build_exercises",
    "class_summary",
    "feedback_text",
    "find_assignments",
    "find_sandbox",
    "feedback_file_name",
    "fill_answers",
    "find_submissions",
    "GUARD_FILE",
    "grade_folder",
    "grade_submission",
    "grades_rows",
    "inspect_notebook",
    "load_assignment",
    "manifest_from_master",
    "parse_summary",
    "read_regular_file",
    "read_grades",
    "results_from_checks",
    "sandbox_command",
    "solution_answers",
    "spreadsheet_safe",
    "student_id",
    "update_totals",
    "write_grades",
]

#: The statuses a row of ``grades.csv`` can have.
STATUSES = ("ok", "timeout", "error", "wrong assignment")

#: The flag given to results that cannot be trusted.
TAMPERED = "what came out of the run was not valid: grade this notebook by hand"

MANIFEST = "manifest.json"
#: Largest submitted notebook read (outputs with images can be large, but not this large).
MAX_NOTEBOOK_BYTES = 50_000_000
#: Everything one submission may write, all files together (its folder and /tmp), in bubblewrap.
DEFAULT_DISK_MB = 512
#: Largest results summary accepted from a run; a real one is a few kilobytes.
MAX_SUMMARY_BYTES = 2_000_000
#: How much of a run's stdout and stderr is kept (the start and the end, half each).
MAX_LOG_BYTES = 1_000_000
DEFAULT_TIMEOUT = 180
DEFAULT_CELL_TIMEOUT = 60
DEFAULT_TEST_TIMEOUT = 20
_NOBODY = 65534
_GUARD_PREFIX = "[grading-guard] "
_ROOT = Path(__file__).resolve().parents[3]


class GradingError(Exception):
    """Grading cannot start; the message says what to do."""


# ---------------------------------------------------------------------------
# Assignments: the bundle made by ``make exercises``
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One question of an exercise set.

    ``manual`` questions are written answers marked by the teacher with the
    rubric; the others are graded by tests.
    """

    name: str
    points: float
    manual: bool = False
    title: str = ""

    @property
    def column(self) -> str:
        """The question's column in ``grades.csv``."""
        return f"{self.name} (written)" if self.manual else self.name


@dataclass(frozen=True)
class Assignment:
    """An exercise set as the grader sees it: its questions and its bundle."""

    name: str
    notebook: str
    title: str
    questions: tuple[Question, ...]
    bundle: Path | None = None
    protected_cells: tuple[str, ...] = ()
    answer_cells: tuple[tuple[str, tuple[str, ...]], ...] = ()  # question -> its answer cells as handed out

    def untouched(self, notebook: dict) -> set[str]:
        """The questions whose answer cells are all still as handed out in ``notebook``."""
        sources = {_source(c).strip() for c in notebook.get("cells", []) if isinstance(c, dict)}
        return {name for name, cells in self.answer_cells if cells and all(c.strip() in sources for c in cells)}

    @property
    def auto_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.manual)

    @property
    def manual_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.manual)

    @property
    def auto_points(self) -> float:
        return sum(q.points for q in self.auto_questions)

    @property
    def manual_points(self) -> float:
        return sum(q.points for q in self.manual_questions)

    @property
    def points(self) -> float:
        return self.auto_points + self.manual_points

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "notebook": self.notebook,
            "title": self.title,
            "questions": [
                {"name": q.name, "points": q.points, "manual": q.manual, "title": q.title} for q in self.questions
            ],
            "protected_cells": list(self.protected_cells),
            "answer_cells": {name: list(cells) for name, cells in self.answer_cells},
        }

    @classmethod
    def from_json(cls, data: dict, bundle: Path | None = None) -> "Assignment":
        questions = tuple(
            Question(q["name"], float(q["points"]), bool(q.get("manual")), q.get("title", "")) for q in data["questions"]
        )
        return cls(
            data["name"], data["notebook"], data.get("title", data["name"]), questions, bundle,
            tuple(data.get("protected_cells", ())),
            tuple((name, tuple(cells)) for name, cells in data.get("answer_cells", {}).items()),
        )


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"<!--.*?-->", "", line).strip().strip("#").strip()
        line = re.sub(r"[*`]", "", line)
        if line:
            return line
    return ""


def _question_title(prompt: str) -> str:
    line = _first_line(prompt)
    match = re.match(r"(Question\s+\w+\s*\([^)]*\))", line)
    return match.group(1) if match else line[:60]


def manifest_from_master(master: dict) -> dict:
    """Read the questions, points and title of an otter master notebook.

    Parameters
    ----------
    master : dict
        The master notebook as loaded from JSON.

    Returns
    -------
    dict
        ``{"name", "notebook", "title", "questions": [{"name", "points", "manual", "title"}]}``.

    Raises
    ------
    GradingError
        If a question has no name or no points.

    Examples
    --------
    >>> raw = lambda text: {"cell_type": "raw", "source": text, "metadata": {}}
    >>> md = lambda text: {"cell_type": "markdown", "source": text, "metadata": {}}
    >>> master = {"cells": [
    ...     raw("# ASSIGNMENT CONFIG\\nname: 09-demo"), md("# 09 · A demo set"),
    ...     raw("# BEGIN QUESTION\\nname: q1\\npoints: 2"), md("**Question 1.** Count."),
    ...     raw("# END QUESTION"),
    ...     raw("# BEGIN QUESTION\\nname: q2\\nmanual: true\\npoints: 3"), md("**Question 2.** Explain."),
    ...     raw("# END QUESTION")]}
    >>> info = manifest_from_master(master)
    >>> info["name"], info["title"]
    ('09-demo', '09 · A demo set')
    >>> [(q["name"], q["points"], q["manual"]) for q in info["questions"]]
    [('q1', 2.0, False), ('q2', 3.0, True)]
    """
    import yaml

    cells = master.get("cells", [])
    config: dict = {}
    title = ""
    questions = []
    for index, cell in enumerate(cells):
        text = _source(cell)
        if cell.get("cell_type") == "raw" and re.match(r"#\s*ASSIGNMENT\s+CONFIG", text, re.I):
            config = yaml.safe_load(text.split("\n", 1)[1]) or {}
        elif cell.get("cell_type") == "markdown" and not title and text.lstrip().startswith("# "):
            title = _first_line(text)
        elif cell.get("cell_type") == "raw" and re.match(r"#\s*BEGIN\s+QUESTION", text, re.I):
            info = yaml.safe_load(text.split("\n", 1)[1] if "\n" in text else "") or {}
            if "name" not in info or "points" not in info:
                raise GradingError(f"Question {len(questions) + 1} of the master has no name or no points: {info!r}.")
            prompt = next((_source(c) for c in cells[index + 1:] if c.get("cell_type") == "markdown"), "")
            questions.append(
                {
                    "name": str(info["name"]),
                    "points": float(info["points"]),
                    "manual": bool(info.get("manual", False)),
                    "title": _question_title(prompt),
                }
            )
    name = str(config.get("name", ""))
    if not name:
        raise GradingError("The master notebook has no ASSIGNMENT CONFIG cell with a name.")
    return {"name": name, "notebook": f"{name}.ipynb", "title": title or name, "questions": questions}


def load_assignment(bundle: str | os.PathLike) -> Assignment:
    """Read an exercise set's grading bundle (the zip made by ``make exercises``).

    Parameters
    ----------
    bundle : str or Path
        ``exercises/autograder/NN-topic.zip``.

    Returns
    -------
    Assignment

    Raises
    ------
    GradingError
        If the file is missing or is not a bundle made by ``make exercises``.
    """
    path = Path(bundle)
    try:
        with zipfile.ZipFile(path) as archive:
            data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except FileNotFoundError:
        raise GradingError(f"No grading bundle at {path}. Run `make exercises` to build the bundles.") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise GradingError(
            f"{path} is not a grading bundle made by `make exercises` ({error}). Rebuild it with `make exercises`."
        ) from None
    return Assignment.from_json(data, path.resolve())


def find_assignments(folder: str | os.PathLike | None = None) -> dict[str, Assignment]:
    """All grading bundles in a folder (default: ``exercises/autograder``), by set name."""
    folder = Path(folder) if folder else _ROOT / "exercises" / "autograder"
    found = {}
    for path in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        try:
            assignment = load_assignment(path)
        except GradingError:
            continue
        found[assignment.name] = assignment
    return found


# ---------------------------------------------------------------------------
# Submissions: who handed in what, and what state it is in
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """One student's notebook, and anything odd noticed while finding it."""

    student: str
    path: Path | None
    notes: tuple[str, ...] = ()
    status: str = ""  # set when the submission cannot be graded at all


def student_id(file_name: str, notebook: str = "") -> str:
    """A student's name from a submitted file name, without the set's own name.

    Parameters
    ----------
    file_name : str
        The submitted file (``alice_02-word-frequencies.ipynb``).
    notebook : str
        The set's notebook name (``02-word-frequencies.ipynb``).

    Returns
    -------
    str

    Examples
    --------
    >>> student_id("alice_02-word-frequencies.ipynb", "02-word-frequencies.ipynb")
    'alice'
    >>> student_id("Bob Lee - 02-word-frequencies (1).ipynb", "02-word-frequencies.ipynb")
    'Bob Lee'
    >>> student_id("carol.ipynb", "02-word-frequencies.ipynb")
    'carol'
    """
    stem = Path(file_name).stem
    set_stem = Path(notebook).stem
    if set_stem and set_stem.lower() in stem.lower():
        at = stem.lower().index(set_stem.lower())
        rest = (stem[:at] + " " + stem[at + len(set_stem):]).strip()
        rest = re.sub(r"\(\d+\)", "", rest)
        rest = rest.strip(" _-.")
        if rest:
            return re.sub(r"\s+", " ", rest)
    return stem


def _notebooks_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and not p.name.startswith(".") and not p.is_symlink()
    )


def find_submissions(
    folder: str | os.PathLike, assignment: Assignment | None = None, skip: tuple[Path, ...] = ()
) -> tuple[list[Submission], list[str]]:
    """Find the submitted notebooks in a folder.

    Two layouts are understood: notebooks directly in the folder (the file
    name says who it is: ``alice_02-word-frequencies.ipynb`` or
    ``alice.ipynb``), or one folder per student (the folder name says who it
    is, whatever the notebook is called).

    Parameters
    ----------
    folder : str or Path
    assignment : Assignment, optional
        Used to take the set's name out of file names.
    skip : tuple of Path
        Folders to leave alone (the output folder, if it is inside).

    Returns
    -------
    submissions : list of Submission
    notes : list of str
        Files and folders that were left out, and why.
    """
    folder = Path(folder)
    notebook = assignment.notebook if assignment else ""
    skip = tuple(p.resolve() for p in skip)
    submissions: list[Submission] = []
    notes: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if entry.name.startswith(".") or entry.resolve() in skip:
            continue
        if entry.is_symlink():
            notes.append(f"{entry.name}: a symbolic link, not a handed-in file; left out")
            continue
        if entry.is_file():
            if entry.suffix.lower() == ".ipynb":
                submissions.append(Submission(student_id(entry.name, notebook), entry))
            else:
                notes.append(f"{entry.name}: not a notebook (.ipynb); left out")
            continue
        if not entry.is_dir():
            continue
        found = _notebooks_in(entry)
        if not found:
            notes.append(f"{entry.name}/: no notebook inside; left out")
            continue
        if len(found) > 1:
            named = [p for p in found if p.name == notebook]
            if len(named) == 1:
                submissions.append(
                    Submission(entry.name, named[0], (f"{len(found) - 1} other notebook(s) in the folder were ignored",))
                )
            else:
                names = ", ".join(p.name for p in found)
                submissions.append(
                    Submission(
                        entry.name, None,
                        (f"more than one notebook in the folder ({names}); hand in exactly one",), "error",
                    )
                )
            continue
        notes_here = ()
        if notebook and found[0].name != notebook:
            notes_here = (f"notebook renamed to {found[0].name} (expected {notebook}); graded anyway",)
        submissions.append(Submission(entry.name, found[0], notes_here))
    seen: dict[str, int] = {}
    unique = []
    for sub in submissions:
        count = seen.get(sub.student, 0) + 1
        seen[sub.student] = count
        if count > 1:
            sub = replace(sub, student=f"{sub.student} ({count})", notes=sub.notes + ("same name as another submission",))
        unique.append(sub)
    return unique, notes


_TEMPLATE_LINES = re.compile(
    r"^\s*(#.*|import otter|grader\s*=\s*otter\.Notebook\([^)]*\)|grader\.check(_all)?\([^)]*\))\s*$"
)

_AUDIT_RULES = [
    (r"\botter\b|\bChecker\b|\bGradingResults\b|\btest_case\b", "uses the grading library itself"),
    (r"""(['"/])tests?(/|['"])|\bautograder\b|\.OTTER|otter_config""", "refers to the grading tests or bundle"),
    (r"^\s*!|^\s*%%?(system|sx|bash|sh|script)\b|\bsubprocess\b|\bos\.(system|popen|exec\w*|spawn\w*|fork\w*)|\bpty\b",
     "runs shell commands or other programs"),
    (r"\bsocket\b|\burllib\b|\brequests\b|\bhttp\.client\b|\bhttpx\b|\bftplib\b", "opens network connections"),
    (r"\bctypes\b|\bsys\.(settrace|setprofile|_getframe|modules|addaudithook)\b|__code__|co_filename|\bgc\.get_"
     r"|__builtins__|\bimportlib\b|\binspect\b", "reaches into the Python interpreter"),
    (r"""open\([^)]*['"][wax]b?\+?['"]|\.write_(text|bytes)\(|\bshutil\.(rmtree|move|copy\w*)\b"""
     r"|\bos\.(remove|unlink|rename|replace|rmdir|chmod)\b|\.unlink\(", "writes, moves or deletes files"),
    (r"\beval\(|\bexec\(|\bcompile\(", "runs code built from strings"),
]


def audit_code(code: str) -> list[str]:
    """Name what a submission's code does that deserves a human look.

    These flags are for review, not penalties: they point the teacher at
    lines that reach for the grader, the tests, other programs, the network
    or the file system. The otter lines of the student notebook itself
    (``import otter``, ``grader = otter.Notebook(...)``, ``grader.check(...)``)
    are not flagged.

    Parameters
    ----------
    code : str
        The code cells of a submission, joined.

    Returns
    -------
    list of str
        One line per kind of finding, with the first line that showed it.

    Examples
    --------
    >>> audit_code("import otter\\ngrader = otter.Notebook('x.ipynb')\\ncounts = 3\\ngrader.check('q1')")
    []
    >>> audit_code("print(open('tests/q1.py').read())")
    ["refers to the grading tests or bundle: print(open('tests/q1.py').read())"]
    >>> audit_code("!ls ..")
    ['runs shell commands or other programs: !ls ..']
    """
    found = []
    lines = [line for line in code.splitlines() if line.strip() and not _TEMPLATE_LINES.match(line)]
    for pattern, what in _AUDIT_RULES:
        regex = re.compile(pattern, re.M)
        for line in lines:
            if regex.search(line):
                found.append(f"{what}: {line.strip()[:100]}")
                break
    return found


@dataclass
class Inspection:
    """What was found in a submitted notebook before running it."""

    readable: bool
    assignment_name: str | None = None
    notebook: dict | None = None
    problems: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def inspect_notebook(data: bytes, assignment: Assignment) -> Inspection:
    """Check a submitted notebook before grading it, without running anything.

    Notices a file that is not a notebook, a notebook of another exercise
    set, missing grading metadata (the work was copied into a new notebook;
    it is restored in the copy that is graded), and deleted or edited
    locked cells (question prompts and checks). Flags code for review with
    :func:`audit_code`.

    Parameters
    ----------
    data : bytes
        The file's content.
    assignment : Assignment

    Returns
    -------
    Inspection

    Examples
    --------
    >>> demo = Assignment("02-demo", "02-demo.ipynb", "Demo", (Question("q1", 2),))
    >>> inspect_notebook(b"not json", demo).readable
    False
    >>> nb = {"cells": [], "metadata": {"otter": {"assignment_name": "03-other"}}, "nbformat": 4, "nbformat_minor": 5}
    >>> inspect_notebook(json.dumps(nb).encode(), demo).assignment_name
    '03-other'
    """
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
        if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
            raise ValueError("no list of cells")
    except (UnicodeDecodeError, ValueError) as error:
        return Inspection(False, problems=[f"not a readable notebook ({type(error).__name__}: {str(error)[:80]})"])
    metadata = notebook.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        metadata = notebook["metadata"] = {}
    otter_meta = metadata.get("otter") if isinstance(metadata.get("otter"), dict) else {}
    name = otter_meta.get("assignment_name")
    result = Inspection(True, name, notebook)
    if not name:
        result.problems.append("the notebook's grading metadata is missing (copied into a new notebook?); graded anyway")
        metadata["otter"] = {**otter_meta, "assignment_name": assignment.name}
    if "kernelspec" not in metadata:
        metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    sources = {_source(c).strip() for c in notebook["cells"] if isinstance(c, dict)}
    missing = [cell for cell in assignment.protected_cells if cell.strip() not in sources]
    if missing:
        shown = "; ".join(repr(_first_line(cell)[:60]) for cell in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        result.problems.append(f"{len(missing)} locked cell(s) of the set were deleted or edited: {shown}{more}")
    code = "\n".join(
        _source(c) for c in notebook["cells"] if isinstance(c, dict) and c.get("cell_type") == "code"
    )
    result.flags = audit_code(code)
    return result


def _strip_solution_markers(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if re.match(r"^\s*#\s*(BEGIN|END)\s+SOLUTION\b", line):
            continue
        kept.append(re.sub(r"\s*#\s*SOLUTION\s*$", "", line))
    return "\n".join(kept).strip("\n")


def solution_answers(master: dict) -> list[tuple[str, str, str]]:
    """The solution cells of a master notebook, in order, as a student would write them.

    Otter's solution markers are removed, so the code can be pasted into the
    answer cells of the student notebook (see :func:`fill_answers`) to make a
    reference submission that should score full marks.

    Parameters
    ----------
    master : dict
        The master notebook as loaded from JSON.

    Returns
    -------
    list of (question, cell_type, source)

    Examples
    --------
    >>> raw = lambda text: {"cell_type": "raw", "source": text, "metadata": {}}
    >>> master = {"cells": [raw("# BEGIN QUESTION\\nname: q1\\npoints: 1"), raw("# BEGIN SOLUTION"),
    ...     {"cell_type": "code", "source": "answer = 6 * 7  # SOLUTION", "metadata": {}},
    ...     raw("# END SOLUTION"), raw("# END QUESTION")]}
    >>> solution_answers(master)
    [('q1', 'code', 'answer = 6 * 7')]
    """
    import yaml

    answers = []
    question = None
    inside = False
    for cell in master.get("cells", []):
        text = _source(cell)
        if cell.get("cell_type") == "raw":
            if re.match(r"#\s*BEGIN\s+QUESTION", text, re.I):
                info = yaml.safe_load(text.split("\n", 1)[1] if "\n" in text else "") or {}
                question = str(info.get("name"))
            elif re.match(r"#\s*BEGIN\s+SOLUTION", text, re.I):
                inside = True
            elif re.match(r"#\s*END\s+SOLUTION", text, re.I):
                inside = False
            elif re.match(r"#\s*END\s+QUESTION", text, re.I):
                question = None
            continue
        if inside and question:
            answers.append((question, cell.get("cell_type", "code"), _strip_solution_markers(text)))
    return answers


def fill_answers(student: dict, answers: list[tuple[str, str, str]], replace_with: dict[str, list[str]] | None = None) -> dict:
    """A copy of a student notebook with its answer cells filled in.

    Parameters
    ----------
    student : dict
        The student notebook (JSON), whose answer cells carry otter's
        ``otter_answer_cell`` tag.
    answers : list of (question, cell_type, source)
        From :func:`solution_answers`: says which answer cell belongs to
        which question, and gives the solution.
    replace_with : dict, optional
        Question → sources to use instead of the solution (one per answer
        cell of that question); questions not named keep the solution.

    Returns
    -------
    dict
        The filled notebook.

    Raises
    ------
    GradingError
        If the notebook's answer cells do not match the master's solutions.
    """
    notebook = json.loads(json.dumps(student))
    slots = [c for c in notebook["cells"] if "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
    if len(slots) != len(answers):
        raise GradingError(f"The notebook has {len(slots)} answer cells but the master has {len(answers)} solution cells.")
    replace_with = replace_with or {}
    used: dict[str, int] = {}
    for cell, (question, _kind, source) in zip(slots, answers):
        if question in replace_with:
            index = used.get(question, 0)
            used[question] = index + 1
            options = replace_with[question]
            source = options[index] if index < len(options) else options[-1]
        cell["source"] = source
    return notebook


# ---------------------------------------------------------------------------
# The sandbox
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sandbox:
    """How submissions will be isolated.

    ``kind`` is ``"bubblewrap"`` (separate file system view, no network,
    private /tmp and processes), ``"user"`` (runs as the unprivileged
    ``nobody`` user, with no network if the machine allows it) or ``"none"``
    (runs as you; only the in-Python guard and the time limits apply).
    """

    kind: str
    description: str
    drop_to_nobody: bool = False
    unshare_net: bool = False

    @property
    def isolated(self) -> bool:
        return self.kind != "none"


def _probe(argv: list[str], drop: bool) -> bool:
    try:
        result = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20,
            preexec_fn=_dropper(drop, {}) if os.name == "posix" else None,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def find_sandbox(prefer: str = "auto") -> Sandbox:
    """Find the best way this machine offers to isolate a submission.

    Parameters
    ----------
    prefer : {"auto", "bubblewrap", "user", "none"}
        ``"auto"`` tries bubblewrap, then (as root) the ``nobody`` user, then
        gives up with a description saying so.

    Returns
    -------
    Sandbox

    Raises
    ------
    GradingError
        If the sandbox asked for cannot be used here.
    """
    root = os.name == "posix" and os.geteuid() == 0
    if prefer in ("auto", "bubblewrap"):
        bwrap = shutil.which("bwrap")
        if bwrap:
            probe = [bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/", "/", "--proc",
                     "/proc", "--dev", "/dev", "true"]
            if _probe(probe, False):
                return Sandbox(
                    "bubblewrap",
                    "bubblewrap: each submission sees only Python, the helpers and the corpus (read-only) and "
                    "its own folder (writable); no network, a private /tmp, its own processes, no privileges",
                )
            reason = "bubblewrap (bwrap) is installed but cannot create a sandbox here (user namespaces are off)"
        else:
            reason = "bubblewrap (bwrap) is not installed (on Debian/Ubuntu: sudo apt-get install bubblewrap)"
        if prefer == "bubblewrap":
            raise GradingError(f"No bubblewrap sandbox: {reason}.")
    else:
        reason = f"sandbox {prefer!r} asked for"
    if prefer in ("auto", "user") and root:
        runs = _probe([sys.executable, "-c", "import otter, helpers"], True)
        if runs:
            unshare = shutil.which("unshare")
            net = bool(unshare) and _probe([unshare, "-rn", "true"], True)
            return Sandbox(
                "user",
                "a throwaway user: submissions run as the unprivileged user nobody, so they cannot change your files"
                + (" and have no network" if net else "; the network is NOT blocked")
                + f" ({reason})",
                drop_to_nobody=True,
                unshare_net=net,
            )
        if prefer == "user":
            raise GradingError(
                f"The user nobody cannot run {sys.executable} with otter and the helpers "
                "(is Python installed under /root?); install bubblewrap instead."
            )
        reason += f"; the user nobody cannot run {sys.executable}"
    if prefer == "user" and not root:
        raise GradingError("The 'user' sandbox needs grading to be started as root (it switches to the user nobody).")
    return Sandbox(
        "none",
        f"NO SANDBOX: {reason}. Submissions will run as you, with your permissions and your network; "
        "only the in-Python guard and the time limits protect you. Grade on a machine with bubblewrap, "
        "or inside a throwaway account or virtual machine",
    )


def _system_binds() -> list[str]:
    args: list[str] = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "fonts", "localtime", "hosts",
                 "nsswitch.conf", "passwd", "group", "mime.types", "ssl/certs"):
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


def sandbox_command(
    command: list[str],
    *,
    inside: str,
    readable: list[str],
    read_only: list[tuple[str, str]] = (),
    folders: list[str] = (),
    system: list[str] | None = None,
    bwrap: str = "bwrap",
    disk_bytes: int = DEFAULT_DISK_MB * 1024 * 1024,
) -> list[str]:
    """Build the bubblewrap command line that runs ``command`` in a sandbox.

    The only places the command can write are ``inside`` and a private
    ``/tmp``, both memory file systems that vanish with the run and that
    together hold at most ``disk_bytes`` (an eighth for ``/tmp``, the rest
    for ``inside``): a submission fills its quota, never the grader's disk.
    Nothing on the real file system is writable. Every process lives in a
    process namespace of its own, so all of them, detached ones included,
    are killed when the command ends (or when the grader stops it).

    Parameters
    ----------
    command : list of str
        What to run inside.
    inside : str
        The submission's writable folder inside the sandbox.
    readable : list of str
        Folders to show read-only at the same path (Python, the helpers, the corpus).
    read_only : list of (str, str)
        Files or folders of the real file system (outside) shown read-only
        at a place inside (the notebook, the bundle, the runner), usually in
        ``inside``.
    folders : list of str
        Empty folders to create inside (for example ``inside + "/home"``).
    system : list of str, optional
        Bind arguments for the system folders (default: ``/usr`` and friends
        and a few files of ``/etc``).
    bwrap : str
        The bubblewrap executable.
    disk_bytes : int
        What the run may write in all, ``/tmp`` included.

    Returns
    -------
    list of str

    Examples
    --------
    >>> argv = sandbox_command(["python", "run.py"], inside="/grading", readable=["/opt/venv"],
    ...                        read_only=[("/tmp/w1/bundle.zip", "/grading/bundle.zip")], system=[],
    ...                        disk_bytes=80_000_000)
    >>> argv[:4]
    ['bwrap', '--unshare-all', '--unshare-user', '--unshare-pid']
    >>> argv[argv.index("/grading") - 3: argv.index("/grading") + 1]
    ['--size', '70000000', '--tmpfs', '/grading']
    >>> "--bind" in argv  # nothing of the real file system is writable
    False
    >>> argv[-4:]
    ['--chdir', '/grading', 'python', 'run.py']
    """
    tmp_bytes = disk_bytes // 8
    argv = [
        bwrap, "--unshare-all", "--unshare-user", "--unshare-pid", "--uid", str(_NOBODY), "--gid", str(_NOBODY),
        "--die-with-parent", "--new-session", "--cap-drop", "ALL",
    ]
    argv += _system_binds() if system is None else list(system)
    # The private /tmp comes first, so that readable folders that live under
    # /tmp (a clone of the repository in a temporary folder, as in CI) are
    # mounted on top of it instead of being hidden by it.
    argv += ["--proc", "/proc", "--dev", "/dev", "--size", str(tmp_bytes), "--tmpfs", "/tmp"]
    for path in dict.fromkeys(readable):
        argv += ["--ro-bind", path, path]
    argv += ["--size", str(disk_bytes - tmp_bytes), "--tmpfs", inside]
    for folder in folders:
        argv += ["--dir", folder]
    for outside, target in read_only:
        argv += ["--ro-bind", outside, target]
    argv += ["--chdir", inside]
    return argv + list(command)


def _limits(memory_bytes: int, file_bytes: int, processes: int) -> dict:
    return {"memory": memory_bytes, "file": file_bytes, "processes": processes}


def _dropper(drop: bool, limits: dict):
    """A function run in the child before it starts: limits, then (as root) become nobody."""

    def before_exec():  # pragma: no cover - runs in the child process
        import resource

        os.setsid()
        if limits.get("memory"):
            resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
        if limits.get("file"):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file"], limits["file"]))
        if drop:
            os.setgroups([])
            os.setgid(_NOBODY)
            os.setuid(_NOBODY)
        if limits.get("processes") and os.geteuid() != 0:
            resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))

    return before_exec


# ---------------------------------------------------------------------------
# What runs inside: the guard (guard.py, as sitecustomize) and the runner (runner.py)
# ---------------------------------------------------------------------------

#: Copied as ``sitecustomize.py`` into every run (see :mod:`helpers.grading.guard`).
GUARD_FILE = Path(__file__).resolve().parent / "guard.py"
#: The probe spec inside a bundle, and the second corpus otter keeps under ``files/``.
PROBES = "probes.json"
SECOND_CORPUS = "second_corpus"


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
# What comes out of a run: never trusted
# ---------------------------------------------------------------------------


def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """Read a file that someone else could have tampered with: never through a link, never more than ``limit``.

    The file is opened without following a symbolic link (``O_NOFOLLOW``)
    and must turn out to be a regular file (not a pipe, a device or a
    folder) once open, so it cannot be swapped for something else between
    the check and the read.

    Parameters
    ----------
    path : str or Path
    limit : int
        Largest size accepted, in bytes.

    Returns
    -------
    bytes

    Raises
    ------
    OSError
        ``ELOOP`` for a symbolic link, ``EINVAL`` for anything that is not a
        regular file, ``EFBIG`` for a file larger than ``limit``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.txt").write_text("hello")
    5
    >>> read_regular_file(folder / "a.txt", 100)
    b'hello'
    >>> (folder / "link.txt").symlink_to(folder / "a.txt")
    >>> read_regular_file(folder / "link.txt", 100)
    Traceback (most recent call last):
    ...
    OSError: [Errno 40] Too many levels of symbolic links: ...
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _strict_json(raw: bytes):
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("a key appears twice")
        return dict(pairs)

    def no_constants(name):
        raise ValueError(f"{name} is not a number")

    return json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(what)


def _is_number(value) -> bool:
    # exactly int or float: True is not a number here, and neither is a subclass
    return type(value) in (int, float) and math.isfinite(value) and value >= 0


def _is_text(value, limit: int) -> bool:
    return type(value) is str and len(value) <= limit


def parse_summary(raw: bytes) -> dict:
    """Read the summary a run sends out, accepting nothing but the expected plain data.

    The summary is JSON made inside the sandbox, so it is read like any
    other input from a student: at most :data:`MAX_SUMMARY_BYTES`, valid
    UTF-8, no repeated keys, no ``NaN``, exactly the expected fields with
    exactly the expected types (a ``bool`` is not a number), and strings of
    bounded length.

    Parameters
    ----------
    raw : bytes

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        Saying what is wrong with it.

    Examples
    --------
    >>> summary = parse_summary(b'{"answers": {"values": {"x": {"value": 1}}, "functions": {"f": {"missing": true}}}, '
    ...                         b'"cells": [], "catastrophic": null}')
    >>> summary["answers"]["values"]["x"]
    {'value': 1}
    >>> parse_summary(b'{"answers": {"values": {"x": {"value": 1}}, "functions": {"f": {"missing": 1}}}, '
    ...               b'"cells": [], "catastrophic": null}')
    Traceback (most recent call last):
    ...
    ValueError: function 'f' is malformed
    """
    _check(len(raw) <= MAX_SUMMARY_BYTES, f"more than {MAX_SUMMARY_BYTES} bytes")
    data = _strict_json(raw)
    _check(type(data) is dict and set(data) == {"answers", "cells", "catastrophic"}, "not a summary")
    _check(data["catastrophic"] is None or _is_text(data["catastrophic"], 1000), "catastrophic is not a short text")
    answers = data["answers"]
    if answers is not None:
        _check(type(answers) is dict and set(answers) == {"values", "functions"}, "answers is malformed")
        values, functions = answers["values"], answers["functions"]
        _check(type(values) is dict and len(values) <= 200, "values is not a table")
        for name, outcome in values.items():
            _check(_is_text(name, 100) and type(outcome) is dict and len(outcome) == 1, f"value {name[:40]!r} is malformed")
            _check(outcome.get("missing") is True or "value" in outcome, f"value {name[:40]!r} is malformed")
        _check(type(functions) is dict and len(functions) <= 200, "functions is not a table")
        for name, outcome in functions.items():
            where = f"function {name[:40]!r}"
            _check(_is_text(name, 100) and type(outcome) is dict and len(outcome) == 1, f"{where} is malformed")
            if "calls" in outcome:
                calls = outcome["calls"]
                _check(type(calls) is list and len(calls) <= 5000, f"{where}: calls is not a list")
                for call in calls:
                    _check(type(call) is list and len(call) == 2 and _is_text(call[0], MAX_SUMMARY_BYTES)
                           and type(call[1]) is dict and len(call[1]) == 1, f"{where}: a call is malformed")
                    (kind, body), = call[1].items()
                    _check(kind in ("returned", "raised", "timeout"), f"{where}: a call is malformed")
                    if kind == "raised":
                        _check(type(body) is dict and set(body) == {"type", "message"} and _is_text(body["type"], 100)
                               and _is_text(body["message"], 1000), f"{where}: an error is malformed")
                    if kind == "timeout":
                        _check(_is_number(body), f"{where}: a time limit is not a number")
            else:
                _check(outcome.get("missing") is True or _is_text(outcome.get("not_callable"), 100), f"{where} is malformed")
    cells = data["cells"]
    _check(type(cells) is list and len(cells) <= 1000, "cells is not a list")
    for cell in cells:
        _check(type(cell) is dict and set(cell) == {"cell", "first_line", "ename", "evalue"}, "a cell is malformed")
        _check(type(cell["cell"]) is int and cell["cell"] >= 1, "a cell number is not a number")
        _check(_is_text(cell["first_line"], 200) and _is_text(cell["ename"], 200) and _is_text(cell["evalue"], 1000),
               "a cell's texts are too long")
    return data


class _Capped:
    """The start and the end of a stream, at most ``limit`` bytes in all."""

    def __init__(self, limit: int):
        self.half = limit // 2
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        room = self.half - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            del self.tail[:-self.half]

    @property
    def complete(self) -> bool:
        return self.total == len(self.head) + len(self.tail)

    def bytes(self) -> bytes:
        return bytes(self.head) + (b"" if self.complete else b"\n[...]\n") + bytes(self.tail)


def _has_ended(process: subprocess.Popen) -> bool:
    """Whether the process has ended, without reaping it (its id stays reserved until :func:`_end_run`)."""
    if not hasattr(os, "waitid"):
        return process.poll() is not None
    try:
        return os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _collect(process: subprocess.Popen, streams: dict[str, int], limits: dict[str, int], deadline: float,
             grace: float = 2.0) -> tuple[dict[str, _Capped], bool]:
    """Read a run's pipes while it runs; stop at ``deadline`` (then it timed out) or soon after it ends.

    Returns the capped contents of each stream, and whether the run timed out.
    A process it left behind holding a pipe open cannot keep the grader waiting.
    """
    buffers = {name: _Capped(limits[name]) for name in streams}
    selector = selectors.DefaultSelector()
    for name, fd in streams.items():
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ, name)
    ended_at = None
    timed_out = False
    try:
        while True:
            now = time.monotonic()
            if ended_at is None and _has_ended(process):
                ended_at = now
            if ended_at is not None and (not selector.get_map() or now > ended_at + grace):
                break
            if ended_at is None and now >= deadline:
                timed_out = True
                break
            if not selector.get_map():  # every pipe closed, the run still going
                time.sleep(min(0.2, max(deadline - now, 0)))
                continue
            wait = (ended_at + grace - now) if ended_at is not None else min(0.5, deadline - now)
            for key, _ in selector.select(timeout=max(wait, 0)):
                try:
                    chunk = os.read(key.fd, 1 << 16)
                except BlockingIOError:
                    continue
                if chunk:
                    buffers[key.data].add(chunk)
                else:
                    selector.unregister(key.fd)
    finally:
        selector.close()
    return buffers, timed_out


def _guard_reports(stderr: str) -> list[str]:
    found = []
    for line in stderr.splitlines():
        if line.startswith(_GUARD_PREFIX):
            try:
                data = json.loads(line[len(_GUARD_PREFIX):])
                text = f"blocked: {data['what']} ({data['detail']})"
            except (ValueError, KeyError, TypeError):
                text = "blocked: " + line[len(_GUARD_PREFIX):][:200]
            if text not in found:
                found.append(text)
    return found[:10]


# ---------------------------------------------------------------------------
# What goes into a run, and the checks that stay outside
# ---------------------------------------------------------------------------


def _bundle_contents(bundle: Path) -> tuple[dict[str, str], bytes, dict[str, bytes]]:
    """A bundle's checks (question → source), its probe spec and its second corpus (file → bytes)."""
    tests, probes, corpus = {}, b"", {}
    prefix = f"files/{SECOND_CORPUS}/"
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"tests/[\w-]+\.py", name):
                tests[Path(name).stem] = archive.read(name).decode("utf-8")
            elif name == PROBES:
                probes = archive.read(name)
            elif name.startswith(prefix) and not name.endswith("/") and "/" not in name[len(prefix):]:
                corpus[name[len(prefix):]] = archive.read(name)
    if not probes:
        raise GradingError(f"{bundle} has no {PROBES}: rebuild it with `make exercises`.")
    return tests, probes, corpus


def _unpack_inputs(bundle: Path, folder: Path) -> dict[str, str]:
    """Write what a run needs from the bundle (the probe spec, the second corpus) into ``folder``; return the checks."""
    tests, probes, corpus = _bundle_contents(bundle)
    (folder / PROBES).write_bytes(probes)
    (folder / SECOND_CORPUS).mkdir()
    for name, data in corpus.items():
        (folder / SECOND_CORPUS / name).write_bytes(data)
    return tests


def _hidden_texts(bundle: Path) -> tuple[str, ...]:
    """The second corpus's texts and the probe spec, flattened and lower-cased: what no feedback may quote."""
    _, probes, corpus = _bundle_contents(bundle)
    return tuple(" ".join(data.decode("utf-8", "replace").split()).lower() for data in [*corpus.values(), probes])


def run_checks(tests: dict[str, str], answers: dict, bundle: Path, corpus: Path, case_timeout: float,
               timeout: float = 120) -> dict:
    """Run a set's checks on one submission's answers, in a process of the grader's own.

    The checks read the second corpus from a fresh copy taken from the
    bundle, never from the folder the submission ran in.

    Returns
    -------
    dict
        See :func:`helpers.grading.checker.check_answers`.

    Raises
    ------
    GradingError
        If the checker fails (a bug of ours or a broken bundle).
    """
    job = {"tests": tests, "answers": answers, "corpora": {"default": None, SECOND_CORPUS: SECOND_CORPUS},
           "case_timeout": case_timeout}
    return _run_trusted("helpers.grading.checker", job, bundle, corpus, timeout)


def _run_trusted(module: str, job: dict, bundle: Path, corpus: Path, timeout: float):
    """Run ``python -m module`` with ``job`` on stdin, in a fresh folder holding the bundle's second corpus."""
    with tempfile.TemporaryDirectory(prefix="checks-") as folder:
        _unpack_inputs(bundle, Path(folder))
        env = dict(os.environ, CORPUS_DIR=str(corpus), PYTHONHASHSEED="0")
        env.pop("HELPERS_GRADING_GUARD", None)
        try:
            done = subprocess.run(
                [sys.executable, "-m", module], input=json.dumps(job).encode("utf-8"),
                capture_output=True, cwd=folder, env=env, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise GradingError(f"the checks did not finish within {timeout:g} s") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise GradingError(f"the checks could not run ({tail[0][:200]})")
    return json.loads(done.stdout.decode("utf-8"))


# ---------------------------------------------------------------------------
# Grading one submission
# ---------------------------------------------------------------------------


def _library_roots() -> list[str]:
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    import site

    roots.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
    roots.add(str(Path(__file__).resolve().parents[1]))  # the helpers package
    return sorted({os.path.realpath(r) for r in roots if r})


def _python_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent)}
    roots.add(str(Path(__file__).resolve().parents[2]))  # src/ (an editable install)
    roots.update(_library_roots())
    found = sorted({os.path.realpath(r) for r in roots if r and Path(r).exists()})
    # a folder inside another one is already visible
    return [r for r in found if not any(r != other and r.startswith(os.path.join(other, "")) for other in found)]


def _otter_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("otter")
    if spec is None or not spec.origin:
        raise GradingError("otter-grader is not installed: run `pip install -r requirements.txt`.")
    return os.path.realpath(os.path.dirname(spec.origin))


def _descendants(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "-A", "-o", "pid=", "-o", "ppid="], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_tree(process: subprocess.Popen) -> None:
    """Stop a run and everything it started (the kernel runs in a session of its own)."""
    victims = _descendants(process.pid)
    for pid in [process.pid] + victims:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (OSError, PermissionError):
                pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _kill_marked(token: str) -> None:
    """Kill the processes whose environment carries this run's token (without a process namespace).

    A process that clears its environment escapes this; only bubblewrap's
    process namespace ends every process of a run for certain.
    """
    marker = f"HELPERS_GRADING_RUN={token}\0".encode()
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def _chown_tree(folder: Path, uid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        try:
            os.chown(path, uid, uid, follow_symlinks=False)
        except OSError:
            pass


def grade_submission(
    submission: Submission,
    assignment: Assignment,
    *,
    sandbox: Sandbox,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    test_timeout: float = DEFAULT_TEST_TIMEOUT,
    corpus_dir: str | os.PathLike | None = None,
    memory_mb: int = 3072,
    disk_mb: int = DEFAULT_DISK_MB,
    keep: str | os.PathLike | None = None,
    batch: str = "",
) -> GradeResult:
    """Grade one submission in a throwaway folder, sandboxed, with time limits.

    Never raises for anything a submission does: a notebook that crashes,
    loops, is not a notebook, belongs to another set, or misbehaves still
    gets a row with a status, scores (zero where nothing could be graded)
    and messages.

    Parameters
    ----------
    submission : Submission
    assignment : Assignment
        Must have a ``bundle``.
    sandbox : Sandbox
        From :func:`find_sandbox`.
    timeout : float
        Seconds for the whole submission (status ``timeout`` beyond it).
    cell_timeout : float
        Seconds for one cell; a cell that takes longer is interrupted and
        grading goes on with the next.
    test_timeout : float
        Seconds for one test case; beyond it the case fails with a message.
    corpus_dir : str or Path, optional
        The corpus the notebooks load (default: the seeds).
    memory_mb : int
        Memory limit of the run.
    disk_mb : int
        What the run may write, all files together (in bubblewrap; without
        it, only each file is limited, to 256 MB).
    keep : str or Path, optional
        Copy the throwaway folder here for inspection (debugging).
    batch : str
        A label put in the environment of every process of the run
        (``HELPERS_GRADING_BATCH``), so they can be found (``grade_folder``
        uses the submissions folder).

    Returns
    -------
    GradeResult
    """
    started = time.perf_counter()
    result = _grade_submission(
        submission, assignment, sandbox=sandbox, timeout=timeout, cell_timeout=cell_timeout,
        test_timeout=test_timeout, corpus_dir=corpus_dir, memory_mb=memory_mb, disk_mb=disk_mb, keep=keep,
        batch=batch,
    )
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _grade_submission(submission, assignment, *, sandbox, timeout, cell_timeout, test_timeout, corpus_dir,
                      memory_mb, disk_mb, keep, batch) -> GradeResult:
    file_name = submission.path.name if submission.path else ""
    zero = {q.name: 0.0 for q in assignment.auto_questions}
    result = GradeResult(submission.student, file_name, "ok", dict(zero), messages=list(submission.notes))
    if submission.status:
        result.status = submission.status
        return result
    try:
        data = read_regular_file(submission.path, MAX_NOTEBOOK_BYTES)
    except OSError as error:
        result.status = "error"
        if error.errno == errno.EFBIG:
            size = submission.path.lstat().st_size
            result.messages.append(
                f"the file is {size / 1e6:.0f} MB, more than a notebook of this set can be "
                f"({MAX_NOTEBOOK_BYTES / 1e6:.0f} MB): clear its outputs and hand it in again"
            )
        elif error.errno == errno.ELOOP:
            result.messages.append("the file is a symbolic link, not a handed-in notebook; not read")
        else:
            result.messages.append(f"cannot read the file ({error.strerror})")
        return result
    inspection = inspect_notebook(data, assignment)
    result.flags.extend(inspection.flags)
    if not inspection.readable:
        result.status = "error"
        result.messages.extend(inspection.problems)
        return result
    if inspection.assignment_name and inspection.assignment_name != assignment.name:
        result.status = "wrong assignment"
        result.messages.append(
            f"this notebook belongs to {inspection.assignment_name!r}, not {assignment.name!r}: grade it with "
            f"`python -m helpers grade FOLDER --assignment {inspection.assignment_name}` "
            f"(or `make grade SUBMISSIONS=FOLDER SET={inspection.assignment_name}`)"
        )
        return result
    result.messages.extend(inspection.problems)

    work = Path(tempfile.mkdtemp(prefix="grading-")).resolve()
    try:
        result = _run_in_sandbox(
            work, inspection.notebook, submission, assignment, result, sandbox=sandbox, timeout=timeout,
            cell_timeout=cell_timeout, test_timeout=test_timeout, corpus_dir=corpus_dir, memory_mb=memory_mb,
            disk_mb=disk_mb, batch=batch,
        )
        if keep:  # links copied as links, never followed
            shutil.copytree(work, Path(keep) / re.sub(r"[^\w.-]+", "_", submission.student), symlinks=True,
                            dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _run_in_sandbox(work, notebook, submission, assignment, result, *, sandbox, timeout, cell_timeout,
                    test_timeout, corpus_dir, memory_mb, disk_mb, batch) -> GradeResult:
    from helpers.corpus import default_corpus_dir

    # The host folder holds only what goes in (the notebook, the probe spec,
    # the second corpus, the guard), shown read-only in bubblewrap: never the
    # bundle, whose checks stay on this side. What comes out (the answers,
    # stdout, stderr) comes through pipes, so the grader never opens a file
    # the submission could have written, replaced or linked elsewhere.
    bubblewrap = sandbox.kind == "bubblewrap"
    inside = "/grading" if bubblewrap else str(work)
    for name in ("home", "tmp", "guard", "nltk_data", "inputs"):
        (work / name).mkdir()
    submitted = work / "submission" / assignment.notebook
    submitted.parent.mkdir()
    submitted.write_text(json.dumps(notebook), encoding="utf-8")
    tests = _unpack_inputs(assignment.bundle, work / "inputs")
    hidden = _hidden_texts(assignment.bundle)
    shutil.copy(GUARD_FILE, work / "guard" / "sitecustomize.py")

    corpus = Path(corpus_dir).resolve() if corpus_dir else default_corpus_dir().resolve()
    venv_bin = str(Path(sys.executable).parent)
    guard_dir = f"{inside}/guard"
    guard = {
        "libraries": _library_roots() + [guard_dir],
        "grader": guard_dir,
        "guard": guard_dir,
        # Nothing of the checks is in the run; these flag a notebook that goes looking for them.
        "protected": [f"{inside}/tests", f"{inside}/*/tests", f"{inside}/*.zip", f"{inside}/autograder"],
        "writable": [inside] + (["/tmp"] if bubblewrap else []),
        "read_only": [os.path.realpath(p) for p in _python_roots() + [str(corpus)]],
    }
    summary_read, summary_write = os.pipe()
    token = secrets.token_hex(8)
    job = {
        "submission": f"{inside}/submission/{assignment.notebook}",
        "probes": f"{inside}/inputs/{PROBES}",
        "corpora": {"default": None, SECOND_CORPUS: f"{inside}/inputs/{SECOND_CORPUS}"},
        "workdir": f"{inside}/notebook",
        "summary_fd": summary_write,
        "cell_timeout": int(cell_timeout),
        "call_timeout": test_timeout,
    }
    env = {
        "PATH": os.pathsep.join([venv_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": f"{inside}/home",
        "TMPDIR": f"{inside}/tmp",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": guard_dir,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{inside}/home/.matplotlib",
        "IPYTHONDIR": f"{inside}/home/.ipython",
        "JUPYTER_RUNTIME_DIR": f"{inside}/home/.jupyter-runtime",
        "JUPYTER_CONFIG_DIR": f"{inside}/home/.jupyter",
        "NLTK_DATA": f"{inside}/nltk_data",
        "CORPUS_DIR": str(corpus),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "HELPERS_GRADING_GUARD": json.dumps(guard),
        "HELPERS_GRADING_JOB": json.dumps(job),
        "HELPERS_GRADING_BATCH": batch,
        "HELPERS_GRADING_RUN": token,
    }
    command = [sys.executable, "-m", "helpers.grading.runner"]
    if bubblewrap:
        command = sandbox_command(
            command, inside=inside, readable=_python_roots() + [str(corpus)],
            folders=[f"{inside}/{name}" for name in ("home", "tmp", "nltk_data")],
            read_only=[(str(work / "guard"), guard_dir), (str(work / "inputs"), f"{inside}/inputs"),
                       (str(work / "submission"), f"{inside}/submission")],
            bwrap=shutil.which("bwrap") or "bwrap", disk_bytes=disk_mb * 1024 * 1024,
        )
    elif sandbox.kind == "user" and sandbox.unshare_net:
        command = [shutil.which("unshare") or "unshare", "-rn"] + command
    if sandbox.drop_to_nobody:
        _chown_tree(work, _NOBODY)
        os.chmod(work, 0o700)
    # Without bubblewrap, only the size of each file is limited.
    limits = _limits(memory_mb * 1024 * 1024, 256 * 1024 * 1024, 512)
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    try:
        try:
            process = subprocess.Popen(
                command, cwd=str(work), env=env, stdin=subprocess.DEVNULL, stdout=out_write, stderr=err_write,
                pass_fds=(summary_write,),
                preexec_fn=_dropper(sandbox.drop_to_nobody, limits) if os.name == "posix" else None,
            )
        except OSError as error:
            result.status = "error"
            result.messages.append(f"could not start the grader ({error})")
            return result
        finally:
            for fd in (summary_write, out_write, err_write):
                os.close(fd)
        try:
            streams, timed_out = _collect(
                process, {"summary": summary_read, "stdout": out_read, "stderr": err_read},
                {"summary": MAX_SUMMARY_BYTES + 2, "stdout": MAX_LOG_BYTES, "stderr": MAX_LOG_BYTES},
                time.monotonic() + timeout,
            )
        finally:
            # Every process of the run ends with it, detached ones included: in
            # bubblewrap its process namespace is gone once the runner is; the
            # group and the descendants are killed as well, and, without a
            # namespace, whatever still carries the run's token.
            ended = _has_ended(process)
            _kill_tree(process)
            if not bubblewrap:
                _kill_marked(token)
            code = process.returncode if ended else None
    finally:
        for fd in (summary_read, out_read, err_read):
            os.close(fd)
    stderr = streams["stderr"].bytes().decode("utf-8", errors="replace")
    result.flags.extend(f for f in _guard_reports(stderr) if f not in result.flags)
    if timed_out:
        result.status = "timeout"
        result.messages.append(
            f"stopped after {timeout:g} s, so nothing could be scored: look for a loop that never ends "
            "or code that waits for input, then run the notebook from top to bottom yourself"
        )
        return result
    summary, problem = None, ""
    if code == 0 and streams["summary"].total:
        try:
            _check(streams["summary"].complete, f"more than {MAX_SUMMARY_BYTES} bytes")
            summary = parse_summary(streams["summary"].bytes())
        except ValueError as error:
            problem = str(error)
    if summary is None:
        result.status = "error"
        if problem:
            result.flags.append(f"{TAMPERED} (the results that came out of the run were not valid: {problem[:100]})")
            result.messages.append(TAMPERED + "; no points were given")
            return result
        tail = [line for line in stderr.splitlines() if line.strip() and not line.startswith(_GUARD_PREFIX)]
        reason = next((line for line in reversed(tail) if re.match(r"^[\w.]+(Error|Exception)\b", line)), "")
        if "DeadKernelError" in stderr:
            reason = "the notebook's kernel died (the code crashed Python, ran out of memory or stopped itself)"
        elif "MemoryError" in stderr or code in (-9, 137):
            reason = reason or "it ran out of memory or was killed"
        reason = _scrubbed(reason, hidden)
        result.messages.append(f"the grader could not finish this notebook{': ' + reason[:200] if reason else ''}")
        return result
    if summary["answers"] is None:
        result.status = "error"
        problem = str(summary.get("catastrophic") or "no answers")
        if "DeadKernelError" in problem:
            problem = "the notebook's kernel died (the code crashed Python, ran out of memory or stopped itself)"
        result.messages.append(
            "the answers could not be read after the notebook ran: " + _scrubbed(problem, hidden)[:200]
        )
        return result
    try:
        checks = run_checks(tests, summary["answers"], assignment.bundle, corpus, test_timeout)
    except GradingError as error:
        result.status = "error"
        result.messages.append(f"grading failed: {error}")
        return result
    scores, feedback, answered = results_from_checks(checks, assignment, hidden, assignment.untouched(notebook))
    result.answered = answered
    result.scores.update(scores)
    result.feedback = feedback
    for cell in summary.get("cells", [])[:8]:
        if cell.get("ename") == "KeyboardInterrupt":
            text = f"cell {cell['cell']} ({cell['first_line']!r}) was stopped after {cell_timeout:g} s"
        else:
            evalue = _scrubbed(cell["evalue"], hidden)
            text = f"cell {cell['cell']} ({cell['first_line']!r}) raised {cell['ename']}" + (f": {evalue}" if evalue else "")
        result.messages.append(text)
    return result


def grade_folder(
    folder: str | os.PathLike,
    assignment: Assignment,
    *,
    sandbox: Sandbox | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    test_timeout: float = DEFAULT_TEST_TIMEOUT,
    corpus_dir: str | os.PathLike | None = None,
    disk_mb: int = DEFAULT_DISK_MB,
    skip: tuple[Path, ...] = (),
    progress=None,
) -> tuple[list[GradeResult], list[str]]:
    """Grade every submission in a folder, several at a time.

    Parameters
    ----------
    folder : str or Path
        The submissions (see :func:`find_submissions` for the layouts).
    assignment : Assignment
    sandbox : Sandbox, optional
        Default: :func:`find_sandbox`.
    jobs : int, optional
        How many submissions to grade at once (default: the number of cores).
    timeout, cell_timeout, test_timeout : float
        See :func:`grade_submission`.
    corpus_dir : str or Path, optional
    disk_mb : int
        What one submission may write, all files together (bubblewrap only).
    skip : tuple of Path
        Folders inside ``folder`` that are not submissions.
    progress : callable, optional
        Called with each :class:`GradeResult` as it is finished.

    Returns
    -------
    results : list of GradeResult
        In the order of the submissions.
    notes : list of str
        What was left out of the folder, and why.
    """
    if assignment.bundle is None:
        raise GradingError(f"{assignment.name} has no grading bundle: run `make exercises`.")
    sandbox = sandbox or find_sandbox()
    submissions, notes = find_submissions(folder, assignment, skip)
    jobs = max(1, jobs or os.cpu_count() or 1)

    def work(sub: Submission) -> GradeResult:
        try:
            graded = grade_submission(
                sub, assignment, sandbox=sandbox, timeout=timeout, cell_timeout=cell_timeout,
                test_timeout=test_timeout, corpus_dir=corpus_dir, disk_mb=disk_mb, batch=str(Path(folder).resolve()),
            )
        except Exception as error:  # a bug of ours must not stop the batch either
            graded = GradeResult(
                sub.student, sub.path.name if sub.path else "", "error",
                {q.name: 0.0 for q in assignment.auto_questions},
                messages=[f"grading failed ({type(error).__name__}: {error})"],
            )
        if progress:
            progress(graded)
        return graded

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, submissions))
    return results, notes


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


# ---------------------------------------------------------------------------
# make exercises: masters -> student notebooks and bundles
# ---------------------------------------------------------------------------

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _probe_the_solutions(solution: Path, tests: Path, stage: Path, corpus: Path | None) -> tuple[dict, dict]:
    """Run the master's solutions, then record the probe spec and read the solutions' answers through it.

    Runs in a kernel in ``stage`` (which holds the second corpus), as the
    graded notebooks run in the sandbox.
    """
    import nbformat
    from nbclient import NotebookClient

    spec_path, answers_path = stage / PROBES, stage / "answers.json"
    notebook = nbformat.read(str(solution), as_version=4)
    folders = {"default": None, SECOND_CORPUS: SECOND_CORPUS}
    notebook.cells.append(nbformat.v4.new_code_cell(
        "from helpers.grading.probe import build_probes\n"
        f"build_probes(get_ipython().user_ns, {str(tests)!r}, {folders!r}, {str(spec_path)!r}, {str(answers_path)!r})"
    ))
    env = {"CORPUS_DIR": str(corpus)} if corpus else {}
    previous = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        # The notebook's own grader.check cells cannot find their tests here: their errors are expected.
        NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(stage)}}).execute()
        errors = [f"{out.get('ename')}: {out.get('evalue')}" for out in notebook.cells[-1].get("outputs", [])
                  if out.get("output_type") == "error"]
        if errors:
            raise GradingError(errors[0])
    except Exception as error:
        raise GradingError(f"the solutions of {solution.name} could not be probed on the second corpus: "
                           f"{str(error)[-600:]}") from None
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    answers = json.loads(answers_path.read_text(encoding="utf-8"))
    return spec, answers


def _solutions_pass(name: str, tests: dict[str, str], answers: dict, bundle: Path, corpus: Path) -> None:
    """Refuse a bundle whose solutions, read back as plain data, fail one of their own checks."""
    checks = run_checks(tests, answers, bundle, corpus, 60)
    failed = [f"{question}: {case['name']} ({case['message'][:200]})"
              for question, data in checks.items() for case in data["cases"] if not case["passed"]]
    if failed:
        raise GradingError(
            f"{name}: the solutions fail their own checks once their answers are read as plain data "
            "(an answer of a type the checks cannot read?):\n  " + "\n  ".join(failed)
        )


def _checks_tell_right_from_wrong(name: str, tests: dict[str, str], answers: dict, bundle: Path, corpus: Path,
                                  second: Path) -> None:
    """Refuse a bundle with a hidden check that a wrong function passes on the second corpus (see :mod:`.sensitivity`)."""
    job = {"tests": tests, "answers": answers, "corpora": {"default": None, SECOND_CORPUS: SECOND_CORPUS},
           "case_timeout": 60}
    weak = _run_trusted("helpers.grading.sensitivity", job, bundle, corpus, 300)
    if weak:
        raise GradingError(
            f"{name}: on the second corpus {second}, these hidden checks cannot tell right from wrong:\n  "
            + "\n  ".join(weak)
            + "\nUse a corpus with more articles and words, some of them sharing text and quoting sources "
            "(exercises/README.md, 'Adapting the sets to another corpus')."
        )


def _deterministic_zip(source: Path, target: Path, extra: dict[str, bytes]) -> None:
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                entries[info.filename] = archive.read(info)
    entries.update(extra)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = (0o755 if name == "run_autograder" else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def _clean_student_notebook(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
        cell.pop("id", None)
    data["nbformat_minor"] = 4
    return data


def build_exercises(
    source: str | os.PathLike | None = None,
    student: str | os.PathLike | None = None,
    bundles: str | os.PathLike | None = None,
    *,
    only: str | None = None,
    run_tests: bool = True,
    second_corpus: str | os.PathLike | None = None,
) -> list[Path]:
    """Turn every master notebook into a student notebook and a grading bundle.

    For ``exercises/source/NN-topic/NN-topic.ipynb`` this runs ``otter
    assign`` and writes ``exercises/student/NN-topic/NN-topic.ipynb``
    (without outputs) and ``exercises/autograder/NN-topic.zip`` (the hidden
    tests, any files the tests need, a ``manifest.json`` of questions and
    points, and ``probes.json``: what each check reads from a notebook and
    the inputs it calls its functions on, recorded by running the checks on
    the solutions). The solutions' answers are then read back through the
    probes and checked as a graded notebook's would be; a check they fail
    stops the build. The zip is written with
    fixed dates and order, so building again without changes gives the same
    bytes.

    Parameters
    ----------
    source, student, bundles : str or Path, optional
        Folders (default: ``exercises/source``, ``exercises/student``,
        ``exercises/autograder``).
    only : str, optional
        Build only the set whose folder name starts with this.
    run_tests : bool
        Let otter check that the solutions pass their own tests (slower).
    second_corpus : str or Path, optional
        The articles the hidden tests use besides the seeds, copied into
        each bundle as ``second_corpus/`` (default: ``tests/corpora/harbor``).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    GradingError
        With otter's message, if a master cannot be assigned.
    """
    source = Path(source) if source else _ROOT / "exercises" / "source"
    student = Path(student) if student else _ROOT / "exercises" / "student"
    bundles = Path(bundles) if bundles else _ROOT / "exercises" / "autograder"
    second = Path(second_corpus) if second_corpus else _ROOT / "tests" / "corpora" / "harbor"
    if not any(second.glob("*.txt")):
        raise GradingError(f"The second corpus {second} has no .txt articles; the hidden tests need one.")
    masters = sorted(p for p in source.glob("*/*.ipynb") if p.stem == p.parent.name and ".ipynb_checkpoints" not in p.parts)
    if only:
        masters = [p for p in masters if p.stem.startswith(only)]
    if not masters:
        raise GradingError(f"No master notebooks (NN-topic/NN-topic.ipynb) in {source}.")
    written: list[Path] = []
    for master in masters:
        data = json.loads(master.read_text(encoding="utf-8"))
        manifest = manifest_from_master(data)
        if manifest["name"] != master.stem:
            raise GradingError(f"{master.name}: its ASSIGNMENT CONFIG name is {manifest['name']!r}; use {master.stem!r}.")
        with tempfile.TemporaryDirectory(prefix="assign-") as tmp:
            stage = Path(tmp) / "stage"
            shutil.copytree(master.parent, stage, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            shutil.copytree(second, stage / "second_corpus", dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".*", "__pycache__"))
            dist = Path(tmp) / "dist"
            command = [sys.executable, "-m", "otter", "assign", str(stage / master.name), str(dist), "--no-pdfs"]
            if not run_tests:
                command.append("--no-run-tests")
            env = dict(os.environ, PYTHONHASHSEED="0")
            done = subprocess.run(command, cwd=str(stage), capture_output=True, text=True, env=env)
            if done.returncode != 0:
                tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
                raise GradingError(f"otter assign failed for {master.name}:\n{tail}")
            notebook = _clean_student_notebook(dist / "student" / master.name)
            protected = [
                _source(cell) for cell in notebook["cells"]
                if cell.get("metadata", {}).get("deletable") is False and _source(cell).strip()
            ]
            manifest["protected_cells"] = protected
            slots = [c for c in notebook["cells"] if "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
            answer_cells: dict[str, list[str]] = {}
            for cell, (question, _kind, _solution) in zip(slots, solution_answers(data)):
                answer_cells.setdefault(question, []).append(_source(cell))
            manifest["answer_cells"] = answer_cells
            zips = sorted((dist / "autograder").glob("*.zip"))
            if len(zips) != 1:
                raise GradingError(f"otter assign made {len(zips)} zip files for {master.name}; expected one.")
            with zipfile.ZipFile(zips[0]) as archive:
                test_files = [n for n in archive.namelist() if n.startswith("tests/") and n.endswith(".py")]
            graded = {Path(n).stem for n in test_files}
            for question in manifest["questions"]:
                if not question["manual"] and question["name"] not in graded:
                    raise GradingError(f"{master.name}: question {question['name']} has no tests; add some or mark it manual.")
            target_nb = student / master.stem / master.name
            target_nb.parent.mkdir(parents=True, exist_ok=True)
            target_nb.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            for extra in (dist / "student").iterdir():
                if extra.name != master.name:
                    destination = student / master.stem / extra.name
                    if extra.is_dir():
                        shutil.copytree(extra, destination, dirs_exist_ok=True)
                    else:
                        shutil.copy(extra, destination)
            target_zip = bundles / f"{master.stem}.zip"
            tests_dir = Path(tmp) / "tests"
            with zipfile.ZipFile(zips[0]) as archive:
                for name in test_files:
                    (tests_dir / Path(name).name).parent.mkdir(exist_ok=True)
                    (tests_dir / Path(name).name).write_bytes(archive.read(name))
            spec, answers = _probe_the_solutions(dist / "autograder" / master.name, tests_dir, stage, None)
            extra_files = {
                MANIFEST: (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
                PROBES: (json.dumps(spec, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
            }
            built_zip = Path(tmp) / target_zip.name
            _deterministic_zip(zips[0], built_zip, extra_files)
            tests = {Path(n).stem: (tests_dir / Path(n).name).read_text(encoding="utf-8") for n in test_files}
            from helpers.corpus import default_corpus_dir

            seeds = default_corpus_dir().resolve()
            _solutions_pass(master.name, tests, answers, built_zip, seeds)
            _checks_tell_right_from_wrong(master.name, tests, answers, built_zip, seeds, second)
            target_zip.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built_zip, target_zip)
            written += [target_nb, target_zip]
    return written
