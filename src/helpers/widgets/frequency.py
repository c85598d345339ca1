"""Widgets for exploring word counts: a word explorer and a concordance search box.

Both are small classes around ipywidgets controls. Their callbacks
(:meth:`WordExplorer.update`, :meth:`ConcordanceBox.search`) are ordinary
methods that return the HTML they show, so they can be called and checked
without a browser. Article text is escaped by :mod:`helpers.html`.

The word explorer draws its bars in HTML by default: that redraws in a few
milliseconds, while a matplotlib image takes a few hundred. Pass
``image=True`` to get the matplotlib chart of
:func:`helpers.plots.frequency.plot_top_words` instead.
"""

from __future__ import annotations

from collections import Counter

import ipywidgets as widgets

from helpers.corpus import as_articles
from helpers.frequency import (
    concordance,
    no_hits_message,
    per_thousand,
    sort_hits,
    running_words,
    stem_forms,
    top_words_by_article,
)
from helpers.html import escape, screen_reader_only
from helpers.plots.base import PALETTE
from helpers.widgets.controls import number_box

__all__ = ["ConcordanceBox", "WordExplorer", "dispersion_strip_html", "kwic_html", "top_words_html"]

_MAX_ROWS = 200


def top_words_html(
    tops: dict[str, list],
    totals: dict[str, int],
    *,
    relative: bool = False,
    forms: dict[str, list[tuple[str, int]]] | None = None,
) -> str:
    """Bars of the top words of each article, as escaped HTML.

    Parameters
    ----------
    tops : dict
        Label → list of :class:`helpers.frequency.WordCount`.
    totals : dict
        Label → running words.
    relative : bool
        Bar lengths by rate per 1,000 words instead of count.
    forms : dict, optional
        Stem → [(word, count)], to show what a stem stands for.

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.frequency import WordCount
    >>> html = top_words_html({"A": [WordCount("<gang>", 2, 500.0)]}, {"A": 4})
    >>> "&lt;gang&gt;" in html and "<gang>" not in html
    True
    """
    values = [
        (w.per_1000 if relative else w.count) for words in tops.values() for w in words
    ]
    largest = max(values, default=1) or 1
    blocks = []
    for label, words in tops.items():
        rows = []
        for w in words:
            value = w.per_1000 if relative else w.count
            width = max(1.0, 100.0 * value / largest)
            shown = escape(w.word)
            if forms and w.word in forms:
                examples = ", ".join(f"{word} {count}" for word, count in forms[w.word][:3])
                shown += f' <span style="color:#555">({escape(examples)})</span>'
            rows.append(
                "<tr>"
                f'<td style="text-align:right;padding-right:6px">{shown}</td>'
                f'<td style="width:160px"><div style="background:{PALETTE[0]};height:0.9em;width:{width:.1f}%"></div></td>'
                f'<td style="text-align:right">{w.count}</td>'
                f'<td style="text-align:right;color:#555">{w.per_1000:.1f}</td>'
                "</tr>"
            )
        if not rows:
            rows.append('<tr><td colspan="4"><em>no words to count</em></td></tr>')
        blocks.append(
            '<div style="margin:0 18px 12px 0">'
            f"<table><caption style=\"text-align:left\"><strong>{escape(label)}</strong> "
            f"({totals.get(label, 0)} running words)</caption>"
            f'<thead><tr><th>word</th><th>{screen_reader_only("bar")}</th><th>count</th><th>per 1,000</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    return f'<div style="display:flex;flex-wrap:wrap;align-items:flex-start">{"".join(blocks)}</div>'


def kwic_html(hits: list, *, width: int = 50, limit: int = _MAX_ROWS) -> str:
    """A keyword-in-context table, keywords lined up in the middle column.

    Hovering over a row shows the whole sentence and its character offsets.

    Parameters
    ----------
    hits : list of ConcordanceLine
    width : int
        Characters of context on each side.
    limit : int
        Show at most this many rows.

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.frequency import concordance
    >>> html = kwic_html(concordance("Due <process> matters.", "process"))
    >>> "&lt;" in html and "<mark>process</mark>" in html
    True
    """
    rows = []
    for hit in hits[:limit]:
        title = f"{hit.sentence} (sentence at characters {hit.sentence_start}–{hit.sentence_end})"
        rows.append(
            f'<tr title="{escape(title)}">'
            f"<td>{escape(hit.label)}</td>"
            f'<td style="text-align:right;white-space:pre;font-family:monospace">{escape(hit.left[-width:])}</td>'
            f'<td style="font-family:monospace"><mark>{escape(hit.keyword)}</mark></td>'
            f'<td style="text-align:left;white-space:pre;font-family:monospace">{escape(hit.right[:width])}</td>'
            f'<td style="color:#555">{hit.start}–{hit.end}</td>'
            "</tr>"
        )
    more = ""
    if len(hits) > limit:
        more = f"<p>Showing the first {limit} of {len(hits)} hits.</p>"
    return (
        "<table><thead><tr><th>article</th><th>left</th><th>keyword</th><th>right</th>"
        f"<th>characters</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
    )


def dispersion_strip_html(hits: list, labels: list[str], totals: dict[str, int]) -> str:
    """One strip per article with a tick where each hit stands (0 = start, 1 = end).

    Each strip also says in words where the hits are, for screen readers.

    Parameters
    ----------
    hits : list of ConcordanceLine
    labels : list of str
        The articles to show, in order.
    totals : dict
        Label → running words (for the rate per 1,000 words).

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.frequency import concordance
    >>> hits = concordance({"A": "gang x y gang"}, "gang")
    >>> "2 hits" in dispersion_strip_html(hits, ["A"], {"A": 4})
    True
    """
    rows = []
    for label in labels:
        mine = [h for h in hits if h.label == label]
        ticks = "".join(
            f'<span style="position:absolute;left:{100 * h.position:.1f}%;top:0;width:2px;height:14px;'
            f'background:{PALETTE[5]}"></span>'
            for h in mine
        )
        where = ", ".join(f"{100 * h.position:.0f}%" for h in mine) or "none"
        rate = per_thousand(len(mine), totals.get(label, 0))
        summary = f"{label}: {len(mine)} hit{'s' if len(mine) != 1 else ''} ({rate:.1f} per 1,000 words), at {where}"
        rows.append(
            "<tr>"
            f"<td>{escape(label)}</td>"
            f'<td><div role="img" aria-label="{escape(summary)}" title="{escape(summary)}" '
            'style="position:relative;width:300px;height:14px;background:#eeeeee">'
            f"{ticks}</div></td>"
            f'<td style="color:#555">{len(mine)} hit{"s" if len(mine) != 1 else ""} · {rate:.1f} per 1,000</td>'
            "</tr>"
        )
    return (
        '<table><caption style="text-align:left">Where the hits are, from the first word (left) '
        f"to the last (right)</caption><tbody>{''.join(rows)}</tbody></table>"
    )


class WordExplorer:
    """Choose articles, stopwords, stemming and how many words; see the top words.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n : int
        How many words per article at first.
    relative : bool
        Start with bars per 1,000 words instead of counts.
    image : bool
        Draw a matplotlib chart (slower) instead of HTML bars.

    Attributes
    ----------
    articles, stopwords, stemming, number, scale : ipywidgets controls
    output : ipywidgets.HTML
        What the explorer shows; ``output.value`` is the HTML.
    widget : ipywidgets.VBox
        Everything together (shown when the explorer is displayed).

    Examples
    --------
    >>> explorer = WordExplorer({"A": "Gang gang prison.", "B": "Court court court."}, n=1)
    >>> "gang" in explorer.output.value and "court" in explorer.output.value
    True
    >>> explorer.articles.value = ("B",)
    >>> "gang" in explorer.output.value
    False
    """

    def __init__(self, corpus, n: int = 10, *, relative: bool = False, image: bool = False):
        self.corpus = as_articles(corpus)
        self.image = image
        self.totals = {a.label: running_words(a) for a in self.corpus}
        labels = [a.label for a in self.corpus]
        self.articles = widgets.SelectMultiple(
            options=[(f"{a.label}: {(a.title or a.file)[:40]}", a.label) for a in self.corpus],
            value=tuple(labels),
            description="Articles",
            rows=min(6, max(2, len(labels))),
        )
        self.stopwords = widgets.Checkbox(value=True, description="Leave out stopwords", indent=False)
        self.stemming = widgets.Checkbox(value=False, description="Group word forms by stem", indent=False)
        self.number = number_box("Words", n, 1, 40)
        self.scale = widgets.ToggleButtons(
            options=[("counts", False), ("per 1,000 words", True)], value=relative, description="Bars"
        )
        self.output = widgets.HTML()
        for control in (self.articles, self.stopwords, self.stemming, self.number, self.scale):
            control.observe(self.update, names="value")
        controls = widgets.HBox([self.articles, widgets.VBox([self.stopwords, self.stemming, self.number, self.scale])])
        self.widget = widgets.VBox([controls, self.output])
        self.chart = None
        self.update()

    def options(self) -> dict:
        """The counting options the controls stand for."""
        return {"stopwords": self.stopwords.value, "stemmer": "porter" if self.stemming.value else None}

    def update(self, change=None) -> str:
        """Recount and redraw (the callback of every control); returns the HTML shown."""
        chosen = [a for a in self.corpus if a.label in self.articles.value]
        if not chosen:
            self.output.value = "<p>Choose at least one article (Ctrl- or Cmd-click to choose several).</p>"
            return self.output.value
        options = self.options()
        n = self.number.value
        relative = self.scale.value
        what = "stopwords left out" if options["stopwords"] else "every word"
        if options["stemmer"]:
            what += ", forms grouped by stem"
        if self.image:
            from helpers.plots.frequency import plot_top_words

            self.chart = plot_top_words(chosen, n, relative=relative, **options)
            body = self.chart.to_html(dpi=72)
        else:
            tops = top_words_by_article(chosen, n, **options)
            totals = {a.label: self.totals[a.label] for a in chosen}
            forms = stem_forms(chosen, options["stemmer"], stopwords=options["stopwords"]) if options["stemmer"] else None
            firsts = "; ".join(f"{label}: {words[0].word}" for label, words in tops.items() if words)
            caption = (
                f"The {n} most frequent words of {len(chosen)} article(s) ({what}); bars show "
                f"{'rates per 1,000 running words' if relative else 'counts'}. Most frequent: {firsts or 'none'}."
            )
            body = f"<p>{escape(caption)}</p>" + top_words_html(tops, totals, relative=relative, forms=forms)
        self.output.value = body
        return body

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class ConcordanceBox:
    """Type a word or phrase; see every hit in context and where it stands.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    query : str
        A first search (optional).
    width : int
        Characters of context on each side.

    Attributes
    ----------
    query, stems, article, order : ipywidgets controls
    output : ipywidgets.HTML
    widget : ipywidgets.VBox

    Examples
    --------
    >>> box = ConcordanceBox({"A": "Due process matters.", "B": "No process here."})
    >>> box.query.value = "due process"
    >>> "<mark>Due process</mark>" in box.output.value
    True
    >>> box.query.value = "bail"
    >>> "No hits for" in box.output.value
    True
    """

    def __init__(self, corpus, query: str = "", *, width: int = 50):
        self.corpus = as_articles(corpus)
        self.width = width
        self.totals = {a.label: running_words(a) for a in self.corpus}
        self.query = widgets.Text(
            value=query,
            placeholder="a word, a phrase, or the start of a word and * (deport*)",
            description="Search",
            continuous_update=False,
            layout=widgets.Layout(width="420px"),
        )
        self.stems = widgets.Checkbox(value=False, description="Match by stem", indent=False)
        self.article = widgets.Dropdown(
            options=[("all articles", "")] + [(f"{a.label}: {(a.title or a.file)[:40]}", a.label) for a in self.corpus],
            value="",
            description="In",
        )
        self.order = widgets.Dropdown(
            options=[("text order", "text"), ("word after", "right"), ("word before", "left")],
            value="text",
            description="Sort by",
        )
        self.output = widgets.HTML()
        for control in (self.query, self.stems, self.article, self.order):
            control.observe(self.search, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.query, self.stems]), widgets.HBox([self.article, self.order]), self.output]
        )
        self.hits: list = []
        self.search()

    def search(self, change=None) -> str:
        """Search again (the callback of every control); returns the HTML shown."""
        query = self.query.value.strip()
        self.hits = []
        if not query:
            self.output.value = "<p>Type a word or a phrase and press Enter.</p>"
            return self.output.value
        articles = [a for a in self.corpus if not self.article.value or a.label == self.article.value]
        try:
            hits = concordance(articles, query, stems=self.stems.value, width=self.width)
        except ValueError as error:
            self.output.value = f"<p>{escape(error)}</p>"
            return self.output.value
        hits = sort_hits(hits, self.order.value)
        self.hits = hits
        if not hits:
            self.output.value = f"<p>{escape(no_hits_message(articles, query, stems=self.stems.value))}</p>"
            return self.output.value
        per_article = Counter(h.label for h in hits)
        found_in = sum(1 for a in articles if per_article[a.label])
        summary = (
            f"{len(hits)} hit{'s' if len(hits) != 1 else ''} for “{query}” in {found_in} of "
            f"{len(articles)} article(s). Hover over a row to read the whole sentence."
        )
        labels = [a.label for a in articles]
        self.output.value = (
            f"<p>{escape(summary)}</p>"
            + dispersion_strip_html(hits, labels, self.totals)
            + kwic_html(hits, width=self.width)
        )
        return self.output.value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
