"""The corpus folder an import writes: article files, ``metadata.csv`` and ``provenance.json``.

Writing is additive. A file that exists is never replaced unless ``force``
is given, nothing is ever deleted, and an article already in the folder
(same text, or same canonical address) is not written again.
``metadata.csv`` keeps every row and column it had; new rows are added.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from helpers.corpus import METADATA_FIELDS, ArticleError, read_article
from helpers.importing.evidence import same_value
from helpers.importing.records import PROVENANCE_FILE, read_provenance

__all__ = ["CorpusFolder", "article_text", "file_name_for", "fingerprint"]

MAX_NAME_CHARS = 60


def fingerprint(text: str) -> str:
    """A short digest of a text's words, the same whatever its spacing, case or punctuation.

    Examples
    --------
    >>> fingerprint("The pier closed.") == fingerprint("the  pier CLOSED")
    True
    """
    words = " ".join(re.findall(r"\w+", text.casefold()))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]


def file_name_for(headline: str | None, text: str, taken) -> str:
    """A short, safe, unused ``.txt`` name made from the headline (or the first words).

    Examples
    --------
    >>> file_name_for("Café Dubé to close after 38 years!", "", set())
    'cafe-dube-to-close-after-38-years.txt'
    >>> file_name_for("Pier closes", "", {"pier-closes.txt"})
    'pier-closes-2.txt'
    >>> file_name_for("Αθήνα", "Το λιμάνι έκλεισε.", set())[:8]
    'article-'
    """
    source = headline or " ".join(text.split()[:8])
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_NAME_CHARS:
        slug = slug[:MAX_NAME_CHARS].rsplit("-", 1)[0]
    if len(slug) < 3:
        slug = "article-" + fingerprint(source + text)[:8]
    taken_lower = {t.lower() for t in taken}
    name, number = f"{slug}.txt", 2
    while name.lower() in taken_lower:
        name, number = f"{slug}-{number}.txt", number + 1
    return name


def article_text(headline: str | None, lines: list[str]) -> str:
    """The text of an article file: the headline on the first line, then one paragraph per line.

    Examples
    --------
    >>> article_text("Pier closes", ["The pier closed.", "It may reopen."])
    'Pier closes\\nThe pier closed.\\nIt may reopen.\\n'
    """
    return "\n".join(([headline] if headline else []) + list(lines)) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class CorpusFolder:
    """A corpus folder being imported into: what it holds, and how to add to it."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.records = read_provenance(self.folder)
        self.header, self.rows = self._read_metadata()
        self.names = {p.name for p in self.folder.iterdir()}
        self.known: dict[str, str] = {}  # fingerprint → file
        self.addresses: dict[str, str] = {}  # url → file
        for path in sorted(self.folder.glob("*.txt")):
            try:
                self.known.setdefault(fingerprint(read_article(path).text), path.name)
            except ArticleError:
                continue
        for name, record in self.records.items():
            for key in ("fingerprint", "text_fingerprint"):
                if isinstance(record.get(key), str):
                    self.known.setdefault(record[key], name)
            url = ((record.get("fields") or {}).get("url") or {}).get("value") if isinstance(record.get("fields"), dict) else None
            if isinstance(url, str) and url:
                self.addresses.setdefault(url, name)

    def _read_metadata(self) -> tuple[list[str], list[dict]]:
        path = self.folder / "metadata.csv"
        if not path.is_file():
            return list(METADATA_FIELDS), []
        raw = path.read_bytes().decode("utf-8-sig", "replace")
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        header = list(reader.fieldnames or [])
        rows = [dict(row) for row in reader]
        lower = {h.strip().lower() for h in header}
        header += [f for f in METADATA_FIELDS if f not in lower]
        return header, rows

    def duplicate_of(self, body: str, full_text: str, url: str | None) -> str | None:
        """The file already holding this article (same words, or same address), if any."""
        for key in (fingerprint(body), fingerprint(full_text)):
            if key in self.known:
                return self.known[key]
        for address, name in self.addresses.items():
            if url and same_value("url", address, url):
                return name
        return None

    def add(self, headline: str | None, lines: list[str], row: dict, record: dict, *, replace: str | None = None) -> str:
        """Write one article file; return its name. ``replace`` names a file to overwrite."""
        text = article_text(headline, lines)
        name = replace or file_name_for(headline, text, self.names)
        _write_atomically(self.folder / name, text)
        self.names.add(name)
        body_key = fingerprint("\n".join(lines))
        self.known[body_key] = self.known[fingerprint(text)] = name
        url = row.get("url")
        if url and url != "not stated":
            self.addresses[url] = name
        self.records[name] = {**record, "fingerprint": body_key}
        self.rows = [r for r in self.rows if (r.get("file") or "").strip() != name]
        self.rows.append({"file": name, "label": "", **row})
        return name

    def save(self) -> None:
        """Write ``metadata.csv`` and ``provenance.json`` (each replaced in one step)."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({h: row.get(h, row.get(h.strip().lower(), "")) for h in self.header})
        _write_atomically(self.folder / "metadata.csv", out.getvalue())
        about = (
            "Where each article's headline, date, outlet, byline and address were found in its source, "
            "what else the source stated, and where it contradicts itself. Written by python -m helpers import."
        )
        data = {"about": about, "articles": dict(sorted(self.records.items()))}
        _write_atomically(self.folder / PROVENANCE_FILE, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
