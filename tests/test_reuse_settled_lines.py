"""Paraphrases of a large corpus: lines that can hold no paraphrase are not split into sentences.

In the "related" scope, a sentence that is at least half covered by a
pair's passages is never reported as a paraphrase of that pair, so the
lines whose sentences are all like that in every pair of their article are
skipped ("settled"); so are lines that share too few content stems with
every line of every partner ("unpaired"). These tests pin that skipping
them changes no result.
"""

import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

from helpers import reuse
from helpers.corpus import as_articles
from helpers.reuse import PARAPHRASE_MIN_WORDS, compare_corpus, reports_to_json

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _generated_sample(articles: int = 160, seed: int = 3) -> dict:
    """A corpus from the benchmark's generator: planted verbatim, edited, partial copies and quotations."""
    spec = importlib.util.spec_from_file_location("make_reuse_corpus", BENCHMARKS / "make_reuse_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts, _ = module.make_corpus(articles, seed, 12)
    return texts


@pytest.fixture(scope="module")
def generated():
    return _generated_sample()


def _without_settling(monkeypatch, corpus, **options):
    with monkeypatch.context() as patch:
        patch.setattr(reuse, "_settle_lines", lambda *args, **kwargs: None)
        patch.setattr(reuse, "_find_unpaired_lines", lambda *args, **kwargs: None)
        return reports_to_json(compare_corpus(corpus, paraphrases="related", **options))


@pytest.mark.parametrize("name", ["seeds", "harbor", "generated"])
def test_skipping_settled_lines_gives_the_same_reports(name, request, monkeypatch):
    corpus = request.getfixturevalue(name)
    expected = _without_settling(monkeypatch, corpus)
    assert reports_to_json(compare_corpus(corpus, paraphrases="related")) == expected


@pytest.mark.parametrize("threshold", [0.3, 0.8])
def test_skipping_lines_gives_the_same_reports_at_other_thresholds(generated, monkeypatch, threshold):
    expected = _without_settling(monkeypatch, generated, paraphrase_threshold=threshold)
    assert reports_to_json(compare_corpus(generated, paraphrases="related", paraphrase_threshold=threshold)) == expected


def test_skipping_settled_lines_gives_the_same_reports_in_worker_processes(generated, monkeypatch):
    expected = _without_settling(monkeypatch, generated)
    monkeypatch.setattr(reuse, "PARALLEL_WORDS", 0)  # sentence sets made in forked workers
    assert reports_to_json(compare_corpus(generated, paraphrases="related")) == expected


def test_the_generated_sample_has_paraphrases_and_settled_lines(generated):
    """The equivalence above is not empty: lines are skipped and paraphrases are still found."""
    settled, unpaired = [], []
    original = reuse._find_unpaired_lines

    def spy(texts, related, *args):
        original(texts, related, *args)
        settled.extend(len(texts[k].settled_lines) for k in related)
        unpaired.extend(len(texts[k].unpaired_lines) for k in related)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reuse, "_find_unpaired_lines", spy)
        reports = compare_corpus(generated, paraphrases="related")
    assert sum(settled) > 0 and sum(unpaired) > 0
    assert any(r.paraphrases for r in reports)


