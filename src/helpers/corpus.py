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
empty file                     error        the file is not loaded
binary file (PDF, Word, ...)   error        the file is not loaded
larger than ``max_bytes``      error        the file is not read at all
not UTF-8                      warning      decoded as Windows-1252
UTF-16 with byte-order mark    warning      decoded as UTF-16
HTML saved as text             warning      markup kept as text, never rendered
byte-order mark, CRLF endings  warning      kept; offsets count them
bad ``metadata.csv`` row       warning      that row (or field) is ignored
=============================  ===========  ====================================
"""

from __future__ import annotations

import csv
import io
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from helpers.layout import Line, find_date, split_lines
from helpers.text import count_words

__all__ = [
    "MAX_ARTICLE_BYTES",
    "METADATA_FIELDS",
    "WORD_COUNT_LINES",
    "Article",
    "ArticleError",
    "Corpus",
    "CorpusError",
    "Problem",
    "article_from_text",
    "default_corpus_dir",
    "decode_article",
    "describe_corpus",
    "load_corpus",
    "words_on_lines",
    "read_article",
    "read_corpus",
    "read_metadata",
]

#: Largest article file read, in bytes (5 MB is about 800,000 words,
#: far longer than any news article). Pass ``max_bytes`` to change it.
MAX_ARTICLE_BYTES = 5_000_000

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
    title: str | None
    date: str | None
    text: str
    lines: tuple[Line, ...]
    outlet: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    path: Path | None = None
    _word_count: int | None = field(default=None, repr=False, compare=False)

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
    problems: list[Problem] = field(default_factory=list)

    def __iter__(self):
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key) -> Article:
        """Get an article by position, label ("A"), id or file name."""
        if isinstance(key, int):
            return self.articles[key]
        for article in self.articles:
            if key in (article.label, article.id, article.file):
                return article
        known = ", ".join(a.label for a in self.articles)
        raise KeyError(f"No article {key!r} in this corpus (labels: {known}).")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

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
    if not data.strip():
        raise ArticleError(f"{name} is empty. Put the article text in it, or remove the file.")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleError(
                f"{name} is {what}, not plain text. Open it, copy the article text "
                "into a plain-text editor and save it as UTF-8 .txt."
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        warnings.append("saved as UTF-16; decoded as such (saving as UTF-8 is safer for other tools)")
        return text, "utf-16", warnings
    sample = data[:65536]
    control = sum(1 for byte in sample if byte in _CONTROL)
    if b"\x00" in sample or control > max(8, len(sample) // 50):
        raise ArticleError(
            f"{name} looks like a binary file, not text (it has NUL or control bytes). "
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
    return sum(count_words(text[line.start : line.end]) for line in lines if line.kind in kinds)


def _content_warnings(text: str, lines: tuple[Line, ...], word_total: int) -> list[str]:
    warnings = []
    if _HTML_HINT.search(text) or len(_TAG.findall(text)) >= 5:
        warnings.append(
            "looks like an HTML page saved as text: the markup is counted as words and "
            "is never rendered. Save only the article text for clean counts"
        )
    if word_total == 0:
        warnings.append("contains no words in its headings or prose")
    elif word_total < 50:
        warnings.append(f"only {word_total} words: counts on very short articles are unreliable")
    for line in lines:
        if line.kind == "boilerplate":
            warnings.append(f"line {line.index + 1} is page furniture ({line.text.strip()!r}); kept and flagged")
        elif line.kind == "paragraph" and line.text.rstrip()[-1:] not in ".!?…\"”’)»:":
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


def _next_label(index: int) -> str:
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


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
    lines = split_lines(text)
    word_total = words_on_lines(text, lines)
    stated_date = None
    for line in lines:
        if line.kind == "dateline":
            stated_date = find_date(line.text)
            if stated_date:
                break
    byline = _stated(lines, "byline")
    if byline and byline.lower().startswith("by "):
        byline = byline[3:].strip()

    def known(key: str) -> str | None:
        value = (metadata.get(key) or "").strip()
        return None if value.lower() in UNKNOWN_VALUES else value

    return Article(
        id=Path(file).stem,
        file=file,
        label=known("label") or label,
        title=known("headline") or known("title") or _first_heading(lines),
        date=known("date") or stated_date,
        text=text,
        lines=lines,
        outlet=known("outlet"),
        byline=known("byline") or byline,
        encoding=encoding,
        warnings=list(warnings or []) + _content_warnings(text, lines, word_total),
        metadata=metadata,
        path=path,
        _word_count=word_total,
    )


def read_article(
    path: str | os.PathLike,
    label: str = "A",
    *,
    metadata: dict | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
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

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        With a message that names the file and says what to do.
    """
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path.name}: no such file ({path}).")
    size = path.stat().st_size
    if size > max_bytes:
        raise ArticleError(
            f"{path.name} is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB limit for one "
            "article. Is it really one news article? Split it into one file per article, "
            "or pass a larger max_bytes."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path.name} cannot be read: {error.strerror}.") from error
    text, encoding, warnings = decode_article(data, path.name)
    return article_from_text(
        text, path.name, label, metadata=metadata, encoding=encoding, warnings=warnings, path=path
    )


