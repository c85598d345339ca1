"""Self-checks of notebook 02 (word frequencies), and the choosers their prompts use.

Questions
---------
``02-rate-per-1000``
    A rate per 1,000 words worked out by hand (``article``, ``word``).
``02-heaviest-user``
    Which article uses a word most often for its length (``corpus``, ``word``).
``02-phrase-hits``
    How often a pair of words occurs as a phrase in the corpus (``corpus``, ``phrase``).
``02-a-distinctive-word``
    One distinctive word of an article (``corpus``, ``label``).

A question is only useful when the mistake it is about gives another answer
than the right one. The prompt cells therefore choose their item with
:func:`find_contrasts` (a word whose raw-count leader and rate leader are
different articles) and :func:`choose_phrase` (a phrase whose words also
occur apart, in more than one article).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from helpers.frequency import (
    WordTable,
    concordance,
    count_by_article,
    count_words,
    distinctive_words,
    frequency_table,
    per_thousand,
    running_words,
)
from helpers.selfcheck.core import Key, Misconception, question
from helpers.text import load_stopwords

__all__ = ["Contrast", "DISTINCTIVE_SHOWN", "choose_phrase", "find_contrasts", "leaders"]

#: How many distinctive words per article the notebook lists (and the check accepts).
DISTINCTIVE_SHOWN = 8


# ---------------------------------------------------------------------------
# Choosing items where the mistake and the right answer differ
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contrast:
    """A word whose leader by raw count is not its leader by rate.

    Attributes
    ----------
    word : str
    raw_leader : str
        The article that uses the word most often, counted in uses.
    rate_leader : str
        The article that uses it most often per 1,000 words.
    followed : bool
        True when the word is one of the words followed (not a fallback).
    """

    word: str
    raw_leader: str
    rate_leader: str
    followed: bool


def _single_best(values: dict[str, float]) -> str | None:
    """The key of the largest value, or None when it is zero or shared."""
    if not values:
        return None
    best = max(values.values())
    winners = [key for key, value in values.items() if value == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def leaders(table: WordTable, word: str) -> tuple[str | None, str | None]:
    """The article that leads by raw count and the one that leads by rate.

    Parameters
    ----------
    table : WordTable
        From :func:`helpers.frequency.frequency_table`.
    word : str
        A row of the table.

    Returns
    -------
    tuple of (str or None, str or None)
        ``(raw_leader, rate_leader)``; None where no article uses the word
        or two articles share the lead.

    Examples
    --------
    >>> table = WordTable(["gang"], ["A", "B"], [[6, 4]], [1000, 400])
    >>> leaders(table, "gang")  # A has more uses, B more per 1,000 words (10 against 6)
    ('A', 'B')
    >>> leaders(WordTable(["gang"], ["A", "B"], [[2, 2]], [100, 100]), "gang")
    (None, None)
    """
    raw = {label: table.count(word, label) for label in table.labels}
    rate = {label: table.per_1000(word, label) for label in table.labels}
    return _single_best(raw), _single_best(rate)


def find_contrasts(table: WordTable, followed: Iterable[str] = ()) -> list[Contrast]:
    """The words of a table whose raw-count leader and rate leader differ.

    Parameters
    ----------
    table : WordTable
        Put the words you follow first, then other words to fall back on.
    followed : iterable of str
        Which of the table's words are followed (marked in the result).

    Returns
    -------
    list of Contrast
        In the order of the table; empty when every word is led by the same
        article both ways (or has no single leader).

    Examples
    --------
    >>> table = WordTable(["gang", "crime"], ["A", "B"], [[6, 4], [5, 1]], [1000, 400])
    >>> find_contrasts(table, followed=["gang"])
    [Contrast(word='gang', raw_leader='A', rate_leader='B', followed=True)]
    """
    followed = set(followed)
    contrasts = []
    for word in table.words:
        raw, rate = leaders(table, word)
        if raw and rate and raw != rate:
            contrasts.append(Contrast(word, raw, rate, word in followed))
    return contrasts


def _phrase_traps(corpus, phrase: str) -> tuple[int, dict[str, int]]:
    """Hits of the phrase, and the answers of the phrase misconceptions."""
    hits = concordance(corpus, phrase)
    words = phrase.split()
    per_article: dict[str, int] = {}
    for hit in hits:
        per_article[hit.label] = per_article.get(hit.label, 0) + 1
    traps = {}
    if len(words) > 1:
        separate = [len(concordance(corpus, word)) for word in words]
        traps["counted the words separately, not as a phrase"] = sum(separate)
        traps["counted the first word only"] = separate[0]
    if per_article:
        traps["counted one article only"] = max(per_article.values())
    return len(hits), traps


def choose_phrase(corpus, candidates: Sequence[str]) -> str | None:
    """The first phrase whose misconceptions all give a wrong count.

    A phrase is a good question when its words also occur apart (so
    counting them separately gives too many) and it occurs in more than one
    article (so counting one article gives too few).

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    candidates : sequence of str
        Phrases in order of preference (for example the collocations).

    Returns
    -------
    str or None
        The first candidate that tells every mistake apart, else the first
        candidate, else None.

    Examples
    --------
    >>> texts = {"A": "Port Alder voted. The port is old.", "B": "In Port Alder, rain.", "C": "Alder trees."}
    >>> choose_phrase(texts, ["old port", "port alder"])
    'port alder'
    """
    for phrase in candidates:
        hits, traps = _phrase_traps(corpus, phrase)
        if hits and len(traps) == 3 and all(answer != hits for answer in traps.values()):
            return phrase
    return candidates[0] if candidates else None


# ---------------------------------------------------------------------------
# The questions
# ---------------------------------------------------------------------------


@question(
    "02-rate-per-1000",
    kind="number",
    hint="A rate per 1,000 words is the number of uses divided by the article's running words, "
    "then multiplied by 1,000. Use the two numbers printed above the question.",
    success="Right. A rate lets you compare this article with longer and shorter ones.",
    misconceptions=(
        "per 100 instead of per 1,000",
        "divided the wrong way",
        "forgot to multiply by 1,000",
        "gave the raw count",
    ),
)
def rate_per_1000(article, word: str) -> Key:
    """How often ``word`` occurs per 1,000 running words of ``article``.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> article = article_from_text("The gang met. The council met the gang.")
    >>> rate_per_1000(article, "gang").expected
    250.0
    >>> [(m.name, m.answer) for m in rate_per_1000(article, "gang").misconceptions]
    [('per 100 instead of per 1,000', 25.0), ('divided the wrong way', 4000.0), ('forgot to multiply by 1,000', 0.25), ('gave the raw count', 2)]
    """
    count, total = count_words(article)[word], running_words(article)
    traps = [
        Misconception("per 100 instead of per 1,000", "That is a rate per 100 words (a percentage). The tables of this "
                      "notebook give rates per 1,000 words: scale to 1,000 words, not 100.", per_thousand(count, total) / 10),
    ]
    if count:
        traps.append(Misconception("divided the wrong way", "You divided the article's length by the number of uses. "
                                   "A rate puts the uses on top and the running words below: how many uses for each word "
                                   "of text, scaled to 1,000 words.", 1000.0 * total / count))
    traps += [
        Misconception("forgot to multiply by 1,000", "That is the uses per single word, a very small number. Scale it "
                      "to 1,000 words so it reads like the rate tables.", count / total if total else 0.0),
        Misconception("gave the raw count", "That is the number of uses, the raw count. A rate divides it by the "
                      "article's running words (and scales to 1,000 words), so articles of different lengths can be compared.", count),
    ]
    return Key(expected=per_thousand(count, total), misconceptions=tuple(traps))


@question(
    "02-heaviest-user",
    kind="label",
    hint="Look at the table of rates per 1,000 words (not the raw counts), find the row of the word, "
    "and give the label of the article with the largest rate.",
    success="Right. Now read that article's concordance lines to see how it uses the word.",
    misconceptions=("raw count for rate", "the longest article"),
)
def heaviest_user(corpus, word: str) -> Key:
    """The article that uses ``word`` most often for its length.

    Examples
    --------
    >>> texts = {"A": "gang " * 6 + "x " * 594, "B": "gang " * 4 + "y " * 196, "C": "z " * 900}
    >>> key = heaviest_user(texts, "gang")
    >>> key.expected, [(m.name, m.answer) for m in key.misconceptions]
    ('B', [('raw count for rate', 'A'), ('the longest article', 'C')])
    """
    table = frequency_table(corpus, [word])
    _, rate = leaders(table, word)
    if len(table.labels) < 2:
        return Key(cannot_tell="There is only one article here, so no article can use the word more than another. "
                   "Skip this question on this corpus.")
    if rate is None:
        return Key(cannot_tell=f"No single article leads in rate for \u201c{word}\u201d here (it is not used, or two "
                   "articles share the highest rate), so this question has no one answer on this corpus.")
    counts = {label: table.count(word, label) for label in table.labels}
    raw_leaders = [label for label in table.labels if counts[label] == max(counts.values())]
    if rate in raw_leaders:
        return Key(cannot_tell=f"Here the article that uses \u201c{word}\u201d most often in raw numbers is also the one that "
                   "uses it most for its length, so this check cannot tell a rate from a raw count and accepts neither. "
                   "Compare the two tables above yourself.")
    traps = [Misconception("raw count for rate", "That article has the most uses in raw numbers, but it is also "
                           "longer. The question asks for the rate: look at the table of rates per 1,000 words, not the "
                           "raw counts.", raw) for raw in raw_leaders]
    longest = max(table.labels, key=lambda label: table.totals[table.labels.index(label)])
    if longest != rate and longest not in raw_leaders:  # else the raw-count hint already fits
        traps.append(Misconception("the longest article", "That is the longest article. Length is what a rate takes "
                                   "away: look for the largest number in the word's row of the rates table.", longest))
    return Key(expected=rate, misconceptions=tuple(traps))


@question(
    "02-phrase-hits",
    kind="whole number",
    hint="Search the concordance for the whole phrase, over every article, and count its lines.",
    success="Right. Every hit records its article, sentence and exact position, so you can read each one.",
    misconceptions=("counted the words separately, not as a phrase", "counted the first word only", "counted one article only"),
)
def phrase_hits(corpus, phrase: str) -> Key:
    """How many times ``phrase`` occurs, word for word, in the whole corpus.

    Examples
    --------
    >>> texts = {"A": "Port Alder voted. The port is old.", "B": "In Port Alder, rain.", "C": "Alder trees."}
    >>> key = phrase_hits(texts, "port alder")
    >>> key.expected, [(m.name, m.answer) for m in key.misconceptions]
    (2, [('counted the words separately, not as a phrase', 6), ('counted the first word only', 3), ('counted one article only', 1)])
    """
    if not phrase:
        return Key(cannot_tell="This corpus has no pair of words that occurs twice, so there is no phrase to count.")
    hits, answers = _phrase_traps(corpus, phrase)
    hints = {
        "counted the words separately, not as a phrase": "That adds up the uses of each word on its own. The question "
        "counts only the places where the words stand together, in this order: search for the whole phrase.",
        "counted the first word only": "That is how often the first word occurs, with or without the second. Search "
        "for the whole phrase, both words together.",
        "counted one article only": "That is the count in one article. The question asks about the whole corpus: count "
        "the hits of every article.",
    }
    traps = tuple(Misconception(name, hints[name], answer) for name, answer in answers.items() if answer != hits)
    return Key(expected=hits, misconceptions=traps)


@question(
    "02-a-distinctive-word",
    kind="text",
    hint="Look at this article's row of the distinctive-words table and take any word listed there.",
    success="Right. Now read that word's concordance lines and write what it tells you about the article's angle.",
    misconceptions=("a frequent word that is not distinctive", "a stopword"),
)
def a_distinctive_word(corpus, label: str | None) -> Key:
    """Any of the distinctive words of the article ``label``.

    Examples
    --------
    >>> texts = {"A": "Roof roof roof leaks. The town votes.", "B": "The town votes. The town meets.",
    ...          "C": "The town votes. Town news."}
    >>> key = a_distinctive_word(texts, "A")
    >>> key.accept("Roof"), key.accept("town")
    (True, False)
    >>> [(m.name, m.answer) for m in key.misconceptions]
    [('a frequent word that is not distinctive', 'town'), ('a stopword', 'the')]
    """
    if label is None:
        return Key(cannot_tell="No article of this corpus has a distinctive word (the articles may be too short or "
                   "too few to tell), so there is nothing to check.")
    try:
        found = distinctive_words(corpus, label, n=DISTINCTIVE_SHOWN)
    except ValueError as problem:
        return Key(cannot_tell=f"Distinctive words cannot be computed here: {problem}")
    allowed = {k.word for k in found}
    if not allowed:
        return Key(cannot_tell=f"No word of article {label} passes the test, so there is nothing to check.")
    traps = []
    own = count_by_article(corpus)[label]
    everywhere = count_words(corpus)
    frequent = [word for word, _ in sorted(own.items(), key=lambda item: (-item[1], -everywhere[item[0]], item[0]))
                if word not in allowed and not any(ch.isdigit() for ch in word)]
    if frequent:
        traps.append(Misconception("a frequent word that is not distinctive", "That word is frequent in this article, "
                                   "but the other articles use it about as often: it belongs to the whole story. A "
                                   "distinctive word is used more here than elsewhere; look at this article's row of the "
                                   "distinctive-words table.", frequent[0]))
    stopwords = load_stopwords()
    with_stopwords = count_by_article(corpus, stopwords=False)[label]
    common = [word for word, _ in sorted(with_stopwords.items(), key=lambda item: (-item[1], item[0])) if word in stopwords]
    if common:
        traps.append(Misconception("a stopword", "That word is on the stopword list: every text uses it, so the "
                                   "distinctive-words table leaves it out. Take a word from the table.", common[0],
                                   test=lambda answer: answer.strip().lower() in stopwords))
    return Key(accept=lambda answer: str(answer).strip().lower() in allowed, misconceptions=tuple(traps))
