"""Text basics: sentences, word tokens with offsets, stopwords and stems.

Everything here runs on NLTK parts that need no downloaded data:

* sentences come from NLTK's Punkt splitter, given the project's own list of
  abbreviations (``data/abbreviations_en.txt``) so "U.S.", "Sen." and "Dr."
  do not end a sentence, and run line by line so a heading never merges
  with the paragraph below it;
* word tokens come from one regular expression, the kind NLTK's
  ``RegexpTokenizer`` runs, applied with Python's ``re`` so that every token
  has its character offsets and a very long article is read in linear time
  (NLTK 3.10 stops a tokenizer's pattern after five seconds of wall-clock
  time, which a 5 MB article on a busy machine can take);
* stems come from NLTK's Porter or Snowball stemmer;
* stopwords come from ``data/stopwords_en.txt``, a list you can edit.

Curly and straight quotes and apostrophes are treated alike: a token keeps
its text as written, and its ``norm`` uses straight ones.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from nltk.stem import PorterStemmer, SnowballStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from helpers.data_files import data_path, read_list
from helpers.layout import Line, split_lines
from helpers.quotations import DOUBLE_CLOSE, QuoteDepth

__all__ = [
    "Sentence",
    "Token",
    "number_of_words",
    "fold_case",
    "load_stopwords",
    "normalize_quotes",
    "split_sentences",
    "stem",
    "tokenize",
    "words",
]

# ---------------------------------------------------------------------------
# Quotes and apostrophes
# ---------------------------------------------------------------------------

_QUOTE_TABLE = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u02bc": "'",  # ʼ
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)


def normalize_quotes(text: str) -> str:
    """Replace curly quotes, apostrophes and hyphens by straight ASCII ones.

    The result has the same length as the input, so offsets still hold.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_quotes("Bukele’s “mega-prison”")
    'Bukele\\'s "mega-prison"'
    """
    if text.isascii():
        return text  # every mark replaced is outside ASCII (a quick check: most words are plain)
    return text.translate(_QUOTE_TABLE)


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

_APOSTROPHES = "'\u2019\u2018\u02bc"
_WORD_TOKENS = rf"""
    (?:[^\W\d_]\.){{2,}}                      # abbreviations with inner full stops: U.S., a.m.
  | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?%?         # numbers with thousands separators: 40,000
  | \d+\.\d+%?                                # decimals: 3.5, 12.5%
  | [^\W_]+(?:[-\u2010\u2011][^\W_]+)*         # words, numbers, hyphenated words: MS-13
      (?:[{_APOSTROPHES}](?![sS]\b)[^\W_]+)*   #   with inner apostrophes (don't, O'Brien) but not 's
      %?
"""
_OTHER_TOKENS = rf"""
    [{_APOSTROPHES}][sS]\b                     # the possessive or contracted 's, as its own token
  | [^\w\s]                                   # any other single symbol
