"""Self-checks of notebook 04 (spotting copied text): scores, passages and what they count.

Three questions:

- ``04-containment-by-hand`` takes the two sets of shingles of the exercise
  (``a`` and ``b``);
- ``04-longest-pair`` takes ``reports`` (from :func:`helpers.reuse.compare_corpus`)
  and ``view``, the score table the notebook shows beside the question
  (chosen by :func:`misleading_score_view`);
- ``04-passages-at-minimum`` takes the corpus and ``task``, the pair and the
  minimum length asked about (chosen by :func:`choose_passage_count`).

The two choosers pick, on the corpus at hand, an item where the right answer
and each named misconception's answer differ, so that a check can tell them
apart; they return None when the corpus holds no such item, and the check
then says so instead of accepting either answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.reuse import (
    DEFAULT_MIN_WORDS, DEFAULT_N, align_passages, containment, jaccard, overlap_matrix, shared_shingles,
)
from helpers.selfcheck.core import Key, Misconception, question

__all__ = [
    "MEASURE_NAMES",
    "PassageCount",
    "ScoreView",
    "choose_passage_count",
    "longest_passage_pairs",
    "misleading_score_view",
]

#: How each score of :class:`helpers.reuse.OverlapMatrix` is named in a table heading.
MEASURE_NAMES = {"shared": "shared shingles", "containment": "containment"}

#: Shingle sizes tried by :func:`misleading_score_view`, the notebook's default (5) first.
SCORE_SIZES = (5, 4, 6, 3, 7, 2, 8, 1, 9, 10)

#: Minimum passage lengths tried by :func:`choose_passage_count`, 5 first. None is below the
#: shortest run that starts a passage (5 words), so the passage viewer's slider can show each.
PASSAGE_MINIMUMS = (5, 6, 7, 10, 12, 15, 20)


# --- containment by hand -------------------------------------------------------------------


@question(
    "04-containment-by-hand",
    kind="number",
    hint="Containment is the number of shingles the two articles share, divided by the number of "
    "shingles of the shorter article. Write out the shared shingles first, then count.",
    success="Right: most of the shorter article's shingles are also in the longer one. Jaccard, which divides "
    "by every different shingle of both, would be lower.",
    misconceptions=(
        "Jaccard instead of containment",
        "divided by the other text's shingles",
        "per cent instead of fraction",
        "shared shingles not divided",
    ),
)
def containment_by_hand(a: set, b: set) -> Key:
    """The containment of two sets of shingles, and the traps around it.

    Examples
    --------
    >>> key = containment_by_hand({"p", "q", "r", "s"}, {"q", "r", "s", "t", "u", "v"})
    >>> key.expected
    0.75
    >>> {trap.name: round(trap.answer, 2) for trap in key.misconceptions}["divided by the other text's shingles"]
    0.5
    """
    a, b = set(a), set(b)
    shared = len(a & b)
    right = containment(a, b)
    longer = max(len(a), len(b))
    return Key(
        expected=right,
        misconceptions=(
            Misconception(
                "Jaccard instead of containment",
                "You divided by all the different shingles of both articles: that is Jaccard similarity. "
                "Containment divides by the shingles of the shorter article only (see the two definitions "
                "before the letters example).",
                jaccard(a, b),
            ),
            Misconception(
                "divided by the other text's shingles",
                "You divided by the shingles of the longer article. Containment asks how much of the "
                "shorter article is inside the other one, so it divides by the shorter article's shingles.",
                shared / longer if longer else 0.0,
            ),
            Misconception(
                "per cent instead of fraction",
                "That is a percentage. The scores in this notebook are fractions between 0 and 1: "
                "give the same value divided by 100.",
                right * 100,
            ),
            Misconception(
                "shared shingles not divided",
                "That is the number of shared shingles. Containment turns it into a share: divide it by "
                "the number of shingles of the shorter article.",
                shared,
            ),
        ),
    )


# --- which pair shares the longest passage -------------------------------------------------


@dataclass(frozen=True)
class ScoreView:
    """A ranking of the pairs by one score, at one shingle size.

    Attributes
    ----------
    measure : str
        "shared" (shared shingles) or "containment".
    n : int
        Words per shingle.
    pairs : list of (str, str, float)
        ``(label, label, score)``, highest score first.
    """

    measure: str
    n: int
    pairs: list

    @property
    def leader(self) -> frozenset:
        """The labels of the pair at the top of the ranking."""
        return frozenset(self.pairs[0][:2]) if self.pairs else frozenset()


def longest_passage_pairs(reports) -> list[frozenset]:
    """The pairs (as sets of two labels) that share the longest passage of copied prose.

    More than one pair only when several tie; an empty list when no pair
    shares copied prose.

    Examples
    --------
    >>> from helpers.reuse import Passage, PairReport
    >>> reports = [PairReport("a.txt", "b.txt", 0.1, 0.2, [Passage(0, 40, 0, 40, 9)], a_label="A", b_label="B"),
    ...            PairReport("a.txt", "c.txt", 0.1, 0.3, [Passage(0, 40, 0, 40, 12, "quotation")],
    ...                       a_label="A", b_label="C")]
    >>> [sorted(pair) for pair in longest_passage_pairs(reports)]
    [['A', 'B']]
    """
    lengths = {}
    for report in reports:
        prose = [p.words for p in report.passages if p.kind == "prose"]
        if prose:
            lengths[frozenset((report.a_label, report.b_label))] = max(prose)
    if not lengths:
        return []
    longest = max(lengths.values())
    return [pair for pair, words in lengths.items() if words == longest]


def _unique_leader(pairs) -> frozenset | None:
    """The pair at the top of a ranking, if its score is above zero and above the next one's."""
    if not pairs or pairs[0][2] <= 0 or (len(pairs) > 1 and pairs[1][2] == pairs[0][2]):
        return None
    return frozenset(pairs[0][:2])


