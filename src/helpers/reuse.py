"""Copied text: shared phrases, overlap scores, aligned passages and paraphrases.

News is full of reused text, and most of it is normal: agencies sell wire
copy to be printed as it is, press releases are written to be copied, and
two outlets quoting the same speech print the same words. Reuse matters
when it is hidden: an article that presents someone else's text as its own
reporting, a "churnalism" rewrite of a press release, a content farm that
spins one story into fifty. This module gives the evidence to tell these
apart; the judgment stays with the reader.

The steps, from coarse to fine:

* **words**: every word token of :func:`helpers.text.tokenize` (clitics
  such as "'s" and punctuation left out), in lower case with straight
  quotes, optionally without stopwords or reduced to stems;
* **shingles**: every run of ``n`` consecutive words ("word n-grams");
* **scores** between two articles: *Jaccard* (shared shingles / all their
  distinct shingles) and *containment* (shared shingles / the shingles of
  the shorter article, which stays high when a short article is copied
  into a long one);
* **aligned passages**: the places where two articles say the same thing
  word for word. Runs of identical words (at least ``n`` long) are joined
  across small gaps (an inserted, dropped or changed word or three), and
  every passage of at least ``min_words`` matching words is reported with
  its character offsets in both texts, so it can be highlighted exactly;
* **paraphrases**: pairs of sentences that share most of their content
  words (stopwords removed, words reduced to stems) without being copied
  word for word;
* a **kind** for each passage: a shared direct ``"quotation"`` (both
  articles quote the same words: not copying), ``"boilerplate"`` (page
  furniture such as "Share this article") or copied ``"prose"``.

For a whole corpus :func:`compare_corpus` uses an inverted index
(:mod:`helpers.reuse_index`) instead of comparing every pair, so a folder of
thousands of articles takes seconds, with the same results.

Offsets are Python string indices into the text as stored:
``text[passage.a_start:passage.a_end]`` is the passage.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from bisect import bisect_right
from difflib import SequenceMatcher
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import combinations

import numpy as np

from helpers.corpus import Article, as_article, as_articles
from helpers.quotations import quoted_spans
from helpers.reuse_index import (
    build_index,
    find_runs,
    hash_words,
    ngram_hashes,
    similar_sets,
)
from helpers.text import _TOKEN_PATTERN, load_stopwords, normalize_quotes, split_sentences, stem

__all__ = [
    "DEFAULT_MAX_GAP",
    "DEFAULT_MIN_WORDS",
    "DEFAULT_N",
    "FURNITURE_KINDS",
    "KIND_HINTS",
    "PARAPHRASE_ALL_WORDS",
    "PARAPHRASE_THRESHOLD",
    "MatchingWords",
    "OverlapMatrix",
    "PairReport",
    "Paraphrase",
    "Passage",
    "SharedShingle",
    "Shingle",
    "align_passages",
    "compare_corpus",
    "compare_pair",
    "containment",
    "find_paraphrases",
    "jaccard",
    "matching_words",
    "overlap_matrix",
    "overlap_scores",
    "paraphrase_scope",
    "passage_kind",
    "reports_to_json",
    "scores_by_n",
    "shared_shingles",
    "shingle_set",
    "shingles",
    "strongest_passages",
]

#: Words per shingle unless you say otherwise. Five words rarely repeat by
#: chance in news prose, yet a copied sentence holds many such runs.
DEFAULT_N = 5
#: Shortest aligned passage reported, in matching words.
DEFAULT_MIN_WORDS = 8
#: Most words skipped (in each text) when joining two runs into one passage.
DEFAULT_MAX_GAP = 3
#: Smallest share of content words two sentences must have in common
#: (Dice similarity of their stems) to count as a paraphrase.
PARAPHRASE_THRESHOLD = 0.5
#: Fewest content words a sentence needs before it is compared for paraphrase.
PARAPHRASE_MIN_WORDS = 5

#: Largest corpus (in words) searched for paraphrases across every pair by default.
PARAPHRASE_ALL_WORDS = 400_000

#: Line kinds (from :mod:`helpers.layout`) that are page furniture, not prose.
FURNITURE_KINDS = frozenset({"boilerplate", "dateline", "byline"})

#: What each passage kind means, in a sentence.
KIND_HINTS = {
    "quotation": "both articles put these words inside quotation marks: a shared quotation, not copying",
    "boilerplate": "page furniture (a byline, date line or button text), not article prose",
    "prose": "the same running text in both articles: copied prose, or both copied from a common source",
}

# The token pattern of helpers.text.tokenize, compiled once here so that a
# corpus of millions of words can be split quickly (see matching_words).
_TOKEN_RE = re.compile(_TOKEN_PATTERN, re.VERBOSE | re.UNICODE)
_CHUNK_RE = re.compile(r"\S+")
# One of these after a run of letters is a token of its own ("library," is
# "library" and ","); one of the others before letters likewise.
_TRAILING_MARKS = frozenset(",.;:!?)]”\"'’")
_LEADING_MARKS = frozenset("(“\"[«")


# ---------------------------------------------------------------------------
# Words and shingles
# ---------------------------------------------------------------------------


@dataclass
class MatchingWords:
    """The words of a text as compared for reuse, with their offsets.

    ``forms[i]`` is word ``i`` as compared (lower case, straight quotes,
    maybe stemmed); ``text[starts[i]:ends[i]]`` is where it stands.
    """

    forms: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.forms)


def _raw_words(text: str, offsets: bool):
    """Word tokens exactly as ``tokenize`` finds them, but fast.

    Tokens never contain white space, so the text is cut at white space
    first; a piece made only of letters is one word token (so is one with
    a single closing mark after it, or an opening mark before it), and only
    the other pieces go through the full token pattern. The tests check that
    the result equals the words of ``tokenize`` on many random texts.
    """
    forms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    find = _TOKEN_RE.findall
    trail, lead = _TRAILING_MARKS, _LEADING_MARKS
    if offsets:
        # Tokens follow each other in the text with only white space (or
        # "_") between them, so searching for each from the end of the
        # previous one gives its exact offset.
        locate = text.find
        position = 0
        for piece in text.split():
            position = locate(piece, position)
            if "\u02bc" in piece:  # the modifier-letter apostrophe counts as a letter: leave it to the full pattern
                inside = position
                for token in find(piece):
                    inside = locate(token, inside)
                    if token[0].isalnum() and token[0] != "\u02bc":
                        forms.append(token)
                        starts.append(inside)
                    inside += len(token)
            elif piece.isalpha():
                forms.append(piece)
                starts.append(position)
            elif piece[-1] in trail and piece[:-1].isalpha():
                forms.append(piece[:-1])
                starts.append(position)
            elif piece[0] in lead and piece[1:].isalpha():
                forms.append(piece[1:])
                starts.append(position + 1)
            else:
                inside = position
                for token in find(piece):
                    inside = locate(token, inside)
                    if token[0].isalnum():
                        forms.append(token)
                        starts.append(inside)
                    inside += len(token)
            position += len(piece)
        ends = [start + len(form) for start, form in zip(starts, forms)]
    else:
        for piece in text.split():
            if "\u02bc" in piece:
                forms.extend([token for token in find(piece) if token[0].isalnum() and token[0] != "\u02bc"])
            elif piece.isalpha():
                forms.append(piece)
            elif piece[-1] in trail and piece[:-1].isalpha():
                forms.append(piece[:-1])  # a word and one punctuation mark: "library,"
            elif piece[0] in lead and piece[1:].isalpha():
                forms.append(piece[1:])  # an opening mark and a word: "(CECOT"
            else:
                forms.extend([token for token in find(piece) if token[0].isalnum()])
    if forms:
        # Normalise all words at once: no word contains a space.
        forms = normalize_quotes(" ".join(forms)).lower().split(" ")
    return forms, starts, ends


@lru_cache(maxsize=1)
def _default_stopwords() -> frozenset:
    return load_stopwords()


def _stopword_set(stopwords) -> frozenset:
    if stopwords is True:
        return _default_stopwords()
    if not stopwords:
        return frozenset()
    return frozenset(normalize_quotes(w).lower() for w in stopwords)


def _transform(forms, starts, ends, stopwords, stemmer):
    if not stopwords and not stemmer:
        return forms, starts, ends
    drop = _stopword_set(stopwords)
    if drop:
        keep = [i for i, form in enumerate(forms) if form not in drop]
        forms = [forms[i] for i in keep]
        if starts:
            starts = [starts[i] for i in keep]
            ends = [ends[i] for i in keep]
    if stemmer:
        stems = {form: stem(form, stemmer) for form in set(forms)}
        forms = [stems[form] for form in forms]
    return forms, starts, ends


def matching_words(text: str, *, stopwords=None, stemmer: str | None = None, offsets: bool = True) -> MatchingWords:
    """The words of a text as they are compared for reuse.

    The tokens are those of :func:`helpers.text.tokenize` of kind "word"
    or "number" (so "U.S.", "MS-13" and "40,000" stay whole, and the "'s"
    of "Bukele's" and all punctuation are left out), in lower case with
    straight quotes.

    Parameters
    ----------
    text : str
    stopwords : bool or set of str, optional
        Leave out stopwords: True for the project's list, or your own set.
    stemmer : {"porter", "snowball"}, optional
        Compare stems instead of words.
    offsets : bool
        Also record where each word stands (slower; leave on unless you
        only need the words).

    Returns
    -------
    MatchingWords

    Examples
    --------
    >>> found = matching_words("Bukele’s “mega-prison” holds 40,000.")
    >>> found.forms
    ['bukele', 'mega-prison', 'holds', '40,000']
    >>> found.starts[1], found.ends[1]
    (10, 21)
    >>> matching_words("The prisons were full", stopwords=True, stemmer="porter").forms
    ['prison', 'full']
    """
    forms, starts, ends = _raw_words(text, offsets)
    forms, starts, ends = _transform(forms, starts, ends, stopwords, stemmer)
    return MatchingWords(forms, starts, ends)


@dataclass(frozen=True)
class Shingle:
    """A run of ``n`` words and where it stands in the text."""

    words: tuple[str, ...]
    start: int
    end: int

    @property
    def text(self) -> str:
        """The words joined by spaces."""
        return " ".join(self.words)


def shingles(text: str, n: int = DEFAULT_N, **options) -> list[Shingle]:
    """Every run of ``n`` consecutive words of a text (word n-grams).

    Parameters
    ----------
    text : str
    n : int
        Words per shingle.
    **options
        ``stopwords`` and ``stemmer``, as for :func:`matching_words`.

    Returns
    -------
    list of Shingle
        In reading order; a text of ``w`` words has ``w - n + 1`` of them
        (none if it is shorter than ``n``).

    Examples
    --------
    >>> [s.text for s in shingles("Noem toured the prison.", 3)]
    ['noem toured the', 'toured the prison']
    >>> shingles("Noem toured the prison.", 3)[1].start
    5
    """
    _check_n(n)
    found = matching_words(text, **options)
    return [
        Shingle(tuple(found.forms[i : i + n]), found.starts[i], found.ends[i + n - 1])
        for i in range(len(found) - n + 1)
    ]


def shingle_set(text: str, n: int = DEFAULT_N, **options) -> set[tuple[str, ...]]:
    """The distinct shingles of a text, as a set of word tuples.

    Examples
    --------
    >>> sorted(shingle_set("a rose is a rose is a rose", 3))
    [('a', 'rose', 'is'), ('is', 'a', 'rose'), ('rose', 'is', 'a')]
    """
    _check_n(n)
    forms = matching_words(text, offsets=False, **options).forms
    return {tuple(forms[i : i + n]) for i in range(len(forms) - n + 1)}


@dataclass(frozen=True)
class SharedShingle:
    """A shingle found in two texts, with every place it stands in each."""

    text: str
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]


def shared_shingles(a, b, n: int = DEFAULT_N, **options) -> list[SharedShingle]:
    """The shingles two texts have in common, with their positions.

    Parameters
    ----------
    a, b : str or Article
    n : int
        Words per shingle.
    **options
        ``stopwords`` and ``stemmer``, as for :func:`matching_words`.

    Returns
    -------
    list of SharedShingle
        In the order they first appear in ``a``.

    Examples
    --------
    >>> found = shared_shingles("The council voted to close it.", "Yesterday the council voted to close the branch.", 4)
    >>> [s.text for s in found]
    ['the council voted to', 'council voted to close']
    >>> found[0].a_spans, found[0].b_spans
    (((0, 20),), ((10, 30),))
    """
    spans_a = _shingle_spans(_text_of(a), n, options)
    spans_b = _shingle_spans(_text_of(b), n, options)
    return [
        SharedShingle(" ".join(words), tuple(places), tuple(spans_b[words]))
        for words, places in spans_a.items()
        if words in spans_b
    ]


def _shingle_spans(text: str, n: int, options: dict) -> dict:
    _check_n(n)
    found = matching_words(text, **options)
    spans: dict = {}
    for i in range(len(found) - n + 1):
        spans.setdefault(tuple(found.forms[i : i + n]), []).append((found.starts[i], found.ends[i + n - 1]))
    return spans


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


def jaccard(a: set, b: set) -> float:
    """Shared elements divided by all distinct elements of both sets.

    1.0 for identical sets, 0.0 when nothing is shared (or both are empty).

    Examples
    --------
    >>> jaccard({"a", "b", "c"}, {"b", "c", "d"})
    0.5
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: set, b: set) -> float:
    """Shared elements divided by the size of the smaller set.

    1.0 when the smaller set lies wholly inside the larger one, however much
    longer that is: the score for "one text was copied into another".

    Examples
    --------
    >>> containment({"a", "b"}, {"a", "b", "c", "d", "e", "f"})
    1.0
    >>> containment(set(), {"a"})
    0.0
    """
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def overlap_scores(a, b, n: int = DEFAULT_N, **options) -> dict:
    """Jaccard and containment of two texts' shingles.

    Parameters
    ----------
    a, b : str or Article
    n : int
    **options
        ``stopwords`` and ``stemmer``, as for :func:`matching_words`.

    Returns
    -------
    dict
        ``jaccard``, ``containment`` (rounded to 4 places), ``shared`` (number
        of shared distinct shingles) and ``a_shingles``, ``b_shingles``.

    Examples
    --------
    >>> overlap_scores("one two three four", "one two three five", n=2)
    {'jaccard': 0.5, 'containment': 0.6667, 'shared': 2, 'a_shingles': 3, 'b_shingles': 3}
    """
    set_a = shingle_set(_text_of(a), n, **options)
    set_b = shingle_set(_text_of(b), n, **options)
    return {
        "jaccard": round(jaccard(set_a, set_b), 4),
        "containment": round(containment(set_a, set_b), 4),
        "shared": len(set_a & set_b),
        "a_shingles": len(set_a),
        "b_shingles": len(set_b),
    }


