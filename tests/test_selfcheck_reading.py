"""The self-checks of notebook 01, on the seed corpus and on the harbor corpus.

For each question: the right answer is accepted, each misconception the
question can diagnose on that corpus is rejected with its own hint, and a
wrongly typed answer gets a message about the type. The expected values are
worked out here independently from the tables the notebook shows.
"""

from types import SimpleNamespace

import pytest

from helpers.corpus import article_from_text, load_corpus
from helpers.frequency import per_thousand
from helpers.reading import find_claims, find_stance_markers, find_topic_words, summarize_reading
from helpers.selfcheck import QUESTIONS, check
from helpers.selfcheck.reading import (
    MEASURES,
    choose_hedge_article,
    choose_rate_comparison,
    choose_unsourced_article,
    rate_table,
)
from helpers.sourcing import find_attributions

from conftest import HARBOR, SEEDS


@pytest.fixture(scope="module", params=[SEEDS, HARBOR], ids=lambda p: p.name)
def reading(request):
    """What notebook 01 computes before its questions."""
    corpus = load_corpus(request.param)
    attributions = {a.label: find_attributions(a) for a in corpus}
    claims = {a.label: find_claims(a, attributions[a.label]) for a in corpus}
    topics = find_topic_words(corpus, also=corpus.story.follow)
    summaries = [summarize_reading(a, attributions[a.label], topic_words=topics) for a in corpus]
    focus = max(corpus, key=lambda a: (len(claims[a.label]), a.word_count)).label
    return {"corpus": corpus, "claims": claims, "summaries": summaries, "focus": focus}


def test_the_three_questions_of_01_are_registered_with_their_misconceptions():
    assert QUESTIONS["01-no-source"].misconception_names == (
        "counted all claims", "counted sourced claims", "agentless counted as none")
    assert QUESTIONS["01-highest-rate"].misconception_names == ("raw count for rate",)
    assert QUESTIONS["01-a-hedge"].misconception_names == ("a booster, not a hedge", "a hedge from another article")


# --- 01-no-source ----------------------------------------------------------------


def test_no_source_accepts_the_count_of_none_and_names_each_slip(reading):
    label = choose_unsourced_article(reading["claims"], reading["focus"])
    assert label is not None, "both corpora have an article that tells the answers apart"
    claims = reading["claims"][label]
    levels = [c.attribution for c in claims]
    right = levels.count("none")
    assert check("01-no-source", right, claims=claims).correct
    slips = {
        "counted all claims": len(levels),
        "counted sourced claims": levels.count("named") + levels.count("vague"),
    }
    for name, answer in slips.items():
        assert answer != right
        feedback = check("01-no-source", answer, claims=claims)
        assert (feedback.status, feedback.misconception) == ("wrong", name)
        assert feedback.message.startswith("Not yet.") and str(right) not in feedback.message
    assert check("01-no-source", str(right), claims=claims).status == "wrong-type"
    assert "text" in check("01-no-source", str(right), claims=claims).message


def test_no_source_names_agentless_claims_counted_as_unsourced():
    first, second = "The 2023 law is seen as a model.", "Critics say 40 towns use it."
    text = f"{first} {second} In 2024 a court ruled on it. It cost $5 million."

    def attribution(sentence, speaker_type, speaker=None):
        start = text.index(sentence)
        return SimpleNamespace(kind="said", speaker_type=speaker_type, speaker=speaker,
                               sentence_start=start, sentence_end=start + len(sentence))

    claims = find_claims(text, attributions=[attribution(first, ""), attribution(second, "group", "Critics")])
    assert [c.attribution for c in claims] == ["agentless", "vague", "none", "none"]
    assert check("01-no-source", 2, claims=claims).correct
    for answer, name in ((4, "counted all claims"), (1, "counted sourced claims"), (3, "agentless counted as none")):
        assert check("01-no-source", answer, claims=claims).misconception == name


def test_no_source_says_it_cannot_tell_when_no_article_separates_the_answers():
    claims = {"A": find_claims("Over 250 men left.", attributions=[])}  # every claim is unsourced: 1 = 1
    assert choose_unsourced_article(claims, "A") is None
    assert check("01-no-source", 1, claims=None).status == "skipped"
    assert check("01-no-source", 1, claims=claims["A"]).status == "skipped"


# --- 01-highest-rate -------------------------------------------------------------


