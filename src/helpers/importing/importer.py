"""Import a list of sources into a corpus folder.

:func:`import_sources` reads each source (a saved page or archive, a folder
of them, a text file of web addresses, a CSV or JSON Lines file of
articles), turns each article it finds into a file, a ``metadata.csv`` row
and a provenance record, and says what happened to every source in an
:class:`Outcome`. A source that cannot be used is reported and nothing is
written for it; the others go on.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.importing.evidence import Claim, find_claims, parse_page
from helpers.importing.extract import MIN_ARTICLE_WORDS, body_lines, extract_article, too_short
from helpers.importing.fetch import NetworkDown, fetch_page, read_url_list
from helpers.importing.folder import CorpusFolder, article_text
from helpers.importing.pages import ARCHIVE_SUFFIXES, PAGE_SUFFIXES, Page, PageError, read_saved_page
from helpers.importing.records import build_record, choose_headline, choose_outlet
from helpers.importing.tables import TABLE_SUFFIXES, read_table
from helpers.layout import find_date

__all__ = ["Candidate", "ImportReport", "Outcome", "URL_LIST_SUFFIXES", "candidate_from_page", "import_sources"]

URL_LIST_SUFFIXES = (".txt", ".urls", ".list")
_NOT_ARTICLE_TYPES = {"website", "profile", "product", "video.other", "music.song", "book"}


@dataclass
class Outcome:
    """What happened to one source (or one row or address of it)."""

    source: str
    status: str  # "imported", "skipped" (a duplicate, or not fetched) or "failed"
    message: str = ""
    file: str | None = None


@dataclass
class ImportReport:
    """Everything an import did, source by source."""

    folder: Path
    outcomes: list[Outcome] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


@dataclass
class Candidate:
    """An article ready to be written: its headline, body lines, metadata row and record."""

    source: str
    headline: str | None
    lines: list[str]
    row: dict
    record: dict
    warnings: list[str] = field(default_factory=list)


def _row(chosen: dict, source: str, record: dict) -> dict:
    row = {key: (chosen.get(key) or "not stated") for key in ("headline", "date", "outlet", "byline", "url")}
    notes = [f"imported from {source}"]
    if record["conflicts"]:
        notes.append(f"{len(record['conflicts'])} disagreement(s) in the source, see provenance.json")
    row["notes"] = "; ".join(notes)
    return row


def _declares_not_article(tree) -> str | None:
    kinds = {(m.get("content") or "").strip().lower() for m in tree.xpath('//meta[@property="og:type"]')}
    if kinds & _NOT_ARTICLE_TYPES:
        return f"og:type {sorted(kinds & _NOT_ARTICLE_TYPES)[0]!r}"
    return None


def candidate_from_page(page: Page) -> Candidate:
    """Extract the article of one page, with its metadata and provenance.

    Raises
    ------
    PageError
        When the page holds no article (a home page, a login wall, an error page).
    """
    tree = parse_page(page.html)
    if tree is None:
        raise PageError(f"{page.name}: no markup in this file; it is not a web page.")
    claims = find_claims(tree, page.url, page.url_where)
    extraction = extract_article(page.html, page.url)
    lines = body_lines(extraction.text, extraction.headline) if extraction else []
    short = too_short(lines)
    declared = _declares_not_article(tree)
    if declared and any(c.where.startswith("JSON-LD") for c in claims):
        declared = None  # its structured data describes an article
    if extraction is None or short is not None or declared:
        why = f"it calls itself a site page ({declared}), not an article" if declared else f"{short or 0} words of text found, fewer than {MIN_ARTICLE_WORDS}"
        raise PageError(
            f"{page.name}: no article found ({why}). Is it a home page, a login or subscription wall, "
            "or an error page? Save the article's own page once it has fully loaded."
        )
    headline = choose_headline(claims, extraction.headline)
    lines = body_lines("\n".join(lines), headline)
    chosen = {
        "headline": headline,
        "date": extraction.date,
        "outlet": choose_outlet(claims) or _outlet_from_extraction(extraction, claims),
        "byline": "; ".join(extraction.authors) or None,
        "url": extraction.url or page.url,
    }
    record = build_record(chosen, claims, source=page.name)
    if extraction.description:
        record["description"] = extraction.description
    return Candidate(page.name, headline, lines, _row(chosen, page.name, record), record, list(page.warnings))


def _outlet_from_extraction(extraction, claims: list[Claim]) -> str | None:
    """trafilatura's site name, only if the page states it somewhere (never a guess)."""
    name = extraction.sitename
    if name and any(c.field in ("outlet", "url") for c in claims):
        return name
    return None


