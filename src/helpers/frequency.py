"""Counting words: frequencies, distinctive words, n-grams, concordance, dispersion.

Counting is quick; knowing what a count means takes reading. This module
does the counting with NLTK (``FreqDist``, ``ConditionalFreqDist``, the
collocation finders and their association measures) and keeps every count
tied to the place in the text it came from, so a number can always be
checked in context.

What is counted
---------------
Words come from :func:`helpers.text.tokenize`, so the project's token rules
hold everywhere: "U.S.", "MS-13", "mega-prison" and "40,000" stay whole, and
a possessive "’s" is split off ("Bukele’s" counts as "bukele"). Punctuation
and the split-off "’s" are never counted.

Only some lines of an article are counted. By default these are the
**prose and the headings** (lines of kind ``paragraph``, ``bullet`` and
``heading``; see :mod:`helpers.layout`). Bylines, "| Published ..." lines and
page furniture such as "Be the first to comment" are left out, because they
are not the article's own words. Pass ``lines="all"`` to count every line, or
``lines=("paragraph", "bullet")`` for prose only.

Counting options
----------------
Every counting function takes the same keyword options:

``lowercase`` (True)
    Count "Security" and "security" as one word.
``stopwords`` (True)
    Leave out the words of ``helpers/data/stopwords_en.txt``. Pass False to
    keep every word, a set of words of your own, or the path of your own list.
``stemmer`` (None)
    ``"porter"`` or ``"snowball"`` to count stems ("deport" for "deported",
    "deportation", "deportations").
``min_length`` (1)
    Leave out words shorter than this many characters.
``numbers`` (True)
    Keep numbers such as "1798" and "40,000".
``lines`` (``COUNTED_LINES``)
    Which kinds of line to count (see above).

Per 1,000 words
---------------
Relative frequencies divide by the article's **running words**: every word
and number of the counted lines, stopwords included. With the default lines
this is the article's word count, :attr:`helpers.corpus.Article.word_count`,
the same number every notebook and the report show. The denominator does
not change when you switch stopwords or stemming on or off, so a rate of
"5.2 per 1,000 words" always means the same thing.

The tokens and sentences of the last 64 articles seen are kept in memory, so
widgets that recount the same articles do not tokenise them again.
"""

from __future__ import annotations

import bisect
import difflib
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from nltk.probability import ConditionalFreqDist, FreqDist

from helpers.corpus import WORD_COUNT_LINES, Article, as_articles, find_article, words_on_lines
from helpers.layout import LINE_KINDS
from helpers.text import Token, fold_case, load_stopwords, normalize_quotes, split_sentences, stem, tokenize

__all__ = [
    "ALL_LINES",
    "COLLOCATION_MEASURES",
    "COUNTED_LINES",
    "KEYNESS_MEASURES",
    "OPTION_NAMES",
    "PROSE_LINES",
    "Collocate",
    "ConcordanceLine",
    "Keyness",
    "Ngram",
    "TypeCount",
    "WordCount",
    "WordTable",
    "article_words",
    "collocates",
    "collocations",
    "concordance",
    "count_by_article",
    "count_types",
    "count_words",
    "deviation_of_proportions",
    "dispersion",
    "distinctive_words",
    "distinctive_words_by_article",
    "format_concordance",
    "frequency_table",
    "ngram_counts",
    "no_hits_message",
    "per_thousand",
    "running_words",
    "shared_words",
    "sort_hits",
    "stem_forms",
    "suggest_words",
    "summarize_words",
    "top_words",
    "top_words_by_article",
]

#: Lines counted by default: the prose and the headings (the lines of
#: :attr:`helpers.corpus.Article.word_count`).
COUNTED_LINES = WORD_COUNT_LINES
#: Only the running prose (paragraphs and bullet points).
PROSE_LINES = ("paragraph", "bullet")
#: Every line that has text, page furniture included.
ALL_LINES = tuple(kind for kind in LINE_KINDS if kind != "blank")

#: Names of the counting options every function accepts.
OPTION_NAMES = ("lowercase", "stopwords", "stemmer", "min_length", "numbers", "lines")

#: Association measures for :func:`collocations` (NLTK's names).
COLLOCATION_MEASURES = (
    "likelihood_ratio",
    "pmi",
    "student_t",
    "chi_sq",
    "raw_freq",
    "poisson_stirling",
    "jaccard",
    "mi_like",
)

#: Statistics for :func:`distinctive_words`.
KEYNESS_MEASURES = ("log-likelihood", "log-odds")

_LINE_SETS = {"counted": COUNTED_LINES, "prose": PROSE_LINES, "all": ALL_LINES}


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WordCount:
    """A word, how often it occurs, and how often per 1,000 running words."""

    word: str
    count: int
    per_1000: float


@dataclass(frozen=True)
class TypeCount:
    """Tokens (words counted) and types (different words) of a text."""

    tokens: int
    types: int

    @property
    def ratio(self) -> float:
        """Types per token (0 for a text without words)."""
        return self.types / self.tokens if self.tokens else 0.0


@dataclass(frozen=True)
class Keyness:
    """How much more (or less) often an article uses a word than the others.

    Attributes
    ----------
    word : str
    count, per_1000 : int, float
        In the article.
    ref_count, ref_per_1000 : int, float
        In the reference (the other articles, pooled).
    score : float
        G² for ``"log-likelihood"``, a z-score for ``"log-odds"``; larger
        means stronger evidence of a difference.
    log_ratio : float
        Effect size: log2 of (rate in article / rate in reference). 1 means
        twice as often, 2 four times, -1 half as often. A zero count is
        replaced by 0.5 so the ratio stays finite.
    p_value : float
        The chance of a score at least this large if the article and the
        reference used the word at the same rate (one test, no correction).
    measure : str
    """

    word: str
    count: int
    per_1000: float
    ref_count: int
    ref_per_1000: float
    score: float
    log_ratio: float
    p_value: float
    measure: str = "log-likelihood"

    @property
    def overused(self) -> bool:
        """True if the article uses the word more often than the reference."""
        return self.log_ratio > 0


@dataclass(frozen=True)
class Ngram:
    """A sequence of words, its count and (for collocations) its score."""

    words: tuple[str, ...]
    count: int
    score: float | None = None

    @property
    def text(self) -> str:
        """The words joined by spaces."""
        return " ".join(self.words)


