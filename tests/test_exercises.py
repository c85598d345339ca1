"""The graded exercise sets: well formed, free of leaks, up to date, and graded as designed.

For every set in ``exercises/source``:

* the student notebook and the grading bundle exist, state their points, and
  mix code, prediction and written questions;
* nothing of the solutions or of the hidden tests reaches the student files;
* every check names the mistake it catches (no bare ``assert``);
* rebuilding from the master gives exactly the committed files (grading);
* graded for real (grading): the solution scores full marks, the untouched
  student notebook runs and scores 0, a partly right submission scores
  exactly the expected partial credit, and a submission that types in the
  seed answers loses every point of the checks run on the second corpus.

Each set's partly right and hard-coded submissions are written below, next
to the scores they must get.
"""

import ast
import json
import math
import re
import zipfile
from pathlib import Path

import pytest

from helpers.grading import (
    build_exercises,
    fill_answers,
    grade_folder,
    load_assignment,
    manifest_from_master,
    solution_answers,
)
from helpers.notebooks import run_notebook

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
MASTERS = sorted(p for p in (EXERCISES / "source").glob("*/*.ipynb") if p.stem == p.parent.name)
SETS = [p.stem for p in MASTERS]


def master_of(name):
    return json.loads((EXERCISES / "source" / name / f"{name}.ipynb").read_text(encoding="utf-8"))


def student_path(name):
    return EXERCISES / "student" / name / f"{name}.ipynb"


def bundle_path(name):
    return EXERCISES / "autograder" / f"{name}.zip"


def text_of(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


TOPICS = ["reading-critically", "word-frequencies", "sourcing", "copied-text"]


def test_the_sets_are_numbered_by_topic():
    assert "02-word-frequencies" in SETS
    for name in SETS:
        number, topic = name.split("-", 1)
        assert topic in TOPICS and int(number) == TOPICS.index(topic) + 1


# ---------------------------------------------------------------------------
# Form: points, kinds of question, generated files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SETS)
def test_student_version_and_bundle_are_committed(name):
    assert student_path(name).is_file(), "run `make exercises` and commit exercises/student/"
    assert bundle_path(name).is_file(), "run `make exercises` and commit exercises/autograder/"
    assignment = load_assignment(bundle_path(name))
    assert assignment.name == name


@pytest.mark.parametrize("name", SETS)
def test_each_question_states_its_points_and_the_set_mixes_kinds(name):
    master = master_of(name)
    info = manifest_from_master(master)
    questions = info["questions"]
    assert 4 <= len(questions) <= 8
    prompts = {}
    current = None
    for cell in master["cells"]:
        text = text_of(cell)
        match = re.match(r"# BEGIN QUESTION\s*\nname:\s*(\S+)", text)
        if cell["cell_type"] == "raw" and match:
            current = match.group(1)
        elif cell["cell_type"] == "markdown" and current and current not in prompts:
            prompts[current] = text
    for q in questions:
        stated = re.search(r"\((\d+) points?", prompts[q["name"]])
        assert stated, f"{name} {q['name']}: the prompt should say how many points it is worth"
        assert float(stated.group(1)) == q["points"], f"{name} {q['name']}: prompt and config disagree on points"
    assert any(q["manual"] for q in questions), "at least one written answer graded by rubric"
    assert sum(not q["manual"] for q in questions) >= 2, "at least two questions graded by tests"
    assert any("predict" in prompts[q["name"]].lower() for q in questions), "at least one predict-before-compute question"
    total = sum(q["points"] for q in questions)
    first = text_of(master["cells"][1])
    assert f"**Points** | {total:g}" in first, "the first cell should give the set's total points"


# ---------------------------------------------------------------------------
# Leaks
# ---------------------------------------------------------------------------


def student_files(name):
    folder = EXERCISES / "student" / name
    return {p: p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()}


def assertion_lines(name, hidden):
    """The first line of every assert and assignment in the hidden (or public) tests of a set."""
    lines = set()
    with zipfile.ZipFile(bundle_path(name)) as archive:
        for entry in archive.namelist():
            if not (entry.startswith("tests/") and entry.endswith(".py")):
                continue
            tree = ast.parse(archive.read(entry).decode("utf-8"))
            for node in tree.body:
                if not isinstance(node, ast.FunctionDef):
                    continue
                is_hidden = any(
                    isinstance(d, ast.Call) and any(k.arg == "hidden" and getattr(k.value, "value", False) for k in d.keywords)
                    for d in node.decorator_list
                )
                if is_hidden == hidden:
                    for statement in ast.walk(node):
                        if isinstance(statement, (ast.Assert, ast.Assign)):
                            lines.add(ast.unparse(statement).splitlines()[0])
    return lines


def hidden_test_lines(name):
    """Lines only the hidden tests have (a line shared with a public check, or a short
    generic one such as ``corpus = load_corpus()``, is no secret)."""
    return {line for line in assertion_lines(name, hidden=True) - assertion_lines(name, hidden=False) if len(line) >= 30}


@pytest.mark.parametrize("name", SETS)
def test_no_solution_reaches_the_student_files(name):
    files = student_files(name)
    everything = "\n".join(files.values())
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "BEGIN TESTS", "# BEGIN QUESTION", "Model answer"):
        assert marker not in everything, f"{marker!r} leaked into the student version of {name}"
    leaked = []
    for question, kind, source in solution_answers(master_of(name)):
        for line in source.splitlines():
            line = line.strip()
            # lines a student writes too (definitions, bare names, short lines) are not solutions
            if len(line) < 25 or line.startswith(("def ", "#", "return ...")) or line.endswith("..."):
                continue
            if line in everything:
                leaked.append((question, line))
    assert leaked == []


