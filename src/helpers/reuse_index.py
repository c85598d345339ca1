"""The fast path of :mod:`helpers.reuse`: an inverted index over hashed shingles.

Comparing every pair of articles does not scale: 10,000 articles make
almost 50 million pairs. This module finds the pairs worth looking at
without visiting the others, the way search engines and plagiarism finders
(MOSS, passim) do:

1. every word becomes a 64-bit number (its hash), and every run of ``n``
   words a number made from those (the shingle hash);
2. all shingle hashes of all articles go into one sorted array, an
   *inverted index*: equal shingles end up next to each other, whichever
   article they come from;
3. only shingles found in two or more articles produce *matches*
   ``(article a, position in a, article b, position in b)``;
4. matches on the same diagonal (``position in b - position in a``) at
   consecutive positions form a *run*: ``k`` consecutive matching shingles
   are ``k + n - 1`` identical words in a row.

Nothing is sampled or estimated, so no pair that shares a shingle is
missed. The hashes only decide where to look: :mod:`helpers.reuse` checks
the words of every run before reporting it, so a hash collision cannot
create a passage.

Optionally the index keeps only a *winnowed* subset of the shingles (the
smallest hash in every window of ``w`` consecutive shingles, as in MOSS;
Schleimer, Wilkerson and Aiken 2003). It is then about ``(w + 1) / 2``
times smaller, and still guarantees to find every pair that shares a run of
at least ``w + n - 1`` identical words.

Everything here works on NumPy arrays of numbers; the words themselves stay
in :mod:`helpers.reuse`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Runs",
    "ShingleIndex",
    "build_index",
    "find_runs",
    "guaranteed_run",
    "hash_words",
    "ngram_hashes",
    "similar_sets",
    "winnow",
]

# Fixed odd multipliers: the shingle hash of words w0..w(n-1) is
# mix(w0 * M0 + w1 * M1 + ...), computed with 64-bit wrap-around.
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x94D049BB133111EB,
        0xBF58476D1CE4E5B9, 0x85EBCA77C2B2AE63, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB,
        0x8EBC6AF09C88C6E3, 0x589965CC75374CC3, 0x1D8E4E27C47D124F, 0x2545F4914F6CDD1D,
    ],
    dtype=np.uint64,
)

#: How many matches are materialised at once; bounds the memory of :func:`find_runs`.
MATCH_CHUNK = 3_000_000


def hash_words(forms) -> np.ndarray:
    """Turn words into 64-bit numbers (equal words, equal numbers).

    Python's own string hash is used; it changes between Python sessions
    (so never store these numbers), but within one session equal words
    always get equal numbers.

    Parameters
    ----------
    forms : list of str

    Returns
    -------
    numpy.ndarray of uint64

    Examples
    --------
    >>> h = hash_words(["the", "prison", "the"])
    >>> h.dtype.name, len(h), bool(h[0] == h[2]), bool(h[0] == h[1])
    ('uint64', 3, True, False)
    """
    return np.fromiter(map(hash, forms), dtype=np.int64, count=len(forms)).view(np.uint64)


def _mix(values: np.ndarray) -> np.ndarray:
    """Scramble 64-bit numbers (the finaliser of SplitMix64), in place."""
    values ^= values >> np.uint64(30)
    values *= np.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> np.uint64(27)
    values *= np.uint64(0x94D049BB133111EB)
    values ^= values >> np.uint64(31)
    return values


def ngram_hashes(word_hashes: np.ndarray, n: int) -> np.ndarray:
    """Hash every run of ``n`` consecutive words.

    Parameters
    ----------
    word_hashes : numpy.ndarray of uint64
        One number per word, from :func:`hash_words`.
    n : int
        Words per shingle.

    Returns
    -------
    numpy.ndarray of uint64
        ``len(word_hashes) - n + 1`` numbers (none if the text is shorter
        than ``n`` words); entry ``i`` stands for words ``i .. i + n - 1``.

    Examples
    --------
    >>> h = ngram_hashes(hash_words("a b c a b c".split()), 3)
    >>> len(h), bool(h[0] == h[3]), bool(h[0] == h[1])
    (4, True, False)
    """
    if n < 1 or n > len(_MULTIPLIERS):
        raise ValueError(f"n must be between 1 and {len(_MULTIPLIERS)} words, not {n}.")
    count = len(word_hashes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    total = word_hashes[:count] * _MULTIPLIERS[0]
    for k in range(1, n):
        total += word_hashes[k : k + count] * _MULTIPLIERS[k]
    return _mix(total)


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Choose the fingerprints of a text: the smallest hash of every window.

    In every window of ``window`` consecutive shingle hashes the smallest
    one is chosen (the rightmost if it appears twice). Two texts that share
    ``window`` consecutive shingles therefore share a chosen fingerprint.

    Parameters
    ----------
    hashes : numpy.ndarray of uint64
        Shingle hashes from :func:`ngram_hashes`.
    window : int
        Shingles per window (1 keeps them all).

    Returns
    -------
    numpy.ndarray of int
        Positions of the chosen shingles, in increasing order.

    Examples
    --------
    >>> winnow(np.array([5, 3, 8, 3, 9, 1], dtype=np.uint64), 3).tolist()
    [1, 3, 5]
    """
    length = len(hashes)
    if length == 0:
        return np.zeros(0, dtype=np.int64)
    if window <= 1:
        return np.arange(length)
    if length <= window:
        reverse = hashes[::-1]
        return np.array([length - 1 - int(np.argmin(reverse))])
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)[:, ::-1]
    chosen = window - 1 - np.argmin(windows, axis=1) + np.arange(len(windows))
    return np.unique(chosen)