def _candidates_from_table(path: Path, report: ImportReport) -> list[Candidate]:
    mapping, rows, problems = read_table(path)
    kind = "JSON Lines key" if path.suffix.lower() in (".jsonl", ".ndjson") else "CSV column"
    report.mappings.append(f"{path}: " + ", ".join(f"{f} ← {column!r}" for f, column in mapping.items()))
    report.outcomes += [Outcome(str(path), "failed", message) for message in problems]
    found = []
    for row in rows:
        source = f"{path} ({'line' if kind.startswith('JSON') else 'row ending on line'} {row.number})"
        values = dict(row.values)
        stated_date = values.get("date")
        values["date"] = _iso_date(stated_date)
        if stated_date and not values["date"]:
            report.outcomes.append(Outcome(source, "imported", f"date {stated_date!r} not understood; left as not stated"))
        claims = [Claim(f, values[f] or v, f"{kind} {row.columns[f]!r}") for f, v in row.values.items() if f != "text" and v]
        body = [line for line in values["text"].splitlines() if line.strip()]
        headline = values.get("headline") or None
        if headline and body and body[0].casefold() == headline.casefold():
            body = body[1:]
        chosen = {k: values.get(k) or None for k in ("headline", "date", "outlet", "byline", "url")}
        record = build_record(chosen, claims, source=source, fallback=f"the {kind}")
        found.append(Candidate(source, headline, body, _row(chosen, source, record), record))
    return found


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, or a written date; None if not understood.

    Examples
    --------
    >>> _iso_date("2025-03-02T10:00:00Z"), _iso_date("March 2, 2025"), _iso_date("last week")
    ('2025-03-02', '2025-03-02', None)
    """
    if not value:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return find_date(value)


def _expand(sources) -> list[Path | str]:
    expanded = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in PAGE_SUFFIXES + ARCHIVE_SUFFIXES + TABLE_SUFFIXES:
                    expanded.append(child)
        else:
            expanded.append(source if str(source).startswith(("http://", "https://")) else path)
    return expanded


def import_sources(
    sources,
    folder: str | Path,
    *,
    fetch: bool = False,
    force: bool = False,
    timeout: float = 20.0,
    delay: float = 1.0,
    on_outcome=None,
) -> ImportReport:
    """Import saved pages, archives, address lists and tables of articles into a corpus folder.

    Parameters
    ----------
    sources : list of str or Path
        Files, folders of saved pages, or web addresses.
    folder : str or Path
        The corpus folder (made if missing). Existing files are kept.
    fetch : bool
        Fetch the addresses of URL lists (otherwise they are listed, not fetched).
    force : bool
        Replace a file already imported from the same article.
    timeout, delay : float
        Seconds to wait for a server, and between two requests.
    on_outcome : callable, optional
        Called with each :class:`Outcome` as it happens (to show progress).

    Returns
    -------
    ImportReport
    """
    target = CorpusFolder(folder)
    report = ImportReport(target.folder)

    def tell(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    def keep(candidate: Candidate) -> None:
        text = article_text(candidate.headline, candidate.lines)
        same = target.duplicate_of("\n".join(candidate.lines), text, candidate.row.get("url") if candidate.row.get("url") != "not stated" else None)
        if same and not force:
            tell(Outcome(candidate.source, "skipped", f"already in the corpus as {same} (same text or address); not written again (use --force to replace it)", same))
            return
        replace = same if same and (target.folder / same).is_file() and same in target.records else None
        if same and not replace:
            tell(Outcome(candidate.source, "skipped", f"the same text as {same}, which was not imported; left as it is", same))
            return
        name = target.add(candidate.headline, candidate.lines, candidate.row, candidate.record, replace=replace)
        extra = "; ".join(candidate.warnings)
        tell(Outcome(candidate.source, "imported", ("replaced; " if replace else "") + extra, name))

    for source in _expand(sources):
        try:
            if isinstance(source, str):
                _fetch_list([(0, source)], source, fetch, timeout, delay, keep, tell)
                continue
            suffix = source.suffix.lower()
            if suffix in PAGE_SUFFIXES + ARCHIVE_SUFFIXES:
                keep(candidate_from_page(read_saved_page(source)))
            elif suffix in TABLE_SUFFIXES:
                for candidate in _candidates_from_table(source, report):
                    keep(candidate)
            elif suffix in URL_LIST_SUFFIXES:
                urls, problems = read_url_list(source)
                for message in problems:
                    tell(Outcome(str(source), "failed", message))
                _fetch_list(urls, str(source), fetch, timeout, delay, keep, tell)
            elif not source.exists():
                raise PageError(f"{source}: no such file or folder.")
            else:
                raise PageError(
                    f"{source}: not a kind of file the importer reads. Give saved pages (.html, .htm, .mhtml, .mht), "
                    "a .txt list of web addresses, or a .csv / .jsonl file of articles."
                )
        except PageError as error:
            tell(Outcome(str(source), "failed", str(error)))
    target.save()
    return report


def _fetch_list(urls, name, fetch, timeout, delay, keep, tell) -> None:
    if not fetch:
        tell(Outcome(name, "skipped", f"{len(urls)} web address(es) not fetched: add --fetch to download them"))
        return
    for index, (number, url) in enumerate(urls):
        if index and delay:
            time.sleep(delay)
        try:
            keep(candidate_from_page(fetch_page(url, timeout)))
        except NetworkDown as error:
            tell(Outcome(name, "failed", f"no network: {error} None of the {len(urls) - index} remaining address(es) of {name} were fetched."))
            return
        except PageError as error:
            tell(Outcome(url, "failed", str(error)))