@pytest.mark.parametrize("name", SETS)
def test_no_hidden_test_reaches_the_student_files(name):
    everything = "\n".join(student_files(name).values())
    hidden = hidden_test_lines(name)
    assert hidden, "the set should have hidden tests"
    assert [line for line in hidden if line in everything] == []
    notebook = json.loads(student_path(name).read_text(encoding="utf-8"))
    public = notebook["metadata"]["otter"]["tests"]
    assert all("hidden=True" not in body for body in public.values())


@pytest.mark.parametrize("name", SETS)
def test_every_check_names_the_mistake_it_catches(name):
    with zipfile.ZipFile(bundle_path(name)) as archive:
        for entry in archive.namelist():
            if entry.startswith("tests/") and entry.endswith(".py"):
                tree = ast.parse(archive.read(entry).decode("utf-8"))
                bare = [ast.unparse(a) for a in ast.walk(tree) if isinstance(a, ast.Assert) and a.msg is None]
                assert bare == [], f"{entry}: give every assert a message that names the likely mistake"


@pytest.mark.parametrize("name", SETS)
def test_the_student_notebook_has_no_outputs_and_keeps_its_name(name):
    notebook = json.loads(student_path(name).read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in notebook["cells"] if c["cell_type"] == "code")
    assert notebook["metadata"]["otter"]["assignment_name"] == name
    assert f'otter.Notebook("{name}.ipynb")' in text_of(notebook["cells"][0])


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_committed_files_are_what_the_master_builds(name, tmp_path):
    build_exercises(EXERCISES / "source", tmp_path / "student", tmp_path / "autograder", only=name, run_tests=False)
    built = json.loads((tmp_path / "student" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    committed = json.loads(student_path(name).read_text(encoding="utf-8"))
    assert built == committed, "the student notebook is out of date: run `make exercises`"
    with zipfile.ZipFile(tmp_path / "autograder" / f"{name}.zip") as new, zipfile.ZipFile(bundle_path(name)) as old:
        assert sorted(new.namelist()) == sorted(old.namelist())
        for entry in new.namelist():
            assert new.read(entry) == old.read(entry), f"{entry} of the bundle is out of date: run `make exercises`"


# ---------------------------------------------------------------------------
# Graded for real
# ---------------------------------------------------------------------------


def seed_values():
    """What a student would read off the screen after running the solutions on the seeds."""
    from nltk import FreqDist

    from helpers.corpus import load_corpus
    from helpers.text import load_stopwords, words

    corpus = load_corpus(ROOT / "seeds")
    longest = max(corpus, key=lambda a: a.word_count)
    counts = FreqDist(words(longest.text))
    stop = load_stopwords()
    top = sorted(((w, c) for w, c in counts.items() if w not in stop), key=lambda p: (-p[1], p[0]))[:10]
    rates = {a.label: words(a.text).count("crime") / len(words(a.text)) * 1000 for a in corpus}
    winner = max(sorted(rates), key=lambda label: rates[label])
    return {"longest": longest.label, "counts": dict(counts), "top": top, "rates": rates, "winner": winner}


def hardcoded_word_frequencies():
    v = seed_values()
    return {
        "q1": [f"def count_words(article):\n    return FreqDist({v['counts']!r})\n\n\n"
               f"longest = corpus[{v['longest']!r}]\nlongest_counts = FreqDist({v['counts']!r})"],
        "q3": [f"def top_words(counts, n, stopwords=frozenset()):\n    return {v['top']!r}\n\n\ntop_longest = {v['top']!r}"],
        "q5": ["def per_thousand(count, total):\n    return count / total * 1000\n\n\n"
               f"def rate(article, word):\n    return {v['rates']!r}[article.label]\n\n\nword_rates = {v['rates']!r}"],
        "q6": [f"prediction_q6 = 'D'\n\n\ndef highest_rate(corpus, word):\n    return {v['winner']!r}\n\n\n"
               f"answer_q6 = {v['winner']!r}"],
    }


#: For each set: a partly right submission (question -> code replacing the
#: solution) with the exact scores it must get, and the same for a
#: submission that types in the seed answers.
SPECS = {
    "02-word-frequencies": {
        "partial": (
            {
                # keeps the stopwords (most_common); counts raw words instead of rates
                "q3": ["def top_words(counts, n, stopwords=frozenset()):\n    return counts.most_common(n)\n\n\n"
                       "top_longest = top_words(longest_counts, 10, STOPWORDS)"],
                "q5": ["def per_thousand(count, total):\n    return count\n\n\ndef rate(article, word):\n"
                       "    return words(article.text).count(word)\n\n\n"
                       "word_rates = {a.label: rate(a, 'crime') for a in corpus}"],
            },
            {"q1": 3, "q2": 1, "q3": 0, "q5": 0, "q6": 1},
        ),
        "hardcoded": (
            hardcoded_word_frequencies,
            # only the checks on the seeds pass; every check on the second corpus fails
            {"q1": 1, "q2": 1, "q3": 1, "q5": 2, "q6": 2},
        ),
    },
}


def test_every_set_has_a_partial_and_a_hardcoded_submission():
    assert sorted(SPECS) == sorted(SETS)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the four submissions of every set in one batch (two at a time)."""
    folder = tmp_path_factory.mktemp("exercise-submissions")
    results = {}
    for name in SETS:
        master = master_of(name)
        student = json.loads(student_path(name).read_text(encoding="utf-8"))
        answers = solution_answers(master)
        partial, _ = SPECS[name]["partial"]
        hardcoded, _ = SPECS[name]["hardcoded"]
        notebooks = {
            "solution": fill_answers(student, answers),
            "student": student,
            "partial": fill_answers(student, answers, partial),
            "hardcoded": fill_answers(student, answers, hardcoded() if callable(hardcoded) else hardcoded),
        }
        sub = folder / name
        sub.mkdir()
        for kind, notebook in notebooks.items():
            (sub / f"{kind}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        graded_set, _ = grade_folder(sub, load_assignment(bundle_path(name)), jobs=2, timeout=150, cell_timeout=60)
        results[name] = {r.student: r for r in graded_set}
    return results


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_the_solution_scores_full_marks(name, graded):
    result = graded[name]["solution"]
    assignment = load_assignment(bundle_path(name))
    assert result.status == "ok", result.messages
    assert result.scores == {q.name: q.points for q in assignment.auto_questions}, result.feedback
    assert result.messages == [] and result.flags == []


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_the_untouched_student_notebook_scores_zero(name, graded):
    result = graded[name]["student"]
    assert result.status == "ok", result.messages
    assert set(result.scores.values()) == {0.0}
    assert not any("raised" in m for m in result.messages), result.messages


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_the_untouched_student_notebook_runs_for_a_student(name, tmp_path):
    import shutil

    copy = tmp_path / f"{name}.ipynb"
    shutil.copy(student_path(name), copy)
    run = run_notebook(copy, corpus_dir=ROOT / "seeds", timeout=120)
    assert run.outputs_of_type("error") == []


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_partial_credit_is_exactly_as_designed(name, graded):
    _, expected = SPECS[name]["partial"]
    result = graded[name]["partial"]
    assert result.status == "ok", result.messages
    assert result.scores == {q: float(p) for q, p in expected.items()}, result.feedback


@pytest.mark.grading
@pytest.mark.parametrize("name", SETS)
def test_hardcoded_seed_answers_lose_the_hidden_points(name, graded):
    _, expected = SPECS[name]["hardcoded"]
    result = graded[name]["hardcoded"]
    assert result.status == "ok", result.messages
    assert result.scores == {q: float(p) for q, p in expected.items()}, result.feedback
    full = graded[name]["solution"].auto_score
    assert result.auto_score < full
    lost = " ".join(" ".join(m) for m in result.feedback.values())
    assert "other articles" in lost, "the checks on the second corpus should say why points were lost"
