"""Batch grading: finding submissions, inspecting them, the sandbox, grades.csv and feedback.

The fast tests call the pure functions of ``helpers.grading`` on small
inline notebooks. The tests marked ``grading`` run otter for real on the
word-frequency set: a folder with good, partial, crashing, endless, dying,
renamed, cell-deleting, wrong-set and malicious submissions must give the
expected ``grades.csv`` within the time limits, and the malicious one must
change nothing outside its own folder.
"""

import csv
import json
import os
import time
from pathlib import Path

import pytest

from helpers.grading import (
    STATUSES,
    Assignment,
    GradeResult,
    GradingError,
    Question,
    audit_code,
    class_summary,
    feedback_text,
    fill_answers,
    find_sandbox,
    find_submissions,
    grade_folder,
    grades_rows,
    inspect_notebook,
    load_assignment,
    manifest_from_master,
    read_grades,
    results_from_checks,
    sandbox_command,
    solution_answers,
    student_id,
    update_totals,
    write_grades,
)

ROOT = Path(__file__).resolve().parents[1]
SET = "02-word-frequencies"
MASTER = ROOT / "exercises" / "source" / SET / f"{SET}.ipynb"
STUDENT = ROOT / "exercises" / "student" / SET / f"{SET}.ipynb"
BUNDLE = ROOT / "exercises" / "autograder" / f"{SET}.zip"

DEMO = Assignment(
    "09-demo",
    "09-demo.ipynb",
    "09 · Demo",
    (Question("q1", 3, title="Question 1 (3 points)"), Question("q2", 2, manual=True), Question("q3", 1)),
    protected_cells=("grader.check(\"q1\")",),
)


def notebook(cells, name="09-demo"):
    meta = {"otter": {"assignment_name": name}} if name else {}
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


def code(source, **metadata):
    return {"cell_type": "code", "source": source, "metadata": metadata, "outputs": [], "execution_count": None}


# ---------------------------------------------------------------------------
# Pure parts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file_name, expected",
    [
        ("alice_09-demo.ipynb", "alice"),
        ("09-demo_alice.ipynb", "alice"),
        ("Bob Lee - 09-demo (2).ipynb", "Bob Lee"),
        ("carol.ipynb", "carol"),
        ("09-demo.ipynb", "09-demo"),
    ],
)
def test_student_id_takes_the_set_name_out_of_the_file_name(file_name, expected):
    assert student_id(file_name, "09-demo.ipynb") == expected


def test_find_submissions_understands_flat_and_per_student_folders(tmp_path):
    (tmp_path / "alice_09-demo.ipynb").write_text("{}")
    (tmp_path / "readme.txt").write_text("hello")
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "my work.ipynb").write_text("{}")
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "09-demo.ipynb").write_text("{}")
    (tmp_path / "carol" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "carol" / ".ipynb_checkpoints" / "09-demo-checkpoint.ipynb").write_text("{}")
    (tmp_path / "dan").mkdir()
    (tmp_path / "dan" / "a.ipynb").write_text("{}")
    (tmp_path / "dan" / "b.ipynb").write_text("{}")
    (tmp_path / "empty").mkdir()
    (tmp_path / "graded").mkdir()
    (tmp_path / "graded" / "x.ipynb").write_text("{}")
    found, notes = find_submissions(tmp_path, DEMO, skip=(tmp_path / "graded",))
    by_name = {s.student: s for s in found}
    assert sorted(by_name) == ["alice", "bob", "carol", "dan"]
    assert "renamed" in " ".join(by_name["bob"].notes)
    assert by_name["carol"].notes == () and by_name["carol"].path.name == "09-demo.ipynb"
    assert by_name["dan"].status == "error" and "more than one notebook" in by_name["dan"].notes[0]
    assert any("readme.txt" in n for n in notes) and any("empty" in n for n in notes)