@dataclass(frozen=True)
class Collocate:
    """A word found near a search term, how often, and on which side."""

    word: str
    count: int
    left: int
    right: int


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence of a search term, with its context and offsets.

    ``text[start:end] == keyword`` and ``text[sentence_start:sentence_end]
    == sentence``, where ``text`` is the article's text as stored.

    Attributes
    ----------
    label, file : str
        The article.
    start, end : int
        Offsets of the match.
    keyword : str
        The match as written.
    left, right : str
        Up to ``width`` characters before and after, line breaks shown as spaces.
    sentence : str
        The sentence the match starts in.
    sentence_start, sentence_end : int
    line_kind : str
        The kind of line the match stands on (paragraph, heading, ...).
    token_index : int
        How many running words of the article come before the match.
    position : float
        ``token_index`` divided by the article's running words: 0 at the
        start of the article, near 1 at the end.
    char_position : float
        ``start`` divided by the length of the text.
    """

    label: str
    file: str
    start: int
    end: int
    keyword: str
    left: str
    right: str
    sentence: str
    sentence_start: int
    sentence_end: int
    line_kind: str
    token_index: int
    position: float
    char_position: float


@dataclass
class WordTable:
    """A word × article table of counts, with the running words of each article.

    Attributes
    ----------
    words : list of str
        The rows.
    labels : list of str
        The columns (article labels).
    counts : list of list of int
        ``counts[i][j]`` is how often ``words[i]`` occurs in ``labels[j]``.
    totals : list of int
        Running words of each article (the per-1,000 denominators).
    """

    words: list[str]
    labels: list[str]
    counts: list[list[int]]
    totals: list[int]

    def count(self, word: str, label: str) -> int:
        """How often ``word`` occurs in the article ``label``."""
        return self.counts[self.words.index(word)][self.labels.index(label)]

    def per_1000(self, word: str, label: str) -> float:
        """Occurrences of ``word`` per 1,000 running words of ``label``."""
        j = self.labels.index(label)
        return per_thousand(self.counts[self.words.index(word)][j], self.totals[j])

    def rows(self, relative: bool = False, digits: int = 1) -> list[list]:
        """Rows ``[word, value per article...]``: counts, or rates per 1,000 words."""
        if not relative:
            return [[word, *row] for word, row in zip(self.words, self.counts)]
        return [
            [word, *(round(per_thousand(n, total), digits) for n, total in zip(row, self.totals))]
            for word, row in zip(self.words, self.counts)
        ]

    def to_pandas(self, relative: bool = False):
        """The table as a pandas DataFrame (needs pandas installed)."""
        import pandas

        values = self.rows(relative, digits=2)
        return pandas.DataFrame([row[1:] for row in values], index=self.words, columns=self.labels)


# ---------------------------------------------------------------------------
# Inputs and options
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Options:
    lowercase: bool
    stopwords: frozenset
    stemmer: str | None
    min_length: int
    numbers: bool
    lines: frozenset


def _options(
    lowercase: bool = True,
    stopwords=True,
    stemmer=None,
    min_length: int = 1,
    numbers: bool = True,
    lines=COUNTED_LINES,
    **unknown,
) -> _Options:
    if unknown:
        name = sorted(unknown)[0]
        close = difflib.get_close_matches(name, OPTION_NAMES, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise TypeError(
            f"Unknown counting option {name!r}.{hint} The options are: {', '.join(OPTION_NAMES)}."
        )
    if stopwords is True:
        stopset = load_stopwords()
    elif stopwords is False or stopwords is None:
        stopset = frozenset()
    elif isinstance(stopwords, (str, Path, os.PathLike)):
        stopset = load_stopwords(stopwords)
    else:
        try:
            stopset = frozenset(normalize_quotes(str(w)).lower() for w in stopwords)
        except TypeError:
            raise TypeError(
                "stopwords should be True (the project's list), False (keep every word), "
                f"a set of words or the path of a list; got {type(stopwords).__name__}."
            ) from None
    if stemmer is True:
        stemmer = "porter"
    elif stemmer is False or stemmer == "":
        stemmer = None
    if stemmer not in (None, "porter", "snowball"):
        raise ValueError(f"Unknown stemmer {stemmer!r}: use 'porter', 'snowball' or None.")
    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
        raise ValueError(f"min_length should be a whole number of at least 1; got {min_length!r}.")
    if isinstance(lines, str):
        if lines not in _LINE_SETS:
            raise ValueError(
                f"Unknown lines {lines!r}: use 'counted', 'prose', 'all' or a list of line kinds "
                f"({', '.join(ALL_LINES)})."
            )
        kinds = frozenset(_LINE_SETS[lines])
    else:
        kinds = frozenset(lines)
        wrong = sorted(kinds - set(ALL_LINES))
        if wrong:
            raise ValueError(f"Unknown line kind {wrong[0]!r}: the kinds are {', '.join(ALL_LINES)}.")
    return _Options(bool(lowercase), stopset, stemmer, min_length, bool(numbers), kinds)


@lru_cache(maxsize=64)
def _span_tokens(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[Token, ...], ...]:
    """The tokens of each span of a text (cached: widgets recount the same articles)."""
    return tuple(tuple(tokenize(text, start, end)) for start, end in spans)


def _line_tokens(article: Article, kinds: frozenset) -> tuple[tuple[Token, ...], ...]:
    """The tokens of each counted line of an article."""
    spans = tuple((line.start, line.end) for line in article.lines if line.kind in kinds)
    return _span_tokens(article.text, spans)


@lru_cache(maxsize=64)
def _all_sentences(text: str, lines: tuple) -> tuple:
    return tuple(split_sentences(text, lines))


def _sentences(article: Article, kinds: frozenset):
    """The sentences on counted lines, each with its tokens."""
    sentences = [s for s in _all_sentences(article.text, article.lines) if s.kind in kinds]
    tokens = _span_tokens(article.text, tuple((s.start, s.end) for s in sentences))
    return list(zip(sentences, tokens))


def _form(token: Token, opts: _Options) -> str | None:
    """What a token counts as under the options, or None if it is not counted.

    The same rules as :func:`helpers.text.words` (a test checks that they agree).
    """
    if token.kind == "number":
        if not opts.numbers:
            return None
    elif token.kind != "word":
        return None
    norm = normalize_quotes(token.text)
    lower = fold_case(norm)
    if lower in opts.stopwords or len(norm) < opts.min_length:
        return None
    word = lower if opts.lowercase else norm
    return stem(word, opts.stemmer) if opts.stemmer else word


def _running(article: Article, kinds: frozenset) -> int:
    """The running words of an article's lines of these kinds (its word count by default)."""
    if kinds == frozenset(COUNTED_LINES):
        return article.word_count
    return words_on_lines(article.text, article.lines, kinds)


def _scan(article: Article, opts: _Options) -> tuple[list[str], int]:
    """The counted forms of an article, and its running words."""
    forms = []
    for tokens in _line_tokens(article, opts.lines):
        for token in tokens:
            if token.kind in ("word", "number"):
                form = _form(token, opts)
                if form is not None:
                    forms.append(form)
    return forms, _running(article, opts.lines)


def per_thousand(count: int, total: int) -> float:
    """A count per 1,000 running words (0 when there are no words).

    Parameters
    ----------
    count : int
    total : int
        Running words of the text.

    Returns
    -------
    float

    Examples
    --------
    >>> per_thousand(3, 600)
    5.0
    >>> per_thousand(3, 0)
    0.0
    """
    return 1000.0 * count / total if total else 0.0


def _ranked(freqdist: FreqDist, total: int, n: int | None) -> list[WordCount]:
    ordered = sorted(freqdist.items(), key=lambda item: (-item[1], item[0]))
    if n is not None:
        ordered = ordered[:n]
    return [WordCount(word, count, per_thousand(count, total)) for word, count in ordered]


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------


def article_words(source, **options) -> list[str]:
    """The words of one article (or text) as they are counted, in order.

    Parameters
    ----------
    source : str or Article
    **options
        ``lowercase``, ``stopwords``, ``stemmer``, ``min_length``, ``numbers``,
        ``lines`` (see the module help).

    Returns
    -------
    list of str

    Examples
    --------
    >>> article_words("Bukele’s prison holds 40,000 inmates.")
    ['bukele', 'prison', 'holds', '40,000', 'inmates']
    >>> article_words("The prisons were built.", stopwords=False, stemmer="porter")
    ['the', 'prison', 'were', 'built']
    """
    opts = _options(**options)
    articles = as_articles(source)
    if len(articles) != 1:
        raise ValueError("article_words takes one article or text; use count_by_article for a corpus.")
    return _scan(articles[0], opts)[0]


