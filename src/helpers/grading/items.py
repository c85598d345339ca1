"""Probe items: the words a hidden check tries a student's function on, picked from the corpus it checks.

A hidden check that asks "how often does this article use *word*?" must ask
about words the second corpus really contains, or a function that always
answers 0 would pass it. So the masters do not name their words: they ask
these functions for them, with the second corpus, each time the check runs
(when ``make exercises`` records the probes, and when a submission is
graded). The same corpus gives the same words both times.

The rules only count words (:func:`helpers.text.words`) and break ties
alphabetically, so they depend on nothing but the corpus's text.

Examples
--------
>>> from helpers.corpus import article_from_text
>>> corpus = [article_from_text("The ferry runs. The ferry stops. The harbour waits.", "a.txt", "A"),
...           article_from_text("The harbour opens. The harbour closes.", "b.txt", "B")]
>>> frequent_words(corpus, 2)
['harbour', 'ferry']
>>> most_frequent_word(corpus)
'the'
>>> telling_words(corpus)
['ferry', 'harbour']
>>> words_where_counts_mislead([corpus[1], article_from_text("Harbour!", "c.txt", "C")])
['harbour']
"""

from __future__ import annotations

from collections import Counter

__all__ = ["frequent_words", "most_frequent_word", "telling_words", "words_where_counts_mislead"]

#: Words shorter than this are left out of :func:`frequent_words` and :func:`telling_words`
#: (they are mostly function words: "the", "and", "said").
MIN_LENGTH = 5


def _counts(article, min_length: int = 1) -> Counter:
    from helpers.text import words

    return Counter(w for w in words(article.text) if w.isalpha() and len(w) >= min_length)


def _ranked(counts: Counter) -> list[str]:
    return [word for word, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def most_frequent_word(corpus) -> str:
    """The word the corpus uses most (usually a function word such as "the"); ties alphabetically.

    Raises
    ------
    ValueError
        If the corpus has no words.
    """
    total = sum((_counts(article) for article in corpus), Counter())
    if not total:
        raise ValueError("the corpus has no words")
    return _ranked(total)[0]


def frequent_words(corpus, n: int = 3, min_length: int = MIN_LENGTH) -> list[str]:
    """The ``n`` words of at least ``min_length`` letters the corpus uses most; ties alphabetically.

    Fewer than ``n`` if the corpus has fewer such words.
    """
    total = sum((_counts(article, min_length) for article in corpus), Counter())
    return _ranked(total)[:n]


def telling_words(corpus, n: int | None = None, min_length: int = MIN_LENGTH) -> list[str]:
    """One word per article that uses it at a higher rate than every other article does.

    For each article in label order: its most frequent word of at least
    ``min_length`` letters whose rate (per word of the article) is higher
    there than in any other article. A check that asks "which article uses
    this word most?" about these words gets a different article each time,
    so a function that always names the same article fails it.

    Returns
    -------
    list of str
        At most ``n`` words (default: one per article), in the articles' label order; an
        article with no such word gives none.
    """
    articles = sorted(corpus, key=lambda article: article.label)
    counts = [_counts(article, min_length) for article in articles]
    from helpers.text import words

    sizes = [max(len(words(article.text)), 1) for article in articles]
    chosen: list[str] = []
    for index, own in enumerate(counts):
        for word in _ranked(own):
            rate = own[word] / sizes[index]
            if word not in chosen and all(other[word] / sizes[j] < rate
                                          for j, other in enumerate(counts) if j != index):
                chosen.append(word)
                break
    return chosen if n is None else chosen[:n]


def words_where_counts_mislead(corpus, n: int = 1, min_length: int = MIN_LENGTH) -> list[str]:
    """Words that one article uses most often but another uses at a higher rate.

    A function that compares raw counts instead of rates names the wrong
    article for these words. The most frequent such words of at least
    ``min_length`` letters, ties alphabetically (ties between articles go to
    the earlier label, as in the checks); fewer than ``n`` if the corpus has
    fewer (articles of about the same length may have none).
    """
    from helpers.text import words

    articles = sorted(corpus, key=lambda article: article.label)
    counts = [_counts(article, min_length) for article in articles]
    sizes = [max(len(words(article.text)), 1) for article in articles]
    total = sum(counts, Counter())
    found = []
    for word in _ranked(total):
        by_count = max(range(len(articles)), key=lambda i: counts[i][word])
        by_rate = max(range(len(articles)), key=lambda i: counts[i][word] / sizes[i])
        if by_count != by_rate:
            found.append(word)
            if len(found) == n:
                break
    return found