# ---------------------------------------------------------------------------
# metadata.csv
# ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def read_metadata(folder: str | os.PathLike, files: list[str] | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """Read ``metadata.csv`` from a corpus folder, checking every row.

    Parameters
    ----------
    folder : str or Path
    files : list of str, optional
        The article files present, to catch rows that name a missing file.

    Returns
    -------
    rows : dict
        File name → the row's values (stripped strings).
    problems : list of Problem
        Warnings naming the line of ``metadata.csv`` and what is wrong; the
        rows or fields in question are ignored.
    """
    path = Path(folder) / "metadata.csv"
    rows: dict[str, dict] = {}
    problems: list[Problem] = []
    if not path.is_file():
        return rows, problems
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem("metadata.csv", "is not UTF-8 text; it was ignored. Re-save it as UTF-8 CSV.", "warning"))
        return rows, problems
    reader = csv.DictReader(io.StringIO(raw, newline=""), restkey="__extra__")
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
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
    reader.fieldnames = header
    present = set(files or [])
    for row in reader:
        line = reader.line_num
        extra = row.pop("__extra__", None)
        values = {k: (v or "").strip() for k, v in row.items() if k}
        name = values.get("file", "")
        if extra:
            problems.append(Problem("metadata.csv", f"line {line} has more fields than the header; row ignored. Quote values that contain commas.", "warning"))
            continue
        if not name:
            if any(values.values()):
                problems.append(Problem("metadata.csv", f"line {line} has no file name; row ignored.", "warning"))
            continue
        if files is not None and name not in present:
            problems.append(Problem("metadata.csv", f"line {line} names {name!r}, which is not in the folder; row ignored.", "warning"))
            continue
        if name in rows:
            problems.append(Problem("metadata.csv", f"line {line} repeats {name!r}; the first row is used.", "warning"))
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


def read_corpus(path: str | os.PathLike | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
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

    Returns
    -------
    Corpus
        The articles that loaded, and a Problem for each file that did not
        (and for each warning).

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
    entries = sorted(folder.iterdir())
    if not entries:
        raise CorpusError(f"The corpus folder {str(folder)!r}{where} is empty. Put one .txt file per article in it.")
    texts = [p for p in entries if p.suffix.lower() == ".txt" and p.is_file()]
    if not texts:
        others = ", ".join(p.name for p in entries[:5])
        raise CorpusError(
            f"The corpus folder {str(folder)!r}{where} has no .txt files (found: {others}). "
            "Save each article as a plain-text .txt file."
        )
    metadata, problems = read_metadata(folder, [p.name for p in texts])
    articles = []
    taken = {(row.get("label") or "").strip() for row in metadata.values()}
    auto_labels = (label for label in map(_next_label, range(10**6)) if label not in taken)
    for path_ in texts:
        label = next(auto_labels)
        try:
            article = read_article(path_, label, metadata=metadata.get(path_.name), max_bytes=max_bytes)
        except ArticleError as error:
            problems.append(Problem(path_.name, str(error), "error"))
            continue
        for warning in article.warnings:
            problems.append(Problem(path_.name, warning, "warning"))
        articles.append(article)
    labels = [a.label for a in articles]
    for label in {x for x in labels if labels.count(x) > 1}:
        problems.append(Problem("metadata.csv", f"label {label!r} is used by more than one article; labels must be unique.", "error"))
    return Corpus(folder, articles, problems)


def load_corpus(
    path: str | os.PathLike | None = None,
    *,
    skip_bad: bool = False,
    max_bytes: int = MAX_ARTICLE_BYTES,
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
    corpus = read_corpus(path, max_bytes=max_bytes)
    if corpus.errors and not skip_bad:
        listing = "\n".join(f"  - {p.file}: {p.message}" for p in corpus.errors)
        raise CorpusError(
            f"{len(corpus.errors)} problem(s) in {corpus.folder}:\n{listing}\n"
            "Fix or remove these files, or call load_corpus(skip_bad=True) to leave them out."
        )
    if not corpus.articles:
        raise CorpusError(f"No article in {corpus.folder} could be loaded.")
    return corpus


def describe_corpus(corpus: Corpus) -> list[dict]:
    """One row per article: what it states about itself and what it leaves unknown.

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
