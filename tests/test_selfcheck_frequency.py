"""The self-checks of notebook 02, on the seeds and on the harbor corpus.

For each question: the right answer is accepted, the answer of each named
misconception is rejected with that misconception's hint, and an answer of the
wrong type gets a message about the type. The items are chosen as the
notebook's prompt cells choose them.
"""

import re

import pytest

from helpers.corpus import article_from_text
from helpers.frequency import (
    WordTable,
    collocations,
    concordance,
    count_words,
    distinctive_words,
    frequency_table,
    ngram_counts,
    running_words,
    shared_words,
    top_words,
)
from helpers.selfcheck import QUESTIONS, check
from helpers.selfcheck.frequency import choose_phrase, find_contrasts, leaders
from helpers.text import load_stopwords

NAMES = ("02-rate-per-1000", "02-heaviest-user", "02-phrase-hits", "02-a-distinctive-word")


@pytest.fixture(scope="module", params=["seeds", "harbor"])
def corpus(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def prompts(corpus):
    """What the notebook's prompt cells choose."""
    focus = [w for w in corpus.story.follow if concordance(corpus, w)] or shared_words(corpus, n=5)
    others = [w.word for w in top_words(corpus, n=40, numbers=False) if w.word not in focus]
    contrasts = find_contrasts(frequency_table(corpus, focus + others), followed=focus)
    top_word = top_words(corpus, n=1)[0].word
    practice = min((a for a in corpus if count_words(a)[top_word] > 0), key=running_words)
    phrase = choose_phrase(corpus, [g.text for g in collocations(corpus, n=10)] or [g.text for g in ngram_counts(corpus, 2, n=10)])
    with_keywords = [a for a in sorted(corpus, key=running_words, reverse=True) if distinctive_words(corpus, a.label, n=8)]
    return {
        "focus": focus,
        "contrasts": contrasts,
        "heavy_word": (contrasts[1] if len(contrasts) > 1 else contrasts[0]).word,
        "practice": practice,
        "top_word": top_word,
        "phrase": phrase,
        "label": with_keywords[0].label,
    }


def contexts(corpus, prompts):
    return {
        "02-rate-per-1000": {"article": prompts["practice"], "word": prompts["top_word"]},
        "02-heaviest-user": {"corpus": corpus, "word": prompts["heavy_word"]},
        "02-phrase-hits": {"corpus": corpus, "phrase": prompts["phrase"]},
        "02-a-distinctive-word": {"corpus": corpus, "label": prompts["label"]},
    }


def right_answers(corpus, prompts):
    """Worked out here from the definitions, not by the questions' own functions."""
    article, word = prompts["practice"], prompts["top_word"]
    rates = frequency_table(corpus, [prompts["heavy_word"]])
    return {
        "02-rate-per-1000": count_words(article)[word] / article.word_count * 1000,
        "02-heaviest-user": max(rates.labels, key=lambda label: rates.per_1000(prompts["heavy_word"], label)),
        "02-phrase-hits": len(concordance(corpus, prompts["phrase"])),
        "02-a-distinctive-word": distinctive_words(corpus, prompts["label"], n=8)[-1].word.upper(),
    }


# --- every question, on both corpora ------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_right_answer_is_accepted(corpus, prompts, name):
    feedback = check(name, right_answers(corpus, prompts)[name], **contexts(corpus, prompts)[name])
    assert feedback.status == "correct", feedback.message


@pytest.mark.parametrize("name", NAMES)
def test_each_misconception_is_rejected_with_its_hint(corpus, prompts, name):
    context = contexts(corpus, prompts)[name]
    key = QUESTIONS[name].solve(**context)
    assert key.cannot_tell is None
    named = {m.name for m in key.misconceptions}
    assert named <= set(QUESTIONS[name].misconception_names)
    # on these corpora every misconception can be told from the right answer, except that the
    # longest article is also the raw-count leader (so the raw-count hint answers it)
    expected = set(QUESTIONS[name].misconception_names) - {"the longest article"}
    assert named >= expected
    for trap in key.misconceptions:
        feedback = check(name, trap.answer, **context)
        assert feedback.status == "wrong", (trap.name, feedback.message)
        assert feedback.misconception == trap.name
        assert trap.hint in feedback.message


WRONG_TYPES = {
    "02-rate-per-1000": ("12.5", "as text"),
    "02-heaviest-user": (3, "label"),
    "02-phrase-hits": (2.5, "whole number"),
    "02-a-distinctive-word": (["library"], "text"),
}


@pytest.mark.parametrize("name", NAMES)
def test_a_wrongly_typed_answer_gets_a_message_about_the_type(corpus, prompts, name):
    answer, said = WRONG_TYPES[name]
    feedback = check(name, answer, **contexts(corpus, prompts)[name])
    assert feedback.status == "wrong-type"
    assert feedback.misconception is None
    assert said in feedback.message


@pytest.mark.parametrize("name", NAMES)
def test_an_unanswered_question_says_so(corpus, prompts, name):
    assert check(name, ..., **contexts(corpus, prompts)[name]).status == "unanswered"


# --- the items the prompts choose -------------------------------------------


def test_the_word_of_the_heaviest_user_has_different_leaders(corpus, prompts):
    table = frequency_table(corpus, [prompts["heavy_word"]])
    raw = max(table.labels, key=lambda label: table.count(prompts["heavy_word"], label))
    rate = max(table.labels, key=lambda label: table.per_1000(prompts["heavy_word"], label))
    assert raw != rate
    feedback = check("02-heaviest-user", raw, corpus=corpus, word=prompts["heavy_word"])
    assert feedback.misconception == "raw count for rate"


def test_the_followed_words_come_from_the_readme(corpus, prompts):
    assert prompts["focus"] == list(corpus.story.follow)


def test_on_the_seeds_the_first_contrast_is_a_followed_word(seeds):
    follow = list(seeds.story.follow)
    contrasts = find_contrasts(frequency_table(seeds, follow), followed=follow)
    # gang: D has the most uses (7), but E, a shorter article, uses it more often for its length
    assert (contrasts[0].word, contrasts[0].raw_leader, contrasts[0].rate_leader, contrasts[0].followed) == ("gang", "D", "E", True)


def test_a_word_with_the_same_leader_both_ways_is_not_checked(seeds):
    # "illegal": C leads both by count (10) and by rate
    table = frequency_table(seeds, ["illegal"])
    assert leaders(table, "illegal") == ("C", "C")
    feedback = check("02-heaviest-user", "C", corpus=seeds, word="illegal")
    assert feedback.status == "skipped" and "cannot tell" in feedback.message


def test_the_longest_article_is_a_misconception_of_its_own_when_it_is_not_the_raw_leader():
    texts = {"A": "gang " * 6 + "x " * 594, "B": "gang " * 4 + "y " * 196, "C": "z " * 900}
    assert check("02-heaviest-user", "B", corpus=texts, word="gang").correct
    assert check("02-heaviest-user", "A", corpus=texts, word="gang").misconception == "raw count for rate"
    feedback = check("02-heaviest-user", "C", corpus=texts, word="gang")
    assert feedback.misconception == "the longest article" and "longest article" in feedback.message


def test_a_corpus_of_one_article_cannot_ask_who_uses_a_word_most():
    one = [article_from_text("The ferry sank. The ferry was old.", "a.txt", "A")]
    assert check("02-heaviest-user", "A", corpus=one, word="ferry").status == "skipped"


def test_the_phrase_occurs_in_several_articles_and_its_words_also_apart(corpus, prompts):
    hits = concordance(corpus, prompts["phrase"])
    assert len({hit.label for hit in hits}) > 1
    assert all(len(concordance(corpus, word)) > len(hits) for word in prompts["phrase"].split()[:1])


def test_no_phrase_and_no_distinctive_word_are_said_honestly(seeds):
    assert check("02-phrase-hits", 0, corpus=seeds, phrase=None).status == "skipped"
    assert check("02-a-distinctive-word", "none", corpus=seeds, label=None).status == "skipped"


def test_the_stopword_misconception_is_a_stopword_and_not_accepted(corpus, prompts):
    key = QUESTIONS["02-a-distinctive-word"].solve(corpus=corpus, label=prompts["label"])
    traps = {m.name: m.answer for m in key.misconceptions}
    assert traps["a stopword"] in load_stopwords()
    assert not key.accept(traps["a frequent word that is not distinctive"])


# --- the choosers on small tables -------------------------------------------


@pytest.mark.parametrize(
    ("counts", "totals", "expected"),
    [
        ([[6, 4]], [1000, 400], ("A", "B")),  # more uses in A, a higher rate in B
        ([[6, 4]], [1000, 1000], ("A", "A")),
        ([[2, 2]], [100, 100], (None, None)),  # a tie has no single leader
        ([[0, 0]], [100, 100], (None, None)),  # nobody uses it
    ],
)
def test_leaders(counts, totals, expected):
    assert leaders(WordTable(["w"], ["A", "B"], counts, totals), "w") == expected


def test_find_contrasts_keeps_the_table_order_and_marks_followed_words():
    table = WordTable(["x", "y", "z"], ["A", "B"], [[5, 1], [6, 4], [3, 2]], [1000, 400])
    found = find_contrasts(table, followed=["z"])
    assert [(c.word, c.followed) for c in found] == [("y", False), ("z", True)]
    assert find_contrasts(WordTable(["x"], ["A", "B"], [[5, 1]], [1000, 400])) == []


def test_choose_phrase_skips_a_phrase_found_in_one_article_only():
    texts = {"A": "Port Alder voted. The old port closed.", "B": "In Port Alder, rain.", "C": "Old port news. Old port again."}
    assert choose_phrase(texts, ["old port", "port alder"]) == "port alder"
    assert choose_phrase(texts, []) is None


# --- hints ------------------------------------------------------------------


def test_no_hint_shows_code(corpus, prompts):
    code = re.compile(r"\w\(|`|==|\bimport\b|\blen\b|\bper_thousand\b|\bfrequency_table\b")
    for name in NAMES:
        hints = [QUESTIONS[name].hint] + [m.hint for m in QUESTIONS[name].solve(**contexts(corpus, prompts)[name]).misconceptions]
        for hint in hints:
            assert not code.search(hint), (name, hint)
