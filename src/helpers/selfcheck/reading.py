"""Self-checks of notebook 01 (reading critically): claims, loaded language and hedges.

Each question has a **chooser** that the notebook's prompt cell uses to pick
the item to ask about (an article, a set of articles) so that the right
answer differs from the answer of every misconception it diagnoses. When no
item of the corpus allows that, the chooser returns None, the prompt says so,
and the check says it cannot tell rather than accept either answer.

* ``01-no-source``: how many checkable sentences of an article have no
  source at all. Context: ``claims``, the article's list of
  :class:`helpers.reading.Claim`.
* ``01-highest-rate``: which of some articles has the highest rate of loaded
  words (or, where counts and rates of loaded words agree on every pair, of
  another measure). Context: ``summaries`` (from
  :func:`helpers.reading.summarize_reading`), ``measure`` and ``among`` (the
  labels asked about), as :func:`choose_rate_comparison` gives them.
* ``01-a-hedge``: a hedge of an article. Context: ``corpus`` and ``label``.
"""

from __future__ import annotations

from itertools import combinations

from helpers.frequency import per_thousand
from helpers.reading import find_stance_markers
from helpers.selfcheck.core import Key, Misconception, question
from helpers.text import normalize_quotes

__all__ = [
    "MEASURES",
    "a_hedge",
    "choose_hedge_article",
    "choose_rate_comparison",
    "choose_unsourced_article",
    "highest_rate",
    "no_source",
    "rate_table",
]


# ---------------------------------------------------------------------------
# 01-no-source
# ---------------------------------------------------------------------------


def _unsourced_key(claims) -> Key:
    """The right count and the traps; the "agentless" trap only when the article has agentless claims.

    (Without them, counting agentless claims as unsourced changes nothing,
    so there is nothing to diagnose.)
    """
    levels = [claim.attribution for claim in claims]
    none = levels.count("none")
    sourced = levels.count("named") + levels.count("vague")
    agentless = levels.count("agentless")
    traps = (
        Misconception(
            "counted all claims",
            "That is every checkable sentence of the article. The question asks only for those with no "
            "source at all: look at the source column of the claims table.",
            len(levels),
        ),
        Misconception(
            "counted sourced claims",
            "That is how many claims do say who makes them (a named source or an unnamed group). Count "
            "the rows where nobody at all is said to make the claim.",
            sourced,
        ),
    )
    if agentless:
        traps += (
            Misconception(
                "agentless counted as none",
                "You also counted the “agentless” claims (“is seen as”): something stands in for a source "
                "there, even if nobody is named. Count only the rows whose source is “none”.",
                none + agentless,
            ),
        )
    return Key(expected=none, misconceptions=traps)


def _separation(key: Key) -> tuple[bool, int]:
    """Whether every misconception gives an answer other than the right one, and how many distinct answers they give."""
    answers = [trap.answer for trap in key.misconceptions]
    return key.expected not in answers, len(set(answers))


@question(
    "01-no-source",
    kind="whole number",
    hint="Look at the source column of the claims table for the article named in the question, and count "
         "the rows where it says “none”.",
    success="Right. Each of them is a claim you would have to check elsewhere before relying on it.",
    misconceptions=("counted all claims", "counted sourced claims", "agentless counted as none"),
)
def no_source(claims) -> Key:
    """How many claims of an article have no source at all (attribution "none").

    Examples
    --------
    >>> from helpers.reading import find_claims
    >>> claims = find_claims("Over 250 men left. In 2023 a law passed.", attributions=[])
    >>> no_source(claims).expected
    2
    """
    if claims is None:
        return Key(cannot_tell="There is no article to ask about: see the note above the question.")
    return _unsourced_key(list(claims))


def choose_unsourced_article(claims: dict, first: str | None = None) -> str | None:
    """The article to ask ``01-no-source`` about: one where no misconception gives the right answer.

    Parameters
    ----------
    claims : dict
        Article label → list of Claim.
    first : str, optional
        The label to prefer (the article read closely).

    Returns
    -------
    str or None
        The article where no misconception gives the right answer and the
        misconceptions give the most different answers (``first`` on a tie,
        then label order); None when no article tells them apart.

    Examples
    --------
    >>> from helpers.reading import find_claims
    >>> claims = {"A": find_claims("Over 250 men left.", attributions=[]), "B": []}
    >>> print(choose_unsourced_article(claims, "A"))
    None
    """
    order = ([first] if first in claims else []) + [label for label in claims if label != first]
    best, best_spread = None, 0
    for label in order:
        separate, spread = _separation(_unsourced_key(claims[label]))
        if separate and spread > best_spread:
            best, best_spread = label, spread
    return best