@dataclass
class OverlapMatrix:
    """Scores of every pair of articles, ready for a heatmap.

    ``jaccard[i][j]``, ``containment[i][j]`` and ``shared[i][j]`` compare
    article ``labels[i]`` with article ``labels[j]``; the diagonal compares
    an article with itself (1.0, or 0.0 for an article shorter than ``n``).
    """

    labels: list[str]
    files: list[str]
    n: int
    jaccard: list[list[float]]
    containment: list[list[float]]
    shared: list[list[int]]

    def values(self, measure: str = "containment") -> list[list[float]]:
        """The matrix of one measure: "jaccard", "containment" or "shared"."""
        if measure not in ("jaccard", "containment", "shared"):
            raise ValueError(f"Unknown measure {measure!r}: use 'jaccard', 'containment' or 'shared'.")
        return getattr(self, measure)

    def pairs(self, measure: str = "containment") -> list[tuple[str, str, float]]:
        """Every pair once, highest score first: ``(label, label, score)``."""
        values = self.values(measure)
        rows = [(self.labels[i], self.labels[j], values[i][j]) for i, j in combinations(range(len(self.labels)), 2)]
        return sorted(rows, key=lambda row: -row[2])


def overlap_matrix(corpus, n: int = DEFAULT_N, **options) -> OverlapMatrix:
    """Jaccard and containment for every pair of articles, as matrices.

    Parameters
    ----------
    corpus : Corpus, list of Article or text, or dict of label → text (see helpers.corpus.as_articles)
    n : int
        Words per shingle.
    **options
        ``stopwords`` and ``stemmer``, as for :func:`matching_words`.

    Returns
    -------
    OverlapMatrix

    Examples
    --------
    >>> matrix = overlap_matrix({"A": "a b c d e", "B": "a b c d f", "C": "q r s t u"}, n=2)
    >>> matrix.labels, matrix.containment[0][1], matrix.shared[0][2]
    (['A', 'B', 'C'], 0.75, 0)
    """
    articles = as_articles(corpus)
    _check_n(n)
    sets = [_hash_set(matching_words(a.text, offsets=False, **options).forms, n) for a in articles]
    size = len(articles)
    jac = [[0.0] * size for _ in range(size)]
    con = [[0.0] * size for _ in range(size)]
    shared = [[0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i, size):
            common = int(len(np.intersect1d(sets[i], sets[j], assume_unique=True)))
            union = len(sets[i]) + len(sets[j]) - common
            smaller = min(len(sets[i]), len(sets[j]))
            jac[i][j] = jac[j][i] = round(common / union, 4) if union else 0.0
            con[i][j] = con[j][i] = round(common / smaller, 4) if smaller else 0.0
            shared[i][j] = shared[j][i] = common
    return OverlapMatrix([a.label for a in articles], [a.file for a in articles], n, jac, con, shared)


def scores_by_n(a, b, ns=range(1, 11), **options) -> list[dict]:
    """How Jaccard and containment of two texts change with the shingle size.

    Short shingles are shared by any two texts on the same topic ("the
    prison"); long ones only by copied text. Watching the scores fall as
    ``n`` grows shows which kind of overlap you are looking at.

    Parameters
    ----------
    a, b : str or Article
    ns : iterable of int
    **options
        ``stopwords`` and ``stemmer``, as for :func:`matching_words`.

    Returns
    -------
    list of dict
        ``{"n", "jaccard", "containment", "shared"}`` for each ``n``.

    Examples
    --------
    >>> [row["shared"] for row in scores_by_n("we did not take this lightly", "they did not take this well", ns=[1, 3, 5])]
    [4, 2, 0]
    """
    words_a = matching_words(_text_of(a), offsets=False, **options).forms
    words_b = matching_words(_text_of(b), offsets=False, **options).forms
    rows = []
    for n in ns:
        _check_n(n)
        set_a = {tuple(words_a[i : i + n]) for i in range(len(words_a) - n + 1)}
        set_b = {tuple(words_b[i : i + n]) for i in range(len(words_b) - n + 1)}
        rows.append(
            {
                "n": n,
                "jaccard": round(jaccard(set_a, set_b), 4),
                "containment": round(containment(set_a, set_b), 4),
                "shared": len(set_a & set_b),
            }
        )
    return rows


# ---------------------------------------------------------------------------
# Aligned passages
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A passage found in two texts: offsets in each, matching words, kind.

    ``text_a[a_start:a_end]`` and ``text_b[b_start:b_end]`` are the two
    versions; they are identical word for word except for the small gaps
    that were bridged. ``words`` counts the words that match exactly.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    kind: str = "prose"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Paraphrase:
    """Two sentences that say much the same in different words.

    ``score`` is the Dice similarity of their content words (stems, without
    stopwords): 1.0 when they use the same content words, 0.6 when 60% of
    all their content words are shared.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


def _runs_between(forms_a: list[str], forms_b: list[str], n: int) -> list[tuple[int, int, int]]:
    """Maximal runs of at least ``n`` identical words: ``(start in a, start in b, length)``."""
    places: dict = {}
    for j in range(len(forms_b) - n + 1):
        places.setdefault(tuple(forms_b[j : j + n]), []).append(j)
    matches = set()
    for i in range(len(forms_a) - n + 1):
        for j in places.get(tuple(forms_a[i : i + n]), ()):
            matches.add((i, j))
    runs = []
    for i, j in matches:
        if (i - 1, j - 1) in matches:
            continue
        k = 1
        while (i + k, j + k) in matches:
            k += 1
        runs.append((i, j, k + n - 1))
    return sorted(runs)


def _chain_runs(runs, max_gap: int, min_words: int, forms_a=None, forms_b=None) -> list[tuple]:
    """Join runs across small gaps into passages (word indices).

    Runs are taken in reading order of ``a``; each joins the open passage
    that it continues with the smallest gap (at most ``max_gap`` words in
    each text), or starts a new one. Where two runs overlap (a repeated
    word), the later one is trimmed. With the words of both texts, the
    fragments are then joined across longer gaps that differ in at most
    ``max_gap`` words (see :func:`_join_fragments`). Passages with fewer
    than ``min_words`` matching words are dropped, and of passages that
    overlap in both texts only the longest is kept.

    Returns ``(a0, a1, b0, b1, words, pieces)`` tuples, ``pieces`` being the
    runs ``(a0, b0, length)`` the passage is made of, in order.
    """
    chains: list[list] = []
    open_chains: list[list] = []
    for a0, b0, length in sorted(runs, key=lambda r: (r[0], r[1], -r[2])):
        best = None
        best_key = None
        for chain in open_chains:
            trim = max(0, chain[1] - a0, chain[3] - b0)
            if trim >= length:
                continue
            gap_a = a0 + trim - chain[1]
            gap_b = b0 + trim - chain[3]
            if gap_a > max_gap or gap_b > max_gap:
                continue
            key = (gap_a + gap_b, -chain[4])
            if best_key is None or key < best_key:
                best, best_key = (chain, trim), key
        if best is None:
            chain = [a0, a0 + length, b0, b0 + length, length, [(a0, b0, length)]]
            chains.append(chain)
            open_chains.append(chain)
        else:
            chain, trim = best
            chain[1] = a0 + length
            chain[3] = b0 + length
            chain[4] += length - trim
            chain[5].append((a0 + trim, b0 + trim, length - trim))
        open_chains = [c for c in open_chains if c[1] + max_gap >= a0]
    if forms_a is not None and forms_b is not None:
        chains = _join_fragments(chains, forms_a, forms_b, max_gap)
    long_enough = sorted((c for c in chains if c[4] >= min_words), key=lambda c: (-c[4], c[0], c[2]))
    kept: list[list] = []
    for chain in long_enough:
        if any(chain[0] < k[1] and k[0] < chain[1] and chain[2] < k[3] and k[2] < chain[3] for k in kept):
            continue
        kept.append(chain)
    return sorted((c[0], c[1], c[2], c[3], c[4], tuple(c[5])) for c in kept)


def _gap_matches(gap_a: list[str], gap_b: list[str]) -> list[tuple[int, int, int]]:
    """Identical words in order between two short gaps: ``(start in a, start in b, length)`` blocks."""
    if not gap_a or not gap_b:
        return []
    blocks = SequenceMatcher(None, gap_a, gap_b, autojunk=False).get_matching_blocks()
    return [(i, j, size) for i, j, size in blocks if size]


def _join_fragments(chains: list[list], forms_a, forms_b, max_gap: int) -> list[list]:
    """Join fragments of one passage that a run of edits split apart.

    Between two runs of ``n`` identical words an edited copy often keeps
    shorter runs ("the old *branch* library" for "the old *town* library"):
    too short to be found in the index, so the gap between the fragments
    looks longer than it is. Two fragments in reading order in both texts
    are joined when, once the identical words of the gap are lined up, at
    most ``max_gap`` words differ in each text; those words then count as
    matching. Gaps are at most ``8 * (max_gap + 1)`` words long.

    Chains are ``[a0, a1, b0, b1, words, pieces]`` lists; the joined list
    keeps that shape.
    """
    if len(chains) < 2:
        return chains
    reach = 8 * (max_gap + 1)
    joined: list[list] = []
    for chain in sorted(chains, key=lambda c: (c[0], c[2])):
        best, best_key = None, None
        for k in range(len(joined) - 1, -1, -1):
            other = joined[k]
            if chain[0] - other[1] > reach:
                break
            gap_a, gap_b = chain[0] - other[1], chain[2] - other[3]
            if gap_a < 0 or gap_b < 0 or gap_b > reach:
                continue
            blocks = _gap_matches(forms_a[other[1] : chain[0]], forms_b[other[3] : chain[2]])
            same = sum(size for _, _, size in blocks)
            if gap_a - same > max_gap or gap_b - same > max_gap:
                continue
            key = (gap_a + gap_b - 2 * same, -other[4])
            if best_key is None or key < best_key:
                best, best_key = (k, blocks, same), key
        if best is None:
            joined.append([chain[0], chain[1], chain[2], chain[3], chain[4], list(chain[5])])
            continue
        k, blocks, same = best
        other = joined.pop(k)
        pieces = other[5] + [(other[1] + i, other[3] + j, size) for i, j, size in blocks] + list(chain[5])
        joined.append([other[0], chain[1], other[2], chain[3], other[4] + same + chain[4], pieces])
        joined.sort(key=lambda c: (c[1], c[3]))
    return joined


def _word_flags(words: MatchingWords, text: str, lines) -> tuple[list[bool], list[bool], list[int]]:
    """For each word: is it quoted, is it on a furniture line, and which line is it on?"""
    starts = np.asarray(words.starts, dtype=np.int64)
    quotes = quoted_spans(text)
    if quotes:
        quote_starts = np.array([a for a, _ in quotes])
        quote_ends = np.array([b for _, b in quotes])
        k = np.searchsorted(quote_starts, starts, side="right") - 1
        quoted = (k >= 0) & (starts < quote_ends[np.maximum(k, 0)])
    else:
        quoted = np.zeros(len(starts), dtype=bool)
    line_starts = np.array([line.start for line in lines] or [0])
    line_of = np.searchsorted(line_starts, starts, side="right") - 1
    is_furniture = np.array([line.kind in FURNITURE_KINDS for line in lines] or [False])
    furniture = (line_of >= 0) & is_furniture[np.maximum(line_of, 0)]
    return quoted.tolist(), furniture.tolist(), line_of.tolist()


def passage_kind(a_quoted: list[bool], b_quoted: list[bool], a_furniture: list[bool], b_furniture: list[bool]) -> str:
    """Say what a passage probably is, from flags on its words in each text.

    Parameters
    ----------
    a_quoted, b_quoted : list of bool
        For each word of the passage in each text: is it inside quotation marks?
    a_furniture, b_furniture : list of bool
        For each word: does it stand on a line of page furniture
        (see ``FURNITURE_KINDS``)?

    Returns
    -------
    str
        ``"boilerplate"`` if at least half its words are page furniture in
        either text; ``"quotation"`` if at least half its words are quoted in
        both texts; otherwise ``"prose"``. See ``KIND_HINTS``.

    Examples
    --------
    >>> passage_kind([True, True, False], [True, True, True], [False] * 3, [False] * 3)
    'quotation'
    >>> passage_kind([True, False, False], [True, True, True], [False] * 3, [False] * 3)
    'prose'
    """

    return _kind_from_shares(_share(a_quoted), _share(b_quoted), _share(a_furniture), _share(b_furniture))


def _share(flags) -> float:
    return sum(flags) / len(flags) if len(flags) else 0.0


def _kind_from_shares(a_quoted: float, b_quoted: float, a_furniture: float, b_furniture: float) -> str:
    if a_furniture >= 0.5 or b_furniture >= 0.5:
        return "boilerplate"
    if a_quoted >= 0.5 and b_quoted >= 0.5:
        return "quotation"
    return "prose"


class _Text:
    """One article's words, offsets and flags, computed once and reused."""

    def __init__(self, article: Article, options: dict):
        self.article = article
        self.options = options
        self._words: MatchingWords | None = None
        self._forms: list[str] | None = None
        self._flags = None
        self._breaks: list[int] = []
        self.word_hashes: np.ndarray | None = None
        self._shingles = None
        self.sentence_cache: dict = {}
        self.settled_lines: frozenset = frozenset()
        self.unpaired_lines: frozenset = frozenset()
        self._counts = None

    @property
    def forms(self) -> list[str]:
        if self._forms is None:
            self._forms = matching_words(self.article.text, offsets=False, **self.options).forms
        return self._forms

    @property
    def words(self) -> MatchingWords:
        if self._words is None:
            self._words = matching_words(self.article.text, **self.options)
            self._forms = self._words.forms
        return self._words

    def hashes(self) -> np.ndarray:
        """One number per word (see :func:`helpers.reuse_index.hash_words`)."""
        if self.word_hashes is None:
            self.word_hashes = hash_words(self.forms)
        return self.word_hashes

    def shingle_hashes(self, n: int) -> np.ndarray:
        """The distinct shingle hashes, sorted."""
        if self._shingles is None:
            self._shingles = np.unique(ngram_hashes(self.hashes(), n))
        return self._shingles

    @property
    def flags(self):
        if self._flags is None:
            self._flags = _word_flags(self.words, self.article.text, self.article.lines)
            line_of = np.asarray(self._flags[2], dtype=np.int64)
            self._breaks = (np.flatnonzero(line_of[1:] != line_of[:-1]) + 1).tolist()
        return self._flags

    @property
    def flag_counts(self) -> tuple[list[int], list[int]]:
        """Running counts of quoted and furniture words (``counts[k]`` = flags among the first ``k`` words)."""
        if self._counts is None:
            quoted, furniture, _ = self.flags
            self._counts = tuple(np.concatenate([[0], np.cumsum(flags, dtype=np.int64)]).tolist() for flags in (quoted, furniture))
        return self._counts

    def skipped_lines(self) -> frozenset:
        """Indexes of the lines whose sentences can be no paraphrase in any pair searched."""
        return self.settled_lines | self.unpaired_lines

    @property
    def breaks(self) -> list[int]:
        """Indexes of the words that start a new line."""
        _ = self.flags
        return self._breaks


#: Corpora with more words than this are split into words by several
#: processes (when the machine has more than one core).
PARALLEL_WORDS = 1_500_000


def _hash_batch(batch: tuple[list[str], dict]) -> list[np.ndarray]:
    texts, options = batch
    return [hash_words(matching_words(text, offsets=False, **options).forms) for text in texts]


def _hash_texts(texts: list[_Text], workers: int | None) -> None:
    """Give every text its word hashes, in several processes for a large corpus.

    Worker processes are forked from this one, so they share its string
    hash function and their numbers match the ones made here.
    """
    size = sum(len(t.article.text) for t in texts) // 6  # about six characters per word
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if size > PARALLEL_WORDS else 1
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods() and len(texts) > 1:
        todo = [t for t in texts if t.word_hashes is None]
        parts = workers * 4
        batches = [([t.article.text for t in todo[k::parts]], todo[0].options) for k in range(parts)] if todo else []
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_hash_batch, batches, chunksize=1)
        for k, hashes in enumerate(results):
            for text, values in zip(todo[k::parts], hashes):
                text.word_hashes = values
    for text in texts:
        text.hashes()