def guaranteed_run(n: int, window: int | None) -> int:
    """The shortest run of identical words that an index is sure to find.

    Parameters
    ----------
    n : int
        Words per shingle.
    window : int or None
        Winnowing window (None: every shingle is indexed).

    Returns
    -------
    int

    Examples
    --------
    >>> guaranteed_run(5, None), guaranteed_run(5, 4)
    (5, 8)
    """
    return n + max(1, window or 1) - 1


@dataclass
class ShingleIndex:
    """Shingle hashes of many texts, sorted so equal shingles sit together.

    Attributes
    ----------
    n : int
        Words per shingle.
    window : int or None
        Winnowing window, or None when every shingle is indexed.
    sizes : numpy.ndarray
        Number of words of each text.
    hashes, docs, positions : numpy.ndarray
        One entry per indexed shingle, sorted by hash (then text, then
        position): the shingle's hash (its high bits: the low bits are used
        for sorting, so rare equal values may be different shingles, which
        is why matches are checked word by word), the text it comes from
        (its index in the list given to :func:`build_index`) and the
        position of its first word in that text.
    """

    n: int
    window: int | None
    sizes: np.ndarray
    hashes: np.ndarray
    docs: np.ndarray
    positions: np.ndarray

    def __len__(self) -> int:
        return len(self.hashes)

    @property
    def nbytes(self) -> int:
        """Memory held by the index arrays, in bytes."""
        return int(self.hashes.nbytes + self.docs.nbytes + self.positions.nbytes + self.sizes.nbytes)


def build_index(texts_word_hashes: list[np.ndarray], n: int, *, window: int | None = None) -> ShingleIndex:
    """Index the shingles of many texts.

    Parameters
    ----------
    texts_word_hashes : list of numpy.ndarray
        For each text, the hashes of its words (:func:`hash_words`).
    n : int
        Words per shingle.
    window : int, optional
        Keep only winnowed fingerprints (see :func:`winnow`).

    Returns
    -------
    ShingleIndex

    Examples
    --------
    >>> texts = [hash_words(t.split()) for t in ["a b c d", "x a b c", "q r s"]]
    >>> index = build_index(texts, 3)
    >>> len(index), index.sizes.tolist()
    (5, [4, 4, 3])
    """
    sizes = np.array([len(w) for w in texts_word_hashes], dtype=np.int64)
    parts_h, parts_d, parts_p = [], [], []
    if window and window > 1:
        for number, words in enumerate(texts_word_hashes):
            hashes = ngram_hashes(words, n)
            chosen = winnow(hashes, window)
            parts_h.append(hashes[chosen])
            parts_p.append(chosen.astype(np.int32))
            parts_d.append(np.full(len(chosen), number, dtype=np.int32))
        hashes = np.concatenate(parts_h) if parts_h else np.zeros(0, np.uint64)
        docs = np.concatenate(parts_d) if parts_d else np.zeros(0, np.int32)
        positions = np.concatenate(parts_p) if parts_p else np.zeros(0, np.int32)
    else:
        # One pass over all texts joined together; shingles that would
        # cross from one text into the next are dropped afterwards.
        joined = np.concatenate(texts_word_hashes) if texts_word_hashes else np.zeros(0, np.uint64)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(sizes) else np.zeros(0, np.int64)
        hashes = ngram_hashes(joined, n)
        if len(hashes):
            docs = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[: len(hashes)]
            positions = np.arange(len(hashes), dtype=np.int64) - starts[docs]
            inside = positions + n <= sizes[docs]
            hashes, docs, positions = hashes[inside], docs[inside], positions[inside].astype(np.int32)
        else:
            docs = np.zeros(0, np.int32)
            positions = np.zeros(0, np.int32)
    # Sort by hash, keeping text and position order among equal hashes. One
    # plain sort of 64-bit keys is about twice as fast as an argsort: the
    # low bits of each key hold the entry's number, the high bits its hash.
    size = len(hashes)
    bits = max(1, (size - 1).bit_length())
    keys = (hashes >> np.uint64(bits) << np.uint64(bits)) | np.arange(size, dtype=np.uint64)
    keys.sort()
    order = (keys & np.uint64((1 << bits) - 1)).astype(np.int64)
    return ShingleIndex(n, window if window and window > 1 else None, sizes, keys >> np.uint64(bits), docs[order], positions[order])


