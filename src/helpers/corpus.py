"""Load a folder of news articles: the only module that reads article files.

A corpus is a folder of plain-text ``.txt`` files, one article per file, with
an optional ``metadata.csv`` beside them. The folder comes from, in order:

1. the ``path`` you pass to :func:`load_corpus`;
2. the environment variable ``CORPUS_DIR`` (this is how an instructor points
   every notebook at another story without editing them);
3. the ``seeds/`` folder of this repository (the five CECOT articles).

Files are read with care. Nothing is ever written, renamed or cleaned on
disk. Text is kept exactly as stored (byte-order mark and Windows line
endings included) so every offset the helpers report indexes the file's
text. Problems are reported with the file name and what to do:

=============================  ===========  ====================================
what                           severity     what happens
=============================  ===========  ====================================
missing, empty folder          error        :class:`CorpusError`
folder without ``.txt`` files  error        :class:`CorpusError`
symbolic link                  error        refused, never followed
empty file                     error        the file is not loaded
binary file (PDF, Word, ...)   error        the file is not loaded
larger than ``max_bytes``      error        the file is not read at all
folder, pipe, device; a file   warning      listed as skipped with the reason;
without ``.txt``                            never opened
two files with the same bytes  warning      both loaded; the copy is named
not UTF-8                      warning      decoded as Windows-1252
UTF-16 with byte-order mark    warning      decoded as UTF-16
HTML saved as text             warning      markup kept as text, never rendered
HTML entities (``&#233;``)     warning      kept as written, unless
                                            ``decode_entities=True``
byte-order mark, CRLF endings  warning      kept; offsets count them
bad ``metadata.csv`` row       warning      that row (or field) is ignored
unclosed quotation mark in     warning      that row is ignored; reading goes
``metadata.csv``                            on at the next line
``metadata.csv`` too large     warning      not read at all
=============================  ===========  ====================================

The folder is treated as input from a stranger: links are never followed, a
pipe or device is never opened (opening a pipe would wait forever), and file
names are shown through :func:`safe_name`, so a name cannot move the cursor,
colour a terminal, reverse text or start a new line of a table. The files a
folder may hold beside its articles (:data:`COMPANION_FILES`) are expected and
never listed as skipped.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import html
import io
import itertools
import os
import re
import stat
import string
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5_ENTITIES
from pathlib import Path

from helpers.layout import PARAGRAPH_ENDS, Line, find_date, split_lines
from helpers.text import number_of_words

__all__ = [
    "COMPANION_FILES",
    "MAX_ARTICLE_BYTES",
    "MAX_METADATA_BYTES",
    "METADATA_FIELDS",
    "WORD_COUNT_LINES",
    "Article",
    "ArticleError",
    "Corpus",
    "CorpusError",
    "Problem",
    "UnknownArticle",
    "article_from_text",
    "as_article",
    "as_articles",
    "default_corpus_dir",
    "decode_article",
    "describe_corpus",
    "find_article",
    "find_entities",
    "load_corpus",
    "label_for",
    "safe_name",
    "unescape_entities",
    "words_on_lines",
    "read_article",
    "read_corpus",
    "read_metadata",
]

#: Largest article file read, in bytes (5 MB is about 800,000 words,
#: far longer than any news article). Pass ``max_bytes`` to change it.
MAX_ARTICLE_BYTES = 5_000_000

#: Largest ``metadata.csv`` read, in bytes (10 MB holds far more than one row
#: for each of 10,000 articles); a larger one is ignored with a warning.
MAX_METADATA_BYTES = 10_000_000

#: Files a corpus folder may hold beside its articles: ``metadata.csv`` (read
#: here), ``README.md`` (the story, read by :mod:`helpers.story`) and
#: ``provenance.json`` (where the articles came from, written by an importer).
#: They are expected, so they are never listed as skipped.
COMPANION_FILES = ("metadata.csv", "README.md", "provenance.json")

#: Columns of ``metadata.csv`` that the loader understands. Other columns are
#: kept in ``Article.metadata``. ``headline`` may also be called ``title``.
METADATA_FIELDS = ("file", "label", "headline", "date", "outlet", "byline", "url", "notes")

#: The kinds of line whose words are an article's own words: its prose and its
#: headings. Bylines, "| Published ..." lines and page furniture ("Be the first
#: to comment") are not. :attr:`Article.word_count`, every rate per 1,000 words
#: and the report all count these lines (see :func:`words_on_lines`).
WORD_COUNT_LINES = ("paragraph", "bullet", "heading")

#: Values in ``metadata.csv`` that mean "the article does not say".
UNKNOWN_VALUES = {"", "not stated", "unknown", "n/a", "na", "none", "-", "?"}

_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (for example a Word .docx file)",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "a Rich Text (RTF) document",
}
_HTML_HINT = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<script[\s>]", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_CONTROL_BYTES = bytes(sorted(_CONTROL))
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Characters a file name must not send to a terminal as they are: control
#: characters (escape sequences start with one), invisible format characters
#: such as bidirectional overrides, lone surrogates and line separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class UnknownArticle(KeyError, ValueError):
    """No article has this label, id or file name (the message lists the labels there are).

    A KeyError (as a lookup in a dict) and a ValueError (as a bad argument),
    so code written for either catches it.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "No such article."


class CorpusError(Exception):
    """A corpus folder cannot be used; the message says why and what to do."""


class ArticleError(Exception):
    """One article file cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file of a corpus."""

    file: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        return f"{self.severity.upper()} {self.file}: {self.message}"