def running_words(source, lines=COUNTED_LINES) -> int:
    """How many words and numbers the counted lines hold (stopwords included).

    This is the denominator of every rate per 1,000 words. With the default
    lines it is the article's word count (:attr:`helpers.corpus.Article.word_count`).

    Parameters
    ----------
    source : str, Article or Corpus
        A corpus gives the sum over its articles.
    lines : tuple of str or {"counted", "prose", "all"}

    Returns
    -------
    int

    Examples
    --------
    >>> running_words("The U.S. paid El Salvador’s government.")
    6
    """
    opts = _options(stopwords=False, lines=lines)
    return sum(_running(article, opts.lines) for article in as_articles(source))


def count_words(source, **options) -> FreqDist:
    """Count the words of a text, an article or a whole corpus.

    Time: O(T) for T running words of the articles given.

    Parameters
    ----------
    source : str, Article, Corpus or list of them
    **options
        See the module help; by default words are lower-cased and stopwords
        left out.

    Returns
    -------
    nltk.FreqDist
        ``counts["prison"]`` is a count; ``counts.N()`` the words counted.

    Examples
    --------
    >>> counts = count_words("The prison, the prisons and Bukele’s prison.")
    >>> counts["prison"], counts["prisons"], counts["bukele"], counts["the"]
    (2, 1, 1, 0)
    >>> count_words("The prisons, the prison.", stemmer="porter")["prison"]
    2
    """
    opts = _options(**options)
    counts = FreqDist()
    for article in as_articles(source):
        counts.update(_scan(article, opts)[0])
    return counts


def count_by_article(corpus, **options) -> ConditionalFreqDist:
    """Count words article by article.

    Time: O(T) for T running words of the corpus (each article counted
    once).

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    **options
        See the module help.

    Returns
    -------
    nltk.ConditionalFreqDist
        ``counts["A"]["prison"]`` is how often article A uses "prison";
        every article has an entry, even one without words.

    Examples
    --------
    >>> counts = count_by_article({"A": "Prison deal. Prison.", "B": "A deal."})
    >>> counts["A"]["prison"], counts["B"]["prison"], counts["B"]["deal"]
    (2, 0, 1)
    """
    opts = _options(**options)
    counts = ConditionalFreqDist()
    for article in as_articles(corpus):
        counts[article.label].update(_scan(article, opts)[0])
    return counts


def count_types(source, **options) -> TypeCount:
    """Tokens (words counted) and types (different words) of a text or corpus.

    Parameters
    ----------
    source : str, Article or Corpus
    **options
        See the module help. Pass ``stopwords=False`` to count every word.

    Returns
    -------
    TypeCount

    Examples
    --------
    >>> result = count_types("the cat saw the other cat", stopwords=False)
    >>> result.tokens, result.types, round(result.ratio, 2)
    (6, 4, 0.67)
    """
    counts = count_words(source, **options)
    return TypeCount(counts.N(), counts.B())


def top_words(source, n: int | None = 10, **options) -> list[WordCount]:
    """The most frequent words, with counts and rates per 1,000 running words.

    Ties are broken alphabetically, so the order is always the same.

    Parameters
    ----------
    source : str, Article or Corpus
        A corpus gives the top words of all its articles together.
    n : int or None
        How many words (None for all).
    **options
        See the module help.

    Returns
    -------
    list of WordCount

    Examples
    --------
    >>> top_words("The gang members and the gang leaders met gang members.", n=2)
    [WordCount(word='gang', count=3, per_1000=300.0), WordCount(word='members', count=2, per_1000=200.0)]
    """
    _check_n(n)
    opts = _options(**options)
    counts = FreqDist()
    total = 0
    for article in as_articles(source):
        forms, words = _scan(article, opts)
        counts.update(forms)
        total += words
    return _ranked(counts, total, n)


def shared_words(corpus, n: int = 5, **options) -> list[str]:
    """The words most articles share: the words of the story itself.

    Time: O(T + V) for T running words and V different words of the corpus.

    Content words (stopwords, numbers and words under three letters left
    out) used by at least half of the articles, and by at least two when the
    corpus has two or more. They are ranked by how many articles use them,
    then by the sum of their rates per 1,000 words (so a long article does
    not outweigh a short one), then alphabetically. Verbs of saying
    ("said", "told", from ``reporting_cues_en.txt``) are left out: every news
    story shares them.

    Notebook 02 follows these words when a corpus's README gives no "Words
    to follow".

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n : int
        How many words at most.
    **options
        Counting options (see the module help); ``numbers`` and
        ``min_length`` may be changed.

    Returns
    -------
    list of str
        Possibly fewer than ``n`` words (none for a corpus without shared words).

    Examples
    --------
    >>> shared_words({"A": "The ferry sank. The ferry had been inspected.",
    ...               "B": "The ferry company said it was safe.", "C": "A storm hit."}, n=3)
    ['ferry']
    """
    _check_n(n)
    options.setdefault("numbers", False)
    options.setdefault("min_length", 3)
    articles = as_articles(corpus)
    opts = _options(**options)
    saying = _saying_words()
    need = 1 if len(articles) < 2 else max(2, math.ceil(len(articles) / 2))
    rates: dict[str, list[float]] = {}
    for article in articles:
        forms, total = _scan(article, opts)
        for word, count in Counter(forms).items():
            if word not in saying:
                rates.setdefault(word, []).append(per_thousand(count, total))
    shared = [(word, found) for word, found in rates.items() if len(found) >= need]
    shared.sort(key=lambda item: (-len(item[1]), -sum(item[1]), item[0]))
    return [word for word, _ in shared[:n]]


@lru_cache(maxsize=1)
def _saying_words() -> frozenset:
    """Single-word forms of the verbs of saying (``reporting_cues_en.txt``)."""
    from helpers.sourcing.lexicon import load_cue_lexicon

    return frozenset(key[0] for key in load_cue_lexicon().cues if len(key) == 1)


def top_words_by_article(corpus, n: int | None = 10, **options) -> dict[str, list[WordCount]]:
    """The most frequent words of each article.

    Time: O(T) for T running words, plus sorting each article's vocabulary.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n : int or None
    **options
        See the module help.

    Returns
    -------
    dict
        Label → list of WordCount.

    Examples
    --------
    >>> tops = top_words_by_article({"A": "Gang gang prison.", "B": "Court court court."}, n=1)
    >>> [(label, top[0].word, top[0].count) for label, top in tops.items()]
    [('A', 'gang', 2), ('B', 'court', 3)]
    """
    _check_n(n)
    opts = _options(**options)
    result = {}
    for article in as_articles(corpus):
        forms, total = _scan(article, opts)
        result[article.label] = _ranked(FreqDist(forms), total, n)
    return result


def stem_forms(source, stemmer: str = "porter", **options) -> dict[str, list[tuple[str, int]]]:
    """The words behind each stem, most frequent first.

    Stems group forms of a word ("deport" for "deported" and "deportation")
    but are not always words themselves; this shows what they stand for.

    Parameters
    ----------
    source : str, Article or Corpus
    stemmer : {"porter", "snowball"}
    **options
        Counting options other than ``stemmer``.

    Returns
    -------
    dict
        Stem → list of (word, count).

    Examples
    --------
    >>> stem_forms("deported deportation deported prisons")["deport"]
    [('deported', 2), ('deportation', 1)]
    """
    if "stemmer" in options:
        raise TypeError("Give the stemmer as the second argument of stem_forms, not as an option.")
    opts = _options(stemmer=stemmer, **options)
    plain = _Options(opts.lowercase, opts.stopwords, None, opts.min_length, opts.numbers, opts.lines)
    groups: dict[str, Counter] = {}
    for article in as_articles(source):
        for word in _scan(article, plain)[0]:
            groups.setdefault(stem(word, opts.stemmer), Counter())[word] += 1
    return {key: sorted(forms.items(), key=lambda item: (-item[1], item[0])) for key, forms in groups.items()}