@dataclass
class Runs:
    """Runs of consecutive matching shingles between pairs of texts.

    Every attribute is an array with one entry per run: the two texts
    (``a < b``), where the run starts in each, and its length in words.
    """

    a: np.ndarray
    b: np.ndarray
    a_start: np.ndarray
    b_start: np.ndarray
    words: np.ndarray

    def __len__(self) -> int:
        return len(self.a)

    @classmethod
    def empty(cls) -> "Runs":
        zero = np.zeros(0, dtype=np.int64)
        return cls(zero, zero, zero, zero, zero)


def _partners(index: ShingleIndex):
    """For every index entry, the range of later entries of the same shingle in other texts.

    Returns ``(first, counts)``: entry ``e`` matches entries
    ``first[e] .. first[e] + counts[e] - 1``.
    """
    hashes, docs = index.hashes, index.docs
    size = len(hashes)
    if size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    kind = np.int32 if size < 2**31 else np.int64
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = hashes[1:] != hashes[:-1]
    group_ends = np.append(np.flatnonzero(new_group)[1:], size).astype(kind)
    last = group_ends[np.cumsum(new_group, dtype=kind) - 1]
    del group_ends
    new_group[1:] |= docs[1:] != docs[:-1]  # now: a new text within a shingle
    doc_ends = np.append(np.flatnonzero(new_group)[1:], size).astype(kind)
    first = doc_ends[np.cumsum(new_group, dtype=kind) - 1]  # first entry of the same shingle in a later text
    return first.astype(np.int64), (last - first).astype(np.int64)


def count_matches(index: ShingleIndex) -> int:
    """How many matches (shingle pairs across texts) the index holds."""
    _, counts = _partners(index)
    return int(counts.sum())


def _runs_of_matches(n, docs_a, docs_b, pos_a, pos_b, consecutive: bool) -> Runs:
    """Group matches into runs along diagonals (or one run per match).

    Matches are sorted by pair, diagonal and position. When the numbers
    fit, the four keys are packed into one 64-bit integer (one fast sort,
    and consecutive matches of a run differ by exactly 1); otherwise a
    slower sort on four keys is used.
    """
    if len(docs_a) == 0:
        return Runs.empty()
    diagonal = pos_b - pos_a
    low = int(docs_a.min())
    docs = int(docs_b.max()) + 1
    span = int(max(pos_a.max(), pos_b.max())) + 1
    size = (int(docs_a.max()) - low + 1) * docs * (2 * span + 1) * (span + 1)
    if size < 2**62:
        key = ((docs_a - low) * docs + docs_b) * (2 * span + 1) + (diagonal + span)
        key = key * (span + 1) + pos_a
        order = np.argsort(key)
        key = key[order]
        starts = np.ones(len(order), dtype=bool)
        if consecutive:
            starts[1:] = key[1:] != key[:-1] + 1
    else:
        order = np.lexsort((pos_a, diagonal, docs_b, docs_a))
        da, db, pa, dg = docs_a[order], docs_b[order], pos_a[order], diagonal[order]
        starts = np.ones(len(order), dtype=bool)
        if consecutive:
            starts[1:] = (da[1:] != da[:-1]) | (db[1:] != db[:-1]) | (dg[1:] != dg[:-1]) | (pa[1:] != pa[:-1] + 1)
    first = np.flatnonzero(starts)
    length = np.diff(np.append(first, len(order)))
    chosen = order[first]
    return Runs(docs_a[chosen], docs_b[chosen], pos_a[chosen], pos_b[chosen], (length + n - 1).astype(np.int64))