@dataclass
class Article:
    """One article: its text exactly as stored, its lines, and what is known about it.

    Attributes
    ----------
    id : str
        The file name without ``.txt``.
    file : str
        The file name.
    label : str
        A short label ("A", "B", ...) from ``metadata.csv`` or given in file order.
    title : str or None
        The headline from ``metadata.csv``, else the first line if it is a heading.
    date : str or None
        ``YYYY-MM-DD`` from ``metadata.csv``, else a "Published ..." line in the text.
    text : str
        The text as stored. Every offset in the helpers indexes this string.
    lines : tuple of Line
        Every line with offsets and its kind (heading, bullet, boilerplate, ...).
    outlet, byline : str or None
        From ``metadata.csv`` or a "By ..." line; None means not stated.
    encoding : str
        How the file was decoded.
    warnings : list of str
        What to know before trusting counts on this article.
    metadata : dict
        Every column of its ``metadata.csv`` row, as written.
    path : Path or None
        Where it was read from (None for an article made from a string).
    """

    id: str
    file: str
    label: str
    text: str
    outlet: str | None = None
    encoding: str = "utf-8"
    metadata: dict = field(default_factory=dict)
    path: Path | None = None
    #: Headline, date and byline as ``metadata.csv`` gives them (None: read them from the text).
    _given: tuple = field(default=(None, None, None), repr=False)
    #: Warnings from reading the file (encoding, entities), before those about its content.
    _file_warnings: list = field(default_factory=list, repr=False)
    _lines: tuple[Line, ...] | None = field(default=None, repr=False, compare=False)
    _word_count: int | None = field(default=None, repr=False, compare=False)
    _facts: tuple | None = field(default=None, repr=False, compare=False)
    #: Warnings about the article among others (a byte-identical copy), after those about its content.
    _corpus_warnings: list = field(default_factory=list, repr=False, compare=False)

    # What the text states (its headline, date line, byline, and what to warn about) is worked
    # out on first use, so loading a large folder reads and decodes the files and nothing more.

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line with offsets and its kind (see :func:`helpers.layout.split_lines`)."""
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def _worked_out(self) -> tuple:
        """(title, date, byline, warnings), worked out from the lines once."""
        if self._facts is None:
            lines = self.lines
            if self._word_count is None and not _surely_has_words(lines, _FEW_WORDS):
                self._word_count = words_on_lines(self.text, lines)
            byline = _stated(lines, "byline")
            if byline and byline.lower().startswith("by "):
                byline = byline[3:].strip()
            title, date, given_byline = self._given
            warnings = list(self._file_warnings) + _content_warnings(self.text, _flagged(lines), self._word_count)
            warnings += self._corpus_warnings
            self._facts = (title or _first_heading(lines), date or _stated_date(lines), given_byline or byline, warnings)
        return self._facts

    @property
    def title(self) -> str | None:
        """The headline from ``metadata.csv``, else the first line if it is a heading."""
        return self._worked_out()[0]

    @property
    def date(self) -> str | None:
        """``YYYY-MM-DD`` from ``metadata.csv``, else a "Published ..." line in the text."""
        return self._worked_out()[1]

    @property
    def byline(self) -> str | None:
        """From ``metadata.csv`` or a "By ..." line; None means not stated."""
        return self._worked_out()[2]

    @property
    def warnings(self) -> list[str]:
        """What to know before trusting counts on this article."""
        return self._worked_out()[3]

    @property
    def name(self) -> str:
        """A display name: the label and the headline (or the file name)."""
        return f"{self.label}: {self.title or self.file}"

    @property
    def paragraphs(self) -> list[Line]:
        """The prose lines: paragraphs and bullet points."""
        return [line for line in self.lines if line.is_prose]

    @property
    def word_count(self) -> int:
        """How many words the article has: the one word count of the module.

        It counts the words and numbers of the article's prose and headings
        (the lines of :data:`WORD_COUNT_LINES`), stopwords included. Bylines,
        date lines and page furniture are left out, because they are not the
        article's own words. Every table, chart, rate per 1,000 words and the
        report use this number.

        Examples
        --------
        >>> article = article_from_text("Roof Repair Delayed\\n| Published May 2, 2025\\nThe council met.")
        >>> article.word_count  # the headline and the paragraph, not the date line
        6
        """
        if self._word_count is None:
            self._word_count = words_on_lines(self.text, self.lines)
        return self._word_count

    def line_kinds(self) -> dict[str, int]:
        """How many lines of each kind the article has (blank lines left out)."""
        counts: dict[str, int] = {}
        for line in self.lines:
            if line.kind != "blank":
                counts[line.kind] = counts.get(line.kind, 0) + 1
        return counts

    def __repr__(self) -> str:
        return f"Article({self.label!r}, {self.file!r}, {self.word_count} words)"


@dataclass
class Corpus:
    """The articles of one folder, in file-name order, and any problems found."""

    folder: Path | None
    articles: list[Article]
    #: Problems, and articles standing for their warnings until they are asked for (see ``problems``).
    _problems: list = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, in file order: files that could not be loaded (errors) and what to
        know about the loaded ones (warnings). An article's warnings are worked out when first asked for."""
        if any(isinstance(item, Article) for item in self._problems):
            settled = []
            for item in self._problems:
                if isinstance(item, Article):
                    settled.extend(Problem(item.file, warning, "warning") for warning in item.warnings)
                else:
                    settled.append(item)
            self._problems = settled
        return self._problems

    def __iter__(self):
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key) -> Article:
        """Get an article by position, label ("A"), id or file name."""
        if isinstance(key, int):
            return self.articles[key]
        return find_article(self.articles, key)

    @property
    def errors(self) -> list[Problem]:
        # Articles standing for their warnings hold no errors: they are not worked out here.
        return [p for p in self._problems if isinstance(p, Problem) and p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.articles]

    @property
    def story(self):
        """The story behind the articles, from the folder's ``README.md`` (see :mod:`helpers.story`)."""
        from helpers.story import read_story

        return read_story(self.folder)

    @property
    def texts(self) -> dict[str, str]:
        """Label → text, for functions that take plain strings."""
        return {a.label: a.text for a in self.articles}

    def __repr__(self) -> str:
        where = self.folder.name if self.folder else "text"
        return f"Corpus({where!r}, {len(self.articles)} articles, {len(self.errors)} errors)"