def _check_n(n) -> None:
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ValueError(f"n should be a whole number of at least 1 (or None for all); got {n!r}.")


def frequency_table(corpus, words: Iterable[str] | None = None, n: int = 10, **options) -> WordTable:
    """A word × article table of counts, with each article's running words.

    Time: O(T) for T running words of the corpus.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    words : list of str, optional
        The rows. By default, the ``n`` most frequent words of the whole
        corpus. Words you name are counted even if they are stopwords; with a
        stemmer each is stemmed for you. A phrase ("human rights") or a word
        ending in ``*`` is counted as :func:`concordance` finds it.
    n : int
        How many words when ``words`` is not given.
    **options
        See the module help.

    Returns
    -------
    WordTable

    Examples
    --------
    >>> texts = {"A": "Gang gang prison. Human rights.", "B": "Prison court."}
    >>> table = frequency_table(texts, ["gang", "prison", "human rights"])
    >>> table.rows()
    [['gang', 2, 0], ['prison', 1, 1], ['human rights', 1, 0]]
    >>> table.totals
    [5, 2]
    >>> table.rows(relative=True)
    [['gang', 400.0, 0.0], ['prison', 200.0, 500.0], ['human rights', 200.0, 0.0]]
    """
    _check_n(n)
    opts = _options(**options)
    articles = as_articles(corpus)
    labels = [a.label for a in articles]
    if words is None:
        scans = [_scan(article, opts) for article in articles]
        per_article = [FreqDist(forms) for forms, _ in scans]
        total = FreqDist()
        for counts in per_article:
            total.update(counts)
        rows = [item.word for item in _ranked(total, 1, n)]
        counts = [[fd[word] for fd in per_article] for word in rows]
        return WordTable(rows, labels, counts, [t for _, t in scans])
    if isinstance(words, str):
        words = [words]
    named = _Options(opts.lowercase, frozenset(), opts.stemmer, opts.min_length, opts.numbers, opts.lines)
    scans = [_scan(article, named) for article in articles]
    per_article = [FreqDist(forms) for forms, _ in scans]
    rows, counts = [], []
    for word in words:
        typed = normalize_quotes(str(word).strip())
        if not typed:
            continue
        if len(typed.split()) > 1 or typed.endswith("*") or len(tokenize(typed)) > 1:
            hits = Counter(
                hit.label
                for hit in concordance(
                    articles, typed, stems=opts.stemmer or False, case_sensitive=not opts.lowercase, lines=opts.lines
                )
            )
            rows.append(typed.lower() if opts.lowercase else typed)
            counts.append([hits[label] for label in labels])
        else:
            form = _normal_word(typed, opts)
            rows.append(form)
            counts.append([fd[form] for fd in per_article])
    return WordTable(rows, labels, counts, [t for _, t in scans])


def _normal_word(word: str, opts: _Options) -> str:
    """A word typed by a user, in the form it is counted."""
    word = normalize_quotes(str(word).strip())
    if opts.lowercase:
        word = word.lower()
    return stem(word, opts.stemmer) if opts.stemmer else word


# ---------------------------------------------------------------------------
# Distinctive words (keyness)
# ---------------------------------------------------------------------------


def _log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G² for a word seen ``a`` times in ``c`` words and ``b`` in ``d``."""
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / expected_a)
    if b:
        g2 += b * math.log(b / expected_b)
    return 2.0 * g2


def _log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's log ratio: log2 of the ratio of the two rates (zeros count as 0.5)."""
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def _log_odds_z(a: int, b: int, c: int, d: int, prior: float, prior_total: float) -> float:
    """Monroe, Colaresi and Quinn's z-score of the log-odds-ratio with a Dirichlet prior."""
    delta = math.log((a + prior) / (c + prior_total - a - prior)) - math.log(
        (b + prior) / (d + prior_total - b - prior)
    )
    variance = 1.0 / (a + prior) + 1.0 / (b + prior)
    return delta / math.sqrt(variance)


def distinctive_words(
    corpus,
    label: str,
    n: int | None = 10,
    *,
    measure: str = "log-likelihood",
    reference: Iterable[str] | None = None,
    min_count: int = 2,
    p_value: float | None = 0.05,
    underused: bool = False,
    sort: str = "score",
    prior: float = 0.1,
    **options,
) -> list[Keyness]:
    """The words that set one article apart from the others (keyness).

    Time: O(T) per call for T running words of the corpus (the reference is
    pooled anew), so calling it for each of N articles is O(N·T): use
    :func:`distinctive_words_by_article` for a whole corpus.

    The article is compared with a **reference**: the other articles of the
    corpus, pooled (or those you name). Two statistics are offered:

    ``"log-likelihood"`` (the default, as in AntConc and WordSmith)
        Dunning's (1993) G², in the form Rayson and Garside (2000) give for
        comparing two texts: how surprising the two counts are if both texts
        used the word at the same rate. Unlike the chi-squared test it stays
        reliable for the small counts of short articles. G² ≥ 3.84 means
        p < 0.05, ≥ 6.63 p < 0.01, ≥ 15.13 p < 0.0001 (one test, 1 degree of
        freedom). G² measures *evidence*, not size, so each word also gets
        Hardie's (2014) **log ratio**, log2 of the ratio of the two rates per
        word: 1 is twice as often, 3 eight times. A zero count is replaced by
        0.5, so a word absent from the reference gets a large but finite ratio
        instead of infinity.
    ``"log-odds"``
        Monroe, Colaresi and Quinn's (2008) weighted log-odds-ratio with an
        informative Dirichlet prior: the counts of the whole corpus (article
        and reference) times ``prior``. The prior pulls rare words towards the
        corpus average, so a word seen once or twice cannot top the list by
        chance; the score is a z-score (|z| ≥ 1.96 means p < 0.05).

    We default to G² with log ratio because it is the statistic of the
    concordancers students may meet later (AntConc, WordSmith, Voyant's
    comparison view) and because its two numbers separate "how sure" from
    "how big". Rates use running words (stopwords included) as denominators.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    label : str
        The article (label, id or file name).
    n : int or None
        How many words (None for all that pass the filters).
    measure : {"log-likelihood", "log-odds"}
    reference : list of str, optional
        Labels of the reference articles (default: all the others).
    min_count : int
        Leave out words the article uses fewer times than this (default 2):
        a word used once is not yet a pattern.
    p_value : float or None
        Keep words whose p-value is below this (default 0.05); None keeps all.
        With hundreds of words tested some will pass by chance: read the
        concordance before you trust a keyword.
    underused : bool
        Return the words the article uses *less* than the reference instead.
    sort : {"score", "log_ratio"}
        Order by strength of evidence (default) or by effect size.
    prior : float
        For ``"log-odds"`` only: the weight of the prior, as a share of the
        corpus counts (0.1: the prior counts as a tenth of the corpus). Larger
        values shrink rare words more.
    **options
        Counting options (see the module help).

    Returns
    -------
    list of Keyness

    Raises
    ------
    ValueError
        If the article or the reference has no words, or ``label`` is unknown.

    Examples
    --------
    >>> texts = {"A": "gang gang gang prison court", "B": "court court prison", "C": "prison court law"}
    >>> [(k.word, k.count, k.ref_count) for k in distinctive_words(texts, "A", p_value=None)]
    [('gang', 3, 0)]
    >>> top = distinctive_words(texts, "A", p_value=None)[0]
    >>> round(top.score, 2), round(top.p_value, 3), round(top.log_ratio, 2)
    (4.73, 0.03, 2.85)

    By hand: A has 5 words, the reference (B and C) 6. If both used "gang" at
    the same rate, A would hold 5 × 3 / 11 = 1.36 of its 3 uses, so
    G² = 2 × 3 × ln(3 / 1.36) = 4.73; the log ratio is
    log2((3 / 5) / (0.5 / 6)) = 2.85, the zero count of B counting as 0.5.
    """
    _check_keyness_options(n, measure, prior, sort)
    opts = _options(**options)
    articles = as_articles(corpus)
    target = find_article(articles, label)
    if reference is None:
        others = [a for a in articles if a is not target]
    else:
        if isinstance(reference, str):
            reference = [reference]
        others = [find_article(articles, key) for key in reference]
        others = [a for a in others if a is not target]
    target_forms, c = _scan(target, opts)
    if c == 0:
        raise ValueError(f"Article {target.label} ({target.file}) has no words to compare.")
    ref_counts = FreqDist()
    d = 0
    for article in others:
        forms, total = _scan(article, opts)
        ref_counts.update(forms)
        d += total
    if d == 0:
        raise ValueError(
            "Distinctive words need a reference with words: the corpus has no other article "
            f"with words besides {target.label}."
        )
    return _keyness(FreqDist(target_forms), c, ref_counts, d, n=n, measure=measure, min_count=min_count,
                    p_value=p_value, underused=underused, sort=sort, prior=prior)


