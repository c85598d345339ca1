"""What a web page states about its own article, and where in the markup it says it.

A news page usually states its headline, date, publisher, author and address
several times over: in JSON-LD (``<script type="application/ld+json">``,
the structured data search engines read), in OpenGraph and other ``<meta>``
tags (what social networks show), in ``<time>`` elements and a byline on the
page, and in its address. These statements do not always agree, and the
disagreements are part of what students learn to notice. This module only
collects them; :mod:`helpers.importing.records` compares them.

Every value is plain text. Nothing in the page is run, and the markup is
parsed without loading anything it refers to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from helpers.layout import find_date

__all__ = ["Claim", "find_claims", "names_in_byline", "parse_page", "same_value"]

#: ``<meta>`` name or property (lower case) → (field, how to say where it was found).
META_FIELDS = {
    "og:title": ("headline", "OpenGraph og:title"),
    "twitter:title": ("headline", "meta twitter:title"),
    "og:site_name": ("outlet", "OpenGraph og:site_name"),
    "application-name": ("outlet", "meta application-name"),
    "twitter:site": ("outlet", "meta twitter:site (a social media handle)"),
    "og:url": ("url", "OpenGraph og:url"),
    "article:published_time": ("date", "meta article:published_time"),
    "datepublished": ("date", "meta datePublished"),
    "pubdate": ("date", "meta pubdate"),
    "publishdate": ("date", "meta publishdate"),
    "date": ("date", "meta date"),
    "dc.date": ("date", "meta dc.date"),
    "dcterms.date": ("date", "meta dcterms.date"),
    "article:modified_time": ("modified", "meta article:modified_time"),
    "og:updated_time": ("modified", "OpenGraph og:updated_time"),
    "datemodified": ("modified", "meta dateModified"),
    "author": ("byline", "meta author"),
    "article:author": ("byline", "meta article:author"),
    "dc.creator": ("byline", "meta dc.creator"),
    "description": ("description", "meta description"),
    "og:description": ("description", "OpenGraph og:description"),
}
_TITLE_SEPARATORS = " |-–—:·•»/"
_ROLE_WORDS = {
    "staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "press",
    "associated", "wire", "services", "service", "photographer", "updated", "published", "posted",
}
_MONTH_WORDS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_ISO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author"'
    ' or contains(concat(" ", normalize-space(translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")), " "), "byline")'
    ' or contains(translate(@class, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"), "author")]'
)


@dataclass(frozen=True)
class Claim:
    """One statement a page makes about its article.

    Attributes
    ----------
    field : str
        ``headline``, ``date``, ``modified``, ``outlet``, ``byline``, ``url`` or ``description``.
    value : str
        As stated (dates as ``YYYY-MM-DD``; one claim per author).
    where : str
        Where in the page it was found, in words ("JSON-LD datePublished").
    """

    field: str
    value: str
    where: str


def parse_page(html: str):
    """Parse markup into a tree without running or fetching anything; None if there is none.

    Examples
    --------
    >>> parse_page("<p>Hello</p>").findtext(".//p")
    'Hello'
    >>> parse_page("   ") is None
    True
    """
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _text(element) -> str:
    return re.sub(r"\s+", " ", " ".join(element.itertext())).strip()


def _date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp or a written date."""
    match = _ISO.match(value or "")
    return match.group(1) if match else find_date(value or "")