def test_every_sentence_of_a_settled_line_is_at_least_half_covered_in_every_pair(generated):
    articles = as_articles(generated)
    texts = [reuse._Text(article, {"stopwords": None, "stemmer": None}) for article in articles]
    chains = reuse._chains_from_index(texts, reuse.DEFAULT_N, reuse.DEFAULT_MIN_WORDS, reuse.DEFAULT_MAX_GAP, None, 1)
    passages = {pair: reuse._to_passages(found, texts[pair[0]], texts[pair[1]], reuse.DEFAULT_MIN_WORDS) for pair, found in chains.items()}
    related = sorted({k for pair in passages for k in pair})
    reuse._settle_lines(texts, related, passages, PARAPHRASE_MIN_WORDS)
    checked = 0
    for (i, j), found in passages.items():
        for k, spans in ((i, [(p.a_start, p.a_end) for p in found]), (j, [(p.b_start, p.b_end) for p in found])):
            others = frozenset(line.index for line in articles[k].lines) - texts[k].settled_lines
            for start, end, _ in reuse._make_sentence_sets(texts[k], "porter", PARAPHRASE_MIN_WORDS, others):
                assert reuse._covered(start, end, spans) >= 0.5
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("threshold", [0.3, reuse.PARAPHRASE_THRESHOLD, 0.8])
def test_no_sentence_of_an_unpaired_line_reaches_the_threshold_with_a_sentence_of_a_partner(generated, threshold):
    articles = as_articles(generated)
    texts = [reuse._Text(article, {"stopwords": None, "stemmer": None}) for article in articles]
    chains = reuse._chains_from_index(texts, reuse.DEFAULT_N, reuse.DEFAULT_MIN_WORDS, reuse.DEFAULT_MAX_GAP, None, 1)
    passages = {pair: reuse._to_passages(found, texts[pair[0]], texts[pair[1]], reuse.DEFAULT_MIN_WORDS) for pair, found in chains.items()}
    related = sorted({k for pair in passages for k in pair})
    reuse._find_unpaired_lines(texts, related, passages, threshold, PARAPHRASE_MIN_WORDS)  # nothing settled: all lines looked at
    every = {k: reuse._make_sentence_sets(texts[k], "porter", PARAPHRASE_MIN_WORDS) for k in related}
    line_of = {k: {(line.start, line.start + len(line.text)): line.index for line in articles[k].lines} for k in related}

    def in_unpaired_line(k, start, end):
        return any(a <= start and end <= b and index in texts[k].unpaired_lines for (a, b), index in line_of[k].items())

    unpaired = 0
    for i, j in passages:
        for score, (a0, a1), (b0, b1) in reuse._sentence_pairs(every[i], every[j], threshold):
            assert not in_unpaired_line(i, a0, a1) and not in_unpaired_line(j, b0, b1)
    for k in related:
        unpaired += sum(in_unpaired_line(k, start, end) for start, end, _ in every[k])
    assert unpaired > 0


def _union_length_by_hand(spans, start, end):
    inside = set()
    for a, b in spans:
        inside.update(range(max(a, start), min(b, end)))
    return len(inside)


@pytest.mark.parametrize("seed", range(30))
def test_union_length_counts_each_covered_character_once(seed):
    rng = random.Random(seed)
    spans = [(a, a + rng.randint(0, 12)) for a in (rng.randint(0, 80) for _ in range(rng.randint(0, 6)))]
    ranges = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 90) for _ in range(10))]
    starts = np.array([a for a, _ in ranges], dtype=np.int64)
    ends = np.array([b for _, b in ranges], dtype=np.int64)
    found = reuse._union_length(spans, starts, ends).tolist()
    assert found == [_union_length_by_hand(spans, a, b) for a, b in ranges]


def test_a_line_with_a_few_uncovered_characters_is_settled_and_one_with_more_is_not():
    text = "A heading here\nOne two three four five six.\nSeven eight nine ten eleven twelve.\n"
    [article] = as_articles([text])
    texts = [reuse._Text(article, {}), reuse._Text(article, {})]
    second = text.index("One")
    third = text.index("Seven")
    # Covers the second line but its final full stop (1 character out); of the third line, half.
    passage = reuse.Passage(second, second + len("One two three four five six"), 0, 0, 6, "prose")
    half = reuse.Passage(third, third + 18, 0, 0, 3, "prose")
    reuse._settle_lines(texts, [0, 1], {(0, 1): [passage, half]}, PARAPHRASE_MIN_WORDS)
    assert texts[0].settled_lines == frozenset({1})
    assert texts[1].settled_lines == frozenset()