def test_highest_rate_asks_where_count_and_rate_leaders_differ(reading):
    comparison = choose_rate_comparison(reading["summaries"])
    assert comparison is not None, "both corpora allow a question where counts and rates disagree"
    measure, among = comparison
    rows = [s for s in reading["summaries"] if s["label"] in among]
    by_rate = max(rows, key=lambda s: per_thousand(s[measure], s["words"]))["label"]
    by_count = max(rows, key=lambda s: s[measure])["label"]
    assert by_rate != by_count
    context = {"summaries": reading["summaries"], "measure": measure, "among": among}
    assert check("01-highest-rate", by_rate, **context).correct
    assert check("01-highest-rate", by_rate.lower(), **context).correct
    feedback = check("01-highest-rate", by_count, **context)
    assert (feedback.status, feedback.misconception) == ("wrong", "raw count for rate")
    assert "per 1,000 words" in feedback.message
    assert check("01-highest-rate", 1, **context).status == "wrong-type"


def test_highest_rate_prefers_loaded_words_on_the_seeds(seeds):
    attributions = {a.label: find_attributions(a) for a in seeds}
    topics = find_topic_words(seeds, also=seeds.story.follow)
    summaries = [summarize_reading(a, attributions[a.label], topic_words=topics) for a in seeds]
    measure, among = choose_rate_comparison(summaries)
    assert measure == "loaded" and len(among) == 2  # on the seeds one article leads both ways, so a pair is asked


def test_the_rate_table_shows_the_same_rates_as_the_summaries(reading):
    for row in rate_table(reading["summaries"], "loaded", [s["label"] for s in reading["summaries"]]):
        summary = next(s for s in reading["summaries"] if s["label"] == row["label"])
        assert (row["count"], row["per_1000"]) == (summary["loaded"], summary["loaded_per_1000"])
    with pytest.raises(ValueError, match="loaded"):
        rate_table(reading["summaries"], "adjectives", ["A"])


def test_highest_rate_cannot_tell_when_the_same_article_leads_both_ways():
    rows = [{"label": "A", "words": 100, **{m: 5 for m in MEASURES}}, {"label": "B", "words": 200, **{m: 1 for m in MEASURES}}]
    assert choose_rate_comparison(rows) is None
    assert check("01-highest-rate", "A", summaries=rows, measure=None, among=()).status == "skipped"
    assert check("01-highest-rate", "A", summaries=rows, measure="loaded", among=("A", "B")).status == "skipped"


# --- 01-a-hedge ------------------------------------------------------------------


def _markers(article, category):
    return {h.text.lower() for h in find_stance_markers(article) if h.category == category}


def test_a_hedge_accepts_any_hedge_of_the_article_and_names_each_slip(reading):
    corpus = reading["corpus"]
    label = choose_hedge_article(corpus, reading["focus"])
    assert label is not None
    hedges = _markers(corpus[label], "hedge")
    for hedge in hedges:
        assert check("01-a-hedge", hedge, corpus=corpus, label=label).correct
        assert check("01-a-hedge", f" {hedge.upper()} ", corpus=corpus, label=label).correct
    boosters = _markers(corpus[label], "booster") - hedges
    elsewhere = set().union(*(_markers(a, "hedge") for a in corpus if a.label != label)) - hedges - boosters
    for booster in boosters:
        feedback = check("01-a-hedge", booster, corpus=corpus, label=label)
        assert (feedback.status, feedback.misconception) == ("wrong", "a booster, not a hedge")
    for other in elsewhere:
        feedback = check("01-a-hedge", other, corpus=corpus, label=label)
        assert (feedback.status, feedback.misconception) == ("wrong", "a hedge from another article")
    assert elsewhere, "a hedge of another article can be typed on both corpora"
    assert check("01-a-hedge", 3, corpus=corpus, label=label).status == "wrong-type"
    assert check("01-a-hedge", "banana", corpus=corpus, label=label).misconception is None


def test_a_hedge_diagnoses_a_booster_on_the_seeds(seeds):
    label = choose_hedge_article(seeds, "D")
    assert _markers(seeds[label], "booster"), "the chosen article has a booster to confuse with a hedge"
    booster = sorted(_markers(seeds[label], "booster") - _markers(seeds[label], "hedge"))[0]
    assert check("01-a-hedge", booster, corpus=seeds, label=label).misconception == "a booster, not a hedge"


def test_a_hedge_says_so_when_no_article_has_one():
    articles = [article_from_text("It rained on Monday.", "a.txt", "A")]
    assert choose_hedge_article(articles, "A") is None
    assert check("01-a-hedge", "may", corpus=articles, label=None).status == "skipped"


def test_hints_of_01_point_to_tables_not_to_values(reading):
    label = choose_unsourced_article(reading["claims"], reading["focus"])
    claims = reading["claims"][label]
    feedback = check("01-no-source", 999, claims=claims)
    assert feedback.misconception is None and "claims table" in feedback.message
