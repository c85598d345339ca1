"""The inverted index: shingle hashes, winnowing, runs and prefix filtering."""

from itertools import combinations

import numpy as np
import pytest

from helpers.reuse_index import (
    build_index,
    count_matches,
    find_runs,
    guaranteed_run,
    hash_words,
    ngram_hashes,
    similar_sets,
    winnow,
)


def brute_runs(texts, n):
    """Every maximal run of >= n identical words between every pair, the slow way."""
    found = set()
    for a, b in combinations(range(len(texts)), 2):
        x, y = texts[a], texts[b]
        for i in range(len(x)):
            for j in range(len(y)):
                if i and j and x[i - 1] == y[j - 1]:
                    continue  # not the start of a maximal run
                k = 0
                while i + k < len(x) and j + k < len(y) and x[i + k] == y[j + k]:
                    k += 1
                if k >= n:
                    found.add((a, b, i, j, k))
    return found


def runs_as_set(runs):
    return set(zip(runs.a.tolist(), runs.b.tolist(), runs.a_start.tolist(), runs.b_start.tolist(), runs.words.tolist()))


def test_equal_word_sequences_hash_alike():
    words = "the red door the red door".split()
    h = ngram_hashes(hash_words(words), 3)
    assert len(h) == 4 and h[0] == h[3] and len(set(h.tolist())) == 3
    assert len(ngram_hashes(hash_words(["one"]), 2)) == 0
    with pytest.raises(ValueError, match="n must be"):
        ngram_hashes(hash_words(words), 0)


def test_runs_of_a_small_corpus_match_brute_force():
    texts = [t.split() for t in ["a b c d e f g", "x a b c d y e f g", "q a b c r s", "e f g h a b"]]
    index = build_index([hash_words(t) for t in texts], 3)
    assert runs_as_set(find_runs(index)) == brute_runs(texts, 3)


def test_shingles_never_cross_from_one_text_into_the_next():
    texts = [t.split() for t in ["a b", "c d", "a b c d"]]
    index = build_index([hash_words(t) for t in texts], 3)
    assert len(index) == 2  # only the third text is long enough
    assert len(find_runs(index)) == 0


def test_a_repeated_shingle_matches_every_copy():
    texts = [["x"] * 6, ["x"] * 4]
    runs = find_runs(build_index([hash_words(t) for t in texts], 2))
    assert runs_as_set(runs) == brute_runs(texts, 2)
    assert count_matches(build_index([hash_words(t) for t in texts], 2)) == 5 * 3


@pytest.mark.parametrize("chunk", [1, 3, 10, 10_000])
def test_small_chunks_give_the_same_runs(chunk):
    rng = np.random.default_rng(3)
    texts = [[f"w{v}" for v in rng.integers(0, 6, size=40)] for _ in range(6)]
    index = build_index([hash_words(t) for t in texts], 3)
    assert runs_as_set(find_runs(index, chunk=chunk)) == brute_runs(texts, 3)


def test_winnowing_keeps_the_smallest_hash_of_every_window():
    hashes = np.array([9, 4, 7, 4, 8, 2, 6], dtype=np.uint64)
    chosen = winnow(hashes, 3)
    for start in range(len(hashes) - 2):
        window = hashes[start : start + 3]
        rightmost = start + 2 - int(np.argmin(window[::-1]))
        assert rightmost in chosen
    assert winnow(hashes, 1).tolist() == list(range(7))
    assert winnow(hashes[:2], 5).tolist() == [1]
    assert len(winnow(hashes[:0], 4)) == 0


def test_winnowed_index_is_smaller_and_still_finds_long_runs():
    rng = np.random.default_rng(5)
    shared = [f"s{v}" for v in range(12)]
    texts = []
    for k in range(8):
        words = [f"t{k}_{v}" for v in rng.integers(0, 10**6, size=200)]
        if k in (2, 6):
            words[50:50] = shared
        texts.append(words)
    hashes = [hash_words(t) for t in texts]
    full, winnowed = build_index(hashes, 4), build_index(hashes, 4, window=6)
    assert len(winnowed) < 0.5 * len(full)
    assert guaranteed_run(4, 6) == 9 <= len(shared)
    assert {(int(a), int(b)) for a, b in zip(*[find_runs(winnowed).a, find_runs(winnowed).b])} == {(2, 6)}


def test_similar_sets_match_brute_force():
    rng = np.random.default_rng(11)
    sets = [frozenset(rng.integers(0, 12, size=rng.integers(1, 8)).tolist()) for _ in range(60)]
    owners = [k // 3 for k in range(60)]
    for threshold in (0.3, 0.5, 0.8, 1.0):
        expected = sorted(
            (i, j, round(2 * len(sets[i] & sets[j]) / (len(sets[i]) + len(sets[j])), 4))
            for i, j in combinations(range(60), 2)
            if owners[i] != owners[j] and 2 * len(sets[i] & sets[j]) / (len(sets[i]) + len(sets[j])) >= threshold
        )
        assert similar_sets(sets, owners, threshold) == expected
    with pytest.raises(ValueError, match="threshold"):
        similar_sets(sets, owners, 1.5)


def test_index_memory_is_reported():
    index = build_index([hash_words("a b c d".split())], 2)
    assert index.nbytes >= 3 * (8 + 4 + 4)
