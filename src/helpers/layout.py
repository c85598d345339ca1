"""The layout of an article file: its lines and what each line is.

Articles copied from web pages are rarely clean prose. Besides paragraphs
they carry headlines and section headings, bullet-point summaries,
"Published ..." lines, bylines and page furniture such as
"Be the first to comment". This module finds every line with its character
offsets in the text *as stored* and gives it a kind, so later steps can
treat headings or boilerplate differently without ever dropping text.

Kinds of line
-------------
``paragraph``   running prose (the default)
``heading``     a short line without closing punctuation (headline, section title)
``bullet``      a line that starts with "-", "*", "•" or "–"
``dateline``    a line that only states when or where: "| Published March 27, 2025"
``byline``      "By Jane Doe" and similar
``boilerplate`` page furniture listed in ``data/boilerplate_en.txt``
``blank``       nothing but spaces
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from helpers.data_files import read_list

__all__ = [
    "LINE_KINDS",
    "MAX_HEADING_WORDS",
    "PARAGRAPH_ENDS",
    "Line",
    "classify_line",
    "find_date",
    "split_lines",
]

LINE_KINDS = ("paragraph", "heading", "bullet", "dateline", "byline", "boilerplate", "blank")

#: A heading has at most this many words (longer lines without a full stop
#: are treated as paragraphs that may have been cut off).
MAX_HEADING_WORDS = 12

_BULLET = re.compile(r"^\s*[-*•–·▪●]\s+\S")
_DATELINE = re.compile(
    r"^[\s|>•·*-]*(published|updated|posted|last updated|first published|date)\b[:\s]", re.IGNORECASE
)
_BYLINE = re.compile(r"^[\s|]*(?i:by)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}\s*([,|/–—-].*)?$")
_TERMINAL = ".!?…\"”’:;,)»"
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    # March 27, 2025 / Mar. 27 2025
    (re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), ("m", "d", "y")),
    # 27 March 2025
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.I), ("d", "m", "y")),
    # 2025-03-27
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
]


@dataclass(frozen=True)
class Line:
    """One line of an article, with offsets into the text as stored.

    ``text[start:end]`` is the line without its line break (``\\r`` of a
    Windows line ending is left out too).
    """

    index: int
    start: int
    end: int
    text: str
    kind: str

    @property
    def is_prose(self) -> bool:
        """True for lines that are article text (paragraphs and bullet points)."""
        return self.kind in ("paragraph", "bullet")


@lru_cache(maxsize=1)
def _boilerplate_pattern() -> re.Pattern:
    """All page-furniture patterns as one compiled alternation (one scan per line)."""
    patterns = read_list("boilerplate_en.txt")
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*", re.IGNORECASE)


_DIGIT = re.compile(r"\d")


def classify_line(line: str) -> str:
    """Say what kind of line this is (see the module help for the kinds).

    Parameters
    ----------
    line : str
        One line of text, without its line break.

    Returns
    -------
    str
        One of ``LINE_KINDS``.

    Examples
    --------
    >>> classify_line("Noem Visits Prison to Address Gang Issues")
    'heading'
    >>> classify_line("- US officials praise the deal.")
    'bullet'
    >>> classify_line("| Published March 27, 2025")
    'dateline'
    >>> classify_line("Be the first to comment")
    'boilerplate'
    >>> classify_line("The visit was part of a broader effort.")
    'paragraph'
    """
    stripped = line.strip().lstrip("\ufeff").strip()
    if not stripped:
        return "blank"
    if _boilerplate_pattern().fullmatch(stripped):
        return "boilerplate"
    # Only the first few words need splitting: the tests below ask "at most
    # 6, 10 or MAX_HEADING_WORDS words?", and a longer line gives one piece more.
    words = len(stripped.split(None, max(MAX_HEADING_WORDS, 10)))
    if _DATELINE.match(stripped) or (words <= 6 and find_date(stripped)):
        return "dateline"
    if words <= 10 and _BYLINE.match(stripped):
        return "byline"
    if _BULLET.match(stripped):
        return "bullet"
    if (
        words <= MAX_HEADING_WORDS
        and stripped[-1] not in _TERMINAL
        and any(ch.isalpha() for ch in stripped)
    ):
        return "heading"
    return "paragraph"


def split_lines(text: str) -> tuple[Line, ...]:
    """Split a text into lines with offsets and kinds.

    Works on ``\\n`` and ``\\r\\n`` line endings alike and never changes the
    text: ``text[line.start:line.end] == line.text`` for every line.

    Parameters
    ----------
    text : str
        The article text as stored.

    Returns
    -------
    tuple of Line

    Examples
    --------
    >>> lines = split_lines("A Headline\\r\\nFirst paragraph here.\\n")
    >>> [(line.kind, line.start, line.end) for line in lines]
    [('heading', 0, 10), ('paragraph', 12, 33)]
    """
    pieces = text.split("\n")
    if pieces[-1] == "":
        pieces.pop()  # a final line break ends the last line; it starts no new one
    windows = "\r" in text
    lines = []
    position = 0
    for index, piece in enumerate(pieces):
        start = position
        position += len(piece) + 1
        if windows and piece.endswith("\r"):
            piece = piece[:-1]
        # Line(index, start, end, piece, kind), made three times faster: a
        # frozen dataclass sets each field through object.__setattr__, and a
        # corpus of 10,000 articles has 100,000 lines, so the fields are
        # filled in directly. The result is equal to, and hashes like, Line(...).
        line = _new_object(Line)
        fields = line.__dict__
        fields["index"] = index
        fields["start"] = start
        fields["end"] = start + len(piece)
        fields["text"] = piece
        fields["kind"] = classify_line(piece)
        lines.append(line)
    return tuple(lines)


_new_object = object.__new__


def find_date(text: str) -> str | None:
    """Find the first calendar date written in a text, as ``YYYY-MM-DD``.

    Understands "March 27, 2025", "27 March 2025" and "2025-03-27".

    Parameters
    ----------
    text : str

    Returns
    -------
    str or None
        The date in ISO form, or None when there is no valid date.

    Examples
    --------
    >>> find_date("| Published March 27, 2025")
    '2025-03-27'
    >>> find_date("Updated 3 Feb. 2025, 10:00") 
    '2025-02-03'
    >>> find_date("in February") is None
    True
    """
    if not _DIGIT.search(text):
        return None  # every date form has a number in it
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = parts["m"]
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                value = date(int(parts["y"]), month_number, int(parts["d"]))
            except ValueError:
                continue
            found.append((match.start(), value.isoformat()))
    return min(found)[1] if found else None


# ---------------------------------------------------------------------------
# What ends a paragraph
# ---------------------------------------------------------------------------

#: What a paragraph that was not cut off ends with (a paragraph ending otherwise is flagged on loading).
PARAGRAPH_ENDS = frozenset(".!?…\"”’)»:")
