"""Self-checks of notebook 04 (spotting copied text), on the seeds and on the harbor corpus.

For every check: the right answer is accepted, each named misconception's
answer is rejected with its own hint, and an answer of the wrong type gets a
message about the type. The right answers are worked out here by another
route than the self-check's (the passage viewer, the list of strongest
passages, the overlap matrix), or from what a corpus README says it holds.
"""

import json
import re
from pathlib import Path

import pytest

from helpers.corpus import load_corpus
from helpers.reuse import align_passages, compare_corpus, overlap_matrix, strongest_passages
from helpers.selfcheck import QUESTIONS, check
from helpers.selfcheck.reuse import ScoreView, choose_passage_count, misleading_score_view
from helpers.widgets.reuse import PassageViewer

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04-spotting-copied-text.ipynb"
SEED_STORY = ("CECOT", "Bukele", "El Salvador", "Salvador", "Noem", "Rubio", "MS-13", "Tren de Aragua")
# The pair that shares the longest copied passage: in the seeds, A and B open with nearly the same
# sentence; in harbor, b_local (L) copies a paragraph of a_wire (W) (tests/corpora/README.md).
LONGEST_PAIR = {"seeds": {"A", "B"}, "harbor": {"W", "L"}}


@pytest.fixture(scope="module", params=["seeds", "harbor"])
def story(request, seeds, harbor):
    corpus = {"seeds": seeds, "harbor": harbor}[request.param]
    reports = compare_corpus(corpus)
    return request.param, corpus, reports


def misconception_hint(question: str, name: str, **context) -> str:
    """The hint a misconception carries, from the question's own key."""
    key = QUESTIONS[question].solve(**context)
    return next(trap.hint for trap in key.misconceptions if trap.name == name)


# --- 04-containment-by-hand ------------------------------------------------------------------

X = {"p", "q", "r", "s"}
Y = {"q", "r", "s", "t", "u", "v"}


def test_containment_by_hand_accepts_three_of_the_shorter_four():
    assert check("04-containment-by-hand", 0.75, a=X, b=Y).status == "correct"
    assert check("04-containment-by-hand", 3 / 4, a=Y, b=X).status == "correct"


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        (3 / 7, "Jaccard instead of containment"),
        (0.43, "Jaccard instead of containment"),
        (3 / 6, "divided by the other text's shingles"),
        (75, "per cent instead of fraction"),
        (3, "shared shingles not divided"),
    ],
)
def test_containment_by_hand_names_each_misconception(answer, name):
    feedback = check("04-containment-by-hand", answer, a=X, b=Y)
    assert feedback.status == "wrong" and feedback.misconception == name
    assert misconception_hint("04-containment-by-hand", name, a=X, b=Y) in feedback.message


@pytest.mark.parametrize(("answer", "words"), [("0.75", "as text"), (True, "True or False"), ([0.75], "type list")])
def test_containment_by_hand_wrong_type_is_about_the_type(answer, words):
    feedback = check("04-containment-by-hand", answer, a=X, b=Y)
    assert feedback.status == "wrong-type" and words in feedback.message


def test_hints_point_to_the_idea_not_the_code(seeds):
    reports = compare_corpus(seeds)
    contexts = {
        "04-containment-by-hand": {"a": X, "b": Y},
        "04-longest-pair": {"reports": reports, "view": misleading_score_view(seeds, reports)},
        "04-passages-at-minimum": {"corpus": seeds, "task": choose_passage_count(seeds, reports)},
    }
    for name, context in contexts.items():
        key = QUESTIONS[name].solve(**context)
        for text in [QUESTIONS[name].hint] + [trap.hint for trap in key.misconceptions]:
            assert not re.search(r"\w\(|\[\d|corpus\[|=", text), text


# --- 04-longest-pair -------------------------------------------------------------------------


def test_longest_pair_is_the_pair_of_the_longest_listed_passage(story):
    name, corpus, reports = story
    report, _ = strongest_passages(reports, top=1)[0]
    assert {report.a_label, report.b_label} == LONGEST_PAIR[name]
    view = misleading_score_view(corpus, reports)
    assert check("04-longest-pair", LONGEST_PAIR[name], reports=reports, view=view).status == "correct"
    assert check("04-longest-pair", sorted(LONGEST_PAIR[name], reverse=True), reports=reports, view=view).correct


