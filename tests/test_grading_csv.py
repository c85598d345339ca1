"""grades.csv is safe to open in a spreadsheet, and feedback files keep the student's own name.

Student and file names come from the students. A notebook handed in as
``=HYPERLINK(...).ipynb`` must not become a live formula in the teacher's
spreadsheet, and the feedback file must still carry the name as handed in.
"""

import csv
import json
from pathlib import Path

import pytest

from helpers.grading import (
    Assignment,
    GradeResult,
    Question,
    feedback_file_name,
    find_sandbox,
    grade_folder,
    read_grades,
    spreadsheet_safe,
    update_totals,
    write_grades,
)

ROOT = Path(__file__).resolve().parents[1]
SET = "02-word-frequencies"
STUDENT = ROOT / "exercises" / "student" / SET / f"{SET}.ipynb"

DEMO = Assignment("09-demo", "09-demo.ipynb", "09 · Demo", (Question("q1", 3), Question("q2", 2, manual=True)))

HYPERLINK = '=HYPERLINK("https:evil.example","click me")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(1,2)", "'@SUM(1,2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),  # already quoted by the student: still neutralised, and reversible
        ("ana", "ana"),
        ("'ana", "'ana"),
        ("3.5", "3.5"),
        ("", ""),
    ],
)
def test_spreadsheet_safe_puts_a_quote_before_anything_that_starts_a_formula(cell, expected):
    assert spreadsheet_safe(cell) == expected


@pytest.mark.parametrize(
    "student, expected",
    [
        (HYPERLINK, HYPERLINK + ".md"),
        ("+1+2", "+1+2.md"),
        ("@SUM(1,2)", "@SUM(1,2).md"),
        ("../../etc/passwd", "_.._etc_passwd.md"),
        (".hidden", "hidden.md"),
        ("a\\b\nc", "a_b_c.md"),
        ("...", "student.md"),
    ],
)
def test_feedback_file_name_keeps_the_name_but_never_leaves_the_folder_or_hides(student, expected):
    assert feedback_file_name(student) == expected


def test_a_very_long_name_still_makes_a_valid_file_name():
    name = feedback_file_name("é" * 300)
    assert len(name.encode("utf-8")) <= 255 and name.endswith(".md") and name.startswith("é")


@pytest.fixture
def formula_folder(tmp_path):
    """Submissions named like formulas: notebooks of another set, so they are reported without running."""
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    notebook["metadata"]["otter"]["assignment_name"] = "03-sourcing"
    folder = tmp_path / "class"
    folder.mkdir()
    for path in (folder / f"{HYPERLINK}.ipynb", folder / "+1+2.ipynb", folder / "@SUM(1,2)" / f"{SET}.ipynb",
                 folder / "-5.ipynb"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(notebook), encoding="utf-8")
    return folder


def test_formula_names_reach_grades_csv_only_as_text(formula_folder, tmp_path):
    from helpers.grading import load_assignment

    assignment = load_assignment(ROOT / "exercises" / "autograder" / f"{SET}.zip")
    results, _ = grade_folder(formula_folder, assignment, sandbox=find_sandbox("none"), jobs=1)
    assert sorted(r.student for r in results) == sorted([HYPERLINK, "+1+2", "@SUM(1,2)", "-5"])
    assert {r.status for r in results} == {"wrong assignment"}
    path, _ = write_grades(results, assignment, tmp_path / "out")
    with path.open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert dangerous == []
    assert "'" + HYPERLINK in cells and "'+1+2" in cells and "'@SUM(1,2)" in cells and "'-5" in cells
    # every cell quoted, so a spreadsheet that splits on ";" cannot cut one in two
    first_row = path.read_text(encoding="utf-8").splitlines()[2]
    assert first_row.startswith('"') and '","' in first_row
    # read back exactly as handed in, and each student's feedback under the raw name
    assert sorted(row["student"] for row in read_grades(path)) == sorted(r.student for r in results)
    # notebooks of another set get no feedback file here: summary.md lists them with the command to grade them
    assert list((tmp_path / "out" / "feedback").iterdir()) == []
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "Skipped: 4 notebook(s)" in summary and summary.count("--assignment 03-sourcing") == 4
    graded = [GradeResult(r.student, r.file, "ok", {"q1": 1.0}) for r in results]
    write_grades(graded, assignment, tmp_path / "graded")
    names = {p.name for p in (tmp_path / "graded" / "feedback").iterdir()}
    assert names == {HYPERLINK + ".md", "+1+2.md", "@SUM(1,2).md", "-5.md"}
    text = (tmp_path / "graded" / "feedback" / (HYPERLINK + ".md")).read_text(encoding="utf-8")
    assert text.startswith("# ") and HYPERLINK in text.splitlines()[0]


def test_written_scores_of_a_formula_named_student_survive_regrading_and_totals(tmp_path):
    results = [GradeResult("=A1", "=A1.ipynb", "ok", {"q1": 3.0})]
    path, _ = write_grades(results, DEMO, tmp_path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[2][0] == "'=A1"
    rows[2][rows[0].index("q2 (written)")] = "2"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)  # as a spreadsheet saves it: the quote kept
    assert update_totals(path, DEMO) == []
    assert read_grades(path)[0]["student"] == "=A1" and read_grades(path)[0]["total"] == "5"
    assert path.read_text(encoding="utf-8").count("''=A1") == 0  # not quoted twice
    path, notes = write_grades(results, DEMO, tmp_path)
    assert notes and read_grades(path)[0]["q2 (written)"] == "2"


def test_two_names_that_differ_only_in_case_get_two_feedback_files(tmp_path):
    results = [GradeResult("Ana", "a.ipynb", "ok", {"q1": 1.0}), GradeResult("ana", "b.ipynb", "ok", {"q1": 2.0})]
    write_grades(results, DEMO, tmp_path)
    files = sorted(p.name for p in (tmp_path / "feedback").iterdir())
    assert len(files) == 2 and files[0].lower() != files[1].lower()
