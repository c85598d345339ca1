"""Self-checks of notebook 05: the right answer passes, each named misconception gets its own hint, a wrong type gets a type message."""

import pytest

from helpers.corpus import load_corpus
from helpers.reading import summarize_reading
from helpers.selfcheck import QUESTIONS, check
from helpers.selfcheck.together import (
    PLACEHOLDERS,
    choose_unsourced_article,
    judgment,
    judgment_problems,
    labels_named,
    trust_for_a_figure,
    unsourced_share,
)
from helpers.sourcing import find_attributions


@pytest.fixture(params=["seeds", "harbor"])
def corpus(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def reading(corpus):
    return {article.label: summarize_reading(article, find_attributions(article)) for article in corpus}


def _rejected_with_its_hint(name, trap, **context):
    feedback = check(name, trap.answer, **context)
    assert feedback.status == "wrong" and feedback.misconception == trap.name
    assert trap.hint in feedback.message


def test_every_question_of_notebook_05_declares_its_misconceptions():
    names = sorted(name for name in QUESTIONS if name.startswith("05-"))
    assert names == ["05-judgment", "05-trust-for-a-figure", "05-unsourced-share"]
    assert all(QUESTIONS[name].misconception_names for name in names)


def test_unsourced_share_accepts_the_fraction_and_diagnoses_each_mistake(reading):
    label = choose_unsourced_article(reading)
    r = reading[label]
    share = (r["claims"] - r["claims_attributed"]) / r["claims"]
    assert 0 < share < 1 and share != 0.5  # the chosen article tells every mistake apart
    assert check("05-unsourced-share", round(share, 2), reading=reading, label=label).correct
    key = unsourced_share(reading, label)
    assert [m.name for m in key.misconceptions] == [
        "share of sourced instead of unsourced", "per cent instead of fraction", "count instead of share"]
    for trap in key.misconceptions:
        _rejected_with_its_hint("05-unsourced-share", trap, reading=reading, label=label)
    feedback = check("05-unsourced-share", {label: share}, reading=reading, label=label)
    assert feedback.status == "wrong-type" and "dict" in feedback.message
    assert check("05-unsourced-share", f"{share:.2f}", reading=reading, label=label).status == "wrong-type"


def test_unsourced_share_of_an_article_without_claims_cannot_be_asked():
    feedback = check("05-unsourced-share", 0.0, reading={"A": {"claims": 0, "claims_attributed": 0}}, label="A")
    assert feedback.status == "skipped"


def test_trust_for_a_figure_accepts_any_label_with_a_claim_or_none(corpus, reading):
    for label in corpus.labels:
        assert check("05-trust-for-a-figure", label, corpus=corpus, reading=reading).correct == bool(reading[label]["claims"])
    assert check("05-trust-for-a-figure", "None", corpus=corpus, reading=reading).correct
    for trap in trust_for_a_figure(corpus, reading).misconceptions:
        _rejected_with_its_hint("05-trust-for-a-figure", trap, corpus=corpus, reading=reading)
    feedback = check("05-trust-for-a-figure", corpus[0].file, corpus=corpus, reading=reading)
    assert feedback.misconception == "file name for the label"
    assert check("05-trust-for-a-figure", 1, corpus=corpus, reading=reading).status == "wrong-type"


def test_trust_for_a_figure_diagnoses_an_article_that_gives_no_figure(make_corpus):
    small = load_corpus(make_corpus({"a.txt": "The plan cost 5 million pounds in 2024.", "b.txt": "It was a fine day."}))
    reading = {article.label: summarize_reading(article, find_attributions(article)) for article in small}
    assert [reading[label]["claims"] for label in small.labels] == [1, 0]
    feedback = check("05-trust-for-a-figure", "B", corpus=small, reading=reading)
    assert feedback.status == "wrong" and feedback.misconception == "an article with no figure"


GOOD = (
    "For a figure to quote I would trust article {a} first. It names 4 of its 5 sources, and the 2 direct quotations "
    "come from people who were there, so a reader can check who said what. It also states where its numbers come "
    "from: the annual report, which anyone can request from the town. I would trust article {b} least as independent "
    "reporting. Its first paragraph is copied almost word for word from the wire report, 27 words in a row, and it "
    "gives three of its views to unnamed groups such as critics and some residents, whom nobody can trace. It ends "
    "on the writer's own verdict rather than on a fact. Against my view, the first article names no author, and one "
    "of its figures is disputed by a council member it quotes, so its numbers are claims to check rather than facts. "
    "I still prefer it because the dispute is reported openly, with both sides named. Next I would read the council "
    "minutes for the vote, the budget for the repair estimate, and the library's own report for the loans, and I "
    "would ask whether the people who use the branch every week were asked at all, since no article quotes them."
)


def test_judgment_accepts_an_argued_text_and_rejects_a_label_without_a_reason(corpus):
    a, b = corpus.labels[:2]
    text = GOOD.format(a=a, b=b)
    assert judgment_problems(text, corpus.labels) == []
    assert check("05-judgment", text, labels=corpus.labels).correct
    for filler in [a, f"article {a}", "...", "asdf", *PLACEHOLDERS]:
        feedback = check("05-judgment", filler, labels=corpus.labels)
        assert feedback.status == "wrong" and feedback.misconception == "a label without a reason", filler
    hints = {trap.name: trap.hint for trap in judgment(corpus.labels).misconceptions}
    assert hints["a label without a reason"] in check("05-judgment", f"I trust article {a}.", labels=corpus.labels).message
    repeated = " ".join([f"article {a} is good"] * 30)
    feedback = check("05-judgment", repeated, labels=corpus.labels)
    assert feedback.misconception == "filler that repeats itself" and hints[feedback.misconception] in feedback.message
    assert check("05-judgment", 42, labels=corpus.labels).status == "wrong-type"


def test_judgment_is_not_passed_by_repeated_words_or_the_article_a():
    labels = ["A", "B", "C"]
    repeated = " ".join(["A B 1 2 3 word"] * 40)
    assert "It repeats the same few words" in " ".join(judgment_problems(repeated, labels))
    assert check("05-judgment", repeated, labels=labels).misconception == "filler that repeats itself"
    # "A" as the English article names no article: two labels are needed, as words
    text = GOOD.format(a="A", b="B").replace("article A", "a report").replace("article B", "a rewrite")
    assert labels_named(text, labels) == set()
    assert not check("05-judgment", text, labels=labels).correct


@pytest.mark.parametrize("text, named", [
    ("Article A and B agree; C does not.", {"A", "B", "C"}),
    ("A closer look at articles A, C or D.", {"A", "C", "D"}),
    ("B's sources are vague.", {"B"}),
    ("A story with no label at all.", set()),
])
def test_labels_named_counts_a_label_only_as_a_label(text, named):
    assert labels_named(text, ["A", "B", "C", "D"]) == named
