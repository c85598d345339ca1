"""Gradebook files for Canvas and Moodle, made from the grades.csv that grading writes."""

import csv

import pytest

from helpers.commands.gradebook import main as gradebook_command
from helpers.gradebook import (
    GradebookError,
    canvas_rows,
    export_gradebooks,
    moodle_rows,
    read_roster,
    read_scores,
)
from helpers.grading import Assignment, GradeResult, Question, write_grades

SET = Assignment(
    "02-word-frequencies", "02-word-frequencies.ipynb", "02 · Word frequencies",
    (Question("q1", 3), Question("q2", 2), Question("q3", 5, manual=True)),
)


@pytest.fixture
def graded(tmp_path):
    """A grades.csv (and summary.md) as ``make grade`` writes them, for three students."""
    results = [
        GradeResult("ana", "ana_02-word-frequencies.ipynb", "ok", {"q1": 3.0, "q2": 1.5}),
        GradeResult("bob", "bob.ipynb", "ok", {"q1": 1.0, "q2": 0.0}),
        GradeResult('=HYPERLINK("http://x.example","y")', "=HYPERLINK.ipynb", "ok", {"q1": 2.0, "q2": 2.0}),
    ]
    path, _ = write_grades(results, SET, tmp_path / "graded")
    return path


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "Student,Name,Canvas ID,SIS User ID,SIS Login ID,Section,Email,Username\n"
        "ana,\"Lopez, Ana\",101,S001,alopez,A,ana@example.edu,alopez\n"
        "bob,+1+2 Bob,102,S002,bkim,-B,\"@SUM(1,2)\",bkim\n"
        "carol,\"Diaz, Carol\",103,S003,cdiaz,A,carol@example.edu,cdiaz\n",
        encoding="utf-8",
    )
    return path


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_canvas_file_has_the_columns_and_points_row_canvas_documents(graded, roster, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "canvas.csv", roster=roster, assignment="Word frequencies",
                      assignment_id="5512")
    rows = rows_of(tmp_path / "canvas.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Word frequencies (5512)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10"]
    assert rows[2] == ["Lopez, Ana", "101", "S001", "alopez", "A", "4.5"]


def test_canvas_title_without_an_id_is_the_bare_name_which_makes_a_new_assignment(graded, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "canvas.csv", assignment="Word frequencies")
    assert rows_of(tmp_path / "canvas.csv")[0][-1] == "Word frequencies"


def test_moodle_file_has_moodles_export_columns_and_no_points_row(graded, roster, tmp_path):
    export_gradebooks(graded, moodle=tmp_path / "moodle.csv", roster=roster, assignment="Word frequencies")
    rows = rows_of(tmp_path / "moodle.csv")
    assert rows[0] == ["First name", "Last name", "ID number", "Username", "Email address", "Word frequencies"]
    assert rows[1] == ["Ana", "Lopez", "S001", "alopez", "ana@example.edu", "4.5"]
    assert not any("Points Possible" in row[0] for row in rows)


def test_one_row_per_student_in_the_order_of_grades_csv(graded, roster, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "c.csv", moodle=tmp_path / "m.csv", roster=roster, assignment="W")
    canvas, moodle = rows_of(tmp_path / "c.csv"), rows_of(tmp_path / "m.csv")
    assert len(canvas) == 2 + 3 and len(moodle) == 1 + 3
    assert [row[1] for row in canvas[2:]] == ["101", "102", ""]
    assert [row[2] for row in moodle[1:]] == ["S001", "S002", ""]


def test_students_missing_from_the_roster_are_named(graded, roster, tmp_path):
    _, problems = export_gradebooks(graded, canvas=tmp_path / "c.csv", roster=roster, assignment="W")
    missing = [p for p in problems if "not in the roster" in p]
    assert missing == ['=HYPERLINK("http://x.example","y") is in grades.csv but not in the roster: '
                       "the row carries only that name, which the platform may not match"]
    assert any(p.startswith("carol is in the roster but has no grade") for p in problems)


