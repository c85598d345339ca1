"""Safe HTML for showing article text: everything from an article is escaped.

Views in this project (highlighted articles, side-by-side passages, the
report) build HTML from article text. Articles can contain markup (an HTML
page saved as .txt, a ``<script>`` tag in a quotation); it must show as text
and never run. Every function here escapes its text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Mark", "escape", "highlight", "html_table", "legend", "screen_reader_only"]


#: Characters shown as a visible code instead of acting on the page: bidirectional
#: embeddings, overrides and isolates (which can make "txt.exe" read as "exe.txt")
#: and control characters other than tab and line breaks.
_SHOWN_AS_CODES = {
    code: f"\\u{code:04x}"
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]
}


def escape(text) -> str:
    """Escape text for HTML (quotes too); bidirectional overrides and control characters become visible codes.

    Examples
    --------
    >>> escape('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> escape("report\u202etxt.exe")
    'report\\\\u202etxt.exe'
    """
    return html.escape(str(text).translate(_SHOWN_AS_CODES), quote=True)


@dataclass(frozen=True)
class Mark:
    """A span of text to highlight: ``text[start:end]`` gets ``css_class``.

    ``title`` is shown on hover (for example the rule that found it);
    ``style`` is inline CSS such as ``"background:#E69F00"``.
    """

    start: int
    end: int
    css_class: str = "mark"
    title: str = ""
    style: str = ""


def highlight(text: str, marks: list[Mark], *, start: int = 0, end: int | None = None) -> str:
    """Return ``text[start:end]`` as escaped HTML with marks as ``<mark>`` elements.

    Marks may overlap or nest: the text is cut at every mark boundary and each
    piece is wrapped in the marks that cover it (outer marks first), so the
    result is always well-formed. Line breaks become ``<br>``.

    Parameters
    ----------
    text : str
    marks : list of Mark
        Offsets index ``text``; marks outside ``[start, end)`` are clipped.
    start, end : int
        The part of the text to show.

    Returns
    -------
    str

    Examples
    --------
    >>> highlight("a <b> c", [Mark(2, 5, "tag", "markup")])
    'a <mark class="tag" title="markup">&lt;b&gt;</mark> c'
    >>> highlight("abcd", [Mark(0, 3, "x"), Mark(1, 2, "y")])
    '<mark class="x">a</mark><mark class="x"><mark class="y">b</mark></mark><mark class="x">c</mark>d'
    """
    stop = len(text) if end is None else end
    clipped = [m for m in marks if m.end > start and m.start < stop and m.end > m.start]
    cuts = sorted({start, stop} | {max(start, m.start) for m in clipped} | {min(stop, m.end) for m in clipped})
    order = sorted(clipped, key=lambda m: (m.start, -m.end))
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        piece = escape(text[a:b]).replace("\r\n", "<br>").replace("\n", "<br>")
        for mark in reversed([m for m in order if m.start <= a and m.end >= b]):
            attributes = f' class="{escape(mark.css_class)}"'
            if mark.title:
                attributes += f' title="{escape(mark.title)}"'
            if mark.style:
                attributes += f' style="{escape(mark.style)}"'
            piece = f"<mark{attributes}>{piece}</mark>"
        pieces.append(piece)
    return "".join(pieces)


def screen_reader_only(text) -> str:
    """Escaped text that screen readers announce but the page does not show.

    For a label whose meaning a sighted reader takes from the layout, such
    as the header of a column of bars.

    Examples
    --------
    >>> screen_reader_only("bar <1>").endswith('>bar &lt;1&gt;</span>')
    True
    """
    return f'<span style="{_SCREEN_READER_ONLY}">{escape(text)}</span>'


#: The usual "visually hidden" rules, inline so a widget's HTML needs no style sheet.
_SCREEN_READER_ONLY = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
)


def html_table(rows: list[list], header: list[str], *, caption: str = "") -> str:
    """An escaped HTML table.

    Every column needs a header: a screen reader announces it with each
    cell. An empty one becomes "column N", heard but not shown; a name that
    says what the column holds is better.

    Examples
    --------
    >>> html_table([["<A>", 1]], ["label", "n"])
    '<table><thead><tr><th>label</th><th>n</th></tr></thead><tbody><tr><td>&lt;A&gt;</td><td>1</td></tr></tbody></table>'
    >>> "column 2</span></th>" in html_table([["a", 1]], ["label", ""])
    True
    """
    head = "".join(
        f"<th>{escape(h)}</th>" if str(h).strip() else f"<th>{screen_reader_only(f'column {number}')}</th>"
        for number, h in enumerate(header, 1)
    )
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def legend(items: list[tuple[str, str]]) -> str:
    """A row of coloured keys: ``[(label, css style), ...]``.

    Examples
    --------
    >>> legend([("quote", "background:#E69F00")])
    '<div class="legend"><mark style="background:#E69F00">quote</mark></div>'
    """
    keys = " ".join(f'<mark style="{escape(style)}">{escape(label)}</mark>' for label, style in items)
    return f'<div class="legend">{keys}</div>'