_FORKED_TEXTS: list = []


def _sentence_batch(numbers: list[int]) -> list:
    return [
        _make_sentence_sets(_FORKED_TEXTS[k], "porter", PARAPHRASE_MIN_WORDS, _FORKED_TEXTS[k].skipped_lines())
        for k in numbers
    ]


def _sentence_sets_of(texts: list[_Text], workers: int | None = None) -> None:
    """Give every text its sentence sets, in several processes for a large corpus.

    The lines in each text's ``settled_lines`` and ``unpaired_lines`` are
    left out (see :func:`_settle_lines` and :func:`_find_unpaired_lines`). The workers are forked from this process, so
    they see the texts (with the words already found) without copying them;
    only the sentence sets come back.
    """
    global _FORKED_TEXTS
    todo = [t for t in texts if ("porter", PARAPHRASE_MIN_WORDS) not in t.sentence_cache]
    size = sum(len(t.article.text) for t in todo) // 6  # about six characters per word
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if size > PARALLEL_WORDS // 3 else 1
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods() and len(todo) > 1:
        _FORKED_TEXTS = todo
        parts = workers * 4
        batches = [list(range(k, len(todo), parts)) for k in range(parts)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_sentence_batch, batches, chunksize=1)
        finally:
            _FORKED_TEXTS = []
        for batch, found in zip(batches, results):
            for k, sets in zip(batch, found):
                todo[k].sentence_cache[("porter", PARAPHRASE_MIN_WORDS)] = sets
    for text in todo:
        if ("porter", PARAPHRASE_MIN_WORDS) not in text.sentence_cache:
            text.sentence_cache[("porter", PARAPHRASE_MIN_WORDS)] = _make_sentence_sets(
                text, "porter", PARAPHRASE_MIN_WORDS, text.skipped_lines()
            )