def _check_keyness_options(n, measure: str, prior, sort: str) -> None:
    _check_n(n)
    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"Unknown measure {measure!r}: use one of {', '.join(KEYNESS_MEASURES)}.")
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) or prior <= 0:
        raise ValueError(f"prior should be a number above 0; got {prior!r}.")
    if sort not in ("score", "log_ratio"):
        raise ValueError(f"Unknown sort {sort!r}: use 'score' or 'log_ratio'.")


def _keyness(
    target_counts: FreqDist,
    c: int,
    ref_counts,
    d: int,
    *,
    n: int | None,
    measure: str,
    min_count: int,
    p_value: float | None,
    underused: bool,
    sort: str,
    prior: float,
    ref_words: Iterable[str] | None = None,
) -> list[Keyness]:
    """Score the words of an article (``c`` running words) against a reference (``d``).

    ``ref_counts`` maps a word to its count in the reference (a FreqDist or
    anything with ``[]`` giving 0 for an unknown word). Only the words that
    can pass the filters are scored: the article's own words (an overused
    word is used at least ``min_count`` times in the article), or, for
    ``underused``, the reference's words (``ref_words``, default its keys).
    Time: linear in the number of words scored.
    """
    if underused:
        candidates = ref_words if ref_words is not None else ref_counts.keys()
        candidates = [w for w in candidates if ref_counts[w] >= min_count]
    else:
        candidates = [w for w, a in target_counts.items() if a >= min_count]
    results = []
    for word in candidates:
        a, b = target_counts[word], ref_counts[word]
        ratio = _log_ratio(a, b, c, d)
        if not (ratio < 0 if underused else ratio > 0):
            continue
        if measure == "log-likelihood":
            score = _log_likelihood(a, b, c, d)
            probability = math.erfc(math.sqrt(score / 2.0))
        else:
            score = _log_odds_z(a, b, c, d, prior=prior * (a + b), prior_total=prior * (c + d))
            probability = math.erfc(abs(score) / math.sqrt(2.0))
            score = abs(score)
        if p_value is not None and not probability < p_value:
            continue
        results.append(Keyness(word, a, per_thousand(a, c), b, per_thousand(b, d), score, ratio, probability, measure))
    if sort == "score":
        results.sort(key=lambda k: (-k.score, -abs(k.log_ratio), k.word))
    else:
        results.sort(key=lambda k: (-abs(k.log_ratio), -k.score, k.word))
    return results if n is None else results[:n]


class _RestOfCorpus:
    """The counts of every article but one, by subtraction from the corpus totals."""

    __slots__ = ("totals", "own")

    def __init__(self, totals: FreqDist, own: FreqDist):
        self.totals, self.own = totals, own

    def __getitem__(self, word: str) -> int:
        return self.totals[word] - self.own[word]


def distinctive_words_by_article(
    corpus,
    n: int | None = 10,
    *,
    measure: str = "log-likelihood",
    min_count: int = 2,
    p_value: float | None = 0.05,
    underused: bool = False,
    sort: str = "score",
    prior: float = 0.1,
    **options,
) -> dict[str, list[Keyness]]:
    """The distinctive words of every article against all the others, in linear time.

    The same result as calling :func:`distinctive_words` for each label with
    the default reference, but each article is counted once and the
    reference of each (the rest of the corpus) is the corpus totals minus
    the article's own counts, so the time grows with the size of the corpus,
    not with its square: O(T + Σ Vᵢ) for T running words and Vᵢ the
    different words of article i (O(N·V) with ``underused``, which scores
    the whole vocabulary V for each of the N articles).

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n, measure, min_count, p_value, underused, sort, prior, **options
        As for :func:`distinctive_words`.

    Returns
    -------
    dict
        Label → list of Keyness; an article with no words, or a corpus of
        one article, gets an empty list.

    Examples
    --------
    >>> texts = {"A": "gang gang gang prison court", "B": "court court prison", "C": "prison court law"}
    >>> [(k.word, k.count, k.ref_count) for k in distinctive_words_by_article(texts, p_value=None)["A"]]
    [('gang', 3, 0)]
    """
    _check_keyness_options(n, measure, prior, sort)
    opts = _options(**options)
    articles = as_articles(corpus)
    counts, sizes = [], []
    totals = FreqDist()
    for article in articles:
        forms, size = _scan(article, opts)
        own = FreqDist(forms)
        counts.append(own)
        sizes.append(size)
        totals.update(own)
    everything = sum(sizes)
    found = {}
    for article, own, c in zip(articles, counts, sizes):
        d = everything - c
        if c == 0 or d == 0:
            found[article.label] = []
            continue
        found[article.label] = _keyness(own, c, _RestOfCorpus(totals, own), d, n=n, measure=measure,
                                        min_count=min_count, p_value=p_value, underused=underused, sort=sort,
                                        prior=prior, ref_words=totals.keys())
    return found


# ---------------------------------------------------------------------------
# N-grams and collocations
# ---------------------------------------------------------------------------


def _segments(article: Article, opts: _Options) -> list[list[str]]:
    """Runs of counted words that n-grams may span.

    A run stops at the end of a sentence, at punctuation, at a split-off
    "’s" and at a word the options leave out (a number with ``numbers=False``,
    a short word with ``min_length``), so no n-gram joins words that were not
    next to each other. Stopwords stay inside runs.
    """
    keep_all = _Options(opts.lowercase, frozenset(), opts.stemmer, opts.min_length, opts.numbers, opts.lines)
    runs = []
    for _, tokens in _sentences(article, opts.lines):
        run: list[str] = []
        for token in tokens:
            form = _form(token, keep_all)
            if form is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(form)
        if run:
            runs.append(run)
    return runs