# ---------------------------------------------------------------------------
# Showing file names safely
# ---------------------------------------------------------------------------


def safe_name(name: str) -> str:
    """A file name (or any text) made safe to print in a terminal or a Markdown table.

    Control characters (the escape that starts a terminal colour or cursor
    move, a newline that would start a new table row), invisible format
    characters (bidirectional overrides that show a name reversed) and lone
    surrogates (bytes of a name that are not UTF-8) are written as Python
    escapes, such as ``\\x1b``, ``\\n`` or ``\\u202e``. Other text is unchanged.

    Parameters
    ----------
    name : str

    Returns
    -------
    str

    Examples
    --------
    >>> print(safe_name("report\\n| forged | row |.txt"))
    report\\n| forged | row |.txt
    >>> print(safe_name("\\x1b[31mred.txt"), safe_name("evil\\u202etxt.exe"), safe_name("café.txt"))
    \\x1b[31mred.txt evil\\u202etxt.exe café.txt
    """
    if name.isprintable():
        return name
    return "".join(_escape_char(ch) if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in name)


def _escape_char(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# ---------------------------------------------------------------------------
# HTML entities left in text
# ---------------------------------------------------------------------------


def find_entities(text: str) -> list[str]:
    """The HTML character references left in a text, in order (``&#233;``, ``&amp;``).

    Text copied out of a web page's source keeps them: ``pr&#233;cis`` is
    "précis". Only complete references that HTML defines are found.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> find_entities("A pr&#233;cis of AT&amp;T &notathing; & more")
    ['&#233;', '&amp;']
    """
    if "&" not in text:
        return []
    return [m.group() for m in _ENTITY.finditer(text) if _is_entity(m.group())]


def _is_entity(reference: str) -> bool:
    return reference[1] == "#" or reference[1:] in _HTML5_ENTITIES


def unescape_entities(text: str) -> str:
    """Replace HTML character references by the characters they stand for.

    Only complete references (ending in ``;``) are replaced; markup and a
    lone ``&`` are left as they are.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> unescape_entities("pr&#233;cis &amp; r&eacute;sum&#xE9; & more")
    'précis & résumé & more'
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()) if _is_entity(m.group()) else m.group(), text)


# ---------------------------------------------------------------------------
# Finding the folder
# ---------------------------------------------------------------------------


def default_corpus_dir(path: str | os.PathLike | None = None) -> Path:
    """Decide which folder to load: the argument, ``CORPUS_DIR``, or ``seeds/``.

    Parameters
    ----------
    path : str or Path, optional

    Returns
    -------
    Path

    Examples
    --------
    >>> default_corpus_dir("my_articles").name
    'my_articles'
    """
    if path:
        return Path(path).expanduser()
    env = os.environ.get("CORPUS_DIR", "").strip()
    if env:
        return Path(env).expanduser()
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "seeds"] + [p / "seeds" for p in [Path.cwd(), *Path.cwd().parents]]
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return candidates[0]


# ---------------------------------------------------------------------------
# Reading one file
# ---------------------------------------------------------------------------


def decode_article(data: bytes, name: str = "article.txt") -> tuple[str, str, list[str]]:
    """Turn a file's bytes into text, or explain why that is not possible.

    UTF-8 is expected. A UTF-16 file with a byte-order mark is decoded as
    such; any other bytes that are not UTF-8 are decoded as Windows-1252 (the
    usual encoding of text saved on Windows), with a warning. A byte-order
    mark is kept in the text so that offsets count it.

    Parameters
    ----------
    data : bytes
    name : str
        File name for messages.

    Returns
    -------
    text : str
    encoding : str
    warnings : list of str

    Raises
    ------
    ArticleError
        For empty and binary files.

    Examples
    --------
    >>> decode_article("Café".encode("utf-8"))[:2]
    ('Café', 'utf-8')
    >>> text, encoding, warnings = decode_article("Café".encode("cp1252"))
    >>> text, encoding
    ('Café', 'cp1252')
    """
    warnings: list[str] = []
    shown = safe_name(name)
    if not data.strip():
        raise ArticleError(f"{shown} is empty. Put the article text in it, or remove the file.")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleError(
                f"{shown} is {what}, not plain text. Open it, copy the article text "
                "into a plain-text editor and save it as UTF-8 .txt."
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        warnings.append("saved as UTF-16; decoded as such (saving as UTF-8 is safer for other tools)")
        return text, "utf-16", warnings
    sample = data[:65536]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or control > max(8, len(sample) // 50):
        raise ArticleError(
            f"{shown} looks like a binary file, not text (it has NUL or control bytes). "
            "Save the article as plain text (UTF-8) and try again."
        )
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        warnings.append(
            f"not valid UTF-8 (first bad byte at position {error.start}); decoded as "
            f"{'Windows-1252' if encoding == 'cp1252' else 'Latin-1'}. Check accents and "
            "quotes, and re-save the file as UTF-8 to silence this warning"
        )
    if text.startswith("\ufeff"):
        warnings.append("starts with a byte-order mark; kept, and offsets count it")
    if "\r\n" in text:
        warnings.append("uses Windows line endings (CRLF); kept, and offsets count them")
    return text, encoding, warnings


def words_on_lines(text: str, lines: tuple[Line, ...], kinds=WORD_COUNT_LINES) -> int:
    """Count the words and numbers on the lines of the given kinds.

    Parameters
    ----------
    text : str
        The article's text as stored.
    lines : tuple of Line
        Its lines (from :func:`helpers.layout.split_lines`).
    kinds : collection of str
        The kinds of line to count; by default the article's own words
        (:data:`WORD_COUNT_LINES`).

    Returns
    -------
    int

    Examples
    --------
    >>> text = "By Ana Ruiz\\nThe council voted 5-2."
    >>> words_on_lines(text, split_lines(text)), words_on_lines(text, split_lines(text), ("byline", "paragraph"))
    (4, 7)
    """
    # Tokens never cross a line break, so a run of neighbouring lines of the
    # right kinds is counted in one call, without copying it.
    total = 0
    run_start = run_end = None
    for line in lines:
        if line.kind in kinds:
            if run_start is None:
                run_start = line.start
            run_end = line.end
        elif run_start is not None:
            total += number_of_words(text, run_start, run_end)
            run_start = None
    if run_start is not None:
        total += number_of_words(text, run_start, run_end)
    return total


#: Below this many words an article is flagged as too short for reliable counts.
_FEW_WORDS = 50


def _surely_has_words(lines: tuple[Line, ...], enough: int, kinds=WORD_COUNT_LINES) -> bool:
    """True if the counted lines certainly hold at least ``enough`` words.

    A cheap test that reads only the first words of the first lines: a
    space-separated piece made only of letters is one word whatever the token
    rules, so ``enough`` such pieces are enough words. False means "count
    them" (a short article, or one whose first words are numbers, hyphenated
    words or carry punctuation).
    """
    sure = 0
    for line in lines:
        if line.kind in kinds:
            sure += sum(map(str.isalpha, line.text.split(None, 2 * enough)))
            if sure >= enough:
                return True
    return False


def _content_warnings(text: str, flagged: tuple[Line, ...], word_total: int | None) -> list[str]:
    warnings = []
    if _HTML_HINT.search(text) or len(_TAG.findall(text)) >= 5:
        warnings.append(
            "looks like an HTML page saved as text: the markup is counted as words and "
            "is never rendered. Save only the article text for clean counts"
        )
    if word_total is None:
        pass  # at least _FEW_WORDS words
    elif word_total == 0:
        warnings.append("contains no words in its headings or prose")
    elif word_total < _FEW_WORDS:
        warnings.append(f"only {word_total} words: counts on very short articles are unreliable")
    entities = find_entities(text)
    if entities:
        examples = list(dict.fromkeys(entities))[:3]
        shown = ", ".join(f"{e} ({safe_name(html.unescape(e))})" for e in examples)
        warnings.append(
            f"has {len(entities)} HTML entit{'y' if len(entities) == 1 else 'ies'} left from a web page, "
            f"such as {shown}: they are counted as written. Load with decode_entities=True to turn them "
            "into characters"
        )
    for line in flagged:
        if line.kind == "boilerplate":
            warnings.append(f"line {line.index + 1} is page furniture ({line.text.strip()!r}); kept and flagged")
        else:
            warnings.append(f"line {line.index + 1} ends without punctuation: it may have been cut off")
    return warnings


def _first_heading(lines: tuple[Line, ...]) -> str | None:
    for line in lines:
        if line.kind in ("blank", "dateline", "byline", "boilerplate"):
            continue
        return line.text.strip().lstrip("\ufeff").strip() if line.kind == "heading" else None
    return None


def _stated(lines: tuple[Line, ...], kind: str) -> str | None:
    for line in lines:
        if line.kind == kind:
            return line.text.strip(" |\t\ufeff")
    return None


def _stem(file: str) -> str:
    """``Path(file).stem``, without building a Path for a plain file name."""
    if "/" in file or os.sep in file or (os.altsep and os.altsep in file) or file in ("", ".", ".."):
        return Path(file).stem
    dot = file.rfind(".")
    return file[:dot] if 0 < dot < len(file) - 1 else file


def _next_label(index: int) -> str:
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


def label_for(index: int) -> str:
    """The label of the article at ``index`` (from 0) when none is given: A … Z, AA, AB, …

    The corpus loader and :func:`as_articles` both use it, so the 27th
    article is "AA" everywhere.

    Examples
    --------
    >>> [label_for(i) for i in (0, 25, 26, 27, 701, 702)]
    ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']
    """
    return _next_label(index)


def _file_for(key: str) -> str:
    return key if key.lower().endswith(".txt") else f"{key}.txt"


def as_articles(source) -> list[Article]:
    """Turn what a helper is given into a list of articles: the one way in.

    Time: O(N) for N articles (O(N) label check with a set).

    Every public helper that takes "a corpus, articles or texts" goes
    through this function, so the same input gives the same labels
    everywhere.

    Parameters
    ----------
    source : str, Article, Corpus, dict or list
        * a text: one article labelled "A";
        * an Article, or a Corpus: its articles as they are;
        * a dict: **keys are labels**, values texts or Articles; a text's
          file name is its key, with ``.txt`` added unless the key ends so;
        * a list or tuple of Articles and texts: a text gets the label of
          its position (:func:`label_for`: A … Z, AA, …) and the file
          ``<label>.txt``; an Article keeps its own.

    Returns
    -------
    list of Article

    Raises
    ------
    TypeError
        For anything else, naming what was given.
    ValueError
        When two articles share a label.

    Examples
    --------
    >>> [(a.label, a.file) for a in as_articles({"W": "One text.", "notes.txt": "Another."})]
    [('W', 'W.txt'), ('notes.txt', 'notes.txt')]
    >>> [a.label for a in as_articles(["x"] * 28)][-2:]
    ['AA', 'AB']
    """
    if isinstance(source, Article):
        return [source]
    if isinstance(source, Corpus):
        articles = list(source.articles)
    elif isinstance(source, str):
        return [article_from_text(source)]
    elif isinstance(source, dict):
        articles = []
        for key, value in source.items():
            if isinstance(value, Article):
                articles.append(value)
            elif isinstance(value, str):
                articles.append(article_from_text(value, _file_for(str(key)), str(key)))
            else:
                raise TypeError(f"The value for {key!r} is a {type(value).__name__}, not an article or a text.")
    elif isinstance(source, (list, tuple)):
        articles = []
        for index, item in enumerate(source):
            if isinstance(item, Article):
                articles.append(item)
            elif isinstance(item, str):
                label = label_for(index)
                articles.append(article_from_text(item, f"{label}.txt", label))
            else:
                raise TypeError(f"Item {index} is a {type(item).__name__}, not an article or a text.")
    else:
        raise TypeError(
            "Expected a text, an Article, a Corpus, a dict of label → text or a list of them; "
            f"got {type(source).__name__}."
        )
    labels = [a.label for a in articles]
    if len(set(labels)) < len(labels):
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        raise ValueError(
            f"Two articles share the label {repeated[0]!r}; give each article its own label "
            "(in metadata.csv, or as the keys of a dict)."
        )
    return articles


def as_article(source, file: str = "article.txt", label: str = "A") -> Article:
    """One article from an Article or a text: the one way in for helpers that read one article.

    Examples
    --------
    >>> as_article("Council votes.").label, as_article("Two.", "b.txt", "B").file
    ('A', 'b.txt')
    """
    if isinstance(source, Article):
        return source
    if isinstance(source, str):
        return article_from_text(source, file, label)
    raise TypeError(f"Expected an Article or a string of text, not {type(source).__name__}.")


def find_article(articles, key) -> Article:
    """The article whose label, id or file name is ``key``.

    Raises
    ------
    UnknownArticle
        Listing the labels there are.

    Examples
    --------
    >>> find_article(as_articles({"A": "One.", "B": "Two."}), "B.txt").label
    'B'
    """
    for article in articles:
        if key in (article.label, article.id, article.file):
            return article
    known = ", ".join(a.label for a in articles)
    raise UnknownArticle(f"No article {key!r} in this corpus (labels: {known}).")


def article_from_text(
    text: str,
    file: str = "article.txt",
    label: str = "A",
    *,
    metadata: dict | None = None,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    path: Path | None = None,
) -> Article:
    """Build an article from a string (handy for your own small examples).

    Parameters
    ----------
    text : str
        The article text.
    file : str
        A file name to show in messages.
    label : str
        A short label.
    metadata : dict, optional
        Values from a ``metadata.csv`` row (``headline``, ``date``, ``outlet``,
        ``byline``, ...); they take precedence over what the text states.

    Returns
    -------
    Article

    Examples
    --------
    >>> article = article_from_text("Prison Tour Ends\\n| Published March 27, 2025\\nNoem visited CECOT.")
    >>> article.title, article.date, [line.kind for line in article.lines]
    ('Prison Tour Ends', '2025-03-27', ['heading', 'dateline', 'paragraph'])
    """
    metadata = dict(metadata or {})

    def known(key: str) -> str | None:
        value = (metadata.get(key) or "").strip()
        return None if value.lower() in UNKNOWN_VALUES else value

    return Article(
        id=_stem(file),
        file=file,
        label=known("label") or label,
        text=text,
        outlet=known("outlet"),
        encoding=encoding,
        metadata=metadata,
        path=path,
        _given=(known("headline") or known("title"), known("date"), known("byline")),
        _file_warnings=list(warnings or []),
    )


def _stated_date(lines) -> str | None:
    """The date of the first date line that holds one."""
    for line in lines:
        if line.kind == "dateline":
            found = find_date(line.text)
            if found:
                return found
    return None


def _flagged(lines) -> tuple:
    """The lines to warn about, in order: page furniture, and paragraphs that end without punctuation."""
    return tuple(
        line for line in lines
        if line.kind == "boilerplate" or (line.kind == "paragraph" and line.text.rstrip()[-1:] not in PARAGRAPH_ENDS)
    )


def _entry_kind(mode: int) -> str:
    """What a directory entry is, in words, from its ``lstat`` mode."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a file" if stat.S_ISREG(mode) else "not a regular file"