# ---------------------------------------------------------------------------
# 01-highest-rate
# ---------------------------------------------------------------------------

#: What ``01-highest-rate`` can ask about: a count of each article's summary
#: (:func:`helpers.reading.summarize_reading`) → what it counts, in the order
#: the chooser tries them.
MEASURES = {
    "loaded": "loaded words",
    "hedges": "hedges",
    "opinion": "opinion markers",
    "boosters": "boosters",
    "claims": "checkable claims",
}


def rate_table(summaries: list[dict], measure: str, among) -> list[dict]:
    """The rows the question is about: label, words, count and rate per 1,000 words.

    Examples
    --------
    >>> rate_table([{"label": "A", "words": 500, "claims": 3}], "claims", ["A"])
    [{'label': 'A', 'words': 500, 'count': 3, 'per_1000': 6.0}]
    """
    if measure not in MEASURES:
        raise ValueError(f"Unknown measure {measure!r}: choose one of {', '.join(MEASURES)}.")
    wanted = set(among or ())
    return [
        {"label": s["label"], "words": s["words"], "count": s[measure], "per_1000": round(per_thousand(s[measure], s["words"]), 2)}
        for s in summaries if s["label"] in wanted
    ]


def _leader(rows: list[dict], column: str) -> str | None:
    """The label of the row with the largest value of ``column``, or None on a tie."""
    if not rows:
        return None
    best = max(row[column] for row in rows)
    leaders = [row["label"] for row in rows if row[column] == best]
    return leaders[0] if len(leaders) == 1 else None


def _rate_and_count_differ(rows: list[dict]) -> bool:
    rate, count = _leader(rows, "per_1000"), _leader(rows, "count")
    return rate is not None and count is not None and rate != count


def choose_rate_comparison(summaries: list[dict]) -> tuple[str, tuple[str, ...]] | None:
    """What ``01-highest-rate`` asks about: a measure and articles where counts and rates disagree.

    For each measure of :data:`MEASURES` in turn (loaded words first): all
    the articles, when the one with the highest count is not the one with the
    highest rate; otherwise the first pair (in label order) where they
    disagree. None when no measure and no pair allows it: on such a corpus a
    raw count cannot be told from a rate.

    Parameters
    ----------
    summaries : list of dict
        From :func:`helpers.reading.summarize_reading`.

    Returns
    -------
    (measure, labels) or None

    Examples
    --------
    >>> rows = [{"label": "A", "words": 2000, "loaded": 10, "hedges": 0, "opinion": 0, "boosters": 0, "claims": 0},
    ...         {"label": "B", "words": 1000, "loaded": 6, "hedges": 0, "opinion": 0, "boosters": 0, "claims": 0},
    ...         {"label": "C", "words": 1000, "loaded": 1, "hedges": 0, "opinion": 0, "boosters": 0, "claims": 0}]
    >>> choose_rate_comparison(rows)
    ('loaded', ('A', 'B', 'C'))
    >>> rows[0]["words"] = 1000
    >>> print(choose_rate_comparison(rows))
    None
    """
    labels = [s["label"] for s in summaries]
    for measure in MEASURES:
        if _rate_and_count_differ(rate_table(summaries, measure, labels)):
            return measure, tuple(labels)
        for pair in combinations(labels, 2):
            if _rate_and_count_differ(rate_table(summaries, measure, pair)):
                return measure, pair
    return None