def test_the_score_table_shown_puts_another_pair_on_top(story):
    name, corpus, reports = story
    view = misleading_score_view(corpus, reports)
    ranking = overlap_matrix(corpus, n=view.n).pairs(view.measure)
    top, runner_up = ranking[0], ranking[1]
    assert view.pairs == ranking and top[2] > runner_up[2] > 0
    assert set(top[:2]) != LONGEST_PAIR[name]


# On the seeds the pair with the most shared words is not the copying pair; on harbor the
# very short brief D has the highest containment of single words with the wire report.
EXPECTED_TRAP = {
    "seeds": "most shared shingles instead of longest passage",
    "harbor": "highest overlap score instead of longest passage",
}


def test_longest_pair_rejects_the_top_of_the_score_table(story):
    name, corpus, reports = story
    view = misleading_score_view(corpus, reports)
    feedback = check("04-longest-pair", set(view.pairs[0][:2]), reports=reports, view=view)
    assert feedback.status == "wrong" and feedback.misconception == EXPECTED_TRAP[name]
    assert misconception_hint("04-longest-pair", EXPECTED_TRAP[name], reports=reports, view=view) in feedback.message
    assert "longest passages" in feedback.message


@pytest.mark.parametrize(
    ("measure", "name"),
    [
        ("shared", "most shared shingles instead of longest passage"),
        ("containment", "highest overlap score instead of longest passage"),
    ],
)
def test_longest_pair_names_the_score_that_was_read(story, measure, name):
    label, corpus, reports = story
    other = sorted({a.label for a in corpus} - LONGEST_PAIR[label])[:2]
    view = ScoreView(measure, 2, [(other[0], other[1], 9), (*sorted(LONGEST_PAIR[label]), 3)])
    feedback = check("04-longest-pair", set(other), reports=reports, view=view)
    assert feedback.misconception == name and "2-word shingles" in feedback.message


@pytest.mark.parametrize(
    ("answer", "words"), [("A, B", "not a single piece of text"), (5, "type int"), ([1, 2], "in quotation marks")]
)
def test_longest_pair_wrong_type_is_about_the_type(story, answer, words):
    _, corpus, reports = story
    feedback = check("04-longest-pair", answer, reports=reports, view=misleading_score_view(corpus, reports))
    assert feedback.status == "wrong-type" and words in feedback.message


def test_longest_pair_says_when_every_score_agrees_with_the_passages():
    corpus = load_corpus(ROOT / "tests" / "corpora" / "long-quotes")
    reports = compare_corpus(corpus)
    assert misleading_score_view(corpus, reports) is None
    feedback = check("04-longest-pair", {"W", "R"}, reports=reports, view=None)
    assert feedback.status == "skipped" and "cannot tell" in feedback.message


def test_longest_pair_of_a_single_article_is_the_empty_set():
    corpus = load_corpus(ROOT / "tests" / "corpora" / "one-article")
    reports = compare_corpus(corpus)
    view = misleading_score_view(corpus, reports)
    assert check("04-longest-pair", set(), reports=reports, view=view).status == "correct"


# --- 04-passages-at-minimum ------------------------------------------------------------------


def viewer_count(corpus, task) -> tuple[int, int]:
    """Passages and their matching words, as the passage viewer shows them."""
    viewer = PassageViewer(corpus, task.first, task.second, min_words=task.min_words)
    return len(viewer.report.passages), sum(p.words for p in viewer.report.passages)


def test_passages_at_minimum_accepts_the_count_the_viewer_shows(story):
    _, corpus, reports = story
    task = choose_passage_count(corpus, reports)
    count, _ = viewer_count(corpus, task)
    assert count > 0
    assert check("04-passages-at-minimum", count, corpus=corpus, task=task).status == "correct"
    assert check("04-passages-at-minimum", float(count), corpus=corpus, task=task).status == "correct"


def test_passages_at_minimum_asks_about_5_words_only_where_that_tells_the_default_apart(story):
    name, corpus, reports = story
    task = choose_passage_count(corpus, reports)
    assert {task.first, task.second} == LONGEST_PAIR[name]
    a, b = corpus[task.first], corpus[task.second]
    at_five_is_default = len(align_passages(a, b, min_words=5)) == len(align_passages(a, b))
    assert (task.min_words == 5) != at_five_is_default


