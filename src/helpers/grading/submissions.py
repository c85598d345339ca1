"""Finding submissions: who handed in what, and what state each notebook is in.

:func:`find_submissions` reads a folder of handed-in notebooks (one file per
student, or one folder per student) and names each student
(:func:`student_id`). :func:`inspect_notebook` reads one notebook before it
runs: which set it belongs to, whether its locked cells were changed, and
(:func:`audit_code`) which lines reach for the grader, the tests, other
programs, the network or the file system, for the teacher's flags.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from helpers.grading.assignment import Assignment, _first_line, _source

__all__ = [
    "MAX_NOTEBOOK_BYTES",
    "Inspection",
    "Submission",
    "audit_code",
    "find_submissions",
    "inspect_notebook",
    "student_id",
]


#: Largest submitted notebook read (outputs with images can be large, but not this large).
MAX_NOTEBOOK_BYTES = 50_000_000


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
    >>> from helpers.grading.assignment import Question
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