@question(
    "01-highest-rate",
    kind="label",
    hint="Look at the table shown with the question and compare its “per 1,000 words” column; give the "
         "label of the highest.",
    success="Right. A rate per 1,000 words compares articles of different lengths fairly; now read that "
            "article's marked words in the highlighted view.",
    misconceptions=("raw count for rate",),
)
def highest_rate(summaries: list[dict], measure: str | None = None, among=None) -> Key:
    """Which of the articles ``among`` has the highest rate of ``measure`` per 1,000 words.

    Examples
    --------
    >>> rows = [{"label": "A", "words": 2000, "loaded": 10}, {"label": "B", "words": 1000, "loaded": 6}]
    >>> key = highest_rate(rows, "loaded", ("A", "B"))
    >>> key.expected, key.misconceptions[0].answer
    ('B', 'A')
    """
    if measure is None or not among:
        return Key(cannot_tell="On this corpus, for every measure and every pair of articles, the article with "
                               "the highest count also has the highest rate, so this check cannot tell a raw "
                               "count from a rate. Compare the two columns of the tables yourself.")
    rows = rate_table(summaries, measure, among)
    rate = _leader(rows, "per_1000")
    if rate is None:
        return Key(cannot_tell="Two of these articles share the highest rate, so there is no single answer.")
    return Key(
        expected=rate,
        misconceptions=(
            Misconception(
                "raw count for rate",
                "That article has the highest count, but a longer article has more words of every kind. "
                "Compare the “per 1,000 words” column of the table shown with the question instead.",
                _leader(rows, "count"),
            ),
        ),
    )


# ---------------------------------------------------------------------------
# 01-a-hedge
# ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(normalize_quotes(str(text)).strip().strip("\"'.,;:!?()").lower().split())


def _markers(article, category: str) -> list[str]:
    found = []
    for hit in find_stance_markers(article):
        word = _clean(hit.text)
        if hit.category == category and word not in found:
            found.append(word)
    return found


def choose_hedge_article(corpus, first: str | None = None) -> str | None:
    """The article to ask ``01-a-hedge`` about: one with a hedge, and with a booster if possible.

    ``first`` is preferred among equals, then label order; None when no
    article has a hedge.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> articles = [article_from_text("It rained.", "a.txt", "A"), article_from_text("It may rain.", "b.txt", "B")]
    >>> choose_hedge_article(articles, "A")
    'B'
    """
    articles = {article.label: article for article in corpus}
    order = ([first] if first in articles else []) + [label for label in articles if label != first]
    scored = [
        (bool(_markers(articles[label], "booster")), -position, label)
        for position, label in enumerate(order) if _markers(articles[label], "hedge")
    ]
    return max(scored)[2] if scored else None


@question(
    "01-a-hedge",
    kind="text",
    hint="A hedge softens a claim (“allegedly”, “may”, “is seen as”). In the highlighted view, choose the "
         "article named in the question, switch on only the hedge layer, and type one of the words with a "
         "dashed underline exactly as it appears.",
    success="Right. Ask of each hedge: is the writer being careful, or avoiding saying who holds the view?",
    misconceptions=("a booster, not a hedge", "a hedge from another article"),
)
def a_hedge(corpus, label: str | None) -> Key:
    """Any hedge the reading rules find in article ``label``.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> articles = [article_from_text("It may clearly rain.", "a.txt", "A"), article_from_text("Allegedly so.", "b.txt", "B")]
    >>> key = a_hedge(articles, "A")
    >>> key.accept("May"), key.accept("clearly"), [(t.name, t.answer) for t in key.misconceptions]
    (True, False, [('a booster, not a hedge', 'clearly'), ('a hedge from another article', 'allegedly')])
    """
    articles = {article.label: article for article in corpus}
    if label not in articles:
        return Key(cannot_tell="No article of this corpus has a hedge the rules can find, so there is nothing "
                               "to check here.")
    hedges = _markers(articles[label], "hedge")
    if not hedges:
        return Key(cannot_tell=f"The rules find no hedge in article {label}, so there is nothing to check.")
    boosters = [word for word in _markers(articles[label], "booster") if word not in hedges]
    elsewhere = []
    for other, article in articles.items():
        if other != label:
            elsewhere += [w for w in _markers(article, "hedge") if w not in hedges and w not in boosters and w not in elsewhere]
    traps = tuple(
        Misconception("a booster, not a hedge",
                      "That word hardens a claim rather than softening it: it is a booster (solid red underline "
                      "in the highlighted view), not a hedge (dashed green underline).", word)
        for word in boosters
    ) + tuple(
        Misconception("a hedge from another article",
                      "That is a hedge, but not one this article uses: choose the article named in the question "
                      "in the highlighted view and look at its dashed underlines.", word)
        for word in elsewhere
    )
    accepted = frozenset(hedges)
    return Key(misconceptions=traps, accept=lambda answer: _clean(answer) in accepted)
