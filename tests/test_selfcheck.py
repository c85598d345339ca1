"""The self-check machinery, and the questions of notebook 00.

Every question of every notebook has its own tests (tests/test_selfcheck_*.py):
the right answer accepted, each named misconception rejected with its hint,
and a wrongly typed answer answered with a message about the type.
"""

import inspect
import re

import pytest

from helpers.corpus import describe_corpus, load_corpus
from helpers.selfcheck import QUESTIONS, Key, Misconception, UnknownQuestion, check, question
from helpers.selfcheck.core import _type_problem

from conftest import ROOT

#: What code looks like in a hint: a call, a lambda, a comparison, an index.
CODE = re.compile(r"\b[A-Za-z_][\w.]*\(|lambda|==|\w\[")
CORPORA = [ROOT / "seeds", ROOT / "tests" / "corpora" / "harbor"]


@pytest.fixture(params=CORPORA, ids=lambda p: p.name)
def rows(request):
    return describe_corpus(load_corpus(request.param))


# --- the machinery, on a throwaway question --------------------------------

@question("99-test-count", kind="whole number", hint="Count again.", success="Yes.", misconceptions=("off by one",))
def _count(n: int) -> Key:
    return Key(expected=n, misconceptions=(Misconception("off by one", "Start counting at one.", n - 1),))


@pytest.fixture(autouse=True, scope="module")
def _cleanup():
    yield
    QUESTIONS.pop("99-test-count", None)


@pytest.mark.parametrize(
    "answer, status, misconception",
    [(..., "unanswered", None), (None, "unanswered", None), (5, "correct", None), (5.0, "correct", None),
     (4, "wrong", "off by one"), (7, "wrong", None), ("5", "wrong-type", None), (True, "wrong-type", None),
     (4.5, "wrong-type", None), ([5], "wrong-type", None)],
)
def test_statuses(answer, status, misconception):
    feedback = check("99-test-count", answer, n=5)
    assert (feedback.status, feedback.misconception) == (status, misconception)


def test_the_hints_never_give_the_value():
    assert "Start counting at one." in check("99-test-count", 54, n=55).message
    assert "55" not in check("99-test-count", 7, n=55).message


def test_a_right_answer_that_a_misconception_also_gives_is_not_accepted():
    @question("99-test-tie", kind="label", hint="h", success="s", misconceptions=("raw count for rate",))
    def _tie() -> Key:
        return Key(expected="A", misconceptions=(Misconception("raw count for rate", "Use rates.", "a"),))

    try:
        feedback = check("99-test-tie", "A")
        assert feedback.status == "skipped" and "cannot tell" in feedback.message
        assert check("99-test-tie", "B").status == "skipped", "neither answer is judged"
    finally:
        QUESTIONS.pop("99-test-tie")


def test_an_unknown_question_is_named():
    with pytest.raises(UnknownQuestion, match="No self-check named"):
        check("nope", 1)


def test_a_question_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="twice"):
        question("99-test-count", kind="number", hint="", success="")(lambda: Key())


@pytest.mark.parametrize(
    "answer, kind, says",
    [("12", "number", "as text"), ("twelve", "number", "gave text"), (False, "whole number", "True or False"),
     (3, "label", "quotation marks"), ("  ", "text", "empty"), ("one two", "set of words", "list of words"),
     ([1, 2], "set of words", "in quotation marks"), (3, "set of words", "list of words")],
)
def test_type_messages_say_what_was_given_and_what_was_wanted(answer, kind, says):
    assert says in _type_problem(answer, kind)


def test_an_odd_answer_never_crashes_a_check():
    class Weird:
        def __eq__(self, other):
            raise RuntimeError("boom")

    assert check("99-test-count", Weird(), n=3).status == "wrong-type"


def test_feedback_html_escapes():
    @question("99-test-html", kind="text", hint="<i>look</i>", success="s")
    def _html() -> Key:
        return Key(expected="x")

    try:
        assert "&lt;i&gt;" in check("99-test-html", "<b>")._repr_html_()
    finally:
        QUESTIONS.pop("99-test-html")


def test_every_registered_question_is_well_formed():
    assert len([name for name in QUESTIONS if not name.startswith("99-")]) >= 2
    for name, spec in ((n, s) for n, s in QUESTIONS.items() if not n.startswith("99-")):
        assert name[:2].isdigit() and name[2] == "-", name
        assert spec.hint and spec.success, f"{name} needs a hint and a success message"
        assert not CODE.search(spec.hint), f"{name}: a hint points to an idea and a table, never to code"
        assert inspect.getdoc(spec.solve), f"{name}: its solver needs a docstring"


# --- notebook 00 -----------------------------------------------------------

def test_00_articles_with_a_date(rows):
    dated = sum(1 for row in rows if row["date"])
    assert check("00-articles-with-a-date", dated, rows=rows).correct
    assert check("00-articles-with-a-date", "1", rows=rows).status == "wrong-type"
    for wrong, name in ((len(rows), "counted every article"), (len(rows) - dated, "counted the missing dates")):
        feedback = check("00-articles-with-a-date", wrong, rows=rows)
        if wrong == dated:
            assert feedback.status == "skipped"
        else:
            assert feedback.misconception == name and "date" in feedback.message


def test_00_longest_article(rows):
    longest = max(rows, key=lambda row: row["words"])["label"]
    assert check("00-longest-article", longest.lower(), rows=rows).correct
    assert check("00-longest-article", 1, rows=rows).status == "wrong-type"
    headline = max(rows, key=lambda row: len(row["headline"] or ""))["label"]
    if headline != longest:
        feedback = check("00-longest-article", headline, rows=rows)
        assert feedback.misconception == "longest headline" and "words column" in feedback.message
    others = [row["label"] for row in rows if row["label"] not in (longest, headline)]
    assert check("00-longest-article", others[0], rows=rows).status == "wrong"