def misleading_score_view(corpus, reports, sizes=SCORE_SIZES) -> ScoreView | None:
    """A score table whose top pair is not the pair with the longest passage.

    Tries each shingle size in ``sizes`` (in order) and, at each, the number
    of shared shingles and then containment. Returns the first ranking
    whose leader is a single pair that shares something and does not share
    the longest passage of copied prose, so a student who reads the
    question off a score table gives an answer the check can recognise.

    Parameters
    ----------
    corpus : Corpus, list of Article or text, or dict of label → text
    reports : list of PairReport
        From :func:`helpers.reuse.compare_corpus` on the same corpus.
    sizes : sequence of int
        Shingle sizes to try.

    Returns
    -------
    ScoreView or None
        None when every score, at every size, puts the longest-passage pair
        on top (or nothing is shared at all).

    Examples
    --------
    >>> from helpers.reuse import compare_corpus
    >>> texts = {"A": "The council voted to close the Eastside branch library in June, residents said.",
    ...          "B": "Angry residents say the council voted to close the Eastside branch library.",
    ...          "C": "Residents said the library in June was to close; the council said the Eastside branch voted."}
    >>> view = misleading_score_view(texts, compare_corpus(texts))
    >>> view.measure, view.n, view.pairs[0]
    ('shared', 1, ('A', 'C', 12))

    A and B share the only passage (9 words), but A and C share more single words.
    """
    longest = longest_passage_pairs(reports)
    for n in sizes:
        matrix = overlap_matrix(corpus, n=n)
        for measure in MEASURE_NAMES:
            pairs = matrix.pairs(measure)
            leader = _unique_leader(pairs)
            if leader is not None and leader not in longest:
                return ScoreView(measure, n, pairs)
    return None


@question(
    "04-longest-pair",
    kind="set of words",
    hint="Give the two labels of one pair, like {\"A\", \"B\"}. A passage is one unbroken stretch of "
    "shared words; look at the list of the longest passages over all pairs, not at a score.",
    success="Right. Now read that passage in the side-by-side view: what does each article do with it?",
    misconceptions=(
        "most shared shingles instead of longest passage",
        "highest overlap score instead of longest passage",
    ),
)
def longest_pair(reports, view: ScoreView | None) -> Key:
    """The labels of the pair that shares the longest passage of copied prose.

    Examples
    --------
    >>> from helpers.reuse import Passage, PairReport
    >>> reports = [PairReport("a.txt", "b.txt", 0.1, 0.2, [Passage(0, 40, 0, 40, 9)], a_label="A", b_label="B")]
    >>> key = longest_pair(reports, ScoreView("shared", 1, [("C", "D", 107), ("A", "B", 104)]))
    >>> sorted(key.expected), [sorted(trap.answer) for trap in key.misconceptions]
    (['A', 'B'], [['C', 'D']])
    """
    longest = longest_passage_pairs(reports)
    expected = set(longest[0]) if longest else set()
    if view is None:
        if longest:
            return Key(
                expected=expected,
                cannot_tell="On this corpus the pair that shares the longest passage also leads every score "
                "table, so this check cannot tell whether you read the passages or a score, and accepts "
                "neither. Compare your answer with the list of the longest passages.",
            )
        return Key(expected=expected)
    if view.measure == "shared":
        trap = Misconception(
            "most shared shingles instead of longest passage",
            f"That pair shares the most {view.n}-word shingles, but many scattered shared phrases are not one "
            "long passage. Look at the list of the longest passages over all pairs.",
            set(view.leader),
        )
    else:
        trap = Misconception(
            "highest overlap score instead of longest passage",
            f"That pair has the highest containment with {view.n}-word shingles, but a score adds up scattered "
            "phrases and says nothing about how long any one shared stretch is. Look at the list of the "
            "longest passages over all pairs.",
            set(view.leader),
        )
    if len(longest) > 1:
        tied = [{label.lower() for label in pair} for pair in longest]
        return Key(misconceptions=(trap,), accept=lambda answer: {str(x).strip().lower() for x in answer} in tied)
    return Key(expected=expected, misconceptions=(trap,))


