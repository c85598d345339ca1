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
import re
import zipfile
from pathlib import Path

import pytest

from helpers.grading import (
    GradingError,
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


def test_the_four_sets_are_there_numbered_by_topic():
    assert len(SETS) == 4
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


def solution_lines(master):
    """The lines otter removes: inside # BEGIN/END SOLUTION, ending in # SOLUTION, model answers."""
    lines = []
    inside_cells = False
    for cell in master["cells"]:
        text = text_of(cell)
        if cell["cell_type"] == "raw":
            if re.match(r"#\s*BEGIN SOLUTION", text):
                inside_cells = True
            elif re.match(r"#\s*END SOLUTION", text):
                inside_cells = False
            continue
        if not inside_cells:
            continue
        if cell["cell_type"] == "markdown":
            lines += [line.strip() for line in text.splitlines() if line.strip()]
            continue
        block = False
        for line in text.splitlines():
            stripped = line.strip()
            if re.match(r"#\s*BEGIN SOLUTION", stripped):
                block = True
            elif re.match(r"#\s*END SOLUTION", stripped):
                block = False
            elif block:
                lines.append(stripped)
            elif re.search(r"#\s*SOLUTION\s*$", stripped):
                lines.append(re.sub(r"\s*#\s*SOLUTION\s*$", "", stripped))
    return [line for line in lines if line]


@pytest.mark.parametrize("name", SETS)
def test_no_solution_reaches_the_student_files(name):
    files = student_files(name)
    everything = "\n".join(files.values())
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "BEGIN TESTS", "# BEGIN QUESTION", "Model answer"):
        assert marker not in everything, f"{marker!r} leaked into the student version of {name}"
    leaked = []
    for line in solution_lines(master_of(name)):
        # short lines ("return counts") could be written by anyone: only longer ones are telling
        if len(line) >= 25 and line in everything:
            leaked.append(line)
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
                # otter strips quote marks from both ends of a failure message, which would leave 'A or crime'
                for node in ast.walk(tree):
                    if isinstance(node, ast.Assert) and isinstance(node.msg, (ast.Constant, ast.JoinedStr)):
                        parts = [node.msg] if isinstance(node.msg, ast.Constant) else node.msg.values
                        first, last = parts[0], parts[-1]
                        starts = isinstance(first, ast.Constant) and str(first.value)[:1] in "'\""
                        ends = isinstance(last, ast.Constant) and str(last.value)[-1:] in "'\""
                        assert not (starts or ends), f"{entry}: a message must not start or end with a quote mark: {ast.unparse(node.msg)}"


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


@pytest.mark.grading
def test_another_second_corpus_gives_probes_from_its_own_words(tmp_path):
    corpus = ROOT / "tests" / "corpora" / "long-quotes"
    build_exercises(EXERCISES / "source", tmp_path / "student", tmp_path / "autograder", only="02",
                    run_tests=False, second_corpus=corpus)
    with zipfile.ZipFile(tmp_path / "autograder" / "02-word-frequencies.zip") as bundle:
        probes = bundle.read("probes.json").decode("utf-8")
        assert sorted(n for n in bundle.namelist() if n.startswith("files/second_corpus/")) == sorted(
            f"files/second_corpus/{p.name}" for p in corpus.iterdir())
    for word in ("minister", "cannot", "calloway", "island", "nobody"):
        assert f'\\"{word}\\"' in probes, word
    for fixed in ("library", "branch", "town"):
        assert f'\\"{fixed}\\"' not in probes, fixed


@pytest.mark.grading
def test_a_second_corpus_on_which_a_hidden_check_cannot_tell_right_from_wrong_is_refused(tmp_path):
    with pytest.raises(GradingError) as refused:
        build_exercises(EXERCISES / "source", tmp_path / "student", tmp_path / "autograder", only="01",
                        run_tests=False, second_corpus=ROOT / "tests" / "corpora" / "one-article")
    assert "q3 test_q3_works_on_other_articles: a loaded_rate that always returns an empty answer" in str(refused.value)
    assert not (tmp_path / "autograder" / "01-reading-critically.zip").exists()


# ---------------------------------------------------------------------------
# Graded for real
# ---------------------------------------------------------------------------


def seeds():
    from helpers.corpus import load_corpus

    return load_corpus(ROOT / "seeds")


def by_label(values) -> str:
    """A literal lookup by label, as a student would type in values read off the screen."""
    return f"{dict(values)!r}[article.label]"