def _edge_filter(opts: _Options):
    """A filter that drops n-grams starting or ending with a stopword."""
    if not opts.stopwords:
        return None
    forms = set(opts.stopwords)
    if opts.stemmer:
        forms |= {stem(word, opts.stemmer) for word in opts.stopwords}

    def starts_or_ends_with_stopword(*words) -> bool:
        return words[0].lower() in forms or words[-1].lower() in forms

    return starts_or_ends_with_stopword


def _check_size(size) -> None:
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size should be a whole number of at least 1; got {size!r}.")


def ngram_counts(source, size: int = 2, n: int | None = 10, **options) -> list[Ngram]:
    """The most frequent sequences of ``size`` words.

    N-grams never cross a sentence end or punctuation. With stopwords on
    (the default) an n-gram that starts or ends with a stopword is left out,
    but stopwords inside are kept, so "rule of law" survives while "of the"
    does not.

    Parameters
    ----------
    source : str, Article or Corpus
    size : int
        2 for bigrams, 3 for trigrams, ...
    n : int or None
    **options
        See the module help.

    Returns
    -------
    list of Ngram
        Most frequent first, ties in alphabetical order.

    Examples
    --------
    >>> text = "Human rights groups spoke. The human rights record, the rule of law."
    >>> [(g.text, g.count) for g in ngram_counts(text, 2, n=3)]
    [('human rights', 2), ('groups spoke', 1), ('rights groups', 1)]
    >>> [g.text for g in ngram_counts(text, 3, n=None)]
    ['human rights groups', 'human rights record', 'rights groups spoke', 'rule of law']
    """
    _check_n(n)
    _check_size(size)
    opts = _options(**options)
    reject = _edge_filter(opts)
    counts: Counter = Counter()
    for article in as_articles(source):
        for run in _segments(article, opts):
            for start in range(len(run) - size + 1):
                gram = tuple(run[start : start + size])
                if reject is None or not reject(*gram):
                    counts[gram] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if n is not None:
        ordered = ordered[:n]
    return [Ngram(gram, count) for gram, count in ordered]


def collocations(
    source,
    size: int = 2,
    n: int | None = 10,
    *,
    measure: str = "likelihood_ratio",
    min_count: int = 2,
    **options,
) -> list[Ngram]:
    """Word pairs (or triples) that occur together more often than chance.

    Built on NLTK's ``BigramCollocationFinder``/``TrigramCollocationFinder``
    over runs of words that do not cross sentence ends or punctuation. The
    default measure, Dunning's log-likelihood ratio, is reliable for small
    counts; ``"pmi"`` (pointwise mutual information) favours rare pairs and
    should be used with ``min_count`` of 3 or more. Pairs seen fewer than
    ``min_count`` times are left out, and (with stopwords on) so are pairs
    that start or end with a stopword.

    Parameters
    ----------
    source : str, Article or Corpus
    size : {2, 3}
    n : int or None
    measure : str
        One of ``COLLOCATION_MEASURES`` (NLTK's association measures).
    min_count : int
    **options
        See the module help.

    Returns
    -------
    list of Ngram
        Highest score first; ``score`` is the measure's value.

    Examples
    --------
    >>> text = "Due process matters. Critics cite due process. Process servers and due dates."
    >>> [(g.text, g.count) for g in collocations(text)]
    [('due process', 2)]
    """
    _check_n(n)
    if size not in (2, 3):
        raise ValueError(f"Collocations are found for pairs (size=2) or triples (size=3), not size={size!r}.")
    if measure not in COLLOCATION_MEASURES:
        raise ValueError(f"Unknown measure {measure!r}: use one of {', '.join(COLLOCATION_MEASURES)}.")
    opts = _options(**options)
    runs = [run for article in as_articles(source) for run in _segments(article, opts)]
    if size == 2:
        finder = BigramCollocationFinder.from_documents(runs)
        scorer = getattr(BigramAssocMeasures, measure)
    else:
        finder = TrigramCollocationFinder.from_documents(runs)
        scorer = getattr(TrigramAssocMeasures, measure)
    if min_count > 1:
        finder.apply_freq_filter(min_count)
    reject = _edge_filter(opts)
    if reject is not None:
        finder.apply_ngram_filter(reject)
    if not finder.ngram_fd:
        return []
    scored = sorted(finder.score_ngrams(scorer), key=lambda item: (-item[1], item[0]))
    if n is not None:
        scored = scored[:n]
    return [Ngram(tuple(gram), finder.ngram_fd[gram], score) for gram, score in scored]


# ---------------------------------------------------------------------------
# Concordance, dispersion and collocates
# ---------------------------------------------------------------------------


def _parse_query(query: str, stems: str | None, case_sensitive: bool) -> list[tuple[str, bool]]:
    """The query as a list of (form, is_prefix) pairs, one per token."""
    if not isinstance(query, str):
        raise TypeError(f"The search term should be text; got {type(query).__name__}.")
    parts = []
    for piece in query.split():
        prefix = piece.endswith("*") and len(piece) > 1
        core = piece[:-1] if prefix else piece
        tokens = tokenize(core)
        for index, token in enumerate(tokens):
            is_last = index == len(tokens) - 1
            parts.append((_query_form(token, stems, case_sensitive), prefix and is_last))
    if not parts:
        raise ValueError("Type a word or phrase to search for (for example: security, human rights, deport*).")
    return parts


def _query_form(token: Token, stems: str | None, case_sensitive: bool) -> str:
    text = normalize_quotes(token.text)
    if not case_sensitive:
        text = fold_case(text)
    if stems and token.kind == "word":
        text = stem(fold_case(text), stems)
    return text


def _context(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end].replace("\ufeff", ""))


def _sentence_at(sentences, starts: list[int], offset: int):
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


def _search_article(
    article: Article,
    parts: list[tuple[str, bool]],
    kinds: frozenset,
    stems: str | None,
    case_sensitive: bool,
    width: int,
) -> list[ConcordanceLine]:
    text = article.text
    lines = [line for line in article.lines if line.kind in kinds]
    per_line = _line_tokens(article, kinds)
    total = sum(1 for tokens in per_line for t in tokens if t.is_word)
    hits = []
    sentences = None
    words_before = 0
    size = len(parts)
    for line, tokens in zip(lines, per_line):
        forms = [_query_form(token, stems, case_sensitive) for token in tokens]
        word_index = []
        count = words_before
        for token in tokens:
            word_index.append(count)
            if token.is_word:
                count += 1
        for i in range(len(tokens) - size + 1):
            if all(
                forms[i + k].startswith(form) if prefix else forms[i + k] == form
                for k, (form, prefix) in enumerate(parts)
            ):
                start, end = tokens[i].start, tokens[i + size - 1].end
                if sentences is None:
                    sentences = _all_sentences(article.text, article.lines)
                    starts = [s.start for s in sentences]
                sentence = _sentence_at(sentences, starts, start)
                s_start, s_end = (sentence.start, sentence.end) if sentence else (line.start, line.end)
                hits.append(
                    ConcordanceLine(
                        label=article.label,
                        file=article.file,
                        start=start,
                        end=end,
                        keyword=text[start:end],
                        left=_context(text, max(0, start - width), start),
                        right=_context(text, end, min(len(text), end + width)),
                        sentence=text[s_start:s_end],
                        sentence_start=s_start,
                        sentence_end=s_end,
                        line_kind=line.kind,
                        token_index=word_index[i],
                        position=word_index[i] / total if total else 0.0,
                        char_position=start / len(text),
                    )
                )
        words_before = count
    return hits


