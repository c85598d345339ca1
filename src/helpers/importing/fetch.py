"""Lists of web addresses, and fetching them: the only part of the module that uses the network.

Nothing is fetched unless the person importing asks for it (``--fetch``).
Each request says who is asking (:data:`USER_AGENT`), waits at most
``timeout`` seconds, follows at most :data:`MAX_REDIRECTS` redirects, reads
at most :data:`~helpers.importing.pages.MAX_PAGE_BYTES`, and pauses between
requests. Only ``http`` and ``https`` addresses are fetched.
"""

from __future__ import annotations

import errno
import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from helpers.importing.pages import MAX_PAGE_BYTES, Page, PageError, page_from_bytes

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "NetworkDown", "fetch_page", "read_url_list"]

USER_AGENT = "news-reading-helpers/0.1 (classroom importer; fetches one page per address, slowly)"
MAX_REDIRECTS = 5
MAX_LIST_BYTES = 1_000_000


class NetworkDown(PageError):
    """The network cannot be reached at all (as opposed to one address failing)."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS


def read_url_list(path: str | Path) -> tuple[list[tuple[int, str]], list[str]]:
    """The web addresses of a text file, one per line (blank lines and ``#`` comments skipped).

    Returns
    -------
    urls : list of (line number, address)
    problems : list of str
        One message per line that is not an ``http(s)`` address.

    Raises
    ------
    PageError
        When the file cannot be read or holds no address.
    """
    path = Path(path)
    if not path.is_file():
        raise PageError(f"{path}: no such file.")
    if path.stat().st_size > MAX_LIST_BYTES:
        raise PageError(f"{path} is over {MAX_LIST_BYTES / 1e6:g} MB: too big for a list of web addresses.")
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise PageError(f"{path} is not a text file of web addresses (it has NUL bytes).")
    urls, problems = [], []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = urlsplit(line)
        if parts.scheme in ("http", "https") and parts.netloc and " " not in line:
            urls.append((number, line))
        else:
            problems.append(f"{path}: line {number} is not a web address (http:// or https://); skipped")
    if not urls:
        raise PageError(f"{path} has no web addresses (one http:// or https:// address per line).")
    return urls, problems


def _offline(reason) -> bool:
    """Whether an error means no network at all: names cannot be looked up, or no route out."""
    if isinstance(reason, socket.gaierror):
        return reason.errno == socket.EAI_AGAIN  # "temporary failure"; an unknown host is EAI_NONAME
    return isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN)


def fetch_page(url: str, timeout: float = 20.0) -> Page:
    """Fetch one web page politely.

    Parameters
    ----------
    url : str
        An ``http`` or ``https`` address.
    timeout : float
        Seconds to wait for the server at each step.

    Returns
    -------
    Page

    Raises
    ------
    NetworkDown
        When no network can be reached (no name lookup, no route).
    PageError
        For any other failure, with a message naming the address.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise PageError(f"{url}: only http:// and https:// addresses are fetched.")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise PageError(f"{url}: not a web page (the server sent {kind}).")
            data = response.read(MAX_PAGE_BYTES + 1)
            charset = response.headers.get_content_charset()
            final = response.geturl()
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            raise PageError(f"{url}: redirects too many times (more than {MAX_REDIRECTS}); not fetched.") from None
        raise PageError(f"{url}: the server answered {error.code} {error.reason}; not imported.") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise PageError(f"{url}: no answer within {timeout:g} seconds; not imported.") from None
        if _offline(error.reason):
            raise NetworkDown(f"{url}: the network cannot be reached ({error.reason}).") from None
        raise PageError(f"{url}: cannot be fetched ({error.reason}).") from None
    except (TimeoutError, socket.timeout):
        raise PageError(f"{url}: no answer within {timeout:g} seconds; not imported.") from None
    except (OSError, ValueError) as error:
        raise PageError(f"{url}: cannot be fetched ({error}).") from None
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"{url}: the page is over {MAX_PAGE_BYTES / 1e6:g} MB; not imported.")
    return page_from_bytes(data, url, url=final, declared=charset)
