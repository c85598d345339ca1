"""Property tests: what must hold for any text, not only the examples we thought of."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus import article_from_text
from helpers.reuse import align_passages, compare_corpus, matching_words, overlap_scores
from helpers.reuse_index import guaranteed_run
from helpers.text import tokenize

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Three vocabularies that share no word: the planted passage uses one,
# the two surrounding texts the others, so nothing but the plant can match.
PLANT_WORDS = [f"plant{k}" for k in range(40)]
LEFT_WORDS = [f"left{k}" for k in range(40)]
RIGHT_WORDS = [f"right{k}" for k in range(40)]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", " “", "” ", " (", ") ", " - ", "’s "]


def prose(vocabulary, low, high):
    """Words of one vocabulary joined by assorted spaces and punctuation."""
    return st.lists(
        st.tuples(st.sampled_from(vocabulary), st.sampled_from(SEPARATORS)), min_size=low, max_size=high
    ).map(lambda items: "".join(word + sep for word, sep in items))


@SETTINGS
@given(
    plant=st.lists(st.sampled_from(PLANT_WORDS), min_size=8, max_size=30),
    before_a=prose(LEFT_WORDS, 0, 30),
    after_a=prose(LEFT_WORDS, 0, 30),
    before_b=prose(RIGHT_WORDS, 0, 30),
    after_b=prose(RIGHT_WORDS, 0, 30),
    bom=st.booleans(),
)
def test_an_inserted_passage_is_found_at_its_exact_offsets(plant, before_a, after_a, before_b, after_b, bom):
    passage_text = " ".join(plant)
    a = ("\ufeff" if bom else "") + before_a + " " + passage_text + " " + after_a
    b = before_b + "\n" + passage_text + ". " + after_b
    found = align_passages(a, b)
    assert len(found) == 1
    [p] = found
    assert a[p.a_start : p.a_end] == passage_text
    assert b[p.b_start : p.b_end] == passage_text
    assert p.words == len(plant)
    # the fast index finds the same passage as the word-by-word comparison
    corpus = {"a.txt": a, "b.txt": b, "c.txt": " ".join(f"other{k}" for k in range(20))}
    indexed = compare_corpus(corpus, paraphrases=False)
    assert [(r.a, r.b) for r in indexed] == [("a.txt", "b.txt")]
    assert indexed[0].passages == found


words = st.sampled_from("the a of council vote library close town branch june said".split())
texts = st.lists(words, min_size=0, max_size=60).map(" ".join)


@SETTINGS
@given(corpus=st.lists(texts, min_size=2, max_size=6), n=st.integers(2, 5), min_words=st.integers(2, 10), gap=st.integers(0, 3))
def test_the_index_finds_exactly_what_comparing_every_pair_finds(corpus, n, min_words, gap):
    named = {f"{k}.txt": text for k, text in enumerate(corpus)}
    options = dict(n=n, min_words=max(min_words, n), max_gap=gap, paraphrases=False)
    indexed = compare_corpus(named, **options)
    every = compare_corpus(named, method="all", **options)
    assert [r.to_dict() for r in indexed] == [r.to_dict() for r in every]


@SETTINGS
@given(a=texts, b=texts, n=st.integers(1, 6))
def test_scores_are_symmetric_and_bounded(a, b, n):
    forward, backward = overlap_scores(a, b, n), overlap_scores(b, a, n)
    assert forward["jaccard"] == backward["jaccard"]
    assert forward["containment"] == backward["containment"]
    assert 0.0 <= forward["jaccard"] <= forward["containment"] <= 1.0


unique_words = st.lists(st.integers(0, 60), min_size=0, max_size=50, unique=True).map(lambda v: [f"w{x}" for x in v])


@SETTINGS
@given(a=unique_words, b=unique_words)
def test_passages_are_mirrored_when_the_texts_swap(a, b):
    text_a, text_b = " ".join(a), " ".join(b)
    forward = align_passages(text_a, text_b, n=2, min_words=2)
    backward = align_passages(text_b, text_a, n=2, min_words=2)
    mirrored = sorted((p.b_start, p.b_end, p.a_start, p.a_end, p.words) for p in forward)
    assert mirrored == sorted((p.a_start, p.a_end, p.b_start, p.b_end, p.words) for p in backward)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab1,.;:!?)]([«»'’‘ʼ -‐“”\"_\ufeff\r\nÉßİ%$\t") + ["U.S.", "40,000", "’s", "don't", "MS-13"]), max_size=40))
def test_matching_words_agree_with_tokenize_on_any_text(pieces):
    text = "".join(pieces)
    found = matching_words(text)
    expected = [(t.norm, t.start, t.end) for t in tokenize(text) if t.is_word]
    assert list(zip(found.forms, found.starts, found.ends)) == expected


@SETTINGS
@given(a=texts, b=texts)
def test_every_passage_slices_matching_words_in_both_texts(a, b):
    article_a, article_b = article_from_text(a, "a.txt"), article_from_text(b, "b.txt")
    for p in align_passages(article_a, article_b, n=2, min_words=3):
        words_a = matching_words(a[p.a_start : p.a_end]).forms
        words_b = matching_words(b[p.b_start : p.b_end]).forms
        assert words_a[:2] == words_b[:2] and words_a[-2:] == words_b[-2:]
        assert p.words <= min(len(words_a), len(words_b))


@pytest.mark.parametrize("workers", [2])
def test_parallel_word_splitting_gives_the_same_reports(seeds, workers):
    one = compare_corpus(seeds, workers=1)
    two = compare_corpus(seeds, workers=workers)
    assert [r.to_dict() for r in one] == [r.to_dict() for r in two]


@SETTINGS
@given(corpus=st.lists(texts, min_size=2, max_size=6), n=st.integers(2, 4), window=st.integers(2, 4))
def test_winnowing_finds_every_pair_sharing_a_long_enough_run(corpus, n, window):
    named = {f"{k}.txt": text for k, text in enumerate(corpus)}
    options = dict(n=n, min_words=n, max_gap=1, paraphrases=False)
    winnowed = {(r.a, r.b): r.to_dict() for r in compare_corpus(named, window=window, **options)}
    every = {(r.a, r.b): r.to_dict() for r in compare_corpus(named, method="all", **options)}
    sure = guaranteed_run(n, window)
    long_runs = compare_corpus(named, method="all", n=sure, min_words=sure, max_gap=0, paraphrases=False)
    assert {(r.a, r.b) for r in long_runs} <= set(winnowed)
    assert all(every[pair] == report for pair, report in winnowed.items())
