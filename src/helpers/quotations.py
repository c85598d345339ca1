"""Quotations: where a text gives someone's own words inside quotation marks.

Every module that needs to know what is quoted asks this one: the sourcing
rules (whose words are these?), the close-reading counts (is this loaded word
the writer's or a speaker's?), the copied-text comparison (is a shared passage
a quotation or prose?) and the sentence splitter (does this quotation go on
into the next sentence?).

What counts as a quotation mark
-------------------------------

* double marks: straight ("), curly (“ ”), «guillemets», low-9 („ ... “)
  and two straight single marks ('') as some wire copy writes them;
* single marks (' ‘ ’ ‹ ›) only where they cannot be apostrophes: an
  opening mark after a space or a bracket and before a letter, a closing mark
  after a letter and not before one ("don't", "Workers'" and "’90s" are not
  quotations). Single marks inside a double quotation are the speaker's own
  quotation within the quotation and do not end it.

News style quotes a speaker over several paragraphs by leaving each paragraph
open and reopening the next one with a quotation mark; only the last
paragraph closes. :func:`find_quotations` joins such paragraphs into one
:class:`Quotation` with one part per paragraph. A quotation that never closes
stops at the end of its paragraph and is marked ``closed=False``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from helpers.layout import split_lines

__all__ = [
    "DOUBLE_CLOSE",
    "DOUBLE_OPEN",
    "QUOTE_MARKS",
    "SINGLE_CLOSE",
    "SINGLE_OPEN",
    "Quotation",
    "QuoteDepth",
    "closes_double",
    "find_quotations",
    "is_quoted",
    "open_double_depth",
    "quoted_spans",
]

#: Marks that open a double quotation (besides the straight ").
DOUBLE_OPEN = "“„«‟"
#: Marks that close a double quotation (besides the straight ", and “ after „).
DOUBLE_CLOSE = "”»"
#: Marks that open a single quotation (besides the straight ').
SINGLE_OPEN = "‘‹"
#: Marks that close a single quotation (besides the straight ').
SINGLE_CLOSE = "’›"
#: Every quotation mark, straight ones included.
QUOTE_MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'")

# Two straight single marks first, so that '' is read as one double mark.
_MARK = re.compile("''|[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
_BEFORE_OPENING = "([{—–-/\ufeff" + DOUBLE_OPEN


@dataclass(frozen=True)
class Quotation:
    """A quoted passage: ``start``/``end`` include the marks; ``parts`` are the quoted words.

    A quotation that runs over several paragraphs (each reopened with a mark)
    has one part per paragraph. ``closed`` is False when the closing mark is
    missing; the quotation then stops at the end of its paragraph. ``text``
    joins the parts with a space.
    """

    start: int
    end: int
    parts: tuple
    closed: bool
    text: str

    @property
    def content_start(self) -> int:
        """Where the first quoted word starts (after the opening mark)."""
        return self.parts[0][0]

    @property
    def content_end(self) -> int:
        """Where the last quoted word ends (before the closing mark, if any)."""
        return self.parts[-1][1]


def closes_double(opener: str, mark: str) -> bool:
    """True if ``mark`` can close a double quotation opened with ``opener``.

    Any closing mark or a straight " closes any opening mark (writers mix
    them); “ closes only a quotation opened low with „.

    Examples
    --------
    >>> closes_double("“", "”"), closes_double("“", '"'), closes_double('"', "»")
    (True, True, True)
    >>> closes_double("„", "“"), closes_double("“", "“")
    (True, False)
    """
    return mark in DOUBLE_CLOSE or mark == '"' or mark == "''" or (opener == "„" and mark == "“")


def open_double_depth(text: str) -> int:
    """How many double quotations are still open at the end of ``text``.

    Curly and angle marks nest; a straight " alternates between opening and
    closing. Single marks are left out: they double as apostrophes.

    Examples
    --------
    >>> open_double_depth('“We will act. ”'), open_double_depth('“We will act.')
    (0, 1)
    >>> open_double_depth('"Go now'), open_double_depth('„Ja“, sagte sie.')
    (1, 0)
    """
    return QuoteDepth().read(text)


# The only characters that change the depth: double opening and closing marks and ".
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE) + '"]')


class QuoteDepth:
    """:func:`open_double_depth` read piece by piece: the depth of a text that grows.

    Reading ``a`` and then ``b`` gives the depth of ``a + b``, so a text that
    grows by pieces is read once, not again from its start for every piece.

    Examples
    --------
    >>> depth = QuoteDepth()
    >>> depth.read("“We will act. "), depth.read("We will win.” Then"), depth.read(' "Go')
    (1, 0, 1)
    >>> text = "„Ja“ und “nein"
    >>> QuoteDepth().read(text, 0, 4), QuoteDepth().read(text)
    (0, 1)
    """

    __slots__ = ("depth", "low", "straight_open")

    def __init__(self) -> None:
        self.depth = 0  # curly and angle quotations open
        self.low = 0  # how many of them were opened with „ (closed by “)
        self.straight_open = False  # a straight " is open

    def read(self, text: str, start: int = 0, end: int | None = None) -> int:
        """Read ``text[start:end]`` after what was read before; return the depth now."""
        depth, low, straight_open = self.depth, self.low, self.straight_open
        marks = _DOUBLE_MARK.findall(text, start, len(text) if end is None else end)
        for ch in marks:
            if ch == "“" and low:
                low -= 1
                depth -= 1
            elif ch in DOUBLE_OPEN:
                depth += 1
                low += ch == "„"
            elif ch in DOUBLE_CLOSE:
                depth = max(0, depth - 1)
                low = min(low, depth)
            else:  # a straight "
                straight_open = not straight_open
        self.depth, self.low, self.straight_open = depth, low, straight_open
        return self.open

    @property
    def open(self) -> int:
        """How many double quotations are open at the end of what was read."""
        return self.depth + (1 if self.straight_open else 0)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _is_double(mark: str) -> bool:
    return mark == "''" or mark in DOUBLE_OPEN or mark in DOUBLE_CLOSE or mark == '"'


class _Open:
    """A quotation being read: where it opened, its mark, and its parts so far."""

    __slots__ = ("start", "mark", "parts")

    def __init__(self, start: int, mark: str, content: int):
        self.start = start
        self.mark = mark
        self.parts = [[content, content]]


def _finish(text: str, opened: _Open, end: int, closed: bool, found: list) -> None:
    parts = tuple((a, b) for a, b in opened.parts if b > a)
    if parts:
        words = " ".join(text[a:b].strip() for a, b in parts)
        found.append(Quotation(opened.start, end, parts, closed, words))


def _reopens(s: str, i: int) -> str | None:
    """The mark at ``s[i]`` if it reopens a quotation left open in the paragraph before."""
    if s.startswith("''", i):
        return "''"
    if i < len(s) and (s[i] in DOUBLE_OPEN or s[i] == '"'):
        return s[i]
    return None


def _read_line(text: str, s: str, base: int, i: int, double: _Open | None, found: list) -> _Open | None:
    """Read the marks of one paragraph from ``i``; return the double quotation still open at its end.

    A single quotation (British style) holds double marks as a quotation inside
    it: they do not end it. If a single mark opened and never closed, it was an
    apostrophe after all, and the paragraph is read again without it.
    """
    skip: set[int] = set()
    while True:
        added = len(found)
        result, unclosed = _read_marks(text, s, base, i, double, found, skip)
        if unclosed is None:
            return result
        del found[added:]  # read again, taking that mark for an apostrophe
        skip.add(unclosed)
        if double is not None:
            double.parts[-1][1] = double.parts[-1][0]


def _read_marks(text, s, base, i, double, found, skip):
    """One reading of a paragraph: (double still open, position of a single mark that swallowed
    double marks and never closed, or None)."""
    single = None
    nested = False  # double marks were read as a quotation inside the single one
    for match in _MARK.finditer(s, i):
        mark, i = match.group(), match.start()
        width = len(mark)
        if _is_double(mark):
            if single is not None:
                nested = True  # ‘He called it “safe”, and it was not’
            elif double is None:
                if mark == "''" or mark in DOUBLE_OPEN or mark == '"' or _opens(s, i):
                    double = _Open(base + i, mark, base + i + width)
            elif closes_double(double.mark, mark):
                double.parts[-1][1] = base + i
                _finish(text, double, base + i + width, True, found)
                double = None
        elif double is None:
            if single is None:
                if (i not in skip and (mark in SINGLE_OPEN or mark == "'") and _opens(s, i)
                        and i + 1 < len(s) and s[i + 1].isalnum()):
                    single, nested = _Open(base + i, mark, base + i + 1), False
            elif (mark in SINGLE_CLOSE or mark == "'") and _closes(s, i) and not _plural_possessive(s, i):
                single.parts[-1][1] = base + i
                _finish(text, single, base + i + 1, True, found)
                single = None
    if single is not None and nested:
        return double, single.start - base
    # An unclosed single mark was most likely an apostrophe: it is forgotten.
    return double, None


def _plural_possessive(s: str, i: int) -> bool:
    """ "members’ pay" inside a single quotation: an apostrophe after a plural, followed by a
    lower-case word, with another mark later in the paragraph that can close the quotation."""
    if not (i > 0 and s[i - 1] == "s" and s[i + 1 : i + 2] == " " and s[i + 2 : i + 3].islower()):
        return False
    return any(s[k] in SINGLE_CLOSE + "'" and _closes(s, k) for k in range(i + 1, len(s)))


def find_quotations(text: str) -> list[Quotation]:
    """Find quoted passages: straight or curly, double or single marks, «guillemets».

    A quotation left open at the end of a paragraph continues when the next
    paragraph opens with a quotation mark (the news convention for long
    quotations); otherwise it stops at the end of its paragraph and is marked
    ``closed=False``. Single marks count only where they cannot be
    apostrophes ("don't", "Workers'"), and not inside double quotation marks;
    double marks inside a single quotation (British style) are a quotation
    within it and do not end it.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Quotation
        In the order they end.

    Examples
    --------
    >>> [q.text for q in find_quotations('“Do not come,” she said. He called it ‘unfair’.')]
    ['Do not come,', 'unfair']
    >>> quote = find_quotations('"We tried.\\n"We failed," he said.')[0]
    >>> quote.text, len(quote.parts), quote.closed
    ('We tried. We failed,', 2, True)
    >>> find_quotations('an "unbalanced quote')[0].closed
    False
    >>> [q.text for q in find_quotations("''We will win,'' he said. „Wir auch“, sagte sie.")]
    ['We will win,', 'Wir auch']
    >>> [q.text for q in find_quotations("‘It was called “safe”, and it was not,’ Mr Hale said.")]
    ['It was called “safe”, and it was not,']
    """
    found: list[Quotation] = []
    pending = None  # a double quotation still open at the end of the paragraph before
    for line in split_lines(text):
        if line.kind == "blank":
            continue
        s, base = line.text, line.start
        i = len(s) - len(s.lstrip(" \t\ufeff\u00a0"))
        double = None
        if pending is not None:
            mark = _reopens(s, i)
            if mark is not None:
                double = pending
                double.mark = mark
                double.parts.append([base + i + len(mark), base + i + len(mark)])
                i += len(mark)
            else:
                _finish(text, pending, pending.parts[-1][1], False, found)
            pending = None
        double = _read_line(text, s, base, i, double, found)
        if double is not None:
            double.parts[-1][1] = base + len(s.rstrip())  # an open quotation stops at the end of its paragraph
            pending = double
    if pending is not None:
        _finish(text, pending, pending.parts[-1][1], False, found)
    return found


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The quoted words of a text: the (start, end) of every part of every quotation.

    Marks are left out. A quotation over several paragraphs gives one span
    per paragraph, so every paragraph of it counts as quoted, including those
    left open because the next one reopens the quotation.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (int, int)
        In text order; they never overlap.

    Examples
    --------
    >>> text = 'She said “we will not stop” and left. "Never," he said.'
    >>> [text[a:b] for a, b in quoted_spans(text)]
    ['we will not stop', 'Never,']
    >>> text = '"We tried.\\n\\n"We failed," he said.'
    >>> [text[a:b] for a, b in quoted_spans(text)]
    ['We tried.', 'We failed,']
    """
    return sorted(part for quotation in find_quotations(text) for part in quotation.parts)


def is_quoted(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    """True if ``text[start:end]`` lies inside one quoted span.

    Parameters
    ----------
    spans : list of (int, int)
        From :func:`quoted_spans` (sorted, not overlapping).
    start : int
    end : int, optional
        Default ``start + 1``: is the character at ``start`` quoted?

    Examples
    --------
    >>> text = 'He called it “a disaster” twice.'
    >>> spans = quoted_spans(text)
    >>> is_quoted(spans, text.index("disaster")), is_quoted(spans, text.index("twice"))
    (True, False)
    >>> is_quoted(spans, text.index("a disaster"), text.index("”")), is_quoted(spans, 0, len(text))
    (True, False)
    """
    end = start + 1 if end is None else end
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]