def _link_message(path: Path) -> str:
    try:
        target = f" (to {safe_name(os.readlink(path))})"
    except OSError:
        target = ""
    return (
        f"{safe_name(path.name)} is a symbolic link{target}; refused. Links are never followed, so a "
        "folder cannot make the helpers read a file outside it. Copy the file itself into the folder."
    )


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_regular_file(path: Path, max_bytes: int, too_large: str, *, listed_as_file: bool = False) -> bytes:
    """The bytes of ``path``, if it is a regular file of at most ``max_bytes``.

    A link is refused and a folder, pipe or device is never opened: the entry
    is checked with ``lstat`` first (unless the folder listing already said it
    is a regular file), then opened without following a link and without
    waiting (a pipe with no writer would block), and checked again on the
    open file, so it cannot be swapped in between. ``too_large`` ends the
    message for a file above the limit.
    """
    shown = safe_name(path.name)
    too_big = f"{shown} is {{size:.1f}} MB, above the {max_bytes / 1e6:g} MB limit{too_large}"
    if not listed_as_file:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise ArticleError(f"{shown}: no such file ({safe_name(str(path))}).") from None
        except OSError as error:
            raise ArticleError(f"{shown} cannot be read: {error.strerror}.") from error
        if stat.S_ISLNK(info.st_mode):
            raise ArticleError(_link_message(path))
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(f"{shown} is {_entry_kind(info.st_mode)}, not a file; it was not opened.")
        if info.st_size > max_bytes:
            raise ArticleError(too_big.format(size=info.st_size / 1e6))
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path):
            raise ArticleError(_link_message(path)) from error
        raise ArticleError(f"{shown} cannot be read: {error.strerror}.") from error
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise ArticleError(f"{shown} is {_entry_kind(opened.st_mode)}, not a file; it was not read.")
        if opened.st_size > max_bytes:
            raise ArticleError(too_big.format(size=opened.st_size / 1e6))
        chunks, total = [], 0
        while True:
            chunk = os.read(handle, max(opened.st_size + 1 - total, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise ArticleError(too_big.format(size=total / 1e6))
    except OSError as error:
        raise ArticleError(f"{shown} cannot be read: {error.strerror}.") from error
    finally:
        os.close(handle)
    return b"".join(chunks)


_ARTICLE_TOO_LARGE = (
    " for one article. Is it really one news article? Split it into one file per article, "
    "or pass a larger max_bytes."
)


def _article_from_bytes(data: bytes, path: Path, label: str, metadata: dict | None, decode_entities: bool) -> Article:
    text, encoding, warnings = decode_article(data, path.name)
    if decode_entities:
        found = find_entities(text)
        if found:
            text = unescape_entities(text)
            warnings.append(
                f"{len(found)} HTML entit{'y' if len(found) == 1 else 'ies'} (such as {found[0]}) decoded "
                "into characters; offsets index the decoded text, not the file"
            )
    return article_from_text(text, path.name, label, metadata=metadata, encoding=encoding, warnings=warnings, path=path)


def read_article(
    path: str | os.PathLike,
    label: str = "A",
    *,
    metadata: dict | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    decode_entities: bool = False,
) -> Article:
    """Read one article file (the file is only read, never changed).

    Parameters
    ----------
    path : str or Path
    label : str
    metadata : dict, optional
        Its ``metadata.csv`` row.
    max_bytes : int
        Refuse files larger than this (default 5 MB) without reading them.
    decode_entities : bool
        Turn HTML entities left in the text (``pr&#233;cis``) into characters
        (default False: the text stays exactly as stored, and a warning says
        how many there are). When True, offsets index the decoded text.

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        With a message that names the file and says what to do. A symbolic
        link is refused, and a folder, pipe or device is never opened.
    """
    path = Path(path)
    data = _read_regular_file(path, max_bytes, _ARTICLE_TOO_LARGE)
    return _article_from_bytes(data, path, label, metadata, decode_entities)


# ---------------------------------------------------------------------------
# metadata.csv
# ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Appended after the last line of ``metadata.csv``: if the parser swallows it
#: into a value, a quotation mark was left open.
_END_MARK = "\ufdd0"
#: A line inside a quoted value that looks like a row of its own ("b.txt,...").
_ROW_INSIDE_VALUE = re.compile(r"[\r\n][^,\r\n\"]*\.txt\s*,", re.IGNORECASE)
_MAX_UNCLOSED = 20


def _csv_records(raw: str, problems: list[Problem]):
    """Yield ``(line, row)`` for each record of a CSV text, like ``csv.reader``.

    ``line`` is the line the record ends on (as ``csv.reader.line_num``).
    A quotation mark that is never closed would make the parser read the rest
    of the file as one value; instead the record it opens is reported with its
    line, left out, and reading goes on at the next line. So does a quoted
    value that runs over several lines and swallows what look like rows.
    """
    physical = io.StringIO(raw, newline="").readlines()
    if physical and not physical[-1].endswith(("\n", "\r")):
        physical[-1] += "\n"
    last = len(physical)
    offset = 0  # index of the first physical line of this pass
    unclosed = 0
    while offset < last:
        reader = csv.reader(itertools.chain(itertools.islice(physical, offset, None), [_END_MARK + "\n"]))
        ended = offset
        restart = None
        for row in reader:
            first, ended = ended + 1, offset + reader.line_num
            if ended > last:  # the end mark was read
                if row != [_END_MARK]:
                    restart = first
                    problems.append(
                        Problem(
                            "metadata.csv",
                            f"line {first} opens a quotation mark (\") that is never closed; that row is ignored. "
                            "Close the quotation mark, or remove it.",
                            "warning",
                        )
                    )
                break
            if ended > first and any(_ROW_INSIDE_VALUE.search(value) for value in row):
                restart = first
                problems.append(
                    Problem(
                        "metadata.csv",
                        f"lines {first}-{ended} were read as one row because a quotation mark (\") on line {first} "
                        f"is closed only on line {ended}; that row is ignored. Check the quotation marks.",
                        "warning",
                    )
                )
                break
            yield ended, row
        if restart is None:
            return
        unclosed += 1
        if unclosed >= _MAX_UNCLOSED:
            problems.append(
                Problem(
                    "metadata.csv",
                    f"has {unclosed} unclosed quotation marks; the rest of it, from line {restart + 1}, was ignored.",
                    "warning",
                )
            )
            return
        offset = restart  # the line after the one that opened the quotation


def read_metadata(
    folder: str | os.PathLike,
    files: list[str] | None = None,
    *,
    max_bytes: int = MAX_METADATA_BYTES,
) -> tuple[dict[str, dict], list[Problem]]:
    """Read ``metadata.csv`` from a corpus folder, checking every row.

    Parameters
    ----------
    folder : str or Path
    files : list of str, optional
        The article files present, to catch rows that name a missing file.
    max_bytes : int
        A larger ``metadata.csv`` is not read (default 10 MB).

    Returns
    -------
    rows : dict
        File name → the row's values (stripped strings).
    problems : list of Problem
        Warnings naming the line of ``metadata.csv`` and what is wrong; the
        rows or fields in question are ignored. A link, a file above
        ``max_bytes`` or one that is not UTF-8 is ignored whole.
    """
    path = Path(folder) / "metadata.csv"
    rows: dict[str, dict] = {}
    problems: list[Problem] = []
    if not os.path.lexists(path):
        return rows, problems
    try:
        data = _read_regular_file(path, max_bytes, "; it was ignored. One row per article needs far less.")
    except ArticleError as error:
        message = str(error).removeprefix("metadata.csv ").removeprefix("metadata.csv: ")
        problems.append(Problem("metadata.csv", message, "warning"))
        return rows, problems
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem("metadata.csv", "is not UTF-8 text; it was ignored. Re-save it as UTF-8 CSV.", "warning"))
        return rows, problems
    records = _csv_records(raw, problems)
    first = next(records, None)
    header = [name.strip().lower() for name in (first[1] if first else [])]
    if "file" not in header:
        problems.append(
            Problem(
                "metadata.csv",
                "has no 'file' column, so its rows cannot be matched to articles; it was ignored. "
                f"The first line should name the columns, e.g. {','.join(METADATA_FIELDS)}.",
                "warning",
            )
        )
        return rows, problems
    present = set(files or [])
    for line, cells in records:
        if not cells:
            continue  # a blank line
        values = {k: (v or "").strip() for k, v in itertools.zip_longest(header, cells[: len(header)]) if k}
        name = values.get("file", "")
        if len(cells) > len(header):
            problems.append(Problem("metadata.csv", f"line {line} has more fields than the header; row ignored. Quote values that contain commas.", "warning"))
            continue
        if not name:
            if any(values.values()):
                problems.append(Problem("metadata.csv", f"line {line} has no file name; row ignored.", "warning"))
            continue
        if files is not None and name not in present:
            problems.append(Problem("metadata.csv", f"line {line} names {safe_name(name)!r}, which is not in the folder; row ignored.", "warning"))
            continue
        if name in rows:
            problems.append(Problem("metadata.csv", f"line {line} repeats {safe_name(name)!r}; the first row is used.", "warning"))
            continue
        stated = values.get("date", "")
        if stated and stated.lower() not in UNKNOWN_VALUES and not _ISO_DATE.match(stated):
            problems.append(Problem("metadata.csv", f"line {line}: date {stated!r} is not YYYY-MM-DD; date ignored.", "warning"))
            values["date"] = ""
        rows[name] = values
    return rows, problems


# ---------------------------------------------------------------------------
# Reading a folder
# ---------------------------------------------------------------------------


def _skip_reason(name: str, mode: int) -> str | None:
    """Why a folder entry is not read as an article (None: it is one, or a companion file)."""
    is_txt = name.lower().endswith(".txt") and name.lower() != ".txt"
    if stat.S_ISREG(mode):
        if name in COMPANION_FILES or is_txt:
            return None
        if name.startswith("."):
            return "skipped: a hidden file, not a .txt article"
        if not Path(name).suffix:
            return "skipped: the name has no extension. If it is an article, rename it to end in .txt"
        return "skipped: not a .txt file (only .txt files are read as articles)"
    if stat.S_ISLNK(mode) and is_txt:
        return None  # refused with an error when read
    if stat.S_ISDIR(mode):
        return f"skipped: {_entry_kind(mode)}; articles inside other folders are not read"
    if stat.S_ISLNK(mode):
        return "skipped: a symbolic link, never followed"
    return f"skipped: {_entry_kind(mode)}, not a file; it was not opened"


def _list_folder(folder: Path) -> list[tuple[str, int]]:
    """``(name, lstat mode)`` of every entry of a folder, in file-name order; links are not followed."""
    entries = []
    with os.scandir(folder) as scan:
        for entry in scan:
            try:
                # The listing itself says what most entries are; only the
                # rest (pipes, devices, ...) need a call to lstat.
                if entry.is_file(follow_symlinks=False):
                    mode = stat.S_IFREG
                elif entry.is_dir(follow_symlinks=False):
                    mode = stat.S_IFDIR
                elif entry.is_symlink():
                    mode = stat.S_IFLNK
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue  # removed while listing
            entries.append((entry.name, mode))
    entries.sort(key=lambda item: (os.path.normcase(item[0]), item[0]))
    return entries


def read_corpus(
    path: str | os.PathLike | None = None,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    decode_entities: bool = False,
) -> Corpus:
    """Read every ``.txt`` file of a folder, collecting problems instead of stopping.

    Use :func:`load_corpus` in notebooks; this function is for checking a
    folder (``python -m helpers check-corpus``), where every problem should
    be listed at once.

    Parameters
    ----------
    path : str or Path, optional
        The folder; see :func:`default_corpus_dir` for what happens without one.
    max_bytes : int
        Largest file read.
    decode_entities : bool
        Turn HTML entities left in the texts into characters (default False).

    Returns
    -------
    Corpus
        The articles that loaded, and a Problem for each file that did not
        (a symbolic link is one), for each entry that was skipped and why
        (folders, pipes, devices, files that are not ``.txt``), and for each
        warning (files with the same bytes among them).

    Raises
    ------
    CorpusError
        When the folder is missing, empty or has no ``.txt`` file.
    """
    folder = default_corpus_dir(path)
    where = "" if path else (" (from CORPUS_DIR)" if os.environ.get("CORPUS_DIR", "").strip() else "")
    if not folder.exists():
        raise CorpusError(
            f"The corpus folder {str(folder)!r}{where} does not exist. Check the path, or set "
            "CORPUS_DIR to a folder of .txt articles."
        )
    if not folder.is_dir():
        raise CorpusError(f"{str(folder)!r}{where} is a file, not a folder. Point to the folder that holds the .txt articles.")
    entries = _list_folder(folder)
    if not entries:
        raise CorpusError(f"The corpus folder {str(folder)!r}{where} is empty. Put one .txt file per article in it.")
    texts, skipped, links = [], [], set()
    for name, mode in entries:
        reason = _skip_reason(name, mode)
        if reason:
            skipped.append(Problem(name, reason, "warning"))
        elif name not in COMPANION_FILES:
            texts.append(folder / name)
            if not stat.S_ISREG(mode):
                links.add(name)  # refused when read, with a message naming it
    if not texts:
        others = ", ".join(f"{safe_name(name)} ({_entry_kind(mode)})" for name, mode in entries[:5])
        raise CorpusError(
            f"The corpus folder {str(folder)!r}{where} has no .txt files (found: {others}). "
            "Save each article as a plain-text .txt file."
        )
    with _collector_paused():
        return _read_texts(folder, texts, skipped, links, max_bytes, decode_entities)


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while a folder is read, then restore it.

    Reading makes hundreds of thousands of small objects (lines, articles)
    and no reference cycles, so the collector would only scan them again and
    again: a fifth of the loading time for 10,000 articles. Memory is still
    freed as usual (by reference counting).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_texts(
    folder: Path, texts: list[Path], skipped: list[Problem], links: set[str], max_bytes: int, decode_entities: bool
) -> Corpus:
    metadata, problems = read_metadata(folder, [p.name for p in texts])
    problems.extend(skipped)
    articles = []
    taken = {(row.get("label") or "").strip() for row in metadata.values()}
    auto_labels = (label for label in map(_next_label, range(10**6)) if label not in taken)
    first_with_bytes: dict[bytes, str] = {}
    for path_ in texts:
        label = next(auto_labels)
        try:
            data = _read_regular_file(path_, max_bytes, _ARTICLE_TOO_LARGE, listed_as_file=path_.name not in links)
            article = _article_from_bytes(data, path_, label, metadata.get(path_.name), decode_entities)
        except ArticleError as error:
            problems.append(Problem(path_.name, str(error), "error"))
            continue
        digest = hashlib.blake2b(data, digest_size=20).digest()
        original = first_with_bytes.setdefault(digest, path_.name)
        if original != path_.name:
            article._corpus_warnings.append(
                f"has the same bytes as {safe_name(original)}: the same article saved twice? Both are "
                "counted; remove one copy if so"
            )
        problems.append(article)  # its warnings, when corpus.problems is first read
        articles.append(article)
    for label, count in Counter(a.label for a in articles).items():
        if count > 1:
            problems.append(Problem("metadata.csv", f"label {label!r} is used by more than one article; labels must be unique.", "error"))
    return Corpus(folder, articles, problems)


def load_corpus(
    path: str | os.PathLike | None = None,
    *,
    skip_bad: bool = False,
    max_bytes: int = MAX_ARTICLE_BYTES,
    decode_entities: bool = False,
) -> Corpus:
    """Load a folder of articles for analysis.

    Parameters
    ----------
    path : str or Path, optional
        The folder. Without it, ``CORPUS_DIR`` is used if set, else the
        repository's ``seeds/``.
    skip_bad : bool
        If False (default), any file that cannot be loaded stops with a
        :class:`CorpusError` listing every problem. If True, such files are
        left out and listed in ``corpus.problems``.
    max_bytes : int
        Largest file read (default 5 MB).
    decode_entities : bool
        Turn HTML entities left from a web page (``pr&#233;cis``) into
        characters. Off by default, so every text is exactly its file; when
        on, offsets index the decoded text.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        With every problem, each naming its file and what to do.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), corpus[0].label
    (5, 'A')
    """
    corpus = read_corpus(path, max_bytes=max_bytes, decode_entities=decode_entities)
    if corpus.errors and not skip_bad:
        listing = "\n".join(f"  - {safe_name(p.file)}: {p.message}" for p in corpus.errors)
        raise CorpusError(
            f"{len(corpus.errors)} problem(s) in {safe_name(str(corpus.folder))}:\n{listing}\n"
            "Fix or remove these files, or call load_corpus(skip_bad=True) to leave them out."
        )
    if not corpus.articles:
        raise CorpusError(f"No article in {safe_name(str(corpus.folder))} could be loaded.")
    return corpus


def describe_corpus(corpus: Corpus) -> list[dict]:
    """One row per article: what it states about itself and what it leaves unknown.

    Time: O(T) for T running words (word counts are taken on first use).

    Parameters
    ----------
    corpus : Corpus

    Returns
    -------
    list of dict
        Keys: ``label``, ``file``, ``words`` (:attr:`Article.word_count`:
        the words of the prose and headings), ``headline``, ``date``,
        ``outlet``, ``byline``, ``unknown`` (the list of what is not stated),
        ``flagged`` (counts of headings, bullets, datelines, boilerplate) and
        ``warnings`` (how many).

    Examples
    --------
    >>> corpus = Corpus(None, [article_from_text("Prison Tour\\nNoem visited.", "x.txt", "A")])
    >>> row = describe_corpus(corpus)[0]
    >>> row["headline"], row["unknown"]
    ('Prison Tour', ['date', 'outlet', 'byline'])
    """
    rows = []
    for article in corpus:
        stated = {"headline": article.title, "date": article.date, "outlet": article.outlet, "byline": article.byline}
        kinds = article.line_kinds()
        rows.append(
            {
                "label": article.label,
                "file": article.file,
                "words": article.word_count,
                **stated,
                "unknown": [key for key, value in stated.items() if not value],
                "flagged": {k: v for k, v in kinds.items() if k != "paragraph"},
                "warnings": len(article.warnings),
            }
        )
    return rows
