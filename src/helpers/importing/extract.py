"""An article's body text and metadata, by trafilatura.

`trafilatura <https://trafilatura.readthedocs.io>`_ finds the main text of a
page and drops what surrounds it: navigation, comments, share buttons,
"related stories", cookie banners. It also reads the page's metadata
(headline, authors, date, site name, address, description). This module
only chooses its options:

- comments, pictures and their captions are left out;
- the date is the publication date, from the markup and the address only
  (its "extensive" search, which would take any date written in the text,
  is off, so no date is invented for a page that states none);
- a few kinds of page furniture that trafilatura tends to keep inside an
  article are pruned first (:data:`PRUNED_CLASSES`), but never a block with
  more than :data:`MAX_PRUNED_PARAGRAPHS` paragraphs, which may be the
  article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from helpers.text import number_of_words

__all__ = ["MIN_ARTICLE_WORDS", "PRUNED_CLASSES", "Extraction", "body_lines", "extract_article", "prune_xpath", "too_short"]

#: Class or id fragments of blocks removed before extraction: paywall and
#: subscription prompts, pull quotes (they repeat the text), author
#: biographies, "read more" lines, newsletter boxes, bylines, picture
#: captions, subtitles ("dek", "standfirst") and share buttons.
PRUNED_CLASSES = (
    "paywall", "pull-quote", "pullquote", "author-bio", "read-more", "newsletter",
    "byline", "caption", "cutline", "dek", "subtitle", "standfirst", "share",
)
#: A block with more paragraphs than this is never pruned, whatever its class.
MAX_PRUNED_PARAGRAPHS = 3
#: Fewer words than this is not an article (a home page, a login or error page).
MIN_ARTICLE_WORDS = 40


@dataclass
class Extraction:
    """What trafilatura found in a page.

    Attributes
    ----------
    text : str
        The body, one paragraph (or subheading) per line.
    headline, date, sitename, url, description : str or None
    authors : list of str
    """

    text: str
    headline: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)


def prune_xpath(classes=PRUNED_CLASSES, max_paragraphs: int = MAX_PRUNED_PARAGRAPHS) -> str:
    """The XPath expression of the blocks pruned before extraction.

    Examples
    --------
    >>> prune_xpath(("paywall",), 3)
    '//*[(contains(@class, "paywall") or contains(@id, "paywall")) and count(.//p) <= 3]'
    """
    tests = " or ".join(f'contains(@class, "{c}") or contains(@id, "{c}")' for c in classes)
    return f"//*[({tests}) and count(.//p) <= {max_paragraphs}]"


def body_lines(text: str, headline: str | None = None) -> list[str]:
    """The body as a list of non-empty lines, without a first line that repeats the headline.

    Examples
    --------
    >>> body_lines("Pier closes\\n\\n  The pier closed.  \\nIt may reopen.", "Pier closes")
    ['The pier closed.', 'It may reopen.']
    """
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and headline and lines[0].casefold() == headline.strip().casefold():
        lines = lines[1:]
    return lines


def extract_article(html_or_tree, url: str | None = None) -> Extraction | None:
    """Extract an article's body and metadata from a page with trafilatura.

    Parameters
    ----------
    html_or_tree : str or lxml element
    url : str, optional
        The page's address, if known (it helps find the date and site).

    Returns
    -------
    Extraction or None
        None when trafilatura finds no main text.

    Examples
    --------
    >>> page = ("<html><head><title>Pier closes</title></head><body><nav><a href='/'>Home</a></nav><article>"
    ...         "<h1>Pier closes</h1><p>" + "The old pier closed on Monday after storm damage. " * 4 + "</p>"
    ...         "</article><footer>Contact us</footer></body></html>")
    >>> found = extract_article(page)
    >>> found.headline, body_lines(found.text, found.headline)[0][:29]
    ('Pier closes', 'The old pier closed on Monday')
    """
    trafilatura = _trafilatura()
    document = trafilatura.bare_extraction(
        html_or_tree,
        url=url,
        include_comments=False,
        include_images=False,
        include_tables=False,
        with_metadata=True,
        prune_xpath=prune_xpath(),
        date_extraction_params={"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()},
    )
    if document is None or not (document.text or "").strip():
        return None
    authors = [a.strip() for a in re.split(r";", document.author or "") if a.strip()]
    return Extraction(
        text=document.text,
        headline=(document.title or "").strip() or None,
        date=document.date or None,
        sitename=(document.sitename or "").strip() or None,
        url=document.url or None,
        description=(document.description or "").strip() or None,
        authors=authors,
    )


def too_short(lines: list[str]) -> int | None:
    """The word count of a body too short to be an article, else None.

    Examples
    --------
    >>> too_short(["Page not found."]), too_short(["word " * 60])
    (3, None)
    """
    words = sum(number_of_words(line) for line in lines)
    return words if words < MIN_ARTICLE_WORDS else None


def _trafilatura():
    """The trafilatura module, or an ImportError that says how to install it."""
    try:
        import trafilatura
    except ImportError as error:
        raise ImportError(
            "Importing web pages needs the trafilatura package (it extracts the article from a page; "
            "nothing is downloaded when it runs). Install it with: pip install -r requirements.txt, "
            "or pip install trafilatura"
        ) from error
    return trafilatura