def find_runs(index: ShingleIndex, *, chunk: int = MATCH_CHUNK) -> Runs:
    """Find every run of identical words that two indexed texts share.

    With a full index (no winnowing) each run is maximal: ``k`` consecutive
    matching shingles on one diagonal give a run of ``k + n - 1`` words.
    With a winnowed index the shingles are sparse, so each match is
    returned as a run of ``n`` words: enough to name the pair, which must
    then be aligned word by word.

    Matches are made a chunk of texts at a time, so memory stays bounded
    however often a shingle repeats.

    Parameters
    ----------
    index : ShingleIndex
    chunk : int
        Largest number of matches held in memory at once (approximately:
        all matches of one text are always processed together).

    Returns
    -------
    Runs
        Sorted by text ``a``, then text ``b``.

    Examples
    --------
    >>> texts = [hash_words(t.split()) for t in ["a b c d e", "x a b c d", "q r s"]]
    >>> runs = find_runs(build_index(texts, 3))
    >>> runs.a.tolist(), runs.b.tolist(), runs.a_start.tolist(), runs.b_start.tolist(), runs.words.tolist()
    ([0], [1], [0], [1], [4])
    """
    first, counts = _partners(index)
    entries = np.flatnonzero(counts)
    if len(entries) == 0:
        return Runs.empty()
    # Process entries text by text (the lower-numbered text of each pair),
    # so every match of a pair lands in the same chunk.
    entries = entries[np.lexsort((index.positions[entries], index.docs[entries]))]
    entry_docs = index.docs[entries]
    cumulative = np.concatenate([[0], np.cumsum(counts[entries])])
    doc_starts = np.append(np.flatnonzero(np.r_[True, entry_docs[1:] != entry_docs[:-1]]), len(entries))
    before = cumulative[doc_starts]  # matches made before each text's entries
    boundaries = [0]
    k = 0
    while doc_starts[k] < len(entries):
        j = int(np.searchsorted(before, before[k] + chunk, side="right")) - 1
        k = max(j, k + 1)  # one text alone may exceed the chunk: take all of it
        boundaries.append(int(doc_starts[k]))
    consecutive = index.window is None
    pieces = []
    for start, stop in zip(boundaries, boundaries[1:]):
        left = entries[start:stop]
        numbers = counts[left]
        total = int(numbers.sum())
        offsets = np.cumsum(numbers) - numbers
        left_each = np.repeat(left, numbers)
        right_each = np.repeat(first[left] - offsets, numbers) + np.arange(total)
        pieces.append(
            _runs_of_matches(
                index.n,
                index.docs[left_each].astype(np.int64),
                index.docs[right_each].astype(np.int64),
                index.positions[left_each].astype(np.int64),
                index.positions[right_each].astype(np.int64),
                consecutive,
            )
        )
    return Runs(*(np.concatenate([getattr(p, name) for p in pieces]) for name in ("a", "b", "a_start", "b_start", "words")))


def similar_sets(sets: list[frozenset], owners: list[int], threshold: float) -> list[tuple[int, int, float]]:
    """Find all pairs of sets whose Dice similarity reaches a threshold.

    Dice similarity is ``2 |x ∩ y| / (|x| + |y|)``: the share of all their
    elements that two sets have in common. Comparing every pair would be
    slow for many sets, so this uses *prefix filtering* (Chaudhuri, Ganti
    and Kaushik 2006; Bayardo, Ma and Srikant 2007): elements are ordered
    from rarest to most common, and two sets can only be similar enough if
    the first few elements of one (its *prefix*) meet the prefix of the
    other. Only such pairs are scored, and the result is exact.

    Parameters
    ----------
    sets : list of frozenset
    owners : list of int
        Which article each set belongs to; pairs with the same owner are skipped.
    threshold : float
        Smallest Dice similarity kept, above 0 and at most 1.

    Returns
    -------
    list of (int, int, float)
        ``(i, j, similarity)`` with ``i < j``, for every qualifying pair.

    Examples
    --------
    >>> sets = [frozenset("abcd"), frozenset("abce"), frozenset("wxyz")]
    >>> similar_sets(sets, [0, 1, 2], 0.7)
    [(0, 1, 0.75)]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be above 0 and at most 1, not {threshold}.")
    jaccard = threshold / (2 - threshold)  # Dice >= t exactly when Jaccard >= t / (2 - t)
    frequency: dict = {}
    for items in sets:
        for item in items:
            frequency[item] = frequency.get(item, 0) + 1
    postings: dict = {}
    found = []
    for i, items in enumerate(sets):
        size = len(items)
        if size == 0:
            continue
        ordered = sorted(items, key=lambda item: (frequency[item], item))
        prefix = size - int(np.ceil(jaccard * size - 1e-9)) + 1
        candidates = set()
        for item in ordered[:prefix]:
            for j in postings.get(item, ()):
                candidates.add(j)
            postings.setdefault(item, []).append(i)
        for j in candidates:
            if owners[j] == owners[i]:
                continue
            other = sets[j]
            if min(size, len(other)) < jaccard * max(size, len(other)) - 1e-9:
                continue
            score = 2 * len(items & other) / (size + len(other))
            if score >= threshold - 1e-12:
                found.append((j, i, round(score, 4)))
    return sorted(found)
