"""Self-checks of notebook 03: the right answer passes, each named misconception gets its own hint, a wrong type gets a type message."""

import pytest

from helpers.selfcheck import QUESTIONS, check
from helpers.selfcheck.sourcing import (
    choose_named_comparison,
    choose_recall_counts,
    choose_vague_article,
    cue_category,
    most_named,
    named_count,
    recall_by_hand,
    vague_sources,
)
from helpers.sourcing import summarize_sourcing

CORPORA = ["seeds", "harbor"]


@pytest.fixture(params=CORPORA)
def summaries(request):
    corpus = request.getfixturevalue(request.param)
    return [summarize_sourcing(article) for article in corpus]


def _rejected_with_its_hint(name, trap, **context):
    feedback = check(name, trap.answer, **context)
    assert feedback.status == "wrong" and feedback.misconception == trap.name
    assert trap.hint in feedback.message


def test_every_question_of_notebook_03_declares_its_misconceptions():
    names = [name for name in QUESTIONS if name.startswith("03-")]
    assert sorted(names) == ["03-cue-category", "03-most-named", "03-recall-by-hand", "03-vague-sources"]
    assert all(QUESTIONS[name].misconception_names for name in names)


def test_vague_sources_accepts_the_vague_groups_and_diagnoses_each_mistake(summaries):
    label = choose_vague_article(summaries)
    summary = next(s for s in summaries if s["label"] == label)
    assert check("03-vague-sources", summary["by_speaker_type"]["group"], summaries=summaries, label=label).correct
    key = vague_sources(summaries, label)
    assert {"counted all sources", "counted named sources"} <= {m.name for m in key.misconceptions}
    for trap in key.misconceptions:
        _rejected_with_its_hint("03-vague-sources", trap, summaries=summaries, label=label)


def test_vague_sources_on_the_seeds_asks_about_the_busiest_article(seeds):
    summaries = [summarize_sourcing(article) for article in seeds]
    label = choose_vague_article(summaries)
    assert label == max(summaries, key=lambda s: s["attributions"])["label"]
    answers = {m.name: m.answer for m in vague_sources(summaries, label).misconceptions}
    summary = next(s for s in summaries if s["label"] == label)
    assert answers["counted all sources"] == summary["sources"] != summary["by_speaker_type"]["group"]


@pytest.mark.parametrize("answer, status", [("3", "wrong-type"), (2.5, "wrong-type"), (True, "wrong-type"), (..., "unanswered")])
def test_vague_sources_says_what_is_wrong_with_the_type(seeds, answer, status):
    summaries = [summarize_sourcing(article) for article in seeds]
    feedback = check("03-vague-sources", answer, summaries=summaries, label=choose_vague_article(summaries))
    assert feedback.status == status and feedback.misconception is None


def test_most_named_on_the_seeds_picks_articles_where_count_and_share_differ(seeds):
    summaries = [summarize_sourcing(article) for article in seeds]
    among = choose_named_comparison(summaries)
    assert among
    group = [s for s in summaries if s["label"] in among and s["sources"]]
    by_share = max(group, key=lambda s: named_count(s) / s["sources"])["label"]
    by_count = max(group, key=named_count)["label"]
    assert by_share != by_count
    assert check("03-most-named", by_share, summaries=summaries, among=among).correct
    assert check("03-most-named", by_share.lower(), summaries=summaries, among=among).correct
    feedback = check("03-most-named", by_count, summaries=summaries, among=among)
    assert feedback.status == "wrong" and feedback.misconception == "raw count for share"
    for trap in most_named(summaries, among).misconceptions:
        _rejected_with_its_hint("03-most-named", trap, summaries=summaries, among=among)
    assert check("03-most-named", 3, summaries=summaries, among=among).status == "wrong-type"


def test_most_named_says_it_cannot_tell_on_the_second_corpus(harbor):
    summaries = [summarize_sourcing(article) for article in harbor]
    among = choose_named_comparison(summaries)
    assert among is None  # the article with the highest share also has the most named sources
    leader = max((s for s in summaries if s["sources"]), key=lambda s: s["named_share"])["label"]
    feedback = check("03-most-named", leader, summaries=summaries, among=among)
    assert feedback.status == "skipped" and "cannot tell" in feedback.message


def test_most_named_with_invented_summaries_names_every_mistake():
    summaries = [
        {"label": "A", "attributions": 30, "sources": 20, "named_sources": {"Lee": 10}},
        {"label": "B", "attributions": 10, "sources": 4, "named_sources": {"Kim": 3}},
        {"label": "C", "attributions": 3, "sources": 3, "named_sources": {"Ray": 2}},
        {"label": "D", "attributions": 25, "sources": 25, "named_sources": {"Day": 5}},
    ]
    among = choose_named_comparison(summaries)
    key = most_named(summaries, among)
    assert key.expected == "B"
    assert {m.name: m.answer for m in key.misconceptions} == {
        "raw count for share": "A", "share of attributions": "C", "most sources": "D"}
    for trap in key.misconceptions:
        _rejected_with_its_hint("03-most-named", trap, summaries=summaries, among=among)


def test_cue_category_accepts_the_category_and_diagnoses_kind_type_and_cue():
    sentence = "Residents insisted that the well had run dry."
    assert check("03-cue-category", " Argumentative ", sentence=sentence).correct
    key = cue_category(sentence)
    assert [m.name for m in key.misconceptions] == ["kind for category", "speaker type for category", "the cue for its category"]
    for trap in key.misconceptions:
        _rejected_with_its_hint("03-cue-category", trap, sentence=sentence)
    assert check("03-cue-category", 3, sentence=sentence).status == "wrong-type"


def test_recall_counts_come_from_the_set_that_missed_most_and_tell_precision_from_recall():
    results = {"a": {"explicit": {"tp": 10, "fp": 2, "fn": 2}}, "b": {"explicit": {"tp": 50, "fp": 1, "fn": 9}}}
    assert choose_recall_counts(results) == {"tp": 50, "fp": 1, "fn": 9}
    assert choose_recall_counts({"a": {"explicit": {"tp": 10, "fp": 2, "fn": 2}}}) == {"tp": 9, "fp": 1, "fn": 3}


@pytest.mark.parametrize("counts", [{"tp": 157, "fp": 6, "fn": 26}, {"tp": 12, "fp": 0, "fn": 1}, {"tp": 9, "fp": 1, "fn": 3}])
def test_recall_by_hand_accepts_recall_and_diagnoses_precision_and_per_cent(counts):
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    assert check("03-recall-by-hand", round(recall, 3), **counts).correct
    key = recall_by_hand(**counts)
    assert [m.name for m in key.misconceptions] == ["precision for recall", "share missed", "per cent instead of fraction"]
    for trap in key.misconceptions:
        _rejected_with_its_hint("03-recall-by-hand", trap, **counts)
    feedback = check("03-recall-by-hand", f"{recall:.2f}", **counts)
    assert feedback.status == "wrong-type" and "as text" in feedback.message
