"""Articles from a CSV or JSON Lines file, one per row, as spreadsheets and news databases export them.

Columns are matched to fields by name, without regard to case, spaces or
underscores (:data:`COLUMN_NAMES`): a ``Body`` column is the text, a
``Headline`` or ``Title`` column the headline, and so on. Only the text
column is required. A row that cannot be read is reported by its number and
skipped; the others are still imported.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from helpers.importing.pages import PageError

__all__ = ["COLUMN_NAMES", "TABLE_SUFFIXES", "Row", "match_columns", "plain_text", "read_table"]

#: Field → the column names that mean it (compared in lower case without spaces, "_" or "-").
COLUMN_NAMES = {
    "text": ("text", "body", "content", "article", "fulltext", "articletext", "maintext", "story", "bodytext"),
    "headline": ("headline", "title", "heading"),
    "date": ("date", "published", "publicationdate", "pubdate", "datepublished", "publishedat", "publishdate"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "publication", "media", "sourcename", "newspaper"),
    "byline": ("byline", "author", "authors", "by", "writer", "creator"),
    "url": ("url", "link", "canonicalurl", "uri", "sourceurl", "address"),
}
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
MAX_TABLE_BYTES = 200_000_000
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


@dataclass
class Row:
    """One article from a table: its fields, and the column each came from."""

    number: int
    values: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(name).strip().lower())


def match_columns(names: list[str]) -> dict[str, str]:
    """Field → the column that holds it, matched by name.

    Examples
    --------
    >>> match_columns(["ID", "Headline", "Body Text", "Published At", "Source"])
    {'text': 'Body Text', 'headline': 'Headline', 'date': 'Published At', 'outlet': 'Source'}
    """
    found = {}
    for field_name, accepted in COLUMN_NAMES.items():
        for name in names:
            if _key(name) in accepted:
                found[field_name] = name
                break
    return found


def plain_text(value: str) -> str:
    """A cell's text with markup turned into lines and entities decoded (nothing is run).

    Examples
    --------
    >>> plain_text("<p>Caf&eacute; opens.</p><script>alert(1)</script><p>It&#8217;s busy.</p>")
    'Café opens.\\nIt’s busy.'
    >>> plain_text("Fish &amp; chips\\r\\n\\r\\nSecond line")
    'Fish & chips\\nSecond line'
    """
    value = str(value or "")
    if re.search(r"<\s*(p|br|div|script|style|a|span|li|h\d)\b", value, re.I):
        try:
            root = lxml_html.fragment_fromstring(value, create_parent="div")
        except (etree.ParserError, ValueError):
            root = None
        if root is not None:
            for bad in root.xpath("//script|//style|//noscript|//iframe|//template"):
                bad.drop_tree()
            for element in root.iter():
                if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
                    element.tail = "\n" + (element.tail or "")
            value = "".join(root.itertext())
    value = html.unescape(value)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in value.splitlines()]
    return "\n".join(line for line in lines if line)


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), [f"{name} is not UTF-8; read as Windows-1252, check its accents"]


def _rows_from_csv(text: str, name: str, problems: list[str]) -> tuple[list[str], list[tuple[int, dict]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if name.lower().endswith(".tsv") else max(",;\t", key=first.count)
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        header = next(reader, [])
        for cells in reader:
            number = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                problems.append(f"{name}: row ending on line {number} has {len(cells)} fields, the header {len(header)}; row skipped (quote values that contain '{delimiter}')")
                continue
            rows.append((number, dict(zip(header, cells))))
    except csv.Error as error:
        problems.append(f"{name}: line {reader.line_num} cannot be read ({error}); it and the rest of the file were skipped. Check its quotation marks.")
    return header, rows


def _rows_from_jsonl(text: str, name: str, problems: list[str]) -> tuple[list[str], list[tuple[int, dict]]]:
    rows, names = [], {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as error:
            problems.append(f"{name}: line {number} is not valid JSON ({error.msg}); skipped")
            continue
        if not isinstance(item, dict):
            problems.append(f"{name}: line {number} is not a JSON object with named fields; skipped")
            continue
        names.update(dict.fromkeys(item))
        rows.append((number, item))
    return list(names), rows


def _cell(value) -> str:
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return _cell(value.get("name", ""))
    return "" if value is None else str(value).strip()


def read_table(path: str | Path) -> tuple[dict[str, str], list[Row], list[str]]:
    """Read a CSV, TSV or JSON Lines file of articles.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    mapping : dict
        Field → column name used.
    rows : list of Row
        One per article row that has text.
    problems : list of str
        One message per row (or file) that could not be used, naming it.

    Raises
    ------
    PageError
        When the file cannot be read at all or has no text column.
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise PageError(f"{name}: no such file.")
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise PageError(f"{name} is over {MAX_TABLE_BYTES / 1e6:g} MB; split it into smaller files.")
    data = path.read_bytes()
    if not data.strip():
        raise PageError(f"{name} is empty.")
    if b"\x00" in data[:4096]:
        raise PageError(f"{name} is not a text file (it has NUL bytes). Export the sheet as CSV (UTF-8).")
    text, problems = _decode(data, name)
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
    header, raw_rows = (_rows_from_jsonl if jsonl else _rows_from_csv)(text, name, problems)
    mapping = match_columns(header)
    if "text" not in mapping:
        listed = ", ".join(repr(h) for h in header[:12]) or "none"
        raise PageError(
            f"{name} has no column with the article text. Its columns are: {listed}. "
            f"Name the text column one of: {', '.join(COLUMN_NAMES['text'][:5])}."
        )
    rows = []
    for number, raw in raw_rows:
        values = {f: _cell(raw.get(column)) for f, column in mapping.items()}
        where = "line" if jsonl else "row ending on line"
        values["text"] = plain_text(values.get("text", ""))
        if not values["text"]:
            problems.append(f"{name}: {where} {number} has no text; skipped")
            continue
        if "headline" in values:
            values["headline"] = plain_text(values["headline"]).replace("\n", " ")
        rows.append(Row(number, values, dict(mapping)))
    return mapping, rows, problems