def concordance(
    source,
    query: str,
    *,
    stems: bool | str = False,
    case_sensitive: bool = False,
    width: int = 40,
    lines=COUNTED_LINES,
) -> list[ConcordanceLine]:
    """Keyword in context: every occurrence of a word or phrase, where it stands.

    The query is split into tokens by the same rules as the counts, so
    "bukele" finds "Bukele’s" and the count of a word equals its number of
    hits. A phrase ("human rights", "due process") matches the words next to
    each other, with nothing (not even a comma) between them. A word ending
    in ``*`` matches every word that starts with it ("deport*").

    Parameters
    ----------
    source : str, Article or Corpus
    query : str
        A word, a phrase, or words ending in ``*``.
    stems : bool or {"porter", "snowball"}
        Match by stem: "deported" then also finds "deportation".
    case_sensitive : bool
        Match "Security" but not "security".
    width : int
        Characters of context on each side.
    lines : tuple of str or {"counted", "prose", "all"}
        Which lines to search (by default the counted ones).

    Returns
    -------
    list of ConcordanceLine
        In article order, then text order; an empty list when nothing matches
        (see :func:`no_hits_message` for what to tell a reader).

    Raises
    ------
    ValueError
        For an empty query.

    Examples
    --------
    >>> hits = concordance("Critics raise due process. Due process, they say, matters.", "due process")
    >>> [(h.start, h.end, h.keyword) for h in hits]
    [(14, 25, 'due process'), (27, 38, 'Due process')]
    >>> hits[1].sentence
    'Due process, they say, matters.'
    >>> concordance("Bukele’s prison", "bukele")[0].right
    '’s prison'
    >>> concordance("nothing here", "prison")
    []
    """
    stemmer = "porter" if stems is True else (stems or None)
    if stemmer not in (None, "porter", "snowball"):
        raise ValueError(f"Unknown stemmer {stems!r}: use True, 'porter' or 'snowball'.")
    if isinstance(width, bool) or not isinstance(width, int) or width < 0:
        raise ValueError(f"width should be a whole number of characters; got {width!r}.")
    kinds = _options(lines=lines).lines
    parts = _parse_query(query, stemmer, case_sensitive)
    hits = []
    for article in as_articles(source):
        hits.extend(_search_article(article, parts, kinds, stemmer, case_sensitive, width))
    return hits


def sort_hits(hits: list[ConcordanceLine], by: str = "text") -> list[ConcordanceLine]:
    """Order concordance hits, as a concordancer's "sort" buttons do.

    Sorting by the words right after the keyword groups its uses ("illegal
    entry" together, then "illegal immigration"); sorting by the words right
    before it groups what leads up to it.

    Parameters
    ----------
    hits : list of ConcordanceLine
    by : {"text", "right", "left"}
        ``"text"``: article by article (in the order the articles first
        appear in ``hits``), then by position, which is the order
        :func:`concordance` returns; ``"right"``: the next three words;
        ``"left"``: the word before, then the one before that, and so on.

    Returns
    -------
    list of ConcordanceLine

    Examples
    --------
    >>> hits = concordance("Illegal entry. Illegal aliens. Illegal entry again.", "illegal")
    >>> [h.right.split()[0] for h in sort_hits(hits, "right")]
    ['aliens.', 'entry', 'entry.']
    """
    if by == "text":
        order = {label: index for index, label in enumerate(dict.fromkeys(h.label for h in hits))}
        return sorted(hits, key=lambda h: (order[h.label], h.start))
    if by == "right":
        return sorted(hits, key=lambda h: (_context_words(h.right)[:3], h.label, h.start))
    if by == "left":
        return sorted(hits, key=lambda h: (_context_words(h.left)[::-1][:3], h.label, h.start))
    raise ValueError(f"Unknown order {by!r}: use 'text', 'right' or 'left'.")


def _context_words(text: str) -> list[str]:
    return [t.norm for t in tokenize(text) if t.is_word]


def format_concordance(hits: list[ConcordanceLine], width: int = 40, query: str | None = None) -> str:
    """Lay hits out as plain-text KWIC lines, keywords aligned in one column.

    Parameters
    ----------
    hits : list of ConcordanceLine
    width : int
        Characters of context shown on each side.
    query : str, optional
        Used in the message when there are no hits.

    Returns
    -------
    str

    Examples
    --------
    >>> hits = concordance({"A": "Critics raise due process concerns."}, "due process")
    >>> print(format_concordance(hits, width=14))
    A  Critics raise  [due process]  concerns.
    >>> format_concordance([], query="bukle")
    "No hits for 'bukle'."
    """
    if not hits:
        return f"No hits for {query!r}." if query else "No hits."
    label_width = max(len(h.label) for h in hits)
    rows = []
    for hit in hits:
        left = hit.left[-width:].rjust(width)
        right = hit.right[:width].ljust(width)
        rows.append(f"{hit.label:<{label_width}}  {left}  [{hit.keyword}]  {right}".rstrip())
    return "\n".join(rows)


def suggest_words(source, query: str, n: int = 3, **options) -> list[str]:
    """Words of the corpus spelled like ``query`` (for "did you mean ...?").

    Parameters
    ----------
    source : str, Article or Corpus
    query : str
    n : int
    **options
        Counting options; stopwords are kept by default here.

    Returns
    -------
    list of str

    Examples
    --------
    >>> suggest_words("Bukele visited the prison.", "bukle")
    ['bukele']
    """
    options.setdefault("stopwords", False)
    vocabulary = list(count_words(source, **options))
    return difflib.get_close_matches(normalize_quotes(query.strip()).lower(), vocabulary, n=n, cutoff=0.75)


def no_hits_message(source, query: str, stems: bool = False) -> str:
    """A helpful sentence for a search that found nothing.

    Parameters
    ----------
    source : str, Article or Corpus
    query : str
    stems : bool
        Whether the search matched by stem.

    Returns
    -------
    str

    Examples
    --------
    >>> no_hits_message("Bukele visited the prison.", "bukle")
    "No hits for 'bukle'. Did you mean: bukele?"
    >>> no_hits_message("Bukele visited.\\nBe the first to comment", "comment")
    "No hits for 'comment'. It occurs 1 time(s) in lines that are not counted (bylines, dates, page furniture); search them with lines='all'."
    >>> no_hits_message("Bukele visited.", "court")
    "No hits for 'court'. Check the spelling, try a shorter form ending in * (for example 'court*'), or switch on stems."
    """
    query = query.strip()
    message = f"No hits for {query!r}."
    try:
        elsewhere = concordance(source, query, stems=stems, lines="all")
    except ValueError:
        elsewhere = []
    if elsewhere:
        return (
            f"{message} It occurs {len(elsewhere)} time(s) in lines that are not counted (bylines, dates, "
            "page furniture); search them with lines='all'."
        )
    suggestions = suggest_words(source, query) if len(query.split()) == 1 else []
    if suggestions:
        return f"{message} Did you mean: {', '.join(suggestions)}?"
    if len(query.split()) > 1:
        return f"{message} A phrase must appear word for word; search for each word on its own to see how it is used."
    tips = "Check the spelling"
    if not query.endswith("*") and len(query) > 3:
        tips += f", try a shorter form ending in * (for example '{query[:5]}*')"
    if not stems:
        tips += ", or switch on stems"
    return f"{message} {tips}."