def _split_by_kind(pieces, text_a: "_Text", text_b: "_Text", min_words: int) -> list[list]:
    """Cut a passage where it crosses a line break and its kind changes.

    A copied paragraph followed by a shared quotation becomes two passages,
    one of each kind; pieces shorter than ``min_words`` join a neighbour.
    Returns ``[a0, a1, b0, b1, words, kind]`` lists (word indices).
    """
    line_a = text_a.flags[2]
    line_b = text_b.flags[2]
    segments: list[list] = []
    for a0, b0, length in pieces:
        cuts = {0, length}
        for k in range(bisect_right(text_a.breaks, a0), bisect_right(text_a.breaks, a0 + length - 1)):
            cuts.add(text_a.breaks[k] - a0)
        for k in range(bisect_right(text_b.breaks, b0), bisect_right(text_b.breaks, b0 + length - 1)):
            cuts.add(text_b.breaks[k] - b0)
        bounds = sorted(cuts)
        for first, last in zip(bounds, bounds[1:]):
            i, j = a0 + first, b0 + first
            key = (line_a[i], line_b[j])
            if segments and segments[-1][6] == key:
                segments[-1][1], segments[-1][3] = a0 + last, b0 + last
                segments[-1][4] += last - first
            else:
                segments.append([i, a0 + last, j, b0 + last, last - first, "", key])

    counts_a, counts_b = text_a.flag_counts, text_b.flag_counts

    def share(counts, which, start, stop):
        return (counts[which][stop] - counts[which][start]) / (stop - start) if stop > start else 0.0

    def kind_of(seg):
        a0, a1, b0, b1 = seg[0], seg[1], seg[2], seg[3]
        return _kind_from_shares(
            share(counts_a, 0, a0, a1), share(counts_b, 0, b0, b1), share(counts_a, 1, a0, a1), share(counts_b, 1, b0, b1)
        )

    def join(first, second, kind):
        return [first[0], second[1], first[2], second[3], first[4] + second[4], kind, None]

    merged: list[list] = []
    for seg in segments:
        seg[5] = kind_of(seg)
        if merged and merged[-1][5] == seg[5]:
            merged[-1] = join(merged[-1], seg, seg[5])
        else:
            merged.append(seg)
    while len(merged) > 1:
        short = min(range(len(merged)), key=lambda k: (merged[k][4], k))
        if merged[short][4] >= min_words:
            break
        other = short - 1 if short > 0 else short + 1
        first, second = sorted((short, other))
        bigger = merged[other]
        merged[first : second + 1] = [join(merged[first], merged[second], bigger[5])]
    for seg in merged:
        seg[5] = kind_of(seg)
    return [seg[:6] for seg in merged]


