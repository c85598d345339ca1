"""``python -m helpers grade``: clear messages for bad input, a plain warning without a sandbox,
grades.csv and feedback for a folder, and adding up the written-answer scores."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.grading import GradeResult, fill_answers, load_assignment, read_grades, solution_answers, write_grades

ROOT = Path(__file__).resolve().parents[1]
SET = "02-word-frequencies"
BUNDLE = ROOT / "exercises" / "autograder" / f"{SET}.zip"
STUDENT = ROOT / "exercises" / "student" / SET / f"{SET}.ipynb"
MASTER = ROOT / "exercises" / "source" / SET / f"{SET}.ipynb"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "helpers", "grade", *map(str, args)], capture_output=True, text=True, timeout=600
    )


def student_notebook(assignment_name=SET):
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    notebook["metadata"]["otter"]["assignment_name"] = assignment_name
    return notebook


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give the folder"),
        (["no/such/folder"], "is not a folder"),
        (["."  , "--assignment", "99"], "No exercise set '99'"),
        ([".", "--jobs", "0"], "--jobs must be 1 or more"),
        ([".", "--timeout", "0"], "more than 0 seconds"),
        ([".", "--corpus", "no/such/corpus"], "is not a folder of articles"),
        (["--totals", "grades.csv"], "--totals needs --assignment"),
    ],
)
def test_bad_input_gets_a_message_and_no_traceback(args, message, capsys):
    assert main(["grade", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_empty_folder_is_refused(tmp_path, capsys):
    assert main(["grade", str(tmp_path), "--assignment", SET]) == 1
    assert "No notebooks" in capsys.readouterr().err


def test_notebooks_of_no_known_set_need_the_assignment_named(tmp_path, capsys):
    (tmp_path / "x.ipynb").write_text(json.dumps(student_notebook("77-unknown")), encoding="utf-8")
    assert main(["grade", str(tmp_path)]) == 1
    assert "Cannot tell which exercise set" in capsys.readouterr().err


def test_require_sandbox_refuses_to_grade_without_one(tmp_path, capsys):
    (tmp_path / "ana.ipynb").write_text(json.dumps(student_notebook()), encoding="utf-8")
    out = tmp_path.parent / f"{tmp_path.name}-graded"
    assert main(["grade", str(tmp_path), "--sandbox", "none", "--require-sandbox"]) == 1
    captured = capsys.readouterr()
    assert "NO SANDBOX" in captured.err and "nothing was graded" in captured.err
    assert not out.exists()


def test_without_a_sandbox_the_warning_comes_before_grading(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # a notebook of another set: reported without running anything, so this test is quick
    (folder / "ana.ipynb").write_text(json.dumps(student_notebook("03-sourcing")), encoding="utf-8")
    done = run_cli(folder, "--assignment", SET, "--sandbox", "none", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("WARNING: NO SANDBOX")
    assert "Grading" in done.stdout and "wrong assignment" in done.stdout
    rows = read_grades(tmp_path / "out" / "grades.csv")
    assert [(r["student"], r["status"]) for r in rows] == [("ana", "wrong assignment")]


def test_with_json_standard_output_is_the_json_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ana.ipynb").write_text(json.dumps(student_notebook("03-sourcing")), encoding="utf-8")
    done = run_cli(folder, "--assignment", SET, "--sandbox", "none", "--out", tmp_path / "out", "--json")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [(r["student"], r["status"]) for r in results] == [("ana", "wrong assignment")]
    assert "Grading" in done.stderr and "Time limits" in done.stderr


def test_totals_add_up_written_scores_after_marking(tmp_path, capsys):
    assignment = load_assignment(BUNDLE)
    scores = {q.name: q.points for q in assignment.auto_questions}
    path, _ = write_grades([GradeResult("ana", "ana.ipynb", "ok", scores)], assignment, tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for q in assignment.manual_questions:
        rows[2][rows[0].index(q.column)] = "1"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    assert main(["grade", "--totals", str(path), "--assignment", SET]) == 0
    row = read_grades(path)[0]
    assert float(row["written"]) == len(assignment.manual_questions)
    assert float(row["total"]) == assignment.auto_points + len(assignment.manual_questions)
    assert "Totals updated" in capsys.readouterr().out


def test_totals_refuse_a_score_above_the_points_and_change_nothing(tmp_path, capsys):
    assignment = load_assignment(BUNDLE)
    path, _ = write_grades([GradeResult("ana", "ana.ipynb", "ok", {})], assignment, tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[2][rows[0].index(assignment.manual_questions[0].column)] = "99"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    before = path.read_bytes()
    assert main(["grade", "--totals", str(path), "--assignment", str(BUNDLE)]) == 1
    assert "outside" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.grading
def test_grade_a_folder_end_to_end(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    master = json.loads(MASTER.read_text(encoding="utf-8"))
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    (folder / f"ana_{SET}.ipynb").write_text(json.dumps(fill_answers(student, solution_answers(master))), encoding="utf-8")
    (folder / "ben").mkdir()
    (folder / "ben" / f"{SET}.ipynb").write_text(json.dumps(student), encoding="utf-8")
    done = run_cli(folder, "--jobs", "2", "--timeout", "150")  # the set is read from the notebooks
    assert done.returncode == 0, done.stderr
    assert f"as {SET}" in done.stdout and "Sandbox:" in done.stdout
    out = tmp_path / "class-graded"
    rows = {r["student"]: r for r in read_grades(out / "grades.csv")}
    assignment = load_assignment(BUNDLE)
    assert float(rows["ana"]["autograded"]) == assignment.auto_points
    assert float(rows["ben"]["autograded"]) == 0
    assert {p.name for p in (out / "feedback").glob("*.md")} == {"ana.md", "ben.md"}
    assert "--totals" in done.stdout  # says what to do next about the written answers
