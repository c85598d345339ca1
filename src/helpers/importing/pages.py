"""Read a saved web page (``.html``, ``.htm``) or web archive (``.mhtml``, ``.mht``) as text.

A page is read as hostile input: its size is checked before it is read,
empty and binary files are refused with the same checks the corpus loader
uses, and the bytes are decoded with the encoding the page declares (a
byte-order mark, a ``<meta charset>``, an XML declaration, or the archive's
or server's ``charset``), else UTF-8, else Windows-1252 with a warning.
Nothing in the page is run: it only becomes a string.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.corpus import ArticleError, decode_article

__all__ = ["MAX_PAGE_BYTES", "PAGE_SUFFIXES", "ARCHIVE_SUFFIXES", "Page", "PageError", "decode_page", "page_from_bytes", "read_mhtml", "read_saved_page"]

#: Largest page or archive read, in bytes. A saved news page is rarely over
#: 3 MB; an archive with its pictures inside can reach 10 MB or so.
MAX_PAGE_BYTES = 20_000_000
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = (".mhtml", ".mht")

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


class PageError(Exception):
    """A source cannot be imported; the message names it and says why."""


@dataclass
class Page:
    """A web page as text, with where it came from.

    Attributes
    ----------
    name : str
        The file or address, for messages.
    html : str
        The page's markup, decoded.
    url : str or None
        The page's address when the file says it (a browser's "saved from"
        comment, an archive's header) or when it was fetched.
    url_where : str or None
        Where that address was found.
    encoding : str
    warnings : list of str
    """

    name: str
    html: str
    url: str | None = None
    url_where: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


def _codec(label: str | bytes | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def decode_page(data: bytes, name: str = "page.html", declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode a page's bytes with the encoding it states.

    Parameters
    ----------
    data : bytes
    name : str
        For messages.
    declared : str, optional
        An encoding stated outside the page (an HTTP or archive header); it
        wins over the page's own ``<meta charset>``.

    Returns
    -------
    text : str
    encoding : str
        The codec used.
    warnings : list of str

    Raises
    ------
    PageError
        For empty and binary files.

    Examples
    --------
    >>> page = '<meta charset="iso-8859-7"><p>Αθήνα</p>'.encode("iso-8859-7")
    >>> decode_page(page)[:2]
    ('<meta charset="iso-8859-7"><p>Αθήνα</p>', 'iso8859-7')
    >>> decode_page("<p>Café</p>".encode("cp1252"))[1]
    'cp1252'
    """
    try:
        decode_article(data[:65536], name)  # the corpus loader's empty and binary checks
    except ArticleError as error:
        raise PageError(f"{name}: not a web page. {error}") from None
    warnings: list[str] = []
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace"), codecs.lookup(codec).name, warnings
    match = _DECLARED.search(data[:8192])
    stated = _codec(declared) or (_codec(match.group(1) or match.group(2)) if match else None)
    if match and not stated and not declared:
        warnings.append(f"declares an unknown encoding {match.group(1) or match.group(2)!r}; read as UTF-8 instead")
    for codec in [c for c in (stated, "utf-8") if c]:
        try:
            return data.decode(codec), codecs.lookup(codec).name, warnings
        except UnicodeDecodeError:
            if codec == stated:
                warnings.append(f"is not valid {codec} as it declares; decoded another way, check its accents")
    warnings.append("is not UTF-8 and states no encoding; decoded as Windows-1252, check its accents and quotes")
    return data.decode("cp1252", "replace"), "cp1252", warnings


def read_mhtml(data: bytes, name: str = "page.mhtml") -> Page:
    """Take the web page out of a single-file web archive (MHTML, as browsers save it).

    Parameters
    ----------
    data : bytes
        The archive's bytes.
    name : str
        For messages.

    Returns
    -------
    Page
        The first HTML part, decoded, with the address the archive states.

    Raises
    ------
    PageError
        When the archive holds no HTML page.

    Examples
    --------
    >>> archive = (b"Snapshot-Content-Location: https://news.example/a\\r\\nMIME-Version: 1.0\\r\\n"
    ...            b"Content-Type: text/html; charset=utf-8\\r\\n\\r\\n<p>Hello</p>")
    >>> page = read_mhtml(archive)
    >>> page.html, page.url
    ('<p>Hello</p>', 'https://news.example/a')
    """
    try:
        decode_article(data[:65536], name)
    except ArticleError as error:
        raise PageError(f"{name}: not a web archive. {error}") from None
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() in ("text/html", "application/xhtml+xml")), None)
    if part is None:
        raise PageError(
            f"{name}: no web page inside this archive (it should be saved by a browser as "
            "'Webpage, Single File'). Save the page again, or as 'Webpage, HTML only'."
        )
    payload = part.get_payload(decode=True) or b""
    html, encoding, warnings = decode_page(payload, name, part.get_content_charset())
    url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    return Page(name, html, str(url).strip() if url else None, "the archive's header" if url else None, encoding, warnings)


def page_from_bytes(data: bytes, name: str, *, url: str | None = None, declared: str | None = None, archive: bool = False) -> Page:
    """Make a :class:`Page` from bytes read from a file or fetched.

    Parameters
    ----------
    data : bytes
    name : str
        For messages.
    url : str, optional
        The address the page was fetched from.
    declared : str, optional
        An encoding from the server.
    archive : bool
        True for MHTML.

    Returns
    -------
    Page

    Examples
    --------
    >>> page = page_from_bytes(b"<!-- saved from url=(0022)https://news.example/ -->\\n<p>Hi</p>", "a.html")
    >>> page.url, page.url_where
    ('https://news.example/', "the browser's 'saved from' comment")
    """
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(_too_big(name, len(data)))
    if archive:
        return read_mhtml(data, name)
    html, encoding, warnings = decode_page(data, name, declared)
    if url:
        return Page(name, html, url, "the address it was fetched from", encoding, warnings)
    saved = _SAVED_FROM.search(html[:4096])
    if saved:
        return Page(name, html, saved.group(1), "the browser's 'saved from' comment", encoding, warnings)
    return Page(name, html, None, None, encoding, warnings)


def _too_big(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1e6:.1f} MB, above the {MAX_PAGE_BYTES / 1e6:g} MB limit for one page; "
        "it was not read. Is it really one article? Save the article page alone ('HTML only')."
    )


def read_saved_page(path: str | Path) -> Page:
    """Read a page or archive saved by a browser; its companion ``_files`` folder is not needed.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Page

    Raises
    ------
    PageError
        For a missing, unreadable, oversized, empty or binary file.
    """
    path = Path(path)
    if not path.is_file():
        raise PageError(f"{path}: no such file.")
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise PageError(_too_big(str(path), size))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PageError(f"{path}: cannot be read ({error.strerror}).") from None
    return page_from_bytes(data, str(path), archive=path.suffix.lower() in ARCHIVE_SUFFIXES)