def _to_passages(chains, text_a: "_Text", text_b: "_Text", min_words: int) -> list[Passage]:
    words_a, words_b = text_a.words, text_b.words
    passages = []
    for chain in chains:
        for a0, a1, b0, b1, matched, kind in _split_by_kind(chain[5], text_a, text_b, min_words):
            passages.append(
                Passage(words_a.starts[a0], words_a.ends[a1 - 1], words_b.starts[b0], words_b.ends[b1 - 1], matched, kind)
            )
    return passages


def align_passages(
    a,
    b,
    *,
    n: int = DEFAULT_N,
    min_words: int = DEFAULT_MIN_WORDS,
    max_gap: int = DEFAULT_MAX_GAP,
    stopwords=None,
    stemmer: str | None = None,
) -> list[Passage]:
    """Find the passages two texts share, with their offsets in both.

    Every run of at least ``n`` identical words (after normalising case and
    quotes) is found; runs separated by at most ``max_gap`` words in each
    text (a changed, added or dropped word) are joined into one passage,
    and so are fragments separated by a longer gap in which, once its
    identical words are lined up, at most ``max_gap`` words differ in each
    text (edits close together). Passages with at least ``min_words``
    matching words are returned.

    Parameters
    ----------
    a, b : str or Article
        With an Article, its lines tell page furniture from prose.
    n : int
        Shortest run of identical words that starts a passage.
    min_words : int
        Fewest matching words a passage must have.
    max_gap : int
        Most words skipped in each text between two runs of one passage.
    stopwords, stemmer
        As for :func:`matching_words` (default: compare every word as written).

    Returns
    -------
    list of Passage
        In reading order of ``a``.

    Examples
    --------
    >>> a = "Officials said the council voted on Tuesday to close the old branch library. Nobody objected."
    >>> b = "The council voted on Tuesday night to close the old branch library, residents learned."
    >>> [passage] = align_passages(a, b, n=4, min_words=8)
    >>> a[passage.a_start:passage.a_end]
    'the council voted on Tuesday to close the old branch library'
    >>> b[passage.b_start:passage.b_end]
    'The council voted on Tuesday night to close the old branch library'
    >>> passage.words, passage.kind
    (11, 'prose')
    """
    _check_settings(n, min_words, max_gap)
    options = {"stopwords": stopwords, "stemmer": stemmer}
    text_a, text_b = _Text(as_article(a, "a.txt", "A"), options), _Text(as_article(b, "b.txt", "B"), options)
    runs = _runs_between(text_a.words.forms, text_b.words.forms, n)
    chains = _chain_runs(runs, max_gap, min_words, text_a.words.forms, text_b.words.forms)
    return _to_passages(chains, text_a, text_b, min_words)


# ---------------------------------------------------------------------------
# Paraphrases
# ---------------------------------------------------------------------------


def _sentence_sets(text: _Text, stemmer: str, min_content: int) -> list[tuple[int, int, frozenset]]:
    """Each prose sentence's span and its set of content stems (remembered per text)."""
    key = (stemmer, min_content)
    if key not in text.sentence_cache:
        text.sentence_cache[key] = _make_sentence_sets(text, stemmer, min_content)
    return text.sentence_cache[key]


def _make_sentence_sets(
    text: _Text, stemmer: str, min_content: int, skip: frozenset = frozenset()
) -> list[tuple[int, int, frozenset]]:
    """The sets of :func:`_sentence_sets`, leaving out the lines whose indexes are in ``skip``.

    Sentences never cross a line, so splitting only the other lines gives
    exactly their sentences.
    """
    article = text.article
    stopwords = _default_stopwords()
    raw = text.words if not (text.options.get("stopwords") or text.options.get("stemmer")) else matching_words(article.text)
    starts = raw.starts
    result = []
    lines = article.lines
    if skip:
        lines = tuple(line for line in lines if line.index not in skip)
    for sentence in split_sentences(article, lines):
        if sentence.kind in FURNITURE_KINDS:
            continue
        first = bisect_right(starts, sentence.start - 1)
        last = bisect_right(starts, sentence.end - 1)
        content = frozenset(stem(form, stemmer) for form in raw.forms[first:last] if form not in stopwords)
        if len(content) >= min_content:
            result.append((sentence.start, sentence.end, content))
    return result


def _sentence_pairs(sets_a, sets_b, threshold: float) -> list:
    """Every sentence pair of two articles whose Dice similarity reaches the threshold."""
    candidates = []
    for sa0, sa1, items_a in sets_a:
        for sb0, sb1, items_b in sets_b:
            score = 2 * len(items_a & items_b) / (len(items_a) + len(items_b))
            if score >= threshold - 1e-12:
                candidates.append((score, (sa0, sa1), (sb0, sb1)))
    return candidates


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    """Share of the characters of ``[start, end)`` that lie inside ``spans``."""
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return inside / (end - start)


def _pick_paraphrases(candidates, passages: list[Passage]) -> list[Paraphrase]:
    """One-to-one sentence pairs, best first, leaving out those mostly copied verbatim."""
    spans_a = [(p.a_start, p.a_end) for p in passages]
    spans_b = [(p.b_start, p.b_end) for p in passages]
    used_a, used_b, chosen = set(), set(), []
    for score, sa, sb in sorted(candidates, key=lambda c: (-c[0], c[1][0], c[2][0])):
        if sa in used_a or sb in used_b:
            continue
        if _covered(sa[0], sa[1], spans_a) >= 0.5 or _covered(sb[0], sb[1], spans_b) >= 0.5:
            continue
        used_a.add(sa)
        used_b.add(sb)
        chosen.append(Paraphrase(sa[0], sa[1], sb[0], sb[1], round(score, 4)))
    return sorted(chosen, key=lambda p: (p.a_start, p.b_start))