def dispersion(source, terms: Iterable[str] | str, **search) -> dict[str, dict[str, list[ConcordanceLine]]]:
    """Where in each article each term occurs.

    Time: O(T · k) for T running words and k terms.

    Parameters
    ----------
    source : str, Article or Corpus
    terms : str or list of str
        Words or phrases (as for :func:`concordance`).
    **search
        ``stems``, ``case_sensitive``, ``lines`` (as for :func:`concordance`).

    Returns
    -------
    dict
        Term → article label → list of ConcordanceLine. Every article is present, with
        an empty list where the term does not occur; each hit has
        ``token_index``, ``position`` (0–1 through the running words) and
        ``char_position`` (0–1 through the text).

    Examples
    --------
    >>> places = dispersion({"A": "gang one two three gang", "B": "none"}, "gang")
    >>> [(hit.token_index, hit.position) for hit in places["gang"]["A"]], places["gang"]["B"]
    ([(0, 0.0), (4, 0.8)], [])
    """
    if isinstance(terms, str):
        terms = [terms]
    articles = as_articles(source)
    result: dict[str, dict[str, list[ConcordanceLine]]] = {}
    for term in terms:
        hits = concordance(articles, term, **search)
        result[term] = {article.label: [h for h in hits if h.label == article.label] for article in articles}
    return result


def deviation_of_proportions(corpus, term: str, **search) -> float | None:
    """How unevenly a term is spread over the articles (Gries's DP).

    Time: O(T) for T running words of the corpus.

    DP compares the share of the term's hits in each article with the
    article's share of all running words: ``0.5 * sum(|hits_i/hits -
    words_i/words|)``. 0 means the term is spread exactly in proportion to
    the articles' lengths; values near 1 mean it is concentrated in one small
    article. (Gries, "Dispersions and adjusted frequencies in corpora", 2008.)

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    term : str
    **search
        As for :func:`concordance` (``lines`` also sets the running words).

    Returns
    -------
    float or None
        None when the term does not occur.

    Examples
    --------
    >>> deviation_of_proportions({"A": "gang x", "B": "gang y"}, "gang")
    0.0
    >>> deviation_of_proportions({"A": "gang x", "B": "y z"}, "gang")
    0.5
    """
    articles = as_articles(corpus)
    lines = search.get("lines", COUNTED_LINES)
    sizes = [running_words(article, lines=lines) for article in articles]
    hits = concordance(articles, term, **search)
    if not hits or not sum(sizes):
        return None
    found = Counter(hit.label for hit in hits)
    total_size = sum(sizes)
    spread = sum(
        abs(found[article.label] / len(hits) - size / total_size) for article, size in zip(articles, sizes)
    )
    return round(0.5 * spread, 10)


def collocates(source, query: str, window: int = 4, n: int | None = 10, **options) -> list[Collocate]:
    """The words that keep company with a search term, within ``window`` words.

    Looks at the counted words up to ``window`` words to the left and right of
    every hit, within its sentence, as the "Collocates" view of a
    concordancer does. Stopwords are left out by default.

    Parameters
    ----------
    source : str, Article or Corpus
    query : str
        A word or phrase (as for :func:`concordance`).
    window : int
        Words on each side.
    n : int or None
    **options
        Counting options (see the module help).

    Returns
    -------
    list of Collocate
        Most frequent first, ties alphabetical.

    Examples
    --------
    >>> text = "National security matters. Border security and national pride."
    >>> [(c.word, c.count, c.left, c.right) for c in collocates(text, "security", window=2)]
    [('national', 2, 1, 1), ('border', 1, 1, 0), ('matters', 1, 0, 1)]
    """
    _check_n(n)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window should be a whole number of words, at least 1; got {window!r}.")
    opts = _options(**options)
    parts = _parse_query(query, None, False)
    left: Counter = Counter()
    right: Counter = Counter()
    for article in as_articles(source):
        for _, tokens in _sentences(article, opts.lines):
            words = [t for t in tokens if t.is_word]
            forms = [_query_form(t, None, False) for t in tokens]
            size = len(parts)
            position = {id(t): i for i, t in enumerate(words)}
            for i in range(len(tokens) - size + 1):
                if not all(
                    forms[i + k].startswith(form) if prefix else forms[i + k] == form
                    for k, (form, prefix) in enumerate(parts)
                ):
                    continue
                first = position.get(id(tokens[i]))
                last = position.get(id(tokens[i + size - 1]))
                if first is None or last is None:
                    continue
                for token in words[max(0, first - window) : first]:
                    form = _form(token, opts)
                    if form is not None:
                        left[form] += 1
                for token in words[last + 1 : last + 1 + window]:
                    form = _form(token, opts)
                    if form is not None:
                        right[form] += 1
    both = left + right
    ordered = sorted(both.items(), key=lambda item: (-item[1], item[0]))
    if n is not None:
        ordered = ordered[:n]
    return [Collocate(word, count, left[word], right[word]) for word, count in ordered]


# ---------------------------------------------------------------------------
# One summary for the command line and the report
# ---------------------------------------------------------------------------


def summarize_words(corpus, top: int = 10, keep_stopwords: bool = False, **options) -> dict:
    """Counts per article and for the corpus, as plain data (for JSON).

    Time: O(T) for T running words of the corpus.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    top : int
        How many top words per article and for the corpus.
    keep_stopwords : bool
        Keep stopwords in the top lists (they are left out by default).
    **options
        Other counting options (see the module help).

    Returns
    -------
    dict
        ``{"articles": [{"file", "tokens", "types", "top": [{"word", "count",
        "per_1000"}]}], "corpus": {"tokens", "top": [...]}}``. ``tokens`` are
        running words (stopwords included, the per-1,000 denominator) and
        ``types`` the different words among them (lower-cased); ``per_1000``
        is rounded to two decimals.

    Examples
    --------
    >>> summary = summarize_words({"A": "Gang gang prison.", "B": "Court."}, top=1)
    >>> summary["articles"][0]
    {'file': 'A.txt', 'tokens': 3, 'types': 2, 'top': [{'word': 'gang', 'count': 2, 'per_1000': 666.67}]}
    >>> summary["corpus"]
    {'tokens': 4, 'top': [{'word': 'gang', 'count': 2, 'per_1000': 500.0}]}
    """
    _check_n(top)
    if "stopwords" in options:
        raise TypeError("Use keep_stopwords=True (or False) here, not stopwords=.")
    opts = _options(stopwords=not keep_stopwords, **options)
    plain = _options(stopwords=False, lines=options.get("lines", COUNTED_LINES))
    articles = as_articles(corpus)
    rows = []
    corpus_counts = FreqDist()
    corpus_total = 0
    for article in articles:
        forms, total = _scan(article, opts)
        counts = FreqDist(forms)
        corpus_counts.update(counts)
        corpus_total += total
        rows.append(
            {
                "file": article.file,
                "tokens": total,
                "types": len(set(_scan(article, plain)[0])),
                "top": [_as_dict(item) for item in _ranked(counts, total, top)],
            }
        )
    return {
        "articles": rows,
        "corpus": {"tokens": corpus_total, "top": [_as_dict(item) for item in _ranked(corpus_counts, corpus_total, top)]},
    }


def _as_dict(item: WordCount) -> dict:
    return {"word": item.word, "count": item.count, "per_1000": round(item.per_1000, 2)}