def test_find_submissions_leaves_out_symbolic_links(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for students")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "eve.ipynb").symlink_to(secret)
    (folder / "ann.ipynb").write_text("{}")
    found, notes = find_submissions(folder, DEMO)
    assert [s.student for s in found] == ["ann"]
    assert any("symbolic link" in note for note in notes)


def test_a_huge_file_is_not_read(tmp_path):
    from helpers.grading import MAX_NOTEBOOK_BYTES, Submission, grade_submission

    big = tmp_path / "big.ipynb"
    with big.open("wb") as handle:
        handle.truncate(MAX_NOTEBOOK_BYTES + 1)
    result = grade_submission(Submission("big", big), DEMO, sandbox=find_sandbox("none"))
    assert result.status == "error" and "MB" in result.messages[0]


def test_find_submissions_keeps_two_students_with_the_same_name_apart(tmp_path):
    (tmp_path / "ann.ipynb").write_text("{}")
    (tmp_path / "ann_09-demo.ipynb").write_text("{}")
    found, _ = find_submissions(tmp_path, DEMO)
    assert sorted(s.student for s in found) == ["ann", "ann (2)"]


def test_audit_ignores_the_notebooks_own_otter_lines():
    template = 'import otter\ngrader = otter.Notebook("09-demo.ipynb")\ngrader.check("q1")\ngrader.check_all()'
    assert audit_code(template) == []


@pytest.mark.parametrize(
    "line, what",
    [
        ("print(open('tests/q1.py').read())", "grading tests"),
        ("!cat tests/q1.py", "shell commands"),
        ("import subprocess", "shell commands"),
        ("from otter.execute import Checker", "grading library"),
        ("import urllib.request", "network"),
        ("open('/etc/x', 'w')", "writes"),
        ("f.__code__ = g.__code__", "interpreter"),
        ("exec(source)", "built from strings"),
    ],
)
def test_audit_flags_code_that_reaches_outside_the_exercise(line, what):
    flags = audit_code("counts = 3\n" + line)
    assert len(flags) >= 1 and any(what in flag for flag in flags)


def test_inspect_rejects_a_file_that_is_not_a_notebook():
    assert inspect_notebook(b"\x89PNG....", DEMO).readable is False
    assert inspect_notebook(b'{"cells": 3}', DEMO).readable is False


def test_inspect_restores_missing_metadata_and_reports_deleted_locked_cells():
    data = json.dumps(notebook([code("x = 1")], name=None)).encode()
    found = inspect_notebook(data, DEMO)
    assert found.readable and found.assignment_name is None
    assert found.notebook["metadata"]["otter"]["assignment_name"] == "09-demo"
    assert found.notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert any("metadata is missing" in p for p in found.problems)
    assert any("locked cell" in p for p in found.problems)


def test_inspect_reads_which_set_a_notebook_belongs_to():
    data = json.dumps(notebook([code('grader.check("q1")')], name="03-sourcing")).encode()
    found = inspect_notebook(data, DEMO)
    assert found.assignment_name == "03-sourcing" and found.problems == []


def case(passed, hidden=False, points=1, message="", missing=()):
    return {"name": "test", "hidden": hidden, "points": points, "passed": passed, "message": message,
            "missing": list(missing)}


def checks(cases_q1, cases_q3=None):
    def question(cases, possible):
        return {"score": sum(c["points"] for c in cases if c["passed"]), "possible": possible, "cases": cases}

    found = {"q1": question(cases_q1, 3.0)}
    if cases_q3 is not None:
        found["q3"] = question(cases_q3, 1.0)
    return found


def test_results_give_scores_per_question_and_zero_for_questions_without_checks():
    scores, feedback, answered = results_from_checks(
        checks([case(True), case(False, hidden=True, points=2, message="not per 1,000")]), DEMO
    )
    assert scores == {"q1": 1.0, "q3": 0.0}
    assert feedback["q1"] == ["hidden check (2 points): not per 1,000"]
    assert "no checks" in feedback["q3"][0]
    assert answered["q1"] == "answered"


def test_an_unanswered_question_is_reported_as_unanswered_not_as_a_wrong_answer():
    blank = [case(False, message="not answered: rate is still ...", missing=["rate"])]
    scores, feedback, answered = results_from_checks(checks([case(True)], blank), DEMO)
    assert answered["q3"] == "unanswered" and feedback["q3"] == ["not answered (rate is still ...)"]
    # an answer cell left as handed out is unanswered even when a check ran on what it defines
    typed = [case(False, message="TypeError: unsupported operand type(s) for /: 'NoneType' and 'int'")]
    _, feedback, answered = results_from_checks(checks([case(True)], typed), DEMO, untouched={"q3"})
    assert answered["q3"] == "unanswered" and "TypeError" not in feedback["q3"][0]
    _, feedback, answered = results_from_checks(checks([case(True)], typed), DEMO)
    assert answered["q3"] == "answered"
    assert feedback["q3"] == ["check (1 point): TypeError: unsupported operand type(s) for /: 'NoneType' and 'int'"]


def test_a_message_that_quotes_the_hidden_articles_is_withheld():
    article = "The town council voted on Tuesday to close the branch library by June."
    hidden = (" ".join(article.split()).lower(),)
    quoting = case(False, message="count_words raised ValueError: " + article[10:60])
    own = case(False, message="count_words raised KeyError: 'prison'")
    _, feedback, _ = results_from_checks(checks([quoting, own]), DEMO, hidden)
    assert "branch library" not in " ".join(feedback["q1"]) and "not shown" in feedback["q1"][0]
    assert feedback["q1"][1] == "check (1 point): count_words raised KeyError: 'prison'"


def test_grades_rows_have_points_row_manual_columns_and_totals():
    results = [
        GradeResult("ana", "ana.ipynb", "ok", {"q1": 3.0, "q3": 1.0}),
        GradeResult("ben", "ben.ipynb", "timeout", {"q1": 0.0, "q3": 0.0}, messages=["stopped"]),
    ]
    rows = grades_rows(results, DEMO, manual={"ana": {"q2 (written)": "1.5"}})
    header, points, ana, ben = rows
    assert header[:6] == ["student", "file", "status", "q1", "q2 (written)", "q3"]
    assert points[3:9] == ["3", "2", "1", "4", "2", "6"]
    assert ana[3:9] == ["3", "1.5", "1", "4", "1.5", "5.5"]
    assert ben[2] == "timeout" and ben[header.index("messages")] == "stopped"


def test_feedback_shows_messages_and_flags_but_not_the_tests():
    result = GradeResult(
        "ana", "ana.ipynb", "ok", {"q1": 1.0, "q3": 0.0},
        feedback={"q1": ["hidden check (2 points): you counted raw words, not per 1,000"]},
        messages=["cell 4 ('x = f(') raised NameError: name 'f' is not defined"],
        flags=["blocked: reading or changing the grading tests (tests/q1.py)"],
    )
    text = feedback_text(result, DEMO)
    assert "1 / 3" in text and "you counted raw words, not per 1,000" in text
    assert "NameError" in text and "blocked" in text
    assert "marked by your teacher" in text


def test_write_grades_keeps_written_scores_already_entered(tmp_path):
    results = [GradeResult("ana", "ana.ipynb", "ok", {"q1": 3.0, "q3": 1.0})]
    path, notes = write_grades(results, DEMO, tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[2][rows[0].index("q2 (written)")] = "2"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    path, notes = write_grades(results, DEMO, tmp_path)
    assert read_grades(path)[0]["q2 (written)"] == "2" and read_grades(path)[0]["total"] == "6"
    assert notes and "kept" in notes[0]
    assert (tmp_path / "feedback" / "ana.md").is_file()


def test_class_summary_ranks_the_misconceptions_of_the_class(tmp_path):
    raw = "hidden check (2 points): you counted raw words, not per 1,000"
    results = [
        GradeResult("ana", "a.ipynb", "ok", {"q1": 1.0, "q3": 1.0}, {"q1": [raw]}),
        GradeResult("ben", "b.ipynb", "ok", {"q1": 1.0, "q3": 0.0}, {"q1": [raw, "check (1 point): not a FreqDist"]}),
        GradeResult("cy", "c.ipynb", "ok", {"q1": 3.0, "q3": 1.0}),
        GradeResult("dee", "d.ipynb", "error", {"q1": 0.0, "q3": 0.0}, flags=["blocked: starting another program"]),
    ]
    text = class_summary(results, DEMO)
    row = next(line for line in text.splitlines() if line.startswith("| q1 |"))
    assert "1.67 / 3" in row and "1 of 3" in row
    assert row.index("you counted raw words, not per 1,000 (2 of 3)") < row.index("not a FreqDist (1 of 3)")
    assert "Flagged for review (1): dee" in text and "q2 (written)" in text
    write_grades(results, DEMO, tmp_path)
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == text


def test_class_summary_counts_unanswered_apart_and_ranks_misconceptions_among_the_answered():
    unanswered = GradeResult("eve", "e.ipynb", "ok", {"q1": 0.0, "q3": 0.0},
                             {"q1": ["not answered (rate is still ...)"]}, answered={"q1": "unanswered"})
    wrong = GradeResult("fay", "f.ipynb", "ok", {"q1": 1.0, "q3": 0.0},
                        {"q1": ["hidden check (2 points): not per 1,000"]}, answered={"q1": "answered"})
    row = next(line for line in class_summary([unanswered, unanswered, wrong], DEMO).splitlines()
               if line.startswith("| q1 |"))
    assert "| 2 | hidden check: not per 1,000 (1 of 1) |" in row
    assert "not answered" not in row


def test_update_totals_adds_written_scores_and_refuses_bad_ones(tmp_path):
    path, _ = write_grades([GradeResult("ana", "a.ipynb", "ok", {"q1": 2.0, "q3": 1.0})], DEMO, tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    column = rows[0].index("q2 (written)")
    rows[2][column] = "5"  # more than the 2 points the question is worth
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    before = path.read_text(encoding="utf-8")
    problems = update_totals(path, DEMO)
    assert problems and "outside 0–2" in problems[0]
    assert path.read_text(encoding="utf-8") == before
    rows[2][column] = "1.5"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    assert update_totals(path, DEMO) == []
    row = read_grades(path)[0]
    assert (row["written"], row["total"]) == ("1.5", "4.5")


def test_sandbox_command_makes_nothing_of_the_real_file_system_writable():
    argv = sandbox_command(
        ["python", "run.py"], inside="/grading", readable=["/opt/py", "/opt/py"],
        read_only=[("/tmp/w/guard", "/grading/guard")], folders=["/grading/home"], system=[],
        disk_bytes=64_000_000,
    )
    assert "--bind" not in argv and "--bind-try" not in argv
    at = argv.index("/grading")  # the writable folder: a memory file system of its own size
    assert argv[at - 3:at + 1] == ["--size", "56000000", "--tmpfs", "/grading"]
    tmp = argv.index("/tmp")
    assert argv[tmp - 3:tmp + 1] == ["--size", "8000000", "--tmpfs", "/tmp"]  # the two add up to the quota
    assert argv.count("/opt/py") == 2  # bound once, read-only, at the same place
    assert "--unshare-all" in argv and "--unshare-pid" in argv and "--die-with-parent" in argv
    assert ["--cap-drop", "ALL"] == argv[10:12]
    assert at < argv.index("--dir") < argv.index("/tmp/w/guard") < argv.index("--chdir")  # inputs go on top
    assert argv[-2:] == ["python", "run.py"]


def test_manifest_needs_a_name_and_points():
    with pytest.raises(GradingError, match="ASSIGNMENT CONFIG"):
        manifest_from_master({"cells": []})
    bad = {"cells": [{"cell_type": "raw", "source": "# BEGIN QUESTION\nname: q1", "metadata": {}}]}
    with pytest.raises(GradingError, match="no name or no points"):
        manifest_from_master(bad)


def test_solution_answers_fill_the_student_notebook_of_the_real_set():
    master = json.loads(MASTER.read_text(encoding="utf-8"))
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    answers = solution_answers(master)
    filled = fill_answers(student, answers, {"q2": ['prediction_q2 = "story word"']})
    sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in filled["cells"]]
    assert 'prediction_q2 = "story word"' in sources
    assert not any("# SOLUTION" in s or "BEGIN SOLUTION" in s for s in sources)
    with pytest.raises(GradingError, match="answer cells"):
        fill_answers(student, answers[:-1])


def test_load_assignment_explains_a_missing_or_foreign_bundle(tmp_path):
    with pytest.raises(GradingError, match="make exercises"):
        load_assignment(tmp_path / "missing.zip")
    (tmp_path / "other.zip").write_bytes(b"not a zip")
    with pytest.raises(GradingError, match="not a grading bundle"):
        load_assignment(tmp_path / "other.zip")


def test_the_bundle_of_the_word_frequency_set_states_its_points():
    assignment = load_assignment(BUNDLE)
    assert assignment.name == SET
    assert 4 <= len(assignment.questions) <= 8
    assert assignment.auto_points > 0 and assignment.manual_points > 0
    assert all(q.points > 0 for q in assignment.questions)


# ---------------------------------------------------------------------------
# Grading for real
# ---------------------------------------------------------------------------

def submissions_of_the_set():
    master = json.loads(MASTER.read_text(encoding="utf-8"))
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    return student, solution_answers(master)


def save(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


PARTIAL = {
    # q3: most_common keeps the stopwords; q5: raw counts instead of rates (q6 inherits the mistake)
    "q3": ["def top_words(counts, n, stopwords=frozenset()):\n    return counts.most_common(n)\n\n"
           "top_longest = top_words(longest_counts, 10, STOPWORDS)"],
    "q5": ["def per_thousand(count, total):\n    return count\n\n\ndef rate(article, word):\n"
           "    return words(article.text).count(word)\n\n\nword_rates = {a.label: rate(a, 'crime') for a in corpus}"],
}

# would have made every otter test pass; the checks no longer run where the notebook does
TAMPER = "import otter.test_files.exception_test as et\net.test_case.call_func = lambda self, env: None\nprediction_q2 = 1"

ENDLESS = "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n    except BaseException:\n        pass"


def malicious_code(victim: Path, secret: Path, outside: Path) -> str:
    return f'''
import os, socket, subprocess
attempts = []
def attempt(name, action):
    try:
        action()
        attempts.append(name + ": done")
    except BaseException as error:
        attempts.append(name + ": " + type(error).__name__)
attempt("list tests", lambda: os.listdir("tests"))
attempt("read tests", lambda: open("tests/q1.py").read())
attempt("shell", lambda: subprocess.run(["cat", "tests/q1.py"]))
attempt("write outside", lambda: open({str(outside)!r}, "w").write("pwned"))
attempt("overwrite another student", lambda: open({str(victim)!r}, "w").write("{{}}"))
attempt("network", lambda: socket.create_connection(("203.0.113.1", 80), timeout=2))


def count_words(article):
    return FreqDist(words(article.text))


longest = max(corpus, key=lambda article: article.word_count)
longest_counts = count_words(longest)
secret = ""
try:
    secret = open({str(secret)!r}).read()
except BaseException:
    pass
if secret:
    raise ValueError("stolen " + secret)
'''


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Grade one folder of awkward submissions once; the tests below read the outcome."""
    base = tmp_path_factory.mktemp("batch")
    folder = base / "submissions"
    student, answers = submissions_of_the_set()
    good = save(folder / f"good_{SET}.ipynb", fill_answers(student, answers))
    save(folder / "partial.ipynb", fill_answers(student, answers, PARTIAL))
    save(folder / "crashing.ipynb", fill_answers(student, answers, {"q1": ['raise RuntimeError("I give up")']}))
    save(folder / "dies.ipynb", fill_answers(student, answers, {"q2": ["import os\nos.kill(os.getpid(), 9)"]}))
    endless = fill_answers(student, answers)
    endless["cells"].insert(3, code(ENDLESS))
    save(folder / "endless.ipynb", endless)
    save(folder / "renamed" / "my final work.ipynb", fill_answers(student, answers))
    trimmed = fill_answers(student, answers)
    start = next(i for i, c in enumerate(trimmed["cells"]) if "**Question 3**" in "".join(c["source"]))
    del trimmed["cells"][start:start + 3]  # the prompt, the answer and the check of question 3
    save(folder / "deleted_cells.ipynb", trimmed)
    other = fill_answers(student, answers)
    other["metadata"]["otter"]["assignment_name"] = "03-sourcing"
    save(folder / "wrong_set.ipynb", other)
    secret = base / "teacher-secret.txt"
    secret.write_text("the exam answers", encoding="utf-8")
    outside = ROOT / "seeds" / f"written-by-a-student-{os.getpid()}.txt"  # outside /tmp, which is private
    evil = fill_answers(student, answers, {"q1": [malicious_code(good, secret, outside)], "q2": ["prediction_q2 = ..."],
                                            "q3": ["..."], "q5": ["..."], "q6": ["..."]})
    save(folder / "malicious.ipynb", evil)
    save(folder / "tamper.ipynb", fill_answers(student, answers, {"q2": [TAMPER]}))
    (folder / "notes.txt").write_text("not a notebook")
    good_before = good.read_bytes()
    limits = {"timeout": 60, "cell_timeout": 20, "test_timeout": 10}
    started = time.perf_counter()
    results, notes = grade_folder(folder, load_assignment(BUNDLE), jobs=2, **limits)
    elapsed = time.perf_counter() - started
    path, _ = write_grades(results, load_assignment(BUNDLE), base / "out")
    return {
        "results": {r.student: r for r in results}, "notes": notes, "grades": path, "elapsed": elapsed,
        "limits": limits, "good": good, "good_before": good_before, "outside": outside, "secret": secret,
        "sandbox": find_sandbox(), "folder": str(folder.resolve()),
    }


FULL = {"q1": 3, "q2": 1, "q3": 3, "q5": 4, "q6": 3}
EXPECTED = {
    "good": ("ok", FULL),
    "renamed": ("ok", FULL),
    "partial": ("ok", {"q1": 3, "q2": 1, "q3": 0, "q5": 0, "q6": 1}),
    # q1 raises: count_words and longest are missing; top_words still works on the second corpus
    "crashing": ("ok", {"q1": 0, "q2": 1, "q3": 2, "q5": 4, "q6": 3}),
    "deleted_cells": ("ok", {**FULL, "q3": 0}),
    "malicious": ("ok", {"q1": 3, "q2": 0, "q3": 0, "q5": 0, "q6": 0}),
    "endless": ("timeout", dict.fromkeys(FULL, 0)),
    "dies": ("error", dict.fromkeys(FULL, 0)),
    "tamper": ("ok", {**FULL, "q2": 0}),
    "wrong_set": ("wrong assignment", dict.fromkeys(FULL, 0)),
}


@pytest.mark.grading
def test_batch_gives_every_student_the_expected_status_and_scores(batch):
    rows = {row["student"]: row for row in read_grades(batch["grades"])}
    assert sorted(rows) == sorted(EXPECTED)
    for student, (status, scores) in EXPECTED.items():
        row = rows[student]
        assert row["status"] == status, (student, row["messages"])
        assert {q: float(row[q]) for q in scores} == scores, student
        assert row["q4 (written)"] == "" and row["q7 (written)"] == ""
        assert float(row["autograded"]) == sum(scores.values())
    assert set(row["status"] for row in rows.values()) <= set(STATUSES)
    assert any("notes.txt" in note for note in batch["notes"])


@pytest.mark.grading
def test_batch_stays_within_the_time_limits(batch):
    limits = batch["limits"]
    endless = batch["results"]["endless"]
    assert limits["timeout"] <= endless.seconds < limits["timeout"] + 30
    # the guarantee: no submission runs past the limit, so jobs=2 slots finish within
    # ceil(runs / 2) limits (one slot is busy with the endless notebook, the other grades the rest)
    runs = sum(r.seconds > 0 for r in batch["results"].values())
    assert batch["elapsed"] < -(-runs // 2) * limits["timeout"] + 30
    others = [r.seconds for name, r in batch["results"].items() if name != "endless"]
    assert max(others) < limits["timeout"]


@pytest.mark.grading
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_nothing_of_a_stopped_submission_keeps_running(batch):
    marker = f"HELPERS_GRADING_BATCH={batch['folder']}\0".encode()
    leftovers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "environ").read_bytes():
                    leftovers.append(entry.name)
            except OSError:
                continue
    assert leftovers == []


@pytest.mark.grading
def test_each_problem_gets_a_message_that_names_it(batch):
    results = batch["results"]
    assert "I give up" in " ".join(results["crashing"].messages)
    assert "renamed" in " ".join(results["renamed"].messages)
    assert "locked cell" in " ".join(results["deleted_cells"].messages)
    assert "03-sourcing" in " ".join(results["wrong_set"].messages)
    assert "stopped after 60 s" in " ".join(results["endless"].messages)
    assert "kernel died" in " ".join(results["dies"].messages)
    assert "you counted raw words, not per 1,000" in " ".join(results["partial"].feedback["q5"])
    assert "stopwords are still in the list" in " ".join(results["partial"].feedback["q3"])
    summary = (batch["grades"].parent / "summary.md").read_text(encoding="utf-8")
    assert "| q5 |" in summary and "Flagged for review" in summary
    assert "Skipped: 1 notebook(s) of another exercise set" in summary and "--assignment 03-sourcing" in summary
    assert not (batch["grades"].parent / "feedback" / "wrong_set.md").exists()
    everything = class_summary(list(results.values()), load_assignment(BUNDLE), top=20)
    assert "you counted raw words, not per 1,000" in everything


@pytest.mark.grading
def test_the_malicious_submission_is_blocked_reported_and_harmless(batch):
    flags = " ".join(batch["results"]["malicious"].flags)
    for what in ("reading or changing the grading tests", "starting another program",
                 "writing outside the submission folder"):
        assert what in flags, what
    assert "refers to the grading tests" in flags  # the review flag from reading the code
    assert not batch["outside"].exists()
    assert batch["good"].read_bytes() == batch["good_before"]
    assert batch["results"]["good"].scores == {q: float(p) for q, p in FULL.items()}


@pytest.mark.grading
def test_results_forced_to_pass_change_nothing_and_are_flagged(batch):
    tamper = batch["results"]["tamper"]
    assert tamper.status == "ok" and tamper.scores == {**{q: float(p) for q, p in FULL.items()}, "q2": 0.0}
    assert tamper.feedback["q2"] and "write" in tamper.feedback["q2"][0]  # graded on what it answered
    assert any("uses the grading library itself" in flag for flag in tamper.flags)


@pytest.mark.grading
def test_the_sandbox_hides_the_teachers_files(batch):
    if not batch["sandbox"].isolated:
        if os.environ.get("CI"):
            pytest.fail("no sandbox in CI: install bubblewrap (tools/install-system-deps)")
        pytest.skip("no sandbox on this machine (install bubblewrap)")
    text = (batch["grades"].parent / "feedback" / "malicious.md").read_text(encoding="utf-8")
    assert "the exam answers" not in text
    assert "the exam answers" not in batch["grades"].read_text(encoding="utf-8")


@pytest.mark.grading
def test_feedback_never_contains_hidden_test_code(batch):
    import zipfile

    with zipfile.ZipFile(BUNDLE) as archive:
        hidden_lines = set()
        for name in archive.namelist():
            if name.startswith("tests/") and name.endswith(".py"):
                for line in archive.read(name).decode().splitlines():
                    line = line.strip()
                    if line.startswith(("assert", "expected", "pairs", "def test_", "for ", "corpus =")):
                        hidden_lines.add(line)
    feedback = "\n".join(p.read_text(encoding="utf-8") for p in (batch["grades"].parent / "feedback").glob("*.md"))
    # every notebook of this set gets feedback; the one of another set is only listed in summary.md
    assert len(list((batch["grades"].parent / "feedback").glob("*.md"))) == len(EXPECTED) - 1
    leaked = [line for line in hidden_lines if line in feedback]
    assert leaked == []


@pytest.mark.grading
def test_the_guard_still_protects_when_there_is_no_sandbox(tmp_path):
    student, answers = submissions_of_the_set()
    outside = tmp_path / "outside.txt"
    code_cell = (
        "import subprocess\nresults = []\n"
        "for action in (lambda: open('tests/q1.py').read(), lambda: subprocess.run(['ls']),\n"
        f"               lambda: open({str(outside)!r}, 'w').write('x')):\n"
        "    try:\n        action()\n        results.append('done')\n"
        "    except PermissionError:\n        results.append('blocked')\n"
        "assert results == ['blocked'] * 3, results\n"
        "def count_words(article):\n    return FreqDist(words(article.text))\n"
        "longest = max(corpus, key=lambda article: article.word_count)\nlongest_counts = count_words(longest)"
    )
    folder = tmp_path / "in"
    save(folder / "probe.ipynb", fill_answers(student, answers, {"q1": [code_cell]}))
    none = find_sandbox("none")
    results, _ = grade_folder(folder, load_assignment(BUNDLE), sandbox=none, jobs=1, timeout=90)
    (result,) = results
    assert result.status == "ok" and result.scores == {q: float(p) for q, p in FULL.items()}, result.messages
    assert not outside.exists()
    assert sum("blocked" in flag for flag in result.flags) == 3


def test_readable_folders_under_tmp_are_not_hidden_by_the_private_tmp():
    # A repository cloned into /tmp (as CI does) must stay visible in the sandbox.
    from helpers.grading import sandbox_command

    argv = sandbox_command(["python"], inside="/grading", readable=["/tmp/clone/.venv"], system=[])
    assert argv.index("/tmp/clone/.venv") > argv.index("--tmpfs")