def test_unmarked_written_answers_are_reported_by_student(graded, tmp_path):
    _, problems = export_gradebooks(graded, moodle=tmp_path / "m.csv", assignment="W")
    assert sum("written answers not marked yet" in p for p in problems) == 3
    assert any(p.startswith("bob: written answers not marked yet") for p in problems)


def test_formula_cells_are_neutralised(graded, roster, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "c.csv", moodle=tmp_path / "m.csv", roster=roster, assignment="=cmd")
    canvas, moodle = rows_of(tmp_path / "c.csv"), rows_of(tmp_path / "m.csv")
    cells = [cell for row in canvas + moodle for cell in row]
    assert "'=HYPERLINK(\"http://x.example\",\"y\")" in cells
    assert "'+1+2 Bob" in cells and "'-B" in cells and "'@SUM(1,2)" in cells and "'=cmd" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_scores_are_bare_numbers_and_text_is_quoted(graded, roster, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "c.csv", roster=roster, assignment="W")
    raw = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert raw[1].endswith(',"",10') and raw[2].endswith(",4.5") and raw[3].endswith(",1")
    with open(tmp_path / "c.csv", newline="", encoding="utf-8") as handle:
        parsed = list(csv.reader(handle, quoting=csv.QUOTE_NONNUMERIC))  # unquoted cells become floats
    assert parsed[2][-1] == 4.5 and isinstance(parsed[2][0], str) and parsed[2][1] == "101"


def test_assignment_name_defaults_to_the_set_title_from_the_summary(graded, tmp_path):
    export_gradebooks(graded, canvas=tmp_path / "c.csv")
    assert rows_of(tmp_path / "c.csv")[0][-1] == "02 · Word frequencies"


def test_read_scores_gets_points_possible_and_totals(graded):
    scores = read_scores(graded)
    assert scores.points_possible == 10
    assert [(g.student, g.score) for g in scores.grades][:2] == [("ana", 4.5), ("bob", 1.0)]


def test_marked_written_answers_count_in_the_score(graded, tmp_path):
    rows = rows_of(graded)
    header = rows[0]
    rows[2][header.index("q3 (written)")] = "4"
    rows[2][header.index("written")] = "4"
    rows[2][header.index("total")] = "8.5"
    with open(graded, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows)
    scores = read_scores(graded)
    assert scores.grades[0].score == 8.5 and scores.grades[0].written_marked
    assert canvas_rows(scores, None, "W")[2] == ["ana", "", "", "", "", 8.5]
    assert moodle_rows(scores, None, "W")[1][:2] == ["ana", ""]


def test_roster_without_a_student_column_lists_the_known_columns(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Name,Email\nAna,ana@example.edu\n", encoding="utf-8")
    with pytest.raises(GradebookError, match="no 'student' column.*Known columns: student, name"):
        read_roster(path)


def test_a_student_twice_in_the_roster_is_refused(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("student,name\nana,A\nAna ,B\n", encoding="utf-8")
    with pytest.raises(GradebookError, match="row 3: 'Ana' is in the roster twice"):
        read_roster(path)


def test_a_file_that_is_not_grades_csv_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GradebookError, match="is it a grades.csv"):
        read_scores(path)


def test_command_writes_both_files_beside_grades_csv_and_names_missing_students(graded, roster, capsys):
    assert gradebook_command([str(graded), "--roster", str(roster), "--canvas-id", "77"]) == 0
    out = capsys.readouterr().out
    assert (graded.parent / "canvas.csv").is_file() and (graded.parent / "moodle.csv").is_file()
    assert rows_of(graded.parent / "canvas.csv")[0][-1] == "02 · Word frequencies (77)"
    assert '=HYPERLINK("http://x.example","y") is in grades.csv but not in the roster' in out


def test_command_fails_with_a_message_on_a_bad_roster(graded, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("who,email\n", encoding="utf-8")
    assert gradebook_command([str(graded), "--roster", str(bad)]) == 1
    assert "no 'student' column" in capsys.readouterr().err