def hardcoded_reading_critically():
    from helpers.frequency import per_thousand
    from helpers.reading import find_claims, find_loaded_language, find_provenance, find_stance_markers

    corpus = seeds()
    fields = ("headline", "date", "outlet", "byline", "place")
    gaps = {f: sorted(a.label for a in corpus if f in find_provenance(a).unknown) for f in fields}
    rates = {a.label: per_thousand(sum(not h.quoted for h in find_loaded_language(a)), a.word_count) for a in corpus}
    top = max(sorted(rates), key=lambda label: rates[label])
    claims = {a.label: [c.sentence for c in find_claims(a) if c.attribution in ("agentless", "none")] for a in corpus}
    stance = {}
    for a in corpus:
        own = [h for h in find_stance_markers(a) if not h.quoted]
        stance[a.label] = {"hedge": sum(h.category == "hedge" for h in own), "booster": sum(h.category == "booster" for h in own)}
    return {
        "q1": [f"def missing_by_field(corpus):\n    return {gaps!r}\n\n\ngaps = {gaps!r}"],
        "q3": [f"def loaded_rate(article):\n    return {by_label(rates)}\n\n\nrates = {rates!r}\nmost_loaded = {top!r}"],
        "q5": [f"def unsourced_claims(article):\n    return {by_label(claims)}\n\n\n"
               f"unsourced = {({k: len(v) for k, v in claims.items()})!r}"],
        "q6": [f"prediction_q6 = 'hedges'\n\n\ndef stance_counts(article):\n    return {by_label(stance)}"],
    }


def hardcoded_word_frequencies():
    from nltk import FreqDist

    from helpers.text import load_stopwords, words

    corpus = seeds()
    longest = max(corpus, key=lambda a: a.word_count)
    counts = dict(FreqDist(words(longest.text)))
    stop = load_stopwords()
    top = sorted(((w, c) for w, c in counts.items() if w not in stop), key=lambda p: (-p[1], p[0]))[:10]
    rates = {a.label: words(a.text).count("crime") / len(words(a.text)) * 1000 for a in corpus}
    winner = max(sorted(rates), key=lambda label: rates[label])
    return {
        "q1": [f"def count_words(article):\n    return FreqDist({counts!r})\n\n\n"
               f"longest = corpus[{longest.label!r}]\nlongest_counts = FreqDist({counts!r})"],
        "q3": [f"def top_words(counts, n, stopwords=frozenset()):\n    return {top!r}\n\n\ntop_longest = {top!r}"],
        "q5": ["def per_thousand(count, total):\n    return count / total * 1000\n\n\n"
               f"def rate(article, word):\n    return {by_label(rates)}\n\n\nword_rates = {rates!r}"],
        "q6": [f"prediction_q6 = 'D'\n\n\ndef highest_rate(corpus, word):\n    return {winner!r}\n\n\n"
               f"answer_q6 = {winner!r}"],
    }


def hardcoded_sourcing():
    from helpers.sourcing import find_attributions, find_unsourced_sentences

    corpus = seeds()
    kinds = ("person", "organization", "group")
    types = {a.label: {t: sum(x.speaker_type == t for x in find_attributions(a)) for t in kinds} for a in corpus}
    shares = {k: ((v["person"] + v["organization"]) / sum(v.values()) if sum(v.values()) else None) for k, v in types.items()}
    vague = min(sorted(k for k in shares if shares[k] is not None), key=lambda k: shares[k])
    figures = {a.label: [s.sentence for s in find_unsourced_sentences(a) if "figure" in s.reasons] for a in corpus}
    cited = max(sorted(types), key=lambda k: sum(types[k].values()))
    return {
        "q1": [f"def speaker_types(article):\n    return {by_label(types)}\n\n\ntypes_by_article = {types!r}"],
        "q3": [f"def named_share(article):\n    return {by_label(shares)}\n\n\nshares = {shares!r}\nmost_vague = {vague!r}"],
        "q5": [f"def unsourced_figures(article):\n    return {by_label(figures)}\n\n\n"
               f"figures = {({k: len(v) for k, v in figures.items()})!r}"],
        "q6": [f"prediction_q6 = 'no'\n\n\ndef most_cited(corpus):\n    return {cited!r}\n\n\nanswer_q6 = {cited!r}"],
    }