def find_paraphrases(
    a,
    b,
    *,
    threshold: float = PARAPHRASE_THRESHOLD,
    min_words: int = PARAPHRASE_MIN_WORDS,
    stemmer: str = "porter",
    exclude: list[Passage] | None = None,
) -> list[Paraphrase]:
    """Find sentences of two texts that share most of their content words.

    Each sentence (from :func:`helpers.text.split_sentences`; page furniture
    left out) becomes the set of its content words: stopwords removed,
    the rest reduced to stems, so "deported" and "deportations" count as
    one. Two sentences are paraphrases when their Dice similarity
    ``2 × shared / (size a + size b)`` reaches ``threshold``. Each sentence
    is paired at most once (best match first), and sentence pairs that are
    mostly inside a verbatim passage are left to :func:`align_passages`.

    Parameters
    ----------
    a, b : str or Article
    threshold : float
        Smallest Dice similarity, between 0 and 1.
    min_words : int
        Sentences with fewer distinct content words are not compared
        (short sentences match too easily).
    stemmer : {"porter", "snowball"}
    exclude : list of Passage, optional
        Verbatim passages between ``a`` and ``b`` (by default they are
        found with :func:`align_passages`).

    Returns
    -------
    list of Paraphrase
        In reading order of ``a``.

    Examples
    --------
    >>> a = "The branch lends about 41,000 books a year to local families."
    >>> b = "Every year, local families borrow roughly 41,000 books from the branch."
    >>> [p] = find_paraphrases(a, b)
    >>> p.score, b[p.b_start:p.b_end] == b
    (0.8, True)
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be above 0 and at most 1, not {threshold}.")
    text_a = _Text(as_article(a, "a.txt", "A"), {})
    text_b = _Text(as_article(b, "b.txt", "B"), {})
    if exclude is None:
        exclude = align_passages(text_a.article, text_b.article)
    candidates = _sentence_pairs(
        _sentence_sets(text_a, stemmer, min_words), _sentence_sets(text_b, stemmer, min_words), threshold
    )
    return _pick_paraphrases(candidates, exclude)


# ---------------------------------------------------------------------------
# Pairs and corpora
# ---------------------------------------------------------------------------


@dataclass
class PairReport:
    """What two articles share: scores, aligned passages and paraphrases.

    ``a`` and ``b`` are file names (``a`` comes first in the corpus);
    offsets index each article's text as stored. :meth:`to_dict` gives the
    shape printed by ``python -m helpers reuse --json``.
    """

    a: str
    b: str
    jaccard: float
    containment: float
    passages: list[Passage] = field(default_factory=list)
    paraphrases: list[Paraphrase] = field(default_factory=list)
    a_label: str = ""
    b_label: str = ""
    shared: int = 0

    @property
    def copied_words(self) -> int:
        """Matching words in passages of copied prose (quotations and furniture left out)."""
        return sum(p.words for p in self.passages if p.kind == "prose")

    @property
    def strongest(self) -> Passage | None:
        """The longest aligned passage, or None."""
        return max(self.passages, key=lambda p: (p.words, -p.a_start), default=None)

    def to_dict(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "jaccard": self.jaccard,
            "containment": self.containment,
            "passages": [p.to_dict() for p in self.passages],
            "paraphrases": [p.to_dict() for p in self.paraphrases],
        }


def reports_to_json(reports: list[PairReport]) -> dict:
    """The JSON shape of the ``reuse`` command: ``{"pairs": [...]}``.

    Examples
    --------
    >>> reports_to_json([PairReport("a.txt", "b.txt", 0.5, 0.75)])
    {'pairs': [{'a': 'a.txt', 'b': 'b.txt', 'jaccard': 0.5, 'containment': 0.75, 'passages': [], 'paraphrases': []}]}
    """
    return {"pairs": [report.to_dict() for report in reports]}


def strongest_passages(reports: list[PairReport], top: int = 5, kinds=("prose",)) -> list[tuple[PairReport, Passage]]:
    """The longest aligned passages over all pairs, longest first.

    Parameters
    ----------
    reports : list of PairReport
        From :func:`compare_corpus`.
    top : int
        How many to return.
    kinds : tuple of str or None
        Passage kinds to keep (default copied prose only; None keeps all).

    Returns
    -------
    list of (PairReport, Passage)

    Examples
    --------
    >>> report = PairReport("a.txt", "b.txt", 0.2, 0.3, [Passage(0, 40, 5, 45, 8), Passage(50, 99, 60, 109, 9, "quotation")])
    >>> [(r.a, p.words) for r, p in strongest_passages([report])]
    [('a.txt', 8)]
    """
    found = [(r, p) for r in reports for p in r.passages if kinds is None or p.kind in kinds]
    found.sort(key=lambda item: (-item[1].words, item[0].a, item[0].b, item[1].a_start))
    return found[:top]


def compare_pair(
    a,
    b,
    *,
    n: int = DEFAULT_N,
    min_words: int = DEFAULT_MIN_WORDS,
    max_gap: int = DEFAULT_MAX_GAP,
    paraphrases: bool = True,
    paraphrase_threshold: float = PARAPHRASE_THRESHOLD,
    stopwords=None,
    stemmer: str | None = None,
) -> PairReport:
    """Compare two articles: scores, aligned passages and paraphrases.

    Parameters
    ----------
    a, b : str or Article
    n, min_words, max_gap, stopwords, stemmer
        As for :func:`align_passages`.
    paraphrases : bool
        Also look for paraphrased sentences.
    paraphrase_threshold : float
        As ``threshold`` of :func:`find_paraphrases`.

    Returns
    -------
    PairReport

    Examples
    --------
    >>> report = compare_pair("It rained on the town all day long.", "Yesterday it rained on the town all day long.")
    >>> report.containment, len(report.passages), report.passages[0].words
    (1.0, 1, 8)
    """
    article_a, article_b = as_article(a, "a.txt", "A"), as_article(b, "b.txt", "B")
    reports = compare_corpus(
        [article_a, article_b],
        n=n,
        min_words=min_words,
        max_gap=max_gap,
        paraphrases=paraphrases,
        paraphrase_threshold=paraphrase_threshold,
        stopwords=stopwords,
        stemmer=stemmer,
        include_all=True,
        method="all",
    )
    return reports[0]


#: Largest corpus for which ``include_all=True`` may list every pair.
MAX_ALL_PAIRS_ARTICLES = 1000


def compare_corpus(
    corpus,
    *,
    n: int = DEFAULT_N,
    min_words: int = DEFAULT_MIN_WORDS,
    max_gap: int = DEFAULT_MAX_GAP,
    paraphrases: bool | str = True,
    paraphrase_threshold: float = PARAPHRASE_THRESHOLD,
    stopwords=None,
    stemmer: str | None = None,
    include_all: bool = False,
    method: str = "index",
    window: int | None = None,
    workers: int | None = None,
) -> list[PairReport]:
    """Find every pair of articles that share passages or paraphrases.

    Parameters
    ----------
    corpus : Corpus, list of Article or text, or dict of label → text (see helpers.corpus.as_articles)
    n : int
        Words per shingle (scores) and shortest run that starts a passage.
    min_words : int
        Fewest matching words in a reported passage.
    max_gap : int
        Most words bridged in each text inside one passage.
    paraphrases : bool or {"all", "related", "none"}
        Also look for paraphrased sentences. True (default) searches every
        pair in corpora of up to ``PARAPHRASE_ALL_WORDS`` words and only
        pairs that share a passage in larger ones (see
        :func:`paraphrase_scope`).
    paraphrase_threshold : float
        Smallest Dice similarity of two sentences' content words.
    stopwords, stemmer
        As for :func:`matching_words` (default: compare words as written).
    include_all : bool
        Report every pair, even those sharing nothing (only for corpora of
        up to ``MAX_ALL_PAIRS_ARTICLES`` articles).
    method : {"index", "all"}
        ``"index"`` (default) finds candidate pairs with an inverted index
        of shingle hashes (:mod:`helpers.reuse_index`) and aligns only those;
        ``"all"`` aligns every pair word by word (slow; the reference the
        index is tested against). Both give the same pairs and passages.
    window : int, optional
        With ``method="index"``, keep only winnowed fingerprints (MOSS):
        a smaller index that still finds every pair sharing a run of
        ``window + n - 1`` identical words, but may miss shorter passages.
    workers : int, optional
        Processes used to split a large corpus into words (default: 2 when
        the corpus has more than ``PARALLEL_WORDS`` words and the machine
        more than one core; 1 otherwise).

    Returns
    -------
    list of PairReport
        Pairs with at least one passage or paraphrase (all pairs with
        ``include_all``), highest containment first.

    Notes
    -----
    Passages are checked word by word, so they are exact whatever the
    hashes do. Jaccard and containment count distinct 64-bit shingle
    hashes; two different shingles of one pair would have to share a hash
    to change them, a chance of about one in 10^13 for news-length articles.

    Examples
    --------
    >>> texts = {
    ...     "wire.txt": "The town council voted on Tuesday to close the branch library by June.",
    ...     "local.txt": "Residents learned that the town council voted on Tuesday to close the branch library.",
    ...     "other.txt": "A storm closed the harbour road for most of the week.",
    ... }
    >>> [report] = compare_corpus(texts)
    >>> report.a, report.b, report.passages[0].words
    ('wire.txt', 'local.txt', 11)
    """
    _check_settings(n, min_words, max_gap)
    if method not in ("index", "all"):
        raise ValueError(f"Unknown method {method!r}: use 'index' or 'all'.")
    articles = as_articles(corpus)
    _check_unique_files(articles)
    if include_all and len(articles) > MAX_ALL_PAIRS_ARTICLES:
        raise ValueError(
            f"include_all lists every pair: {len(articles)} articles make "
            f"{len(articles) * (len(articles) - 1) // 2:,} pairs. Leave include_all off "
            "to get only the pairs that share something."
        )
    options = {"stopwords": stopwords, "stemmer": stemmer}
    texts = [_Text(article, options) for article in articles]
    if method == "index":
        chains = _chains_from_index(texts, n, min_words, max_gap, window, workers)
    else:
        chains = {}
        for i, j in combinations(range(len(texts)), 2):
            found = _chain_runs(_runs_between(texts[i].forms, texts[j].forms, n), max_gap, min_words, texts[i].forms, texts[j].forms)
            if found:
                chains[(i, j)] = found
    passages = {pair: _to_passages(found, texts[pair[0]], texts[pair[1]], min_words) for pair, found in chains.items()}
    scope = paraphrase_scope(articles, paraphrases)
    similar = _corpus_paraphrases(texts, passages, paraphrase_threshold, scope) if scope != "none" else {}
    if include_all:
        pairs = list(combinations(range(len(texts)), 2))
    else:
        pairs = sorted(set(passages) | set(similar))
    reports = []
    for i, j in pairs:
        common, jac, con = _pair_scores(texts[i].shingle_hashes(n), texts[j].shingle_hashes(n))
        reports.append(
            PairReport(
                articles[i].file,
                articles[j].file,
                jac,
                con,
                passages.get((i, j), []),
                similar.get((i, j), []),
                articles[i].label,
                articles[j].label,
                common,
            )
        )
    reports.sort(key=lambda r: (-r.containment, -r.jaccard, -len(r.passages), r.a, r.b))
    return reports


def _chains_from_index(
    texts: list[_Text], n: int, min_words: int, max_gap: int, window: int | None, workers: int | None
) -> dict:
    """Candidate pairs and their runs from the inverted index, then passages."""
    _hash_texts(texts, workers)
    index = build_index([t.hashes() for t in texts], n, window=window)
    runs = find_runs(index)
    chains: dict = {}
    if not len(runs):
        return chains
    # Runs arrive sorted by pair; cut the arrays where the pair changes.
    change = np.flatnonzero((runs.a[1:] != runs.a[:-1]) | (runs.b[1:] != runs.b[:-1])) + 1
    bounds = np.concatenate([[0], change, [len(runs)]])
    longest = np.maximum.reduceat(runs.words, bounds[:-1])
    winnowed = index.window is not None
    # Cheap necessary conditions, checked for all pairs at once: a passage
    # is one run of min_words, or several runs each starting at most
    # max_gap words after an earlier one, covering min_words distinct words
    # in both texts.
    pair_of = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    near, covered_a = _reach(pair_of, runs.a_start, runs.words, max_gap, len(bounds) - 1)
    _, covered_b = _reach(pair_of, runs.b_start, runs.words, max_gap, len(bounds) - 1)
    keep = (longest >= min_words) | (near & (covered_a >= min_words) & (covered_b >= min_words))
    for k in np.flatnonzero(winnowed | keep):
        start, stop = int(bounds[k]), int(bounds[k + 1])
        i, j = int(runs.a[start]), int(runs.b[start])
        forms_a, forms_b = texts[i].words.forms, texts[j].words.forms
        pair_runs = None
        if not winnowed:
            pair_runs = list(
                zip(runs.a_start[start:stop].tolist(), runs.b_start[start:stop].tolist(), runs.words[start:stop].tolist())
            )
            # Hashes only point the way: check every run word by word. In
            # the rare case of a hash collision, align the pair from scratch.
            if not all(forms_a[a0 : a0 + k] == forms_b[b0 : b0 + k] for a0, b0, k in pair_runs):
                pair_runs = None
        if pair_runs is None:
            pair_runs = _runs_between(forms_a, forms_b, n)
        found = _chain_runs(pair_runs, max_gap, min_words, forms_a, forms_b)
        if found:
            chains[(i, j)] = found
    return chains


def _reach(pair_of, starts, lengths, max_gap: int, pairs: int):
    """Per pair: does a run start near (or inside) an earlier one, and how many words the runs cover."""
    big = int(starts.max() + lengths.max()) + max_gap + 1
    order = np.lexsort((starts, pair_of))
    owner = pair_of[order]
    begin = starts[order] + owner * big  # pairs kept apart on one number line
    end = begin + lengths[order]
    reach = np.maximum.accumulate(end)
    previous = np.concatenate([[-big], reach[:-1]])
    near_run = np.zeros(len(order), dtype=bool)
    near_run[1:] = (owner[1:] == owner[:-1]) & (begin[1:] <= previous[1:] + max_gap)
    near = np.zeros(pairs, dtype=bool)
    near[owner[near_run]] = True
    new_words = np.maximum(0, end - np.maximum(begin, previous))
    covered = np.bincount(owner, weights=new_words, minlength=pairs)
    return near, covered


def paraphrase_scope(corpus, paraphrases=True) -> str:
    """Which pairs :func:`compare_corpus` searches for paraphrases.

    ``"all"``: every pair, through an exact index of sentences (prefix
    filtering); ``"related"``: only pairs that share a verbatim passage;
    ``"none"``. ``True`` (the default) means ``"all"`` for corpora of up to
    ``PARAPHRASE_ALL_WORDS`` words and ``"related"`` above: at a low
    threshold nearly every sentence of a large corpus shares a few common
    words with thousands of others, and scoring them all would take minutes.

    Parameters
    ----------
    corpus : Corpus, list of Article or text, or dict of label → text (see helpers.corpus.as_articles)
    paraphrases : bool or {"all", "related", "none"}

    Returns
    -------
    str

    Examples
    --------
    >>> paraphrase_scope({"a.txt": "one text", "b.txt": "another"}), paraphrase_scope({}, False)
    ('all', 'none')
    """
    if paraphrases in ("all", "related", "none"):
        return paraphrases
    if paraphrases is False or paraphrases is None:
        return "none"
    if paraphrases is not True:
        raise ValueError(f"paraphrases must be True, False, 'all', 'related' or 'none', not {paraphrases!r}.")
    articles = corpus if isinstance(corpus, list) and all(isinstance(a, Article) for a in corpus) else as_articles(corpus)
    words = sum(len(a.text) for a in articles) // 6  # about six characters per word
    return "all" if words <= PARAPHRASE_ALL_WORDS else "related"


def _corpus_paraphrases(texts: list[_Text], passages: dict, threshold: float, scope: str) -> dict:
    """Paraphrased sentences: across all articles (prefix filtering) or within related pairs."""
    by_pair: dict = {}
    if scope == "all":
        spans, sets, owners = [], [], []
        for number, text in enumerate(texts):
            for start, end, items in _sentence_sets(text, "porter", PARAPHRASE_MIN_WORDS):
                spans.append((start, end))
                sets.append(items)
                owners.append(number)
        for x, y, score in similar_sets(sets, owners, threshold):
            i, j = owners[x], owners[y]
            if i > j:
                i, j, x, y = j, i, y, x
            by_pair.setdefault((i, j), []).append((score, spans[x], spans[y]))
    elif scope == "related":
        related = sorted({k for pair in passages for k in pair})
        _settle_lines(texts, related, passages, PARAPHRASE_MIN_WORDS)
        _find_unpaired_lines(texts, related, passages, threshold, PARAPHRASE_MIN_WORDS)
        _sentence_sets_of([texts[k] for k in related])
        for i, j in passages:
            candidates = _sentence_pairs(
                _sentence_sets(texts[i], "porter", PARAPHRASE_MIN_WORDS),
                _sentence_sets(texts[j], "porter", PARAPHRASE_MIN_WORDS),
                threshold,
            )
            if candidates:
                by_pair[(i, j)] = candidates
    found = {}
    for pair, candidates in by_pair.items():
        chosen = _pick_paraphrases(candidates, passages.get(pair, []))
        if chosen:
            found[pair] = chosen
    return found


def _settle_lines(texts: list[_Text], related: list[int], passages: dict, min_content: int) -> None:
    """Mark the lines of each text whose sentences no pair can use as paraphrases.

    A sentence pair is left out when either sentence is at least half
    covered by the pair's passages (:func:`_pick_paraphrases`). A sentence
    lies inside one line and holds the starts of at least ``min_content``
    distinct words, so it is at least ``min_content`` characters long; if
    at most ``min_content / 2`` characters of its line lie outside a pair's
    passages, every sentence of that line is at least half covered for that
    pair. A line for which this holds in every pair of its text is
    *settled*: splitting it into sentences could change no result, so
    :func:`_make_sentence_sets` skips it.
    """
    spans: dict = {k: [] for k in related}
    for (i, j), found in passages.items():
        spans[i].append([(p.a_start, p.a_end) for p in found])
        spans[j].append([(p.b_start, p.b_end) for p in found])
    for k in related:
        lines = [line for line in texts[k].article.lines if line.kind != "blank" and line.kind not in FURNITURE_KINDS]
        if not lines:
            continue
        starts = np.array([line.start for line in lines], dtype=np.int64)
        ends = starts + np.array([len(line.text) for line in lines], dtype=np.int64)
        settled = np.ones(len(lines), dtype=bool)
        for pair_spans in spans[k]:
            inside = _union_length(pair_spans, starts, ends)
            settled &= 2 * (ends - starts - inside) <= min_content
            if not settled.any():
                break
        texts[k].settled_lines = frozenset(lines[m].index for m in np.flatnonzero(settled).tolist())


def _find_unpaired_lines(texts: list[_Text], related: list[int], passages: dict, threshold: float, min_content: int) -> None:
    """Mark the lines of each text that share too few content stems with every line of its partners.

    A sentence's content set has at least ``min_content`` stems and lies
    inside its line's set (the stems of the content words on the line). So
    two sentences whose Dice similarity reaches ``threshold`` share at least
    ``threshold × min_content`` stems, and so do their lines. A line that
    shares fewer with every line of every partner of its text (lines settled
    by :func:`_settle_lines` left out: their sentences are no paraphrase)
    can hold no sentence of a paraphrase pair: :func:`_make_sentence_sets`
    skips it. Line sets are supersets of sentence sets, so this only ever
    leaves out sentences that could not be paired.
    """
    needed = (threshold - 1e-12) * min_content - 1e-9  # fewest shared stems, as in _sentence_pairs
    stopwords = _default_stopwords()
    stems: dict = {}
    line_sets: dict = {}
    for k in related:
        text = texts[k]
        raw = text.words if not (text.options.get("stopwords") or text.options.get("stemmer")) else matching_words(text.article.text)
        starts, forms = raw.starts, raw.forms
        found = {}
        for line in text.article.lines:
            if line.kind == "blank" or line.kind in FURNITURE_KINDS or line.index in text.settled_lines:
                continue
            first = bisect_right(starts, line.start - 1)
            last = bisect_right(starts, line.start + len(line.text) - 1)
            content = set()
            for form in forms[first:last]:
                if form not in stopwords:
                    found_stem = stems.get(form)
                    if found_stem is None:
                        found_stem = stems[form] = stem(form, "porter")
                    content.add(found_stem)
            if len(content) >= min_content:
                found[line.index] = content
        line_sets[k] = found
    paired: dict = {k: set() for k in related}
    for i, j in passages:
        lines_a, lines_b = line_sets[i], line_sets[j]
        for index_a, items_a in lines_a.items():
            for index_b, items_b in lines_b.items():
                if len(items_a & items_b) >= needed:
                    paired[i].add(index_a)
                    paired[j].add(index_b)
    for k in related:
        text = texts[k]
        text.unpaired_lines = frozenset(
            line.index
            for line in text.article.lines
            if line.index not in paired[k] and line.index not in text.settled_lines
        )


def _union_length(spans: list[tuple[int, int]], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each range ``[starts[m], ends[m])``, how many of its characters lie inside the union of ``spans``."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if not merged:
        return np.zeros(len(starts), dtype=np.int64)
    left = np.array([a for a, _ in merged], dtype=np.int64)
    right = np.array([b for _, b in merged], dtype=np.int64)
    before = np.concatenate([[0], np.cumsum(right - left)])  # covered characters before each span

    def covered_before(x):
        k = np.searchsorted(left, x, side="right")  # spans starting at or before x
        last = np.maximum(k - 1, 0)
        partial = np.where(k > 0, np.clip(x - left[last], 0, right[last] - left[last]), 0)
        return before[np.maximum(k - 1, 0)] * (k > 0) + partial

    return covered_before(ends) - covered_before(starts)


# ---------------------------------------------------------------------------
# Small shared pieces
# ---------------------------------------------------------------------------


def _hash_set(forms: list[str], n: int) -> np.ndarray:
    """The distinct shingle hashes of a list of words, sorted."""
    return np.unique(ngram_hashes(hash_words(forms), n))


def _common_count(set_a: np.ndarray, set_b: np.ndarray) -> int:
    """How many numbers two sorted arrays of distinct numbers share (binary search of the smaller in the larger)."""
    if len(set_a) > len(set_b):
        set_a, set_b = set_b, set_a
    if not len(set_a):
        return 0
    where = np.searchsorted(set_b, set_a)
    where[where == len(set_b)] = 0  # beyond the last number: no match (compared with the first, which is smaller)
    return int(np.count_nonzero(set_b[where] == set_a))


def _pair_scores(set_a: np.ndarray, set_b: np.ndarray) -> tuple[int, float, float]:
    common = _common_count(set_a, set_b)
    union = len(set_a) + len(set_b) - common
    smaller = min(len(set_a), len(set_b))
    return common, round(common / union, 4) if union else 0.0, round(common / smaller, 4) if smaller else 0.0


def _check_n(n) -> None:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= 16:
        raise ValueError(f"n (words per shingle) must be a whole number from 1 to 16, not {n!r}.")


def _check_settings(n, min_words, max_gap) -> None:
    _check_n(n)
    if not isinstance(min_words, (int, np.integer)) or min_words < 1:
        raise ValueError(f"min_words must be a whole number of at least 1, not {min_words!r}.")
    if not isinstance(max_gap, (int, np.integer)) or max_gap < 0:
        raise ValueError(f"max_gap must be a whole number of at least 0, not {max_gap!r}.")


def _text_of(item) -> str:
    return item if isinstance(item, str) else item.text


def _check_unique_files(articles: list[Article]) -> None:
    names = [a.file for a in articles]
    repeated = sorted({name for name in names if names.count(name) > 1}) if len(set(names)) < len(names) else []
    if repeated:
        raise ValueError(
            f"The file name(s) {', '.join(repeated)} appear more than once; pairs are named by file, "
            "so give each article a distinct file name."
        )