# --- how many passages at a minimum length -------------------------------------------------


@dataclass(frozen=True)
class PassageCount:
    """The pair and the minimum passage length a question asks about.

    Attributes
    ----------
    first, second : str
        Article labels.
    min_words : int
        Shortest passage counted, in matching words.
    """

    first: str
    second: str
    min_words: int


def _passage_count_key(corpus, task: PassageCount) -> Key:
    a, b = corpus[task.first], corpus[task.second]
    found = align_passages(a, b, min_words=task.min_words)
    return Key(
        expected=len(found),
        misconceptions=(
            Misconception(
                "counted shingles, not passages",
                f"That is the number of {DEFAULT_N}-word shingles the two articles share. Shingles that overlap "
                "in a run join into one passage: count the passages in the side-by-side view instead.",
                len(shared_shingles(a, b, n=DEFAULT_N)),
            ),
            Misconception(
                "used the default minimum instead of the one asked",
                f"That is how many passages there are at the default minimum of {DEFAULT_MIN_WORDS} words. "
                f"Set the minimum to {task.min_words} words, as the question asks, and count again.",
                len(align_passages(a, b)),
            ),
            Misconception(
                "counted words, not passages",
                "That is the number of matching words in all the passages together. The question asks how "
                "many passages there are.",
                sum(p.words for p in found),
            ),
        ),
    )


def choose_passage_count(corpus, reports, minimums=PASSAGE_MINIMUMS) -> PassageCount | None:
    """A pair and a minimum length at which counting passages cannot be confused.

    Tries each minimum in ``minimums`` (5 words first) for the pairs that
    share passages (the pair with the longest passage first) and returns the
    first where at least one passage is found and the count differs from
    the number of shared shingles, from the count at the default minimum
    and from the number of matching words.

    Parameters
    ----------
    corpus : Corpus
    reports : list of PairReport
        From :func:`helpers.reuse.compare_corpus` on the same corpus.
    minimums : sequence of int

    Returns
    -------
    PassageCount or None
        None when no pair and minimum tell the misconceptions apart.

    Examples
    --------
    >>> choose_passage_count(None, []) is None
    True
    """
    longest = longest_passage_pairs(reports)
    ordered = sorted(
        reports,
        key=lambda r: (frozenset((r.a_label, r.b_label)) not in longest, -r.copied_words, r.a_label, r.b_label),
    )
    candidates = [r for r in ordered if r.passages][:5]
    for minimum in minimums:
        for report in candidates:
            task = PassageCount(report.a_label, report.b_label, minimum)
            key = _passage_count_key(corpus, task)
            if key.expected and all(trap.answer != key.expected for trap in key.misconceptions):
                return task
    return None


@question(
    "04-passages-at-minimum",
    kind="whole number",
    hint="Show the pair in the passage viewer, set its minimum length to the one asked, and count the "
    "passages it lists (the line above the two texts says how many).",
    success="Right. Read the short ones: which are copying, and which are phrases any reporter might write?",
    misconceptions=(
        "counted shingles, not passages",
        "used the default minimum instead of the one asked",
        "counted words, not passages",
    ),
)
def passages_at_minimum(corpus, task: PassageCount | None) -> Key:
    """How many passages two articles share at a given minimum length.

    Examples
    --------
    >>> passages_at_minimum(None, None).cannot_tell.startswith("On this corpus")
    True
    """
    if task is None:
        return Key(
            cannot_tell="On this corpus no pair of articles and no minimum length give a count of passages "
            "that differs from a count of shingles or of words (or no pair shares a passage at all), so this "
            "check could not tell a right count from a wrong one. Try the viewer anyway: move the minimum "
            "length and watch what appears."
        )
    return _passage_count_key(corpus, task)