"""
_TOKEN_PATTERN = f"{_WORD_TOKENS}|{_OTHER_TOKENS}"
_TOKEN_RE = re.compile(_TOKEN_PATTERN, re.VERBOSE | re.UNICODE)
# The same tokens, with the ones that are not words captured: ``findall`` then
# gives "" for each word or number, so counting runs entirely inside ``re``.
_WORD_COUNT_RE = re.compile(f"(?:{_WORD_TOKENS})|({_OTHER_TOKENS})", re.VERBOSE | re.UNICODE)


# The same tokens again, captured, for ``re.split``: it then gives the text
# between tokens and the tokens in turn (gap, token, gap, token, ..., gap), so
# the offsets are running sums of lengths and no match object is made.
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_PATTERN})", re.VERBOSE | re.UNICODE)


class Token(NamedTuple):
    """A token with its character offsets: ``source[start:end] == text``.

    ``kind`` is ``"word"`` (letters, possibly with digits or hyphens),
    ``"number"``, ``"clitic"`` (the ``'s`` split off "Bukele's") or
    ``"punct"``.

    A token is a named tuple, so it is small and quick to make (a 5 MB
    article has about a million of them); read it by name.

    >>> Token("world", 7, 12, "word")
    Token(text='world', start=7, end=12, kind='word')
    """

    text: str
    start: int
    end: int
    kind: str

    @property
    def norm(self) -> str:
        """The token in lower case with straight quotes and hyphens."""
        return normalize_quotes(self.text).lower()

    @property
    def is_word(self) -> bool:
        """True for words and numbers, False for clitics and punctuation."""
        return self.kind in ("word", "number")


def _kind(token: str) -> str:
    first = token[0]
    if first in _APOSTROPHES:
        return "clitic" if len(token) == 2 else "punct"
    if not token[0].isalnum() and not token[0].isalpha():
        return "punct" if not any(ch.isalnum() for ch in token) else "word"
    if any(ch.isalpha() for ch in token):
        return "word"
    return "number"


# A token's kind depends on its text alone, and a text repeats the same few
# thousand words: each is looked at once.
_cached_kind = lru_cache(maxsize=1 << 16)(_kind)
_new_token = partial(tuple.__new__, Token)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split text into tokens with character offsets.

    "U.S.", "MS-13", "mega-prison" and "40,000" stay whole; a possessive
    "’s" or "'s" becomes a token of its own (kind ``"clitic"``), so that
    "Bukele’s" yields the word "Bukele".

    Time and memory grow in step with the length of the text, however
    long its lines.

    Parameters
    ----------
    text : str
        The text to split.
    start, end : int, optional
        Only tokenize ``text[start:end]``; offsets still index ``text``.

    Returns
    -------
    list of Token

    Examples
    --------
    >>> [t.text for t in tokenize("Bukele’s mega-prison holds up to 40,000 MS-13 members in the U.S.")]
    ['Bukele', '’s', 'mega-prison', 'holds', 'up', 'to', '40,000', 'MS-13', 'members', 'in', 'the', 'U.S.']
    >>> token = tokenize("Hello, world")[2]
    >>> token.text, token.start, token.end, token.kind
    ('world', 7, 12, 'word')
    """
    stop = len(text) if end is None else end
    pieces = _TOKEN_SPLIT_RE.split(text[start:stop])  # gap, token, gap, ..., token, gap
    found = pieces[1::2]
    if not found:
        return []
    # offsets[k] is where pieces[k] ends: a token's start is offsets[2i], its end offsets[2i + 1].
    offsets = list(accumulate(map(len, pieces), initial=start))[1:]
    # The tokens hold no reference cycles, so the cycle collector is paused
    # while they are made; on a long text it would scan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(map(_new_token, zip(found, offsets[0::2], offsets[1::2], map(_cached_kind, found))))
    finally:
        if collecting:
            gc.enable()


#: Upper-case words that would turn into a different, common word in lower
#: case: "US" (the country) is not "us". They are folded to a form that keeps
#: them apart, and that groups "US" with "U.S.".
CASE_EXCEPTIONS = {"US": "u.s.", "U.S": "u.s."}


def fold_case(word: str) -> str:
    """Lower-case a word for counting, keeping "US" (the country) apart from "us".

    Parameters
    ----------
    word : str
        A token's text, with straight quotes (see :func:`normalize_quotes`).

    Returns
    -------
    str

    Examples
    --------
    >>> fold_case("Prison"), fold_case("US"), fold_case("U.S."), fold_case("us")
    ('prison', 'u.s.', 'u.s.', 'us')
    """
    return CASE_EXCEPTIONS.get(word) or word.lower()


def number_of_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Count the words and numbers of a text, by the same rules as :func:`tokenize`.

    Much faster than ``len([t for t in tokenize(text) if t.is_word])``: no
    Token objects are made and the whole count runs inside the compiled
    pattern, in time linear in the length of the text (a 5 MB article takes
    well under a second).

    Parameters
    ----------
    text : str
    start, end : int, optional
        Only count in ``text[start:end]`` (without copying it).

    Returns
    -------
    int

    Examples
    --------
    >>> number_of_words("Bukele’s mega-prison holds up to 40,000 inmates.")
    7
    >>> number_of_words("One two. Three four five.", 9)
    3
    """
    stop = len(text) if end is None else end
    return _WORD_COUNT_RE.findall(text, start, stop).count("")


def words(
    text: str,
    *,
    lowercase: bool = True,
    stopwords: set[str] | frozenset[str] | None = None,
    stemmer: str | None = None,
    min_length: int = 1,
    numbers: bool = True,
) -> list[str]:
    """Return the words of a text, normalised for counting.

    Parameters
    ----------
    text : str
    lowercase : bool
        Lower-case every word (default). Straight quotes are used either way.
    stopwords : set of str, optional
        Words to leave out (compared in lower case), e.g. ``load_stopwords()``.
    stemmer : {"porter", "snowball"}, optional
        Reduce each word to its stem.
    min_length : int
        Leave out words shorter than this.
    numbers : bool
        Keep numbers such as "1798" and "40,000" (default) or leave them out.

    Returns
    -------
    list of str

    Examples
    --------
    >>> words("Bukele’s prisons and Bukele")
    ['bukele', 'prisons', 'and', 'bukele']
    >>> words("US officials told us")   # the country is not the pronoun
    ['u.s.', 'officials', 'told', 'us']
    >>> words("The prisons hold 40,000 inmates", stopwords={"the"}, numbers=False)
    ['prisons', 'hold', 'inmates']
    >>> words("deported deportations", stemmer="porter")
    ['deport', 'deport']
    """
    result = []
    for token in tokenize(text):
        if token.kind == "word":
            pass
        elif token.kind == "number":
            if not numbers:
                continue
        else:
            continue
        norm = normalize_quotes(token.text)
        lower = fold_case(norm)
        if stopwords and lower in stopwords:
            continue
        if len(norm) < min_length:
            continue
        word = lower if lowercase else norm
        if stemmer:
            word = stem(word, stemmer)
        result.append(word)
    return result


# ---------------------------------------------------------------------------
# Stopwords and stems
# ---------------------------------------------------------------------------


def load_stopwords(path: str | Path = "stopwords_en.txt") -> frozenset[str]:
    """Load a stopword list: the project's own, or a file you name.

    Parameters
    ----------
    path : str or Path
        ``"stopwords_en.txt"`` (the default list in ``helpers/data``) or the
        path of your own list in the same format: one word per line, ``#``
        for comments.

    Returns
    -------
    frozenset of str
        Lower-case words with straight apostrophes.

    Examples
    --------
    >>> stopwords = load_stopwords()
    >>> "the" in stopwords, "prison" in stopwords, "not" in stopwords
    (True, False, False)
    """
    where = data_path(path)
    try:
        info = where.stat()
    except OSError:
        return _stopwords_from(str(path), None)  # read_list says which file is missing
    return _stopwords_from(str(where), (info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=16)
def _stopwords_from(path: str, version: tuple[int, int] | None) -> frozenset[str]:
    """A stopword list read once per version of its file (an edited file is read again)."""
    return frozenset(normalize_quotes(word).lower() for word in read_list(path))


@lru_cache(maxsize=None)
def _stemmer(name: str):
    if name == "porter":
        return PorterStemmer()
    if name == "snowball":
        return SnowballStemmer("english")
    raise ValueError(f"Unknown stemmer {name!r}: use 'porter' or 'snowball'.")


@lru_cache(maxsize=200_000)
def stem(word: str, stemmer: str = "porter") -> str:
    """Reduce a word to its stem with NLTK's Porter or Snowball stemmer.

    Stems are not always real words; they group forms of one word together.

    Parameters
    ----------
    word : str
    stemmer : {"porter", "snowball"}

    Returns
    -------
    str

    Examples
    --------
    >>> stem("deportations"), stem("deported"), stem("prisons")
    ('deport', 'deport', 'prison')
    """
    return _stemmer(stemmer).stem(word)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A sentence with offsets into the text as stored.

    ``kind`` is the kind of line it stands on (``"paragraph"``,
    ``"heading"``, ``"bullet"``, ...); ``line`` is that line's index.
    """

    text: str
    start: int
    end: int
    line: int
    kind: str

    @property
    def is_prose(self) -> bool:
        """True for sentences of paragraphs and bullet points."""
        return self.kind in ("paragraph", "bullet")


@lru_cache(maxsize=1)
def _sentence_splitter() -> PunktSentenceTokenizer:
    parameters = PunktParameters()
    parameters.abbrev_types = set(read_list("abbreviations_en.txt"))
    parameters.sent_starters = set(read_list("sentence_starters_en.txt"))
    return PunktSentenceTokenizer(parameters)


# A closing quotation mark or bracket stranded at the start of the next sentence.
_LEADING_CLOSERS = DOUBLE_CLOSE + "\"')]"


_QUESTION_QUOTE_END = re.compile("[?!][" + DOUBLE_CLOSE + "\"']+$")


def _continues_quotation(text: str, end: int, start: int) -> bool:
    """True if a sentence ending at ``end`` in ?” or !” goes on in lower case at ``start``."""
    return bool(_QUESTION_QUOTE_END.search(text[max(0, end - 4) : end])) and text[start : start + 1].islower()


class _Joined:
    """A sentence being joined from the sentences of a line, and what it leaves open at its end.

    Each sentence added is read once: the quotation marks and brackets read
    so far are kept, not read again from the start of the joined sentence
    (a line with a quotation left open would otherwise take time growing
    with the square of its length).
    """

    __slots__ = ("start", "end", "quotes", "opened", "closed", "last_opened")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = self.end = start
        self.quotes = QuoteDepth()
        self.opened = self.closed = 0  # round brackets
        self.last_opened = -1  # where the last "(" is
        self.read(text, start, end)

    def read(self, text: str, start: int, end: int) -> None:
        """Add ``text[start:end]``, which follows the joined sentence, to it."""
        self.quotes.read(text, start, end)
        self.opened += text.count("(", start, end)
        self.closed += text.count(")", start, end)
        self.last_opened = max(self.last_opened, text.rfind("(", start, end))
        self.end = end

    def inside_brackets(self) -> bool:
        """True if a bracket opened in the last 40 characters is still open at the end ("Sen. Lee (D-Mo.")."""
        return self.opened > self.closed and self.last_opened > self.end - 40


_LEAD = re.compile(r"[\s\ufeff]*(?:[-*•–·▪●]\s+)?")


def _content_bounds(line: Line) -> tuple[int, int]:
    """Offsets of a line's content: no byte-order mark, bullet marker or edge spaces."""
    lead = _LEAD.match(line.text).end()
    if line.kind != "bullet":
        lead = len(line.text) - len(line.text.lstrip("\ufeff \t\f\v\u00a0"))
    tail = len(line.text.rstrip())
    return line.start + lead, line.start + max(lead, tail)


def _split_line(text: str, line: Line) -> list[tuple[int, int]]:
    first, last = _content_bounds(line)
    spans = [
        (first + a, first + b)
        for a, b in _sentence_splitter().span_tokenize(text[first:last])
    ]
    # A closing quote or bracket stranded at the start of the next sentence
    # belongs to the sentence before it.
    fixed: list[list[int]] = []
    quotes = None  # the quotation marks of fixed[-1], read when first needed
    for a, b in spans:
        if fixed:
            moved = a
            while moved < b and text[moved] in _LEADING_CLOSERS:
                moved += 1
            if moved > a:
                if quotes is None:
                    quotes = QuoteDepth()
                    quotes.read(text, fixed[-1][0], fixed[-1][1])
                if quotes.open > 0:
                    quotes.read(text, fixed[-1][1], moved)
                    fixed[-1][1] = moved
                    while moved < b and text[moved].isspace():
                        moved += 1
                    a = moved
            if a >= b:
                continue
        fixed.append([a, b])
        quotes = None
    # Keep a quotation of several sentences together: while a quotation is
    # open at the end of a sentence, join the next sentence of the same line.
    # A quotation that ends in "?" or "!" and goes on in lower case is one
    # sentence with its attribution (“Why wait?” she asked.).
    merged: list[tuple[int, int]] = []
    joined = None
    for a, b in fixed:
        if joined is not None and (
            joined.quotes.open > 0
            or _continues_quotation(text, joined.end, a)
            or joined.inside_brackets()
            or text[a] in "),;:]"
            or (text[joined.end - 1] == ")" and text[a].islower())  # "Sen. Ada Moss (D-Ore.) said"
        ):
            joined.read(text, joined.end, b)
        else:
            if joined is not None:
                merged.append((joined.start, joined.end))
            joined = _Joined(text, a, b)
    if joined is not None:
        merged.append((joined.start, joined.end))
    return merged


def split_sentences(source, lines: tuple[Line, ...] | None = None) -> list[Sentence]:
    """Split a text (or an article) into sentences with offsets.

    Sentences never cross a line break, so a heading or a bullet point is a
    sentence of its own. Abbreviations in ``data/abbreviations_en.txt``
    ("U.S.", "Sen.", "Dr.") do not end a sentence, and a quotation of several
    sentences stays in one piece.

    Parameters
    ----------
    source : str or Article
        The text, or an article from ``helpers.corpus`` (its lines are reused).
    lines : tuple of Line, optional
        Lines from ``helpers.layout.split_lines``, if already computed.

    Returns
    -------
    list of Sentence
        Blank lines give no sentence. ``text[s.start:s.end] == s.text``.

    Examples
    --------
    >>> text = "A Short Headline\\nSen. Rubio met Dr. Lee in the U.S. capital. They talked."
    >>> [s.text for s in split_sentences(text)]
    ['A Short Headline', 'Sen. Rubio met Dr. Lee in the U.S. capital.', 'They talked.']
    >>> [s.text for s in split_sentences('“Do not come. You will be removed,” she said. He left.')]
    ['“Do not come. You will be removed,” she said.', 'He left.']
    >>> [s.text for s in split_sentences('“Why wait?” she asked. He left.')]
    ['“Why wait?” she asked.', 'He left.']
    """
    text = source if isinstance(source, str) else source.text
    if lines is None:
        lines = split_lines(text) if isinstance(source, str) else source.lines
    sentences = []
    for line in lines:
        if line.kind == "blank":
            continue
        if line.kind == "paragraph":
            spans = _split_line(text, line)
        else:
            spans = [_content_bounds(line)]
        for a, b in spans:
            sentences.append(Sentence(text[a:b], a, b, line.index, line.kind))
    return sentences
