"""Provenance records: each field's value, where the page states it, and where it contradicts itself.

One record per imported article is kept in the corpus folder's
``provenance.json``::

    {"articles": {"harbor-commission-votes.txt": {
        "source": "saved/harbor.html",
        "fields": {"date": {"value": "2025-05-21",
                            "found_in": ["JSON-LD datePublished", "meta article:published_time"],
                            "other_values": [{"value": "2025-05-22", "where": "JSON-LD dateModified"}]},
                   ...},
        "conflicts": ["modified after publication: published 2025-05-21, modified 2025-05-22 (...)"]}}}

Notebook 01 reads it back with :func:`read_provenance` and shows it with
:func:`provenance_rows`; every value is data, escaped wherever it is shown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from helpers.importing.evidence import Claim, same_value

__all__ = [
    "FIELDS",
    "PROVENANCE_FILE",
    "address_matches_outlet",
    "build_record",
    "choose_headline",
    "choose_outlet",
    "find_conflicts",
    "provenance_rows",
    "read_provenance",
]

#: The fields of ``metadata.csv`` a record accounts for.
FIELDS = ("headline", "date", "outlet", "byline", "url")
PROVENANCE_FILE = "provenance.json"
MAX_PROVENANCE_BYTES = 20_000_000
#: Where an outlet's name is most trustworthy, best first (an address's site name last).
_OUTLET_ORDER = ("JSON-LD", "OpenGraph", "meta application-name", "the page's <title>", "CSV", "JSON Lines")
_NOT_COMPARED = ("the page's <title>", "meta twitter:site")


def _where(claims: list[Claim], field: str, value: str) -> list[str]:
    wanted = [v.strip() for v in value.split(";")] if field == "byline" else [value]
    return list(dict.fromkeys(c.where for c in claims if c.field == field and any(same_value(field, c.value, w) for w in wanted)))


def _field_record(claims: list[Claim], field: str, value: str | None, fallback: str) -> dict:
    found_in = _where(claims, field, value) if value else []
    if value and not found_in:
        found_in = [fallback]
    wanted = [v.strip() for v in (value or "").split(";")] if field == "byline" else [value or ""]
    others = [
        {"value": c.value, "where": c.where}
        for c in claims
        if c.field == field and not any(same_value(field, c.value, w) for w in wanted) and not c.where.startswith("the page's <title>")
    ]
    return {"value": value or None, "found_in": found_in, "other_values": others}


def choose_outlet(claims: list[Claim]) -> str | None:
    """The outlet's name from the most trustworthy place that states it.

    Examples
    --------
    >>> choose_outlet([Claim("outlet", "@ledger", "meta twitter:site (a social media handle)"),
    ...                Claim("outlet", "The Ledger", "the page's <title>, beside the headline")])
    'The Ledger'
    """
    outlets = [c for c in claims if c.field == "outlet" and not c.where.startswith("meta twitter:site")]
    for place in _OUTLET_ORDER:
        for claim in outlets:
            if claim.where.startswith(place):
                return claim.value
    return outlets[0].value if outlets else None


def choose_headline(claims: list[Claim], fallback: str | None = None) -> str | None:
    """The headline most places in the page state (the visible ``<h1>`` breaks ties), else ``fallback``.

    Examples
    --------
    >>> choose_headline([Claim("headline", "Pier to close", "OpenGraph og:title"),
    ...                  Claim("headline", "Pier closes", "JSON-LD headline"),
    ...                  Claim("headline", "Pier closes", "the page's <h1> heading")], "Pier to close")
    'Pier closes'
    """
    groups = _grouped(claims, "headline")
    if not groups:
        return fallback
    best = max(groups.values(), key=lambda group: (len(group[1]), any("<h1>" in w for w in group[1])))
    tied = [g for g in groups.values() if len(g[1]) == len(best[1])]
    if len(tied) > 1 and not any("<h1>" in w for w in best[1]) and fallback:
        return fallback
    return best[0]


def address_matches_outlet(url: str, outlet: str) -> bool:
    """Whether a web address could belong to the outlet that is named.

    The outlet's letters (without "The") must appear in the site's name, or
    the site's name in the outlet's, or its initials in the site's name.

    Examples
    --------
    >>> address_matches_outlet("https://www.harborledger.example/news/1", "The Harbor Ledger")
    True
    >>> address_matches_outlet("https://newsroundup-hub.example/story/1", "Northfield Daily Record")
    False
    >>> address_matches_outlet("https://www.bbc.co.uk/news/1", "British Broadcasting Corporation")
    True
    """
    host = urlsplit(url).netloc.lower().split(":")[0].removeprefix("www.")
    labels = [label for label in host.split(".") if label not in ("com", "org", "net", "co", "uk", "news", "example", "www")] or [host]
    site = re.sub(r"[\W_]+", "", "".join(labels))
    words = re.findall(r"\w+", outlet.lower())
    if words and words[0] == "the":
        words = words[1:]
    name = "".join(words)
    initials = "".join(w[0] for w in words)
    if not site or not name:
        return True
    return name in site or site in name or (len(initials) >= 2 and initials in site)


def _listing(groups: dict) -> str:
    return "; ".join(f"{value!r} ({', '.join(wheres)})" for value, wheres in groups.values())


def _grouped(claims: list[Claim], field: str) -> dict:
    groups: dict = {}
    for claim in claims:
        if claim.field != field or claim.where.startswith(_NOT_COMPARED):
            continue
        key = next((k for k in groups if same_value(field, groups[k][0], claim.value)), claim.value)
        groups.setdefault(key, (claim.value, []))[1].append(claim.where)
    return groups


def find_conflicts(claims: list[Claim], chosen: dict) -> list[str]:
    """Where a page's statements about itself disagree, in words.

    Parameters
    ----------
    claims : list of Claim
    chosen : dict
        The values kept for ``date``, ``outlet`` and ``url``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> claims = [Claim("date", "2025-05-21", "JSON-LD datePublished"), Claim("modified", "2025-05-22", "JSON-LD dateModified"),
    ...           Claim("byline", "Ana Ruiz", "JSON-LD author"), Claim("byline", "Li Wei", "a byline on the page")]
    >>> for line in find_conflicts(claims, {"date": "2025-05-21"}): print(line)
    modified after publication: published 2025-05-21, modified 2025-05-22 (JSON-LD dateModified)
    the authors differ: JSON-LD author names Ana Ruiz; a byline on the page names Li Wei
    """
    conflicts = []
    for field, what in (("headline", "the headline"), ("date", "the publication date"), ("outlet", "the publisher"), ("url", "the address")):
        groups = _grouped(claims, field)
        if len(groups) > 1:
            conflicts.append(f"{what} differs: {_listing(groups)}")
    published = chosen.get("date")
    for value, wheres in _grouped(claims, "modified").values():
        if published and value > published:
            conflicts.append(f"modified after publication: published {published}, modified {value} ({', '.join(wheres)})")
    authors: dict[str, list[str]] = {}
    for claim in claims:
        if claim.field == "byline":
            authors.setdefault(claim.where, []).append(claim.value)
    sets = {where: {re.sub(r"\W+", "", n.casefold()) for n in names} for where, names in authors.items()}
    if len({frozenset(s) for s in sets.values()}) > 1:
        conflicts.append("the authors differ: " + "; ".join(f"{where} names {', '.join(names)}" for where, names in authors.items()))
    url, outlet = chosen.get("url"), chosen.get("outlet")
    if url and outlet and urlsplit(url).netloc and not address_matches_outlet(url, outlet):
        conflicts.append(f"the address is on {urlsplit(url).netloc}, but the stated publisher is {outlet!r}")
    return conflicts


def build_record(chosen: dict, claims: list[Claim], *, source: str, fallback: str = "the page's text, read by trafilatura") -> dict:
    """One article's provenance record.

    Parameters
    ----------
    chosen : dict
        The value kept for each of :data:`FIELDS` (None if not stated).
    claims : list of Claim
        Everything the source states.
    source : str
        The file, address or row it came from.
    fallback : str
        Where a kept value came from when no claim states it.

    Returns
    -------
    dict
        ``{"source", "fields": {field: {"value", "found_in", "other_values"}}, "conflicts"}``.

    Examples
    --------
    >>> record = build_record({"headline": "Pier closes"}, [Claim("headline", "Pier closes", "OpenGraph og:title")], source="a.html")
    >>> record["fields"]["headline"]["found_in"], record["fields"]["date"]["value"]
    (['OpenGraph og:title'], None)
    """
    fields = {field: _field_record(claims, field, chosen.get(field), fallback) for field in FIELDS}
    return {"source": source, "fields": fields, "conflicts": find_conflicts(claims, chosen)}


def read_provenance(folder) -> dict:
    """Read a corpus folder's ``provenance.json``: file name → record ({} if there is none).

    The file is read as untrusted data: only a regular file under 20 MB,
    in UTF-8 JSON, with records that are objects, is used.

    Examples
    --------
    >>> read_provenance("no/such/folder")
    {}
    """
    if folder is None:
        return {}
    path = Path(folder) / PROVENANCE_FILE
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_PROVENANCE_BYTES:
            return {}
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, dict):
        return {}
    return {str(name): record for name, record in articles.items() if isinstance(record, dict)}


def _text(value) -> str:
    return "" if value is None else str(value)


def provenance_rows(corpus, records: dict | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """Rows for two tables: each stated field with where it was found, and each conflict.

    Parameters
    ----------
    corpus : Corpus
    records : dict, optional
        From :func:`read_provenance`; read from ``corpus.folder`` if not given.

    Returns
    -------
    fields : list of list of str
        ``[label, field, value, where the source states it, what else it states]``.
    conflicts : list of list of str
        ``[label, conflict]``.

    Examples
    --------
    >>> from helpers.corpus import Corpus, article_from_text
    >>> corpus = Corpus(None, [article_from_text("Pier closes\\nThe pier closed.", "pier.txt", "A")])
    >>> record = build_record({"headline": "Pier closes"}, [Claim("headline", "Pier closes", "JSON-LD headline")], source="p.html")
    >>> fields, conflicts = provenance_rows(corpus, {"pier.txt": record})
    >>> fields[0], conflicts
    (['A', 'headline', 'Pier closes', 'JSON-LD headline', 'nothing else'], [])
    """
    records = read_provenance(corpus.folder) if records is None else records
    field_rows, conflict_rows = [], []
    for article in corpus:
        record = records.get(article.file)
        if not isinstance(record, dict):
            continue
        fields = record.get("fields") if isinstance(record.get("fields"), dict) else {}
        for field in FIELDS:
            entry = fields.get(field) if isinstance(fields.get(field), dict) else {}
            found = entry.get("found_in") if isinstance(entry.get("found_in"), list) else []
            others = entry.get("other_values") if isinstance(entry.get("other_values"), list) else []
            field_rows.append([
                article.label,
                field,
                _text(entry.get("value")) or "not stated",
                "; ".join(map(_text, found)) or "nowhere",
                "; ".join(f"{_text(o.get('value'))} ({_text(o.get('where'))})" for o in others if isinstance(o, dict))
                or "nothing else",
            ])
        for conflict in record.get("conflicts") if isinstance(record.get("conflicts"), list) else []:
            conflict_rows.append([article.label, _text(conflict)])
    return field_rows, conflict_rows