def hardcoded_copied_text():
    from helpers.reuse import align_passages, containment, shingle_set

    articles = list(seeds())

    def jaccard(a, b, n):
        x, y = shingle_set(a.text, n), shingle_set(b.text, n)
        return len(x & y) / len(x | y) if x | y else 0.0

    first_two = jaccard(articles[0], articles[1], 5)
    scores = {(a.label, b.label): containment(shingle_set(a.text, 5), shingle_set(b.text, 5))
              for i, a in enumerate(articles) for b in articles[i + 1:]}
    top = max(scores, key=scores.get)
    a, b = (next(x for x in articles if x.label == label) for label in top)
    copied = [a.text[p.a_start:p.a_end] for p in align_passages(a, b) if p.kind == "prose"]
    curve = [jaccard(a, b, n) for n in range(1, 9)]
    return {
        "q1": [f"def shingle_overlap(a, b, n):\n    return {first_two!r}\n\n\noverlap_first_two = {first_two!r}"],
        "q3": [f"def pair_scores(corpus, n):\n    return {scores!r}\n\n\nscores = {scores!r}\ntop_pair = {top!r}"],
        "q5": [f"def copied_prose(a, b):\n    return {copied!r}\n\n\n"
               f"top_pair_articles = (corpus[{top[0]!r}], corpus[{top[1]!r}])\ntop_copied = {copied!r}"],
        "q6": [f"prediction_q6 = 'fall'\n\n\ndef overlap_curve(a, b, sizes):\n    return {curve!r}"],
    }


#: For each set: a partly right submission (question -> code replacing the
#: solution) with the exact scores it must get, and a submission that types
#: in the answers read off the screen for the seeds, with its scores: it keeps
#: the checks on the seeds and loses every check run on the second corpus.
SPECS = {
    "01-reading-critically": {
        "partial": (
            {
                # counts loaded words inside quotations; forgets that "is seen as" hides the source
                "q3": ["def loaded_rate(article):\n    return per_thousand(len(find_loaded_language(article)), article.word_count)\n\n\n"
                       "rates = {a.label: loaded_rate(a) for a in corpus}\n"
                       "most_loaded = max(sorted(rates), key=lambda label: rates[label])"],
                "q5": ["def unsourced_claims(article):\n"
                       "    return [c.sentence for c in find_claims(article) if c.attribution == 'none']\n\n\n"
                       "unsourced = {a.label: len(unsourced_claims(a)) for a in corpus}"],
            },
            {"q1": 3, "q2": 1, "q3": 2, "q5": 1, "q6": 2},
        ),
        "hardcoded": (hardcoded_reading_critically, {"q1": 1, "q2": 1, "q3": 2, "q5": 1, "q6": 1}),
    },
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
        "hardcoded": (hardcoded_word_frequencies, {"q1": 1, "q2": 1, "q3": 1, "q5": 2, "q6": 2}),
    },
    "03-sourcing": {
        "partial": (
            {
                # 0 instead of None for an article without sources; keeps every unsourced sentence
                "q3": ["def named_share(article):\n    counts = speaker_types(article)\n    total = sum(counts.values())\n"
                       "    if total == 0:\n        return 0\n    return (counts['person'] + counts['organization']) / total\n\n\n"
                       "shares = {a.label: named_share(a) for a in corpus}\n"
                       "most_vague = min(sorted(shares), key=lambda label: shares[label])"],
                "q5": ["def unsourced_figures(article):\n    return [s.sentence for s in find_unsourced_sentences(article)]\n\n\n"
                       "figures = {a.label: len(unsourced_figures(a)) for a in corpus}"],
            },
            {"q1": 3, "q2": 1, "q3": 1, "q5": 0, "q6": 3},
        ),
        "hardcoded": (hardcoded_sourcing, {"q1": 1, "q2": 1, "q3": 1, "q5": 1, "q6": 2}),
    },
    "04-copied-text": {
        "partial": (
            {
                # Jaccard where containment was asked; counts shared quotations as copying
                "q3": ["from helpers.reuse import jaccard\n\n\ndef pair_scores(corpus, n):\n    articles = list(corpus)\n"
                       "    return {(a.label, b.label): jaccard(shingle_set(a.text, n), shingle_set(b.text, n))\n"
                       "            for i, a in enumerate(articles) for b in articles[i + 1:]}\n\n\n"
                       "scores = pair_scores(corpus, 5)\ntop_pair = max(scores, key=scores.get)"],
                "q5": ["def copied_prose(a, b):\n    return [a.text[p.a_start:p.a_end] for p in align_passages(a, b)]\n\n\n"
                       "top_pair_articles = (corpus[top_pair[0]], corpus[top_pair[1]])\n"
                       "top_copied = copied_prose(*top_pair_articles)"],
            },
            {"q1": 3, "q2": 1, "q3": 1, "q5": 1, "q6": 2},
        ),
        "hardcoded": (hardcoded_copied_text, {"q1": 1, "q2": 1, "q3": 2, "q5": 1, "q6": 1}),
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
