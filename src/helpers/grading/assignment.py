"""The assignment model: an exercise set's questions and points, read from its grading bundle.

``make exercises`` writes a ``manifest.json`` into every bundle
(:func:`manifest_from_master` reads it off the master notebook): the set's
name, its notebook, and each question with its points and whether it is
written (marked by hand). :func:`load_assignment` reads it back as an
:class:`Assignment`; :func:`find_assignments` lists the bundles of a folder.
The names of the other files a bundle holds (:data:`PROBES`, the second
corpus) are here too, since every step of grading refers to them.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MANIFEST",
    "PROBES",
    "SECOND_CORPUS",
    "Assignment",
    "GradingError",
    "Question",
    "find_assignments",
    "load_assignment",
    "manifest_from_master",
]


MANIFEST = "manifest.json"
#: The probe spec inside a bundle, and the second corpus otter keeps under ``files/``.
PROBES = "probes.json"
SECOND_CORPUS = "second_corpus"
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