def _names(value) -> list[str]:
    """Author names from a JSON-LD ``author``: a string, an object or a list of them."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict):
        value = value.get("name") or ""
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _json_ld_objects(tree) -> list[dict]:
    found = []
    for script in tree.xpath('//script[translate(@type, "LDJSON", "ldjson")="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def _is_article(item: dict) -> bool:
    kinds = item.get("@type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and re.search(r"Article|BlogPosting|Report", k) for k in kinds)


def _from_json_ld(tree) -> list[Claim]:
    claims = []
    for item in filter(_is_article, _json_ld_objects(tree)):
        def add(field, value, where):
            if isinstance(value, str) and value.strip():
                claims.append(Claim(field, value.strip(), f"JSON-LD {where}"))

        add("headline", item.get("headline"), "headline")
        add("date", _date(item.get("datePublished") or ""), "datePublished")
        add("modified", _date(item.get("dateModified") or ""), "dateModified")
        add("description", item.get("description"), "description")
        for name in _names(item.get("author")):
            add("byline", name, "author")
        publisher = item.get("publisher") or {}
        publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
        add("outlet", publisher.get("name") if isinstance(publisher, dict) else publisher, "publisher")
        page = item.get("mainEntityOfPage")
        add("url", item.get("url") or (page.get("@id") if isinstance(page, dict) else page), "url")
    return claims


def _from_meta(tree) -> list[Claim]:
    claims = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key not in META_FIELDS:
            continue
        field, where = META_FIELDS[key]
        value = meta.get("content", "").strip()
        if field in ("date", "modified"):
            value = _date(value) or ""
        if field == "byline" and value.startswith("http"):
            continue  # article:author is often a profile address, not a name
        if field == "byline":
            claims.extend(Claim(field, name, where) for name in names_in_byline(value))
        elif value:
            claims.append(Claim(field, value, where))
    for link in tree.xpath('//link[@href][translate(@rel, "CANONIL", "canonil")="canonical"]'):
        claims.append(Claim("url", link.get("href").strip(), "link rel=canonical"))
    return claims


def _in_comments(element) -> bool:
    return any(re.search(r"comment", (a.get("class") or "") + " " + (a.get("id") or ""), re.I) for a in element.iterancestors())


def _from_elements(tree) -> list[Claim]:
    claims = []
    for h1 in tree.xpath("//h1")[:1]:
        if _text(h1):
            claims.append(Claim("headline", _text(h1), "the page's <h1> heading"))
    for time in tree.xpath("//time")[:4]:
        if _in_comments(time):
            continue
        value = _date(time.get("datetime") or "") or _date(_text(time))
        parent = time.getparent()
        marks = " ".join((a.get("class") or "") + " " + (a.get("itemprop") or "") for a in [time, parent] if a is not None)
        if parent is not None and len(parent.xpath(".//time")) == 1:
            marks += " " + _text(parent)  # "Updated <time>...</time>"
        if value:
            modified = re.search(r"modif|updat", marks, re.I)
            claims.append(Claim("modified" if modified else "date", value, "a <time> element"))
    seen = set()
    for element in tree.xpath(_BYLINE_XPATH):
        marks = (element.get("class") or "").lower()
        if "bio" in marks or "comment" in marks or _in_comments(element) or element.tag in ("meta", "link", "a") and not _text(element):
            continue
        for br in element.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for name in names_in_byline("\n".join(element.itertext()).strip()):
            if name.lower() not in seen:
                seen.add(name.lower())
                claims.append(Claim("byline", name, "a byline on the page"))
    return claims


def names_in_byline(text: str) -> list[str]:
    """The people a byline names, without "By", roles, dates and outlets.

    Parameters
    ----------
    text : str
        A byline as printed, e.g. "By Ana Ruiz and Li Wei, Staff Writers | May 2".

    Returns
    -------
    list of str

    Examples
    --------
    >>> names_in_byline("By Ana Ruiz and Li Wei, Staff Writers | May 2, 2025")
    ['Ana Ruiz', 'Li Wei']
    >>> names_in_byline("Marguerite O'Neil\\nGazette Staff Writer")
    ["Marguerite O'Neil"]
    >>> names_in_byline("By Priscilla Hwang Sept. 13, 2025")
    ['Priscilla Hwang']
    """
    text = re.split(r"[|\n•·]", text.strip())[0] if text.strip() else ""
    text = re.sub(r"^\s*(written\s+)?by[:\s]+", "", text, flags=re.I)
    names = []
    for part in re.split(r",|;|&|\band\b|\bwith\b", text):
        words = []
        for word in part.split():
            bare = word.strip(".,:()")
            if not bare or bare.lower() in _ROLE_WORDS or bare.lower() in _MONTH_WORDS or re.search(r"\d", bare):
                break
            if not (bare[0].isupper() or bare.lower() in ("de", "da", "van", "von", "der", "del", "la", "le", "bin", "al")):
                break
            words.append(bare)
        if 2 <= len(words) <= 4:
            names.append(" ".join(words))
    return names


def _from_title(tree, headlines: list[str]) -> list[Claim]:
    title = _text(tree.find(".//title")) if tree.find(".//title") is not None else ""
    claims = [Claim("headline", title, "the page's <title>")] if title else []
    for headline in headlines:
        if headline and headline in title and headline != title:
            rest = title.replace(headline, "", 1).strip(_TITLE_SEPARATORS + ":")
            if rest and len(rest.split()) <= 6:
                claims.append(Claim("outlet", rest, "the page's <title>, beside the headline"))
            break
    return claims


def _from_url(url: str | None, where: str | None) -> list[Claim]:
    if not url or not urlsplit(url).netloc:
        return []
    claims = [Claim("url", url, where or "the page's address")]
    match = _URL_DATE.search(urlsplit(url).path)
    if match:
        year, month, day = (int(x) for x in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            claims.append(Claim("date", f"{year:04d}-{month:02d}-{day:02d}", "the page's address (URL)"))
    return claims


def find_claims(html_or_tree, url: str | None = None, url_where: str | None = None) -> list[Claim]:
    """Every statement a page makes about its headline, date, outlet, authors and address.

    Parameters
    ----------
    html_or_tree : str or lxml element
        The page.
    url : str, optional
        The page's address, when known from outside the markup.
    url_where : str, optional
        Where that address came from.

    Returns
    -------
    list of Claim
        In order: JSON-LD, meta tags, page elements, the ``<title>``, the address.

    Examples
    --------
    >>> page = ('<head><meta property="og:site_name" content="Ledger"><title>Pier closes | Ledger</title></head>'
    ...         '<body><h1>Pier closes</h1><p class="byline">By Ana Ruiz</p><time datetime="2025-03-02">Sunday</time></body>')
    >>> [(c.field, c.value) for c in find_claims(page)]
    [('outlet', 'Ledger'), ('headline', 'Pier closes'), ('date', '2025-03-02'), ('byline', 'Ana Ruiz'), ('headline', 'Pier closes | Ledger'), ('outlet', 'Ledger')]
    """
    tree = parse_page(html_or_tree) if isinstance(html_or_tree, str) else html_or_tree
    if tree is None:
        return _from_url(url, url_where)
    claims = _from_json_ld(tree) + _from_meta(tree) + _from_elements(tree)
    claims += _from_title(tree, [c.value for c in claims if c.field == "headline"])
    return claims + _from_url(url, url_where)


def same_value(field: str, a: str, b: str) -> bool:
    """Whether two statements of a field say the same thing (case, spacing, punctuation aside).

    Examples
    --------
    >>> same_value("url", "https://www.news.example/a/", "http://news.example/a")
    True
    >>> same_value("byline", "Ana Ruiz", "ana  ruiz"), same_value("headline", "Pier closes", "Pier to close")
    (True, False)
    """
    if field == "url":
        def key(u):
            parts = urlsplit(u.strip())
            return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")
        return key(a) == key(b)
    def norm(s):
        return re.sub(r"[\W_]+", "", s.casefold())
    return norm(a) == norm(b)
