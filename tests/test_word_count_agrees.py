"""One word count for one article: the table of 00, the rates of 02 and the report agree.

An article's word count is :attr:`helpers.corpus.Article.word_count`: the
words and numbers of its prose and headings. Each place that shows it is
checked against the others on the seeds and on the harbor corpus.
"""

import re

import pytest

from helpers.corpus import describe_corpus
from helpers.frequency import count_types, frequency_table, running_words, summarize_words, top_words
from helpers.report import build_report, evidence_table, gather_evidence


@pytest.fixture(scope="module", params=["seeds", "harbor"])
def corpus(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def evidence(corpus):
    return gather_evidence(corpus)


def test_describe_corpus_words_are_the_denominators_of_the_rate_tables(corpus):
    described = {row["label"]: row["words"] for row in describe_corpus(corpus)}
    word = top_words(corpus, n=1)[0].word
    table = frequency_table(corpus, [word])
    assert dict(zip(table.labels, table.totals)) == described
    for article in corpus:
        assert running_words(article) == described[article.label]
        assert count_types(article, stopwords=False).tokens == described[article.label]
        count = table.count(word, article.label)
        assert table.per_1000(word, article.label) == pytest.approx(1000 * count / described[article.label])


def test_the_report_shows_the_same_word_count(corpus, evidence):
    described = {row["label"]: row["words"] for row in describe_corpus(corpus)}
    assert {row["label"]: row["words"] for row in evidence_table(evidence)} == described
    for item in evidence.articles:
        assert item.words["tokens"] == described[item.label], "the report's Words block"
        assert item.reading["words"] == described[item.label], "the report's reading summary"
    page = build_report(evidence, generated="2026-01-01")
    running = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) running words", page)]
    assert running == [described[item.label] for item in evidence.articles]
    assert f"{sum(described.values())} words" in page


def test_the_command_line_summary_counts_the_same_words(corpus):
    described = {row["file"]: row["words"] for row in describe_corpus(corpus)}
    summary = summarize_words(corpus, top=1)
    assert {row["file"]: row["tokens"] for row in summary["articles"]} == described
    assert summary["corpus"]["tokens"] == sum(described.values())


def test_bylines_dates_and_page_furniture_are_not_words_of_the_article(seeds, harbor):
    # E (seeds) has a "| Published" line and "Be the first to comment"; M (harbor) a byline,
    # an "| Updated" line and "Share this article": none of them counts.
    for article in (seeds["E"], harbor["M"]):
        assert article.word_count < running_words(article, lines="all")
        own = running_words(article, lines=("paragraph", "bullet", "heading"))
        assert article.word_count == own