def test_passages_at_minimum_names_each_misconception(story):
    _, corpus, reports = story
    task = choose_passage_count(corpus, reports)
    index = [a.label for a in corpus]
    shingles = overlap_matrix(corpus, n=5).shared[index.index(task.first)][index.index(task.second)]
    default = next(len(r.passages) for r in reports if {r.a_label, r.b_label} == {task.first, task.second})
    _, words = viewer_count(corpus, task)
    for answer, name in [
        (shingles, "counted shingles, not passages"),
        (default, "used the default minimum instead of the one asked"),
        (words, "counted words, not passages"),
    ]:
        feedback = check("04-passages-at-minimum", answer, corpus=corpus, task=task)
        assert feedback.status == "wrong" and feedback.misconception == name, name
        assert misconception_hint("04-passages-at-minimum", name, corpus=corpus, task=task) in feedback.message


@pytest.mark.parametrize(("answer", "words"), [("2", "as text"), (2.5, "whole number"), ("two", "gave text")])
def test_passages_at_minimum_wrong_type_is_about_the_type(story, answer, words):
    _, corpus, reports = story
    feedback = check("04-passages-at-minimum", answer, corpus=corpus, task=choose_passage_count(corpus, reports))
    assert feedback.status == "wrong-type" and words in feedback.message


def test_passages_at_minimum_says_when_no_pair_can_tell_the_counts_apart():
    corpus = load_corpus(ROOT / "tests" / "corpora" / "very-short")
    assert choose_passage_count(corpus, compare_corpus(corpus)) is None
    feedback = check("04-passages-at-minimum", 0, corpus=corpus, task=None)
    assert feedback.status == "skipped"


def test_unanswered_checks_say_so(story):
    _, corpus, reports = story
    assert check("04-passages-at-minimum", ..., corpus=corpus, task=None).status == "unanswered"
    assert check("04-longest-pair", ..., reports=reports, view=None).status == "unanswered"


# --- the notebook ----------------------------------------------------------------------------


def test_no_check_cell_prints_an_expected_value_and_solutions_come_last():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    checks = [s for c, s in zip(cells, sources) if c["cell_type"] == "code" and "check(" in s]
    assert len(checks) == 3
    for source in checks:
        assert re.search(r'check\("04-[a-z-]+", \w+, ', source), source
        assert not re.search(r"expected|containment\(|align_passages\(|strongest", source), source
    assert sources[-1].startswith("## Key points")
    assert "<details><summary>Solutions</summary>" in sources[-2]
    assert sum("<details>" in s for s in sources) == 1


def answered_copy(tmp_path, answers: dict) -> Path:
    """A copy of the notebook with the student's cells filled in."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        for variable, value in answers.items():
            source = source.replace(f"{variable} = ...", f"{variable} = {value!r}")
        cell["source"] = source
    path = tmp_path / NOTEBOOK.name
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("name", "folder"), [("seeds", ROOT / "seeds"), ("harbor", ROOT / "tests" / "corpora" / "harbor")]
)
def test_the_notebook_accepts_right_answers_and_shows_word_counts_once(name, folder, tmp_path):
    from helpers.notebooks import run_notebook

    corpus = load_corpus(folder)
    task = choose_passage_count(corpus, compare_corpus(corpus))
    answers = {
        "my_containment": 0.75,
        "longest_pair": LONGEST_PAIR[name],
        "passage_count": viewer_count(corpus, task)[0],
    }
    run = run_notebook(answered_copy(tmp_path, answers), corpus_dir=folder, timeout=300)
    texts = []
    outputs = [o for kind in ("stream", "display_data", "execute_result") for o in run.outputs_of_type(kind)]
    for output in outputs:
        texts.append("".join(output.get("text", "")))
        texts.extend(str(value) for value in output.get("data", {}).values())
    shown = "\n".join(texts)
    assert shown.count("✔") >= 3 and "✘" not in shown and "Not answered" not in shown
    counts = dict(re.findall(r"\b([A-Z]) \((\d+) words\)", shown))
    assert counts == {a.label: str(a.word_count) for a in corpus}
    if name == "harbor":
        assert not [term for term in SEED_STORY if term.lower() in shown.lower()]
